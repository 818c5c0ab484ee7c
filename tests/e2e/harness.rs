//! Launches the real app in a real window: a private Xvfb display, tauri-driver (which
//! drives WebKitWebDriver) on free ports, and a throwaway profile. Nothing here skips: a
//! missing display server or driver fails the test with what to install.

use crate::webdriver::WebDriver;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const UI_WAIT: Duration = Duration::from_secs(30);

/// One app at a time: the app is single-instance (per D-Bus session), so a second launch
/// would hand over to the first and exit.
static ONE_APP_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

pub struct App {
    pub driver: WebDriver,
    pub profile: tempfile::TempDir,
    /// URLs the app asked the "system browser" to open, one per line.
    pub browser_log: PathBuf,
    /// The demo contact center inside the app.
    pub demo_base: String,
    display: String,
    children: Vec<Child>,
    _turn: tokio::sync::MutexGuard<'static, ()>,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn tauri_driver() -> PathBuf {
    if let Some(p) = std::env::var_os("TAURI_DRIVER") {
        return p.into();
    }
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME is set")).join(".cargo")
        });
    let candidate = cargo_home.join("bin/tauri-driver");
    assert!(
        candidate.exists(),
        "tauri-driver is not installed ({}); run scripts/setup.sh",
        candidate.display()
    );
    candidate
}

/// Starts Xvfb on the first free display and returns it with its number.
fn start_xvfb() -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb runs (package xvfb; run scripts/setup.sh)");
    let mut line = String::new();
    BufReader::new(xvfb.stdout.take().unwrap())
        .read_line(&mut line)
        .expect("Xvfb prints its display");
    let display = format!(":{}", line.trim());
    assert!(
        line.trim().parse::<u32>().is_ok(),
        "Xvfb did not start: {line:?}"
    );
    (xvfb, display)
}

async fn wait_until_up(url: &str, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if reqwest::get(url)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("tauri-driver exited early: {status}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("tauri-driver did not answer at {url}");
}

impl App {
    /// Launches the app binary on a fresh profile.
    pub async fn launch() -> App {
        if !cfg!(feature = "custom-protocol") {
            panic!("end-to-end tests need the built UI inside the binary: run them with --features custom-protocol");
        }
        let profile = tempfile::Builder::new()
            .prefix("sc-e2e-")
            .tempdir()
            .unwrap();
        eprintln!("e2e profile: {}", profile.path().display());
        Self::launch_on(profile).await
    }

    pub async fn launch_on(profile: tempfile::TempDir) -> App {
        Self::launch_with(profile, &[]).await
    }

    /// Launches on `profile` with extra environment for the app (e.g. the demo's size).
    pub async fn launch_with(profile: tempfile::TempDir, env: &[(&str, &str)]) -> App {
        let turn = ONE_APP_AT_A_TIME.lock().await;
        let (xvfb, display) = start_xvfb();
        let browser_log = profile.path().join("browser.log");
        let browser_script = profile.path().join("browser.sh");
        std::fs::write(
            &browser_script,
            format!("#!/bin/sh\necho \"$1\" >> '{}'\n", browser_log.display()),
        )
        .unwrap();
        make_executable(&browser_script);
        let demo_port = free_port();
        let (port, native_port) = (free_port(), free_port());
        let config = profile.path().join("config");
        let data = profile.path().join("xdg-data");
        // The driver's and the app's output, for reading when a test fails.
        let driver_log = std::fs::File::create(profile.path().join("driver.log")).unwrap();
        let driver_child = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", &display)
            .env("SUPERVISOR_CONSOLE_DATA_DIR", profile.path().join("app"))
            .env(
                "SUPERVISOR_CONSOLE_DEMO_LISTEN",
                format!("127.0.0.1:{demo_port}"),
            )
            .env("XDG_CONFIG_HOME", &config)
            .env("XDG_DATA_HOME", &data)
            .env("BROWSER", &browser_script)
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .envs(env.iter().copied())
            .stdout(driver_log.try_clone().unwrap())
            .stderr(driver_log)
            .spawn()
            .expect("tauri-driver starts");
        let mut children = vec![xvfb, driver_child];
        let driver_url = format!("http://127.0.0.1:{port}");
        wait_until_up(&format!("{driver_url}/status"), &mut children[1]).await;
        let driver = WebDriver::start(&driver_url, env!("CARGO_BIN_EXE_supervisor-console"))
            .await
            .expect("a WebDriver session opens the app");
        App {
            driver,
            profile,
            browser_log,
            demo_base: format!("http://127.0.0.1:{demo_port}"),
            display,
            children,
            _turn: turn,
        }
    }

    /// Saves a screenshot of the display as target/e2e/NAME.png, taken from the X server
    /// (WebKitWebDriver's own screenshot command never answers under Xvfb).
    pub async fn screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        // Let the last change paint before capturing.
        tokio::time::sleep(Duration::from_millis(300)).await;
        let status = Command::new("import")
            .args(["-window", "root"])
            .arg(&path)
            .env("DISPLAY", &self.display)
            .status()
            .expect("ImageMagick's import runs (package imagemagick; run scripts/setup.sh)");
        assert!(status.success(), "screenshot {name} failed: {status}");
    }

    /// Opens the control `testid` and clicks the entry among `entries` (a CSS selector)
    /// whose text is `label`.
    async fn pick(&self, testid: &str, entries: &str, label: &str) {
        let d = &self.driver;
        let control = d
            .wait_for(&format!("[data-testid={testid}]"), UI_WAIT)
            .await;
        d.click(&control).await.unwrap();
        let picked = d
            .execute(
                "const e = [...document.querySelectorAll(arguments[0])]
                    .find(e => e.textContent.trim() === arguments[1]);
                 if (e) e.click();
                 return !!e;",
                serde_json::json!([entries, label]),
            )
            .await
            .unwrap();
        assert_eq!(picked, serde_json::json!(true), "no {label:?} in {testid}");
    }

    /// Picks the Interactions list's period by its label (the list must be showing) and
    /// waits for the filter to say so.
    pub async fn choose_period(&self, label: &str) {
        self.pick("filter-period", "[role=option]", label).await;
        self.driver
            .wait_inner_text("[data-testid=filter-period]", UI_WAIT, |t| {
                t.contains(label)
            })
            .await;
    }

    /// Presses Escape where the focus is (closes an open popover or menu).
    pub async fn press_escape(&self) {
        self.driver
            .execute(
                "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));",
                serde_json::json!([]),
            )
            .await
            .unwrap();
    }

    /// Ticks `choice` in the list's filter `testid` (`filter-channel`, `filter-state`…),
    /// closes it and waits for the filter to show it.
    pub async fn choose_in_filter(&self, testid: &str, choice: &str) {
        self.pick(testid, ".filter-popover label.choice", choice)
            .await;
        self.press_escape().await;
        self.driver
            .wait_text(&format!("[data-testid={testid}]"), UI_WAIT, |t| {
                t.contains(choice)
            })
            .await;
    }

    /// The next URL the app opened in the "system browser".
    pub async fn next_browser_url(&self) -> String {
        let deadline = Instant::now() + UI_WAIT;
        loop {
            if let Ok(text) = std::fs::read_to_string(&self.browser_log) {
                if let Some(line) = text.lines().last() {
                    return line.to_owned();
                }
            }
            assert!(
                Instant::now() < deadline,
                "the app never opened the browser"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn app_dir(&self) -> PathBuf {
        self.profile.path().join("app")
    }

    pub async fn close(mut self) -> tempfile::TempDir {
        self.driver.quit().await;
        self.kill();
        std::mem::replace(&mut self.profile, tempfile::tempdir().unwrap())
    }

    fn kill(&mut self) {
        for c in self.children.iter_mut().rev() {
            let _ = c.kill();
            let _ = c.wait();
        }
        self.children.clear();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        self.kill();
        // A failing test shows what the app and the driver said, before the profile goes.
        if std::thread::panicking() {
            let log =
                std::fs::read_to_string(self.profile.path().join("driver.log")).unwrap_or_default();
            // From the first panic on, if there is one: that is what matters.
            let from = log
                .find("panicked at")
                .map_or(0, |i| log[..i].rfind('\n').map_or(0, |n| n + 1));
            let tail: Vec<&str> = log[from..].lines().take(12).collect();
            eprintln!("--- last lines of the app and driver output ---");
            for line in &tail {
                eprintln!("{line}");
            }
        }
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}
