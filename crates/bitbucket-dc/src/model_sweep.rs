//! Test-only sweep of every model: each carries `crate::tolerant::model!` (the null-tolerant
//! decoding) and decodes a body in which every field is `null`.
//!
//! Kept apart from `tolerant` so that module stays a leaf that every model module uses.

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map, Value};

use crate::{
    access_tokens, admin, auth_config, branch_permissions, branches, builds, commits, common,
    content, default_reviewers, default_tasks, insights, integrations, keys, migration, mirroring,
    pull_requests, repo_extras, repos, secret_scanning, settings, signing, system, webhooks,
};

/// A deserializer that fails after recording the field names a struct asks for.
struct FieldNames<'a>(&'a mut Vec<&'static str>);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.extend_from_slice(fields);
        Err(de::Error::custom("recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The wire names of `T`'s fields, as its derived `Deserialize` declares them (empty for
/// transparent wrappers and flattening models, which do not declare them).
fn field_names<T: DeserializeOwned>() -> Vec<&'static str> {
    let mut names = Vec::new();
    let _ = T::deserialize(FieldNames(&mut names));
    names
}

/// Decodes a body in which every field of `T` (and `extra` names) is `null`.
fn decodes_all_null<T: DeserializeOwned>(name: &str, extra: &[&'static str]) -> usize {
    let mut names = field_names::<T>();
    names.extend_from_slice(extra);
    names.dedup();
    let body = if names.is_empty() {
        // A transparent wrapper: the whole body is `null`.
        Value::Null
    } else {
        Value::Object(
            names
                .iter()
                .map(|n| ((*n).to_owned(), Value::Null))
                .collect::<Map<_, _>>(),
        )
    };
    let text = body.to_string();
    if let Err(e) = serde_json::from_str::<T>(&text) {
        // A field read under two names (an alias) cannot take both at once; each name is
        // still checked on its own below.
        assert!(
            e.to_string().starts_with("duplicate field"),
            "{name}: a body with every field null fails: {e}\n{text}"
        );
    }
    // One field at a time as well, next to a field that is present.
    for n in &names {
        let one = format!("{{\"{n}\":null,\"__unknown\":1}}");
        if let Err(e) = serde_json::from_str::<T>(&one) {
            panic!("{name}: `{n}: null` fails: {e}");
        }
    }
    names.len()
}

/// Every model deriving `Deserialize` at the top level of a source file, with the names of
/// fields a flattening model reads for itself (which serde does not declare).
macro_rules! models {
    ($( $path:ty $([ $inner:ty : $($own:literal),* ])? ),+ $(,)?) => {
        const MODEL_NAMES: &[&str] = &[$( stringify!($path) ),+];

        #[test]
        fn every_model_decodes_a_body_of_nulls() {
            let mut fields = 0;
            $( fields += decodes_all_null::<$path>(
                stringify!($path),
                &{
                    let parts: Vec<Vec<&'static str>> =
                        vec![$( field_names::<$inner>(), vec![$($own),*], )?];
                    parts.concat()
                },
            ); )+
            assert!(fields > 500, "only {fields} fields checked");
        }
    };
}

models! {
    access_tokens::AccessToken, admin::ErasedUser, admin::UserDirectory,
    admin::UserDirectories, auth_config::ResultsPage<Value>, auth_config::IdentityProvider,
    auth_config::JitUser, auth_config::JitUsers, auth_config::LoginOption,
    auth_config::SsoConfig, auth_config::BasicAuthConfig, auth_config::TwoStepStatus,
    auth_config::SsoManagementStatus, auth_config::TotpEnrollment, auth_config::RecoveryCode,
    auth_config::NextStep, auth_config::Captcha, branch_permissions::MatcherType,
    branch_permissions::RefMatcher, branch_permissions::Scope,
    branch_permissions::RefRestriction, branches::Branch, branches::BranchWire, branches::Tag, branches::MinimalRef,
    builds::TestResults, builds::BuildStatus, builds::BuildStats, builds::BuildCapabilities,
    builds::RequiredBuildCondition, commits::Person, commits::Commit,
    commits::CommitPage, commits::Path, commits::ConflictChange, commits::Conflict,
    commits::Change, commits::DiffLine, commits::DiffSegment, commits::DiffHunk, commits::Diff,
    common::Link, common::Links, common::User, common::DetailedUser, common::DetailedUserWire, common::Group,
    common::PermittedUser, common::PermittedGroup, common::Permitted, common::Project,
    common::NamedLink, content::TreeEntry, content::TreePage, content::SourceLine,
    content::Browse, default_reviewers::ReviewerGroup, default_reviewers::ReviewerCondition,
    default_tasks::DefaultTask, insights::ReportData, insights::Report, insights::Annotation,
    insights::Annotations, integrations::JiraIssue, integrations::CommentJiraIssue,
    integrations::EntityLink, integrations::IndexingDetails,
    integrations::IndexingQueueDetails, integrations::BrokenIndex,
    integrations::RepositoryPolicy, integrations::Markup, keys::SshKey, keys::AccessKey,
    keys::Fingerprint, keys::SshSettings, keys::GpgSubKey, keys::GpgKey, migration::JobProgress,
    migration::Job, migration::JobMessage, migration::MeshMigrationSummary,
    migration::MigrationRepository, mirroring::MirrorServer, mirroring::MirroringRequest,
    mirroring::RepositoryMirror,
    mirroring::EnrichedRepository[repos::Repository: "properties"],
    mirroring::MirroredRepository, mirroring::SyncProgress, mirroring::MirrorSettings,
    mirroring::UpstreamServer, mirroring::RollingUpgradeState, mirroring::AnalyticsSettings,
    mirroring::DelayedSyncRepository, mirroring::LockOwner, mirroring::RepoSyncStatus,
    mirroring::UserWithPermissions[common::User: "effectivePermissions"],
    pull_requests::Participant, pull_requests::PullRequestRef, pull_requests::PullRequest,
    pull_requests::CommentAnchor, pull_requests::Comment, pull_requests::PermittedOperations,
    pull_requests::Activity, pull_requests::RescopedCommits, pull_requests::Veto, pull_requests::Mergeability,
    pull_requests::Rebaseability, pull_requests::RebaseResult, pull_requests::AutoMergeRequest,
    pull_requests::AutoMergeResult, pull_requests::CommitMessageSuggestion,
    pull_requests::Reaction, repo_extras::DeploymentEnvironment, repo_extras::CommitRef,
    repo_extras::Deployment, repo_extras::AttachmentMetadata, repo_extras::RefChange,
    repo_extras::RefChangeActivity, repos::Repository, repos::Label,
    repos::Labelable[repos::Repository: "labelableType"],
    secret_scanning::SecretRule, settings::HookDetails, settings::RepositoryHook,
    settings::AutoDeclineSettings, settings::RestrictedSetting, settings::MergeStrategy,
    settings::CommitMessageTemplate, settings::MergeConfig, settings::MergeThreshold,
    settings::MergeThresholdObject,
    settings::PullRequestSettings, settings::HookScript, settings::HookScriptConfig,
    settings::SettingsRestriction, signing::Certificate, signing::Certificates,
    signing::SystemSigning, system::ApplicationProperties, system::NodeAddress,
    system::ClusterNode, system::ClusterInformation, system::LicenseStatus, system::License,
    system::Banner, system::DefaultBranch, system::MailConfiguration, system::TokenBucket,
    system::RateLimitSettings, system::UserRateLimit, system::RejectCounter, system::LogLevel,
    system::LoggingSettings, system::KeyTypeRestriction, system::SshKeyPolicy,
    system::MeshNode, system::MeshNodes, webhooks::WebhookScope, webhooks::Webhook,
    webhooks::Invocation,
}

/// Every `.rs` file under `dir`, sub-directories included.
fn source_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(source_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Finds the structs deriving `Deserialize` in a source file: (name, carrying
/// `tolerant::model!` before its `derive`, at the top level of the file).
fn derived_models(src: &str) -> Vec<(String, bool, bool)> {
    let lines: Vec<&str> = src.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        if !trimmed.starts_with("#[derive(") {
            continue;
        }
        let mut derive = String::from(trimmed);
        let mut j = i;
        while !derive.contains(")]") {
            j += 1;
            derive.push_str(lines[j]);
        }
        if !derive.contains("Deserialize") {
            continue;
        }
        let Some(item) = lines[j + 1..]
            .iter()
            .map(|l| l.trim_start())
            .find(|l| !l.starts_with("#[") && !l.starts_with("///") && !l.starts_with("//"))
        else {
            continue;
        };
        let item = item
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        let Some(rest) = item.strip_prefix("struct ") else {
            continue;
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The attributes and docs right above the `derive`, up to the previous item.
        let tolerant = lines[..i]
            .iter()
            .rev()
            .map(|l| l.trim_start())
            .take_while(|l| l.starts_with("#[") || l.starts_with("///") || l.starts_with("//"))
            .any(|l| l == "#[macro_rules_attribute::apply(crate::tolerant::model!)]");
        let top_level = !line.starts_with(' ');
        found.push((name, tolerant, top_level));
    }
    found
}

#[test]
fn every_model_in_the_sources_is_tolerant_and_swept() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut checked = 0;
    for path in source_files(&dir) {
        // Models are named by their top-level module (sub-modules re-export them).
        let relative = path.strip_prefix(&dir).unwrap();
        let top = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = top.trim_end_matches(".rs").to_owned();
        if matches!(module.as_str(), "timestamp" | "tolerant" | "model_sweep") {
            continue; // test-only structs
        }
        let src = std::fs::read_to_string(&path).unwrap();
        for (name, tolerant, top_level) in derived_models(&src) {
            assert!(
                tolerant,
                "{module}::{name} derives Deserialize without `crate::tolerant::model!` before its derive"
            );
            let listed = MODEL_NAMES.iter().any(|m| {
                let m = m.replace(' ', "");
                m == format!("{module}::{name}") || m.starts_with(&format!("{module}::{name}<"))
            });
            assert!(
                listed || !top_level,
                "{module}::{name} is missing from the list swept by every_model_decodes_a_body_of_nulls"
            );
            checked += 1;
        }
    }
    assert!(checked >= MODEL_NAMES.len());
}

#[test]
fn detailed_user_wire_reads_every_user_field() {
    let wire = field_names::<common::DetailedUserWire>();
    for f in field_names::<common::User>() {
        assert!(wire.contains(&f), "DetailedUserWire lacks User's `{f}`");
    }
}
