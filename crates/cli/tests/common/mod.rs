//! What the command-line tests' local HTTP servers share.

use std::io::Read;

/// The head of the HTTP request on `stream` (request line and headers, up
/// to the blank line), read a byte at a time so that the body stays
/// unread; `None` if the client went away first.
pub fn request_head(stream: &mut impl Read) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).unwrap_or(0) == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    Some(String::from_utf8_lossy(&head).to_string())
}
