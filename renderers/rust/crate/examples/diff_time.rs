use std::time::{Duration, Instant};
use tessera_dtl::Page;
fn main() {
    let a = std::fs::read_to_string("/tmp/dash-a.html").unwrap();
    let b = std::fs::read_to_string("/tmp/dash-b.html").unwrap();
    let pb = Page::parse(b.clone());
    let (mut tp, mut td, mut tj, mut tc) = (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    for _ in 0..30 {
        let t = Instant::now();
        let n = a.bytes().filter(|&c| c == b'<').count();
        tc = tc.min(t.elapsed());
        assert!(n > 0);
        let t = Instant::now();
        let pa = Page::parse(a.clone());
        tp = tp.min(t.elapsed());
        let t = Instant::now();
        let d = pa.diff(&pb);
        td = td.min(t.elapsed());
        let t = Instant::now();
        let j = tessera_dtl::patches_json(&d);
        tj = tj.min(t.elapsed());
        assert!(!j.is_empty());
    }
    println!("bytes {} scan {tc:?} parse {tp:?} diff {td:?} json {tj:?}", a.len());
}
