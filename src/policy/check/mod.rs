//! Checks a raw policy and compiles it: every reference resolved, every amount
//! in range, every rule reachable, every defect kind handled. One pass per
//! section of the file, each in its own module; [`compile`] assembles them.

mod deadlines;
mod money;
mod regions;
mod rules;
mod shadow;
mod templates;
mod vocabulary;
mod words;

use std::sync::Arc;

use super::raw::RawPolicy;
use super::{Cond, Diagnostic, FALLBACK, Kind, Policy, PolicyError, PolicyRef, Severity};
use crate::located::{Located, Pos};
use crate::place::province_table;

/// The most findings kept: past this, a file is so broken that more lines of
/// errors help nobody, and keeping them would cost memory.
const MAX_FINDINGS: usize = 200;

/// Collects findings while the policy is compiled.
pub(super) struct Checker<'a> {
    file: &'a str,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Where a located value stands, in this file.
    pub(super) fn pos<T>(&self, v: &Located<T>) -> Option<Pos> {
        v.at.as_ref().map(|p| Pos {
            file: self.file.to_string(),
            ..p.clone()
        })
    }

    fn push<T>(&mut self, severity: Severity, at: Option<&Located<T>>, kind: Kind) {
        if self.found.len() < MAX_FINDINGS {
            let pos = at.and_then(|v| self.pos(v));
            self.found.push(Diagnostic {
                severity,
                kind,
                pos,
            });
        }
    }

    /// Records an error at a value (or nowhere in particular).
    pub(super) fn error<T>(&mut self, at: Option<&Located<T>>, kind: Kind) {
        self.push(Severity::Error, at, kind);
    }

    /// Records a warning at a value (or nowhere in particular).
    pub(super) fn warn<T>(&mut self, at: Option<&Located<T>>, kind: Kind) {
        self.push(Severity::Warning, at, kind);
    }

    fn has_errors(&self) -> bool {
        self.found.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Compiles a raw policy, or returns every error found.
pub(super) fn compile(
    raw: RawPolicy,
    text: &str,
    file: &str,
    hash: String,
) -> Result<Policy, PolicyError> {
    let mut c = Checker {
        file,
        found: Vec::new(),
    };
    let regions = regions::check(&mut c, &raw.regions);
    let vocabulary = vocabulary::check(&mut c, &raw);
    let compensation = money::compensation(&mut c, &raw.compensation);
    let shipping_costs = money::shipping_costs(&mut c, &raw.shipping_costs, &regions.groups);
    let deadlines = deadlines::check(&mut c, &raw.deadlines);
    let escalate_to = raw.settings.escalate_to.value.trim().to_string();
    let escalate_to = escalate_to.as_str();
    if escalate_to.is_empty() {
        c.error(Some(&raw.settings.escalate_to), Kind::EmptyEscalateTo);
    }
    words::check(&mut c, &raw, text == crate::policy::BUNDLED);
    cut_by_hash(&mut c, text);
    let risks = rules::risks(&mut c, &raw.risks, escalate_to);
    let questions = rules::questions(&mut c, &raw.questions, escalate_to);
    let refs = rules::Refs {
        groups: &regions.groups,
        compensation: &compensation,
        deadlines: &deadlines.all,
        risks: &risks,
        questions: &questions,
        after_sale: deadlines.after_sale.is_some(),
        ship_promise: deadlines.ship_promise.is_some(),
    };
    let rules = rules::check(&mut c, &raw.rules, &refs);
    let fallback = rules::outcome(&mut c, &raw.fallback, &refs, FALLBACK);
    let express_refund_decline = raw
        .express_refund_decline
        .as_ref()
        .map(|o| rules::outcome(&mut c, o, &refs, "express_refund_decline"));
    let alerts = rules::alerts(&mut c, &raw.alerts, &refs);
    let (quality_return_note, quality_return_words) =
        quality_return_texts(&mut c, &raw, vocabulary.quality_return_payer, escalate_to);
    let warnings = warnings_only(c, text)?;
    let group_by_province = group_by_province(&regions);
    Ok(Policy {
        reference: PolicyRef {
            name: raw.name.as_str().into(),
            hash: hash.into(),
        },
        source: text.into(),
        file: file.into(),
        workbench: raw.settings.workbench.clone(),
        group_names: regions
            .groups
            .iter()
            .map(|g| Arc::from(g.name.as_str()))
            .chain([Arc::from(super::OTHER_REGIONS)])
            .collect(),
        groups: regions.groups,
        promo_tags: Arc::new(vocabulary.promo_tags),
        quality_return_payer: vocabulary.quality_return_payer,
        quality_return_note: quality_return_note.into(),
        quality_return_words: quality_return_words.into(),
        escalate_to: escalate_to.into(),
        confirm_changes: raw.settings.confirm_changes,
        defects: vocabulary.defects,
        materials: vocabulary.materials,
        fault_keywords: raw
            .faults
            .into_iter()
            .map(|(f, words)| (f, words.into_iter().map(|w| w.value).collect()))
            .collect(),
        seven_day: deadlines.seven_day,
        after_sale: deadlines.after_sale,
        ship_promise: deadlines.ship_promise,
        made_to_order: crate::vocab::Tags::new(
            raw.made_to_order_tags
                .iter()
                .filter(|t| !t.value.is_empty())
                .map(|t| t.value.clone())
                .collect(),
        ),
        questions,
        alerts,
        replies: vocabulary.replies,
        rule_ids: rules
            .iter()
            .map(|r| r.id.clone())
            .chain([Arc::from(FALLBACK)])
            .collect(),
        rules_by_defect: rules_by_defect(&rules),
        rules,
        fallback,
        express_refund_decline,
        shipping_costs,
        warnings,
        group_by_province,
    })
}

/// The note and the reply words for who pays a quality return's leg to the shop.
fn quality_return_texts(
    c: &mut Checker,
    raw: &RawPolicy,
    payer: crate::policy::Payer,
    escalate_to: &str,
) -> (String, String) {
    let setting = |c: &mut Checker, text: &str, what: &str| {
        rules::fixed_text(
            c,
            &Located {
                value: text.to_string(),
                at: None,
            },
            what,
            escalate_to,
        )
    };
    let note = setting(
        c,
        raw.settings.quality_return_note.get(payer),
        "settings.quality_return_note",
    );
    // Without words of its own, a policy's replies say plainly who pays the return leg.
    let words = match &raw.settings.quality_return_words {
        Some(w) => setting(c, w.get(payer), "settings.quality_return_words"),
        None if payer == crate::policy::Payer::Buyer => {
            "寄回的运费需要您承担，寄出的运费由我们承担".to_string()
        }
        None => "来回运费都由我们承担".to_string(),
    };
    (note, words)
}

/// The warnings found, or every finding (errors first) when there is an error.
fn warnings_only(c: Checker, text: &str) -> Result<Vec<Diagnostic>, PolicyError> {
    if !c.has_errors() {
        return Ok(c.found);
    }
    let (mut errors, warnings): (Vec<_>, Vec<_>) = c
        .found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    errors.extend(warnings);
    Err(PolicyError::Invalid {
        file: c.file.to_string(),
        text: text.into(),
        diagnostics: errors,
    })
}

/// Each province's region group, by the province table's index (the groups'
/// count for "any other region").
fn group_by_province(regions: &regions::Regions) -> Vec<usize> {
    province_table()
        .provinces()
        .iter()
        .map(|p| {
            regions
                .group_of
                .get(p)
                .copied()
                .unwrap_or(regions.groups.len())
        })
        .collect()
}

/// For each defect kind, the rules that can decide it: all but those whose
/// first test is a defect list without it.
fn rules_by_defect(rules: &[super::Rule]) -> Vec<Vec<u16>> {
    crate::vocab::Defect::ALL
        .iter()
        .map(|d| {
            (0..rules.len())
                .filter(|&i| {
                    let r = &rules[i];
                    let excluded = r.tests.first() == Some(&Cond::Defect)
                        && r.when.defect.is_some_and(|s| !s.contains(d.index()));
                    !excluded
                })
                // The checker refuses more rules than a u16 indexes (MAX_RULES).
                .map(|i| i as u16)
                .collect()
        })
        .collect()
}

/// Keys whose values are words for the buyer or the agent.
const TEXT_KEYS: &[&str] = &[
    "reply",
    "note",
    "text",
    "tmall",
    "greeting",
    "apology",
    "counter",
    "if_refused_intro",
    "tip_intro",
    "thanks",
    "tip",
    "label",
    "escalate_to",
    "description",
    "name",
];

/// ` #` inside an unquoted text starts a YAML comment: the rest of the words
/// are silently dropped. Found on the lines themselves, since the parser has
/// already thrown the comment away.
fn cut_by_hash(c: &mut Checker, text: &str) {
    for (i, line) in text.lines().enumerate() {
        // Most lines hold no `#`: one byte search passes them over before
        // the substring searches below, which cost each start-up.
        if memchr::memchr(b'#', line.as_bytes()).is_none() {
            continue;
        }
        let body = line.trim_start().trim_start_matches("- ");
        let Some((key, value)) = body.split_once(": ") else {
            continue;
        };
        let value = value.trim_start();
        let plain = !value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!', '#']);
        let Some(cut) = value.find(" #").or_else(|| value.find("\t#")) else {
            continue;
        };
        if !plain || !TEXT_KEYS.contains(&key.trim()) || value[..cut].trim().is_empty() {
            continue;
        }
        let column = line.chars().count() - line[line.len() - value.len()..].chars().count() + 1;
        let at = Located {
            value: (),
            at: Some(Pos {
                file: String::new(),
                line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                column: u32::try_from(column).unwrap_or(u32::MAX),
                bytes: None,
            }),
        };
        let kept = value[..cut].trim_end();
        let whole = value.trim_end().replace('"', "\\\"");
        c.error(
            Some(&at),
            Kind::Implausible {
                zh: format!(
                    "“{}”这段没加引号，# 后面的字会被当成注释丢掉，只剩“{kept}”",
                    key.trim()
                ),
                en: format!(
                    "`{}` is unquoted: everything after ` #` is a comment and is dropped",
                    key.trim()
                ),
                fix_zh: format!("整句用双引号括起来：{}: \"{whole}\"", key.trim()),
                fix_en: format!(
                    "put the whole text in double quotes: {}: \"{whole}\"",
                    key.trim()
                ),
            },
        );
    }
}
