//! SCIM 2.0 listings: a 1-based `startIndex`, `count` items per page and `totalResults`
//! (RFC 7644 §3.4.2.4), as Atlassian's user-provisioning API pages its users and groups.
//!
//! Each page is requested at `startIndex = previous startIndex + items received`, so a server
//! that caps `count` below what was asked still pages correctly. The listing ends when
//! `totalResults` is reached, on an empty page, or (without `totalResults`) on a page shorter
//! than the `count` asked. A page that makes no progress (empty while `totalResults` says more
//! remain) or that answers another `startIndex` than the one asked ends the stream with
//! [`Error::Pagination`].
//!
//! ```no_run
//! # async fn demo(client: bitbucket_core::Client) -> Result<(), bitbucket_core::Error> {
//! use futures::TryStreamExt;
//! use bitbucket_core::pagination::{scim_items, PageOptions};
//! let req = client.request(reqwest::Method::GET, "Users")?.build()?;
//! let users: Vec<serde_json::Value> =
//!     scim_items(client.clone(), req, PageOptions::new().page_size(100).max_items(250))
//!         .try_collect()
//!         .await?;
//! # Ok(()) }
//! ```

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::Request;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::{OffsetPage, PageOptions, offset_pages, query_number};
use crate::error::{Error, PaginationFault};
use crate::transport::Client;

/// One page of a SCIM list response (`urn:ietf:params:scim:api:messages:2.0:ListResponse`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct ScimPage<T> {
    /// Schema URNs of the response.
    #[serde(default)]
    pub schemas: Vec<String>,
    /// Items matching the query across all pages, when the server counts them.
    #[serde(default)]
    pub total_results: Option<u64>,
    /// The 1-based index of this page's first item.
    #[serde(default)]
    pub start_index: Option<u64>,
    /// Items on this page, as the server reports it.
    #[serde(default)]
    pub items_per_page: Option<u64>,
    /// The items (absent or `null` read as none, `null` items are left out).
    #[serde(
        rename = "Resources",
        default = "Vec::new",
        deserialize_with = "crate::decode::nulls::list"
    )]
    pub resources: Vec<T>,
}

/// What follows a page that started at `start`, asked for `asked` items and got `got`.
fn next_start(
    start: u64,
    asked: Option<u32>,
    got: usize,
    total: Option<u64>,
) -> Result<Option<u64>, PaginationFault> {
    let next = start.saturating_add(got as u64);
    match total {
        Some(total) if got == 0 && start <= total => Err(PaginationFault::StuckIndex {
            start_index: start,
            total_results: total,
        }),
        Some(total) => Ok((next <= total).then_some(next)),
        None if got == 0 => Ok(None),
        None if asked.is_some_and(|a| got < a as usize) => Ok(None),
        None => Ok(Some(next)),
    }
}

/// A SCIM listing, page by page, with `startIndex`/`count` until `totalResults`.
///
/// `template` is the listing request without paging parameters (a `startIndex` in it is where
/// the listing starts; values below 1 count as 1); it must have no streaming body.
/// `page_size` becomes `count`.
pub fn scim_pages<T>(
    client: Client,
    template: Request,
    opts: PageOptions,
) -> BoxStream<'static, Result<ScimPage<T>, Error>>
where
    T: DeserializeOwned + Send + 'static,
{
    let start = query_number(&template, "startIndex").unwrap_or(1).max(1);
    offset_pages(client, template, opts, start, ("startIndex", "count"))
}

impl<T: DeserializeOwned + Send + 'static> OffsetPage for ScimPage<T> {
    type Item = T;

    fn items(&mut self) -> &mut Vec<T> {
        &mut self.resources
    }

    fn check(&self, start: u64) -> Result<(), PaginationFault> {
        match self.start_index {
            Some(returned) if returned != start && !self.resources.is_empty() => {
                Err(PaginationFault::StartIndexMismatch {
                    requested: start,
                    returned,
                })
            }
            _ => Ok(()),
        }
    }

    fn next_start(
        &self,
        start: u64,
        asked: Option<u32>,
        got: usize,
    ) -> Result<Option<u64>, PaginationFault> {
        next_start(start, asked, got, self.total_results)
    }
}

items_of_pages! {
    /// A SCIM listing item by item (see [`scim_pages`]).
    scim_items(template) = scim_pages, ScimPage.resources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_start_follows_total_results_and_short_pages() {
        assert_eq!(next_start(1, Some(2), 2, Some(5)), Ok(Some(3)));
        assert_eq!(next_start(5, Some(2), 1, Some(5)), Ok(None));
        assert_eq!(next_start(1, Some(100), 3, Some(3)), Ok(None));
        // The server capped `count`: keep going from what actually arrived.
        assert_eq!(next_start(1, Some(500), 100, Some(250)), Ok(Some(101)));
        assert_eq!(next_start(6, None, 0, Some(5)), Ok(None));
        assert_eq!(
            next_start(3, Some(2), 0, Some(5)),
            Err(PaginationFault::StuckIndex {
                start_index: 3,
                total_results: 5
            })
        );
        assert_eq!(next_start(1, None, 10, None), Ok(Some(11)));
        assert_eq!(next_start(11, None, 0, None), Ok(None));
        assert_eq!(next_start(1, Some(10), 4, None), Ok(None));
    }

    #[test]
    fn page_reads_resources_and_tolerates_null() {
        let p: ScimPage<u32> = serde_json::from_str(
            r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults":3,"startIndex":1,"itemsPerPage":2,"Resources":[1,2]}"#,
        )
        .unwrap();
        assert_eq!(p.resources, [1, 2]);
        assert_eq!((p.total_results, p.start_index), (Some(3), Some(1)));
        let empty: ScimPage<u32> =
            serde_json::from_str(r#"{"totalResults":0,"Resources":null}"#).unwrap();
        assert!(empty.resources.is_empty());
    }
}
