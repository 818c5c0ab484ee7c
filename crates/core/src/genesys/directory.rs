//! The organization's queues, users and wrap-up codes: names for the Interactions list
//! and choices for its filters. Read through the standard paging envelope.

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::client::{ApiError, GenesysClient};
use super::interaction_summary::Names;
use crate::interactions::{FilterOptions, NamedRef};

/// The `*EntityListing` envelope.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Listing<T> {
    #[serde(default = "Vec::new")]
    entities: Vec<T>,
    #[serde(default)]
    page_count: Option<u32>,
}

#[derive(Debug, Deserialize)]
struct Entity {
    id: String,
    #[serde(default)]
    name: Option<String>,
}

/// Stops a runaway listing (a platform that keeps reporting more pages).
const MAX_PAGES: u32 = 200;

async fn all_pages<T: DeserializeOwned>(
    client: &GenesysClient,
    path: &str,
) -> Result<Vec<T>, ApiError> {
    let mut out = Vec::new();
    for page in 1..=MAX_PAGES {
        let number = page.to_string();
        let listing: Listing<T> = client
            .get(path, &[("pageSize", "100"), ("pageNumber", &number)])
            .await?;
        let empty = listing.entities.is_empty();
        out.extend(listing.entities);
        if empty || listing.page_count.is_none_or(|count| page >= count) {
            break;
        }
    }
    Ok(out)
}

fn named(entities: Vec<Entity>) -> Vec<NamedRef> {
    let mut refs: Vec<NamedRef> = entities
        .into_iter()
        .map(|e| NamedRef {
            name: e.name.unwrap_or_else(|| e.id.clone()),
            id: e.id,
        })
        .collect();
    refs.sort_by_key(|r| r.name.to_lowercase());
    refs
}

/// Everything an Interactions filter can name, sorted by name.
pub async fn filter_options(client: &GenesysClient) -> Result<FilterOptions, ApiError> {
    Ok(FilterOptions {
        queues: named(all_pages(client, "/api/v2/routing/queues").await?),
        agents: named(all_pages(client, "/api/v2/users").await?),
        wrap_up_codes: named(all_pages(client, "/api/v2/routing/wrapupcodes").await?),
    })
}

/// Names by id, for the list's columns.
pub fn names_of(options: &FilterOptions) -> Names {
    let map = |refs: &[NamedRef]| {
        refs.iter()
            .map(|r| (r.id.clone(), r.name.clone()))
            .collect()
    };
    Names {
        queues: map(&options.queues),
        wrap_up_codes: map(&options.wrap_up_codes),
    }
}
