//! The limits that keep one client from hurting the class: window sizes, input rate,
//! connections and failed logins per address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The smallest window drawn: a 0×0 pty is drawn as this (the trainer says it is too small).
pub const MIN_SIZE: (u16, u16) = (20, 10);
/// The largest window drawn: bigger asks would only cost memory and bandwidth.
pub const MAX_SIZE: (u16, u16) = (500, 200);

/// A window size from the peer (any `u32`) as columns and rows the server will draw.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    let clamp = |v: u32, lo: u16, hi: u16| v.clamp(u32::from(lo), u32::from(hi)) as u16;
    (clamp(cols, MIN_SIZE.0, MAX_SIZE.0), clamp(rows, MIN_SIZE.1, MAX_SIZE.1))
}

/// A token bucket: `rate` a second, at most `burst` at once.
#[derive(Debug)]
pub struct Bucket {
    tokens: f64,
    rate: f64,
    burst: f64,
    last: Instant,
}

impl Bucket {
    pub fn new(rate: f64, burst: f64) -> Bucket {
        Bucket { tokens: burst, rate, burst, last: Instant::now() }
    }

    /// Takes one token if there is one (at `now`).
    pub fn take_at(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    pub fn take(&mut self) -> bool {
        self.take_at(Instant::now())
    }
}

/// Keys (and resizes) a learner may send a second, and at once: far above typing speed, far
/// below what a script can send.
pub const INPUT_RATE: (f64, f64) = (40.0, 120.0);

/// What is allowed per address.
#[derive(Clone, Copy, Debug)]
pub struct AddressRules {
    /// New connections in any minute.
    pub connections_per_minute: usize,
    /// Failed class codes in any ten minutes; then the address is refused until they age out.
    pub failures_per_10_minutes: usize,
}

impl Default for AddressRules {
    fn default() -> Self {
        // A classroom behind one NAT address connects all at once: generous, but finite.
        AddressRules { connections_per_minute: 60, failures_per_10_minutes: 20 }
    }
}

/// The most addresses remembered; past it the oldest are forgotten (a flood of addresses
/// cannot grow the table without bound).
const MAX_ADDRESSES: usize = 4096;

#[derive(Debug, Default)]
struct Seen {
    connections: Vec<Instant>,
    failures: Vec<Instant>,
}

/// Counts connections and failed logins per address.
#[derive(Debug, Default)]
pub struct AddressLimiter {
    rules: AddressRules,
    seen: Mutex<HashMap<IpAddr, Seen>>,
}

impl AddressLimiter {
    pub fn new(rules: AddressRules) -> AddressLimiter {
        AddressLimiter { rules, seen: Mutex::default() }
    }

    /// A new connection from `ip` at `now`: whether it may go on (counted either way).
    pub fn connect_at(&self, ip: IpAddr, now: Instant) -> bool {
        let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        forget_old(&mut seen, now);
        let entry = seen.entry(ip).or_default();
        entry.connections.retain(|t| now.saturating_duration_since(*t) < Duration::from_secs(60));
        entry.connections.push(now);
        entry.connections.len() <= self.rules.connections_per_minute && !blocked(entry, self.rules, now)
    }

    /// A wrong class code from `ip`.
    pub fn failed_at(&self, ip: IpAddr, now: Instant) {
        let mut seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let entry = seen.entry(ip).or_default();
        entry.failures.push(now);
        let keep = self.rules.failures_per_10_minutes + 1;
        if entry.failures.len() > keep {
            entry.failures.drain(..entry.failures.len() - keep);
        }
    }

    /// Whether `ip` has failed too often lately to try again.
    pub fn blocked_at(&self, ip: IpAddr, now: Instant) -> bool {
        let seen = self.seen.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        seen.get(&ip).is_some_and(|e| blocked(e, self.rules, now))
    }

    pub fn connect(&self, ip: IpAddr) -> bool {
        self.connect_at(ip, Instant::now())
    }
    pub fn failed(&self, ip: IpAddr) {
        self.failed_at(ip, Instant::now());
    }
    pub fn blocked(&self, ip: IpAddr) -> bool {
        self.blocked_at(ip, Instant::now())
    }
}

fn blocked(entry: &Seen, rules: AddressRules, now: Instant) -> bool {
    let recent = entry.failures.iter().filter(|t| now.saturating_duration_since(**t) < Duration::from_secs(600));
    recent.count() >= rules.failures_per_10_minutes
}

fn forget_old(seen: &mut HashMap<IpAddr, Seen>, now: Instant) {
    if seen.len() < MAX_ADDRESSES {
        return;
    }
    let stale = |s: &Seen| {
        s.connections.iter().chain(&s.failures).all(|t| now.saturating_duration_since(*t) >= Duration::from_secs(600))
    };
    seen.retain(|_, s| !stale(s));
    if seen.len() >= MAX_ADDRESSES {
        // Still full of recent addresses: forget an arbitrary half rather than grow.
        let drop: Vec<IpAddr> = seen.keys().take(MAX_ADDRESSES / 2).copied().collect();
        for ip in drop {
            seen.remove(&ip);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_sizes_are_clamped() {
        assert_eq!(clamp_size(0, 0), MIN_SIZE);
        assert_eq!(clamp_size(65535, 65535), MAX_SIZE);
        assert_eq!(clamp_size(u32::MAX, 1), (500, 10));
        assert_eq!(clamp_size(80, 24), (80, 24));
    }

    #[test]
    fn the_bucket_allows_a_burst_then_the_rate() {
        let start = Instant::now();
        let mut b = Bucket::new(10.0, 3.0);
        b.last = start;
        assert!((0..3).all(|_| b.take_at(start)));
        assert!(!b.take_at(start), "the burst is spent");
        assert!(b.take_at(start + Duration::from_millis(100)), "one token a tenth of a second later");
        assert!(!b.take_at(start + Duration::from_millis(110)));
    }

    #[test]
    fn connections_and_failures_are_limited_per_address() {
        let rules = AddressRules { connections_per_minute: 3, failures_per_10_minutes: 2 };
        let limiter = AddressLimiter::new(rules);
        let (a, b): (IpAddr, IpAddr) = ("127.0.0.1".parse().unwrap(), "127.0.0.2".parse().unwrap());
        let t = Instant::now();
        assert!((0..3).all(|_| limiter.connect_at(a, t)));
        assert!(!limiter.connect_at(a, t), "the fourth in a minute is refused");
        assert!(limiter.connect_at(b, t), "another address is not affected");
        assert!(limiter.connect_at(a, t + Duration::from_secs(61)), "a minute later it may connect again");
        limiter.failed_at(b, t);
        assert!(!limiter.blocked_at(b, t));
        limiter.failed_at(b, t);
        assert!(limiter.blocked_at(b, t), "two wrong codes: blocked");
        assert!(!limiter.connect_at(b, t + Duration::from_secs(62)), "and its new connections are refused");
        assert!(!limiter.blocked_at(b, t + Duration::from_secs(601)), "until they age out");
    }

    #[test]
    fn the_table_of_addresses_stays_bounded() {
        let limiter = AddressLimiter::new(AddressRules::default());
        let t = Instant::now();
        for i in 0..(MAX_ADDRESSES as u32 * 2) {
            limiter.connect_at(IpAddr::from(i.to_be_bytes()), t);
        }
        assert!(limiter.seen.lock().unwrap().len() <= MAX_ADDRESSES);
    }
}
