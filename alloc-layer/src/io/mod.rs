//! Python's `io` module, alloc layer: core's [`strata_core::io`] plus the
//! in-memory streams and growable buffers that need a heap.

pub use strata_core::io::*;
