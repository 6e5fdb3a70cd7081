//! Render-time micro-benchmark without the N-API boundary
//! (`cargo run --release -p tessera_dtl --example render_time -- IR.json CONTEXT.json`): parse and render.

use std::time::Instant;
use tessera_dtl::{Options, Program, Value};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [ir, context] = args.as_slice() else {
        eprintln!("usage: render_time IR.json CONTEXT.json");
        std::process::exit(2);
    };
    let ir = std::fs::read_to_string(ir).expect("IR file");
    let json = std::fs::read_to_string(context).expect("context file");
    let program = Program::from_json(&ir, Options::default()).expect("IR");
    let runs = 50;
    for _ in 0..3 {
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(serde_json::from_str::<Value>(&json).expect("context"));
        }
        let parse = t.elapsed() / runs;
        let ctx: Value = serde_json::from_str(&json).expect("context");
        let t = Instant::now();
        for _ in 0..runs {
            std::hint::black_box(program.render(ctx.clone(), None).expect("render"));
        }
        println!("parse {parse:?} render {:?}", t.elapsed() / runs);
    }
}
