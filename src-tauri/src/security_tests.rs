//! The app's security settings, pinned: a change that weakens them fails here.

use std::path::Path;

fn read_json(path: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_content_security_policy_stays_strict() {
    let config = read_json("../tauri.conf.json");
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .expect("a CSP string");
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("the CSP has no {name}: {csp}"))
            .to_string()
    };
    assert_eq!(directive("default-src"), "default-src 'self'");
    assert_eq!(directive("script-src"), "script-src 'self'");
    assert_eq!(directive("object-src"), "object-src 'none'");
    assert_eq!(directive("frame-src"), "frame-src 'none'");
    assert_eq!(
        directive("connect-src"),
        "connect-src ipc: http://ipc.localhost"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(!csp.contains('*'), "no wildcard sources: {csp}");
}

#[test]
fn the_window_is_granted_only_what_the_app_uses() {
    let capability = read_json("capabilities/default.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names, no scopes"))
        .collect();
    granted.sort_unstable();
    assert_eq!(
        granted,
        [
            "allow-about",
            "allow-build-ledger",
            "allow-cancel-import",
            "allow-cancel-ledger",
            "allow-cancel-load",
            "allow-check-new-version",
            "allow-compare-sources",
            "allow-compare-texts",
            "allow-compare-tracked-changes",
            "allow-copy-summary",
            "allow-export-evidence",
            "allow-import-story",
            "allow-initial-comparison",
            "allow-ledger-pair",
            "allow-open-recent",
            "allow-open-story",
            "allow-order-story-files",
            "allow-passage-texts",
            "allow-recent-comparisons",
            "allow-sample-comparison",
            "allow-save-ledger",
            "allow-save-report",
            "allow-sentence-history",
            "allow-stored-stories",
            "allow-story-from-files",
            "allow-story-pair",
            "allow-watch-add",
            "allow-watch-board",
            "allow-watch-check-all",
            "allow-watch-pause",
            "allow-watch-remove",
            "allow-watch-seen",
            "core:event:allow-listen",
            "core:event:allow-unlisten",
            "dialog:allow-open",
            "dialog:allow-save",
        ]
    );
    let capabilities = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    assert_eq!(
        std::fs::read_dir(capabilities).unwrap().count(),
        1,
        "one capability file"
    );
}
