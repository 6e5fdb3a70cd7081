//! Times the virtual tree without N-API: `cargo run --release -p tessera_dtl --example diff_time -- OLD.html NEW.html`
//! prints the best of 30 runs of parsing OLD, diffing it against NEW, encoding the patches as JSON, and an
//! update that re-parses only what changed.

use std::time::{Duration, Instant};
use tessera_dtl::{patches_json, Marks, Page};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [old, new] = args.as_slice() else {
        eprintln!("usage: diff_time OLD.html NEW.html");
        std::process::exit(2);
    };
    let old = std::fs::read_to_string(old).expect("OLD.html is readable");
    let new = std::fs::read_to_string(new).expect("NEW.html is readable");
    let target = Page::parse(new.clone(), Marks::default());
    let mut best = [Duration::MAX; 4];
    let mut patches = 0;
    for _ in 0..30 {
        let t = Instant::now();
        let mut page = Page::parse(old.clone(), Marks::default());
        best[0] = best[0].min(t.elapsed());
        let t = Instant::now();
        let diff = page.diff(&target);
        best[1] = best[1].min(t.elapsed());
        let t = Instant::now();
        patches = patches_json(&diff).len();
        best[2] = best[2].min(t.elapsed());
        let t = Instant::now();
        page.update(new.clone(), Marks::default());
        best[3] = best[3].min(t.elapsed());
    }
    let [parse, diff, json, update] = best;
    println!("{} bytes: parse {parse:?}, diff {diff:?}, json {json:?} ({patches} bytes), update {update:?}", old.len());
}
