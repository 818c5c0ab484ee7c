//! Query strings the way Genesys reads them: lists arrive comma-joined and percent-encoded
//! (the Python SDK sends `expand=presence%2CroutingStatus`), so values are split on `,`
//! only after URL-decoding; repeated parameters are accepted as well.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use crate::error::ApiError;

#[derive(Debug, Clone, Default)]
pub struct QueryParams(Vec<(String, String)>);

impl<S: Send + Sync> FromRequestParts<S> for QueryParams {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(QueryParams::parse(parts.uri.query().unwrap_or("")))
    }
}

impl QueryParams {
    pub fn parse(query: &str) -> Self {
        QueryParams(
            url::form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The first value of `name`, if given and not empty.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `name`, comma lists split, blanks dropped.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| v.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Whether the comma list `name` holds `value`, ignoring case (`routingStatus` and
    /// `routingstatus` both appear in Genesys' own docs).
    pub fn list_has(&self, name: &str, value: &str) -> bool {
        self.list(name)
            .iter()
            .any(|v| v.eq_ignore_ascii_case(value))
    }

    pub fn u32_or(&self, name: &str, default: u32) -> Result<u32, ApiError> {
        match self.first(name) {
            None => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| ApiError::bad_request(format!("{name} must be a whole number"))),
        }
    }

    pub fn bool_or(&self, name: &str, default: bool) -> Result<bool, ApiError> {
        match self.first(name) {
            None => Ok(default),
            Some(v) if v.eq_ignore_ascii_case("true") => Ok(true),
            Some(v) if v.eq_ignore_ascii_case("false") => Ok(false),
            Some(_) => Err(ApiError::bad_request(format!(
                "{name} must be true or false"
            ))),
        }
    }

    /// The parameters other than `excluded`, in the order given, for building paging URIs.
    pub fn others(&self, excluded: &[&str]) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| !excluded.contains(&k.as_str()))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_lists_are_split_after_decoding() {
        let q = QueryParams::parse("expand=presence%2CroutingStatus&expand=authorization");
        assert_eq!(
            q.list("expand"),
            ["presence", "routingStatus", "authorization"]
        );
        assert!(q.list_has("expand", "routingstatus"));
    }

    #[test]
    fn bad_numbers_are_rejected() {
        let q = QueryParams::parse("pageSize=ten");
        assert!(q.u32_or("pageSize", 25).is_err());
        assert_eq!(q.u32_or("pageNumber", 1).unwrap(), 1);
    }
}
