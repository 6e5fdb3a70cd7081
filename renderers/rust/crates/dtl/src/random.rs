//! The crate's one pseudo-random source, shared by `{% lorem %}` and the `random` filter. Django draws
//! from Python's `random` module there; the output only has to vary, so a per-thread xorshift seeded
//! from the clock serves both.

use std::cell::Cell;
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    static SEED: Cell<u64> = Cell::new(
        SystemTime::now().duration_since(UNIX_EPOCH).map_or(0x9e37_79b9, |d| d.as_nanos() as u64) | 1,
    );
}

/// xorshift64*: lorem text and `random` need variety, not cryptographic quality.
pub fn next_random() -> u64 {
    SEED.with(|s| {
        let mut x = s.get();
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        s.set(x);
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    })
}
