//! The `aftersale` command: parses arguments, runs the verb, draws any error
//! and exits with its code (0 advice given, 1 a regression case failed, 2 bad
//! input, a bad policy or a missing fact). The verbs live in `cli/`.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Reading a case needs the policy and the lexicon, place and conversion
    // tables: start on them while the arguments are parsed.
    cli::start_early();
    let cli = cli::Cli::parse();
    cli::warm_up_here();
    match cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if !matches!(e, cli::error::CliError::BrokenPipe) {
                eprintln!("{}", e.draw());
            }
            ExitCode::from(e.exit_code())
        }
    }
}
