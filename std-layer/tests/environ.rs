//! In a std program, std's environment and Strata's `os.environ` are one:
//! each sees the other's changes, and a child Strata starts gets both.

use strata_std::os;

#[test]
fn std_and_strata_see_each_others_changes() {
    // SAFETY: this test binary's only test; no other thread reads the
    // environment meanwhile.
    unsafe { std::env::set_var("STRATA_STD_A", "from std") };
    assert_eq!(os::getenv("STRATA_STD_A"), Some(b"from std".to_vec()));
    assert!(os::environ().any(|(k, v)| k == b"STRATA_STD_A" && v == b"from std"));

    os::putenv("STRATA_STD_B", "from strata").unwrap();
    assert_eq!(std::env::var("STRATA_STD_B").as_deref(), Ok("from strata"));
    os::putenv("STRATA_STD_A", "changed").unwrap();
    assert_eq!(std::env::var("STRATA_STD_A").as_deref(), Ok("changed"));

    // A child started by Strata gets both changes.
    let status = os::system("test \"$STRATA_STD_A,$STRATA_STD_B\" = 'changed,from strata'");
    assert_eq!(status.map(os::waitstatus_to_exitcode), Ok(Ok(0)));

    os::unsetenv("STRATA_STD_B").unwrap();
    assert!(std::env::var_os("STRATA_STD_B").is_none());
    // SAFETY: as above.
    unsafe { std::env::remove_var("STRATA_STD_A") };
    assert_eq!(os::getenv("STRATA_STD_A"), None);
    assert_eq!(
        os::putenv("BAD=NAME", "x").map_err(|e| e.errno()),
        Err(strata_std::errno::EINVAL)
    );
}
