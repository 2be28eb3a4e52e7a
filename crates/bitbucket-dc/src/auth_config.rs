//! Authentication configuration: identity providers (SAML, OIDC, Crowd), SSO settings,
//! just-in-time provisioned users, login options, basic-auth restrictions, content security
//! policy, audit notices, and two-step verification (TOTP).
//!
//! Secrets that travel in these bodies (IdP client secrets, passwords, TOTP codes, recovery
//! codes, enrollment secrets) are `Secret`s: redacted in `Debug`.
//!
//! ```no_run
//! # async fn demo(dc: bitbucket_dc::Client) -> bitbucket_dc::Result<()> {
//! let idps = dc.auth_config().idps().send().await?;
//! for idp in &idps.results {
//!     println!("{:?} {:?} enabled={:?}", idp.id, idp.name, idp.enabled);
//! }
//! let status = dc.two_step().status().send().await?;
//! # let _ = status; Ok(()) }
//! ```

use bitbucket_core::Secret;
use serde::{Deserialize, Serialize};
use chrono::{DateTime, Utc};

use crate::Client;
use crate::enums::string_enum;
use crate::ledger::{Endpoint, endpoints};
use crate::request::{Parts, Payload, request_builder};

endpoints! {
    area: AuthConfig;
    IDPS = Get "/authconfig/latest/idps";
    IDP_ADD = Post "/authconfig/latest/idps";
    IDP_GET = Get "/authconfig/latest/idps/{id}";
    IDP_REMOVE = Delete "/authconfig/latest/idps/{id}";
    IDP_UPDATE = Patch "/authconfig/latest/idps/{id}";
    JIT_USERS = Get "/authconfig/latest/jit-users";
    LOGIN_OPTIONS = Get "/authconfig/latest/login-options";
    SAML_CERT = Get "/authconfig/latest/saml/certificate";
    SAML_CERT_RESET = Post "/authconfig/latest/saml/certificate/reset";
    SSO = Get "/authconfig/latest/sso";
    SSO_UPDATE = Patch "/authconfig/latest/sso";
    BASIC_AUTH_GET = Get "/basicauth/latest/config";
    BASIC_AUTH_SET = Put "/basicauth/latest/config";
    CSP_SET = Put "/csp/latest/settings";
    AUDIT_DISMISS = Delete "/audit/latest/notification-settings/retention-config-review";
    TSV_AUTHENTICATE = Post "/tsv/latest/authenticate";
    TSV_CAPTCHA = Get "/tsv/latest/authenticate/captcha";
    TSV_AUTH_RECOVERY = Post "/tsv/latest/authenticate/recovery-code";
    TSV_AUTH_TOTP = Post "/tsv/latest/authenticate/totp-code";
    TSV_ELEVATION = Get "/tsv/latest/elevate-permissions";
    TSV_ELEVATE_PASSWORD = Post "/tsv/latest/elevate-permissions/password";
    TSV_ELEVATE_RECOVERY = Post "/tsv/latest/elevate-permissions/recovery-code";
    TSV_ELEVATE_TOTP = Post "/tsv/latest/elevate-permissions/totp";
    TSV_SSO_STATUS = Get "/tsv/latest/sso-management-status";
    TSV_STATUS = Get "/tsv/latest/status";
    TSV_COMPLETE_ENFORCED = Post "/tsv/latest/totp/complete-enforced-enrollment";
    TSV_COMPLETE_UPDATE = Post "/tsv/latest/totp/complete-enrollment-update";
    TSV_COMPLETE_VOLUNTARY = Post "/tsv/latest/totp/complete-voluntary-enrollment";
    TSV_ROTATE_RECOVERY = Post "/tsv/latest/totp/recovery-code/rotate";
    TSV_START_ENFORCED = Post "/tsv/latest/totp/start-enforced-enrollment";
    TSV_START_UPDATE = Post "/tsv/latest/totp/start-enrollment-update";
    TSV_START_VOLUNTARY = Post "/tsv/latest/totp/start-voluntary-enrollment";
    TSV_UNENROLL = Delete "/tsv/latest/totp/unenroll";
    TSV_UNENROLL_USER = Delete "/tsv/latest/totp/unenroll/user/{userName}";
}

// ---------------------------------------------------------------- models

/// A page of the authentication-configuration API (it names its items `results`).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    default,
    rename_all = "camelCase",
    bound(deserialize = "T: Deserialize<'de>")
)]
pub struct ResultsPage<T> {
    /// The items.
    pub results: Vec<T>,
    /// Items on this page.
    pub size: Option<u64>,
    /// Index of the first item.
    pub start: Option<i64>,
    /// Page size applied.
    pub limit: Option<u64>,
    /// Whether this is the last page.
    pub is_last_page: Option<bool>,
}

impl<T> Default for ResultsPage<T> {
    fn default() -> Self {
        ResultsPage {
            results: Vec::new(),
            size: None,
            start: None,
            limit: None,
            is_last_page: None,
        }
    }
}

string_enum! {
    /// Single sign-on protocol of an identity provider.
    pub enum SsoType {
        /// None.
        None = "NONE",
        /// SAML 2.0.
        Saml = "SAML",
        /// OpenID Connect.
        Oidc = "OIDC",
    }
}

/// An identity provider (also the creation body: only the fields set are sent; the client
/// secret is redacted in `Debug`).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct IdentityProvider {
    /// Id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it is enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `GENERIC` or `CROWD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idp_type: Option<String>,
    /// Protocol.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sso_type: Option<SsoType>,
    /// Text of the login button.
    #[serde(rename = "buttonText", skip_serializing_if = "Option::is_none")]
    pub button_text: Option<String>,
    /// SAML: SSO URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sso_url: Option<String>,
    /// SAML: issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sso_issuer: Option<String>,
    /// SAML: signing certificate (PEM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// SAML: attribute holding the user name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username_attribute: Option<String>,
    /// OIDC: issuer URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_url: Option<String>,
    /// OIDC: client id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// OIDC: client secret.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::common::secret_opt_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub client_secret: Option<Secret>,
    /// OIDC: claim holding the user name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username_claim: Option<String>,
    /// OIDC: extra scopes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_scopes: Option<Vec<String>>,
    /// OIDC: discover endpoints from the issuer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovery_enabled: Option<bool>,
    /// OIDC: authorization endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_endpoint: Option<String>,
    /// OIDC: token endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_endpoint: Option<String>,
    /// OIDC: user-info endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub userinfo_endpoint: Option<String>,
    /// Crowd: server URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crowd_url: Option<String>,
    /// Offer "remember me".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_remember_me: Option<bool>,
    /// Just-in-time provisioning settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jit_configuration: Option<serde_json::Value>,
    /// Last change.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_updated: Option<DateTime<Utc>>,
}

/// A user created by just-in-time provisioning.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct JitUser {
    /// User name.
    pub username: String,
    /// Display name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// E-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The JIT users (accepts one object, an array or a page).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct JitUsers(
    /// The users.
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<JitUser>,
);

/// A way to log in shown on the login page.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoginOption {
    /// Id.
    pub id: i64,
    /// `LOGIN_FORM`, `IDP` or `LEGACY_LOGIN_FORM`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub option_type: Option<String>,
    /// Button text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub button_text: Option<String>,
    /// Link that starts the login.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub login_link: Option<String>,
}

/// Global SSO settings.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SsoConfig {
    /// Show the username/password form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_login_form: Option<bool>,
    /// Fall back to the product login when the IdP fails.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enable_authentication_fallback: Option<bool>,
    /// Cron expression for refreshing discovered OIDC metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discovery_refresh_cron: Option<String>,
    /// Last change.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Restrictions on basic authentication (also the update body).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct BasicAuthConfig {
    /// Block basic-auth requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block_requests: Option<bool>,
    /// Paths still allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_paths: Option<Vec<String>>,
    /// Users still allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_users: Option<Vec<String>>,
    /// Show a warning to users.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_warning_message: Option<bool>,
}

string_enum! {
    /// Content security policy level.
    pub enum CspStrictness {
        /// Enforce the strict policy.
        Strict = "STRICT",
        /// Only report violations.
        ReportOnly = "REPORT_ONLY",
        /// The product default.
        Default = "DEFAULT",
    }
}

/// Body of the content-security-policy update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CspSettings {
    /// Level.
    pub strictness: CspStrictness,
}

/// Two-step verification state of the current user.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TwoStepStatus {
    /// Whether 2SV is active.
    #[serde(rename = "isTwoSVActive", skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    /// Methods and their state.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<serde_json::Value>,
}

/// Whether 2SV is managed by the SSO provider.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SsoManagementStatus {
    /// Managed by SSO.
    #[serde(rename = "isManaged")]
    pub managed: bool,
}

/// A TOTP enrollment in progress (`Debug` redacts the shared secret).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TotpEnrollment {
    /// Conversation to continue with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// User.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// Shared secret for the authenticator app.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::common::secret_opt_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub secret: Option<Secret>,
    /// `otpauth://` URL (also contains the secret; treat it as one).
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::common::secret_opt_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub url: Option<Secret>,
}

/// A recovery code (`Debug` redacts it).
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecoveryCode {
    /// The code.
    #[serde_with(skip_apply)]
    #[serde(
        with = "crate::common::secret_opt_de",
        skip_serializing_if = "Option::is_none"
    )]
    pub recovery_code: Option<Secret>,
}

/// Where to go after a login step.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NextStep {
    /// URL of the next step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// A CAPTCHA challenge.
#[serde_with::apply(_ => #[serde(deserialize_with = "crate::tolerant::de")])]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Captcha {
    /// Challenge id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha_id: Option<String>,
    /// Image URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha_image_url: Option<String>,
}

/// Body of the 2SV login and code steps (`Debug` redacts secrets).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TwoStepInput {
    /// User name (login).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Password (login).
    #[serde(
        with = "crate::common::secret_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub password: Option<Secret>,
    /// Remember the login.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remember_me: Option<bool>,
    /// Where to go afterwards.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_url: Option<String>,
    /// CAPTCHA id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha_id: Option<String>,
    /// CAPTCHA answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub captcha_challenge: Option<String>,
    /// Conversation of a multi-step exchange.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    /// TOTP code.
    #[serde(
        with = "crate::common::secret_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub totp_code: Option<Secret>,
    /// Recovery code.
    #[serde(
        with = "crate::common::secret_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub recovery_code: Option<Secret>,
}

// ---------------------------------------------------------------- handlers

/// Identity providers, SSO and login settings.
#[derive(Debug, Clone)]
pub struct AuthConfig {
    client: bitbucket_core::Client,
}

/// Two-step verification.
#[derive(Debug, Clone)]
pub struct TwoStep {
    client: bitbucket_core::Client,
}

impl Client {
    /// Identity providers, SSO, login options, basic-auth and CSP settings.
    pub fn auth_config(&self) -> AuthConfig {
        AuthConfig {
            client: self.core().clone(),
        }
    }

    /// Two-step verification (TOTP) of the current user, and administration.
    pub fn two_step(&self) -> TwoStep {
        TwoStep {
            client: self.core().clone(),
        }
    }
}

impl AuthConfig {
    fn parts(&self, ep: Endpoint) -> Parts {
        Parts::new(&self.client, ep)
    }

    /// Identity providers (one page; `start`/`limit` select it).
    pub fn idps(&self) -> ListIdentityProviders {
        ListIdentityProviders::new(self.parts(IDPS))
    }

    /// Adds an identity provider.
    pub fn add_idp(&self, idp: IdentityProvider) -> SetIdentityProvider {
        SetIdentityProvider::new(self.parts(IDP_ADD), idp)
    }

    /// One identity provider.
    pub fn idp(&self, id: i64) -> GetIdentityProvider {
        GetIdentityProvider::new(self.parts(IDP_GET).param("id", id.to_string()))
    }

    /// Changes an identity provider (only the fields set in the body are sent).
    pub fn update_idp(&self, id: i64, changes: IdentityProvider) -> SetIdentityProvider {
        SetIdentityProvider::new(self.parts(IDP_UPDATE).param("id", id.to_string()), changes)
    }

    /// Removes an identity provider; the answer is the removed one.
    pub fn remove_idp(&self, id: i64) -> GetIdentityProvider {
        GetIdentityProvider::new(self.parts(IDP_REMOVE).param("id", id.to_string()))
    }

    /// Users created by just-in-time provisioning.
    pub fn jit_users(&self) -> ListJitUsers {
        ListJitUsers::new(self.parts(JIT_USERS))
    }

    /// Login options (one page; `start`/`limit` select it).
    pub fn login_options(&self) -> ListLoginOptions {
        ListLoginOptions::new(self.parts(LOGIN_OPTIONS))
    }

    /// The SAML service-provider certificate (JSON).
    pub fn saml_certificate(&self) -> AuthJson {
        AuthJson::new(self.parts(SAML_CERT))
    }

    /// Regenerates the SAML service-provider certificate (JSON).
    pub fn reset_saml_certificate(&self) -> AuthJson {
        let mut parts = self.parts(SAML_CERT_RESET);
        parts.payload(Payload::Empty);
        AuthJson::new(parts)
    }

    /// Global SSO settings.
    pub fn sso(&self) -> GetSsoConfig {
        GetSsoConfig::new(self.parts(SSO))
    }

    /// Changes global SSO settings (only the fields set in the body are sent).
    pub fn update_sso(&self, changes: SsoConfig) -> UpdateSsoConfig {
        UpdateSsoConfig::new(self.parts(SSO_UPDATE), changes)
    }

    /// Basic-auth restrictions.
    pub fn basic_auth(&self) -> GetBasicAuthConfig {
        GetBasicAuthConfig::new(self.parts(BASIC_AUTH_GET))
    }

    /// Replaces the basic-auth restrictions.
    pub fn set_basic_auth(&self, config: BasicAuthConfig) -> SetBasicAuthConfig {
        SetBasicAuthConfig::new(self.parts(BASIC_AUTH_SET), config)
    }

    /// Sets the content security policy level.
    pub fn set_csp(&self, strictness: CspStrictness) -> SetCsp {
        SetCsp::new(self.parts(CSP_SET), CspSettings { strictness })
    }

    /// Dismisses the audit-log retention review notice.
    pub fn dismiss_retention_review(&self) -> AuthJson {
        AuthJson::new(self.parts(AUDIT_DISMISS))
    }
}

fn code(code: impl Into<Secret>) -> TwoStepInput {
    TwoStepInput {
        totp_code: Some(code.into()),
        ..TwoStepInput::default()
    }
}

impl TwoStep {
    fn parts(&self, ep: Endpoint) -> Parts {
        Parts::new(&self.client, ep)
    }

    fn elevation(&self, ep: Endpoint) -> Parts {
        let mut parts = self.parts(ep);
        parts.set_query("actionType", "unlock-user-2sv-settings");
        parts
    }

    fn post_empty(&self, ep: Endpoint) -> Parts {
        let mut parts = self.parts(ep);
        parts.payload(Payload::Empty);
        parts
    }

    /// 2SV state of the current user.
    pub fn status(&self) -> GetTwoStepStatus {
        GetTwoStepStatus::new(self.parts(TSV_STATUS))
    }

    /// Whether 2SV is managed by SSO.
    pub fn sso_management_status(&self) -> GetSsoManagementStatus {
        GetSsoManagementStatus::new(self.parts(TSV_SSO_STATUS))
    }

    /// First login step with user name and password.
    pub fn authenticate(
        &self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> TwoStepLogin {
        TwoStepLogin::new(
            self.parts(TSV_AUTHENTICATE),
            TwoStepInput {
                username: Some(username.into()),
                password: Some(password.into()),
                ..TwoStepInput::default()
            },
        )
    }

    /// A CAPTCHA challenge for the login.
    pub fn captcha(&self) -> GetCaptcha {
        GetCaptcha::new(self.parts(TSV_CAPTCHA))
    }

    /// Second login step with a recovery code.
    pub fn authenticate_with_recovery_code(
        &self,
        conversation_id: impl Into<String>,
        recovery_code: impl Into<Secret>,
    ) -> TwoStepLogin {
        TwoStepLogin::new(
            self.parts(TSV_AUTH_RECOVERY),
            TwoStepInput {
                conversation_id: Some(conversation_id.into()),
                recovery_code: Some(recovery_code.into()),
                ..TwoStepInput::default()
            },
        )
    }

    /// Second login step with a TOTP code.
    pub fn verify_code(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepEmpty {
        let mut body = code(totp);
        body.conversation_id = Some(conversation_id.into());
        TwoStepEmpty::new(self.parts(TSV_AUTH_TOTP), body)
    }

    /// Whether the caller's permissions are currently elevated (success means yes).
    pub fn elevation_status(&self) -> AuthEmpty {
        AuthEmpty::new(self.elevation(TSV_ELEVATION))
    }

    /// Elevates permissions (to change 2SV settings) with the password.
    pub fn elevate_with_password(&self, password: impl Into<Secret>) -> TwoStepEmpty {
        // The spec declares the same body (`totpCode`) for this variant; the password goes there.
        TwoStepEmpty::new(self.elevation(TSV_ELEVATE_PASSWORD), code(password))
    }

    /// Elevates permissions with a TOTP code.
    pub fn elevate_with_totp(&self, totp: impl Into<Secret>) -> TwoStepEmpty {
        TwoStepEmpty::new(self.elevation(TSV_ELEVATE_TOTP), code(totp))
    }

    /// Elevates permissions with a recovery code; the answer is a new recovery code.
    pub fn elevate_with_recovery_code(&self, recovery_code: impl Into<Secret>) -> TwoStepRecovery {
        TwoStepRecovery::new(
            self.elevation(TSV_ELEVATE_RECOVERY),
            TwoStepInput {
                recovery_code: Some(recovery_code.into()),
                ..TwoStepInput::default()
            },
        )
    }

    /// Starts a voluntary enrollment.
    pub fn start_voluntary_enrollment(&self) -> StartEnrollment {
        StartEnrollment::new(self.post_empty(TSV_START_VOLUNTARY))
    }

    /// Starts an enrollment required by policy (after the login's first step).
    pub fn start_enforced_enrollment(&self, conversation_id: impl Into<String>) -> TwoStepEnroll {
        TwoStepEnroll::new(
            self.parts(TSV_START_ENFORCED),
            TwoStepInput {
                conversation_id: Some(conversation_id.into()),
                ..TwoStepInput::default()
            },
        )
    }

    /// Starts replacing the authenticator.
    pub fn start_enrollment_update(&self) -> StartEnrollment {
        StartEnrollment::new(self.post_empty(TSV_START_UPDATE))
    }

    /// Completes a voluntary enrollment with the first code.
    pub fn complete_voluntary_enrollment(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepEnroll {
        let mut body = code(totp);
        body.conversation_id = Some(conversation_id.into());
        TwoStepEnroll::new(self.parts(TSV_COMPLETE_VOLUNTARY), body)
    }

    /// Completes an authenticator replacement with the first code.
    pub fn complete_enrollment_update(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepEnroll {
        let mut body = code(totp);
        body.conversation_id = Some(conversation_id.into());
        TwoStepEnroll::new(self.parts(TSV_COMPLETE_UPDATE), body)
    }

    /// Completes an enforced enrollment; the answer is the recovery code.
    pub fn complete_enforced_enrollment(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepRecovery {
        let mut body = code(totp);
        body.conversation_id = Some(conversation_id.into());
        TwoStepRecovery::new(self.parts(TSV_COMPLETE_ENFORCED), body)
    }

    /// Replaces the recovery code.
    pub fn rotate_recovery_code(&self) -> RotateRecoveryCode {
        RotateRecoveryCode::new(self.post_empty(TSV_ROTATE_RECOVERY))
    }

    /// Turns off 2SV for the current user.
    pub fn unenroll(&self) -> AuthEmpty {
        AuthEmpty::new(self.parts(TSV_UNENROLL))
    }

    /// Turns off 2SV for a user (administrators; needs the admin's TOTP code).
    pub fn unenroll_user(
        &self,
        user_name: impl Into<String>,
        admin_totp: impl Into<Secret>,
    ) -> TwoStepEmpty {
        TwoStepEmpty::new(
            self.parts(TSV_UNENROLL_USER).param("userName", user_name),
            code(admin_totp),
        )
    }
}

// ---------------------------------------------------------------- builders

macro_rules! one_page {
    ($($name:ident),+) => {
        $(
            impl $name {
                /// Index of the first item.
                pub fn start(mut self, start: u64) -> Self {
                    self.parts.set_query("start", start);
                    self
                }

                /// Items on the page.
                pub fn limit(mut self, limit: u32) -> Self {
                    self.parts.set_query("limit", limit);
                    self
                }
            }
        )+
    };
}

request_builder! {
    /// Lists identity providers.
    ListIdentityProviders => json ResultsPage<IdentityProvider>
}

request_builder! {
    /// Lists login options.
    ListLoginOptions => json ResultsPage<LoginOption>
}

one_page!(ListIdentityProviders, ListLoginOptions);

request_builder! {
    /// Adds or changes an identity provider.
    SetIdentityProvider { body: IdentityProvider } => json IdentityProvider
}

request_builder! {
    /// Gets (or removes) an identity provider.
    GetIdentityProvider => json IdentityProvider
}

request_builder! {
    /// Lists JIT-provisioned users.
    ListJitUsers => json JitUsers
}

request_builder! {
    /// An authentication-configuration call answered with free-form JSON (or nothing).
    AuthJson => json Option<serde_json::Value>
}

request_builder! {
    /// An authentication-configuration call without an answer body.
    AuthEmpty => empty
}

request_builder! {
    /// Gets SSO settings.
    GetSsoConfig => json SsoConfig
}

request_builder! {
    /// Changes SSO settings.
    UpdateSsoConfig { body: SsoConfig } => json SsoConfig
}

request_builder! {
    /// Gets basic-auth restrictions.
    GetBasicAuthConfig => json BasicAuthConfig
}

request_builder! {
    /// Sets basic-auth restrictions.
    SetBasicAuthConfig { body: BasicAuthConfig } => empty
}

request_builder! {
    /// Sets the content security policy.
    SetCsp { body: CspSettings } => empty
}

request_builder! {
    /// Gets 2SV status.
    GetTwoStepStatus => json TwoStepStatus
}

request_builder! {
    /// Gets whether 2SV is managed by SSO.
    GetSsoManagementStatus => json SsoManagementStatus
}

request_builder! {
    /// A 2SV login step.
    TwoStepLogin { body: TwoStepInput } => json NextStep
}

impl TwoStepLogin {
    /// Remember the login.
    pub fn remember_me(mut self, yes: bool) -> Self {
        self.body.remember_me = Some(yes);
        self
    }

    /// Where to go afterwards.
    pub fn target_url(mut self, url: impl Into<String>) -> Self {
        self.body.target_url = Some(url.into());
        self
    }

    /// CAPTCHA id and answer.
    pub fn captcha(mut self, id: impl Into<String>, answer: impl Into<String>) -> Self {
        self.body.captcha_id = Some(id.into());
        self.body.captcha_challenge = Some(answer.into());
        self
    }
}

request_builder! {
    /// Gets a CAPTCHA challenge.
    GetCaptcha => json Captcha
}

request_builder! {
    /// A 2SV step without an answer body.
    TwoStepEmpty { body: TwoStepInput } => empty
}

request_builder! {
    /// A 2SV step answered with a recovery code.
    TwoStepRecovery { body: TwoStepInput } => json RecoveryCode
}

request_builder! {
    /// A 2SV enrollment step.
    TwoStepEnroll { body: TwoStepInput } => json TotpEnrollment
}

request_builder! {
    /// Starts a 2SV enrollment.
    StartEnrollment => json TotpEnrollment
}

request_builder! {
    /// Rotates the recovery code.
    RotateRecoveryCode => json RecoveryCode
}
