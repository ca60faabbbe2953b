//! The vocabulary every layer shares, depending on nothing above it: the words
//! a case is told in ([`words`]) and the one table of facts ([`facts`]), from
//! which the flags, case files, log rows, the paste reader's result, `extract`,
//! the test runner's expectations and the workbench's vocabulary are derived.

pub mod facts;
mod words;

pub(crate) use facts::facts_table;
pub use facts::{Fact, Value};
pub use words::{Defect, Evidence, Fault, Material, Platform, RefundType, Stage, Threat, Wants};
