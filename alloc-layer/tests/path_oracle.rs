//! Tier 1 of the `os.path` and `fnmatch` oracles: the CPython fixtures
//! (tests/oracle/posixpath.py, fnmatch.py) checked on the host. The same
//! checks run in the static `path` program under tiers 2-4.
//!
//! Its own test binary, so that changing the working directory to `/`
//! (where the fixture's abspath and realpath were made) touches no other
//! test.

extern crate alloc;

#[path = "../../tests/src/path_oracle.rs"]
mod path_oracle;

const POSIXPATH: &str = include_str!("../../tests/oracle/posixpath.txt");
const FNMATCH: &str = include_str!("../../tests/oracle/fnmatch.txt");

fn report(groups: &[path_oracle::Group]) {
    let mut bad = Vec::new();
    for g in groups {
        match &g.skipped {
            Some(why) => eprintln!("skip {}: {why}", g.name),
            None => eprintln!("{}: {} records, {} failed", g.name, g.checked, g.failed),
        }
        if !g.passed() {
            bad.push(format!("{}: {:#?}", g.name, g.first));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn posixpath_matches_cpython() {
    strata_alloc::os::chdir("/").unwrap();
    report(&path_oracle::posixpath(
        POSIXPATH,
        strata_alloc::os::getuid(),
    ));
}

#[test]
fn fnmatch_matches_cpython() {
    report(&path_oracle::fnmatch(FNMATCH));
}
