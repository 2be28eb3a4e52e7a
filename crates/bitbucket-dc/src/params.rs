//! Crate-internal macros that give request builders their optional setters.
//!
//! `query_params!` adds setters that put one query parameter (replacing an earlier value);
//! `body_params!` adds setters that fill an `Option` field of the builder's typed body, so a
//! body only carries the fields a caller set.

/// Adds query-parameter setters to request builders.
///
/// ```ignore
/// query_params!(ListBranches {
///     /// Only branches whose name contains this text.
///     filter_text("filterText"): String;
///     /// Include details.
///     details("details"): bool;
/// });
/// ```
/// `String` setters take `impl Into<String>`; other types are taken as is.
macro_rules! query_params {
    ($builder:ident { $( $(#[$m:meta])* $fn:ident($name:literal): $ty:tt; )+ }) => {
        impl $builder {
            $( $crate::params::query_params!(@one $(#[$m])* $fn($name): $ty); )+
        }
    };
    (@one $(#[$m:meta])* $fn:ident($name:literal): String) => {
        $(#[$m])*
        pub fn $fn(mut self, value: impl Into<String>) -> Self {
            self.parts.set_query($name, value.into());
            self
        }
    };
    (@one $(#[$m:meta])* $fn:ident($name:literal): $ty:ty) => {
        $(#[$m])*
        pub fn $fn(mut self, value: $ty) -> Self {
            self.parts.set_query($name, value);
            self
        }
    };
}
pub(crate) use query_params;

/// Adds setters for `Option` fields of a builder's body.
///
/// ```ignore
/// body_params!(UpdateRepository {
///     /// New name.
///     name: String;
/// });
/// ```
/// Each setter takes `impl Into<T>` and stores `Some(value)`.
macro_rules! body_params {
    ($builder:ident { $( $(#[$m:meta])* $field:ident: $ty:ty; )+ }) => {
        impl $builder {
            $(
                $(#[$m])*
                pub fn $field(mut self, value: impl Into<$ty>) -> Self {
                    self.body.$field = Some(value.into());
                    self
                }
            )+
        }
    };
}
pub(crate) use body_params;

/// Adds `stream_bytes()` to builders of the `response` kind: the body as a stream of chunks,
/// never buffered whole.
macro_rules! byte_stream {
    ($($builder:ident),+) => {
        $(
            impl $builder {
                /// Sends the request and returns the body as a stream of byte chunks (read
                /// lazily, never buffered whole); error statuses become [`crate::Error`].
                pub async fn stream_bytes(self) -> $crate::Result<bitbucket_core::ByteStream> {
                    let resp = self.send().await?;
                    Ok(bitbucket_core::byte_stream::from_response(resp))
                }
            }
        )+
    };
}
pub(crate) use byte_stream;
