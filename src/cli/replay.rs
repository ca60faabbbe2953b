//! `aftersale replay`: a log of past cases under a policy and a baseline, with
//! progress on standard error and the report as a table, JSON or CSV.

use clap::Args;
use std::io::IsTerminal;
use std::path::PathBuf;

use aftersale::policy::Policy;
use aftersale::replay::{self, Format};

use super::error::{CliError, Exit};
use super::{load_policy, out};

#[derive(Args)]
pub struct ReplayArgs {
    /// The case log: JSON Lines (one case per line) or CSV with a header; `-` for stdin.
    #[arg(required_unless_present = "journal")]
    cases: Option<PathBuf>,
    /// Replay the cases the workbench recorded (`serve`'s journal) instead of a log,
    /// and set the money agents agreed against the advice.
    #[arg(long, value_name = "FILE", conflicts_with = "cases")]
    journal: Option<PathBuf>,
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
) -> Result<Exit, CliError> {
    let policy = load_policy(policy)?;
    let baseline = args
        .baseline
        .as_ref()
        .map(|b| Policy::from_path(b))
        .transpose()?;
    let opts = replay::Options {
        keep_changes: (!args.all).then_some(args.show),
        strict: args.strict,
        today,
        threads: args
            .threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
    };
    let report = match (&args.cases, &args.journal) {
        (_, Some(journal)) => from_journal(&policy, baseline.as_ref(), journal, &opts)?,
        (Some(cases), None) => from_log(&policy, baseline.as_ref(), cases, &args, &opts)?,
        (None, None) => unreachable!("clap requires a log or --journal"),
    };
    if std::io::stderr().is_terminal() {
        eprintln!();
    }
    for b in &report.bad {
        eprintln!(
            "警告 / warning: 第 {} 行读不了，已跳过 / line {} skipped: {}",
            b.line, b.line, b.message
        );
    }
    if args.json {
        out::line(&serde_json::to_string_pretty(&report)?)?;
    } else if args.csv {
        out::print(&replay::table::csv(&report))?;
    } else {
        out::print(&replay::table::text(&report))?;
    }
    // The report is printed either way, so the bad lines can be found; the
    // exit code says the totals leave out too much to act on.
    if report.too_many_bad() {
        eprintln!("{}", too_many_bad(report.bad_total, report.lines));
        return Ok(Exit::Failures);
    }
    Ok(Exit::Done)
}

/// Why a replay with more than 5% of its lines unreadable ends with exit 1.
fn too_many_bad(bad: u64, lines: u64) -> String {
    let percent =
        rust_decimal::Decimal::from(bad * 100) / rust_decimal::Decimal::from(lines.max(1));
    format!(
        "error: {lines} 行里有 {bad} 行（{}%）读不了，超过 5%：上面的合计少算了这些案例，不能据此决定；请先改好这些行再重放 / {bad} of {lines} lines ({}%) could not be read, more than 5%: the totals leave them out; fix them and replay again",
        percent.round_dp(1).normalize(),
        percent.round_dp(1).normalize()
    )
}

/// Replays the journal's recorded facts as a JSON Lines log, then sets the agreed money beside.
fn from_journal(
    policy: &Policy,
    baseline: Option<&Policy>,
    path: &std::path::Path,
    opts: &replay::Options,
) -> Result<replay::Report, CliError> {
    if !path.exists() {
        return Err(CliError::read(
            format!("open the journal `{}`", path.display()),
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        ));
    }
    let rows = aftersale::journal::Journal::open(path)?.replay_rows()?;
    let mut log = String::new();
    for r in &rows {
        log.push_str(&r.line);
        log.push('\n');
    }
    let mut report = replay::replay(
        policy,
        baseline,
        std::io::Cursor::new(log),
        Format::JsonLines,
        opts,
        &mut |_, _| {},
    )?;
    let agreed: Vec<(String, rust_decimal::Decimal)> = rows
        .into_iter()
        .filter_map(|r| r.amount.map(|a| (r.line, a)))
        .collect();
    report.agreed = Some(replay::agreed(policy, baseline, &agreed, opts.today));
    Ok(report)
}

/// Replays a log file (or standard input).
fn from_log(
    policy: &Policy,
    baseline: Option<&Policy>,
    cases: &std::path::Path,
    args: &ReplayArgs,
    opts: &replay::Options,
) -> Result<replay::Report, CliError> {
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
    let stdin = cases.as_os_str() == "-";
    let size = std::fs::metadata(cases)
        .ok()
        .map(|m| m.len())
        .filter(|_| !stdin);
    let mut progress = progress_meter(size);
    let report = if stdin {
        replay::replay(
            policy,
            baseline,
            std::io::stdin().lock(),
            format,
            opts,
            &mut progress,
        )
    } else {
        let file = std::fs::File::open(cases)
            .map_err(|e| CliError::read(format!("read `{}`", cases.display()), e))?;
        replay::replay(
            policy,
            baseline,
            std::io::BufReader::with_capacity(1 << 20, file),
            format,
            opts,
            &mut progress,
        )
    }?;
    Ok(report)
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
