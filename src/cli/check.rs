//! `aftersale check`: every error and warning of a policy file, the
//! rule-table analysis, and what the edit does to the advice against a
//! reference policy; exit 1 when the policy has errors, 2 when it cannot be read.

use clap::Args;
use std::path::PathBuf;

use aftersale::impact;
use aftersale::policy::{Policy, PolicyError, Severity, analysis};
use aftersale::render;

use super::error::{CliError, Exit};
use super::out;

#[derive(Args)]
pub struct CheckArgs {
    /// The policy file (defaults to --policy, then the bundled one).
    file: Option<PathBuf>,
    /// The policy to compare with (the bundled one when absent): 和哪一版比.
    #[arg(long, value_name = "OLD.yaml")]
    against: Option<PathBuf>,
    /// A journal whose stored cases join the comparison (the workbench's own when it exists).
    #[arg(long, value_name = "FILE")]
    journal: Option<PathBuf>,
}

pub fn run(policy: Option<PathBuf>, args: CheckArgs) -> Result<Exit, CliError> {
    let path = args.file.or(policy);
    let shown = path
        .as_ref()
        .map_or("policies/default.yaml (bundled)".to_string(), |p| {
            p.display().to_string()
        });
    let policy = match path {
        Some(p) => Policy::from_path(&p),
        None => Policy::bundled(),
    }
    .map_err(|e| match e {
        e @ PolicyError::Invalid { .. } => CliError::Checked(e),
        e => e.into(),
    })?;
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
    out::print(&analysis::table::text(&analysis))?;
    let mut warnings = policy
        .warnings()
        .iter()
        .filter(|w| w.severity == Severity::Warning)
        .count();
    if errors.is_empty() {
        warnings += impact_of(&policy, args.against, args.journal)?;
        out::line(&format!(
            "{shown}: ok — {} rules, {warnings} warning(s), hash {}",
            policy.rules().len(),
            policy.hash()
        ))?;
        Ok(Exit::Done)
    } else {
        eprintln!(
            "{shown}: {} error(s) — fix them before the policy goes live",
            errors.len()
        );
        Ok(Exit::Failures)
    }
}

/// Prints what the policy changes against the reference; the number of
/// warnings that adds (one when the change is large).
fn impact_of(
    policy: &Policy,
    against: Option<PathBuf>,
    journal: Option<PathBuf>,
) -> Result<usize, CliError> {
    let (old, reference) = match &against {
        Some(p) => (Policy::from_path(p)?, p.display().to_string()),
        None => (
            Policy::bundled()?,
            "自带策略 policies/default.yaml".to_string(),
        ),
    };
    if old.hash() == policy.hash() {
        out::line(&format!(
            "【改动的影响 / impact】和 {reference} 完全相同 / identical"
        ))?;
        return Ok(0);
    }
    let journal = journal.or_else(|| {
        let p = aftersale::serve::default_journal();
        p.exists().then_some(p)
    });
    let rows = match &journal {
        Some(p) => aftersale::journal::Journal::open(p)?
            .replay_rows()?
            .into_iter()
            .map(|r| (r.id, r.line))
            .collect(),
        None => Vec::new(),
    };
    let sample = impact::sample(&rows);
    let imp = impact::compare(&old, policy, &reference, &sample);
    out::print(&impact::render(&imp))?;
    if imp.large.is_empty() {
        return Ok(0);
    }
    out::line(&format!(
        "warning: 改动很大，请确认是有意的 / a large change: make sure it is meant\n{}\n  = 修改: 如果不是有意的，改回原来的值；是有意的就不用管这条提醒\n",
        imp.large
            .iter()
            .map(|l| format!("  - {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    ))?;
    Ok(1)
}
