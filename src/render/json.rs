//! Facts as JSON for tools (`extract --json`); the advice serialises itself,
//! and a whole answer is drawn beside the session (`session::draw`).
//! Serialisation errors are returned, never printed as `null`.

use crate::intake::Facts;

/// Only the facts, as JSON (`aftersale extract --json`).
pub fn facts(f: &Facts) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(f)
}
