//! The raw escape hatch: JSON calls on any path under the base URL, with the same credentials,
//! retries, limiter and errors as the typed APIs.
//!
//! ```no_run
//! # async fn demo(client: bitbucket_core::Client) -> Result<(), bitbucket_core::Error> {
//! let props: serde_json::Value = client.raw().get("api/latest/application-properties").await?;
//! client.raw().delete("api/latest/projects/OLD").await?;
//! # Ok(()) }
//! ```

use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::transport::{Api, Client};

/// Typed JSON helpers on paths relative to the base URL (already encoded; build them with
/// [`crate::encode`]).
///
/// When the client knows its [`Api`], a leading API prefix is dropped, so paths copied from
/// Atlassian's documentation work: on Cloud `/2.0/user` and `user` are the same call, on Data
/// Center `/rest/api/latest/users` and `api/latest/users` are.
#[derive(Debug, Clone, Copy)]
pub struct Raw<'a> {
    client: &'a Client,
}

impl<'a> Raw<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Self { client }
    }

    fn request(&self, method: Method, path: &str) -> Result<reqwest::RequestBuilder, Error> {
        self.client
            .request(method, Api::strip_prefix(self.client.api(), path))
    }

    /// GET `path` and decode the JSON answer.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, Error> {
        let req = self.request(Method::GET, path)?.build()?;
        self.client.send_json(req).await
    }

    /// GET `path` with query parameters and decode the JSON answer.
    pub async fn get_with_query<T: DeserializeOwned, Q: Serialize + ?Sized>(
        &self,
        path: &str,
        query: &Q,
    ) -> Result<T, Error> {
        let req = self.request(Method::GET, path)?.query(query).build()?;
        self.client.send_json(req).await
    }

    /// POST a JSON body to `path` and decode the JSON answer.
    pub async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, Error> {
        let req = self.request(Method::POST, path)?.json(body).build()?;
        self.client.send_json(req).await
    }

    /// PUT a JSON body to `path` and decode the JSON answer.
    pub async fn put<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, Error> {
        let req = self.request(Method::PUT, path)?.json(body).build()?;
        self.client.send_json(req).await
    }

    /// DELETE `path`, discarding any body.
    pub async fn delete(&self, path: &str) -> Result<(), Error> {
        let req = self.request(Method::DELETE, path)?.build()?;
        self.client.send_empty(req).await
    }
}
