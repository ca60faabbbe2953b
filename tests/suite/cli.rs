//! The `aftersale` command as an agent and a manager use it: output, JSON fields,
//! policy selection and exit codes (0 advice, 1 regression failure, 2 bad input).

use super::{aftersale, repo, stderr, stdout};

#[test]
fn advise_prints_chinese_advice_with_offer_shipping_rules_and_reply() {
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "小瑕疵",
            "--region",
            "新疆",
            "--title",
            "男鞋 特价 清仓",
            "--material",
            "suede",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "【处理建议】",
        "开价 ¥10.00",
        "上限 ¥15.00",
        "【运费】",
        "S2",
        "【回复买家】",
        "对不起",
        "谢谢您",
        "切忌用毛刷",
    ] {
        assert!(out.contains(want), "missing {want} in\n{out}");
    }
}

#[test]
fn json_output_has_the_stable_fields() {
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "延迟发货",
            "--platform",
            "taobao",
            "--price",
            "89",
            "--json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["resolution"], "refund");
    assert_eq!(v["offer"], serde_json::Value::Null);
    assert_eq!(v["if_refused"], serde_json::Value::Null);
    assert_eq!(v["escalate"], false);
    assert_eq!(v["compensation"]["amount"], "4.45");
    assert_eq!(v["shipping"]["to_shop"], "none");
    assert_eq!(v["shipping"]["to_buyer"], "none");
    assert_eq!(v["playbook"], serde_json::json!(["U2"]));
    assert!(v["reply"].as_str().is_some_and(|r| r.contains("4.45")));
    assert!(v["policy"]["name"].is_string());
    assert_eq!(v["policy"]["hash"].as_str().map(str::len), Some(16));
}

#[test]
fn json_offer_is_an_object_of_two_decimal_strings() {
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "small_flaw",
            "--region",
            "沪",
            "--json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["offer"]["open"], "3.00");
    assert_eq!(v["offer"]["max"], "5.00");
    assert_eq!(v["if_refused"], "return_or_exchange");
}

#[test]
fn a_case_file_and_stdin_work_and_flags_override_the_file() {
    let file = repo("tests/cases/s1_jiangzhehu_opening_offer.yaml");
    let text = std::fs::read_to_string(&file).expect("case file");
    // A case file for `advise` is the `case:` part of a regression file.
    let case_part: String = text
        .lines()
        .find(|l| l.starts_with("case:"))
        .map(|l| l.trim_start_matches("case:").trim().to_string())
        .expect("case line");
    let o = aftersale(&["advise", "-", "--json"], Some(&case_part));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["offer"]["open"], "3.00");
    let o = aftersale(
        &["advise", "-", "--json", "--region", "西藏"],
        Some(&case_part),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["offer"]["open"], "10.00", "the flag's region wins");
}

#[test]
fn a_malformed_case_file_gives_file_line_and_column() {
    let o = aftersale(
        &["advise", "-"],
        Some("defect: 小瑕疵\nregion: 浙江\ncolour: red\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("<stdin>:3:1"), "{err}");
    assert!(err.contains("unknown field `colour`"), "{err}");
}

#[test]
fn a_missing_fact_names_the_flag_to_add() {
    // No region: the advice for each region group, and the flag that picks one.
    let o = aftersale(&["advise", "--defect", "小瑕疵"], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("偏远地区"), "{}", stdout(&o));
    assert!(stderr(&o).contains("--region"), "{}", stderr(&o));
    // No defect: nothing to advise on.
    let o = aftersale(&["advise", "--region", "浙江"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--defect"), "{}", stderr(&o));
}

#[test]
fn a_district_in_several_provinces_is_answered_when_they_all_get_the_same_advice() {
    // 朝阳区 is in 北京 and in 辽宁 (长春 too): a seven-day return is the same everywhere.
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "不喜欢",
            "--region",
            "朝阳区",
            "--title",
            "女士单鞋",
            "--free-shipping",
            "--signed",
            "2026-11-18",
            "--requested",
            "2026-11-20",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("处理相同"), "{}", stdout(&o));
    // 鼓楼区 is in 江苏 (江浙沪, 3-5元) and 福建 (其他地区, 5-10元): ask which.
    let o = aftersale(
        &["advise", "--defect", "小瑕疵", "--region", "鼓楼区"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("ambiguous"), "{}", stderr(&o));
}

#[test]
fn a_missing_fact_is_assumed_openly_in_text_and_json() {
    let args = [
        "advise",
        "--defect",
        "不喜欢",
        "--region",
        "湖北",
        "--title",
        "女士单鞋",
        "--requested",
        "2026-11-18",
    ];
    let o = aftersale(&args, None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("【假设】"), "{out}");
    assert!(out.contains("签收日期"), "{out}");
    assert!(out.contains("哪天签收"), "the reply asks the buyer: {out}");
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&aftersale(&json_args, None))).expect("json");
    let assumed: Vec<&str> = v["assumed"]
        .as_array()
        .expect("assumed")
        .iter()
        .filter_map(|a| a["fact"].as_str())
        .collect();
    assert!(assumed.contains(&"signed"), "{assumed:?}");
    assert!(assumed.contains(&"free_shipping"), "{assumed:?}");
    let alt = v["alternatives"]
        .as_array()
        .expect("alternatives")
        .iter()
        .find(|a| a["when"].get("signed").is_some())
        .expect("the expired-window branch");
    assert_eq!(alt["resolution"], "decline");
    assert_eq!(v["ask_buyer"][0]["id"], "signed_at");
}

#[test]
fn bad_values_are_rejected_with_suggestions() {
    let o = aftersale(&["advise", "--defect", "小瑕疵", "--region", "新彊"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `新疆`"), "{}", stderr(&o));
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "质量问题",
            "--region",
            "陕西",
            "--price",
            "-5",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot be negative"), "{}", stderr(&o));
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "小瑕疵",
            "--region",
            "浙江",
            "--material",
            "leather",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown material `leather`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn policy_comes_from_the_flag_or_the_environment() {
    let dir = super::regression::tempdir("cli-policy");
    let policy = dir.join("p.yaml");
    let text = aftersale::policy::BUNDLED.replace(
        "offer: {open: \"3.00\", max: \"5.00\"}",
        "offer: {open: \"4.00\", max: \"6.00\"}",
    );
    std::fs::write(&policy, text).expect("write policy");
    let p = policy.to_str().expect("utf-8 path");
    let o = aftersale(
        &[
            "advise",
            "--policy",
            p,
            "--defect",
            "小瑕疵",
            "--region",
            "浙江",
            "--json",
        ],
        None,
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("valid JSON");
    assert_eq!(v["offer"]["open"], "4.00");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_aftersale"))
        .args(["advise", "--defect", "小瑕疵", "--region", "浙江", "--json"])
        .env("AFTERSALE_POLICY", p)
        .output()
        .expect("runs");
    let v: serde_json::Value =
        serde_json::from_str(&String::from_utf8_lossy(&o.stdout)).expect("valid JSON");
    assert_eq!(v["offer"]["open"], "4.00");
}

/// `advise` on a 浙江 small defect under a policy file.
fn advise_small_flaw_under(policy: &std::path::Path) -> std::process::Output {
    aftersale(
        &[
            "advise",
            "--policy",
            policy.to_str().expect("utf-8"),
            "--defect",
            "小瑕疵",
            "--region",
            "浙江",
        ],
        None,
    )
}

#[test]
fn a_bad_policy_is_never_used() {
    let o = advise_small_flaw_under(&repo("tests/bad_policies/offer_open_above_max.yaml"));
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).is_empty(), "no advice printed: {}", stdout(&o));
    assert!(stderr(&o).contains("was not loaded"), "{}", stderr(&o));
}

#[test]
fn test_command_exits_1_on_failure_and_0_when_all_pass() {
    let cases = repo("tests/cases");
    let o = aftersale(&["test", cases.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o)
            .lines()
            .last()
            .is_some_and(|l| l.ends_with(" passed, 0 failed"))
    );
    let dir = super::regression::tempdir("cli-test");
    std::fs::write(
        dir.join("c.yaml"),
        "name: x\ncase: {defect: 小瑕疵, region: 浙江}\nexpect: {resolution: decline}\n",
    )
    .expect("write");
    let o = aftersale(&["test", dir.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("FAIL"), "{}", stdout(&o));
}

#[test]
fn a_case_file_pins_any_part_of_the_advice_json_without_rust() {
    let dir = super::regression::tempdir("cli-test-advice");
    let case = "name: x\ntoday: 2026-11-20\ncase: {defect: 小瑕疵, region: 浙江}\n";
    std::fs::write(
        dir.join("ok.yaml"),
        format!("{case}expect:\n  advice: {{resolution: partial_refund, offer: {{open: 3, max: \"5.00\"}}, escalate: false}}\n"),
    )
    .expect("write");
    let o = aftersale(&["test", dir.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    std::fs::write(
        dir.join("bad.yaml"),
        format!("{case}expect:\n  advice: {{offer: {{max: \"6.00\"}}, colour: red}}\n"),
    )
    .expect("write");
    let o = aftersale(&["test", dir.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.contains("advice.offer.max: expected `\"6.00\"`, got `\"5.00\"`"),
        "{out}"
    );
    assert!(out.contains("advice.colour"), "{out}");
}

#[test]
fn check_passes_the_bundled_policy_and_fails_a_bad_one() {
    let o = aftersale(&["check"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let bad = repo("tests/bad_policies/shadowed_rule.yaml");
    let o = aftersale(&["check", bad.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1), "the check found failures");
    assert!(stderr(&o).contains("can never fire"), "{}", stderr(&o));
}

#[test]
fn explain_shows_each_rule_considered() {
    let o = aftersale(
        &[
            "advise",
            "--defect",
            "小瑕疵",
            "--region",
            "浙江",
            "--explain",
        ],
        None,
    );
    let out = stdout(&o);
    assert!(out.contains("【规则检查顺序"), "{out}");
    assert!(
        out.contains("✘ 跳过 / skipped  unshipped_false_claim [U3]"),
        "{out}"
    );
    assert!(
        out.contains("✘ 问题类型：案例是“小瑕疵”，规则要“缺货/延迟发货”"),
        "{out}"
    );
    assert!(
        out.contains("✔ 采用 / decides  small_flaw_jiangzhehu"),
        "{out}"
    );
    assert!(
        out.contains("✔ 地区组：案例是“江浙沪（浙江）”，规则要“江浙沪”"),
        "{out}"
    );
    // `explain` is the same as `advise --explain`.
    let o2 = aftersale(&["explain", "--defect", "小瑕疵", "--region", "浙江"], None);
    assert_eq!(stdout(&o2), out);
}

#[test]
fn check_finds_a_rule_hidden_by_several_earlier_rules_together() {
    let p = repo("tests/fixtures/union_shadowed_policy.yaml");
    let o = aftersale(&["check", p.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("rule `small_flaw_any` can never fire"),
        "{err}"
    );
    assert!(
        err.contains("`small_flaw_jzh` and `small_flaw_remote` and `small_flaw_other`"),
        "{err}"
    );
    assert!(err.contains("union_shadowed_policy.yaml:64:9"), "{err}");
    // One gate: what `check` refuses, `advise` never uses.
    let o = advise_small_flaw_under(&p);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("can never fire"), "{}", stderr(&o));
    assert!(err.contains("= 修改:"), "{err}");
}

#[test]
fn check_reports_what_only_the_fallback_answers_and_ungrouped_provinces() {
    let o = aftersale(&["check"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("reachable rules: 59 of 59"), "{out}");
    // A wrong item the buyer is blamed for has no rule: the supervisor decides.
    assert!(out.contains("发错货 (wrong_item) · 责任方 买家"), "{out}");
    assert!(out.contains("provinces in no group: 北京"), "{out}");
}

#[test]
fn test_coverage_names_the_rules_no_case_reaches() {
    let one = repo("tests/cases/s1_jiangzhehu_opening_offer.yaml");
    let o = aftersale(&["test", "--coverage", one.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let out = stdout(&o);
    assert!(
        out.contains("     1  small_flaw_jiangzhehu [S1, S4, S5, S6]"),
        "{out}"
    );
    assert!(out.contains("     0  small_flaw_remote"), "{out}");
    assert!(
        out.contains("58 of 59 rules no case reaches: unshipped_false_claim,"),
        "{out}"
    );
    assert!(
        out.trim_end().ends_with("1 passed, 0 failed"),
        "the count line closes the output"
    );
    let all = aftersale(
        &[
            "test",
            "--coverage",
            repo("tests/cases").to_str().expect("utf-8"),
        ],
        None,
    );
    assert!(
        stdout(&all).contains("every one of the 59 rules is exercised by a case"),
        "{}",
        stdout(&all)
    );
}

#[test]
fn the_paste_loop_keeps_a_blank_line_inside_a_paste_and_ends_on_two() {
    // One case with a blank line between the order and the chat, ended by two
    // empty lines; then a second case; then q.
    let stdin = "收货地址:新疆乌鲁木齐市天山区\n\n买家:鞋面有污渍 优惠点吧\n\n\n收货地址:浙江省杭州市西湖区\n\n买家:鞋面有胶水印\n\n\nq\n";
    let o = aftersale(&["advise", "--interactive"], Some(stdin));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.matches("【处理建议】").count(), 2, "{out}");
    // The first paste's chat (after its blank line) was read with its address.
    assert!(out.contains("开价 ¥10.00"), "{out}");
    assert!(out.contains("开价 ¥3.00"), "{out}");
}

#[test]
fn exit_codes_say_done_failures_bad_input_or_internal() {
    // 0: done.
    let o = aftersale(&["advise", "--defect", "小瑕疵", "--region", "浙江"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // 1: the check ran and found the policy bad.
    let bad = repo("tests/bad_policies/offer_open_above_max.yaml");
    let o = aftersale(&["check", bad.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // 2: bad input — the same policy used to advise, a file that is not
    // there, a case number the journal does not have.
    let o = advise_small_flaw_under(&bad);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = aftersale(&["advise", "/no/such/case.txt"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let o = aftersale(&["check", "/no/such/policy.yaml"], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    // 3: internal — the advice cannot be written (a full disk).
    if std::path::Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full opens");
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_aftersale"))
            .args(["advise", "--defect", "小瑕疵", "--region", "浙江"])
            .stdout(full)
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("cannot write the output"),
            "{}",
            stderr(&o)
        );
    }
}
