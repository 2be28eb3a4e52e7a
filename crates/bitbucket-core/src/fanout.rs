//! Bounded-concurrency fan-out: for each item of a stream, make a call.
//!
//! Each call goes through the client it uses, so the limiter and retries apply.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")] async fn main() {
//! use futures::{stream, TryStreamExt};
//! use bitbucket_core::{fanout::fan_out, Error};
//! let items = stream::iter((1..=5).map(Ok::<u32, Error>));
//! let doubled: Vec<u32> = fan_out(items, 3, true, |n| async move { Ok(n * 2) })
//!     .try_collect().await.unwrap();
//! assert_eq!(doubled, [2, 4, 6, 8, 10]);
//! # }
//! ```

use std::future::Future;

use futures::future::Either;
use futures::stream::{BoxStream, Stream, StreamExt};

use crate::error::Error;

/// Calls `f` for each `Ok` item of `items`, at most `concurrency` calls at a time.
///
/// With `ordered`, results come in input order; otherwise as they complete. Errors from the input
/// stream are passed through in place of a result.
pub fn fan_out<S, T, F, Fut, R>(
    items: S,
    concurrency: usize,
    ordered: bool,
    mut f: F,
) -> BoxStream<'static, Result<R, Error>>
where
    S: Stream<Item = Result<T, Error>> + Send + 'static,
    T: Send + 'static,
    F: FnMut(T) -> Fut + Send + 'static,
    Fut: Future<Output = Result<R, Error>> + Send + 'static,
    R: Send + 'static,
{
    let calls = items.map(move |item| match item {
        Ok(t) => Either::Left(f(t)),
        Err(e) => Either::Right(std::future::ready(Err(e))),
    });
    let concurrency = concurrency.max(1);
    if ordered {
        calls.buffered(concurrency).boxed()
    } else {
        calls.buffer_unordered(concurrency).boxed()
    }
}
