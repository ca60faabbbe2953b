//! The replay report drawn: a table for people, Chinese labels first, and
//! the same totals as CSV for a spreadsheet. Widths are display widths.

use rust_decimal::Decimal;
use std::fmt::Write;

use super::{Report, Tally};
use crate::case::Defect;
use crate::money::Money;
use crate::render::table::{amount, pad};

/// A readable table, in Chinese labels first: the totals side by side with
/// the baseline, the breakdowns by region group and defect, the changed cases
/// (how many get more or less money, the counter-offers avoided or added),
/// the columns not read and the bad lines.
pub fn text(r: &Report) -> String {
    let mut o = String::new();
    heading(&mut o, r);
    totals(&mut o, r);
    breakdowns(&mut o, r);
    changes(&mut o, r);
    if let Some(a) = &r.agreed {
        agreed(&mut o, a);
    }
    bad_lines(&mut o, r);
    o
}

/// The count of cases, the policies compared, the columns not read and the notes.
fn heading(o: &mut String, r: &Report) {
    let _ = writeln!(
        o,
        "重放 / replay: {} 个案例，{} 行读不了已跳过 / {} cases, {} bad line(s) skipped",
        r.lines, r.bad_total, r.lines, r.bad_total
    );
    let _ = writeln!(o, "新策略 / policy:   {}", r.policy);
    if let Some(b) = &r.baseline {
        let _ = writeln!(o, "原策略 / baseline: {b}");
    }
    if !r.ignored.is_empty() {
        let _ = writeln!(
            o,
            "没有读的列（不是案例字段） / not read (no case field): {}",
            r.ignored.join("、")
        );
    }
    for note in &r.notes {
        let _ = writeln!(o, "注意 / note: {note}");
    }
    let _ = writeln!(o);
}

/// A count or yuan as the table shows it, unsigned.
fn fmt(v: Decimal, money: bool) -> String {
    amount(v, money, false)
}

/// The totals, side by side with the baseline when there is one.
fn totals(o: &mut String, r: &Report) {
    if r.old.is_some() {
        let _ = writeln!(
            o,
            "{}{}{}{}",
            pad("", 38, false),
            pad("原策略 baseline", 16, true),
            pad("新策略 new", 16, true),
            pad("变化 change", 14, true)
        );
    }
    for l in r.lines() {
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
}

/// The totals by region group and by defect, with the change against the baseline.
fn breakdowns(o: &mut String, r: &Report) {
    for (title, new, old, name) in [
        (
            "按地区组 / by region group",
            &r.new.by_region,
            r.old.as_ref().map(|s| &s.by_region),
            (|k: &str| k.to_string()) as fn(&str) -> String,
        ),
        (
            "按问题类型 / by defect",
            &r.new.by_defect,
            r.old.as_ref().map(|s| &s.by_defect),
            |k: &str| Defect::parse(k).map(Defect::label).unwrap_or(k).to_string(),
        ),
    ] {
        let _ = writeln!(
            o,
            "\n{title}{}",
            if old.is_some() {
                "（新策略，括号里是比原策略的变化 / new, change vs baseline）"
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
        // Defects in the order they are declared; region groups by name.
        let mut new: Vec<_> = new.iter().collect();
        new.sort_by_key(|(k, _)| (Defect::parse(k).map_or(0, |d| d.index() + 1), *k));
        for (key, t) in new {
            let was = old
                .and_then(|m| m.get(key))
                .cloned()
                .unwrap_or_default()
                .metrics();
            // The case count stands alone; every other total shows its change.
            let cells: Vec<String> = std::iter::once(name(key))
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
}

/// The cases re-priced only, and the cases whose advice changed.
fn changes(o: &mut String, r: &Report) {
    if r.repriced_cases > 0 {
        let sign = if r.repricing.is_sign_negative() {
            "-"
        } else {
            "+"
        };
        let _ = writeln!(
            o,
            "\n仅运费单价变化 / re-priced only: {} 个案例建议不变，但省份换了地区组、每程运费不同：商家运费 {sign}¥{}（上面没有算进去） / {} case(s) keep their advice, but a province moved to a group with another leg cost (not counted above)",
            r.repriced_cases,
            crate::money::Money::new(r.repricing.abs()),
            r.repriced_cases
        );
    }
    if r.baseline.is_some() {
        let _ = writeln!(
            o,
            "\n{} 个案例的建议有变化 / case(s) get different advice",
            r.changed_total
        );
        if r.changed_total > 0 {
            let _ = writeln!(
                o,
                "  买家可能拿到的钱（上限加赔付）：更多 {} 个，更少 {} 个 / more money {}, less {}",
                r.more_money, r.less_money, r.more_money, r.less_money
            );
            let _ = writeln!(
                o,
                "  还价：不用再还价 {} 个，要多还价 {} 个 / counter-offers avoided {}, added {}",
                r.counters_avoided, r.counters_added, r.counters_avoided, r.counters_added
            );
        }
        for c in &r.changed {
            let _ = writeln!(
                o,
                "  {}{}\n    原 / old: {}\n    新 / new: {}",
                pad(&format!("第 {} 行", c.line), 12, false),
                c.case,
                c.old,
                c.new
            );
        }
        if (r.changed.len() as u64) < r.changed_total {
            let more = r.changed_total - r.changed.len() as u64;
            let _ = writeln!(
                o,
                "  … 还有 {more} 个（加 --all 全部列出） / … {more} more (use --all to list every one)"
            );
        }
    }
}

/// The lines that could not be read.
fn bad_lines(o: &mut String, r: &Report) {
    if !r.bad.is_empty() {
        let _ = writeln!(o, "\n读不了、已跳过的行 / bad lines (skipped):");
        for b in &r.bad {
            let _ = writeln!(o, "  第 {} 行 / line {}: {}", b.line, b.line, b.message);
        }
        if (r.bad.len() as u64) < r.bad_total {
            let more = r.bad_total - r.bad.len() as u64;
            let _ = writeln!(o, "  … 还有 {more} 行 / … {more} more");
        }
    }
}

/// The totals as CSV for a spreadsheet: scope, key, metric, new, baseline, change.
pub fn csv(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["scope", "key", "metric", "new", "baseline", "change"]);
    let cell = |v: Option<Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    for l in r.lines() {
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
            &r.new.by_region,
            r.old.as_ref().map(|s| &s.by_region),
        ),
        (
            "defect",
            &r.new.by_defect,
            r.old.as_ref().map(|s| &s.by_defect),
        ),
    ] {
        for (key, t) in new {
            let was = old.map(|m| m.get(key).cloned().unwrap_or_default().metrics());
            // A defect by its Chinese label, as region groups are named.
            let name = Defect::parse(key).map(Defect::label).unwrap_or(key);
            for (i, (metric, _, v, _)) in t.metrics().into_iter().enumerate() {
                let was = was.map(|w| w[i].2);
                let _ = w.write_record([
                    scope,
                    name,
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

/// The journal's agreed money against each policy's advice.
fn agreed(o: &mut String, a: &super::Agreed) {
    let _ = writeln!(
        o,
        "\n实际成交 / agreed with buyers: {} 个案例，共 ¥{}{}",
        a.cases,
        Money::new(a.agreed),
        if a.unadvised > 0 {
            format!(
                "（另有 {} 个给不了建议 / could not be advised）",
                a.unadvised
            )
        } else {
            String::new()
        }
    );
    let row = |o: &mut String, name: &str, t: &super::Against| {
        let _ = writeln!(
            o,
            "  {name}：建议开价合计 ¥{}、上限合计 ¥{}；成交高于上限 {} 个，共高出 ¥{}；低于开价 {} 个",
            Money::new(t.open),
            Money::new(t.max),
            t.above_ceiling,
            Money::new(t.above_by),
            t.below_open
        );
    };
    if let Some(old) = &a.old {
        row(o, "原策略 / baseline", old);
    }
    row(o, "新策略 / new     ", &a.new);
}
