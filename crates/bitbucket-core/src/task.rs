//! Server tasks the SDK waits on (a Cloud pull request merge answered `202 Accepted` and
//! polled): how one that did not succeed ended, carried by [`Error::Task`](crate::Error::Task).

/// How an awaited server task ended without success.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TaskFault {
    /// The task reported a final status other than success (e.g. `FAILED`).
    #[error("ended with status {status}")]
    Failed {
        /// The status the server reported.
        status: String,
    },
    /// The task was still pending after every poll allowed.
    #[error("still pending after {polls} polls")]
    StillPending {
        /// How many status requests were sent.
        polls: u32,
    },
    /// The server's answer gave no way to follow or read the task (no status URL, a status URL
    /// on another origin, success without a result).
    #[error("{0}")]
    Unfollowable(String),
}
