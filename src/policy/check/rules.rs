//! Rules: conditions against known region groups, offers with both ends in
//! order, references to defined compensation, deadlines and risk notes, reply
//! placeholders the rule can fill, shipping payers wherever goods move, no
//! rule hidden by an earlier one, and every defect kind handled by a rule.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::Checker;
use super::money::{percent, yuan};
use super::shadow::{Shape, covers};
use super::templates::{PLACEHOLDERS, brace_slip, pieces, placeholders};
use crate::located::Located;
use crate::policy::raw::{RawAlert, RawOffer, RawOutcome, RawRisk, RawRule, RawWhen};
use crate::policy::{
    AFTER_SALE, Alert, Amount, CompensationRule, Cond, Conditions, DeadlineRule, Kind, MAX_RULES,
    OTHER_REGIONS, OfferRule, Outcome, Piece, RegionGroup, Resolution, RiskRule, Rule,
    SHIP_PROMISE, Set, Shipping,
};
use crate::vocab::Defect;

/// The tables rule parts refer to.
pub(super) struct Refs<'a> {
    pub groups: &'a [RegionGroup],
    pub compensation: &'a HashMap<String, Arc<CompensationRule>>,
    pub deadlines: &'a HashMap<String, Arc<DeadlineRule>>,
    pub risks: &'a HashMap<String, Arc<RiskRule>>,
    pub questions: &'a HashMap<String, Arc<str>>,
    /// Whether the windows the `after_sale` and `ship_promise` conditions test are defined.
    pub after_sale: bool,
    pub ship_promise: bool,
}

/// The risk notes, by id, with `{escalate_to}` filled in.
pub(super) fn risks(
    c: &mut Checker,
    raw: &BTreeMap<String, RawRisk>,
    escalate_to: &str,
) -> HashMap<String, Arc<RiskRule>> {
    raw.iter()
        .map(|(id, r)| {
            let what = format!("risks.{id}");
            (
                id.clone(),
                Arc::new(RiskRule {
                    playbook: r.playbook.as_str().into(),
                    text: fixed_text(c, &r.text, &what, escalate_to).into(),
                    tmall: r
                        .tmall
                        .as_ref()
                        .map(|t| fixed_text(c, t, &what, escalate_to).into()),
                }),
            )
        })
        .collect()
}

/// A text with no per-case values: `{escalate_to}` is filled in now, any
/// other placeholder is an error (it would reach the agent as written).
pub(super) fn fixed_text(
    c: &mut Checker,
    text: &Located<String>,
    what: &str,
    escalate_to: &str,
) -> String {
    dollar(c, text, what);
    if let Some(piece) = brace_slip(&text.value) {
        c.error(
            Some(text),
            Kind::BraceSlip {
                at: what.to_string(),
                piece,
            },
        );
    }
    for name in placeholders(&text.value) {
        if name != "escalate_to" {
            c.error(
                Some(text),
                Kind::BadPlaceholder {
                    rule: what.to_string(),
                    name: name.to_string(),
                },
            );
        }
    }
    text.value.replace("{escalate_to}", escalate_to)
}

/// The questions for the buyer, by id.
pub(super) fn questions(
    c: &mut Checker,
    raw: &BTreeMap<String, Located<String>>,
    escalate_to: &str,
) -> HashMap<String, Arc<str>> {
    raw.iter()
        .map(|(id, q)| {
            let text = fixed_text(c, q, &format!("questions.{id}"), escalate_to);
            (id.clone(), Arc::from(text))
        })
        .collect()
}

/// The alerts, each checked like a rule's conditions and outcome parts.
pub(super) fn alerts(c: &mut Checker, raw: &[RawAlert], refs: &Refs) -> Vec<Alert> {
    raw.iter()
        .map(|a| {
            let id = &a.id.value;
            let when = conditions(c, &a.when, refs, &a.id);
            let (deadlines, risks, ask) = extras(c, &a.deadlines, &a.risks, &a.ask, refs, id);
            Alert {
                id: id.as_str().into(),
                playbook: a.playbook.clone().into(),
                tests: Cond::ALL.into_iter().filter(|x| x.is_set(&when)).collect(),
                when,
                note: a
                    .note
                    .as_ref()
                    .map(|n| template(c, n, id, None, false, false)),
                deadlines,
                risks,
                ask,
            }
        })
        .collect()
}

/// The deadlines, risk notes and questions a rule or an alert names, resolved.
type Extras = (
    Vec<(Arc<str>, Arc<DeadlineRule>)>,
    Vec<(Arc<str>, Arc<RiskRule>)>,
    Vec<Arc<str>>,
);

fn extras(
    c: &mut Checker,
    deadlines: &[Located<String>],
    risks: &[Located<String>],
    ask: &[Located<String>],
    refs: &Refs,
    at: &str,
) -> Extras {
    (
        references(c, deadlines, refs.deadlines, at, Ref::Deadline),
        references(c, risks, refs.risks, at, Ref::Risk),
        references(c, ask, refs.questions, at, Ref::Question)
            .into_iter()
            .map(|(id, _)| id)
            .collect(),
    )
}

/// What a list of ids refers to.
#[derive(Clone, Copy)]
enum Ref {
    Deadline,
    Risk,
    Question,
}

/// The entries a list of ids names, each unknown id reported.
fn references<T>(
    c: &mut Checker,
    ids: &[Located<String>],
    table: &HashMap<String, Arc<T>>,
    rule: &str,
    what: Ref,
) -> Vec<(Arc<str>, Arc<T>)>
where
    T: ?Sized,
{
    let mut out = Vec::new();
    for d in ids {
        match table.get(&d.value) {
            Some(r) => out.push((Arc::from(d.value.as_str()), Arc::clone(r))),
            None => {
                let (rule, name) = (rule.to_string(), d.value.clone());
                let kind = match what {
                    Ref::Deadline => Kind::UnknownDeadline { rule, name },
                    Ref::Risk => Kind::UnknownRisk { rule, name },
                    Ref::Question => {
                        let mut known: Vec<String> = table.keys().cloned().collect();
                        known.sort();
                        Kind::UnknownQuestion { rule, name, known }
                    }
                };
                c.error(Some(d), kind);
            }
        }
    }
    out
}

/// An empty text: the buyer would get a reply with nothing in it (no offer,
/// no apology), so it is refused, not sent.
pub(super) fn not_empty(c: &mut Checker, t: &Located<String>, what: &str) {
    if t.value.trim().is_empty() {
        c.error(
            Some(t),
            Kind::Implausible {
                zh: format!("{what} 是空的：买家会收到一句空话"),
                en: format!("{what} is empty: the buyer would get nothing"),
                fix_zh: "写上要对买家说的话，用双引号括起来，如 \"对不起，给您添麻烦了。\"".into(),
                fix_en: "write what the buyer should read, in double quotes".into(),
            },
        );
    }
}

/// `${open}` (a placeholder written as in other tools) shows the buyer a `$`.
fn dollar(c: &mut Checker, t: &Located<String>, what: &str) {
    if let Some(i) = t.value.find("${") {
        let end = t.value[i..].find('}').map_or(t.value.len(), |j| i + j + 1);
        let piece = &t.value[i..end];
        let right = &piece[1..];
        c.error(
            Some(t),
            Kind::Implausible {
                zh: format!("“{what}”的话术里 {piece} 多了一个 $：买家会看到“$4元”"),
                en: format!("{what} has `{piece}`: the buyer would see a `$`"),
                fix_zh: format!("把 {piece} 改成 {right}"),
                fix_en: format!("write `{right}` instead of `{piece}`"),
            },
        );
    }
}

/// A note or reply template: every placeholder known and fillable here.
fn template(
    c: &mut Checker,
    t: &Located<String>,
    rule: &str,
    offer: Option<&OfferRule>,
    compensation: bool,
    quality_return: bool,
) -> Vec<Piece> {
    if let Some(piece) = brace_slip(&t.value) {
        c.error(
            Some(t),
            Kind::BraceSlip {
                at: rule.to_string(),
                piece,
            },
        );
    }
    dollar(c, t, rule);
    for name in placeholders(&t.value) {
        // A rule's reply is sent whether or not the buyer named an amount.
        if name == "ask" {
            c.warn(
                Some(t),
                Kind::Implausible {
                    zh: format!("规则“{rule}”的话术用了 {{ask}}：买家没开价时会显示成“适当金额”"),
                    en: format!("rule `{rule}` uses {{ask}}: with no ask the buyer reads 适当金额"),
                    fix_zh: "改用 {open} 或 {max}，或者把规则限定在买家开了价的情况".into(),
                    fix_en: "use {open} or {max} instead".into(),
                },
            );
        }
        let ok = match name {
            "open" | "max" => offer.is_some(),
            "compensation" => compensation,
            // The words follow the quality-return setting: only where the shipping does too.
            "return_shipping" => quality_return,
            _ => PLACEHOLDERS.contains(&name),
        };
        if !ok {
            c.error(
                Some(t),
                Kind::BadPlaceholder {
                    rule: rule.to_string(),
                    name: name.to_string(),
                },
            );
        }
    }
    pieces(&t.value)
}

/// The rules in order, each checked, then that every defect kind has one.
pub(super) fn check(c: &mut Checker, raw: &Located<Vec<RawRule>>, refs: &Refs) -> Vec<Rule> {
    if raw.value.len() > MAX_RULES {
        c.error(
            Some(raw),
            Kind::TooManyRules {
                count: raw.value.len(),
            },
        );
        return Vec::new();
    }
    let mut rules: Vec<Rule> = Vec::new();
    let mut shapes: Vec<Shape> = Vec::new();
    for r in &raw.value {
        if let Some(first) = rules.iter().find(|x| *x.id == *r.id.value) {
            c.error(
                Some(&r.id),
                Kind::DuplicateRuleId {
                    id: r.id.value.clone(),
                    first: first
                        .pos
                        .as_ref()
                        .map(|p| p.to_string())
                        .unwrap_or_default(),
                },
            );
        }
        if r.playbook.is_empty() {
            c.warn(
                Some(&r.id),
                Kind::NoPlaybook {
                    rule: r.id.value.clone(),
                },
            );
        }
        let before = c.found.len();
        let rule = rule(c, r, refs);
        // A rule with an error of its own (an unknown group) is not also reported as hidden.
        let clean = c.found[before..]
            .iter()
            .all(|d| d.severity != crate::policy::Severity::Error);
        let shape = Shape::of(&rule.when, refs.groups.len() + 1);
        if let Some((earlier, _)) = rules
            .iter()
            .zip(&shapes)
            .filter(|_| clean)
            .find(|(_, e)| covers(e, &shape))
        {
            c.error(
                Some(&r.id),
                Kind::Shadowed {
                    rule: rule.id.to_string(),
                    earlier: earlier.id.to_string(),
                    line: earlier.pos.as_ref().map(|p| p.line),
                },
            );
        }
        rules.push(rule);
        shapes.push(shape);
    }
    outliers(c, raw, &rules);
    ladder(c, raw, &rules);
    for d in Defect::ALL {
        // A rule that names the kind handles it; so does one for every kind with no
        // other condition narrowing it to some orders (a stage, 极速退款 …). A
        // catch-all for unshipped orders leaves signed ones to the fallback.
        let handled = rules.iter().any(|r| match r.when.defect {
            Some(s) => s.contains(d.index()),
            None => r.tests.iter().all(|c| {
                matches!(
                    c,
                    Cond::Region | Cond::Platform | Cond::Fault | Cond::Wants | Cond::Promo
                )
            }),
        });
        if !handled {
            c.error(
                Some(raw),
                Kind::UnhandledDefect {
                    id: d.id(),
                    label: d.label(),
                },
            );
        }
    }
    rules
}

/// How many times the largest other offer for the same defects an offer may
/// be before it looks like a slip (an extra zero).
const OUTLIER: i64 = 10;

/// Warns about an offer ceiling far above every other for the same defects.
fn outliers(c: &mut Checker, raw: &Located<Vec<RawRule>>, rules: &[Rule]) {
    let yuan = |r: &Rule| match r.then.offer.as_ref().map(|o| o.max) {
        Some(Amount::Yuan(y)) => Some(y),
        _ => None,
    };
    let all = Set::full(Defect::ALL.len());
    for (i, r) in rules.iter().enumerate() {
        let Some(amount) = yuan(r) else { continue };
        let mine = r.when.defect.unwrap_or(all);
        let largest = rules
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && !Set::of(
                        mine.iter()
                            .filter(|d| o.when.defect.unwrap_or(all).contains(*d)),
                    )
                    .eq(&Set::EMPTY)
            })
            .filter_map(|(_, o)| yuan(o))
            .max();
        if let Some(other) = largest.filter(|o| !o.is_zero())
            && amount >= other * Decimal::from(OUTLIER)
        {
            c.warn(
                raw.value.get(i).map(|x| &x.id),
                Kind::OfferOutlier {
                    rule: r.id.to_string(),
                    amount: amount.to_string(),
                    times: (amount / other).round().to_string(),
                    other: other.to_string(),
                },
            );
        }
    }
}

/// How many times its neighbours on the same ladder (the same defects in
/// other region groups) an amount may be before it looks like an extra zero.
const LADDER: i64 = 3;

/// Warns about an opening offer or ceiling more than [`LADDER`] times every
/// other region group's for the same defects (江浙沪 ¥50 beside ¥10 and ¥15).
fn ladder(c: &mut Checker, raw: &Located<Vec<RawRule>>, rules: &[Rule]) {
    let ends = |r: &Rule| match r.then.offer.as_ref().map(|o| (o.open, o.max)) {
        Some((Amount::Yuan(a), Amount::Yuan(b))) => Some((a, b)),
        _ => None,
    };
    for (i, r) in rules.iter().enumerate() {
        let Some(mine) = ends(r) else { continue };
        // Already warned as ten times every offer for these defects: one warning is enough.
        let warned = c
            .found
            .iter()
            .any(|d| matches!(&d.kind, Kind::OfferOutlier { rule, .. } if **rule == *r.id));
        if warned {
            continue;
        }
        let others: Vec<(&Rule, (Decimal, Decimal))> = rules
            .iter()
            .enumerate()
            .filter(|(j, o)| {
                *j != i
                    && o.when.defect == r.when.defect
                    && o.when.region != r.when.region
                    && (o.when.region.is_some() || r.when.region.is_some())
            })
            .filter_map(|(_, o)| ends(o).map(|e| (o, e)))
            .collect();
        for (what, pick) in [("开价", 0), ("上限", 1)] {
            let of = |e: (Decimal, Decimal)| if pick == 0 { e.0 } else { e.1 };
            let Some(top) = others.iter().map(|(_, e)| of(*e)).max() else {
                continue;
            };
            let amount = of(mine);
            if top.is_zero() || amount <= top * Decimal::from(LADDER) {
                continue;
            }
            let list: Vec<String> = others
                .iter()
                .map(|(o, e)| format!("{} {}", o.id, of(*e)))
                .collect();
            let tenth = (amount / Decimal::TEN).round_dp(2);
            c.warn(
                raw.value.get(i).map(|x| &x.id),
                Kind::Implausible {
                    zh: format!(
                        "规则“{}”的{what} {amount} 元超过同一问题其他地区组（{}）最高的 {LADDER} 倍",
                        r.id,
                        list.join("、")
                    ),
                    en: format!(
                        "rule `{}`: {amount} is more than {LADDER}× the other region groups' figure for the same defects ({})",
                        r.id,
                        list.join(", ")
                    ),
                    fix_zh: format!("多打了一个零？应写 \"{tenth:.2}\"；确实要这么高就忽略这条提醒"),
                    fix_en: format!("an extra zero? write \"{tenth:.2}\"; if meant, ignore this warning"),
                },
            );
            break;
        }
    }
}

/// One rule: its conditions, outcome and above-ceiling outcome.
fn rule(c: &mut Checker, r: &RawRule, refs: &Refs) -> Rule {
    let id = &r.id.value;
    let when = conditions(c, &r.when, refs, &r.id);
    if let Some(t) = &r.when.threats {
        c.error(Some(t), Kind::AlertOnly { rule: id.clone() });
    }
    let then = outcome(c, &r.then, refs, id);
    let above_ceiling = r.above_ceiling.as_ref().map(|o| {
        if then.offer.is_none() {
            c.error(
                Some(&r.id),
                Kind::AboveCeilingWithoutOffer { rule: id.clone() },
            );
        }
        if o.offer.is_some() {
            c.error(Some(&o.reply), Kind::AboveCeilingOffer { rule: id.clone() });
        }
        outcome(c, o, refs, id)
    });
    Rule {
        tests: Cond::ALL.into_iter().filter(|x| x.is_set(&when)).collect(),
        id: id.as_str().into(),
        playbook: r.playbook.clone().into(),
        source: r.source.as_str().into(),
        when,
        then,
        above_ceiling,
        pos: c.pos(&r.id),
    }
}

fn conditions(c: &mut Checker, w: &RawWhen, refs: &Refs, at: &Located<String>) -> Conditions {
    if w.after_sale.is_some() && !refs.after_sale {
        c.error(
            Some(at),
            Kind::MissingWindow {
                deadline: AFTER_SALE,
                anchor: "completed",
            },
        );
    }
    if w.ship_promise.is_some() && !refs.ship_promise {
        c.error(
            Some(at),
            Kind::MissingWindow {
                deadline: SHIP_PROMISE,
                anchor: "paid",
            },
        );
    }
    let region = w.region.as_ref().map(|names| {
        let mut s = Set::EMPTY;
        for n in names {
            match refs.groups.iter().position(|g| g.name == n.value) {
                Some(i) => {
                    s.insert(i);
                }
                None if n.value == OTHER_REGIONS => {
                    s.insert(refs.groups.len());
                }
                None => {
                    let known = refs
                        .groups
                        .iter()
                        .map(|g| g.name.clone())
                        .chain([OTHER_REGIONS.to_string()])
                        .collect();
                    c.error(
                        Some(n),
                        Kind::UnknownRegionGroup {
                            name: n.value.clone(),
                            known,
                        },
                    );
                }
            }
        }
        s
    });
    let price_at_most = w
        .price_at_most
        .as_ref()
        .map(|p| yuan(c, p, "price_at_most"));
    w.checked(region, price_at_most)
}

fn offer(c: &mut Checker, o: &RawOffer, rule: &str) -> Option<OfferRule> {
    let pick = |c: &mut Checker,
                amount: &Option<Located<Decimal>>,
                pct: &Option<Located<Decimal>>,
                what: &str| match (amount, pct) {
        (Some(y), None) => Some(Amount::Yuan(yuan(
            c,
            y,
            &format!("rule `{rule}` offer {what}"),
        ))),
        (None, Some(p)) => Some(Amount::Percent(percent(
            c,
            p,
            &format!("rule `{rule}` offer {what}_percent"),
        ))),
        _ => None,
    };
    let open = pick(c, &o.open, &o.open_percent, "open");
    let max = pick(c, &o.max, &o.max_percent, "max");
    let (Some(open), Some(max)) = (open, max) else {
        let at = o
            .open
            .as_ref()
            .or(o.max.as_ref())
            .or(o.open_percent.as_ref())
            .or(o.max_percent.as_ref());
        c.error(
            at,
            Kind::OfferNeedsBoth {
                rule: rule.to_string(),
            },
        );
        return None;
    };
    let at = o.open.as_ref().or(o.open_percent.as_ref());
    match (open, max) {
        (Amount::Yuan(a), Amount::Yuan(b)) | (Amount::Percent(a), Amount::Percent(b)) if a > b => {
            c.error(
                at,
                Kind::OpenAboveMax {
                    rule: rule.to_string(),
                    open: a.to_string(),
                    max: b.to_string(),
                },
            );
        }
        (Amount::Yuan(_), Amount::Percent(_)) | (Amount::Percent(_), Amount::Yuan(_)) => {
            c.error(
                at,
                Kind::MixedOffer {
                    rule: rule.to_string(),
                },
            );
        }
        _ => {}
    }
    let zero = |a: Amount| matches!(a, Amount::Yuan(v) | Amount::Percent(v) if v.is_zero());
    if zero(max) {
        c.error(
            o.max.as_ref().or(o.max_percent.as_ref()),
            Kind::ZeroOffer {
                rule: rule.to_string(),
            },
        );
    }
    let cap = o.cap.as_ref().map(|cap| {
        let value = yuan(c, cap, &format!("rule `{rule}` offer cap"));
        if value.is_zero() {
            c.error(
                Some(cap),
                Kind::ZeroOffer {
                    rule: rule.to_string(),
                },
            );
        }
        value
    });
    Some(OfferRule {
        open,
        max,
        kind: o.kind,
        agree_ask: o.agree_ask,
        cap,
    })
}

/// One outcome (`then`, `above_ceiling` or the fallback), every reference resolved.
pub(super) fn outcome(c: &mut Checker, o: &RawOutcome, refs: &Refs, rule: &str) -> Outcome {
    let offer = o.offer.as_ref().and_then(|x| offer(c, x, rule));
    if let Some(comp) = &o.compensation
        && !refs.compensation.contains_key(&comp.value)
    {
        let mut known: Vec<String> = refs.compensation.keys().cloned().collect();
        known.sort();
        c.error(
            Some(comp),
            Kind::UnknownCompensation {
                rule: rule.to_string(),
                name: comp.value.clone(),
                known,
            },
        );
    }
    let fill = |c: &mut Checker, t| {
        let comp = o.compensation.is_some();
        template(c, t, rule, offer.as_ref(), comp, o.quality_return)
    };
    not_empty(c, &o.reply, &format!("规则“{rule}”的 reply"));
    let reply = fill(c, &o.reply);
    let (deadlines, risks, ask) = extras(c, &o.deadlines, &o.risks, &o.ask, refs, rule);
    let note = o.note.as_ref().map(|n| fill(c, n));
    let shipping = o.shipping.as_ref().map(|s| Shipping {
        to_shop: s.to_shop,
        to_buyer: s.to_buyer,
    });
    let moves_goods = !matches!(
        o.resolution,
        Resolution::PartialRefund
            | Resolution::Refund
            | Resolution::RefundWithoutReturn
            | Resolution::Decline
            | Resolution::Escalate
            | Resolution::ProvideInvoice
            | Resolution::RefundPostage
            | Resolution::ChangeReason
            | Resolution::ChaseCourier
            | Resolution::Compensate
    );
    if shipping.is_none() && moves_goods {
        c.error(
            Some(&o.reply),
            Kind::NoShipping {
                rule: rule.to_string(),
                resolution: o.resolution.id(),
            },
        );
    }
    Outcome {
        resolution: o.resolution,
        offer,
        if_refused: o.if_refused,
        shipping: shipping.unwrap_or(Shipping::NONE),
        compensation: o
            .compensation
            .as_ref()
            .and_then(|x| refs.compensation.get(&x.value).cloned()),
        tip: o.tip,
        quality_return: o.quality_return,
        deadlines,
        risks,
        ask,
        note,
        reply,
    }
}
