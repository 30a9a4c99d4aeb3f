//! The Content-Security-Policy of every page (`site.csp` in templates): the browser loads
//! resources only from the site, the mandated conac and 找错 hosts and `allow_hosts`, and
//! runs no inline script — enforcing at view time what GOV402 and GOV404 check at build
//! time. Inline styles stay allowed: the conac and 找错 badges write them.

use crate::config::Config;
use crate::rules::urls;

/// The policy for a `<meta http-equiv="Content-Security-Policy">` tag.
pub fn policy(config: &Config) -> String {
    let mut hosts: Vec<String> = urls::allowed_hosts(config).into_iter().collect();
    hosts.sort();
    // The site's own hosts are 'self' when it is served from its domain; listing them
    // also covers previews served from elsewhere that use absolute URLs.
    let sources = format!("'self' {}", hosts.join(" "));
    [
        format!("default-src {sources}"),
        format!("script-src {sources}"),
        format!("style-src {sources} 'unsafe-inline'"),
        format!("img-src {sources} data:"),
        format!("font-src {sources} data:"),
        "object-src 'none'".to_string(),
        "base-uri 'self'".to_string(),
        format!("form-action {sources}"),
    ]
    .join("; ")
}
