//! Composing: the words around a decision — notes for the agent, deadlines
//! with their dates, risk notes, the cleaning tip and the reply to send, all
//! from the policy's texts.

use chrono::{Duration, NaiveTime};
use smallvec::SmallVec;
use std::sync::Arc;

use super::EngineError;
use super::decide::{AskSeen, Verdict, duration, verdict, view, window_due};
use crate::advice::{Advice, Compensation, Deadline, Due, Inferred, Offer, Risk, SeenFacts, Text};
use crate::case::{Case, Fact};
use crate::money::Money;
use crate::policy::{
    Anchor, DeadlineRule, Outcome, Period, Piece, Policy, Resolution, Slot, Start,
};

/// Decides the advice for a case under a policy: the decision and the words
/// around it (notes, deadlines, risk notes, tip and the reply).
pub fn advise(policy: &Policy, case: &Case) -> Result<Advice, EngineError> {
    let (view, inferred) = view(policy, case)?;
    let verdict = verdict(policy, &view)?;
    let facts = SeenFacts {
        defect: view.defect,
        fault: view.fault,
        stage: view.stage,
        wants: view.wants,
        province: case.region.as_ref().map(|r| r.province.0.clone()),
        region_group: view.region.map(|i| policy.group_names[i].clone()),
        promo_tags: case
            .title
            .as_deref()
            .map(|t| policy.promo_tags_in(t))
            .unwrap_or_default(),
        within_seven_days: view.within_seven_days,
    };
    build(policy, case, facts, inferred, verdict)
}

/// Puts the words around a decision: notes, deadlines, risks, tip and reply.
fn build(
    policy: &Policy,
    case: &Case,
    facts: SeenFacts,
    inferred: SmallVec<[Inferred; 3]>,
    v: Verdict,
) -> Result<Advice, EngineError> {
    let chosen = v.outcome;
    let mut notes: SmallVec<[Text; 4]> = SmallVec::new();
    match v.ask {
        AskSeen::None => {}
        AskSeen::Within(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},在上限¥{max}以内:直接同意。"
        ))),
        AskSeen::Above(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},超过上限¥{max}:可按上限再争取一次,不接受则按下面的处理。"
        ))),
        AskSeen::AboveNoRule(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},超过上限¥{max}:最多给到上限,仍不接受请上报{}。",
            policy.escalate_to
        ))),
    }
    if chosen.quality_return {
        notes.push(Text::Shared(policy.quality_return_note.clone()));
    }
    if let Some(n) = &chosen.note {
        notes.push(Text::Shared(n.clone()));
    }
    let compensation = match (&chosen.compensation, v.compensation, case.price) {
        (Some(c), Some(amount), Some(price)) => Some(Compensation {
            amount,
            percent: c.percent,
            basis: Money::new(price),
            floor: c.floor.map(Money::new),
            cap: c.cap.map(Money::new),
            paid_as: c.paid_as,
            penalty_points: c.penalty_points,
            label: c.label.clone(),
        }),
        _ => None,
    };
    let deadlines = chosen
        .deadlines
        .iter()
        .map(|(id, rule)| deadline(id, rule, case))
        .collect();
    let risks = chosen
        .risks
        .iter()
        .map(|(id, r)| Risk {
            id: id.clone(),
            playbook: r.playbook.clone(),
            text: r.text.clone(),
        })
        .collect();
    let then = v.rule.map_or(&policy.fallback, |r| &r.then);
    let tip = if chosen.tip || then.tip {
        match case.material.and_then(|m| policy.materials.get(&m)) {
            Some(m) => Some(m.tip.clone()),
            None => {
                notes.push(Text::Static("未给材质,回复里没有附清洁建议;加 --material suede/pu/fabric/slipper/canvas 可附上。"));
                None
            }
        }
    } else {
        None
    };
    let rule_id = v.rule.map_or_else(
        || policy.rule_ids[policy.rules.len()].clone(),
        |r| r.id.clone(),
    );
    let escalate = v.escalate();
    let escalate_to = (escalate || chosen.if_refused == Some(Resolution::Escalate))
        .then(|| policy.escalate_to.clone());
    let reply = reply(
        policy,
        chosen,
        case,
        v.offer.as_ref(),
        v.compensation,
        tip.as_deref(),
    )
    .map_err(|slot| EngineError::Missing {
        // A template may quote the ask or the price; say so rather than print "{ask}".
        fact: if slot == Slot::Ask {
            Fact::Ask
        } else {
            Fact::Price
        },
        rule: rule_id.to_string(),
    })?;
    Ok(Advice {
        resolution: chosen.resolution,
        offer: v.offer,
        if_refused: chosen.if_refused,
        escalate,
        escalate_to,
        compensation,
        shipping: v.shipping,
        deadlines,
        risks,
        notes,
        tip,
        playbook: v.rule.map_or_else(|| Arc::from([]), |r| r.playbook.clone()),
        rule: rule_id,
        why: v.rule.map_or_else(
            || Arc::from("没有规则适用 (no rule applies)"),
            |r| r.source.clone(),
        ),
        reply,
        case_facts: facts,
        inferred,
        trace: v.trace,
        policy: policy.reference(),
    })
}

fn deadline(id: &Arc<str>, d: &DeadlineRule, case: &Case) -> Deadline {
    let (from, due) = match &d.start {
        Start::Anchor(Anchor::Requested) => (
            Text::Static("买家申请日"),
            Some(match d.period {
                Period::Days(n) => Due::Day(case.requested + Duration::days(i64::from(n))),
                Period::Hours(_) => {
                    Due::At(case.requested.and_time(NaiveTime::MIN) + duration(d.period))
                }
            }),
        ),
        Start::Anchor(Anchor::SignedNextDay) => (
            Text::Static("签收次日 00:00"),
            case.signed.map(|s| Due::At(window_due(s, d.period))),
        ),
        Start::After(event) => (Text::Shared(event.clone()), None),
    };
    Deadline {
        id: id.clone(),
        playbook: d.playbook.clone(),
        label: d.label.clone(),
        limit: d.limit.clone(),
        from,
        due,
    }
}

/// Yuan for a reply: `3` rather than `3.00`, `4.45` as is.
fn yuan(out: &mut String, m: Money) {
    use std::fmt::Write;
    let v = m.value();
    let _ = if v.fract().is_zero() {
        write!(out, "{}", v.trunc())
    } else {
        write!(out, "{m}")
    };
}

/// The reply: greeting, apology (S6), the rule's text with its slots filled, the
/// tip (S5), thanks (S6); or the slot whose value the case does not give.
fn reply(
    policy: &Policy,
    o: &Outcome,
    case: &Case,
    offer: Option<&Offer>,
    comp: Option<Money>,
    tip: Option<&str>,
) -> Result<String, Slot> {
    let r = &policy.replies;
    let mut out = String::with_capacity(512);
    out.push_str(&r.greeting);
    out.push_str(&r.apology);
    for piece in &o.reply {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(slot) => {
                let value = match slot {
                    Slot::Open => offer.map(|x| x.open),
                    Slot::Max => offer.map(|x| x.max),
                    Slot::Ask => case.ask.map(Money::new),
                    Slot::Price => case.price.map(Money::new),
                    Slot::Compensation => comp,
                    Slot::EscalateTo => {
                        out.push_str(&policy.escalate_to);
                        continue;
                    }
                };
                yuan(&mut out, value.ok_or(*slot)?);
            }
        }
    }
    if let Some(t) = tip {
        out.push_str(&r.tip_intro);
        out.push_str(t);
    }
    out.push_str(&r.thanks);
    Ok(out)
}
