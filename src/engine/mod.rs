//! The engine: case x policy -> advice, with the trace of every rule it looked at.
//!
//! Rules are tried in file order and the first whose conditions all hold decides
//! ([`decide`]). A condition on a fact the case does not give is neither true
//! nor false: the engine stops and names the flag that would settle it, rather
//! than guess. [`advise`] adds the words around the decision (`compose`);
//! [`explain`] puts every condition of every rule considered in words.

mod compose;
mod decide;
mod explain;

use crate::case::Fact;
pub use compose::{advise, asking_reply};
pub use decide::{AskSeen, TitleTags, Verdict, decide, decide_untraced};
pub use explain::{CondCheck, RuleExplain, explain};

/// Names the region group of the province read from a paste: the grouping
/// is the policy's, so the engine derives it, not the reader. It stands on
/// the same words as the province.
pub fn group_read_province(policy: &crate::policy::Policy, facts: &mut crate::intake::Facts) {
    facts.region_group = facts.province.as_ref().map(|p| crate::intake::Found {
        value: policy.group_of_province(&p.value).to_string(),
        ..p.clone()
    });
}

/// Why the engine could not advise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A fact a rule needs is not in the case.
    #[error("missing fact: {} ({}) — rule `{rule}` needs it to decide\n  = help: add {}", .fact.label(), .fact.key(), .fact.how())]
    Missing {
        /// The fact.
        fact: Fact,
        /// The rule that asked (`-` before any rule).
        rule: String,
    },
}
