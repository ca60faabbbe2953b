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
    assert!(
        r.bad[0].message.contains("unknown defect `broken_heel`"),
        "{}",
        r.bad[0].message
    );
    assert_eq!(r.bad[1].line, 52);
    assert_eq!(r.new.all.cases + r.new.undecided.values().sum::<u64>(), 60);

    let dir = super::regression::tempdir("replay-bad");
    let path = dir.join("log.jsonl");
    std::fs::write(&path, &text).expect("write");
    let p = path.to_str().expect("utf-8");
    let o = aftersale(&["replay", p], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("line 51: "), "{}", stderr(&o));
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
        "replay: 400 cases",
        "baseline",
        "change",
        "opening offers, total",
        "by region group",
        "江浙沪",
        "by defect",
        "get different advice",
        "old: ",
        "new: ",
    ] {
        assert!(t.contains(want), "missing {want} in\n{t}");
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
        stdout(&o).contains("replay: 25 cases, 0 bad line(s) skipped"),
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
    // A heading that is no case field is named, not dropped.
    let err = replay_one(
        &bundled,
        None,
        "问题类型,颜色\n小瑕疵,红\n".as_bytes(),
        Format::Csv,
    )
    .expect_err("refused")
    .to_string();
    assert!(err.contains("颜色"), "{err}");
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
    let printed = aftersale::render::table::replay(&report);
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
