//! Replay: run a log of past cases through a changed policy (and the old one)
//! and total what it does to the shop's decisions and money.
//!
//! The log is read as a stream, in chunks handed to worker threads, so memory
//! stays flat however long it is; totals are exact decimals. A line that cannot
//! be read is reported with its number and skipped (or stops the run when
//! strict). Only the first changed cases are kept unless all are asked for.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::sync::{Arc, Mutex, mpsc};

use crate::advice::{Payer, Resolution};
use crate::case::Case;
use crate::case::CaseInput;
use crate::engine::{self, EngineError, Verdict};
use crate::policy::Policy;
use crate::snippet::Located;

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
    /// A CSV header that names no case field.
    #[error(
        "the CSV header names no case field ({0})\n  = help: the first line must name columns such as defect,region,title,price,ask"
    )]
    Header(String),
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

/// Totals for a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Cases decided.
    pub cases: u64,
    /// Cases with a money offer.
    pub offers: u64,
    /// Sum of opening offers.
    pub open: Decimal,
    /// Sum of ceilings.
    pub max: Decimal,
    /// Sum of compensation owed.
    pub compensation: Decimal,
    /// Cases escalated to a supervisor.
    pub escalations: u64,
    /// Cases where goods come back to the shop.
    pub returns: u64,
    /// Estimated shipping the shop pays (legs at the policy's per-region cost).
    pub shop_shipping: Decimal,
}

impl Tally {
    fn add(&mut self, v: &Verdict, leg_cost: Option<Decimal>) {
        self.cases += 1;
        if let Some(o) = &v.offer {
            self.offers += 1;
            self.open += o.open.value();
            self.max += o.max.value();
        }
        if let Some(c) = v.compensation {
            self.compensation += c.value();
        }
        self.escalations += u64::from(v.escalate());
        self.returns += u64::from(comes_back(v.resolution()));
        if let Some(cost) = leg_cost {
            self.shop_shipping += cost * shop_legs(v);
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.offers += o.offers;
        self.open += o.open;
        self.max += o.max;
        self.compensation += o.compensation;
        self.escalations += o.escalations;
        self.returns += o.returns;
        self.shop_shipping += o.shop_shipping;
    }

    /// Each total with its CSV name, its table heading and whether it is money,
    /// in column order: the table and the CSV both print from this list.
    fn metrics(&self) -> [(&'static str, &'static str, Decimal, bool); 8] {
        let n = |v: u64| Decimal::from(v);
        [
            ("cases", "cases", n(self.cases), false),
            ("offers", "offers", n(self.offers), false),
            ("opening_total", "opening total", self.open, true),
            ("ceiling_total", "ceiling total", self.max, true),
            ("compensation", "compensation", self.compensation, true),
            ("escalations", "escalate", n(self.escalations), false),
            ("returns", "returns", n(self.returns), false),
            ("shop_shipping", "shop shipping", self.shop_shipping, true),
        ]
    }

    /// Mean opening offer over cases with an offer.
    pub fn mean_open(&self) -> Decimal {
        mean(self.open, self.offers)
    }

    /// Mean ceiling over cases with an offer.
    pub fn mean_max(&self) -> Decimal {
        mean(self.max, self.offers)
    }
}

fn mean(sum: Decimal, n: u64) -> Decimal {
    if n == 0 {
        Decimal::ZERO
    } else {
        (sum / Decimal::from(n)).round_dp(2)
    }
}

/// Whether the goods travel back to the shop.
fn comes_back(r: Resolution) -> bool {
    matches!(
        r,
        Resolution::ReturnOrExchange
            | Resolution::ReturnRefund
            | Resolution::Exchange
            | Resolution::RefuseDelivery
            | Resolution::Repair
    )
}

/// How many legs the shop pays for (a split leg is half). The outbound leg of a
/// return or refusal was already shipped, so it is not a new cost.
fn shop_legs(a: &Verdict) -> Decimal {
    let share = |p: Payer| match p {
        Payer::Shop => Decimal::ONE,
        Payer::Split => Decimal::new(5, 1),
        _ => Decimal::ZERO,
    };
    let outbound_is_new = !matches!(
        a.resolution(),
        Resolution::ReturnRefund | Resolution::RefuseDelivery
    );
    share(a.shipping.to_shop)
        + if outbound_is_new {
            share(a.shipping.to_buyer)
        } else {
            Decimal::ZERO
        }
}

/// Everything one policy did to the log.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// All decided cases.
    pub all: Tally,
    /// Cases per resolution id.
    pub by_resolution: BTreeMap<&'static str, u64>,
    /// Cases the engine could not decide, per missing fact.
    pub undecided: BTreeMap<&'static str, u64>,
    /// Totals per region group.
    pub by_region: BTreeMap<Arc<str>, Tally>,
    /// Totals per defect id.
    pub by_defect: BTreeMap<Arc<str>, Tally>,
}

impl Stats {
    fn add(&mut self, policy: &Policy, case: &Case, result: &Result<Verdict, EngineError>) {
        match result {
            Ok(v) => {
                let group = case.region.as_ref().map(|r| policy.group_of_place(r));
                let cost = policy
                    .shipping_costs
                    .get(group.unwrap_or(policy.groups.len()))
                    .copied()
                    .flatten();
                self.all.add(v, cost);
                *self.by_resolution.entry(v.resolution().id()).or_default() += 1;
                let region =
                    group.map_or_else(|| Arc::from("未知地区"), |g| policy.group_names[g].clone());
                self.by_region.entry(region).or_default().add(v, cost);
                if let Some(d) = case.defect {
                    self.by_defect
                        .entry(defect_key(d))
                        .or_default()
                        .add(v, cost);
                }
            }
            Err(EngineError::Missing { key, .. }) => *self.undecided.entry(key).or_default() += 1,
        }
    }

    fn merge(&mut self, o: &Stats) {
        self.all.merge(&o.all);
        for (k, v) in &o.by_resolution {
            *self.by_resolution.entry(k).or_default() += v;
        }
        for (k, v) in &o.undecided {
            *self.undecided.entry(k).or_default() += v;
        }
        for (k, v) in &o.by_region {
            self.by_region.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.by_defect {
            self.by_defect.entry(k.clone()).or_default().merge(v);
        }
    }
}

/// A defect's id as a shared map key, made once.
fn defect_key(d: crate::case::Defect) -> Arc<str> {
    static KEYS: std::sync::OnceLock<Vec<Arc<str>>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        crate::case::Defect::ALL
            .iter()
            .map(|d| Arc::from(d.id()))
            .collect()
    })[d.index()]
    .clone()
}

/// A case whose advice differs between the baseline and the new policy.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// 1-based line in the log.
    pub line: u64,
    /// The case, in short.
    pub case: String,
    /// The baseline's advice, in short.
    pub old: String,
    /// The new policy's advice, in short.
    pub new: String,
}

/// A line that could not be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BadLine {
    /// 1-based line number.
    pub line: u64,
    /// What is wrong.
    pub message: String,
}

/// The outcome of a replay.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    /// Lines read as cases (bad lines included).
    pub lines: u64,
    /// Lines skipped.
    pub bad: Vec<BadLine>,
    /// How many bad lines there were (only the first few are kept).
    pub bad_total: u64,
    /// The new policy's name and hash.
    pub policy: String,
    /// The baseline's name and hash.
    pub baseline: Option<String>,
    /// What the new policy did.
    pub new: Stats,
    /// What the baseline did.
    pub old: Option<Stats>,
    /// How many cases changed.
    pub changed_total: u64,
    /// The changed cases kept, in log order.
    pub changed: Vec<Change>,
}

/// Bad lines kept for the report (all are counted).
const KEEP_BAD: usize = 20;

impl Report {
    fn merge(&mut self, o: Report, keep: Option<usize>) {
        self.lines += o.lines;
        self.bad_total += o.bad_total;
        self.bad.extend(o.bad);
        self.bad.sort_by_key(|b| b.line);
        self.bad.truncate(KEEP_BAD);
        self.new.merge(&o.new);
        if let (Some(old), Some(o_old)) = (self.old.as_mut(), o.old.as_ref()) {
            old.merge(o_old);
        }
        self.changed_total += o.changed_total;
        self.changed.extend(o.changed);
        self.changed.sort_by_key(|c| c.line);
        if let Some(k) = keep {
            self.changed.truncate(k);
        }
    }
}

/// One line of a JSON Lines log: the case-file fields, numbers or strings.
#[derive(Debug, Default, Deserialize)]
struct Row {
    #[serde(default, deserialize_with = "text")]
    defect: Option<String>,
    #[serde(default, deserialize_with = "text")]
    region: Option<String>,
    #[serde(default, deserialize_with = "text")]
    title: Option<String>,
    #[serde(default, deserialize_with = "text")]
    fault: Option<String>,
    #[serde(default, deserialize_with = "text")]
    price: Option<String>,
    #[serde(default, deserialize_with = "text")]
    ask: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    free_shipping: Option<bool>,
    #[serde(default, deserialize_with = "text")]
    platform: Option<String>,
    #[serde(default, deserialize_with = "text")]
    stage: Option<String>,
    #[serde(default, deserialize_with = "text")]
    signed: Option<String>,
    #[serde(default, deserialize_with = "text")]
    requested: Option<String>,
    #[serde(default, deserialize_with = "text")]
    material: Option<String>,
    #[serde(default, deserialize_with = "text")]
    wants: Option<String>,
    #[serde(default, deserialize_with = "flag")]
    not_resellable: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    perishable: Option<bool>,
    #[serde(default, deserialize_with = "flag")]
    claim_false: Option<bool>,
}

/// Reads a string, a number (as written) or null; empty text is absent.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum T {
        S(String),
        N(serde_json::Number),
    }
    Ok(match Option::<T>::deserialize(d)? {
        Some(T::S(s)) if !s.trim().is_empty() => Some(s),
        Some(T::N(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// Reads a boolean: true/false, 1/0, 是/否, yes/no, or empty.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Yes {
        Bool(bool),
        Num(i64),
        Text(String),
    }
    match Option::<Yes>::deserialize(d)? {
        None => Ok(None),
        Some(Yes::Bool(b)) => Ok(Some(b)),
        Some(Yes::Num(n)) => Ok(Some(n != 0)),
        Some(Yes::Text(s)) => match s.trim() {
            "" => Ok(None),
            "true" | "1" | "是" | "yes" | "y" | "Y" | "TRUE" | "True" => Ok(Some(true)),
            "false" | "0" | "否" | "no" | "n" | "N" | "FALSE" | "False" => Ok(Some(false)),
            other => Err(serde::de::Error::custom(format!(
                "`{other}` is not yes or no"
            ))),
        },
    }
}

impl Row {
    fn into_input(self) -> CaseInput {
        let l = |v: Option<String>| v.map(Located::flag);
        CaseInput {
            defect: l(self.defect),
            region: l(self.region),
            title: l(self.title),
            fault: l(self.fault),
            price: l(self.price),
            ask: l(self.ask),
            free_shipping: self.free_shipping,
            platform: l(self.platform),
            stage: l(self.stage),
            signed: l(self.signed),
            requested: l(self.requested),
            material: l(self.material),
            wants: l(self.wants),
            not_resellable: self.not_resellable,
            perishable: self.perishable,
            claim_false: self.claim_false,
        }
    }
}

/// A chunk of the log: its first line number and its lines.
struct Chunk {
    first: u64,
    lines: Vec<String>,
}

/// Lines per chunk handed to a worker.
const CHUNK: usize = 2048;

/// Replays a log read from `input`, calling `progress` with the bytes and
/// lines read so far as the reading goes on.
pub fn replay(
    policy: &Policy,
    baseline: Option<&Policy>,
    input: impl BufRead,
    format: Format,
    opts: &Options,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Report, ReplayError> {
    let mut lines = input.lines();
    let mut line_no = 0u64;
    // CSV: the header is line 1 and every chunk is parsed against it.
    let header = match format {
        Format::JsonLines => None,
        Format::Csv => {
            let Some(h) = lines.next() else {
                return Ok(empty(policy, baseline));
            };
            line_no = 1;
            let h = h?;
            let header = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(h.as_bytes())
                .records()
                .next()
                .and_then(Result::ok)
                .ok_or_else(|| ReplayError::Header(h.clone()))?;
            if !header
                .iter()
                .any(|c| crate::session::CASE_FIELDS.contains(&c.trim()))
            {
                return Err(ReplayError::Header(h));
            }
            Some(header)
        }
    };
    let (tx, rx) = mpsc::sync_channel::<Chunk>(opts.threads * 2);
    let rx = Mutex::new(rx);
    let failed: Mutex<Option<ReplayError>> = Mutex::new(None);
    let total = std::thread::scope(|s| -> Result<Report, ReplayError> {
        let workers: Vec<_> = (0..opts.threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut report = empty(policy, baseline);
                    loop {
                        // The lock is held only to take the next chunk.
                        let chunk = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = chunk else { break };
                        // After a failure, keep taking chunks so the reader never blocks.
                        if failed.lock().map(|f| f.is_some()).unwrap_or(true) {
                            continue;
                        }
                        match run_chunk(policy, baseline, header.as_ref(), chunk, opts) {
                            Ok(part) => report.merge(part, opts.keep_changes),
                            Err(e) => {
                                if let Ok(mut f) = failed.lock() {
                                    // The earliest bad line wins when two workers fail.
                                    match (&*f, &e) {
                                        (
                                            Some(ReplayError::BadLine { line: a, .. }),
                                            ReplayError::BadLine { line: b, .. },
                                        ) if a <= b => {}
                                        _ => *f = Some(e),
                                    }
                                }
                            }
                        }
                    }
                    report
                })
            })
            .collect();
        let mut chunk = Chunk {
            first: line_no + 1,
            lines: Vec::with_capacity(CHUNK),
        };
        let mut bytes = 0u64;
        for line in lines {
            let line = line?;
            line_no += 1;
            bytes += line.len() as u64 + 1;
            chunk.lines.push(line);
            if chunk.lines.len() == CHUNK {
                progress(bytes, line_no);
                let next = Chunk {
                    first: line_no + 1,
                    lines: Vec::with_capacity(CHUNK),
                };
                if tx.send(std::mem::replace(&mut chunk, next)).is_err() {
                    break;
                }
                if failed.lock().map(|f| f.is_some()).unwrap_or(true) {
                    break;
                }
            }
        }
        if !chunk.lines.is_empty() {
            let _ = tx.send(chunk);
        }
        progress(bytes, line_no);
        drop(tx);
        let mut total = empty(policy, baseline);
        for w in workers {
            if let Ok(part) = w.join() {
                total.merge(part, opts.keep_changes);
            }
        }
        Ok(total)
    })?;
    if let Some(e) = failed.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(total)
}

fn empty(policy: &Policy, baseline: Option<&Policy>) -> Report {
    Report {
        policy: format!("{} #{}", policy.name, policy.hash),
        baseline: baseline.map(|b| format!("{} #{}", b.name, b.hash)),
        old: baseline.map(|_| Stats::default()),
        ..Report::default()
    }
}

fn run_chunk(
    policy: &Policy,
    baseline: Option<&Policy>,
    header: Option<&csv::StringRecord>,
    chunk: Chunk,
    opts: &Options,
) -> Result<Report, ReplayError> {
    let mut r = empty(policy, baseline);
    for (i, text) in chunk.lines.iter().enumerate() {
        let line = chunk.first + i as u64;
        if text.trim().is_empty() {
            continue;
        }
        r.lines += 1;
        let row: Result<Row, String> = match header {
            None => serde_json::from_str(text).map_err(|e| e.to_string()),
            Some(h) => csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(text.as_bytes())
                .records()
                .next()
                .ok_or_else(|| "empty CSV line".to_string())
                .and_then(|rec| rec.map_err(|e| e.to_string()))
                .and_then(|rec| rec.deserialize::<Row>(Some(h)).map_err(|e| e.to_string())),
        };
        let case = row.and_then(|row| {
            row.into_input()
                .into_case(opts.today)
                .map_err(|e| first_line(&e.to_string()))
        });
        let case = match case {
            Ok(c) => c,
            Err(message) => {
                if opts.strict {
                    return Err(ReplayError::BadLine { line, message });
                }
                r.bad_total += 1;
                if r.bad.len() < KEEP_BAD {
                    r.bad.push(BadLine { line, message });
                }
                continue;
            }
        };
        let new = engine::decide(policy, &case);
        r.new.add(policy, &case, &new);
        if let (Some(b), Some(old_stats)) = (baseline, r.old.as_mut()) {
            let old = engine::decide(b, &case);
            old_stats.add(b, &case, &old);
            let (o, n) = (summary(&old), summary(&new));
            if o != n {
                r.changed_total += 1;
                if opts.keep_changes.is_none_or(|k| r.changed.len() < k) {
                    r.changed.push(Change {
                        line,
                        case: describe_case(&case),
                        old: o,
                        new: n,
                    });
                }
            }
        }
    }
    Ok(r)
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).to_string()
}

/// The decision in a few words: resolution, offer, shipping, compensation.
fn summary(a: &Result<Verdict, EngineError>) -> String {
    match a {
        Err(EngineError::Missing { key, .. }) => format!("needs {key}"),
        Ok(v) => {
            let mut s = v.resolution().id().to_string();
            if let Some(o) = &v.offer {
                s.push_str(&format!(" {}-{}", o.open, o.max));
            }
            s.push_str(&format!(
                " ship {}/{}",
                v.shipping.to_shop.id(),
                v.shipping.to_buyer.id()
            ));
            if let Some(c) = v.compensation {
                s.push_str(&format!(" comp {c}"));
            }
            s
        }
    }
}

fn describe_case(c: &crate::case::Case) -> String {
    let mut s = c.defect.map_or("?".to_string(), |d| d.label().to_string());
    if let Some(r) = &c.region {
        s.push_str(&format!(" {}", r.province));
    }
    if let Some(p) = c.price {
        s.push_str(&format!(" ¥{p}"));
    }
    if let Some(a) = c.ask {
        s.push_str(&format!(" 要¥{a}"));
    }
    s
}

/// A count, or yuan to the fen; with `signed`, a change (+12, -¥3.50).
fn amount(v: Decimal, money: bool, signed: bool) -> String {
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else if signed && !v.is_zero() {
        "+"
    } else {
        ""
    };
    let mut a = v.abs().round_dp(2);
    if money {
        a.rescale(2);
        format!("{sign}¥{a}")
    } else {
        format!("{sign}{a}")
    }
}

/// Pads to a display width, counting a Chinese character as two columns.
fn pad(s: &str, width: usize, right: bool) -> String {
    let w: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    let fill = " ".repeat(width.saturating_sub(w) + 1);
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// One row of the summary: a label and a value per policy.
struct Line {
    label: String,
    new: Decimal,
    old: Option<Decimal>,
    money: bool,
}

impl Report {
    /// The summary rows: resolutions, undecided cases, money, escalations, returns.
    fn lines(&self) -> Vec<Line> {
        let mut out = Vec::new();
        let old = self.old.as_ref();
        let mut push = |label: String, new: Decimal, old: Option<Decimal>, money: bool| {
            out.push(Line {
                label,
                new,
                old,
                money,
            })
        };
        let n = |v: u64| Decimal::from(v);
        push(
            "cases decided / 已给建议".into(),
            n(self.new.all.cases),
            old.map(|o| n(o.all.cases)),
            false,
        );
        // Cases per resolution, then cases the rules could not decide, per missing fact.
        type Counts = fn(&Stats) -> &BTreeMap<&'static str, u64>;
        type Label = fn(&str) -> String;
        let tables: [(Counts, Label); 2] = [
            (|s| &s.by_resolution, |k| format!("  {k}")),
            (|s| &s.undecided, |k| format!("needs {k} / 缺信息")),
        ];
        for (of, label) in tables {
            let mut keys: Vec<&str> = of(&self.new)
                .keys()
                .chain(old.iter().flat_map(|o| of(o).keys()))
                .copied()
                .collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let get = |s: &Stats| n(of(s).get(k).copied().unwrap_or(0));
                push(label(k), get(&self.new), old.map(get), false);
            }
        }
        let t = |s: &Stats| s.all.clone();
        let (a, b) = (t(&self.new), old.map(t));
        push(
            "cases with an offer / 有报价".into(),
            n(a.offers),
            b.as_ref().map(|b| n(b.offers)),
            false,
        );
        push(
            "opening offers, total / 开价合计".into(),
            a.open,
            b.as_ref().map(|b| b.open),
            true,
        );
        push(
            "ceilings, total / 上限合计".into(),
            a.max,
            b.as_ref().map(|b| b.max),
            true,
        );
        push(
            "mean opening offer / 平均开价".into(),
            a.mean_open(),
            b.as_ref().map(Tally::mean_open),
            true,
        );
        push(
            "mean ceiling / 平均上限".into(),
            a.mean_max(),
            b.as_ref().map(Tally::mean_max),
            true,
        );
        push(
            "compensation owed / 平台赔付".into(),
            a.compensation,
            b.as_ref().map(|b| b.compensation),
            true,
        );
        push(
            "escalations / 上报".into(),
            n(a.escalations),
            b.as_ref().map(|b| n(b.escalations)),
            false,
        );
        push(
            "returns / 退回".into(),
            n(a.returns),
            b.as_ref().map(|b| n(b.returns)),
            false,
        );
        push(
            "shop shipping, est. / 商家运费估算".into(),
            a.shop_shipping,
            b.as_ref().map(|b| b.shop_shipping),
            true,
        );
        out
    }

    /// A readable table: the totals side by side with the baseline, the
    /// breakdowns by region group and defect, the changed cases and bad lines.
    pub fn table(&self) -> String {
        use std::fmt::Write;
        let mut o = String::new();
        let _ = writeln!(
            o,
            "replay: {} cases, {} bad line(s) skipped",
            self.lines, self.bad_total
        );
        let _ = writeln!(o, "policy:   {}", self.policy);
        if let Some(b) = &self.baseline {
            let _ = writeln!(o, "baseline: {b}");
        }
        let _ = writeln!(o);
        let fmt = |v: Decimal, money: bool| amount(v, money, false);
        if self.old.is_some() {
            let _ = writeln!(
                o,
                "{}{}{}{}",
                pad("", 38, false),
                pad("baseline", 16, true),
                pad("new", 16, true),
                pad("change", 14, true)
            );
        }
        for l in self.lines() {
            match l.old {
                Some(old) => {
                    let diff = amount(l.new - old, l.money, true);
                    let _ = writeln!(
                        o,
                        "{}{}{}{}",
                        pad(&l.label, 38, false),
                        pad(&fmt(old, l.money), 16, true),
                        pad(&fmt(l.new, l.money), 16, true),
                        pad(&diff, 14, true)
                    );
                }
                None => {
                    let _ = writeln!(
                        o,
                        "{}{}",
                        pad(&l.label, 38, false),
                        pad(&fmt(l.new, l.money), 16, true)
                    );
                }
            }
        }
        for (title, new, old) in [
            (
                "by region group / 按地区组",
                &self.new.by_region,
                self.old.as_ref().map(|s| &s.by_region),
            ),
            (
                "by defect / 按问题类型",
                &self.new.by_defect,
                self.old.as_ref().map(|s| &s.by_defect),
            ),
        ] {
            let _ = writeln!(
                o,
                "\n{title}{}",
                if old.is_some() {
                    " (new, change vs baseline)"
                } else {
                    ""
                }
            );
            let widths = [18, 9, 9, 22, 22, 20, 9, 13, 22];
            let row = |cells: &[String]| -> String {
                cells
                    .iter()
                    .zip(widths)
                    .enumerate()
                    .map(|(i, (c, w))| pad(c, w, i > 0))
                    .collect::<String>()
            };
            let heading: Vec<String> = std::iter::once(String::new())
                .chain(Tally::default().metrics().map(|m| m.1.to_string()))
                .collect();
            let _ = writeln!(o, "  {}", row(&heading));
            for (key, t) in new {
                let was = old
                    .and_then(|m| m.get(key))
                    .cloned()
                    .unwrap_or_default()
                    .metrics();
                // The case count stands alone; every other total shows its change.
                let cells: Vec<String> = std::iter::once(key.to_string())
                    .chain(t.metrics().iter().zip(was).enumerate().map(
                        |(i, ((_, _, v, money), (_, _, b, _)))| {
                            let base = fmt(*v, *money);
                            if i == 0 || old.is_none() || *v == b {
                                base
                            } else {
                                format!("{base} ({})", amount(*v - b, *money, true))
                            }
                        },
                    ))
                    .collect();
                let _ = writeln!(o, "  {}", row(&cells));
            }
        }
        if self.baseline.is_some() {
            let _ = writeln!(
                o,
                "\n{} case(s) get different advice / 建议有变化的案例",
                self.changed_total
            );
            for c in &self.changed {
                let _ = writeln!(
                    o,
                    "  line {:<8} {}\n    old: {}\n    new: {}",
                    c.line, c.case, c.old, c.new
                );
            }
            if (self.changed.len() as u64) < self.changed_total {
                let _ = writeln!(
                    o,
                    "  … {} more (use --all to list every one)",
                    self.changed_total - self.changed.len() as u64
                );
            }
        }
        if !self.bad.is_empty() {
            let _ = writeln!(o, "\nbad lines / 无法读取的行 (skipped):");
            for b in &self.bad {
                let _ = writeln!(o, "  line {}: {}", b.line, b.message);
            }
        }
        o
    }

    /// The totals as CSV for a spreadsheet: scope, key, metric, new, baseline, change.
    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let _ = w.write_record(["scope", "key", "metric", "new", "baseline", "change"]);
        let cell = |v: Option<Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
        for l in self.lines() {
            let _ = w.write_record([
                "all",
                "",
                l.label.trim(),
                &l.new.to_string(),
                &cell(l.old),
                &cell(l.old.map(|o| l.new - o)),
            ]);
        }
        for (scope, new, old) in [
            (
                "region",
                &self.new.by_region,
                self.old.as_ref().map(|s| &s.by_region),
            ),
            (
                "defect",
                &self.new.by_defect,
                self.old.as_ref().map(|s| &s.by_defect),
            ),
        ] {
            for (key, t) in new {
                let was = old.map(|m| m.get(key).cloned().unwrap_or_default().metrics());
                for (i, (metric, _, v, _)) in t.metrics().into_iter().enumerate() {
                    let was = was.map(|w| w[i].2);
                    let _ = w.write_record([
                        scope,
                        key,
                        metric,
                        &v.to_string(),
                        &cell(was),
                        &cell(was.map(|x| v - x)),
                    ]);
                }
            }
        }
        w.into_inner()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}
