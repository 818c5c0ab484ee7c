//! Genesys Cloud regions, as the official SDK lists them (`PureCloudRegionHosts`).

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub id: &'static str,
    pub label: &'static str,
    pub api_base: &'static str,
}

const fn region(id: &'static str, label: &'static str, api_base: &'static str) -> Region {
    Region {
        id,
        label,
        api_base,
    }
}

pub const REGIONS: &[Region] = &[
    region(
        "us_east_1",
        "Americas (US East)",
        "https://api.mypurecloud.com",
    ),
    region(
        "us_east_2",
        "Americas (US East 2, FedRAMP)",
        "https://api.use2.us-gov-pure.cloud",
    ),
    region(
        "us_west_2",
        "Americas (US West)",
        "https://api.usw2.pure.cloud",
    ),
    region(
        "ca_central_1",
        "Americas (Canada)",
        "https://api.cac1.pure.cloud",
    ),
    region(
        "sa_east_1",
        "Americas (São Paulo)",
        "https://api.sae1.pure.cloud",
    ),
    region(
        "mx_central_1",
        "Americas (Mexico)",
        "https://api.mxc1.pure.cloud",
    ),
    region("eu_west_1", "EMEA (Dublin)", "https://api.mypurecloud.ie"),
    region("eu_west_2", "EMEA (London)", "https://api.euw2.pure.cloud"),
    region(
        "eu_central_1",
        "EMEA (Frankfurt)",
        "https://api.mypurecloud.de",
    ),
    region(
        "eu_central_2",
        "EMEA (Zurich)",
        "https://api.euc2.pure.cloud",
    ),
    region(
        "eusc_de_east_1",
        "EMEA (EU Sovereign Cloud)",
        "https://api.edee1.eusc-pure.cloud",
    ),
    region("me_central_1", "EMEA (UAE)", "https://api.mec1.pure.cloud"),
    region(
        "ap_south_1",
        "Asia Pacific (Mumbai)",
        "https://api.aps1.pure.cloud",
    ),
    region(
        "ap_southeast_1",
        "Asia Pacific (Jakarta)",
        "https://api.apse1.pure.cloud",
    ),
    region(
        "ap_southeast_2",
        "Asia Pacific (Sydney)",
        "https://api.mypurecloud.com.au",
    ),
    region(
        "ap_northeast_1",
        "Asia Pacific (Tokyo)",
        "https://api.mypurecloud.jp",
    ),
    region(
        "ap_northeast_2",
        "Asia Pacific (Seoul)",
        "https://api.apne2.pure.cloud",
    ),
    region(
        "ap_northeast_3",
        "Asia Pacific (Osaka)",
        "https://api.apne3.pure.cloud",
    ),
];

pub fn find(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.id == id)
}

/// The login host the SDKs derive from an API base: `//api.` becomes `//login.`; a base
/// without `//api.` (a simulator on loopback) serves login itself.
pub fn login_base(api_base: &str) -> String {
    api_base.replacen("//api.", "//login.", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_host_follows_the_sdk_rule() {
        assert_eq!(
            login_base("https://api.mypurecloud.ie"),
            "https://login.mypurecloud.ie"
        );
        assert_eq!(login_base("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }

    #[test]
    fn region_ids_are_unique_and_bases_are_https() {
        let mut ids: Vec<_> = REGIONS.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), REGIONS.len());
        assert!(REGIONS
            .iter()
            .all(|r| r.api_base.starts_with("https://api.")));
        assert_eq!(
            find("eu_west_1").unwrap().api_base,
            "https://api.mypurecloud.ie"
        );
    }
}
