//! A tight loop over one decision, for profilers: `cargo run --release --example engine_loop`.

use aftersale::case::CaseInput;
use aftersale::engine;
use aftersale::policy::Policy;
use aftersale::snippet::Located;

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let case = CaseInput {
        defect: Some(Located::flag("小瑕疵")),
        region: Some(Located::flag("新疆")),
        title: Some(Located::flag("男鞋 特价 清仓")),
        ask: Some(Located::flag("12")),
        material: Some(Located::flag("suede")),
        ..CaseInput::default()
    }
    .into_case(today)
    .expect("case");
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    for _ in 0..n {
        std::hint::black_box(engine::advise(&policy, std::hint::black_box(&case)).expect("advice"));
    }
}
