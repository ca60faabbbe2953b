//! The vocabulary every layer shares, depending on nothing above it: the words
//! a case is told in, tag words and the words a shop adds ([`Tags`],
//! [`ShopWords`]), and the one table of facts ([`facts`]), from
//! which the flags, case files, log rows, the paste reader's result, `extract`,
//! the test runner's expectations and the workbench's vocabulary are derived.

pub mod facts;
mod tags;
mod words;

pub(crate) use facts::facts_table;
pub use facts::{Fact, Value};
pub use tags::{ShopWords, Tags};
pub use words::{Defect, Evidence, Fault, Material, Platform, RefundType, Stage, Threat, Wants};
