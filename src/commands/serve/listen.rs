//! Accepting connections so that no client can stop the preview: at most
//! [`MAX_CONNECTIONS`] served at once (more are answered 503 and closed), deadlines
//! on every connection, and an accept loop that waits and tries again when the
//! process runs out of file handles, rather than ending.
//!
//! Each connection uses one file handle and is read and written through the same
//! socket (never a duplicate), so the number of handles follows the connections.

use std::io::{ErrorKind, Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use crate::base::console::tell;

/// Connections served at once. A browser opens six or so to one server, plus one per
/// open page for its reload events; a flood beyond this is refused, so it cannot use
/// up the file handles that rebuilds need.
pub(super) const MAX_CONNECTIONS: usize = 128;

/// How long a client may take to send a request, or keep an idle connection open.
pub(super) const IDLE: Duration = Duration::from_secs(10);

/// How long a write may wait for a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// The first wait after a failed accept, and the longest.
const BACKOFF: (Duration, Duration) = (Duration::from_millis(5), Duration::from_millis(500));

/// The failure to accept is reported at most this often.
const WARN_EVERY: Duration = Duration::from_secs(10);

/// How many ports after the requested one are tried when it is taken.
const PORT_ATTEMPTS: u16 = 20;

/// Binds 127.0.0.1 only: a preview is for the author, not the network.
pub(super) fn bind(port: u16) -> Result<TcpListener> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_ATTEMPTS - 1)
    };
    let mut error = None;
    for candidate in port..=last {
        match TcpListener::bind(("127.0.0.1", candidate)) {
            Ok(listener) => return Ok(listener),
            Err(e) => error = Some(e),
        }
    }
    Err(anyhow!(
        "cannot listen on 127.0.0.1 ports {port}–{last}: {}",
        error.map(|e| e.to_string()).unwrap_or_default()
    ))
}

/// Asks the accept loop to end: sets the flag, then connects once so a blocked
/// `accept` returns and sees it.
#[derive(Debug)]
pub(super) struct Stop {
    flag: AtomicBool,
    addr: SocketAddr,
}

impl Stop {
    pub(super) fn new(addr: SocketAddr) -> Stop {
        Stop {
            flag: AtomicBool::new(false),
            addr,
        }
    }

    pub(super) fn stop(&self) {
        self.flag.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }

    fn is_set(&self) -> bool {
        self.flag.load(Ordering::SeqCst)
    }
}

/// Accepts connections until `stop`, each served by `serve` on a thread of its own.
pub(super) fn accept_loop<F>(listener: &TcpListener, stop: &Stop, serve: F)
where
    F: Fn(TcpStream) + Clone + Send + 'static,
{
    let open = Arc::new(AtomicUsize::new(0));
    let mut wait = BACKOFF.0;
    let mut warned: Option<Instant> = None;
    while !stop.is_set() {
        match listener.accept() {
            Ok(_) if stop.is_set() => break,
            Ok((stream, _)) => {
                wait = BACKOFF.0;
                admit(stream, &open, serve.clone());
            }
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::Interrupted | ErrorKind::ConnectionAborted
                ) => {}
            // Out of file handles (or memory, or buffers): the connection waits in the
            // queue until a served one closes and the accept is tried again.
            Err(e) => {
                if warned.is_none_or(|at| at.elapsed() > WARN_EVERY) {
                    tell!("cannot accept a connection ({e}); trying again as others close");
                    warned = Some(Instant::now());
                }
                thread::sleep(wait);
                wait = (wait * 2).min(BACKOFF.1);
            }
        }
    }
}

/// Serves `stream` if a place is free, or tells the client to come back.
fn admit<F>(stream: TcpStream, open: &Arc<AtomicUsize>, serve: F)
where
    F: Fn(TcpStream) + Send + 'static,
{
    let Some(place) = Place::take(open) else {
        shed(stream);
        return;
    };
    let timeouts = (stream.set_read_timeout(Some(IDLE)))
        .and_then(|()| stream.set_write_timeout(Some(WRITE_TIMEOUT)));
    if timeouts.is_err() {
        return;
    }
    // Responses are written whole; waiting to fill a packet only adds latency.
    let _ = stream.set_nodelay(true);
    // If no thread can be started, the closure is dropped, and with it the
    // connection and its place.
    let _ = thread::Builder::new()
        .name("briefing-connection".to_string())
        .spawn(move || {
            let _place = place;
            serve(stream);
        });
}

/// A 503 written straight away, without waiting for the request: a new
/// connection's send buffer is empty, so the write does not block the accept loop.
/// What of the request has arrived is read first, as closing a socket with unread
/// data resets the connection and the client may never see the answer.
fn shed(mut stream: TcpStream) {
    if stream.set_nonblocking(true).is_ok() {
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
    }
    let _ = stream.write_all(
        b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    );
}

/// One of the [`MAX_CONNECTIONS`] places, given back when dropped.
struct Place(Arc<AtomicUsize>);

impl Place {
    fn take(open: &Arc<AtomicUsize>) -> Option<Place> {
        let taken = open.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
            (n < MAX_CONNECTIONS).then_some(n + 1)
        });
        taken.ok().map(|_| Place(Arc::clone(open)))
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_bounded_and_given_back() {
        let open = Arc::new(AtomicUsize::new(0));
        let places: Vec<Place> = (0..MAX_CONNECTIONS)
            .map(|_| Place::take(&open).unwrap())
            .collect();
        assert!(Place::take(&open).is_none());
        drop(places);
        assert_eq!(open.load(Ordering::SeqCst), 0);
        assert!(Place::take(&open).is_some());
    }
}
