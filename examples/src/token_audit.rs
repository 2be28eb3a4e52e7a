//! `token-audit`: every Data Center user and their HTTP access tokens.
//!
//! Users are listed page by page with the typed Data Center API
//! (`dc.admin().users().list()`, `/rest/api/latest/admin/users`, 1,000 a page); each user's
//! tokens (`dc.user(slug).access_tokens().list()`, `/rest/access-tokens/latest/users/{slug}`)
//! are fetched with bounded concurrency
//! through [`bitbucket::core::fanout::fan_out`], so every look-up goes through the client's limiter
//! and retries. A user whose look-up still fails is reported, never dropped.

use std::io::Write;
use std::time::{Duration, Instant};

use bitbucket::Error;
use bitbucket::core::fanout::fan_out;
use bitbucket::dc::DetailedUser;
use bitbucket::dc::access_tokens::AccessToken;
use futures::{StreamExt as _, TryStreamExt as _};
use indicatif::ProgressBar;
use serde::Serialize;

use crate::common::{Format, JobError, credentials_refused, iso8601, push_failures, write_table};

/// The CSV header, exactly.
pub const CSV_HEADER: [&str; 7] = [
    "user_slug",
    "token_id",
    "token_name",
    "created",
    "last_authenticated",
    "expiry_days",
    "permissions",
];

/// One token of one user, ready for output.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct TokenRow {
    /// The owner's slug.
    pub user_slug: String,
    /// The token id.
    pub token_id: String,
    /// The token name.
    pub token_name: String,
    /// Creation time, ISO-8601 UTC.
    pub created: Option<String>,
    /// Last use, ISO-8601 UTC.
    pub last_authenticated: Option<String>,
    /// Lifetime in days counted from creation: the server's `expiryDays`, or, when it sends
    /// only `expiryDate`, the days from `created` to it (rounded up). `None`: never expires.
    pub expiry_days: Option<u32>,
    /// When the token expires, ISO-8601 UTC ([`AccessToken::expires_at`]); `None`: never.
    /// JSON output only: the CSV header stays as documented.
    pub expires_at: Option<String>,
    /// Granted permissions.
    pub permissions: Vec<String>,
}

/// A user whose token look-up failed after retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserFailure {
    /// The user's slug.
    pub user_slug: String,
    /// What went wrong.
    pub error: String,
}

/// Knobs of an audit.
#[derive(Debug, Clone, Copy)]
pub struct AuditOptions {
    /// Token look-ups in flight at once.
    pub concurrency: usize,
    /// Users per page.
    pub user_page_size: u32,
}

impl Default for AuditOptions {
    fn default() -> Self {
        Self {
            concurrency: 8,
            user_page_size: 1_000,
        }
    }
}

/// The outcome of an audit.
#[derive(Debug, Clone, Default)]
pub struct AuditReport {
    /// Every token found, sorted by user slug then token id.
    pub rows: Vec<TokenRow>,
    /// Users listed.
    pub users_scanned: u64,
    /// Users with at least one token.
    pub users_with_tokens: u64,
    /// Users whose look-up failed (sorted by slug).
    pub failures: Vec<UserFailure>,
    /// HTTP requests sent by the audit, retries included.
    pub requests: u64,
    /// Of those, retries.
    pub retries: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// Lists every user and their tokens.
///
/// Fails when the user listing fails or the credentials are refused (a 401 stops the audit at
/// once); token look-ups that fail otherwise are collected in [`AuditReport::failures`].
pub async fn audit(
    dc: &bitbucket::dc::Client,
    opts: &AuditOptions,
    progress: &ProgressBar,
) -> Result<AuditReport, Error> {
    let started = Instant::now();
    let client = dc.core().clone();
    let before = client.stats();
    let users = dc
        .admin()
        .users()
        .list()
        .page_size(opts.user_page_size)
        .stream();
    let lookup = dc.clone();
    let mut results = fan_out(users, opts.concurrency, false, move |user: DetailedUser| {
        let dc = lookup.clone();
        async move {
            let slug = user.user.slug;
            let tokens = user_tokens(&dc, &slug).await;
            Ok((slug, tokens))
        }
    });

    let mut report = AuditReport::default();
    while let Some(next) = results.next().await {
        let (slug, tokens) = next?;
        report.users_scanned += 1;
        match tokens {
            Ok(tokens) => {
                if !tokens.is_empty() {
                    report.users_with_tokens += 1;
                }
                report
                    .rows
                    .extend(tokens.into_iter().map(|t| row(&slug, t)));
            }
            // Refused credentials fail every later look-up too: stop at the first.
            Err(e) if credentials_refused(&e) => return Err(e),
            Err(e) => report.failures.push(UserFailure {
                user_slug: slug,
                error: e.to_string(),
            }),
        }
        if report.users_scanned.is_multiple_of(50) {
            progress.set_message(format!(
                "{} users, {} tokens",
                report.users_scanned,
                report.rows.len()
            ));
        }
    }
    report.rows.sort();
    report
        .failures
        .sort_by(|a, b| a.user_slug.cmp(&b.user_slug));
    let after = client.stats();
    report.requests = after.requests - before.requests;
    report.retries = after.retries - before.retries;
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Every token of one user, 100 a page, decoded into the typed [`AccessToken`].
async fn user_tokens(dc: &bitbucket::dc::Client, slug: &str) -> Result<Vec<AccessToken>, Error> {
    dc.user(slug)
        .access_tokens()
        .list()
        .page_size(100)
        .stream()
        .try_collect()
        .await
}

/// Whole days (rounded up) from creation to expiry, for servers that send only `expiryDate`.
fn lifetime_days(t: &AccessToken) -> Option<u32> {
    let span = t.expires_at()? - t.created_date?;
    let secs = u64::try_from(span.num_seconds()).ok()?;
    u32::try_from(secs.div_ceil(86_400)).ok()
}

fn row(slug: &str, t: AccessToken) -> TokenRow {
    let expiry_days = t.expiry_days.or_else(|| lifetime_days(&t));
    let expires_at = t.expires_at().and_then(iso8601);
    TokenRow {
        user_slug: slug.to_owned(),
        token_id: t.id,
        token_name: t.name.unwrap_or_default(),
        created: t.created_date.and_then(iso8601),
        last_authenticated: t.last_authenticated.and_then(iso8601),
        expiry_days,
        expires_at,
        permissions: t
            .permissions
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
    }
}

/// Writes the rows as CSV (header first) or JSON.
pub fn write_rows(rows: &[TokenRow], format: Format, out: &mut dyn Write) -> Result<(), JobError> {
    write_table(rows, &CSV_HEADER, format, out, |w, r| {
        w.write_record([
            r.user_slug.as_str(),
            r.token_id.as_str(),
            r.token_name.as_str(),
            r.created.as_deref().unwrap_or(""),
            r.last_authenticated.as_deref().unwrap_or(""),
            &r.expiry_days.map(|d| d.to_string()).unwrap_or_default(),
            &r.permissions.join(";"),
        ])
    })
}

/// The summary printed on stderr.
pub fn summary(report: &AuditReport) -> String {
    let mut s = format!(
        "users scanned: {}\nusers with tokens: {}\ntokens: {}\nrequests: {}\nretries: {}\nelapsed: {}\n",
        report.users_scanned,
        report.users_with_tokens,
        report.rows.len(),
        report.requests,
        report.retries,
        crate::common::secs(report.elapsed),
    );
    push_failures(
        &mut s,
        &format!(
            "FAILED: token look-up failed for {} user(s):",
            report.failures.len()
        ),
        report.failures.iter().map(|f| (&f.user_slug, &f.error)),
    );
    s
}
