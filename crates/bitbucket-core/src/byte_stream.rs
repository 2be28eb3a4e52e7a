//! Response bodies delivered chunk by chunk as they arrive (downloads, archives, diffs, logs),
//! so a large body is never held in memory.

use futures::stream::{BoxStream, StreamExt, TryStreamExt};

use crate::error::Error;

/// A response body as a stream of chunks; a failure mid-body is an [`Error`] item.
pub type ByteStream = BoxStream<'static, Result<bytes::Bytes, Error>>;

/// The body of a successful response as a [`ByteStream`].
pub fn from_response(response: reqwest::Response) -> ByteStream {
    response.bytes_stream().map_err(Error::from).boxed()
}
