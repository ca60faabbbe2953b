//! The policy: the shop's playbook as a YAML file, read, checked and compiled.
//!
//! Loading goes raw document ([`raw`]) -> checks (`check`) -> [`Policy`]. A
//! policy with any error is never returned; warnings travel with it. Every
//! number, region list, tag word, template and time limit lives in the file.
//! The words of outcomes ([`vocab`]) and of conditions ([`cond`]) are leaves
//! that the engine and the advice read; this layer imports neither.

pub mod analysis;
mod check;
pub mod cond;
pub mod diagnostic;
pub mod model;
pub mod raw;
pub mod slip;
pub mod vocab;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use sha2::{Digest, Sha256};

use crate::vocab::{Defect, Fault, Material};
pub use cond::{Cond, Conditions, FALLBACK, Guess, RuleView, Set};
pub use diagnostic::{Diagnostic, Kind, Severity};
pub use model::*;
pub use raw::{Anchor, Window};
pub use vocab::{OfferKind, PaidAs, Payer, PolicyRef, Resolution, Shipping};

/// The policy compiled into the binary, used when no other is given.
pub const BUNDLED: &str = include_str!("../../policies/default.yaml");
/// The workbench's limits and what its journal keeps of buyers
/// (`settings.workbench`; field docs are in `policies/default.yaml`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Workbench {
    /// Days a case stays in the journal; older ones are deleted at start (0: kept forever).
    pub keep_days: u32,
    /// Whether the stored paste hides the buyer's name (王**).
    pub hide_buyer_name: bool,
    /// Whether the stored paste hides the address after the district.
    pub hide_street: bool,
    /// Pastes read and advised at the same time.
    pub advise_at_once: usize,
    /// The longest a paste may take to read and advise, in seconds.
    pub advise_seconds: u64,
    /// The longest line of a paste, in characters.
    pub longest_line: usize,
    /// Seconds a client has to send a request's headers.
    pub header_seconds: u64,
    /// Seconds a client has to send a request's body.
    pub body_seconds: u64,
    /// Connections open at once.
    pub connections: usize,
    /// The shortest token `serve --token` takes, in characters.
    pub token_min_chars: usize,
    /// Milliseconds each wrong token waits, one at a time, before its answer.
    pub wrong_token_ms: u64,
    /// Cases the 今日案例 list loads at a time.
    pub list_page: usize,
}

/// The name the bundled policy is reported under.
pub const BUNDLED_PATH: &str = "policies/default.yaml";

/// The bundled policy as JSON, written by the build from the same file.
const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_policy.json"));

/// The bundled policy's hash, computed by the build as [`hash`] computes it.
const BUNDLED_HASH: &str = include_str!(concat!(env!("OUT_DIR"), "/bundled_policy.hash"));
/// The largest policy file read, in bytes (the bundled one is about 30 KB).
pub const MAX_POLICY: usize = 1 << 20;
/// The most rules a policy may hold: traces index rules with a `u16`, and a
/// playbook past this size is no longer one a manager can read.
pub const MAX_RULES: usize = 1000;
/// The most region groups: a condition holds groups plus "other" in a [`Set`].
pub const MAX_REGION_GROUPS: usize = Set::CAPACITY - 2;
/// The name a rule uses for "every region not in a group".
pub const OTHER_REGIONS: &str = "其他地区";
/// The deadline entry that defines the seven-day no-reason window.
pub const SEVEN_DAY: &str = "seven_day_return";
/// The deadline entry that defines the after-sale window after completion.
pub const AFTER_SALE: &str = "after_sale_window";
/// The deadline entry that defines the shipping promise after payment.
pub const SHIP_PROMISE: &str = "ship_promise";

/// Why a policy could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("无法读取策略文件 `{path}` / cannot read policy `{path}`: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file has errors; nothing of it is used.
    #[error("{}策略 `{file}` 没有载入 / policy `{file}` was not loaded: {} error(s)", plain(.diagnostics), errors(.diagnostics))]
    Invalid {
        /// The file.
        file: String,
        /// The file's text, for drawing the lines the findings point at.
        text: Arc<str>,
        /// Every error and warning found.
        diagnostics: Vec<Diagnostic>,
    },
}

fn plain(ds: &[Diagnostic]) -> String {
    ds.iter().map(|d| format!("{d}\n")).collect()
}

fn errors(ds: &[Diagnostic]) -> usize {
    ds.iter().filter(|d| d.severity == Severity::Error).count()
}

/// A checked policy, ready for the engine. Its parts are read through
/// accessors; only the checker builds one, so every invariant holds.
#[derive(Debug, Clone)]
pub struct Policy {
    /// Name and hash, shared by every advice.
    pub(crate) reference: PolicyRef,
    /// The file's text, for pointing at lines.
    pub(crate) source: Arc<str>,
    /// The file it was read from, for messages.
    pub(crate) file: Arc<str>,
    /// Region groups in file order of names.
    pub(crate) groups: Vec<RegionGroup>,
    /// The groups' names by index, then "其他地区".
    pub(crate) group_names: Vec<Arc<str>>,
    /// Promotion tag words.
    pub(crate) promo_tags: Arc<crate::vocab::Tags>,
    /// Who pays the return leg of a quality return.
    pub(crate) quality_return_payer: Payer,
    /// The note shown when that setting applies.
    pub(crate) quality_return_note: Arc<str>,
    /// What replies say of the return leg's payer (`{return_shipping}`).
    pub(crate) quality_return_words: Arc<str>,
    /// Whom to escalate to.
    pub(crate) escalate_to: Arc<str>,
    /// The workbench's limits and what its journal keeps (`settings.workbench`).
    pub(crate) workbench: Option<Workbench>,
    /// Whether the workbench waits for the manager to confirm an edit's impact.
    pub(crate) confirm_changes: bool,
    /// Defaults per defect, by [`Defect::index`].
    pub(crate) defects: Vec<DefectInfo>,
    /// Tips per material.
    pub(crate) materials: HashMap<Material, MaterialInfo>,
    /// Words in a chat that say whose fault it is.
    pub(crate) fault_keywords: HashMap<Fault, Vec<String>>,
    /// The seven-day no-reason window (the `seven_day_return` deadline).
    pub(crate) seven_day: Arc<DeadlineRule>,
    /// The after-sale window after completion, when the policy defines it.
    pub(crate) after_sale: Option<Arc<DeadlineRule>>,
    /// The shipping promise after payment, when the policy defines it.
    pub(crate) ship_promise: Option<Arc<DeadlineRule>>,
    /// Words in a title that make an item made to order or pre-sale.
    pub(crate) made_to_order: crate::vocab::Tags,
    /// Questions for the buyer, by id (a fact's name or a policy's own id).
    pub(crate) questions: HashMap<String, Arc<str>>,
    /// Alerts, all of which apply when their conditions hold.
    pub(crate) alerts: Vec<Alert>,
    /// Reply parts.
    pub(crate) replies: Replies,
    /// The rules, first match wins (at most [`MAX_RULES`]).
    pub(crate) rules: Vec<Rule>,
    /// The rules' ids in order, then the fallback's: what traces index into.
    pub(crate) rule_ids: Arc<[Arc<str>]>,
    /// Per defect (by its index), the rules that can decide a case of it, in
    /// order: a rule whose first test is a defect it does not list fails at
    /// once, so a decision without a trace need not try it.
    pub(crate) rules_by_defect: Vec<Vec<u16>>,
    /// What to do when no rule matches.
    pub(crate) fallback: Outcome,
    /// What to do instead of declining an express refund (极速退款), if anything.
    pub(crate) express_refund_decline: Option<Outcome>,
    /// Estimated cost of one shipping leg per region group index (`groups.len()` is 其他地区).
    pub(crate) shipping_costs: Vec<Option<rust_decimal::Decimal>>,
    /// Warnings found while checking.
    pub(crate) warnings: Vec<Diagnostic>,
    /// Region group index per province, by the province's index in the province table.
    pub(crate) group_by_province: Vec<usize>,
}

impl Policy {
    /// The bundled default policy. The rule-table analysis is left out here:
    /// the test suite runs it on the bundled file, so each start stays fast.
    pub fn bundled() -> Result<Policy, PolicyError> {
        // The build turned the file into JSON (and refused a YAML slip in it);
        // reading that skips the YAML parser, most of each start. The YAML text
        // still gives the hash, so advice names the same policy version.
        match serde_json::from_str::<raw::RawPolicy>(BUNDLED_JSON) {
            Ok(raw) => check::compile(raw, BUNDLED, BUNDLED_PATH, BUNDLED_HASH.to_string()),
            Err(_) => Policy::load(BUNDLED, BUNDLED_PATH, false),
        }
    }

    /// The bundled policy read from its YAML text, as any other file is.
    pub fn bundled_from_yaml() -> Result<Policy, PolicyError> {
        Policy::load(BUNDLED, BUNDLED_PATH, false)
    }

    /// Reads and checks a policy file.
    pub fn from_path(path: &Path) -> Result<Policy, PolicyError> {
        let io = |source| PolicyError::Io {
            path: path.display().to_string(),
            source,
        };
        let file = path.display().to_string();
        // Refuse a file far larger than any policy before reading it whole.
        let size = std::fs::metadata(path).map_err(io)?.len();
        if size > MAX_POLICY as u64 {
            return Err(too_large(&file, size as usize));
        }
        let bytes = std::fs::read(path).map_err(io)?;
        let text = String::from_utf8(bytes).map_err(|e| {
            // Point at the first line that is not UTF-8: one GBK line in a UTF-8 file
            // (pasted from another program) is found without searching.
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let line = bytes[..bad].iter().filter(|b| **b == b'\n').count() + 1;
            let start = bytes[..bad]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&bytes[start..bad]).chars().count() + 1;
            PolicyError::Invalid {
                file: file.clone(),
                text: Arc::from(String::from_utf8_lossy(bytes).as_ref()),
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    kind: Kind::Yaml {
                        slip: slip::encoding(bytes),
                    },
                    pos: Some(crate::located::Pos {
                        file: file.clone(),
                        line: u32::try_from(line).unwrap_or(u32::MAX),
                        column: u32::try_from(column).unwrap_or(u32::MAX),
                        bytes: None,
                    }),
                }],
            }
        })?;
        // A UTF-8 file saved with a byte-order mark (Notepad does) reads as plain UTF-8.
        Policy::parse(text.strip_prefix('\u{feff}').unwrap_or(&text), &file)
    }

    /// Checks a policy's text; `file` names it in messages. The same gate as
    /// `aftersale check`: a rule that can never fire refuses the policy too.
    pub fn parse(text: &str, file: &str) -> Result<Policy, PolicyError> {
        Policy::load(text, file, true)
    }

    fn load(text: &str, file: &str, analyse: bool) -> Result<Policy, PolicyError> {
        if text.len() > MAX_POLICY {
            return Err(too_large(file, text.len()));
        }
        let raw: raw::RawPolicy = crate::located::from_yaml(text).map_err(|e| {
            let (slip, pos) = slip::explain(text, &e, file);
            PolicyError::Invalid {
                file: file.to_string(),
                text: text.into(),
                diagnostics: vec![Diagnostic {
                    severity: Severity::Error,
                    kind: Kind::Yaml { slip },
                    pos,
                }],
            }
        })?;
        let policy = check::compile(raw, text, file, hash(text))?;
        if analyse {
            let unreachable = analysis::analyse(&policy).diagnostics(&policy);
            if !unreachable.is_empty() {
                let mut diagnostics = unreachable;
                diagnostics.extend(policy.warnings.iter().cloned());
                return Err(PolicyError::Invalid {
                    file: file.to_string(),
                    text: text.into(),
                    diagnostics,
                });
            }
        }
        Ok(policy)
    }

    /// The policy's name.
    pub fn name(&self) -> &str {
        &self.reference.name
    }

    /// The first 16 hex digits of the SHA-256 of the policy file.
    pub fn hash(&self) -> &str {
        &self.reference.hash
    }

    /// The name and hash to stamp on advice.
    pub fn reference(&self) -> PolicyRef {
        self.reference.clone()
    }

    /// The file's text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file it was read from.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Warnings found while checking.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The rules, in the order they are tried.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The region groups.
    pub fn groups(&self) -> &[RegionGroup] {
        &self.groups
    }

    /// The workbench's limits and what its journal keeps: the policy's own, or,
    /// for a policy written before they existed, the bundled policy's.
    pub fn workbench(&self) -> &Workbench {
        #[allow(
            clippy::expect_used,
            reason = "the bundled policy is compiled in and loads (Policy::bundled, tested), settings.workbench with it"
        )]
        static BUNDLED_WORKBENCH: LazyLock<Workbench> = LazyLock::new(|| {
            serde_json::from_str::<serde_json::Value>(BUNDLED_JSON)
                .ok()
                .and_then(|v| serde_json::from_value(v["settings"]["workbench"].clone()).ok())
                .expect("the bundled policy sets settings.workbench")
        });
        self.workbench.as_ref().unwrap_or(&BUNDLED_WORKBENCH)
    }

    /// Whether the workbench waits for the manager to confirm an edit that changes advice.
    pub fn confirm_changes(&self) -> bool {
        self.confirm_changes
    }

    /// Whom to escalate to.
    pub fn escalate_to(&self) -> &str {
        &self.escalate_to
    }

    /// The index of the region group a province belongs to; `groups().len()` for none.
    pub fn group_index(&self, province: &str) -> usize {
        let table = crate::place::province_table();
        self.group_by_province
            .get(table.index_of(province))
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
            .unwrap_or(OTHER_REGIONS)
    }

    /// The estimated cost of one shipping leg for a region group index.
    pub fn shipping_cost(&self, group: usize) -> Option<rust_decimal::Decimal> {
        self.shipping_costs.get(group).copied().flatten()
    }

    /// Whether a title carries a promotion tag.
    pub fn is_promo(&self, title: &str) -> bool {
        self.promo_tags.any_in(title)
    }

    /// Whether a title says made to order or pre-sale (定制/预售).
    pub fn is_made_to_order(&self, title: &str) -> bool {
        self.made_to_order.any_in(title)
    }

    /// The question for the buyer with this id.
    pub fn question(&self, id: &str) -> Option<&Arc<str>> {
        self.questions.get(id)
    }

    /// The promotion tags found in a title, in policy order.
    pub fn promo_tags_in(&self, title: &str) -> Vec<String> {
        self.promo_tags.found_in(title)
    }

    /// The words the shop adds to the paste reader: its keywords and tags.
    pub fn words(&self) -> crate::vocab::ShopWords {
        crate::vocab::ShopWords {
            defects: Defect::ALL
                .iter()
                .map(|d| (*d, self.defect(*d).keywords.clone()))
                .collect(),
            faults: self
                .fault_keywords
                .iter()
                .map(|(f, w)| (*f, w.clone()))
                .collect(),
            materials: self
                .materials
                .iter()
                .map(|(m, info)| (*m, info.keywords.clone()))
                .collect(),
            promo_tags: self.promo_tags.clone(),
        }
    }

    /// The name of the region group of a province, as the place tables name it.
    pub fn group_of_province(&self, province: &str) -> &str {
        let index = crate::place::places().index_of(province);
        self.group_name(
            self.group_by_province
                .get(index)
                .copied()
                .unwrap_or(self.groups.len()),
        )
    }
}

/// The first 16 hex digits of the SHA-256 of a policy's text.
fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn too_large(file: &str, bytes: usize) -> PolicyError {
    PolicyError::Invalid {
        file: file.to_string(),
        text: Arc::from(""),
        diagnostics: vec![Diagnostic {
            severity: Severity::Error,
            kind: Kind::TooLarge { bytes },
            pos: None,
        }],
    }
}
