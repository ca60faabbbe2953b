//! `aftersale`: tells the after-sale agents of a Taobao / Tmall shop what to offer
//! a buyer who wrote in, and who pays the shipping.
//!
//! The pipeline is one module per stage: [`case`] (typed facts) -> [`policy`]
//! (the shop's playbook as a checked YAML file) -> [`engine`] (case x policy ->
//! advice with its trace) -> [`advice`] (the result) -> [`render`] (Chinese text
//! and JSON). [`regress`] runs folders of case files with expected advice.

pub mod advice;
pub mod case;
pub mod engine;
pub mod generate;
pub mod intake;
pub mod place;
pub mod policy;
pub mod regress;
pub mod render;
pub mod replay;
pub mod session;
pub mod snippet;
