//! `aftersale serve`: the agents' workbench as a local web server. One page
//! for agents and one for the manager, compiled in; a JSON API the pages use;
//! every answered case recorded in the [journal](crate::journal); the policy
//! file watched and reloaded when a valid edit lands.

mod agent;
mod api;
mod error;
mod live;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

pub use error::ApiError;
pub use live::{Live, Loaded};

use crate::journal::{Journal, JournalError};
use crate::policy::{PolicyError, Workbench};

/// The largest request body accepted (1 MB).
pub const MAX_BODY: usize = 1 << 20;
/// The largest refund list the 退款队列 view takes (16 MB: tens of thousands of refunds).
pub const MAX_QUEUE_BODY: usize = 16 << 20;

/// The agents' page.
const PAGE: &str = include_str!("page.html");
/// The manager's page.
const MANAGER: &str = include_str!("manager.html");

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where to listen; loopback unless a token is given.
    pub addr: SocketAddr,
    /// The journal file.
    pub journal: PathBuf,
    /// The policy file to use and watch (the bundled one when absent).
    pub policy: Option<PathBuf>,
    /// The token every API call must carry, required off loopback.
    pub token: Option<String>,
    /// How often the policy file is looked at.
    pub watch_every: Duration,
    /// The moment the refund queue counts down from, when fixed (tests,
    /// demonstrations); the clock's when `None`.
    pub now: Option<chrono::NaiveDateTime>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The policy could not be loaded.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The journal could not be opened.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// Listening on a non-loopback address needs a token.
    #[error(
        "监听 {0} 会让局域网里的其他人访问案例记录，必须加 --token / listening on {0} exposes the journal to the network: add --token <secret>\n  = help: 只在本机用就去掉 --addr（默认 127.0.0.1:7878）；否则加 --token 一个长随机串"
    )]
    NeedsToken(SocketAddr),
    /// A token too short to stand against guessing.
    #[error(
        "--token 太短：至少 {0} 个字符 / the token is too short: at least {0} characters\n  = help: 用一个长随机串，如 `head -c 18 /dev/urandom | base64` 的输出"
    )]
    WeakToken(usize),
    /// The address is taken or not ours.
    #[error(
        "无法监听 {addr} / cannot listen on {addr}: {source}\n  = help: 换一个端口，如 --addr 127.0.0.1:7879"
    )]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The async runtime could not start.
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
}

/// What every handler shares.
pub(crate) struct AppState {
    live: Live,
    journal: Journal,
    token: Option<String>,
    /// The limits read from the policy at start.
    limits: Workbench,
    /// One permit per paste being read and advised.
    advising: Arc<Semaphore>,
    /// Wrong tokens are answered one at a time, each after a wait.
    wrong_token: tokio::sync::Mutex<()>,
    /// The `Host` names answered without a token (each with or without the port).
    hosts: Vec<String>,
    /// The port listened on.
    port: u16,
    /// The refund queue's fixed "now", if any.
    now: Option<chrono::NaiveDateTime>,
}

impl AppState {
    /// The moment the refund queue counts from.
    fn now(&self) -> chrono::NaiveDateTime {
        self.now
            .unwrap_or_else(|| chrono::Local::now().naive_local())
    }
}

/// A running server; dropping it stops it.
pub struct Server {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The URL to open (with the token, when there is one).
    pub url: String,
    /// The journal's file.
    pub journal: PathBuf,
    /// Cases deleted at start for being older than the policy keeps them.
    pub purged: usize,
    /// Days the policy keeps a case (0: for ever).
    pub keep_days: u32,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Opens the journal, loads the policy, binds and starts serving on a background thread.
    pub fn start(config: Config) -> Result<Server, ServeError> {
        if !config.addr.ip().is_loopback() && config.token.as_deref().is_none_or(str::is_empty) {
            return Err(ServeError::NeedsToken(config.addr));
        }
        let live = Live::load(config.policy.as_deref())?;
        let limits = live.current().policy.workbench().clone();
        if let Some(t) = &config.token
            && t.chars().count() < limits.token_min_chars
        {
            return Err(ServeError::WeakToken(limits.token_min_chars));
        }
        let journal = Journal::open(&config.journal)?;
        if config.journal == default_journal()
            && let Some(dir) = config.journal.parent()
        {
            crate::journal::owner_only_folder(dir).map_err(|source| JournalError::Create {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let purged = journal.keep_days(limits.keep_days, chrono::Local::now().date_naive())?;
        let listener =
            std::net::TcpListener::bind(config.addr).map_err(|source| ServeError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(ServeError::Runtime)?;
        listener
            .set_nonblocking(true)
            .map_err(ServeError::Runtime)?;
        let url = match &config.token {
            Some(t) => format!("http://{addr}/?token={t}"),
            None => format!("http://{addr}/"),
        };
        let keep_days = limits.keep_days;
        let state = Arc::new(AppState {
            live,
            journal,
            token: config.token.clone(),
            advising: Arc::new(Semaphore::new(limits.advise_at_once.max(1))),
            wrong_token: tokio::sync::Mutex::new(()),
            hosts: allowed_hosts(addr.ip()),
            port: addr.port(),
            limits,
            now: config.now,
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("aftersale-serve")
            .build()
            .map_err(ServeError::Runtime)?;
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let watch_every = config.watch_every;
        let thread = std::thread::Builder::new()
            .name("aftersale-serve".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                        return;
                    };
                    let watcher = state.clone();
                    tokio::spawn(async move {
                        let mut tick = tokio::time::interval(watch_every);
                        loop {
                            tick.tick().await;
                            let s = watcher.clone();
                            let _ = tokio::task::spawn_blocking(move || {
                                // The journal's cases join the impact only when the file changed.
                                s.live.check_file_with(|| {
                                    s.journal.replay_rows().map_or_else(
                                        |_| Vec::new(),
                                        |rows| rows.into_iter().map(|r| (r.id, r.line)).collect(),
                                    )
                                })
                            })
                            .await;
                        }
                    });
                    let journal = state.clone();
                    tokio::spawn(async move {
                        let mut tick = tokio::time::interval(Duration::from_secs(1));
                        loop {
                            tick.tick().await;
                            let s = journal.clone();
                            let _ =
                                tokio::task::spawn_blocking(move || s.journal.checkpoint()).await;
                        }
                    });
                    accept(listener, state, rx).await;
                });
                // A paste still being read past its deadline is not waited for.
                runtime.shutdown_timeout(Duration::from_millis(100));
            })
            .map_err(ServeError::Runtime)?;
        Ok(Server {
            addr,
            url,
            journal: config.journal,
            purged,
            keep_days,
            shutdown: Some(tx),
            thread: Some(thread),
        })
    }

    /// Serves until the process is stopped.
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Serves connections until `stop` fires: at most `connections` at once (one
/// more is answered 503 and closed), each with its headers due within
/// `header_seconds`.
async fn accept(
    listener: tokio::net::TcpListener,
    state: Arc<AppState>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let open = Arc::new(Semaphore::new(state.limits.connections.max(1)));
    let header_timeout = Duration::from_secs(state.limits.header_seconds.max(1));
    let app = router(state);
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut stop => return,
            got = listener.accept() => match got {
                Ok(s) => s,
                // Out of file descriptors or the like: wait a moment, keep serving.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Ok(permit) = open.clone().try_acquire_owned() else {
            tokio::spawn(refuse_busy(stream));
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let io = TokioIo::new(stream);
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(io, service);
            // The header timeout runs from the moment hyper waits for a request,
            // so a client that sends nothing, or stays idle between requests, is let go too.
            let _ = conn.await;
            drop(permit);
        });
    }
}

/// Answers a connection over the cap with 503 and closes it.
async fn refuse_busy(stream: tokio::net::TcpStream) {
    let body = r#"{"error":{"code":"busy","zh":"服务器连接已满，请稍后再试","en":"too many connections; try again shortly"}}"#;
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    // One write into an empty socket buffer: a client that does not read gets nothing more.
    if let Ok(Ok(())) = tokio::time::timeout(Duration::from_secs(1), stream.writable()).await {
        let _ = stream.try_write(reply.as_bytes());
    }
}

/// The `Host` names a token-less server answers: loopback names, and the
/// address it listens on.
fn allowed_hosts(ip: IpAddr) -> Vec<String> {
    let mut hosts = vec![
        "127.0.0.1".to_string(),
        "localhost".to_string(),
        "[::1]".to_string(),
    ];
    let own = match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    };
    if !hosts.contains(&own) && ip.is_loopback() {
        hosts.push(own);
    }
    hosts
}

/// Refuses, before anything else, a token-less request whose `Host` is not
/// the machine itself (421): a web page that rebinds its own name to
/// 127.0.0.1 must not read the journal. Then a body declared over the limit
/// (413, before a byte of it is read), then a body not sent in time (408).
async fn guard(State(state): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    if state.token.is_none() {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !host_is_ours(&host, &state.hosts, state.port) {
            return ApiError::new(
                StatusCode::MISDIRECTED_REQUEST,
                "host",
                "这个地址不是工作台：请用启动时打印的网址（127.0.0.1 或 localhost）打开",
                format!("host `{host}` is not served: open the address printed at start"),
            )
            .into_response();
        }
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // A refund list may be larger than a paste.
    let limit = if req.uri().path() == "/api/queue" {
        MAX_QUEUE_BODY
    } else {
        MAX_BODY
    };
    if declared.is_some_and(|n| n > limit as u64) {
        let mut r = api::too_large_for(limit).into_response();
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    let (parts, body) = req.into_parts();
    let wait = Duration::from_secs(state.limits.body_seconds.max(1));
    let bytes = match tokio::time::timeout(wait, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(b)) => b,
        Ok(Err(_)) => return api::too_large_for(limit).into_response(),
        Err(_) => {
            let mut r = ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "slow_body",
                format!("请求没有在 {} 秒内发完，已断开", wait.as_secs()),
                format!(
                    "the request body did not arrive within {} s",
                    wait.as_secs()
                ),
            )
            .into_response();
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            return r;
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// Whether a `Host` header names this server: an allowed name, with this port or none.
fn host_is_ours(host: &str, hosts: &[String], port: u16) -> bool {
    let (name, given_port) = match host.rsplit_once(':') {
        Some((n, p)) if !n.is_empty() && (n.ends_with(']') || !n.contains(':')) => (n, Some(p)),
        _ => (host, None),
    };
    hosts.iter().any(|h| h == name) && given_port.is_none_or(|p| p == port.to_string())
}

/// The routes.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(|| async { page(PAGE, &PAGE_CSP) }))
        .route("/manager", get(|| async { page(MANAGER, &MANAGER_CSP) }))
        .route("/api/advise", post(api::advise))
        .route(
            "/api/queue",
            post(api::queue).layer(DefaultBodyLimit::max(MAX_QUEUE_BODY)),
        )
        .route("/api/cases", get(api::cases))
        .route("/api/cases/{id}", get(api::case))
        .route("/api/cases/{id}/outcome", post(api::outcome))
        .route("/api/policy", get(api::policy))
        .route("/api/policy/confirm", post(api::confirm_policy))
        .route("/api/stats", get(api::stats))
        .route("/api/vocab", get(api::vocab))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// Each page's content security policy, hashed once.
static PAGE_CSP: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| policy_for(PAGE));
static MANAGER_CSP: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| policy_for(MANAGER));

/// A page, with headers that keep it from being framed, sniffed or running injected script.
fn page(html: &'static str, csp: &str) -> Response {
    let mut r = (StatusCode::OK, html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if let Ok(v) = HeaderValue::from_str(csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    r
}

/// The page's content security policy: only its own inline script (by hash) runs.
fn policy_for(html: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let mut hashes = String::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script>") {
        let body = &rest[start + "<script>".len()..];
        let Some(end) = body.find("</script>") else {
            break;
        };
        let digest = sha2::Sha256::digest(&body.as_bytes()[..end]);
        hashes.push_str(&format!(
            " 'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(digest)
        ));
        rest = &body[end..];
    }
    format!(
        "default-src 'none'; script-src{hashes}; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
}

/// Unknown paths: JSON for the API, a short text otherwise.
async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("没有这个接口：{}", uri.path()),
            format!("no such endpoint: {}", uri.path()),
        )
        .into_response()
    } else {
        (StatusCode::NOT_FOUND, "404 — 没有这个页面 / not found").into_response()
    }
}

/// A JSON response.
pub(crate) fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut r = (status, value.to_string()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

/// The journal's default place: the user's data folder (`~/.local/share/aftersale` on Linux).
pub fn default_journal() -> PathBuf {
    directories::ProjectDirs::from("", "", "aftersale").map_or_else(
        || PathBuf::from("aftersale-journal.sqlite3"),
        |d| d.data_dir().join("journal.sqlite3"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_machines_own_names_are_hosts() {
        let hosts = allowed_hosts("127.0.0.2".parse().expect("an address"));
        for ok in [
            "127.0.0.1:7878",
            "localhost:7878",
            "[::1]:7878",
            "127.0.0.2:7878",
            "localhost",
        ] {
            assert!(host_is_ours(ok, &hosts, 7878), "{ok}");
        }
        for bad in [
            "evil.example:7878",
            "127.0.0.1:80",
            "localhost.evil.example:7878",
            "",
            "[::2]:7878",
        ] {
            assert!(!host_is_ours(bad, &hosts, 7878), "{bad}");
        }
    }

    #[test]
    fn only_the_pages_own_scripts_are_allowed() {
        let csp = policy_for("<p>x</p><script>let a = 1;</script>");
        assert!(csp.contains("script-src 'sha256-"), "{csp}");
        let script = csp
            .split(';')
            .find(|d| d.contains("script-src"))
            .unwrap_or("");
        assert!(!script.contains("unsafe-inline"), "{csp}");
        assert_ne!(
            policy_for("<script>let a = 1;</script>"),
            policy_for("<script>let a = 2;</script>")
        );
    }
}
