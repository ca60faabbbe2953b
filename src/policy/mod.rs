//! The policy: the shop's playbook as a YAML file, read, checked and compiled.
//!
//! Loading goes raw document ([`raw`]) -> checks ([`check`]) -> [`Policy`]. A
//! policy with any error is never returned; warnings travel with it. Every
//! number, region list, tag word, template and time limit lives in the file.

pub mod analysis;
mod check;
pub mod raw;

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::advice::{OfferKind, PaidAs, Payer, PolicyRef, Resolution, Shipping};
use crate::case::{Defect, Fault, Material, Stage, Wants};
use crate::snippet::{Pos, caret};
pub use raw::{Anchor, Window};

/// The policy compiled into the binary, used when no other is given.
pub const BUNDLED: &str = include_str!("../../policies/default.yaml");
/// The largest policy file read, in bytes.
pub const MAX_POLICY: u64 = 4 << 20;
/// The name the bundled policy is reported under.
pub const BUNDLED_PATH: &str = "policies/default.yaml";

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The policy cannot be used.
    Error,
    /// Suspicious but usable.
    Warning,
}

/// One finding about a policy file, pointing at the place it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where, when known.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
    /// How to fix it, in Chinese.
    pub zh: String,
    /// The offending line with a caret.
    pub snippet: String,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{sev}: {}", self.message)?;
        if let Some(pos) = &self.pos {
            writeln!(f, " --> {pos}")?;
        }
        if !self.snippet.is_empty() {
            writeln!(f, "{}", self.snippet)?;
        }
        write!(f, "  = help: {}\n  = 修改: {}", self.help, self.zh)
    }
}

/// Why a policy could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("cannot read policy `{path}`: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file has errors; nothing of it is used.
    #[error("{}\npolicy `{file}` was not loaded: {} error(s)", render_all(.diagnostics), .diagnostics.iter().filter(|d| d.severity == Severity::Error).count())]
    Invalid {
        /// The file.
        file: String,
        /// Every error and warning found.
        diagnostics: Vec<Diagnostic>,
    },
}

fn render_all(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| format!("{d}\n")).collect()
}

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
pub enum Span {
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
    pub span: Span,
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
    /// A note for the agent.
    pub note: Option<Arc<str>>,
    /// Reply template, split at its placeholders.
    pub reply: Vec<Piece>,
}

/// A set of values of one finite dimension, as bits over the values' indexes.
pub type Set = u64;

/// The conditions of a rule; `None` means any value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// Defect kinds.
    pub defect: Option<Set>,
    /// Region groups (bit `groups.len()` is "any other region").
    pub region: Option<Set>,
    /// Faults.
    pub fault: Option<Set>,
    /// Stages.
    pub stage: Option<Set>,
    /// Platforms.
    pub platform: Option<Set>,
    /// Wishes.
    pub wants: Option<Set>,
    /// Promotion item.
    pub promo: Option<bool>,
    /// 包邮.
    pub free_shipping: Option<bool>,
    /// Resale not affected.
    pub resellable: Option<bool>,
    /// Perishable food.
    pub perishable: Option<bool>,
    /// The claim is untrue.
    pub claim_false: Option<bool>,
    /// Inside (true) or past (false) the seven-day window.
    pub seven_day: Option<bool>,
    /// Price at most this.
    pub price_at_most: Option<Decimal>,
}

/// One rule of the playbook table.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule's id (shared, so advice and traces can hold it without copying).
    pub id: std::sync::Arc<str>,
    /// Playbook IDs it implements.
    pub playbook: Arc<[String]>,
    /// Source note.
    pub source: Arc<str>,
    /// When it applies.
    pub when: Conditions,
    /// The conditions it sets, in the order the engine tests them.
    pub tests: Vec<crate::engine::Cond>,
    /// What it recommends.
    pub then: Outcome,
    /// What it recommends when the buyer asks more than the ceiling.
    pub above_ceiling: Option<Outcome>,
    /// Where it is written.
    pub pos: Option<Pos>,
}

/// A checked policy, ready for the engine.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Name from the file.
    pub name: String,
    /// The file it came from.
    pub file: String,
    /// Hash of the file's text.
    pub hash: String,
    /// The file's text, for pointing at lines.
    pub source: String,
    /// Name and hash, shared by every advice.
    reference: PolicyRef,
    /// Region groups in file order of names.
    pub groups: Vec<RegionGroup>,
    /// The groups' names by index, then "其他地区".
    pub group_names: Vec<Arc<str>>,
    /// Promotion tag words.
    pub promotion_tags: Vec<String>,
    /// Who pays the return leg of a quality return.
    pub quality_return_payer: Payer,
    /// The note shown when that setting applies.
    pub quality_return_note: Arc<str>,
    /// Whom to escalate to.
    pub escalate_to: Arc<str>,
    /// Defaults per defect, by [`Defect::index`].
    pub defects: Vec<DefectInfo>,
    /// Tips per material.
    pub materials: HashMap<Material, MaterialInfo>,
    /// Words in a chat that say whose fault it is.
    pub fault_keywords: HashMap<Fault, Vec<String>>,
    /// Compensation schemes.
    pub compensation: HashMap<String, Arc<CompensationRule>>,
    /// Deadlines.
    pub deadlines: HashMap<String, Arc<DeadlineRule>>,
    /// The seven-day no-reason window (the `seven_day_return` deadline).
    pub seven_day: Arc<DeadlineRule>,
    /// Risk notes.
    pub risks: HashMap<String, Arc<RiskRule>>,
    /// Reply parts.
    pub replies: Replies,
    /// The rules, first match wins.
    pub rules: Vec<Rule>,
    /// The rules' ids in order, then the fallback's: what traces index into.
    pub rule_ids: Arc<[Arc<str>]>,
    /// What to do when no rule matches.
    pub fallback: Outcome,
    /// Estimated cost of one shipping leg per region group index (`groups.len()` is 其他地区).
    pub shipping_costs: Vec<Option<Decimal>>,
    /// Warnings found while checking.
    pub warnings: Vec<Diagnostic>,
    group_of: HashMap<String, usize>,
    /// Region group index per province, by the province's index in [`crate::place::Places::provinces`].
    group_by_province: Vec<usize>,
    promo_matcher: aho_corasick::AhoCorasick,
}

/// The deadline entry that defines the seven-day no-reason window.
pub const SEVEN_DAY: &str = "seven_day_return";

impl Policy {
    /// The bundled default policy.
    pub fn bundled() -> Result<Policy, PolicyError> {
        Policy::parse(BUNDLED, BUNDLED_PATH)
    }

    /// Reads and checks a policy file.
    pub fn from_path(path: &Path) -> Result<Policy, PolicyError> {
        let io = |source| PolicyError::Io {
            path: path.display().to_string(),
            source,
        };
        // A policy is tens of kilobytes; anything past this is not one.
        if std::fs::metadata(path).map_err(io)?.len() > MAX_POLICY {
            return Err(io(std::io::Error::other(format!(
                "larger than {MAX_POLICY} bytes, which no policy is"
            ))));
        }
        let text = std::fs::read_to_string(path).map_err(io)?;
        Policy::parse(&text, &path.display().to_string())
    }

    /// Checks a policy's text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<Policy, PolicyError> {
        let raw: raw::RawPolicy =
            crate::snippet::from_yaml(text).map_err(|e| PolicyError::Invalid {
                file: file.to_string(),
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    pos: (e.line > 0).then(|| Pos {
                        file: file.to_string(),
                        line: e.line,
                        column: e.column,
                    }),
                    message: e.message,
                    help: "fix the YAML at this place; compare with policies/default.yaml".into(),
                    zh: "按提示改正这一处的 YAML 写法,可以对照 policies/default.yaml".into(),
                    snippet: e.snippet,
                }],
            })?;
        let hash = Sha256::digest(text.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        check::compile(raw, text, file, hash)
    }

    /// The name and hash to stamp on advice.
    pub fn reference(&self) -> PolicyRef {
        self.reference.clone()
    }

    /// The index of the region group a province belongs to; `groups.len()` for none.
    pub fn group_index(&self, province: &str) -> usize {
        self.group_of
            .get(province)
            .copied()
            .unwrap_or(self.groups.len())
    }

    /// The region group index of a located place, without a name lookup.
    pub fn group_of_place(&self, place: &crate::place::PlaceMatch) -> usize {
        self.group_by_province
            .get(place.index)
            .copied()
            .unwrap_or(self.groups.len())
    }

    /// The defaults of a defect kind.
    pub fn defect(&self, d: Defect) -> &DefectInfo {
        &self.defects[d.index()]
    }

    /// The name of the region group at an index ("其他地区" for none).
    pub fn group_name(&self, index: usize) -> &str {
        self.groups
            .get(index)
            .map(|g| g.name.as_str())
            .unwrap_or("其他地区")
    }

    /// The promotion tags found in a title, in policy order.
    pub fn promo_tags_in(&self, title: &str) -> Vec<String> {
        // Most titles carry no tag: one fast scan answers that.
        if !self.promo_matcher.is_match(title) {
            return Vec::new();
        }
        let mut found = 0u128;
        for m in self.promo_matcher.find_overlapping_iter(title) {
            found |= 1 << (m.pattern().as_usize() % 128);
        }
        if found == 0 {
            return Vec::new();
        }
        (0..self.promotion_tags.len())
            .filter(|i| found & (1 << (i % 128)) != 0)
            .map(|i| self.promotion_tags[i].clone())
            .collect()
    }
}

/// A located diagnostic, with the offending line cut from the source.
pub(crate) fn diag(
    severity: Severity,
    text: &str,
    pos: Option<&Pos>,
    message: impl Into<String>,
    help: impl Into<String>,
    zh: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        severity,
        pos: pos.cloned(),
        message: message.into(),
        help: help.into(),
        zh: zh.into(),
        snippet: pos
            .map(|p| caret(text, p.line, p.column))
            .unwrap_or_default(),
    }
}
