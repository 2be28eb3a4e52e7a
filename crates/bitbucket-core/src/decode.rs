//! Typed decoding of response bodies with errors that say where and why.
//!
//! ```
//! use bitbucket_core::{decode, Error};
//! use reqwest::{StatusCode, header::HeaderMap};
//! #[derive(Debug, serde::Deserialize)]
//! struct User { slug: String }
//! let err = decode::json::<User>(StatusCode::OK, &HeaderMap::new(), br#"{"slug": 5}"#).unwrap_err();
//! assert!(matches!(err, Error::Decode { ref path, .. } if path == "slug"));
//! ```

use std::borrow::Cow;

use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use serde::de::DeserializeOwned;

use crate::error::{Error, excerpt};

pub mod nulls;
mod path;
pub use path::error_path;

const EXCERPT: usize = 300;

/// Decodes a JSON body into `T`.
///
/// HTML or other non-JSON content gives [`Error::UnexpectedContent`] (an HTML page with status 200
/// is usually an SSO or proxy login page); malformed, truncated or mistyped JSON gives
/// [`Error::Decode`] with the JSON path of the failure. An empty body decodes as `null`, so
/// `()` and `Option<T>` accept it.
pub fn json<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<T, Error> {
    // Only the parse depends on `T`: the checks and the error live in plain functions, so each
    // model adds one small function rather than a copy of them.
    let body = json_body(status, headers, body)?;
    parse(body).map_err(|source| decode_error(status, body, source))
}

/// The body to parse: refuses HTML and declared non-JSON content, and reads an empty body as
/// `null`.
fn json_body<'a>(
    status: StatusCode,
    headers: &HeaderMap,
    body: &'a [u8],
) -> Result<&'a [u8], Error> {
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let html = content_type.contains("html") || first == Some(b'<');
    let declared_other = !content_type.is_empty() && !content_type.contains("json");
    if html || (declared_other && !matches!(first, Some(b'{' | b'[') | None)) {
        return Err(Error::UnexpectedContent {
            status,
            content_type,
            login_page: html,
            excerpt: excerpt(body, EXCERPT),
        });
    }
    Ok(if first.is_none() { &b"null"[..] } else { body })
}

/// The error for a body [`parse`] refused, as [`json`] reports it: HTML or declared non-JSON
/// content is [`Error::UnexpectedContent`], anything else [`Error::Decode`] with the JSON path of
/// the failure. For callers that parse first and classify only on failure.
pub fn failure(
    status: StatusCode,
    headers: &HeaderMap,
    body: &[u8],
    source: serde_json::Error,
) -> Error {
    match json_body(status, headers, body) {
        Err(refused) => refused,
        Ok(_) => decode_error(status, body, source),
    }
}

/// [`Error::Decode`] for a body serde_json could not read, with the JSON path of the failure.
fn decode_error(status: StatusCode, body: &[u8], source: serde_json::Error) -> Error {
    Error::Decode {
        status,
        path: error_path(body, &source),
        message: source.to_string(),
        excerpt: excerpt(body, EXCERPT),
        source,
    }
}

/// Parses a JSON body into `T`: the body is checked as UTF-8 once and then read as text, which
/// spares serde_json a UTF-8 check of every string (typed decoding runs about a sixth faster).
/// Invalid UTF-8 gives serde_json's own error, with its position.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    serde_json::from_str(&text(body)?)
}

/// The body as text. Invalid UTF-8 is reported by reading the body as a `Value`, which finds
/// the bad bytes and says where they are (reading it as `T` would compile every model's decoder
/// a second time).
fn text(body: &[u8]) -> Result<Cow<'_, str>, serde_json::Error> {
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => match serde_json::from_slice::<serde_json::Value>(body) {
            Err(e) => Err(e),
            Ok(_) => Ok(String::from_utf8_lossy(body)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::path::tests::Page;
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(ct: &'static str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, HeaderValue::from_static(ct));
        h
    }

    #[test]
    fn path_of_type_error() {
        let e = json::<Page>(
            StatusCode::OK,
            &headers("application/json"),
            br#"{"values":[{"id":1},{"id":"x"}]}"#,
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::Decode { ref path, .. } if path == "values[1].id"),
            "{e}"
        );
    }

    #[test]
    fn truncated_and_malformed() {
        let e = json::<Page>(
            StatusCode::OK,
            &headers("application/json"),
            br#"{"values":[{"id":1"#,
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::Decode { ref message, .. } if message.contains("EOF")),
            "{e}"
        );
        let e = json::<Page>(StatusCode::OK, &HeaderMap::new(), b"{values:}").unwrap_err();
        assert!(matches!(e, Error::Decode { .. }));
    }

    #[test]
    fn invalid_utf8_is_a_decode_error_with_its_position() {
        let e = json::<Page>(
            StatusCode::OK,
            &headers("application/json"),
            b"{\"values\":[{\"id\":1,\"owner\":{\"name\":\"\xff\",\"tags\":[]}}]}",
        )
        .unwrap_err();
        assert!(
            matches!(e, Error::Decode { ref message, ref path, .. }
                if message.contains("column") && path == "values[0].owner.name"),
            "{e}"
        );
    }

    #[test]
    fn html_login_page() {
        let e = json::<Page>(
            StatusCode::OK,
            &headers("text/html; charset=utf-8"),
            b"<html><body>Log in with SSO</body></html>",
        )
        .unwrap_err();
        assert!(matches!(
            e,
            Error::UnexpectedContent {
                login_page: true,
                ..
            }
        ));
        assert!(e.to_string().contains("login page"));
        let e = json::<Page>(StatusCode::OK, &HeaderMap::new(), b"  <!DOCTYPE html>").unwrap_err();
        assert!(matches!(
            e,
            Error::UnexpectedContent {
                login_page: true,
                ..
            }
        ));
    }

    #[test]
    fn wrong_content_type() {
        let e = json::<Page>(StatusCode::OK, &headers("text/plain"), b"hello").unwrap_err();
        assert!(
            matches!(e, Error::UnexpectedContent { login_page: false, ref content_type, .. } if content_type == "text/plain")
        );
        // JSON served with a sloppy content type still decodes.
        assert!(json::<Page>(StatusCode::OK, &headers("text/plain"), br#"{"values":[]}"#).is_ok());
        assert!(json::<()>(StatusCode::OK, &HeaderMap::new(), b"").is_ok());
    }

    /// `failure` classifies what `parse` refused the way `json` does, keeping the path.
    #[test]
    fn failure_matches_json() {
        let cases: [(&HeaderMap, &[u8]); 4] = [
            (
                &headers("application/json"),
                br#"{"values":[{"id":1},{"id":"x"}]}"#,
            ),
            (&HeaderMap::new(), b"<html>Log in</html>"),
            (&headers("text/plain"), b"hello"),
            (&HeaderMap::new(), br#"{"values":[{"id":1"#),
        ];
        for (h, body) in cases {
            let source = parse::<Page>(body).unwrap_err();
            let classified = failure(StatusCode::OK, h, body, source);
            let direct = json::<Page>(StatusCode::OK, h, body).unwrap_err();
            assert_eq!(classified.to_string(), direct.to_string());
            assert_eq!(
                std::mem::discriminant(&classified),
                std::mem::discriminant(&direct)
            );
        }
        // An empty body parses as nothing, even for a type that accepts `null`: a decode error.
        let source = parse::<Option<Page>>(b"").unwrap_err();
        let e = failure(StatusCode::OK, &HeaderMap::new(), b"", source);
        assert!(
            matches!(e, Error::Decode { ref message, .. } if message.contains("EOF")),
            "{e}"
        );
    }
}
