//! The common `*EntityListing` envelope: `entities, pageSize, pageNumber, total, pageCount`
//! and the `firstUri/selfUri/nextUri/previousUri/lastUri` links. Links are relative paths
//! as the real API writes them; `nextUri`/`previousUri` are left out where there is none.

use serde_json::{json, Map, Value};

use crate::error::ApiError;
use crate::query::QueryParams;

#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub number: u32,
    pub size: u32,
}

impl PageRequest {
    /// Reads `pageNumber` (default 1) and `pageSize` (default 25, at most `max_size`).
    pub fn from_query(q: &QueryParams, max_size: u32) -> Result<Self, ApiError> {
        let size = q.u32_or("pageSize", 25)?;
        let number = q.u32_or("pageNumber", 1)?;
        if size == 0 || size > max_size {
            return Err(ApiError::bad_request(format!(
                "pageSize must be between 1 and {max_size}"
            )));
        }
        if number == 0 {
            return Err(ApiError::bad_request("pageNumber must be 1 or more"));
        }
        Ok(PageRequest { number, size })
    }

    /// This page's share of `items`.
    pub fn slice<T>(&self, items: Vec<T>) -> Vec<T> {
        let skip = (self.number as usize - 1).saturating_mul(self.size as usize);
        items
            .into_iter()
            .skip(skip)
            .take(self.size as usize)
            .collect()
    }
}

/// Builds the listing for one page of `total` items at `path`, carrying the request's
/// other query parameters into every link.
pub fn envelope(
    entities: Vec<Value>,
    total: usize,
    page: PageRequest,
    path: &str,
    q: &QueryParams,
) -> Value {
    let page_count = total.div_ceil(page.size as usize) as u32;
    let extra = q.others(&["pageSize", "pageNumber"]);
    let uri = |number: u32| {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.append_pair("pageSize", &page.size.to_string());
        s.append_pair("pageNumber", &number.to_string());
        for (k, v) in &extra {
            s.append_pair(k, v);
        }
        format!("{path}?{}", s.finish())
    };
    let mut listing = Map::new();
    listing.insert("entities".into(), Value::Array(entities));
    listing.insert("pageSize".into(), json!(page.size));
    listing.insert("pageNumber".into(), json!(page.number));
    listing.insert("total".into(), json!(total));
    listing.insert("firstUri".into(), json!(uri(1)));
    listing.insert("selfUri".into(), json!(uri(page.number)));
    if page.number < page_count {
        listing.insert("nextUri".into(), json!(uri(page.number + 1)));
    }
    if page.number > 1 {
        listing.insert("previousUri".into(), json!(uri(page.number - 1)));
    }
    listing.insert("lastUri".into(), json!(uri(page_count.max(1))));
    listing.insert("pageCount".into(), json!(page_count));
    Value::Object(listing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_page_links_both_ways() {
        let q = QueryParams::parse("pageSize=5&pageNumber=2&state=active");
        let page = PageRequest::from_query(&q, 500).unwrap();
        let v = envelope(vec![], 15, page, "/api/v2/users", &q);
        assert_eq!(v["pageCount"], 3);
        assert_eq!(
            v["nextUri"],
            "/api/v2/users?pageSize=5&pageNumber=3&state=active"
        );
        assert_eq!(
            v["previousUri"],
            "/api/v2/users?pageSize=5&pageNumber=1&state=active"
        );
        assert_eq!(
            v["lastUri"],
            "/api/v2/users?pageSize=5&pageNumber=3&state=active"
        );
    }

    #[test]
    fn last_page_has_no_next() {
        let q = QueryParams::parse("pageSize=10&pageNumber=2");
        let page = PageRequest::from_query(&q, 500).unwrap();
        let v = envelope(vec![], 15, page, "/api/v2/users", &q);
        assert!(v.get("nextUri").is_none(), "no nextUri on the last page");
        assert_eq!(page.slice((0..15).collect()), (10..15).collect::<Vec<_>>());
    }
}
