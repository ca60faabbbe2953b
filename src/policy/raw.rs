//! The policy file exactly as written: serde structs that keep where each value
//! stands, so the checker can point at it. Field docs are in
//! `policies/default.yaml`, where managers read them.
#![allow(missing_docs)]

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

use super::vocab::{OfferKind, PaidAs, Payer, Resolution};
use crate::located::Located;
use crate::vocab::{Defect, Fault, Material, Stage, Wants};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPolicy {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    pub regions: IndexMap<String, Vec<Located<String>>>,
    pub promotion_tags: Vec<Located<String>>,
    pub settings: RawSettings,
    pub defects: Located<BTreeMap<Defect, RawDefect>>,
    pub materials: Located<BTreeMap<Material, RawMaterial>>,
    #[serde(default)]
    pub faults: BTreeMap<Fault, Vec<Located<String>>>,
    #[serde(default)]
    pub compensation: BTreeMap<String, RawCompensation>,
    #[serde(default)]
    pub shipping_costs: IndexMap<String, Located<Decimal>>,
    pub deadlines: Located<BTreeMap<String, RawDeadline>>,
    #[serde(default)]
    pub risks: BTreeMap<String, RawRisk>,
    pub replies: RawReplies,
    pub rules: Located<Vec<RawRule>>,
    pub fallback: RawOutcome,
    #[serde(default)]
    pub express_refund_decline: Option<RawOutcome>,
    #[serde(default)]
    pub made_to_order_tags: Vec<Located<String>>,
    #[serde(default)]
    pub questions: BTreeMap<String, Located<String>>,
    #[serde(default)]
    pub alerts: Vec<RawAlert>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAlert {
    pub id: Located<String>,
    pub playbook: Vec<String>,
    pub source: String,
    pub when: RawWhen,
    #[serde(default)]
    pub note: Option<Located<String>>,
    #[serde(default)]
    pub risks: Vec<Located<String>>,
    #[serde(default)]
    pub deadlines: Vec<Located<String>>,
    #[serde(default)]
    pub ask: Vec<Located<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSettings {
    pub quality_return_shipping: Located<Payer>,
    pub quality_return_note: ByPayer,
    #[serde(default)]
    pub quality_return_words: Option<ByPayer>,
    pub escalate_to: Located<String>,
    #[serde(default)]
    pub workbench: Option<super::Workbench>,
    #[serde(default = "yes")]
    pub confirm_changes: bool,
}

/// A text for each quality-return payer, or one text for both.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ByPayer {
    /// One text whichever side pays.
    One(String),
    /// A text per payer.
    Each { shop: String, buyer: String },
}

impl ByPayer {
    /// The text for a payer.
    pub fn get(&self, payer: Payer) -> &str {
        match self {
            ByPayer::One(t) => t,
            ByPayer::Each { buyer, .. } if payer == Payer::Buyer => buyer,
            ByPayer::Each { shop, .. } => shop,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefect {
    pub fault: Fault,
    pub stage: Stage,
    #[serde(default)]
    pub wants: Option<Wants>,
    #[serde(default)]
    pub wants_with_ask: Option<Wants>,
    #[serde(default)]
    pub keywords: Vec<Located<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMaterial {
    pub tip: String,
    #[serde(default)]
    pub keywords: Vec<Located<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCompensation {
    pub label: String,
    pub percent: Located<Decimal>,
    #[serde(default)]
    pub floor: Option<Located<Decimal>>,
    #[serde(default)]
    pub cap: Option<Located<Decimal>>,
    pub paid_as: PaidAs,
    #[serde(default)]
    pub penalty_points: Option<u32>,
}

/// What a deadline counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The day of the buyer's request.
    Requested,
    /// 00:00 of the day after the buyer signed.
    SignedNextDay,
    /// 00:00 of the day after the trade completed.
    Completed,
    /// The day the buyer paid (a deadline in hours counts from its 00:00).
    Paid,
    /// The day the buyer filed a complaint.
    Complained,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeadline {
    pub playbook: String,
    pub label: String,
    #[serde(default)]
    pub days: Option<Located<u32>>,
    #[serde(default)]
    pub hours: Option<Located<u32>>,
    #[serde(default)]
    pub from: Option<Anchor>,
    #[serde(default)]
    pub after: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRisk {
    pub playbook: String,
    pub text: Located<String>,
    #[serde(default)]
    pub tmall: Option<Located<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReplies {
    pub greeting: Located<String>,
    pub apology: Located<String>,
    pub tip_intro: Located<String>,
    pub thanks: Located<String>,
    #[serde(default)]
    pub counter: Option<Located<String>>,
    #[serde(default)]
    pub if_refused_intro: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: Located<String>,
    pub playbook: Vec<String>,
    pub source: String,
    #[serde(default)]
    pub when: RawWhen,
    pub then: RawOutcome,
    #[serde(default)]
    pub above_ceiling: Option<RawOutcome>,
}

/// Seven-day window condition values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    /// Inside the window.
    Within,
    /// Past it.
    Expired,
}

// A rule's conditions are declared with the rest of each condition, in `cond.rs`.
pub use super::cond::RawWhen;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutcome {
    pub resolution: Resolution,
    #[serde(default)]
    pub offer: Option<RawOffer>,
    #[serde(default)]
    pub if_refused: Option<Resolution>,
    #[serde(default)]
    pub shipping: Option<RawShipping>,
    #[serde(default)]
    pub compensation: Option<Located<String>>,
    #[serde(default)]
    pub tip: bool,
    #[serde(default)]
    pub quality_return: bool,
    #[serde(default)]
    pub deadlines: Vec<Located<String>>,
    #[serde(default)]
    pub risks: Vec<Located<String>>,
    #[serde(default)]
    pub note: Option<Located<String>>,
    #[serde(default)]
    pub ask: Vec<Located<String>>,
    pub reply: Located<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffer {
    #[serde(default)]
    pub open: Option<Located<Decimal>>,
    #[serde(default)]
    pub max: Option<Located<Decimal>>,
    #[serde(default)]
    pub open_percent: Option<Located<Decimal>>,
    #[serde(default)]
    pub max_percent: Option<Located<Decimal>>,
    #[serde(default)]
    pub cap: Option<Located<Decimal>>,
    #[serde(default = "cash")]
    pub kind: OfferKind,
    #[serde(default = "yes")]
    pub agree_ask: bool,
}

fn cash() -> OfferKind {
    OfferKind::Cash
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShipping {
    pub to_shop: Payer,
    pub to_buyer: Payer,
}
