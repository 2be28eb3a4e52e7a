//! Request builders of authentication configuration.

use super::*;

request_builder! {
    /// Lists identity providers.
    ListIdentityProviders => json ResultsPage<IdentityProvider>
}

request_builder! {
    /// Lists login options.
    ListLoginOptions => json ResultsPage<LoginOption>
}

query_params!(ListIdentityProviders, ListLoginOptions {
    /// Index of the first item.
    start("start"): u64;
    /// Items on the page.
    limit("limit"): u32;
});

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
