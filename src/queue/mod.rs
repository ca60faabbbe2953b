//! The day's refund queue: the seller centre's refund export (CSV in UTF-8 or
//! GBK, XLSX) or the open platform's refund records (JSON), read into refunds,
//! each advised and given the deadline that runs out first, the list sorted
//! by it.
//!
//! Columns are found by their header names through `data/queue/columns.csv`;
//! state values through `data/queue/values.csv`. Structured columns are facts
//! as stated ([`facts`]); the buyer's own words (退款说明, `desc`) go through
//! the paste reader and their facts are marked as read. Deadlines come from
//! the platform's timeout where the file gives one, from the policy's time
//! limits (T) otherwise, and the two are compared ([`clock`]). A bad row is
//! reported with its number and the fix, and never stops the others.

pub mod clock;
pub mod columns;
pub mod draw;
pub mod facts;
mod json;
mod record;
pub mod table;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::bilingual::Bilingual;
use crate::intake::{Facts, Intake};
use crate::policy::Policy;
use crate::session::{self, Answer};
pub use clock::{Clock, Turn};
pub use columns::Item;
pub use record::parse_moment;

/// The largest file read, in bytes (an export of tens of thousands of refunds).
pub const MAX_FILE: usize = 64 << 20;

/// Why a file could not be read as a refund list at all.
#[derive(Debug)]
pub enum QueueError {
    /// Not a refund export: the columns found and those needed.
    NotAnExport {
        /// The first row's cells, as found.
        found: String,
        /// The columns a refund list needs.
        needed: String,
    },
    /// A header split over merged cells that cannot be put together.
    MergedHeader {
        /// The header's row.
        row: usize,
    },
    /// No content at all.
    Empty {
        /// What is empty.
        what: String,
    },
    /// A spreadsheet calamine could not open.
    Spreadsheet {
        /// What calamine said.
        why: String,
    },
    /// A CSV the reader gave up on.
    Csv {
        /// The line.
        line: usize,
        /// What the reader said.
        why: String,
    },
    /// JSON that is not the open platform's refund records.
    Json {
        /// What is wrong, with its place.
        what: String,
        /// What to do.
        fix: String,
    },
    /// Larger than any day's list.
    TooLarge(usize),
    /// The file could not be read.
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

impl QueueError {
    /// What is wrong, in Chinese and in English.
    pub fn message(&self) -> Bilingual {
        use QueueError::*;
        match self {
            NotAnExport { found, needed } => Bilingual::new(
                format!("这不是退款列表：找到的列是 {found}；退款列表至少要有 {needed}"),
                "not a refund export",
            ),
            MergedHeader { row } => Bilingual::new(
                format!("第{row}行的表头是合并过的单元格，列名不在同一行"),
                "the header row is merged",
            ),
            Empty { what } => Bilingual::new(what.clone(), "the file is empty"),
            Spreadsheet { why } => Bilingual::new(
                format!("表格文件打不开：{why}"),
                "the spreadsheet cannot be read",
            ),
            Csv { line, why } => {
                Bilingual::new(format!("第{line}行不是正常的 CSV：{why}"), "malformed CSV")
            }
            Json { what, .. } => {
                Bilingual::new(what.clone(), "not the open platform's refund records")
            }
            TooLarge(bytes) => Bilingual::new(
                format!("文件有 {bytes} 字节，最多读 {MAX_FILE} 字节"),
                "the file is too large",
            ),
            Io { path, source } => Bilingual::new(
                format!("无法读取 `{path}`：{source}"),
                "cannot read the file",
            ),
        }
    }

    /// What to do about it, for the shop's staff (none when the file could not be opened).
    pub fn fix(&self) -> Option<&str> {
        use QueueError::*;
        Some(match self {
            NotAnExport { .. } => {
                "在千牛“退款管理”里点“批量导出”导出退款列表（CSV 或 Excel），或者在 data/queue/columns.csv 里给这个列名加一行"
            }
            MergedHeader { .. } => {
                "在 Excel/WPS 里选中表头，点“取消合并单元格”，让每一列在同一行有自己的列名（如 退款编号、买家退款金额），再保存"
            }
            Empty { .. } => "重新导出退款列表；导出时选对日期范围（如“今天”）",
            Spreadsheet { .. } => "用 Excel/WPS 打开后另存为 .xlsx 或 CSV 再试",
            Csv { .. } => "用 Excel/WPS 打开后另存为 CSV 再试",
            Json { fix, .. } => fix,
            TooLarge(_) => "按天导出退款列表",
            Io { .. } => return None,
        })
    }
}

impl std::fmt::Display for QueueError {
    /// As a terminal shows it: the message, then the fix on its own line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.message())?;
        match self.fix() {
            Some(fix) => write!(f, "\n  = 修改: {fix}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for QueueError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            QueueError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Something said about the file or one of its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Notice {
    /// The row (第N行 of the sheet, or 第N条 of JSON records), when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// The column, when it is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What is wrong, in Chinese.
    pub zh: String,
    /// How to fix it.
    pub fix: String,
    /// Whether the row was left out of the list (else it was read, as said).
    pub skipped: bool,
}

impl Notice {
    /// A notice about the whole file.
    pub fn file(zh: impl Into<String>, fix: impl Into<String>) -> Notice {
        Notice {
            row: None,
            column: None,
            zh: zh.into(),
            fix: fix.into(),
            skipped: false,
        }
    }

    /// The notice as one line, with where it is.
    pub fn line(&self, unit: &str) -> String {
        let at = match (self.row, &self.column) {
            (Some(r), Some(c)) => format!("第{r}{unit}「{c}」："),
            (Some(r), None) => format!("第{r}{unit}："),
            (None, Some(c)) => format!("「{c}」列："),
            (None, None) => String::new(),
        };
        let fix = if self.fix.is_empty() {
            String::new()
        } else {
            format!("（{}）", self.fix)
        };
        format!("{at}{}{fix}", self.zh)
    }
}

/// A refund's state, by the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// The buyer asked; the shop must answer.
    WaitSeller,
    /// The shop agreed; the buyer must send the goods back.
    WaitBuyerReturn,
    /// The buyer sent the goods back; the shop must confirm.
    WaitSellerConfirm,
    /// The shop refused; the buyer may change the request or ask the platform.
    SellerRefused,
    /// Closed.
    Closed,
    /// Refunded.
    Success,
}

impl State {
    fn parse(meaning: &str) -> Option<State> {
        Some(match meaning {
            "wait_seller" => State::WaitSeller,
            "wait_buyer_return" => State::WaitBuyerReturn,
            "wait_seller_confirm" => State::WaitSellerConfirm,
            "seller_refused" => State::SellerRefused,
            "closed" => State::Closed,
            "success" => State::Success,
            _ => return None,
        })
    }

    /// In the seller centre's words.
    pub fn label(self) -> &'static str {
        match self {
            State::WaitSeller => "等待卖家处理",
            State::WaitBuyerReturn => "等待买家退货",
            State::WaitSellerConfirm => "买家已退货，等待确认收货",
            State::SellerRefused => "卖家已拒绝",
            State::Closed => "退款关闭",
            State::Success => "退款成功",
        }
    }
}

/// The goods' state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goods {
    /// Not received.
    NotReceived,
    /// Received.
    Received,
    /// Sent back.
    Returned,
}

/// 售中 or 售后.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before the trade completed.
    Onsale,
    /// After the trade completed.
    Aftersale,
}

/// The order's state, as the open platform sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Paid, not shipped.
    Unshipped,
    /// Shipped.
    InTransit,
    /// Signed for.
    Signed,
    /// The trade completed.
    Completed,
    /// Closed (by a refund).
    Closed,
}

/// Whether the platform's staff stepped in (客服介入).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cs {
    /// Not needed.
    None,
    /// Asked for.
    Asked,
    /// Stepped in.
    In,
    /// Finished.
    Done,
}

/// One refund of the list, as stated by its columns. Serialised, it goes to
/// the page and back, so the workbench advises on exactly what the list said.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Refund {
    /// Its row (第N行) or record (第N条) in the file.
    pub row: usize,
    /// 退款编号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_id: Option<String>,
    /// 订单编号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// 宝贝标题.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What the buyer paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Decimal>,
    /// What the buyer asks back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_amount: Option<Decimal>,
    /// The reason picked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The buyer's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desc: Option<String>,
    /// When the refund was asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDateTime>,
    /// The platform's timeout of the refund's current state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout: Option<NaiveDateTime>,
    /// The refund's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<State>,
    /// The goods' state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goods: Option<Goods>,
    /// Whether the goods go back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_return: Option<bool>,
    /// 仅退款 / 退货退款 / 换货, as the case's word (`refund_only` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund_type: Option<String>,
    /// 极速退款.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub express: Option<bool>,
    /// 售中 / 售后.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<Phase>,
    /// The order's state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_state: Option<OrderState>,
    /// When the buyer paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid: Option<NaiveDateTime>,
    /// Whether the order shipped (its outbound tracking is filled in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipped: Option<bool>,
    /// When the buyer sent the goods back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned_at: Option<NaiveDateTime>,
    /// Whether the platform's staff stepped in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cs: Option<Cs>,
    /// When an intervention's evidence period ends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_timeout: Option<NaiveDateTime>,
    /// 部分退款 (true) or 全部退款 (false), as the list says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial: Option<bool>,
    /// 责任方, as the case's word (`shop` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fault: Option<String>,
    /// The buyer's address, where the list has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// 包邮.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub free_shipping: Option<bool>,
    /// 淘宝 / 天猫, as the case's word (`taobao`, `tmall`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub platform: Option<String>,
    /// The column each item was read from (by item name), for the sources shown.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

impl Refund {
    /// The column an item was read from, as the file names it.
    pub fn column(&self, item: Item) -> &str {
        self.columns
            .get(item.name())
            .map_or(item.label(), String::as_str)
    }

    /// How the refund is named in a list: its number, else the order's, else its row.
    pub fn name(&self) -> String {
        self.refund_id
            .clone()
            .or_else(|| self.order_no.clone())
            .unwrap_or_else(|| format!("第{}行", self.row))
    }
}

/// A whole file read: its refunds, and what was said about it.
#[derive(Debug, Clone, Default)]
pub struct Read {
    /// The refunds, in file order.
    pub refunds: Vec<Refund>,
    /// Notices about the file and its rows.
    pub notices: Vec<Notice>,
    /// Columns found that no line of the column table names, each once.
    pub unknown_columns: Vec<String>,
    /// How the file was read (CSV UTF-8, GBK, 表格, JSON).
    pub read_as: String,
    /// What a row is called: 行 for a sheet, 条 for records.
    pub unit: &'static str,
}

/// Reads a refund list from a file's bytes.
pub fn read(bytes: &[u8]) -> Result<Read, QueueError> {
    if bytes.len() > MAX_FILE {
        return Err(QueueError::TooLarge(bytes.len()));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(QueueError::Empty {
            what: "文件是空的".to_string(),
        });
    }
    if table::is_spreadsheet(bytes) {
        let sheet = table::spreadsheet(bytes)?;
        return record::from_sheet(sheet);
    }
    let (text, encoding, bad_lines) = table::decode(bytes);
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') || start.starts_with('[') {
        return json::read(&text);
    }
    let mut sheet = table::csv(&text, &format!("CSV，{encoding}"))?;
    if encoding == "GBK" {
        sheet
            .notes
            .push("文件是 GBK 编码（Excel/WPS 存 CSV 的默认编码），已按 GBK 读取".to_string());
    }
    let mut read = record::from_sheet(sheet)?;
    for line in bad_lines {
        read.notices.push(Notice {
            row: Some(line),
            column: None,
            zh: "这一行有既不是 UTF-8 也不是 GBK 的字节，显示成了 �".into(),
            fix: "用 Excel/WPS 打开文件，另存为“CSV UTF-8”再试".into(),
            skipped: false,
        });
    }
    Ok(read)
}

/// One refund advised: its deadline, the answer, what is missing.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The refund as the list states it.
    pub refund: Refund,
    /// Its facts: stated by columns, or read from the buyer's words.
    pub facts: Facts,
    /// The advice (or the advice per region group), unless the facts could not be advised on.
    pub answer: Result<Answer, String>,
    /// Its deadline and countdown.
    pub clock: Clock,
    /// What the advice lacks, by the facts' labels.
    pub missing: Vec<crate::case::Fact>,
    /// The refund told as a paste, for the workbench's advice view and the journal.
    pub paste: String,
}

/// The whole queue: the entries sorted by what runs out first.
#[derive(Debug, Clone)]
pub struct Queue {
    /// The moment countdowns are counted from.
    pub now: NaiveDateTime,
    /// The entries, sorted.
    pub entries: Vec<Entry>,
    /// Notices about the file and its rows.
    pub notices: Vec<Notice>,
    /// Unknown columns, each once.
    pub unknown_columns: Vec<String>,
    /// How the file was read.
    pub read_as: String,
    /// 行 or 条.
    pub unit: &'static str,
}

impl Queue {
    /// The queue's own fields, without its entries.
    pub fn clone_head(&self) -> Queue {
        Queue {
            now: self.now,
            entries: Vec::new(),
            notices: self.notices.clone(),
            unknown_columns: self.unknown_columns.clone(),
            read_as: self.read_as.clone(),
            unit: self.unit,
        }
    }
}

/// Advises one refund as of `now`.
pub fn advise_one(policy: &Policy, intake: &Intake, refund: Refund, now: NaiveDateTime) -> Entry {
    let today = now.date();
    let (facts, base) = facts::facts(policy, intake, &refund, today);
    let answer = session::answer(
        policy,
        Some(facts.clone()),
        base,
        crate::case::CaseInput::default(),
        today,
        false,
    )
    .map_err(|e| match e {
        session::SessionError::Case(c) => facts::case_error_words(&c),
        other => other.to_string(),
    });
    let clock = clock::clock(policy, &refund, answer.as_ref().ok(), now);
    let missing = facts::missing(&facts, answer.as_ref().ok());
    let paste = facts::paste(&refund);
    Entry {
        refund,
        facts,
        answer,
        clock,
        missing,
        paste,
    }
}

/// Reads and advises a whole list, sorted by the deadline that runs out
/// first; `platform` stands for the shop's platform when the list does not say.
pub fn run(
    policy: &Policy,
    intake: &Intake,
    bytes: &[u8],
    now: NaiveDateTime,
    platform: Option<crate::case::Platform>,
) -> Result<Queue, QueueError> {
    let mut read = read(bytes)?;
    let refunds = std::mem::take(&mut read.refunds);
    let advise = |mut r: Refund| {
        if r.platform.is_none() {
            r.platform = platform.map(|p| p.id().to_string());
        }
        advise_one(policy, intake, r, now)
    };
    // Refunds are advised one by one, independently: a long list is shared
    // between the machine's cores.
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut entries: Vec<Entry> = if cores < 2 || refunds.len() < 200 {
        refunds.into_iter().map(advise).collect()
    } else {
        let chunk = refunds.len().div_ceil(cores);
        let mut parts: Vec<Vec<Refund>> = Vec::new();
        let mut rest = refunds;
        while rest.len() > chunk {
            let tail = rest.split_off(chunk);
            parts.push(rest);
            rest = tail;
        }
        parts.push(rest);
        std::thread::scope(|s| {
            let handles: Vec<_> = parts
                .into_iter()
                .map(|part| s.spawn(|| part.into_iter().map(advise).collect::<Vec<_>>()))
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        })
    };
    entries.sort_by(|a, b| {
        a.clock
            .sort_key()
            .cmp(&b.clock.sort_key())
            .then(a.refund.row.cmp(&b.refund.row))
    });
    let mut notices = read.notices;
    for e in &entries {
        if let Err(why) = &e.answer {
            notices.push(Notice {
                row: Some(e.refund.row),
                column: None,
                zh: format!("无法给建议：{why}"),
                fix: "核对这一行的日期和状态；时限照常列出".into(),
                skipped: false,
            });
        }
    }
    notices.sort_by_key(|n| n.row.unwrap_or(0));
    Ok(Queue {
        now,
        entries,
        notices,
        unknown_columns: read.unknown_columns,
        read_as: read.read_as,
        unit: read.unit,
    })
}
