//! Every file in tests/bad_policies is refused, with the messages its `# expect:`
//! lines name (including file:line: where the error is).

use aftersale::policy::{Policy, PolicyError};

use super::repo;

#[test]
fn the_minimal_base_of_the_bad_policies_is_itself_valid() {
    let p = Policy::from_path(&repo("tests/fixtures/minimal_policy.yaml"));
    assert!(
        p.is_ok(),
        "{}",
        p.err().map(|e| e.to_string()).unwrap_or_default()
    );
}

#[test]
fn every_bad_policy_is_refused_with_its_expected_error() {
    let dir = repo("tests/bad_policies");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("bad_policies folder")
        .map(|e| e.expect("entry").path())
        // slips.yaml is a list of patches, checked below against snapshots.
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().ends_with("slips.yaml"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 10, "only {} bad policies", files.len());
    let mut problems = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let expects: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("# expect: "))
            .collect();
        assert!(
            !expects.is_empty(),
            "{} has no `# expect:` line",
            path.display()
        );
        match Policy::from_path(&path) {
            Ok(_) => problems.push(format!("{}: was accepted", path.display())),
            Err(e @ PolicyError::Invalid { .. }) => {
                let shown = aftersale::render::diagnostics::policy_error(&e);
                if !shown.contains("= 修改:") {
                    problems.push(format!(
                        "{}: no Chinese fix line in:\n{shown}",
                        path.display()
                    ));
                }
                for want in expects {
                    if !shown.contains(want) {
                        problems.push(format!("{}: missing `{want}` in:\n{shown}", path.display()));
                    }
                }
            }
            Err(e) => problems.push(format!("{}: unexpected error {e}", path.display())),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn an_error_shows_the_offending_line_with_a_caret() {
    let e = aftersale::render::diagnostics::policy_error(
        &Policy::from_path(&repo("tests/bad_policies/offer_open_above_max.yaml"))
            .expect_err("refused"),
    );
    assert!(
        e.contains("| offer: {open: \"6.00\", max: \"5.00\"}")
            || e.contains("|       offer: {open: \"6.00\""),
        "{e}"
    );
    assert!(e.contains('^'), "{e}");
    assert!(e.contains("= help:"), "{e}");
}

/// One slip of `tests/bad_policies/slips.yaml`.
#[derive(serde::Deserialize)]
struct Slip {
    name: String,
    replace: String,
    with: String,
    #[serde(default)]
    warn: bool,
}

#[test]
fn every_slip_gets_its_whole_message_at_its_line() {
    let base = aftersale::policy::BUNDLED;
    let slips: Vec<Slip> = aftersale::located::from_yaml(
        &std::fs::read_to_string(repo("tests/bad_policies/slips.yaml")).expect("slips"),
    )
    .expect("slips parse");
    assert!(slips.len() >= 25, "only {} slips", slips.len());
    for s in slips {
        assert!(
            base.contains(&s.replace),
            "{}: `{}` is not in the base",
            s.name,
            s.replace
        );
        let text = base.replacen(&s.replace, &s.with, 1);
        let file = format!("{}.yaml", s.name);
        let shown = match Policy::parse(&text, &file) {
            Err(PolicyError::Invalid { diagnostics, .. }) => {
                assert!(
                    !s.warn,
                    "{}: refused, expected to load with a warning",
                    s.name
                );
                diagnostics
                    .iter()
                    .map(|d| aftersale::render::diagnostics::diagnostic(d, &text))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
            Err(e) => e.to_string(),
            Ok(p) => {
                assert!(s.warn, "{}: loaded, expected to be refused", s.name);
                assert!(
                    !p.warnings().is_empty(),
                    "{}: loaded without a warning",
                    s.name
                );
                p.warnings()
                    .iter()
                    .map(|d| aftersale::render::diagnostics::diagnostic(d, &text))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        // Chinese first, and never the YAML library's own words.
        assert!(
            !shown.contains("DuplicateKeyPolicy") && !shown.contains("expected a Decimal"),
            "{}: {shown}",
            s.name
        );
        insta::assert_snapshot!(s.name.clone(), shown);
    }
}

/// One slip of `tests/bad_policies/manager_slips.yaml`: a patch, maybe in
/// several places, maybe saved with Windows line ends or a GBK line.
#[derive(serde::Deserialize)]
struct ManagerSlip {
    name: String,
    replace: String,
    with: String,
    #[serde(default)]
    also: Vec<Patch>,
    #[serde(default)]
    warn: bool,
    #[serde(default)]
    crlf: bool,
    #[serde(default)]
    gbk_hex: Option<String>,
}

#[derive(serde::Deserialize)]
struct Patch {
    replace: String,
    with: String,
}

/// What `check` reports on a policy that loads: its warnings, then what it
/// does to the advice against the bundled policy and why that is large.
fn loaded_report(p: &Policy, text: &str) -> String {
    let bundled = Policy::bundled().expect("bundled");
    let sample = aftersale::impact::sample(&[]);
    let imp = aftersale::impact::compare(&bundled, p, "自带策略", &sample);
    let mut shown: Vec<String> = p
        .warnings()
        .iter()
        .map(|d| aftersale::render::diagnostics::diagnostic(d, text))
        .collect();
    shown.push(aftersale::impact::render(&imp));
    shown.extend(imp.large.iter().map(|l| format!("改动很大: {l}")));
    assert!(
        !p.warnings().is_empty() || imp.any(),
        "loaded with nothing to say:\n{}",
        shown.join("\n")
    );
    shown.join("\n")
}

#[test]
fn every_manager_slip_is_caught_with_its_whole_message() {
    let base = aftersale::policy::BUNDLED;
    let slips: Vec<ManagerSlip> = aftersale::located::from_yaml(
        &std::fs::read_to_string(repo("tests/bad_policies/manager_slips.yaml")).expect("slips"),
    )
    .expect("slips parse");
    assert_eq!(slips.len(), 15);
    let dir = std::env::temp_dir().join(format!("aftersale-slips-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for s in slips {
        assert!(base.contains(&s.replace), "{}: not in the base", s.name);
        let mut text = base.replacen(&s.replace, &s.with, 1);
        for p in &s.also {
            assert!(text.contains(&p.replace), "{}: `also` not found", s.name);
            text = text.replacen(&p.replace, &p.with, 1);
        }
        if s.crlf {
            text = text.replace('\n', "\r\n");
        }
        let mut bytes = text.clone().into_bytes();
        if let Some(hex) = &s.gbk_hex {
            let gbk: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
                .collect();
            let at = text.find("<GBK>").expect("<GBK> marker");
            bytes.splice(at..at + "<GBK>".len(), gbk);
        }
        let path = dir.join(format!("{}.yaml", s.name));
        std::fs::write(&path, &bytes).expect("write");
        let shown = match Policy::from_path(&path) {
            Err(e @ PolicyError::Invalid { .. }) => {
                assert!(!s.warn, "{}: refused, expected to load", s.name);
                aftersale::render::diagnostics::policy_error(&e)
            }
            Err(e) => e.to_string(),
            Ok(p) => {
                assert!(s.warn, "{}: loaded, expected to be refused", s.name);
                let text = String::from_utf8_lossy(&bytes).to_string();
                loaded_report(&p, &text)
            }
        };
        let shown = shown.replace(&format!("{}/", dir.display()), "");
        assert!(
            !shown.contains("YAML 写法有误"),
            "{}: a generic message: {shown}",
            s.name
        );
        insta::assert_snapshot!(s.name.clone(), shown);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
