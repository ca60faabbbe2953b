//! How the engine judges each rule condition ([`test`]) and puts it in
//! words for `explain` ([`describe`]), side by side and in the same order.
//! What a condition is — how the policy file writes it, its label and the
//! fact it asks for — is its row in [`crate::policy::cond`].

use super::decide::{Guess, View};
use crate::policy::{Cond, Conditions, Policy, Set};
use crate::vocab::{Defect, Fault, Platform, Stage, Threat, Wants};

/// Tests one condition: `None` when the rule has no such condition,
/// `Some(None)` when the fact it needs is unknown (and not guessed).
pub(super) fn test(cond: Cond, w: &Conditions, v: &View) -> Option<Option<bool>> {
    let c = v.case;
    let flag = |want: Option<bool>, g: Guess, known: Option<bool>| {
        want.map(|want| v.value(g, known.map(u8::from)).map(|x| (x == 1) == want))
    };
    let fixed = |want: Option<bool>, is: bool| want.map(|want| Some(is == want));
    match cond {
        Cond::Defect => w.defect.map(|s| Some(s.contains(v.defect.index()))),
        Cond::Fault => w.fault.map(|s| Some(s.contains(v.fault.index()))),
        Cond::Stage => w.stage.map(|s| Some(s.contains(v.stage.index()))),
        Cond::Platform => w.platform.map(|s| {
            v.value(Guess::Platform, c.platform.map(|p| p.index() as u8))
                .map(|p| s.contains(usize::from(p)))
        }),
        Cond::Wants => w.wants.map(|s| {
            v.value(Guess::Wants, v.wants.map(|x| x.index() as u8))
                .map(|x| s.contains(usize::from(x)))
        }),
        Cond::Region => w.region.map(|s| v.region.map(|g| s.contains(g))),
        Cond::Promo => flag(w.promo, Guess::Promo, v.promo),
        Cond::FreeShipping => flag(w.free_shipping, Guess::FreeShipping, c.free_shipping),
        Cond::SevenDay => flag(w.seven_day, Guess::SevenDay, v.within_seven_days),
        Cond::AfterSale => flag(w.after_sale, Guess::AfterSale, v.within_after_sale),
        Cond::ShipPromise => flag(w.ship_promise, Guess::ShipPromise, v.within_ship_promise),
        Cond::MadeToOrder => flag(w.made_to_order, Guess::MadeToOrder, v.made_to_order),
        Cond::Price => w.price_at_most.map(|limit| match c.price {
            Some(p) => Some(p <= limit),
            None => v.value(Guess::Cheap, None).map(|x| x == 1),
        }),
        Cond::Resellable => fixed(w.resellable, c.resellable),
        Cond::Perishable => fixed(w.perishable, c.perishable),
        Cond::ClaimFalse => fixed(w.claim_false, c.claim_false),
        Cond::ExpressRefund => fixed(w.express_refund, c.express_refund),
        Cond::RefusedTwice => fixed(w.refused_twice, c.refused_twice),
        Cond::Malicious => fixed(w.malicious, c.malicious),
        Cond::Threats => w
            .threats
            .map(|s| Some(c.threats.iter().any(|t| s.contains(t.index())))),
    }
}

fn names<T: Copy>(
    all: &[T],
    set: Set,
    index: impl Fn(T) -> usize,
    label: impl Fn(T) -> &'static str,
) -> String {
    all.iter()
        .filter(|v| set.contains(index(**v)))
        .map(|v| label(*v))
        .collect::<Vec<_>>()
        .join("/")
}

/// The case's value and the rule's wish for one condition, in words.
#[allow(clippy::too_many_lines, reason = "one arm per condition: a table")]
pub(super) fn describe(cond: Cond, w: &Conditions, v: &View, policy: &Policy) -> String {
    let c = v.case;
    let yes_no = |value: bool, yes: &str, no: &str| {
        if value {
            yes.to_string()
        } else {
            no.to_string()
        }
    };
    let none = Set::EMPTY;
    let (is, wants) = match cond {
        Cond::Defect => (
            v.defect.label().to_string(),
            names(
                Defect::ALL,
                w.defect.unwrap_or(none),
                Defect::index,
                Defect::label,
            ),
        ),
        Cond::Fault => (
            v.fault.label().to_string(),
            names(
                Fault::ALL,
                w.fault.unwrap_or(none),
                Fault::index,
                Fault::label,
            ),
        ),
        Cond::Stage => (
            v.stage.label().to_string(),
            names(
                Stage::ALL,
                w.stage.unwrap_or(none),
                Stage::index,
                Stage::label,
            ),
        ),
        Cond::Platform => (
            c.platform.map_or("未知".into(), |p| p.label().to_string()),
            names(
                Platform::ALL,
                w.platform.unwrap_or(none),
                Platform::index,
                Platform::label,
            ),
        ),
        Cond::Wants => (
            v.wants.map_or("未知".into(), |x| x.label().to_string()),
            names(
                Wants::ALL,
                w.wants.unwrap_or(none),
                Wants::index,
                Wants::label,
            ),
        ),
        Cond::Region => {
            let want: Vec<&str> = w
                .region
                .unwrap_or(none)
                .iter()
                .map(|i| policy.group_name(i))
                .collect();
            let is = match (v.region, c.region.as_ref()) {
                (Some(g), Some(r)) => format!("{}（{}）", policy.group_name(g), r.province),
                _ => "未知".into(),
            };
            (is, want.join("/"))
        }
        Cond::Promo => (
            match c.title.as_deref().map(|t| policy.promo_tags_in(t)) {
                None => "未知（没有标题）".into(),
                Some(t) if t.is_empty() => "正价款".into(),
                Some(t) => format!("活动款({})", t.join("/")),
            },
            yes_no(w.promo == Some(true), "活动款", "正价款"),
        ),
        Cond::FreeShipping => (
            c.free_shipping.map_or("未知（按包邮假设）".into(), |f| {
                yes_no(f, "包邮", "不包邮")
            }),
            yes_no(w.free_shipping == Some(true), "包邮", "不包邮"),
        ),
        Cond::AfterSale => (
            v.within_after_sale
                .map_or("未知（没有交易成功日期）".into(), |x| {
                    yes_no(x, "15天内", "已超过15天")
                }),
            yes_no(w.after_sale == Some(true), "15天内", "已超过15天"),
        ),
        Cond::ShipPromise => (
            v.within_ship_promise
                .map_or("未知（没有付款日期）".into(), |x| {
                    yes_no(x, "未满72小时", "已超过72小时")
                }),
            yes_no(w.ship_promise == Some(true), "未满72小时", "已超过72小时"),
        ),
        Cond::MadeToOrder => (
            v.made_to_order.map_or("未知（没有标题）".into(), |x| {
                yes_no(x, "定制/预售", "非定制/预售")
            }),
            yes_no(w.made_to_order == Some(true), "定制/预售", "非定制/预售"),
        ),
        Cond::ExpressRefund => (
            yes_no(c.express_refund, "是", "否"),
            yes_no(w.express_refund == Some(true), "是", "否"),
        ),
        Cond::RefusedTwice => (
            yes_no(c.refused_twice, "是", "否"),
            yes_no(w.refused_twice == Some(true), "是", "否"),
        ),
        Cond::Malicious => (
            yes_no(c.malicious, "是", "否"),
            yes_no(w.malicious == Some(true), "是", "否"),
        ),
        Cond::Threats => (
            c.threats
                .iter()
                .map(|t| t.label())
                .collect::<Vec<_>>()
                .join("/"),
            names(
                Threat::ALL,
                w.threats.unwrap_or(none),
                Threat::index,
                Threat::label,
            ),
        ),
        Cond::Resellable => (
            yes_no(c.resellable, "不影响", "影响"),
            yes_no(w.resellable == Some(true), "不影响", "影响"),
        ),
        Cond::Perishable => (
            yes_no(c.perishable, "是", "否"),
            yes_no(w.perishable == Some(true), "是", "否"),
        ),
        Cond::ClaimFalse => (
            yes_no(c.claim_false, "不属实", "属实"),
            yes_no(w.claim_false == Some(true), "不属实", "属实"),
        ),
        Cond::SevenDay => (
            match (v.within_seven_days, v.window_end) {
                (Some(within), Some(end)) => format!(
                    "{}（截止 {})",
                    if within { "期内" } else { "已过期" },
                    end.format("%Y-%m-%d %H:%M")
                ),
                _ => "未知（没有签收日期）".into(),
            },
            yes_no(w.seven_day == Some(true), "期内", "已过期"),
        ),
        Cond::Price => (
            c.price.map_or("未知".into(), |p| format!("¥{p}")),
            w.price_at_most
                .map_or(String::new(), |l| format!("不高于¥{l}")),
        ),
    };
    format!("{}：案例是“{is}”，规则要“{wants}”", cond.label())
}
