//! The threads benchmark's std peer with mimalloc as the allocator: the
//! same program as bench/thread/std_peer.rs, prints `FIGURE NAME VALUE`.
extern crate alloc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../std_peer.rs"]
mod std_peer;

fn main() {
    std_peer::main();
}
