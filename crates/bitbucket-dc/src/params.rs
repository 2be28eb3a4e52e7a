//! Crate-internal macros that give request builders their optional setters.
//!
//! `query_params!` adds setters that put one query parameter (replacing an earlier value);
//! `body_params!` adds setters that fill an `Option` field of the builder's typed body, so a
//! body only carries the fields a caller set.

/// Adds query-parameter setters to one or more request builders.
///
/// ```ignore
/// query_params!(ListBranches, ListTags {
///     /// Only branches whose name contains this text.
///     filter_text("filterText"): String;
///     /// Include details.
///     details("details"): bool;
///     /// Only entries a user holds this permission on.
///     permission("permission"): (impl Into<Permission>);
/// });
/// ```
/// `String` setters take `impl Into<String>`, `(impl Into<T>)` setters take `impl Into<T>`;
/// other types are taken as is.
macro_rules! query_params {
    ($($builder:ident),+ { $($setters:tt)* }) => {
        $crate::params::query_params!(@each [$($builder)+] { $($setters)* });
    };
    (@each [$($builder:ident)+] $setters:tt) => {
        $( $crate::params::query_params!(@impl $builder $setters); )+
    };
    (@impl $builder:ident { $( $(#[$m:meta])* $fn:ident($name:literal): $ty:tt; )+ }) => {
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
    (@one $(#[$m:meta])* $fn:ident($name:literal): (impl Into<$ty:ty>)) => {
        $(#[$m])*
        pub fn $fn(mut self, value: impl Into<$ty>) -> Self {
            self.parts.set_query($name, Into::<$ty>::into(value));
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

/// Adds setters for `Option` fields of the body of one or more request builders.
///
/// ```ignore
/// body_params!(CreateProject, UpdateProject {
///     /// New name.
///     name: String;
///     /// Avatar as a data URI (sets the `avatar` field).
///     avatar_data_uri(avatar): String;
/// });
/// ```
/// Each setter takes `impl Into<T>` and stores `Some(value)` in the field of its own name, or
/// in the field named in parentheses.
macro_rules! body_params {
    ($($builder:ident),+ { $($setters:tt)* }) => {
        $crate::params::body_params!(@each [$($builder)+] { $($setters)* });
    };
    (@each [$($builder:ident)+] $setters:tt) => {
        $( $crate::params::body_params!(@impl $builder $setters); )+
    };
    (@impl $builder:ident { $( $(#[$m:meta])* $fn:ident $(($field:ident))?: $ty:ty; )+ }) => {
        impl $builder {
            $( $crate::params::body_params!(@one $(#[$m])* $fn $(($field))?: $ty); )+
        }
    };
    (@one $(#[$m:meta])* $fn:ident: $ty:ty) => {
        $crate::params::body_params!(@one $(#[$m])* $fn($fn): $ty);
    };
    (@one $(#[$m:meta])* $fn:ident($field:ident): $ty:ty) => {
        $(#[$m])*
        pub fn $fn(mut self, value: impl Into<$ty>) -> Self {
            self.body.$field = Some(value.into());
            self
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
