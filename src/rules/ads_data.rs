//! The list of advertising networks GOV401 knows, kept as data in `schemas/ad-hosts.yaml`
//! (embedded at build time) so it can be maintained without touching code.

use std::sync::LazyLock;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AdHosts {
    networks: Vec<Network>,
}

/// One advertising or affiliate network and the hosts it serves from.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub name: String,
    pub hosts: Vec<String>,
}

static NETWORKS: LazyLock<Vec<Network>> = LazyLock::new(|| {
    // The file is part of the binary and a unit test parses it, so this cannot fail for
    // users; an empty list is the safe fallback all the same.
    serde_yaml::from_str::<AdHosts>(include_str!("../../schemas/ad-hosts.yaml"))
        .map(|list| list.networks)
        .unwrap_or_default()
});

/// The network serving `host` (lowercase), matching the listed host and its subdomains.
pub fn network_of(host: &str) -> Option<&'static str> {
    NETWORKS.iter().find_map(|network| {
        network
            .hosts
            .iter()
            .any(|listed| {
                host == listed
                    || host
                        .strip_suffix(listed.as_str())
                        .is_some_and(|prefix| prefix.ends_with('.'))
            })
            .then_some(network.name.as_str())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_parses_and_is_lowercase() {
        let list: AdHosts =
            serde_yaml::from_str(include_str!("../../schemas/ad-hosts.yaml")).unwrap();
        assert!(list.networks.len() >= 8);
        for network in &list.networks {
            for host in &network.hosts {
                assert_eq!(host, &host.to_ascii_lowercase());
                assert!(!host.contains('/'), "{host}");
            }
        }
    }

    #[test]
    fn matches_hosts_and_subdomains_only() {
        assert!(network_of("pagead2.googlesyndication.com").is_some());
        assert!(network_of("pos.baidu.com").is_some());
        assert!(network_of("wn.pos.baidu.com").is_some());
        assert!(network_of("hm.baidu.com").is_none());
        assert!(network_of("www.baidu.com").is_none());
        assert!(network_of("notdoubleclick.net").is_none());
        assert!(network_of("www.gov.cn").is_none());
    }
}
