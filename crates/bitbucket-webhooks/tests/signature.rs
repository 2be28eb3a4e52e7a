//! Signature verification: each way a delivery can be wrong gives its own typed error.

use bitbucket_webhooks::{
    DEFAULT_MAX_BODY_BYTES, ReceiveError, Verifier, VerifyError, WebhookEvent, dc, receive,
};

const SECRET: &str = "canary-webhook-secret-7f3a";
const BODY: &[u8] = br#"{"eventKey":"diagnostics:ping","test":true}"#;

fn verifier() -> Verifier {
    Verifier::new(SECRET)
}

#[test]
fn sign_matches_the_rfc_4231_test_vector() {
    // RFC 4231, test case 2.
    let v = Verifier::new("Jefe");
    assert_eq!(
        v.sign(b"what do ya want for nothing?"),
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
}

#[test]
fn a_valid_signature_is_accepted() {
    let v = verifier();
    let header = v.sign(BODY);
    assert_eq!(v.verify(Some(&header), BODY), Ok(()));
}

#[test]
fn a_tampered_body_is_refused() {
    let v = verifier();
    let header = v.sign(BODY);
    let tampered = br#"{"eventKey":"diagnostics:ping","test":false}"#;
    assert_eq!(
        v.verify(Some(&header), tampered),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn a_wrong_secret_is_refused() {
    let header = Verifier::new("another-secret").sign(BODY);
    assert_eq!(
        verifier().verify(Some(&header), BODY),
        Err(VerifyError::Mismatch)
    );
}

#[test]
fn a_missing_header_is_refused() {
    assert_eq!(
        verifier().verify(None, BODY),
        Err(VerifyError::MissingSignature)
    );
}

#[test]
fn another_algorithm_is_refused_by_name() {
    // A correct-looking sha1 digest must not pass, whatever it is.
    let sha1 = "sha1=0123456789abcdef0123456789abcdef01234567";
    assert_eq!(
        verifier().verify(Some(sha1), BODY),
        Err(VerifyError::UnsupportedAlgorithm {
            algorithm: "sha1".into()
        })
    );
}

#[test]
fn uppercase_hex_is_accepted() {
    let v = verifier();
    let header = v.sign(BODY);
    let upper = format!("sha256={}", header["sha256=".len()..].to_ascii_uppercase());
    assert_ne!(upper, header);
    assert_eq!(v.verify(Some(&upper), BODY), Ok(()));
}

#[test]
fn malformed_headers_are_refused() {
    let v = verifier();
    let good = v.sign(BODY);
    let short = &good[..good.len() - 2];
    let not_hex = format!("sha256={}", "z".repeat(64));
    for bad in [
        "", "sha256", "sha256=", short, &not_hex, "=abcdef", "md5 hash",
    ] {
        assert_eq!(
            v.verify(Some(bad), BODY),
            Err(VerifyError::MalformedSignature),
            "header {bad:?}"
        );
    }
}

#[test]
fn an_oversized_body_is_refused_before_hashing() {
    let v = verifier().max_body_bytes(16);
    let header = v.sign(BODY);
    assert_eq!(
        v.verify(Some(&header), BODY),
        Err(VerifyError::BodyTooLarge {
            len: BODY.len(),
            limit: 16
        })
    );
    // The same body passes under the default limit.
    assert_eq!(verifier().body_limit(), DEFAULT_MAX_BODY_BYTES);
    assert_eq!(verifier().verify(Some(&header), BODY), Ok(()));
}

#[test]
fn the_secret_never_shows_in_debug_or_errors() {
    let v = verifier();
    let debug = format!("{v:?}");
    assert!(!debug.contains(SECRET), "{debug}");
    let wrong = Verifier::new("x").sign(BODY);
    for err in [
        v.verify(Some(&wrong), BODY).unwrap_err(),
        v.verify(None, BODY).unwrap_err(),
        v.verify(Some("sha1=00"), BODY).unwrap_err(),
    ] {
        assert!(!format!("{err} {err:?}").contains(SECRET));
    }
}

#[test]
fn receive_checks_the_signature_before_decoding() {
    let v = verifier();
    let header = v.sign(BODY);
    let event: dc::Event = receive(&v, Some("diagnostics:ping"), Some(&header), BODY).unwrap();
    let dc::Event::Ping(ping) = &event else {
        panic!("{event:?}")
    };
    assert_eq!(ping.test, Some(true));
    assert_eq!(event.key(), "diagnostics:ping");

    // A body that is not JSON at all, unsigned: the signature error wins.
    let err = receive::<dc::Event>(&v, Some("pr:opened"), None, b"not json").unwrap_err();
    assert!(matches!(
        err,
        ReceiveError::Verify(VerifyError::MissingSignature)
    ));
    // Signed but without an event key.
    let err = receive::<dc::Event>(&v, None, Some(&header), BODY).unwrap_err();
    assert!(matches!(err, ReceiveError::MissingEventKey));
    // Signed, but the body does not fit the announced event: typed, with the path.
    let bad = br#"{"changes": "everything"}"#;
    let err =
        receive::<dc::Event>(&v, Some("repo:refs_changed"), Some(&v.sign(bad)), bad).unwrap_err();
    let ReceiveError::Parse(parse) = err else {
        panic!("{err:?}")
    };
    assert_eq!(parse.key, "repo:refs_changed");
    assert_eq!(parse.path, "changes");
}
