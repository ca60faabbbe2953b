//! The command line: one module per verb. Each parses its own arguments,
//! calls the library and prints through [`out`]; errors come back as one
//! [`error::CliError`] that `main` draws and turns into the exit code.

mod advise;
mod check;
pub mod error;
mod extract;
mod journal;
mod out;
mod replay;
mod serve;
mod test;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

use aftersale::policy::Policy;
use error::CliError;

/// 售后赔付建议 — tells an after-sale agent what to offer and who pays the shipping.
#[derive(Parser)]
#[command(name = "aftersale", version)]
pub struct Cli {
    /// Policy file to use instead of the bundled one.
    #[arg(long, global = true, env = "AFTERSALE_POLICY", value_name = "FILE")]
    policy: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Advise on a case: pasted text, a YAML/JSON case file, or flags.
    Advise(Box<advise::AdviseArgs>),
    /// Advise and show every rule considered, each condition, and which rule won.
    Explain(Box<advise::AdviseArgs>),
    /// Print only the facts read from a pasted case, with where each came from.
    Extract(extract::ExtractArgs),
    /// Run regression case files and report ok/FAIL per case.
    Test(test::TestArgs),
    /// Replay a log of past cases under the policy (and a baseline) and total the effect.
    Replay(Box<replay::ReplayArgs>),
    /// Write N realistic generated cases as JSON Lines, for replay and benchmarks.
    GenCases {
        /// How many cases.
        n: u64,
        /// Random seed; the same seed gives the same cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check a policy file and print every error and warning.
    Check(check::CheckArgs),
    /// Start the agents' workbench: a local web page, with every case recorded in the journal.
    Serve(serve::ServeArgs),
    /// Export or purge the case journal the workbench records.
    Journal(journal::JournalArgs),
}

impl Cli {
    /// Whether the command reads a case, so the reading tables are worth warming up.
    pub fn reads_cases(&self) -> bool {
        matches!(
            self.command,
            Command::Advise(_) | Command::Explain(_) | Command::Extract(_)
        )
    }
}

/// Runs the command; the exit code on success (1 for a failed regression case).
pub fn run(cli: Cli) -> Result<u8, CliError> {
    let today = chrono::Local::now().date_naive();
    let policy = cli.policy;
    match cli.command {
        Command::Advise(args) => advise::run(policy.as_ref(), *args, today),
        Command::Explain(mut args) => {
            args.explain = true;
            advise::run(policy.as_ref(), *args, today)
        }
        Command::Extract(args) => extract::run(policy.as_ref(), args, today),
        Command::Test(args) => test::run(policy.as_ref(), args, today),
        Command::Replay(args) => replay::run(policy.as_ref(), *args, today),
        Command::GenCases { n, seed } => {
            let stdout = std::io::stdout();
            let mut w = std::io::BufWriter::new(stdout.lock());
            aftersale::generate::write_cases(n, seed, &mut w)
                .map_err(|e| CliError::io("write cases", e))?;
            Ok(0)
        }
        Command::Check(args) => check::run(policy, args),
        Command::Serve(args) => serve::run(policy, args),
        Command::Journal(args) => journal::run(args),
    }
}

/// Loads the policy (`--policy`, else the bundled one) and shows its warnings.
fn load_policy(path: Option<&PathBuf>) -> Result<Policy, CliError> {
    let policy = match path {
        Some(p) => Policy::from_path(p),
        None => Policy::bundled(),
    }?;
    for w in policy.warnings() {
        eprintln!(
            "{}",
            aftersale::render::diagnostics::diagnostic(w, policy.source())
        );
    }
    Ok(policy)
}
