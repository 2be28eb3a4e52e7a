//! The JSON path of a decoding error, read from the body text.
//!
//! serde_json reports where in the text decoding failed (line and column). Walking the body up
//! to that point gives the path of the value being decoded there (`values[1].owner.uuid`)
//! without decoding it a second time through a path-tracking wrapper, which would compile every
//! model's decoder twice.

use std::fmt::Write as _;

/// One open container on the way to the error.
enum Level {
    /// An object and the key of the member being read, once its key has been read.
    Object(Option<String>),
    /// An array and the index of the element being read.
    Array(usize),
}

/// The path of the value at the point where `error` stopped decoding `body`: object keys joined
/// by `.`, array indices as `[i]`, `.` for the whole body. An object that failed as a whole (a
/// missing field, for example) is named by its own path.
pub fn error_path(body: &[u8], error: &serde_json::Error) -> String {
    path_at(body, offset(body, error.line(), error.column()))
}

/// The byte offset just past line `line`, column `column` (both counted from 1, columns in bytes).
fn offset(body: &[u8], line: usize, column: usize) -> usize {
    let line_start = body
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(i, _)| i + 1);
    let start = if line <= 1 { 0 } else { line_start };
    (start + column).min(body.len())
}

/// The path of the value being read after the first `end` bytes of `body`.
fn path_at(body: &[u8], end: usize) -> String {
    let mut stack: Vec<Level> = Vec::new();
    // In an object, whether the next string is a key (not a member's value).
    let mut expect_key = false;
    let mut i = 0;
    while i < end {
        match body[i] {
            b'{' => {
                stack.push(Level::Object(None));
                expect_key = true;
            }
            b'[' => {
                stack.push(Level::Array(0));
                expect_key = false;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(index)) => *index += 1,
                Some(Level::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let (text, next) = string(body, i + 1, end);
                if expect_key && let Some(Level::Object(key)) = stack.last_mut() {
                    *key = Some(text);
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    render(&stack)
}

/// Reads a string whose opening quote is just before `start`; returns its text (simple escapes
/// undone) and the offset past its closing quote (or `end`).
fn string(body: &[u8], start: usize, end: usize) -> (String, usize) {
    let mut text = Vec::new();
    let mut i = start;
    while i < end {
        match body[i] {
            b'"' => return (String::from_utf8_lossy(&text).into_owned(), i + 1),
            b'\\' if i + 1 < end => {
                let escaped = body[i + 1];
                text.push(match escaped {
                    b'n' => b'\n',
                    b't' => b'\t',
                    b'r' => b'\r',
                    b'b' => 0x08,
                    b'f' => 0x0c,
                    other => other,
                });
                i += 2;
            }
            b => {
                text.push(b);
                i += 1;
            }
        }
    }
    (String::from_utf8_lossy(&text).into_owned(), end)
}

fn render(stack: &[Level]) -> String {
    let mut path = String::new();
    for level in stack {
        match level {
            Level::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object(None) => {}
            Level::Array(index) => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    if path.is_empty() {
        path.push('.');
    }
    path
}

/// Test models shared with the decoder's tests.
#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use serde::Deserialize;

    /// A page of items.
    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "the fields are decoded, never read")]
    pub(in crate::decode) struct Page {
        values: Vec<Item>,
    }
    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "the fields are decoded, never read")]
    struct Item {
        id: u64,
        owner: Option<Owner>,
    }
    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "the fields are decoded, never read")]
    struct Owner {
        name: String,
        tags: Vec<String>,
    }

    fn path(body: &str) -> String {
        let e = serde_json::from_str::<Page>(body).unwrap_err();
        error_path(body.as_bytes(), &e)
    }

    #[test]
    fn wrong_type_names_the_field() {
        assert_eq!(path(r#"{"values":[{"id":1},{"id":"x"}]}"#), "values[1].id");
        assert_eq!(
            path(r#"{"values":[{"id":1,"owner":{"name":"a","tags":["t",3]}}]}"#),
            "values[0].owner.tags[1]"
        );
    }

    #[test]
    fn missing_field_names_the_object() {
        assert_eq!(path(r#"{"values":[{"id":1},{"x":2}]}"#), "values[1]");
        assert_eq!(
            path(r#"{"values":[{"id":1,"owner":{"tags":[]}}]}"#),
            "values[0].owner"
        );
    }

    #[test]
    fn lines_strings_and_escapes() {
        let body = "{\n  \"values\": [\n    {\"id\": 1, \"owner\": {\"name\": \"a,\\\"}]\", \"tags\": {}}}\n  ]\n}";
        assert_eq!(path(body), "values[0].owner.tags");
        assert_eq!(path(r#"{"values":{"#), "values");
        assert_eq!(path("[]"), ".");
    }
}
