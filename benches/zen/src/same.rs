//! What "the same answer" means for the side-by-side with zen-engine: how a
//! case is built from zen's input, and the fields both engines decide. Shared
//! by the bench and by the test in `tests/suite/zen.rs`, which checks the
//! answers zen gave (recorded in `agreed.json`) on every `cargo test`.

use aftersale::advice::Advice;
use aftersale::case::{Case, CaseInput};
use aftersale::located::Located;
use serde_json::Value;

/// The day every case is asked on.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
}

/// The case aftersale decides for one of zen's inputs (which also carries
/// the province, a field the decision table does not read).
pub fn case_of(input: &Value) -> Result<Case, String> {
    let text = |k: &str| input[k].as_str().map(str::to_string);
    let ask = input["ask"].as_f64().map(|a| a.to_string());
    let case = CaseInput {
        defect: text("defect").map(Located::flag),
        region: text("province").map(Located::flag),
        title: Some(Located::flag("2026新款 男士休闲鞋")),
        ask: ask.map(Located::flag),
        free_shipping: input["freeShipping"].as_bool(),
        stage: Some(Located::flag("signed")),
        wants: text("wants").map(Located::flag),
        ..CaseInput::default()
    };
    case.into_case(today()).map_err(|e| format!("{input}: {e}"))
}

/// The fields both engines decide: resolution, offer, who pays each leg, and
/// the next step if the buyer refuses, with its payers when known.
pub type Answer = (
    String,
    Option<(String, String)>,
    String,
    String,
    Option<String>,
    Option<(String, String)>,
);

/// aftersale's advice as an [`Answer`].
pub fn ours(a: &Advice) -> Answer {
    (
        a.resolution.id().to_string(),
        a.offer
            .as_ref()
            .map(|o| (o.open.to_string(), o.max.to_string())),
        a.shipping.to_shop.id().to_string(),
        a.shipping.to_buyer.id().to_string(),
        a.if_refused.map(|r| r.id().to_string()),
        a.if_refused_shipping
            .map(|s| (s.to_shop.id().to_string(), s.to_buyer.id().to_string())),
    )
}

/// zen's result as an [`Answer`].
pub fn theirs(v: &Value) -> Answer {
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    let opt = |k: &str| v[k].as_str().map(str::to_string);
    let money = |k: &str| v[k].as_f64().map(|x| format!("{x:.2}"));
    let offer = match (money("open"), money("max")) {
        (Some(o), Some(m)) => Some((o, m)),
        _ => None,
    };
    let next = match (opt("nextToShop"), opt("nextToBuyer")) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    (
        s("resolution"),
        offer,
        s("toShop"),
        s("toBuyer"),
        opt("ifRefused"),
        next,
    )
}
