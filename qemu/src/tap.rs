//! Reads the `ok N - name` / `not ok N - name` / `1..N` lines the static
//! test programs print, from any output that may hold other lines too (a
//! kernel's console, say).

/// The tally of one program's output.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Lines starting with `ok `.
    pub passed: usize,
    /// The names of lines starting with `not ok `.
    pub failed: Vec<String>,
    /// The `N` of the `1..N` plan line, if one was printed.
    pub planned: Option<usize>,
}

impl Tally {
    /// Every planned check ran and passed.
    pub fn all_passed(&self) -> bool {
        self.failed.is_empty() && self.planned == Some(self.passed) && self.passed > 0
    }
}

/// Tallies the TAP lines in `output` (`\r\n` line ends tolerated).
pub fn tally(output: &str) -> Tally {
    let mut t = Tally::default();
    for line in output.lines().map(|l| l.trim_end_matches('\r')) {
        if line.starts_with("ok ") {
            t.passed += 1;
        } else if let Some(rest) = line.strip_prefix("not ok ") {
            t.failed.push(rest.to_string());
        } else if let Some(n) = line.strip_prefix("1..") {
            t.planned = n.trim().parse().ok();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_among_other_lines() {
        let t = tally("[ 0.1] kernel\r\nok 1 - a\r\nnot ok 2 - b\nok 3 - c\n1..3\r\n");
        assert_eq!(t.passed, 2);
        assert_eq!(t.failed, ["2 - b"]);
        assert_eq!(t.planned, Some(3));
        assert!(!t.all_passed());
        assert!(tally("ok 1 - a\n1..1\n").all_passed());
        assert!(
            !tally("ok 1 - a\n").all_passed(),
            "no plan: the program died early"
        );
    }
}
