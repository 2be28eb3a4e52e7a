//! How the generated client reaches the core: the `exec` hook, error mapping, path encoding
//! and the paginated streams. The generated code calls into this module; nothing here is
//! specific to one endpoint.

use bitbucket_core::pagination::{cloud_items, cloud_pages};
use bitbucket_core::reqwest::header::HeaderMap;
use bitbucket_core::reqwest::{self, StatusCode};
use bitbucket_core::{CloudPage, Error, PageOptions, Result};
use futures::stream::{self, BoxStream, StreamExt};
use progenitor_client::{ClientHooks, OperationInfo, ResponseValue};
use serde::de::DeserializeOwned;
use tracing::Instrument;

use crate::generated::Client;

type GenError = progenitor_client::Error<()>;

/// Every generated request is executed by the core: limiter, credentials (base URL origin
/// only), retries, rate-limit recording and tracing (inside a span naming the operation). The
/// response comes back whatever its status; non-success statuses are turned into [`Error`] by
/// `finish`.
impl ClientHooks<bitbucket_core::Client> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let span = tracing::debug_span!("bitbucket_cloud", operation = info.operation_id);
        self.inner.execute(request).instrument(span).await
    }
}

/// Percent-encodes one path segment with the core's encoder (braced UUIDs included).
pub(crate) fn encode_segment(value: &str) -> std::result::Result<String, String> {
    bitbucket_core::encode::segment(value).map_err(input_message)
}

/// Encodes a multi-segment file path (`src/{commit}/{path}`), keeping its `/`.
pub(crate) fn encode_file_path(value: &str) -> std::result::Result<String, String> {
    bitbucket_core::encode::path(value).map_err(input_message)
}

fn input_message(e: Error) -> String {
    match e {
        Error::InvalidInput { message } => message,
        other => other.to_string(),
    }
}

/// A JSON answer, read as progenitor's `ResponseValue::from_response` reads it but parsed by
/// the core ([`bitbucket_core::decode::parse`]: one UTF-8 check of the body, then text). A body
/// that does not decode comes back as progenitor's `InvalidResponsePayload`, which
/// [`build_error`] turns into the core's error.
pub(crate) async fn json_response<T: DeserializeOwned>(
    response: reqwest::Response,
) -> std::result::Result<ResponseValue<T>, GenError> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(progenitor_client::Error::ResponseBodyError)?;
    match bitbucket_core::decode::parse(&body) {
        Ok(inner) => Ok(ResponseValue::new(inner, status, headers)),
        Err(e) => Err(progenitor_client::Error::InvalidResponsePayload(body, e)),
    }
}

/// Result of a generated `send_raw` whose body is JSON, empty or bytes.
pub(crate) async fn finish<T>(
    client: &Client,
    result: std::result::Result<ResponseValue<T>, GenError>,
) -> Result<T> {
    match result {
        Ok(v) => Ok(v.into_inner()),
        Err(e) => Err(map_error(client, e).await),
    }
}

/// Result of a generated `send_raw` whose body is handed out as bytes: the stream's errors
/// become the core's.
pub(crate) async fn finish_bytes(
    client: &Client,
    result: std::result::Result<ResponseValue<progenitor_client::ByteStream>, GenError>,
) -> Result<crate::ByteStream> {
    match result {
        Ok(v) => Ok(v
            .into_inner()
            .into_inner()
            .map(|r| r.map_err(Error::from))
            .boxed()),
        Err(e) => Err(map_error(client, e).await),
    }
}

/// Maps progenitor's error into the core's. Non-success responses arrive as
/// `UnexpectedResponse` (the generator declares no error responses), so the core parses their
/// bodies: Bitbucket's message, required scopes on 403, `Retry-After`, request id.
pub(crate) async fn map_error(client: &Client, e: GenError) -> Error {
    match e {
        progenitor_client::Error::UnexpectedResponse(resp) => {
            client.inner.error_from_response(resp).await
        }
        other => build_error(other),
    }
}

/// Maps the errors that can occur before a response exists.
pub(crate) fn build_error(e: GenError) -> Error {
    use progenitor_client::Error as E;
    match e {
        E::InvalidRequest(message) | E::Custom(message) => Error::InvalidInput { message },
        E::CommunicationError(source)
        | E::InvalidUpgrade(source)
        | E::ResponseBodyError(source) => Error::Transport { source },
        E::InvalidResponsePayload(bytes, source) => {
            bitbucket_core::decode::failure(StatusCode::OK, &HeaderMap::new(), &bytes, source)
        }
        E::ErrorResponse(rv) => Error::from_parts(
            rv.status(),
            rv.headers().clone(),
            bytes::Bytes::new(),
            "unknown",
            "",
            1,
        ),
        E::UnexpectedResponse(resp) => Error::from_parts(
            resp.status(),
            resp.headers().clone(),
            bytes::Bytes::new(),
            "unknown",
            "",
            1,
        ),
    }
}

/// The paging options of a builder's streams: its item cap (the page size is already in the
/// first request's `pagelen`).
pub(crate) fn item_cap(max_items: Option<usize>) -> PageOptions {
    match max_items {
        Some(max) => PageOptions::new().max_items(max),
        None => PageOptions::new(),
    }
}

/// `IntoFuture` for a builder that is not paginated: awaiting it sends it, as its `send()`
/// does (`cloud.get_repository().workspace(w).repo_slug(r).await`).
macro_rules! awaitable {
    ($builder:ident, $output:ty) => {
        impl<'a> ::std::future::IntoFuture for $builder<'a> {
            type Output = ::bitbucket_core::Result<$output>;
            type IntoFuture = ::futures::future::BoxFuture<'a, Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                ::std::boxed::Box::pin(self.send())
            }
        }
    };
}
pub(crate) use awaitable;

/// Items of a paginated operation, built on the core's Cloud paginator.
pub(crate) fn items<T>(
    client: &Client,
    first: std::result::Result<reqwest::Request, GenError>,
    options: PageOptions,
) -> BoxStream<'static, Result<T>>
where
    T: DeserializeOwned + Send + 'static,
{
    match first {
        Ok(req) => cloud_items(client.inner.clone(), req, options),
        Err(e) => stream::once(futures::future::ready(Err(build_error(e)))).boxed(),
    }
}

/// The JSON body of an operation's answer, undecoded, through the same transport and errors
/// as `send()`: fields no model knows stay reachable.
pub(crate) async fn send_value(
    client: &Client,
    request: std::result::Result<reqwest::Request, GenError>,
) -> Result<serde_json::Value> {
    client.inner.send_json(request.map_err(build_error)?).await
}

/// Pages of a paginated operation, built on the core's Cloud paginator.
pub(crate) fn pages<T>(
    client: &Client,
    first: std::result::Result<reqwest::Request, GenError>,
    options: PageOptions,
) -> BoxStream<'static, Result<CloudPage<T>>>
where
    T: DeserializeOwned + Send + 'static,
{
    match first {
        Ok(req) => cloud_pages(client.inner.clone(), req, options),
        Err(e) => stream::once(futures::future::ready(Err(build_error(e)))).boxed(),
    }
}
