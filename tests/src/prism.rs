//! Starting and stopping the Prism mock server.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::HarnessError;

/// How many Prism log lines are kept for failure reports.
const LOG_CAPACITY: usize = 2000;

/// Wrapper run by `sh`: starts Prism in the background and stops it as soon as the
/// harness goes away (its stdin pipe reaches EOF), even when the harness was killed or the
/// `Prism` value lives in a `static` that is never dropped. `$1` = prism binary,
/// `$2` = spec file, `$3` = port.
const WRAPPER: &str = r#"
exec 3<&0
"$1" mock "$2" -h 127.0.0.1 -p "$3" </dev/null 2>&1 &
pid=$!
( cat <&3 >/dev/null; kill "$pid" 2>/dev/null ) &
exec 3<&-
wait "$pid"
"#;

/// Options for [`Prism::start`].
#[derive(Debug, Clone)]
pub struct PrismOptions {
    /// Serve a copy of the spec whose path keys all start with this prefix (e.g. `/rest`
    /// or `/2.0`). Prism ignores the path part of `servers[].url`, so without a prefix
    /// Cloud answers at `/repositories/...` and Data Center at `/api/latest/...`.
    pub path_prefix: Option<String>,
    /// How long to wait for Prism to report that it listens.
    pub startup_timeout: Duration,
    /// `(pattern, example)` pairs: every string schema with exactly this `pattern` and no
    /// `example` gets the example in the served copy. Prism's static mode ignores patterns
    /// when it makes up values (it answers `"string"`), so its responses would violate the
    /// spec they come from.
    pub pattern_examples: Vec<(String, String)>,
    /// `(JSON pointer, example)` pairs: the schema at the pointer gets this `example` in the
    /// served copy (e.g. `[]` for a recursive `parents` array, where Prism's static mode would
    /// otherwise put a `null` item at its recursion limit).
    pub examples_at: Vec<(String, serde_json::Value)>,
}

impl Default for PrismOptions {
    fn default() -> Self {
        Self {
            path_prefix: None,
            startup_timeout: Duration::from_secs(60),
            pattern_examples: Vec::new(),
            examples_at: Vec::new(),
        }
    }
}

impl PrismOptions {
    /// Sets [`PrismOptions::path_prefix`].
    pub fn path_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.path_prefix = Some(prefix.into());
        self
    }

    /// Adds a [`PrismOptions::pattern_examples`] pair.
    pub fn pattern_example(
        mut self,
        pattern: impl Into<String>,
        example: impl Into<String>,
    ) -> Self {
        self.pattern_examples.push((pattern.into(), example.into()));
        self
    }

    /// Adds a [`PrismOptions::examples_at`] pair.
    pub fn example_at(mut self, pointer: impl Into<String>, example: serde_json::Value) -> Self {
        self.examples_at.push((pointer.into(), example));
        self
    }

    fn needs_copy(&self) -> bool {
        self.path_prefix.is_some()
            || !self.pattern_examples.is_empty()
            || !self.examples_at.is_empty()
    }

    /// Sets [`PrismOptions::startup_timeout`].
    pub fn startup_timeout(mut self, timeout: Duration) -> Self {
        self.startup_timeout = timeout;
        self
    }
}

/// A running `prism mock` process (static mode, request validation on), stopped on drop.
pub struct Prism {
    child: Child,
    stdin: Option<ChildStdin>,
    port: u16,
    log: Arc<Mutex<VecDeque<String>>>,
    exited: Arc<std::sync::atomic::AtomicBool>,
    startup: Duration,
    stopped: bool,
    spec: PathBuf,
    _spec_copy: Option<tempfile::TempDir>,
}

impl std::fmt::Debug for Prism {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prism")
            .field("url", &self.url())
            .field("spec", &self.spec)
            .field("startup", &self.startup)
            .finish_non_exhaustive()
    }
}

/// Path of the pinned Prism binary installed by `npm ci --prefix tests`.
pub fn prism_bin() -> Result<PathBuf, HarnessError> {
    let bin = crate::repo_root()
        .join("tests")
        .join("node_modules")
        .join(".bin")
        .join("prism");
    if bin.exists() {
        Ok(bin)
    } else {
        Err(HarnessError::PrismMissing(bin))
    }
}

fn free_port() -> Result<u16, HarnessError> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(HarnessError::Io)?;
    Ok(listener.local_addr().map_err(HarnessError::Io)?.port())
}

/// Writes the copy of `spec` that `opts` asks for (path prefix, pattern examples).
fn served_copy(
    spec: &Path,
    opts: &PrismOptions,
) -> Result<(tempfile::TempDir, PathBuf), HarnessError> {
    let mut doc = crate::spec::read_json(spec)?;
    if let Some(prefix) = &opts.path_prefix {
        let prefix = format!("/{}", prefix.trim_matches('/'));
        if let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) {
            let old = std::mem::take(paths);
            for (k, v) in old {
                paths.insert(format!("{prefix}{k}"), v);
            }
        }
    }
    for (pattern, example) in &opts.pattern_examples {
        add_pattern_examples(&mut doc, pattern, example);
    }
    for (pointer, example) in &opts.examples_at {
        match doc.pointer_mut(pointer).and_then(|v| v.as_object_mut()) {
            Some(schema) => {
                schema.insert("example".into(), example.clone());
            }
            None => {
                return Err(HarnessError::Spec(format!(
                    "{}: no schema object at {pointer}",
                    spec.display()
                )));
            }
        }
    }
    let dir = tempfile::tempdir().map_err(HarnessError::Io)?;
    let file = dir.path().join(
        spec.file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| "spec.json".into()),
    );
    let bytes = serde_json::to_vec(&doc).map_err(|e| HarnessError::Spec(e.to_string()))?;
    std::fs::write(&file, bytes).map_err(HarnessError::Io)?;
    Ok((dir, file))
}

/// Sets `example` on every schema object with this `pattern` and no example; returns how
/// many it changed.
pub fn add_pattern_examples(doc: &mut serde_json::Value, pattern: &str, example: &str) -> usize {
    use serde_json::Value;
    let mut changed = 0;
    let mut stack: Vec<&mut Value> = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                if map.get("pattern").and_then(Value::as_str) == Some(pattern)
                    && !map.contains_key("example")
                {
                    map.insert("example".into(), Value::String(example.to_string()));
                    changed += 1;
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
    changed
}

impl Prism {
    /// Starts Prism on `spec` and waits until it listens. Panics with a readable message on
    /// failure (this is test code: a missing Prism must fail the test, never skip it).
    pub fn start(spec: impl AsRef<Path>, opts: PrismOptions) -> Prism {
        match Self::try_start(spec, opts) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        }
    }

    /// Like [`Prism::start`], returning the error instead of panicking.
    pub fn try_start(spec: impl AsRef<Path>, opts: PrismOptions) -> Result<Prism, HarnessError> {
        let bin = prism_bin()?;
        let spec = spec.as_ref();
        if !spec.exists() {
            return Err(HarnessError::SpecMissing(spec.to_path_buf()));
        }
        let (copy, served) = if opts.needs_copy() {
            let (dir, file) = served_copy(spec, &opts)?;
            (Some(dir), file)
        } else {
            (None, spec.to_path_buf())
        };
        // A port picked by binding :0 may be taken again before Prism binds it: retry.
        let mut last = None;
        for _ in 0..3 {
            match Self::spawn_once(&bin, &served, &opts) {
                Ok(mut p) => {
                    p._spec_copy = copy;
                    return Ok(p);
                }
                Err(e @ HarnessError::PortInUse(_)) => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| HarnessError::Startup("no attempt made".into())))
    }

    fn spawn_once(bin: &Path, spec: &Path, opts: &PrismOptions) -> Result<Prism, HarnessError> {
        use std::os::unix::process::CommandExt;
        let port = free_port()?;
        let began = Instant::now();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(WRAPPER)
            .arg("prism-wrapper")
            .arg(bin)
            .arg(spec)
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .map_err(HarnessError::Io)?;
        let stdin = child.stdin.take();
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| HarnessError::Startup("no stdout pipe".into()))?;
        let log = Arc::new(Mutex::new(VecDeque::with_capacity(256)));
        let (ready_tx, ready_rx) = mpsc::channel::<()>();
        let exited = Arc::new(std::sync::atomic::AtomicBool::new(false));
        {
            let log = Arc::clone(&log);
            let exited = Arc::clone(&exited);
            std::thread::Builder::new()
                .name(format!("prism-log-{port}"))
                .spawn(move || {
                    let mut ready = Some(ready_tx);
                    for line in BufReader::new(stdout).lines() {
                        let Ok(line) = line else { break };
                        if line.contains("Prism is listening")
                            && let Some(tx) = ready.take()
                        {
                            let _ = tx.send(());
                        }
                        if let Ok(mut l) = log.lock() {
                            if l.len() == LOG_CAPACITY {
                                l.pop_front();
                            }
                            l.push_back(line);
                        }
                    }
                    // Output closed: Prism exited (or crashed).
                    exited.store(true, std::sync::atomic::Ordering::SeqCst);
                })
                .map_err(HarnessError::Io)?;
        }
        let mut prism = Prism {
            child,
            stdin,
            port,
            log,
            exited,
            startup: Duration::ZERO,
            stopped: false,
            spec: spec.to_path_buf(),
            _spec_copy: None,
        };
        let deadline = began + opts.startup_timeout;
        loop {
            match ready_rx.recv_timeout(Duration::from_millis(100)) {
                Ok(()) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    // Output closed without the ready line: Prism exited.
                    let _ = prism.child.wait();
                    let tail = prism.log_tail(30);
                    if tail.contains("EADDRINUSE") {
                        return Err(HarnessError::PortInUse(port));
                    }
                    return Err(HarnessError::Startup(format!(
                        "prism exited before listening; last output:\n{tail}"
                    )));
                }
            }
            if Instant::now() > deadline {
                return Err(HarnessError::Startup(format!(
                    "prism did not listen within {:?}; last output:\n{}",
                    opts.startup_timeout,
                    prism.log_tail(30)
                )));
            }
        }
        // The log line comes right before the socket accepts; confirm with a connect.
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if Instant::now() > deadline {
                return Err(HarnessError::Startup(format!(
                    "prism logged readiness but port {port} refuses connections"
                )));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        prism.startup = began.elapsed();
        Ok(prism)
    }

    /// Base URL of the mock server, without trailing slash: `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The TCP port Prism listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// How long Prism took from spawn to accepting connections.
    pub fn startup_time(&self) -> Duration {
        self.startup
    }

    /// The spec file Prism serves (a prefixed copy when [`PrismOptions::path_prefix`] is set).
    pub fn spec_path(&self) -> &Path {
        &self.spec
    }

    /// The last `n` lines Prism printed (requests, violations), joined by newlines.
    pub fn log_tail(&self, n: usize) -> String {
        let Ok(log) = self.log.lock() else {
            return String::new();
        };
        let skip = log.len().saturating_sub(n);
        log.iter()
            .skip(skip)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Whether Prism is still running (it exits on its own only when it crashes, e.g. on a
    /// multipart part without `Content-Type`).
    pub fn is_running(&self) -> bool {
        !self.stopped && !self.exited.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Panics with Prism's last output when it is no longer running: call after a batch of
    /// requests so a crash is reported as such rather than as "connection refused" failures.
    pub fn assert_running(&self) {
        if !self.is_running() {
            panic!(
                "Prism is no longer running (crashed?); last output:\n{}",
                self.log_tail(40)
            );
        }
    }

    /// Stops Prism now (also done on drop).
    pub fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        // Closing stdin makes the wrapper kill Prism; the group kill is belt and braces.
        self.stdin.take();
        let pgid = self.child.id();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pgid}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        // Prism (a grandchild) dies asynchronously: wait until its port is closed.
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline
            && TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_ok()
        {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        self.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_examples_fill_only_matching_schemas_without_example() {
        let mut doc = serde_json::json!({
            "a": {"type": "string", "pattern": "[0-9a-f]{7,}?"},
            "b": [{"type": "string", "pattern": "[0-9a-f]{7,}?", "example": "keep"}],
            "c": {"type": "string", "pattern": "other"}
        });
        assert_eq!(
            add_pattern_examples(&mut doc, "[0-9a-f]{7,}?", "abcdef1"),
            1
        );
        assert_eq!(doc["a"]["example"], "abcdef1");
        assert_eq!(doc["b"][0]["example"], "keep");
        assert!(doc["c"].get("example").is_none());
    }

    #[test]
    fn missing_prism_says_how_to_install() {
        let msg = HarnessError::PrismMissing(PathBuf::from("/x/prism")).to_string();
        assert!(msg.contains("npm ci --prefix tests"), "{msg}");
    }
}
