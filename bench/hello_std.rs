//! The Rust std peer of tests/src/bin/hello.rs, linked statically (glibc).
fn main() {
    println!("hello, world");
}
