//! Models of authentication configuration.

use super::*;

/// A page of the authentication-configuration API (it names its items `results`).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct IdentityProvider {
    /// Id.
    pub id: Option<i64>,
    /// Name.
    pub name: Option<String>,
    /// Whether it is enabled.
    pub enabled: Option<bool>,
    /// `GENERIC` or `CROWD`.
    pub idp_type: Option<String>,
    /// Protocol.
    pub sso_type: Option<SsoType>,
    /// Text of the login button.
    #[serde(rename = "buttonText")]
    pub button_text: Option<String>,
    /// SAML: SSO URL.
    pub sso_url: Option<String>,
    /// SAML: issuer.
    pub sso_issuer: Option<String>,
    /// SAML: signing certificate (PEM).
    pub certificate: Option<String>,
    /// SAML: attribute holding the user name.
    pub username_attribute: Option<String>,
    /// OIDC: issuer URL.
    pub issuer_url: Option<String>,
    /// OIDC: client id.
    pub client_id: Option<String>,
    /// OIDC: client secret.
    #[serde(with = "crate::common::secret_opt_de")]
    pub client_secret: Option<Secret>,
    /// OIDC: claim holding the user name.
    pub username_claim: Option<String>,
    /// OIDC: extra scopes.
    pub additional_scopes: Option<Vec<String>>,
    /// OIDC: discover endpoints from the issuer.
    pub discovery_enabled: Option<bool>,
    /// OIDC: authorization endpoint.
    pub authorization_endpoint: Option<String>,
    /// OIDC: token endpoint.
    pub token_endpoint: Option<String>,
    /// OIDC: user-info endpoint.
    pub userinfo_endpoint: Option<String>,
    /// Crowd: server URL.
    pub crowd_url: Option<String>,
    /// Offer "remember me".
    pub enable_remember_me: Option<bool>,
    /// Just-in-time provisioning settings.
    pub jit_configuration: Option<serde_json::Value>,
    /// Last change.
    #[serde(with = "crate::timestamp::option")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// A user created by just-in-time provisioning.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct JitUser {
    /// User name.
    pub username: String,
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
}

/// The JIT users (accepts one object, an array or a page).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct JitUsers(
    /// The users.
    #[serde(deserialize_with = "crate::common::one_or_many::deserialize")]
    pub Vec<JitUser>,
);

/// A way to log in shown on the login page.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoginOption {
    /// Id.
    pub id: i64,
    /// `LOGIN_FORM`, `IDP` or `LEGACY_LOGIN_FORM`.
    #[serde(rename = "type")]
    pub option_type: Option<String>,
    /// Button text.
    pub button_text: Option<String>,
    /// Link that starts the login.
    pub login_link: Option<String>,
}

/// Global SSO settings.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SsoConfig {
    /// Show the username/password form.
    pub show_login_form: Option<bool>,
    /// Fall back to the product login when the IdP fails.
    pub enable_authentication_fallback: Option<bool>,
    /// Cron expression for refreshing discovered OIDC metadata.
    pub discovery_refresh_cron: Option<String>,
    /// Last change.
    #[serde(with = "crate::timestamp::option")]
    pub last_updated: Option<DateTime<Utc>>,
}

/// Restrictions on basic authentication (also the update body).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct BasicAuthConfig {
    /// Block basic-auth requests.
    pub block_requests: Option<bool>,
    /// Paths still allowed.
    pub allowed_paths: Option<Vec<String>>,
    /// Users still allowed.
    pub allowed_users: Option<Vec<String>>,
    /// Show a warning to users.
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
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TwoStepStatus {
    /// Whether 2SV is active.
    #[serde(rename = "isTwoSVActive")]
    pub active: Option<bool>,
    /// Methods and their state.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<serde_json::Value>,
}

/// Whether 2SV is managed by the SSO provider.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SsoManagementStatus {
    /// Managed by SSO.
    #[serde(rename = "isManaged")]
    pub managed: bool,
}

/// A TOTP enrollment in progress (`Debug` redacts the shared secret).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TotpEnrollment {
    /// Conversation to continue with.
    pub conversation_id: Option<String>,
    /// User.
    pub user_name: Option<String>,
    /// Shared secret for the authenticator app.
    #[serde(with = "crate::common::secret_opt_de")]
    pub secret: Option<Secret>,
    /// `otpauth://` URL (also contains the secret; treat it as one).
    #[serde(with = "crate::common::secret_opt_de")]
    pub url: Option<Secret>,
}

/// A recovery code (`Debug` redacts it).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct RecoveryCode {
    /// The code.
    #[serde(with = "crate::common::secret_opt_de")]
    pub recovery_code: Option<Secret>,
}

/// Where to go after a login step.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NextStep {
    /// URL of the next step.
    pub next: Option<String>,
}

/// A CAPTCHA challenge.
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Captcha {
    /// Challenge id.
    pub captcha_id: Option<String>,
    /// Image URL.
    pub captcha_image_url: Option<String>,
}

/// Body of the 2SV login and code steps (`Debug` redacts secrets).
#[macro_rules_attribute::apply(crate::tolerant::model!)]
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TwoStepInput {
    /// User name (login).
    pub username: Option<String>,
    /// Password (login).
    #[serde(with = "crate::common::secret_opt")]
    pub password: Option<Secret>,
    /// Remember the login.
    pub remember_me: Option<bool>,
    /// Where to go afterwards.
    pub target_url: Option<String>,
    /// CAPTCHA id.
    pub captcha_id: Option<String>,
    /// CAPTCHA answer.
    pub captcha_challenge: Option<String>,
    /// Conversation of a multi-step exchange.
    pub conversation_id: Option<String>,
    /// TOTP code.
    #[serde(with = "crate::common::secret_opt")]
    pub totp_code: Option<Secret>,
    /// Recovery code.
    #[serde(with = "crate::common::secret_opt")]
    pub recovery_code: Option<Secret>,
}
