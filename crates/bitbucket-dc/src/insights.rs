//! Code Insights — reports and annotations attached to a commit.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! use bitbucket_dc::insights::{Annotation, ReportData};
//! let insights = dc.repo("PRJ", "web").insights("8d51122def5632836d1cb1026e879069e10a1e13");
//! insights
//!     .report("lint")
//!     .set("Lint", [ReportData::number("Warnings", 3)])
//!     .result("PASS")
//!     .reporter("clippy")
//!     .send()
//!     .await?;
//! insights
//!     .report("lint")
//!     .add_annotations([Annotation::new("unused variable", "LOW").path("src/lib.rs").line(12)])
//!     .send()
//!     .await?;
//! # Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ledger::{Endpoint, endpoints};
use crate::params::{body_params, query_params};
use crate::projects::RepoHandle;
use crate::request::{Parts, request_builder};

endpoints! {
    area: Builds;
    COMMIT_ANNOTATIONS = Get "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/annotations";
    REPORTS = Get "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports";
    REPORT_GET = Get "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}";
    REPORT_SET = Put "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}";
    REPORT_DELETE = Delete "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}";
    ANNOTATIONS_GET = Get "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}/annotations";
    ANNOTATIONS_ADD = Post "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}/annotations";
    ANNOTATIONS_DELETE = Delete "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}/annotations";
    ANNOTATION_SET = Put "/insights/latest/projects/{projectKey}/repos/{repositorySlug}/commits/{commitId}/reports/{key}/annotations/{externalId}";
}

// ---------------------------------------------------------------- models

/// One data point of a report (shown as a key/value pair).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportData {
    /// Label.
    pub title: String,
    /// `BOOLEAN`, `DATE`, `DURATION`, `LINK`, `NUMBER`, `PERCENTAGE` or `TEXT`.
    #[serde(rename = "type")]
    pub data_type: Option<String>,
    /// Value, shaped by the type.
    pub value: serde_json::Value,
}

impl ReportData {
    /// A number.
    pub fn number(title: impl Into<String>, value: impl Into<serde_json::Number>) -> Self {
        ReportData {
            title: title.into(),
            data_type: Some("NUMBER".to_owned()),
            value: serde_json::Value::Number(value.into()),
        }
    }

    /// A text.
    pub fn text(title: impl Into<String>, value: impl Into<String>) -> Self {
        ReportData {
            title: title.into(),
            data_type: Some("TEXT".to_owned()),
            value: serde_json::Value::String(value.into()),
        }
    }

    /// A link (`{"linktext": ..., "href": ...}`).
    pub fn link(
        title: impl Into<String>,
        text: impl Into<String>,
        href: impl Into<String>,
    ) -> Self {
        ReportData {
            title: title.into(),
            data_type: Some("LINK".to_owned()),
            value: serde_json::json!({"linktext": text.into(), "href": href.into()}),
        }
    }

    /// A yes/no value.
    pub fn boolean(title: impl Into<String>, value: bool) -> Self {
        ReportData {
            title: title.into(),
            data_type: Some("BOOLEAN".to_owned()),
            value: serde_json::Value::Bool(value),
        }
    }
}

/// A Code Insights report.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Report {
    /// Key, unique per commit.
    pub key: String,
    /// Title.
    pub title: String,
    /// `PASS` or `FAIL`.
    pub result: Option<String>,
    /// Longer description.
    pub details: Option<String>,
    /// Tool that produced it.
    pub reporter: Option<String>,
    /// Link to the full report.
    pub link: Option<String>,
    /// Logo of the tool.
    pub logo_url: Option<String>,
    /// Data points.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub data: Vec<ReportData>,
    /// When it was created.
    #[serde(with = "crate::timestamp::option")]
    pub created_date: Option<DateTime<Utc>>,
}

/// Body of creating or replacing a report: only the fields set are sent.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportInput {
    /// Title.
    pub title: String,
    /// Data points (may be empty).
    pub data: Vec<ReportData>,
    /// `PASS` or `FAIL`.
    pub result: Option<String>,
    /// Longer description.
    pub details: Option<String>,
    /// Tool that produced it.
    pub reporter: Option<String>,
    /// Link to the full report.
    pub link: Option<String>,
    /// Logo of the tool.
    pub logo_url: Option<String>,
    /// Coverage provider this report feeds.
    pub coverage_provider_key: Option<String>,
    /// Creation time (epoch milliseconds; default: now).
    pub created_date: Option<i64>,
}

/// An annotation: a finding on a line of a file (or the whole commit).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Annotation {
    /// Message.
    pub message: String,
    /// `LOW`, `MEDIUM` or `HIGH`.
    pub severity: String,
    /// File path (absent for commit-wide findings).
    pub path: Option<String>,
    /// Line (0 or absent for file-wide findings).
    pub line: Option<i64>,
    /// `BUG`, `CODE_SMELL` or `VULNERABILITY`.
    #[serde(rename = "type")]
    pub annotation_type: Option<String>,
    /// Caller-chosen id, used to replace or delete it later.
    pub external_id: Option<String>,
    /// Link to details.
    pub link: Option<String>,
    /// Report it belongs to (responses).
    pub report_key: Option<String>,
}

impl Annotation {
    /// An annotation with a message and severity (`LOW`, `MEDIUM`, `HIGH`).
    pub fn new(message: impl Into<String>, severity: impl Into<String>) -> Self {
        Annotation {
            message: message.into(),
            severity: severity.into(),
            ..Annotation::default()
        }
    }

    /// File the finding is on.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Line the finding is on.
    pub fn line(mut self, line: i64) -> Self {
        self.line = Some(line);
        self
    }

    /// Kind of finding (`BUG`, `CODE_SMELL`, `VULNERABILITY`).
    pub fn kind(mut self, kind: impl Into<String>) -> Self {
        self.annotation_type = Some(kind.into());
        self
    }

    /// Caller-chosen id.
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.external_id = Some(id.into());
        self
    }

    /// Link to details.
    pub fn link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }
}

/// A list of annotations.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotations {
    /// The annotations.
    pub annotations: Vec<Annotation>,
    /// Total count, when the server sends it.
    #[serde(rename = "totalCount")]
    pub total_count: Option<u64>,
}

// ---------------------------------------------------------------- handles

/// Code Insights of one commit.
#[derive(Debug, Clone)]
pub struct Insights {
    repo: RepoHandle,
    commit_id: String,
}

/// One report of a commit.
#[derive(Debug, Clone)]
pub struct InsightReport {
    insights: Insights,
    key: String,
}

impl RepoHandle {
    /// Code Insights reports and annotations of a commit.
    pub fn insights(&self, commit_id: impl Into<String>) -> Insights {
        Insights {
            repo: self.clone(),
            commit_id: commit_id.into(),
        }
    }
}

impl Insights {
    fn parts(&self, ep: Endpoint) -> Parts {
        self.repo
            .parts_for(ep)
            .param("commitId", self.commit_id.as_str())
    }

    /// Lists the commit's reports (paged).
    pub fn reports(&self) -> ListReports {
        ListReports::new(self.parts(REPORTS))
    }

    /// Annotations of every report of the commit (filters on the builder).
    pub fn annotations(&self) -> ListCommitAnnotations {
        ListCommitAnnotations::new(self.parts(COMMIT_ANNOTATIONS))
    }

    /// One report, by key.
    pub fn report(&self, key: impl Into<String>) -> InsightReport {
        InsightReport {
            insights: self.clone(),
            key: key.into(),
        }
    }
}

impl InsightReport {
    fn parts(&self, ep: Endpoint) -> Parts {
        self.insights.parts(ep).param("key", self.key.as_str())
    }

    /// Gets the report.
    pub fn get(&self) -> GetReport {
        GetReport::new(self.parts(REPORT_GET))
    }

    /// Creates or replaces the report.
    pub fn set<I>(&self, title: impl Into<String>, data: I) -> SetReport
    where
        I: IntoIterator<Item = ReportData>,
    {
        SetReport::new(
            self.parts(REPORT_SET),
            ReportInput {
                title: title.into(),
                data: data.into_iter().collect(),
                ..ReportInput::default()
            },
        )
    }

    /// Deletes the report and its annotations.
    pub fn delete(&self) -> DeleteInsight {
        DeleteInsight::new(self.parts(REPORT_DELETE))
    }

    /// The report's annotations.
    pub fn annotations(&self) -> GetReportAnnotations {
        GetReportAnnotations::new(self.parts(ANNOTATIONS_GET))
    }

    /// Adds annotations (up to 1000 per report).
    pub fn add_annotations<I>(&self, annotations: I) -> AddAnnotations
    where
        I: IntoIterator<Item = Annotation>,
    {
        AddAnnotations::new(
            self.parts(ANNOTATIONS_ADD),
            Annotations {
                annotations: annotations.into_iter().collect(),
                total_count: None,
            },
        )
    }

    /// Creates or replaces the annotation with this external id.
    pub fn set_annotation(
        &self,
        external_id: impl Into<String>,
        annotation: Annotation,
    ) -> SetAnnotation {
        SetAnnotation::new(
            self.parts(ANNOTATION_SET).param("externalId", external_id),
            annotation,
        )
    }

    /// Deletes annotations: all of them, or those with the external ids set on the builder.
    pub fn delete_annotations(&self) -> DeleteAnnotations {
        DeleteAnnotations::new(self.parts(ANNOTATIONS_DELETE))
    }
}

// ---------------------------------------------------------------- builders

request_builder! {
    /// Lists reports (paged).
    ListReports => paged Report;

    /// Gets a report.
    GetReport => json Report;

    /// Creates or replaces a report.
    SetReport { body: ReportInput } => json Report;
}

body_params!(SetReport {
    /// `PASS` or `FAIL`.
    result: String;
    /// Longer description.
    details: String;
    /// Tool that produced it.
    reporter: String;
    /// Link to the full report.
    link: String;
    /// Logo of the tool.
    logo_url: String;
    /// Coverage provider this report feeds.
    coverage_provider_key: String;
    /// Creation time (epoch milliseconds).
    created_date: i64;
});

request_builder! {
    /// Deletes a report.
    DeleteInsight => empty;

    /// Gets a report's annotations.
    GetReportAnnotations => json Annotations;

    /// Lists a commit's annotations.
    ListCommitAnnotations => json Annotations;
}

query_params!(ListCommitAnnotations {
    /// Only annotations of this report.
    report_key("key"): String;
    /// Only annotations on this file.
    path("path"): String;
    /// Only this severity.
    severity("severity"): String;
    /// Only this kind.
    annotation_type("type"): String;
    /// Only this external id.
    external_id("externalId"): String;
});

request_builder! {
    /// Adds annotations.
    AddAnnotations { body: Annotations } => empty;

    /// Creates or replaces one annotation.
    SetAnnotation { body: Annotation } => empty;

    /// Deletes annotations.
    DeleteAnnotations => empty;
}

impl DeleteAnnotations {
    /// Only delete the annotation with this external id (repeat for several).
    pub fn external_id(mut self, id: impl Into<String>) -> Self {
        self.parts.query("externalId", id.into());
        self
    }
}
