//! The facts read from a paste, each with the words it came from, and what
//! is missing or open.

use serde::{Serialize, Serializer};

use crate::case::{CaseInput, Defect, Fact, Fault, Material, Platform, Stage};
use crate::located::Located;
use crate::money::Money;

/// One extracted fact and the text it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// The quoted text it was read from.
    pub source: String,
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
        let mut m = s.serialize_struct("Missing", 3)?;
        m.serialize_field("fact", self.fact.name())?;
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
    /// What the buyer asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<Found<Money>>,
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
    /// The product title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Found<String>>,
    /// The buyer has return-shipping insurance (运费险).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<Found<bool>>,
    /// Facts not found, with the flag or phrase that gives them.
    pub missing: Vec<Missing>,
    /// Facts the text leaves open.
    pub ambiguous: Vec<Ambiguity>,
}

impl Facts {
    /// The facts as case input for the engine (flags are laid over it afterwards).
    pub fn to_input(&self) -> CaseInput {
        let s = |v: String| Some(Located::flag(v));
        CaseInput {
            defect: self
                .defect
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            region: self.province.as_ref().and_then(|f| s(f.value.clone())),
            // The engine reads promotion tags from the title; without one, the tagged line stands in.
            title: self
                .title
                .as_ref()
                .map(|f| f.value.clone())
                .or_else(|| self.promo_tags.as_ref().map(|f| f.source.clone()))
                .and_then(s),
            fault: self
                .fault
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            price: self.price.as_ref().and_then(|f| s(f.value.to_string())),
            ask: self.ask.as_ref().and_then(|f| s(f.value.to_string())),
            free_shipping: self.free_shipping.as_ref().map(|f| f.value),
            platform: self
                .platform
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            stage: self
                .stage
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            signed: self.signed_at.as_ref().and_then(|f| s(f.value.clone())),
            requested: self.requested_at.as_ref().and_then(|f| s(f.value.clone())),
            material: self
                .material
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            ..CaseInput::default()
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.province.is_none()
            && self.promo_tags.is_none()
            && self.defect.is_none()
            && self.fault.is_none()
            && self.material.is_none()
            && self.price.is_none()
            && self.ask.is_none()
            && self.stage.is_none()
            && self.platform.is_none()
            && self.free_shipping.is_none()
            && self.signed_at.is_none()
            && self.title.is_none()
            && self.ambiguous.is_empty()
    }
}

/// Lists the facts the rules most often need and the text did not give.
pub(crate) fn missing(facts: &mut Facts) {
    let ambiguous_place = facts.ambiguous.iter().any(|a| a.fact == Fact::Region);
    let signed = facts
        .stage
        .as_ref()
        .is_some_and(|s| matches!(s.value, Stage::Signed | Stage::Completed));
    for (fact, lacking) in [
        (Fact::Defect, facts.defect.is_none()),
        (Fact::Region, facts.province.is_none() && !ambiguous_place),
        (Fact::Price, facts.price.is_none()),
        (Fact::Platform, facts.platform.is_none()),
        (Fact::Stage, facts.stage.is_none()),
        (Fact::Signed, signed && facts.signed_at.is_none()),
    ] {
        if lacking {
            facts.missing.push(Missing { fact });
        }
    }
}
