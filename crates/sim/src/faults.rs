//! Faults on demand, so clients' retry, backoff and error paths can be tested: added
//! latency, a random 503 rate and bursts of 429s. They apply to `/api/v2` requests only;
//! the login endpoints and the `/sim` control surface stay reliable so a test can always
//! sign in and switch faults off again.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::app::AppState;
use crate::error::{ApiError, Limit};

/// What to break. The default breaks nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Faults {
    /// Added before every `/api/v2` request is handled.
    pub latency: Duration,
    /// Fraction (0.0 to 1.0) of `/api/v2` requests answered 503.
    pub error_rate: f64,
    /// The next this many `/api/v2` requests are answered 429 (counted down as they come).
    pub burst_429: u32,
    /// The `Retry-After` header, in seconds, sent with those 429s.
    pub retry_after_secs: u32,
}

/// The JSON form of [`Faults`] for `PUT /sim/v1/faults`; missing fields mean "none".
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct FaultsJson {
    pub latency_ms: u64,
    pub error_rate: f64,
    pub burst429: u32,
    pub retry_after_secs: u32,
}

impl FaultsJson {
    pub fn into_faults(self) -> Result<Faults, ApiError> {
        if !(0.0..=1.0).contains(&self.error_rate) {
            return Err(ApiError::bad_request(
                "errorRate must be between 0.0 and 1.0",
            ));
        }
        Ok(Faults {
            latency: Duration::from_millis(self.latency_ms),
            error_rate: self.error_rate,
            burst_429: self.burst429,
            retry_after_secs: self.retry_after_secs,
        })
    }

    pub fn from_faults(f: &Faults) -> Self {
        FaultsJson {
            latency_ms: f.latency.as_millis() as u64,
            error_rate: f.error_rate,
            burst429: f.burst_429,
            retry_after_secs: f.retry_after_secs,
        }
    }
}

/// The live fault settings plus the rng that decides which requests fail; the rng is
/// seeded so a run with the same seed fails the same requests.
pub struct FaultState {
    faults: Mutex<Faults>,
    rng: Mutex<StdRng>,
}

enum Verdict {
    Pass,
    RateLimited(u32),
    Unavailable,
}

impl FaultState {
    pub fn new(seed: u64) -> Self {
        FaultState {
            faults: Mutex::new(Faults::default()),
            rng: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }

    pub fn set(&self, faults: Faults) {
        *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    pub fn get(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Decides this request's fate, counting down the 429 burst.
    fn judge(&self) -> (Duration, Verdict) {
        let mut faults = self.faults.lock().unwrap_or_else(|p| p.into_inner());
        let verdict = if faults.burst_429 > 0 {
            faults.burst_429 -= 1;
            Verdict::RateLimited(faults.retry_after_secs)
        } else if faults.error_rate > 0.0 {
            let roll: f64 = self.rng.lock().unwrap_or_else(|p| p.into_inner()).random();
            if roll < faults.error_rate {
                Verdict::Unavailable
            } else {
                Verdict::Pass
            }
        } else {
            Verdict::Pass
        };
        (faults.latency, verdict)
    }
}

/// Middleware applying the faults to `/api/v2` requests.
pub async fn inject(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/v2/") {
        return next.run(request).await;
    }
    let (latency, verdict) = state.faults.judge();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match verdict {
        Verdict::Pass => next.run(request).await,
        Verdict::RateLimited(retry_after) => ApiError::rate_limited(
            Limit {
                key: "token.rate.per.minute".to_string(),
                namespace: "platform.api".to_string(),
                value: 300,
            },
            retry_after,
        )
        .into_response(),
        Verdict::Unavailable => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "service.unavailable",
            "The service is currently unavailable. Please try again later.",
        )
        .into_response(),
    }
}
