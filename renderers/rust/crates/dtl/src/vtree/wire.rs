//! The patch list as it crosses into JS: a compact text that renderers/rust/js/wire.ts turns back into
//! the `@tessera/dom-patch` objects. `JSON.parse` of the same list costs about four times as much (most of
//! a full update's patches are text patches, and the JSON parser builds them generically).
//!
//! One record per patch: an op letter, the path (decimal child indices separated by `,`) and `;`, then the
//! op's fields in the order of `Patch`: a number is decimal digits and `;`, a string its length in UTF-16
//! code units (JS string length), `:`, and the string itself, so strings need no escaping. A patch
//! addressed from an anchor is preceded by `@`, the anchor's id and `;`. The `anchors` op is `A`, the
//! number of anchors and `;`, then each anchor's id, `;`, and its path.
//!
//! The binding hands the text to JS with each stand-in turned back into the lone surrogate it carries
//! (value/surrogate.rs), so a stand-in counts as one unit in a string's length.

use super::Patch;
use crate::value::decimal::decimal_digits;
use crate::value::surrogate::js_len;

// Decimal digits of `n` (the formatting machinery of `write!` costs more than the rest of a patch).
pub(crate) fn digits(out: &mut String, n: usize) {
    let mut buf = [0u8; 20];
    out.extend(decimal_digits(n as u64, &mut buf).iter().map(|&b| b as char));
}

pub(crate) fn path(out: &mut String, path: &[u32]) {
    for (i, &k) in path.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        digits(out, k as usize);
    }
    out.push(';');
}

pub(crate) fn number(out: &mut String, n: usize) {
    digits(out, n);
    out.push(';');
}

/// The length of `s` in JS: one UTF-16 unit per character, two for those outside the BMP (4-byte UTF-8
/// sequences) but stand-ins.
pub(crate) fn js_units(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(js_len).sum()
    }
}

pub(crate) fn string(out: &mut String, s: &str) {
    string_of_units(out, s, js_units(s));
}

/// `string` of a value whose length in JS (`js_units`) the caller already counted.
pub(crate) fn string_of_units(out: &mut String, s: &str, units: usize) {
    digits(out, units);
    out.push(':');
    out.push_str(s);
}

/// The patches in the wire form `decodePatches` (renderers/rust/js/wire.ts) reads.
pub fn patches_wire(patches: &[Patch]) -> String {
    let mut out = String::with_capacity(patches.len() * 32);
    for patch in patches {
        if let Some(at) = patch.at() {
            out.push('@');
            number(&mut out, at as usize);
        }
        match patch {
            Patch::Text { path: p, value, .. } => {
                out.push('t');
                path(&mut out, p);
                string(&mut out, value);
            }
            Patch::Attr { path: p, name, value, .. } => {
                out.push('a');
                path(&mut out, p);
                string(&mut out, name);
                string(&mut out, value);
            }
            Patch::Rmattr { path: p, name, .. } => {
                out.push('r');
                path(&mut out, p);
                string(&mut out, name);
            }
            Patch::Insert { path: p, index, html, .. } => {
                out.push('i');
                path(&mut out, p);
                number(&mut out, *index);
                string(&mut out, html);
            }
            Patch::Remove { path: p, .. } => {
                out.push('x');
                path(&mut out, p);
            }
            Patch::Move { path: p, from, to, count, .. } => {
                out.push('m');
                path(&mut out, p);
                number(&mut out, *from);
                number(&mut out, *to);
                // 0 (never a valid count) stands for none.
                number(&mut out, count.unwrap_or(0));
            }
            Patch::Replace { path: p, html, .. } => {
                out.push('p');
                path(&mut out, p);
                string(&mut out, html);
            }
            Patch::Html { path: p, html, .. } => {
                out.push('h');
                path(&mut out, p);
                string(&mut out, html);
            }
            Patch::Anchors { anchors } => {
                out.push('A');
                number(&mut out, anchors.len());
                for (id, p) in anchors {
                    number(&mut out, *id as usize);
                    path(&mut out, p);
                }
            }
        }
    }
    out
}
