//! The program's entry: [`main!`](crate::main) and what `main` may return.

use core::fmt::Display;

/// What a program's `main` may return, and how it becomes an exit status.
///
/// Like `std::process::Termination`: `()` is 0 and an integer is itself.
/// `Err(e)` is reported as a GNU tool reports a failure, and as Python's
/// last traceback line reads without the traceback: the program's name
/// (`argv[0]` without its directory), then the error's `Display`, on
/// stderr, and the status is 1. A `main` that opens a missing file with
/// `io::open("x", "r")?` ends with
/// `prog: [Errno 2] No such file or directory: 'x'`.
///
/// The error needs `Display` (std's `Termination` uses `Debug`): every
/// Strata error has it, and so does `Box<dyn core::error::Error>`, into
/// which `?` turns any of them.
pub trait Termination {
    /// The exit status for this value, after reporting it if it is an error.
    fn report(self) -> i32;
}

impl Termination for () {
    fn report(self) -> i32 {
        0
    }
}

impl Termination for i32 {
    fn report(self) -> i32 {
        self
    }
}

impl Termination for u8 {
    fn report(self) -> i32 {
        i32::from(self)
    }
}

impl<T: Termination, E: Display> Termination for Result<T, E> {
    fn report(self) -> i32 {
        match self {
            Ok(value) => value.report(),
            Err(error) => {
                crate::eprintln!("{}: {error}", Lossy(crate::os::program_name()));
                1
            }
        }
    }
}

/// Bytes shown as text, U+FFFD for what is not UTF-8.
struct Lossy<'a>(&'a [u8]);

impl Display for Lossy<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            if !chunk.invalid().is_empty() {
                f.write_str("\u{fffd}")?;
            }
        }
        Ok(())
    }
}

/// Declares the program's entry: `strata_core::main!(main);` in a
/// `#![no_std] #![no_main]` binary.
///
/// `main` is a `fn()` returning `()`, an `i32`/`u8` exit status, or a
/// `Result` (see [`Termination`](crate::rt::Termination)). The macro also
/// places what only a final program may define: `_start`, the panic
/// handler, and the C symbols of `strata_core`'s one symbol table
/// (`memcpy`, `memset`, ...).
///
/// Link the program with `strata_build::link_static()` from its
/// `build.rs`, and give its `[[bin]]` `test = false` and `bench = false`:
/// cargo would link the binary's test and bench harnesses with the same
/// static flags, so its tests belong in the crate's library. Built as a
/// harness anyway, the macro stops the build with a message that says so.
#[macro_export]
macro_rules! main {
    ($main:path) => {
        // Under `cargo test` these symbols would clash with std's, and the
        // harness would be linked without C's startup files: say what to
        // change rather than fail later with a duplicate lang item or a
        // crash.
        #[cfg(test)]
        ::core::compile_error!(
            "a Strata program's binary cannot be a test harness: give its [[bin]] \
             `test = false` and `bench = false` in Cargo.toml and put the unit tests \
             in the crate's lib (see strata_build's docs)"
        );

        // An anonymous const keeps these names out of the program's own
        // namespace; the symbols are still global.
        #[cfg(not(test))]
        const _: () = {
            /// The process entry point: hands the initial stack pointer to the
            /// runtime.
            ///
            /// # Safety
            /// Only the kernel jumps here, at exec.
            #[unsafe(naked)]
            #[unsafe(no_mangle)]
            pub unsafe extern "C" fn _start() -> ! {
                ::core::arch::naked_asm!(
                    $crate::__private::strata_arch::start_asm!(),
                    entry = sym __strata_entry,
                )
            }

            unsafe extern "C" fn __strata_entry(sp: *mut usize) -> ! {
                fn run() -> i32 {
                    $crate::rt::Termination::report($main())
                }
                // SAFETY: `_start` calls this once, with the kernel's stack.
                #[cfg(target_arch = "x86_64")]
                unsafe {
                    $crate::rt::start(sp, run)
                }
                // SAFETY: as above; the canary's global is this program's.
                #[cfg(not(target_arch = "x86_64"))]
                unsafe {
                    $crate::rt::start_guarded(sp, run, &raw mut __stack_chk_guard)
                }
            }

            #[panic_handler]
            fn __strata_panic(info: &::core::panic::PanicInfo<'_>) -> ! {
                $crate::rt::panic(info)
            }

            /// Named by unwind tables in the precompiled compiler-builtins (the
            /// ARM EHABI ones); never called, because nothing unwinds.
            #[unsafe(no_mangle)]
            extern "C" fn rust_eh_personality() {}

            /// Named by landing pads in the precompiled `alloc` (built to
            /// unwind, e.g. behind `format!`); unreachable in a program
            /// that aborts on panic, so reaching it is a bug worth stopping
            /// for.
            #[unsafe(no_mangle)]
            extern "C" fn _Unwind_Resume() -> ! {
                $crate::rt::abort()
            }

            $crate::__c_symbols!();
        };
    };
}
