//! Replay: run a log of past cases through a changed policy (and the old one)
//! and total what it does to the shop's decisions and money.
//!
//! The log is read as a stream ([`input`]: JSON Lines, or CSV through one
//! streaming reader), in chunks handed to worker threads ([`run`]), so memory
//! stays flat however long it is; totals are exact decimals ([`stats`]). A line
//! that cannot be read is reported with its number and skipped (or stops the
//! run when strict). Only the first changed cases are kept unless all are
//! asked for ([`report`]).
//! The report draws itself as a table or CSV ([`table`]).

mod agreed;
mod input;
mod report;
mod run;
mod stats;
pub mod table;

use chrono::NaiveDate;

pub use agreed::{Against, Agreed, agreed};
pub use report::{BadLine, Change, Line, Report};
pub use run::replay;
pub use stats::{Stats, Tally};

/// Why a replay stopped.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// The log could not be read.
    #[error("读不了案例日志 / cannot read the case log: {0}")]
    Io(#[from] std::io::Error),
    /// A bad line under `--strict`.
    #[error(
        "第 {line} 行读不了 / line {line}: {message}\n  = help: 改好这一行，或者去掉 --strict 跳过读不了的行 / fix the line, or run without --strict to skip bad lines"
    )]
    BadLine {
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A CSV header that names no case field, or a log that cannot be read as one.
    #[error(
        "{0}\n  = help: 第一行是列名，如 问题类型,收货地区,实付款 或 defect,region,price / the first line must name columns such as defect,region,title,price,ask"
    )]
    Header(String),
    /// A region group the log's cases may fall in has no shipping cost.
    #[error(
        "策略“{policy}”的地区组“{group}”没有运费 / region group `{group}` of policy `{policy}` has no shipping cost\n  = help: add `{group}: \"12.00\"` under shipping_costs; replay would otherwise count its legs as ¥0"
    )]
    NoShippingCost {
        /// The policy.
        policy: String,
        /// The group.
        group: String,
    },
    /// The log is not UTF-8.
    #[error(
        "第 {line} 行不是 UTF-8 文字（{what}） / line {line} is not UTF-8 text ({what})\n  = help: 用 UTF-8 保存：Excel 另存为“CSV UTF-8（逗号分隔）”，记事本另存为时编码选 UTF-8 / save as UTF-8: in Excel “CSV UTF-8 (Comma delimited)”, in Notepad Encoding: UTF-8"
    )]
    Encoding {
        /// 1-based line.
        line: u64,
        /// What it looks like.
        what: &'static str,
    },
    /// Not one line of the log is a case.
    #[error(
        "日志里没有一行是案例 / no line of the log is a case\n  = help: 每行一个 JSON 对象（{{\"defect\": \"小瑕疵\", \"region\": \"新疆\"}}），或第一行是列名的 CSV（问题类型,地区,实付款 …）"
    )]
    Empty,
    /// Lines were read, and not one of them is a case.
    #[error(
        "日志的 {lines} 行都读不了，没有一行是案例 / none of the log's {lines} line(s) is a case:{}\n  = help: 按上面的说明改好这些行再重放 / fix the lines as said above and replay again",
        .bad.iter().map(|b| format!("\n  第 {} 行 / line {}: {}", b.line, b.line, b.message)).collect::<String>()
    )]
    NoCaseRead {
        /// How many lines there were.
        lines: u64,
        /// The first of them, with what is wrong.
        bad: Vec<BadLine>,
    },
    /// A worker thread stopped without finishing its part of the log.
    #[error("a replay worker stopped unexpectedly: {0}")]
    Worker(String),
}

impl ReplayError {
    /// The line the error is about, when it is about one.
    fn line(&self) -> Option<u64> {
        match self {
            ReplayError::BadLine { line, .. } | ReplayError::Encoding { line, .. } => Some(*line),
            _ => None,
        }
    }
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
