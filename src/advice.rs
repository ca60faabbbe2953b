//! The advice: what the engine decided for one case, with the trace of why.
//!
//! Its JSON form is a stable interface (`advise --json`): field names and the
//! ids of resolutions and payers do not change; amounts are strings in yuan with
//! two decimals.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;
use std::sync::Arc;

use crate::case::{Defect, Fault, Stage, Wants};
use crate::engine::Cond;

/// An amount of money in yuan, always rounded half-up to the fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Money(Decimal);

impl Money {
    /// Rounds to the fen, half away from zero (12.345 -> 12.35).
    pub fn new(d: Decimal) -> Money {
        let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        Money(r)
    }

    /// The amount as a decimal.
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Always two decimals (scale 2), so the fen count prints as yuan.fen.
        let fen = self.0.mantissa();
        let sign = if fen < 0 { "-" } else { "" };
        let fen = fen.unsigned_abs();
        write!(f, "{sign}{}.{:02}", fen / 100, fen % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Declares a serde enum of stable snake_case ids with a Chinese label each.
macro_rules! ids {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $id:literal, $zh:literal,)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $(#[serde(rename = $id)] $variant),+ }

        impl $name {
            /// The Chinese label shown to agents.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// The stable id used in JSON and case files.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }
        }
    };
}

ids! {
    /// What the shop offers the buyer.
    Resolution {
        PartialRefund = "partial_refund", "部分退款(优惠),买家留下商品",
        ReturnOrExchange = "return_or_exchange", "支持退货或换货",
        ReturnRefund = "return_refund", "退货退款",
        Exchange = "exchange", "换货",
        RefundWithoutReturn = "refund_without_return", "退款不退货(仅退款)",
        Reship = "reship", "补发 / 重新发出",
        RefuseDelivery = "refuse_delivery", "让买家拒签",
        Repair = "repair", "维修",
        Refund = "refund", "退款",
        Escalate = "escalate", "上报主管处理",
        Decline = "decline", "婉拒",
    }
}

ids! {
    /// Who pays one shipping leg.
    Payer {
        Shop = "shop", "商家承担",
        Buyer = "buyer", "买家承担",
        Split = "split", "双方各承担一半",
        Courier = "courier", "快递公司承担(向快递索赔)",
        None = "none", "无此运费",
    }
}

ids! {
    /// In what form an offer is paid.
    OfferKind {
        Cash = "cash", "现金优惠(部分退款)",
        Coupon = "coupon", "优惠券",
        RedEnvelope = "red_envelope", "红包",
    }
}

ids! {
    /// How platform compensation is paid.
    PaidAs {
        Cash = "cash", "现金(违约金)",
        TmallPoints = "tmall_points", "天猫积分",
    }
}

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

/// Who pays each shipping leg.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Shipping {
    /// The leg from the buyer back to the shop.
    pub to_shop: Payer,
    /// The leg from the shop to the buyer (a new parcel, or the original postage on a return).
    pub to_buyer: Payer,
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

/// A fact the engine used that the case did not state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inferred {
    /// Which fact.
    pub fact: &'static str,
    /// The value used.
    pub value: &'static str,
    /// Where it came from and how to override it.
    pub how: &'static str,
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

/// The rules the engine looked at, in order: indexes into the policy's rule ids
/// (shared, so recording a step costs no allocation), serialised as [`TraceStep`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct Trace {
    ids: Arc<[Arc<str>]>,
    // Inline for a policy of up to 48 rules: recording costs no allocation.
    steps: SmallVec<[(u16, Option<Cond>); 48]>,
}

impl Trace {
    /// An empty trace over a policy's rule ids (the last id is the fallback's).
    pub fn new(ids: Arc<[Arc<str>]>) -> Trace {
        Trace {
            ids,
            steps: SmallVec::new(),
        }
    }

    /// Records that rule `index` did not apply because `failed` did not hold,
    /// or (with `None`) that it decided.
    pub fn push(&mut self, index: usize, failed: Option<Cond>) {
        self.steps.push((index as u16, failed));
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

/// The facts the rules saw, after inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Facts {
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

/// The policy the advice came from, so advice can be traced to a version.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyRef {
    /// The policy's name.
    pub name: Arc<str>,
    /// The first 16 hex digits of the SHA-256 of the policy file.
    pub hash: Arc<str>,
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
    pub case_facts: Facts,
    /// Facts the engine filled in.
    pub inferred: SmallVec<[Inferred; 3]>,
    /// Every rule considered, in order.
    pub trace: Trace,
    /// Which policy decided it.
    pub policy: PolicyRef,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rounds_half_up_to_the_fen() {
        assert_eq!(Money::new(Decimal::new(4445, 3)).to_string(), "4.45");
        assert_eq!(Money::new(Decimal::new(12345, 3)).to_string(), "12.35");
        assert_eq!(Money::new(Decimal::from(3)).to_string(), "3.00");
    }

    #[test]
    fn ids_are_snake_case() {
        assert_eq!(
            Resolution::RefundWithoutReturn.id(),
            "refund_without_return"
        );
        assert_eq!(Payer::None.id(), "none");
    }
}
