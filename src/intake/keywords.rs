//! Keywords in a paste: defect, fault, material, order stage, platform, 包邮
//! and 运费险, matched leftmost-longest with negations skipped.

use std::ops::Range;

use super::facts::{Facts, Found};
use super::{Intake, REASON_LABELS};
use crate::case::{Defect, Fault, Material, Platform, Stage};
use crate::text::Text;

/// What a keyword found in the text stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Word {
    Defect(Defect),
    Fault(Fault),
    Material(Material),
    Stage(Stage),
    Platform(Platform),
    FreeShipping,
    Insurance,
}

/// Order-state words of the Taobao / Tmall workbench (platform vocabulary, not policy).
pub(super) const STAGE_WORDS: &[(&str, Stage)] = &[
    ("未发货", Stage::Unshipped),
    ("待发货", Stage::Unshipped),
    ("等待卖家发货", Stage::Unshipped),
    ("买家已付款", Stage::Unshipped),
    ("已发货", Stage::InTransit),
    ("卖家已发货", Stage::InTransit),
    ("运输中", Stage::InTransit),
    ("派送中", Stage::InTransit),
    ("待收货", Stage::InTransit),
    ("等待买家确认收货", Stage::InTransit),
    ("已签收", Stage::Signed),
    ("签收", Stage::Signed),
    ("交易成功", Stage::Completed),
    ("已确认收货", Stage::Completed),
    ("确认收货", Stage::Completed),
];

/// Words that turn the word after them into its opposite (没有破洞).
const NEGATIONS: &[&str] = &["没有", "没", "不是", "不", "无", "未", "并非", "非", "别"];

/// Whether the word at `at` is negated by the characters right before it.
fn negated(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let tail: String = before
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    NEGATIONS.iter().any(|n| tail.ends_with(n))
}

/// Keeps the first value found for a fact.
fn set_first<T>(slot: &mut Option<Found<T>>, value: T, source: impl FnOnce() -> String) {
    if slot.is_none() {
        *slot = Some(Found {
            value,
            source: source(),
        });
    }
}

impl Intake<'_> {
    pub(super) fn keywords(&self, text: &Text, facts: &mut Facts) {
        let reason_spans: Vec<Range<usize>> = text
            .lines()
            .filter(|(_, l)| REASON_LABELS.iter().any(|r| l.contains(r)))
            .map(|(s, l)| s..s + l.len())
            .collect();
        // Defect votes: (count, first position, in a stated-reason line).
        let mut defects: Vec<(Defect, usize, usize, bool, Range<usize>)> = Vec::new();
        let mut stage: Option<(Stage, Range<usize>)> = None;
        for m in self.matcher.find_iter(&text.norm) {
            let span = m.range();
            // 不包邮 and 没有运费险 say the opposite; other negated words say nothing.
            let negated = negated(&text.norm, span.start);
            let quote = || text.quote(span.clone());
            for w in &self.words[m.pattern().as_usize()] {
                match *w {
                    Word::FreeShipping => set_first(&mut facts.free_shipping, !negated, quote),
                    Word::Insurance => set_first(&mut facts.shipping_insurance, !negated, quote),
                    _ if negated => {}
                    Word::Defect(d) => {
                        let in_reason = reason_spans.iter().any(|r| r.contains(&span.start));
                        match defects.iter_mut().find(|x| x.0 == d) {
                            Some(x) => {
                                x.1 += 1;
                                x.3 |= in_reason;
                            }
                            None => defects.push((d, 1, span.start, in_reason, span.clone())),
                        }
                    }
                    Word::Fault(f) => set_first(&mut facts.fault, f, quote),
                    Word::Material(x) => set_first(&mut facts.material, x, quote),
                    // The furthest stage mentioned is where the order is.
                    Word::Stage(s) => {
                        if stage.as_ref().is_none_or(|(old, _)| s > *old) {
                            stage = Some((s, span.clone()));
                        }
                    }
                    // A Tmall order also shows 淘宝 in places; 天猫 decides.
                    Word::Platform(p) => {
                        if facts
                            .platform
                            .as_ref()
                            .is_some_and(|f| f.value == Platform::Taobao && p == Platform::Tmall)
                        {
                            facts.platform = None;
                        }
                        set_first(&mut facts.platform, p, quote);
                    }
                }
            }
        }
        // The buyer's stated reason wins; then the most mentioned; then the first.
        defects.sort_by(|a, b| b.3.cmp(&a.3).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        if let Some((d, _, _, _, span)) = defects.first() {
            facts.defect = Some(Found {
                value: *d,
                source: text.quote(span.clone()),
            });
        }
        if let Some((s, span)) = stage {
            facts.stage = Some(Found {
                value: s,
                source: text.quote(span),
            });
        }
    }
}
