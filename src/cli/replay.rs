//! `aftersale replay`: a log of past cases under a policy and a baseline, with
//! progress on standard error and the report as a table, JSON or CSV.

use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

use aftersale::policy::Policy;
use aftersale::render;
use aftersale::replay::{self, Format};

use super::error::CliError;
use super::{load_policy, out};

#[derive(Args)]
pub struct ReplayArgs {
    /// The case log: JSON Lines (one case per line) or CSV with a header; `-` for stdin.
    cases: PathBuf,
    /// The policy in force until now, to compare against.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the totals as CSV.
    #[arg(long)]
    csv: bool,
    /// List every changed case, not only the first ones.
    #[arg(long)]
    all: bool,
    /// How many changed cases to list.
    #[arg(long, default_value_t = 20)]
    show: usize,
    /// Stop at the first line that cannot be read.
    #[arg(long)]
    strict: bool,
    /// The log's format (default: by extension, .csv is CSV).
    #[arg(long, value_parser = ["jsonl", "csv"])]
    format: Option<String>,
    /// Worker threads (default: the machine's cores).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(
    policy: Option<&PathBuf>,
    args: ReplayArgs,
    today: chrono::NaiveDate,
) -> Result<u8, CliError> {
    let policy = load_policy(policy)?;
    let baseline = args
        .baseline
        .as_ref()
        .map(|b| Policy::from_path(b))
        .transpose()?;
    let cases = &args.cases;
    let format = match args.format.as_deref() {
        Some("csv") => Format::Csv,
        Some(_) => Format::JsonLines,
        None if cases
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv")) =>
        {
            Format::Csv
        }
        None => Format::JsonLines,
    };
    let opts = replay::Options {
        keep_changes: (!args.all).then_some(args.show),
        strict: args.strict,
        today,
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
    };
    let stdin = cases.as_os_str() == "-";
    let size = std::fs::metadata(cases)
        .ok()
        .map(|m| m.len())
        .filter(|_| !stdin);
    let mut progress = progress_meter(size);
    let report = if stdin {
        replay::replay(
            &policy,
            baseline.as_ref(),
            std::io::stdin().lock(),
            format,
            &opts,
            &mut progress,
        )
    } else {
        let file = std::fs::File::open(cases)
            .map_err(|e| CliError::io(format!("read `{}`", cases.display()), e))?;
        replay::replay(
            &policy,
            baseline.as_ref(),
            std::io::BufReader::with_capacity(1 << 20, file),
            format,
            &opts,
            &mut progress,
        )
    }?;
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    for b in &report.bad {
        eprintln!("warning: line {}: {} (skipped)", b.line, b.message);
    }
    if args.json {
        out::line(&serde_json::to_string_pretty(&report)?)?;
    } else if args.csv {
        out::print(&render::table::replay_csv(&report))?;
    } else {
        out::print(&render::table::replay(&report))?;
    }
    Ok(0)
}

/// Shows replay progress on stderr: a bar on a terminal (when the size is
/// known), otherwise a line every tenth of the log or every 250,000 lines.
fn progress_meter(size: Option<u64>) -> impl FnMut(u64, u64) {
    let tty = std::io::stderr().is_terminal();
    let mut shown = 0u64;
    let mut printed = 0u64;
    move |bytes: u64, lines: u64| {
        let step = match size {
            Some(total) if total > 0 => bytes * 100 / total,
            _ => lines / 250_000,
        };
        if step == shown {
            return;
        }
        shown = step;
        match (tty, size) {
            (true, Some(total)) if total > 0 => {
                let pct = (bytes * 100 / total).min(100) as usize;
                eprint!(
                    "\r[{:<40}] {pct:>3}% {lines} cases",
                    "#".repeat(pct * 40 / 100)
                );
            }
            (true, _) => eprint!("\r{lines} cases read"),
            (false, Some(_)) => {
                // A line per tenth, however far one read jumps.
                if step / 10 != printed / 10 {
                    printed = step;
                    eprintln!("replay: {}% ({lines} cases read)", step / 10 * 10);
                }
            }
            (false, None) => eprintln!("replay: {lines} cases read"),
        }
    }
}
