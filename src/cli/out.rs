//! Standard output: every command prints through here, so a reader that stops
//! early (`aftersale … | head`) ends the program quietly instead of a panic.

use std::io::Write;

use super::error::CliError;

/// Prints text as it is.
pub fn print(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::write("write the output", e))
}

/// Prints text and a line break.
pub fn line(text: &str) -> Result<(), CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|e| CliError::write("write the output", e))
}
