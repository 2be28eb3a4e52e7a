//! `stream_bytes()` on the generated operations whose answer is bytes, the name Data Center's
//! byte builders use.

use bitbucket_core::{ByteStream, Result};

use crate::builder::*;

macro_rules! stream_bytes {
    ($($builder:ident),+ $(,)?) => {
        $(
            impl $builder<'_> {
                /// Sends the request and returns the body as a stream of chunks (read lazily,
                /// never buffered whole); error statuses become [`bitbucket_core::Error`].
                pub async fn stream_bytes(self) -> Result<ByteStream> {
                    self.send().await
                }
            }
        )+
    };
}

stream_bytes!(
    GetAppClientKey,
    GetDiff,
    GetDownload,
    GetIssueAttachment,
    GetPatch,
    GetPipelineStepLog,
    GetPipelineContainerLog,
    GetPullRequestConflicts,
    GetPullRequestDiff,
    GetPullRequestDiffstat,
    GetPullRequestPatch,
    GetSnippetFile,
    GetSnippetRevisionFile,
    GetSnippetDiff,
    GetSnippetPatch,
    GetWorkspaceGpgPublicKey,
);
