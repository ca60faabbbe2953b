//! A whole answer drawn, as the agent reads it and as tools read it: the facts
//! read and the flags that overrode them, then the advice, or the advice for
//! each value of a fact left open (each region group, each kind of defect).

use std::fmt::Write;

use super::{Answer, Outcome};
use crate::case::Fact;
use crate::engine::EngineError;
use crate::render::text;

/// The JSON names of an open fact's branches, kept as tools know them:
/// `by_region` with `region_group` and `example_province`, `by_defect` with
/// `label` and `defect`.
#[derive(Debug, Clone, Copy)]
pub struct BranchNames {
    /// The list's key.
    pub list: &'static str,
    /// The key of a branch's label.
    pub label: &'static str,
    /// The key of the value the engine was asked with.
    pub value: &'static str,
}

impl BranchNames {
    /// The names for branches of `open`.
    pub fn of(open: Fact) -> BranchNames {
        match open {
            Fact::Region => BranchNames {
                list: "by_region",
                label: "region_group",
                value: "example_province",
            },
            _ => BranchNames {
                list: "by_defect",
                label: "label",
                value: "defect",
            },
        }
    }
}

/// A whole answer as text: facts, overrides, then the advice or the per-region table.
pub fn text(a: &Answer) -> String {
    let mut o = String::new();
    if let Some(f) = &a.facts {
        o.push_str(&text::facts(f));
    }
    for n in &a.overrides {
        let _ = writeln!(o, "  ⚑ {n}");
    }
    if !o.is_empty() {
        o.push('\n');
    }
    match &a.outcome {
        Outcome::Advice(advice) => {
            if !a.explained.is_empty() {
                o.push_str(&text::explain(&a.explained));
                o.push('\n');
            }
            o.push_str(&text::advice(advice));
        }
        Outcome::Branches {
            missing: EngineError::Missing { fact, .. },
            options,
        } => {
            let _ = match fact {
                Fact::Region => writeln!(
                    o,
                    "【缺少收货地区，不同地区的处理如下】（确定地区后加 --region 得到唯一建议）"
                ),
                _ => writeln!(
                    o,
                    "【{0}不确定，每种可能的处理如下】（问清后加 --{1} 得到唯一建议）",
                    fact.label(),
                    fact.key().replace('_', "-")
                ),
            };
            for r in options {
                let offer = r
                    .advice
                    .offer
                    .as_ref()
                    .map(|x| format!("，开价¥{} 上限¥{}", x.open, x.max))
                    .unwrap_or_default();
                let next = r
                    .advice
                    .if_refused
                    .map(|x| format!("；不接受：{}", x.label()))
                    .unwrap_or_default();
                let example = match fact {
                    Fact::Region => format!("（如{}）", r.value),
                    _ => format!("（--{} {}）", fact.key(), r.value),
                };
                let _ = writeln!(
                    o,
                    "  - {}{example}：{}{offer}{next} [{}]",
                    r.label,
                    r.advice.resolution.label(),
                    r.advice.playbook.join(", ")
                );
            }
        }
        // The missing fact and its flag go to standard error.
        Outcome::Missing(_) => {}
    }
    if let Some(r) = &a.reply {
        let _ = writeln!(o, "\n【回复买家】\n{r}");
    }
    o
}

/// A whole answer as JSON: the advice's fields plus `facts` (for a paste) and
/// `overrides`; without advice, `missing` and, for a missing region, `by_region`.
pub fn json(a: &Answer) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&json_value(a)?)
}

/// A whole answer as a JSON value, for a caller that adds to it (the server's `case_id`).
pub fn json_value(a: &Answer) -> Result<serde_json::Value, serde_json::Error> {
    let mut v = match &a.outcome {
        Outcome::Advice(advice) => serde_json::to_value(advice)?,
        Outcome::Branches { missing, options } => {
            let EngineError::Missing { fact, .. } = missing;
            let names = BranchNames::of(*fact);
            let list = options
                .iter()
                .map(|r| {
                    serde_json::json!({
                        names.label: r.label,
                        names.value: r.value,
                        "advice": r.advice,
                    })
                })
                .collect::<Vec<_>>();
            serde_json::json!({ "missing": missing_json(missing), names.list: list })
        }
        Outcome::Missing(e) => serde_json::json!({ "missing": missing_json(e) }),
    };
    if let Some(obj) = v.as_object_mut() {
        if let Some(r) = &a.reply {
            obj.insert("reply".into(), serde_json::json!(r));
        }
        if let Some(f) = &a.facts {
            obj.insert("facts".into(), serde_json::to_value(f)?);
        }
        obj.insert("overrides".into(), serde_json::json!(a.overrides));
    }
    Ok(v)
}

fn missing_json(e: &EngineError) -> serde_json::Value {
    match e {
        EngineError::Missing { fact, rule } => serde_json::json!({
            "key": fact.key(),
            "fact": format!("{} ({})", fact.label(), fact.key()),
            "flag": fact.how(),
            "rule": rule,
        }),
    }
}
