//! Signing in: PKCE through the system browser with a loopback redirect.

pub mod loopback;
pub mod pkce;

use crate::error::{Error, Result};

/// Opens a URL in the person's browser. The app uses the system browser; tests play the
/// browser themselves.
pub trait Browser: Send + Sync {
    fn open(&self, url: &str) -> Result<()>;
}

/// The system's default browser (honours `$BROWSER` on Linux).
pub struct SystemBrowser;

impl Browser for SystemBrowser {
    fn open(&self, url: &str) -> Result<()> {
        webbrowser::open(url)
            .map_err(|e| Error::internal(format!("Could not open the web browser: {e}")))
    }
}
