//! The workbench on a shop's network, over real HTTP: bounded work (a huge
//! paste, slow clients, a declared body over the limit, the connection cap),
//! the Host rule and tokens, phone numbers, names and streets kept out of the
//! journal and its export, formula cells, outcomes that mean what they say,
//! the case list at 50,000 cases a day, retention and purge, and the agent's
//! words.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use aftersale::serve::Server;
use serde_json::{Value, json};

use super::regression::tempdir;
use super::serve::{JSON, get, post, request, start};

/// The bundled policy with some of `settings.workbench` changed.
fn policy_with(dir: &Path, changes: &[(&str, &str)]) -> PathBuf {
    let mut text = aftersale::policy::BUNDLED.to_string();
    for (key, value) in changes {
        let at = text
            .find(&format!("    {key}: "))
            .unwrap_or_else(|| panic!("settings.workbench.{key} in the bundled policy"));
        let end = at + text[at..].find('#').expect("a comment after the value");
        text.replace_range(at..end, &format!("    {key}: {value}   "));
    }
    let file = dir.join("policy.yaml");
    std::fs::write(&file, text).expect("write the policy");
    file
}

/// `journal export --csv` of the journal in `dir`.
fn export_csv(dir: &Path) -> std::process::Output {
    super::aftersale(
        &[
            "journal",
            "--journal",
            &dir.join("journal.sqlite3").to_string_lossy(),
            "export",
            "--csv",
        ],
        None,
    )
}

/// Every file under `dir`, read whole.
fn bytes_on_disk(dir: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for e in std::fs::read_dir(dir).expect("the folder").flatten() {
        if e.path().is_file() {
            all.extend(std::fs::read(e.path()).expect("a file"));
        }
    }
    all
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Numbers in every form a phone is written, each inside Chinese text.
const PHONES: [&str; 12] = [
    "13812345678",
    "+86 139-2345-6789",
    "0086.150.3456.7890",
    "１３７１２３４５６７８",
    "0571-87654321",
    "(010)62345678",
    "400-812-3456",
    "0912-345-678",
    "+886 912 345 679",
    "9123 4567",
    "+852 6123 4568",
    "+853 6612 3457",
];

/// A number without its spacing and brackets, as it may also be written.
fn compact(phone: &str) -> String {
    phone.chars().filter(|c| !" -.()+".contains(*c)).collect()
}

#[test]
fn phones_names_and_streets_are_kept_out_of_the_journal_and_its_export() {
    let dir = tempdir("wb-mask");
    let server = start(&dir, None, None);
    let mut paste = String::from(
        "订单编号：4102938475610\n买家昵称：tb_小鱼\n实付款：¥129.00\n收货人：王小明\n收货地址：浙江省杭州市西湖区 文三路 478 号\n",
    );
    for (i, p) in PHONES.iter().enumerate() {
        paste.push_str(&format!("买家：我的电话{p}，第{i}个\n"));
    }
    paste.push_str("买家：鞋面有污渍 补偿10块吧\n");
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": paste, "agent": "小王 13912345678"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let id = r.json()["case_id"].as_i64().expect("a case id");
    let line = &r.json()["summary"];
    assert_eq!(line["order_no"], "4102938475610");
    assert_eq!(line["buyer"], "tb_小鱼");
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "accepted", "amount": "10", "note": "买家说打 0571 8765 4329 或 18612345678"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let stored = get(&server, &format!("/api/cases/{id}")).body;
    drop(server);
    let csv = export_csv(&dir);
    let csv = super::stdout(&csv);
    let disk = bytes_on_disk(&dir);
    for (what, text) in [
        ("stored", stored.as_bytes()),
        ("csv", csv.as_bytes()),
        ("disk", &disk),
    ] {
        for p in PHONES
            .iter()
            .copied()
            .chain(["0571 8765 4329", "18612345678", "13912345678"])
        {
            assert!(!contains(text, p), "{what} holds {p}");
            assert!(!contains(text, &compact(p)), "{what} holds {p}");
        }
        for secret in ["王小明", "小明", "文三路"] {
            assert!(!contains(text, secret), "{what} holds {secret}");
        }
    }
    assert!(
        stored.contains("王**") && stored.contains("西湖区 ****"),
        "{stored}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_token_only_the_machines_own_names_are_answered() {
    let dir = tempdir("wb-host");
    let server = start(&dir, None, None);
    let port = server.addr.port();
    for (host, status) in [
        (format!("127.0.0.1:{port}"), 200),
        (format!("localhost:{port}"), 200),
        (format!("[::1]:{port}"), 200),
        (format!("evil.example:{port}"), 421),
        (format!("localhost.evil.example:{port}"), 421),
        ("127.0.0.1:1".to_string(), 421),
    ] {
        let r = raw(
            &server,
            &format!("GET /api/policy HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert!(r.starts_with(&format!("HTTP/1.1 {status}")), "{host}: {r}");
        if status == 421 {
            assert!(r.contains("不是工作台"), "{r}");
        }
    }
    drop(server);

    // With a token, wrong tokens wait their turn: eight at once take two seconds.
    let server = start(&dir, None, Some("a-long-enough-token-42"));
    let started = Instant::now();
    let tries: Vec<_> = (0..8)
        .map(|_| {
            let addr = server.addr;
            std::thread::spawn(move || {
                let mut s = TcpStream::connect(addr).expect("connect");
                s.write_all(b"GET /api/policy HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer guess\r\nConnection: close\r\n\r\n")
                    .expect("write");
                let mut out = String::new();
                let _ = s.read_to_string(&mut out);
                out
            })
        })
        .collect();
    for t in tries {
        assert!(t.join().expect("a try").starts_with("HTTP/1.1 401"));
    }
    assert!(
        started.elapsed() >= Duration::from_millis(1500),
        "{:?}",
        started.elapsed()
    );
    let right = Instant::now();
    let r = request(
        &server,
        "GET",
        "/api/policy",
        &[("Authorization", "Bearer a-long-enough-token-42")],
        b"",
    );
    assert_eq!(r.status, 200);
    assert!(right.elapsed() < Duration::from_millis(500));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Sends `text` on a new connection and reads until it closes.
fn raw(server: &Server, text: &str) -> String {
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    s.write_all(text.as_bytes()).expect("write");
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn slow_clients_and_oversized_bodies_are_let_go() {
    let dir = tempdir("wb-slow");
    let policy = policy_with(
        &dir,
        &[
            ("header_seconds", "1"),
            ("body_seconds", "1"),
            ("connections", "6"),
        ],
    );
    let server = start(&dir, Some(policy), None);
    let host = format!("127.0.0.1:{}", server.addr.port());

    // Half the headers, then silence: the server hangs up.
    let started = Instant::now();
    let r = raw(
        &server,
        &format!("GET /api/policy HTTP/1.1\r\nHost: {host}\r\n"),
    );
    assert!(!r.contains("200 OK"), "{r}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );

    // A tenth of the body, then silence: 408.
    let started = Instant::now();
    let r = raw(
        &server,
        &format!(
            "POST /api/advise HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"text\":"
        ),
    );
    assert!(r.starts_with("HTTP/1.1 408"), "{r}");
    assert!(started.elapsed() < Duration::from_secs(5));

    // A body declared at 99 GB is refused before a byte of it is sent.
    let started = Instant::now();
    let r = raw(
        &server,
        &format!(
            "POST /api/advise HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 99000000000\r\n\r\n"
        ),
    );
    assert!(r.starts_with("HTTP/1.1 413"), "{r}");
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );

    // Over the connection cap: 503 at once, and room again when they close.
    let held: Vec<TcpStream> = (0..6)
        .map(|_| TcpStream::connect(server.addr).expect("connect"))
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let r = raw(
        &server,
        &format!("GET /api/policy HTTP/1.1\r\nHost: {host}\r\n\r\n"),
    );
    assert!(
        r.starts_with("HTTP/1.1 503") && r.contains("连接已满"),
        "{r}"
    );
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(&server, "/api/policy").status, 200);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_huge_paste_is_refused_while_other_agents_are_answered_meanwhile() {
    let dir = tempdir("wb-huge");
    let policy = policy_with(&dir, &[("advise_seconds", "1"), ("longest_line", "4000")]);
    let server = start(&dir, Some(policy), None);
    let addr = server.addr;
    let host = format!("127.0.0.1:{}", addr.port());
    // Warm up: the first answer builds what later ones reuse.
    assert_eq!(get(&server, "/api/policy").status, 200);
    let send = move |body: String| {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        s.write_all(format!("POST /api/advise HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len()).as_bytes()).expect("head");
        s.write_all(body.as_bytes()).expect("body");
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    };
    // A one-line paste of about 1 MB, full of amounts; and pastes of lines
    // just under the limit, which take long to read.
    let line: String = (0..200_000)
        .map(|i| format!("¥{} ", i % 997))
        .collect::<String>();
    let mut end = 1_000_000 - 100;
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let line = &line[..end];
    let long_lines: String = (0..40)
        .map(|_| format!("{}\n", "补偿¥12 ".repeat(500)))
        .collect();
    let heavy: Vec<_> = [line.to_string(), long_lines.clone(), long_lines]
        .into_iter()
        .map(|text| {
            let send = send.clone();
            std::thread::spawn(move || send(json!({"text": text}).to_string()))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(100));
    // Other agents are answered while the heavy pastes are read; how fast is
    // measured in benches/load.rs, never asserted here.
    for _ in 0..20 {
        assert_eq!(get(&server, "/api/cases").status, 200);
        std::thread::sleep(Duration::from_millis(20));
    }
    let answers: Vec<String> = heavy
        .into_iter()
        .map(|h| h.join().expect("an answer"))
        .collect();
    assert!(
        answers[0].starts_with("HTTP/1.1 422") && answers[0].contains("超过 4000 个字"),
        "{}",
        &answers[0][..answers[0].len().min(300)]
    );
    for a in &answers[1..] {
        let head = &a[..a.len().min(400)];
        assert!(
            a.starts_with("HTTP/1.1 503")
                || a.starts_with("HTTP/1.1 200")
                || a.starts_with("HTTP/1.1 422"),
            "{head}"
        );
        if a.starts_with("HTTP/1.1 503") {
            assert!(a.contains("秒内没有处理完"), "{head}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn only_agreements_carry_money_and_old_uncertain_amounts_are_left_out() {
    let dir = tempdir("wb-money");
    let file = dir.join("journal.sqlite3");
    // A journal from before outcomes were told apart: every row has the
    // page's pre-filled amount.
    {
        let conn = rusqlite::Connection::open(&file).expect("sqlite");
        conn.execute_batch(
            "CREATE TABLE cases (id INTEGER PRIMARY KEY, handled_at TEXT NOT NULL, day TEXT NOT NULL, agent TEXT,
               order_no TEXT, buyer TEXT, summary TEXT NOT NULL, paste TEXT NOT NULL, request_facts TEXT NOT NULL,
               input TEXT NOT NULL, advice TEXT NOT NULL, resolution TEXT, offer_open TEXT, offer_max TEXT,
               region_group TEXT, defect TEXT, escalate INTEGER NOT NULL DEFAULT 0, policy_name TEXT NOT NULL,
               policy_hash TEXT NOT NULL, outcome TEXT, amount TEXT, note TEXT, outcome_at TEXT);
             CREATE INDEX cases_day ON cases(day);
             PRAGMA user_version = 1;",
        )
        .expect("schema 1");
        let today = chrono::Local::now().date_naive();
        for (outcome, amount, open) in [
            ("refused", "10.00", "10.00"),
            ("escalated", "15.00", "10.00"),
            ("accepted", "8.00", "8.00"),
            ("accepted", "12.00", "10.00"),
        ] {
            conn.execute(
                "INSERT INTO cases (handled_at, day, summary, paste, request_facts, input, advice, offer_open, policy_name, policy_hash, outcome, amount)
                 VALUES (?1 || ' 10:00:00', ?1, '', '', '{}', '{\"defect\":\"小瑕疵\",\"region\":\"新疆\"}', '{}', ?2, 'p', 'h', ?3, ?4)",
                rusqlite::params![today.to_string(), open, outcome, amount],
            )
            .expect("a row");
        }
    }
    let server = start(&dir, None, None);
    let stats = get(&server, "/api/stats").json();
    assert_eq!(stats["money"]["agreed"], "12.00", "{stats:#}");
    assert_eq!(stats["money"]["agreed_cases"], 1);
    assert_eq!(stats["money"]["uncertain_cases"], 3);

    // New outcomes: a refusal or an escalation takes no amount.
    let id = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}),
    )
    .json()["case_id"]
        .as_i64()
        .expect("a case");
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "refused", "amount": "10"}),
    );
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(
        r.json()["error"]["zh"]
            .as_str()
            .is_some_and(|z| z.contains("不记金额"))
    );
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "refused"}),
    );
    assert_eq!(r.status, 200);
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "accepted", "amount": "9"}),
    );
    assert_eq!((r.status, r.json()["amount"].clone()), (200, json!("9.00")));
    let stats = get(&server, "/api/stats").json();
    assert_eq!(stats["money"]["agreed"], "21.00", "{stats:#}");
    drop(server);

    let out = super::aftersale(
        &["replay", "--journal", &file.to_string_lossy(), "--json"],
        None,
    );
    assert!(out.status.success(), "{}", super::stderr(&out));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    assert_eq!(report["agreed"]["cases"], 2, "{report:#}");
    assert_eq!(report["agreed"]["agreed"], "21.00");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn formula_cells_go_out_inert() {
    let dir = tempdir("wb-csv");
    let server = start(&dir, None, None);
    let paste =
        "=HYPERLINK(\"http://x\",\"点我\")\n收货地址：新疆乌鲁木齐市天山区 鞋面有污渍 补偿10块吧";
    let id = post(
        &server,
        "/api/advise",
        &json!({"text": paste, "agent": "@SUM(1+1)"}),
    )
    .json()["case_id"]
        .as_i64()
        .expect("a case");
    post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &json!({"outcome": "other", "note": "+cmd|' /C calc'!A0"}),
    );
    drop(server);
    let out = export_csv(&dir);
    let mut rows = csv::Reader::from_reader(out.stdout.as_slice());
    for row in rows.records() {
        for cell in row.expect("a row").iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "live formula: {cell}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Fills the journal with `n` cases handled today, straight into SQLite.
fn fill(file: &Path, n: i64) {
    let conn = rusqlite::Connection::open(file).expect("sqlite");
    let today = chrono::Local::now().date_naive().to_string();
    conn.execute(
        "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?2)
         INSERT INTO cases (handled_at, day, order_no, summary, paste, request_facts, input, advice, resolution, offer_open, policy_name, policy_hash)
         SELECT ?1 || ' 09:00:00', ?1, 'A' || i, '鞋面有污渍', '订单编号 A' || i || ' 鞋面有污渍', '{}', '{}', '{}', 'partial_refund', '10.00', 'p', 'h' FROM k",
        rusqlite::params![today, n],
    )
    .expect("cases");
}

#[test]
fn the_case_list_pages_at_fifty_thousand_cases_a_day() {
    let dir = tempdir("wb-page");
    let file = dir.join("journal.sqlite3");
    drop(start(&dir, None, None));
    fill(&file, 50_000);
    let server = start(&dir, None, None);
    // How fast a page comes is measured in benches/load.rs; here, that it pages.
    let first = get(&server, "/api/cases").json();
    assert_eq!(first["total"], 50_000);
    assert_eq!(first["more"], true);
    let cases = first["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 50);
    let last = cases[49]["id"].as_i64().expect("an id");
    let next = get(&server, &format!("/api/cases?before={last}")).json();
    assert_eq!(next["cases"][0]["id"].as_i64(), Some(last - 1));
    // An advice brings its own list line: the page inserts it without the list.
    let r = post(
        &server,
        "/api/advise",
        &json!({"facts": {"defect": "小瑕疵", "region": "新疆"}}),
    );
    assert_eq!(r.json()["summary"]["id"], r.json()["case_id"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn old_cases_go_at_start_and_a_purge_leaves_no_trace_on_disk() {
    let dir = tempdir("wb-purge");
    let file = dir.join("journal.sqlite3");
    let server = start(&dir, None, None);
    let marker = "左脚鞋跟独有的划痕记号";
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": format!("收货地址：新疆乌鲁木齐市天山区\n买家：{marker} 鞋面有污渍 补偿10块吧")}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    drop(server);
    // Widen what an older version may have left: the files are made owner-only again.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    // A case from a year ago: the policy keeps 180 days.
    {
        let conn = rusqlite::Connection::open(&file).expect("sqlite");
        let old = chrono::Local::now().date_naive() - chrono::Days::new(365);
        conn.execute(
            "INSERT INTO cases (handled_at, day, summary, paste, request_facts, input, advice, policy_name, policy_hash)
             VALUES (?1 || ' 09:00:00', ?1, '', '去年的案例', '{}', '{}', '{}', 'p', 'h')",
            [old.to_string()],
        )
        .expect("an old case");
    }
    let server = start(&dir, None, None);
    assert_eq!(server.purged, 1);
    assert_eq!(
        get(&server, "/api/stats?from=2000-01-01").json()["cases"],
        1
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for e in std::fs::read_dir(&*dir).expect("the folder").flatten() {
            let mode = e.metadata().expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{}", e.path().display());
        }
    }
    drop(server);
    assert!(
        contains(&bytes_on_disk(&dir), marker),
        "the case is on disk before the purge"
    );
    let out = super::aftersale(
        &[
            "journal",
            "--journal",
            &file.to_string_lossy(),
            "purge",
            "--before",
            "2999-01-01",
        ],
        None,
    );
    assert!(out.status.success(), "{}", super::stderr(&out));
    let disk = bytes_on_disk(&dir);
    assert!(
        !contains(&disk, marker) && !contains(&disk, "去年的案例"),
        "purged text is still on disk"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_agents_page_gets_no_flag_rule_id_or_setting_path() {
    let dir = tempdir("wb-words");
    let server = start(&dir, None, None);
    let mut shown = Vec::new();
    for text in [
        "订单状态：交易成功 买家：鞋子开胶了 要退货 不然投诉12315 收货地址：新疆乌鲁木齐市天山区",
        "收货地址:新疆乌鲁木齐市天山区 鞋面有污渍 优惠10块吧 我要给差评",
        "买家：鞋子质量有问题 断底了 实付款：199元 收货地址：广东省深圳市南山区 科技园",
    ] {
        let r = post(&server, "/api/advise", &json!({"text": text}));
        assert_eq!(r.status, 200, "{}", r.body);
        let a = r.json();
        for key in ["alerts", "notes"] {
            shown.extend(
                a[key]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .map(str::to_string),
            );
        }
        shown.extend(
            a["assumed"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|x| x["why"].as_str())
                .map(str::to_string),
        );
    }
    assert!(shown.len() >= 5, "{shown:?}");
    for t in &shown {
        assert!(
            !t.contains("--") && !t.contains("settings") && !t.contains('_'),
            "{t}"
        );
        assert!(
            !t.chars().any(|c| c.is_ascii_lowercase()),
            "English on the page: {t}"
        );
    }
    let r = post(&server, "/api/advise", &json!({"text": "你好你好你好"}));
    let zh = r.json()["error"]["zh"].as_str().unwrap_or("").to_string();
    assert!(!zh.contains("--") && !zh.contains("参数"), "{zh}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn serve_listens_on_localhost_by_name() {
    let dir = tempdir("wb-addr");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_aftersale"))
        .args(["serve", "--addr", "localhost:0", "--journal"])
        .arg(dir.join("journal.sqlite3"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve starts");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 200];
    let n = out.read(&mut first).unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();
    let line = String::from_utf8_lossy(&first[..n]).to_string();
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    let _ = JSON;
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_case_list_line_carries_the_advice_it_was_given() {
    let dir = tempdir("wb-line");
    let server = start(&dir, None, None);
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": "收货地址：新疆乌鲁木齐市天山区\n买家：鞋面有污渍\n"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let line = &r.json()["summary"];
    assert_eq!(line["resolution"], "partial_refund", "{line}");
    assert_eq!(line["offer_open"], "10.00", "{line}");
    assert_eq!(line["offer_max"], "15.00", "{line}");
    assert_eq!(line["region_group"], "偏远地区", "{line}");
    assert_eq!(line["defect"], "small_flaw", "{line}");
    // No region: an answer per region group, so no one resolution to list.
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": "买家：鞋面有污渍\n"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let line = &r.json()["summary"];
    assert!(r.json()["by_region"].is_array(), "{}", r.body);
    assert_eq!(line["resolution"], Value::Null, "{line}");
    assert_eq!(line["offer_open"], Value::Null, "{line}");
}

#[test]
fn a_defect_the_words_leave_open_gets_each_kinds_advice_in_page_words() {
    let dir = tempdir("wb-open-defect");
    let server = start(&dir, None, None);
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": "买家：右脚鞋头破了个洞 你们看怎么办\n收货地址：四川省成都市武侯区***\n实付款：¥129\n已签收\n淘宝\n"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let a = r.json();
    let kinds: Vec<(&str, &str)> = a["by_defect"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|b| {
            (
                b["label"].as_str().unwrap_or(""),
                b["advice"]["resolution"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [("小瑕疵", "partial_refund"), ("质量问题", "exchange")],
        "{}",
        r.body
    );
    assert_eq!(
        a["facts"]["ambiguous"][0]["candidates"],
        json!(["small_flaw", "quality"])
    );
    // The reply to send meanwhile asks for what settles it: a photo of the damage.
    let reply = a["reply"].as_str().unwrap_or("");
    assert!(
        reply.contains("照片") && reply.contains("对不起"),
        "{reply}"
    );
    // Each branch is rewritten for the agent like a single advice: no rule ids in its notes.
    for b in a["by_defect"].as_array().into_iter().flatten() {
        for n in b["advice"]["notes"].as_array().into_iter().flatten() {
            let n = n.as_str().unwrap_or("");
            assert!(!n.contains("--") && !n.contains('_'), "{n}");
        }
    }
    // The agent picks one: a single advice.
    let r = post(
        &server,
        "/api/advise",
        &json!({"text": "买家：右脚鞋头破了个洞 你们看怎么办\n收货地址：四川省成都市武侯区***\n实付款：¥129\n已签收\n淘宝\n", "facts": {"defect": "quality"}}),
    );
    assert_eq!(r.json()["resolution"], "exchange", "{}", r.body);
    assert!(r.json().get("by_defect").is_none(), "{}", r.body);
    let _ = std::fs::remove_dir_all(&dir);
}
