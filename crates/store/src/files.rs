//! The store's own files: private, and never reached through a link.
//!
//! The data folder is created `0700` and the database `0600` (SQLite gives
//! its `-wal` and `-shm` files the database file's permissions). A link
//! under the database's name, or under one of SQLite's side files, is
//! refused rather than followed: it could point anywhere, and writing
//! through it would let whoever planted it choose what storydiff
//! overwrites. Files of an old snapshot folder are read the same way.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The files SQLite keeps beside a database.
const SIDE_FILES: &[&str] = &["-wal", "-shm", "-journal"];

/// The first of the database file and its side files that is a link.
pub(crate) fn planted_link(db: &Path) -> Option<PathBuf> {
    std::iter::once(db.to_path_buf())
        .chain(SIDE_FILES.iter().map(|side| {
            let mut name = db.as_os_str().to_owned();
            name.push(side);
            PathBuf::from(name)
        }))
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink()))
}

#[cfg(unix)]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    if dir.is_dir() {
        return Ok(());
    }
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Creates the database file owner-only (never through a link: the caller
/// has refused links, and `O_NOFOLLOW` closes the gap of a link planted
/// since), or makes an existing one private.
#[cfg(unix)]
pub(crate) fn create_private_file(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)?;
    // A file from an older storydiff (or made by hand) becomes private too.
    let permissions = file.metadata()?.permissions();
    if permissions.mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
pub(crate) fn create_private_file(path: &Path) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map(drop)
}

/// Reads a file, refusing to follow a link.
pub(crate) fn read_no_follow(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    let mut file: File = options.open(path).map_err(|e| {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "this is a link, which storydiff never follows (someone put it there)",
            )
        } else {
            e
        }
    })?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}
