//! Pasted cases: the facts read from them, Traditional as well as Simplified,
//! and the refusal of input that is not a case.

use aftersale::intake::{Intake, IntakeError};
use aftersale::policy::Policy;
use aftersale::regress;
use chrono::NaiveDate;

use super::{aftersale, repo, stderr, stdout};

#[test]
fn every_pasted_case_yields_its_facts_and_advice() {
    let policy = Policy::bundled().expect("bundled policy");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let report = regress::run(&policy, &[repo("tests/intake")], today).expect("runs");
    assert!(
        report.results.len() >= 250,
        "only {} pasted cases",
        report.results.len()
    );
    assert_eq!(
        report.failed(),
        0,
        "\n{}",
        aftersale::regress::table::text(&report)
    );
    let end_to_end = regress::case_files(&repo("tests/intake"))
        .expect("files")
        .iter()
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("\nexpect:")))
        .count();
    assert!(
        end_to_end >= 10,
        "only {end_to_end} pasted cases go end to end"
    );
}

/// The fact values of a paste, without their quoted sources.
fn values(policy: &Policy, text: &str) -> serde_json::Value {
    let facts = Intake::new(&policy.words()).extract(text).expect("facts");
    let mut v = serde_json::to_value(&facts).expect("json");
    if let Some(obj) = v.as_object_mut() {
        for fact in obj.values_mut() {
            if let Some(f) = fact.as_object_mut() {
                f.remove("source");
            }
            // Lists (threats, evidence) quote their sources too.
            for item in fact.as_array_mut().into_iter().flatten() {
                if let Some(f) = item.as_object_mut() {
                    f.remove("source");
                }
            }
        }
        obj.remove("ambiguous").map(|a| {
            obj.insert(
                "ambiguous_count".into(),
                a.as_array().map_or(0, |x| x.len()).into(),
            )
        });
    }
    v
}

#[test]
fn traditional_pastes_give_the_same_facts_as_simplified() {
    let policy = Policy::bundled().expect("bundled policy");
    let mut checked = 0;
    for path in regress::case_files(&repo("tests/intake")).expect("files") {
        let file: regress::CaseFile =
            aftersale::located::from_yaml(&std::fs::read_to_string(&path).expect("read"))
                .expect("parses");
        let Some(simplified) = file.paste else {
            continue;
        };
        let traditional = zhconv::zhconv(&simplified, zhconv::Variant::ZhHant);
        let (s, t) = (values(&policy, &simplified), values(&policy, &traditional));
        // Name the facts that differ, with both readings.
        let differ: Vec<String> = s
            .as_object()
            .into_iter()
            .chain(t.as_object())
            .flat_map(|o| o.keys())
            .filter(|k| s.get(*k) != t.get(*k))
            .map(|k| format!("{k}: {:?} vs {:?}", s.get(k), t.get(k)))
            .collect();
        assert!(
            differ.is_empty(),
            "{}: Traditional form reads differently: {differ:?}\n{traditional}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 40);
}

#[test]
fn input_that_is_not_a_case_is_refused() {
    let policy = Policy::bundled().expect("bundled policy");
    let intake = Intake::new(&policy.words());
    assert_eq!(intake.extract("  \n\t \n"), Err(IntakeError::Empty));
    assert_eq!(
        intake.extract("今天天气不错,谢谢"),
        Err(IntakeError::NothingFound)
    );
    assert!(matches!(
        intake.extract_bytes(&[0xff, 0xfe, 0x00, 0x41]),
        Err(IntakeError::Binary(_))
    ));
    assert!(matches!(
        intake.extract("鞋\0子"),
        Err(IntakeError::Binary(_))
    ));
    let big = "鞋子有污渍".repeat(80_000);
    assert!(matches!(
        intake.extract(&big),
        Err(IntakeError::TooLarge(_))
    ));
}

#[test]
fn bad_pastes_exit_2_with_a_message() {
    for (stdin, want) in [
        ("   \n", "the paste is empty"),
        ("今天天气不错", "no case facts found"),
    ] {
        let o = aftersale(&["advise"], Some(stdin));
        assert_eq!(o.status.code(), Some(2), "{stdin:?}");
        assert!(stderr(&o).contains(want), "{}", stderr(&o));
    }
    let dir = super::regression::tempdir("bad-paste");
    let binary = dir.join("image.png");
    std::fs::write(
        &binary,
        [
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe,
        ],
    )
    .expect("write");
    let o = aftersale(&["advise", binary.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not text"), "{}", stderr(&o));
    let big = dir.join("big.txt");
    std::fs::write(&big, "鞋子有污渍\n".repeat(100_000)).expect("write");
    let o = aftersale(&["advise", big.to_str().expect("utf-8")], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("at most 1048576 bytes"),
        "{}",
        stderr(&o)
    );
}

const PASTE: &str = "收货地址:新疆维吾尔自治区乌鲁木齐市天山区\n商品标题:男鞋 特价\n实付款 ¥89.00 淘宝\n已签收 2026-11-18\n鞋面有污渍 优惠8块吧\n";

#[test]
fn piped_paste_is_advised_once_with_the_recognised_facts_first() {
    let o = aftersale(&["advise", "--requested", "2026-11-20"], Some(PASTE));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("【识别结果】"), "{out}");
    assert!(out.contains("省份：新疆"), "{out}");
    assert!(out.contains("“收货地址:新疆维吾尔自治区"), "{out}");
    assert!(out.contains("开价 ¥8.00"), "{out}");
    assert!(!stderr(&o).contains("请粘贴"), "no prompt for piped input");
}

#[test]
fn text_flag_and_flag_overrides_are_reported() {
    let o = aftersale(
        &[
            "advise",
            "--text",
            PASTE,
            "--region",
            "浙江",
            "--requested",
            "2026-11-20",
            "--json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(
        v["facts"]["province"]["value"], "新疆",
        "the paste said 新疆"
    );
    assert_eq!(v["case_facts"]["province"], "浙江", "the flag decided");
    assert_eq!(v["offer"]["max"], "5.00");
    let overrides = v["overrides"].to_string();
    assert!(
        overrides.contains("--region 浙江") && overrides.contains("新疆"),
        "{overrides}"
    );
}

#[test]
fn extract_json_has_the_documented_keys() {
    let o = aftersale(&["extract", "--json", "--text", PASTE], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    for key in [
        "province",
        "region_group",
        "promo_tags",
        "defect",
        "price",
        "ask",
        "stage",
        "platform",
        "signed_at",
    ] {
        assert!(
            v[key]["value"] != serde_json::Value::Null,
            "{key} missing in {v}"
        );
        assert!(v[key]["source"].is_string(), "{key} has no source");
    }
    assert_eq!(v["price"]["value"], "89.00");
    assert_eq!(v["ask"]["value"], "8.00");
    assert!(v["missing"].is_array() && v["ambiguous"].is_array());
    assert!(v.get("material").is_none(), "absent facts are left out");
}

#[test]
fn a_missing_region_gives_the_answer_for_each_region_group() {
    let o = aftersale(
        &["advise", "--text", "鞋面有污渍,优惠点吧 实付款 ¥89"],
        None,
    );
    // An answer per group is an answer: exit 0, with a note naming the flag that picks one.
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("--region"), "{}", stderr(&o));
    let out = stdout(&o);
    for want in [
        "江浙沪",
        "开价¥3.00 上限¥5.00",
        "偏远地区",
        "开价¥10.00 上限¥15.00",
        "其他地区",
    ] {
        assert!(out.contains(want), "missing {want} in\n{out}");
    }
    assert!(stderr(&o).contains("--region"), "{}", stderr(&o));
}
