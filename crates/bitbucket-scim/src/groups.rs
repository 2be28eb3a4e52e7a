//! Groups of a directory, read-only: `GET /Groups` and `GET /Groups/{id}`.

use reqwest::Method;

use crate::Client;
use crate::filter::Filter;
use crate::models::Group;
use crate::request::{Parts, scim_builder};

/// Entry point for a directory's groups.
#[derive(Debug, Clone)]
pub struct Groups {
    client: Client,
}

scim_builder! {
    /// Lists groups (paged), optionally filtered by `displayName`.
    ListGroups => paged Group
}
scim_builder! {
    /// Gets one group by the directory's id.
    GetGroup => json Group
}

impl Groups {
    pub(crate) fn new(client: Client) -> Self {
        Groups { client }
    }

    /// Lists the groups (`GET /Groups`).
    pub fn list(&self) -> ListGroups {
        ListGroups::new(Parts::new(&self.client, Method::GET, &["Groups"]))
    }

    /// One group by the directory's id (`GET /Groups/{id}`).
    pub fn get(&self, id: &str) -> GetGroup {
        GetGroup::new(Parts::new(&self.client, Method::GET, &["Groups", id]))
    }
}

impl ListGroups {
    /// Only groups matching the filter (Atlassian documents `displayName eq "..."`).
    pub fn filter(mut self, filter: Filter) -> Self {
        match filter.check() {
            Ok(()) => self.parts.set_query("filter", filter.to_string()),
            Err(e) => self.invalid = Some(e.to_string()),
        }
        self
    }
}
