//! aftersale's engine side by side with zen-engine on the same decisions.
//!
//! `ladder.json` encodes, as a zen JSON Decision Model, the small-defect ladder
//! by region group and buyer's ask (S1–S3: no ask, an ask agreed to, and an
//! ask above the ceiling countered at the ceiling with the next step if the
//! buyer refuses) and the exchange-shipping table (R3) of
//! `policies/default.yaml`. This program draws random cases in that domain,
//! checks that both engines give the same resolution, offer, shipping payers
//! and next step on every one (a differential test), checks that zen still
//! gives the answers recorded in `agreed.json` (which `cargo test` at the top
//! holds aftersale to, so a policy edit that forgets the ladder fails there),
//! then times both per decision. Any difference exits 1.
//!
//! Run: `cargo run --release` in this folder (or `scripts/bench.sh --zen`);
//! `cargo run --release -- --record` rewrites `agreed.json` after an edit of
//! `ladder.json`.

mod same;

use std::hint::black_box;
use std::time::{Duration, Instant};

use aftersale::engine;
use aftersale::policy::Policy;
use same::Answer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use zen_engine::Decision;
use zen_engine::model::DecisionContent;

/// Provinces of every region group of the default policy, and some others.
const PROVINCES: &[&str] = &["江苏", "浙江", "上海", "新疆", "内蒙古", "青海", "西藏", "香港", "澳门", "台湾", "海外", "广东", "北京", "四川", "湖北"];

/// How many of the drawn cases `agreed.json` keeps for `cargo test`.
const RECORDED: usize = 300;

const LADDER: &str = include_str!("../ladder.json");
const AGREED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/agreed.json");

/// zen's input for one random case of the shared domain (with the province,
/// which aftersale reads and the decision table does not).
fn sample(rng: &mut fastrand::Rng, policy: &Policy) -> Value {
    let province = PROVINCES[rng.usize(..PROVINCES.len())];
    let group = policy.group_name(policy.group_index(province)).to_string();
    let small = rng.bool();
    let defect = if small { "small_flaw" } else { ["size", "dislike", "mistaken_order"][rng.usize(..3)] };
    // Asks from 1 to 30 yuan, sometimes with a half yuan, sometimes none.
    let ask = (small && rng.u8(0..4) > 0).then(|| {
        let whole = rng.u32(1..=30);
        if rng.bool() { whole as f64 + 0.5 } else { whole as f64 }
    });
    json!({
        "defect": defect,
        "province": province,
        "region": group,
        "ask": ask,
        "wants": if small { Value::Null } else { json!("exchange") },
        "freeShipping": rng.bool(),
    })
}

fn ours_decided(v: &engine::Verdict) -> Answer {
    (
        v.resolution().id().to_string(),
        v.offer.as_ref().map(|o| (o.open.to_string(), o.max.to_string())),
        v.shipping.to_shop.id().to_string(),
        v.shipping.to_buyer.id().to_string(),
        v.next.map(|n| n.resolution).or(v.outcome.if_refused).map(|r| r.id().to_string()),
        v.next_shipping.map(|s| (s.to_shop.id().to_string(), s.to_buyer.id().to_string())),
    )
}

/// Median time per call over batches.
fn median(rounds: usize, mut batch: impl FnMut() -> u32) -> Duration {
    let mut t: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let n = batch();
            start.elapsed() / n
        })
        .collect();
    t.sort();
    t[t.len() / 2]
}

fn ladder_sha256() -> String {
    Sha256::digest(LADDER.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn main() {
    let record = std::env::args().any(|a| a == "--record");
    let policy = Policy::bundled().expect("bundled policy");
    let content: DecisionContent = serde_json::from_str(LADDER).expect("ladder.json is a JDM graph");
    let mut graph = content.as_graph().expect("a graph").clone();
    graph.compile();
    let decision = Decision::from(graph);
    let zen = |input: &Value| -> Value {
        let r = futures::executor::block_on(decision.evaluate(input.clone().into())).expect("zen evaluates");
        r.result.to_value()
    };

    let mut rng = fastrand::Rng::with_seed(20261122);
    let inputs: Vec<Value> = (0..10_000).map(|_| sample(&mut rng, &policy)).collect();
    let cases: Vec<_> = inputs.iter().map(|i| same::case_of(i).expect("a valid case")).collect();

    // Differential test: every case, both engines, same answer.
    let mut differ = 0;
    for (input, case) in inputs.iter().zip(&cases) {
        let a = engine::advise(&policy, case).expect("aftersale decides");
        let v = engine::decide(&policy, case).expect("aftersale decides");
        assert_eq!(same::ours(&a), ours_decided(&v), "decide and advise agree");
        let z = zen(input);
        if same::ours(&a) != same::theirs(&z) {
            differ += 1;
            if differ <= 5 {
                eprintln!("differ on {input}: aftersale {:?} vs zen {:?}", same::ours(&a), same::theirs(&z));
            }
        }
    }
    println!("differential test: {} cases, {} differ", inputs.len(), differ);

    // The answers `cargo test` holds aftersale to: zen's, on the current ladder.
    let recorded: Vec<Value> = inputs[..RECORDED].iter().map(|i| json!({"input": i, "zen": zen(i)})).collect();
    let agreed = json!({
        "about": "zen-engine's answers on benches/zen/ladder.json; tests/suite/zen.rs checks aftersale gives the same. Rewrite with `cargo run --release -- --record` in benches/zen.",
        "ladder_sha256": ladder_sha256(),
        "cases": recorded,
    });
    let stale = if record {
        let text = serde_json::to_string_pretty(&agreed).expect("JSON") + "\n";
        std::fs::write(AGREED, text).expect("write agreed.json");
        println!("recorded {RECORDED} answers in agreed.json");
        false
    } else {
        let kept: Option<Value> = std::fs::read_to_string(AGREED).ok().and_then(|t| serde_json::from_str(&t).ok());
        let stale = kept.as_ref() != Some(&agreed);
        if stale {
            eprintln!("agreed.json is not zen's answer on this ladder.json: run `cargo run --release -- --record`");
        }
        stale
    };

    let n = inputs.len() as u32;
    let t_decide = median(11, || {
        for c in &cases {
            black_box(engine::decide(&policy, black_box(c)).expect("decides"));
        }
        n
    });
    let t_advise = median(11, || {
        for c in &cases {
            black_box(engine::advise(&policy, black_box(c)).expect("advises"));
        }
        n
    });
    let zen_inputs: Vec<zen_engine::Variable> = inputs.iter().map(|i| i.clone().into()).collect();
    let t_zen = median(11, || {
        for i in &zen_inputs {
            black_box(futures::executor::block_on(decision.evaluate(black_box(i.clone()))).expect("zen evaluates"));
        }
        n
    });
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let rows = content.as_graph().map_or(0, |_| LADDER.matches("\"_id\"").count());
    println!("| engine (same 10,000 cases) | per decision (median) | zen ÷ this |");
    println!("|---|---|---|");
    println!("| zen-engine 2.1.6: {rows}-row first-hit decision table, compiled | {:.2} µs | 1.0× |", us(t_zen));
    println!("| aftersale `decide`: whole default policy ({} rules), trace on | {:.2} µs | {:.1}× |", policy.rules().len(), us(t_decide), us(t_zen) / us(t_decide));
    println!("| aftersale `advise`: the same plus notes, deadlines, risks and the reply text | {:.2} µs | {:.1}× |", us(t_advise), us(t_zen) / us(t_advise));
    if differ > 0 || stale {
        std::process::exit(1);
    }
}
