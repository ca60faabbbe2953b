//! `aftersale test`: run folders of regression case files, `ok`/`FAIL` each.

use clap::Args;
use std::path::PathBuf;

use aftersale::regress;

use super::error::{CliError, Exit};
use super::{load_policy, out};

#[derive(Args)]
pub struct TestArgs {
    /// Folders (or files) of case files.
    #[arg(required = true)]
    dirs: Vec<PathBuf>,
    /// Also list every rule with how many cases it decided, and the rules no case reaches.
    #[arg(long)]
    coverage: bool,
}

pub fn run(
    policy: Option<&PathBuf>,
    args: TestArgs,
    today: chrono::NaiveDate,
) -> Result<Exit, CliError> {
    let policy = load_policy(policy)?;
    let report = regress::run(&policy, &args.dirs, today)?;
    // The per-case lines end with the "N passed, M failed" line, so they go last.
    if args.coverage {
        out::print(&regress::table::coverage(&report, &policy))?;
    }
    out::print(&regress::table::text(&report))?;
    Ok(if report.failed() == 0 {
        Exit::Done
    } else {
        Exit::Failures
    })
}
