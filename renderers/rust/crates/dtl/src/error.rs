//! One error shape: the kind of error, named after the Python (or Tessera) class Django would raise, and a
//! message. The JS side sees the kind's name as `error.name`; the conformance suite compares those names
//! with Django's, so they are part of the renderer's output.

use std::fmt;

/// The class of an error, as `error.name` spells it on the JS side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A template that cannot render as written (bad `{% extends %}` name, `block.super` without a parent).
    TemplateSyntaxError,
    /// A template named at render time that the application cannot load.
    TemplateDoesNotExist,
    /// A filter argument that names a missing variable.
    VariableDoesNotExist,
    /// `{% url %}` names a view the application cannot reverse.
    NoReverseMatch,
    /// Python's: a missing attribute (a date format character on a value that is not a date).
    AttributeError,
    /// Python's: an index out of range.
    IndexError,
    /// Python's: a missing key (a `%(key)s` format, a dict indexed like a list).
    KeyError,
    /// Python's: a number too large to convert (`int()` of infinity).
    OverflowError,
    /// Includes and blocks nested deeper than the renderer allows.
    RecursionError,
    /// Python's: an operation on a value of the wrong type; also a malformed IR, context or host answer.
    TypeError,
    /// Python's: the right type with a wrong value (`int('1.5')`, a bad `stringformat` spec).
    ValueError,
    /// Python's: division or modulo by zero.
    ZeroDivisionError,
    /// Python's: a string that cannot be encoded (a lone surrogate in UTF-8, as `urlencode` needs).
    UnicodeEncodeError,
    /// Something this renderer declares it does not do, instead of doing it wrong.
    UnsupportedError,
    /// A bug in the renderer (a Rust panic, a malformed patch list), never Django's behaviour.
    InternalError,
    /// An error from the application whose class is none of the above; its name is `Error`.
    Other,
}

impl ErrorKind {
    /// The kinds an application's error keeps when it comes back from a host call: the classes callers
    /// test for. Anything else, `InternalError` included (only the renderer has bugs of its own), is `Other`.
    const FROM_HOST: [ErrorKind; 14] = [
        ErrorKind::TemplateSyntaxError,
        ErrorKind::TemplateDoesNotExist,
        ErrorKind::VariableDoesNotExist,
        ErrorKind::NoReverseMatch,
        ErrorKind::AttributeError,
        ErrorKind::IndexError,
        ErrorKind::KeyError,
        ErrorKind::OverflowError,
        ErrorKind::RecursionError,
        ErrorKind::TypeError,
        ErrorKind::ValueError,
        ErrorKind::ZeroDivisionError,
        ErrorKind::UnicodeEncodeError,
        ErrorKind::UnsupportedError,
    ];

    /// The class name JS sees as `error.name`.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::TemplateSyntaxError => "TemplateSyntaxError",
            ErrorKind::TemplateDoesNotExist => "TemplateDoesNotExist",
            ErrorKind::VariableDoesNotExist => "VariableDoesNotExist",
            ErrorKind::NoReverseMatch => "NoReverseMatch",
            ErrorKind::AttributeError => "AttributeError",
            ErrorKind::IndexError => "IndexError",
            ErrorKind::KeyError => "KeyError",
            ErrorKind::OverflowError => "OverflowError",
            ErrorKind::RecursionError => "RecursionError",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::ValueError => "ValueError",
            ErrorKind::ZeroDivisionError => "ZeroDivisionError",
            ErrorKind::UnicodeEncodeError => "UnicodeEncodeError",
            ErrorKind::UnsupportedError => "UnsupportedError",
            ErrorKind::InternalError => "InternalError",
            ErrorKind::Other => "Error",
        }
    }

    /// The kind of an error the application raised during a host call, from its class name.
    pub fn from_host(name: &str) -> ErrorKind {
        ErrorKind::FROM_HOST.into_iter().find(|k| k.name() == name).unwrap_or(ErrorKind::Other)
    }
}

/// A render or preparation error, named after the class Django raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The class; its name is the JS error's `name`.
    pub kind: ErrorKind,
    /// The message, worded as Python or Django words it.
    pub message: String,
    /// The application's own class name of an error of kind `Other` (a JS `RangeError`), kept so that
    /// it reaches the caller as it was raised.
    pub class: Option<Box<str>>,
}

impl Error {
    /// An error of `kind`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error { kind, message: message.into(), class: None }
    }

    /// An error the application raised during a host call, by its class name.
    pub fn from_host(name: &str, message: impl Into<String>) -> Error {
        let kind = ErrorKind::from_host(name);
        let class = (kind == ErrorKind::Other && !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric()))
            .then(|| name.into());
        Error { kind, message: message.into(), class }
    }

    /// The class name JS sees as `error.name`.
    pub fn name(&self) -> &str {
        self.class.as_deref().unwrap_or(self.kind.name())
    }

    /// Something this renderer declares it does not do (instead of doing it wrong).
    pub fn unsupported(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::UnsupportedError, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.name(), self.message)
    }
}

impl std::error::Error for Error {}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_back_to_their_kind() {
        for kind in ErrorKind::FROM_HOST {
            assert_eq!(ErrorKind::from_host(kind.name()), kind);
        }
        assert_eq!(ErrorKind::from_host("PermissionDenied"), ErrorKind::Other);
        assert_eq!(ErrorKind::from_host("InternalError"), ErrorKind::Other);
        assert_eq!(ErrorKind::Other.name(), "Error");
        assert_eq!(Error::unsupported("x").to_string(), "UnsupportedError: x");
    }
}
