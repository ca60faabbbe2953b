//! Replay: run a log of past cases through a changed policy (and the old one)
//! and total what it does to the shop's decisions and money.
//!
//! The log is read as a stream ([`input`]: JSON Lines, or CSV through one
//! streaming reader), in chunks handed to worker threads ([`run`]), so memory
//! stays flat however long it is; totals are exact decimals ([`stats`]). A line
//! that cannot be read is reported with its number and skipped (or stops the
//! run when strict). Only the first changed cases are kept unless all are
//! asked for ([`report`]).

mod input;
mod report;
mod run;
mod stats;

use chrono::NaiveDate;

pub use report::{BadLine, Change, Line, Report};
pub use run::replay;
pub use stats::{Stats, Tally};

/// Why a replay stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The log could not be read.
    #[error("cannot read the case log: {0}")]
    Io(#[from] std::io::Error),
    /// A bad line under `--strict`.
    #[error(
        "line {line}: {message}\n  = help: fix the line, or run without --strict to skip bad lines"
    )]
    BadLine {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A CSV header that names no case field, or a column that is not one.
    #[error(
        "the CSV header {0}\n  = help: the first line must name columns such as defect,region,title,price,ask"
    )]
    Header(String),
    /// A worker thread stopped without finishing its part of the log.
    #[error("a replay worker stopped unexpectedly: {0}")]
    Worker(String),
}

/// How the log is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    JsonLines,
    /// Comma-separated with a header line.
    Csv,
}

/// How a replay runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// How many changed cases to keep (all when `None`).
    pub keep_changes: Option<usize>,
    /// Stop at the first bad line.
    pub strict: bool,
    /// The request date for cases that give none.
    pub today: NaiveDate,
    /// Worker threads.
    pub threads: usize,
}
