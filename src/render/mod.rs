//! Render: everything the program shows a person or a tool, drawn here at the
//! edge — advice, facts and explanations as Chinese text ([`text`]), advice
//! and facts as JSON ([`json`]), policy and case-file diagnostics with the
//! offending line ([`diagnostics`]), and the replay, check and regression
//! tables ([`table`]).

pub mod diagnostics;
pub mod json;
pub mod queue;
pub mod table;
pub mod text;
