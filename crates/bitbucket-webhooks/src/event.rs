//! Turning an event key and a body into a typed event.

use serde::de::DeserializeOwned;

/// A body that does not decode as the payload its event key announces.
#[derive(Debug, thiserror::Error)]
#[error("the `{key}` payload does not decode at `{path}`: {message}")]
pub struct ParseError {
    /// The event key the body was decoded for.
    pub key: String,
    /// Where in the body decoding stopped (`.` for the root).
    pub path: String,
    /// What was wrong there.
    pub message: String,
}

/// An event enum that can be built from an event key and a raw body.
pub trait WebhookEvent: Sized {
    /// Decodes `body` as the payload of the event named `key` (the `X-Event-Key` header).
    ///
    /// A key the enum does not model becomes its `Unknown` case, as long as the body is JSON.
    fn parse(key: &str, body: &[u8]) -> Result<Self, ParseError>;

    /// The event key, as Bitbucket named it.
    fn key(&self) -> &str;
}

/// Decodes a payload, recording where a failure happened.
pub(crate) fn decode<T: DeserializeOwned>(key: &str, body: &[u8]) -> Result<T, ParseError> {
    serde_json::from_slice(body).map_err(|e| ParseError {
        key: key.to_owned(),
        path: bitbucket_core::decode::error_path(body, &e),
        message: e.to_string(),
    })
}

/// Declares an event enum: one variant per event key, plus `Unknown { key, body }`.
macro_rules! events {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $key:literal => $variant:ident($payload:ty), )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant($payload), )*
            /// An event this version does not model, kept as JSON.
            Unknown {
                /// The event key.
                key: String,
                /// The body as JSON.
                body: serde_json::Value,
            },
        }

        impl $name {
            /// Every event key with a typed variant.
            pub const KNOWN_KEYS: &'static [&'static str] = &[$($key),*];
        }

        impl $crate::WebhookEvent for $name {
            fn parse(key: &str, body: &[u8]) -> Result<Self, $crate::ParseError> {
                match key {
                    $( $key => $crate::event::decode(key, body).map(Self::$variant), )*
                    _ => $crate::event::decode(key, body)
                        .map(|body| Self::Unknown { key: key.to_owned(), body }),
                }
            }

            fn key(&self) -> &str {
                match self {
                    $( Self::$variant(_) => $key, )*
                    Self::Unknown { key, .. } => key,
                }
            }
        }
    };
}

pub(crate) use events;
