//! `aftersale extract`: only the facts read from a paste, with their sources.

use clap::Args;
use std::path::{Path, PathBuf};

use aftersale::{render, session};

use super::advise::read_input;
use super::error::{CliError, Exit};
use super::{load_policy, out};

#[derive(Args)]
pub struct ExtractArgs {
    /// File holding the paste; `-` reads standard input.
    file: Option<PathBuf>,
    /// The paste itself.
    // A paste may start with `-` (`--- 以下为买家消息 ---`): it is still the paste.
    #[arg(long, allow_hyphen_values = true)]
    text: Option<String>,
    /// Print the facts as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(
    policy: Option<&PathBuf>,
    args: ExtractArgs,
    today: chrono::NaiveDate,
) -> Result<Exit, CliError> {
    let policy = load_policy(policy)?;
    let text = match (args.text, args.file) {
        (Some(t), _) => t,
        (None, Some(p)) => read_input(&p)?,
        (None, None) => read_input(Path::new("-"))?,
    };
    let facts = session::read_paste(&policy, &text, today)?;
    if args.json {
        out::line(&render::json::facts(&facts)?)?;
    } else {
        out::print(&render::text::facts(&facts))?;
    }
    Ok(Exit::Done)
}
