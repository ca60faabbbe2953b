//! Explaining: every rule the engine considers for a case, each condition
//! tested and put in words, ending at the rule that decides.

use serde::Serialize;
use std::sync::Arc;

use super::EngineError;
use super::decide::view;
use crate::case::Case;
use crate::policy::{Cond, FALLBACK, Policy};

/// How one condition of one rule came out for a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CondCheck {
    /// Which condition.
    pub cond: Cond,
    /// Held, failed, or could not be judged (`None`: the fact is missing).
    pub held: Option<bool>,
    /// The case's value and what the rule wants, in words.
    pub detail: String,
}

/// One rule as the engine saw it for a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleExplain {
    /// The rule id.
    pub rule: Arc<str>,
    /// The playbook IDs it implements.
    pub playbook: Vec<String>,
    /// Every condition it has, tested.
    pub checks: Vec<CondCheck>,
    /// Whether it decided the case.
    pub decided: bool,
}

/// Every rule the engine considers for a case, in order, with every condition
/// tested and explained; the list ends at the rule that decides (or the
/// fallback), or at a rule that needs a missing fact.
pub fn explain(policy: &Policy, case: &Case) -> Result<Vec<RuleExplain>, EngineError> {
    let (view, _) = view(policy, case)?;
    let mut out = Vec::new();
    for rule in &policy.rules {
        let checks: Vec<CondCheck> = Cond::ALL
            .iter()
            .filter_map(|&cond| {
                cond.test(&rule.when, &view).map(|held| CondCheck {
                    cond,
                    held,
                    detail: cond.describe(&rule.when, &view, policy),
                })
            })
            .collect();
        let decided = checks.iter().all(|c| c.held == Some(true));
        let unknown = checks.iter().any(|c| c.held.is_none())
            && !checks.iter().any(|c| c.held == Some(false));
        out.push(RuleExplain {
            rule: rule.id.clone(),
            playbook: rule.playbook.to_vec(),
            checks,
            decided,
        });
        if decided || unknown {
            return Ok(out);
        }
    }
    out.push(RuleExplain {
        rule: Arc::from(FALLBACK),
        playbook: Vec::new(),
        checks: Vec::new(),
        decided: true,
    });
    Ok(out)
}
