//! Parse-time micro-benchmark of the context JSON
//! (`cargo run --release -p tessera_dtl --example parse_time [-- CONTEXT.json]`): this crate's value model
//! against `serde_json::Value` and a parse that builds nothing. Without an argument it reads the 1,000-item
//! dashboard fixture that `npm run bench` writes to `tools/datasets/fixtures/`.

use std::time::Instant;

const DASHBOARD: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../../../../tools/datasets/fixtures/dashboard-1000-a.json");

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| DASHBOARD.to_string());
    let json = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path} ({e}): pass a context JSON file, or run `npm run bench` to write the fixtures");
        std::process::exit(2);
    });
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
