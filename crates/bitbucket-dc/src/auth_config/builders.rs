//! Request builders of authentication configuration.

use super::*;

request_builder! {
    /// Lists identity providers.
    ListIdentityProviders => json ResultsPage<IdentityProvider>;

    /// Lists login options.
    ListLoginOptions => json ResultsPage<LoginOption>;
}

query_params!(ListIdentityProviders, ListLoginOptions {
    /// Index of the first item.
    start("start"): u64;
    /// Items on the page.
    limit("limit"): u32;
});

request_builder! {
    /// Adds or changes an identity provider.
    SetIdentityProvider { body: IdentityProvider } => json IdentityProvider;

    /// Gets (or removes) an identity provider.
    GetIdentityProvider => json IdentityProvider;

    /// Lists JIT-provisioned users.
    ListJitUsers => json JitUsers;

    /// An authentication-configuration call answered with free-form JSON (or nothing).
    AuthJson => json Option<serde_json::Value>;

    /// An authentication-configuration call without an answer body.
    AuthEmpty => empty;

    /// Gets SSO settings.
    GetSsoConfig => json SsoConfig;

    /// Changes SSO settings.
    UpdateSsoConfig { body: SsoConfig } => json SsoConfig;

    /// Gets basic-auth restrictions.
    GetBasicAuthConfig => json BasicAuthConfig;

    /// Sets basic-auth restrictions.
    SetBasicAuthConfig { body: BasicAuthConfig } => empty;

    /// Sets the content security policy.
    SetCsp { body: CspSettings } => empty;

    /// Gets 2SV status.
    GetTwoStepStatus => json TwoStepStatus;

    /// Gets whether 2SV is managed by SSO.
    GetSsoManagementStatus => json SsoManagementStatus;

    /// A 2SV login step.
    TwoStepLogin { body: TwoStepInput } => json NextStep;
}

impl TwoStepLogin {
    /// CAPTCHA id and answer.
    pub fn captcha(mut self, id: impl Into<String>, answer: impl Into<String>) -> Self {
        self.body.captcha_id = Some(id.into());
        self.body.captcha_challenge = Some(answer.into());
        self
    }
}

body_params!(TwoStepLogin {
    /// Remember the login.
    remember_me: bool;
    /// Where to go afterwards.
    target_url: String;
});

request_builder! {
    /// Gets a CAPTCHA challenge.
    GetCaptcha => json Captcha;

    /// A 2SV step without an answer body.
    TwoStepEmpty { body: TwoStepInput } => empty;

    /// A 2SV step answered with a recovery code.
    TwoStepRecovery { body: TwoStepInput } => json RecoveryCode;

    /// A 2SV enrollment step.
    TwoStepEnroll { body: TwoStepInput } => json TotpEnrollment;

    /// Starts a 2SV enrollment.
    StartEnrollment => json TotpEnrollment;

    /// Rotates the recovery code.
    RotateRecoveryCode => json RecoveryCode;
}
