//! Webhooks of projects and repositories: one shape for both scopes.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::webhooks::WebhookInput;
//! let hook = dc
//!     .project("PRJ")
//!     .webhooks()
//!     .create("ci", "https://ci.example.com/hook", ["repo:refs_changed", "pr:opened"])
//!     .send()
//!     .await?;
//! if let Some(id) = hook.id {
//!     dc.project("PRJ").repo("web").webhooks().update(id).body(WebhookInput {
//!         active: Some(false),
//!         ..WebhookInput::default()
//!     });
//! }
//! # Ok(()) }
//! ```

use bitbucket_core::Secret;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ledger::endpoints;
use crate::params::{body_params, query_params};
use crate::projects::{ProjectHandle, RepoHandle};
use crate::request::{Parts, request_builder};
use crate::scope::{Scope, Scoped};

endpoints! {
    area Projects {
        PROJECT_LIST = Get "/api/latest/projects/{projectKey}/webhooks";
        PROJECT_CREATE = Post "/api/latest/projects/{projectKey}/webhooks";
        PROJECT_TEST = Post "/api/latest/projects/{projectKey}/webhooks/test";
        PROJECT_GET = Get "/api/latest/projects/{projectKey}/webhooks/{webhookId}";
        PROJECT_UPDATE = Put "/api/latest/projects/{projectKey}/webhooks/{webhookId}";
        PROJECT_DELETE = Delete "/api/latest/projects/{projectKey}/webhooks/{webhookId}";
        PROJECT_LATEST = Get "/api/latest/projects/{projectKey}/webhooks/{webhookId}/latest";
        PROJECT_STATISTICS = Get "/api/latest/projects/{projectKey}/webhooks/{webhookId}/statistics";
        PROJECT_SUMMARY = Get "/api/latest/projects/{projectKey}/webhooks/{webhookId}/statistics/summary";
    }
    area Repositories {
        REPO_LIST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks";
        REPO_CREATE = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks";
        REPO_SEARCH = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/search";
        REPO_TEST = Post "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/test";
        REPO_GET = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}";
        REPO_UPDATE = Put "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}";
        REPO_DELETE = Delete "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}";
        REPO_LATEST = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}/latest";
        REPO_STATISTICS = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}/statistics";
        REPO_SUMMARY = Get "/api/latest/projects/{projectKey}/repos/{repositorySlug}/webhooks/{webhookId}/statistics/summary";
    }
}

const LIST: Scoped = Scoped::project_repo(PROJECT_LIST, REPO_LIST);
const CREATE: Scoped = Scoped::project_repo(PROJECT_CREATE, REPO_CREATE);
const TEST: Scoped = Scoped::project_repo(PROJECT_TEST, REPO_TEST);
const GET: Scoped = Scoped::project_repo(PROJECT_GET, REPO_GET);
const UPDATE: Scoped = Scoped::project_repo(PROJECT_UPDATE, REPO_UPDATE);
const DELETE: Scoped = Scoped::project_repo(PROJECT_DELETE, REPO_DELETE);
const LATEST: Scoped = Scoped::project_repo(PROJECT_LATEST, REPO_LATEST);
const STATISTICS: Scoped = Scoped::project_repo(PROJECT_STATISTICS, REPO_STATISTICS);
const SUMMARY: Scoped = Scoped::project_repo(PROJECT_SUMMARY, REPO_SUMMARY);

// ---------------------------------------------------------------- models

/// The scope a webhook belongs to.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebhookScope {
    /// Id of the project or repository.
    pub id: Option<String>,
    /// `project` or `repository`.
    #[serde(rename = "type")]
    pub scope_type: Option<String>,
}

/// A webhook as the server returns it.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Webhook {
    /// Numeric id.
    pub id: Option<i64>,
    /// Name.
    pub name: String,
    /// Target URL.
    pub url: String,
    /// Whether it fires.
    pub active: Option<bool>,
    /// Event keys it fires on (`repo:refs_changed`, `pr:opened`, ...).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Free-form configuration (e.g. `secret`).
    pub configuration: Option<serde_json::Map<String, serde_json::Value>>,
    /// Whether TLS certificates of the target are verified.
    pub ssl_verification_required: Option<bool>,
    /// Scope kind (`project`, `repository`) as older servers send it, next to `scope`; read
    /// [`scope_kind`](Self::scope_kind), which covers both.
    pub scope_type: Option<String>,
    /// Scope of the webhook.
    pub scope: Option<WebhookScope>,
    /// Invocation statistics, when asked for.
    pub statistics: Option<serde_json::Value>,
    /// Creation time.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
    /// Last update time.
    #[serde(with = "crate::timestamp::option")]
    pub updated_date: Option<DateTime<Utc>>,
}

impl Webhook {
    /// The scope kind (`project` or `repository`), from `scope.type` or else the older
    /// top-level `scopeType`.
    pub fn scope_kind(&self) -> Option<&str> {
        self.scope
            .as_ref()
            .and_then(|s| s.scope_type.as_deref())
            .or(self.scope_type.as_deref())
    }
}

/// Basic-auth credentials the server sends to the webhook target (`Debug` redacts the password).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct WebhookCredentials {
    /// User name.
    pub username: Option<String>,
    /// Password.
    #[serde(with = "crate::common::secret_opt")]
    pub password: Option<Secret>,
}

/// Body of webhook creation and update: only the fields set are sent.
///
/// `Debug` redacts configuration values whose key mentions a secret or password.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookInput {
    /// Name.
    pub name: Option<String>,
    /// Target URL.
    pub url: Option<String>,
    /// Whether it fires.
    pub active: Option<bool>,
    /// Event keys.
    pub events: Option<Vec<String>>,
    /// Free-form configuration (e.g. `{"secret": "..."}`).
    pub configuration: Option<serde_json::Map<String, serde_json::Value>>,
    /// Basic-auth credentials for the target.
    pub credentials: Option<WebhookCredentials>,
    /// Whether TLS certificates of the target are verified.
    pub ssl_verification_required: Option<bool>,
}

impl std::fmt::Debug for WebhookInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let configuration = self.configuration.as_ref().map(|c| {
            c.iter()
                .map(|(k, v)| {
                    let lower = k.to_ascii_lowercase();
                    if lower.contains("secret") || lower.contains("password") {
                        (k.as_str(), "<redacted>".to_owned())
                    } else {
                        (k.as_str(), v.to_string())
                    }
                })
                .collect::<Vec<_>>()
        });
        f.debug_struct("WebhookInput")
            .field("name", &self.name)
            .field("url", &self.url)
            .field("active", &self.active)
            .field("events", &self.events)
            .field("configuration", &configuration)
            .field("credentials", &self.credentials)
            .field("ssl_verification_required", &self.ssl_verification_required)
            .finish()
    }
}

/// The scope of an invocation's event: the same shape as a webhook's scope.
pub type EventScope = WebhookScope;

/// One delivery of a webhook.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Invocation {
    /// Id.
    pub id: Option<i64>,
    /// Event key.
    pub event: Option<String>,
    /// Scope of the event.
    pub event_scope: Option<EventScope>,
    /// Duration in milliseconds.
    pub duration: Option<i64>,
    /// Start time.
    #[serde(with = "crate::timestamp::option")]
    pub start: Option<DateTime<Utc>>,
    /// End time.
    #[serde(with = "crate::timestamp::option")]
    pub finish: Option<DateTime<Utc>>,
    /// The request sent (URL, method, headers...).
    pub request: Option<serde_json::Value>,
    /// The outcome (status, description, ...).
    pub result: Option<serde_json::Value>,
}

// ---------------------------------------------------------------- handlers

/// Webhooks of one project or repository.
#[derive(Debug, Clone)]
pub struct Webhooks {
    client: bitbucket_core::Client,
    scope: Scope,
}

impl ProjectHandle {
    /// Webhooks of this project.
    pub fn webhooks(&self) -> Webhooks {
        Webhooks {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl RepoHandle {
    /// Webhooks of this repository.
    pub fn webhooks(&self) -> Webhooks {
        Webhooks {
            client: self.client.clone(),
            scope: self.scope(),
        }
    }
}

impl Webhooks {
    /// Starts a request on `op`'s endpoint for this scope.
    fn parts(&self, op: Scoped) -> Parts {
        self.scope.parts(&self.client, op)
    }

    fn by_id(&self, op: Scoped, id: i64) -> Parts {
        self.parts(op).param("webhookId", id.to_string())
    }

    /// Lists webhooks (paged).
    pub fn list(&self) -> ListWebhooks {
        ListWebhooks::new(self.parts(LIST))
    }

    /// Creates a webhook.
    pub fn create<I, S>(
        &self,
        name: impl Into<String>,
        url: impl Into<String>,
        events: I,
    ) -> CreateWebhook
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        CreateWebhook::new(
            self.parts(CREATE),
            WebhookInput {
                name: Some(name.into()),
                url: Some(url.into()),
                events: Some(events.into_iter().map(Into::into).collect()),
                ..WebhookInput::default()
            },
        )
    }

    /// Tests connectivity to a URL (or an existing webhook's URL) and returns the exchange.
    pub fn test(&self) -> TestWebhook {
        TestWebhook::new(self.parts(TEST), WebhookCredentials::default())
    }

    /// Gets a webhook.
    pub fn get(&self, id: i64) -> GetWebhook {
        GetWebhook::new(self.by_id(GET, id))
    }

    /// Updates a webhook (only the fields set are sent).
    pub fn update(&self, id: i64) -> UpdateWebhook {
        UpdateWebhook::new(self.by_id(UPDATE, id), WebhookInput::default())
    }

    /// Deletes a webhook.
    pub fn delete(&self, id: i64) -> DeleteWebhook {
        DeleteWebhook::new(self.by_id(DELETE, id))
    }

    /// The latest delivery of a webhook (`None` when there was none).
    pub fn latest_invocation(&self, id: i64) -> LatestInvocation {
        LatestInvocation::new(self.by_id(LATEST, id))
    }

    /// Delivery statistics of a webhook.
    pub fn statistics(&self, id: i64) -> WebhookStatistics {
        WebhookStatistics::new(self.by_id(STATISTICS, id))
    }

    /// Summary of delivery statistics (`None` when there is nothing to summarise).
    pub fn statistics_summary(&self, id: i64) -> WebhookStatisticsSummary {
        WebhookStatisticsSummary::new(self.by_id(SUMMARY, id))
    }
}

impl RepoHandle {
    /// Searches webhooks that apply to this repository, including inherited project ones
    /// (paged).
    pub fn search_webhooks(&self) -> ListWebhooks {
        ListWebhooks::new(self.scope().start(&self.client, REPO_SEARCH))
    }
}

request_builder! {
    /// Lists webhooks.
    ListWebhooks => paged Webhook;
}

query_params!(ListWebhooks {
    /// Only webhooks firing on this event.
    event("event"): String;
    /// Include invocation statistics.
    statistics("statistics"): bool;
    /// Only webhooks of this scope kind (`project` or `repository`; search only).
    scope_type("scopeType"): String;
});

request_builder! {
    /// Creates a webhook.
    CreateWebhook { body: WebhookInput } => json Webhook;

    /// Updates a webhook.
    UpdateWebhook { body: WebhookInput } => json Webhook;
}

macro_rules! webhook_setters {
    ($($name:ident),+) => {
        $(
            impl $name {
                /// Event keys (replaces the list).
                pub fn events<I, S>(mut self, events: I) -> Self
                where
                    I: IntoIterator<Item = S>,
                    S: Into<String>,
                {
                    self.body.events = Some(events.into_iter().map(Into::into).collect());
                    self
                }

                /// Signing secret, sent as `configuration.secret`.
                pub fn secret(mut self, secret: impl Into<String>) -> Self {
                    self.body
                        .configuration
                        .get_or_insert_with(Default::default)
                        .insert("secret".to_owned(), serde_json::Value::String(secret.into()));
                    self
                }

                /// Basic-auth credentials for the target.
                pub fn credentials(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
                    self.body.credentials = Some(WebhookCredentials {
                        username: Some(username.into()),
                        password: Some(password.into()),
                    });
                    self
                }
            }
        )+
    };
}

webhook_setters!(CreateWebhook, UpdateWebhook);

body_params!(CreateWebhook, UpdateWebhook {
    /// Name.
    name: String;
    /// Target URL.
    url: String;
    /// Whether it fires.
    active: bool;
    /// Whether TLS certificates of the target are verified.
    ssl_verification_required: bool;
});

request_builder! {
    /// Tests a webhook target.
    TestWebhook { body: WebhookCredentials } => json serde_json::Value;
}

impl TestWebhook {
    /// Basic-auth credentials to send to the target.
    pub fn credentials(mut self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.body = WebhookCredentials {
            username: Some(username.into()),
            password: Some(password.into()),
        };
        self
    }
}

query_params!(TestWebhook {
    /// URL to test.
    url("url"): String;
    /// Test an existing webhook's URL.
    webhook_id("webhookId"): i64;
    /// Whether to verify the target's TLS certificate.
    ssl_verification_required("sslVerificationRequired"): bool;
});

request_builder! {
    /// Gets a webhook.
    GetWebhook => json Webhook;
}

query_params!(GetWebhook {
    /// Include invocation statistics.
    statistics("statistics"): bool;
});

request_builder! {
    /// Deletes a webhook.
    DeleteWebhook => empty;

    /// Gets the latest delivery of a webhook.
    LatestInvocation => json Option<Invocation>;
}

query_params!(LatestInvocation {
    /// Only deliveries of this event.
    event("event"): String;
    /// Only deliveries with this outcome (`SUCCESS`, `FAILURE`, `ERROR`).
    outcome("outcome"): String;
});

request_builder! {
    /// Gets delivery statistics (JSON: counts per outcome and the last deliveries).
    WebhookStatistics => json serde_json::Value;
}

query_params!(WebhookStatistics {
    /// Only deliveries of this event.
    event("event"): String;
});

request_builder! {
    /// Gets the statistics summary.
    WebhookStatisticsSummary => json Option<serde_json::Value>;
}
