//! Tight loops over decisions, for profilers:
//! `cargo run --release --example engine_loop [N]` (one small-defect case), or
//! `... -- N mix` (small defects with asks and exchanges across all region groups).
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use aftersale::case::{Case, CaseInput};
use aftersale::engine;
use aftersale::located::Located;
use aftersale::policy::Policy;

fn case(defect: &str, region: &str, ask: Option<&str>, wants: Option<&str>, free: bool) -> Case {
    CaseInput {
        defect: Some(Located::flag(defect)),
        region: Some(Located::flag(region)),
        title: Some(Located::flag("2026新款 男士休闲鞋")),
        ask: ask.map(Located::flag),
        wants: wants.map(Located::flag),
        free_shipping: Some(free),
        stage: Some(Located::flag("signed")),
        material: Some(Located::flag("suede")),
        ..CaseInput::default()
    }
    .into_case(chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"))
    .expect("case")
}

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(2_000_000);
    let cases = if args.next().as_deref() == Some("mix") {
        let mut v = Vec::new();
        for region in ["浙江", "新疆", "香港", "广东"] {
            for ask in [None, Some("4"), Some("12.50"), Some("30")] {
                v.push(case("small_flaw", region, ask, None, false));
            }
            for free in [true, false] {
                v.push(case("size", region, None, Some("exchange"), free));
            }
        }
        v
    } else {
        vec![case("小瑕疵", "新疆", Some("12"), None, false)]
    };
    if std::env::var_os("ALLOCS").is_some() {
        println!(
            "size of Advice: {} bytes",
            std::mem::size_of::<aftersale::advice::Advice>()
        );
        for c in &cases {
            let n = allocations(|| {
                std::hint::black_box(engine::advise(&policy, c).expect("advice"));
            });
            println!("{:?} {:?}: {n} allocations", c.defect, c.ask);
        }
        return;
    }
    for i in 0..n {
        let c = &cases[i % cases.len()];
        std::hint::black_box(engine::advise(&policy, std::hint::black_box(c)).expect("advice"));
    }
}

/// Counts allocations, so `ALLOCS=1` prints how many one decision makes.
struct Counting;
static COUNT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
// SAFETY: forwards to the system allocator unchanged, only counting calls.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: std::alloc::Layout) -> *mut u8 {
        COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(p, l) }
    }
}
#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by one call of `f`.
pub fn allocations(f: impl FnOnce()) -> usize {
    let before = COUNT.load(std::sync::atomic::Ordering::Relaxed);
    f();
    COUNT.load(std::sync::atomic::Ordering::Relaxed) - before
}
