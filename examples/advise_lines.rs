//! Advises every case row of a JSON Lines log and prints each advice as JSON, one
//! line per case: the byte-for-byte check that a refactor leaves advice unchanged.
//! `aftersale gen-cases 100000 --today 2026-11-20 | cargo run --example advise_lines -- 2026-11-20`
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, Write};

use aftersale::case::CaseInput;
use aftersale::engine;
use aftersale::policy::Policy;

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let today = std::env::args()
        .nth(1)
        .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
        .expect("the day as the first argument: 2026-11-20");
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for line in std::io::stdin().lock().lines() {
        let line = line.expect("a line");
        let input: CaseInput = serde_json::from_str(&line).expect("a case row");
        let answer = input
            .into_case(today)
            .map_err(|e| e.to_string())
            .and_then(|case| engine::advise(&policy, &case).map_err(|e| e.to_string()));
        match answer {
            Ok(advice) => serde_json::to_writer(&mut out, &advice).expect("written"),
            Err(e) => write!(out, "error: {e}").expect("written"),
        }
        writeln!(out).expect("written");
    }
}
