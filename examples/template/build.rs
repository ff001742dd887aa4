//! Links the `wc` binary static and libc-free, for the host or any of the
//! three cross targets in .cargo/config.toml.
fn main() {
    strata_build::link_static();
}
