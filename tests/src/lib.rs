//! Harness for the conformance tests: runs the pinned Prism mock server on the project's
//! OpenAPI specs (`openapi/`), enumerates their operations, builds valid sample requests from
//! the schemas, and tallies which operations a test exercised.
//!
//! Prism is installed by `npm ci --prefix tests` (or `tests/install-prism.sh`); a missing
//! install fails the tests with that instruction instead of skipping them.

pub mod codegen;
pub mod prism;
pub mod spec;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

pub use prism::{Prism, PrismOptions, add_pattern_examples, prism_bin};
pub use spec::{Location, Operation, Parameter, SampleRequest, Spec};

/// Everything that can go wrong while setting up a conformance run.
#[derive(Debug)]
pub enum HarnessError {
    /// `tests/node_modules/.bin/prism` is absent.
    PrismMissing(PathBuf),
    /// The spec file is absent.
    SpecMissing(PathBuf),
    /// The spec could not be read or parsed.
    Spec(String),
    /// The chosen port was taken before Prism bound it.
    PortInUse(u16),
    /// Prism did not come up.
    Startup(String),
    /// An I/O error.
    Io(std::io::Error),
}

impl std::fmt::Display for HarnessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HarnessError::PrismMissing(p) => write!(
                f,
                "Prism is not installed ({} is missing): run `npm ci --prefix tests` \
                 (or `tests/install-prism.sh`) from the repository root",
                p.display()
            ),
            HarnessError::SpecMissing(p) => write!(
                f,
                "spec {} is missing: run `cargo xtask openapi import` to produce the project's specs",
                p.display()
            ),
            HarnessError::Spec(m) => write!(f, "bad spec: {m}"),
            HarnessError::PortInUse(p) => write!(f, "port {p} already in use"),
            HarnessError::Startup(m) => write!(f, "prism failed to start: {m}"),
            HarnessError::Io(e) => write!(f, "i/o error: {e}"),
        }
    }
}

impl std::error::Error for HarnessError {}

/// Runs an async test body on its own thread with a 64 MiB stack and a two-worker runtime.
///
/// A debug build gives an async fn a stack slot for every temporary of every await point, so a
/// body awaiting hundreds of SDK calls in a row outgrows the 2 MiB of a test thread. A panic in
/// the body fails the test as usual.
pub fn run_on_large_stack<F, Fut>(body: F)
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()>,
{
    let thread = std::thread::Builder::new()
        .name("large-stack-test".to_owned())
        .stack_size(64 << 20)
        .spawn(move || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime")
                .block_on(body())
        })
        .expect("spawn the test thread");
    if let Err(panic) = thread.join() {
        std::panic::resume_unwind(panic);
    }
}

/// The repository root (parent of this package's folder).
pub fn repo_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// The project's Cloud spec: `<repo>/openapi/bitbucket-cloud.json`.
pub fn cloud_spec_path() -> PathBuf {
    repo_root().join("openapi").join("bitbucket-cloud.json")
}

/// The project's Data Center spec: `<repo>/openapi/bitbucket-dc.json`.
pub fn dc_spec_path() -> PathBuf {
    repo_root().join("openapi").join("bitbucket-dc.json")
}

/// Loads a spec, panicking with a readable message (test code).
pub fn load_spec(path: impl AsRef<Path>) -> Spec {
    match Spec::load(path) {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// The outcome of calling one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Called and the result was as expected.
    Passed,
    /// Called and the result was wrong (with the reason).
    Failed(String),
    /// Deliberately not called (with the reason).
    Skipped(String),
}

/// Tallies which operations of a spec a conformance run exercised.
#[derive(Debug)]
pub struct Coverage {
    label: String,
    total: usize,
    known: Vec<String>,
    results: Mutex<BTreeMap<String, Outcome>>,
}

impl Coverage {
    /// A tally for `label` (e.g. `"cloud"`) over every operation of `spec`.
    pub fn new(label: impl Into<String>, spec: &Spec) -> Coverage {
        let known: Vec<String> = spec.operations().iter().map(Operation::key).collect();
        Coverage {
            label: label.into(),
            total: known.len(),
            known,
            results: Mutex::new(BTreeMap::new()),
        }
    }

    /// Records an outcome for `key` (`"METHOD /path"`). A later `Passed` never hides an
    /// earlier failure of the same operation.
    pub fn record(&self, key: impl Into<String>, outcome: Outcome) {
        let key = key.into();
        let Ok(mut r) = self.results.lock() else {
            return;
        };
        match r.get(&key) {
            Some(Outcome::Failed(_)) if outcome == Outcome::Passed => {}
            _ => {
                r.insert(key, outcome);
            }
        }
    }

    /// Records `Passed` for `key` when `result` is `Ok`, else `Failed` with the error text.
    pub fn check<T, E: std::fmt::Display>(&self, key: impl Into<String>, result: &Result<T, E>) {
        match result {
            Ok(_) => self.record(key, Outcome::Passed),
            Err(e) => self.record(key, Outcome::Failed(e.to_string())),
        }
    }

    /// The outcome recorded for `key`, if any.
    pub fn outcome(&self, key: &str) -> Option<Outcome> {
        self.results.lock().ok().and_then(|r| r.get(key).cloned())
    }

    /// Like [`Coverage::check`] for SDK results: a failure's text adds Prism's request
    /// violations (`sl-violations`) and problem detail when the error carries a response.
    pub fn check_sdk<T>(&self, key: impl Into<String>, result: &bitbucket_core::Result<T>) {
        match result {
            Ok(_) => self.record(key, Outcome::Passed),
            Err(e) => self.record(key, Outcome::Failed(describe_error(e))),
        }
    }

    /// Number of operations in the spec.
    pub fn total(&self) -> usize {
        self.total
    }

    /// Keys recorded that are not operations of the spec (typos in a call table).
    pub fn unknown_keys(&self) -> Vec<String> {
        let Ok(r) = self.results.lock() else {
            return Vec::new();
        };
        r.keys()
            .filter(|k| !self.known.contains(k))
            .cloned()
            .collect()
    }

    /// Operations that passed.
    pub fn passed(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Passed))
    }

    /// Failed operations with their reasons.
    pub fn failures(&self) -> Vec<(String, String)> {
        let Ok(r) = self.results.lock() else {
            return Vec::new();
        };
        r.iter()
            .filter_map(|(k, o)| match o {
                Outcome::Failed(why) => Some((k.clone(), why.clone())),
                _ => None,
            })
            .collect()
    }

    /// Skipped operations with their reasons.
    pub fn skipped(&self) -> Vec<(String, String)> {
        let Ok(r) = self.results.lock() else {
            return Vec::new();
        };
        r.iter()
            .filter_map(|(k, o)| match o {
                Outcome::Skipped(why) => Some((k.clone(), why.clone())),
                _ => None,
            })
            .collect()
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.results
            .lock()
            .map(|r| r.values().filter(|o| f(o)).count())
            .unwrap_or(0)
    }

    /// The summary line, e.g. `cloud conformance: 240/331 operations exercised`, followed by
    /// failures and skips.
    pub fn report(&self) -> String {
        let mut out = format!(
            "{} conformance: {}/{} operations exercised",
            self.label,
            self.passed(),
            self.total
        );
        let failures = self.failures();
        if !failures.is_empty() {
            out.push_str(&format!("\n  {} failed:", failures.len()));
            for (k, why) in failures {
                out.push_str(&format!("\n    {k}: {}", truncate(&why, 400)));
            }
        }
        let skipped = self.skipped();
        if !skipped.is_empty() {
            out.push_str(&format!("\n  {} skipped:", skipped.len()));
            for (k, why) in skipped {
                out.push_str(&format!("\n    {k}: {why}"));
            }
        }
        out
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.len() <= n {
        return s.to_string();
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}

/// Sends a [`SampleRequest`] with plain reqwest to `base` (e.g. [`Prism::url`]) and returns
/// the status, the `sl-violations` header (Prism's validation report) and the body.
pub async fn send_raw(
    http: &reqwest::Client,
    base: &str,
    req: &SampleRequest,
    authorization: Option<&str>,
) -> Result<(reqwest::StatusCode, Option<String>, String), reqwest::Error> {
    let url = format!("{}{}", base.trim_end_matches('/'), req.path_and_query());
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap_or(reqwest::Method::GET);
    let mut b = http.request(method, url);
    for (k, v) in &req.headers {
        b = b.header(k, v);
    }
    if let Some(a) = authorization {
        b = b.header("authorization", a);
    }
    if let Some((ct, body)) = &req.body {
        let ct = if ct == "*/*" {
            "application/json"
        } else {
            ct.as_str()
        };
        b = b.header("content-type", ct).body(body.to_string());
    }
    let resp = b.send().await?;
    let status = resp.status();
    let violations = resp
        .headers()
        .get("sl-violations")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body = resp.text().await?;
    Ok((status, violations, body))
}

/// Whether a Prism `sl-violations` header reports a problem with the request (as opposed to
/// the spec's own example response, which Prism also reports).
pub fn request_violations(header: Option<&str>) -> Vec<String> {
    let Some(h) = header else { return Vec::new() };
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str::<serde_json::Value>(h) else {
        return vec![h.to_string()];
    };
    items
        .iter()
        .filter(|v| v.pointer("/location/0").and_then(|l| l.as_str()) == Some("request"))
        .map(|v| {
            v.get("message")
                .and_then(|m| m.as_str())
                .unwrap_or("?")
                .to_string()
        })
        .collect()
}

/// When a Prism response is an error Prism made up because it cannot mock the declared
/// response (binary media types, schemas too complex to generate), the reason; the request
/// itself passed validation in that case.
pub fn prism_limitation(status: u16, body: &str) -> Option<String> {
    if status != 500 {
        return None;
    }
    if body.contains("Cannot find serializer") {
        let what = body
            .split("Cannot find serializer for ")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("this media type");
        return Some(format!("Prism cannot mock a {what} response body"));
    }
    if body.contains("SCHEMA_TOO_COMPLEX") {
        return Some("Prism cannot generate this response schema (too complex)".into());
    }
    None
}

/// An SDK error as text, with Prism's validation report when the error carries a response.
pub fn describe_error(e: &bitbucket_core::Error) -> String {
    let mut text = truncate(&e.to_string(), 300);
    if let Some(resp) = e.response() {
        let header = resp
            .headers
            .get("sl-violations")
            .and_then(|v| v.to_str().ok());
        let violations = request_violations(header);
        if !violations.is_empty() {
            text.push_str(&format!(" | request violations: {violations:?}"));
        } else if let Ok(body) = serde_json::from_slice::<serde_json::Value>(&resp.body)
            && let Some(items) = body.get("validation").and_then(|v| v.as_array())
        {
            // Prism's 422 problem body lists the violations itself.
            let msgs: Vec<&str> = items
                .iter()
                .filter_map(|i| i.get("message").and_then(|m| m.as_str()))
                .collect();
            text = format!("{} {}: request violations: {msgs:?}", resp.status, "Prism");
        } else if let Ok(body) = std::str::from_utf8(&resp.body)
            && body.contains("stoplight.io/prism/errors")
        {
            text.push_str(&format!(" | prism: {}", truncate(body, 600)));
        }
    }
    text
}
