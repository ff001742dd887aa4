//! Python's `fnmatch`: shell-style wildcards (`*`, `?`, `[seq]`,
//! `[!seq]`) matched against file names.
//!
//! The rules are exactly those of the regular expression that CPython
//! 3.11's `fnmatch.translate` builds, and [`translate`] returns that
//! expression's text; but matching here needs no regular-expression
//! engine. A pattern is parsed once into single-character tests and
//! stars; the fixed-length pieces between stars are matched at the start,
//! at the end, and in between each at its leftmost place (as translate's
//! atomic groups do): at most `len(name) × len(pattern)` steps, never
//! exponential.
//!
//! ```
//! use strata_alloc::fnmatch::{filter, fnmatch, translate};
//!
//! assert!(fnmatch("notes.txt", "*.txt"));
//! assert!(fnmatch("data7.csv", "data[0-9].csv"));
//! assert!(!fnmatch("data7.csv", "data[!0-9].csv"));
//! assert!(fnmatch(".hidden", "*")); // a leading dot is not special
//! assert_eq!(filter(["a.rs", "b.py", "c.rs"], "*.rs"), ["a.rs", "c.rs"]);
//! assert_eq!(translate("*.t[xy]t"), r"(?s:.*\.t[xy]t)\Z");
//! ```
//!
//! The rules, by translate's semantics:
//! - `*` matches any run of characters, `/` and newlines included; `?`
//!   any one character.
//! - `[seq]` one character of `seq`, `[!seq]` one that is not in it.
//!   `a-z` is a range; a `-` first, last or right after a range is itself;
//!   a `]` right after `[` or `[!` is itself; `^` is an ordinary
//!   character. A range whose ends are reversed (`z-a`) matches nothing,
//!   so `[z-a]` never matches and `[!z-a]` matches any character.
//! - A `[` with no closing `]` is itself. There is no escape character:
//!   `\` is an ordinary character, as on POSIX in Python.
//!
//! What differs from Python, and why:
//! - Python has one set of functions for `str` and `bytes`. Here the plain
//!   functions ([`fnmatch`], [`fnmatchcase`], [`filter`], [`Pattern`])
//!   take any `AsRef<[u8]>` and match bytes, as Python does for `bytes`
//!   (a `&str` is matched as its UTF-8 bytes, so `?` matches one byte of
//!   `é`). The `_str` forms ([`fnmatch_str`], [`filter_str`],
//!   [`StrPattern`]) match characters, as Python does for `str`.
//! - `fnmatch` and `fnmatchcase` are the same function: POSIX's
//!   `os.path.normcase` changes nothing.
//! - [`translate_bytes`] is the expression CPython compiles for a bytes
//!   pattern (translate over the pattern read as Latin-1); it is not a
//!   Python function.
//!
//! # References
//! - [fnmatch(3)](https://man7.org/linux/man-pages/man3/fnmatch.3.html),
//!   [glob(7)](https://man7.org/linux/man-pages/man7/glob.7.html) (the
//!   shell's rules, which Python's differ from in `\` and `^`)

use alloc::string::String;
use alloc::vec::Vec;

/// One position of a parsed pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// `*`: any run of characters (consecutive stars are one).
    Star,
    /// One character equal to this one.
    Literal(u32),
    /// `?` (or `[!z-a]`): any one character.
    Any,
    /// `[...]`: one character in (or, negated, not in) these inclusive
    /// ranges.
    Set {
        negated: bool,
        ranges: Vec<(u32, u32)>,
    },
    /// `[z-a]`: nothing.
    Never,
}

impl Token {
    fn matches(&self, c: u32) -> bool {
        match self {
            Token::Star => true,
            Token::Literal(l) => *l == c,
            Token::Any => true,
            Token::Set { negated, ranges } => {
                ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
            }
            Token::Never => false,
        }
    }
}

/// Python's `re.escape` of one character.
fn re_escape(c: u32, out: &mut Vec<u32>) {
    if let Ok(b) = u8::try_from(c)
        && b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(&b)
    {
        out.push(u32::from(b'\\'));
    }
    out.push(c);
}

fn units(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

/// CPython 3.11's `fnmatch.translate`, step for step, over characters
/// (`u32` code points, or bytes for a bytes pattern): the tokens to match
/// and the regular expression's text.
fn parse(pat: &[u32]) -> (Vec<Token>, Vec<u32>) {
    const BANG: u32 = b'!' as u32;
    const CLOSE: u32 = b']' as u32;
    const DASH: u32 = b'-' as u32;
    const BACKSLASH: u32 = b'\\' as u32;
    // Each piece: a token and its regex text (none for a star).
    let mut pieces: Vec<(Token, Vec<u32>)> = Vec::new();
    let n = pat.len();
    let mut i = 0;
    while i < n {
        let c = pat[i];
        i += 1;
        if c == u32::from(b'*') {
            if pieces.last().is_none_or(|p| p.0 != Token::Star) {
                pieces.push((Token::Star, Vec::new()));
            }
        } else if c == u32::from(b'?') {
            pieces.push((Token::Any, units(".")));
        } else if c == u32::from(b'[') {
            let mut j = i;
            if j < n && pat[j] == BANG {
                j += 1;
            }
            if j < n && pat[j] == CLOSE {
                j += 1;
            }
            while j < n && pat[j] != CLOSE {
                j += 1;
            }
            if j >= n {
                pieces.push((Token::Literal(c), units("\\[")));
                continue;
            }
            // The set's text between the brackets, as chunks of literal
            // characters with a range between each chunk's last character
            // and the next one's first.
            let inner = &pat[i..j];
            let chunks: Vec<Vec<u32>> = if !inner.contains(&DASH) {
                alloc::vec![inner.to_vec()]
            } else {
                let mut chunks: Vec<Vec<u32>> = Vec::new();
                let mut from = i;
                let mut k = if pat[i] == BANG { i + 2 } else { i + 1 };
                while let Some(d) = pat
                    .get(k..j)
                    .and_then(|s| s.iter().position(|&x| x == DASH))
                {
                    let dash = k + d;
                    chunks.push(pat[from..dash].to_vec());
                    from = dash + 1;
                    k = dash + 3;
                }
                let last = &pat[from..j];
                if last.is_empty() {
                    // `a-]`: the final `-` is itself. There is always a
                    // chunk before it, since a dash was found.
                    if let Some(prev) = chunks.last_mut() {
                        prev.push(DASH);
                    }
                } else {
                    chunks.push(last.to_vec());
                }
                // Reversed ranges match nothing: drop both ends.
                for k in (1..chunks.len()).rev() {
                    let (lo, hi) = (chunks[k - 1].last().copied(), chunks[k].first().copied());
                    if let (Some(lo), Some(hi)) = (lo, hi)
                        && lo > hi
                    {
                        let tail = chunks.remove(k);
                        let prev = &mut chunks[k - 1];
                        prev.pop();
                        prev.extend_from_slice(&tail[1..]);
                    }
                }
                chunks
            };
            i = j + 1;
            // The regex text: backslashes and (with ranges) hyphens
            // escaped, `&~|` escaped against set operations.
            let ranged = chunks.len() > 1 || inner.contains(&DASH);
            let mut stuff: Vec<u32> = Vec::new();
            for (k, chunk) in chunks.iter().enumerate() {
                if k > 0 {
                    stuff.push(DASH);
                }
                for &x in chunk {
                    if x == BACKSLASH || (ranged && x == DASH) {
                        stuff.push(BACKSLASH);
                    }
                    stuff.push(x);
                }
            }
            let mut escaped: Vec<u32> = Vec::with_capacity(stuff.len());
            for &x in &stuff {
                if x == u32::from(b'&') || x == u32::from(b'~') || x == u32::from(b'|') {
                    escaped.push(BACKSLASH);
                }
                escaped.push(x);
            }
            let stuff = escaped;
            if stuff.is_empty() {
                pieces.push((Token::Never, units("(?!)")));
                continue;
            }
            if stuff == [BANG] {
                pieces.push((Token::Any, units(".")));
                continue;
            }
            let negated = stuff[0] == BANG;
            let mut text = units("[");
            if negated {
                text.push(u32::from(b'^'));
                text.extend_from_slice(&stuff[1..]);
            } else {
                if stuff[0] == u32::from(b'^') || stuff[0] == u32::from(b'[') {
                    text.push(BACKSLASH);
                }
                text.extend_from_slice(&stuff);
            }
            text.push(CLOSE);
            // The members: every chunk's characters, and the ranges
            // between chunks (a negated set's `!` is no member).
            let mut ranges: Vec<(u32, u32)> = Vec::new();
            for (k, chunk) in chunks.iter().enumerate() {
                let skip = usize::from(k == 0 && negated);
                ranges.extend(chunk.iter().skip(skip).map(|&x| (x, x)));
                if k > 0
                    && let (Some(&lo), Some(&hi)) = (chunks[k - 1].last(), chunk.first())
                {
                    ranges.push((lo, hi));
                }
            }
            ranges.sort_unstable();
            ranges.dedup();
            pieces.push((Token::Set { negated, ranges }, text));
        } else {
            let mut text = Vec::new();
            re_escape(c, &mut text);
            pieces.push((Token::Literal(c), text));
        }
    }
    let regex = assemble(&pieces);
    (pieces.into_iter().map(|p| p.0).collect(), regex)
}

/// translate's second half: the fixed pieces between stars become
/// `(?>.*?FIXED)` (atomic: no backtracking), the last `.*FIXED`, all in
/// `(?s:...)\Z`.
fn assemble(pieces: &[(Token, Vec<u32>)]) -> Vec<u32> {
    let mut res = units("(?s:");
    let mut i = 0;
    let n = pieces.len();
    while i < n && pieces[i].0 != Token::Star {
        res.extend_from_slice(&pieces[i].1);
        i += 1;
    }
    while i < n {
        // pieces[i] is a star.
        i += 1;
        if i == n {
            res.extend(units(".*"));
            break;
        }
        let mut fixed = Vec::new();
        while i < n && pieces[i].0 != Token::Star {
            fixed.extend_from_slice(&pieces[i].1);
            i += 1;
        }
        if i == n {
            res.extend(units(".*"));
            res.extend(fixed);
        } else {
            res.extend(units("(?>.*?"));
            res.extend(fixed);
            res.push(u32::from(b')'));
        }
    }
    res.extend(units(")\\Z"));
    res
}

/// A parsed pattern as its fixed-length pieces between stars.
#[derive(Clone, Debug)]
struct Compiled {
    /// The tokens between stars, in order (stars removed); one piece if
    /// there is no star.
    pieces: Vec<Vec<Token>>,
    /// Whether the pattern holds a star.
    starred: bool,
}

impl Compiled {
    fn new(pat: &[u32]) -> Self {
        let tokens = parse(pat).0;
        let starred = tokens.contains(&Token::Star);
        let pieces = tokens
            .split(|t| *t == Token::Star)
            .map(<[Token]>::to_vec)
            .collect();
        Compiled { pieces, starred }
    }

    /// Whether the whole of `name` matches. Every token takes one
    /// character, so each piece has a fixed length: the first must match
    /// at the start, the last at the end, and each one between at its
    /// leftmost place after the one before (what translate's atomic
    /// groups `(?>.*?FIXED)` do; leftmost is never worse, since a star
    /// takes whatever a later start leaves). At most `len(name) ×
    /// len(pattern)` token tests.
    fn matches<T: Copy + Into<u32>>(&self, name: &[T]) -> bool {
        let at = |piece: &[Token], start: usize| {
            name.get(start..start + piece.len())
                .is_some_and(|run| piece.iter().zip(run).all(|(t, &c)| t.matches(c.into())))
        };
        let Some((first, rest)) = self.pieces.split_first() else {
            return name.is_empty();
        };
        if !self.starred {
            return name.len() == first.len() && at(first, 0);
        }
        let Some((last, middle)) = rest.split_last() else {
            return false;
        };
        if name.len() < first.len() + last.len() || !at(first, 0) {
            return false;
        }
        // The middle pieces must end before the last one starts.
        let end = name.len() - last.len();
        let mut pos = first.len();
        for piece in middle {
            let Some(found) = (pos..=end.saturating_sub(piece.len()))
                .take_while(|&k| k + piece.len() <= end)
                .find(|&k| at(piece, k))
            else {
                return false;
            };
            pos = found + piece.len();
        }
        at(last, end)
    }
}

/// A pattern parsed once, matched against byte strings: what CPython's
/// `fnmatch._compile_pattern` caches for a bytes pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    compiled: Compiled,
}

impl Pattern {
    /// Parses `pat` (bytes; a `&str` is its UTF-8 bytes). Every pattern is
    /// valid.
    pub fn new(pat: impl AsRef<[u8]>) -> Self {
        let pat: Vec<u32> = pat.as_ref().iter().map(|&b| u32::from(b)).collect();
        Pattern {
            compiled: Compiled::new(&pat),
        }
    }

    /// `fnmatch.fnmatchcase(name, pat)`: whether the whole of `name`
    /// matches.
    pub fn matches(&self, name: impl AsRef<[u8]>) -> bool {
        self.compiled.matches(name.as_ref())
    }
}

/// A pattern parsed once, matched against text by characters: what
/// CPython's `fnmatch._compile_pattern` caches for a `str` pattern.
#[derive(Clone, Debug)]
pub struct StrPattern {
    compiled: Compiled,
}

impl StrPattern {
    /// Parses `pat`. Every pattern is valid.
    pub fn new(pat: &str) -> Self {
        StrPattern {
            compiled: Compiled::new(&units(pat)),
        }
    }

    /// `fnmatch.fnmatchcase(name, pat)` on `str`: whether the whole of
    /// `name` matches, `?` and sets taking one character each.
    pub fn matches(&self, name: &str) -> bool {
        if name.is_ascii() {
            self.compiled.matches(name.as_bytes())
        } else {
            let chars: Vec<char> = name.chars().collect();
            self.compiled.matches(&chars)
        }
    }
}

/// `fnmatch.fnmatch(name, pat)`—whether `name` matches the shell pattern
/// `pat`, on bytes. The same as [`fnmatchcase`] (POSIX names keep their
/// case).
///
/// # References
/// - [fnmatch(3)](https://man7.org/linux/man-pages/man3/fnmatch.3.html)
pub fn fnmatch(name: impl AsRef<[u8]>, pat: impl AsRef<[u8]>) -> bool {
    fnmatchcase(name, pat)
}

/// `fnmatch.fnmatchcase(name, pat)`—whether `name` matches `pat`,
/// case-sensitively, on bytes.
///
/// # References
/// - [fnmatch(3)](https://man7.org/linux/man-pages/man3/fnmatch.3.html)
pub fn fnmatchcase(name: impl AsRef<[u8]>, pat: impl AsRef<[u8]>) -> bool {
    Pattern::new(pat).matches(name)
}

/// `fnmatch.filter(names, pat)`—the names that match `pat`, in order,
/// on bytes; the pattern is parsed once.
pub fn filter<I>(names: I, pat: impl AsRef<[u8]>) -> Vec<I::Item>
where
    I: IntoIterator,
    I::Item: AsRef<[u8]>,
{
    let pattern = Pattern::new(pat);
    names.into_iter().filter(|n| pattern.matches(n)).collect()
}

/// `fnmatch.fnmatch(name, pat)` on `str`: `?` and sets take one
/// character (not one byte).
///
/// ```
/// use strata_alloc::fnmatch::{fnmatch, fnmatch_str};
/// assert!(fnmatch_str("é", "?"));
/// assert!(!fnmatch("é", "?")); // two bytes
/// ```
pub fn fnmatch_str(name: &str, pat: &str) -> bool {
    fnmatchcase_str(name, pat)
}

/// `fnmatch.fnmatchcase(name, pat)` on `str`.
pub fn fnmatchcase_str(name: &str, pat: &str) -> bool {
    StrPattern::new(pat).matches(name)
}

/// `fnmatch.filter(names, pat)` on `str`.
pub fn filter_str<'a, I>(names: I, pat: &str) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let pattern = StrPattern::new(pat);
    names.into_iter().filter(|n| pattern.matches(n)).collect()
}

/// `fnmatch.translate(pat)`—the regular expression (Python `re` syntax)
/// that CPython 3.11 builds for `pat`, character for character.
///
/// ```
/// use strata_alloc::fnmatch::translate;
/// assert_eq!(translate("a*b*c"), r"(?s:a(?>.*?b).*c)\Z");
/// assert_eq!(translate("[!x-z]?"), r"(?s:[^x-z].)\Z");
/// assert_eq!(translate("[z-a]"), r"(?s:(?!))\Z");
/// ```
pub fn translate(pat: &str) -> String {
    let regex = parse(&units(pat)).1;
    // Every unit is a character of `pat` or ASCII.
    regex.into_iter().filter_map(char::from_u32).collect()
}

/// The regular expression CPython compiles for a bytes pattern:
/// [`translate`] of `pat` read as Latin-1, written back as Latin-1.
pub fn translate_bytes(pat: impl AsRef<[u8]>) -> Vec<u8> {
    let pat: Vec<u32> = pat.as_ref().iter().map(|&b| u32::from(b)).collect();
    // Every unit is a byte of `pat` or ASCII.
    parse(&pat)
        .1
        .into_iter()
        .filter_map(|u| u8::try_from(u).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_follow_translate() {
        assert!(fnmatch("]", "[]]"));
        assert!(fnmatch("-", "[a-]"));
        assert!(fnmatch("b", "[!]a]"));
        assert!(!fnmatch("]", "[!]a]"));
        assert!(fnmatch("^", "[^a]"));
        assert!(fnmatch("[", "["));
        assert!(fnmatch("[ab", "[ab"));
        assert!(fnmatch("\\", "\\"));
        assert!(fnmatch("\\", "[\\]"));
        assert!(!fnmatch("a", "[z-a]"));
        assert!(fnmatch("a", "[!z-a]"));
        assert!(fnmatch("-", "[a-c-e]"));
        assert!(!fnmatch("d", "[a-c-e]"));
        assert!(fnmatch("\n", "*"));
        assert!(fnmatch("a/b", "a*b"));
    }

    /// A `!` that an empty range's removal leaves first negates (CPython
    /// 3.11: `[z-a!]` becomes `!`, any character; `[b-a!x]` becomes
    /// `[^x]`), found by the fuzz target against its model.
    #[test]
    fn a_bang_left_first_by_an_empty_range_negates() {
        for c in ["q", "!", "\u{ff}", "z"] {
            assert!(fnmatch_str(c, "[z-a!]"), "{c:?}");
        }
        assert!(fnmatch(b"\xff", b"[z-a!]"));
        assert!(fnmatch_str("q", "[b-a!x]"));
        assert!(!fnmatch_str("x", "[b-a!x]"));
        assert_eq!(translate("[z-a!]"), r"(?s:.)\Z");
        assert_eq!(translate("[b-a!x]"), r"(?s:[^x])\Z");
    }

    #[test]
    fn translate_matches_cpython_on_samples() {
        assert_eq!(translate("*"), r"(?s:.*)\Z");
        assert_eq!(translate("**a"), r"(?s:.*a)\Z");
        assert_eq!(translate("a**"), r"(?s:a.*)\Z");
        assert_eq!(translate("[!]"), r"(?s:\[!\])\Z");
        assert_eq!(translate("[a-c-e]"), r"(?s:[a-c\-e])\Z");
        assert_eq!(translate("[!z-a]"), r"(?s:.)\Z");
        assert_eq!(translate("[&~|]"), r"(?s:[\&\~\|])\Z");
        assert_eq!(translate("[[]"), r"(?s:[\[])\Z");
        assert_eq!(translate("a b"), "(?s:a\\ b)\\Z");
    }

    /// CPython's Lib/test/test_fnmatch.py (3.11), POSIX branch
    /// (`normcase` changes nothing).
    #[test]
    fn cpython_test_fnmatch() {
        let check = |name: &str, pat: &str, want: bool| {
            assert_eq!(fnmatch_str(name, pat), want, "{name:?} {pat:?}");
            assert_eq!(fnmatch(name, pat), want, "bytes {name:?} {pat:?}");
        };
        for (n, p) in [
            ("abc", "abc"),
            ("abc", "?*?"),
            ("abc", "???*"),
            ("abc", "*???"),
        ] {
            check(n, p, true);
        }
        check("abc", "ab[!de]", true);
        check("abc", "ab[de]", false);
        check("a", "??", false);
        check("\\", r"[\]", true);
        check("a", r"[!\]", true);
        check("\\", r"[!\]", false);
        check("foo\nbar\n", "foo*", true);
        check("\nfoo", "foo*", false);
        check(&"a".repeat(50), "*a*a*a*a*a*a*a*a*a*a", true);
        check(&("a".repeat(50) + "b"), "*a*a*a*a*a*a*a*a*a*a", false);
        check("AbC", "abc", false);
        check("usr\\bin", "usr/bin", false);
        check("usr\\bin", "usr\\bin", true);
        assert!(fnmatch(b"test\xff", b"te*\xff"));
        let cases: String = ('a'..='z')
            .chain('0'..='9')
            .chain("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".chars())
            .collect();
        for c in cases.chars() {
            let s = c.encode_utf8(&mut [0; 4]).to_owned();
            let s = s.as_str();
            let within = |set: &str| set.contains(c);
            check(s, "[az]", within("az"));
            check(s, "[!az]", !within("az"));
            check(s, "[AZ]", false);
            check(s, "[!AZ]", true);
            check(s, "[aa]", c == 'a');
            check(s, "[^az]", within("^az"));
            check(s, "[[az]", within("[az"));
            check(s, r"[!]]", c != ']');
            check(s, "[b-d]", within("bcd"));
            check(s, "[!b-d]", !within("bcd"));
            check(s, "[b-dx-z]", within("bcdxyz"));
            check(s, "[!b-dx-z]", !within("bcdxyz"));
            check(s, "[b-b]", c == 'b');
            check(s, "[!-#]", !within("-#"));
            check(s, "[!--.]", !within("-."));
            check(s, "[^-`]", within("^_`"));
            check(s, "[[-^]", within(r"[\]^"));
            check(s, r"[\-^]", within(r"\]^"));
            check(s, "[b-]", within("-b"));
            check(s, "[!b-]", !within("-b"));
            check(s, "[-b]", within("-b"));
            check(s, "[!-b]", !within("-b"));
            check(s, "[-]", within("-"));
            check(s, "[!-]", !within("-"));
            check(s, "[d-b]", false);
            check(s, "[!d-b]", true);
            check(s, "[d-bx-z]", within("xyz"));
            check(s, "[!d-bx-z]", !within("xyz"));
            check(s, "[d-b^-`]", within("^_`"));
            check(s, "[d-b[-^]", within(r"[\]^"));
        }
        for (n, p) in [("[", "["), ("[]", "[]"), ("[!", "[!"), ("[!]", "[!]")] {
            check(n, p, true);
        }
        check("/", "[/]", true);
        check("[/]", "[/]", false);
        check("\\", r"[\t]", true);
        check("t", r"[\t]", true);
        check("\t", r"[\t]", false);
        check("a/b", "a[.-0]b", true);
        check("a\\b", "a[Z-^]b", true);
        check("a/b", "a[Z-^]b", false);
        check("a/b", "a[/-0]b", true);
        check("a/b", "a[.-/]b", true);
        check(r"a\b", r"a[\-^]b", true);
        check(r"a\b", r"a[Z-\]b", true);
        check("[", "[[]", true);
        check("&", "[a&&b]", true);
        check("|", "[a||b]", true);
        check("~", "[a~~b]", true);
        check(",", "[a-z+--A-Z]", true);
        check(".", "[a-z--/A-Z]", true);
    }

    #[test]
    fn cpython_test_translate_and_filter() {
        assert_eq!(translate("?"), r"(?s:.)\Z");
        assert_eq!(translate("a?b*"), r"(?s:a.b.*)\Z");
        assert_eq!(translate("[abc]"), r"(?s:[abc])\Z");
        assert_eq!(translate("[]]"), r"(?s:[]])\Z");
        assert_eq!(translate("[!x]"), r"(?s:[^x])\Z");
        assert_eq!(translate("[^x]"), r"(?s:[\^x])\Z");
        assert_eq!(translate("[x"), r"(?s:\[x)\Z");
        assert_eq!(translate("*.txt"), r"(?s:.*\.txt)\Z");
        assert_eq!(translate("*********"), r"(?s:.*)\Z");
        assert_eq!(translate("A*********"), r"(?s:A.*)\Z");
        assert_eq!(translate("*********A"), r"(?s:.*A)\Z");
        assert_eq!(translate("A*********?[?]?"), r"(?s:A.*.[?].)\Z");
        assert_eq!(translate("**a*a****a"), r"(?s:(?>.*?a)(?>.*?a).*a)\Z");
        assert_eq!(
            filter_str(["Python", "Ruby", "Perl", "Tcl"], "P*"),
            ["Python", "Perl"]
        );
        assert_eq!(
            filter([&b"Python"[..], b"Ruby", b"Perl", b"Tcl"], b"P*"),
            [&b"Python"[..], b"Perl"]
        );
        assert_eq!(
            filter_str(["Test.py", "Test.rb", "Test.PL"], "*.p*"),
            ["Test.py"]
        );
        assert_eq!(
            filter_str(["usr/bin", "usr", "usr\\lib"], "usr/*"),
            ["usr/bin"]
        );
        assert_eq!(
            filter_str(["usr/bin", "usr", "usr\\lib"], "usr\\*"),
            ["usr\\lib"]
        );
    }

    #[test]
    fn stars_do_not_backtrack_exponentially() {
        let name = "a".repeat(5000);
        let pat = "*a".repeat(40) + "b";
        assert!(!fnmatch(&name, &pat));
    }
}
