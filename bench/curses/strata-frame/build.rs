//! Links the program static and libc-free, as the project's test programs
//! and a user's program are (strata-build).
fn main() {
    strata_build::link_static();
}
