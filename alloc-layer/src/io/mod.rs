//! Python's `io` module, alloc layer: core's [`strata_core::io`] plus what
//! needs a heap.
//!
//! ```
//! use strata_alloc::io::{BufferedIOBase, BytesIO, IOBase, Whence};
//!
//! let mut b = BytesIO::new();
//! b.write(b"hello, ")?;
//! b.write(b"world")?;
//! assert_eq!(b.getvalue()?, b"hello, world");
//! b.seek(0, Whence::Set)?;
//! let mut first = [0u8; 5];
//! assert_eq!(b.readinto(&mut first)?, 5);
//! assert_eq!(&first, b"hello");
//! # Ok::<(), strata_alloc::io::Error>(())
//! ```
//!
//! - [`BytesIO`] and [`StringIO`], the growable in-memory streams, with
//!   Python's semantics (zero-filled gaps, character positions for
//!   `StringIO`, newline translation on write).
//! - The reads that return owned data, for every stream of core's: `read`,
//!   `readall`, `readline`, `readlines` and line iterators
//!   ([`RawIOBaseExt`], [`BufferedIOBaseExt`], [`TextIOWrapperExt`]). A
//!   text line longer than core's line buffer comes back whole.
//! - [`open()`] with buffers on the heap ([`HeapFile`]): 128 KiB by default
//!   (CPython 3.14's size), or whatever `buffering` asks for.
//!
//! Everything else (the traits, `FileIO`, the buffered classes,
//! `TextIOWrapper`, the standard streams) is core's, re-exported. Heap
//! exhaustion is an error value (`ENOMEM`), never an abort, wherever these
//! functions grow a buffer.

pub use strata_core::io::*;

mod bytesio;
mod ext;
mod open;
mod stringio;

pub use bytesio::BytesIO;
pub use ext::{BufferedIOBaseExt, Lines, RawIOBaseExt, RawLines, TextIOWrapperExt, TextLines};
pub use open::{HEAP_BUFFER_SIZE, HeapFile, open, open_fd, open_with};
pub use stringio::StringIO;
