fn main() {
    // The app's own commands get permissions (allow-<command>) that the
    // capabilities must grant one by one: without this manifest Tauri lets
    // any window call every app command.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "initial_comparison",
        "sample_comparison",
        "compare_sources",
        "cancel_load",
        "save_report",
        "recent_comparisons",
        "open_recent",
        "compare_texts",
        "copy_summary",
        "passage_texts",
        "compare_tracked_changes",
        "build_ledger",
        "cancel_ledger",
        "ledger_pair",
        "save_ledger",
        "import_story",
        "cancel_import",
        "stored_stories",
        "open_story",
        "story_pair",
        "check_new_version",
        "export_evidence",
        "sentence_history",
        "order_story_files",
        "story_from_files",
        "watch_board",
        "watch_add",
        "watch_remove",
        "watch_pause",
        "watch_seen",
        "watch_check_all",
        "about",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build could not prepare the app");
    // Release builds pack their relative relocations (RELR): a
    // position-independent binary otherwise carries one 24-byte entry per
    // pointer in its data (1.45 MB of the 16.5 MB release binary). Needs
    // glibc 2.36 at run time, which the .deb declares; debug builds are
    // left as they are.
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
        // Identical code folding: generic code instantiated for types of the
        // same layout compiles to the same machine code many times over, and
        // the linker keeps one copy. Rust promises no distinct addresses for
        // distinct functions, and the one C library built in (ring's
        // primitives) compares none, so "all" is sound here. Only LLD has
        // the flag, and Rust links x86_64 Linux with its own LLD since 1.90.
        if std::env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu") {
            println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
        }
    }
}
