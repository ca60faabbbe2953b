//! aftersale's engine side by side with zen-engine on the same decisions.
//!
//! `ladder.json` encodes, as a zen JSON Decision Model, the small-defect ladder
//! by region group and buyer's ask (S1–S3) and the exchange-shipping table (R3)
//! of `policies/default.yaml`. This program draws random cases in that domain,
//! checks that both engines give the same resolution, offer and shipping payers
//! on every one (a differential test), then times both per decision.
//!
//! Run: `cargo run --release` in this folder (or `scripts/bench.sh`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use aftersale::advice::Advice;
use aftersale::case::{Case, CaseInput};
use aftersale::engine;
use aftersale::policy::Policy;
use aftersale::located::Located;
use serde_json::{Value, json};
use zen_engine::Decision;
use zen_engine::model::DecisionContent;

/// Provinces of every region group of the default policy, and some others.
const PROVINCES: &[&str] = &["江苏", "浙江", "上海", "新疆", "内蒙古", "青海", "西藏", "香港", "澳门", "台湾", "海外", "广东", "北京", "四川", "湖北"];

/// One random case of the shared domain, for both engines.
struct Sample {
    case: Case,
    zen_input: Value,
}

fn sample(rng: &mut fastrand::Rng, policy: &Policy, today: chrono::NaiveDate) -> Sample {
    let province = PROVINCES[rng.usize(..PROVINCES.len())];
    let group = policy.group_name(policy.group_index(province)).to_string();
    let small = rng.bool();
    let defect = if small { "small_flaw" } else { ["size", "dislike", "mistaken_order"][rng.usize(..3)] };
    // Asks from 1 to 30 yuan, sometimes with a half yuan, sometimes none.
    let ask = (small && rng.u8(0..4) > 0).then(|| {
        let whole = rng.u32(1..=30);
        if rng.bool() { format!("{whole}.50") } else { whole.to_string() }
    });
    let free = rng.bool();
    let input = CaseInput {
        defect: Some(Located::flag(defect)),
        region: Some(Located::flag(province)),
        title: Some(Located::flag("2026新款 男士休闲鞋")),
        ask: ask.clone().map(Located::flag),
        free_shipping: Some(free),
        stage: Some(Located::flag("signed")),
        wants: (!small).then(|| Located::flag("exchange")),
        ..CaseInput::default()
    };
    let case = input.into_case(today).expect("a valid case");
    let ask_json = ask.map_or(Value::Null, |a| json!(a.parse::<f64>().expect("a number")));
    Sample {
        case,
        zen_input: json!({
            "defect": defect,
            "region": group,
            "ask": ask_json,
            "wants": if small { Value::Null } else { json!("exchange") },
            "freeShipping": free,
        }),
    }
}

/// The fields both engines decide, in one comparable form.
fn ours(a: &Advice) -> (String, Option<(String, String)>, String, String) {
    (
        a.resolution.id().to_string(),
        a.offer.as_ref().map(|o| (o.open.to_string(), o.max.to_string())),
        a.shipping.to_shop.id().to_string(),
        a.shipping.to_buyer.id().to_string(),
    )
}

fn ours_decided(v: &engine::Verdict) -> (String, Option<(String, String)>, String, String) {
    (
        v.resolution().id().to_string(),
        v.offer.as_ref().map(|o| (o.open.to_string(), o.max.to_string())),
        v.shipping.to_shop.id().to_string(),
        v.shipping.to_buyer.id().to_string(),
    )
}

fn theirs(v: &Value) -> (String, Option<(String, String)>, String, String) {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let money = |k: &str| v[k].as_f64().map(|x| format!("{x:.2}"));
    let offer = match (money("open"), money("max")) {
        (Some(o), Some(m)) => Some((o, m)),
        _ => None,
    };
    (s("resolution"), offer, s("toShop"), s("toBuyer"))
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

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");
    let content: DecisionContent = serde_json::from_str(include_str!("../ladder.json")).expect("ladder.json is a JDM graph");
    let mut graph = content.as_graph().expect("a graph").clone();
    graph.compile();
    let decision = Decision::from(graph);
    let zen = |input: &Value| -> Value {
        let r = futures::executor::block_on(decision.evaluate(input.clone().into())).expect("zen evaluates");
        r.result.to_value()
    };

    let mut rng = fastrand::Rng::with_seed(20261122);
    let samples: Vec<Sample> = (0..10_000).map(|_| sample(&mut rng, &policy, today)).collect();

    // Differential test: every case, both engines, same answer.
    let mut differ = 0;
    for s in &samples {
        let a = engine::advise(&policy, &s.case).expect("aftersale decides");
        let v = engine::decide(&policy, &s.case).expect("aftersale decides");
        assert_eq!(ours(&a), ours_decided(&v), "decide and advise agree");
        let z = zen(&s.zen_input);
        if ours(&a) != theirs(&z) {
            differ += 1;
            if differ <= 5 {
                eprintln!("differ on {}: aftersale {:?} vs zen {:?}", s.zen_input, ours(&a), theirs(&z));
            }
        }
    }
    println!("differential test: {} cases, {} differ", samples.len(), differ);

    let n = samples.len() as u32;
    let t_decide = median(11, || {
        for s in &samples {
            black_box(engine::decide(&policy, black_box(&s.case)).expect("decides"));
        }
        n
    });
    let t_advise = median(11, || {
        for s in &samples {
            black_box(engine::advise(&policy, black_box(&s.case)).expect("advises"));
        }
        n
    });
    let inputs: Vec<zen_engine::Variable> = samples.iter().map(|s| s.zen_input.clone().into()).collect();
    let t_zen = median(11, || {
        for i in &inputs {
            black_box(futures::executor::block_on(decision.evaluate(black_box(i.clone()))).expect("zen evaluates"));
        }
        n
    });
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("| engine (same 10,000 cases) | per decision (median) | zen ÷ this |");
    println!("|---|---|---|");
    println!("| zen-engine 2.1.6: 14-row first-hit decision table, compiled | {:.2} µs | 1.0× |", us(t_zen));
    println!("| aftersale `decide`: whole default policy (32 rules), trace on | {:.2} µs | {:.1}× |", us(t_decide), us(t_zen) / us(t_decide));
    println!("| aftersale `advise`: the same plus notes, deadlines, risks and the reply text | {:.2} µs | {:.1}× |", us(t_advise), us(t_zen) / us(t_advise));
    if differ > 0 {
        std::process::exit(1);
    }
}
