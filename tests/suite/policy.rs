//! What a shop manager's edits to the policy do to the advice.

use aftersale::case::CaseInput;
use aftersale::engine;
use aftersale::located::Located;
use aftersale::policy::{BUNDLED, Policy};
use aftersale::policy::{Payer, Resolution};
use chrono::NaiveDate;

fn case(pairs: &[(&str, &str)]) -> aftersale::case::Case {
    let mut input = CaseInput::default();
    for (k, v) in pairs {
        let v = Some(Located::flag(v.to_string()));
        match *k {
            "defect" => input.defect = v,
            "region" => input.region = v,
            "price" => input.price = v,
            "ask" => input.ask = v,
            "platform" => input.platform = v,
            _ => panic!("unknown key {k}"),
        }
    }
    input
        .into_case(NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"))
        .expect("valid case")
}

#[test]
fn the_bundled_policy_loads_without_warnings() {
    let p = Policy::bundled().expect("loads");
    assert!(p.warnings().is_empty(), "{:?}", p.warnings());
}

#[test]
fn editing_the_jiangzhehu_ladder_changes_the_offer_without_a_rebuild() {
    let edited = BUNDLED.replace(
        "offer: {open: \"3.00\", max: \"5.00\"}",
        "offer: {open: \"4.00\", max: \"6.00\"}",
    );
    assert_ne!(edited, BUNDLED, "the ladder line is in the bundled policy");
    let p = Policy::parse(&edited, "edited.yaml").expect("edited policy loads");
    let a = engine::advise(&p, &case(&[("defect", "小瑕疵"), ("region", "浙江")])).expect("advice");
    let offer = a.offer.expect("an offer");
    assert_eq!(
        (offer.open.to_string(), offer.max.to_string()),
        ("4.00".into(), "6.00".into())
    );
    // A buyer asking 6 is now within the ceiling; under 3-5 it was a return.
    let a = engine::advise(
        &p,
        &case(&[("defect", "小瑕疵"), ("region", "浙江"), ("ask", "6")]),
    )
    .expect("advice");
    assert_eq!(a.resolution, Resolution::PartialRefund);
    assert_ne!(
        &*a.policy.hash,
        Policy::bundled().expect("loads").hash(),
        "advice traces the edited version"
    );
}

#[test]
fn the_quality_return_conflict_can_be_switched_to_the_buyer() {
    let quality = case(&[("defect", "质量问题"), ("region", "陕西"), ("price", "129")]);
    let shop = engine::advise(&Policy::bundled().expect("loads"), &quality).expect("advice");
    assert_eq!(shop.shipping.to_shop, Payer::Shop);
    let edited = BUNDLED.replace(
        "quality_return_shipping: shop",
        "quality_return_shipping: buyer",
    );
    let p = Policy::parse(&edited, "edited.yaml").expect("edited policy loads");
    let buyer = engine::advise(&p, &quality).expect("advice");
    assert_eq!(buyer.shipping.to_shop, Payer::Buyer);
    assert_eq!(buyer.shipping.to_buyer, Payer::Shop);
    assert!(
        buyer.notes.iter().any(|n| n.contains("资料有冲突")),
        "{:?}",
        buyer.notes
    );
}

#[test]
fn the_cheap_item_threshold_is_a_policy_value() {
    let cheap = case(&[("defect", "质量问题"), ("region", "陕西"), ("price", "35")]);
    let bundled = engine::advise(&Policy::bundled().expect("loads"), &cheap).expect("advice");
    assert_eq!(bundled.resolution, Resolution::Exchange);
    let edited = BUNDLED.replacen("price_at_most: \"20.00\"", "price_at_most: \"40.00\"", 1);
    let p = Policy::parse(&edited, "edited.yaml").expect("edited policy loads");
    let a = engine::advise(&p, &cheap).expect("advice");
    assert_eq!(a.resolution, Resolution::RefundWithoutReturn);
}

#[test]
fn an_offer_is_never_above_the_price_paid() {
    let a = engine::advise(
        &Policy::bundled().expect("loads"),
        &case(&[("defect", "小瑕疵"), ("region", "新疆"), ("price", "8")]),
    )
    .expect("advice");
    let offer = a.offer.expect("an offer");
    assert_eq!(offer.max.to_string(), "8.00");
    assert!(offer.open <= offer.max);
}

#[test]
fn every_advice_names_the_rule_and_the_trace_ends_at_it() {
    let a = engine::advise(
        &Policy::bundled().expect("loads"),
        &case(&[("defect", "小瑕疵"), ("region", "新疆")]),
    )
    .expect("advice");
    let steps: Vec<_> = a.trace.iter().collect();
    let last = steps.last().expect("a trace");
    assert!(last.matched);
    assert_eq!(last.rule, &*a.rule);
    assert!(
        steps[..steps.len() - 1]
            .iter()
            .all(|s| !s.matched && s.failed.is_some())
    );
    let json = serde_json::to_value(&a).expect("json");
    assert_eq!(json["trace"][0]["rule"], "unshipped_false_claim");
    assert_eq!(json["trace"][0]["failed"], "defect");
    let case = case(&[("defect", "小瑕疵"), ("region", "新疆")]);
    let steps = engine::explain(&Policy::bundled().expect("loads"), &case).expect("explained");
    assert_eq!(steps.len(), a.trace.len(), "explain walks the same rules");
    let jzh = steps
        .iter()
        .find(|s| &*s.rule == "small_flaw_jiangzhehu")
        .expect("considered");
    assert!(
        jzh.checks
            .iter()
            .any(|c| c.held == Some(false) && c.detail.contains("偏远地区（新疆）")),
        "{:?}",
        jzh.checks
    );
}

#[test]
fn the_quality_return_setting_reaches_the_shipping_the_reply_and_the_note() {
    let text = BUNDLED.replace(
        "quality_return_shipping: shop",
        "quality_return_shipping: buyer",
    );
    assert_ne!(text, BUNDLED, "the setting is in the bundled policy");
    let policy = Policy::parse(&text, "buyer_pays.yaml").expect("loads");
    let a = engine::advise(
        &policy,
        &case(&[("defect", "质量问题"), ("region", "广东"), ("price", "159")]),
    )
    .expect("advice");
    assert_eq!(a.resolution, Resolution::Exchange);
    assert_eq!(a.shipping.to_shop, Payer::Buyer);
    assert!(!a.reply.contains("来回运费都由我们承担"), "{}", a.reply);
    assert!(a.reply.contains("寄回来的运费需要您承担"), "{}", a.reply);
    assert!(
        a.notes.iter().any(|n| n.contains("退回运费由买家承担")),
        "{:?}",
        a.notes
    );
    // The same case under the shop-pays default says so.
    let a = engine::advise(
        &Policy::bundled().expect("loads"),
        &case(&[("defect", "质量问题"), ("region", "广东"), ("price", "159")]),
    )
    .expect("advice");
    assert!(a.reply.contains("来回运费都由我们承担"), "{}", a.reply);
}

#[test]
fn a_placeholder_no_case_can_fill_is_refused_wherever_it_is_written() {
    for (from, to) in [
        // A note may not quote an offer its rule does not make.
        (
            "note: \"先核实：本店并未缺货",
            "note: \"{max} 先核实：本店并未缺货",
        ),
        // A risk note has nothing per case to quote.
        (
            "text: \"出售假冒商品每次扣48分。\"",
            "text: \"{price} 出售假冒商品每次扣48分。\"",
        ),
        // The return-leg words follow the quality-return setting: only where the shipping does.
        (
            "reply: \"很抱歉商品和描述不一致，我们为您换货或退货，来回运费都由我们承担。\"",
            "reply: \"很抱歉商品和描述不一致，我们为您换货或退货，{return_shipping}。\"",
        ),
    ] {
        assert!(BUNDLED.contains(from), "{from}");
        let err = Policy::parse(&BUNDLED.replace(from, to), "p.yaml")
            .err()
            .map(|e| e.to_string())
            .expect("refused");
        assert!(
            err.contains("cannot be filled") && err.contains("填不了"),
            "{err}"
        );
    }
}

#[test]
fn the_bundled_policy_read_from_its_build_time_json_advises_as_its_yaml_does() {
    let fast = Policy::bundled().expect("bundled policy");
    let yaml = Policy::bundled_from_yaml().expect("bundled policy from YAML");
    assert_eq!((fast.name(), fast.hash()), (yaml.name(), yaml.hash()));
    assert_eq!(fast.rules().len(), yaml.rules().len());
    assert_eq!(fast.warnings().len(), yaml.warnings().len());
    let mut log = Vec::new();
    aftersale::generate::write_cases(3000, 7, &mut log).expect("generated cases");
    let today = NaiveDate::from_ymd_opt(2026, 11, 20).expect("a date");
    for line in String::from_utf8(log).expect("UTF-8").lines() {
        let input: CaseInput = serde_json::from_str(line).expect("a case line");
        let Ok(case) = input.into_case(today) else {
            continue;
        };
        let a = engine::advise(&fast, &case).map(|a| serde_json::to_string(&a).expect("JSON"));
        let b = engine::advise(&yaml, &case).map(|a| serde_json::to_string(&a).expect("JSON"));
        assert_eq!(a.ok(), b.ok(), "{line}");
    }
}

/// Start-up leaves the corpus scan out for the bundled policy; this holds its
/// words to the same shares an edited copy is checked against.
#[test]
fn the_bundled_words_match_no_more_than_their_share_of_real_titles_and_chats() {
    let edited = format!("{BUNDLED}\n# 改过的副本 / an edited copy\n");
    let p = Policy::parse(&edited, "edited.yaml").expect("the copy loads");
    let broad: Vec<String> = p
        .warnings()
        .iter()
        .map(|w| aftersale::render::diagnostics::diagnostic(w, p.source()))
        .filter(|w| w.contains("真实"))
        .collect();
    assert!(broad.is_empty(), "{broad:?}");
}
