//! The outcome of a replay: totals under the new policy and the baseline, the
//! cases whose advice changed and the lines that could not be read.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::stats::{Stats, Tally};
use crate::case::Fact;
use crate::policy::Resolution;

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
    /// Changed cases whose buyer may now get more money (ceiling and
    /// compensation), and less.
    pub more_money: u64,
    /// Changed cases whose buyer may now get less money.
    pub less_money: u64,
    /// Changed cases the baseline countered the buyer's ask on and the new
    /// policy agrees to (a counter-offer avoided), and the other way round.
    pub counters_avoided: u64,
    /// Changed cases the new policy counters and the baseline did not.
    pub counters_added: u64,
    /// The changed cases kept, in log order.
    pub changed: Vec<Change>,
    /// Cases whose advice did not change but whose legs the new policy prices
    /// differently (a province moved to another group).
    pub repriced_cases: u64,
    /// What that re-pricing alone changes in the shop's shipping estimate.
    #[serde(serialize_with = "crate::money::serde_2dp")]
    pub repricing: Decimal,
    /// Columns of a CSV log (or keys of JSON lines) that are no case field and
    /// were not read, each with a note when it is not plain (订单号, 买家旺旺).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ignored: Vec<String>,
    /// What else the reader of the report should know about how the log was read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// For a journal: the money agents agreed, against each policy's advice.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agreed: Option<super::Agreed>,
}

/// Bad lines kept for the report (all are counted).
pub(super) const KEEP_BAD: usize = 20;

impl Report {
    pub(super) fn merge(&mut self, o: Report, keep: Option<usize>) {
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
        self.more_money += o.more_money;
        self.less_money += o.less_money;
        self.counters_avoided += o.counters_avoided;
        self.counters_added += o.counters_added;
        for name in o.ignored {
            if !self.ignored.contains(&name) {
                self.ignored.push(name);
            }
        }
        self.repriced_cases += o.repriced_cases;
        self.repricing += o.repricing;
        self.changed.extend(o.changed);
        self.changed.sort_by_key(|c| c.line);
        if let Some(k) = keep {
            self.changed.truncate(k);
        }
    }
}

/// One row of the summary: a label and a value per policy.
pub struct Line {
    /// What it counts.
    pub label: String,
    /// The new policy's value.
    pub new: Decimal,
    /// The baseline's value.
    pub old: Option<Decimal>,
    /// Whether it is money.
    pub money: bool,
}

impl Report {
    /// The summary rows: resolutions, undecided cases, money, counter-offers,
    /// escalations, returns; labelled in Chinese first.
    pub fn lines(&self) -> Vec<Line> {
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
            "已给建议 / cases decided".into(),
            n(self.new.all.cases),
            old.map(|o| n(o.all.cases)),
            false,
        );
        self.per_word_lines(&mut push);
        let t = |s: &Stats| s.all.clone();
        let (a, b) = (t(&self.new), old.map(t));
        push(
            "有报价 / cases with an offer".into(),
            n(a.offers),
            b.as_ref().map(|b| n(b.offers)),
            false,
        );
        push(
            "开价合计 / opening offers, total".into(),
            a.open,
            b.as_ref().map(|b| b.open),
            true,
        );
        push(
            "上限合计 / ceilings, total".into(),
            a.max,
            b.as_ref().map(|b| b.max),
            true,
        );
        push(
            "平均开价 / mean opening offer".into(),
            a.mean_open(),
            b.as_ref().map(Tally::mean_open),
            true,
        );
        push(
            "平均上限 / mean ceiling".into(),
            a.mean_max(),
            b.as_ref().map(Tally::mean_max),
            true,
        );
        push(
            "平台赔付 / compensation owed".into(),
            a.compensation,
            b.as_ref().map(|b| b.compensation),
            true,
        );
        push(
            "要还价 / counter-offers".into(),
            n(self.new.counters),
            old.map(|o| n(o.counters)),
            false,
        );
        push(
            "上报 / escalations".into(),
            n(a.escalations),
            b.as_ref().map(|b| n(b.escalations)),
            false,
        );
        push(
            "退回 / returns".into(),
            n(a.returns),
            b.as_ref().map(|b| n(b.returns)),
            false,
        );
        push(
            "商家运费估算 / shop shipping, est.".into(),
            a.shop_shipping,
            b.as_ref().map(|b| b.shop_shipping),
            true,
        );
        out
    }

    /// Cases per resolution, then cases the rules could not decide, per missing fact.
    fn per_word_lines(&self, push: &mut dyn FnMut(String, Decimal, Option<Decimal>, bool)) {
        let old = self.old.as_ref();
        let n = |v: u64| Decimal::from(v);
        type Counts = fn(&Stats) -> &BTreeMap<&'static str, u64>;
        type Label = fn(&str) -> String;
        // In the order the policy's words are declared, as the advice lists them.
        type Order = fn(&str) -> usize;
        let tables: [(Counts, Label, Order); 2] = [
            (
                |s| &s.by_resolution,
                |k| {
                    let short = Resolution::parse(k).map(Resolution::short).unwrap_or(k);
                    format!("  {short}")
                },
                |k| Resolution::parse(k).map_or(usize::MAX, Resolution::index),
            ),
            (
                |s| &s.undecided,
                |k| {
                    let label = Fact::parse(k).map(Fact::label).unwrap_or(k);
                    format!("缺“{label}” / needs {k}")
                },
                |k| Fact::parse(k).map_or(usize::MAX, |f| f as usize),
            ),
        ];
        for (of, label, order) in tables {
            let mut keys: Vec<&str> = of(&self.new)
                .keys()
                .chain(old.iter().flat_map(|o| of(o).keys()))
                .copied()
                .collect();
            keys.sort_by_key(|k| (order(k), *k));
            keys.dedup();
            for k in keys {
                let get = |s: &Stats| n(of(s).get(k).copied().unwrap_or(0));
                push(label(k), get(&self.new), old.map(get), false);
            }
        }
    }

    /// Whether more than 5% of the lines read could not be read: then the
    /// totals leave out too much to be relied on.
    pub fn too_many_bad(&self) -> bool {
        self.bad_total * 20 > self.lines
    }
}
