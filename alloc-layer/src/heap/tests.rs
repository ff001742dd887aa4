//! The heap against a model: random allocate/grow/shrink/free sequences,
//! every byte written checked when the block moves or dies.

extern crate std;
use super::Heap;
use super::cache::{CACHED_CLASSES, ThreadCache};
use super::classes::{COUNT, class_for, natural_align, size};
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

/// A live block of the threaded model: where, how many bytes it really
/// has, its layout and class, and the seed of its bytes.
#[derive(Clone, Copy)]
struct Live {
    ptr: usize,
    usable: usize,
    layout: Layout,
    seed: u8,
}

fn fill_live(b: &Live) {
    for i in 0..b.usable {
        // SAFETY: the block has `usable` bytes.
        unsafe { *(b.ptr as *mut u8).add(i) = b.seed.wrapping_add(i as u8) };
    }
}

fn live_intact(b: &Live) -> bool {
    // SAFETY: the block has `usable` bytes.
    (0..b.usable).all(|i| unsafe { *(b.ptr as *const u8).add(i) } == b.seed.wrapping_add(i as u8))
}

/// A block of `layout` as a thread with `cache` gets it: through the cache
/// for the cached classes, as the threaded heap does.
fn alloc_as(cache: &mut ThreadCache, layout: Layout) -> *mut u8 {
    match class_for(layout.size(), layout.align()) {
        Some(class) if class < CACHED_CLASSES => super::alloc_from(cache, class),
        // SAFETY: non-zero size.
        _ => unsafe { Heap.alloc(layout) },
    }
}

/// Frees a block of `layout` as a thread with `cache` does.
///
/// # Safety
/// The block is live with this layout and nobody uses it any more.
unsafe fn free_as(cache: &mut ThreadCache, ptr: *mut u8, layout: Layout) {
    match class_for(layout.size(), layout.align()) {
        // SAFETY: as the caller guarantees.
        Some(class) if class < CACHED_CLASSES => unsafe { super::free_to(cache, ptr, class) },
        // SAFETY: as the caller guarantees.
        _ => unsafe { Heap.dealloc(ptr, layout) },
    }
}

fn cached_layout(rng: &mut Rng) -> Layout {
    let size = match rng.below(8) {
        0..=4 => 1 + rng.below(128),
        5 | 6 => 1 + rng.below(4096),
        _ => 1 + rng.below(20_000),
    };
    let max_shift = if rng.below(8) == 0 { 9 } else { 4 };
    let align = 1 << rng.below(max_shift);
    Layout::from_size_align(size, align).unwrap()
}

/// Checks `b` against every other live block: no byte shared.
fn check_apart(live: &std::collections::BTreeMap<usize, Live>, b: &Live) {
    if let Some((_, below)) = live.range(..b.ptr).next_back() {
        assert!(
            below.ptr + below.usable <= b.ptr,
            "overlaps the block below"
        );
    }
    if let Some((_, above)) = live.range(b.ptr..).next() {
        assert!(b.ptr + b.usable <= above.ptr, "overlaps the block above");
    }
}

/// The model check of the caches: a seeded random schedule of allocations
/// and frees by four simulated threads (four caches), each freeing blocks
/// any of them allocated. Every block's usable bytes are filled and
/// checked at its free; no two live blocks share a byte; usable sizes
/// cover the request; the caches never pass their bounds and flush empty,
/// leaving the live blocks intact.
#[test]
fn threads_freeing_each_others_blocks_match_the_model() {
    use std::boxed::Box;
    use std::collections::BTreeMap;
    for seed in [1u64, 0x5eed, 0xfeed_f00d, 0x1234_5678_9abc] {
        let mut rng = Rng(seed);
        let mut caches: Vec<Box<ThreadCache>> =
            (0..4).map(|_| Box::new(ThreadCache::new())).collect();
        let mut live: BTreeMap<usize, Live> = BTreeMap::new();
        let mut order: Vec<usize> = Vec::new();
        for step in 0..40_000u32 {
            let t = rng.below(caches.len());
            if rng.below(9) < 5 || order.is_empty() {
                let layout = cached_layout(&mut rng);
                let ptr = alloc_as(&mut caches[t], layout);
                assert!(!ptr.is_null());
                assert!(
                    (ptr as usize).is_multiple_of(layout.align()),
                    "misaligned {layout:?}"
                );
                let b = Live {
                    ptr: ptr as usize,
                    usable: super::usable_size(layout),
                    layout,
                    seed: step as u8,
                };
                assert!(b.usable >= layout.size());
                check_apart(&live, &b);
                fill_live(&b);
                live.insert(b.ptr, b);
                order.push(b.ptr);
            } else {
                let at = order.swap_remove(rng.below(order.len()));
                let b = live.remove(&at).unwrap();
                assert!(
                    live_intact(&b),
                    "seed {seed} step {step}: {:?} corrupted",
                    b.layout
                );
                // SAFETY: the block is live with this layout; out of the model.
                unsafe { free_as(&mut caches[t], b.ptr as *mut u8, b.layout) };
            }
            for class in 0..CACHED_CLASSES {
                assert!(caches[t].count(class) <= super::cache::limit(class));
            }
        }
        for b in live.values() {
            assert!(live_intact(b));
        }
        for cache in &mut caches {
            super::flush_all(cache);
            assert!((0..CACHED_CLASSES).all(|c| cache.count(c) == 0));
        }
        for (i, b) in live.values().enumerate() {
            // SAFETY: live with this layout.
            unsafe { free_as(&mut caches[i % 4], b.ptr as *mut u8, b.layout) };
        }
        for cache in &mut caches {
            super::flush_all(cache);
        }
    }
}

/// Four real threads, each with its own cache, allocating mixed sizes and
/// passing blocks to each other through a queue: every block arrives
/// intact and is freed by whoever takes it.
#[test]
fn real_threads_pass_blocks_through_their_caches() {
    use std::sync::{Arc, Mutex};
    let queue: Arc<Mutex<Vec<Live>>> = Arc::new(Mutex::new(Vec::new()));
    let handles: Vec<_> = (0..4u64)
        .map(|t| {
            let queue = queue.clone();
            std::thread::spawn(move || {
                let mut cache = ThreadCache::new();
                let mut rng = Rng(0x9e37_79b9 + t);
                let mut mine: Vec<Live> = Vec::new();
                for step in 0..20_000u32 {
                    match rng.below(4) {
                        0 | 1 => {
                            let layout = cached_layout(&mut rng);
                            let ptr = alloc_as(&mut cache, layout);
                            assert!(!ptr.is_null());
                            let b = Live {
                                ptr: ptr as usize,
                                usable: super::usable_size(layout),
                                layout,
                                seed: (step as u8) ^ (t as u8),
                            };
                            fill_live(&b);
                            if rng.below(2) == 0 {
                                queue.lock().unwrap().push(b);
                            } else {
                                mine.push(b);
                            }
                        }
                        2 if !mine.is_empty() => {
                            let b = mine.swap_remove(rng.below(mine.len()));
                            assert!(live_intact(&b));
                            // SAFETY: ours, live with this layout.
                            unsafe { free_as(&mut cache, b.ptr as *mut u8, b.layout) };
                        }
                        _ => {
                            let got = queue.lock().unwrap().pop();
                            if let Some(b) = got {
                                assert!(live_intact(&b), "a passed block was corrupted");
                                // SAFETY: handed over through the queue, live.
                                unsafe { free_as(&mut cache, b.ptr as *mut u8, b.layout) };
                            }
                        }
                    }
                }
                for b in mine {
                    assert!(live_intact(&b));
                    // SAFETY: ours, live with this layout.
                    unsafe { free_as(&mut cache, b.ptr as *mut u8, b.layout) };
                }
                super::flush_all(&mut cache);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    for b in queue.lock().unwrap().drain(..) {
        assert!(live_intact(&b));
        // SAFETY: left in the queue, live with this layout.
        unsafe { Heap.dealloc(b.ptr as *mut u8, b.layout) };
    }
}
