//! With no Secret Service reachable, keyring calls fail with a coded error that says what
//! to do, and nothing panics. (Its own test binary: it points this process's D-Bus
//! address at nothing.)

use supervisor_core::secrets::{Keyring, SecretKind, Sensitive};
use supervisor_core::Code;

#[test]
fn no_reachable_keyring_is_a_clear_coded_error() {
    let dir = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, set before any thread reads the environment.
    unsafe {
        std::env::set_var(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}/no-bus-here", dir.path().display()),
        );
    }
    let keyring = Keyring::with_service("supervisor-console-test-unreachable");
    let err = keyring
        .persist(
            "c1",
            SecretKind::ClientSecret,
            &Sensitive::new("s".to_string()),
        )
        .unwrap_err();
    assert_eq!(err.code, Code::KeyringUnavailable, "{err}");
    assert!(err.message.contains("keyring"), "{}", err.message);
    let err = keyring
        .retrieve("c1", SecretKind::RefreshToken)
        .unwrap_err();
    assert_eq!(err.code, Code::KeyringUnavailable, "{err}");
}
