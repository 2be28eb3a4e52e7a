//! Request builders of authentication configuration.

use super::*;

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
