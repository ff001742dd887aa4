//! Links the logging benchmark's programs static and libc-free.
fn main() {
    strata_build::link_static();
}
