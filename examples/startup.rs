//! Cold start-up cost of each stage, once each, as a fresh `advise` pays it:
//! `cargo run --release --example startup`.
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::time::Instant;

fn main() {
    let start = Instant::now();
    if std::env::args().any(|a| a == "--parallel") {
        std::thread::spawn(aftersale::intake::warm_up);
    }
    let t = Instant::now();
    let policy = aftersale::policy::Policy::bundled().expect("bundled policy");
    let policy_t = t.elapsed();
    let t = Instant::now();
    let _ = aftersale::place::places().locate("新疆");
    let places_t = t.elapsed();
    let t = Instant::now();
    let intake = aftersale::intake::Intake::new(&policy.words());
    let intake_new_t = t.elapsed();
    let t = Instant::now();
    let facts = intake.extract("收货地址:新疆维吾尔自治区乌鲁木齐市天山区\n商品标题:男鞋 特价\n实付款 ¥89.00\n鞋面有污渍 优惠8块吧").expect("facts");
    let extract_t = t.elapsed();
    let t = Instant::now();
    let case = facts
        .to_input()
        .into_case(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"))
        .expect("case");
    let advice = aftersale::engine::advise(&policy, &case).expect("advice");
    let text = aftersale::render::text::advice(&advice);
    let advise_t = t.elapsed();
    std::hint::black_box(text);
    println!(
        "total {:?}: policy load+check {policy_t:?}, place tables {places_t:?}, intake matcher {intake_new_t:?}, first extract {extract_t:?}, advise+render {advise_t:?}",
        start.elapsed()
    );
}
