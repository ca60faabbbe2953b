//! `aftersale serve`: starts the workbench and says where to open it.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

use aftersale::serve::{self, Config, Server};

use super::error::{CliError, Exit};
use super::out;

#[derive(Args)]
pub struct ServeArgs {
    /// Where to listen: a loopback address (127.0.0.1, any 127.x.x.x, [::1],
    /// localhost) needs no token; any other needs --token.
    #[arg(long, default_value = "127.0.0.1:7878", value_parser = parse_addr)]
    addr: SocketAddr,
    /// The case journal (default: journal.sqlite3 in the user's data folder).
    #[arg(long, value_name = "FILE", env = "AFTERSALE_JOURNAL")]
    journal: Option<PathBuf>,
    /// A secret every API call must carry (Authorization: Bearer …); required off 127.0.0.1.
    #[arg(long, env = "AFTERSALE_TOKEN")]
    token: Option<String>,
    /// 退款队列计时的时刻 / a fixed moment the refund queue counts down from (tests, demonstrations).
    #[arg(long, env = "AFTERSALE_NOW", value_parser = super::queue::parse_now)]
    now: Option<chrono::NaiveDateTime>,
}

pub fn run(policy: Option<PathBuf>, args: ServeArgs) -> Result<Exit, CliError> {
    let server = Server::start(Config {
        addr: args.addr,
        journal: args.journal.unwrap_or_else(serve::default_journal),
        policy,
        token: args.token,
        watch_every: std::time::Duration::from_millis(500),
        now: args.now,
    })?;
    out::line(&format!("打开 / open: {}", server.url))?;
    out::line(&format!("案例记录 / journal: {}", server.journal.display()))?;
    if server.purged > 0 {
        eprintln!(
            "已删除超过 {} 天的 {} 个案例（策略 settings.workbench.keep_days）/ deleted {} case(s) older than {} days",
            server.keep_days, server.purged, server.purged, server.keep_days
        );
    }
    eprintln!("按 Ctrl-C 停止 / press Ctrl-C to stop");
    server.wait();
    Ok(Exit::Done)
}

/// An address as `127.0.0.1:7878`, `[::1]:7878` or `localhost:7878` (a name
/// is looked up; its IPv4 address is preferred).
fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    use std::net::ToSocketAddrs;
    if let Ok(a) = text.parse() {
        return Ok(a);
    }
    let found: Vec<SocketAddr> = text
        .to_socket_addrs()
        .map_err(|e| {
            format!(
                "地址 `{text}` 不对（写成 127.0.0.1:7878 或 localhost:7878）/ not an address: {e}"
            )
        })?
        .collect();
    found
        .iter()
        .find(|a| a.is_ipv4())
        .or(found.first())
        .copied()
        .ok_or_else(|| format!("地址 `{text}` 找不到 / `{text}` resolves to nothing"))
}
