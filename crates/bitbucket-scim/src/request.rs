//! The one request shape every SCIM call uses, and the macro that declares its builders.
//!
//! A builder holds the raw path segments (percent-encoded by `bitbucket_core::encode` when the
//! request is built), query parameters, an optional JSON body and paging options. Each gets
//! `build_request()` (not sent), `send()` and `.await`; listings also get `page_size()`,
//! `max_items()`, `stream()` and `pages()` on the core's SCIM paginator.

use bitbucket_core::pagination::{self, PageOptions, ScimPage};
use bitbucket_core::{Result, encode};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::Method;
use reqwest::header::ACCEPT;
use serde::de::DeserializeOwned;

use crate::client::{Client, with_hint};

/// A stream of items from a SCIM listing.
pub type ItemStream<T> = BoxStream<'static, Result<T>>;

/// A stream of whole pages from a SCIM listing.
pub type PageStream<T> = BoxStream<'static, Result<ScimPage<T>>>;

/// What SCIM answers are accepted as (Atlassian sends `application/scim+json`).
const ACCEPT_SCIM: &str = "application/scim+json, application/json";

/// Everything one SCIM request needs.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    client: Client,
    method: Method,
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
    body: Option<serde_json::Value>,
    pub(crate) paging: PageOptions,
}

impl Parts {
    /// A request for `method` on the path made of `segments` (raw, encoded at build time).
    pub(crate) fn new(client: &Client, method: Method, segments: &[&str]) -> Self {
        Parts {
            client: client.clone(),
            method,
            segments: segments.iter().map(|s| (*s).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            paging: PageOptions::new(),
        }
    }

    /// Sets (replacing) a query parameter.
    pub(crate) fn set_query(&mut self, name: &'static str, value: String) {
        self.query.retain(|(k, _)| *k != name);
        self.query.push((name, value));
    }

    /// Sets the JSON body.
    pub(crate) fn body(&mut self, body: Result<serde_json::Value>) -> Result<()> {
        self.body = Some(body?);
        Ok(())
    }

    /// Builds the HTTP request.
    pub(crate) fn build(&self) -> Result<reqwest::Request> {
        let path = self
            .segments
            .iter()
            .map(|s| encode::segment(s))
            .collect::<Result<Vec<_>>>()?
            .join("/");
        let mut url = self.client.core().url(&path)?;
        if !self.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &self.query {
                pairs.append_pair(k, v);
            }
        }
        // The page size, capped by the item cap; the paginator sets it again per page.
        if let Some(count) = self.paging.capped_page_size(self.paging.max_items) {
            pagination::set_query_param(&mut url, "count", &count.to_string());
        }
        let mut rb = self
            .client
            .core()
            .http()
            .request(self.method.clone(), url)
            .header(ACCEPT, ACCEPT_SCIM);
        if let Some(body) = &self.body {
            rb = rb.json(body);
        }
        Ok(rb.build()?)
    }

    pub(crate) async fn send_json<T: DeserializeOwned>(&self) -> Result<T> {
        let req = self.build()?;
        self.client.core().send_json(req).await.map_err(with_hint)
    }

    pub(crate) async fn send_empty(&self) -> Result<()> {
        let req = self.build()?;
        self.client.core().send_empty(req).await.map_err(with_hint)
    }

    pub(crate) fn items<T: DeserializeOwned + Send + 'static>(&self) -> ItemStream<T> {
        match self.build() {
            Ok(req) => pagination::scim_items(self.client.core().clone(), req, self.paging)
                .map_err(with_hint)
                .boxed(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        }
    }

    pub(crate) fn pages<T: DeserializeOwned + Send + 'static>(&self) -> PageStream<T> {
        match self.build() {
            Ok(req) => pagination::scim_pages(self.client.core().clone(), req, self.paging)
                .map_err(with_hint)
                .boxed(),
            Err(e) => stream::once(async move { Err(e) }).boxed(),
        }
    }
}

/// Encodes a body as JSON, as a typed error when it cannot be.
pub(crate) fn to_json<B: serde::Serialize>(body: &B) -> Result<serde_json::Value> {
    serde_json::to_value(body).map_err(|e| bitbucket_core::Error::InvalidInput {
        message: format!("request body cannot be encoded as JSON: {e}"),
    })
}

/// Declares a request builder: `Name => json T`, `Name => empty` or `Name => paged T`.
macro_rules! scim_builder {
    ($(#[$meta:meta])* $name:ident => $($kind:tt)+) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until it is sent"]
        pub struct $name {
            pub(crate) parts: $crate::request::Parts,
            /// A body that could not be encoded, reported when the request is built.
            pub(crate) invalid: Option<String>,
        }

        impl $name {
            // Each builder uses one of the two constructors, so which one is dead varies by
            // expansion: an `expect` would be unfulfilled for the other.
            #[allow(dead_code)]
            pub(crate) fn new(parts: $crate::request::Parts) -> Self {
                $name { parts, invalid: None }
            }

            #[allow(dead_code)]
            pub(crate) fn with_body<B: serde::Serialize>(mut self, body: &B) -> Self {
                if let Err(e) = self.parts.body($crate::request::to_json(body)) {
                    self.invalid = Some(e.to_string());
                }
                self
            }

            /// Builds the HTTP request without sending it (no credentials attached).
            pub fn build_request(&self) -> bitbucket_core::Result<reqwest::Request> {
                if let Some(message) = &self.invalid {
                    return Err(bitbucket_core::Error::InvalidInput { message: message.clone() });
                }
                self.parts.build()
            }

            fn checked(&self) -> bitbucket_core::Result<()> {
                self.build_request().map(drop)
            }
        }

        $crate::request::scim_builder!(@kind $name $($kind)+);
    };
    (@kind $name:ident json $out:ty) => {
        impl $name {
            /// Only these attributes in the answer (e.g. `userName`, `emails.value`).
            pub fn attributes(mut self, names: &[&str]) -> Self {
                self.parts.set_query("attributes", names.join(","));
                self
            }

            /// Sends the request and decodes the answer.
            pub async fn send(self) -> bitbucket_core::Result<$out> {
                self.checked()?;
                self.parts.send_json().await
            }
        }
        $crate::request::scim_builder!(@await $name, $out);
    };
    (@kind $name:ident empty) => {
        impl $name {
            /// Sends the request; success has no body.
            pub async fn send(self) -> bitbucket_core::Result<()> {
                self.checked()?;
                self.parts.send_empty().await
            }
        }
        $crate::request::scim_builder!(@await $name, ());
    };
    (@kind $name:ident paged $item:ty) => {
        impl $name {
            /// Only these attributes in each item (e.g. `userName`, `emails.value`).
            pub fn attributes(mut self, names: &[&str]) -> Self {
                self.parts.set_query("attributes", names.join(","));
                self
            }

            /// Items per page asked from the server (`count`; Atlassian's default is 100).
            pub fn page_size(mut self, size: u32) -> Self {
                self.parts.paging = self.parts.paging.page_size(size);
                self
            }

            /// Stops after this many items in total; no request is sent once they are in hand.
            pub fn max_items(mut self, max: usize) -> Self {
                self.parts.paging = self.parts.paging.max_items(max);
                self
            }

            /// The 1-based index of the first item (default 1).
            pub fn start_index(mut self, index: u64) -> Self {
                self.parts.set_query("startIndex", index.to_string());
                self
            }

            /// Fetches one page only (from `start_index`, sized by `page_size`).
            pub async fn send(self) -> bitbucket_core::Result<bitbucket_core::pagination::ScimPage<$item>> {
                self.checked()?;
                self.parts.send_json().await
            }

            /// Every item, page after page, as a lazy stream.
            pub fn stream(self) -> $crate::request::ItemStream<$item> {
                match self.checked() {
                    Ok(()) => self.parts.items(),
                    Err(e) => futures::stream::StreamExt::boxed(futures::stream::once(async move { Err(e) })),
                }
            }

            /// Every page, as a lazy stream.
            pub fn pages(self) -> $crate::request::PageStream<$item> {
                match self.checked() {
                    Ok(()) => self.parts.pages(),
                    Err(e) => futures::stream::StreamExt::boxed(futures::stream::once(async move { Err(e) })),
                }
            }
        }
    };
    (@await $name:ident, $out:ty) => {
        /// Awaiting the builder sends it: `.await` is `.send().await`.
        impl std::future::IntoFuture for $name {
            type Output = bitbucket_core::Result<$out>;
            type IntoFuture = futures::future::BoxFuture<'static, bitbucket_core::Result<$out>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
pub(crate) use scim_builder;
