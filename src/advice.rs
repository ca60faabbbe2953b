//! The advice: what the engine decided for one case, with the trace of why.
//!
//! Its JSON form is a stable interface (`advise --json`): field names and the
//! ids of resolutions and payers do not change; amounts are strings in yuan with
//! two decimals.

use rust_decimal::Decimal;
use serde::Serialize;
use smallvec::SmallVec;
use std::sync::Arc;

use crate::money::Money;
use crate::policy::{Cond, OfferKind, PaidAs, PolicyRef, Resolution, Shipping};
use crate::vocab::{Defect, Fact, Fault, Stage, Wants};

/// The opening offer and the ceiling the agent may go to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Offer {
    /// What to offer first.
    pub open: Money,
    /// The most the agent may give without a supervisor.
    pub max: Money,
    /// Cash, coupon or red envelope.
    pub kind: OfferKind,
}

/// Compensation the platform rules make the shop owe.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Compensation {
    /// The amount owed.
    pub amount: Money,
    /// Percentage of the price paid.
    pub percent: Decimal,
    /// The price it was computed from.
    pub basis: Money,
    /// Lowest amount, if any.
    pub floor: Option<Money>,
    /// Highest amount, if any.
    pub cap: Option<Money>,
    /// Cash or Tmall points.
    pub paid_as: PaidAs,
    /// Penalty points the shop loses as well.
    pub penalty_points: Option<u32>,
    /// What it is, in Chinese.
    pub label: String,
}

/// Text in the advice: a fixed phrase, a policy text shared with the policy, or
/// words made for this case; it prints and serialises as a plain string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// A fixed phrase.
    Static(&'static str),
    /// Text held by the policy.
    Shared(Arc<str>),
    /// Text made for this case.
    Owned(String),
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Text::Static(s) => s,
            Text::Shared(s) => s,
            Text::Owned(s) => s,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// When a deadline falls: a day, or a moment to the minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// A whole day.
    Day(chrono::NaiveDate),
    /// A moment.
    At(chrono::NaiveDateTime),
}

impl std::fmt::Display for Due {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Due::Day(d) => write!(f, "{d}"),
            Due::At(t) => write!(f, "{}", t.format("%Y-%m-%d %H:%M")),
        }
    }
}

impl Serialize for Due {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A time limit running on this case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    /// The policy's id for it.
    pub id: Arc<str>,
    /// The playbook rule it comes from.
    pub playbook: Arc<str>,
    /// What must be done.
    pub label: Arc<str>,
    /// How long, in words (3天, 168小时).
    pub limit: Arc<str>,
    /// When it counts from.
    pub from: Text,
    /// The due date and time, when the start is known.
    pub due: Option<Due>,
}

/// A platform-risk note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    /// The policy's id for it.
    pub id: Arc<str>,
    /// The playbook rule it comes from.
    pub playbook: Arc<str>,
    /// The note.
    pub text: Arc<str>,
}

/// A fact the engine used that the case did not state, and why that value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumed {
    /// Which fact.
    #[serde(serialize_with = "fact_key")]
    pub fact: Fact,
    /// The value used, in words.
    pub value: &'static str,
    /// Where it came from and how to give the real one.
    pub why: &'static str,
}

impl Assumed {
    /// An assumption.
    pub fn new(fact: Fact, value: &'static str, why: &'static str) -> Assumed {
        Assumed { fact, value, why }
    }
}

/// What another value of an assumed fact would change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The fact and the other value.
    pub when: When,
    /// What to do then.
    pub resolution: Resolution,
    /// The offer then.
    pub offer: Option<Offer>,
    /// Who pays each leg then.
    pub shipping: Shipping,
    /// Compensation then.
    pub compensation: Option<Money>,
    /// The rule that would decide.
    pub rule: Arc<str>,
}

/// A fact and a value, serialised as `{"fact": "value"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    /// The fact.
    pub fact: Fact,
    /// The value, in words.
    pub value: &'static str,
}

impl Serialize for When {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.fact.key(), self.value)?;
        m.end()
    }
}

/// A question for the buyer, to put in the reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// The question's id in the policy (a fact's name, such as `signed_at`).
    pub id: Arc<str>,
    /// The question.
    pub question: Arc<str>,
}

/// One rule the engine looked at, and what came of it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TraceStep<'a> {
    /// The rule id.
    pub rule: &'a str,
    /// Whether it decided the case.
    pub matched: bool,
    /// The first condition that did not hold, when it did not decide.
    pub failed: Option<Cond>,
}

/// The rules the engine looked at, as it records them: rule indexes and the
/// condition that failed. Names are put to them only when advice is composed,
/// so a decision touches nothing shared (a replay makes millions on two threads).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Steps(
    // Inline for a policy of up to 48 rules: recording costs no allocation.
    SmallVec<[(u16, Option<Cond>); 48]>,
);

impl Steps {
    /// Records that rule `index` did not apply because `failed` did not hold,
    /// or (with `None`) that it decided.
    pub fn push(&mut self, index: usize, failed: Option<Cond>) {
        // The checker refuses more rules than a u16 indexes (MAX_RULES).
        self.0.push((index as u16, failed));
    }
}

/// The rules the engine looked at, in order: indexes into the policy's rule ids
/// (shared, so naming the steps costs no allocation), serialised as [`TraceStep`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    ids: Arc<[Arc<str>]>,
    steps: SmallVec<[(u16, Option<Cond>); 48]>,
}

impl Trace {
    /// The steps, named by a policy's rule ids (the last id is the fallback's).
    pub fn new(ids: Arc<[Arc<str>]>, steps: Steps) -> Trace {
        Trace {
            ids,
            steps: steps.0,
        }
    }

    /// The steps in order.
    pub fn iter(&self) -> impl Iterator<Item = TraceStep<'_>> {
        self.steps.iter().map(|(i, failed)| TraceStep {
            rule: &self.ids[usize::from(*i)],
            matched: failed.is_none(),
            failed: *failed,
        })
    }

    /// How many rules were looked at.
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// Whether no rule was looked at.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }
}

impl Serialize for Trace {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

fn fact_key<S: serde::Serializer>(f: &Fact, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.key())
}

/// The facts the rules saw, after inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeenFacts {
    /// The defect.
    pub defect: Defect,
    /// Whose fault.
    pub fault: Fault,
    /// The order stage.
    pub stage: Stage,
    /// Return or exchange, for buyer reasons.
    pub wants: Option<Wants>,
    /// The buyer's province.
    pub province: Option<Arc<str>>,
    /// The policy's region group for it.
    pub region_group: Option<Arc<str>>,
    /// Promotion tags found in the title.
    pub promo_tags: Vec<String>,
    /// Inside the seven-day no-reason window, when known.
    pub within_seven_days: Option<bool>,
}

/// The advice for one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    /// What to do.
    pub resolution: Resolution,
    /// Offer range, when money is offered.
    pub offer: Option<Offer>,
    /// What to do if the buyer refuses the offer.
    pub if_refused: Option<Resolution>,
    /// Who pays each leg of that next step, when the advice knows it.
    pub if_refused_shipping: Option<Shipping>,
    /// Whether a supervisor must decide.
    pub escalate: bool,
    /// Whom to escalate to.
    pub escalate_to: Option<Arc<str>>,
    /// Compensation owed by platform rule.
    pub compensation: Option<Compensation>,
    /// Who pays each shipping leg.
    pub shipping: Shipping,
    /// Time limits running.
    pub deadlines: SmallVec<[Deadline; 3]>,
    /// Platform-risk notes.
    pub risks: SmallVec<[Risk; 3]>,
    /// Further notes for the agent (conflicts, the buyer's ask, assumptions).
    pub notes: SmallVec<[Text; 4]>,
    /// Cleaning tip for the material.
    pub tip: Option<Arc<str>>,
    /// The playbook IDs that decided it.
    pub playbook: Arc<[String]>,
    /// The policy rule that decided it.
    pub rule: Arc<str>,
    /// The rule's source note.
    pub why: Arc<str>,
    /// A reply the agent can send.
    pub reply: String,
    /// The facts the rules saw, after inference.
    pub case_facts: SeenFacts,
    /// Facts the case did not give, and the values taken.
    pub assumed: SmallVec<[Assumed; 4]>,
    /// What another value of an assumed fact would change.
    pub alternatives: Vec<Alternative>,
    /// Questions to ask the buyer (also in the reply).
    pub ask_buyer: Vec<Question>,
    /// The alerts that apply beside the rule.
    pub alerts: Vec<Arc<str>>,
    /// Every rule considered, in order.
    pub trace: Trace,
    /// Which policy decided it.
    pub policy: PolicyRef,
}
