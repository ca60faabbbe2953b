//! The compiled parts of a policy: region groups, defect defaults, tips,
//! compensation schemes, deadlines, risk notes, reply templates and rules,
//! every reference resolved and every amount checked.

use rust_decimal::Decimal;
use std::sync::Arc;

use super::cond::{Cond, Conditions};
use super::raw::Anchor;
use super::vocab::{OfferKind, PaidAs, Resolution, Shipping};
use crate::located::Pos;
use crate::vocab::{Fault, Stage, Wants};

/// A named list of provinces (江浙沪, 偏远地区).
#[derive(Debug, Clone)]
pub struct RegionGroup {
    /// The group's name.
    pub name: String,
    /// Canonical province names.
    pub provinces: Vec<String>,
}

/// What the engine assumes about a defect when the case does not say.
#[derive(Debug, Clone)]
pub struct DefectInfo {
    /// Default fault.
    pub fault: Fault,
    /// Default order stage.
    pub stage: Stage,
    /// Default wish (return / exchange), for buyer reasons.
    pub wants: Option<Wants>,
    /// The wish taken when the buyer names an amount and states no wish.
    pub wants_with_ask: Option<Wants>,
    /// Words in a chat that point to this defect.
    pub keywords: Vec<String>,
}

/// A material's cleaning tip and the words that name it.
#[derive(Debug, Clone)]
pub struct MaterialInfo {
    /// The tip for the buyer.
    pub tip: Arc<str>,
    /// Words that name the material in a title or chat.
    pub keywords: Vec<String>,
}

/// A platform compensation scheme (a percentage of the price with bounds).
#[derive(Debug, Clone)]
pub struct CompensationRule {
    /// What it is, in Chinese.
    pub label: String,
    /// Percentage of the price paid.
    pub percent: Decimal,
    /// Lowest amount.
    pub floor: Option<Decimal>,
    /// Highest amount.
    pub cap: Option<Decimal>,
    /// Cash or Tmall points.
    pub paid_as: PaidAs,
    /// Penalty points the shop loses.
    pub penalty_points: Option<u32>,
}

/// How long a deadline runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Whole days.
    Days(u32),
    /// Hours.
    Hours(u32),
}

/// What a deadline counts from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// A date the case may know.
    Anchor(Anchor),
    /// An event still to come, in words.
    After(Arc<str>),
}

/// A time limit from the playbook.
#[derive(Debug, Clone)]
pub struct DeadlineRule {
    /// Playbook ID.
    pub playbook: Arc<str>,
    /// What must happen.
    pub label: Arc<str>,
    /// How long, in words (3天, 168小时).
    pub limit: Arc<str>,
    /// How long.
    pub period: Period,
    /// From when.
    pub start: Start,
}

/// A platform-risk note.
#[derive(Debug, Clone)]
pub struct RiskRule {
    /// Playbook ID.
    pub playbook: Arc<str>,
    /// The note.
    pub text: Arc<str>,
    /// The note for a Tmall shop, when Tmall's rule differs.
    pub tmall: Option<Arc<str>>,
}

/// A note that applies beside whichever rule decides: every alert whose
/// conditions hold adds its note, risks, deadlines and questions.
#[derive(Debug, Clone)]
pub struct Alert {
    /// The alert's id.
    pub id: Arc<str>,
    /// Playbook IDs it implements.
    pub playbook: Arc<[String]>,
    /// When it applies.
    pub when: Conditions,
    /// The conditions it sets, in test order.
    pub tests: Vec<Cond>,
    /// A note for the agent.
    pub note: Option<Vec<Piece>>,
    /// Deadlines, with their ids.
    pub deadlines: Vec<(Arc<str>, Arc<DeadlineRule>)>,
    /// Risk notes, with their ids.
    pub risks: Vec<(Arc<str>, Arc<RiskRule>)>,
    /// Questions for the buyer, by id.
    pub ask: Vec<Arc<str>>,
}

/// A piece of a reply template: text, or a value filled in per case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Literal text.
    Text(String),
    /// `{open}`, `{max}`, `{ask}`, `{price}`, `{compensation}` or `{escalate_to}`.
    Slot(Slot),
}

/// The values a reply template can quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The opening offer.
    Open,
    /// The ceiling.
    Max,
    /// The buyer's ask.
    Ask,
    /// The price paid.
    Price,
    /// Compensation owed.
    Compensation,
    /// Whom to escalate to.
    EscalateTo,
    /// Who pays the legs of a quality return, in words (the setting's).
    ReturnShipping,
}

impl Slot {
    /// The slot a `{name}` placeholder stands for.
    pub fn named(name: &str) -> Option<Slot> {
        Some(match name {
            "open" => Slot::Open,
            "max" => Slot::Max,
            "ask" => Slot::Ask,
            "price" => Slot::Price,
            "compensation" => Slot::Compensation,
            "escalate_to" => Slot::EscalateTo,
            "return_shipping" => Slot::ReturnShipping,
            _ => return None,
        })
    }
}

/// The fixed parts of every reply.
#[derive(Debug, Clone)]
pub struct Replies {
    /// Opening line.
    pub greeting: String,
    /// Apology (对不起).
    pub apology: String,
    /// Lead-in before a cleaning tip.
    pub tip_intro: String,
    /// Thanks (谢谢您).
    pub thanks: String,
    /// The counter-offer at the ceiling when the buyer asks for more.
    pub counter: Vec<Piece>,
    /// The words before the next step, when the buyer may refuse the counter-offer.
    pub if_refused_intro: String,
}

/// An amount written as yuan or as a percentage of the price paid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// Fixed yuan.
    Yuan(Decimal),
    /// Percent of the price paid.
    Percent(Decimal),
}

/// An offer range in a rule.
#[derive(Debug, Clone)]
pub struct OfferRule {
    /// Opening offer.
    pub open: Amount,
    /// Ceiling.
    pub max: Amount,
    /// Cash, coupon or red envelope.
    pub kind: OfferKind,
    /// Whether a buyer's ask within the ceiling is agreed at once.
    pub agree_ask: bool,
    /// The most either end may come to in yuan (for offers in percent of the price).
    pub cap: Option<Decimal>,
}

/// What a rule recommends.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The resolution.
    pub resolution: Resolution,
    /// Offer range.
    pub offer: Option<OfferRule>,
    /// Next step if the buyer refuses.
    pub if_refused: Option<Resolution>,
    /// Who pays each leg.
    pub shipping: Shipping,
    /// Compensation scheme.
    pub compensation: Option<Arc<CompensationRule>>,
    /// Add the material's cleaning tip.
    pub tip: bool,
    /// The return leg follows the quality-return setting (a known conflict).
    pub quality_return: bool,
    /// Deadlines, with their ids.
    pub deadlines: Vec<(Arc<str>, Arc<DeadlineRule>)>,
    /// Risk notes, with their ids.
    pub risks: Vec<(Arc<str>, Arc<RiskRule>)>,
    /// A note for the agent, split at its placeholders.
    pub note: Option<Vec<Piece>>,
    /// Questions for the buyer, by id.
    pub ask: Vec<Arc<str>>,
    /// Reply template, split at its placeholders.
    pub reply: Vec<Piece>,
}

/// One rule of the playbook table.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's id (shared, so advice and traces can hold it without copying).
    pub id: Arc<str>,
    /// Playbook IDs it implements.
    pub playbook: Arc<[String]>,
    /// Source note.
    pub source: Arc<str>,
    /// When it applies.
    pub when: Conditions,
    /// The conditions it sets, in the order the engine tests them.
    pub tests: Vec<Cond>,
    /// What it recommends.
    pub then: Outcome,
    /// What it recommends when the buyer asks more than the ceiling.
    pub above_ceiling: Option<Outcome>,
    /// Where it is written.
    pub pos: Option<Pos>,
}
