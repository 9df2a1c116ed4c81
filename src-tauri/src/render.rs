//! How the window is drawn on a Linux machine without a GPU.
//!
//! WebKitGTK composites the page with OpenGL. Where the machine has no GPU
//! (no DRM render node: a virtual machine, a remote desktop, a server under
//! Xvfb), that OpenGL is Mesa's software rasteriser, and compositing the page
//! through it costs more than drawing the page without it. Measured on this
//! project's 2-core machine with the release build (`paint-times`, held-out
//! corpus): the web process took 276–283 MB for an article and 298–307 MB
//! for the 10 MB pair with compositing, 181 MB and 198 MB without, and the
//! median frame while scrolling the 10 MB pair fell from 30–46 ms to 17 ms.
//! So on such a machine the app starts WebKit without compositing, as
//! `WEBKIT_DISABLE_COMPOSITING_MODE=1` asks; with a GPU it leaves WebKit's
//! default alone. A value the user set for that variable (even `0`) is kept.

use std::path::Path;

/// WebKitGTK's switch for drawing without compositing.
const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Sets [`SWITCH`] when the machine has no GPU and the user has not set it.
/// Called first thing in [`crate::run`], before any thread starts and before GTK
/// reads its environment.
pub fn choose() {
    if std::env::var_os(SWITCH).is_none() && !has_render_node(Path::new("/dev/dri")) {
        std::env::set_var(SWITCH, "1");
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a DRM render node, the device
/// through which a process draws with a GPU.
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_counts_as_a_gpu_and_a_missing_or_empty_folder_does_not() {
        let dir = std::env::temp_dir().join(format!("storydiff-dri-{}", std::process::id()));
        assert!(!has_render_node(&dir), "no folder");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("card0"), "").unwrap();
        assert!(!has_render_node(&dir), "a card without a render node");
        std::fs::write(dir.join("renderD128"), "").unwrap();
        assert!(has_render_node(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
