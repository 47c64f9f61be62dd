//! Statement ids and IRI segments: name-based UUIDs (version 8, RFC 9562 appendix B.2) from a
//! SHA-256 of the attempt, so exporting twice gives the same ids, and percent-encoded ids.

use sha2::{Digest, Sha256};

use super::options::{ActorKind, DEFAULT_LANGUAGE, XapiOptions};
use crate::learning::completion::CompletionRecord;

/// Percent-encodes everything but RFC 3986's unreserved characters, so any deck or scenario
/// id makes a valid IRI path segment.
pub(super) fn encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Statement ids for one attempt.
pub(super) struct Ids<'a> {
    pub(super) r: &'a CompletionRecord,
    pub(super) opts: &'a XapiOptions,
}

impl Ids<'_> {
    pub(super) fn uuid(&self, role: &str) -> String {
        // The actor choice and language change a statement's content, so they are part of its
        // name; left out at their defaults, so ids exported before these settings existed hold.
        let mut extra = String::new();
        if self.opts.actor != ActorKind::Auto {
            extra.push_str(&format!(
                "\0actor:{}:{}",
                self.opts.actor.name(),
                self.opts.mbox_domain.as_deref().unwrap_or("")
            ));
        }
        if self.opts.language != DEFAULT_LANGUAGE {
            extra.push_str(&format!("\0language:{}", self.opts.language));
        }
        let name = [
            "smishdrill-xapi-v1",
            &self.opts.base,
            &self.opts.homepage,
            &self.r.learner,
            &self.r.started.to_string(),
            &self.r.deck,
            role,
        ];
        uuid_v8(&(name.join("\0") + &extra))
    }
}

/// A version-8 UUID from the first 128 bits of SHA-256(`name`), version and variant bits set.
pub fn uuid_v8(name: &str) -> String {
    let hash = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&hash[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
