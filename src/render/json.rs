//! Advice and facts as JSON for tools: the advice's stable fields, plus the
//! facts read from a paste and the flags that overrode them. Serialisation
//! errors are returned, never printed as `null`.

use crate::engine::EngineError;
use crate::intake::Facts;
use crate::session::{Answer, Outcome};

/// A whole answer as JSON: the advice's fields plus `facts` (for a paste) and
/// `overrides`; without advice, `missing` and, for a missing region, `by_region`.
pub fn answer(a: &Answer) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(&answer_value(a)?)
}

/// A whole answer as a JSON value, for a caller that adds to it (the server's `case_id`).
pub fn answer_value(a: &Answer) -> Result<serde_json::Value, serde_json::Error> {
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

/// Only the facts, as JSON (`aftersale extract --json`).
pub fn facts(f: &Facts) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(f)
}
