//! CPython 3.11's Lib/test/test_posixpath.py, the cases that a generated
//! corpus does not reach: realpath through symbolic links (loops, deep and
//! repeated indirection, parents resolved before `..`), relpath from a
//! working directory, and the hand-written normpath, commonpath and
//! splitext tables.
//!
//! Its own test binary: the working-directory cases change it, so they
//! run in one test, after which nothing else here depends on it.

use strata_alloc::os::{self, path};

/// A fresh directory under the system's temporary directory, resolved
/// (CPython's tests use `ABSTFN = abspath(TESTFN)` the same way).
fn fresh_dir(tag: &str) -> Vec<u8> {
    let base = std::env::temp_dir();
    let dir = base.join(format!("strata-posixpath-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir(&dir).unwrap();
    path::realpath(dir.to_str().unwrap()).unwrap()
}

fn cat(a: &[u8], b: &str) -> Vec<u8> {
    [a, b.as_bytes()].concat()
}

fn s(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn realpath_and_relpath_on_the_file_system() {
    let top = fresh_dir("fs");
    let abstfn = path::join(&top, "T");
    let a = |suffix: &str| cat(&abstfn, suffix);
    let base = s(&path::basename(&abstfn));
    let parent = path::dirname(&abstfn);

    // test_realpath_basic, _strict, _relative
    os::symlink(a("1"), a("")).unwrap();
    assert_eq!(path::realpath(a("")).unwrap(), a("1"));
    let e = path::realpath_strict(a("")).unwrap_err();
    assert_eq!(e.errno(), strata_alloc::errno::ENOENT);
    assert!(path::realpath_strict(a("2")).is_err());
    os::unlink(a("")).unwrap();
    os::chdir(&parent).unwrap();
    let rel = path::relpath(a("1"), ".").unwrap();
    os::symlink(&rel, a("")).unwrap();
    assert_eq!(path::realpath(a("")).unwrap(), a("1"));
    os::unlink(a("")).unwrap();

    // test_realpath_symlink_loops
    os::symlink(a(""), a("")).unwrap();
    assert_eq!(path::realpath(a("")).unwrap(), a(""));
    os::symlink(a("1"), a("2")).unwrap();
    os::symlink(a("2"), a("1")).unwrap();
    assert_eq!(path::realpath(a("1")).unwrap(), a("1"));
    assert_eq!(path::realpath(a("2")).unwrap(), a("2"));
    assert_eq!(path::realpath(a("1/x")).unwrap(), a("1/x"));
    assert_eq!(path::realpath(a("1/..")).unwrap(), parent);
    assert_eq!(path::realpath(a("1/../x")).unwrap(), cat(&parent, "/x"));
    os::symlink(a("x"), a("y")).unwrap();
    assert_eq!(path::realpath(a(&format!("1/../{base}y"))).unwrap(), a("y"));
    assert_eq!(path::realpath(a(&format!("1/../{base}1"))).unwrap(), a("1"));
    os::symlink(format!("{base}a/b"), a("a")).unwrap();
    assert_eq!(path::realpath(a("a")).unwrap(), a("a/b"));
    let up = s(&path::basename(&parent));
    os::symlink(format!("../{up}/{base}c"), a("c")).unwrap();
    assert_eq!(path::realpath(a("c")).unwrap(), a("c"));
    assert_eq!(path::realpath(&base).unwrap(), a(""));

    // test_realpath_symlink_loops_strict
    for p in [
        a(""),
        a("1"),
        a("2"),
        a("1/x"),
        a("1/.."),
        a("1/../x"),
        a(&format!("1/../{base}y")),
        a(&format!("1/../{base}1")),
        a("a"),
        a("c"),
    ] {
        assert!(path::realpath_strict(&p).is_err(), "{}", s(&p));
    }
    assert!(path::realpath_strict(&base).is_err());

    // test_realpath_repeated_indirect_symlinks
    let d = fresh_dir("indirect");
    let dbase = s(&path::basename(&d));
    os::symlink(format!("../{dbase}"), cat(&d, "/self")).unwrap();
    os::symlink("self/self/self", cat(&d, "/link")).unwrap();
    assert_eq!(path::realpath(cat(&d, "/link")).unwrap(), d);

    // test_realpath_deep_recursion
    let d = fresh_dir("deep");
    for i in 0..10 {
        let target = vec![format!("{i}"); 10].join("/");
        os::symlink(target, cat(&d, &format!("/{}", i + 1))).unwrap();
    }
    os::symlink(".", cat(&d, "/0")).unwrap();
    assert_eq!(path::realpath(cat(&d, "/10")).unwrap(), d);
    os::chdir(&d).unwrap();
    assert_eq!(path::realpath("10").unwrap(), d);

    // test_realpath_resolve_parents
    let d = fresh_dir("parents");
    os::mkdir(cat(&d, "/y"), 0o755).unwrap();
    os::symlink(cat(&d, "/y"), cat(&d, "/k")).unwrap();
    os::chdir(cat(&d, "/k")).unwrap();
    assert_eq!(path::realpath("a").unwrap(), cat(&d, "/y/a"));

    // test_realpath_resolve_before_normalizing
    let d = fresh_dir("before");
    os::mkdir(cat(&d, "/k"), 0o755).unwrap();
    os::mkdir(cat(&d, "/k/y"), 0o755).unwrap();
    os::symlink(cat(&d, "/k/y"), cat(&d, "/link-y")).unwrap();
    assert_eq!(
        path::realpath(cat(&d, "/link-y/..")).unwrap(),
        cat(&d, "/k")
    );
    os::chdir(path::dirname(&d)).unwrap();
    let dbase = s(&path::basename(&d));
    assert_eq!(
        path::realpath(format!("{dbase}/link-y/..")).unwrap(),
        cat(&d, "/k")
    );

    // test_realpath_resolve_first
    let d = fresh_dir("first");
    os::mkdir(cat(&d, "/k"), 0o755).unwrap();
    os::symlink(&d, cat(&d, "link")).unwrap();
    os::chdir(path::dirname(&d)).unwrap();
    let dbase = s(&path::basename(&d));
    assert_eq!(path::realpath(format!("{dbase}link")).unwrap(), d);
    assert_eq!(
        path::realpath(format!("{dbase}link/k")).unwrap(),
        cat(&d, "/k")
    );
    let _ = os::unlink(cat(&d, "link"));

    // test_realpath_curdir and _pardir
    let cwd = os::getcwdb().unwrap();
    assert_eq!(path::realpath(".").unwrap(), cwd);
    assert_eq!(path::realpath("./.").unwrap(), cwd);
    assert_eq!(path::realpath(vec!["."; 100].join("/")).unwrap(), cwd);
    assert_eq!(path::realpath("..").unwrap(), path::dirname(&cwd));
    assert_eq!(
        path::realpath("../..").unwrap(),
        path::dirname(path::dirname(&cwd))
    );
    assert_eq!(path::realpath(vec![".."; 100].join("/")).unwrap(), b"/");

    // test_relpath (from a working directory named "subdir" below "x")
    let d = fresh_dir("rel");
    os::mkdir(cat(&d, "/x"), 0o755).unwrap();
    os::mkdir(cat(&d, "/x/subdir"), 0o755).unwrap();
    os::chdir(cat(&d, "/x/subdir")).unwrap();
    let curdir = "subdir";
    let r = |p: &str, start: &str| s(&path::relpath(p, start).unwrap());
    assert!(matches!(
        path::relpath("", "."),
        Err(path::Error::Value(e)) if e.message() == "no path specified"
    ));
    assert_eq!(r("a", "."), "a");
    assert_eq!(r(&s(&path::abspath("a").unwrap()), "."), "a");
    assert_eq!(r("a/b", "."), "a/b");
    assert_eq!(r("../a/b", "."), "../a/b");
    assert_eq!(r("a", "../b"), format!("../{curdir}/a"));
    assert_eq!(r("a/b", "../c"), format!("../{curdir}/a/b"));
    assert_eq!(r("a", "b/c"), "../../a");
    assert_eq!(r("a", "a"), ".");
    assert_eq!(r("/foo/bar/bat", "/x/y/z"), "../../../foo/bar/bat");
    assert_eq!(r("/foo/bar/bat", "/foo/bar"), "bat");
    assert_eq!(r("/foo/bar/bat", "/"), "foo/bar/bat");
    assert_eq!(r("/", "/foo/bar/bat"), "../../..");
    assert_eq!(r("/foo/bar/bat", "/x"), "../foo/bar/bat");
    assert_eq!(r("/x", "/foo/bar/bat"), "../../../x");
    assert_eq!(r("/", "/"), ".");
    assert_eq!(r("/a", "/a"), ".");
    assert_eq!(r("/a/b", "/a/b"), ".");

    os::chdir("/").unwrap();
    std::fs::remove_dir_all(
        std::env::temp_dir().join(format!("strata-posixpath-deep-{}", std::process::id())),
    )
    .unwrap();
    for tag in ["fs", "indirect", "parents", "before", "first", "rel"] {
        let dir =
            std::env::temp_dir().join(format!("strata-posixpath-{tag}-{}", std::process::id()));
        std::fs::remove_dir_all(dir).unwrap();
    }
}

#[test]
fn islink_and_ismount() {
    let d = fresh_dir("links");
    let a = |suffix: &str| cat(&d, suffix);
    assert!(!path::islink(a("/T1")));
    assert!(!path::lexists(a("/T2")));
    std::fs::write(s(&a("/T1")), b"foo").unwrap();
    assert!(!path::islink(a("/T1")));
    os::symlink(a("/T1"), a("/T2")).unwrap();
    assert!(path::islink(a("/T2")));
    os::unlink(a("/T1")).unwrap();
    assert!(path::islink(a("/T2")));
    assert!(!path::exists(a("/T2")));
    assert!(path::lexists(a("/T2")));
    assert!(!path::islink(a("/T\u{ff}")));
    assert!(!path::islink(cat(&d, "/T\0")));
    assert!(path::ismount("/") && path::ismount(b"/"));
    assert!(!path::ismount(a("/T2")));
    assert!(!path::ismount(a("/none")));
    assert!(!path::ismount(b"/\xff") && !path::ismount(b"/\0"));
    std::fs::remove_dir_all(s(&d)).unwrap();
}

#[test]
fn tables() {
    let normpath_cases = [
        ("", "."),
        ("/", "/"),
        ("/.", "/"),
        ("/./", "/"),
        ("/.//.", "/"),
        ("/foo", "/foo"),
        ("/foo/bar", "/foo/bar"),
        ("//", "//"),
        ("///", "/"),
        ("///foo/.//bar//", "/foo/bar"),
        ("///foo/.//bar//.//..//.//baz///", "/foo/baz"),
        ("///..//./foo/.//bar", "/foo/bar"),
        (".", "."),
        (".//.", "."),
        ("..", ".."),
        ("../", ".."),
        ("../foo", "../foo"),
        ("../../foo", "../../foo"),
        ("../foo/../bar", "../bar"),
        ("../../foo/../bar/./baz/boom/..", "../../bar/baz"),
        ("/..", "/"),
        ("/../", "/"),
        ("/..//", "/"),
        ("//.", "//"),
        ("//..", "//"),
        ("//...", "//..."),
        ("//../foo", "//foo"),
        ("//../../foo", "//foo"),
        ("/../foo", "/foo"),
        ("/../../foo", "/foo"),
        ("/../foo/../", "/"),
        ("/../foo/../bar", "/bar"),
        ("/../../foo/../bar/./baz/boom/..", "/bar/baz"),
        ("/../../foo/../bar/./baz/boom/.", "/bar/baz/boom"),
        ("foo/../bar/baz", "bar/baz"),
        ("foo/../../bar/baz", "../bar/baz"),
        ("foo/../../../bar/baz", "../../bar/baz"),
        ("foo///../bar/.././../baz/boom", "../baz/boom"),
        ("foo/bar/../..///../../baz/boom", "../../baz/boom"),
        ("/foo/..", "/"),
        ("/foo/../..", "/"),
        ("//foo/..", "//"),
        ("//foo/../..", "//"),
        ("///foo/..", "/"),
        ("///foo/../..", "/"),
        ("////foo/..", "/"),
        ("/////foo/..", "/"),
    ];
    for (p, want) in normpath_cases {
        assert_eq!(s(&path::normpath(p)), want, "normpath({p:?})");
    }

    let commonpath_cases: [(&[&str], &str); 23] = [
        (&["/usr/local"], "/usr/local"),
        (&["/usr/local", "/usr/local"], "/usr/local"),
        (&["/usr/local/", "/usr/local"], "/usr/local"),
        (&["/usr/local/", "/usr/local/"], "/usr/local"),
        (&["/usr//local", "//usr/local"], "/usr/local"),
        (&["/usr/./local", "/./usr/local"], "/usr/local"),
        (&["/", "/dev"], "/"),
        (&["/usr", "/dev"], "/"),
        (&["/usr/lib/", "/usr/lib/python3"], "/usr/lib"),
        (&["/usr/lib/", "/usr/lib64/"], "/usr"),
        (&["/usr/lib", "/usr/lib64"], "/usr"),
        (&["/usr/lib/", "/usr/lib64"], "/usr"),
        (&["spam"], "spam"),
        (&["spam", "spam"], "spam"),
        (&["spam", "alot"], ""),
        (&["and/jam", "and/spam"], "and"),
        (&["and//jam", "and/spam//"], "and"),
        (&["and/./jam", "./and/spam"], "and"),
        (&["and/jam", "and/spam", "alot"], ""),
        (&["and/jam", "and/spam", "and"], "and"),
        (&[""], ""),
        (&["", "spam/alot"], ""),
        (&["/usr/local"], "/usr/local"),
    ];
    for (paths, want) in commonpath_cases {
        assert_eq!(s(&path::commonpath(paths).unwrap()), want, "{paths:?}");
    }
    for paths in [
        &["/usr", "usr"][..],
        &["usr", "/usr"],
        &["", "/spam/alot"],
        &[],
    ] {
        assert!(path::commonpath(paths).is_err(), "{paths:?}");
    }

    let splitext_cases = [
        ("foo.bar", "foo", ".bar"),
        ("foo.boo.bar", "foo.boo", ".bar"),
        ("foo.boo.biff.bar", "foo.boo.biff", ".bar"),
        (".csh.rc", ".csh", ".rc"),
        ("nodots", "nodots", ""),
        (".cshrc", ".cshrc", ""),
        ("...manydots", "...manydots", ""),
        ("...manydots.ext", "...manydots", ".ext"),
        (".", ".", ""),
        ("..", "..", ""),
        ("........", "........", ""),
        ("", "", ""),
    ];
    for (p, root, ext) in splitext_cases {
        // CPython's splitextTest: the path alone and in a few places.
        for (prefix, suffix) in [
            ("", ""),
            ("/", ""),
            ("abc/", ""),
            ("abc.def/", ""),
            ("/abc.def/", ""),
        ] {
            let full = format!("{prefix}{p}{suffix}");
            let (r, e) = path::splitext(&full);
            assert_eq!(
                (s(&r), s(&e)),
                (format!("{prefix}{root}"), ext.to_string()),
                "{full:?}"
            );
        }
        let (r, e) = path::splitext(format!("{p}/"));
        assert_eq!((s(&r), s(&e)), (format!("{p}/"), String::new()));
    }

    assert_eq!(path::join_all("/foo", ["bar", "/bar", "baz"]), b"/bar/baz");
    assert_eq!(path::join_all("/foo", ["bar", "baz"]), b"/foo/bar/baz");
    assert_eq!(path::join_all("/foo/", ["bar/", "baz/"]), b"/foo/bar/baz/");
    assert_eq!(path::split("////foo"), (b"////".to_vec(), b"foo".to_vec()));
    assert_eq!(
        path::split("//foo//bar"),
        (b"//foo".to_vec(), b"bar".to_vec())
    );
    assert_eq!(path::dirname("////foo"), b"////");
    assert_eq!(path::basename("//foo//bar"), b"bar");
    assert!(!path::isabs("") && path::isabs("/") && !path::isabs("foo/bar"));
}

#[test]
fn expanduser_follows_home_then_passwd() {
    // test_expanduser_home_envvar, with HOME given.
    assert_eq!(
        path::expanduser_with("~", Some(b"/home/victor"), b""),
        b"/home/victor"
    );
    assert_eq!(
        path::expanduser_with("~", Some(b"/home/victor/"), b""),
        b"/home/victor"
    );
    for home in ["/", "", "//", "///"] {
        let h = Some(home.as_bytes());
        assert_eq!(path::expanduser_with("~", h, b""), b"/");
        assert_eq!(path::expanduser_with("~/", h, b""), b"/");
        assert_eq!(path::expanduser_with("~/foo", h, b""), b"/foo");
    }
    assert_eq!(path::expanduser_with("foo", None, b""), b"foo");
    // The user is in no database: unchanged.
    for p in ["~", "~/.local", "~vstinner/"] {
        assert_eq!(path::expanduser_with(p, None, b""), p.as_bytes());
    }
}
