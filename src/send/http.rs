//! The one place smishdrill opens an outgoing connection: POSTs to the configured LRS.
//!
//! ureq with rustls: blocking (a `send` is one short job, no runtime needed), TLS without the
//! system's OpenSSL, and nothing the user has to set up. Proxies from the environment are
//! switched off and redirects are not followed, so the statements and the credentials go to
//! the configured endpoint and nowhere else.

use std::io::Read;
use std::time::Duration;

use super::deliver::{NetError, Reply, Transport};

/// How much of an answer's body is kept (for a 400's reason).
const BODY_LIMIT: u64 = 8 * 1024;

pub struct Http {
    agent: ureq::Agent,
    url: String,
    authorization: String,
}

impl Http {
    /// A client for `<endpoint>statements` (the endpoint ends in `/`) with Basic credentials.
    pub fn new(endpoint: &str, key: &str, secret: &str) -> Http {
        let config = ureq::Agent::config_builder()
            .proxy(None)
            .max_redirects(0)
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(Duration::from_secs(60)))
            .user_agent(concat!("smishdrill/", env!("CARGO_PKG_VERSION")))
            .build();
        Http {
            agent: config.into(),
            url: format!("{endpoint}statements"),
            authorization: format!("Basic {}", base64(format!("{key}:{secret}").as_bytes())),
        }
    }

    /// `GET <endpoint>statements?<query>` (say `statementId=…`): status and body. For tests
    /// that read statements back; `send` itself only POSTs.
    pub fn get(&self, query: &str) -> Result<(u16, String), String> {
        let url = format!("{}?{query}", self.url);
        let mut response = self
            .agent
            .get(&url)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Authorization", &self.authorization)
            .call()
            .map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().map_err(|e| e.to_string())?;
        Ok((status, body))
    }
}

impl Transport for Http {
    fn post(&mut self, body: &str) -> Result<Reply, NetError> {
        let result = self
            .agent
            .post(&self.url)
            .header("X-Experience-API-Version", "1.0.3")
            .header("Content-Type", "application/json")
            .header("Authorization", &self.authorization)
            .send(body);
        let mut response = result.map_err(net_error)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let mut bytes = Vec::new();
        let _ = response.body_mut().as_reader().take(BODY_LIMIT).read_to_end(&mut bytes);
        Ok(Reply { status, retry_after, body: String::from_utf8_lossy(&bytes).into_owned() })
    }
}

fn net_error(e: ureq::Error) -> NetError {
    let transient = matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
            | ureq::Error::Protocol(_)
    );
    let message = match &e {
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
            "the LRS answered with a redirect; give its final address as `endpoint`".to_string()
        }
        other => format!("cannot reach the LRS: {other}"),
    };
    NetError { message, transient }
}

/// Standard base64 (RFC 4648, with padding), for the Basic `Authorization` header.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }
}
