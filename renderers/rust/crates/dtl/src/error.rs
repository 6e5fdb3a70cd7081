//! One error shape: the Python (or Tessera) class name the JS side sees as `error.name`, and a message.

use std::fmt;

/// A render or preparation error, named after the class Django raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub name: &'static str,
    pub message: String,
}

impl Error {
    /// An error of class `name`.
    pub fn new(name: &'static str, message: impl Into<String>) -> Error {
        Error { name, message: message.into() }
    }

    /// Something this renderer declares it does not do (instead of doing it wrong).
    pub fn unsupported(message: impl Into<String>) -> Error {
        Error::new("UnsupportedError", message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for Error {}

/// Results of this crate.
pub type Result<T> = std::result::Result<T, Error>;
