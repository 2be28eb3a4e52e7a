//! The clock option and the token-expiry wire shape.

mod support;

use bitbucket_fake::{DEFAULT_NOW_MS, Server, TokenExpiry};
use serde_json::Value;

const DAY_MS: i64 = 86_400_000;

async fn tokens_of(server: &Server, slug: &str) -> Vec<Value> {
    // Data Center refuses the admin's HTTP access token here: Basic with the password.
    let (user, password) = server.admin_credentials();
    let page: Value = support::http()
        .get(format!(
            "{}/rest/access-tokens/latest/users/{slug}?limit=1000",
            server.url()
        ))
        .basic_auth(user, Some(password))
        .send()
        .await
        .expect("request")
        .json()
        .await
        .expect("json");
    page["values"].as_array().expect("values").clone()
}

#[tokio::test]
async fn default_clock_is_fixed_and_dates_precede_it() {
    let a = Server::dc().dc_users(200).start().await.expect("start");
    let b = Server::dc().dc_users(200).start().await.expect("start");
    assert!((DEFAULT_NOW_MS..DEFAULT_NOW_MS + 60_000).contains(&a.now_ms()));
    assert_eq!(a.dc_users(), b.dc_users(), "same seed, same data");
    // Default seeded dates start on 2024-01-01 (as before the clock option existed).
    let first = a.dc_users().iter().map(|u| u.created_timestamp).min();
    assert!(first.is_some_and(|t| t >= 1_704_067_200_000));
    for u in a.dc_users() {
        let tokens = a.dc_user_tokens(&u.slug).expect("user");
        assert_eq!(tokens, b.dc_user_tokens(&u.slug).expect("user"));
        assert!(tokens.iter().all(|t| t.created_date < DEFAULT_NOW_MS));
        assert!(
            u.last_authentication_timestamp
                .is_none_or(|t| t < DEFAULT_NOW_MS)
        );
    }
}

#[tokio::test]
async fn system_clock_puts_some_tokens_near_expiry() {
    let server = Server::dc()
        .dc_users(300)
        .system_clock()
        .start()
        .await
        .expect("start");
    let now = server.now_ms();
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_millis() as i64;
    assert!((now - wall).abs() < 60_000, "now {now} vs wall {wall}");
    let tokens: Vec<_> = server
        .dc_users()
        .iter()
        .flat_map(|u| server.dc_user_tokens(&u.slug).expect("user"))
        .collect();
    assert!(tokens.iter().all(|t| t.created_date < now));
    assert!(tokens.iter().any(|t| t.created_date > now - 365 * DAY_MS));
    let soon = tokens
        .iter()
        .filter_map(|t| t.expiry_date())
        .filter(|at| (now..=now + 30 * DAY_MS).contains(at))
        .count();
    assert!(soon > 0, "some tokens expire within 30 days of today");
}

#[tokio::test]
async fn token_expiry_picks_the_fields_sent() {
    let server = Server::dc()
        .dc_users(40)
        .tokens_per_user(3..=3)
        .start()
        .await
        .expect("start");
    let slug = "user0001";
    let state = server.dc_user_tokens(slug).expect("user");
    assert!(state.iter().any(|t| t.expiry_days.is_some()));
    for (mode, days, date) in [
        (TokenExpiry::Days, true, false),
        (TokenExpiry::Date, false, true),
        (TokenExpiry::Both, true, true),
    ] {
        server.set_token_expiry(mode);
        let sent = tokens_of(&server, slug).await;
        assert_eq!(sent.len(), state.len());
        for (json, t) in sent.iter().zip(&state) {
            assert_eq!(json["id"], t.id.as_str());
            let want_days = t.expiry_days.filter(|_| days).map(i64::from);
            let want_date = t.expiry_date().filter(|_| date);
            assert_eq!(
                json.get("expiryDays").and_then(Value::as_i64),
                want_days,
                "{mode:?}"
            );
            assert_eq!(
                json.get("expiryDate").and_then(Value::as_i64),
                want_date,
                "{mode:?}"
            );
            if let (Some(d), Some(at)) = (t.expiry_days, t.expiry_date()) {
                assert_eq!(at, t.created_date + i64::from(d) * DAY_MS);
            }
        }
    }
    // The builder knob sets the same thing.
    let dated = Server::dc()
        .dc_users(40)
        .tokens_per_user(3..=3)
        .token_expiry(TokenExpiry::Date)
        .start()
        .await
        .expect("start");
    let sent = tokens_of(&dated, slug).await;
    assert!(sent.iter().all(|t| t.get("expiryDays").is_none()));
    assert!(sent.iter().any(|t| t.get("expiryDate").is_some()));
}
