//! HTTP/1.1 on the wire, as much as a browser on the same machine needs: a request
//! head read within a deadline and a size limit, GET and HEAD without bodies,
//! persistent connections, and responses written in one piece.

use std::io::{self, BufRead, BufReader, Write as _};
use std::net::TcpStream;
use std::time::Instant;

/// The longest request head read; browsers send well under 8 KB.
const MAX_HEAD: usize = 32 * 1024;

/// A request head, as far as the preview reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Request {
    pub(super) method: String,
    pub(super) target: String,
    /// Whether the connection may carry another request after this one.
    pub(super) keep_alive: bool,
}

/// Why no request was read.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum NoRequest {
    /// The client closed the connection, or sent nothing before the deadline.
    Gone,
    /// The client sent something that is not a request head: the status to answer.
    Bad(u16),
}

/// Reads one request head, giving up at `deadline`: a client that sends nothing, or
/// a byte now and then, cannot hold its connection longer than that.
pub(super) fn read_request(
    reader: &mut BufReader<&TcpStream>,
    deadline: Instant,
) -> Result<Request, NoRequest> {
    let head = read_head(reader, deadline)?;
    parse_head(&head).ok_or(NoRequest::Bad(400))
}

fn read_head(reader: &mut BufReader<&TcpStream>, deadline: Instant) -> Result<Vec<u8>, NoRequest> {
    let mut head = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // A zero timeout would mean "wait for ever".
        if left.is_zero() || reader.get_ref().set_read_timeout(Some(left)).is_err() {
            return Err(NoRequest::Gone);
        }
        let chunk = reader.fill_buf().map_err(|_| NoRequest::Gone)?;
        if chunk.is_empty() {
            return Err(NoRequest::Gone);
        }
        let before = head.len();
        head.extend_from_slice(chunk);
        let taken = chunk.len();
        // The end may straddle two reads; what follows it is the next request's.
        let from = before.saturating_sub(3);
        if let Some(end) = head_end(&head[from..]) {
            let end = from + end;
            reader.consume(end - before);
            head.truncate(end);
            return Ok(head);
        }
        reader.consume(taken);
        if head.len() > MAX_HEAD {
            return Err(NoRequest::Bad(431));
        }
    }
}

/// Where a head ends: just after its blank line.
fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = memchr::memmem::find(bytes, b"\r\n\r\n").map(|i| i + 4);
    let lf = memchr::memmem::find(bytes, b"\n\n").map(|i| i + 2);
    crlf.into_iter().chain(lf).min()
}

fn parse_head(head: &[u8]) -> Option<Request> {
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.lines();
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || method.is_empty() || target.is_empty() {
        return None;
    }
    let mut keep_alive = version == "HTTP/1.1";
    for line in lines.take_while(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" if value.contains("close") => keep_alive = false,
            "connection" if value.contains("keep-alive") => keep_alive = true,
            // A body is never read: after one the connection's framing is unknown.
            "content-length" if value != "0" => return Some(closing(method, target)),
            "transfer-encoding" => return Some(closing(method, target)),
            _ => {}
        }
    }
    Some(Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive,
    })
}

fn closing(method: &str, target: &str) -> Request {
    Request {
        method: method.to_string(),
        target: target.to_string(),
        keep_alive: false,
    }
}

/// A response with its whole body.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) headers: Vec<(&'static str, &'static str)>,
    pub(super) body: Vec<u8>,
}

/// Writes `response` in one write (with `TCP_NODELAY`, two writes of a keep-alive
/// response would each wait for the other's acknowledgement); no body for `HEAD`.
pub(super) fn write_response(
    mut stream: &TcpStream,
    response: &Response,
    with_body: bool,
    keep_alive: bool,
) -> io::Result<()> {
    let mut out = Vec::with_capacity(256 + response.body.len());
    let reason = reason(response.status);
    write!(out, "HTTP/1.1 {} {reason}\r\n", response.status)?;
    for (name, value) in &response.headers {
        write!(out, "{name}: {value}\r\n")?;
    }
    let connection = if keep_alive { "keep-alive" } else { "close" };
    write!(
        out,
        "Content-Length: {}\r\nConnection: {connection}\r\n\r\n",
        response.body.len()
    )?;
    if with_body {
        out.extend_from_slice(&response.body);
    }
    stream.write_all(&out)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use std::net::TcpListener;
    use std::time::Duration;

    use super::*;

    /// A connected pair: what the client writes, the server reads.
    fn pair() -> (TcpStream, TcpStream) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        (client, server)
    }

    fn soon() -> Instant {
        Instant::now() + Duration::from_secs(5)
    }

    #[test]
    fn requests_are_read_one_after_another_from_one_connection() {
        let (mut client, server) = pair();
        client
            .write_all(b"GET /a.html HTTP/1.1\r\nHost: x\r\n\r\nHEAD /b HTTP/1.1\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut reader = BufReader::new(&server);
        let first = read_request(&mut reader, soon()).unwrap();
        assert_eq!(
            (first.method.as_str(), first.target.as_str()),
            ("GET", "/a.html")
        );
        assert!(first.keep_alive);
        let second = read_request(&mut reader, soon()).unwrap();
        assert_eq!(
            (second.method.as_str(), second.target.as_str()),
            ("HEAD", "/b")
        );
        assert!(!second.keep_alive);
        drop(client);
        assert_eq!(read_request(&mut reader, soon()), Err(NoRequest::Gone));
    }

    #[test]
    fn a_silent_or_dripping_client_is_given_up_at_the_deadline() {
        let (mut client, server) = pair();
        client.write_all(b"GET / HT").unwrap();
        let mut reader = BufReader::new(&server);
        let start = Instant::now();
        let deadline = start + Duration::from_millis(200);
        assert_eq!(read_request(&mut reader, deadline), Err(NoRequest::Gone));
        assert!(start.elapsed() < Duration::from_secs(5));
    }

    #[test]
    fn oversized_and_malformed_heads_are_refused() {
        let (mut client, server) = pair();
        let long = format!("GET /{} HTTP/1.1\r\n", "a".repeat(MAX_HEAD + 10));
        client.write_all(long.as_bytes()).unwrap();
        let mut reader = BufReader::new(&server);
        assert_eq!(read_request(&mut reader, soon()), Err(NoRequest::Bad(431)));
        assert_eq!(parse_head(b"GET\r\n\r\n"), None);
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nno colon\r\n\r\n"), None);
        let with_body = parse_head(b"GET / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").unwrap();
        assert!(!with_body.keep_alive);
        assert!(!parse_head(b"GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive);
    }
}
