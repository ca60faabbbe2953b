//! The command line: one module per verb. Each parses its own arguments,
//! calls the library and prints through [`out`]; errors come back as one
//! [`error::CliError`] that `main` draws and turns into the exit code.

mod advise;
mod check;
pub mod error;
mod extract;
mod journal;
mod out;
mod queue;
mod replay;
mod serve;
mod test;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

use aftersale::policy::{Policy, PolicyError};
use error::{CliError, Exit};
use std::sync::Mutex;
use std::thread::JoinHandle;

/// 售后赔付建议 — tells an after-sale agent what to offer and who pays the shipping.
#[derive(Parser)]
#[command(name = "aftersale", version)]
pub struct Cli {
    /// Policy file to use instead of the bundled one.
    #[arg(long, global = true, env = "AFTERSALE_POLICY", value_name = "FILE")]
    policy: Option<PathBuf>,
    /// 按哪一天办理 / the day to read and advise as of (default: the clock's day):
    /// 昨天, 7-day and 15-day windows count from it. A case's own `today:` wins.
    #[arg(long, global = true, env = "AFTERSALE_TODAY", value_name = "DATE", value_parser = parse_day)]
    today: Option<chrono::NaiveDate>,
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
    /// The day's refund list (seller-centre export or open-platform JSON), advised and sorted by what times out first.
    Queue(queue::QueueArgs),
}

/// Whether the command line names a command that reads a case, so the
/// reading tables are worth warming up: looked at before the arguments are
/// parsed, so the warming starts as early as it can. A wrong guess costs a
/// little work on the other core, nothing more.
fn reads_cases(args: impl Iterator<Item = std::ffi::OsString>) -> bool {
    let mut args = args.skip(1);
    while let Some(a) = args.next() {
        if a == "--policy" || a == "--today" {
            args.next();
        } else if !a.to_string_lossy().starts_with('-') {
            return a == "advise" || a == "explain" || a == "extract" || a == "queue";
        }
    }
    false
}

/// Runs the command; what it found on success (failures for a failed regression case or check).
pub fn run(cli: Cli) -> Result<Exit, CliError> {
    let today = cli
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
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
                .map_err(|e| CliError::write("write cases", e))?;
            Ok(Exit::Done)
        }
        Command::Check(args) => check::run(policy, args),
        Command::Serve(args) => serve::run(policy, args),
        Command::Journal(args) => journal::run(args),
        Command::Queue(args) => queue::run(policy.as_ref(), args, cli.today),
    }
}

/// A date given on the command line or in `AFTERSALE_TODAY`.
fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    aftersale::case::parse_date(s).ok_or_else(|| {
        format!("`{s}` 不是日期，请写成 2026-11-20 / `{s}` is not a date; write it as 2026-11-20")
    })
}

/// The bundled policy, loading on another thread since the process started.
static EARLY_BUNDLED: Mutex<Option<JoinHandle<Result<Policy, PolicyError>>>> = Mutex::new(None);

/// For a command that reads a case, starts on other threads what it will need
/// first: the bundled policy (unless another is named) and the reading tables.
/// Looked at before the arguments are parsed, so the work overlaps the parsing.
pub fn start_early() {
    if !reads_cases(std::env::args_os()) {
        return;
    }
    let other_policy = std::env::var_os("AFTERSALE_POLICY").is_some()
        || std::env::args_os().any(|a| a.to_string_lossy().starts_with("--policy"));
    match EARLY_BUNDLED.lock() {
        // Two cores: the policy on the other, the tables on this one once the
        // arguments are parsed (see [`warm_up_here`]).
        Ok(mut early) if !other_policy => *early = Some(std::thread::spawn(Policy::bundled)),
        _ => {
            std::thread::spawn(aftersale::intake::warm_up);
        }
    }
}

/// Builds the reading tables on this thread when the policy is loading on another.
pub fn warm_up_here() {
    if EARLY_BUNDLED.lock().is_ok_and(|e| e.is_some()) {
        aftersale::intake::warm_up();
    }
}

/// Loads the policy (`--policy`, else the bundled one) and shows its warnings.
fn load_policy(path: Option<&PathBuf>) -> Result<Policy, CliError> {
    let early = EARLY_BUNDLED.lock().ok().and_then(|mut e| e.take());
    let policy = match (path, early) {
        (Some(p), _) => Policy::from_path(p),
        (None, Some(loading)) => loading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
        (None, None) => Policy::bundled(),
    }?;
    for w in policy.warnings() {
        eprintln!(
            "{}",
            aftersale::render::diagnostics::diagnostic(w, policy.source())
        );
    }
    Ok(policy)
}
