//! A tight loop over paste intake, for profilers:
//! `cargo run --release --example intake_loop [N]`.
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use aftersale::intake::Intake;
use aftersale::policy::Policy;

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    // A paste file as the second argument, else the 1 KB fixture.
    let file = std::env::args().nth(2).map(std::fs::read_to_string);
    let paste = match &file {
        Some(Ok(text)) => text.as_str(),
        _ => include_str!("../tests/fixtures/paste_1k.txt"),
    };
    let intake = Intake::new(&policy.words());
    let mut found = 0;
    for _ in 0..n {
        found += usize::from(intake.extract(paste).is_ok_and(|f| f.defect.is_some()));
    }
    println!("{found} of {n} pastes named a defect");
}
