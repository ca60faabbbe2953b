//! `aftersale journal`: export the case journal as CSV, or delete old cases.

use clap::{Args, Subcommand};
use std::path::PathBuf;

use aftersale::journal::Journal;
use aftersale::serve;

use super::error::{CliError, Exit};

#[derive(Args)]
pub struct JournalArgs {
    /// The case journal (default: the one `serve` uses).
    #[arg(long, value_name = "FILE", env = "AFTERSALE_JOURNAL", global = true)]
    journal: Option<PathBuf>,
    #[command(subcommand)]
    command: JournalCommand,
}

#[derive(Subcommand)]
enum JournalCommand {
    /// Print every case as CSV (phone numbers are already masked).
    Export {
        /// CSV (the only format for now; kept so scripts say what they expect).
        #[arg(long)]
        csv: bool,
    },
    /// Delete the cases handled before a date.
    Purge {
        /// The first day to keep (2026-01-01).
        #[arg(long, value_name = "DATE")]
        before: chrono::NaiveDate,
    },
}

pub fn run(args: JournalArgs) -> Result<Exit, CliError> {
    let path = args.journal.unwrap_or_else(serve::default_journal);
    if !path.exists() {
        return Err(CliError::read(
            format!("open the journal `{}`", path.display()),
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "没有这个文件；用 --journal 指定 serve 打印的路径 / no such file; give --journal with the path serve printed",
            ),
        ));
    }
    let journal = Journal::open(&path)?;
    match args.command {
        JournalCommand::Export { .. } => {
            let stdout = std::io::stdout();
            journal.export_csv(stdout.lock())?;
        }
        JournalCommand::Purge { before } => {
            let n = journal.purge_before(before)?;
            eprintln!(
                "已删除 {before} 之前的 {n} 个案例 / deleted {n} case(s) handled before {before}"
            );
        }
    }
    Ok(Exit::Done)
}
