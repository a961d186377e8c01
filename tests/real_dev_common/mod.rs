//! Where the real-dev articles are, for the tests that measure on them
//! (`real_dev`, `relations_real`, `consistency`).

use std::path::PathBuf;

/// The checkout's root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `$PARALLAX_REAL_DEV/basil`, else `../shared/real-dev/basil`, when it is
/// there.
pub fn data_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("PARALLAX_REAL_DEV") {
        Some(d) => PathBuf::from(d),
        None => repo().join("../shared/real-dev"),
    };
    let basil = dir.join("basil");
    basil.is_dir().then_some(basil)
}
