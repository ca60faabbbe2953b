//! Replaying a case log under a changed policy: totals, the changed cases,
//! bad lines, CSV logs, and the same answer however many threads.

use aftersale::policy::{BUNDLED, Policy};
use aftersale::replay::{self, Format, Options, Report};
use chrono::NaiveDate;

use super::{aftersale, stderr, stdout};

fn log(n: u64, seed: u64) -> String {
    let mut out = Vec::new();
    aftersale::generate::write_cases(n, seed, &mut out).expect("generate");
    String::from_utf8(out).expect("utf-8")
}

fn edited() -> Policy {
    let text = BUNDLED.replace(
        "offer: {open: \"3.00\", max: \"5.00\"}",
        "offer: {open: \"4.00\", max: \"6.00\"}",
    );
    Policy::parse(&text, "edited.yaml").expect("edited policy")
}

fn opts(threads: usize) -> Options {
    Options {
        keep_changes: Some(10),
        strict: false,
        today: NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        threads,
    }
}

fn run(text: &str, format: Format, threads: usize) -> Report {
    let bundled = Policy::bundled().expect("bundled");
    replay::replay(
        &edited(),
        Some(&bundled),
        text.as_bytes(),
        format,
        &opts(threads),
        &mut |_, _| {},
    )
    .expect("replay")
}

#[test]
fn the_same_seed_gives_the_same_log() {
    assert_eq!(log(200, 7), log(200, 7));
    assert_ne!(log(200, 7), log(200, 8));
    assert_eq!(log(200, 7).lines().count(), 200);
}

#[test]
fn a_changed_jiangzhehu_ladder_changes_only_jiangzhehu_small_defects() {
    let r = run(&log(3000, 11), Format::JsonLines, 2);
    let old = r.old.as_ref().expect("baseline stats");
    assert_eq!(r.lines, 3000);
    assert_eq!(r.bad_total, 0);
    assert_eq!(
        r.new.all.cases + r.new.undecided.values().sum::<u64>(),
        3000
    );
    assert!(r.changed_total > 0);
    assert!(r.changed.len() <= 10);
    assert!(
        r.changed.iter().all(|c| c.case.starts_with("小瑕疵")
            && (c.case.contains("江苏") || c.case.contains("浙江") || c.case.contains("上海"))),
        "{:?}",
        r.changed
    );
    // Outside 江浙沪 nothing moves.
    for (group, t) in &r.new.by_region {
        if &**group != "江浙沪" {
            assert_eq!(Some(t), old.by_region.get(group), "{group}");
        }
    }
    // Every 江浙沪 small-defect offer rises by 1 yuan at each end (or is capped at the ask/price).
    let (n, o) = (&r.new.by_region["江浙沪"], &old.by_region["江浙沪"]);
    assert!(n.open > o.open && n.max > o.max);
    assert_eq!(n.offers, o.offers);
}

#[test]
fn threads_do_not_change_the_answer() {
    let text = log(5000, 3);
    let (a, b) = (
        run(&text, Format::JsonLines, 1),
        run(&text, Format::JsonLines, 4),
    );
    assert_eq!(a.new, b.new);
    assert_eq!(a.old, b.old);
    assert_eq!(a.changed, b.changed);
    assert_eq!(a.changed_total, b.changed_total);
}

#[test]
fn a_csv_log_gives_the_same_totals_as_json_lines() {
    let text = log(500, 5);
    let mut w = csv::Writer::from_writer(Vec::new());
    let cols = [
        "defect",
        "region",
        "title",
        "price",
        "ask",
        "free_shipping",
        "platform",
        "stage",
        "signed",
        "requested",
        "material",
    ];
    w.write_record(cols).expect("header");
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("json");
        let row: Vec<String> = cols
            .iter()
            .map(|c| match &v[*c] {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            })
            .collect();
        w.write_record(&row).expect("row");
    }
    let csv_text = String::from_utf8(w.into_inner().expect("csv")).expect("utf-8");
    let (j, c) = (
        run(&text, Format::JsonLines, 2),
        run(&csv_text, Format::Csv, 2),
    );
    assert_eq!(j.new, c.new);
    assert_eq!(j.changed_total, c.changed_total);
    // CSV line numbers count the header.
    assert_eq!(
        c.changed.first().map(|x| x.line),
        j.changed.first().map(|x| x.line + 1)
    );
}

#[test]
fn a_bad_line_is_skipped_with_its_number_or_stops_a_strict_run() {
    let mut text = log(50, 9);
    text.push_str("{\"defect\": \"broken_heel\", \"region\": \"浙江\"}\n");
    text.push_str("not json at all\n");
    text.push_str(&log(10, 10));
    let r = run(&text, Format::JsonLines, 2);
    assert_eq!(r.bad_total, 2);
    assert_eq!(r.bad[0].line, 51);
    assert_eq!(
        r.bad[0].message,
        "问题类型“broken_heel”不认识 / unknown defect `broken_heel`"
    );
    assert_eq!(r.bad[1].line, 52);
    assert_eq!(r.new.all.cases + r.new.undecided.values().sum::<u64>(), 60);

    let dir = super::regression::tempdir("replay-bad");
    let path = dir.join("log.jsonl");
    std::fs::write(&path, &text).expect("write");
    let p = path.to_str().expect("utf-8");
    // Two bad lines in 62 (3%): reported, and the replay stands.
    let o = aftersale(&["replay", p], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("第 51 行读不了"), "{}", stderr(&o));
    let o = aftersale(&["replay", "--strict", p], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("line 51: "), "{}", stderr(&o));
}

#[test]
fn the_report_prints_as_table_json_and_csv() {
    let dir = super::regression::tempdir("replay-out");
    let path = dir.join("log.jsonl");
    std::fs::write(&path, log(400, 21)).expect("write");
    let edited = dir.join("edited.yaml");
    std::fs::write(
        &edited,
        BUNDLED.replace(
            "offer: {open: \"3.00\", max: \"5.00\"}",
            "offer: {open: \"4.00\", max: \"6.00\"}",
        ),
    )
    .expect("write");
    let (p, e) = (
        path.to_str().expect("utf-8"),
        edited.to_str().expect("utf-8"),
    );
    let bundled = super::repo("policies/default.yaml");
    let b = bundled.to_str().expect("utf-8");

    let o = aftersale(&["replay", "--policy", e, "--baseline", b, p], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    for want in [
        "重放 / replay: 400 个案例",
        "原策略 baseline",
        "变化 change",
        "开价合计 / opening offers, total",
        "按地区组 / by region group",
        "江浙沪",
        "按问题类型 / by defect",
        "  小瑕疵 ",
        "个案例的建议有变化",
        "原 / old: ",
        "新 / new: ",
    ] {
        assert!(t.contains(want), "missing {want} in\n{t}");
    }
    // The table a manager reads has no ids.
    for id in [
        "partial_refund",
        "small_flaw",
        "return_or_exchange",
        "quality",
    ] {
        assert!(!t.contains(id), "{id} in\n{t}");
    }

    let o = aftersale(
        &[
            "replay",
            "--policy",
            e,
            "--baseline",
            b,
            "--json",
            "--all",
            p,
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(v["lines"], 400);
    assert_eq!(
        v["changed"].as_array().map(Vec::len),
        v["changed_total"].as_u64().map(|n| n as usize),
        "--all keeps every change"
    );
    assert!(v["new"]["by_region"]["江浙沪"]["open"].is_string());

    let o = aftersale(
        &["replay", "--policy", e, "--baseline", b, "--csv", p],
        None,
    );
    let c = stdout(&o);
    assert!(
        c.starts_with("scope,key,metric,new,baseline,change\n"),
        "{c}"
    );
    assert!(c.contains("region,江浙沪,opening_total,"), "{c}");
    assert!(c.contains("defect,小瑕疵,opening_total,"), "{c}");
    assert!(
        !c.contains("small_flaw") && !c.contains("partial_refund"),
        "{c}"
    );
}

#[test]
fn gen_cases_writes_json_lines_that_replay_reads() {
    let o = aftersale(&["gen-cases", "25", "--seed", "4"], None);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert_eq!(text.lines().count(), 25);
    let o = aftersale(&["replay", "-"], Some(&text));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("重放 / replay: 25 个案例，0 行读不了已跳过"),
        "{}",
        stdout(&o)
    );
}

fn replay_one(
    policy: &Policy,
    baseline: Option<&Policy>,
    bytes: &[u8],
    format: Format,
) -> Result<Report, replay::ReplayError> {
    replay::replay(policy, baseline, bytes, format, &opts(1), &mut |_, _| {})
}

#[test]
fn a_shop_export_with_chinese_headings_and_a_bom_is_read() {
    let bundled = Policy::bundled().expect("bundled");
    let csv = "\u{feff}问题类型,地区,实付款,买家要求,签收日期\n小瑕疵,新疆,89,12,2026-11-18\n\"质量问题\",\"广东省\n广州市\",159,,2026-11-18\n";
    let r = replay_one(&bundled, None, csv.as_bytes(), Format::Csv).expect("read");
    assert_eq!((r.new.all.cases, r.bad_total), (2, 0), "{:?}", r.bad);
    // A heading that is no case field is not read, and named.
    let r = replay_one(
        &bundled,
        None,
        "问题类型,颜色,收货地区\n小瑕疵,红,新疆\n".as_bytes(),
        Format::Csv,
    )
    .expect("read");
    assert_eq!((r.new.all.cases, r.bad_total), (1, 0), "{:?}", r.bad);
    assert_eq!(r.ignored, ["颜色"]);
    // A heading nearly spelt as a field is named with it; a second column for one
    // fact is named with the first, which is the one read.
    let r = replay_one(
        &bundled,
        None,
        "问题类型,收货地区,签收日起,省份\n小瑕疵,新疆,2026-11-18,浙江\n".as_bytes(),
        Format::Csv,
    )
    .expect("read");
    assert_eq!(
        r.ignored,
        [
            "签收日起（是不是 签收日期？）",
            "省份（和“收货地区”同是收货地区，读的是“收货地区”）"
        ]
    );
    assert_eq!(
        r.new.by_region.keys().map(|k| &**k).collect::<Vec<_>>(),
        ["偏远地区"]
    );
    // A header naming no case field at all is refused, Chinese first.
    let err = replay_one(&bundled, None, "颜色,尺码\n红,39\n".as_bytes(), Format::Csv)
        .expect_err("refused")
        .to_string();
    assert!(
        err.starts_with("CSV 的表头没有一列是案例字段（颜色，尺码）"),
        "{err}"
    );
    // JSON Lines saved with a byte-order mark.
    let jsonl = "\u{feff}{\"defect\":\"小瑕疵\",\"region\":\"新疆\"}\n";
    let r = replay_one(&bundled, None, jsonl.as_bytes(), Format::JsonLines).expect("read");
    assert_eq!((r.new.all.cases, r.bad_total), (1, 0));
}

#[test]
fn a_log_not_in_utf8_or_with_no_case_is_refused_clearly() {
    let bundled = Policy::bundled().expect("bundled");
    // "小瑕疵" in GBK, on line 2.
    let gbk = b"{\"defect\":\"small_flaw\",\"region\":\"xj\"}\n{\"defect\":\"\xd0\xa1\xe8\xa6\xb4\xc3\"}\n";
    let err = replay_one(&bundled, None, gbk, Format::JsonLines)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("第 2 行") && err.contains("UTF-8"), "{err}");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("defect,region\n".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let err = replay_one(&bundled, None, &utf16, Format::Csv)
        .expect_err("refused")
        .to_string();
    assert!(err.contains("UTF-16"), "{err}");
    for (text, format) in [
        ("", Format::JsonLines),
        ("\n\n", Format::JsonLines),
        ("defect,region\n", Format::Csv),
        ("not json\n", Format::JsonLines),
    ] {
        let err = replay_one(&bundled, None, text.as_bytes(), format)
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("没有一行是案例")),
            "{text:?}: {err:?}"
        );
    }
}

#[test]
fn a_group_without_a_shipping_cost_is_an_error_not_free_shipping() {
    let text = BUNDLED.replace("  港澳台及海外: \"60.00\"\n", "");
    let policy = Policy::parse(&text, "no_cost.yaml").expect("loads, with a warning");
    let err = replay_one(
        &policy,
        None,
        b"{\"defect\":\"quality\",\"region\":\"hk\"}\n",
        Format::JsonLines,
    )
    .expect_err("refused")
    .to_string();
    assert!(
        err.contains("港澳台及海外") && err.contains("shipping"),
        "{err}"
    );
}

#[test]
fn moving_a_province_between_groups_reprices_only_as_repricing() {
    // 四川 joins 偏远地区 (legs ¥25 instead of ¥12). A quality exchange is the same
    // advice in either group: its shipping must not move; the re-pricing is shown apart.
    let text = BUNDLED.replace(
        "偏远地区: [新疆, 内蒙古, 青海, 西藏]",
        "偏远地区: [新疆, 内蒙古, 青海, 西藏, 四川]",
    );
    let moved = Policy::parse(&text, "moved.yaml").expect("loads");
    let bundled = Policy::bundled().expect("bundled");
    let log = "{\"defect\":\"quality\",\"region\":\"四川\",\"price\":\"159\"}\n";
    let r = replay_one(&moved, Some(&bundled), log.as_bytes(), Format::JsonLines).expect("read");
    let old = r.old.as_ref().expect("baseline");
    assert_eq!(r.changed_total, 0);
    assert_eq!(r.new.all.shop_shipping, old.all.shop_shipping);
    assert_eq!(r.repriced_cases, 1);
    assert_eq!(
        r.repricing.to_string(),
        "26.00",
        "two legs at ¥13 more each"
    );
    let json = serde_json::to_value(&r).expect("json");
    assert_eq!(
        json["new"]["all"]["shop_shipping"], "24.00",
        "amounts have two decimals"
    );
}

#[test]
fn the_readme_worked_example_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(super::repo("README.md")).expect("README");
    let section = &readme[readme.find("### Worked example").expect("section")..];
    let block = section.split("```").nth(3).expect("the replay block");
    let policy = Policy::parse(
        &BUNDLED.replace(
            "offer: {open: \"3.00\", max: \"5.00\"}",
            "offer: {open: \"4.00\", max: \"6.00\"}",
        ),
        "new.yaml",
    )
    .expect("new.yaml");
    let bundled = Policy::bundled().expect("bundled");
    let mut log = Vec::new();
    aftersale::generate::write_cases(20_000, 1, &mut log).expect("gen-cases 20000");
    let report = replay::replay(
        &policy,
        Some(&bundled),
        log.as_slice(),
        Format::JsonLines,
        &Options {
            keep_changes: Some(20),
            ..opts(2)
        },
        &mut |_, _| {},
    )
    .expect("replay");
    let printed = aftersale::replay::table::text(&report);
    for line in block
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('$'))
    {
        assert!(
            printed.lines().any(|p| p.trim_end() == line.trim_end()),
            "README line not printed:\n{line}\n--- printed:\n{printed}"
        );
    }
}

/// The bad-line block of a printed report, from its heading on.
fn bad_block(table: &str) -> String {
    table
        .find("读不了、已跳过的行")
        .map_or(String::new(), |i| table[i..].to_string())
}

#[test]
fn an_excel_export_with_extra_columns_chinese_dates_and_crlf_is_read() {
    let path = super::repo("tests/fixtures/replay/shop_export_crlf.csv");
    let text = std::fs::read_to_string(&path).expect("fixture");
    assert!(text.contains("\r\n") && text.starts_with('\u{feff}'));
    let o = aftersale(&["replay", path.to_str().expect("utf-8")], None);
    let (out, err) = (stdout(&o), stderr(&o));
    // Three of twelve rows cannot be read: the report, then exit 1 saying so.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        out.starts_with("重放 / replay: 12 个案例，3 行读不了已跳过"),
        "{out}"
    );
    assert!(
        out.contains("没有读的列（不是案例字段） / not read (no case field): 订单号、买家旺旺\n"),
        "{out}"
    );
    // 2026年11月18日 14:02 and the like are dates: nine cases decided, none short of a date.
    assert!(
        out.contains("已给建议 / cases decided                               9\n"),
        "{out}"
    );
    assert!(!out.contains("缺“签收日期”"), "{out}");
    // Each bad line is named by its line in the file, as a text editor counts them.
    let file_lines: Vec<&str> = text.lines().collect();
    for (line, word) in [(5, "断跟"), (7, "火星"), (11, "2026年13月1日")] {
        assert!(file_lines[line - 1].contains(word), "line {line}");
        assert!(
            out.contains(&format!("第 {line} 行 / line {line}: ")),
            "{out}"
        );
    }
    // Nonsense gets no guess: 火星 is not a misspelt 新星.
    assert!(
        !out.contains("是不是") && !out.contains("did you mean"),
        "{out}"
    );
    insta::assert_snapshot!("replay_excel_export_bad_lines", bad_block(&out));
    insta::assert_snapshot!(
        "replay_excel_export_too_many_bad",
        err.lines().last().unwrap_or_default()
    );
}

#[test]
fn more_than_five_percent_unreadable_ends_with_exit_1_after_the_report() {
    let dir = super::regression::tempdir("replay-share");
    let good = log(95, 31);
    for (bad, code) in [(5, 0), (6, 1)] {
        // 5 bad of 100 is 5%, not more; 6 of 101 is.
        let mut text = good.clone();
        for i in 0..bad {
            text.push_str(&format!(
                "{{\"defect\": \"小瑕疵\", \"region\": \"火星{i}\"}}\n"
            ));
        }
        let path = dir.join(format!("log{bad}.jsonl"));
        std::fs::write(&path, &text).expect("write");
        let o = aftersale(&["replay", path.to_str().expect("utf-8")], None);
        assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
        assert!(
            stdout(&o).contains("重放 / replay: "),
            "the report is printed"
        );
        if code == 1 {
            insta::assert_snapshot!(
                "replay_six_of_101_unreadable",
                stderr(&o).lines().last().unwrap_or_default()
            );
        }
    }
    // Every line unreadable: no report to print, and the lines say why.
    let path = dir.join("all_bad.csv");
    std::fs::write(&path, "问题类型,收货地区\n断跟,浙江\n小瑕疵,火星\n").expect("write");
    let o = aftersale(&["replay", path.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    insta::assert_snapshot!(
        "replay_no_line_readable",
        &err[err.find("error:").unwrap_or(0)..]
    );
}

#[test]
fn a_json_line_with_keys_that_are_no_case_field_is_read_and_they_are_named() {
    let bundled = Policy::bundled().expect("bundled");
    let jsonl = "{\"order_no\": \"3712345678901234567\", \"defect\": \"小瑕疵\", \"region\": \"新疆\"}\n\
                 {\"defect\": \"小瑕疵\", \"收货地区\": \"浙江\", \"签收日期\": \"2026年11月18日\", \"旺旺\": \"tb_小鱼\"}\n";
    let r = replay_one(&bundled, None, jsonl.as_bytes(), Format::JsonLines).expect("read");
    assert_eq!((r.new.all.cases, r.bad_total), (2, 0), "{:?}", r.bad);
    assert_eq!(r.ignored, ["order_no", "旺旺"]);
    // A value that cannot be meant is still a bad line, said in Chinese first.
    let r = replay_one(
        &bundled,
        None,
        "{\"defect\": \"小瑕疵\", \"region\": \"新疆\"}\n{\"defect\": \"小瑕疵\", \"price\": [89]}\nnot json\n"
            .as_bytes(),
        Format::JsonLines,
    )
    .expect("read");
    let messages: Vec<String> = r
        .bad
        .iter()
        .map(|b| format!("{}: {}", b.line, b.message))
        .collect();
    // Saved with CRLF line ends, the lines keep their numbers.
    let crlf = "{\"defect\": \"小瑕疵\", \"region\": \"新疆\"}\r\n\r\n{\"defect\": \"断跟\"}\r\n";
    let r = replay_one(&bundled, None, crlf.as_bytes(), Format::JsonLines).expect("read");
    assert_eq!(r.bad.iter().map(|b| b.line).collect::<Vec<_>>(), [3]);
    // And in a CSV log, a yes/no column with neither.
    let r = replay_one(
        &bundled,
        None,
        "问题类型,收货地区,包邮,订单号\n小瑕疵,新疆,是,1\n小瑕疵,新疆,也许,2\n".as_bytes(),
        Format::Csv,
    )
    .expect("read");
    let messages: Vec<String> = messages
        .into_iter()
        .chain(
            r.bad
                .iter()
                .map(|b| format!("csv {}: {}", b.line, b.message)),
        )
        .collect();
    insta::assert_snapshot!("replay_bad_values", messages.join("\n"));
}

#[test]
fn the_journal_export_is_replayed_as_the_journal_is() {
    let dir = super::regression::tempdir("replay-export");
    let file = dir.join("journal.sqlite3");
    drop(aftersale::journal::Journal::open(&file).expect("journal"));
    let conn = rusqlite::Connection::open(&file).expect("sqlite");
    for (at, input) in [
        (
            "2026-11-20 09:00:00",
            r#"{"defect":"小瑕疵","region":"新疆","price":"89.00","ask":"12"}"#,
        ),
        (
            "2026-11-21 10:30:00",
            r#"{"defect":"quality","region":"浙江省杭州市西湖区 ****","price":"159.00","signed":"2026-11-19"}"#,
        ),
        (
            "2026-11-22 11:00:00",
            r#"{"defect":"不喜欢","region":"湖北","signed":"2026-11-18","title":"女士单鞋"}"#,
        ),
    ] {
        conn.execute(
            "INSERT INTO cases (handled_at, day, order_no, summary, paste, request_facts, input, advice, resolution, policy_name, policy_hash)
             VALUES (?1, substr(?1, 1, 10), '=1+1', '摘要', '买家说：鞋面有污渍', '{}', ?2, '{}', 'partial_refund', 'p', 'h')",
            rusqlite::params![at, input],
        )
        .expect("case");
    }
    drop(conn);
    let journal = file.to_str().expect("utf-8");
    let export = aftersale(&["journal", "--journal", journal, "export", "--csv"], None);
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    let csv_path = dir.join("cases.csv");
    std::fs::write(&csv_path, &export.stdout).expect("write");
    let csv_path = csv_path.to_str().expect("utf-8");
    let report = |args: &[&str]| -> serde_json::Value {
        let o = aftersale(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        serde_json::from_str(&stdout(&o)).expect("json")
    };
    let from_export = report(&["--today", "2027-03-01", "replay", "--json", csv_path]);
    let from_journal = report(&[
        "--today",
        "2027-03-01",
        "replay",
        "--json",
        "--journal",
        journal,
    ]);
    assert_eq!(from_export["lines"], 3);
    assert_eq!(from_export["bad_total"], 0, "{from_export:#}");
    assert_eq!(from_export["new"], from_journal["new"]);
    // The seven days count from the day each case was handled, not from --today.
    assert!(
        from_export["new"]["by_resolution"].get("decline").is_none(),
        "{from_export:#}"
    );
    let o = aftersale(&["replay", csv_path], None);
    assert!(
        stdout(&o).contains("注意 / note: 读的是工作台日志的导出"),
        "{}",
        stdout(&o)
    );
    // An export from before the `case` column says how to get one that replays.
    let old: String = String::from_utf8_lossy(&export.stdout)
        .lines()
        .map(|l| {
            l.rsplit_once(",\"{")
                .map_or(l, |(head, _)| head)
                .trim_end_matches(",case")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let old_path = dir.join("old.csv");
    std::fs::write(&old_path, old).expect("write");
    let o = aftersale(&["replay", old_path.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("旧版的工作台导出"), "{}", stderr(&o));
}

#[test]
fn the_report_counts_more_and_less_money_and_counter_offers_avoided_and_added() {
    // 江浙沪 small flaws 3–5 → 4–6 (more money; an ask of 6 is now agreed),
    // 偏远地区 10–15 → 8–12 (less money; an ask of 13 is now countered).
    let text = BUNDLED
        .replace(
            "offer: {open: \"3.00\", max: \"5.00\"}",
            "offer: {open: \"4.00\", max: \"6.00\"}",
        )
        .replacen(
            "offer: {open: \"10.00\", max: \"15.00\"}",
            "offer: {open: \"8.00\", max: \"12.00\"}",
            1,
        );
    let policy = Policy::parse(&text, "new.yaml").expect("new policy");
    let bundled = Policy::bundled().expect("bundled");
    let log = [
        r#"{"defect":"小瑕疵","region":"浙江","price":"89","ask":"6"}"#,
        r#"{"defect":"小瑕疵","region":"浙江","price":"89","ask":"4"}"#,
        r#"{"defect":"小瑕疵","region":"浙江","price":"89"}"#,
        r#"{"defect":"小瑕疵","region":"新疆","price":"89","ask":"13"}"#,
        r#"{"defect":"小瑕疵","region":"新疆","price":"89"}"#,
        r#"{"defect":"质量问题","region":"新疆","price":"89"}"#,
    ]
    .join("\n");
    let r = replay_one(&policy, Some(&bundled), log.as_bytes(), Format::JsonLines).expect("read");
    assert_eq!(r.changed_total, 4);
    assert_eq!((r.more_money, r.less_money), (2, 2));
    assert_eq!((r.counters_avoided, r.counters_added), (1, 1));
    let old = r.old.as_ref().expect("baseline");
    assert_eq!((old.counters, r.new.counters), (1, 1));
    let table = aftersale::replay::table::text(&r);
    for want in [
        "4 个案例的建议有变化 / case(s) get different advice\n",
        "  买家可能拿到的钱（上限加赔付）：更多 2 个，更少 2 个 / more money 2, less 2\n",
        "  还价：不用再还价 1 个，要多还价 1 个 / counter-offers avoided 1, added 1\n",
        "要还价 / counter-offers                                1                1              0\n",
        "  第 1 行      小瑕疵 浙江 ¥89 要¥6\n    原 / old: 部分退款 ¥5.00–5.00 运费 寄回无/寄出无\n    新 / new: 部分退款 ¥6.00–6.00 运费 寄回无/寄出无\n",
    ] {
        assert!(table.contains(want), "missing {want:?} in\n{table}");
    }
}

#[test]
fn a_word_that_is_no_label_gets_no_sound_alike_guess() {
    let bundled = Policy::bundled().expect("bundled");
    let log = "问题类型,收货地区\n小瑕疵,新疆\n小瑕疵,火星\n断跟,浙江\nbroken_heel,浙江\n小瑕,浙江\n小瑕疵,新彊\n";
    let r = replay_one(&bundled, None, log.as_bytes(), Format::Csv).expect("read");
    let messages: Vec<String> = r
        .bad
        .iter()
        .map(|b| format!("{}: {}", b.line, b.message))
        .collect();
    insta::assert_snapshot!("replay_no_guess_for_nonsense", messages.join("\n"));
}
