//! std's `Path`, `PathBuf`, `OsStr` and `OsString` go wherever a path goes.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use strata_std::os::{self, path};

#[test]
fn std_paths_are_path_like() {
    let dir = std::env::temp_dir().join(format!("strata-std-paths-{}", std::process::id()));
    let nested: PathBuf = dir.join("a").join("b");
    os::makedirs(&nested, 0o755, false).unwrap();
    assert!(path::isdir(nested.as_path()));
    assert!(path::exists(OsStr::new(&nested)));
    assert_eq!(os::listdir(&dir).unwrap(), [b"a".to_vec()]);
    let file = nested.join("f.txt");
    std::fs::write(&file, b"12345").unwrap();
    assert_eq!(path::getsize(&file).unwrap(), 5);
    assert_eq!(path::basename(&file), b"f.txt");
    assert_eq!(
        path::join(Path::new("/usr"), OsString::from("lib")),
        b"/usr/lib"
    );
    // core's calls take std's paths too (rustix's path argument).
    assert_eq!(os::stat(file.as_path()).unwrap().st_size, 5);
    os::remove(&file).unwrap();
    os::removedirs(&nested).unwrap();
    assert!(!path::exists(&dir));
}
