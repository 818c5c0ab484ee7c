//! PKCE (RFC 7636, S256) and the `state` value that ties a browser redirect to our request.

use crate::secrets::Sensitive;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

const VERIFIER_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// A fresh code verifier: 64 characters from the unreserved set (RFC 7636 allows 43–128).
pub fn new_verifier() -> Sensitive<String> {
    let mut rng = rand::rng();
    Sensitive::new(
        (0..64)
            .map(|_| VERIFIER_CHARS[rng.random_range(0..VERIFIER_CHARS.len())] as char)
            .collect(),
    )
}

/// `base64url(sha256(verifier))` without padding.
pub fn challenge(verifier: &Sensitive<String>) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose().as_bytes()))
}

/// An unguessable `state` (128 bits).
pub fn new_state() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_the_rfc_7636_example() {
        let v = Sensitive::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".to_string());
        assert_eq!(challenge(&v), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn verifiers_are_long_random_and_unreserved() {
        let a = new_verifier();
        let b = new_verifier();
        assert_ne!(a.expose(), b.expose());
        assert_eq!(a.expose().len(), 64);
        assert!(a.expose().bytes().all(|c| VERIFIER_CHARS.contains(&c)));
        assert_ne!(new_state(), new_state());
    }
}
