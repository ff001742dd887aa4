//! Python's `textwrap.wrap` and `textwrap.fill` with their default
//! options, which argparse uses to wrap help text: the same chunks (words,
//! hyphenated-word parts, em-dashes, spaces) and the same line breaking,
//! counted in code points as Python's `len()` counts.

use super::pystr::is_word;
use alloc::string::String;
use alloc::vec::Vec;

/// `textwrap._whitespace`: the only characters textwrap treats as spaces.
fn ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ')
}

/// `word_punct`: `[\w!"'&.,?]`.
fn word_punct(c: char) -> bool {
    is_word(c) || matches!(c, '!' | '"' | '\'' | '&' | '.' | ',' | '?')
}

/// `letter`: `[^\d\W]`, a word character that is not a decimal digit.
fn letter(c: char) -> bool {
    is_word(c) && super::pystr::decimal(c).is_none()
}

/// The length of a run of two or more hyphens at `i` that a word
/// character follows (`-{2,}(?=\w)`), if there is one.
fn em_dash(t: &[char], i: usize) -> Option<usize> {
    let n = t[i..].iter().take_while(|&&c| c == '-').count();
    (n >= 2 && t.get(i + n).copied().is_some_and(is_word)).then_some(n)
}

/// `TextWrapper._split`: `wordsep_re.split(text)` without empty pieces.
fn split(t: &[char]) -> Vec<(usize, usize)> {
    let at = |i: usize| t.get(i).copied();
    let is =
        |i: Option<usize>, f: fn(char) -> bool| i.and_then(|i| t.get(i)).copied().is_some_and(f);
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let start = i;
        if ws(t[i]) {
            while at(i).is_some_and(ws) {
                i += 1;
            }
        } else if let Some(n) = em_dash(t, i).filter(|_| is(i.checked_sub(1), word_punct)) {
            i += n;
        } else {
            // A word: the shortest run of non-spaces that ends where one of
            // the three endings matches.
            let mut e = i + 1;
            loop {
                if at(e) == Some('-') {
                    let behind = (is(e.checked_sub(2), letter) && is(e.checked_sub(1), letter))
                        || (is(e.checked_sub(3), letter)
                            && at(e.wrapping_sub(2)) == Some('-')
                            && is(e.checked_sub(1), letter));
                    let ahead = is(Some(e + 1), letter)
                        && (is(Some(e + 2), letter)
                            || (at(e + 2) == Some('-') && is(Some(e + 3), letter)));
                    if behind && ahead {
                        e += 1;
                        break;
                    }
                }
                if at(e).is_none_or(ws) {
                    break;
                }
                if is(Some(e - 1), word_punct) && em_dash(t, e).is_some() {
                    break;
                }
                e += 1;
            }
            i = e;
        }
        chunks.push((start, i));
    }
    chunks
}

/// `textwrap.wrap(text, width, initial_indent=…, subsequent_indent=…)`.
pub(crate) fn wrap(
    text: &str,
    width: usize,
    initial_indent: &str,
    subsequent_indent: &str,
) -> Vec<String> {
    // _munge_whitespace: tabs expand (argparse has already replaced them)
    // and every textwrap space becomes ' '.
    let t: Vec<char> = text.chars().map(|c| if ws(c) { ' ' } else { c }).collect();
    let mut chunks: Vec<Vec<char>> = split(&t)
        .into_iter()
        .map(|(a, b)| t[a..b].to_vec())
        .collect();
    chunks.reverse();
    let is_space = |c: &[char]| c.iter().all(|&c| super::pystr::is_space(c));
    let mut lines: Vec<String> = Vec::new();
    while !chunks.is_empty() {
        let mut cur: Vec<Vec<char>> = Vec::new();
        let mut cur_len = 0;
        let indent = if lines.is_empty() {
            initial_indent
        } else {
            subsequent_indent
        };
        let width = width as isize - super::pystr::len(indent) as isize;
        if !lines.is_empty() && chunks.last().is_some_and(|c| is_space(c)) {
            chunks.pop();
        }
        while let Some(chunk) = chunks.last() {
            if (cur_len + chunk.len()) as isize <= width {
                cur_len += chunk.len();
                cur.extend(chunks.pop());
            } else {
                break;
            }
        }
        if chunks.last().is_some_and(|c| c.len() as isize > width) {
            // _handle_long_word, breaking long words, after a hyphen if
            // there is one with something else before it.
            let space_left = if width < 1 {
                1
            } else {
                (width - cur_len as isize) as usize
            };
            if let Some(chunk) = chunks.last_mut() {
                let mut end = space_left;
                if chunk.len() > space_left {
                    let hyphen = chunk[..space_left.min(chunk.len())]
                        .iter()
                        .rposition(|&c| c == '-');
                    if let Some(h) =
                        hyphen.filter(|&h| h > 0 && chunk[..h].iter().any(|&c| c != '-'))
                    {
                        end = h + 1;
                    }
                }
                let end = end.min(chunk.len());
                let rest = chunk.split_off(end);
                cur.push(core::mem::replace(chunk, rest));
            }
        }
        if cur.last().is_some_and(|c| is_space(c)) {
            cur.pop();
        }
        if !cur.is_empty() {
            let mut line = String::from(indent);
            line.extend(cur.iter().flatten());
            lines.push(line);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn chunks(s: &str) -> Vec<String> {
        let t: Vec<char> = s.chars().collect();
        split(&t)
            .into_iter()
            .map(|(a, b)| t[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn splits_like_wordsep_re() {
        assert_eq!(
            chunks("Look, goof-ball -- use the -b option!"),
            vec![
                "Look,", " ", "goof-", "ball", " ", "--", " ", "use", " ", "the", " ", "-b", " ",
                "option!"
            ]
        );
        assert_eq!(
            chunks("a--b x---y"),
            vec!["a", "--", "b", " ", "x", "---", "y"]
        );
        assert_eq!(
            chunks("--foo-bar -x-y a-b-c-d"),
            vec!["--foo-", "bar", " ", "-x-y", " ", "a-b-", "c-d"]
        );
        assert_eq!(
            chunks("well-to-do 12-34 e-mail"),
            vec!["well-", "to-", "do", " ", "12-34", " ", "e-mail"]
        );
    }

    #[test]
    fn wraps_like_textwrap() {
        assert_eq!(wrap("aaa bbb ccc", 7, "", ""), vec!["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4, "", ""), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("xx yyyy-zzzz", 8, "", ""), vec!["xx yyyy-", "zzzz"]);
        assert_eq!(wrap("one two", 20, "  ", "  "), vec!["  one two"]);
    }
}
