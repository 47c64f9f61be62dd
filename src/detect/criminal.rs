//! The domains in `assets/reference/known-criminal-domains.txt`: real campaign domains named
//! in public reports. The scenario checker keeps them out of scenarios; inspect names them
//! when a received text holds one.

/// The list, lowercase, without comments.
pub fn list() -> &'static [&'static str] {
    static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../assets/reference/known-criminal-domains.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// The listed domain that an ASCII host is, or is under.
pub fn listed(host: &str) -> Option<&'static str> {
    list().iter().copied().find(|d| {
        host.eq_ignore_ascii_case(d) || host.len() > d.len() && host.to_ascii_lowercase().ends_with(&format!(".{d}"))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn listed_domains_and_their_subdomains_are_found() {
        assert_eq!(super::listed("sunpass.com-8if5.sbs"), Some("sunpass.com-8if5.sbs"));
        assert_eq!(super::listed("www.nytollservices.com"), Some("nytollservices.com"));
        assert_eq!(super::listed("sunpass.com"), None);
    }
}
