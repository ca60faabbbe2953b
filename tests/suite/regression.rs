//! The playbook examples in tests/cases pass on the bundled policy, and together
//! they reach every rule of the playbook.

use std::collections::BTreeSet;

use aftersale::case::CaseInput;
use aftersale::engine;
use aftersale::policy::Policy;
use aftersale::regress;
use chrono::NaiveDate;

use super::repo;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date")
}

#[test]
fn every_case_file_passes_on_the_bundled_policy() {
    let policy = Policy::bundled().expect("bundled policy loads");
    let report = regress::run(&policy, &[repo("tests/cases")], today()).expect("cases run");
    assert!(
        report.results.len() >= 40,
        "only {} cases",
        report.results.len()
    );
    assert_eq!(
        report.failed(),
        0,
        "\n{}",
        aftersale::regress::table::text(&report)
    );
}

/// Every playbook ID in PLAYBOOK.md, which must each decide or annotate some case.
const PLAYBOOK_IDS: &[&str] = &[
    "S1", "S2", "S3", "S4", "S5", "S6", "S7", "R1", "R2", "R3", "R4", "R5", "F1", "F2", "F3", "F4",
    "L1", "L2", "L3", "B1", "U1", "U2", "U3", "T", "P1", "P2", "P3", "P4", "G1", "G2",
];

#[test]
fn the_cases_reach_every_playbook_rule() {
    let policy = Policy::bundled().expect("bundled policy loads");
    let mut seen = BTreeSet::new();
    for path in regress::case_files(&repo("tests/cases")).expect("case files") {
        let text = std::fs::read_to_string(&path).expect("readable");
        #[derive(serde::Deserialize)]
        struct File {
            case: CaseInput,
        }
        let file: File = aftersale::located::from_yaml(&text)
            .map_err(|e| e.message)
            .expect("case file parses");
        let Ok(case) = file.case.into_case(today()) else {
            continue;
        };
        let Ok(advice) = engine::advise(&policy, &case) else {
            continue;
        };
        seen.extend(advice.playbook.iter().cloned());
        seen.extend(advice.risks.iter().map(|r| r.playbook.to_string()));
        seen.extend(advice.deadlines.iter().map(|d| d.playbook.to_string()));
    }
    let missing: Vec<&&str> = PLAYBOOK_IDS
        .iter()
        .filter(|id| !seen.contains(**id))
        .collect();
    assert!(missing.is_empty(), "no case reaches {missing:?}");
}

#[test]
fn a_changed_expectation_is_reported_as_a_failure_with_the_difference() {
    let dir = tempdir("regress-fail");
    std::fs::write(
        dir.join("wrong.yaml"),
        "name: 故意写错的期望\ncase: {defect: 小瑕疵, region: 浙江}\nexpect: {offer: 1.00-2.00}\n",
    )
    .expect("write");
    let policy = Policy::bundled().expect("bundled policy loads");
    let report = regress::run(&policy, &[dir.to_path_buf()], today()).expect("runs");
    assert_eq!(report.failed(), 1);
    let text = aftersale::regress::table::text(&report);
    assert!(text.contains("FAIL"), "{text}");
    assert!(
        text.contains("offer: expected `1.00-2.00`, got `3.00-5.00`"),
        "{text}"
    );
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");
}

/// A fresh empty folder under the system temp dir, removed when the test ends
/// (pass or fail), so runs leave nothing behind.
pub fn tempdir(name: &str) -> TempDir {
    let dir = std::env::temp_dir().join(format!("aftersale-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    TempDir(dir)
}

/// A test's scratch folder; see [`tempdir`].
pub struct TempDir(std::path::PathBuf);

impl std::ops::Deref for TempDir {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for TempDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn every_bundled_case_file_carries_its_day() {
    let mut undated = Vec::new();
    for dir in ["tests/cases", "tests/intake", "tests/intake_misses"] {
        for path in regress::case_files(&repo(dir)).expect("case files") {
            let text = std::fs::read_to_string(&path).expect("readable");
            if !text.lines().any(|l| l.starts_with("today: ")) {
                undated.push(path.display().to_string());
            }
        }
    }
    assert!(undated.is_empty(), "no `today:` in {undated:?}");
}

#[test]
fn the_bundled_cases_pass_on_any_day_the_test_is_run() {
    let cases = repo("tests/cases");
    let intake = repo("tests/intake");
    let (cases, intake) = (
        cases.to_str().expect("utf-8"),
        intake.to_str().expect("utf-8"),
    );
    // Far-apart days, the clock's (no --today), and the environment's.
    for today in [
        Some("2001-01-01"),
        Some("2026-11-23"),
        Some("2031-02-28"),
        Some("2099-12-31"),
        None,
    ] {
        let mut args = vec!["test", cases, intake];
        if let Some(day) = today {
            args.splice(0..0, ["--today", day]);
        }
        let o = super::aftersale(&args, None);
        let out = super::stdout(&o);
        assert_eq!(o.status.code(), Some(0), "--today {today:?}:\n{out}");
        assert!(out.ends_with(" passed, 0 failed\n"), "{out}");
    }
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_aftersale"))
        .args(["test", cases])
        .env("AFTERSALE_TODAY", "1999-12-31")
        .env_remove("AFTERSALE_POLICY")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(0), "{}", super::stdout(&o));
}

#[test]
fn a_case_file_may_name_its_facts_by_their_chinese_labels() {
    let policy = Policy::bundled().expect("bundled policy loads");
    let path = repo("tests/cases/s2_remote_chinese_labels.yaml");
    let r = regress::run_file(&policy, &path, today());
    assert!(r.ok(), "{:?}", r.diffs);
    // The same case as `advise` reads it from a file.
    let input = CaseInput::from_yaml(
        "问题类型: 小瑕疵\n收货地区: 新疆\n实付金额: 89\n包邮: 是\n",
        "case.yaml",
    )
    .expect("read");
    let case = input.into_case(today()).expect("a case");
    assert_eq!(case.price.map(|p| p.to_string()).as_deref(), Some("89"));
    assert_eq!(case.free_shipping, Some(true));
    assert_eq!(case.region.map(|r| r.province.0), Some("新疆"));
}

#[test]
fn a_slip_in_a_case_file_gets_a_chinese_message_at_its_line() {
    let policy = Policy::bundled().expect("bundled policy loads");
    let dir = repo("tests/case_slips");
    let files = regress::case_files(&dir).expect("case files");
    assert!(files.len() >= 6, "only {} slips", files.len());
    for path in files {
        // On two far-apart days: the file's own day wins.
        let shown: Vec<String> = [today(), NaiveDate::from_ymd_opt(2099, 1, 1).expect("date")]
            .into_iter()
            .map(|day| {
                let r = regress::run_file(&policy, &path, day);
                assert!(!r.ok(), "{} passed", path.display());
                r.diffs
                    .join("\n")
                    .replace(&format!("{}/", dir.display()), "")
            })
            .collect();
        assert_eq!(shown[0], shown[1]);
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a name")
            .to_string();
        insta::assert_snapshot!(format!("case_slip_{name}"), shown[0]);
    }
}
