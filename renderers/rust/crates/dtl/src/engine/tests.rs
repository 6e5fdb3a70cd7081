//! The renderer on hand-written IR, without the frontend.

use crate::{ErrorKind, Options, Program, Value};
use serde_json::{json, Value as Json};

const LOC: fn() -> Json = || json!({"template": "t", "line": 1, "col": 1});

fn var(path: &str, filters: Json) -> Json {
    json!({"base": {"kind": "var", "path": path.split('.').collect::<Vec<_>>()}, "filters": filters})
}

fn output(id: u32, path: &str, filters: Json) -> Json {
    json!({"kind": "output", "id": id, "loc": LOC(), "deps": [], "expr": var(path, filters)})
}

fn text(s: &str) -> Json {
    json!({"kind": "text", "value": s})
}

fn program(body: Json, partials: Json) -> Program {
    let ir = json!({"irVersion": 1, "name": "t", "body": body, "partials": partials, "deps": [], "sources": ["t"]});
    Program::from_json(&ir.to_string(), Options::default()).expect("valid IR")
}

fn render(p: &Program, ctx: &str) -> crate::Result<String> {
    let v: Value = serde_json::from_str(ctx).expect("context JSON");
    p.render(v, None)
}

#[test]
fn loops_with_forloop_empty_and_filters() {
    let body = json!([{
        "kind": "for", "id": 1, "loc": LOC(), "deps": [], "targets": ["x"], "reversed": false, "usesForloop": true,
        "iterable": var("items", json!([])),
        "body": [output(2, "forloop.counter", json!([])), text(":"),
                 output(3, "x.name", json!([{"name": "upper", "arg": null}])), text(" ")],
        "empty": [text("none")]
    }]);
    let p = program(body, json!({}));
    assert_eq!(render(&p, r#"{"items": [{"name": "a<"}, {"name": "b"}]}"#).unwrap(), "1:A&lt; 2:B ");
    assert_eq!(render(&p, r#"{"items": []}"#).unwrap(), "none");
    assert_eq!(render(&p, r#"{}"#).unwrap(), "none");
}

#[test]
fn if_conditions_and_missing_filter_arguments() {
    let cond = json!({"kind": "compare", "op": ">", "left": {"kind": "value", "expr": var("n", json!([]))},
                      "right": {"kind": "value", "expr": {"base": {"kind": "literal", "value": 2, "raw": "2"}, "filters": []}}});
    let body = json!([{"kind": "if", "id": 1, "loc": LOC(), "deps": [], "branches": [
        {"cond": cond, "body": [text("big")]}, {"cond": null, "body": [text("small")]}]},
        output(2, "n", json!([{"name": "add", "arg": {"kind": "var", "path": ["missing"]}}]))]);
    let p = program(body, json!({}));
    assert_eq!(render(&p, r#"{"n": 1, "missing": 2}"#).unwrap(), "small3");
    assert_eq!(render(&p, r#"{"n": 5}"#).unwrap_err().kind, ErrorKind::VariableDoesNotExist);
}

#[test]
fn recursive_includes_stop_with_recursion_error() {
    let include = json!({"kind": "include", "id": 1, "loc": LOC(), "deps": [], "assigns": [], "only": false,
                         "target": {"kind": "ref", "name": "t"}});
    let p = program(json!([text("x"), include.clone()]), json!({"t": [text("x"), include]}));
    assert_eq!(render(&p, "{}").unwrap_err().kind, ErrorKind::RecursionError);
}

#[test]
fn refuses_unknown_ir_versions_and_bad_ir() {
    let ir = json!({"irVersion": 2, "name": "t", "body": [], "partials": {}, "deps": [], "sources": []});
    assert_eq!(Program::from_json(&ir.to_string(), Options::default()).unwrap_err().kind, ErrorKind::UnsupportedError);
    assert_eq!(Program::from_json("{\"irVersion\": 1}", Options::default()).unwrap_err().kind, ErrorKind::TypeError);
}

#[test]
fn host_calls_without_a_host_are_refused() {
    let url = json!({"kind": "url", "id": 1, "loc": LOC(), "deps": [], "viewName": var("v", json!([])),
                     "args": [], "kwargs": [], "asVar": null});
    let p = program(json!([url]), json!({}));
    assert!(p.needs_host());
    assert_eq!(render(&p, "{}").unwrap_err().kind, ErrorKind::UnsupportedError);
}
