//! A whole answer drawn, as the agent reads it and as tools read it: the facts
//! read and the flags that overrode them, then the advice, or the advice for
//! each region group when the region is missing.

use std::fmt::Write;

use super::{Answer, Outcome};
use crate::engine::EngineError;
use crate::render::text;

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
        Outcome::PerRegion { options, .. } => {
            let _ = writeln!(
                o,
                "【缺少收货地区，不同地区的处理如下】（确定地区后加 --region 得到唯一建议）"
            );
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
                let _ = writeln!(
                    o,
                    "  - {}（如{}）：{}{offer}{next} [{}]",
                    r.group,
                    r.example,
                    r.advice.resolution.label(),
                    r.advice.playbook.join(", ")
                );
            }
        }
        // The missing fact and its flag go to standard error.
        Outcome::Missing(_) => {}
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
        Outcome::PerRegion { missing, options } => serde_json::json!({
            "missing": missing_json(missing),
            "by_region": options.iter().map(|r| serde_json::json!({
                "region_group": r.group,
                "example_province": r.example,
                "advice": r.advice,
            })).collect::<Vec<_>>(),
        }),
        Outcome::Missing(e) => serde_json::json!({ "missing": missing_json(e) }),
    };
    if let Some(obj) = v.as_object_mut() {
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
