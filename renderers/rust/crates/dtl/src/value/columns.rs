//! Columns: loops over rows of plain data cross as one binary block per array instead of JSON text, each
//! field a column (numbers as f64, strings as their UTF-16 lengths and one UTF-8 run), because writing and
//! reading it costs a fraction of JSON.stringify and JSON parsing (README.md, "The boundary"). The context's
//! JSON holds `{"\u0000c": k}` where block `k` goes. The layout (native byte order, both sides run on one
//! machine): `u32` block count; per block `u32` rows, `u32` fields; per field `u32` key length, the key,
//! a kind byte, then for strings (`0`) a `u32` UTF-16 length per row, the `u32` byte length and the UTF-8
//! bytes, for numbers (`1`) an `f64` per row, for booleans (`2`) a byte per row. Every row holds every field.

use super::{RowBlock, Value};
use crate::error::{Error, ErrorKind, Result};
use std::cell::RefCell;
use std::rc::Rc;

/// Key of `{"\u0000c": k}`: the `k`th block of the columns sent with the JSON.
pub const COLUMN_TAG: &str = "\u{0}c";

thread_local! {
    // The blocks of the context being parsed, taken by the JSON reader where their tags stand.
    static BLOCKS: RefCell<Vec<Option<Value>>> = const { RefCell::new(Vec::new()) };
}

/// Block `k` of the columns of the parse in progress (each is taken once).
pub fn take_block(k: usize) -> Option<Value> {
    BLOCKS.with(|b| b.borrow_mut().get_mut(k).and_then(Option::take))
}

/// Decodes `columns` and makes its blocks available to `parse` (the JSON reader), then clears them.
pub fn with_columns<T>(columns: Option<&[u8]>, parse: impl FnOnce() -> Result<T>) -> Result<T> {
    let Some(bytes) = columns else { return parse() };
    let blocks = decode(bytes).ok_or_else(|| Error::new(ErrorKind::TypeError, "malformed context columns"))?;
    BLOCKS.with(|b| *b.borrow_mut() = blocks.into_iter().map(Some).collect());
    let out = parse();
    BLOCKS.with(|b| b.borrow_mut().clear());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }
    fn u32(&mut self) -> Option<usize> {
        Some(u32::from_ne_bytes(self.take(4)?.try_into().ok()?) as usize)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
}

fn decode(bytes: &[u8]) -> Option<Vec<Value>> {
    let mut r = Reader { bytes, at: 0 };
    let count = r.u32()?;
    let mut blocks = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        let rows = r.u32()?;
        let fields = r.u32()?;
        // A row count the buffer cannot hold is malformed, not an allocation.
        if rows > bytes.len() {
            return None;
        }
        let mut keys: Vec<Rc<str>> = Vec::with_capacity(fields.min(64));
        // Every value takes at least a byte of the buffer: a count it cannot hold is no allocation.
        let total = rows.checked_mul(fields).filter(|&t| t <= bytes.len())?;
        // Read column by column, stored row by row.
        let mut values = vec![Value::None; total];
        for k in 0..fields {
            let len = r.u32()?;
            keys.push(std::str::from_utf8(r.take(len)?).ok()?.into());
            let mut cells = values.iter_mut().skip(k).step_by(fields);
            match r.u8()? {
                0 => strings(&mut r, &mut cells)?,
                1 => {
                    for cell in cells {
                        *cell = Value::number(f64::from_ne_bytes(r.take(8)?.try_into().ok()?));
                    }
                }
                2 => {
                    for cell in cells {
                        *cell = Value::Bool(r.u8()? != 0);
                    }
                }
                _ => return None,
            }
        }
        // Rows are built without looking their keys up: distinct once here, distinct in every row.
        if keys.iter().enumerate().any(|(i, k)| keys[..i].contains(k)) {
            return None;
        }
        let items = RowBlock::new(keys, rows, values)?.dicts();
        blocks.push(Value::list(items));
    }
    (r.at == bytes.len()).then_some(blocks)
}

// A string column: each row's UTF-16 length, then the UTF-8 of all rows, cut where those lengths say.
fn strings(r: &mut Reader<'_>, cells: &mut dyn ExactSizeIterator<Item = &mut Value>) -> Option<()> {
    let lengths = r.take(cells.len().checked_mul(4)?)?;
    let len = r.u32()?;
    let text = std::str::from_utf8(r.take(len)?).ok()?;
    let mut rest = text;
    for (units, cell) in lengths.chunks_exact(4).zip(cells) {
        let units = u32::from_ne_bytes(units.try_into().ok()?) as usize;
        // Where the next `units` bytes are ASCII, the UTF-16 length is the byte length: nothing to count.
        let ascii = rest.as_bytes().get(..units).is_some_and(<[u8]>::is_ascii);
        let cut = if ascii { units } else { utf8_length(rest, units)? };
        *cell = Value::str(&rest[..cut]);
        rest = &rest[cut..];
    }
    rest.is_empty().then_some(())
}

// Bytes of the first `units` UTF-16 code units of `text`, None when they end inside a character or past it.
fn utf8_length(text: &str, units: usize) -> Option<usize> {
    let mut counted = 0;
    let mut cut = 0;
    for ch in text.chars() {
        if counted >= units {
            break;
        }
        counted += ch.len_utf16();
        cut += ch.len_utf8();
    }
    (counted == units).then_some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::pyrepr::py_repr;

    fn block(rows: u32, fields: &[(&str, u8, Vec<u8>)]) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend(1u32.to_ne_bytes());
        out.extend(rows.to_ne_bytes());
        out.extend((fields.len() as u32).to_ne_bytes());
        for (k, kind, body) in fields {
            out.extend((k.len() as u32).to_ne_bytes());
            out.extend(k.as_bytes());
            out.push(*kind);
            out.extend(body);
        }
        out
    }

    #[test]
    fn blocks_stand_where_their_tags_are() {
        let mut names = Vec::new();
        for len in [1u32, 2, 0] {
            names.extend(len.to_ne_bytes());
        }
        let text = "é😀";
        // The non-ASCII path; ascii_rows_are_cut_by_their_lengths covers the other.
        names.extend((text.len() as u32).to_ne_bytes());
        names.extend(text.as_bytes());
        let ids: Vec<u8> = [1.0f64, 2.5, -0.0].iter().flat_map(|n| n.to_ne_bytes()).collect();
        let bytes = block(3, &[("id", 1, ids), ("name", 0, names), ("on", 2, vec![1, 0, 1])]);
        let v: Value = with_columns(Some(&bytes), || {
            serde_json::from_str(r#"{"rows": {"\u0000c": 0}, "n": 1}"#)
                .map_err(|e| Error::new(ErrorKind::TypeError, e.to_string()))
        })
        .unwrap();
        let Value::Dict(d) = v else { panic!("a dict") };
        let rows = d.get("rows").unwrap();
        assert_eq!(py_repr(rows), "[{'id': 1, 'name': 'é', 'on': True}, {'id': 2.5, 'name': '😀', 'on': False}, {'id': 0, 'name': '', 'on': True}]");
    }

    #[test]
    fn rows_are_places_in_their_block_until_written() {
        let ids: Vec<u8> = [7.0f64, 8.0].iter().flat_map(|n| n.to_ne_bytes()).collect();
        let mut names: Vec<u8> = [1u32, 2].iter().flat_map(|n| n.to_ne_bytes()).collect();
        names.extend(3u32.to_ne_bytes());
        names.extend(b"abc");
        let bytes = block(2, &[("id", 1, ids), ("name", 0, names)]);
        let rows = with_columns(Some(&bytes), || Ok(decode_rows())).unwrap();
        let Value::Dict(second) = &rows[1] else { panic!("a dict") };
        assert_eq!(second.len(), 2);
        assert_eq!(py_repr(second.get("id").unwrap()), "8");
        assert_eq!(py_repr(second.get("name").unwrap()), "'bc'");
        assert!(second.get("missing").is_none());
        let keys: Vec<&str> = second.keys().map(|k| &**k).collect();
        assert_eq!(keys, ["id", "name"]);
        // A write copies the row out of the block: the row changes, its neighbour and the copy's source do not.
        let mut written = (**second).clone();
        written.insert("name".into(), Value::str("z"));
        written.insert("extra".into(), Value::Int(1));
        assert_eq!(py_repr(&Value::Dict(Rc::new(written))), "{'id': 8, 'name': 'z', 'extra': 1}");
        assert_eq!(py_repr(&rows[0]), "{'id': 7, 'name': 'a'}");
        assert_eq!(py_repr(&rows[1]), "{'id': 8, 'name': 'bc'}");
    }

    // The rows of block 0, as the JSON reader takes them where its tag stands.
    fn decode_rows() -> Vec<Value> {
        match take_block(0) {
            Some(Value::List(items, _)) => items.to_vec(),
            _ => panic!("a list"),
        }
    }

    #[test]
    fn ascii_rows_are_cut_by_their_lengths() {
        let mut names = Vec::new();
        for len in [2u32, 0, 3] {
            names.extend(len.to_ne_bytes());
        }
        names.extend(5u32.to_ne_bytes());
        names.extend(b"abcde");
        let bytes = block(3, &[("name", 0, names)]);
        let v: Value = with_columns(Some(&bytes), || {
            serde_json::from_str(r#"{"rows": {"\u0000c": 0}}"#)
                .map_err(|e| Error::new(ErrorKind::TypeError, e.to_string()))
        })
        .unwrap();
        let Value::Dict(d) = v else { panic!("a dict") };
        assert_eq!(py_repr(d.get("rows").unwrap()), "[{'name': 'ab'}, {'name': ''}, {'name': 'cde'}]");
    }

    #[test]
    fn malformed_columns_are_an_error_not_a_panic() {
        let parse = |bytes: &[u8]| with_columns(Some(bytes), || Ok(()));
        assert!(parse(&[1, 0, 0]).is_err());
        assert!(parse(&block(2, &[("id", 1, vec![0; 8])])).is_err(), "too few numbers");
        assert!(parse(&block(u32::MAX, &[])).is_err(), "rows the buffer cannot hold");
        assert!(parse(&block(1, &[("s", 0, [1u32.to_ne_bytes(), 1u32.to_ne_bytes()].concat())])).is_err());
        assert!(parse(&block(1, &[("s", 7, vec![])])).is_err(), "an unknown kind");
        let column = |lengths: &[u32], text: &str| {
            let mut body: Vec<u8> = lengths.iter().flat_map(|n| n.to_ne_bytes()).collect();
            body.extend((text.len() as u32).to_ne_bytes());
            body.extend(text.as_bytes());
            block(lengths.len() as u32, &[("s", 0, body)])
        };
        assert!(parse(&column(&[2, 1], "abc")).is_ok());
        assert!(parse(&column(&[2, 2], "abc")).is_err(), "ASCII lengths past the text");
        assert!(parse(&column(&[1, 1], "abc")).is_err(), "ASCII text left over");
        assert!(parse(&column(&[1], "\u{e9}")).is_ok());
        assert!(parse(&column(&[1], "\u{1f600}")).is_err(), "a length ending inside a surrogate pair");
        let one = 1f64.to_ne_bytes().to_vec();
        assert!(parse(&block(1, &[("k", 1, one.clone()), ("k", 1, one)])).is_err(), "a key twice");
    }
}
