//! Runs Strata's static programs where a user would run them: natively,
//! under `qemu-user` for the other architectures, and as PID 1 of a real
//! Linux kernel under `qemu-system` — and checks what they print.
//!
//! - [`cpio`] writes the initramfs (newc) that holds the program as `/init`.
//! - [`machine`] knows each architecture's QEMU binaries, console and kernel.
//! - [`run`] runs a program through a [`run::Runner`] (natively, under
//!   qemu-user, under a wrapper) and captures it.
//! - [`qemu_user`] finds the qemu-user emulators (Debian 12's own and an
//!   installed one) and their versions.
//! - [`boot`] boots a program as PID 1 and reads the serial console.
//! - [`tap`] reads `ok N - name` lines.
//! - [`elf`] checks that a program is static: no `PT_INTERP`, no `DT_NEEDED`.
//! - [`tiers`] is the harness of test tiers 2-4, built on all of the above.
//! - [`template`] builds the template crate (`examples/template`) as a
//!   user would, for each architecture, runs it and `cargo test`s it.

pub mod boot;
pub mod cpio;
pub mod elf;
pub mod machine;
pub mod qemu_user;
pub mod run;
pub mod tap;
pub mod template;
pub mod tiers;
