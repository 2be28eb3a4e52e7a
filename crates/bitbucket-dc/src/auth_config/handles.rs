//! Handlers of authentication configuration.

use super::*;

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

/// A one-time code sent within a 2SV conversation.
fn conversation_code(conversation_id: impl Into<String>, totp: impl Into<Secret>) -> TwoStepInput {
    TwoStepInput {
        conversation_id: Some(conversation_id.into()),
        ..code(totp)
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
        let body = conversation_code(conversation_id, totp);
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
        let body = conversation_code(conversation_id, totp);
        TwoStepEnroll::new(self.parts(TSV_COMPLETE_VOLUNTARY), body)
    }

    /// Completes an authenticator replacement with the first code.
    pub fn complete_enrollment_update(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepEnroll {
        let body = conversation_code(conversation_id, totp);
        TwoStepEnroll::new(self.parts(TSV_COMPLETE_UPDATE), body)
    }

    /// Completes an enforced enrollment; the answer is the recovery code.
    pub fn complete_enforced_enrollment(
        &self,
        conversation_id: impl Into<String>,
        totp: impl Into<Secret>,
    ) -> TwoStepRecovery {
        let body = conversation_code(conversation_id, totp);
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
