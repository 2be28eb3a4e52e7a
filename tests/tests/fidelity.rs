//! Leaf fidelity of the typed models against response bodies that real servers sent.
//!
//! The corpus (`tests/corpus/{cloud,dc}/*.json`, format in `tests/corpus/README.md`) holds bodies
//! published independently of the OpenAPI specs. Each `decode` entry names a part of a body and
//! the SDK type its operation returns. The part is decoded into that type exactly as the SDK
//! does (`serde_json::from_slice`), serialized back to JSON, and the two trees are compared:
//!
//! - a *leaf* is a non-null string, number or boolean of the original, at its JSON path (arrays
//!   by index); nulls and empty arrays or objects count for nothing;
//! - a leaf is *kept* when the re-serialized tree holds an equal value at the same path: same
//!   string or boolean, numerically equal numbers (`1` == `1.0`), timestamps equal as instants
//!   (RFC 3339 strings of any precision or offset, epoch milliseconds against a date string);
//! - *fidelity* is kept / leaves: the share of what the server sent that a user can still reach
//!   through the typed value. A field the model lacks, or renames, shows up as lost.
//!
//! The report lists fidelity per type and pooled per API, and the most-lost path patterns per
//! type (`FIDELITY_VERBOSE=1` lists every lost leaf). The test fails on any decode failure, on an
//! unregistered type name, and when pooled fidelity falls below the ratchet constants below.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};

/// Pooled Cloud fidelity may not drop below this (raise it as the models improve).
const CLOUD_MIN: f64 = 1.000;
/// Pooled Data Center fidelity may not drop below this (raise it as the models improve).
const DC_MIN: f64 = 0.998;
/// Corpus bodies (files) each API must have (the goal is 60).
const MIN_BODIES: usize = 60;

/// Decodes bytes into one SDK type and serializes the result back to a JSON tree.
type Decoder = fn(&[u8]) -> Result<Value, String>;

/// The APIs, named as their corpus folders.
const APIS: [Api; 2] = ["cloud", "dc"];
type Api = &'static str;

/// Registers corpus type names: Cloud names are `bitbucket_cloud::types::NAME`, DC names are
/// paths under `bitbucket_dc`, and DC pages are `page:PATH` (`bitbucket_dc::Page<PATH>`), or,
/// for listings whose `send()` returns a richer page type, `page:PATH` => that type.
macro_rules! registry {
    (
        cloud: [$($c:ident),* $(,)?],
        dc: [$($($d:ident)::+),* $(,)?],
        dc_pages: [$($($p:ident)::+),* $(,)?],
        dc_richer_pages: [$($($i:ident)::+ => $($r:ident)::+),* $(,)?] $(,)?
    ) => {
        const REGISTRY: &[(Api, &str, Decoder)] = &[
            $(("cloud", stringify!($c), decode::<bitbucket_cloud::types::$c>),)*
            $(("dc", stringify!($($d)::+), decode::<bitbucket_dc::$($d)::+>),)*
            $((
                "dc",
                concat!("page:", stringify!($($p)::+)),
                decode_dc_page::<bitbucket_dc::$($p)::+>,
            ),)*
            $((
                "dc",
                concat!("page:", stringify!($($i)::+)),
                decode::<bitbucket_dc::$($r)::+>,
            ),)*
        ];
    };
}

registry! {
    cloud: [
        Account, Branch, Commit, CommitFile, Commitstatus, Deployment, Issue, IssueComment,
        PaginatedAccounts, PaginatedBranches, PaginatedChangeset, PaginatedDiffstats,
        PaginatedIssues, PaginatedPipelineSteps, PaginatedPipelines, PaginatedPullrequestComments,
        PaginatedPullrequests, PaginatedRepositories, PaginatedRepositoryGroupPermissions,
        PaginatedRepositoryPermissions, PaginatedRepositoryUserPermissions, PaginatedSnippets,
        PaginatedTreeentries, PaginatedValues, PaginatedWebhookSubscriptions,
        PaginatedWorkspaceMemberships, PaginatedWorkspaces, Pipeline, PipelineStep, Project,
        Pullrequest, PullrequestComment, PullrequestEndpoint, Repository,
        RepositoryGroupPermission, RepositoryPermission, RepositoryUserPermission, Snippet, Tag,
        WebhookSubscription, Workspace, WorkspaceMembership,
    ],
    dc: [
        branches::Branch, branches::MinimalRef, branches::Tag, commits::Commit, commits::Diff,
        common::Project, common::User, content::Browse, default_reviewers::ReviewerCondition,
        insights::Annotations, insights::Report, pull_requests::Activity, pull_requests::Comment,
        pull_requests::Mergeability, pull_requests::Participant, pull_requests::PullRequest,
        repo_extras::RefChange, repos::Repository, settings::PullRequestSettings,
        settings::RepositoryHook, system::ApplicationProperties,
    ],
    dc_pages: [
        access_tokens::AccessToken, branch_permissions::RefRestriction, branches::Branch,
        branches::Tag, builds::BuildStatus, commits::Change, common::DetailedUser, common::Group,
        common::PermittedGroup, common::PermittedUser, common::Project, common::User,
        content::FilePath, insights::Report, keys::AccessKey, pull_requests::Activity,
        pull_requests::Comment, pull_requests::Participant, pull_requests::PullRequest,
        repos::Label, repos::Repository, settings::RepositoryHook, webhooks::Webhook,
    ],
    dc_richer_pages: [
        commits::Commit => commits::CommitPage,
    ],
}

/// The registry with names as the corpus writes them (`stringify!` spaces out `::`).
fn registry() -> impl Iterator<Item = (Api, String, Decoder)> {
    REGISTRY
        .iter()
        .map(|(a, n, d)| (*a, n.replace(' ', ""), *d))
}

/// Decodes as the SDK does; on failure, decodes again to name the JSON path that failed.
fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| {
        let de = &mut serde_json::Deserializer::from_slice(bytes);
        match serde_path_to_error::deserialize::<_, T>(de) {
            Err(pe) => format!("at `{}`: {e}", pe.path()),
            Ok(_) => e.to_string(),
        }
    })
}

fn decode<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<Value, String> {
    let value: T = from_bytes(bytes)?;
    serde_json::to_value(&value).map_err(|e| format!("re-serializing: {e}"))
}

/// `Page` is not `Serialize`: rebuild what it hands a user, its items and envelope fields.
fn decode_dc_page<T: DeserializeOwned + Serialize>(bytes: &[u8]) -> Result<Value, String> {
    let page: bitbucket_dc::Page<T> = from_bytes(bytes)?;
    let values = serde_json::to_value(&page.values).map_err(|e| format!("re-serializing: {e}"))?;
    Ok(json!({
        "values": values,
        "size": page.size,
        "limit": page.limit,
        "isLastPage": page.is_last_page,
        "start": page.start,
        "nextPageStart": page.next_page_start,
    }))
}

// ---------------------------------------------------------------------------------------------
// Comparator

/// Leaves of one original tree, and which were lost (concrete path, path pattern).
#[derive(Default, Debug)]
struct Tally {
    leaves: usize,
    kept: usize,
    lost: Vec<(String, String)>,
}

/// Walks the original's leaves and looks each up at the same path in the re-serialized tree.
fn compare(orig: &Value, back: Option<&Value>, path: &str, pattern: &str, t: &mut Tally) {
    match orig {
        Value::Null => {}
        Value::Object(map) => {
            for (k, v) in map {
                let b = back.and_then(|b| b.get(k));
                compare(v, b, &format!("{path}.{k}"), &format!("{pattern}.{k}"), t);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let b = back.and_then(|b| b.get(i));
                compare(v, b, &format!("{path}[{i}]"), &format!("{pattern}[]"), t);
            }
        }
        leaf => {
            t.leaves += 1;
            if back.is_some_and(|b| same_leaf(leaf, b)) {
                t.kept += 1;
            } else {
                let (path, pattern) = (
                    path.trim_start_matches('.'),
                    pattern.trim_start_matches('.'),
                );
                t.lost.push((path.to_owned(), pattern.to_owned()));
            }
        }
    }
}

fn same_leaf(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => same_number(x, y),
        (Value::String(x), Value::String(y)) => {
            x == y || instant(x).is_some_and(|t| instant(y) == Some(t))
        }
        (Value::Number(n), Value::String(s)) | (Value::String(s), Value::Number(n)) => n
            .as_i64()
            .is_some_and(|ms| instant(s).is_some_and(|t| t.timestamp_millis() == ms)),
        _ => false,
    }
}

fn same_number(x: &serde_json::Number, y: &serde_json::Number) -> bool {
    if let (Some(p), Some(q)) = (x.as_i64(), y.as_i64()) {
        return p == q;
    }
    if let (Some(p), Some(q)) = (x.as_u64(), y.as_u64()) {
        return p == q;
    }
    x.as_f64() == y.as_f64()
}

/// An RFC 3339 / ISO-8601 date-time with an offset (`Z`, `+00:00` or `+0000`), as an instant.
fn instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

// ---------------------------------------------------------------------------------------------
// Corpus

/// One decode entry of one corpus file: API, file, type name, leaf tally.
struct Decoded(Api, String, String, Tally);

#[derive(Default)]
struct Run {
    decoded: Vec<Decoded>,
    failures: Vec<String>,
    files: BTreeMap<Api, usize>,
    /// Every (api, type name) the corpus names, registered or not.
    named: Vec<(Api, String)>,
}

fn corpus_files(api: Api) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(api);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    files
}

fn run_corpus() -> Run {
    let mut run = Run::default();
    for api in APIS {
        for path in corpus_files(api) {
            *run.files.entry(api).or_default() += 1;
            let file = format!("{api}/{}", path.file_name().unwrap().to_string_lossy());
            if let Err(e) = run_file(api, &path, &file, &mut run) {
                run.failures.push(format!("{file}: {e}"));
            }
        }
    }
    run
}

/// One `decode` entry of a corpus file: its pointer, its type name, and the part of the body it
/// names with the type's decoder (or why they cannot be found).
struct Entry {
    pointer: String,
    ty: String,
    part: Result<(Value, Decoder), String>,
}

/// The `decode` entries of one corpus file.
fn entries(api: Api, path: &Path) -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))?;
    let body = doc.get("body").ok_or("no `body`")?;
    let list = doc["decode"].as_array().ok_or("no `decode` list")?;
    list.iter()
        .map(|entry| {
            let (Some(pointer), Some(ty)) = (entry["pointer"].as_str(), entry["type"].as_str())
            else {
                return Err(format!("decode entry without `pointer` or `type`: {entry}"));
            };
            let decode = registry()
                .find(|(a, n, _)| *a == api && n == ty)
                .map(|(_, _, d)| d)
                .ok_or("type is not registered");
            let part = body.pointer(pointer).ok_or("pointer not in body");
            Ok(Entry {
                pointer: pointer.to_owned(),
                ty: ty.to_owned(),
                part: part
                    .and_then(|p| Ok((p.clone(), decode?)))
                    .map_err(str::to_owned),
            })
        })
        .collect()
}

fn run_file(api: Api, path: &Path, file: &str, run: &mut Run) -> Result<(), String> {
    for Entry { pointer, ty, part } in entries(api, path)? {
        run.named.push((api, ty.clone()));
        match part.and_then(|(part, decode)| decode_entry(&part, decode)) {
            Ok(t) => run.decoded.push(Decoded(api, file.into(), ty, t)),
            Err(e) => run
                .failures
                .push(format!("{file}: {ty} (pointer `{pointer}`): {e}")),
        }
    }
    Ok(())
}

/// Decodes one part of a body into its type and tallies the leaves that survive.
fn decode_entry(part: &Value, decode: Decoder) -> Result<Tally, String> {
    let back = decode(&serde_json::to_vec(part).map_err(|e| e.to_string())?)?;
    let mut tally = Tally::default();
    compare(part, Some(&back), "", "", &mut tally);
    Ok(tally)
}

fn ratio(kept: usize, leaves: usize) -> f64 {
    if leaves == 0 {
        1.0
    } else {
        kept as f64 / leaves as f64
    }
}

/// Per-type row: bodies, leaves, kept, lost leaves per path pattern.
type Row<'a> = (usize, usize, usize, BTreeMap<&'a str, usize>);

/// The printed report, and the pooled fidelity per API.
fn report(run: &Run) -> (String, BTreeMap<Api, f64>) {
    let verbose = std::env::var("FIDELITY_VERBOSE").is_ok_and(|v| v == "1");
    let (mut out, mut pooled) = (String::new(), BTreeMap::new());
    for api in APIS {
        let decoded: Vec<&Decoded> = run.decoded.iter().filter(|d| d.0 == api).collect();
        let mut rows: BTreeMap<&str, Row> = BTreeMap::new();
        for Decoded(_, _, ty, t) in &decoded {
            let row = rows.entry(ty).or_default();
            (row.0, row.1, row.2) = (row.0 + 1, row.1 + t.leaves, row.2 + t.kept);
            for (_, pattern) in &t.lost {
                *row.3.entry(pattern).or_default() += 1;
            }
        }
        let files = run.files.get(api).copied().unwrap_or(0);
        out += &format!("\n== {api}: {files} corpus files ==\n");
        out += &format!(
            "{:<44} {:>6} {:>7} {:>7} {:>8}\n",
            "type", "bodies", "leaves", "kept", "fidelity"
        );
        let (mut leaves, mut kept) = (0, 0);
        for (ty, (n, l, k, _)) in &rows {
            out += &format!("{ty:<44} {n:>6} {l:>7} {k:>7} {:>8.4}\n", ratio(*k, *l));
            (leaves, kept) = (leaves + l, kept + k);
        }
        let fidelity = ratio(kept, leaves);
        pooled.insert(api, fidelity);
        out += &format!("{:<51} {leaves:>7} {kept:>7} {fidelity:>8.4}\n", "POOLED");
        out += &format!("most-lost paths ({api}, top 10 per type):\n");
        for (ty, (_, _, _, lost)) in rows.iter().filter(|r| !r.1.3.is_empty()) {
            let mut lost: Vec<_> = lost.iter().collect();
            lost.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            out += &format!("  {ty}:\n");
            for (pattern, count) in lost.iter().take(10) {
                out += &format!("    {count:>5}  {pattern}\n");
            }
        }
        if verbose {
            out += &format!("every lost leaf ({api}):\n");
            for Decoded(_, file, ty, t) in &decoded {
                for (path, _) in &t.lost {
                    out += &format!("  {file} {ty}: {path}\n");
                }
            }
        }
    }
    (out, pooled)
}

#[test]
fn corpus_fidelity() {
    let run = run_corpus();
    let (mut out, pooled) = report(&run);
    if !run.failures.is_empty() {
        out += &format!("\n{} decode failures:\n", run.failures.len());
        for f in &run.failures {
            out += &format!("  {f}\n");
        }
    }
    println!("{out}");
    assert!(run.failures.is_empty(), "decode failures{out}");
    for (api, min) in [("cloud", CLOUD_MIN), ("dc", DC_MIN)] {
        let files = run.files.get(api).copied().unwrap_or(0);
        assert!(
            files >= MIN_BODIES,
            "{api}: {files} bodies < {MIN_BODIES}{out}"
        );
        let got = pooled[api];
        assert!(
            got >= min,
            "{api}: pooled fidelity {got:.4} < ratchet {min}{out}"
        );
    }
}

/// Every registered name is used by the corpus, so the registry holds no dead entries.
#[test]
fn registry_entries_are_used() {
    let named = run_corpus().named;
    let dead: Vec<_> = registry()
        .filter(|(api, name, _)| !named.iter().any(|(a, n)| a == api && n == name))
        .map(|(api, name, _)| format!("{api} {name}"))
        .collect();
    assert!(
        dead.is_empty(),
        "registered but unused by the corpus: {dead:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Comparator unit tests

fn tally(orig: Value, back: Value) -> Tally {
    let mut t = Tally::default();
    compare(&orig, Some(&back), "", "", &mut t);
    t
}

/// (leaves, kept) of `orig` against `back`.
fn counts(orig: Value, back: Value) -> (usize, usize) {
    let t = tally(orig, back);
    (t.leaves, t.kept)
}

#[test]
fn lost_field_is_counted() {
    let t = tally(
        json!({"id": 1, "author": {"account_id": "abc", "name": "n"}, "tags": [{"x": true}]}),
        json!({"id": 1, "author": {"name": "n"}, "tags": [{"x": true}]}),
    );
    assert_eq!((t.leaves, t.kept), (4, 3));
    let p = "author.account_id".to_owned();
    assert_eq!(t.lost, vec![(p.clone(), p)]);
    let t = tally(json!({"v": [{"a": 1}, {"a": 2}]}), json!({"v": [{"a": 1}]}));
    assert_eq!(t.lost, vec![("v[1].a".into(), "v[].a".into())]);
}

#[test]
fn timestamp_precision_and_offset_kept() {
    let orig = json!({"a": "2013-11-08T01:11:03.000000+00:00", "b": "2013-11-08T02:11:03+01:00"});
    let back = json!({"a": "2013-11-08T01:11:03Z", "b": "2013-11-08T01:11:03.000Z"});
    assert_eq!(counts(orig, back), (2, 2));
    let (a, b) = ("2013-11-08T01:11:03.5Z", "2013-11-08T01:11:03Z");
    assert_eq!(counts(json!(a), json!(b)), (1, 0), "other instant");
}

#[test]
fn epoch_millis_equals_rfc3339() {
    let (ms, z, utc) = (
        1368145580548_i64,
        "2013-05-10T00:26:20.548Z",
        "2013-05-10T00:26:20.548+00:00",
    );
    assert_eq!(counts(json!(ms), json!(z)), (1, 1));
    assert_eq!(counts(json!(utc), json!(ms)), (1, 1));
    assert_eq!(counts(json!(ms + 1), json!(z)), (1, 0));
}

#[test]
fn integer_equals_float() {
    let orig = json!({"n": 1, "f": 2.5, "u": u64::MAX});
    let back = json!({"n": 1.0, "f": 2.5, "u": u64::MAX});
    assert_eq!(counts(orig, back), (3, 3));
    assert_eq!(counts(json!(1), json!("1")), (1, 0), "not a string");
}

#[test]
fn nulls_and_empty_containers_are_not_leaves() {
    let orig = json!({"a": null, "b": [], "c": {}, "d": [null], "e": "x"});
    assert_eq!(counts(orig, json!({})), (1, 0));
}

#[test]
fn field_unknown_to_a_real_model_is_lost() {
    let orig = json!({"account_id": "557058:1", "no_such_field": "x"});
    let back = decode::<bitbucket_cloud::types::Account>(orig.to_string().as_bytes()).unwrap();
    assert_eq!(counts(orig, back), (2, 1));
}

// ---------------------------------------------------------------------------------------------
// Null sweep

/// JSON pointers to every object member and array item below `v`.
fn value_pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    let children: Vec<(String, &Value)> = match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, c)| (k.replace('~', "~0").replace('/', "~1"), c))
            .collect(),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .map(|(i, c)| (i.to_string(), c))
            .collect(),
        _ => return,
    };
    for (key, child) in children {
        let p = format!("{at}/{key}");
        out.push(p.clone());
        value_pointers(child, &p, out);
    }
}

/// Servers send `null` where schemas promise values: every corpus part, with any one member or
/// list item replaced by `null`, still decodes into its SDK type.
#[test]
fn a_null_anywhere_in_the_corpus_still_decodes() {
    let (mut tried, mut failures) = (0, Vec::new());
    for api in APIS {
        for path in corpus_files(api) {
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            // Entries that do not resolve fail `corpus_fidelity`; here they are skipped.
            for Entry { ty, part, .. } in entries(api, &path).unwrap_or_default() {
                let Ok((part, decode)) = part else { continue };
                let mut pointers = Vec::new();
                value_pointers(&part, "", &mut pointers);
                for p in pointers {
                    let mut nulled = part.clone();
                    *nulled.pointer_mut(&p).unwrap() = Value::Null;
                    tried += 1;
                    if let Err(e) = decode(&serde_json::to_vec(&nulled).unwrap()) {
                        failures.push(format!("{api}/{file} {ty}, null at `{p}`: {e}"));
                    }
                }
            }
        }
    }
    println!(
        "{tried} bodies with one null each, {} failed",
        failures.len()
    );
    assert!(tried > 1000, "the sweep reached only {tried} values");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
