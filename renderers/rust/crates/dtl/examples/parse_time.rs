//! Parse-time micro-benchmark of the context JSON (`cargo run --release -p tessera_dtl --example parse_time`):
//! this crate's value model against `serde_json::Value` and a parse that builds nothing.

use std::time::Instant;
fn main() {
    let json = std::fs::read_to_string("../../tools/datasets/fixtures/dashboard-1000-a.json").unwrap();
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..200 {
            let v: tessera_dtl::Value = serde_json::from_str(&json).unwrap();
            std::hint::black_box(v);
        }
        let a = t.elapsed() / 200;
        let t = Instant::now();
        for _ in 0..200 {
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            std::hint::black_box(v);
        }
        let b = t.elapsed() / 200;
        let t = Instant::now();
        for _ in 0..200 {
            let v: serde::de::IgnoredAny = serde_json::from_str(&json).unwrap();
            std::hint::black_box(v);
        }
        println!("ours {a:?} serde_json::Value {b:?} ignored {:?}", t.elapsed() / 200);
    }
}
