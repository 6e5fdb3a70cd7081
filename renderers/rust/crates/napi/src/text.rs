//! Pages and patch lists handed to JavaScript already in the units of a JS string. A Rust `String` crosses
//! through `napi_create_string_utf8`, where V8 decodes the UTF-8 on the JS thread (one pass to size and
//! classify it, one to write it). Here a text of ASCII only goes as Latin-1 (its bytes, copied as they
//! are), any other as UTF-16 code units converted in Rust, on a worker thread for the documents and
//! renders that run there: off the JS thread altogether. The conversion also turns stand-ins back into the
//! lone surrogates they carry (tessera_dtl's `surrogate`), so the JS side need not search these texts for
//! them.

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

impl ToNapiValue for JsText {
    unsafe fn to_napi_value(env: sys::napi_env, text: JsText) -> napi::Result<sys::napi_value> {
        let mut value = ptr::null_mut();
        // SAFETY: the pointer and length describe the live vector, which V8 copies before the call returns.
        let status = unsafe {
            match &text {
                JsText::Latin1(bytes) => {
                    sys::napi_create_string_latin1(env, bytes.as_ptr().cast(), bytes.len() as isize, &mut value)
                }
                JsText::Utf16(units) => {
                    sys::napi_create_string_utf16(env, units.as_ptr(), units.len() as isize, &mut value)
                }
            }
        };
        check_status!(status, "could not create a JS string")?;
        Ok(value)
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
