//! The oracle: every case CPython 3.11 answered (tests/oracle/argparse.py
//! made tests/oracle/argparse.jsonl), rebuilt and replayed here; plus
//! behaviour checked through the public API.

mod case;
mod json;
mod unit;

const ORACLE: &str = include_str!("../../../../tests/oracle/argparse.jsonl");

#[test]
fn every_oracle_case_matches_cpython() {
    let (mut checks, mut quirks, mut failures) = (0, 0, alloc::vec::Vec::new());
    for line in ORACLE.lines() {
        let outcome = case::run(line, false);
        checks += outcome.checks;
        quirks += outcome.quirks;
        failures.extend(outcome.failures);
    }
    for f in &failures {
        std::eprintln!("MISMATCH {f}\n");
    }
    std::eprintln!(
        "{checks} oracle checks, {} failed, {quirks} exit_on_error differences",
        failures.len()
    );
    assert!(checks >= 500, "fixture too small: {checks}");
    assert!(
        failures.is_empty(),
        "{} of {checks} oracle checks differ",
        failures.len()
    );
}
