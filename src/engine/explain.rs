//! Explaining: every rule the engine considers for a case, each condition
//! tested and put in words, ending at the rule that decides.

use serde::Serialize;
use std::sync::Arc;

use super::EngineError;
use super::decide::{View, test, view};
use crate::case::{Case, Defect, Fault, Platform, Stage, Wants};
use crate::policy::{Cond, Conditions, FALLBACK, Policy, Set};

/// How one condition of one rule came out for a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CondCheck {
    /// Which condition.
    pub cond: Cond,
    /// Held, failed, or could not be judged (`None`: the fact is missing).
    pub held: Option<bool>,
    /// The case's value and what the rule wants, in words.
    pub detail: String,
}

/// One rule as the engine saw it for a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleExplain {
    /// The rule id.
    pub rule: Arc<str>,
    /// The playbook IDs it implements.
    pub playbook: Vec<String>,
    /// Every condition it has, tested.
    pub checks: Vec<CondCheck>,
    /// Whether it decided the case.
    pub decided: bool,
}

/// Every rule the engine considers for a case, in order, with every condition
/// tested and explained; the list ends at the rule that decides (or the
/// fallback), or at a rule that needs a missing fact.
pub fn explain(policy: &Policy, case: &Case) -> Result<Vec<RuleExplain>, EngineError> {
    let (view, _) = view(policy, case)?;
    let mut out = Vec::new();
    for rule in &policy.rules {
        let checks: Vec<CondCheck> = Cond::ALL
            .iter()
            .filter_map(|&cond| {
                test(cond, &rule.when, &view).map(|held| CondCheck {
                    cond,
                    held,
                    detail: describe(cond, &rule.when, &view, policy),
                })
            })
            .collect();
        let decided = checks.iter().all(|c| c.held == Some(true));
        let unknown = checks.iter().any(|c| c.held.is_none())
            && !checks.iter().any(|c| c.held == Some(false));
        out.push(RuleExplain {
            rule: rule.id.clone(),
            playbook: rule.playbook.to_vec(),
            checks,
            decided,
        });
        if decided || unknown {
            return Ok(out);
        }
    }
    out.push(RuleExplain {
        rule: Arc::from(FALLBACK),
        playbook: Vec::new(),
        checks: Vec::new(),
        decided: true,
    });
    Ok(out)
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
#[allow(clippy::too_many_lines, reason = "split pending (issue 21)")]
fn describe(cond: Cond, w: &Conditions, v: &View, policy: &Policy) -> String {
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
                crate::case::Threat::ALL,
                w.threats.unwrap_or(none),
                crate::case::Threat::index,
                crate::case::Threat::label,
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
