//! `aftersale serve`: the agents' workbench as a local web server. One page
//! for agents and one for the manager, compiled in; a JSON API the pages use;
//! every answered case recorded in the [journal](crate::journal); the policy
//! file watched and reloaded when a valid edit lands.

mod api;
mod error;
mod live;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use error::ApiError;
pub use live::{Live, Loaded};

use crate::journal::{Journal, JournalError};
use crate::policy::PolicyError;

/// The largest request body accepted (1 MB).
pub const MAX_BODY: usize = 1 << 20;

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
}

/// A running server; dropping it stops it.
pub struct Server {
    /// The address it listens on (the real port when 0 was asked for).
    pub addr: SocketAddr,
    /// The URL to open (with the token, when there is one).
    pub url: String,
    /// The journal's file.
    pub journal: PathBuf,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Opens the journal, loads the policy, binds and starts serving on a background thread.
    pub fn start(config: Config) -> Result<Server, ServeError> {
        if !config.addr.ip().is_loopback() && config.token.as_deref().is_none_or(str::is_empty) {
            return Err(ServeError::NeedsToken(config.addr));
        }
        let journal = Journal::open(&config.journal)?;
        let live = Live::load(config.policy.as_deref())?;
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
        let state = Arc::new(AppState {
            live,
            journal,
            token: config.token.clone(),
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
                    let app = router(state);
                    let _ = axum::serve(listener, app)
                        .with_graceful_shutdown(async {
                            let _ = rx.await;
                        })
                        .await;
                });
            })
            .map_err(ServeError::Runtime)?;
        Ok(Server {
            addr,
            url,
            journal: config.journal,
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

/// The routes.
fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/", get(|| async { page(PAGE, &PAGE_CSP) }))
        .route("/manager", get(|| async { page(MANAGER, &MANAGER_CSP) }))
        .route("/api/advise", post(api::advise))
        .route("/api/cases", get(api::cases))
        .route("/api/cases/{id}", get(api::case))
        .route("/api/cases/{id}/outcome", post(api::outcome))
        .route("/api/policy", get(api::policy))
        .route("/api/policy/confirm", post(api::confirm_policy))
        .route("/api/stats", get(api::stats))
        .route("/api/vocab", get(api::vocab))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY))
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
