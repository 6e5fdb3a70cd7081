//! Pages and patch lists handed to JavaScript already in the units of a JS string. A Rust `String` crosses
//! through `napi_create_string_utf8`, where V8 decodes the UTF-8 on the JS thread (one pass to size and
//! classify it, one to write it). Here a text of ASCII only goes as Latin-1 (its bytes, copied as they
//! are), any other as UTF-16 code units converted in Rust, on a worker thread for the documents and
//! renders that run there: off the JS thread altogether. The conversion also turns stand-ins back into the
//! lone surrogates they carry (tessera_dtl's `surrogate`), so the JS side need not search these texts for
//! them. A patch list longer than `CHUNK` units crosses as an array of strings of at most `CHUNK` units
//! (`JsWire`): V8 allocates a string past 128 KB in its large-object space, fresh pages from the system on
//! every update (a 490,000-unit string took 0.57 ms to create, the same units in 32,768-unit pieces 0.09 ms).

use napi::bindgen_prelude::{ToNapiValue, TypeName};
use napi::{check_status, sys, ValueType};
use std::ptr;
use tessera_dtl::surrogate;

/// A text as the code units of a JS string.
pub enum JsText {
    /// ASCII (a subset of Latin-1): one byte a unit, and no stand-ins.
    Latin1(Vec<u8>),
    /// Anything else: UTF-16.
    Utf16(Vec<u16>),
}

impl From<String> for JsText {
    fn from(text: String) -> JsText {
        if text.is_ascii() {
            return JsText::Latin1(text.into_bytes());
        }
        // A text holds at most as many UTF-16 units as UTF-8 bytes. encoding_rs converts runs of ASCII a
        // vector at a time, where `str::encode_utf16` goes character by character.
        let mut units = vec![0; text.len()];
        let written = encoding_rs::mem::convert_str_to_utf16(&text, &mut units);
        units.truncate(written);
        if surrogate::has_stand_in(&text) {
            surrogate::to_surrogates(&mut units);
        }
        JsText::Utf16(units)
    }
}

impl TypeName for JsText {
    fn type_name() -> &'static str {
        "String"
    }

    fn value_type() -> ValueType {
        ValueType::String
    }
}

impl JsText {
    fn len(&self) -> usize {
        match self {
            JsText::Latin1(bytes) => bytes.len(),
            JsText::Utf16(units) => units.len(),
        }
    }

    /// Units `from..to` as a JS string.
    ///
    /// # Safety
    /// `env` is the live environment of the current call.
    unsafe fn create(&self, env: sys::napi_env, from: usize, to: usize) -> napi::Result<sys::napi_value> {
        let mut value = ptr::null_mut();
        // SAFETY: the pointer and length describe part of the live vector, which V8 copies before the call
        // returns.
        let status = unsafe {
            match self {
                JsText::Latin1(bytes) => {
                    let part = &bytes[from..to];
                    sys::napi_create_string_latin1(env, part.as_ptr().cast(), part.len() as isize, &mut value)
                }
                JsText::Utf16(units) => {
                    let part = &units[from..to];
                    sys::napi_create_string_utf16(env, part.as_ptr(), part.len() as isize, &mut value)
                }
            }
        };
        check_status!(status, "could not create a JS string")?;
        Ok(value)
    }
}

impl ToNapiValue for JsText {
    unsafe fn to_napi_value(env: sys::napi_env, text: JsText) -> napi::Result<sys::napi_value> {
        // SAFETY: called by napi-rs with the environment of the current call.
        unsafe { text.create(env, 0, text.len()) }
    }
}

/// Units a piece of a long patch list holds: under V8's 128 KB limit for a young string in either width.
pub const CHUNK: usize = 1 << 15;

/// A patch list: one string, or past `CHUNK` units an array of strings cut every `CHUNK` units, anywhere
/// (inside a value, between the two halves of a surrogate pair); js/wire.ts reads across the cuts.
pub struct JsWire(pub JsText);

impl From<String> for JsWire {
    fn from(text: String) -> JsWire {
        JsWire(JsText::from(text))
    }
}

impl TypeName for JsWire {
    fn type_name() -> &'static str {
        "String | Array<String>"
    }

    fn value_type() -> ValueType {
        ValueType::Unknown
    }
}

impl ToNapiValue for JsWire {
    unsafe fn to_napi_value(env: sys::napi_env, wire: JsWire) -> napi::Result<sys::napi_value> {
        let text = &wire.0;
        let len = text.len();
        if len <= CHUNK {
            // SAFETY: called by napi-rs with the environment of the current call.
            return unsafe { text.create(env, 0, len) };
        }
        let mut array = ptr::null_mut();
        // SAFETY: as above; every value created is set into the array before the next call.
        unsafe {
            check_status!(
                sys::napi_create_array_with_length(env, len.div_ceil(CHUNK), &mut array),
                "could not create a JS array"
            )?;
            for (k, from) in (0..len).step_by(CHUNK).enumerate() {
                let piece = text.create(env, from, (from + CHUNK).min(len))?;
                check_status!(sys::napi_set_element(env, array, k as u32, piece), "could not fill a JS array")?;
            }
        }
        Ok(array)
    }
}

#[cfg(test)]
mod tests {
    use super::JsText;

    fn units(text: &str) -> Vec<u16> {
        match JsText::from(text.to_string()) {
            JsText::Latin1(bytes) => bytes.into_iter().map(u16::from).collect(),
            JsText::Utf16(units) => units,
        }
    }

    #[test]
    fn ascii_goes_as_latin1_and_anything_else_as_utf16() {
        assert!(matches!(JsText::from("<p>a</p>".to_string()), JsText::Latin1(b) if b == b"<p>a</p>"));
        assert!(matches!(JsText::from("é…".to_string()), JsText::Utf16(u) if u == [0xE9, 0x2026]));
        let text = "a…😀\u{10F7FF}".repeat(40);
        assert_eq!(units(&text), text.encode_utf16().collect::<Vec<_>>());
    }

    #[test]
    fn stand_ins_go_as_the_lone_surrogates_they_carry() {
        assert_eq!(units("x\u{10F83D}…\u{10F800}"), [u16::from(b'x'), 0xD83D, 0x2026, 0xD800]);
    }
}
