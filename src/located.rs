//! Source locations: values that remember where in a file they were written,
//! and YAML loading with located errors. Drawing the offending line is the
//! renderer's job ([`crate::render::diagnostics`]).

use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

/// A place in a file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pos {
    /// The file, once known.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte offset and length of the value in the file, when known.
    pub bytes: Option<(usize, usize)>,
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A value with the place it was written, or none when it came from a flag.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub at: Option<Pos>,
}

impl<T> Located<T> {
    /// A value given on the command line.
    pub fn flag(value: impl Into<T>) -> Located<T> {
        Located {
            value: value.into(),
            at: None,
        }
    }

    /// Names the file this value was read from.
    pub fn set_file(&mut self, file: &str) {
        if let Some(at) = &mut self.at {
            at.file = file.to_string();
        }
    }
}

/// A value typed on the command line (clap reads flags through this).
impl From<String> for Located<String> {
    fn from(value: String) -> Located<String> {
        Located::flag(value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        let line = s.referenced.line();
        let span = s.referenced.span();
        // Values built outside the YAML reader (tests, JSON) carry no location.
        let at = (line > 0).then(|| Pos {
            file: String::new(),
            line: line as u32,
            column: s.referenced.column() as u32,
            bytes: span
                .byte_offset()
                .zip(span.byte_len())
                .map(|(o, l)| (o as usize, l as usize)),
        });
        Ok(Located { value: s.value, at })
    }
}

/// A YAML document that could not be read.
#[derive(Debug, Clone)]
pub struct YamlError {
    /// 1-based line (0 when unknown).
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// Byte offset of the place, when known.
    pub offset: Option<usize>,
    /// What is wrong, without location.
    pub message: String,
}

/// Reads a YAML (or JSON) document into `T` under the parser's resource budget,
/// so an alias bomb or a deeply nested file fails fast instead of eating memory.
pub fn from_yaml<T: for<'de> Deserialize<'de>>(text: &str) -> Result<T, YamlError> {
    serde_saphyr::from_str::<T>(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map(|l| (l.line() as u32, l.column() as u32))
            .unwrap_or((0, 0));
        let offset = e
            .location()
            .and_then(|l| l.span().byte_offset())
            .map(|o| o as usize);
        YamlError {
            line,
            column,
            offset,
            message: bare_message(&e.without_snippet().to_string()),
        }
    })
}

/// The parser's message without its "error: line N column M:" prefix.
fn bare_message(full: &str) -> String {
    let first = full.lines().next().unwrap_or(full);
    let m = first.strip_prefix("error: ").unwrap_or(first);
    let m = match m.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest,
        _ => m,
    };
    // The location is reported separately, as file:line:column.
    match m.rfind(" at line ") {
        Some(i) if m[i..].contains("column") => m[..i].to_string(),
        _ => m.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_carry_line_and_column() {
        #[derive(Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Doc {
            a: u32,
        }
        let e = from_yaml::<Doc>("a: 1\nb: 2\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("unknown field `b`"), "{}", e.message);
    }
}
