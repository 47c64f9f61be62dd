//! A learner's screen output: frames drawn into memory, then written to the SSH channel by a
//! task of their own. At most one frame waits while one is being written; when the client
//! stops reading (its window fills, or its TCP buffer), the learner's task simply does not
//! draw again until the writer drains, so a stalled reader costs one frame of memory and
//! never blocks anyone else. Frames in between are skipped, not queued: the next draw is a
//! diff against what was really sent, so the screen comes back right.

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use russh::ChannelWriteHalf;
use russh::server::Msg;
use tokio::sync::{Notify, mpsc};

/// What ratatui's crossterm backend writes into: the bytes of one frame. Shared with the
/// learner's task, which takes each frame out after drawing.
#[derive(Clone, Debug, Default)]
pub struct FrameBuf(Arc<std::sync::Mutex<Vec<u8>>>);

impl FrameBuf {
    fn bytes(&self) -> std::sync::MutexGuard<'_, Vec<u8>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
    /// The bytes written since the last take.
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.bytes())
    }
    /// How many bytes wait to be taken.
    pub fn pending_bytes(&self) -> usize {
        self.bytes().len()
    }
}

impl Write for FrameBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The alternate screen, no cursor, bracketed paste on: what a full-screen program sets up.
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[2J";
/// And back, when the learner leaves.
pub const LEAVE: &[u8] = b"\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// How long the last bytes (leaving the alternate screen, a goodbye line) may take to go out
/// before the channel is closed anyway.
const LAST_WRITE: Duration = Duration::from_secs(3);

/// The writer side of one learner's channel.
pub struct Output {
    tx: mpsc::Sender<Vec<u8>>,
    /// Told each time a frame has been written: the learner may draw again.
    pub drained: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
    /// To cut the connection when even the last bytes cannot go out.
    handle: russh::server::Handle,
}

impl Output {
    pub fn start(channel: ChannelWriteHalf<Msg>, handle: russh::server::Handle) -> Output {
        let (tx, mut rx) = mpsc::channel::<Vec<u8>>(1);
        let drained = Arc::new(Notify::new());
        let told = Arc::clone(&drained);
        let task = tokio::spawn(async move {
            while let Some(bytes) = rx.recv().await {
                // Waits for the client's window: this is where a stalled reader stops us.
                if channel.data_bytes(bytes).await.is_err() {
                    break;
                }
                told.notify_one();
            }
            let _ = channel.exit_status(0).await;
            let _ = channel.eof().await;
            let _ = channel.close().await;
        });
        Output { tx, drained, task, handle }
    }

    /// Whether a frame can be handed over now.
    pub fn ready(&self) -> bool {
        self.tx.capacity() > 0
    }

    /// Hands a frame over if there is room (nothing is sent for an empty frame). Returns
    /// whether it was taken.
    pub fn send(&self, bytes: Vec<u8>) -> bool {
        bytes.is_empty() || self.tx.try_send(bytes).is_ok()
    }

    /// The last bytes, then the channel is closed, however slow the reader.
    pub async fn finish(self, last: Vec<u8>) {
        let Output { tx, task, handle, .. } = self;
        let _ = tokio::time::timeout(LAST_WRITE, tx.send(last)).await;
        drop(tx);
        let abort = task.abort_handle();
        if tokio::time::timeout(LAST_WRITE, task).await.is_err() {
            abort.abort();
            let bye = handle.disconnect(russh::Disconnect::ByApplication, "the session ended".into(), String::new());
            let _ = tokio::time::timeout(LAST_WRITE, bye).await;
        }
    }
}
