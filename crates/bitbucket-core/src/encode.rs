//! Percent-encoding of path segments: the one function every URL with user input goes through.
//!
//! ```
//! use bitbucket_core::encode;
//! assert_eq!(encode::segment("{d301aafa-1}").unwrap(), "%7Bd301aafa-1%7D");
//! assert_eq!(encode::segment("a b/c?d#e").unwrap(), "a%20b%2Fc%3Fd%23e");
//! assert_eq!(encode::path("src/main dir/lib.rs").unwrap(), "src/main%20dir/lib.rs");
//! assert!(encode::segment("..").is_err());
//! ```

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::Error;

/// Everything but RFC 3986 unreserved characters is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes one path segment (a slug, key, `{uuid}`, id): `/`, `?`, `#`, braces, spaces and all
/// other reserved characters are percent-encoded.
///
/// Empty segments and the dot segments `.` and `..` are refused with [`Error::InvalidInput`]:
/// URL parsers resolve them (even percent-encoded), so they would address another resource.
pub fn segment(value: &str) -> Result<String, Error> {
    check_piece(value, value)?;
    Ok(utf8_percent_encode(value, SEGMENT).to_string())
}

/// Encodes a multi-segment file path, keeping its `/` separators: each piece is encoded as by
/// [`segment`]. One leading `/` is dropped and a trailing `/` (a directory) is kept.
pub fn path(value: &str) -> Result<String, Error> {
    let trimmed = value.strip_prefix('/').unwrap_or(value);
    let (body, trailing) = match trimmed.strip_suffix('/') {
        Some(body) => (body, "/"),
        None => (trimmed, ""),
    };
    let mut out = String::with_capacity(value.len() + 8);
    for (i, piece) in body.split('/').enumerate() {
        check_piece(piece, value)?;
        if i > 0 {
            out.push('/');
        }
        out.extend(utf8_percent_encode(piece, SEGMENT));
    }
    out.push_str(trailing);
    Ok(out)
}

fn check_piece(piece: &str, whole: &str) -> Result<(), Error> {
    if piece.is_empty() || piece == "." || piece == ".." {
        return Err(Error::InvalidInput {
            message: format!(
                "path value {whole:?} has an empty, `.` or `..` segment, which would change the URL's meaning"
            ),
        });
    }
    Ok(())
}

/// Fills a path template such as `/api/latest/users/{userSlug}` with encoded values.
///
/// Values for placeholders listed in `multi` are encoded with [`path`] (keeping `/`), the others
/// with [`segment`]. A placeholder may share a segment with literal text (`{pullRequestId}.diff`);
/// a multi-segment value glued to literal text (`/diff{path}`) gets the `/` that separates them.
/// When a name is given twice, the later value wins. Fails when a placeholder has no value.
///
/// ```
/// use bitbucket_core::encode::fill_template;
/// let p = fill_template("/repositories/{workspace}/{repo_slug}/src/{commit}/{path}",
///     &[("workspace", "{abc}"), ("repo_slug", "web"), ("commit", "main"), ("path", "a b/c.rs")],
///     &["path"]).unwrap();
/// assert_eq!(p, "/repositories/%7Babc%7D/web/src/main/a%20b/c.rs");
/// ```
pub fn fill_template(
    template: &str,
    values: &[(&str, &str)],
    multi: &[&str],
) -> Result<String, Error> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| Error::InvalidInput {
            message: format!("path template {template:?} has an unclosed placeholder"),
        })?;
        let name = &after[..close];
        let value = values
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
            .ok_or_else(|| Error::InvalidInput {
                message: format!("no value given for path parameter `{name}`"),
            })?;
        if multi.contains(&name) {
            if !out.ends_with('/') {
                out.push('/');
            }
            out.push_str(&path(value)?);
        } else {
            out.push_str(&segment(value)?);
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_reserved_characters() {
        assert_eq!(
            segment("{d301aafa-2f6e-4c3a}").unwrap(),
            "%7Bd301aafa-2f6e-4c3a%7D"
        );
        assert_eq!(segment("x y").unwrap(), "x%20y");
        assert_eq!(segment("a/b").unwrap(), "a%2Fb");
        assert_eq!(segment("q?x=1").unwrap(), "q%3Fx%3D1");
        assert_eq!(segment("frag#1").unwrap(), "frag%231");
        assert_eq!(segment("a@b.com").unwrap(), "a%40b.com");
        assert_eq!(segment("john.doe").unwrap(), "john.doe");
        assert_eq!(segment("100%").unwrap(), "100%25");
        assert_eq!(segment("é").unwrap(), "%C3%A9");
        assert_eq!(segment("...").unwrap(), "...");
    }

    #[test]
    fn refuses_dot_and_empty_segments() {
        for bad in ["", ".", ".."] {
            assert!(
                matches!(segment(bad), Err(Error::InvalidInput { .. })),
                "{bad:?}"
            );
        }
        for bad in ["a/../b", "a//b", "./a", ".."] {
            assert!(
                matches!(path(bad), Err(Error::InvalidInput { .. })),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn multi_segment_paths_keep_slashes() {
        assert_eq!(path("/docs/read me.md").unwrap(), "docs/read%20me.md");
        assert_eq!(path("dir/sub/").unwrap(), "dir/sub/");
        assert_eq!(path("a?b/c#d").unwrap(), "a%3Fb/c%23d");
    }

    #[test]
    fn template_filling() {
        let p = fill_template(
            "/api/latest/projects/{projectKey}/repos/{repositorySlug}/pull-requests/{pullRequestId}.diff",
            &[
                ("projectKey", "PRJ"),
                ("repositorySlug", "x y"),
                ("pullRequestId", "7"),
            ],
            &[],
        )
        .unwrap();
        assert_eq!(
            p,
            "/api/latest/projects/PRJ/repos/x%20y/pull-requests/7.diff"
        );
        assert!(fill_template("/a/{b}", &[], &[]).is_err());
        assert!(fill_template("/a/{b", &[("b", "x")], &[]).is_err());
    }

    #[test]
    fn encoded_segments_survive_url_joining() {
        let base = url::Url::parse("https://h.example/rest/").unwrap();
        let joined = base
            .join(&format!(
                "api/latest/users/{}",
                segment("../admin?x#y").unwrap()
            ))
            .unwrap();
        assert_eq!(joined.path(), "/rest/api/latest/users/..%2Fadmin%3Fx%23y");
        assert_eq!(joined.query(), None);
        assert_eq!(joined.fragment(), None);
    }
}
