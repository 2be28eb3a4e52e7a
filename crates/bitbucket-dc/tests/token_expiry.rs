//! "Tokens expiring within 30 days, or never", computed the documented way
//! (`AccessToken::expires_at`) against `bitbucket-fake`, must match the fake's own state
//! whichever expiry fields the fake sends: `expiryDays` only, `expiryDate` only, or both.

use std::collections::BTreeMap;

use bitbucket_dc::chrono::{DateTime, Duration, Utc};
use bitbucket_dc::timestamp::{from_millis, to_millis};
use bitbucket_dc::{Client, futures::TryStreamExt};
use bitbucket_fake::{Server, TokenExpiry};

mod common;

const DAY_MS: i64 = 86_400_000;

/// (user slug, token id) -> expiry in epoch milliseconds (`None`: never).
type Expiries = BTreeMap<(String, String), Option<i64>>;

/// The guide's recipe: every user's tokens that expire within 30 days of `now` (already
/// expired included) or never.
async fn expiring_or_never(dc: &Client, now: DateTime<Utc>) -> Expiries {
    let mut found = Expiries::new();
    let mut users = dc.admin().users().list().page_size(100).stream();
    while let Some(user) = users.try_next().await.expect("users page") {
        let tokens: Vec<_> = common::user_tokens(dc, &user.slug).await;
        for t in tokens {
            if t.expires_at().is_none() || t.expires_within(now, Duration::days(30)) {
                found.insert(
                    (user.slug.clone(), t.id.clone()),
                    t.expires_at().map(to_millis),
                );
            }
        }
    }
    found
}

/// The same set from the fake's state, computed from `createdDate` and `expiryDays` alone.
fn expected(server: &Server, now_ms: i64) -> Expiries {
    let mut want = Expiries::new();
    for user in server.dc_users() {
        for t in server.dc_user_tokens(&user.slug).expect("user") {
            let at = t
                .expiry_days
                .map(|d| t.created_date + i64::from(d) * DAY_MS);
            if at.is_none_or(|at| at <= now_ms + 30 * DAY_MS) {
                want.insert((user.slug.clone(), t.id.clone()), at);
            }
        }
    }
    want
}

async fn check(mode: TokenExpiry) {
    let server = Server::dc()
        .dc_users(150)
        .tokens_per_user(0..=3)
        .system_clock()
        .token_expiry(mode)
        .start()
        .await
        .expect("fake server");
    let dc = common::fake_client(&server);
    let now_ms = server.now_ms();
    let now = from_millis(now_ms).expect("now");

    let found = expiring_or_never(&dc, now).await;
    let want = expected(&server, now_ms);
    assert_eq!(found, want, "{mode:?}");

    // The set is not trivial: it holds never-expiring tokens, tokens still valid that expire
    // within the window, and leaves tokens that expire later out.
    assert!(want.values().any(Option::is_none), "{mode:?}: never");
    assert!(
        want.values()
            .flatten()
            .any(|at| (now_ms..=now_ms + 30 * DAY_MS).contains(at)),
        "{mode:?}: expiring soon"
    );
    assert!(
        want.len() < server.dc_token_count(),
        "{mode:?}: some expire later"
    );
}

#[tokio::test]
async fn expiring_within_30_days_or_never_with_expiry_days_only() {
    check(TokenExpiry::Days).await;
}

#[tokio::test]
async fn expiring_within_30_days_or_never_with_expiry_date_only() {
    check(TokenExpiry::Date).await;
}

#[tokio::test]
async fn expiring_within_30_days_or_never_with_both_fields() {
    check(TokenExpiry::Both).await;
}

/// What the guide used to do (reading `expiry_date` alone) calls most tokens "never" when
/// the server sends only `expiryDays`; `expires_at` does not.
#[tokio::test]
async fn expiry_date_alone_is_not_the_answer() {
    let server = Server::dc()
        .dc_users(40)
        .tokens_per_user(2..=3)
        .start()
        .await
        .expect("fake server");
    let dc = common::fake_client(&server);
    let tokens: Vec<_> = common::user_tokens(&dc, "user0001").await;
    let state = server.dc_user_tokens("user0001").expect("user");
    assert!(state.iter().any(|t| t.expiry_days.is_some()));
    for (t, s) in tokens.iter().zip(&state) {
        assert_eq!(
            t.expiry_date, None,
            "the fake sends expiryDays only by default"
        );
        assert_eq!(t.expires_at().map(to_millis), s.expiry_date());
    }
}
