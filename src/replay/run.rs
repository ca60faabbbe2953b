//! Running a replay: the reader hands chunks of rows to worker threads, each
//! worker decides its cases under both policies and keeps its own totals, and
//! the totals are merged at the end. A worker that panics stops the replay
//! with an error; nothing it counted is silently lost.

use std::io::BufRead;
use std::sync::{Mutex, mpsc};

use super::input::{Header, Parsed, Reader, Rows, csv_row, fast_csv_row, json_row, lines};
use super::report::{BadLine, Change, KEEP_BAD, Report};
use super::stats::{Counts, Stats};
use super::{Format, Options, ReplayError};
use crate::case::{Case, Fact, Slot};
use crate::engine::{self, AskSeen, EngineError, TitleTags, Verdict};
use crate::place::{Lookup, fold_digits, places};
use crate::policy::Policy;
use crate::text::has_traditional;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// Rows per chunk handed to a worker.
const CHUNK: usize = 2048;

/// Refuses a policy with a region group whose legs would count as ¥0.
fn every_group_has_a_shipping_cost(
    policy: &Policy,
    baseline: Option<&Policy>,
) -> Result<(), ReplayError> {
    for p in std::iter::once(policy).chain(baseline) {
        for g in 0..=p.groups().len() {
            if p.shipping_cost(g).is_none() {
                return Err(ReplayError::NoShippingCost {
                    policy: p.name().to_string(),
                    group: p.group_name(g).to_string(),
                });
            }
        }
    }
    Ok(())
}

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
    let mut input = input;
    // Excel's "Unicode text" and Notepad's "Unicode" are UTF-16: say so, not "bad line".
    let head = input.fill_buf()?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(ReplayError::Encoding {
            line: 1,
            what: "UTF-16，Excel 的“Unicode 文本”",
        });
    }
    every_group_has_a_shipping_cost(policy, baseline)?;
    let (mut reader, header) = match format {
        Format::JsonLines => (Reader::json(input), None),
        Format::Csv => match Reader::csv(input)? {
            (_, None) => return Err(ReplayError::Empty),
            (r, h) => (r, h),
        },
    };
    let (tx, rx) = mpsc::sync_channel::<Rows>(opts.threads * 2);
    let rx = Mutex::new(rx);
    let failed: Mutex<Option<ReplayError>> = Mutex::new(None);
    std::thread::scope(|s| -> Result<Report, ReplayError> {
        let workers: Vec<_> = (0..opts.threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut report = empty(policy, baseline);
                    let mut memo = Memo::default();
                    loop {
                        // The lock is held only to take the next chunk.
                        let chunk = match rx.lock() {
                            Ok(r) => r.recv(),
                            Err(_) => break,
                        };
                        let Ok(chunk) = chunk else { break };
                        // After a failure, keep taking chunks so the reader never blocks.
                        if has_failed(&failed) {
                            continue;
                        }
                        match run_chunk(policy, baseline, header.as_ref(), chunk, opts, &mut memo) {
                            Ok(part) => report.merge(part, opts.keep_changes),
                            Err(e) => {
                                if let Ok(mut f) = failed.lock() {
                                    // The earliest line wins when two workers fail.
                                    match (f.as_ref().and_then(ReplayError::line), e.line()) {
                                        (Some(a), Some(b)) if a <= b => {}
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
        let read = (|| -> Result<(), ReplayError> {
            while let Some((rows, bytes, line)) = reader.chunk(CHUNK)? {
                progress(bytes, line);
                if tx.send(rows).is_err() || has_failed(&failed) {
                    break;
                }
            }
            Ok(())
        })();
        drop(tx);
        let mut total = empty(policy, baseline);
        let mut panicked = None;
        for w in workers {
            match w.join() {
                Ok(part) => total.merge(part, opts.keep_changes),
                Err(payload) => panicked = Some(panic_message(payload.as_ref())),
            }
        }
        read?;
        if let Some(message) = panicked {
            return Err(ReplayError::Worker(message));
        }
        if let Some(e) = failed.lock().ok().and_then(|mut f| f.take()) {
            return Err(e);
        }
        if total.lines == total.bad_total {
            return Err(match total.bad_total {
                0 => ReplayError::Empty,
                n => ReplayError::NoCaseRead {
                    lines: n,
                    bad: total.bad,
                },
            });
        }
        if let Some(h) = &header {
            if h.journal.is_some() {
                total.notes.push(
                    "读的是工作台日志的导出：每行按 case 列（记录的案例）重放，其他列不用；实际成交的金额请用 replay --journal 对照 / a workbench journal export: each row is replayed from its `case` column".into(),
                );
            }
            total.ignored.extend(h.ignored.iter().cloned());
        }
        Ok(total)
    })
}

/// Whether a worker has failed (a poisoned lock counts as failed).
fn has_failed(failed: &Mutex<Option<ReplayError>>) -> bool {
    failed.lock().map(|f| f.is_some()).unwrap_or(true)
}

/// What a panicking worker said.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

fn empty(policy: &Policy, baseline: Option<&Policy>) -> Report {
    Report {
        policy: format!("{} #{}", policy.name(), policy.hash()),
        baseline: baseline.map(|b| format!("{} #{}", b.name(), b.hash())),
        old: baseline.map(|_| Stats::default()),
        ..Report::default()
    }
}

/// What a worker has already worked out for the titles and regions it met: a
/// shop's log names the same few hundred products and many of the same
/// places again and again, and reading either is a scan of its words.
#[derive(Default)]
struct Memo {
    /// Each title's tags under the new policy and the baseline.
    titles: HashMap<Box<str>, (TitleTags, Option<TitleTags>), foldhash::fast::RandomState>,
    /// Each region text's province, by its form with digits folded
    /// ([`fold_digits`]); `None` for a form with Traditional characters,
    /// which is resolved each time as written.
    places: HashMap<Box<str>, Option<Lookup>, foldhash::fast::RandomState>,
    /// The folded form of the region text in hand.
    folded: String,
}

/// Titles a worker remembers before it starts afresh (memory stays flat).
const MEMO_TITLES: usize = 4096;
/// Region texts a worker remembers before it starts afresh (a few MB).
const MEMO_PLACES: usize = 16384;

impl Memo {
    /// The province of a region text, as [`crate::place::Places::locate`] says.
    fn locate(&mut self, text: &str) -> Lookup {
        // Addresses differ mostly in house and phone numbers: remembered without them.
        fold_digits(text, &mut self.folded);
        let folded = &self.folded;
        let found = remember(&mut self.places, MEMO_PLACES, folded, || {
            (!has_traditional(folded)).then(|| places().locate(folded))
        });
        match found {
            Some(found) => found.unfold(text),
            None => places().locate(text),
        }
    }

    /// The tags of `title` under `policy` and `baseline`.
    fn title_tags(
        &mut self,
        policy: &Policy,
        baseline: Option<&Policy>,
        title: Option<&str>,
    ) -> (Option<TitleTags>, Option<TitleTags>) {
        let Some(title) = title else {
            return (None, None);
        };
        let (new, old) = remember(&mut self.titles, MEMO_TITLES, title, || {
            (
                TitleTags::of(policy, title),
                baseline.map(|b| TitleTags::of(b, title)),
            )
        });
        (Some(new), old)
    }
}

/// What `map` holds for `key`, or what `make` gives, kept for next time; a
/// map grown to `max` entries is emptied first.
fn remember<V: Clone>(
    map: &mut HashMap<Box<str>, V, foldhash::fast::RandomState>,
    max: usize,
    key: &str,
    make: impl FnOnce() -> V,
) -> V {
    if let Some(v) = map.get(key) {
        return v.clone();
    }
    if map.len() >= max {
        map.clear();
    }
    let v = make();
    map.insert(key.into(), v.clone());
    v
}

fn run_chunk(
    policy: &Policy,
    baseline: Option<&Policy>,
    header: Option<&Header>,
    rows: Rows,
    opts: &Options,
    memo: &mut Memo,
) -> Result<Report, ReplayError> {
    let mut r = empty(policy, baseline);
    let mut counts = (Counts::new(policy), baseline.map(Counts::new));
    let mut ignored = BTreeSet::new();
    let mut one = |line: u64, input: Result<Parsed, String>| -> Result<(), ReplayError> {
        r.lines += 1;
        let case = input.and_then(|i| {
            i.into_case(opts.today, &mut |text| memo.locate(text))
                .map_err(|e| e.for_log())
        });
        match case {
            Ok(case) => {
                let tags = memo.title_tags(policy, baseline, case.title.as_deref());
                decide_both(
                    &mut r,
                    &mut counts,
                    (policy, baseline),
                    &case,
                    tags,
                    line,
                    opts,
                );
                Ok(())
            }
            Err(message) if opts.strict => Err(ReplayError::BadLine { line, message }),
            Err(message) => {
                r.bad_total += 1;
                if r.bad.len() < KEEP_BAD {
                    r.bad.push(BadLine { line, message });
                }
                Ok(())
            }
        }
    };
    match rows {
        Rows::Lines { text, first } => {
            for (line, bytes) in lines(&text, first) {
                // Validated with SIMD: a line is mostly Chinese, and std's check goes byte by byte there.
                let Ok(text) = simdutf8::basic::from_utf8(bytes) else {
                    return Err(ReplayError::Encoding {
                        line,
                        what: "可能是 GBK",
                    });
                };
                if text.trim().is_empty() {
                    continue;
                }
                one(line, json_row(text, &mut ignored))?;
            }
        }
        Rows::Records(records) => {
            let Some(header) = header else {
                return Err(ReplayError::Empty);
            };
            for (line, record) in records.rows() {
                let record = match record {
                    Ok(r) => r,
                    Err(e) => {
                        one(line, Err(e.to_string()))?;
                        continue;
                    }
                };
                let not_utf8 = || ReplayError::Encoding {
                    line,
                    what: "可能是 GBK",
                };
                let Some(fields) = &record.fields else {
                    return Err(not_utf8());
                };
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if let Some((case, day)) = header.journal {
                    let row = match (fields.get(case), fields.get(day)) {
                        (Some(case), Some(day)) => journal_row(case, day, &mut ignored),
                        _ => Err("这一行缺了 case 列 / the row has no `case` field".into()),
                    };
                    one(line, row)?;
                    continue;
                }
                match fast_csv_row(fields, &header.columns) {
                    Some(row) => one(line, Ok(Parsed::Row(row)))?,
                    None => {
                        let Some(text) = record.record() else {
                            return Err(not_utf8());
                        };
                        one(line, csv_row(&text, header))?;
                    }
                }
            }
        }
    }
    r.ignored = ignored.into_iter().collect();
    r.new = counts.0.into_stats(policy);
    r.old = baseline.zip(counts.1).map(|(b, c)| c.into_stats(b));
    Ok(r)
}

/// A row of the journal's export: the recorded case (a case-log JSON line),
/// asked on the day it was handled unless it gives its own request date, as
/// `replay --journal` reads it.
fn journal_row<'a>(
    case: &'a str,
    handled_at: &'a str,
    ignored: &mut BTreeSet<String>,
) -> Result<Parsed<'a>, String> {
    let day = handled_at.split_whitespace().next().unwrap_or_default();
    let mut parsed = json_row(case, ignored)?;
    if !day.is_empty() {
        match &mut parsed {
            Parsed::Row(row) => {
                if let Slot::Text(t) = row.slot_of(Fact::Requested)
                    && t.is_none()
                {
                    *t = Some(Cow::Borrowed(day));
                }
            }
            Parsed::Input(input) => {
                if input.requested.is_none() {
                    input.requested = Some(crate::located::Located::flag(day.to_string()));
                }
            }
        }
    }
    Ok(parsed)
}

/// Whether the advice counters the buyer's ask instead of agreeing to it:
/// the ask is above the ceiling, or this rule haggles from its opening offer.
pub(super) fn counters(v: &Verdict) -> bool {
    matches!(
        v.ask,
        AskSeen::Counter(..) | AskSeen::AboveNoRule(..) | AskSeen::Held(..)
    )
}

/// The money a buyer may get from an advice: its ceiling and compensation.
fn money(r: &Result<Verdict, EngineError>) -> Decimal {
    r.as_ref().map_or(Decimal::ZERO, |v| {
        v.offer.as_ref().map_or(Decimal::ZERO, |o| o.max.value())
            + v.compensation.map_or(Decimal::ZERO, |c| c.value())
    })
}

/// Decides one case under the new policy (and the baseline), tallies both and
/// records a change when the two decisions differ in value.
fn decide_both(
    r: &mut Report,
    (new_counts, old_counts): &mut (Counts, Option<Counts>),
    (policy, baseline): (&Policy, Option<&Policy>),
    case: &Case,
    (new_tags, old_tags): (Option<TitleTags>, Option<TitleTags>),
    line: u64,
    opts: &Options,
) {
    let new = engine::decide_untraced(policy, case, new_tags);
    let (Some(b), Some(old_stats)) = (baseline, old_counts.as_mut()) else {
        new_counts.add(policy, case, &new, None);
        return;
    };
    let old = engine::decide_untraced(b, case, old_tags);
    old_stats.add(b, case, &old, None);
    let same = match (&old, &new) {
        (Ok(o), Ok(n)) => o.same_as(n),
        (Err(EngineError::Missing { fact: a, .. }), Err(EngineError::Missing { fact: b, .. })) => {
            a.key() == b.key()
        }
        _ => false,
    };
    // Unchanged advice ships the same: a province moved to another group prices
    // its legs differently, and that is reported as re-pricing, not as the advice's effect.
    if same && let Ok(v) = &new {
        let leg = |p: &Policy| {
            let g = case
                .region
                .as_ref()
                .map_or(p.groups().len(), |r| p.group_of_place(r));
            p.shipping_cost(g).unwrap_or_default()
        };
        let (was, now) = (leg(b), leg(policy));
        new_counts.add(policy, case, &new, Some(was));
        if was != now {
            r.repriced_cases += 1;
            r.repricing += (now - was) * super::stats::shop_legs(v);
        }
    } else {
        new_counts.add(policy, case, &new, None);
    }
    if !same {
        r.changed_total += 1;
        match money(&new).cmp(&money(&old)) {
            std::cmp::Ordering::Greater => r.more_money += 1,
            std::cmp::Ordering::Less => r.less_money += 1,
            std::cmp::Ordering::Equal => {}
        }
        let counter = |x: &Result<Verdict, EngineError>| x.as_ref().is_ok_and(counters);
        match (counter(&old), counter(&new)) {
            (true, false) => r.counters_avoided += 1,
            (false, true) => r.counters_added += 1,
            _ => {}
        }
        if opts.keep_changes.is_none_or(|k| r.changed.len() < k) {
            r.changed.push(Change {
                line,
                case: describe_case(case),
                old: summary(&old),
                new: summary(&new),
            });
        }
    }
}

/// The decision in a few words: resolution, offer, compensation, shipping.
fn summary(a: &Result<Verdict, EngineError>) -> String {
    match a {
        Err(EngineError::Missing { fact, .. }) => format!("缺“{}”，定不了", fact.label()),
        Ok(v) => {
            let mut s = v.resolution().short().to_string();
            if let Some(o) = &v.offer {
                s.push_str(&format!(" ¥{}–{}", o.open, o.max));
            }
            if let Some(c) = v.compensation {
                s.push_str(&format!(" 赔付¥{c}"));
            }
            s.push_str(&format!(
                " 运费 寄回{}/寄出{}",
                v.shipping.to_shop.short(),
                v.shipping.to_buyer.short()
            ));
            s
        }
    }
}

fn describe_case(c: &Case) -> String {
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
