//! The heap test program: random allocate/grow/shrink/free sequences
//! checked against a model, every size class and alignment, allocation
//! failure as a value, and RSS falling after a freed peak.
//!
//! `heap oom` instead makes an infallible allocation that cannot succeed:
//! Rust's std prints `memory allocation of N bytes failed` and aborts.
#![no_std]
#![no_main]

extern crate alloc;

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::{GlobalAlloc, Layout};
use strata_alloc::os;
use strata_tests::{Rng, Tap};

strata_alloc::main!(main);

fn main() -> i32 {
    if os::argv().nth(1).map(|a| a.to_bytes()) == Some(b"oom") {
        // Blocks of half the address space: the first already fails on
        // 64-bit; a 32-bit process runs out by the fourth.
        let mut held: Vec<Vec<u8>> = Vec::new();
        for _ in 0..8 {
            held.push(Vec::with_capacity(isize::MAX as usize / 2));
        }
        return held.len() as i32;
    }
    if os::argv().nth(1).map(|a| a.to_bytes()) == Some(b"churn") {
        return churn();
    }
    let mut tap = Tap::new();
    model(&mut tap);
    classes_and_alignments(&mut tap);
    collections(&mut tap);
    failure_is_a_value(&mut tap);
    rss_falls_after_peak(&mut tap);
    tap.finish()
}

/// `heap churn`: what a parser does that copies the rest of a long
/// argument at every step (argparse on a 200,000-character option
/// cluster): 16,800 buffers above 64 KiB, each copied and freed. The
/// harness counts the memory-mapping calls under strace: with the cache of
/// large mappings they stay a few dozen, not two per buffer.
fn churn() -> i32 {
    let mut rest: Vec<u8> = alloc::vec![b'v'; 200_000];
    let mut steps = 0usize;
    while rest.len() > 8 {
        rest = rest[8..].to_vec();
        steps += 1;
    }
    strata_alloc::println!("{steps} copies");
    0
}

/// A live block: its bytes are `seed + i`.
struct Block {
    ptr: *mut u8,
    layout: Layout,
    seed: u8,
}

impl Block {
    fn fill(&self) {
        for i in 0..self.layout.size() {
            // SAFETY: i < size, the block is live.
            unsafe { *self.ptr.add(i) = self.seed.wrapping_add(i as u8) };
        }
    }
    fn intact(&self, len: usize) -> bool {
        // SAFETY: len <= size, the block is live.
        (0..len).all(|i| unsafe { *self.ptr.add(i) } == self.seed.wrapping_add(i as u8))
    }
}

fn random_layout(rng: &mut Rng) -> Layout {
    let size = match rng.below(10) {
        0..=5 => 1 + rng.below(256),
        6 | 7 => 1 + rng.below(8192),
        8 => 1 + rng.below(70_000),
        _ => 60_000 + rng.below(300_000),
    };
    let shift = if rng.below(8) == 0 { 13 } else { 5 };
    Layout::from_size_align(size, 1 << rng.below(shift)).unwrap_or(Layout::new::<u8>())
}

fn model(tap: &mut Tap) {
    let heap = strata_alloc::heap::Heap;
    let mut rng = Rng(0x5151_a7a7_0101_2323);
    let mut live: Vec<Block> = Vec::new();
    let (mut aligned, mut zeroed, mut kept, mut intact) = (true, true, true, true);
    for step in 0..20_000u32 {
        match rng.below(10) {
            0..=4 => {
                let layout = random_layout(&mut rng);
                let zero = rng.below(4) == 0;
                // SAFETY: non-zero size.
                let ptr = unsafe {
                    if zero {
                        heap.alloc_zeroed(layout)
                    } else {
                        heap.alloc(layout)
                    }
                };
                if ptr.is_null() {
                    intact = false;
                    continue;
                }
                aligned &= (ptr as usize).is_multiple_of(layout.align());
                if zero {
                    // SAFETY: the block has layout.size() bytes.
                    zeroed &= (0..layout.size()).all(|i| unsafe { *ptr.add(i) } == 0);
                }
                let block = Block {
                    ptr,
                    layout,
                    seed: step as u8,
                };
                block.fill();
                live.push(block);
            }
            5 | 6 if !live.is_empty() => {
                let i = rng.below(live.len());
                let new_size = random_layout(&mut rng).size();
                let b = &mut live[i];
                intact &= b.intact(b.layout.size());
                // SAFETY: the block is live with this layout.
                let ptr = unsafe { heap.realloc(b.ptr, b.layout, new_size) };
                if ptr.is_null() {
                    kept = false;
                    continue;
                }
                let old = b.layout.size();
                b.ptr = ptr;
                b.layout = Layout::from_size_align(new_size, b.layout.align()).unwrap_or(b.layout);
                aligned &= (ptr as usize).is_multiple_of(b.layout.align());
                kept &= b.intact(old.min(new_size));
                b.fill();
            }
            _ if !live.is_empty() => {
                let b = live.swap_remove(rng.below(live.len()));
                intact &= b.intact(b.layout.size());
                // SAFETY: the block is live with this layout.
                unsafe { heap.dealloc(b.ptr, b.layout) };
            }
            _ => {}
        }
    }
    for b in live.drain(..) {
        intact &= b.intact(b.layout.size());
        // SAFETY: the block is live with this layout.
        unsafe { heap.dealloc(b.ptr, b.layout) };
    }
    tap.check(
        "20,000 random operations: every byte written is intact",
        intact,
    );
    tap.check("every block meets its alignment", aligned);
    tap.check("zeroed allocations read as zero", zeroed);
    tap.check("realloc keeps the bytes that fit", kept);
}

fn classes_and_alignments(tap: &mut Tap) {
    let heap = strata_alloc::heap::Heap;
    let mut ok = true;
    let mut size = 1;
    while size <= 300_000 {
        for shift in 0..=13 {
            let Ok(layout) = Layout::from_size_align(size, 1 << shift) else {
                continue;
            };
            let blocks: Vec<*mut u8> = (0..3)
                .map(|k| {
                    // SAFETY: non-zero size.
                    let p = unsafe { heap.alloc(layout) };
                    ok &= !p.is_null() && (p as usize).is_multiple_of(layout.align());
                    if !p.is_null() {
                        // SAFETY: the block has `size` bytes.
                        unsafe { core::ptr::write_bytes(p, k, size) };
                    }
                    p
                })
                .collect();
            for (k, p) in blocks.into_iter().enumerate() {
                if !p.is_null() {
                    // SAFETY: live block filled with k.
                    ok &= unsafe { *p == k as u8 && *p.add(size - 1) == k as u8 };
                    // SAFETY: live block of this layout.
                    unsafe { heap.dealloc(p, layout) };
                }
            }
        }
        // Every class boundary and its neighbours, then large sizes.
        size = if size < 70_000 {
            size + 1 + size / 9
        } else {
            size * 2
        };
    }
    tap.check("sizes across every class and alignments up to 8 KiB", ok);
}

fn collections(tap: &mut Tap) {
    let mut map = BTreeMap::new();
    for i in 0..20_000u32 {
        map.insert(i, String::from(if i % 2 == 0 { "even" } else { "odd" }));
    }
    let odd = map.values().filter(|v| v.as_str() == "odd").count();
    let mut v: Vec<u64> = Vec::new();
    for i in 0..1_000_000 {
        v.push(i);
    }
    let sum: u64 = v.iter().sum();
    tap.check(
        "BTreeMap, String and a growing Vec work",
        odd == 10_000 && sum == 499_999_500_000,
    );
}

fn failure_is_a_value(tap: &mut Tap) {
    // Blocks of half the address space: the first fails on 64-bit; a 32-bit
    // process runs out by the fourth.
    let mut held: Vec<Vec<u8>> = Vec::new();
    let mut refused = false;
    for _ in 0..8 {
        let mut v: Vec<u8> = Vec::new();
        if v.try_reserve(isize::MAX as usize / 2).is_err() {
            refused = true;
            break;
        }
        held.push(v);
    }
    drop(held);
    tap.check(
        "try_reserve of more than the address space holds is an error",
        refused,
    );
    let mut v: Vec<u8> = Vec::new();
    tap.check(
        "the heap still works afterwards",
        v.try_reserve(100).is_ok(),
    );
}

/// Resident pages, from /proc/self/statm (None where /proc is absent, as
/// for PID 1 with nothing mounted).
fn resident_pages() -> Option<usize> {
    let fd = rustix::fs::open(
        c"/proc/self/statm",
        rustix::fs::OFlags::RDONLY,
        rustix::fs::Mode::empty(),
    )
    .ok()?;
    let mut buf = [0u8; 128];
    let n = rustix::io::read(&fd, &mut buf).ok()?;
    let text = core::str::from_utf8(&buf[..n]).ok()?;
    text.split(' ').nth(1)?.parse().ok()
}

fn rss_falls_after_peak(tap: &mut Tap) {
    let Some(before) = resident_pages() else {
        strata_alloc::println!("# /proc is not mounted: RSS check skipped");
        return;
    };
    // A peak of about 120 MiB: 85 MiB in 100,000 small and mid blocks,
    // 32 MiB in large ones.
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    for i in 0..100_000usize {
        let size = [48, 200, 1000, 5000][i % 4] / if i % 7 == 0 { 1 } else { 2 };
        blocks.push(alloc::vec![i as u8; size]);
    }
    for i in 0..8 {
        blocks.push(alloc::vec![i as u8; 4 << 20]);
    }
    let peak = resident_pages().unwrap_or(0);
    drop(blocks);
    let after = resident_pages().unwrap_or(usize::MAX);
    let grown = peak.saturating_sub(before);
    let left = after.saturating_sub(before);
    strata_alloc::println!("# RSS pages: before {before}, peak {peak}, after free {after}");
    tap.check(
        "RSS after freeing a peak is at most 0.2 of the peak",
        grown > 10_000 && left * 5 <= grown,
    );
}
