//! The facts read from a paste, each with the words it came from and where in
//! the paste they stand (form, refund request, chat, note; buyer or shop), and
//! what is missing or open.

use serde::{Serialize, Serializer};

use super::segment::{Segment, Speaker};
use crate::case::{
    CaseInput, Defect, Evidence, Fact, Fault, Material, Platform, RefundType, Stage, Threat, Wants,
};
use crate::located::Located;
use crate::money::Money;

/// One fact read from a paste, the words it came from and where they stand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// The quoted text it was read from, as pasted.
    pub source: String,
    /// The part of the paste it was read in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
    /// Who said it, for a chat line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// Whether the speaker is a guess (a lone nickname, an unnamed line), shown beside it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub speaker_guessed: bool,
}

impl<T> Found<T> {
    /// A value and its quote, read in a segment (and from a speaker).
    pub fn new(value: T, source: String, segment: Segment, speaker: Option<Speaker>) -> Found<T> {
        Found {
            value,
            source,
            segment: Some(segment),
            speaker,
            speaker_guessed: false,
        }
    }

    /// Marks the speaker as a guess when it is one.
    pub fn guessed(mut self, guessed: bool) -> Found<T> {
        self.speaker_guessed = guessed && self.speaker.is_some();
        self
    }
}

/// A fact that was not found; it serialises with the flag and the phrase that give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    /// Which fact.
    pub fact: Fact,
}

impl Serialize for Missing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Missing", 5)?;
        m.serialize_field("fact", self.fact.name())?;
        m.serialize_field("key", self.fact.key())?;
        m.serialize_field("label", self.fact.label())?;
        m.serialize_field(
            "flag",
            &format!(
                "--{} {}",
                self.fact.key().replace('_', "-"),
                self.fact.example()
            ),
        )?;
        m.serialize_field("phrase", self.fact.phrase())?;
        m.end()
    }
}

/// A fact the text leaves open between several values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ambiguity {
    /// Which fact.
    #[serde(serialize_with = "fact_name")]
    pub fact: Fact,
    /// The quoted text.
    pub source: String,
    /// The values it could be.
    pub candidates: Vec<String>,
    /// How to settle it.
    pub flag: String,
}

fn fact_name<S: Serializer>(f: &Fact, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.name())
}

/// Everything read from a paste.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// The buyer's province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<Found<String>>,
    /// The policy's region group for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_group: Option<Found<String>>,
    /// Promotion tags in the product title (empty: a regular-price item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promo_tags: Option<Found<Vec<String>>>,
    /// What went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defect: Option<Found<Defect>>,
    /// Whose fault, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<Found<Fault>>,
    /// Upper material.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub material: Option<Found<Material>>,
    /// Price paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Found<Money>>,
    /// What the buyer asks for, in their latest turn that names an amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<Found<Money>>,
    /// What the buyer asked for earlier, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub earlier_asks: Vec<Found<Money>>,
    /// What the shop already offered, in its latest turn that names an amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offered: Option<Found<Money>>,
    /// Order stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Found<Stage>>,
    /// Taobao or Tmall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Found<Platform>>,
    /// 包邮.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping: Option<Found<bool>>,
    /// When the buyer signed (`2026-11-18` or `2026-11-18 14:02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<Found<String>>,
    /// When the buyer asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_at: Option<Found<String>>,
    /// When the buyer paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<Found<String>>,
    /// When the trade completed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed_at: Option<Found<String>>,
    /// The product title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Found<String>>,
    /// The buyer has return-shipping insurance (运费险).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<Found<bool>>,
    /// The filed reason (缺货, 未按约定时间发货) is untrue by the buyer's own words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim_false: Option<Found<bool>>,
    /// The refund is an express refund (极速退款).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub express_refund: Option<Found<bool>>,
    /// The buyer's refund was refused twice already.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused_twice: Option<Found<bool>>,
    /// The refund request's type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_type: Option<Found<RefundType>>,
    /// The platform refund reason the buyer picked, as the standard text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_reason: Option<Found<String>>,
    /// What the buyer wants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wants: Option<Found<Wants>>,
    /// What the buyer threatens.
    pub threats: Vec<Found<Threat>>,
    /// Photos or videos the buyer sent.
    pub evidence: Vec<Found<Evidence>>,
    /// Facts not found, with the flag or phrase that gives them.
    pub missing: Vec<Missing>,
    /// Facts the text leaves open.
    pub ambiguous: Vec<Ambiguity>,
}

/// A label list as case input: `bad_review,complaint`.
fn list<T: Copy + PartialEq>(found: &[Found<T>], id: impl Fn(T) -> &'static str) -> Option<String> {
    let mut ids: Vec<&str> = Vec::new();
    for f in found {
        let i = id(f.value);
        if !ids.contains(&i) {
            ids.push(i);
        }
    }
    (!ids.is_empty()).then(|| ids.join(","))
}

impl Facts {
    /// The facts as case input for the engine (flags are laid over it afterwards).
    pub fn to_input(&self) -> CaseInput {
        let s = |v: String| Some(Located::flag(v));
        let id = |v: Option<&'static str>| v.map(|x| Located::flag(x.to_string()));
        CaseInput {
            defect: id(self.defect.as_ref().map(|f| f.value.id())),
            region: self.province.as_ref().and_then(|f| s(f.value.clone())),
            // The engine reads promotion tags from the title; without one, the tagged line stands in.
            title: self
                .title
                .as_ref()
                .map(|f| f.value.clone())
                .or_else(|| self.promo_tags.as_ref().map(|f| f.source.clone()))
                .and_then(s),
            fault: id(self.fault.as_ref().map(|f| f.value.id())),
            price: self.price.as_ref().and_then(|f| s(f.value.to_string())),
            ask: self.ask.as_ref().and_then(|f| s(f.value.to_string())),
            free_shipping: self.free_shipping.as_ref().map(|f| f.value),
            platform: id(self.platform.as_ref().map(|f| f.value.id())),
            stage: id(self.stage.as_ref().map(|f| f.value.id())),
            signed: self.signed_at.as_ref().and_then(|f| s(f.value.clone())),
            requested: self.requested_at.as_ref().and_then(|f| s(f.value.clone())),
            material: id(self.material.as_ref().map(|f| f.value.id())),
            wants: id(self.wants.as_ref().map(|f| f.value.id())),
            offered: self.offered.as_ref().and_then(|f| s(f.value.to_string())),
            refund_type: id(self.refund_type.as_ref().map(|f| f.value.id())),
            refund_reason: self.refund_reason.as_ref().and_then(|f| s(f.value.clone())),
            threats: list(&self.threats, Threat::id).and_then(s),
            evidence: list(&self.evidence, Evidence::id).and_then(s),
            paid: self.paid_at.as_ref().and_then(|f| s(f.value.clone())),
            completed: self.completed_at.as_ref().and_then(|f| s(f.value.clone())),
            express_refund: self.express_refund.as_ref().map(|f| f.value),
            claim_false: self.claim_false.as_ref().map(|f| f.value),
            refused_twice: self.refused_twice.as_ref().map(|f| f.value),
            ..CaseInput::default()
        }
    }

    /// Whether nothing at all was read.
    pub(crate) fn is_empty(&self) -> bool {
        self.province.is_none()
            && self.promo_tags.is_none()
            && self.defect.is_none()
            && self.fault.is_none()
            && self.material.is_none()
            && self.price.is_none()
            && self.ask.is_none()
            && self.offered.is_none()
            && self.stage.is_none()
            && self.platform.is_none()
            && self.free_shipping.is_none()
            && self.signed_at.is_none()
            && self.title.is_none()
            && self.refund_type.is_none()
            && self.refund_reason.is_none()
            && self.threats.is_empty()
            && self.ambiguous.is_empty()
    }

    /// Lists the facts the rules most often need and the text did not give.
    pub(crate) fn list_missing(&mut self) {
        let ambiguous = |f: Fact| self.ambiguous.iter().any(|a| a.fact == f);
        let signed = self
            .stage
            .as_ref()
            .is_some_and(|s| matches!(s.value, Stage::Signed | Stage::Completed));
        let lacking: Vec<Fact> = [
            (
                Fact::Defect,
                self.defect.is_none() && !ambiguous(Fact::Defect),
            ),
            (
                Fact::Region,
                self.province.is_none() && !ambiguous(Fact::Region),
            ),
            (Fact::Price, self.price.is_none()),
            (Fact::Platform, self.platform.is_none()),
            (Fact::Stage, self.stage.is_none()),
            (Fact::Signed, signed && self.signed_at.is_none()),
        ]
        .into_iter()
        .filter(|(_, lacking)| *lacking)
        .map(|(f, _)| f)
        .collect();
        self.missing
            .extend(lacking.into_iter().map(|fact| Missing { fact }));
    }
}
