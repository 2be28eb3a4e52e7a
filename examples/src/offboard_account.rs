//! The account side of `offboard-user`, through Atlassian SCIM user provisioning: resolve an
//! email to the Atlassian account id Bitbucket Cloud's permission APIs take, and deactivate the
//! account.
//!
//! Bitbucket Cloud's REST API lists members without emails and cannot deactivate an account;
//! the organisation's SCIM directory does both. Deactivation is organisation-wide: the account
//! stops working in every Atlassian product, not only Bitbucket, and an organisation admin can
//! activate it again. The directory record is never deleted here.

use std::fmt;

use bitbucket::Error;
use bitbucket::scim::{Client as ScimClient, User};
use serde::Serialize;

use crate::common::JobError;

/// A person found in the SCIM directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// The email asked for.
    pub email: String,
    /// The directory's id for the user (used for PATCH).
    pub scim_id: String,
    /// The linked Atlassian account id (used by the Cloud permission APIs).
    pub account_id: String,
    /// Display name, when the directory has one.
    pub display_name: Option<String>,
    /// Whether the account was active when looked up.
    pub active: bool,
}

/// Finds the directory user with this email and its Atlassian account id.
///
/// No user, or a user not yet linked to an Atlassian account, is a usage error that says so.
pub async fn resolve(scim: &ScimClient, email: &str) -> Result<Account, JobError> {
    let user = scim.users().find_by_email(email).await?.ok_or_else(|| {
        JobError::Usage(format!(
            "no user of the SCIM directory has the email {email:?}"
        ))
    })?;
    account(email, &user).ok_or_else(|| {
        JobError::Usage(format!(
            "the SCIM user for {email:?} is not linked to an Atlassian account yet"
        ))
    })
}

fn account(email: &str, user: &User) -> Option<Account> {
    Some(Account {
        email: email.trim().to_owned(),
        scim_id: user.id.clone()?,
        account_id: user.account_id()?.to_owned(),
        display_name: user.display_name.clone(),
        active: user.active != Some(false),
    })
}

/// The outcome of the deactivation step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", content = "error", rename_all = "snake_case")]
pub enum Deactivation {
    /// Deactivated by this run.
    Deactivated,
    /// Already inactive when this run checked.
    AlreadyInactive,
    /// The directory no longer has the user (deleted elsewhere).
    UserGone,
    /// The PATCH failed after retries; the account may still be active.
    Failed(String),
    /// Not tried because a permission removal failed first.
    NotAttempted,
}

impl Deactivation {
    /// Whether the account is known to be inactive (or gone) now.
    pub fn done(&self) -> bool {
        matches!(
            self,
            Deactivation::Deactivated | Deactivation::AlreadyInactive | Deactivation::UserGone
        )
    }
}

impl fmt::Display for Deactivation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Deactivation::Deactivated => f.write_str("deactivated"),
            Deactivation::AlreadyInactive => f.write_str("already inactive"),
            Deactivation::UserGone => f.write_str("user no longer in the directory"),
            Deactivation::Failed(e) => write!(f, "FAILED: {e}"),
            Deactivation::NotAttempted => f.write_str("not attempted"),
        }
    }
}

/// Deactivates the account (PATCH `active` to `false`), checking its state first so a second
/// run reports it as already done.
pub async fn deactivate(scim: &ScimClient, account: &Account) -> Deactivation {
    let gone = |e: &Error| e.status().map(|s| s.as_u16()) == Some(404);
    match scim.users().get(&account.scim_id).await {
        Ok(u) if u.active == Some(false) => return Deactivation::AlreadyInactive,
        Ok(_) => {}
        Err(e) if gone(&e) => return Deactivation::UserGone,
        Err(e) => return Deactivation::Failed(e.to_string()),
    }
    match scim.users().deactivate(&account.scim_id).await {
        Ok(_) => Deactivation::Deactivated,
        Err(e) if gone(&e) => Deactivation::UserGone,
        Err(e) => Deactivation::Failed(e.to_string()),
    }
}

/// The line saying who the email resolved to.
pub fn render_resolved(account: &Account, directory: &str) -> String {
    let who = match &account.display_name {
        Some(name) => format!("{name} <{}>", account.email),
        None => account.email.clone(),
    };
    format!(
        "Resolved {who} through SCIM directory {directory}: Atlassian account {}\n",
        account.account_id
    )
}

/// What the plan says about the account step, after the permissions.
pub fn render_plan(account: &Account, deactivate: bool) -> String {
    match (deactivate, account.active) {
        (true, true) => format!(
            "Then deactivate account {}: ORGANISATION-WIDE, the account stops working in every \
             Atlassian product of the organisation, not only Bitbucket (an organisation admin \
             can activate it again)\n",
            account.account_id
        ),
        (true, false) => "Account already inactive: nothing to deactivate\n".to_owned(),
        (false, true) => "Account stays active (add --deactivate to deactivate it, \
                          organisation-wide)\n"
            .to_owned(),
        (false, false) => "Account already inactive\n".to_owned(),
    }
}

/// What the report says about the account step.
pub fn render_outcome(account: &Account, outcome: &Deactivation) -> String {
    format!(
        "  {:<13} account    {:<30} (SCIM user {})\n",
        outcome.to_string(),
        account.account_id,
        account.scim_id
    )
}
