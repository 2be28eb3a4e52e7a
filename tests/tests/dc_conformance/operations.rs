//! The operations page, `docs/dc-operations.md`: every Data Center operation with the call
//! chain that builds its request. The chains are the `call!` lines of this test, recorded as they
//! run: a run that only builds each request (no server) renders the page, and the
//! `dc_operations_page` test fails when the committed page differs from it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use bitbucket_conformance::Coverage;
use bitbucket_dc::ledger::{Endpoint, Method};

/// The page, relative to the repository root.
pub const PAGE: &str = "docs/dc-operations.md";

/// The command that rewrites the page.
pub const REGENERATE: &str = "cargo xtask dc-operations";

/// What the `call!` lines run against: a Prism run's coverage (each builder is sent and its
/// outcome recorded) or nothing (each builder is only built). Either way each call's chain is
/// recorded under the builder's endpoint.
pub struct Calls<'a> {
    sending: Option<&'a Coverage>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Names bound with `bind!` (or `cov.bind` in a loop) and the chain each stands for.
    bound: BTreeMap<String, String>,
    /// `(path, method)` -> the chain of the first call of that endpoint.
    chains: BTreeMap<(&'static str, Method), String>,
}

impl<'a> Calls<'a> {
    /// Calls that are sent, with their outcomes recorded in `coverage`.
    pub fn sending(coverage: &'a Coverage) -> Self {
        Calls {
            sending: Some(coverage),
            state: Mutex::default(),
        }
    }

    /// Calls that are only built.
    pub fn building() -> Self {
        Calls {
            sending: None,
            state: Mutex::default(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Binds `name` (a handle variable) to the chain `source` (the `stringify!` text of its value).
    pub fn bind(&self, name: &str, source: &str) {
        let mut state = self.state();
        let chain = one_line(source, &state.bound);
        state.bound.insert(name.to_owned(), chain);
    }

    /// Records the chain `source` (the `stringify!` text of a builder) under `endpoint`; the
    /// coverage to record the outcome in when this run sends.
    pub fn record(&self, endpoint: Endpoint, source: &str) -> Option<&'a Coverage> {
        let mut state = self.state();
        let chain = one_line(source, &state.bound);
        state
            .chains
            .entry((endpoint.path, endpoint.method))
            .or_insert(chain);
        self.sending
    }

    /// The page's text, or what keeps it from covering every endpoint of the registry with a
    /// chain that starts at the client.
    pub fn page(&self) -> Result<String, Vec<String>> {
        let state = self.state();
        let registry: std::collections::BTreeSet<(&str, Method)> = bitbucket_dc::endpoints()
            .iter()
            .map(|e| (e.path, e.method))
            .collect();
        let mut problems = Vec::new();
        for e in bitbucket_dc::endpoints() {
            if !state.chains.contains_key(&(e.path, e.method)) {
                problems.push(format!(
                    "{e}: no `call!` line; add one to tests/tests/dc_conformance.rs"
                ));
            }
        }
        let mut rows = String::new();
        for ((path, method), chain) in &state.chains {
            let key = format!("{method} {path}");
            if !registry.contains(&(*path, *method)) {
                problems.push(format!("{key}: a builder's endpoint the registry lacks"));
            }
            if !chain.starts_with("dc.") {
                problems.push(format!(
                    "{key}: `{chain}` does not start at `dc`; bind the handle it starts from with `bind!`"
                ));
            }
            rows.push_str(&format!("| `{key}` | `{}` |\n", chain.replace('|', "\\|")));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(format!("{HEADER}| Operation | Call |\n|---|---|\n{rows}",))
    }
}

const HEADER: &str = "# Data Center operations

<!-- Generated from the `call!` lines of tests/tests/dc_conformance.rs and its modules; do not edit by hand. Regenerate with `cargo xtask dc-operations`. -->

Every operation of the Data Center REST API that `bitbucket-dc` implements, with the Rust that
builds its request. Each row gives the operation as the API reference names it (method and path
template, relative to the REST root `{base}/rest`) and a call on a `bitbucket_dc::Client` named
`dc` that returns the request builder. The argument values (project `PRJ`, repository `web`,
user `jdoe`, ids such as `1`) are examples; types named in arguments (`Permission`,
`RefMatcher`, ...) come from `bitbucket_dc` and its modules. Optional parameters appear as the
setters some rows chain after the builder. Finish a call with `.send().await?`; paged lists
also offer `.stream()` (see [the Data Center guide](data-center.md)).

Rows are sorted by path, then method: look an endpoint up by its path, or a builder method up by
its name.

";

/// `stringify!` output on one line: line breaks become single spaces (none after an opening or
/// before a closing bracket, a `.` or a `,`), trailing commas go, and each bound name in a value
/// position becomes the chain it stands for. String literals are copied as they are.
fn one_line(source: &str, bound: &BTreeMap<String, String>) -> String {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = String::new();
    let mut i = 0;
    while let Some(ch) = at(i) {
        if ch == '"' {
            let start = i;
            i += 1;
            while let Some(c) = at(i) {
                i += if c == '\\' { 2 } else { 1 };
                if c == '"' {
                    break;
                }
            }
            out.extend(&chars[start..i.min(chars.len())]);
        } else if ch.is_whitespace() {
            while at(i).is_some_and(char::is_whitespace) {
                i += 1;
            }
            let prev = out.chars().last();
            let next = at(i);
            let tight = matches!(prev, None | Some('(' | '['))
                || matches!(next, None | Some(')' | ']' | ','))
                || (next == Some('.') && at(i + 1) != Some('.'));
            if !tight {
                out.push(' ');
            }
        } else if ch == ',' {
            i += 1;
            let mut j = i;
            while at(j).is_some_and(char::is_whitespace) {
                j += 1;
            }
            if !matches!(at(j), Some(')' | ']' | '}')) {
                out.push(',');
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while at(i).is_some_and(|c| c.is_alphanumeric() || c == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let mut j = i;
            while at(j).is_some_and(char::is_whitespace) {
                j += 1;
            }
            let before = out.trim_end();
            let value = !before.ends_with('.')
                && !before.ends_with("::")
                && !matches!(at(j), Some(':' | '(' | '!' | '{'));
            match bound.get(&word) {
                Some(chain) if value => out.push_str(chain),
                _ => out.push_str(&word),
            }
        } else {
            out.push(ch);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_and_resolves_bound_names() {
        let bound = BTreeMap::from([
            ("web".to_owned(), "dc.repo(\"PRJ\", \"web\")".to_owned()),
            ("c".to_owned(), "\"8d51\"".to_owned()),
        ]);
        assert_eq!(
            one_line(
                "web.set(MailConfiguration\n{\n    port: Some(587), c: c,\n    ..Default::default()\n}).get(c,\n\"web\",)\n.x()",
                &bound
            ),
            "dc.repo(\"PRJ\", \"web\").set(MailConfiguration { port: Some(587), c: \"8d51\", ..Default::default() }).get(\"8d51\", \"web\").x()"
        );
        assert_eq!(
            one_line("x.web().c::d(\"c, )\\\" web\")", &bound),
            "x.web().c::d(\"c, )\\\" web\")"
        );
    }
}
