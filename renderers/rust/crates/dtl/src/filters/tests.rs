//! The Django-generated fixtures of `@tessera/runtime` (core/runtime/test/filters.json),
//! run through this crate: every case of every filter implemented here must match Django.

use super::{apply, builtin, FilterEnv};
use crate::value::escape::render_value;
use crate::value::Value;
use serde_json::Value as Json;
use std::rc::Rc;

fn fixtures() -> Json {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../../core/runtime/test/filters.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("runtime fixtures")).expect("fixture JSON")
}

/// The fixture's tagged JSON as a value; `None` for values outside the JSON value model (dates).
fn decode(v: &Json) -> Option<Value> {
    Some(match v {
        Json::Null => Value::None,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => Value::number(n.as_f64()?),
        Json::String(s) => Value::str(s.as_str()),
        Json::Array(items) => Value::list(items.iter().map(decode).collect::<Option<_>>()?),
        Json::Object(o) => {
            if let Some(Json::String(s)) = o.get("$safe") {
                return Some(Value::safe(s.as_str()));
            }
            if let Some(Json::String(f)) = o.get("$float") {
                return Some(Value::Float(match f.as_str() {
                    "nan" => f64::NAN,
                    "inf" => f64::INFINITY,
                    _ => f64::NEG_INFINITY,
                }));
            }
            if let Some(Json::String(iso)) = o.get("$date") {
                return parse_utc(iso);
            }
            let mut d = crate::value::Dict::new();
            for (k, x) in o {
                d.insert(Rc::from(k.as_str()), decode(x)?);
            }
            Value::Dict(Rc::new(d))
        }
    })
}

/// An ISO 8601 UTC instant (`2024-03-05T14:07:09Z`, optional `.fff`) as a Date shown in UTC.
fn parse_utc(iso: &str) -> Option<Value> {
    let b = iso.strip_suffix('Z')?;
    let (date, time) = b.split_once('T')?;
    let d: Vec<i64> = date.split('-').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
    let t: Vec<i64> = hms.split(':').map(|x| x.parse().ok()).collect::<Option<_>>()?;
    let ms_frac: i64 = format!("{frac:0<3}")[..3].parse().ok()?;
    let (y, m) = if d[1] <= 2 { (d[0] - 1, d[1]) } else { (d[0], d[1]) };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d[2] - 1;
    let days = era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468;
    let ms = (((days * 24 + t[0]) * 60 + t[1]) * 60 + t[2]) * 1000 + ms_frac;
    let local = crate::value::dates::fields_of(ms as f64);
    Some(Value::Date(Rc::new(crate::value::dates::DateVal {
        ms: ms as f64,
        local,
        offset: 0,
        abbr: Rc::from("UTC"),
        dst: false,
        zone_known: true,
    })))
}

#[test]
fn filters_match_django_fixtures() {
    let fx = fixtures();
    let (mut checked, mut failures) = (0, Vec::new());
    let Some(Value::Date(now)) = parse_utc("2024-03-05T14:07:09Z") else { panic!("now") };
    for case in fx["cases"].as_array().expect("cases") {
        // Other zones need the IANA database, which the JS side consults (renderers/rust/js/encode.ts).
        if case.get("tz").and_then(Json::as_str).is_some_and(|tz| tz != "UTC") {
            continue;
        }
        let Some(value) = decode(&case["value"]) else { continue };
        let arg = match case.get("arg") {
            Some(a) => match decode(a) {
                Some(v) => Some(v),
                None => continue,
            },
            None => None,
        };
        let autoescape = case.get("autoescape").and_then(Json::as_bool).unwrap_or(true);
        let result = match case["filter"].as_str() {
            None => Ok(value.clone()),
            Some(name) => match builtin(name) {
                Some(spec) => apply(spec, &value, arg.as_ref(), FilterEnv { autoescape, now: Some(&now) }),
                None => continue,
            },
        };
        checked += 1;
        let got = result.map(|v| render_value(&v, autoescape));
        let ok = match (&got, case.get("expected"), case.get("error")) {
            (Ok(s), Some(Json::String(e)), _) => s == e,
            (Err(err), _, Some(Json::String(e))) => err.kind.name() == e,
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{} {} {:?} -> {:?} (want {} {})",
                case["filter"],
                case["value"],
                case.get("arg"),
                got,
                case["expected"],
                case["error"]
            ));
        }
    }
    assert!(checked > 1000, "only {checked} fixture cases ran");
    assert!(failures.is_empty(), "{} of {checked} failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn conditions_match_django_fixtures() {
    use crate::value::ops::{py_equals, py_in, py_not_in, py_order, truthy};
    let fx = fixtures();
    let table = &fx["conditions"];
    let values: Vec<Option<Value>> = table["values"].as_array().expect("values").iter().map(decode).collect();
    let truthy_row = table["truthy"].as_str().expect("truthy");
    for (v, want) in values.iter().zip(truthy_row.chars()) {
        if let Some(v) = v {
            assert_eq!(truthy(v), want == 'T', "truthy {v:?}");
        }
    }
    for (op, row) in table["ops"].as_object().expect("ops") {
        let row: Vec<char> = row.as_str().expect("row").chars().collect();
        for (i, a) in values.iter().enumerate() {
            for (j, b) in values.iter().enumerate() {
                let (Some(a), Some(b)) = (a, b) else { continue };
                let ord = py_order(a, b);
                let got = match op.as_str() {
                    "==" => py_equals(a, b),
                    "!=" => !py_equals(a, b),
                    "<" => ord.is_some_and(|o| o.is_lt()),
                    ">" => ord.is_some_and(|o| o.is_gt()),
                    "<=" => ord.is_some_and(|o| o.is_le()),
                    ">=" => ord.is_some_and(|o| o.is_ge()),
                    "in" => py_in(a, b),
                    "not in" => py_not_in(a, b),
                    // `is` depends on object identity, which JSON values do not carry.
                    "is" | "is not" => continue,
                    other => panic!("unknown op {other}"),
                };
                assert_eq!(got, row[i * values.len() + j] == 'T', "{a:?} {op} {b:?}");
            }
        }
    }
}

#[test]
fn lookups_and_loops_match_django_fixtures() {
    use crate::value::lookup::lookup;
    use crate::value::ops::py_iter;
    let fx = fixtures();
    for case in fx["lookups"].as_array().expect("lookups") {
        let Some(v) = decode(&case["value"]) else { continue };
        let segment = case["segment"].as_str().expect("segment");
        let got = lookup(&v, segment).map(|r| render_value(&r, true)).unwrap_or_default();
        assert_eq!(got, case["result"].as_str().expect("result"), "{v:?}.{segment}");
    }
    for case in fx["loops"].as_array().expect("loops") {
        let Some(v) = decode(&case["value"]) else { continue };
        let got = match py_iter(&v) {
            Ok(items) if items.is_empty() => "E".to_string(),
            Ok(items) => items.iter().map(|x| render_value(x, true) + ",").collect(),
            Err(e) => e.kind.name().to_string(),
        };
        assert_eq!(got, case["result"].as_str().expect("result"), "for over {v:?}");
    }
}

#[test]
fn slice_returns_dict_views_whole_and_tuples_as_tuples() {
    // What Django 5.2.19 prints for {{ d.items|slice:":1" }}, {{ d.keys|slice:":1" }}, {{ t|slice:":1" }}
    // with d = {'a': 1, 'b': 2}, t = (1, 2, 3) (autoescape off).
    use crate::value::lookup::lookup;
    use crate::value::pyrepr::py_str;
    use crate::value::{Dict, SeqKind};
    let mut d = Dict::new();
    d.insert(Rc::from("a"), Value::Int(1));
    d.insert(Rc::from("b"), Value::Int(2));
    let d = Value::Dict(Rc::new(d));
    let slice = |v: &Value| {
        let spec = builtin("slice").expect("slice");
        apply(spec, v, Some(&Value::str(":1")), FilterEnv { autoescape: false, now: None }).expect("slice")
    };
    assert_eq!(py_str(&slice(&lookup(&d, "items").unwrap())), "dict_items([('a', 1), ('b', 2)])");
    assert_eq!(py_str(&slice(&lookup(&d, "keys").unwrap())), "dict_keys(['a', 'b'])");
    let t = Value::List(Rc::new(vec![Value::Int(1), Value::Int(2), Value::Int(3)]), SeqKind::Tuple);
    assert_eq!(py_str(&slice(&t)), "(1,)");
}
