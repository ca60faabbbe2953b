//! Load on the workbench: `cargo bench --bench load`. Starts the server on a
//! free loopback port with a fresh journal, then 200 clients, each on its own
//! kept-alive connection, post real pastes to /api/advise (every one is
//! recorded). Two runs: agents at work (each client sends a case, then waits
//! 100–300 ms, as a person would) and flat out (no wait, for the ceiling).
//! Prints p50, p99 and the slowest latency, and requests per second.
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use aftersale::serve::{Config, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const CLIENTS: usize = 200;

/// Pastes from the written corpus, as request bodies.
fn bodies() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake/written");
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("the written pastes")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries.into_iter().take(40) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        #[derive(serde::Deserialize)]
        struct Paste {
            paste: String,
        }
        if let Ok(p) = serde_saphyr::from_str::<Paste>(&text) {
            out.push(serde_json::json!({"text": p.paste, "agent": "load"}).to_string());
        }
    }
    out
}

/// One client: requests until `until`, with `think` between them; its latencies.
async fn client(
    addr: std::net::SocketAddr,
    bodies: Arc<Vec<String>>,
    seed: usize,
    until: Instant,
    think: Option<(u64, u64)>,
) -> (Vec<Duration>, u64) {
    let mut lat = Vec::new();
    let mut errors = 0;
    let Ok(mut s) = tokio::net::TcpStream::connect(addr).await else {
        return (lat, 1);
    };
    let _ = s.set_nodelay(true);
    let mut buf = vec![0u8; 1 << 16];
    let mut i = seed;
    let mut rng = fastrand::Rng::with_seed(seed as u64);
    if let Some((lo, hi)) = think {
        // Start spread out, as agents do.
        tokio::time::sleep(Duration::from_millis(rng.u64(0..hi.max(lo + 1)))).await;
    }
    while Instant::now() < until {
        let body = &bodies[i % bodies.len()];
        i += 1;
        let req = format!(
            "POST /api/advise HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let t = Instant::now();
        if s.write_all(req.as_bytes()).await.is_err() {
            errors += 1;
            break;
        }
        match read_reply(&mut s, &mut buf).await {
            Some(200) => lat.push(t.elapsed()),
            Some(_) => {
                lat.push(t.elapsed());
                errors += 1;
            }
            None => {
                errors += 1;
                break;
            }
        }
        if let Some((lo, hi)) = think {
            tokio::time::sleep(Duration::from_millis(rng.u64(lo..hi))).await;
        }
    }
    (lat, errors)
}

/// Reads one response (headers and a Content-Length body); its status.
async fn read_reply(s: &mut tokio::net::TcpStream, buf: &mut [u8]) -> Option<u16> {
    let mut have = Vec::new();
    loop {
        let n = s.read(buf).await.ok()?;
        if n == 0 {
            return None;
        }
        have.extend_from_slice(&buf[..n]);
        if let Some(end) = have.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&have[..end]).to_ascii_lowercase();
            let status = head.split(' ').nth(1)?.parse().ok()?;
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            while have.len() < end + 4 + len {
                let n = s.read(buf).await.ok()?;
                if n == 0 {
                    return None;
                }
                have.extend_from_slice(&buf[..n]);
            }
            return Some(status);
        }
    }
}

fn run(
    server: &Server,
    bodies: &Arc<Vec<String>>,
    clients: usize,
    secs: u64,
    think: Option<(u64, u64)>,
) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let started = Instant::now();
    let until = started + Duration::from_secs(secs);
    let (mut lat, errors) = rt.block_on(async {
        let tasks: Vec<_> = (0..clients)
            .map(|c| tokio::spawn(client(server.addr, bodies.clone(), c, until, think)))
            .collect();
        let mut all = Vec::new();
        let mut errors = 0;
        for t in tasks {
            if let Ok((l, e)) = t.await {
                all.extend(l);
                errors += e;
            }
        }
        (all, errors)
    });
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let name = match think {
        Some((lo, hi)) => format!("agents at work (wait {lo}–{hi} ms between cases)"),
        None => "flat out (no wait)".to_string(),
    };
    println!(
        "{name}: {clients} clients, {secs} s: {} requests, {:.0}/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms, errors {errors}",
        lat.len(),
        lat.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0),
    );
}

fn main() {
    let secs: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10);
    let dir = std::env::temp_dir().join(format!("aftersale-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = Server::start(Config {
        addr: "127.0.0.1:0".parse().expect("an address"),
        journal: dir.join("journal.sqlite3"),
        policy: None,
        token: None,
        watch_every: Duration::from_secs(1),
        now: None,
    })
    .expect("the server starts");
    let bodies = Arc::new(bodies());
    println!(
        "load: {} pastes from tests/intake/written, journal on ({})",
        bodies.len(),
        server.journal.display()
    );
    // One client alone: the service time, with no queue.
    run(&server, &bodies, 1, secs.min(3), None);
    run(&server, &bodies, CLIENTS, secs, Some((100, 300)));
    run(&server, &bodies, CLIENTS, secs, None);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
