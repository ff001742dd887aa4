//! Tier 1 of the `logging` oracle: the CPython fixture
//! (tests/oracle/logging.py) checked on the host. The same checks run in
//! the static `logging_oracle` program under tiers 2-3.
//!
//! Its own test binary: the checker puts fd 2 on a memfd around each case
//! and uses the global logger tree, which no other test may share.

extern crate alloc;

#[path = "../../tests/src/logging_oracle.rs"]
mod logging_oracle;

const FIXTURE: &str = include_str!("../../tests/oracle/logging.txt");

#[test]
fn logging_matches_cpython() {
    let mut bad = Vec::new();
    for g in logging_oracle::run(FIXTURE) {
        eprintln!("{}: {} cases, {} failed", g.name, g.count, g.failed);
        if !g.passed() {
            bad.push(format!("{}: {:#?}", g.name, g.first));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
