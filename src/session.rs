//! Session: one agent request end to end — pasted text or structured facts,
//! plus flags, to a case and its advice; when the region is missing or the
//! defect fits two kinds, the advice for each value instead of a guess.

use chrono::NaiveDate;
use std::collections::BTreeMap;

use crate::advice::{Advice, Text};
use crate::case::{CaseError, CaseInput, Fact};
use crate::engine::{self, EngineError, RuleExplain};
use crate::intake::{Facts, Intake, IntakeError};
use crate::located::Located;
use crate::policy::{Payer, Policy};

pub mod draw;

/// Why a request could not be answered at all.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The paste could not be read.
    #[error(transparent)]
    Intake(#[from] IntakeError),
    /// A fact is malformed.
    #[error(transparent)]
    Case(#[from] CaseError),
}

/// The advice for one value of a fact the case leaves open: a region group
/// when no region is given, a kind when the defect fits two.
#[derive(Debug, Clone)]
pub struct Branch {
    /// What the agent calls the value (华东地区, 小瑕疵).
    pub label: String,
    /// The value the engine was asked with (a province of the group, `small_flaw`).
    pub value: String,
    /// The advice for that value.
    pub advice: Advice,
}

/// What the engine could say.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// One advice.
    Advice(Box<Advice>),
    /// A fact left open (`missing.fact`: the region or the defect): the advice
    /// for each value it could take, and what to add to settle it.
    Branches {
        /// The open fact as the engine reports it, naming the flag.
        missing: EngineError,
        /// One advice per value.
        options: Vec<Branch>,
    },
    /// Another fact is missing.
    Missing(EngineError),
}

impl Outcome {
    /// Every advice it holds: one, one per branch, or none.
    pub fn advices(&self) -> Vec<&Advice> {
        match self {
            Outcome::Advice(a) => vec![a],
            Outcome::Branches { options, .. } => options.iter().map(|o| &o.advice).collect(),
            Outcome::Missing(_) => Vec::new(),
        }
    }
}

/// The answer to one request.
#[derive(Debug, Clone)]
pub struct Answer {
    /// What was read from a paste, if the request was one.
    pub facts: Option<Facts>,
    /// Flags that replaced or added to the pasted facts, in words.
    pub overrides: Vec<String>,
    /// The advice, or why there is none yet.
    pub outcome: Outcome,
    /// Every rule considered with every condition, when asked for.
    pub explained: Vec<RuleExplain>,
    /// A reply to send while a fact stays open (asking what settles the defect),
    /// when the outcome holds no single advice with its own.
    pub reply: Option<String>,
}

/// Whether some colon of the text follows a field's key (`region:` or
/// `"region":`), looked up at each colon: cheaper for one paste than an automaton.
fn names_a_key(text: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(':').any(|(i, _)| {
        let end = if i > 0 && b[i - 1] == b'"' { i - 1 } else { i };
        let before = &b[..end];
        Fact::ALL
            .iter()
            .any(|f| before.ends_with(f.key().as_bytes()))
    })
}

/// Whether a text is a structured case file (a YAML/JSON mapping mostly of case fields)
/// rather than a paste; a mostly-right file is treated as a file so its typos are reported.
pub fn is_structured(text: &str) -> bool {
    // A first line `defect: …` is a case file even when the YAML is broken, so its error is shown.
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    if first
        .and_then(|l| l.split_once(':'))
        .is_some_and(|(k, _)| is_field(k.trim().trim_matches('"')))
    {
        return true;
    }
    // Only a text naming some field as a key (`region:`, `"region":`) can be one:
    // most pastes are ruled out here without parsing them as YAML.
    if !names_a_key(text) {
        return false;
    }
    let Ok(map) = crate::located::from_yaml::<BTreeMap<String, serde::de::IgnoredAny>>(text) else {
        return false;
    };
    let known = map.keys().filter(|k| is_field(k)).count();
    known > 0 && known * 2 >= map.len()
}

/// Whether a name is a case-file field.
fn is_field(name: &str) -> bool {
    Fact::ALL.iter().any(|f| f.key() == name)
}

/// Reads a paste's facts.
pub fn read_paste(policy: &Policy, text: &str, today: NaiveDate) -> Result<Facts, IntakeError> {
    let mut facts = Intake::new(&policy.words()).extract_on(text, today)?;
    engine::group_read_province(policy, &mut facts);
    Ok(facts)
}

/// Reads what an agent sent: a case file (its facts), or a paste (what was
/// read, and those facts as case input); `name` names a file in messages.
pub fn read_text(
    policy: &Policy,
    intake: &Intake,
    text: &str,
    name: &str,
    today: NaiveDate,
) -> Result<(Option<Facts>, CaseInput), SessionError> {
    if is_structured(text) {
        return Ok((None, CaseInput::from_yaml(text, name)?));
    }
    let mut facts = intake.extract_on(text, today)?;
    engine::group_read_province(policy, &mut facts);
    let base = facts.to_input();
    Ok((Some(facts), base))
}

/// Answers one request: `base` is what a paste or a case file gave, `flags` what
/// the agent typed; flags win, and each replaced pasted fact is noted.
pub fn answer(
    policy: &Policy,
    facts: Option<Facts>,
    base: CaseInput,
    flags: CaseInput,
    today: NaiveDate,
    explain: bool,
) -> Result<Answer, SessionError> {
    let overrides = if facts.is_some() {
        overrides(&base, &flags)
    } else {
        Vec::new()
    };
    // A fact the agent gave as a flag is no longer missing or open.
    let mut facts = facts;
    if let Some(f) = facts.as_mut() {
        f.missing.retain(|m| !flags.has(m.fact));
        f.ambiguous.retain(|a| !flags.has(a.fact));
    }
    let mut input = base;
    input.overlay(flags);
    // A district in several provinces: the candidates from the flag or the paste.
    let (case, candidates) = match input.clone().into_case(today) {
        Ok(case) => {
            let from_paste = facts
                .as_ref()
                .and_then(|f| f.ambiguous.iter().find(|a| a.fact == Fact::Region))
                .filter(|_| case.region.is_none())
                .map(|a| (a.source.clone(), a.candidates.clone()));
            (case, from_paste)
        }
        Err(CaseError::Ambiguous {
            value, provinces, ..
        }) => {
            let mut without = input.clone();
            without.region = None;
            (without.into_case(today)?, Some((value, provinces)))
        }
        Err(e) => return Err(e.into()),
    };
    if let Some((value, provinces)) = &candidates
        && let Some(mut advice) = same_everywhere(policy, &input, provinces, today)
    {
        advice.notes.push(Text::Owned(format!(
            "收货地区“{value}”在{}都有；这几个地方的处理相同，按{}给出建议。",
            provinces.join("、"),
            provinces.first().map(String::as_str).unwrap_or("")
        )));
        return Ok(Answer {
            facts,
            overrides,
            outcome: Outcome::Advice(Box::new(advice)),
            explained: Vec::new(),
            reply: None,
        });
    }
    if let Some((value, provinces)) = candidates
        && facts.is_none()
    {
        // A flag naming several provinces' district, with advice that differs: ask which.
        return Err(CaseError::Ambiguous {
            at: "`--region`: ".into(),
            value,
            provinces,
        }
        .into());
    }
    let outcome = outcome(policy, &case, &input, facts.as_ref(), today);
    let explained = if explain {
        engine::explain(policy, &case).unwrap_or_default()
    } else {
        Vec::new()
    };
    // Each kind's advice has its reply; the agent sends one asking what settles it.
    let reply = match &outcome {
        Outcome::Branches {
            missing: EngineError::Missing { fact, .. },
            ..
        } if *fact != Fact::Region => engine::asking_reply(policy, *fact),
        _ => None,
    };
    Ok(Answer {
        facts,
        overrides,
        outcome,
        explained,
        reply,
    })
}

/// The engine's answer for a case: one advice (with the buyer's 运费险 noted),
/// the advice per value of an open defect or a missing region, or what is missing.
fn outcome(
    policy: &Policy,
    case: &crate::case::Case,
    input: &CaseInput,
    facts: Option<&Facts>,
    today: NaiveDate,
) -> Outcome {
    // A defect the paste leaves between two kinds, when no flag settles it.
    let open_defect = facts
        .and_then(|f| f.ambiguous.iter().find(|a| a.fact == Fact::Defect))
        .filter(|_| case.defect.is_none())
        .map(|a| a.candidates.clone());
    match engine::advise(policy, case) {
        Ok(mut a) => {
            if let Some(f) = facts.and_then(|f| f.shipping_insurance.as_ref())
                && f.value
                && a.shipping.to_shop == Payer::Buyer
            {
                a.notes.push(Text::Owned(format!(
                    "买家有运费险（“{}”）:退回运费可由运费险理赔。",
                    f.source
                )));
            }
            Outcome::Advice(Box::new(a))
        }
        Err(
            missing @ EngineError::Missing {
                fact: Fact::Defect, ..
            },
        ) if open_defect.is_some() => per_defect(
            policy,
            input,
            open_defect.unwrap_or_default(),
            today,
            missing,
        ),
        Err(
            missing @ EngineError::Missing {
                fact: Fact::Region, ..
            },
        ) => Outcome::Branches {
            options: per_region(policy, input, today),
            missing,
        },
        Err(e) => Outcome::Missing(e),
    }
}

/// The advice for a district found in several provinces, when every one of
/// them gets the same advice (the same resolution, money and payers).
fn same_everywhere(
    policy: &Policy,
    input: &CaseInput,
    provinces: &[String],
    today: NaiveDate,
) -> Option<Advice> {
    let mut first: Option<Advice> = None;
    for p in provinces {
        let mut i = input.clone();
        i.region = Some(Located::flag(p.clone()));
        let advice = engine::advise(policy, &i.into_case(today).ok()?).ok()?;
        match &first {
            None => first = Some(advice),
            Some(a) if same_terms(a, &advice) => {}
            Some(_) => return None,
        }
    }
    first
}

/// Whether two advices send the same money and goods the same way.
fn same_terms(a: &Advice, b: &Advice) -> bool {
    let ends = |x: &Advice| x.offer.as_ref().map(|o| (o.open, o.max));
    a.resolution == b.resolution
        && ends(a) == ends(b)
        && a.shipping == b.shipping
        && a.compensation.as_ref().map(|c| c.amount) == b.compensation.as_ref().map(|c| c.amount)
        && a.if_refused == b.if_refused
}

/// The advice for each kind an open defect could be. When every kind gets the
/// same terms, that advice with a note; when a kind cannot be advised (another
/// fact is missing), what is missing.
fn per_defect(
    policy: &Policy,
    input: &CaseInput,
    kinds: Vec<String>,
    today: NaiveDate,
    missing: EngineError,
) -> Outcome {
    let mut options = Vec::new();
    for kind in kinds {
        let mut i = input.clone();
        i.defect = Some(Located::flag(kind.clone()));
        let case = match i.into_case(today) {
            Ok(c) => c,
            Err(_) => return Outcome::Missing(missing),
        };
        match engine::advise(policy, &case) {
            Ok(advice) => options.push(Branch {
                label: Fact::Defect.value_label(&kind),
                value: kind,
                advice,
            }),
            Err(e) => return Outcome::Missing(e),
        }
    }
    if let [first, rest @ ..] = options.as_slice()
        && rest.iter().all(|o| same_terms(&first.advice, &o.advice))
    {
        let mut advice = first.advice.clone();
        advice.notes.push(Text::Owned(format!(
            "问题类型可能是{}；处理相同，按{}给出建议。",
            options
                .iter()
                .map(|o| o.label.as_str())
                .collect::<Vec<_>>()
                .join("或"),
            first.label
        )));
        return Outcome::Advice(Box::new(advice));
    }
    Outcome::Branches { missing, options }
}

/// The advice for each region group, asked with one province of each.
fn per_region(policy: &Policy, input: &CaseInput, today: NaiveDate) -> Vec<Branch> {
    let mut examples: Vec<(String, String)> = policy
        .groups()
        .iter()
        .filter_map(|g| g.provinces.first().map(|p| (g.name.clone(), p.clone())))
        .collect();
    if let Some(other) = crate::place::province_table()
        .provinces()
        .iter()
        .find(|p| policy.group_index(p) == policy.groups().len())
    {
        examples.push((
            policy.group_name(policy.groups().len()).to_string(),
            other.clone(),
        ));
    }
    examples
        .into_iter()
        .filter_map(|(group, example)| {
            let mut i = input.clone();
            i.region = Some(Located::flag(example.clone()));
            let case = i.into_case(today).ok()?;
            let advice = engine::advise(policy, &case).ok()?;
            Some(Branch {
                label: group,
                value: example,
                advice,
            })
        })
        .collect()
}

/// Notes for each flag that replaced or added to a pasted fact.
fn overrides(base: &CaseInput, flags: &CaseInput) -> Vec<String> {
    let mut out = Vec::new();
    for &fact in Fact::ALL {
        let flag = format!("--{}", fact.key().replace('_', "-"));
        if let Some(given) = flags.text(fact) {
            match base.text(fact) {
                Some(p) if p.value != given.value => out.push(format!(
                    "{flag} {} 覆盖了识别结果“{}”",
                    given.value, p.value
                )),
                Some(_) => {}
                None => out.push(format!("{flag} {} 补充了粘贴里没有的信息", given.value)),
            }
        }
    }
    if flags.free_shipping == Some(true) && base.free_shipping != Some(true) {
        out.push("--free-shipping 按包邮处理".to_string());
    }
    out
}
