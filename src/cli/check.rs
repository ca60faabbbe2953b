//! `aftersale check`: every error and warning of a policy file, and the
//! rule-table analysis; exit 2 on any error.

use clap::Args;
use std::path::PathBuf;

use aftersale::policy::{Policy, Severity, analysis};
use aftersale::render;

use super::error::{BAD_INPUT, CliError};
use super::out;

#[derive(Args)]
pub struct CheckArgs {
    /// The policy file (defaults to --policy, then the bundled one).
    file: Option<PathBuf>,
}

pub fn run(policy: Option<PathBuf>, args: CheckArgs) -> Result<u8, CliError> {
    let path = args.file.or(policy);
    let shown = path
        .as_ref()
        .map_or("policies/default.yaml (bundled)".to_string(), |p| {
            p.display().to_string()
        });
    let policy = match path {
        Some(p) => Policy::from_path(&p),
        None => Policy::bundled(),
    }?;
    for w in policy.warnings() {
        out::line(&format!(
            "{}\n",
            render::diagnostics::diagnostic(w, policy.source())
        ))?;
    }
    let analysis = analysis::analyse(&policy);
    let errors = analysis.diagnostics(&policy);
    for e in &errors {
        eprintln!("{}\n", render::diagnostics::diagnostic(e, policy.source()));
    }
    out::print(&render::table::analysis(&analysis))?;
    let warnings = policy
        .warnings()
        .iter()
        .filter(|w| w.severity == Severity::Warning)
        .count();
    if errors.is_empty() {
        out::line(&format!(
            "{shown}: ok — {} rules, {warnings} warning(s), hash {}",
            policy.rules().len(),
            policy.hash()
        ))?;
        Ok(0)
    } else {
        eprintln!(
            "{shown}: {} error(s) — fix them before the policy goes live",
            errors.len()
        );
        Ok(BAD_INPUT)
    }
}
