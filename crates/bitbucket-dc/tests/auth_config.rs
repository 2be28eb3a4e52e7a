//! Authentication configuration and two-step verification.

mod common;

use bitbucket_dc::auth_config::{
    BasicAuthConfig, CspStrictness, IdentityProvider, SsoConfig, SsoType,
};
use common::*;
use httpmock::prelude::*;
use serde_json::json;

#[tokio::test]
async fn identity_providers_and_settings() {
    let (server, dc) = setup().await;
    let ac = dc.auth_config();
    let page = hit_ok(
        &server,
        Expect::new(GET, "/rest/authconfig/latest/idps")
            .query("start=0&limit=10")
            .respond(json!({"results": [{"id": 1, "name": "Okta", "sso-type": "OIDC", "enabled": true,
                                         "client-secret": "cs-123", "last-updated": "2024-05-01T10:00:00Z"}],
                            "size": 1, "start": 0, "limit": 10, "isLastPage": true})),
        ac.idps().start(0).limit(10).send(),
    )
    .await;
    let idp = &page.results[0];
    assert_eq!(idp.sso_type, Some(SsoType::Oidc));
    assert!(idp.last_updated.is_some());
    assert!(!format!("{idp:?}").contains("cs-123"));
    hit_ok(
        &server,
        Expect::new(PATCH, "/rest/authconfig/latest/idps/1")
            .body(json!({"enabled": false}))
            .respond(json!({"id": 1, "enabled": false})),
        ac.update_idp(
            1,
            IdentityProvider {
                enabled: Some(false),
                ..Default::default()
            },
        )
        .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::new(PATCH, "/rest/authconfig/latest/sso")
            .body(json!({"show-login-form": false}))
            .respond(json!({"show-login-form": false})),
        ac.update_sso(SsoConfig {
            show_login_form: Some(false),
            ..Default::default()
        })
        .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/basicauth/latest/config")
            .body(json!({"block-requests": true, "allowed-users": ["ci-bot"]})),
        ac.set_basic_auth(BasicAuthConfig {
            block_requests: Some(true),
            allowed_users: Some(vec!["ci-bot".into()]),
            ..Default::default()
        })
        .send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(PUT, "/rest/csp/latest/settings")
            .body(json!({"strictness": "REPORT_ONLY"})),
        ac.set_csp(CspStrictness::ReportOnly).send(),
    )
    .await;
}

#[tokio::test]
async fn two_step_verification() {
    let (server, dc) = setup().await;
    let tsv = dc.two_step();
    let enroll = hit_ok(
        &server,
        Expect::new(POST, "/rest/tsv/latest/totp/complete-voluntary-enrollment")
            .body(json!({"conversationId": "c1", "totpCode": "123456"}))
            .respond(json!({"conversationId": "c1", "secret": "JBSWY3DPEHPK3PXP",
                            "url": "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"})),
        tsv.complete_voluntary_enrollment("c1", "123456").send(),
    )
    .await;
    assert_eq!(
        enroll.secret.as_ref().map(|s| s.expose()),
        Some("JBSWY3DPEHPK3PXP")
    );
    assert!(!format!("{enroll:?}").contains("JBSWY3DPEHPK3PXP"));
    hit_ok(
        &server,
        Expect::no_content(POST, "/rest/tsv/latest/elevate-permissions/totp")
            .query("actionType=unlock-user-2sv-settings")
            .body(json!({"totpCode": "654321"})),
        tsv.elevate_with_totp("654321").send(),
    )
    .await;
    hit_ok(
        &server,
        Expect::no_content(DELETE, "/rest/tsv/latest/totp/unenroll/user/john.doe")
            .body(json!({"totpCode": "111111"})),
        tsv.unenroll_user("john.doe", "111111").send(),
    )
    .await;
    let status = hit_ok(
        &server,
        Expect::new(GET, "/rest/tsv/latest/status")
            .respond(json!({"isTwoSVActive": true, "methods": [{"method": "TOTP"}]})),
        tsv.status().send(),
    )
    .await;
    assert_eq!(status.active, Some(true));
}
