//! `aftersale queue FILE`: the day's refund list (the seller centre's export
//! as CSV or XLSX, or the open platform's refund records as JSON), one line
//! per refund, sorted by the deadline that runs out first.

use chrono::NaiveDateTime;
use clap::Args;
use std::io::Read;
use std::path::PathBuf;

use aftersale::case::Platform;
use aftersale::intake::Intake;
use aftersale::queue::{self, MAX_FILE, QueueError};

use super::error::{CliError, Exit};
use super::{load_policy, out};

#[derive(Args)]
pub struct QueueArgs {
    /// The refund list: CSV (UTF-8 or GBK), XLSX, or JSON; `-` reads standard input.
    file: PathBuf,
    /// Print the queue as JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print the queue as CSV (UTF-8 with a BOM, for Excel and WPS).
    #[arg(long)]
    csv: bool,
    /// The shop's platform when the list does not say: taobao / tmall (淘宝 / 天猫).
    #[arg(long, value_parser = parse_platform)]
    platform: Option<Platform>,
    /// 计时的时刻 / the moment countdowns count from (default: now; with --today, that day at the clock's time).
    #[arg(long, env = "AFTERSALE_NOW", value_parser = parse_now)]
    now: Option<NaiveDateTime>,
}

fn parse_platform(s: &str) -> Result<Platform, String> {
    Platform::parse(s.trim())
        .ok_or_else(|| format!("`{s}` 不是平台：写 taobao/淘宝 或 tmall/天猫 / not a platform"))
}

/// A moment as `2026-11-23 10:00` (or a day alone, its 00:00).
pub fn parse_now(s: &str) -> Result<NaiveDateTime, String> {
    queue::parse_moment(s)
        .ok_or_else(|| format!("`{s}` 不是时刻：写成 \"2026-11-23 10:00\" / `{s}` is not a moment"))
}

pub fn run(
    policy: Option<&PathBuf>,
    args: QueueArgs,
    today: Option<chrono::NaiveDate>,
) -> Result<Exit, CliError> {
    let now = args.now.unwrap_or_else(|| {
        let clock = chrono::Local::now().naive_local();
        today.map_or(clock, |d| d.and_time(clock.time()))
    });
    let mut bytes = Vec::new();
    let limit = MAX_FILE as u64 + 1;
    let name = args.file.display().to_string();
    let got = if name == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(&args.file).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    got.map_err(|source| QueueError::Io {
        path: name.clone(),
        source,
    })?;
    let policy = load_policy(policy)?;
    let intake = Intake::new(&policy.words());
    let q = queue::run(&policy, &intake, &bytes, now, args.platform)?;
    if args.json {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        aftersale::queue::draw::write_json(&q, &mut w)
            .map_err(|e| CliError::write("write JSON", e))?;
    } else if args.csv {
        let mut buf = Vec::new();
        aftersale::queue::draw::csv(&q, &mut buf)
            .map_err(|e| CliError::write("write CSV", e.into()))?;
        out::print(&String::from_utf8_lossy(&buf))?;
        // What was said about the file goes to standard error, beside the table.
        for n in &q.notices {
            eprintln!("{}", n.line(q.unit));
        }
    } else {
        out::print(&aftersale::queue::draw::text(&q))?;
    }
    // The process ends right after: freeing thousands of advices one by one
    // would cost more than a tenth of the run.
    std::mem::forget(q);
    std::mem::forget(intake);
    std::mem::forget(policy);
    Ok(Exit::Done)
}
