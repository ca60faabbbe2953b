//! Hostile input: each gets a clear error and exit code 2 (1 from `check`,
//! whose finding it is that the policy is bad), in bounded time and
//! memory (the binary runs under a 2 GB address-space limit and a 60 s timeout,
//! both far above what a normal run uses, so a blow-up shows as a failure).

use std::process::Command;

use super::regression::tempdir;

/// Runs `aftersale ARGS` under the limits; returns (exit code, stderr).
fn limited(args: &[&str], stdin_file: Option<&std::path::Path>) -> (Option<i32>, String) {
    let bin = env!("CARGO_BIN_EXE_aftersale");
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let input = stdin_file.map_or(String::from("< /dev/null"), |f| {
        format!("< '{}'", f.display())
    });
    let script = format!(
        "ulimit -v 2000000; exec timeout 60 '{bin}' {} {input}",
        quoted.join(" ")
    );
    let o = Command::new("sh")
        .arg("-c")
        .arg(script)
        .output()
        .expect("sh runs");
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p.to_str().expect("utf-8 path").to_string()
}

/// A billion-laughs document: ten levels of ten aliases each.
fn alias_bomb(first_key: &str) -> String {
    let mut s = format!(
        "{first_key}: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    );
    for i in 1..10 {
        s.push_str(&format!(
            "k{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 10].join(",")
        ));
    }
    s
}

#[test]
fn hostile_policies_are_refused_quickly() {
    let dir = tempdir("hostile-policy");
    let bundled = aftersale::policy::BUNDLED;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "one_megabyte.yaml",
            format!("name: \"{}\"\n", "x".repeat(1 << 20)).into_bytes(),
            "larger than any policy",
        ),
        ("five_megabytes.yaml", vec![b'#'; 5 << 20], "larger than"),
        (
            "deeply_nested.yaml",
            format!("name: {}\n", "[".repeat(200_000)).into_bytes(),
            "policy",
        ),
        ("alias_bomb.yaml", alias_bomb("name").into_bytes(), "error"),
        (
            "nul_byte.yaml",
            b"name: a\0b\n".to_vec(),
            "unexpected character",
        ),
        ("invalid_utf8.yaml", b"name: \xff\xfe\n".to_vec(), "UTF-8"),
        (
            "amount_1e30.yaml",
            bundled
                .replacen("open: \"3.00\"", "open: 1e30", 1)
                .into_bytes(),
            "1e30",
        ),
        (
            "amount_0_001.yaml",
            bundled
                .replacen("open: \"3.00\"", "open: \"0.001\"", 1)
                .into_bytes(),
            "more than two decimals",
        ),
        (
            "amount_minus_0.yaml",
            bundled
                .replacen("max: \"5.00\"", "max: \"-0\"", 1)
                .into_bytes(),
            "offers nothing",
        ),
        (
            "percent_1e30.yaml",
            bundled
                .replacen("percent: 5", "percent: 1e30", 1)
                .into_bytes(),
            "1e30",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = write(&dir, name, &bytes);
        let (code, err) = limited(&["check", &path], None);
        assert_eq!(code, Some(1), "{name}: {err}");
        assert!(
            err.contains(want),
            "{name}: expected `{want}` in\n{}",
            &err[..err.len().min(2000)]
        );
        assert!(
            err.len() < 20_000,
            "{name}: the message stays short ({} bytes)",
            err.len()
        );
    }
}

#[test]
fn hostile_cases_and_pastes_are_refused_quickly() {
    let dir = tempdir("hostile-case");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bomb_case.yaml",
            alias_bomb("defect").into_bytes(),
            "expected text or a number",
        ),
        (
            "deep_case.yaml",
            format!("defect: {}\n", "[".repeat(200_000)).into_bytes(),
            "error",
        ),
        (
            "nul_case.yaml",
            b"defect: \0\nregion: \xe6\xb5\x99\xe6\xb1\x9f\n".to_vec(),
            "error",
        ),
        (
            "invalid_utf8.txt",
            b"\xff\xfe\xfd".to_vec(),
            "not valid UTF-8",
        ),
        (
            "over_one_megabyte.txt",
            "鞋子有污渍\n".repeat(100_000).into_bytes(),
            "at most 1048576 bytes",
        ),
        ("empty.txt", b"\n\n   \n".to_vec(), "empty"),
        (
            "binary_png.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "not",
        ),
        (
            "price_1e30.yaml",
            "defect: 小瑕疵\nregion: 浙江\nprice: 1e30\n"
                .as_bytes()
                .to_vec(),
            "not a number",
        ),
        (
            "price_0_001.yaml",
            "defect: 小瑕疵\nregion: 浙江\nprice: \"0.001\"\n"
                .as_bytes()
                .to_vec(),
            "at most two decimals",
        ),
        (
            "price_minus_0.yaml",
            "defect: 小瑕疵\nregion: 浙江\nprice: \"-0\"\n"
                .as_bytes()
                .to_vec(),
            "cannot be negative",
        ),
        (
            "ask_huge.yaml",
            "defect: 小瑕疵\nregion: 浙江\nask: 99999999999\n"
                .as_bytes()
                .to_vec(),
            "larger than any order",
        ),
    ];
    for (name, bytes, want) in cases {
        let path = write(&dir, name, &bytes);
        let (code, err) = limited(&["advise", &path], None);
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(
            err.contains(want),
            "{name}: expected `{want}` in\n{}",
            &err[..err.len().min(2000)]
        );
        // The same bytes piped in get the same refusal.
        let (code, _) = limited(&["advise"], Some(std::path::Path::new(&path)));
        assert_eq!(code, Some(2), "{name} on stdin");
    }
}
