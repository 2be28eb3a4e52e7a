//! Captures the current thread's log lines at TRACE level, for checks that secrets stay out.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tracing::subscriber::DefaultGuard;
use tracing_subscriber::fmt::format::FmtSpan;

#[derive(Clone, Default)]
struct Buf(Arc<Mutex<Vec<u8>>>);

impl Write for Buf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every line logged on this thread while it lives.
pub struct Captured {
    buf: Buf,
    _guard: DefaultGuard,
}

impl Captured {
    /// Starts capturing, with `spans` choosing which span events are logged.
    pub fn start(spans: FmtSpan) -> Self {
        let buf = Buf::default();
        let writer = buf.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_span_events(spans)
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        Self { buf, _guard }
    }

    /// What has been logged so far.
    pub fn text(&self) -> String {
        String::from_utf8(self.buf.0.lock().unwrap().clone()).unwrap()
    }
}
