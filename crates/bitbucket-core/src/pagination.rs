//! Paginated listings as `futures::Stream`s: Cloud `next` links, Data Center
//! `start`/`nextPageStart`, and SCIM `startIndex`/`count` ([`scim_items`]).
//!
//! Every page request goes through [`Client::send_json`], so credentials, retries and the limiter
//! apply to page 2..n exactly as to page 1. Streams are lazy: dropping one sends no more requests.
//! A `next` link that repeats or leaves the base URL's origin, and a `nextPageStart` that does not
//! advance, end the stream with [`Error::Pagination`].
//!
//! ```no_run
//! # async fn demo(client: bitbucket_core::Client) -> Result<(), bitbucket_core::Error> {
//! use futures::TryStreamExt;
//! use bitbucket_core::pagination::{dc_items, PageOptions};
//! let req = client.request(reqwest::Method::GET, "api/latest/admin/users")?.build()?;
//! let users: Vec<serde_json::Value> =
//!     dc_items(client.clone(), req, PageOptions::new().page_size(500).max_items(2_000))
//!         .try_collect()
//!         .await?;
//! # Ok(()) }
//! ```

use std::collections::HashSet;
use std::hash::Hash;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use reqwest::header::HeaderMap;
use reqwest::{Method, Request};
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{Error, PaginationFault};
pub use crate::page::{CloudPage, DcPage};
use crate::transport::Client;

/// Defines `$items(client, $first, opts)`, a listing item by item: the pages `$pages` yields,
/// each page's `$page.$field` flattened in order. The doc comment given goes on the function.
macro_rules! items_of_pages {
    ($(#[$doc:meta])* $items:ident($first:ident) = $pages:ident, $page:ident.$field:ident) => {
        $(#[$doc])*
        pub fn $items<T>(
            client: Client,
            $first: Request,
            opts: PageOptions,
        ) -> BoxStream<'static, Result<T, Error>>
        where
            T: DeserializeOwned + Send + 'static,
        {
            $pages(client, $first, opts)
                .map_ok(|p: $page<T>| stream::iter(p.$field.into_iter().map(Ok)))
                .try_flatten()
                .boxed()
        }
    };
}

mod scim;
pub use scim::{ScimPage, scim_items, scim_pages};

/// Page size and item cap for a listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PageOptions {
    /// Items per page requested from the server (`pagelen` on Cloud, `limit` on Data Center).
    pub page_size: Option<u32>,
    /// Stop after this many items; no request is sent once they are in hand.
    pub max_items: Option<usize>,
}

impl PageOptions {
    /// The page size to ask for while `left` items are still wanted: the configured size, never
    /// more than `left`; `left` itself when no size is set; `None` when neither is known.
    pub fn capped_page_size(&self, left: Option<usize>) -> Option<u32> {
        let left = left.map(|l| u32::try_from(l).unwrap_or(u32::MAX));
        match (self.page_size, left) {
            (Some(size), Some(left)) => Some(size.min(left)),
            (size, left) => size.or(left),
        }
    }

    /// Server defaults, no cap.
    pub fn new() -> Self {
        Self::default()
    }

    /// Items per page.
    pub fn page_size(mut self, size: u32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// At most this many items in total.
    pub fn max_items(mut self, max: usize) -> Self {
        self.max_items = Some(max);
        self
    }
}

/// Replaces (or adds) a query parameter.
pub fn set_query_param(url: &mut Url, key: &str, value: &str) {
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != key)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut q = url.query_pairs_mut();
    q.clear();
    for (k, v) in &kept {
        q.append_pair(k, v);
    }
    q.append_pair(key, value);
}

fn request_to(url: Url, headers: &HeaderMap) -> Request {
    let mut req = Request::new(Method::GET, url);
    *req.headers_mut() = headers.clone();
    req
}

/// Checks a Cloud `next` link before it is followed: a valid URL, on the client's origin, not
/// seen before (it is recorded in `seen`).
fn follow_next(client: &Client, seen: &mut HashSet<String>, next: &str) -> Result<Url, Error> {
    let fault = match Url::parse(next) {
        Err(_) => PaginationFault::InvalidNext(next.to_owned()),
        Ok(url) if !client.same_origin(&url) => PaginationFault::ForeignOrigin(next.to_owned()),
        Ok(url) if !seen.insert(url.as_str().to_owned()) => {
            PaginationFault::RepeatedNext(next.to_owned())
        }
        Ok(url) => return Ok(url),
    };
    Err(Error::Pagination(fault))
}

fn remaining(opts: &PageOptions, emitted: usize) -> Option<usize> {
    opts.max_items.map(|m| m.saturating_sub(emitted))
}

/// The number in query parameter `name` of `req`, if present and numeric.
fn query_number(req: &Request, name: &str) -> Option<u64> {
    req.url()
        .query_pairs()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.parse().ok())
}

/// The request for an offset-paged page (DC `start`/`limit`, SCIM `startIndex`/`count`): a copy
/// of `template` with the start parameter and, when given, the size parameter set.
fn offset_request(
    template: &Request,
    (start_param, start): (&str, u64),
    (size_param, size): (&str, Option<u32>),
) -> Result<Request, Error> {
    let mut req = template.try_clone().ok_or_else(|| Error::InvalidInput {
        message: "a paged request cannot have a streaming body".to_owned(),
    })?;
    set_query_param(req.url_mut(), start_param, &start.to_string());
    if let Some(size) = size {
        set_query_param(req.url_mut(), size_param, &size.to_string());
    }
    Ok(req)
}

struct CloudState {
    client: Client,
    next: Option<Request>,
    headers: HeaderMap,
    seen: HashSet<String>,
    emitted: usize,
    opts: PageOptions,
    fault: Option<Error>,
}

/// A Cloud listing, page by page, following each page's absolute `next` link.
///
/// `first` is the request for page 1 (usually a GET); `page_size` becomes `pagelen`.
pub fn cloud_pages<T>(
    client: Client,
    mut first: Request,
    opts: PageOptions,
) -> BoxStream<'static, Result<CloudPage<T>, Error>>
where
    T: DeserializeOwned + Send + 'static,
{
    if let Some(size) = opts.page_size {
        set_query_param(first.url_mut(), "pagelen", &size.to_string());
    }
    let mut seen = HashSet::new();
    seen.insert(first.url().as_str().to_owned());
    let state = CloudState {
        client,
        headers: first.headers().clone(),
        next: Some(first),
        seen,
        emitted: 0,
        opts,
        fault: None,
    };
    stream::unfold(state, |mut st| async move {
        if let Some(fault) = st.fault.take() {
            st.next = None;
            return Some((Err(fault), st));
        }
        if remaining(&st.opts, st.emitted) == Some(0) {
            return None;
        }
        let req = st.next.take()?;
        let mut page: CloudPage<T> = match st.client.send_json(req).await {
            Ok(p) => p,
            Err(e) => return Some((Err(e), st)),
        };
        if let Some(left) = remaining(&st.opts, st.emitted) {
            page.values.truncate(left);
        }
        st.emitted += page.values.len();
        if let Some(next) = page.next.as_deref().filter(|n| !n.is_empty()) {
            match follow_next(&st.client, &mut st.seen, next) {
                Ok(url) => st.next = Some(request_to(url, &st.headers)),
                Err(fault) => st.fault = Some(fault),
            }
        }
        Some((Ok(page), st))
    })
    .boxed()
}

items_of_pages! {
    /// A Cloud listing item by item (see [`cloud_pages`]).
    cloud_items(first) = cloud_pages, CloudPage.values
}

/// A Cloud listing fetched with concurrent page requests.
///
/// Page 1 is fetched first; when it reports `size`, a numeric `page` and `pagelen`, pages
/// 2..n are requested with `page=N` up to `concurrency` at a time (in order), and items are
/// de-duplicated by `key` because Bitbucket does not keep page order stable. Without those
/// fields it falls back to following `next`. Yields the same items as [`cloud_items`].
pub fn cloud_items_prefetch<T, K, F>(
    client: Client,
    mut first: Request,
    opts: PageOptions,
    concurrency: usize,
    key: F,
) -> BoxStream<'static, Result<T, Error>>
where
    T: DeserializeOwned + Send + 'static,
    K: Hash + Eq + Send + 'static,
    F: Fn(&T) -> K + Send + Sync + 'static,
{
    if let Some(size) = opts.page_size {
        set_query_param(first.url_mut(), "pagelen", &size.to_string());
    }
    let concurrency = concurrency.max(1);
    let fut = async move {
        let first_url = first.url().clone();
        let headers = first.headers().clone();
        let page1: CloudPage<T> = match client.send_json(first).await {
            Ok(p) => p,
            Err(e) => return stream::once(async { Err(e) }).boxed(),
        };
        let total_pages = match (page1.size, page1.page, page1.pagelen) {
            (Some(size), Some(1), Some(len)) if len > 0 => size.div_ceil(len),
            _ => {
                // Not numbered: continue sequentially from page 1's `next`.
                let mut seen = HashSet::from([first_url.as_str().to_owned()]);
                let rest = match page1.next.as_deref().filter(|n| !n.is_empty()) {
                    None => stream::empty().boxed(),
                    Some(next) => match follow_next(&client, &mut seen, next) {
                        Ok(url) => cloud_items::<T>(client, request_to(url, &headers), opts),
                        Err(fault) => stream::once(async move { Err(fault) }).boxed(),
                    },
                };
                return stream::iter(page1.values.into_iter().map(Ok))
                    .chain(rest)
                    .boxed();
            }
        };
        let pages = (2..=total_pages).map(move |n| {
            let mut url = first_url.clone();
            set_query_param(&mut url, "page", &n.to_string());
            let req = request_to(url, &headers);
            let client = client.clone();
            async move { client.send_json::<CloudPage<T>>(req).await }
        });
        let mut seen = HashSet::new();
        let firsts: Vec<T> = page1
            .values
            .into_iter()
            .filter(|v| seen.insert(key(v)))
            .collect();
        let rest = stream::iter(pages)
            .buffered(concurrency)
            .map_ok(|p| stream::iter(p.values.into_iter().map(Ok)))
            .try_flatten();
        stream::iter(firsts.into_iter().map(Ok))
            .chain(rest.try_filter(move |v| std::future::ready(seen.insert(key(v)))))
            .boxed()
    };
    let s = stream::once(fut).flatten();
    match opts.max_items {
        Some(max) => s.take(max).boxed(),
        None => s.boxed(),
    }
}

/// A page of an offset-paged listing (DC `start`/`limit`, SCIM `startIndex`/`count`).
pub(crate) trait OffsetPage: DeserializeOwned + Send + 'static {
    /// The item type.
    type Item;

    /// The page's items.
    fn items(&mut self) -> &mut Vec<Self::Item>;

    /// A fault that makes the page unusable, given where it was asked to start.
    fn check(&self, _start: u64) -> Result<(), PaginationFault> {
        Ok(())
    }

    /// Where the next page starts (`None` after the last), for a page asked at `start` for
    /// `asked` items that held `got`.
    fn next_start(
        &self,
        start: u64,
        asked: Option<u32>,
        got: usize,
    ) -> Result<Option<u64>, PaginationFault>;
}

impl<T: DeserializeOwned + Send + 'static> OffsetPage for DcPage<T> {
    type Item = T;

    fn items(&mut self) -> &mut Vec<T> {
        &mut self.values
    }

    fn next_start(
        &self,
        start: u64,
        _asked: Option<u32>,
        _got: usize,
    ) -> Result<Option<u64>, PaginationFault> {
        if self.is_last_page.unwrap_or(self.next_page_start.is_none()) {
            return Ok(None);
        }
        match self.next_page_start {
            Some(next) if next > start as i64 => Ok(Some(next as u64)),
            next => Err(PaginationFault::StuckStart { start, next }),
        }
    }
}

struct OffsetState {
    client: Client,
    template: Request,
    start: Option<u64>,
    emitted: usize,
    opts: PageOptions,
    fault: Option<Error>,
}

/// An offset-paged listing, page by page: each page asked at `start_param` with
/// `size_param` items (the page size capped by what is left), from `start` on.
pub(crate) fn offset_pages<P: OffsetPage>(
    client: Client,
    template: Request,
    opts: PageOptions,
    start: u64,
    (start_param, size_param): (&'static str, &'static str),
) -> BoxStream<'static, Result<P, Error>> {
    let state = OffsetState {
        client,
        template,
        start: Some(start),
        emitted: 0,
        opts,
        fault: None,
    };
    stream::unfold(state, move |mut st| async move {
        if let Some(fault) = st.fault.take() {
            st.start = None;
            return Some((Err(fault), st));
        }
        let start = st.start.take()?;
        let left = remaining(&st.opts, st.emitted);
        if left == Some(0) {
            return None;
        }
        let asked = st.opts.capped_page_size(left);
        let req = match offset_request(&st.template, (start_param, start), (size_param, asked)) {
            Ok(req) => req,
            Err(e) => return Some((Err(e), st)),
        };
        let mut page: P = match st.client.send_json(req).await {
            Ok(p) => p,
            Err(e) => return Some((Err(e), st)),
        };
        if let Err(fault) = page.check(start) {
            return Some((Err(Error::Pagination(fault)), st));
        }
        let got = page.items().len();
        let next = page.next_start(start, asked, got);
        if let Some(left) = left {
            page.items().truncate(left);
        }
        st.emitted += page.items().len();
        match next {
            Ok(next) => st.start = next,
            Err(fault) => st.fault = Some(Error::Pagination(fault)),
        }
        Some((Ok(page), st))
    })
    .boxed()
}

/// A Data Center listing, page by page, with `start`/`limit` until `isLastPage`.
///
/// `template` is the request for the listing without `start`/`limit` (they are set per page);
/// it must have no streaming body.
pub fn dc_pages<T>(
    client: Client,
    template: Request,
    opts: PageOptions,
) -> BoxStream<'static, Result<DcPage<T>, Error>>
where
    T: DeserializeOwned + Send + 'static,
{
    let start = query_number(&template, "start").unwrap_or(0);
    offset_pages(client, template, opts, start, ("start", "limit"))
}

items_of_pages! {
    /// A Data Center listing item by item (see [`dc_pages`]).
    dc_items(template) = dc_pages, DcPage.values
}

#[cfg(test)]
mod tests {
    use super::PageOptions;

    #[test]
    fn page_size_never_asks_for_more_than_is_left() {
        let sized = PageOptions::new().page_size(50);
        assert_eq!(sized.capped_page_size(None), Some(50));
        assert_eq!(sized.capped_page_size(Some(7)), Some(7));
        assert_eq!(sized.capped_page_size(Some(500)), Some(50));
        let unsized_ = PageOptions::new();
        assert_eq!(unsized_.capped_page_size(Some(7)), Some(7));
        assert_eq!(unsized_.capped_page_size(None), None);
        assert_eq!(
            unsized_.capped_page_size(Some(usize::MAX)),
            Some(u32::MAX),
            "saturates"
        );
    }
}
