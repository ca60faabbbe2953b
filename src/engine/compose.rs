//! Composing: the words around a decision — notes for the agent, deadlines
//! with their dates, risk notes, alerts, what was assumed and what another
//! value would change, questions for the buyer, the cleaning tip and the reply
//! to send, all from the policy's texts.

use chrono::{Duration, NaiveDate, NaiveTime};
use smallvec::SmallVec;
use std::sync::Arc;

use super::EngineError;
use super::decide::{AskSeen, Verdict, View, duration, verdict, view, window_due};
use crate::advice::{
    Advice, Alternative, Assumed, Compensation, Deadline, Due, Offer, Question, Risk, SeenFacts,
    Text, Trace, When,
};
use crate::case::{Case, Fact, Platform, Stage};
use crate::money::Money;
use crate::policy::{
    Anchor, DeadlineRule, Guess, Outcome, Piece, Policy, Resolution, RiskRule, Slot, Start,
};

/// Decides the advice for a case under a policy: the decision and the words
/// around it (notes, deadlines, risk notes, alerts, assumptions, tip and reply).
pub fn advise(policy: &Policy, case: &Case) -> Result<Advice, EngineError> {
    let (view, mut assumed) = view(policy, case)?;
    let verdict = verdict(policy, &view)?;
    let guesses: SmallVec<[Guess; 4]> = view.guesses().collect();
    let mut alternatives = Vec::new();
    for &g in &guesses {
        assumed.push(Assumed::new(
            g.fact(),
            g.value_label(g.likely()),
            g.why(case.paid.is_some()),
        ));
        for value in View::other_values(g) {
            let other = verdict_with(policy, &view, g, value)?;
            if !other.same_as(&verdict) {
                alternatives.push(Alternative {
                    when: When {
                        fact: g.fact(),
                        value: g.value_label(value),
                    },
                    resolution: other.resolution(),
                    offer: other.offer.clone(),
                    shipping: other.shipping,
                    compensation: other.compensation,
                    rule: Arc::from(other.rule_id()),
                });
            }
        }
    }
    // The stage taken from the defect kind alone (no stage, no dates): each
    // other stage that changes the resolution, the money or a payer is listed,
    // so the agent sees U1 before shipping, a refusal before signing, and so on.
    if case.stage.is_none() && case.signed.is_none() && case.completed.is_none() {
        for &stage in Stage::ALL {
            if stage == view.stage {
                continue;
            }
            let other_case = Case {
                stage: Some(stage),
                ..case.clone()
            };
            let (other_view, _) = super::decide::view(policy, &other_case)?;
            let other = super::decide::verdict(policy, &other_view)?;
            // A stage no rule answers for this kind (缺货 after shipping) is no branch to show.
            if other.rule.is_some() && !other.same_as(&verdict) {
                alternatives.push(Alternative {
                    when: When {
                        fact: Fact::Stage,
                        value: stage.label(),
                    },
                    resolution: other.resolution(),
                    offer: other.offer.clone(),
                    shipping: other.shipping,
                    compensation: other.compensation,
                    rule: Arc::from(other.rule_id()),
                });
            }
        }
    }
    let facts = SeenFacts {
        defect: view.defect,
        fault: view.fault,
        stage: view.stage,
        wants: view.wants,
        province: case.region.as_ref().map(|r| Arc::from(r.province.0)),
        region_group: view.region.map(|i| policy.group_names[i].clone()),
        promo_tags: case
            .title
            .as_deref()
            .map(|t| policy.promo_tags_in(t))
            .unwrap_or_default(),
        within_seven_days: view.within_seven_days,
    };
    // A question about an assumed fact is worth asking only when its answer changes the advice.
    let open: SmallVec<[Fact; 4]> = alternatives.iter().map(|a| a.when.fact).collect();
    Ok(build(
        policy,
        &view,
        facts,
        (assumed, &open),
        alternatives,
        verdict,
    ))
}

/// The verdict with one assumed fact set to another value.
fn verdict_with<'p>(
    policy: &'p Policy,
    view: &View,
    g: Guess,
    value: u8,
) -> Result<Verdict<'p>, EngineError> {
    verdict(policy, &view.with(g, value))
}

/// The values a template can quote, for one case.
struct Values<'a> {
    policy: &'a Policy,
    case: &'a Case,
    offer: Option<&'a Offer>,
    compensation: Option<Money>,
}

impl Values<'_> {
    /// Appends a template with its slots filled; a value the case does not
    /// give is said in words ("适当金额") rather than printed as `{open}`.
    fn fill(&self, out: &mut String, pieces: &[Piece]) {
        let mut skip_yuan = false;
        for piece in pieces {
            match piece {
                Piece::Text(t) => {
                    let t = if skip_yuan {
                        t.strip_prefix('元').unwrap_or(t)
                    } else {
                        t
                    };
                    out.push_str(t);
                    skip_yuan = false;
                }
                Piece::Slot(Slot::EscalateTo) => out.push_str(&self.policy.escalate_to),
                Piece::Slot(Slot::ReturnShipping) => {
                    out.push_str(&self.policy.quality_return_words)
                }
                Piece::Slot(slot) => {
                    let value = match slot {
                        Slot::Open => self.offer.map(|x| x.open),
                        Slot::Max => self.offer.map(|x| x.max),
                        Slot::Ask => self.case.ask.map(Money::new),
                        Slot::Price => self.case.price.map(Money::new),
                        Slot::Compensation => self.compensation,
                        Slot::EscalateTo | Slot::ReturnShipping => None,
                    };
                    match value {
                        Some(v) => yuan(out, v),
                        None => {
                            out.push_str(match slot {
                                Slot::Compensation => "相应的",
                                Slot::Price => "实付金额",
                                _ => "适当金额",
                            });
                            skip_yuan = true;
                        }
                    }
                }
            }
        }
    }

    fn text(&self, pieces: &[Piece]) -> String {
        let mut s = String::new();
        self.fill(&mut s, pieces);
        s
    }
}

/// Puts the words around a decision.
fn build(
    policy: &Policy,
    view: &View,
    facts: SeenFacts,
    (assumed, open): (SmallVec<[Assumed; 4]>, &[Fact]),
    alternatives: Vec<Alternative>,
    v: Verdict,
) -> Advice {
    let case = view.case;
    let chosen = v.outcome;
    let values = Values {
        policy,
        case,
        offer: v.offer.as_ref(),
        compensation: v.compensation,
    };
    let mut notes: SmallVec<[Text; 4]> = SmallVec::new();
    notes.extend(ask_note(v.ask, v.next, &policy.escalate_to));
    unpriced_notes(&mut notes, &v);
    // The decline an express refund replaced: its reasons stay in view.
    if let Some(n) = v.declined.and_then(|d| d.note.as_ref()) {
        notes.push(Text::Owned(values.text(n)));
    }
    let steps: SmallVec<[&Outcome; 2]> = std::iter::once(chosen).chain(v.next).collect();
    for o in &steps {
        if o.quality_return {
            notes.push(Text::Shared(policy.quality_return_note.clone()));
        }
        if let Some(n) = &o.note {
            notes.push(Text::Owned(values.text(n)));
        }
    }
    let alerts = fired_alerts(policy, view);
    for a in &alerts {
        if let Some(n) = &a.note {
            notes.push(Text::Owned(values.text(n)));
        }
    }
    notes.extend(floor_note(chosen, case.price));
    let compensation = compensation(chosen, v.compensation, case.price);
    let (deadlines, risks) = deadlines_and_risks(&steps, &alerts, case, view.platform());
    let ask_buyer = questions(policy, case, open, &steps, &alerts);
    let tip = cleaning_tip(&mut notes, policy, case, &v);
    if assumed.iter().any(|a| a.fact == Fact::FreeShipping)
        && values.text(&chosen.reply).contains("包邮")
    {
        notes.push(Text::Static(
            "回复里提到包邮：是按包邮假设的，发送前请核对商品页。",
        ));
    }
    let rule_id = v.rule.map_or_else(
        || policy.rule_ids[policy.rules.len()].clone(),
        |r| r.id.clone(),
    );
    let escalate = v.escalate();
    let if_refused = v.next.map(|n| n.resolution).or(chosen.if_refused);
    let escalate_to =
        (escalate || if_refused == Some(Resolution::Escalate)).then(|| policy.escalate_to.clone());
    let reply = reply(policy, &values, &v, &ask_buyer, tip.as_deref());
    let playbook = playbook(v.rule, &alerts);
    Advice {
        resolution: chosen.resolution,
        offer: v.offer,
        if_refused,
        if_refused_shipping: v.next_shipping,
        escalate,
        escalate_to,
        compensation,
        shipping: v.shipping,
        deadlines,
        risks,
        notes,
        tip,
        playbook: playbook.into(),
        rule: rule_id,
        why: v.rule.map_or_else(
            || Arc::from("没有规则适用 (no rule applies)"),
            |r| r.source.clone(),
        ),
        reply,
        case_facts: facts,
        assumed,
        alternatives,
        ask_buyer,
        alerts: alerts.iter().map(|a| a.id.clone()).collect(),
        trace: Trace::new(policy.rule_ids.clone(), v.trace),
        policy: policy.reference(),
    }
}

/// What to tell the agent when the price is missing: the offer as percentages,
/// and a compensation that cannot be worked out.
fn unpriced_notes(notes: &mut SmallVec<[Text; 4]>, v: &Verdict) {
    if let Some((a, b)) = v.unpriced {
        let cap = v
            .rule
            .and_then(|r| r.then.offer.as_ref())
            .and_then(|o| o.cap)
            .map_or_else(String::new, |cap| format!("（最高¥{}）", Money::new(cap)));
        notes.push(Text::Owned(format!(
            "没有实付金额，补偿按实付的{a}%–{b}%计算{cap}；加 --price 算出金额。"
        )));
    }
    if v.outcome.compensation.is_some() && v.compensation.is_none() {
        notes.push(Text::Static(
            "没有实付金额，算不出违约金；加 --price 算出金额。",
        ));
    }
}

/// The note for a compensation raised to its floor.
fn floor_note(chosen: &Outcome, price: Option<rust_decimal::Decimal>) -> Option<Text> {
    if let (Some(c), Some(price)) = (&chosen.compensation, price)
        && let Some(floor) = c.floor
        && price * c.percent / rust_decimal::Decimal::ONE_HUNDRED < floor
    {
        return Some(Text::Owned(format!(
            "实付的{}%不足最低额，{}按最低¥{}计（策略 compensation 的 floor）。",
            c.percent,
            c.label,
            Money::new(floor)
        )));
    }
    None
}

/// The cleaning tip, for a buyer who keeps the shoes; without a material, a
/// note says how to get one.
fn cleaning_tip(
    notes: &mut SmallVec<[Text; 4]>,
    policy: &Policy,
    case: &Case,
    v: &Verdict,
) -> Option<Arc<str>> {
    let chosen = v.outcome;
    let then = v.rule.map_or(&policy.fallback, |r| &r.then);
    let keeps = chosen.resolution == Resolution::PartialRefund;
    if !(keeps && (chosen.tip || then.tip)) {
        return None;
    }
    match case.material.and_then(|m| policy.materials.get(&m)) {
        Some(m) => Some(m.tip.clone()),
        None => {
            notes.push(Text::Static("未给材质，回复里没有附清洁建议；加 --material suede/pu/fabric/slipper/canvas 可附上。"));
            None
        }
    }
}

/// What to tell the agent about the buyer's ask against the offer.
fn ask_note(ask: AskSeen, next: Option<&Outcome>, escalate_to: &str) -> Option<Text> {
    let said = match ask {
        AskSeen::None => return None,
        AskSeen::Within(a, max) => format!("买家要¥{a}，在上限¥{max}以内：直接同意。"),
        AskSeen::Held(a, max) => {
            format!("买家要¥{a}（上限¥{max}):这一类先按规则处理，不要马上答应，补偿从开价起谈。")
        }
        AskSeen::Counter(a, max) => format!(
            "买家要¥{a}，超过上限¥{max}:先按上限¥{max}还价；仍不接受，再按“{}”处理。",
            next.map_or("", |n| n.resolution.label())
        ),
        AskSeen::Above(a, max) => {
            format!("买家要¥{a}，超过上限¥{max}，上限已经开过：按下面的处理。")
        }
        AskSeen::AboveNoRule(a, max) => {
            format!("买家要¥{a}，超过上限¥{max}:最多给到上限，仍不接受请上报{escalate_to}。")
        }
        AskSeen::Offered(x, max) => {
            format!("已经开过¥{x}:这次可以给到上限¥{max}；仍不接受再按下一步处理。")
        }
    };
    Some(Text::Owned(said))
}

/// The alerts whose conditions the case meets: on what it says, never on a guess.
fn fired_alerts<'p>(policy: &'p Policy, view: &View) -> Vec<&'p crate::policy::Alert> {
    view.set_guessing(false);
    let alerts = policy
        .alerts
        .iter()
        .filter(|a| {
            a.tests
                .iter()
                .all(|&c| c.test(&a.when, view) == Some(Some(true)))
        })
        .collect();
    view.set_guessing(true);
    alerts
}

/// The compensation owed, with how it was worked out (none without a price).
fn compensation(
    chosen: &Outcome,
    amount: Option<Money>,
    price: Option<rust_decimal::Decimal>,
) -> Option<Compensation> {
    match (&chosen.compensation, amount, price) {
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
    }
}

/// The deadlines and risk notes of the outcome's steps and the fired alerts,
/// each once, in that order.
fn deadlines_and_risks(
    steps: &[&Outcome],
    alerts: &[&crate::policy::Alert],
    case: &Case,
    platform: Platform,
) -> (SmallVec<[Deadline; 3]>, SmallVec<[Risk; 3]>) {
    let mut deadlines: SmallVec<[Deadline; 3]> = SmallVec::new();
    let mut risks: SmallVec<[Risk; 3]> = SmallVec::new();
    let lists = steps
        .iter()
        .map(|o| (&o.deadlines, &o.risks))
        .chain(alerts.iter().map(|a| (&a.deadlines, &a.risks)));
    for (ds, rs) in lists {
        for (id, rule) in ds {
            if !deadlines.iter().any(|d| d.id == *id) {
                deadlines.push(deadline(id, rule, case));
            }
        }
        for (id, r) in rs {
            if !risks.iter().any(|x| x.id == *id) {
                risks.push(risk(id, r, platform));
            }
        }
    }
    (deadlines, risks)
}

/// The deciding rule's playbook IDs, then the fired alerts' new ones.
fn playbook(rule: Option<&crate::policy::Rule>, alerts: &[&crate::policy::Alert]) -> Vec<String> {
    let mut playbook: Vec<String> = rule.map(|r| r.playbook.to_vec()).unwrap_or_default();
    for a in alerts {
        for p in a.playbook.iter() {
            if !playbook.contains(p) {
                playbook.push(p.clone());
            }
        }
    }
    playbook
}

/// The questions for the buyer: those the outcome and alerts ask, unless the
/// case already answers them, and one for each assumed fact whose other
/// values change the advice (`open`), where the policy has one.
fn questions(
    policy: &Policy,
    case: &Case,
    open: &[Fact],
    steps: &[&Outcome],
    alerts: &[&crate::policy::Alert],
) -> Vec<Question> {
    let answered = |id: &str| {
        Fact::parse(id).is_some_and(|f| match f {
            Fact::Evidence => !case.evidence.is_empty(),
            Fact::Signed => case.signed.is_some(),
            Fact::Wants => case.wants.is_some(),
            _ => false,
        })
    };
    let asked = steps
        .iter()
        .flat_map(|o| o.ask.iter().cloned())
        .chain(alerts.iter().flat_map(|a| a.ask.iter().cloned()))
        .filter(|id| !answered(id))
        .chain(open.iter().map(|f| Arc::from(f.name())));
    let mut out: Vec<Question> = Vec::new();
    for id in asked {
        if let Some(q) = policy.question(&id)
            && !out.iter().any(|x| x.id == id)
        {
            out.push(Question {
                id,
                question: q.clone(),
            });
        }
    }
    out
}

fn risk(id: &Arc<str>, r: &RiskRule, platform: Platform) -> Risk {
    let text = match (&r.tmall, platform) {
        (Some(t), Platform::Tmall) => t.clone(),
        _ => r.text.clone(),
    };
    Risk {
        id: id.clone(),
        playbook: r.playbook.clone(),
        text,
    }
}

fn deadline(id: &Arc<str>, d: &DeadlineRule, case: &Case) -> Deadline {
    // A deadline counted from a day whose time is unknown is dated from that
    // day's 00:00: the earliest it can fall, so the agent is never late.
    let from_day = |day: Option<NaiveDate>| {
        day.map(|day| match d.period {
            crate::policy::Period::Days(n) => Due::Day(day + Duration::days(i64::from(n))),
            crate::policy::Period::Hours(_) => {
                Due::At(day.and_time(NaiveTime::MIN) + duration(d.period))
            }
        })
    };
    let (from, due) = match &d.start {
        Start::Anchor(Anchor::Requested) => {
            (Text::Static("买家申请日"), from_day(Some(case.requested)))
        }
        Start::Anchor(Anchor::SignedNextDay) => (
            Text::Static("签收次日 00:00"),
            case.signed.map(|s| Due::At(window_due(s, d.period))),
        ),
        Start::Anchor(Anchor::Completed) => (
            Text::Static("交易成功次日 00:00"),
            case.completed.map(|s| Due::At(window_due(s, d.period))),
        ),
        Start::Anchor(Anchor::Paid) => (Text::Static("买家付款时"), from_day(case.paid)),
        Start::Anchor(Anchor::Complained) => (
            Text::Static("买家发起维权/投诉时"),
            from_day(case.complained),
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

/// The reply while a fact is open (the defect between two kinds): greeting,
/// apology (S6), the policy's question for that fact, else for photos, thanks
/// (S6). `None` when the policy asks nothing for it.
pub fn asking_reply(policy: &Policy, open: Fact) -> Option<String> {
    let q = policy
        .question(open.name())
        .or_else(|| policy.question(Fact::Evidence.name()))?;
    let r = &policy.replies;
    Some(format!("{}{}{q}{}", r.greeting, r.apology, r.thanks))
}

/// The reply: greeting, apology (S6), the rule's text (or a counter-offer at
/// the ceiling and the next step), questions for the buyer, the tip (S5), thanks (S6).
fn reply(
    policy: &Policy,
    values: &Values,
    v: &Verdict,
    ask: &[Question],
    tip: Option<&str>,
) -> String {
    let r = &policy.replies;
    let mut out = String::with_capacity(512);
    out.push_str(&r.greeting);
    out.push_str(&r.apology);
    match (v.ask, v.next) {
        (AskSeen::Counter(..) | AskSeen::Offered(..), Some(next)) => {
            if matches!(v.ask, AskSeen::Counter(..)) {
                values.fill(&mut out, &r.counter);
            } else {
                values.fill(&mut out, &v.outcome.reply);
            }
            out.push_str(&r.if_refused_intro);
            values.fill(&mut out, &next.reply);
        }
        _ => {
            // Why the request cannot be agreed, then what the buyer is asked instead.
            if let Some(d) = v.declined {
                values.fill(&mut out, &d.reply);
            }
            values.fill(&mut out, &v.outcome.reply)
        }
    }
    for q in ask {
        out.push_str(&q.question);
    }
    if let Some(t) = tip {
        out.push_str(&r.tip_intro);
        out.push_str(t);
    }
    out.push_str(&r.thanks);
    out
}
