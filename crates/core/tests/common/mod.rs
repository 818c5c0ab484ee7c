//! Shared set-up for the core's tests: a simulator on loopback, a console on a throwaway
//! data folder with its own keyring service, and a browser played by an HTTP client.
#![allow(dead_code)]

use cc_sim::{SimConfig, SimHandle};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use supervisor_core::auth::Browser;
use supervisor_core::connections::{ConnectionInput, Grant};
use supervisor_core::console::{Console, ConsoleConfig};
use supervisor_core::secrets::Keyring;

pub async fn sim(config: SimConfig) -> SimHandle {
    cc_sim::serve(config, SocketAddr::from(([127, 0, 0, 1], 0)))
        .await
        .expect("simulator starts")
}

/// A keyring service name of its own, so parallel tests never see each other's entries.
pub fn test_keyring() -> Keyring {
    Keyring::with_service(format!("supervisor-console-test-{}", uuid::Uuid::new_v4()))
}

/// How the console reaches the simulator as its built-in demo.
pub fn demo_of(sim: &SimHandle) -> supervisor_core::console::DemoContactCenter {
    use supervisor_core::secrets::Sensitive;
    supervisor_core::console::DemoContactCenter {
        api_base: sim.base_url(),
        client_id: cc_sim::DEMO_CLIENT_ID.into(),
        client_secret: Sensitive::new(cc_sim::DEMO_CLIENT_SECRET.into()),
        username: sim.supervisor().email,
        password: Sensitive::new(cc_sim::DEFAULT_DEMO_PASSWORD.into()),
    }
}

/// A service token from the simulator, for reading its state independently of the console.
pub async fn service_token(sim: &SimHandle) -> String {
    let token: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.base_url()))
        .basic_auth(cc_sim::DEMO_CLIENT_ID, Some(cc_sim::DEMO_CLIENT_SECRET))
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    token["access_token"].as_str().unwrap().to_string()
}

pub struct TestConsole {
    pub console: Arc<Console>,
    pub dir: tempfile::TempDir,
    pub keyring: Keyring,
}

impl TestConsole {
    /// Adds a person's connection to `sim` with its public PKCE client.
    pub async fn add_pkce_connection(
        &self,
        sim: &SimHandle,
    ) -> supervisor_core::console::ConnectionView {
        self.console
            .save_connection(pkce_input(&sim.base_url(), cc_sim::DEMO_PKCE_CLIENT_ID))
            .await
            .expect("connection saved")
    }
}

pub fn console_with(browser: Arc<dyn Browser>, timeout: Duration) -> TestConsole {
    let dir = tempfile::tempdir().unwrap();
    let keyring = test_keyring();
    let console = reopen(dir.path(), &keyring, browser, timeout);
    TestConsole {
        console,
        dir,
        keyring,
    }
}

pub fn reopen(
    dir: &std::path::Path,
    keyring: &Keyring,
    browser: Arc<dyn Browser>,
    timeout: Duration,
) -> Arc<Console> {
    Arc::new(
        Console::open(ConsoleConfig {
            data_dir: dir.to_owned(),
            keyring: keyring.clone(),
            browser,
            sign_in_timeout: timeout,
        })
        .expect("console opens"),
    )
}

pub fn pkce_input(base_url: &str, client_id: &str) -> ConnectionInput {
    ConnectionInput {
        id: None,
        name: "Local contact center".into(),
        region: None,
        base_url: Some(base_url.into()),
        client_id: client_id.into(),
        grant: Grant::Pkce,
        client_secret: None,
    }
}

/// Plays a person in a browser: opens the sign-in page, submits the form with these
/// credentials, and follows the redirect to the console's loopback listener.
pub struct PlayedBrowser {
    pub email: String,
    pub password: String,
    /// When set, first sends a redirect with a forged state to the listener; its answer
    /// status is recorded here.
    pub forge_state_first: bool,
    pub forged_status: Arc<Mutex<Option<u16>>>,
    pub opened: Arc<Mutex<Vec<String>>>,
}

impl PlayedBrowser {
    pub fn new(email: &str, password: &str) -> Self {
        Self {
            email: email.into(),
            password: password.into(),
            forge_state_first: false,
            forged_status: Arc::default(),
            opened: Arc::default(),
        }
    }
}

impl Browser for PlayedBrowser {
    fn open(&self, url: &str) -> supervisor_core::Result<()> {
        self.opened.lock().unwrap().push(url.to_owned());
        let url = url::Url::parse(url).unwrap();
        let email = self.email.clone();
        let password = self.password.clone();
        let forge = self.forge_state_first;
        let forged_status = self.forged_status.clone();
        tokio::spawn(async move {
            let http = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap();
            let params: HashMap<String, String> = url.query_pairs().into_owned().collect();
            if forge {
                let cb = format!("{}?code=forged&state=not-the-state", params["redirect_uri"]);
                let status = http.get(cb).send().await.unwrap().status().as_u16();
                *forged_status.lock().unwrap() = Some(status);
            }
            let page = http.get(url.clone()).send().await.unwrap();
            assert!(
                page.status().is_success(),
                "sign-in page answers {}",
                page.status()
            );
            let mut form: Vec<(String, String)> = params.into_iter().collect();
            form.push(("email".into(), email));
            form.push(("password".into(), password));
            form.push(("action".into(), "signin".into()));
            let submit = url.join("/oauth/authorize").unwrap();
            let resp = http.post(submit).form(&form).send().await.unwrap();
            let Some(location) = resp.headers().get("location") else {
                return; // a refused sign-in stays on the page, as in a real browser
            };
            let location = location.to_str().unwrap().to_owned();
            let done = http.get(location).send().await.unwrap();
            assert_eq!(
                done.status(),
                200,
                "the console's listener answers the redirect"
            );
        });
        Ok(())
    }
}

/// A console signed in to `sim` as its built-in demo, the way the app starts.
pub async fn demo_console(sim: &SimHandle) -> TestConsole {
    let t = console_with(Arc::new(IdleBrowser), Duration::from_secs(60));
    t.console
        .start(Some(demo_of(sim)))
        .await
        .unwrap()
        .expect("demo signed in");
    t
}

/// A browser nobody uses: the sign-in page is opened and left alone.
pub struct IdleBrowser;

impl Browser for IdleBrowser {
    fn open(&self, _url: &str) -> supervisor_core::Result<()> {
        Ok(())
    }
}
