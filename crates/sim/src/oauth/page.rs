//! The sign-in and error pages of `/oauth/authorize`. Every value that came from the
//! request is HTML-escaped: `state` and `redirect_uri` are attacker-controlled.

use super::authorize::AuthorizeRequest;
use crate::DEMO_SUPERVISOR_EMAIL;

pub struct SignInView<'a> {
    pub org_name: &'a str,
    pub request: &'a AuthorizeRequest<'a>,
    pub email: &'a str,
    pub error: Option<&'a str>,
}

/// Escapes text for use in element content and double-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;
  background:#f3f5f8;font:15px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2937}
main{background:#fff;width:22rem;padding:2rem;border-radius:10px;
  box-shadow:0 4px 24px rgba(15,23,42,.12)}
h1{font-size:1.3rem;margin:0 0 .25rem}
p.sub{margin:0 0 1.5rem;color:#6b7280}
label{display:block;font-weight:600;margin:.9rem 0 .3rem}
input[type=email],input[type=password]{box-sizing:border-box;width:100%;padding:.55rem .7rem;
  border:1px solid #cbd5e1;border-radius:6px;font:inherit}
.buttons{display:flex;gap:.6rem;margin-top:1.5rem}
button{flex:1;padding:.6rem;border-radius:6px;border:1px solid #cbd5e1;font:inherit;
  cursor:pointer;background:#fff}
button.primary{background:#ff4f1f;border-color:#ff4f1f;color:#fff;font-weight:600}
.error{background:#fee2e2;color:#991b1b;padding:.6rem .8rem;border-radius:6px;margin-bottom:1rem}
.hint{margin-top:1.25rem;font-size:.85rem;color:#6b7280}
";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

fn hidden(name: &str, value: Option<&str>) -> String {
    match value {
        Some(v) => format!(
            "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
            escape(v)
        ),
        None => String::new(),
    }
}

pub fn sign_in_page(view: &SignInView<'_>) -> String {
    let r = view.request;
    let error = view
        .error
        .map(|e| format!("<div class=\"error\" role=\"alert\">{}</div>", escape(e)))
        .unwrap_or_default();
    let method = r.code_challenge.as_ref().map(|_| "S256");
    let body = format!(
        "<h1>Sign in to {org}</h1>\
         <p class=\"sub\">{client} is asking to access your account.</p>\
         {error}\
         <form method=\"post\" action=\"/oauth/authorize\">\
         {h_client}{h_redirect}{h_type}{h_challenge}{h_method}{h_state}\
         <label for=\"email\">Email</label>\
         <input id=\"email\" type=\"email\" name=\"email\" value=\"{email}\" autocomplete=\"username\" required autofocus>\
         <label for=\"password\">Password</label>\
         <input id=\"password\" type=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
         <div class=\"buttons\">\
         <button type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate>Cancel</button>\
         <button type=\"submit\" name=\"action\" value=\"signin\" class=\"primary\">Sign in</button>\
         </div></form>\
         <p class=\"hint\">Demo organization: sign in as any demo user, e.g. {hint}.</p>",
        org = escape(view.org_name),
        client = escape(&r.client.name),
        email = escape(view.email),
        h_client = hidden("client_id", Some(&r.client.id)),
        h_redirect = hidden("redirect_uri", Some(&r.redirect_uri)),
        h_type = hidden("response_type", Some("code")),
        h_challenge = hidden("code_challenge", r.code_challenge.as_deref()),
        h_method = hidden("code_challenge_method", method),
        h_state = hidden("state", r.state.as_deref()),
        hint = escape(DEMO_SUPERVISOR_EMAIL),
    );
    document(&format!("Sign in - {}", view.org_name), &body)
}

pub fn error_page(message: &str) -> String {
    let body = format!(
        "<h1>Sign-in request rejected</h1><div class=\"error\" role=\"alert\">{}</div>\
         <p class=\"sub\">Close this window and try again from the application.</p>",
        escape(message)
    );
    document("Sign-in request rejected", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("\"><script>alert('x')</script>&"),
            "&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;"
        );
    }
}
