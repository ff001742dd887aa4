//! The heap benchmark's workloads: `no_std` + `alloc`, so that the same
//! source runs on Strata's heap (tests/src/bin/bench_heap.rs), glibc's
//! malloc and musl's (bench/heap_std.rs). Each returns a checksum so that
//! nothing is optimised away, and frees everything it allocated.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

/// The workloads, by name.
pub const NAMES: [&str; 4] = ["small", "btree", "vec", "realloc"];

/// Runs workload `name`; `None` if there is none of that name.
pub fn run(name: &str) -> Option<u64> {
    Some(match name {
        "small" => small(),
        "btree" => btree(),
        "vec" => vec_doubling(),
        "realloc" => realloc_large(),
        _ => return None,
    })
}

/// 10 million allocations and frees of mixed small sizes (8 B to 1 KiB),
/// through a ring of 50,000 live blocks.
fn small() -> u64 {
    const LIVE: usize = 50_000;
    let mut ring: Vec<Option<Box<[u8]>>> = (0..LIVE).map(|_| None).collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut sum = 0u64;
    for i in 0..10_000_000usize {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let size = [8, 16, 24, 32, 48, 64, 100, 128, 200, 256, 500, 1024][(x % 12) as usize];
        let slot = (x >> 20) as usize % LIVE;
        let mut block = alloc::vec![0u8; size].into_boxed_slice();
        block[0] = i as u8;
        if let Some(old) = ring[slot].replace(block) {
            sum += u64::from(old[0]);
        }
    }
    sum
}

/// A BTreeMap of a million short strings, built and dropped.
fn btree() -> u64 {
    let mut map = BTreeMap::new();
    for i in 0..1_000_000u64 {
        let mut key = String::new();
        let _ = write!(key, "key-{:08}", i.wrapping_mul(2_654_435_761) % 1_000_003);
        map.insert(key, i);
    }
    let sum = map.values().take(1000).sum::<u64>() + map.len() as u64;
    drop(map);
    sum
}

/// A Vec grown to 1 GiB by doubling, written as it grows.
fn vec_doubling() -> u64 {
    let chunk = alloc::vec![7u8; 1 << 20];
    let mut v: Vec<u8> = Vec::new();
    while v.len() < 1 << 30 {
        v.extend_from_slice(&chunk);
    }
    let sum = v.len() as u64 + u64::from(v[v.len() / 2]);
    drop(v);
    sum
}

/// One large block realloc'd 20,000 times between 1 MiB and 64 MiB, its
/// last page written after each move.
fn realloc_large() -> u64 {
    let mut v: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut sum = 0u64;
    for i in 0..20_000usize {
        let want = (1 << 20) << (i % 7);
        if want > v.capacity() {
            v.reserve_exact(want - v.len());
        } else {
            v.truncate(want / 2);
            v.shrink_to(want);
        }
        let cap = v.capacity();
        v.resize(cap.min(v.len() + 4096), i as u8);
        sum += v.len() as u64;
    }
    sum
}
