//! `open()` with buffers on the heap: the `buffering` asked for, however
//! large, or by default 128 KiB, CPython 3.14's default (its `open()` takes
//! the larger of `st_blksize` and 128 KiB; 3.11 took `st_blksize`, often
//! 4 KiB, which costs a system call per 4 KiB).

use alloc::vec;
use alloc::vec::Vec;
use strata_core::io::{DEFAULT_BUFFER_SIZE, File, OpenOptions, Result, Target};

/// The default buffer size of the alloc layer's [`open()`]: 128 KiB, as
/// CPython 3.14's `io.DEFAULT_BUFFER_SIZE`.
pub const HEAP_BUFFER_SIZE: usize = 128 * 1024;

/// What the alloc layer's [`open()`] returns: core's [`File`] stack with
/// heap buffers.
pub type HeapFile = File<Vec<u8>, Vec<u8>>;

/// `open(file, mode)`—as core's [`strata_core::io::open`], with heap
/// buffers.
///
/// # References
/// - [open](https://docs.python.org/3/library/functions.html#open)
pub fn open<P: rustix_path::Arg>(path: P, mode: &str) -> Result<HeapFile> {
    open_with(path, mode, OpenOptions::default())
}

/// `open(file, mode, buffering, encoding, errors, newline, closefd,
/// opener)` with heap buffers: `buffering` may be any size (core's is cut
/// to its fixed storage). The default is [`HEAP_BUFFER_SIZE`].
pub fn open_with<P: rustix_path::Arg>(
    path: P,
    mode: &str,
    options: OpenOptions<'_>,
) -> Result<HeapFile> {
    open_target(Target::Path(path), mode, options)
}

/// `open(fd, mode, ...)`—wraps a descriptor, with heap buffers.
pub fn open_fd(fd: i32, mode: &str, options: OpenOptions<'_>) -> Result<HeapFile> {
    open_target(Target::<&str>::Fd(fd), mode, options)
}

fn open_target<P: rustix_path::Arg>(
    target: Target<P>,
    mode: &str,
    options: OpenOptions<'_>,
) -> Result<HeapFile> {
    // Core's open() uses the whole storage by default: size it.
    let size = match options.buffering {
        n if n > 1 => usize::try_from(n).unwrap_or(usize::MAX),
        _ => HEAP_BUFFER_SIZE,
    };
    let binary = mode.contains('b');
    let line = if binary {
        Vec::new()
    } else {
        vec![0; DEFAULT_BUFFER_SIZE]
    };
    File::open_in(target, mode, options, vec![0; size], line)
}

/// rustix's path argument trait, reached through core (the alloc layer has
/// no rustix dependency of its own).
mod rustix_path {
    pub use strata_core::io::PathArg as Arg;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{BufferedIOBaseExt, IOBase, TextIOBase, TextIOWrapperExt};

    #[test]
    fn any_buffer_size_and_whole_lines() {
        let path =
            std::env::temp_dir().join(std::format!("strata-alloc-open-{}", std::process::id()));
        let path = path.to_str().unwrap();
        let long = "é".repeat(10_000);
        let mut f = open(path, "w").unwrap();
        f.text().unwrap().write(&long).unwrap();
        f.text().unwrap().write("\nend\n").unwrap();
        f.close().unwrap();
        let mut f = open(path, "r").unwrap();
        let lines = f.text().unwrap().readlines().unwrap();
        assert_eq!(lines, [std::format!("{long}\n"), "end\n".into()]);
        let options = OpenOptions {
            buffering: 1 << 20,
            ..OpenOptions::default()
        };
        let mut f = open_with(path, "rb", options).unwrap();
        assert_eq!(f.binary().unwrap().buffer_size(), 1 << 20);
        let all = f.binary().unwrap().read(None).unwrap();
        assert_eq!(all.len(), long.len() + 5);
        std::fs::remove_file(path).unwrap();
    }
}
