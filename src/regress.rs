//! Regression cases: files that hold a case's facts and the advice it must get,
//! run against a policy. Managers add a file, not Rust, to pin a behaviour.
//!
//! A case file is YAML (or JSON) with `case:` (the same fields as a case file for
//! `advise`), `expect:` (only the fields given are checked) and the day it is
//! asked on, so it passes on any day it is run:
//!
//! ```yaml
//! name: 江浙沪小污渍,买家没开价
//! today: 2026-11-20
//! case: {defect: 小瑕疵, region: 浙江省杭州市, material: pu}
//! expect:
//!   resolution: partial_refund
//!   offer: 3.00-5.00
//!   shipping: {to_shop: none, to_buyer: none}
//!   playbook: [S1, S4]
//! ```

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::advice::Advice;
use crate::case::CaseInput;
use crate::intake::Facts;
use crate::located::Located;
use crate::policy::{Payer, Policy, Resolution};
use crate::session::{self, Outcome};

pub mod table;

/// One regression case file: facts (`case:`) or a pasted text (`paste:`, with
/// `case:` as flags laid over what is read from it), and what must come out.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// What the case is about.
    pub name: String,
    /// Where the situation comes from (a seed document, a real ticket).
    #[serde(default)]
    pub source: Option<String>,
    /// The day the case is asked on (`2026-11-20`): the request date when
    /// none is given, and what 昨天 or a date without a year means. It wins
    /// over `--today`, so the file gives the same answer on any day.
    #[serde(default)]
    pub today: Option<Located<String>>,
    /// The facts, as for `advise` (with a paste: flags over the pasted facts).
    #[serde(default)]
    pub case: Option<CaseInput>,
    /// A pasted case, as an agent copies it from the workbench.
    #[serde(default)]
    pub paste: Option<String>,
    /// The facts the paste must yield.
    #[serde(default)]
    pub facts: Option<ExpectFacts>,
    /// The advice it must get.
    #[serde(default)]
    pub expect: Option<Expect>,
}

/// Builds [`ExpectFacts`] from the facts table: every fact by the name the
/// reader reports it under.
macro_rules! expect_fields {
    (
        text { $( $(#[doc = $tdoc:literal])* $tv:ident $tf:ident / $tn:ident : $tt:ty = $tk:ident, $tl:literal, $te:literal, $th:literal, $tp:literal $(, shown $ts:literal)?; )+ }
        yes { $( $(#[doc = $ydoc:literal])* $yv:ident $yf:ident / $yn:ident = $yl:literal, $ye:literal, $yh:literal, $yp:literal $(, shown $ys:literal)?; )+ }
        paste { $( $(#[doc = $pdoc:literal])* $pn:ident : $pt:ty = $pk:ident, $pl:literal $(, show $ps:expr)?; )+ }
        order [ $($order:ident)+ ]
    ) => {
        /// Facts a paste must yield, written as text (`89.00`, `true`, an id);
        /// `none` means "not found"; a list names all its values (`[]`: none).
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct ExpectFacts {
            $( $(#[doc = $tdoc])* pub $tn: expected!($tk), )+
            $( $(#[doc = $ydoc])* pub $yn: Option<String>, )+
            $( $(#[doc = $pdoc])* pub $pn: expected!($pk), )+
            /// Facts that must be listed as missing.
            #[serde(default)]
            pub missing: Vec<String>,
            /// Facts that must be listed as ambiguous.
            #[serde(default)]
            pub ambiguous: Vec<String>,
        }

        impl ExpectFacts {
            /// Every fact pinned: its reported name, its kind and the value.
            fn pinned(&self) -> Vec<(&'static str, &'static str, Pin<'_>)> {
                let mut out = Vec::new();
                $( if let Some(w) = self.$tn.pin() { out.push((stringify!($tn), stringify!($tk), w)); } )+
                $( if let Some(w) = self.$yn.pin() { out.push((stringify!($yn), "yes_no", w)); } )+
                $( if let Some(w) = self.$pn.pin() { out.push((stringify!($pn), stringify!($pk), w)); } )+
                out
            }
        }
    };
}

/// How a case file writes the value of a fact of this kind.
macro_rules! expected {
    (list) => { Option<Vec<String>> };
    (tags) => { Option<Vec<String>> };
    ($kind:ident) => { Option<String> };
}

crate::vocab::facts_table!(expect_fields);

/// A pinned value: one, or all of a list.
enum Pin<'a> {
    One(&'a String),
    Many(&'a Vec<String>),
}

trait Pinned {
    fn pin(&self) -> Option<Pin<'_>>;
}

impl Pinned for Option<String> {
    fn pin(&self) -> Option<Pin<'_>> {
        self.as_ref().map(Pin::One)
    }
}

impl Pinned for Option<Vec<String>> {
    fn pin(&self) -> Option<Pin<'_>> {
        self.as_ref().map(Pin::Many)
    }
}

/// Expected shipping payers.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectShipping {
    /// The leg back to the shop.
    pub to_shop: Payer,
    /// The leg to the buyer.
    pub to_buyer: Payer,
}

/// The fields of the advice a case pins; absent ones are not checked.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The resolution id.
    pub resolution: Option<Resolution>,
    /// `3.00-5.00`, or `none`.
    pub offer: Option<String>,
    /// A resolution id, or `none`.
    pub if_refused: Option<String>,
    /// Whether a supervisor must decide.
    pub escalate: Option<bool>,
    /// Payers of both legs.
    pub shipping: Option<ExpectShipping>,
    /// `4.45`, or `none`.
    pub compensation: Option<String>,
    /// Playbook IDs that must be among those that decided it.
    #[serde(default)]
    pub playbook: Vec<String>,
    /// The rule id that must decide it.
    pub rule: Option<String>,
    /// Playbook IDs or ids of risk notes that must be shown.
    #[serde(default)]
    pub risks: Vec<String>,
    /// Words one of the risk notes must contain.
    #[serde(default)]
    pub risks_contain: Vec<String>,
    /// Deadline ids that must be shown.
    #[serde(default)]
    pub deadlines: Vec<String>,
    /// Due dates of deadlines, by id.
    #[serde(default)]
    pub due: BTreeMap<String, String>,
    /// Words the reply must contain.
    #[serde(default)]
    pub reply_contains: Vec<String>,
    /// Words the reply must not contain.
    #[serde(default)]
    pub reply_lacks: Vec<String>,
    /// Words one of the notes must contain.
    #[serde(default)]
    pub notes_contain: Vec<String>,
    /// Payers of the next step's legs, if the buyer refuses.
    pub if_refused_shipping: Option<ExpectShipping>,
    /// Facts that must be listed as assumed, by key (`signed`, `platform`).
    #[serde(default)]
    pub assumed: Vec<String>,
    /// Facts that must not be assumed (the case states them).
    #[serde(default)]
    pub not_assumed: Vec<String>,
    /// Alternatives that must be listed: fact key -> the rule that would decide.
    #[serde(default)]
    pub alternatives: BTreeMap<String, String>,
    /// Question ids that must be asked of the buyer.
    #[serde(default)]
    pub ask_buyer: Vec<String>,
    /// Alert ids that must apply.
    #[serde(default)]
    pub alerts: Vec<String>,
    /// The case must be refused with an error containing this.
    pub error: Option<String>,
    /// A part of the advice as `advise --json` prints it, which the advice
    /// must hold: every key given, with the same value (`offer: {open:
    /// "3.00"}`); a list must match item by item. No Rust needed for a new pin.
    #[serde(default)]
    pub advice: Option<serde_json::Value>,
    /// For a fact the case leaves open (a region, a defect of two kinds): the
    /// resolution of each value's advice (`small_flaw: partial_refund`); the
    /// answer must list exactly these values.
    #[serde(default)]
    pub branches: BTreeMap<String, Resolution>,
}

/// The outcome of one case file.
#[derive(Debug)]
pub struct CaseResult {
    /// The file.
    pub path: PathBuf,
    /// The case's name.
    pub name: String,
    /// What differed from the expectation; empty when it passed.
    pub diffs: Vec<String>,
    /// The rule that decided the case, when advice was given.
    pub rule: Option<String>,
}

impl CaseResult {
    /// Whether the case passed.
    pub fn ok(&self) -> bool {
        self.diffs.is_empty()
    }
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// One result per case file, in path order.
    pub results: Vec<CaseResult>,
}

impl Report {
    /// How many passed.
    pub fn passed(&self) -> usize {
        self.results.iter().filter(|r| r.ok()).count()
    }

    /// How many failed.
    pub fn failed(&self) -> usize {
        self.results.len() - self.passed()
    }
}

/// Why a folder of cases could not be run.
#[derive(Debug, thiserror::Error)]
pub enum RegressError {
    /// The folder or a file could not be read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The folder holds no case files.
    #[error("no case files (*.yaml, *.yml, *.json) under `{0}`")]
    Empty(String),
}

/// Every case file under `dir`, recursively, in path order.
pub fn case_files(dir: &Path) -> Result<Vec<PathBuf>, RegressError> {
    let io = |source| RegressError::Io {
        path: dir.display().to_string(),
        source,
    };
    if dir.is_file() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            out.extend(case_files(&path)?);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}

/// Runs every case file under the folders against the policy.
pub fn run(policy: &Policy, dirs: &[PathBuf], today: NaiveDate) -> Result<Report, RegressError> {
    let mut report = Report::default();
    for dir in dirs {
        let files = case_files(dir)?;
        if files.is_empty() {
            return Err(RegressError::Empty(dir.display().to_string()));
        }
        for path in files {
            report.results.push(run_file(policy, &path, today));
        }
    }
    Ok(report)
}

/// Runs one case file; a file that cannot be read is a failed case, not an abort.
pub fn run_file(policy: &Policy, path: &Path, today: NaiveDate) -> CaseResult {
    let failed = |name: String, diff: String| CaseResult {
        path: path.to_path_buf(),
        name,
        diffs: vec![diff],
        rule: None,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return failed("-".into(), format!("cannot read: {e}")),
    };
    let file: CaseFile = match crate::located::from_yaml(&text) {
        Ok(f) => f,
        Err(e) => {
            let (line, column, message) = crate::case::file_slip(&text, &e);
            return failed(
                "-".into(),
                format!("{}:{line}:{column}: {message}", path.display()),
            );
        }
    };
    let today = match &file.today {
        None => today,
        Some(day) => match crate::case::parse_date(&day.value) {
            Some(d) => d,
            None => {
                let at = day
                    .at
                    .as_ref()
                    .map_or(String::new(), |a| format!(":{}:{}", a.line, a.column));
                return failed(
                    file.name,
                    format!(
                        "{}{at}: today “{}” 不是日期，请写成 2026-11-20 / `today: {}` is not a date; write it as 2026-11-20",
                        path.display(),
                        day.value,
                        day.value
                    ),
                );
            }
        },
    };
    let mut diffs = Vec::new();
    let (facts, base) = match &file.paste {
        None => (None, CaseInput::default()),
        Some(text) => match session::read_paste(policy, text, today) {
            Ok(f) => {
                if let Some(want) = &file.facts {
                    diffs.extend(compare_facts(want, &f));
                }
                let base = f.to_input();
                (Some(f), base)
            }
            Err(e) => {
                diffs.extend(compare(
                    file.expect.as_ref().unwrap_or(&Expect::default()),
                    Err(e.to_string()),
                ));
                return CaseResult {
                    path: path.to_path_buf(),
                    name: file.name,
                    diffs,
                    rule: None,
                };
            }
        },
    };
    let mut rule = None;
    let mut flags = file.case.unwrap_or_default();
    flags.set_file(&path.display().to_string());
    if let Some(expect) = &file.expect {
        let answer = session::answer(policy, facts, base, flags, today, false);
        let (found, rule_id) = compare_answer(expect, answer);
        diffs.extend(found);
        rule = rule_id;
    } else if file.facts.is_none() {
        diffs.push(
            "the file expects nothing: add `expect:` (advice) or `facts:` (for a paste)".into(),
        );
    }
    CaseResult {
        path: path.to_path_buf(),
        name: file.name,
        diffs,
        rule,
    }
}

/// What differs between the expectation and an answer, and the rule that decided it.
fn compare_answer(
    expect: &Expect,
    answer: Result<session::Answer, session::SessionError>,
) -> (Vec<String>, Option<String>) {
    let mut rule = None;
    let got = match answer {
        Ok(a) => match a.outcome {
            Outcome::Advice(advice) => {
                rule = Some(advice.rule.to_string());
                Ok(*advice)
            }
            Outcome::Branches { options, .. } if !expect.branches.is_empty() => {
                return (compare_branches(&expect.branches, &options), rule);
            }
            Outcome::Branches { missing: e, .. } | Outcome::Missing(e) => Err(e.to_string()),
        },
        Err(e) => Err(e.to_string()),
    };
    let mut diffs = Vec::new();
    if !expect.branches.is_empty() && got.is_ok() {
        diffs.push("branches: expected the advice for each open value, got one advice".into());
    }
    diffs.extend(compare(expect, got));
    (diffs, rule)
}

/// What differs between the branches a case expects and those given.
fn compare_branches(want: &BTreeMap<String, Resolution>, got: &[session::Branch]) -> Vec<String> {
    let got: BTreeMap<&str, &str> = got
        .iter()
        .map(|b| (b.value.as_str(), b.advice.resolution.id()))
        .collect();
    let want: BTreeMap<&str, &str> = want.iter().map(|(k, r)| (k.as_str(), r.id())).collect();
    if want == got {
        Vec::new()
    } else {
        vec![format!("branches: expected {want:?}, got {got:?}")]
    }
}

/// What differs between the facts a paste must yield and those read.
pub fn compare_facts(want: &ExpectFacts, got: &Facts) -> Vec<String> {
    let mut d = Vec::new();
    let json = serde_json::to_value(got).unwrap_or_default();
    let value = |key: &str| -> String {
        match json.get(key).and_then(|f| f.get("value")) {
            None => "none".into(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        }
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    for (key, kind, want) in want.pinned() {
        match (kind, want) {
            (_, Pin::One(w)) => {
                let g = value(key);
                if w != &g {
                    d.push(format!("facts.{key}: expected `{w}`, got `{g}`"));
                }
            }
            // Tags compare as a set: the order they are listed in is the policy's.
            ("tags", Pin::Many(w)) => {
                let g = json.get(key).and_then(|f| f.get("value")).map(|v| {
                    sorted(serde_json::from_value::<Vec<String>>(v.clone()).unwrap_or_default())
                });
                if g != Some(sorted(w.clone())) {
                    d.push(format!("facts.{key}: expected {w:?}, got {g:?}"));
                }
            }
            // Lists compare as sets: every one named, no other.
            (_, Pin::Many(w)) => {
                let got = sorted(
                    json.get(key)
                        .and_then(|v| v.as_array())
                        .map(|a| {
                            a.iter()
                                .filter_map(|f| {
                                    f.get("value").and_then(|v| v.as_str()).map(String::from)
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                );
                let want = sorted(w.clone());
                if want != got {
                    d.push(format!("facts.{key}: expected {want:?}, got {got:?}"));
                }
            }
        }
    }
    for m in &want.missing {
        if !got.missing.iter().any(|x| x.fact.name() == m) {
            d.push(format!(
                "facts.missing: expected `{m}` among {:?}",
                got.missing
                    .iter()
                    .map(|x| x.fact.name())
                    .collect::<Vec<_>>()
            ));
        }
    }
    for a in &want.ambiguous {
        if !got.ambiguous.iter().any(|x| x.fact.name() == a) {
            d.push(format!(
                "facts.ambiguous: expected `{a}` among {:?}",
                got.ambiguous
                    .iter()
                    .map(|x| x.fact.name())
                    .collect::<Vec<_>>()
            ));
        }
    }
    d
}

/// What in `got` differs from `want`, where `want` is a part of it: each key
/// of an object, each item of a list (and no more items), and equal values; an
/// amount may be written as a number (`3` for `"3.00"`).
fn subset(path: &str, want: &serde_json::Value, got: &serde_json::Value, d: &mut Vec<String>) {
    use serde_json::Value;
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let at = format!("{path}.{k}");
                match g.get(k) {
                    Some(gv) => subset(&at, wv, gv, d),
                    None => d.push(format!(
                        "{at}: expected `{wv}`, the advice has no such field"
                    )),
                }
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                subset(&format!("{path}[{i}]"), wv, gv, d);
            }
        }
        (Value::Number(n), Value::String(s))
            if n.to_string().parse::<rust_decimal::Decimal>().ok()
                == s.parse::<rust_decimal::Decimal>().ok() => {}
        (w, g) if w == g => {}
        (w, g) => d.push(format!("{path}: expected `{w}`, got `{g}`")),
    }
}

impl Expect {
    /// Whether it pins nothing at all (`expect: {}`), so any advice would pass.
    pub fn is_empty(&self) -> bool {
        self.resolution.is_none()
            && self.offer.is_none()
            && self.if_refused.is_none()
            && self.escalate.is_none()
            && self.shipping.is_none()
            && self.compensation.is_none()
            && self.playbook.is_empty()
            && self.rule.is_none()
            && self.risks.is_empty()
            && self.risks_contain.is_empty()
            && self.deadlines.is_empty()
            && self.due.is_empty()
            && self.reply_contains.is_empty()
            && self.reply_lacks.is_empty()
            && self.notes_contain.is_empty()
            && self.if_refused_shipping.is_none()
            && self.assumed.is_empty()
            && self.not_assumed.is_empty()
            && self.alternatives.is_empty()
            && self.ask_buyer.is_empty()
            && self.alerts.is_empty()
            && self.error.is_none()
            && self.advice.is_none()
            && self.branches.is_empty()
    }
}

/// What differs between the expectation and what the engine gave.
pub fn compare(e: &Expect, got: Result<Advice, String>) -> Vec<String> {
    // An expectation that pins nothing passes whatever the advice: refuse it.
    if e.is_empty() {
        return vec!["`expect:` is empty, so any advice would pass: name at least one field (resolution, offer …) / expect 是空的".into()];
    }
    if e.error.as_deref().is_some_and(|x| x.trim().is_empty()) {
        return vec!["`error:` is empty, so any error would pass: quote part of the message / error 不能是空的".into()];
    }
    let a = match (got, &e.error) {
        (Err(msg), Some(want)) if msg.contains(want.as_str()) => return Vec::new(),
        (Err(msg), _) => return vec![format!("error: {}", msg.lines().next().unwrap_or(&msg))],
        (Ok(a), Some(want)) => {
            return vec![format!(
                "expected an error containing `{want}`, got advice `{}`",
                a.resolution.id()
            )];
        }
        (Ok(a), None) => a,
    };
    let mut d = Vec::new();
    compare_terms(e, &a, &mut d);
    compare_lists(e, &a, &mut d);
    compare_words(e, &a, &mut d);
    d
}

/// The advice's single terms against the expectation: resolution, offer, payers, money, rule.
fn compare_terms(e: &Expect, a: &Advice, d: &mut Vec<String>) {
    let mut check = |what: &str, want: &str, got: &str| {
        if want != got {
            d.push(format!("{what}: expected `{want}`, got `{got}`"));
        }
    };
    if let Some(r) = e.resolution {
        check("resolution", r.id(), a.resolution.id());
    }
    if let Some(o) = &e.offer {
        let got = a
            .offer
            .as_ref()
            .map_or("none".to_string(), |x| format!("{}-{}", x.open, x.max));
        check("offer", o, &got);
    }
    if let Some(r) = &e.if_refused {
        check("if_refused", r, a.if_refused.map_or("none", |x| x.id()));
    }
    if let Some(x) = e.escalate {
        check("escalate", &x.to_string(), &a.escalate.to_string());
    }
    if let Some(s) = &e.shipping {
        check("shipping.to_shop", s.to_shop.id(), a.shipping.to_shop.id());
        check(
            "shipping.to_buyer",
            s.to_buyer.id(),
            a.shipping.to_buyer.id(),
        );
    }
    if let Some(c) = &e.compensation {
        check(
            "compensation",
            c,
            &a.compensation
                .as_ref()
                .map_or("none".into(), |x| x.amount.to_string()),
        );
    }
    if let Some(r) = &e.rule {
        check("rule", r, &a.rule);
    }
    if let Some(s) = &e.if_refused_shipping {
        let got = a.if_refused_shipping.map_or("none/none".to_string(), |x| {
            format!("{}/{}", x.to_shop.id(), x.to_buyer.id())
        });
        check(
            "if_refused_shipping",
            &format!("{}/{}", s.to_shop.id(), s.to_buyer.id()),
            &got,
        );
    }
}

/// The advice's lists against the expectation: assumptions, alternatives, questions, alerts, rules, risks, deadlines.
fn compare_lists(e: &Expect, a: &Advice, d: &mut Vec<String>) {
    let assumed: Vec<&str> = a.assumed.iter().map(|x| x.fact.key()).collect();
    for f in &e.assumed {
        if !assumed.contains(&f.as_str()) {
            d.push(format!("assumed: expected `{f}` among {assumed:?}"));
        }
    }
    for f in &e.not_assumed {
        if assumed.contains(&f.as_str()) {
            d.push(format!("assumed: `{f}` is stated, yet listed as assumed"));
        }
    }
    for (fact, rule) in &e.alternatives {
        if !a
            .alternatives
            .iter()
            .any(|x| x.when.fact.key() == fact && *x.rule == **rule)
        {
            let got: Vec<String> = a
                .alternatives
                .iter()
                .map(|x| format!("{}→{}", x.when.fact.key(), x.rule))
                .collect();
            d.push(format!(
                "alternatives: expected `{fact}→{rule}` among {got:?}"
            ));
        }
    }
    for q in &e.ask_buyer {
        if !a.ask_buyer.iter().any(|x| *x.id == **q) {
            let got: Vec<&str> = a.ask_buyer.iter().map(|x| &*x.id).collect();
            d.push(format!("ask_buyer: expected `{q}` among {got:?}"));
        }
    }
    for id in &e.alerts {
        if !a.alerts.iter().any(|x| **x == **id) {
            d.push(format!("alerts: expected `{id}` among {:?}", a.alerts));
        }
    }
    for id in &e.playbook {
        if !a.playbook.contains(id) {
            d.push(format!("playbook: expected `{id}` among {:?}", a.playbook));
        }
    }
    for id in &e.risks {
        if !a.risks.iter().any(|r| *r.playbook == **id || *r.id == **id) {
            let got: Vec<String> = a
                .risks
                .iter()
                .map(|r| format!("{}({})", r.id, r.playbook))
                .collect();
            d.push(format!("risks: expected `{id}` among {got:?}"));
        }
    }
    for w in &e.risks_contain {
        if !a.risks.iter().any(|r| r.text.contains(w.as_str())) {
            let got: Vec<&str> = a.risks.iter().map(|r| &*r.text).collect();
            d.push(format!("risks: expected one to contain `{w}`, got {got:?}"));
        }
    }
    for id in &e.deadlines {
        if !a.deadlines.iter().any(|x| *x.id == **id) {
            let got: Vec<&str> = a.deadlines.iter().map(|x| &*x.id).collect();
            d.push(format!("deadlines: expected `{id}` among {got:?}"));
        }
    }
    for (id, want) in &e.due {
        let got = a
            .deadlines
            .iter()
            .find(|x| *x.id == **id)
            .and_then(|x| x.due)
            .map_or_else(|| "none".to_string(), |d| d.to_string());
        if &got != want {
            d.push(format!("due.{id}: expected `{want}`, got `{got}`"));
        }
    }
}

/// The advice's words against the expectation: the reply, the notes, and any part of it as JSON.
fn compare_words(e: &Expect, a: &Advice, d: &mut Vec<String>) {
    for w in &e.reply_contains {
        if !a.reply.contains(w.as_str()) {
            d.push(format!(
                "reply: expected to contain `{w}`, got `{}`",
                a.reply
            ));
        }
    }
    for w in &e.reply_lacks {
        if a.reply.contains(w.as_str()) {
            d.push(format!(
                "reply: expected not to contain `{w}`, got `{}`",
                a.reply
            ));
        }
    }
    for w in &e.notes_contain {
        if !a.notes.iter().any(|n| n.contains(w.as_str())) {
            d.push(format!(
                "notes: expected one to contain `{w}`, got {:?}",
                a.notes
            ));
        }
    }
    if let Some(want) = &e.advice {
        let got = serde_json::to_value(a).unwrap_or_default();
        subset("advice", want, &got, d);
    }
}
