//! The heap against a model: random allocate/grow/shrink/free sequences,
//! every byte written checked when the block moves or dies.

extern crate std;
use super::Heap;
use super::classes::{COUNT, natural_align, size};
use core::alloc::{GlobalAlloc, Layout};
use std::vec::Vec;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A live block in the model: where, its layout, the seed of its bytes.
struct Block {
    ptr: *mut u8,
    layout: Layout,
    seed: u8,
}

fn fill(b: &Block) {
    for i in 0..b.layout.size() {
        // SAFETY: i < size.
        unsafe { *b.ptr.add(i) = b.seed.wrapping_add(i as u8) };
    }
}

fn intact(b: &Block, len: usize) -> bool {
    // SAFETY: len <= size.
    (0..len).all(|i| unsafe { *b.ptr.add(i) } == b.seed.wrapping_add(i as u8))
}

fn random_layout(rng: &mut Rng) -> Layout {
    let size = match rng.below(10) {
        0..=5 => 1 + rng.below(256),
        6 | 7 => 1 + rng.below(8192),
        8 => 1 + rng.below(70_000),
        _ => 60_000 + rng.below(400_000),
    };
    let max_shift = if rng.below(8) == 0 { 14 } else { 5 };
    let align = 1 << rng.below(max_shift);
    Layout::from_size_align(size, align).unwrap()
}

#[test]
fn random_sequences_match_the_model() {
    let mut rng = Rng(0xdead_beef_1234_5678);
    let mut live: Vec<Block> = Vec::new();
    for step in 0..60_000u32 {
        match rng.below(10) {
            0..=4 => {
                let layout = random_layout(&mut rng);
                let zero = rng.below(4) == 0;
                // SAFETY: the layout has a non-zero size.
                let ptr = unsafe {
                    if zero {
                        Heap.alloc_zeroed(layout)
                    } else {
                        Heap.alloc(layout)
                    }
                };
                assert!(!ptr.is_null());
                assert!(
                    (ptr as usize).is_multiple_of(layout.align()),
                    "misaligned {layout:?}"
                );
                if zero {
                    // SAFETY: the block has layout.size() bytes.
                    assert!(
                        (0..layout.size()).all(|i| unsafe { *ptr.add(i) } == 0),
                        "not zeroed at step {step}"
                    );
                }
                let block = Block {
                    ptr,
                    layout,
                    seed: step as u8,
                };
                fill(&block);
                live.push(block);
            }
            5 | 6 if !live.is_empty() => {
                let i = rng.below(live.len());
                let b = &mut live[i];
                let new_size = random_layout(&mut rng).size();
                assert!(intact(b, b.layout.size()), "corrupted before realloc");
                // SAFETY: the block is live with this layout.
                let ptr = unsafe { Heap.realloc(b.ptr, b.layout, new_size) };
                assert!(!ptr.is_null());
                assert!((ptr as usize).is_multiple_of(b.layout.align()));
                let kept = b.layout.size().min(new_size);
                b.ptr = ptr;
                b.layout = Layout::from_size_align(new_size, b.layout.align()).unwrap();
                assert!(intact(b, kept), "realloc lost bytes");
                fill(b);
            }
            _ if !live.is_empty() => {
                let b = live.swap_remove(rng.below(live.len()));
                assert!(
                    intact(&b, b.layout.size()),
                    "corrupted at step {step}: {:?}",
                    b.layout
                );
                // SAFETY: the block is live with this layout.
                unsafe { Heap.dealloc(b.ptr, b.layout) };
            }
            _ => {}
        }
    }
    for b in live {
        assert!(intact(&b, b.layout.size()));
        // SAFETY: the block is live with this layout.
        unsafe { Heap.dealloc(b.ptr, b.layout) };
    }
}

#[test]
fn every_class_and_alignment_round_trips() {
    for class in 0..COUNT {
        for align in [1, 8, 16, natural_align(class)] {
            let layout = Layout::from_size_align(size(class), align).unwrap();
            // Enough to fill more than one span.
            let blocks: Vec<*mut u8> = (0..40)
                .map(|k| {
                    // SAFETY: non-zero size.
                    let p = unsafe { Heap.alloc(layout) };
                    assert!(!p.is_null() && (p as usize).is_multiple_of(align));
                    // SAFETY: the block has size(class) bytes.
                    unsafe { core::ptr::write_bytes(p, k as u8, size(class)) };
                    p
                })
                .collect();
            for (k, &p) in blocks.iter().enumerate() {
                // SAFETY: each block is live and was filled with k.
                assert!((0..size(class)).all(|i| unsafe { *p.add(i) } == k as u8));
                // SAFETY: live block of this layout.
                unsafe { Heap.dealloc(p, layout) };
            }
        }
    }
}
