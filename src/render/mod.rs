//! Render: what is drawn the same way everywhere — the advice, facts and
//! explanations as Chinese text ([`text`]), facts as JSON ([`json`]), policy
//! and case-file diagnostics with the offending line ([`diagnostics`]), and
//! the table drawing every report shares ([`table`]). Each report draws
//! itself beside its data: `session::draw`, `replay::table`, `regress::table`,
//! `policy::analysis::table`, `queue::draw`.

pub mod diagnostics;
pub mod json;
pub mod table;
pub mod text;
