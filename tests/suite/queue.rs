//! The refund queue (issue 27): the seller centre's export (CSV in UTF-8 and
//! GBK, XLSX) and the open platform's JSON give the same refunds the same
//! advice; each of the 40 refunds of the fixtures is pinned, with its deadline,
//! in `tests/queue/*.expected.txt` (`AFTERSALE_BLESS=1` rewrites them after a
//! change that is meant); bad files and bad rows get their Chinese messages.
//! "Now" is fixed, so nothing depends on the day the tests run.

use aftersale::intake::Intake;
use aftersale::policy::Policy;
use aftersale::queue::{self, QueueError, Turn};

use super::{aftersale, repo, stderr, stdout};

const NOW: &str = "2026-11-23 10:00";

fn now() -> chrono::NaiveDateTime {
    queue::parse_moment(NOW).expect("a moment")
}

/// The entry of one refund, by its 退款编号.
fn refund<'q>(q: &'q queue::Queue, id: &str) -> &'q queue::Entry {
    q.entries
        .iter()
        .find(|e| e.refund.refund_id.as_deref() == Some(id))
        .expect("the refund")
}

fn run(path: &str) -> Result<queue::Queue, QueueError> {
    let policy = Policy::bundled().expect("bundled policy");
    let intake = Intake::new(&policy.words());
    let bytes = std::fs::read(repo(path)).expect("fixture");
    queue::run(
        &policy,
        &intake,
        &bytes,
        now(),
        Some(aftersale::case::Platform::Taobao),
    )
}

/// The queue's lines without its first line (which names the file's format).
fn lines(path: &str) -> String {
    let q = run(path).expect("the list is read");
    let text = aftersale::queue::draw::text(&q);
    text.lines().skip(1).collect::<Vec<_>>().join("\n") + "\n"
}

/// Compares with the expected file, or writes it when blessing.
fn expect(path: &str, got: &str) {
    let file = repo(path);
    if std::env::var_os("AFTERSALE_BLESS").is_some() {
        std::fs::write(&file, got).expect("write expected");
        return;
    }
    let want = std::fs::read_to_string(&file).expect("expected file");
    if want != got {
        let diff: Vec<String> = want
            .lines()
            .zip(got.lines())
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("- {a}\n+ {b}"))
            .collect();
        panic!(
            "{path} differs (AFTERSALE_BLESS=1 rewrites it if the change is meant):\n{}",
            diff.join("\n")
        );
    }
}

#[test]
fn the_export_of_40_refunds_gets_the_expected_advice_and_order() {
    let got = lines("tests/queue/export_40.csv");
    expect("tests/queue/export_40.expected.txt", &got);
    // The same export saved as GBK, and as XLSX with date cells, reads the same.
    for other in [
        "tests/queue/export_40_gbk.csv",
        "tests/queue/export_40.xlsx",
    ] {
        let o = lines(other);
        // The refunds' lines; the notes after them say how the file was read.
        let strip = |t: &str| {
            t.lines()
                .take_while(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&o), strip(&got), "{other} reads differently");
    }
}

#[test]
fn the_open_platforms_40_records_get_the_expected_advice_and_order() {
    let got = lines("tests/queue/refunds_40.json");
    expect("tests/queue/refunds_40.expected.txt", &got);
}

#[test]
fn the_list_is_sorted_by_what_runs_out_first_with_the_overdue_on_top() {
    let q = run("tests/queue/export_40.csv").expect("read");
    assert_eq!(q.entries.len(), 40);
    let keys: Vec<_> = q.entries.iter().map(|e| e.clock.sort_key()).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "not sorted");
    let overdue: Vec<_> = q
        .entries
        .iter()
        .take_while(|e| e.clock.overdue)
        .map(|e| e.refund.name())
        .collect();
    // Four refunds are past their deadline at 10:00: each listed first.
    assert_eq!(overdue.len(), 4, "{overdue:?}");
    assert_eq!(q.entries.iter().filter(|e| e.clock.overdue).count(), 4);
    let first = &q.entries[0];
    assert!(first.clock.minutes_left.is_some_and(|m| m < 0));
    // The buyer's turn and the finished come last.
    let tail: Vec<Turn> = q
        .entries
        .iter()
        .rev()
        .take(4)
        .map(|e| e.clock.turn)
        .collect();
    assert_eq!(tail, vec![Turn::Done, Turn::Done, Turn::Buyer, Turn::Buyer]);
}

#[test]
fn stated_facts_are_stated_and_the_buyers_words_are_read() {
    let q = run("tests/queue/export_40.csv").expect("read");
    let by_id = |id: &str| refund(&q, id);
    // 质量问题 as the reason, 放洗衣机洗了一次就开胶了 as the words: the words decide.
    let e = by_id("202610000000024");
    let d = e.facts.defect.as_ref().expect("a defect");
    assert_eq!(d.value, aftersale::case::Defect::Misuse);
    assert!(d.segment.is_some() && d.source.contains("洗衣机"), "{d:?}");
    // The price and the type come from their columns, never from text.
    let p = e.facts.price.as_ref().expect("a price");
    assert!(
        p.segment.is_none() && p.source.starts_with("买家实际支付金额"),
        "{p:?}"
    );
    // A partial refund: the amount is the buyer's ask, stated.
    let e = by_id("202610000000004");
    let ask = e.facts.ask.as_ref().expect("an ask");
    assert_eq!(ask.value.to_string(), "10.00");
    assert!(ask.segment.is_none(), "{ask:?}");
    // The shop's own return address is never the buyer's region: advice per region group.
    assert!(e.facts.province.is_none());
    assert!(e.missing.contains(&aftersale::case::Fact::Region));
    // A full refund asks nothing.
    assert!(by_id("202610000000001").facts.ask.is_none());
    // Before shipping (买家未收到货, no outbound tracking): the stage is unshipped.
    let s = by_id("202610000000005")
        .facts
        .stage
        .as_ref()
        .map(|s| s.value);
    assert_eq!(s, Some(aftersale::case::Stage::Unshipped));
}

#[test]
fn the_platforms_timeout_is_used_and_compared_with_the_rule() {
    let q = run("tests/queue/export_40.csv").expect("read");
    let by_id = |id: &str| refund(&q, id);
    // A seven-day return the platform times out in 3 days, as T says: no note.
    let c = &by_id("202610000000001").clock;
    assert_eq!(c.source, "platform");
    assert_eq!(c.rule.as_ref().map(|r| &*r.id), Some("answer_seven_day"));
    assert_eq!(c.due, c.rule.as_ref().and_then(|r| r.due));
    assert!(c.note.is_none(), "{:?}", c.note);
    // A quality request the platform times out in 2 days, where T says 5: noted, the platform wins.
    let c = &by_id("202610000000038").clock;
    assert!(c.overdue);
    let note = c.note.as_deref().unwrap_or("");
    assert!(
        note.contains("以平台为准") && note.contains("5天"),
        "{note}"
    );
    // No timeout in the list: the rule's deadline, from the request time.
    let c = &by_id("202610000000029").clock;
    assert_eq!(c.source, "rule");
    assert_eq!(
        c.due.map(|d| d.to_string()),
        Some("2026-11-24 11:00:00".to_string())
    );
    // Neither time: listed, marked unknown, after the dated ones of the shop.
    let c = &by_id("202610000000030").clock;
    assert_eq!((c.due, c.turn), (None, Turn::Shop));
    assert!(c.left_words().contains("时限不明"));
    // Goods sent back: confirming them runs 10 days from the return.
    let c = &by_id("202610000000014").clock;
    assert_eq!(c.rule.as_ref().map(|r| &*r.id), Some("confirm_return"));
    assert!(c.note.is_none(), "{:?}", c.note);
    // The platform stepped in: its evidence deadline.
    assert!(by_id("202610000000020").clock.what.contains("小二介入"));
}

fn err(path: &str) -> String {
    match run(path) {
        Ok(_) => panic!("{path} was read"),
        Err(e) => e.to_string(),
    }
}

fn notices(path: &str) -> Vec<String> {
    let q = run(path).expect("read");
    q.notices.iter().map(|n| n.line(q.unit)).collect()
}

#[test]
fn a_file_that_is_no_refund_list_names_the_columns_found_and_needed() {
    let e = err("tests/queue/bad/not_an_export.csv");
    assert!(e.contains("这不是退款列表"), "{e}");
    assert!(e.contains("买家应付货款"), "{e}");
    assert!(e.contains("买家退款金额") && e.contains("退款原因"), "{e}");
    assert!(e.contains("批量导出"), "{e}");
}

#[test]
fn a_merged_header_is_refused_or_put_together_and_said() {
    let e = err("tests/queue/bad/merged_header.xlsx");
    assert!(e.contains("第1行") && e.contains("取消合并单元格"), "{e}");
    let n = notices("tests/queue/bad/two_row_header.xlsx");
    assert!(n.iter().any(|l| l.contains("合并过的表头")), "{n:?}");
    let q = run("tests/queue/bad/two_row_header.xlsx").expect("read");
    assert_eq!(q.entries.len(), 3);
    assert!(q.entries.iter().all(|e| e.refund.price.is_some()));
    let n = notices("tests/queue/bad/title_row.xlsx");
    assert!(n.iter().any(|l| l.contains("表头在第2行")), "{n:?}");
}

#[test]
fn an_empty_sheet_is_said() {
    let e = err("tests/queue/bad/empty.xlsx");
    assert!(e.contains("表格是空的"), "{e}");
    let n = notices("tests/queue/bad/empty_first_sheet.xlsx");
    assert!(n.iter().any(|l| l.contains("工作表“空表”是空的")), "{n:?}");
    let n = notices("tests/queue/bad/header_only.csv");
    assert!(n.iter().any(|l| l.contains("只有表头")), "{n:?}");
}

#[test]
fn gbk_serial_dates_and_currency_signs_are_read_and_said_with_the_row() {
    let q = run("tests/queue/bad/serials_and_signs.csv").expect("read");
    assert_eq!(q.entries.len(), 4);
    assert!(
        q.entries
            .iter()
            .all(|e| e.refund.created.is_some() && e.refund.price.is_some())
    );
    let n: Vec<String> = q.notices.iter().map(|n| n.line(q.unit)).collect();
    assert!(n.iter().any(|l| l.contains("GBK")), "{n:?}");
    assert!(
        n.iter()
            .any(|l| l.starts_with("第2行「退款的申请时间」") && l.contains("Excel 的日期序号")),
        "{n:?}"
    );
    assert!(
        n.iter()
            .any(|l| l.starts_with("第2行「买家实际支付金额」") && l.contains("货币符号")),
        "{n:?}"
    );
    // Said once per column, not once per row.
    assert_eq!(
        n.iter().filter(|l| l.contains("「超时时间」")).count(),
        1,
        "{n:?}"
    );
}

#[test]
fn a_bad_row_never_stops_the_others() {
    let q = run("tests/queue/bad/bad_rows.csv").expect("read");
    assert_eq!(q.entries.len(), 5, "every row is listed");
    let n: Vec<String> = q.notices.iter().map(|n| n.line(q.unit)).collect();
    for want in [
        "第3行「买家退款金额」：“八十九”不是金额",
        "第4行「退款的申请时间」：“昨天下午”不是日期时间",
        "第5行「退款状态」：“处理中（未知）”不是认识的值",
        "第6行「买家实际支付金额」：金额“US$12.00”不是人民币",
    ] {
        assert!(
            n.iter().any(|l| l.starts_with(want)),
            "missing {want} in {n:?}"
        );
    }
    assert_eq!(q.unknown_columns, vec!["颜色分类", "尺码"]);
}

#[test]
fn the_open_platforms_error_reply_and_other_json_are_refused_in_chinese() {
    let e = err("tests/queue/bad/error_response.json");
    assert!(
        e.contains("开放平台的错误回复") && e.contains("Invalid session"),
        "{e}"
    );
    let e = err("tests/queue/bad/not_refunds.json");
    assert!(e.contains("没有退款记录"), "{e}");
    let q = run("tests/queue/refunds_40.jsonl").expect("JSON Lines");
    assert_eq!(q.entries.len(), 5);
}

#[test]
fn five_thousand_rows_are_all_read_advised_and_sorted() {
    // The 40 kinds over and over, each with its own number: as the speed fixture.
    let text = std::fs::read_to_string(repo("tests/queue/export_40.csv")).expect("fixture");
    let mut lines = text.lines();
    let header = lines.next().expect("header");
    let rows: Vec<&str> = lines.collect();
    let mut big = format!("{header}\n");
    for i in 0..5000 {
        let row = rows[i % rows.len()];
        let (id, rest) = row.split_once(',').expect("a row");
        big.push_str(&format!("{}{:05},{rest}\n", &id[..10], i));
    }
    let policy = Policy::bundled().expect("bundled policy");
    let intake = Intake::new(&policy.words());
    let q = queue::run(&policy, &intake, big.as_bytes(), now(), None).expect("read");
    assert_eq!(q.entries.len(), 5000);
    let keys: Vec<_> = q.entries.iter().map(|e| e.clock.sort_key()).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    assert!(q.notices.is_empty(), "{:?}", q.notices.first());
}

#[test]
fn the_command_prints_text_json_and_csv_and_exits_2_on_a_bad_file() {
    let file = repo("tests/queue/export_40.csv");
    let f = file.to_str().expect("path");
    let o = aftersale(&["queue", "--now", NOW, f], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("退款队列（按 2026-11-23 10:00 计时）：40 笔，已超时 4 笔"));
    let o = aftersale(&["queue", "--now", NOW, "--json", f], None);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["count"], 40);
    let first = &v["refunds"][0];
    for key in [
        "clock", "facts", "missing", "record", "paste", "summary", "left",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    assert_eq!(first["clock"]["overdue"], true);
    assert!(first["facts"].as_array().is_some_and(|f| {
        f.iter()
            .all(|x| x["origin"] == "stated" || x["origin"] == "read")
    }));
    let o = aftersale(&["queue", "--now", NOW, "--csv", f], None);
    let csv = stdout(&o);
    assert!(
        csv.starts_with('\u{feff}'),
        "CSV for Excel starts with a BOM"
    );
    assert_eq!(csv.lines().count(), 41);
    assert!(csv.lines().nth(1).is_some_and(|l| l.contains("已超时")));
    // AFTERSALE_NOW does what --now does.
    let env = std::process::Command::new(env!("CARGO_BIN_EXE_aftersale"))
        .args(["queue", f])
        .env("AFTERSALE_NOW", NOW)
        .output()
        .expect("runs");
    assert_eq!(
        stdout(&env),
        stdout(&aftersale(&["queue", "--now", NOW, f], None))
    );
    let bad = repo("tests/queue/bad/not_an_export.csv");
    let o = aftersale(&["queue", "--now", NOW, bad.to_str().expect("path")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("这不是退款列表"), "{}", stderr(&o));
}

#[test]
fn the_workbench_reads_the_list_and_records_an_opened_refund_as_from_the_queue() {
    use super::serve::{get, post, request, start};
    let dir = super::regression::tempdir("serve-queue");
    let server = start(&dir, None, None);
    let bytes = std::fs::read(repo("tests/queue/export_40.xlsx")).expect("fixture");
    let file = ("Content-Type", "application/octet-stream");
    // Not a file upload: refused before reading.
    let r = request(&server, "POST", "/api/queue", &[super::serve::JSON], &bytes);
    assert_eq!(r.status, 415, "{}", r.body);
    let r = request(
        &server,
        "POST",
        "/api/queue?platform=taobao",
        &[file],
        &bytes,
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let q = r.json();
    assert_eq!(q["count"], 40);
    let first = &q["refunds"][0];
    assert!(first["clock"]["due"].is_string(), "{first:#}");
    // Nothing is recorded by reading the list.
    assert_eq!(get(&server, "/api/cases").json()["total"], 0);
    // Opening the first refund advises it from what the list stated, and records it.
    let r = post(
        &server,
        "/api/advise",
        &serde_json::json!({"text": first["paste"], "queue": first["record"], "agent": "小李"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let advice = r.json();
    let id = advice["case_id"].as_i64().expect("a case");
    assert_eq!(advice["resolution"], first["advice"]["resolution"]);
    assert!(
        advice["facts"]["price"]["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("买家实际支付金额"))
    );
    assert!(advice["queue_clock"]["left"].is_string(), "{advice:#}");
    let r = post(
        &server,
        &format!("/api/cases/{id}/outcome"),
        &serde_json::json!({"outcome": "returned"}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let listed = get(&server, "/api/cases").json();
    let line = &listed["cases"][0];
    assert_eq!(line["origin"], "queue", "{listed:#}");
    assert_eq!(line["outcome"], "returned");
    assert_eq!(line["order_no"], first["order_no"]);
    let stored = get(&server, &format!("/api/cases/{id}")).json();
    assert_eq!(stored["queue"]["refund_id"], first["refund_id"]);
    // A file that is no refund list: its Chinese message, 422.
    let bad = std::fs::read(repo("tests/queue/bad/not_an_export.csv")).expect("fixture");
    let r = request(&server, "POST", "/api/queue", &[file], &bad);
    assert_eq!(r.status, 422, "{}", r.body);
    let zh = r.json()["error"]["zh"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(zh.starts_with("这不是退款列表"), "{zh}");
    // Chinese only, with what to do after it; the English is its own field.
    assert!(!zh.contains("not a refund export"), "{zh}");
    assert!(zh.contains("。在千牛“退款管理”里点“批量导出”"), "{zh}");
    let en = r.json()["error"]["en"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(en.contains(" / not a refund export"), "{en}");
    drop(server);
}

#[test]
fn a_buyer_address_in_the_list_gives_the_region_and_the_shops_never_does() {
    let csv = "退款编号,订单编号,买家实际支付金额,买家退款金额,买家退款原因,买家退款说明,退款的申请时间,超时时间,退款状态,货物状态,收货地址,卖家退货地址\n\
        202611000000001,4000000000000000901,89.00,10.00,做工粗糙/有瑕疵,鞋面有污渍,2026-11-23 08:00:00,2026-11-28 08:00:00,等待卖家同意,买家已收到货,新疆维吾尔自治区乌鲁木齐市天山区 解放南路,浙江省温州市鹿城区 鞋都大道1号\n\
        202611000000002,4000000000000000902,89.00,10.00,做工粗糙/有瑕疵,鞋面有污渍,2026-11-23 08:00:00,2026-11-28 08:00:00,等待卖家同意,买家已收到货,,浙江省温州市鹿城区 鞋都大道1号\n";
    let policy = Policy::bundled().expect("bundled policy");
    let intake = Intake::new(&policy.words());
    let q = queue::run(&policy, &intake, csv.as_bytes(), now(), None).expect("read");
    let with = q.entries.iter().find(|e| e.refund.row == 2).expect("row 2");
    let p = with.facts.province.as_ref().expect("a province");
    assert_eq!(p.value, "新疆");
    assert!(
        p.segment.is_none() && p.source.starts_with("收货地址"),
        "{p:?}"
    );
    assert!(matches!(
        with.answer.as_ref().map(|a| &a.outcome),
        Ok(aftersale::session::Outcome::Advice(a)) if a.offer.as_ref().is_some_and(|o| o.open.to_string() == "10.00")
    ));
    // No buyer address: the shop's own (温州) is not taken; the advice is per region group.
    let without = q.entries.iter().find(|e| e.refund.row == 3).expect("row 3");
    assert!(without.facts.province.is_none());
    assert!(matches!(
        without.answer.as_ref().map(|a| &a.outcome),
        Ok(aftersale::session::Outcome::Branches {
            missing: aftersale::engine::EngineError::Missing {
                fact: aftersale::case::Fact::Region,
                ..
            },
            ..
        })
    ));
}

#[test]
fn a_refund_whose_dates_cannot_all_be_true_is_told_in_chinese_only() {
    let e = aftersale::case::CaseError::Dates {
        what: aftersale::bilingual::Bilingual::new(
            "付款日期 2026-11-30 晚于签收日期 2026-11-20",
            "paid after signing",
        ),
        help: "核对 --paid 与 --signed",
    };
    assert_eq!(
        aftersale::queue::facts::case_error_words(&e),
        "日期前后矛盾：付款日期 2026-11-30 晚于签收日期 2026-11-20"
    );
    // The terminal still gets both languages.
    assert!(
        e.to_string()
            .contains("晚于签收日期 2026-11-20 / paid after signing"),
        "{e}"
    );
}
