//! Reading a case log in chunks: JSON Lines line by line, or CSV through one
//! streaming reader (quoted fields may hold commas and line breaks). Rows are
//! parsed into [`CaseInput`] by the workers, not here.

use std::io::BufRead;

use std::borrow::Cow;
use std::collections::BTreeSet;

use smallvec::SmallVec;

use chrono::NaiveDate;

use super::ReplayError;
use crate::case::{Case, CaseError, CaseInput, CaseRow, Fact, Slot, yes_no_word};
use crate::place::Lookup;

/// Rows of the log, each with its 1-based line number.
pub(super) enum Rows {
    /// JSON Lines: whole lines as read, split and checked by the worker, so
    /// the reader thread copies bytes and allocates nothing per line.
    Lines {
        /// The lines, each ending in a line break except perhaps the log's last.
        text: Vec<u8>,
        /// The number of the block's first line.
        first: u64,
    },
    /// CSV records as bytes (or what kept one from being read): the worker
    /// checks their encoding, so the reader thread only splits them.
    Records(Records),
}

/// A chunk's CSV records, their fields end to end in one buffer: a record
/// of its own would cost the reader an allocation per row.
#[derive(Default)]
pub(super) struct Records {
    /// Every field's bytes, end to end.
    bytes: Vec<u8>,
    /// Where each field ends in `bytes`.
    ends: Vec<usize>,
    /// Each row: where it was read, and its fields (a range of `ends`) or
    /// what kept it from being read.
    rows: Vec<(csv::Position, Result<std::ops::Range<usize>, String>)>,
}

impl Records {
    /// Adds a record read at `at`.
    fn push(&mut self, at: csv::Position, record: &csv::ByteRecord) {
        let base = self.bytes.len();
        self.bytes.extend_from_slice(record.as_slice());
        let first = self.ends.len();
        self.ends.extend(
            (0..record.len())
                .filter_map(|i| record.range(i))
                .map(|r| base + r.end),
        );
        self.rows.push((at, Ok(first..self.ends.len())));
    }

    /// The rows: each one's line, and the record as text, or what kept it from being read.
    pub(super) fn rows(&self) -> impl Iterator<Item = (u64, Result<RecordText<'_>, &str>)> + '_ {
        self.rows.iter().map(move |(at, row)| {
            let fields = match row {
                Ok(fields) => fields.clone(),
                Err(e) => return (at.line(), Err(e.as_str())),
            };
            let start = fields.start.checked_sub(1).map_or(0, |i| self.ends[i]);
            let ends = &self.ends[fields];
            let bytes = &self.bytes[start..ends.last().copied().unwrap_or(start)];
            // The fields end to end, checked at once: each field is then good text
            // exactly when it starts and ends between characters, as the csv
            // crate checks each field on its own.
            let text = simdutf8::basic::from_utf8(bytes).ok().and_then(|all| {
                let mut from = 0;
                ends.iter()
                    .map(|&e| {
                        let f = all.get(from..e - start);
                        from = e - start;
                        f
                    })
                    .collect::<Option<SmallVec<[&str; 16]>>>()
            });
            let record = RecordText {
                fields: text,
                at,
                bytes,
                ends,
                start,
            };
            (at.line(), Ok(record))
        })
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// One CSV record of a chunk, as text.
pub(super) struct RecordText<'a> {
    /// Its fields, or `None` when one is not UTF-8.
    pub fields: Option<SmallVec<[&'a str; 16]>>,
    at: &'a csv::Position,
    /// Its fields' bytes, end to end.
    bytes: &'a [u8],
    /// Where each field ends, counted from `start`.
    ends: &'a [usize],
    start: usize,
}

impl RecordText<'_> {
    /// The record as the csv crate would have read it, position and all, for serde.
    pub(super) fn record(&self) -> Option<csv::StringRecord> {
        let mut r = csv::ByteRecord::with_capacity(self.bytes.len(), self.ends.len());
        let mut from = 0;
        for &e in self.ends {
            r.push_field(&self.bytes[from..e - self.start]);
            from = e - self.start;
        }
        r.set_position(Some(self.at.clone()));
        csv::StringRecord::from_byte_record(r).ok()
    }
}

/// Bytes of JSON Lines handed to a worker at a time (about two thousand cases).
const BLOCK: usize = 512 * 1024;

/// A log being read.
pub(super) enum Reader<R: BufRead> {
    /// JSON Lines.
    Json {
        /// The log.
        input: R,
        /// The last line number handed out.
        line: u64,
        /// Bytes read so far.
        bytes: u64,
        /// The start of a line the last block cut off.
        carry: Vec<u8>,
    },
    /// CSV with a header.
    Csv {
        /// The streaming reader.
        reader: csv::Reader<R>,
        /// Lines end in `\r\n` (Excel): the reader counts each record's line
        /// break only when it reads the next record, one line short.
        crlf: bool,
    },
}

impl<R: BufRead> Reader<R> {
    /// A JSON Lines reader.
    pub(super) fn json(input: R) -> Reader<R> {
        Reader::Json {
            input,
            line: 0,
            bytes: 0,
            carry: Vec::new(),
        }
    }

    /// A CSV reader and what its header's columns are; `None` for an empty log.
    pub(super) fn csv(mut input: R) -> Result<(Reader<R>, Option<Header>), ReplayError> {
        let head = input.fill_buf()?;
        let crlf = memchr::memchr(b'\n', head).is_some_and(|i| i > 0 && head[i - 1] == b'\r');
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(input);
        let header = match reader.headers() {
            Ok(h) if h.is_empty() || h.iter().all(|c| c.trim().is_empty()) => None,
            Ok(h) => Some(h.iter().map(str::trim).collect::<csv::StringRecord>()),
            Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
                return Err(ReplayError::Encoding {
                    line: 1,
                    what: "可能是 GBK",
                });
            }
            Err(e) => {
                return Err(ReplayError::Header(format!(
                    "CSV 的表头读不了 / the CSV header cannot be read: {e}"
                )));
            }
        };
        let header = match header {
            Some(h) => Some(Header::read(&h)?),
            None => None,
        };
        Ok((Reader::Csv { reader, crlf }, header))
    }

    /// Up to `max` rows, with the bytes read so far and the last line number.
    pub(super) fn chunk(&mut self, max: usize) -> Result<Option<(Rows, u64, u64)>, ReplayError> {
        match self {
            Reader::Json {
                input,
                line,
                bytes,
                carry,
            } => {
                // Whole lines of about BLOCK bytes; a line cut at the end waits for the next block.
                let mut text = std::mem::take(carry);
                text.reserve(BLOCK);
                let mut searched = 0;
                let end = loop {
                    if text.len() >= BLOCK {
                        if let Some(i) = memchr::memrchr(b'\n', &text[searched..]) {
                            break searched + i + 1;
                        }
                        // A line longer than a block: what was searched holds no break.
                        searched = text.len();
                    }
                    let got = input.fill_buf()?;
                    if got.is_empty() {
                        break text.len();
                    }
                    let n = got.len().min(BLOCK.saturating_sub(text.len()).max(1 << 16));
                    text.extend_from_slice(&got[..n]);
                    input.consume(n);
                };
                *carry = text.split_off(end);
                if text.is_empty() {
                    return Ok(None);
                }
                let first = *line + 1;
                let breaks = memchr::memchr_iter(b'\n', &text).count() as u64;
                *line += breaks + u64::from(!text.ends_with(b"\n"));
                *bytes += text.len() as u64;
                Ok(Some((Rows::Lines { text, first }, *bytes, *line)))
            }
            Reader::Csv { reader, crlf } => {
                let mut rows = Records::default();
                let mut record = csv::ByteRecord::new();
                let behind = u64::from(*crlf);
                loop {
                    let mut at = reader.position().clone();
                    at.set_line(at.line() + behind);
                    match reader.read_byte_record(&mut record) {
                        Ok(true) => {
                            rows.push(at, &record);
                            if rows.len() == max {
                                break;
                            }
                        }
                        Ok(false) => break,
                        Err(e) => {
                            let line = e.position().map_or(at.line(), |p| p.line() + behind);
                            let mut at = at;
                            at.set_line(line);
                            rows.rows.push((at, Err(csv_error(&e))));
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

/// The case field a column heading names: the field itself (`price`), the
/// name the paste reader reports (`signed_at`), its Chinese label (实付金额),
/// or a heading a shop's export uses (实付款, 地区, 签收时间).
fn column(heading: &str) -> Option<&'static str> {
    const ALIASES: &[(&str, &str)] = &[
        ("问题", "defect"),
        ("售后原因", "defect"),
        ("地区", "region"),
        ("省份", "region"),
        ("收货地址", "region"),
        ("地址", "region"),
        ("标题", "title"),
        ("商品", "title"),
        ("宝贝", "title"),
        ("实付", "price"),
        ("实付款", "price"),
        ("价格", "price"),
        ("金额", "price"),
        ("买家要求", "ask"),
        ("要求金额", "ask"),
        ("买家要价", "ask"),
        ("状态", "stage"),
        ("交易状态", "stage"),
        ("签收时间", "signed"),
        ("申请时间", "requested"),
        ("付款时间", "paid"),
        ("成交时间", "completed"),
        ("交易成功时间", "completed"),
        ("诉求", "wants"),
        ("已开价", "offered"),
        // Headings of the platform's own order export.
        ("宝贝标题", "title"),
        ("买家实际支付金额", "price"),
        ("订单付款时间", "paid"),
        ("确认收货时间", "completed"),
    ];
    let h = heading.trim().trim_start_matches('\u{feff}');
    Fact::ALL
        .iter()
        .find(|f| f.key() == h || f.name() == h || f.label() == h)
        .map(|f| f.key())
        .or_else(|| ALIASES.iter().find(|(a, _)| *a == h).map(|(_, k)| *k))
}

/// What the columns of a CSV header are: the case field each names, or
/// none for a column that is ignored (an order number, the buyer's nick);
/// or, for the workbench journal's own export, the column holding each
/// recorded case and the one with the day it was handled.
pub(super) struct Header {
    /// Each column's case field; `None` for a column ignored.
    pub columns: Vec<Option<Fact>>,
    /// The fields of the columns read, in order, for the general reader.
    pub names: csv::StringRecord,
    /// The headings ignored, each with why when it is not plain.
    pub ignored: Vec<String>,
    /// A journal export: the column of the recorded case (JSON) and of the
    /// time it was handled (its day is the request date when it gives none).
    pub journal: Option<(usize, usize)>,
}

/// The journal export's column holding the recorded case.
const JOURNAL_CASE: &str = "case";

impl Header {
    /// Reads a header: a column that names no case field is ignored, and
    /// said so; a header that names none at all is refused.
    fn read(h: &csv::StringRecord) -> Result<Header, ReplayError> {
        let headings: Vec<&str> = h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}'))
            .collect();
        let position = |name: &str| headings.iter().position(|c| *c == name);
        if let (Some(case), Some(day)) = (position(JOURNAL_CASE), position("handled_at")) {
            return Ok(Header {
                columns: vec![None; headings.len()],
                names: csv::StringRecord::new(),
                ignored: Vec::new(),
                journal: Some((case, day)),
            });
        }
        if position("handled_at").is_some() && position("policy_hash").is_some() {
            return Err(ReplayError::Header(
                "这是旧版的工作台导出，没有 case 列（记录的案例） / an older workbench export, without the `case` column; re-export it with `aftersale journal export --csv`, or replay the journal itself with `replay --journal FILE`".into(),
            ));
        }
        let mut columns = Vec::with_capacity(headings.len());
        let mut ignored = Vec::new();
        let mut seen = 0u64;
        for (i, heading) in headings.iter().enumerate() {
            let fact =
                column(heading).and_then(|k| Fact::ALL.iter().copied().find(|f| f.key() == k));
            match fact {
                // A second column for one fact (省份 beside 收货地址): the first is read.
                Some(f) if seen & (1 << f as u32) != 0 => {
                    let first = headings[..i]
                        .iter()
                        .find(|c| column(c) == Some(f.key()))
                        .copied()
                        .unwrap_or_default();
                    ignored.push(format!(
                        "{heading}（和“{first}”同是{}，读的是“{first}”）",
                        f.label()
                    ));
                    columns.push(None);
                }
                Some(f) => {
                    seen |= 1 << f as u32;
                    columns.push(Some(f));
                }
                None => {
                    if !heading.is_empty() {
                        ignored.push(match near_field(heading) {
                            Some(near) => format!("{heading}（是不是 {near}？）"),
                            None => heading.to_string(),
                        });
                    }
                    columns.push(None);
                }
            }
        }
        if seen == 0 {
            return Err(ReplayError::Header(format!(
                "CSV 的表头没有一列是案例字段（{}） / the CSV header names no case field ({}); 案例字段 / case fields: {}",
                headings.join("，"),
                headings.join(","),
                Fact::ALL
                    .iter()
                    .map(|f| format!("{}（{}）", f.key(), f.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Ok(Header {
            names: columns.iter().flatten().map(|f| f.key()).collect(),
            columns,
            ignored,
            journal: None,
        })
    }
}

/// The case field a heading that names none is nearly spelt as
/// (`defct` for defect, `签收日起` for 签收日期); none for a heading merely
/// sharing a character or two with one (订单号, 买家旺旺).
fn near_field(heading: &str) -> Option<&'static str> {
    Fact::ALL
        .iter()
        .flat_map(|f| [f.key(), f.label()])
        .map(|name| (strsim::normalized_levenshtein(heading, name), name))
        .filter(|(score, _)| *score >= 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// A CSV reader's error on a row, Chinese first.
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "这一行有 {len} 列，表头有 {expected_len} 列：文字里有英文逗号就整格用英文双引号括起来 / {len} fields where the header has {expected_len}: quote a text that holds a comma"
        ),
        csv::ErrorKind::Utf8 { .. } => {
            "这一行不是 UTF-8 文字 / this line is not UTF-8 text".to_string()
        }
        _ => format!("这一行读不了 / cannot be read: {e}"),
    }
}

/// The lines of a JSON Lines block with their numbers: a line break (`\n` or
/// `\r\n`) ends each, and a byte-order mark is dropped, as a text editor shows them.
pub(super) fn lines(text: &[u8], first: u64) -> impl Iterator<Item = (u64, &[u8])> {
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let ends = memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len()));
    let mut start = 0;
    ends.zip(first..).map(move |(end, n)| {
        let l = &text[start..end];
        start = end + 1;
        let l = l.strip_suffix(b"\r").unwrap_or(l);
        (n, l.strip_prefix("\u{feff}".as_bytes()).unwrap_or(l))
    })
}

/// A log row as read: in place (the usual), or by the general reader.
// The row is what nearly every line gives: boxing it would allocate per line.
#[allow(clippy::large_enum_variant)]
pub(super) enum Parsed<'a> {
    /// Read in place, borrowing from the line.
    Row(CaseRow<'a>),
    /// Read by [`CaseInput`]'s own reader (rare, so kept out of line).
    Input(Box<CaseInput>),
}

impl Parsed<'_> {
    /// The case the row gives.
    pub(super) fn into_case(
        self,
        today: NaiveDate,
        locate: &mut dyn FnMut(&str) -> Lookup,
    ) -> Result<Case, CaseError> {
        match self {
            Parsed::Row(r) => r.to_case(today, locate),
            Parsed::Input(i) => (*i).into_case_with(today, locate),
        }
    }
}

/// One JSON line: read by the fast reader, or in place by serde, and only a
/// row neither can read is read again the general way, for its message. A
/// key that is no case field is left out and named in `ignored`.
pub(super) fn json_row<'t>(
    text: &'t str,
    ignored: &mut BTreeSet<String>,
) -> Result<Parsed<'t>, String> {
    if let Some(row) = fast_row(text) {
        return Ok(Parsed::Row(row));
    }
    match serde_json::from_str::<CaseRow>(text) {
        Ok(row) => Ok(Parsed::Row(row)),
        Err(_) => general_json(text, ignored),
    }
}

/// Keys of a log line that are left out are named up to this many.
const IGNORED_NAMES: usize = 20;

/// A JSON line the in-place readers refuse: its keys that are no case field
/// are left out (and named), the rest read by [`CaseInput`]'s own reader.
fn general_json(text: &str, ignored: &mut BTreeSet<String>) -> Result<Parsed<'static>, String> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "这一行不是 JSON，每行要写成 {{\"defect\": \"小瑕疵\", \"region\": \"新疆\"}} / not a JSON line: {e}"
        )
    })?;
    let serde_json::Value::Object(mut map) = value else {
        return Err(
            "这一行不是 JSON 对象，每行要写成 {\"defect\": \"小瑕疵\", …} / not a JSON object"
                .into(),
        );
    };
    let unknown: Vec<String> = map
        .keys()
        .filter(|k| !Fact::ALL.iter().any(|f| f.key() == *k || f.label() == *k))
        .cloned()
        .collect();
    for key in unknown {
        map.remove(&key);
        if ignored.len() < IGNORED_NAMES {
            ignored.insert(key);
        }
    }
    serde_json::from_value::<CaseInput>(serde_json::Value::Object(map.clone()))
        .map(|i| Parsed::Input(Box::new(i)))
        .map_err(|e| {
            // The JSON reader does not say which field: the one read alone that fails.
            let fact = map.into_iter().find_map(|(k, v)| {
                let one = serde_json::Value::Object([(k.clone(), v)].into_iter().collect());
                serde_json::from_value::<CaseInput>(one)
                    .is_err()
                    .then(|| {
                        Fact::ALL
                            .iter()
                            .copied()
                            .find(|f| f.key() == k || f.label() == k)
                    })
                    .flatten()
            });
            value_error(fact, &e.to_string())
        })
}

/// One CSV record as a case row, read by serde: for a record the fast
/// reader ([`fast_csv_row`]) leaves, and for its message. Only the columns
/// the header reads are handed on.
pub(super) fn csv_row<'r>(
    record: &'r csv::StringRecord,
    header: &'r Header,
) -> Result<Parsed<'r>, String> {
    // The csv reader does not say which field: the one read alone that fails.
    let message = |read: &csv::StringRecord, e: csv::Error| {
        let fact = header
            .names
            .iter()
            .zip(read.iter())
            .find(|(name, value)| {
                let one = csv::StringRecord::from(vec![*value]);
                let name = csv::StringRecord::from(vec![*name]);
                one.deserialize::<CaseInput>(Some(&name)).is_err()
            })
            .and_then(|(name, _)| Fact::parse(name));
        value_error(fact, &e.to_string())
    };
    if header.columns.iter().all(Option::is_some) {
        return match record.deserialize::<CaseRow>(Some(&header.names)) {
            Ok(row) => Ok(Parsed::Row(row)),
            Err(_) => record
                .deserialize(Some(&header.names))
                .map(|i| Parsed::Input(Box::new(i)))
                .map_err(|e| message(record, e)),
        };
    }
    // Only the columns read are handed on: a record of its own, so the row owns its text.
    let mut read: csv::StringRecord = record
        .iter()
        .zip(&header.columns)
        .filter_map(|(field, c)| c.map(|_| field))
        .collect();
    read.set_position(record.position().cloned());
    read.deserialize(Some(&header.names))
        .map(|i| Parsed::Input(Box::new(i)))
        .map_err(|e| message(&read, e))
}

/// A reader's message on a row's value, Chinese first, naming the field by
/// its label: the field is `fact` when known, else the one the message names.
pub(super) fn value_error(fact: Option<Fact>, message: &str) -> String {
    let message = message
        .strip_prefix("CSV deserialize error: ")
        .unwrap_or(message);
    // The csv reader names the record before what is wrong with it.
    let message = message.rsplit_once("): ").map_or(message, |(_, m)| m);
    let message = message
        .split_once(": ")
        .filter(|(f, _)| f.starts_with("field "))
        .map_or(message, |(_, m)| m);
    let zh = if message.contains("yes or no") {
        "要写 是 或 否（true / false）"
    } else if message.contains("expected text or a number") {
        "要写文字或数字"
    } else {
        "写法不对"
    };
    match fact {
        Some(f) => format!("{}的值{zh} / {}: {message}", f.label(), f.key()),
        None => format!("有一个值{zh} / {message}"),
    }
}

/// Reads a CSV record against its header's facts ([`csv_columns`]) as the
/// csv crate's serde reader does, without it: that reader tries every field
/// as a bool, four kinds of integer and a float before taking it as text, and
/// copies each. A field serde would refuse is `None`, and serde reads the
/// record for its message.
pub(super) fn fast_csv_row<'r>(
    record: &[&'r str],
    columns: &[Option<Fact>],
) -> Option<CaseRow<'r>> {
    // A record shorter or longer than its header leaves serde to say so.
    if record.len() != columns.len() {
        return None;
    }
    let mut row = CaseRow::default();
    for (&fact, &value) in columns.iter().zip(record) {
        // An empty field is absent, whatever the fact; a column ignored is skipped.
        let Some(fact) = fact.filter(|_| !value.is_empty()) else {
            continue;
        };
        match (csv_scalar(value), row.slot_of(fact)) {
            (CsvScalar::Text, Slot::Text(t)) => {
                *t = (!crate::text::is_blank(value)).then_some(Cow::Borrowed(value));
            }
            (CsvScalar::Number(n), Slot::Text(t)) => *t = Some(n),
            (CsvScalar::Int(n), Slot::Text(t)) => *t = Some(int_text(value, n)),
            (CsvScalar::Text, Slot::Yes(y)) => *y = yes_no_word::<serde_json::Error>(value).ok()?,
            (CsvScalar::Bool(b), Slot::Yes(y)) => *y = Some(b),
            (CsvScalar::Int(n), Slot::Yes(y)) => *y = Some(n != 0),
            _ => return None,
        }
    }
    Some(row)
}

/// How the csv crate's serde reader takes a non-empty field.
#[derive(Debug, PartialEq)]
enum CsvScalar<'a> {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits an `i64`, also as written back.
    Int(i64),
    /// A number, as serde's text facts write it back (`39.00` is `39`).
    Number(Cow<'a, str>),
    /// Text.
    Text,
    /// A number the case readers refuse (a 128-bit integer, a float for yes/no).
    Refused,
}

fn csv_scalar(x: &str) -> CsvScalar<'_> {
    // Text, true and false are told by their first byte already.
    match x.as_bytes().first() {
        Some(c) if c.is_ascii_digit() => quick_scalar(x).unwrap_or_else(|| any_scalar(x)),
        _ => any_scalar(x),
    }
}

/// [`csv_scalar`] for the fields a log is made of, without trying five
/// parsers on each: whole numbers, plain decimals and dates. `None` for
/// anything else.
fn quick_scalar(x: &str) -> Option<CsvScalar<'_>> {
    let b = x.as_bytes();
    let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
    // Eighteen digits always fit an i64.
    if b.len() <= 18 && digits(b) {
        return x.parse().ok().map(CsvScalar::Int);
    }
    // A plain decimal of at most 15 digits is one float, which prints as the
    // decimal without its spare zeros: 39.00 is 39, 0.50 is 0.5, a part of the field.
    if let Some((whole, part)) = x.split_once('.')
        && digits(whole.as_bytes())
        && digits(part.as_bytes())
        && whole.len() + part.len() <= 15
    {
        let start = whole.len() - unpadded(whole).len();
        let kept = part.trim_end_matches('0').len();
        let end = if kept == 0 {
            whole.len()
        } else {
            whole.len() + 1 + kept
        };
        return Some(CsvScalar::Number(Cow::Borrowed(&x[start..end])));
    }
    // A sign that follows no exponent: no number reads it (a date, 2026-11-12).
    let inner_sign = b
        .windows(2)
        .any(|w| matches!(w[1], b'-' | b'+') && !matches!(w[0], b'e' | b'E'));
    inner_sign.then_some(CsvScalar::Text)
}

/// A whole number `n` read from `value`, as serde's text facts write it back:
/// the digits without leading zeros, a part of the field when it is all digits.
fn int_text(value: &str, n: i64) -> Cow<'_, str> {
    if value.bytes().all(|c| c.is_ascii_digit()) {
        Cow::Borrowed(unpadded(value))
    } else {
        Cow::Owned(n.to_string())
    }
}

/// Non-empty digits without their leading zeros; all zeros leave the last one.
fn unpadded(digits: &str) -> &str {
    let start = digits.len() - digits.trim_start_matches('0').len();
    &digits[start.min(digits.len().saturating_sub(1))..]
}

/// [`csv_scalar`] for any field, trying each reading in the csv crate's order.
fn any_scalar(x: &str) -> CsvScalar<'static> {
    if x == "true" {
        return CsvScalar::Bool(true);
    }
    if x == "false" {
        return CsvScalar::Bool(false);
    }
    // Only these start a number (or inf/NaN) the reader would try: Chinese text never does.
    if !x.starts_with(|c: char| c.is_ascii_digit() || "+-.iInN".contains(c)) {
        return CsvScalar::Text;
    }
    if let Ok(n) = x.parse::<u64>() {
        return match i64::try_from(n) {
            Ok(i) => CsvScalar::Int(i),
            // Text facts take it as written back; yes/no facts refuse it.
            Err(_) => CsvScalar::Refused,
        };
    }
    if let Ok(n) = x.parse::<i64>() {
        return CsvScalar::Int(n);
    }
    if x.parse::<u128>().is_ok() || x.parse::<i128>().is_ok() {
        return CsvScalar::Refused;
    }
    match x.parse::<f64>() {
        Ok(f) => CsvScalar::Number(Cow::Owned(f.to_string())),
        Err(_) => CsvScalar::Text,
    }
}

/// Whether a line holds no escape and no control character (tabs between
/// fields included): then every string in it is plain, and ends at its next
/// quote. Eight bytes are tested at a time.
fn plain_line(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = b.chunks_exact(8);
    let mut any = 0;
    for w in words.by_ref() {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        let slash = x ^ (ONES * u64::from(b'\\'));
        // The high bit of each byte below 0x20, and of each byte that is a backslash.
        any |= (x.wrapping_sub(ONES * 0x20) & !x) | (slash.wrapping_sub(ONES) & !slash);
    }
    any & HIGH == 0 && words.remainder().iter().all(|&c| c >= 0x20 && c != b'\\')
}

/// The first quote at or after `i`, eight bytes at a time: a line's strings
/// are short, and a general search costs more to start than to run.
fn next_quote(b: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(w) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let q = u64::from_le_bytes(word) ^ (ONES * u64::from(b'"'));
        // The lowest flagged byte is always a quote.
        let hit = q.wrapping_sub(ONES) & !q & HIGH;
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    Some(i + b.get(i..)?.iter().position(|&c| c == b'"')?)
}

/// Reads the common shape of a log line, a flat JSON object of case fields
/// whose values are plain strings, `true`/`false` or `null`, in one pass over
/// its bytes. Anything else (an escape, a number, an unknown or repeated
/// field, a value a field refuses) is `None`, and serde reads the line, so
/// this reader accepts a subset of what serde accepts and reads it alike.
pub(super) fn fast_row(text: &str) -> Option<CaseRow<'_>> {
    let b = text.as_bytes();
    let ws = |mut i: usize| {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    };
    if !plain_line(b) {
        return None;
    }
    // A string's body from just after its opening quote.
    let string = |i: usize| -> Option<(&str, usize)> {
        let end = next_quote(b, i)?;
        Some((text.get(i..end)?, end + 1))
    };
    let mut row = CaseRow::default();
    let mut seen = 0u64;
    let mut i = ws(0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = ws(i + 1);
    if b.get(i) == Some(&b'}') {
        return (ws(i + 1) == b.len()).then_some(row);
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key, after) = string(i + 1)?;
        i = ws(after);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = ws(i + 1);
        let (fact, slot) = row.slot(key.as_bytes())?;
        let bit = 1u64 << (fact as u32);
        if seen & bit != 0 {
            return None;
        }
        seen |= bit;
        match (b.get(i)?, slot) {
            (b'"', slot) => {
                let (value, after) = string(i + 1)?;
                i = after;
                match slot {
                    Slot::Text(t) => {
                        *t = (!crate::text::is_blank(value)).then_some(Cow::Borrowed(value));
                    }
                    Slot::Yes(y) => *y = yes_no_word::<serde_json::Error>(value).ok()?,
                }
            }
            (b'n', _) if b[i..].starts_with(b"null") => i += 4,
            (b't', Slot::Yes(y)) if b[i..].starts_with(b"true") => {
                *y = Some(true);
                i += 4;
            }
            (b'f', Slot::Yes(y)) if b[i..].starts_with(b"false") => {
                *y = Some(false);
                i += 5;
            }
            _ => return None,
        }
        i = ws(i);
        match b.get(i)? {
            b',' => i = ws(i + 1),
            b'}' => return (ws(i + 1) == b.len()).then_some(row),
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Both readers' view of a row, fact by fact.
    fn facts(row: &CaseRow) -> Vec<(Fact, Option<String>, Option<bool>)> {
        Fact::ALL
            .iter()
            .map(|&f| (f, row.text(f).map(str::to_string), row.yes(f)))
            .collect()
    }

    /// Pieces of log lines: fields, unknown and repeated keys, values of every
    /// JSON kind, escapes, control characters, odd spacing.
    fn line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec![
            "defect",
            "region",
            "title",
            "price",
            "signed",
            "free_shipping",
            "malicious",
            "made_to_order",
            "unknown",
            "Defect",
            "de\\u0066ect",
        ]);
        let value = prop::sample::select(vec![
            "\"小瑕疵\"",
            "\"  \"",
            "\"\"",
            "\"上海市浦东新区\"",
            "\"39.00\"",
            "\"2026-11-12\"",
            "true",
            "false",
            "null",
            "1",
            "0",
            "2.5",
            "-3",
            "\"是\"",
            "\"否\"",
            "\"maybe\"",
            "\"a\\\"b\"",
            "\"tab\there\"",
            "\"\\u5c0f\"",
            "[]",
            "{}",
            "nul",
            "tru",
            "\"unterminated",
        ]);
        let space = prop::sample::select(vec!["", " ", "\t", "  \r"]);
        prop::collection::vec((key, space.clone(), value, space), 0..6).prop_map(|fields| {
            let body: Vec<String> = fields
                .iter()
                .map(|(k, s1, v, s2)| format!("{s1}\"{k}\"{s2}:{s1}{v}{s2}"))
                .collect();
            format!("{{{}}}", body.join(","))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// The fast reader reads a line as serde does, or leaves it to serde.
        #[test]
        fn the_fast_reader_agrees_with_serde(text in line(), tail in prop::sample::select(vec!["", " ", ",", "x", "}"])) {
            let text = format!("{text}{tail}");
            if let Some(fast) = fast_row(&text) {
                let slow = serde_json::from_str::<CaseRow>(&text);
                prop_assert!(slow.is_ok(), "fast read {text:?}, serde refused it");
                prop_assert_eq!(facts(&fast), facts(&slow.unwrap_or_default()), "{}", text);
            }
        }
    }

    #[test]
    fn a_line_with_an_escape_or_a_control_character_is_not_plain() {
        assert!(plain_line(
            r#"{"region":"上海市浦东新区某某路449号","price":"39.00"}"#.as_bytes()
        ));
        assert!(plain_line(b""));
        for bad in [
            r#"{"title":"a\"b"}"#,
            "{\"title\":\t\"ab\"}",
            r#"{"region":"上海市浦东新区某某路449号\u0041"}"#,
            "{\"x\":1}\r",
            "\\",
        ] {
            assert!(!plain_line(bad.as_bytes()), "{bad:?}");
        }
    }

    #[test]
    fn the_next_quote_is_found_in_a_word_or_after_it() {
        let s = "0123456789\"abcdef\"上海\"";
        for from in 0..s.len() {
            let want = s.as_bytes()[from..]
                .iter()
                .position(|&c| c == b'"')
                .map(|p| p + from);
            assert_eq!(next_quote(s.as_bytes(), from), want, "from {from}");
        }
        assert_eq!(next_quote(b"no quote here at all", 0), None);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The fast CSV reader reads a record as serde does, or leaves it to serde.
        #[test]
        fn the_fast_csv_reader_agrees_with_serde(
            fields in prop::collection::vec(
                (
                    prop::sample::select(vec![
                        "defect", "region", "price", "ask", "signed", "free_shipping", "malicious",
                    ]),
                    prop::sample::select(vec![
                        "", " ", "小瑕疵", "上海市浦东新区", "39.00", "39", "+5", "-0", "-3", "1e3",
                        "0.1", ".5", "inf", "NaN", "true", "false", "是", "否", "maybe", "2026-11-12",
                        "18446744073709551616", "9223372036854775808", "-9223372036854775809",
                        "340282366920938463463374607431768211456", " 12", "nan!", "infinity",
                    ]),
                ),
                1..6,
            )
        ) {
            let header: csv::StringRecord = fields.iter().map(|(k, _)| *k).collect();
            let record: csv::StringRecord = fields.iter().map(|(_, v)| *v).collect();
            let fields: Vec<&str> = record.iter().collect();
            // A column named twice is left to the general reader, as a log's header is.
            let read = Header::read(&header).ok().filter(|h| h.ignored.is_empty());
            if let Some(fast) = read.and_then(|h| fast_csv_row(&fields, &h.columns)) {
                let slow = record.deserialize::<CaseRow>(Some(&header));
                prop_assert!(slow.is_ok(), "fast read {fields:?}, serde refused it");
                prop_assert_eq!(facts(&fast), facts(&slow.unwrap_or_default()), "{:?}", fields);
            }
        }
    }

    proptest! {
        /// The quick reading of a CSV field is the csv crate's reading.
        #[test]
        fn a_field_read_quickly_is_read_as_the_csv_crate_reads_it(
            x in "[0-9]{0,20}|[0-9]{0,9}\\.[0-9]{0,9}|[-+0-9.eE]{1,8}|20[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}|[0-9.]{0,4}[a-z年]{0,2}"
        ) {
            if let Some(quick) = quick_scalar(&x) {
                prop_assert_eq!(quick, any_scalar(&x), "{:?}", x);
            }
        }
    }

    #[test]
    fn a_record_is_text_when_every_field_is() {
        let fields = |rows: &Records| -> Vec<Option<Vec<String>>> {
            rows.rows()
                .map(|(_, r)| {
                    r.ok()
                        .and_then(|r| r.fields)
                        .map(|f| f.iter().map(|x| x.to_string()).collect())
                })
                .collect()
        };
        let mut rows = Records::default();
        let at = csv::Position::new();
        rows.push(
            at.clone(),
            &csv::ByteRecord::from(vec!["小瑕疵", "新疆", "", "89"]),
        );
        // 中 cut in two by a comma: good bytes end to end, yet neither field is text.
        let cut = csv::ByteRecord::from(vec![&b"a\xe4\xb8"[..], &b"\xad"[..]]);
        assert!(csv::StringRecord::from_byte_record(cut.clone()).is_err());
        rows.push(at.clone(), &cut);
        rows.push(
            at.clone(),
            &csv::ByteRecord::from(vec![&b"quality"[..], &b"\xd0\xc2\xbd\xae"[..]]),
        );
        rows.push(at.clone(), &csv::ByteRecord::from(vec!["", "x"]));
        assert_eq!(
            fields(&rows),
            [
                Some(vec!["小瑕疵".into(), "新疆".into(), "".into(), "89".into()]),
                None,
                None,
                Some(vec!["".into(), "x".into()])
            ]
        );
        // The way back to a record gives the record read.
        let back: Vec<_> = rows.rows().filter_map(|(_, r)| r.ok()?.record()).collect();
        assert_eq!(back.len(), 2);
        assert_eq!(
            back[0],
            csv::StringRecord::from(vec!["小瑕疵", "新疆", "", "89"])
        );
        assert_eq!(back[1], csv::StringRecord::from(vec!["", "x"]));
    }

    #[test]
    fn the_usual_line_is_read_fast() {
        let line = r#"{"defect":"dislike","region":"上海市浦东新区某某路449号","price":"39.00","free_shipping":false,"signed":"2026-11-12"}"#;
        let row = fast_row(line).expect("read fast");
        assert_eq!(row.text(Fact::Region), Some("上海市浦东新区某某路449号"));
        assert_eq!(row.yes(Fact::FreeShipping), Some(false));
        assert!(
            fast_row(r#"{"price":39}"#).is_none(),
            "numbers are left to serde"
        );
    }
}
