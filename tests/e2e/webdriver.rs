//! A small W3C WebDriver client over HTTP: just the calls these tests make.

use serde_json::{json, Value};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct WebDriver {
    http: reqwest::Client,
    base: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Element {
    /// The WebDriver reference, to pass the element to a script.
    pub fn id(&self) -> &str {
        &self.0
    }
}

impl WebDriver {
    /// Opens a session that launches `application` (tauri-driver's capability).
    pub async fn start(driver_url: &str, application: &str) -> Result<Self, String> {
        let http = reqwest::Client::new();
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": application}}}});
        let resp: Value = http
            .post(format!("{driver_url}/session"))
            .json(&caps)
            .send()
            .await
            .map_err(|e| e.to_string())?
            .json()
            .await
            .map_err(|e| e.to_string())?;
        let id = resp["value"]["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session: {resp}"))?
            .to_owned();
        Ok(Self {
            http,
            base: format!("{driver_url}/session/{id}"),
        })
    }

    async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.map_err(|e| e.to_string())?;
        let status = resp.status();
        let v: Value = resp.json().await.map_err(|e| e.to_string())?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {}", v["value"]));
        }
        Ok(v["value"].clone())
    }

    pub async fn find(&self, css: &str) -> Result<Element, String> {
        let v = self
            .call(
                reqwest::Method::POST,
                "/element",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await?;
        Ok(Element(
            v[ELEMENT_KEY].as_str().ok_or("no element id")?.to_owned(),
        ))
    }

    /// Waits for an element to appear; panics with the selector when it never does.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Element {
        let deadline = Instant::now() + timeout;
        loop {
            match self.find(css).await {
                Ok(e) => return e,
                Err(err) if Instant::now() > deadline => panic!("`{css}` never appeared: {err}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    /// Waits until the element's text satisfies `pred`; returns the text.
    pub async fn wait_text(
        &self,
        css: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        loop {
            if let Ok(e) = self.find(css).await {
                if let Ok(t) = self.text(&e).await {
                    if pred(&t) {
                        return t;
                    }
                    last = t;
                }
            }
            if Instant::now() > deadline {
                panic!("`{css}` text never matched; last text: {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Like [`WebDriver::wait_text`], reading the page's own `innerText`: WebKitWebDriver
    /// answers an empty text for some elements (a menu trigger) that a person sees.
    pub async fn wait_inner_text(
        &self,
        css: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = String::new();
        loop {
            let v = self
                .execute(
                    "return document.querySelector(arguments[0])?.innerText ?? null;",
                    json!([css]),
                )
                .await;
            if let Ok(Value::String(t)) = v {
                if pred(t.trim()) {
                    return t.trim().to_owned();
                }
                last = t;
            }
            if Instant::now() > deadline {
                panic!("`{css}` text never matched; last text: {last:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, e: &Element) -> Result<(), String> {
        self.call(
            reqwest::Method::POST,
            &format!("/element/{}/click", e.0),
            Some(json!({})),
        )
        .await
        .map(|_| ())
    }

    pub async fn type_text(&self, e: &Element, text: &str) -> Result<(), String> {
        self.call(
            reqwest::Method::POST,
            &format!("/element/{}/value", e.0),
            Some(json!({"text": text})),
        )
        .await
        .map(|_| ())
    }

    pub async fn text(&self, e: &Element) -> Result<String, String> {
        let v = self
            .call(
                reqwest::Method::GET,
                &format!("/element/{}/text", e.0),
                None,
            )
            .await?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    pub async fn attribute(&self, e: &Element, name: &str) -> Result<Option<String>, String> {
        let v = self
            .call(
                reqwest::Method::GET,
                &format!("/element/{}/attribute/{name}", e.0),
                None,
            )
            .await?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// Runs `script` (a function body; `arguments` holds `args`) in the page and returns
    /// its value.
    pub async fn execute(&self, script: &str, args: Value) -> Result<Value, String> {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    /// Sends keys to whatever has the focus, as a person typing (WebDriver key codes, e.g.
    /// "\u{E015}" for arrow down, "\u{E007}" for Enter).
    pub async fn keys(&self, e: &Element, keys: &str) -> Result<(), String> {
        self.type_text(e, keys).await
    }

    /// Where an element's top-left corner is in the viewport (CSS pixels).
    async fn corner(&self, e: &Element) -> Result<(f64, f64), String> {
        let r = self
            .execute(
                "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top];",
                json!([{ELEMENT_KEY: e.0}]),
            )
            .await?;
        Ok((r[0].as_f64().unwrap_or(0.0), r[1].as_f64().unwrap_or(0.0)))
    }

    /// A mouse press at the first point, moves through the others, and a release at the
    /// last: real (trusted) pointer events. Points are CSS pixels from the element's
    /// top-left corner, sent from the viewport's origin (which every driver places alike).
    pub async fn drag(&self, e: &Element, points: &[(f64, f64)]) -> Result<(), String> {
        let (left, top) = self.corner(e).await?;
        let to = |(x, y): (f64, f64), duration: u64| {
            json!({"type": "pointerMove", "duration": duration, "origin": "viewport",
                   "x": (left + x).round() as i64, "y": (top + y).round() as i64})
        };
        let mut steps = vec![
            to(points[0], 0),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for p in &points[1..] {
            steps.push(to(*p, 50));
        }
        steps.push(json!({"type": "pointerUp", "button": 0}));
        self.call(
            reqwest::Method::POST,
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"}, "actions": steps}]})),
        )
        .await
        .map(|_| ())
    }

    /// Moves the mouse over a point of the element (CSS pixels from its top-left).
    pub async fn hover(&self, e: &Element, (x, y): (f64, f64)) -> Result<(), String> {
        let (left, top) = self.corner(e).await?;
        self.call(
            reqwest::Method::POST,
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"}, "actions": [
                    {"type": "pointerMove", "duration": 0, "origin": "viewport",
                     "x": (left + x).round() as i64, "y": (top + y).round() as i64}]}]})),
        )
        .await
        .map(|_| ())
    }

    pub async fn quit(&self) {
        let _ = self.call(reqwest::Method::DELETE, "", None).await;
    }
}
