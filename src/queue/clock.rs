//! A refund's deadline: whose turn it is, what must be done by when, from
//! the platform's timeout where the list gives one and from the policy's time
//! limits (T) otherwise; the two compared, a disagreement said.
//!
//! Which limit runs depends on the refund's state: the shop answers a new
//! request (the advice's own limit counted from the request, e.g. 3 days for
//! a seven-day return, 5 for quality, 2 before shipping), confirms goods sent
//! back (`confirm_return`), or gives evidence once the platform stepped in
//! (`intervention`); while the buyer is to act (send the goods, or answer a
//! refusal) the shop has no deadline of its own and the refund sorts after.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use std::sync::Arc;

use super::{Cs, Refund, State};
use crate::case::{Defect, Stage};
use crate::policy::{Anchor, DeadlineRule, Period, Policy, Start};
use crate::session::Answer;

/// The policy's limit for confirming goods sent back.
const CONFIRM_RETURN: &str = "confirm_return";
/// The policy's limit after the shop refused.
const REFUSED_CLOSES: &str = "refused_closes";
/// The policy's evidence period once the platform stepped in.
const INTERVENTION: &str = "intervention";
/// The policy's limits for answering a request, when the advice names none:
/// before shipping, a seven-day no-reason return, a quality / wrong / missing
/// item / invoice request, and any other after shipping (T).
const ANSWER_UNSHIPPED: &str = "unshipped_refund";
const ANSWER_SEVEN_DAY: &str = "answer_seven_day";
const ANSWER_QUALITY: &str = "answer_quality";
const ANSWER_SHIPPED: &str = "answer_shipped_refund";
/// How far apart the platform's timeout and the rule's may be before it is said.
const TOLERANCE_MINUTES: i64 = 60;

/// Whose move it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Turn {
    /// The shop must act before the deadline.
    Shop,
    /// The buyer is to act; the shop waits.
    Buyer,
    /// The refund is over.
    Done,
}

/// A time limit of the policy as it applies to this refund.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleDue {
    /// The policy's id.
    pub id: Arc<str>,
    /// What it is.
    pub label: Arc<str>,
    /// How long, in words.
    pub limit: Arc<str>,
    /// The playbook rule.
    pub playbook: Arc<str>,
    /// When it falls, when the start is known.
    #[serde(serialize_with = "minute_opt")]
    pub due: Option<NaiveDateTime>,
}

/// A refund's deadline and countdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Clock {
    /// Whose move it is.
    pub turn: Turn,
    /// What must be done by the deadline.
    pub what: String,
    /// The deadline that counts (the platform's when given, else the rule's).
    #[serde(serialize_with = "minute_opt")]
    pub due: Option<NaiveDateTime>,
    /// Where it came from: `platform` or `rule`.
    pub source: &'static str,
    /// The platform's timeout, when the list gives one.
    #[serde(serialize_with = "minute_opt")]
    pub platform: Option<NaiveDateTime>,
    /// The policy's limit, when one applies.
    pub rule: Option<RuleDue>,
    /// Minutes left (negative: past the deadline).
    pub minutes_left: Option<i64>,
    /// Past the deadline.
    pub overdue: bool,
    /// A disagreement of the platform and the rule, or why there is no deadline.
    pub note: Option<String>,
}

fn minute_opt<S: serde::Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.collect_str(&t.format("%Y-%m-%d %H:%M")),
        None => s.serialize_none(),
    }
}

impl Clock {
    /// The order in the list: past the shop's deadline first, then the shop's
    /// by what runs out first, then the shop's without a known deadline, then
    /// those waiting for the buyer, then those over.
    pub fn sort_key(&self) -> (u8, NaiveDateTime) {
        let at = self.due.unwrap_or(NaiveDateTime::MAX);
        let group = match (self.turn, self.overdue, self.due.is_some()) {
            (Turn::Shop, true, _) => 0,
            (Turn::Shop, false, true) => 1,
            (Turn::Shop, false, false) => 2,
            (Turn::Buyer, _, _) => 3,
            (Turn::Done, _, _) => 4,
        };
        (group, at)
    }

    /// The time left in words: 2天3小时, 5小时20分, 已超时 3小时.
    pub fn left_words(&self) -> String {
        match (self.turn, self.minutes_left) {
            (Turn::Done, _) => "已结束".to_string(),
            (_, None) => "时限不明".to_string(),
            (_, Some(m)) if m < 0 => format!("已超时 {}", span_words(-m)),
            (_, Some(m)) => span_words(m),
        }
    }
}

/// A span of minutes in words.
pub fn span_words(m: i64) -> String {
    let (d, h, min) = (m / 1440, (m % 1440) / 60, m % 60);
    match (d, h, min) {
        (0, 0, _) => format!("{min}分"),
        (0, _, 0) => format!("{h}小时"),
        (0, _, _) => format!("{h}小时{min}分"),
        (_, 0, _) => format!("{d}天"),
        _ => format!("{d}天{h}小时"),
    }
}

/// A deadline of the policy by its id, wherever a rule or an alert names it.
fn policy_deadline(policy: &Policy, id: &str) -> Option<Arc<DeadlineRule>> {
    let in_rules = policy.rules().iter().find_map(|r| {
        r.then
            .deadlines
            .iter()
            .chain(r.above_ceiling.iter().flat_map(|a| a.deadlines.iter()))
            .find(|(i, _)| &**i == id)
            .map(|(_, d)| d.clone())
    });
    in_rules.or_else(|| {
        policy.alerts.iter().find_map(|a| {
            a.deadlines
                .iter()
                .find(|(i, _)| &**i == id)
                .map(|(_, d)| d.clone())
        })
    })
}

fn period(p: Period) -> Duration {
    match p {
        Period::Days(n) => Duration::days(i64::from(n)),
        Period::Hours(n) => Duration::hours(i64::from(n)),
    }
}

fn rule_due(id: &str, d: &DeadlineRule, from: Option<NaiveDateTime>) -> RuleDue {
    RuleDue {
        id: Arc::from(id),
        label: d.label.clone(),
        limit: d.limit.clone(),
        playbook: d.playbook.clone(),
        due: from.map(|t| t + period(d.period)),
    }
}

/// The limit for answering a request: the shortest of the advice's limits
/// counted from the request, else the policy's limit for the stage.
fn answer_rule(
    policy: &Policy,
    answer: Option<&Answer>,
    stage: Option<Stage>,
    defect: Option<Defect>,
) -> Option<(Arc<str>, Arc<DeadlineRule>)> {
    let advices = answer.map(|a| a.outcome.advices()).unwrap_or_default();
    let from_advice = advices
        .iter()
        .flat_map(|a| a.deadlines.iter())
        .filter_map(|d| {
            let rule = policy_deadline(policy, &d.id)?;
            (rule.start == Start::Anchor(Anchor::Requested)).then_some((d.id.clone(), rule))
        })
        .min_by_key(|(_, r)| period(r.period));
    from_advice.or_else(|| {
        let id = match defect {
            _ if stage == Some(Stage::Unshipped) => ANSWER_UNSHIPPED,
            Some(Defect::Size | Defect::Dislike | Defect::MistakenOrder) => ANSWER_SEVEN_DAY,
            Some(
                Defect::Quality
                | Defect::SmallFlaw
                | Defect::LooseThread
                | Defect::WrongItem
                | Defect::MissingPart
                | Defect::Mismatch
                | Defect::Invoice
                | Defect::Counterfeit,
            ) => ANSWER_QUALITY,
            _ => ANSWER_SHIPPED,
        };
        [id, ANSWER_SHIPPED]
            .into_iter()
            .find_map(|id| policy_deadline(policy, id).map(|r| (Arc::from(id), r)))
    })
}

/// The refund's deadline as of `now`.
pub fn clock(policy: &Policy, r: &Refund, answer: Option<&Answer>, now: NaiveDateTime) -> Clock {
    let facts = answer.and_then(|a| a.facts.as_ref());
    let stage = facts.and_then(|f| f.stage.as_ref()).map(|s| s.value);
    let defect = facts.and_then(|f| f.defect.as_ref()).map(|d| d.value);
    let named = |id: &str, from: Option<NaiveDateTime>| {
        policy_deadline(policy, id).map(|d| rule_due(id, &d, from))
    };
    let intervention = matches!(r.cs, Some(Cs::Asked | Cs::In));
    let status = r.status.unwrap_or(State::WaitSeller);
    let mut note = None;
    let (turn, what, rule, platform) = match status {
        State::Closed | State::Success => (Turn::Done, status.label().to_string(), None, None),
        _ if intervention => (
            Turn::Shop,
            "小二介入：提交凭证".to_string(),
            named(INTERVENTION, None),
            r.evidence_timeout.or(r.timeout),
        ),
        State::WaitSeller => {
            let rule = answer_rule(policy, answer, stage, defect)
                .map(|(id, d)| rule_due(&id, &d, r.created));
            if r.status.is_none() {
                note = Some("没有退款状态，按等待卖家处理".to_string());
            }
            (
                Turn::Shop,
                "处理退款申请（同意或拒绝）".to_string(),
                rule,
                r.timeout,
            )
        }
        State::WaitSellerConfirm => (
            Turn::Shop,
            "确认收到退货（超时自动退款）".to_string(),
            named(CONFIRM_RETURN, r.returned_at),
            r.timeout,
        ),
        State::WaitBuyerReturn => (
            Turn::Buyer,
            "等买家退货（买家超时不退则退款关闭）".to_string(),
            None,
            r.timeout,
        ),
        State::SellerRefused => (
            Turn::Buyer,
            "已拒绝，等买家修改或申请介入".to_string(),
            named(REFUSED_CLOSES, None),
            r.timeout,
        ),
    };
    let rule_at = rule.as_ref().and_then(|x| x.due);
    let (due, source) = match (platform, rule_at) {
        (Some(p), _) => (Some(p), "platform"),
        (None, Some(t)) => (Some(t), "rule"),
        (None, None) => (None, "none"),
    };
    if let (Some(p), Some(t), Some(rl)) = (platform, rule_at, &rule) {
        let diff = (p - t).num_minutes();
        if diff.abs() >= TOLERANCE_MINUTES {
            note = Some(format!(
                "平台超时时间 {} 比规则（{}，{}）算出的 {} {}{}：以平台为准",
                p.format("%m-%d %H:%M"),
                rl.label,
                rl.limit,
                t.format("%m-%d %H:%M"),
                if diff < 0 { "早" } else { "晚" },
                span_words(diff.abs())
            ));
        }
    }
    if due.is_none() && turn == Turn::Shop && note.is_none() {
        note = Some(if r.created.is_none() {
            "没有申请时间和超时时间，算不出时限：请在千牛里看这笔退款".to_string()
        } else {
            "这一步的时限要从列表里没有的时间算起：请在千牛里看超时时间".to_string()
        });
    }
    let minutes_left = due.map(|d| (d - now).num_minutes());
    Clock {
        turn,
        what,
        due,
        source,
        platform,
        rule,
        minutes_left,
        overdue: turn == Turn::Shop && minutes_left.is_some_and(|m| m < 0),
        note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_read_as_an_agent_says_them() {
        assert_eq!(span_words(45), "45分");
        assert_eq!(span_words(5 * 60 + 20), "5小时20分");
        assert_eq!(span_words(2 * 1440 + 3 * 60 + 59), "2天3小时");
        assert_eq!(span_words(4 * 60), "4小时");
    }
}
