//! `multipart/form-data` bodies for uploads on either API: text fields and file parts, each file
//! part with a `Content-Type` (`application/octet-stream` unless set), names sent as written.
//!
//! ```
//! use bitbucket_core::multipart::{Multipart, UploadFile};
//! let form = Multipart::new()
//!     .text("message", "Add notes")
//!     .file("docs/notes.md", UploadFile::new("notes.md", "# Notes\n").content_type("text/markdown"))
//!     .into_form()?;
//! # let _ = form; Ok::<(), bitbucket_core::Error>(())
//! ```

use bytes::Bytes;
use reqwest::multipart::{Form, Part};

use crate::error::Error;

/// One file of an upload: its file name, content and media type.
#[derive(Clone)]
pub struct UploadFile {
    /// The file name sent in `Content-Disposition` (the attachment's or artifact's name).
    pub name: String,
    /// The content.
    pub content: Bytes,
    /// The part's media type; [`UploadFile::DEFAULT_CONTENT_TYPE`] unless set.
    pub content_type: String,
}

impl std::fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadFile")
            .field("name", &self.name)
            .field("content", &format_args!("{} bytes", self.content.len()))
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl UploadFile {
    /// The media type of a file part when none is set.
    pub const DEFAULT_CONTENT_TYPE: &'static str = "application/octet-stream";

    /// A file named `name` with `content`, sent as `application/octet-stream`.
    pub fn new(name: impl Into<String>, content: impl Into<Bytes>) -> Self {
        Self {
            name: name.into(),
            content: content.into(),
            content_type: Self::DEFAULT_CONTENT_TYPE.to_string(),
        }
    }

    /// Sends the part with media type `content_type` (e.g. `text/plain`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }
}

#[derive(Debug, Clone)]
enum Field {
    Text(String),
    File(UploadFile),
}

/// A `multipart/form-data` body under construction; [`Multipart::into_form`] checks it.
///
/// Field names and file names go into `Content-Disposition` as quoted strings, unencoded (as
/// browsers send them; Bitbucket reads a repository path such as `docs/README.md` from the
/// field name). A name with a quote or line break cannot be sent that way and is an
/// [`Error::InvalidInput`], as is an unparsable media type.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct Multipart {
    fields: Vec<(String, Field)>,
}

impl Multipart {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a text field.
    pub fn text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push((name.into(), Field::Text(value.into())));
        self
    }

    /// Sets a text field: any field named `name` is dropped and the new one goes ahead of the
    /// file parts.
    pub fn set_text(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        self.fields.retain(|(n, _)| *n != name);
        let at = self
            .fields
            .iter()
            .position(|(_, f)| matches!(f, Field::File(_)))
            .unwrap_or(self.fields.len());
        self.fields.insert(at, (name, Field::Text(value.into())));
        self
    }

    /// Adds a file part under the field `name`.
    pub fn file(mut self, name: impl Into<String>, file: UploadFile) -> Self {
        self.fields.push((name.into(), Field::File(file)));
        self
    }

    /// The reqwest form, after checking every name and media type.
    pub fn into_form(self) -> Result<Form, Error> {
        let mut form = Form::new().percent_encode_noop();
        for (name, field) in self.fields {
            check_header_value("field name", &name)?;
            let part = match field {
                Field::Text(value) => Part::text(value),
                Field::File(file) => {
                    check_header_value("file name", &file.name)?;
                    Part::stream(file.content)
                        .file_name(file.name)
                        .mime_str(&file.content_type)
                        .map_err(|e| Error::InvalidInput {
                            message: format!("content type {:?}: {e}", file.content_type),
                        })?
                }
            };
            form = form.part(name, part);
        }
        Ok(form)
    }
}

fn check_header_value(what: &str, value: &str) -> Result<(), Error> {
    if value.contains(['"', '\r', '\n']) {
        return Err(Error::InvalidInput {
            message: format!("multipart {what} {value:?} contains a quote or line break"),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_line_breaks_are_typed_errors() {
        for bad in [
            Multipart::new().text("a\"b", "x"),
            Multipart::new().file("files", UploadFile::new("x\ny", "1")),
        ] {
            assert!(matches!(bad.into_form(), Err(Error::InvalidInput { .. })));
        }
    }

    #[test]
    fn bad_media_type_is_a_typed_error() {
        let form = Multipart::new()
            .file(
                "files",
                UploadFile::new("a", "1").content_type("not a type"),
            )
            .into_form();
        assert!(
            matches!(form, Err(Error::InvalidInput { message }) if message.contains("not a type"))
        );
    }

    #[test]
    fn set_text_replaces_and_stays_ahead_of_files() {
        let form = Multipart::new()
            .text("name", "a")
            .file("content", UploadFile::new("f", "1"))
            .set_text("description", "d")
            .set_text("name", "b");
        let names: Vec<_> = form.fields.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["description", "name", "content"]);
        assert!(matches!(&form.fields[1].1, Field::Text(v) if v == "b"));
    }

    #[test]
    fn debug_shows_sizes_not_content() {
        let f = UploadFile::new("a.txt", "secret-ish body");
        let dbg = format!("{f:?}");
        assert!(dbg.contains("15 bytes") && !dbg.contains("secret-ish"));
    }
}
