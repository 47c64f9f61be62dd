//! Short links: an address whose own domain can be read but which only forwards you on, so
//! where it leads cannot be read from the text. Two tables: well-known shortening services,
//! and the shape of a short link (a short name with one random-looking code as its path).

use super::links::Link;

/// Hosts of public link-shortening services (registrable domains).
pub const HOSTS: &[&str] = &[
    "bit.ly",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "buff.ly",
    "rebrand.ly",
    "cutt.ly",
    "shorturl.at",
    "tiny.cc",
    "rb.gy",
    "t.ly",
    "s.id",
    "bl.ink",
    "short.io",
    "v.gd",
    "lnkd.in",
    "shorte.st",
    "tiny.one",
    "urlz.fr",
    "qr.ae",
    "x.gd",
    "surl.li",
    "u.to",
];

/// The longest first label of a host that looks like a short-link service by its shape.
const SHAPE_MAX_NAME: usize = 5;

/// Why this link is a short link, or `None`.
pub fn is_short(link: &Link) -> bool {
    if HOSTS.contains(&link.registrable.as_str()) {
        return true;
    }
    // Shape: `abcd.cc/Xy12Z`: no subdomain, a name of at most five letters, and one path
    // segment of 4 to 10 letters and digits with at least one digit or capital.
    let name = link.registrable.split('.').next().unwrap_or("");
    let code = link.path.strip_prefix('/').unwrap_or("");
    link.prefix.is_empty()
        && name.len() <= SHAPE_MAX_NAME
        && (4..=10).contains(&code.len())
        && code.chars().all(|c| c.is_ascii_alphanumeric())
        && code.chars().any(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}
