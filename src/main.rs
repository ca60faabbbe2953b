//! The `aftersale` command: parses arguments, runs the verb, draws any error
//! and exits with its code (0 done, 1 a check, regression run or replay found
//! failures, 2 bad input, 3 an internal error; see [`cli::error::Exit`]). The
//! verbs live in `cli/`.

mod cli;

use clap::Parser;
use cli::error::Exit;
use std::process::ExitCode;

fn main() -> ExitCode {
    // Reading a case needs the policy and the lexicon, place and conversion
    // tables: start on them while the arguments are parsed.
    cli::start_early();
    let cli = cli::Cli::parse();
    cli::warm_up_here();
    // A panic is a bug: its message is already on standard error, and the
    // exit code says internal error rather than Rust's 101.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cli::run(cli)));
    match run {
        Ok(Ok(exit)) => exit.into(),
        Ok(Err(e)) => {
            if !matches!(e, cli::error::CliError::BrokenPipe) {
                eprintln!("{}", e.draw());
            }
            e.exit().into()
        }
        Err(_) => Exit::Internal.into(),
    }
}
