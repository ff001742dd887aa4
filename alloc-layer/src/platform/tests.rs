//! The oracle: CPython 3.11's answers (tests/oracle/platform.py made
//! os_release.txt and platform_files.txt), replayed byte for byte.

use super::*;
use std::string::String;
use std::vec::Vec;

const OS_RELEASE: &str = include_str!("../../../tests/oracle/os_release.txt");
const FILES: &str = include_str!("../../../tests/oracle/platform_files.txt");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/oracle/os-release");

/// A JSON string as json.dumps writes one (ASCII, `\uXXXX` pairs).
fn json_string(s: &str) -> String {
    let inner = s.strip_prefix('"').and_then(|s| s.strip_suffix('"'));
    let inner = inner.unwrap_or_else(|| panic!("not a JSON string: {s}"));
    let mut units: Vec<u16> = Vec::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
            continue;
        }
        let unit = match chars.next() {
            Some('n') => 0x0a,
            Some('t') => 0x09,
            Some('r') => 0x0d,
            Some('b') => 0x08,
            Some('f') => 0x0c,
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                u16::from_str_radix(&hex, 16).unwrap()
            }
            Some(other) => other as u16,
            None => panic!("dangling escape in {s}"),
        };
        units.push(unit);
    }
    String::from_utf16(&units).unwrap()
}

/// A JSON array of strings with no commas or brackets inside them.
fn json_strings(s: &str) -> Vec<String> {
    let inner = s
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap();
    if inner.is_empty() {
        return Vec::new();
    }
    split_json_strings(inner)
        .into_iter()
        .map(|p| json_string(&p))
        .collect()
}

/// `"a", "b, c"` → the quoted parts, commas inside strings kept.
fn split_json_strings(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let (mut in_string, mut escaped) = (false, false);
    for c in s.chars() {
        if in_string {
            current.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            current.push(c);
        } else if c == ',' {
            parts.push(core::mem::take(&mut current));
        }
    }
    parts.push(current);
    parts
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The fixture's blocks: name, then its lines.
fn blocks(text: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix("== ") {
            Some(name) => out.push((name, Vec::new())),
            None => out.last_mut().unwrap().1.push(line),
        }
    }
    out
}

fn rendered(result: Result<OsRelease, OsReleaseError>) -> Vec<String> {
    match result {
        Ok(info) => info
            .items()
            .map(|(k, v)| std::format!("{k}\t{v}"))
            .collect(),
        Err(e) => std::vec![std::format!("error\t{e}")],
    }
}

fn expected(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let (k, v) = l.split_once('\t').unwrap();
            if k == "error" {
                std::format!("error\t{v}")
            } else {
                std::format!("{k}\t{}", json_string(v))
            }
        })
        .collect()
}

#[test]
fn os_release_corpus_as_cpython() {
    let blocks = blocks(OS_RELEASE);
    assert!(blocks.len() >= 19);
    for (name, lines) in blocks {
        let want = expected(&lines);
        let got = match name.strip_prefix("(candidates ") {
            Some(list) => {
                let list: Vec<&str> = list.trim_end_matches(')').split(", ").collect();
                rendered(freedesktop_os_release_in(&list))
            }
            None => {
                let path = std::format!("{CORPUS}/{name}");
                let bytes = std::fs::read(&path).unwrap();
                // The same answer through the file and through the bytes.
                let via_bytes =
                    rendered(
                        parse_os_release(&bytes).map_err(|error| OsReleaseError::Decode {
                            path: path.clone(),
                            error,
                        }),
                    );
                let via_file = rendered(freedesktop_os_release_in(&[path.as_str()]));
                assert_eq!(via_bytes, via_file, "{name}");
                via_file
            }
        };
        assert_eq!(got, want, "{name}");
    }
}

/// CPython's own test_platform cases for `_parse_os_release`.
#[test]
fn cpython_parse_os_release_cases() {
    let fedora = "NAME=Fedora\nVERSION=\"32 (Thirty Two)\"\nID=fedora\nVERSION_ID=32\n\
                  VERSION_CODENAME=\"\"\nPLATFORM_ID=\"platform:f32\"\n\
                  PRETTY_NAME=\"Fedora 32 (Thirty Two)\"\n";
    let info = parse_os_release_lines(fedora.lines());
    assert_eq!(info.get("NAME"), Some("Fedora"));
    assert_eq!(info.get("VERSION_CODENAME"), Some(""));
    assert_eq!(info.get("PRETTY_NAME"), Some("Fedora 32 (Thirty Two)"));
    let info = parse_os_release_lines(["ID=linux"]);
    assert_eq!(info.len(), 3);
    assert_eq!(
        info.items().collect::<Vec<_>>(),
        [("NAME", "Linux"), ("ID", "linux"), ("PRETTY_NAME", "Linux")]
    );
    let info = parse_os_release_lines(["ID=\"test\\\"\\$\\\\\\`\\\\\\\\\""]);
    assert_eq!(info.get("ID"), Some("test\"$\\`\\\\"));
    // Lines straight from a file keep their newline; `$` allows one.
    let info = parse_os_release_lines(["A=\"x\"\n", "B=y\n\n", "C=a\nb"]);
    assert_eq!(
        (info.get("A"), info.get("B"), info.get("C")),
        (Some("x"), None, None)
    );
}

#[test]
fn files_as_cpython() {
    let dir = std::env::temp_dir().join(std::format!("strata-platform-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("f");
    let p = path.to_str().unwrap();
    let mut counts = [0; 4];
    for line in FILES.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "architecture" => {
                std::fs::write(&path, hex(f[1])).unwrap();
                assert_eq!(architecture(Some(p)), (f[2], f[3]), "{line}");
                counts[0] += 1;
            }
            "libc_ver" => {
                std::fs::write(&path, hex(f[2])).unwrap();
                let chunk: usize = f[1].parse().unwrap();
                let got = libc_ver_with(Some(p), "", "", chunk).unwrap();
                assert_eq!(got, (f[3].into(), f[4].into()), "{line}");
                counts[1] += 1;
            }
            "system_alias" => {
                let a = json_strings(f[1]);
                let (s, r, v) = system_alias(&a[0], &a[1], &a[2]);
                assert_eq!(std::vec![s, r, v], json_strings(f[2]), "{line}");
                counts[2] += 1;
            }
            "_platform" => {
                let a = json_strings(f[1]);
                let a: Vec<&str> = a.iter().map(String::as_str).collect();
                assert_eq!(platform_string(&a), json_string(f[2]), "{line}");
                counts[3] += 1;
            }
            other => panic!("unknown fixture line {other}"),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(counts.iter().all(|&n| n >= 5), "{counts:?}");
}

#[test]
fn architecture_defaults_and_errors() {
    let bits = if cfg!(target_pointer_width = "64") {
        "64bit"
    } else {
        "32bit"
    };
    assert_eq!(architecture(Some("/nonexistent/strata")), (bits, ""));
    assert_eq!(architecture(Some("")), (bits, ""));
    assert_eq!(architecture(Some("/")), (bits, ""));
    assert_eq!(architecture(Some("/dev/null")), (bits, ""));
    assert_eq!(
        architecture_with(Some("/nope"), "16bit", "X"),
        ("16bit", "X")
    );
    // The test binary itself (this host's ELF).
    let me = std::env::current_exe().unwrap();
    assert_eq!(architecture(Some(me.to_str().unwrap())), (bits, "ELF"));
}

#[test]
fn libc_ver_paths() {
    assert_eq!(
        libc_ver(None::<&str>).unwrap(),
        ("strata".into(), runtime_version().into())
    );
    assert_eq!(libc_ver(Some("")).unwrap().0, "strata");
    let e = libc_ver(Some("/nonexistent/strata")).unwrap_err();
    assert_eq!(e.errno(), crate::errno::ENOENT);
    assert_eq!(
        libc_ver(Some("/")).unwrap_err().errno(),
        crate::errno::EISDIR
    );
    assert_eq!(
        libc_ver(Some("/dev/zero")).unwrap_err().errno(),
        crate::errno::EINVAL
    );
    // The test binary links glibc.
    let me = std::env::current_exe().unwrap();
    assert_eq!(libc_ver(Some(me.to_str().unwrap())).unwrap().0, "glibc");
}

#[test]
fn uname_and_platform_fit_together() {
    let u = uname();
    let raw = crate::os::uname();
    assert_eq!(u.system, "Linux");
    assert_eq!(
        (u.node.as_str(), u.release.as_str(), u.machine.as_str()),
        (raw.nodename(), raw.release(), raw.machine())
    );
    assert_eq!(u.processor, "");
    assert_eq!(
        (
            system(),
            node(),
            release(),
            version(),
            machine(),
            processor()
        ),
        (
            u.system.clone(),
            u.node.clone(),
            u.release.clone(),
            u.version.clone(),
            u.machine.clone(),
            String::new()
        )
    );
    let want = platform_string(&[
        "Linux",
        &u.release,
        &u.machine,
        "",
        "with",
        &std::format!("strata{}", runtime_version()),
    ]);
    for (aliased, terse) in [(false, false), (true, false), (false, true), (true, true)] {
        assert_eq!(platform(aliased, terse), want);
    }
    let repr = std::format!("{u:?}");
    assert!(
        repr.starts_with("uname_result(system='Linux', node="),
        "{repr}"
    );
    assert!(!repr.contains("processor"));
}

#[test]
fn runtime_answers() {
    assert_eq!(runtime_version(), env!("CARGO_PKG_VERSION"));
    let (a, b, c) = runtime_version_tuple();
    assert_eq!(std::format!("{a}.{b}.{c}"), runtime_version());
    assert!(runtime_target().contains("linux"), "{}", runtime_target());
    assert!(
        runtime_compiler().starts_with("rustc "),
        "{}",
        runtime_compiler()
    );
    if let Some(date) = runtime_build_date() {
        assert_eq!(date.len(), "May  9 2026 07:35:25".len(), "{date}");
    }
}
