//! The live pipeline without the N-API boundary
//! (`cargo run --release -p tessera_dtl --example pipeline_time -- IR.json A.json B.json`): a document mounted
//! with A, then updated alternately to B and A; prints the median of each step (context parse, render,
//! tree + diff, the patch list in the wire form the addon sends) over 200 updates.

use std::rc::Rc;
use std::time::{Duration, Instant};
use tessera_dtl::{patches_wire, Document, Options, Page, Program, Value};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ir, a, b] = args.as_slice() else {
        eprintln!("usage: pipeline_time IR.json A.json B.json");
        std::process::exit(2);
    };
    let read = |p: &String| std::fs::read_to_string(p).expect("readable file");
    let program = Rc::new(Program::from_json(&read(ir), Options::default()).expect("IR"));
    let contexts = [read(b), read(a)];
    let first: Value = serde_json::from_str(&read(a)).expect("context");
    let mut doc = Document::mount(program, first, None, None).expect("mount");
    let mut page = Page::parse(doc.html().to_string(), doc.marks().clone());
    let mut steps: [Vec<Duration>; 4] = Default::default();
    for k in 0..200 {
        let t = Instant::now();
        let context: Value = serde_json::from_str(&contexts[k % 2]).expect("context");
        steps[0].push(t.elapsed());
        let t = Instant::now();
        doc.update(context, None, None).expect("update");
        steps[1].push(t.elapsed());
        let t = Instant::now();
        let patches = page.update(doc.html().to_string(), doc.marks().clone());
        steps[2].push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(patches_wire(&patches));
        steps[3].push(t.elapsed());
    }
    let [parse, render, diff, wire] = steps.map(median);
    println!("parse {parse:?}, render {render:?}, tree + diff {diff:?}, patches {wire:?}");
}
