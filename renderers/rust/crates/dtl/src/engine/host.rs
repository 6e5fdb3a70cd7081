//! Calls from a render back into the embedding application, for what lives there as code: the
//! `{% url %}` hook, library tags and library filters. Values cross as JSON, tagged as in contexts
//! (`value/json.rs`), and the answer is `{"ok": value}` or `{"error": {"name": ..., "message": ...}}`.

use crate::error::{Error, ErrorKind, Result};
use crate::value::Value;
use serde::Deserialize;

/// The embedding application's side of a render.
pub trait Host {
    /// Performs request `kind` (`url`, `tag`, `filter`) with a JSON `payload`; returns the JSON answer.
    fn call(&self, kind: &str, payload: &str) -> Result<String>;
}

#[derive(Deserialize)]
struct Failure {
    name: String,
    message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum Answer {
    Ok(Value),
    Error(Failure),
}

/// Sends a request to the host and reads its answer.
pub fn ask(host: &dyn Host, kind: &str, payload: &str) -> Result<Value> {
    let answer = host.call(kind, payload)?;
    match serde_json::from_str::<Answer>(&answer) {
        Ok(Answer::Ok(v)) => Ok(v),
        Ok(Answer::Error(f)) => Err(Error::from_host(&f.name, f.message)),
        Err(e) => Err(Error::new(ErrorKind::TypeError, format!("invalid answer from the host: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Echo;
    impl Host for Echo {
        fn call(&self, kind: &str, payload: &str) -> Result<String> {
            Ok(if kind == "fail" {
                r#"{"error": {"name": "NoReverseMatch", "message": "no"}}"#.into()
            } else {
                format!(r#"{{"ok": {payload}}}"#)
            })
        }
    }

    #[test]
    fn answers_are_values_or_named_errors() {
        assert_eq!(crate::value::pyrepr::py_str(&ask(&Echo, "x", "[1]").unwrap()), "[1]");
        assert_eq!(ask(&Echo, "fail", "1").unwrap_err().kind, ErrorKind::NoReverseMatch);
    }
}
