//! The one request shape every endpoint uses.
//!
//! A request builder holds an [`Endpoint`] from the ledger, the raw values of its path
//! placeholders, query parameters and an optional body. The builder fills the ledger's
//! template with values percent-encoded by `bitbucket_core::encode` (file paths keep their `/`),
//! so no URL is ever assembled by string formatting. Builders are declared with the
//! crate-internal `request_builder!` macro, which gives each one `build_request()` (the
//! `reqwest::Request`, not sent), `send()`, `send_value()` for JSON answers (the body as
//! `serde_json::Value`), and for paged lists `stream()`, `pages()`, `page_size()` and
//! `max_items()`.

use bitbucket_core::multipart::{Multipart, UploadFile};
use bitbucket_core::pagination::{self, PageOptions};
use bitbucket_core::{DcPage, Error, Result, encode};
use futures::StreamExt;
use futures::stream::{self, BoxStream};
use reqwest::header::{ACCEPT, HeaderName, HeaderValue};
use serde::Serialize;

use crate::ledger::Endpoint;

/// A stream of items from a paged listing.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// A stream of whole pages from a paged listing.
pub type PageStream<T> = BoxStream<'static, Result<DcPage<T>>>;

/// Placeholders whose value is a multi-segment file path (its `/` are kept).
const MULTI_SEGMENT: &[&str] = &["path"];

/// A request body that is not JSON.
#[derive(Clone)]
pub(crate) enum Payload {
    /// No body.
    None,
    /// A JSON value set directly (builders with a typed body use [`Parts::build_json`]).
    Json(serde_json::Value),
    /// An empty body sent with `Content-Length: 0` (PUTs that carry no data).
    Empty,
    /// A `multipart/form-data` body.
    Form(Multipart),
}

impl Payload {
    /// A form holding one file part under `field`.
    pub(crate) fn file(field: &'static str, file: UploadFile) -> Self {
        Payload::Form(Multipart::new().file(field, file))
    }
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Payload::None => "None",
            Payload::Empty => "Empty",
            Payload::Form(_) => "Form(..)",
            Payload::Json(_) => "Json(..)",
        })
    }
}

/// Everything a request needs besides its typed body.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) client: bitbucket_core::Client,
    pub(crate) endpoint: Endpoint,
    params: Vec<(&'static str, String)>,
    query: Vec<(String, String)>,
    secret_query: Vec<(&'static str, bitbucket_core::Secret)>,
    headers: Vec<(&'static str, String)>,
    accept: &'static str,
    payload: Payload,
    pub(crate) paging: PageOptions,
}

impl Parts {
    pub(crate) fn new(client: &bitbucket_core::Client, endpoint: Endpoint) -> Self {
        Parts {
            client: client.clone(),
            endpoint,
            params: Vec::new(),
            query: Vec::new(),
            secret_query: Vec::new(),
            headers: Vec::new(),
            accept: "application/json",
            payload: Payload::None,
            paging: PageOptions::new(),
        }
    }

    /// Sets the raw (not yet encoded) value of a path placeholder.
    pub(crate) fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.params.push((name, value.into()));
        self
    }

    /// Appends a query parameter (a repeated name is sent repeatedly).
    pub(crate) fn query(&mut self, name: impl Into<String>, value: impl ToString) {
        self.query.push((name.into(), value.to_string()));
    }

    /// How many query parameters are named `{prefix}.N` (a number after the dot).
    pub(crate) fn numbered_queries(&self, prefix: &str) -> usize {
        self.query
            .iter()
            .filter_map(|(k, _)| k.strip_prefix(prefix)?.strip_prefix('.'))
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .count()
    }

    /// Replaces every query parameter with this name by one value.
    pub(crate) fn set_query(&mut self, name: &str, value: impl ToString) {
        self.query.retain(|(k, _)| k != name);
        self.query.push((name.to_owned(), value.to_string()));
    }

    /// Appends a query parameter whose value is a secret (redacted from `Debug`).
    pub(crate) fn query_secret(&mut self, name: &'static str, value: bitbucket_core::Secret) {
        self.secret_query.push((name, value));
    }

    /// Adds a header.
    pub(crate) fn header(&mut self, name: &'static str, value: impl Into<String>) {
        self.headers.push((name, value.into()));
    }

    /// Sets the `Accept` header (default `application/json`).
    pub(crate) fn accept(&mut self, accept: &'static str) {
        self.accept = accept;
    }

    /// Sets a non-typed body.
    pub(crate) fn payload(&mut self, payload: Payload) {
        self.payload = payload;
    }

    /// Sets (or replaces) a text field of a multipart form payload.
    pub(crate) fn form_text(&mut self, name: &'static str, value: String) {
        let form = match std::mem::replace(&mut self.payload, Payload::None) {
            Payload::Form(form) => form,
            _ => Multipart::new(),
        };
        self.payload = Payload::Form(form.set_text(name, value));
    }

    /// The URL path (relative to the REST root) with every placeholder filled and encoded.
    pub(crate) fn path(&self) -> Result<String> {
        let values: Vec<(&str, &str)> = self.params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        encode::fill_template(self.endpoint.path, &values, MULTI_SEGMENT)
    }

    /// Builds the request with the stored payload.
    pub(crate) fn build(&self) -> Result<reqwest::Request> {
        self.build_with(self.payload.clone())
    }

    /// Builds the request with a typed JSON body.
    pub(crate) fn build_json<B: Serialize>(&self, body: &B) -> Result<reqwest::Request> {
        let value = serde_json::to_value(body).map_err(|e| Error::InvalidInput {
            message: format!("request body cannot be encoded as JSON: {e}"),
        })?;
        self.build_with(Payload::Json(value))
    }

    /// Builds the request with `payload` in place of the stored one.
    pub(crate) fn build_with(&self, payload: Payload) -> Result<reqwest::Request> {
        let mut url = self.client.url(&self.path()?)?;
        if !self.query.is_empty() || !self.secret_query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &self.query {
                pairs.append_pair(k, v);
            }
            for (k, v) in &self.secret_query {
                pairs.append_pair(k, v.expose());
            }
        }
        // The first page's `limit`; `stream()` and `pages()` set it again per page.
        if let Some(size) = self.paging.capped_page_size(self.paging.max_items) {
            pagination::set_query_param(&mut url, "limit", &size.to_string());
        }
        let mut rb = self
            .client
            .http()
            .request(self.endpoint.method.to_reqwest(), url)
            .header(ACCEPT, self.accept);
        for (name, value) in &self.headers {
            let value = HeaderValue::from_str(value).map_err(|_| Error::InvalidInput {
                message: format!("header {name} has a value that cannot be sent"),
            })?;
            rb = rb.header(HeaderName::from_static(name), value);
        }
        rb = match payload {
            Payload::None => rb,
            // hyper omits `Content-Length: 0` on its own; some servers answer 411 without it.
            Payload::Empty => rb
                .header(reqwest::header::CONTENT_LENGTH, "0")
                .body(Vec::<u8>::new()),
            Payload::Form(form) => rb.multipart(form.into_form()?),
            Payload::Json(v) => rb.json(&v),
        };
        rb.build().map_err(|e| Error::InvalidInput {
            message: format!("request for {} cannot be built: {e}", self.endpoint),
        })
    }

    /// Sends a built request (or returns its build error) and decodes the JSON answer.
    pub(crate) async fn send_json<T: serde::de::DeserializeOwned>(
        &self,
        built: Result<reqwest::Request>,
    ) -> Result<T> {
        self.client.send_json(built?).await
    }

    /// Sends a built request (or returns its build error); the answer's body is ignored.
    pub(crate) async fn send_empty(&self, built: Result<reqwest::Request>) -> Result<()> {
        self.client.send_empty(built?).await
    }

    /// Sends a built request (or returns its build error); the response's body is left unread.
    pub(crate) async fn send_raw(
        &self,
        built: Result<reqwest::Request>,
    ) -> Result<reqwest::Response> {
        self.client.send(built?).await
    }

    pub(crate) fn items<T>(&self, built: Result<reqwest::Request>) -> ItemStream<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        or_error(built, |req| {
            pagination::dc_items(self.client.clone(), req, self.paging)
        })
    }

    pub(crate) fn pages<T>(&self, built: Result<reqwest::Request>) -> PageStream<T>
    where
        T: serde::de::DeserializeOwned + Send + 'static,
    {
        or_error(built, |req| {
            pagination::dc_pages(self.client.clone(), req, self.paging)
        })
    }
}

/// The stream `open` starts from a built request, or a stream of the one build error.
fn or_error<S: Send + 'static>(
    built: Result<reqwest::Request>,
    open: impl FnOnce(reqwest::Request) -> BoxStream<'static, Result<S>>,
) -> BoxStream<'static, Result<S>> {
    match built {
        Ok(req) => open(req),
        Err(e) => stream::once(async move { Err(e) }).boxed(),
    }
}

/// Declares request builder types: one or more per block, each ended by `;`.
///
/// ```ignore
/// request_builder! {
///     /// Docs.
///     GetToken => json AccessToken;
///
///     /// Docs.
///     CreateToken { body: TokenRequest } => json RawAccessToken;
/// }
/// ```
/// Kinds: `json T` (decoded body), `empty` (no body expected), `paged T` (a DC page listing of
/// `T`; `paged T as P` when one page decodes into the richer page type `P`), `response` (the
/// successful `reqwest::Response`, body unread, for streaming). Builders of the non-paged kinds
/// also implement `IntoFuture`, so `.await` sends them. The `json` and `paged` kinds also get
/// `send_value()`: the body as `serde_json::Value`, through the same transport.
macro_rules! request_builder {
    ($(
        $(#[$meta:meta])*
        $name:ident $({ body: $body:ty })? => $kind:ident $($item:ty $(as $page:ty)?)?;
    )+) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until it is sent"]
        pub struct $name {
            pub(crate) parts: $crate::request::Parts,
            $(pub(crate) body: $body,)?
        }

        $crate::request::request_builder!(@body $name $($body)?);
        $crate::request::request_builder!(@common $name);
        $crate::request::request_builder!(@kind $name $kind $($item $(as $page)?)?);
    )+};
    (@body $name:ident $body:ty) => {
        impl $name {
            pub(crate) fn new(parts: $crate::request::Parts, body: $body) -> Self {
                $name { parts, body }
            }

            /// Replaces the whole request body.
            pub fn body(mut self, body: $body) -> Self {
                self.body = body;
                self
            }

            /// Builds the HTTP request without sending it.
            pub fn build_request(&self) -> $crate::Result<reqwest::Request> {
                self.parts.build_json(&self.body)
            }
        }
    };
    (@body $name:ident) => {
        impl $name {
            pub(crate) fn new(parts: $crate::request::Parts) -> Self {
                $name { parts }
            }

            /// Builds the HTTP request without sending it.
            pub fn build_request(&self) -> $crate::Result<reqwest::Request> {
                self.parts.build()
            }
        }
    };
    (@common $name:ident) => {
        impl $name {
            /// Adds a query parameter this SDK does not model (sent as given, encoded).
            pub fn query_param(mut self, name: impl Into<String>, value: impl ToString) -> Self {
                self.parts.query(name, value);
                self
            }

            /// The endpoint (method and spec path template) this request calls.
            pub fn endpoint(&self) -> $crate::ledger::Endpoint {
                self.parts.endpoint
            }
        }
    };
    (@kind $name:ident json $out:ty) => {
        impl $name {
            /// Sends the request and decodes the answer.
            pub async fn send(self) -> $crate::Result<$out> {
                self.parts.send_json(self.build_request()).await
            }

            /// Sends the request like [`send`](Self::send) (same credentials, retries and
            /// errors) and returns the body as JSON instead of a model, for fields no model
            /// knows. An empty body gives `Value::Null`.
            pub async fn send_value(self) -> $crate::Result<serde_json::Value> {
                self.parts.send_json(self.build_request()).await
            }
        }
        $crate::request::request_builder!(@await $name, $out);
    };
    (@kind $name:ident empty) => {
        impl $name {
            /// Sends the request; success has no body worth decoding.
            pub async fn send(self) -> $crate::Result<()> {
                self.parts.send_empty(self.build_request()).await
            }
        }
        $crate::request::request_builder!(@await $name, ());
    };
    (@kind $name:ident response) => {
        impl $name {
            /// Sends the request and returns the successful response with its body unread
            /// (stream it with `bytes_stream()`); error statuses become [`crate::Error`].
            pub async fn send(self) -> $crate::Result<reqwest::Response> {
                self.parts.send_raw(self.build_request()).await
            }
        }
        $crate::request::request_builder!(@await $name, reqwest::Response);
    };
    (@await $name:ident, $out:ty) => {
        /// Awaiting the builder sends it: `dc.user("jdoe").get().await` is `.send().await`.
        impl std::future::IntoFuture for $name {
            type Output = $crate::Result<$out>;
            type IntoFuture = futures::future::BoxFuture<'static, $crate::Result<$out>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
    (@kind $name:ident paged $item:ty as $page:ty) => {
        $crate::request::request_builder!(@paged $name, $item, $page);
    };
    (@kind $name:ident paged $item:ty) => {
        $crate::request::request_builder!(@paged $name, $item, $crate::Page<$item>);
    };
    (@paged $name:ident, $item:ty, $page:ty) => {
        impl $name {
            /// Items per page asked from the server (it may cap it, commonly at 1000); sent as
            /// `limit`, also by `build_request()`.
            pub fn page_size(mut self, size: u32) -> Self {
                self.parts.paging = self.parts.paging.page_size(size);
                self
            }

            /// Stops after this many items in total.
            pub fn max_items(mut self, max: usize) -> Self {
                self.parts.paging = self.parts.paging.max_items(max);
                self
            }

            /// Index of the first item to fetch (default 0).
            pub fn start(mut self, start: u64) -> Self {
                self.parts.set_query("start", start);
                self
            }

            /// Fetches one page only (from `start`, sized by `page_size`).
            pub async fn send(self) -> $crate::Result<$page> {
                self.parts.send_json(self.build_request()).await
            }

            /// Fetches one page like [`send`](Self::send) (same credentials, retries and
            /// errors) and returns it as JSON instead of a model: the whole envelope, with
            /// `values`, paging fields and anything else the server sent.
            pub async fn send_value(self) -> $crate::Result<serde_json::Value> {
                self.parts.send_json(self.build_request()).await
            }

            /// Every item, page after page, as a lazy stream.
            pub fn stream(self) -> $crate::request::ItemStream<$item> {
                self.parts.items(self.build_request())
            }

            /// Every page, as a lazy stream.
            pub fn pages(self) -> $crate::request::PageStream<$item> {
                self.parts.pages(self.build_request())
            }
        }
    };
}
pub(crate) use request_builder;

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(template: &str, values: &[(&str, &str)]) -> Result<String> {
        encode::fill_template(template, values, MULTI_SEGMENT)
    }

    #[test]
    fn fills_and_encodes() {
        assert_eq!(
            fill("/api/latest/users/{userSlug}", &[("userSlug", "a@b.com")]).unwrap(),
            "/api/latest/users/a%40b.com"
        );
        assert_eq!(
            fill(
                "/x/{projectKey}/raw/{path}",
                &[("projectKey", "x y"), ("path", "/src/a b.rs")]
            )
            .unwrap(),
            "/x/x%20y/raw/src/a%20b.rs"
        );
        assert_eq!(
            fill("/compare/diff{path}", &[("path", "src/lib.rs")]).unwrap(),
            "/compare/diff/src/lib.rs"
        );
        assert!(fill("/u/{userSlug}", &[]).is_err());
        assert!(fill("/u/{userSlug}", &[("userSlug", "..")]).is_err());
        assert!(fill("/u/{path}", &[("path", "a/../b")]).is_err());
    }
}
