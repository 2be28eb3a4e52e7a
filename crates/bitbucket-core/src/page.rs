//! One page of a listing as each API sends it: Cloud's `next`-linked pages and Data Center's
//! `start`/`nextPageStart` pages. The paginators in [`crate::pagination`] read these; a
//! `pages()` stream yields them.

use serde::Deserialize;

/// One page of a Bitbucket Cloud listing.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct CloudPage<T> {
    /// The items (`null` reads as none, `null` items are left out).
    #[serde(default = "Vec::new", deserialize_with = "crate::decode::nulls::list")]
    pub values: Vec<T>,
    /// Absolute URL of the next page.
    #[serde(default)]
    pub next: Option<String>,
    /// Absolute URL of the previous page.
    #[serde(default)]
    pub previous: Option<String>,
    /// Page number (1-based), when the listing is numbered.
    #[serde(default)]
    pub page: Option<u64>,
    /// Items per page.
    #[serde(default)]
    pub pagelen: Option<u64>,
    /// Total number of items, when the server counts them.
    #[serde(default)]
    pub size: Option<u64>,
}

/// One page of a Bitbucket Data Center listing.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct DcPage<T> {
    /// The items (`null` reads as none, `null` items are left out).
    #[serde(default = "Vec::new", deserialize_with = "crate::decode::nulls::list")]
    pub values: Vec<T>,
    /// Items on this page.
    #[serde(default)]
    pub size: Option<i64>,
    /// The page size the server applied (it caps what was asked).
    #[serde(default)]
    pub limit: Option<i64>,
    /// Whether this is the last page.
    #[serde(default)]
    pub is_last_page: Option<bool>,
    /// Index of the first item of this page (signed: mock servers send `-2147483648`).
    #[serde(default)]
    pub start: Option<i64>,
    /// Where the next page starts, when there is one.
    #[serde(default)]
    pub next_page_start: Option<i64>,
}
