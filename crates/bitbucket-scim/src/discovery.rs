//! Discovery documents: `GET /ServiceProviderConfig` and `GET /Schemas`.
//!
//! Atlassian publishes both as free-form JSON (its reference types them as maps), so they are
//! returned as `serde_json::Value`: look up, say, `patch.supported` or `filter.maxResults`.

use reqwest::Method;

use crate::Client;
use crate::request::{Parts, scim_builder};

/// Entry point for the discovery documents.
#[derive(Debug, Clone)]
pub struct Discovery {
    client: Client,
}

scim_builder! {
    /// Gets a discovery document as JSON.
    GetDocument => json serde_json::Value
}

impl Discovery {
    pub(crate) fn new(client: Client) -> Self {
        Discovery { client }
    }

    /// What the service supports: PATCH, filters and their result cap, sorting, bulk.
    pub fn service_provider_config(&self) -> GetDocument {
        GetDocument::new(Parts::new(
            &self.client,
            Method::GET,
            &["ServiceProviderConfig"],
        ))
    }

    /// Every schema the directory serves (core user and group, enterprise, Atlassian's).
    pub fn schemas(&self) -> GetDocument {
        GetDocument::new(Parts::new(&self.client, Method::GET, &["Schemas"]))
    }
}
