//! The workbench server over real HTTP on a free port: advising and recording,
//! outcomes, the journal read back and replayed, bad requests, the token rule,
//! and policy edits while it runs.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aftersale::serve::{Config, ServeError, Server};
use serde_json::{Value, json};

use super::regression::tempdir;

/// A reply: status and body.
pub(super) struct Reply {
    pub(super) status: u16,
    pub(super) body: String,
}

impl Reply {
    pub(super) fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One HTTP/1.1 request on its own connection.
pub(super) fn request(
    server: &Server,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Length: {}\r\n",
        server.addr,
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    s.write_all(head.as_bytes()).expect("write head");
    // A refused large body may close the connection before all of it is sent.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    // Bodies may be chunked: keep only the JSON or page between the chunk sizes.
    let body = if text
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Reply { status, body }
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&rest[..n.min(rest.len())]);
        s = rest.get(n + 2..).unwrap_or("");
    }
    out
}

pub(super) const JSON: (&str, &str) = ("Content-Type", "application/json");

pub(super) fn post(server: &Server, path: &str, body: &Value) -> Reply {
    request(server, "POST", path, &[JSON], body.to_string().as_bytes())
}

pub(super) fn get(server: &Server, path: &str) -> Reply {
    request(server, "GET", path, &[], b"")
}

pub(super) fn start(dir: &Path, policy: Option<PathBuf>, token: Option<&str>) -> Server {
    Server::start(Config {
        addr: "127.0.0.1:0".parse().expect("an address"),
        journal: dir.join("journal.sqlite3"),
        policy,
        token: token.map(str::to_string),
        watch_every: Duration::from_millis(40),
        now: None,
    })
    .expect("the server starts")
}

/// A case as an agent pastes it from the workbench: order, address with phone, chat.
const PASTE: &str = "订单编号：4102938475610\n实付款：¥129.00\n收货人：李女士 13812345678\n收货地址：新疆维吾尔自治区乌鲁木齐市沙依巴克区 友好北路 88号\n\n李女士 2026-11-20 10:02:11\n鞋面上有一块小污渍，擦不掉\n星河鞋履旗舰店 2026-11-20 10:03:40\n亲，非常抱歉，给您补偿5元可以吗\n李女士 2026-11-20 10:05:02\n5块太少了，补15吧\n";

#[test]
fn a_case_is_advised_recorded_edited_closed_and_replayed() {
    let dir = tempdir("serve-journal");
    let server = start(&dir, None, None);

    let r = post(
        &server,
        "/api/advise",
        &json!({"text": PASTE, "agent": "小王"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let advice = r.json();
    let id = advice["case_id"].as_i64().expect("a case id");
    assert_eq!(advice["resolution"], "partial_refund", "{advice:#}");
    assert!(advice["reply"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(advice["facts"]["ask"]["value"], "15.00");
    assert_eq!(advice["facts"]["offered"]["value"], "5.00");

    // The agent sets the platform on the page: the same case is re-advised, not a new one.
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": PASTE, "facts": {"platform": "tmall", "--free-shipping": true}, "case_id": id}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["case_id"].as_i64(), Some(id));
    let listed = get(&server, "/api/cases").json();
    assert_eq!(
        listed["cases"].as_array().map(Vec::len),
        Some(1),
        "{listed:#}"
    );
    assert_eq!(listed["cases"][0]["order_no"], "4102938475610");
    assert_eq!(listed["cases"][0]["agent"], "小王");

    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "accepted", "amount": "12", "note": "买家同意"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["amount"], "12.00");

    // The journal reads back: the outcome, the facts the agent set, and no full phone number.
    let stored = get(&server, &format!("/api/cases/{id}")).json();
    assert_eq!(stored["outcome"], "accepted");
    assert_eq!(stored["facts"]["platform"], "tmall");
    let paste = stored["paste"].as_str().expect("the paste");
    assert!(
        paste.contains("138****5678") && !paste.contains("13812345678"),
        "{paste}"
    );
    let found = get(&server, "/api/cases?q=4102938475610").json();
    assert_eq!(found["cases"].as_array().map(Vec::len), Some(1));
    let none = get(&server, "/api/cases?q=9999999999").json();
    assert_eq!(none["cases"].as_array().map(Vec::len), Some(0));
    let stats = get(&server, "/api/stats").json();
    assert_eq!(stats["cases"], 1);
    assert_eq!(stats["money"]["agreed"], "12.00");
    drop(server);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("journal.sqlite3"))
            .expect("the journal")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "the journal is readable by its owner only");
    }

    // Replay reads the recorded facts as a log and sets the agreed ¥12 beside the advice.
    let journal = dir.join("journal.sqlite3");
    let out = super::aftersale(
        &["replay", "--journal", &journal.to_string_lossy(), "--json"],
        None,
    );
    assert!(out.status.success(), "{}", super::stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["lines"], 1);
    assert_eq!(report["agreed"]["cases"], 1);
    assert_eq!(report["agreed"]["agreed"], "12.00");
    assert_eq!(report["new"]["all"]["cases"], 1, "{report:#}");

    // `aftersale journal --journal <file> …`
    let journal_cmd = |args: &[&str]| {
        let file = journal.to_string_lossy();
        let mut all = vec!["journal", "--journal", &file];
        all.extend_from_slice(args);
        super::aftersale(&all, None)
    };
    let csv = journal_cmd(&["export", "--csv"]);
    assert!(csv.status.success());
    let csv = super::stdout(&csv);
    assert!(csv.lines().count() >= 2 && csv.contains("accepted") && !csv.contains("13812345678"));
    let purge = journal_cmd(&["purge", "--before", "2999-01-01"]);
    assert!(purge.status.success(), "{}", super::stderr(&purge));
    let after = journal_cmd(&["export", "--csv"]);
    assert_eq!(
        super::stdout(&after).lines().count(),
        1,
        "only the header is left"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_requests_get_a_status_and_words_never_a_crash() {
    let dir = tempdir("serve-bad");
    let server = start(&dir, None, None);
    let code = |r: &Reply| r.json()["error"]["code"].as_str().unwrap_or("").to_string();

    let r = request(&server, "POST", "/api/advise", &[JSON], b"{\"text\": ");
    assert_eq!((r.status, code(&r).as_str()), (400, "bad_json"));
    assert!(
        r.json()["error"]["zh"]
            .as_str()
            .is_some_and(|z| z.contains("JSON"))
    );

    let big = json!({"text": "买".repeat(400_000)}).to_string();
    let r = request(&server, "POST", "/api/advise", &[JSON], big.as_bytes());
    assert_eq!(r.status, 413, "{}", r.body);

    let r = request(
        &server,
        "POST",
        "/api/advise",
        &[("Content-Type", "text/plain")],
        b"{}",
    );
    assert_eq!((r.status, code(&r).as_str()), (415, "not_json"));

    let r = post(
        &server,
        "/api/advise",
        &json!({"text": "x", "facts": {"colour": "red"}}),
    );
    assert_eq!((r.status, code(&r).as_str()), (400, "unknown_fact"));

    let r = post(&server, "/api/advise", &json!({"text": "你好"}));
    assert_eq!((r.status, code(&r).as_str()), (422, "unreadable"));

    // A paste that is not text: the page's words in Chinese, the English apart.
    let r = post(&server, "/api/advise", &json!({"text": "鞋面有污渍\u{0}"}));
    assert_eq!((r.status, code(&r).as_str()), (422, "unreadable"));
    let error = &r.json()["error"];
    let zh = error["zh"].as_str().unwrap_or_default();
    assert!(
        zh.starts_with("粘贴的不是文字：") && !zh.contains(" / "),
        "{zh}"
    );
    assert!(!zh.chars().any(|c| c.is_ascii_lowercase()), "{zh}");
    assert_eq!(
        error["en"],
        "the paste is not text (it holds control characters)"
    );

    let r = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆", "price": "abc"}}),
    );
    assert_eq!(r.status, 422, "{}", r.body);

    let r = post(
        &server,
        "/api/cases/4242/outcome",
        &json!({"outcome": "accepted"}),
    );
    assert_eq!((r.status, code(&r).as_str()), (404, "not_found"));
    assert_eq!(get(&server, "/api/cases/4242").status, 404);
    assert_eq!(get(&server, "/api/cases/abc").status, 404);

    let r = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}),
    );
    let id = r.json()["case_id"].as_i64().expect("a case");
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "maybe"}),
    );
    assert_eq!((r.status, code(&r).as_str()), (400, "bad_outcome"));
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "accepted", "amount": "ten"}),
    );
    assert_eq!((r.status, code(&r).as_str()), (400, "bad_amount"));
    assert_eq!(get(&server, "/api/cases?date=20261120").status, 400);
    assert_eq!(get(&server, "/api/nothing").status, 404);

    // The page itself carries a script policy that lets only its own script run.
    let page = get(&server, "/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<textarea"));
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn off_loopback_needs_a_token_and_every_api_call_carries_it() {
    let dir = tempdir("serve-token");
    let refused = Server::start(Config {
        addr: "0.0.0.0:0".parse().expect("an address"),
        journal: dir.join("journal.sqlite3"),
        policy: None,
        token: None,
        watch_every: Duration::from_secs(1),
        now: None,
    });
    assert!(matches!(refused, Err(ServeError::NeedsToken(_))));

    let weak = Server::start(Config {
        addr: "0.0.0.0:0".parse().expect("an address"),
        journal: dir.join("journal.sqlite3"),
        policy: None,
        token: Some("a".into()),
        watch_every: Duration::from_secs(1),
        now: None,
    });
    assert!(matches!(weak, Err(ServeError::WeakToken(16))));

    let server = start(&dir, None, Some("s3cret-token-0123456789"));
    assert!(
        server.url.ends_with("?token=s3cret-token-0123456789"),
        "{}",
        server.url
    );
    assert_eq!(get(&server, "/api/policy").status, 401);
    let wrong = request(
        &server,
        "GET",
        "/api/policy",
        &[("Authorization", "Bearer nope")],
        b"",
    );
    assert_eq!(wrong.status, 401);
    let right = request(
        &server,
        "GET",
        "/api/policy",
        &[("Authorization", "Bearer s3cret-token-0123456789")],
        b"",
    );
    assert_eq!(right.status, 200, "{}", right.body);
    let body = json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}).to_string();
    let r = request(&server, "POST", "/api/advise", &[JSON], body.as_bytes());
    assert_eq!(r.status, 401);
    let r = request(
        &server,
        "POST",
        "/api/advise",
        &[JSON, ("X-Aftersale-Token", "s3cret-token-0123456789")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    // The page holds no data and loads without the token; its calls carry it.
    assert_eq!(get(&server, "/").status, 200);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Waits until `/api/policy` satisfies `done`, for at most ten seconds.
fn wait_for(server: &Server, done: impl Fn(&Value) -> bool) -> Value {
    let start = Instant::now();
    loop {
        let p = get(server, "/api/policy").json();
        if done(&p) || start.elapsed() > Duration::from_secs(10) {
            return p;
        }
        std::thread::sleep(Duration::from_millis(30));
    }
}

/// Replaces a file at once, as editors save, so the watcher never reads half of it.
fn save(file: &Path, text: &str) {
    let tmp = file.with_extension("yaml.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, file).expect("rename");
}

#[test]
fn a_policy_edit_is_used_when_valid_and_refused_when_broken() {
    let dir = tempdir("serve-reload");
    let file = dir.join("policy.yaml");
    let original = std::fs::read_to_string(super::repo("policies/default.yaml")).expect("policy");
    std::fs::write(&file, &original).expect("write");
    let server = start(&dir, Some(file.clone()), None);
    assert_eq!(get(&server, "/api/policy").json()["name"], "默认售后策略");

    // A valid edit: the next request uses it.
    let renamed = original.replacen("name: 默认售后策略", "name: 双十一售后策略", 1);
    save(&file, &renamed);
    let p = wait_for(&server, |p| p["name"] == "双十一售后策略");
    assert_eq!(p["name"], "双十一售后策略", "{p:#}");
    assert!(p["reload_error"].is_null());
    let r = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}),
    );
    assert_eq!(r.json()["policy"]["name"], "双十一售后策略");

    // A broken edit: refused, the last good policy stays, the error is there to show.
    save(
        &file,
        &renamed.replacen("name: 双十一售后策略", "name: [unclosed", 1),
    );
    let p = wait_for(&server, |p| !p["reload_error"].is_null());
    let why = p["reload_error"].as_str().expect("the refusal is shown");
    assert!(
        why.contains("已拒绝") && why.contains("policy.yaml"),
        "{why}"
    );
    assert_eq!(p["name"], "双十一售后策略");
    let r = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["policy"]["name"], "双十一售后策略");

    // Fixed again: the error goes away.
    save(&file, &original);
    let p = wait_for(&server, |p| {
        p["reload_error"].is_null() && p["name"] == "默认售后策略"
    });
    assert_eq!(p["name"], "默认售后策略");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_edit_that_moves_money_waits_for_the_managers_confirmation() {
    let dir = tempdir("serve-confirm");
    let file = dir.join("policy.yaml");
    let original = std::fs::read_to_string(super::repo("policies/default.yaml")).expect("policy");
    std::fs::write(&file, &original).expect("write");
    let server = start(&dir, Some(file.clone()), None);
    let xinjiang = json!({"facts": {"defect": "小瑕疵", "region": "新疆"}});
    let ceiling = |s: &Server| post(s, "/api/advise", &xinjiang).json()["offer"]["max"].clone();
    assert_eq!(ceiling(&server), "15.00");

    // The remote ceiling goes from ¥15 to ¥25: shown with its impact, not used yet.
    let raised = original.replacen(
        "offer: {open: \"10.00\", max: \"15.00\"}",
        "offer: {open: \"10.00\", max: \"25.00\"}",
        1,
    );
    save(&file, &raised);
    let p = wait_for(&server, |p| !p["pending"].is_null());
    let impact = p["pending"]["impact"]
        .as_str()
        .expect("the impact is shown");
    assert!(
        impact.contains("个案例的建议变了") && impact.contains("small_flaw_remote"),
        "{impact}"
    );
    assert_eq!(ceiling(&server), "15.00", "used before it was confirmed");

    // A stale confirmation changes nothing; the right one puts the edit live.
    let r = post(&server, "/api/policy/confirm", &json!({"hash": "0000"}));
    assert_eq!(r.status, 409, "{}", r.body);
    let hash = p["pending"]["hash"].clone();
    let r = post(&server, "/api/policy/confirm", &json!({"hash": hash}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(ceiling(&server), "25.00");
    let p = get(&server, "/api/policy").json();
    assert!(p["pending"].is_null());
    assert!(
        p["last_impact"]
            .as_str()
            .is_some_and(|t| t.contains("small_flaw_remote"))
    );

    // Switched off in the policy: an edit goes live on save, its impact still shown.
    let unconfirmed = raised.replacen("confirm_changes: true", "confirm_changes: false", 1);
    let unconfirmed = unconfirmed.replacen("max: \"25.00\"}", "max: \"20.00\"}", 1);
    save(&file, &unconfirmed);
    let start = Instant::now();
    while ceiling(&server) != "20.00" && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(30));
    }
    assert_eq!(ceiling(&server), "20.00");
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
