//! Reading a case log in chunks: JSON Lines line by line, or CSV through one
//! streaming reader (quoted fields may hold commas and line breaks). Rows are
//! parsed into [`CaseInput`] by the workers, not here.

use std::io::BufRead;

use super::ReplayError;
use crate::case::{CaseInput, Fact};

/// Rows of the log, each with its 1-based line number.
pub(super) enum Rows {
    /// JSON objects, as text.
    Lines(Vec<(u64, String)>),
    /// CSV records, read against the header (or what kept one from being read).
    Records(Vec<(u64, Result<csv::StringRecord, String>)>),
}

/// A log being read.
pub(super) enum Reader<R: BufRead> {
    /// JSON Lines.
    Json {
        /// The lines.
        lines: std::io::Lines<R>,
        /// The last line number read.
        line: u64,
        /// Bytes read so far.
        bytes: u64,
    },
    /// CSV with a header.
    Csv {
        /// The streaming reader.
        reader: csv::Reader<R>,
    },
}

impl<R: BufRead> Reader<R> {
    /// A JSON Lines reader.
    pub(super) fn json(input: R) -> Reader<R> {
        Reader::Json {
            lines: input.lines(),
            line: 0,
            bytes: 0,
        }
    }

    /// A CSV reader whose header names only case fields; `None` for an empty log.
    pub(super) fn csv(input: R) -> Result<(Reader<R>, Option<csv::StringRecord>), ReplayError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(input);
        let header = match reader.headers() {
            Ok(h) if h.is_empty() || h.iter().all(|c| c.trim().is_empty()) => None,
            Ok(h) => Some(h.iter().map(str::trim).collect::<csv::StringRecord>()),
            Err(e) => return Err(ReplayError::Header(format!("cannot be read: {e}"))),
        };
        if let Some(h) = &header {
            check_header(h)?;
        }
        Ok((Reader::Csv { reader }, header))
    }

    /// Up to `max` rows, with the bytes read so far and the last line number.
    pub(super) fn chunk(&mut self, max: usize) -> Result<Option<(Rows, u64, u64)>, ReplayError> {
        match self {
            Reader::Json { lines, line, bytes } => {
                let mut rows = Vec::with_capacity(max);
                for text in lines.by_ref() {
                    let text = text?;
                    *line += 1;
                    *bytes += text.len() as u64 + 1;
                    if text.trim().is_empty() {
                        continue;
                    }
                    rows.push((*line, text));
                    if rows.len() == max {
                        break;
                    }
                }
                Ok((!rows.is_empty()).then_some((Rows::Lines(rows), *bytes, *line)))
            }
            Reader::Csv { reader } => {
                let mut rows = Vec::with_capacity(max);
                let mut record = csv::StringRecord::new();
                loop {
                    let line = reader.position().line();
                    match reader.read_record(&mut record) {
                        Ok(true) => {
                            if record.iter().all(|f| f.trim().is_empty()) {
                                continue;
                            }
                            rows.push((line, Ok(std::mem::take(&mut record))));
                            if rows.len() == max {
                                break;
                            }
                        }
                        Ok(false) => break,
                        Err(e) => {
                            let line = e.position().map_or(line, |p| p.line());
                            rows.push((line, Err(e.to_string())));
                            if rows.len() == max {
                                break;
                            }
                        }
                    }
                }
                let at = reader.position();
                Ok((!rows.is_empty()).then_some((Rows::Records(rows), at.byte(), at.line())))
            }
        }
    }
}

/// Every column of a CSV header must be a case field.
fn check_header(h: &csv::StringRecord) -> Result<(), ReplayError> {
    let unknown: Vec<&str> = h
        .iter()
        .map(str::trim)
        .filter(|c| Fact::ALL.iter().all(|f| f.key() != *c))
        .collect();
    if unknown.len() == h.len() {
        return Err(ReplayError::Header(format!(
            "names no case field ({})",
            h.iter().collect::<Vec<_>>().join(",")
        )));
    }
    if !unknown.is_empty() {
        return Err(ReplayError::Header(format!(
            "names column(s) that are not case fields: {}; case fields are {}",
            unknown.join(", "),
            Fact::ALL
                .iter()
                .map(|f| f.key())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(())
}

/// One JSON line as case input.
pub(super) fn json_row(text: &str) -> Result<CaseInput, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// One CSV record as case input.
pub(super) fn csv_row(
    record: &Result<csv::StringRecord, String>,
    header: &csv::StringRecord,
) -> Result<CaseInput, String> {
    match record {
        Ok(r) => r.deserialize(Some(header)).map_err(|e| e.to_string()),
        Err(e) => Err(e.clone()),
    }
}
