//! `aftersale serve`: starts the workbench and says where to open it.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

use aftersale::serve::{self, Config, Server};

use super::error::CliError;
use super::out;

#[derive(Args)]
pub struct ServeArgs {
    /// Where to listen. Another address than 127.0.0.1 needs --token.
    #[arg(long, default_value = "127.0.0.1:7878")]
    addr: SocketAddr,
    /// The case journal (default: journal.sqlite3 in the user's data folder).
    #[arg(long, value_name = "FILE", env = "AFTERSALE_JOURNAL")]
    journal: Option<PathBuf>,
    /// A secret every API call must carry (Authorization: Bearer …); required off 127.0.0.1.
    #[arg(long, env = "AFTERSALE_TOKEN")]
    token: Option<String>,
}

pub fn run(policy: Option<PathBuf>, args: ServeArgs) -> Result<u8, CliError> {
    let server = Server::start(Config {
        addr: args.addr,
        journal: args.journal.unwrap_or_else(serve::default_journal),
        policy,
        token: args.token,
        watch_every: std::time::Duration::from_millis(500),
    })?;
    out::line(&format!("打开 / open: {}", server.url))?;
    out::line(&format!("案例记录 / journal: {}", server.journal.display()))?;
    eprintln!("按 Ctrl-C 停止 / press Ctrl-C to stop");
    server.wait();
    Ok(0)
}
