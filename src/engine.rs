//! The engine: case x policy -> advice, with the trace of every rule it looked at.
//!
//! Rules are tried in file order and the first whose conditions all hold decides.
//! A condition on a fact the case does not give is neither true nor false: the
//! engine stops and names the flag that would settle it, rather than guess.

use chrono::{Duration, NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

use smallvec::SmallVec;

use crate::advice::{
    Advice, Compensation, Deadline, Due, Facts, Inferred, Money, Offer, Resolution, Risk, Shipping,
    Text, Trace,
};
use crate::case::{Case, Defect, Fault, Platform, Stage, Wants};
use crate::policy::{
    Amount, Anchor, Conditions, DeadlineRule, Outcome, Piece, Policy, Rule, Set, Slot, Span, Start,
};

/// Why the engine could not advise.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EngineError {
    /// A fact a rule needs is not in the case.
    #[error("missing fact: {fact} — rule `{rule}` needs it to decide\n  = help: add {flag}")]
    Missing {
        /// The case field it would fill (`region`, `price`, …).
        key: &'static str,
        /// The fact, in Chinese and English.
        fact: &'static str,
        /// The flag (and an example) that gives it.
        flag: &'static str,
        /// The rule that asked.
        rule: String,
    },
}

/// A condition a rule may test, in the order the engine tests them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cond {
    /// 问题类型.
    Defect,
    /// 责任方.
    Fault,
    /// 订单状态.
    Stage,
    /// 平台.
    Platform,
    /// 买家诉求.
    Wants,
    /// 地区组.
    Region,
    /// 活动款.
    Promo,
    /// 包邮.
    FreeShipping,
    /// 不影响二次销售.
    Resellable,
    /// 易腐食品.
    Perishable,
    /// 理由不属实.
    ClaimFalse,
    /// 七天无理由期.
    SevenDay,
    /// 低价线.
    Price,
}

impl Cond {
    /// Whether a rule's conditions test this one.
    pub fn is_set(self, w: &Conditions) -> bool {
        match self {
            Cond::Defect => w.defect.is_some(),
            Cond::Fault => w.fault.is_some(),
            Cond::Stage => w.stage.is_some(),
            Cond::Platform => w.platform.is_some(),
            Cond::Wants => w.wants.is_some(),
            Cond::Region => w.region.is_some(),
            Cond::Promo => w.promo.is_some(),
            Cond::FreeShipping => w.free_shipping.is_some(),
            Cond::Resellable => w.resellable.is_some(),
            Cond::Perishable => w.perishable.is_some(),
            Cond::ClaimFalse => w.claim_false.is_some(),
            Cond::SevenDay => w.seven_day.is_some(),
            Cond::Price => w.price_at_most.is_some(),
        }
    }

    /// Every condition, in test order (cheap, always-known facts first).
    pub const ALL: [Cond; 13] = [
        Cond::Defect,
        Cond::Fault,
        Cond::Stage,
        Cond::FreeShipping,
        Cond::Resellable,
        Cond::Perishable,
        Cond::ClaimFalse,
        Cond::Platform,
        Cond::Wants,
        Cond::Region,
        Cond::Promo,
        Cond::SevenDay,
        Cond::Price,
    ];

    /// The condition's name in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Cond::Defect => "问题类型",
            Cond::Fault => "责任方",
            Cond::Stage => "订单状态",
            Cond::Platform => "平台",
            Cond::Wants => "买家诉求",
            Cond::Region => "地区组",
            Cond::Promo => "活动款",
            Cond::FreeShipping => "包邮",
            Cond::Resellable => "二次销售",
            Cond::Perishable => "易腐食品",
            Cond::ClaimFalse => "理由属实",
            Cond::SevenDay => "七天无理由期",
            Cond::Price => "实付金额",
        }
    }

    /// The case field, the fact and the flag to ask for when the fact is unknown.
    fn missing(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Cond::Platform => (
                "platform",
                "平台 (platform)",
                "--platform taobao 或 --platform tmall (淘宝/天猫)",
            ),
            Cond::Wants => (
                "wants",
                "买家诉求 (wants)",
                "--wants return 或 --wants exchange (退货/换货)",
            ),
            Cond::Region => (
                "region",
                "收货地区 (region)",
                "--region 新疆 (省份、简称如 内蒙/沪、城市或整段收货地址)",
            ),
            Cond::Promo => (
                "title",
                "商品标题 (title)",
                "--title \"商品标题\" (用来判断是否特价/清仓/秒杀)",
            ),
            Cond::SevenDay => (
                "signed",
                "签收日期 (signed)",
                "--signed 2026-11-18 (买家签收的日期,判断七天无理由)",
            ),
            _ => ("price", "实付金额 (price)", "--price 89 (买家实付金额,元)"),
        }
    }
}

/// The facts as the rules see them, after inference and derivation.
struct View<'a> {
    case: &'a Case,
    defect: Defect,
    fault: Fault,
    stage: Stage,
    wants: Option<Wants>,
    region: Option<usize>,
    promo_tags: Option<Vec<String>>,
    within_seven_days: Option<bool>,
    window_end: Option<chrono::NaiveDateTime>,
}

/// Fills in what the case does not say (from the defect's defaults) and derives
/// region group, promotion tags and the seven-day window.
fn view<'a>(
    policy: &Policy,
    case: &'a Case,
) -> Result<(View<'a>, SmallVec<[Inferred; 3]>), EngineError> {
    let defect = case.defect.ok_or_else(|| EngineError::Missing {
        key: "defect",
        fact: "问题类型 (defect)",
        flag: "--defect, e.g. --defect 小瑕疵 (质量问题, 尺码不合适, 不喜欢, 物流问题 …)",
        rule: "-".into(),
    })?;
    let defaults = policy.defect(defect);
    let mut inferred = SmallVec::new();
    let fault = case.fault.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: "fault",
            value: defaults.fault.label(),
            how: "按问题类型推断;不对请加 --fault shop/buyer/logistics",
        });
        defaults.fault
    });
    let stage = case.stage.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: "stage",
            value: defaults.stage.label(),
            how: "按问题类型推断;不对请加 --stage unshipped/in_transit/signed/completed",
        });
        defaults.stage
    });
    let wants = case.wants.or_else(|| {
        defaults.wants.inspect(|w| {
            inferred.push(Inferred {
                fact: "wants",
                value: w.label(),
                how: "按问题类型推断;不对请加 --wants return/exchange",
            })
        })
    });
    let window_end = case.signed.map(|s| window_due(s, policy.seven_day.span));
    let view = View {
        case,
        defect,
        fault,
        stage,
        wants,
        region: case.region.as_ref().map(|r| policy.group_of_place(r)),
        promo_tags: case.title.as_ref().map(|t| policy.promo_tags_in(t)),
        within_seven_days: window_end.map(|end| case.requested.and_time(NaiveTime::MIN) < end),
        window_end,
    };
    Ok((view, inferred))
}

/// What the buyer asked relative to the offer, for the agent's notes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AskSeen {
    /// No ask, or an offer-less rule.
    None,
    /// The ask is within the ceiling and is agreed to.
    Within(Money, Money),
    /// The ask is above the ceiling: the rule's above-ceiling answer applies.
    Above(Money, Money),
    /// Above the ceiling with no above-ceiling answer: the ceiling stands.
    AboveNoRule(Money, Money),
}

/// The decision for a case, without the words around it: which rule, what to
/// offer, who pays the shipping, what compensation is owed, and the trace.
#[derive(Debug, Clone)]
pub struct Verdict<'p> {
    /// The deciding rule (`None`: the fallback).
    pub rule: Option<&'p Rule>,
    /// What the rule (or its above-ceiling answer) says.
    pub outcome: &'p Outcome,
    /// The offer, after the ask and the price.
    pub offer: Option<Offer>,
    /// The buyer's ask against the offer.
    pub ask: AskSeen,
    /// Who pays each leg, with the quality-return setting applied.
    pub shipping: Shipping,
    /// Compensation owed.
    pub compensation: Option<Money>,
    /// Every rule looked at.
    pub trace: Trace,
}

impl Verdict<'_> {
    /// The resolution.
    pub fn resolution(&self) -> Resolution {
        self.outcome.resolution
    }

    /// Whether a supervisor must decide.
    pub fn escalate(&self) -> bool {
        self.outcome.resolution == Resolution::Escalate
    }
}

/// Finds the rule that decides a case, walking the rules in order.
fn choose<'p>(policy: &'p Policy, view: &View) -> Result<(Option<&'p Rule>, Trace), EngineError> {
    let mut trace = Trace::new(policy.rule_ids.clone());
    'rules: for (index, rule) in policy.rules.iter().enumerate() {
        for &cond in &rule.tests {
            match test(cond, &rule.when, view) {
                None | Some(Some(true)) => {}
                Some(Some(false)) => {
                    trace.push(index, Some(cond));
                    continue 'rules;
                }
                Some(None) => {
                    let (key, fact, flag) = cond.missing();
                    return Err(EngineError::Missing {
                        key,
                        fact,
                        flag,
                        rule: rule.id.to_string(),
                    });
                }
            }
        }
        trace.push(index, None);
        return Ok((Some(rule), trace));
    }
    trace.push(policy.rules.len(), None);
    Ok((None, trace))
}

/// Decides a case: the rule, the offer, the shipping payers and compensation.
pub fn decide<'p>(policy: &'p Policy, case: &Case) -> Result<Verdict<'p>, EngineError> {
    let (view, _) = view(policy, case)?;
    verdict(policy, &view)
}

fn verdict<'p>(policy: &'p Policy, v: &View) -> Result<Verdict<'p>, EngineError> {
    let case = v.case;
    let (rule, trace) = choose(policy, v)?;
    let then = rule.map_or(&policy.fallback, |r| &r.then);
    let rule_id = || rule.map_or(FALLBACK, |r| &r.id).to_string();
    let missing_price = || EngineError::Missing {
        key: "price",
        fact: "实付金额 (price)",
        flag: "--price 89 (买家实付金额,元)",
        rule: rule_id(),
    };
    let mut outcome = then;
    let mut offer = None;
    let mut ask = AskSeen::None;
    if let Some(o) = &then.offer {
        let amount = |a: Amount| -> Result<Money, EngineError> {
            let yuan = match a {
                Amount::Yuan(y) => y,
                Amount::Percent(p) => {
                    case.price.ok_or_else(missing_price)? * p / Decimal::ONE_HUNDRED
                }
            };
            // Never offer more than the buyer paid.
            Ok(Money::new(case.price.map_or(yuan, |price| yuan.min(price))))
        };
        let (mut open, mut max) = (amount(o.open)?, amount(o.max)?);
        if let Some(a) = case.ask.filter(|a| !a.is_zero()).map(Money::new) {
            if a <= max {
                ask = AskSeen::Within(a, max);
                open = a;
                max = a;
            } else if let Some(above) = rule.and_then(|r| r.above_ceiling.as_ref()) {
                ask = AskSeen::Above(a, max);
                outcome = above;
            } else {
                ask = AskSeen::AboveNoRule(a, max);
            }
        }
        offer = Some(Offer {
            open,
            max,
            kind: o.kind,
        });
    }
    let mut shipping = outcome.shipping;
    if outcome.quality_return {
        shipping.to_shop = policy.quality_return_payer;
    }
    let compensation = match &outcome.compensation {
        None => None,
        Some(c) => {
            let price = case.price.ok_or_else(missing_price)?;
            let mut amount = price * c.percent / Decimal::ONE_HUNDRED;
            if let Some(cap) = c.cap {
                amount = amount.min(cap);
            }
            if let Some(floor) = c.floor {
                amount = amount.max(floor);
            }
            Some(Money::new(amount))
        }
    };
    Ok(Verdict {
        rule,
        outcome,
        offer,
        ask,
        shipping,
        compensation,
        trace,
    })
}

/// Decides the advice for a case under a policy: the decision and the words
/// around it (notes, deadlines, risk notes, tip and the reply).
pub fn advise(policy: &Policy, case: &Case) -> Result<Advice, EngineError> {
    let (view, inferred) = view(policy, case)?;
    let verdict = verdict(policy, &view)?;
    let facts = Facts {
        defect: view.defect,
        fault: view.fault,
        stage: view.stage,
        wants: view.wants,
        province: case.region.as_ref().map(|r| r.province.0.clone()),
        region_group: view.region.map(|i| policy.group_names[i].clone()),
        promo_tags: view.promo_tags.clone().unwrap_or_default(),
        within_seven_days: view.within_seven_days,
    };
    build(policy, case, facts, inferred, verdict)
}

/// The id the fallback is reported under.
pub const FALLBACK: &str = "fallback";

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

/// When the seven-day window closes: 00:00 of the day after signing plus the span.
fn window_due(signed: NaiveDate, span: Span) -> chrono::NaiveDateTime {
    let start = (signed + Duration::days(1)).and_time(NaiveTime::MIN);
    start + span_duration(span)
}

fn span_duration(span: Span) -> Duration {
    match span {
        Span::Days(d) => Duration::days(i64::from(d)),
        Span::Hours(h) => Duration::hours(i64::from(h)),
    }
}

fn bit(set: Set, index: usize) -> bool {
    set & (1 << index) != 0
}

/// Tests one condition: `None` when the rule has no such condition,
/// `Some(None)` when the fact it needs is unknown.
fn test(cond: Cond, w: &Conditions, v: &View) -> Option<Option<bool>> {
    let c = v.case;
    match cond {
        Cond::Defect => w.defect.map(|s| Some(bit(s, v.defect.index()))),
        Cond::Fault => w.fault.map(|s| Some(bit(s, v.fault.index()))),
        Cond::Stage => w.stage.map(|s| Some(bit(s, v.stage.index()))),
        Cond::Platform => w.platform.map(|s| c.platform.map(|p| bit(s, p.index()))),
        Cond::Wants => w.wants.map(|s| v.wants.map(|x| bit(s, x.index()))),
        Cond::Region => w.region.map(|s| v.region.map(|g| bit(s, g))),
        Cond::Promo => w
            .promo
            .map(|want| v.promo_tags.as_ref().map(|t| t.is_empty() != want)),
        Cond::FreeShipping => w.free_shipping.map(|want| Some(c.free_shipping == want)),
        Cond::Resellable => w.resellable.map(|want| Some(c.resellable == want)),
        Cond::Perishable => w.perishable.map(|want| Some(c.perishable == want)),
        Cond::ClaimFalse => w.claim_false.map(|want| Some(c.claim_false == want)),
        Cond::SevenDay => w
            .seven_day
            .map(|want| v.within_seven_days.map(|x| x == want)),
        Cond::Price => w.price_at_most.map(|limit| c.price.map(|p| p <= limit)),
    }
}

fn names<T: Copy>(
    all: &[T],
    set: Set,
    index: impl Fn(T) -> usize,
    label: impl Fn(T) -> &'static str,
) -> String {
    all.iter()
        .filter(|v| bit(set, index(**v)))
        .map(|v| label(*v))
        .collect::<Vec<_>>()
        .join("/")
}

/// The case's value and the rule's wish for one condition, in words.
fn describe(cond: Cond, w: &Conditions, v: &View, policy: &Policy) -> String {
    let c = v.case;
    let yes_no = |value: bool, yes: &str, no: &str| {
        if value {
            yes.to_string()
        } else {
            no.to_string()
        }
    };
    let (is, wants) = match cond {
        Cond::Defect => (
            v.defect.label().to_string(),
            names(
                Defect::ALL,
                w.defect.unwrap_or(0),
                Defect::index,
                Defect::label,
            ),
        ),
        Cond::Fault => (
            v.fault.label().to_string(),
            names(Fault::ALL, w.fault.unwrap_or(0), Fault::index, Fault::label),
        ),
        Cond::Stage => (
            v.stage.label().to_string(),
            names(Stage::ALL, w.stage.unwrap_or(0), Stage::index, Stage::label),
        ),
        Cond::Platform => (
            c.platform.map_or("未知".into(), |p| p.label().to_string()),
            names(
                Platform::ALL,
                w.platform.unwrap_or(0),
                Platform::index,
                Platform::label,
            ),
        ),
        Cond::Wants => (
            v.wants.map_or("未知".into(), |x| x.label().to_string()),
            names(Wants::ALL, w.wants.unwrap_or(0), Wants::index, Wants::label),
        ),
        Cond::Region => {
            let set = w.region.unwrap_or(0);
            let want: Vec<&str> = (0..=policy.groups.len())
                .filter(|i| bit(set, *i))
                .map(|i| policy.group_name(i))
                .collect();
            let is = match (v.region, c.region.as_ref()) {
                (Some(g), Some(r)) => format!("{}({})", policy.group_name(g), r.province),
                _ => "未知".into(),
            };
            (is, want.join("/"))
        }
        Cond::Promo => (
            match &v.promo_tags {
                None => "未知(没有标题)".into(),
                Some(t) if t.is_empty() => "正价款".into(),
                Some(t) => format!("活动款({})", t.join("/")),
            },
            yes_no(w.promo == Some(true), "活动款", "正价款"),
        ),
        Cond::FreeShipping => (
            yes_no(c.free_shipping, "包邮", "不包邮"),
            yes_no(w.free_shipping == Some(true), "包邮", "不包邮"),
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
                    "{}(截止 {})",
                    if within { "期内" } else { "已过期" },
                    end.format("%Y-%m-%d %H:%M")
                ),
                _ => "未知(没有签收日期)".into(),
            },
            yes_no(w.seven_day == Some(true), "期内", "已过期"),
        ),
        Cond::Price => (
            c.price.map_or("未知".into(), |p| format!("¥{p}")),
            w.price_at_most
                .map_or(String::new(), |l| format!("不高于¥{l}")),
        ),
    };
    format!("{}:案例是“{is}”,规则要“{wants}”", cond.label())
}

/// Puts the words around a decision: notes, deadlines, risks, tip and reply.
fn build(
    policy: &Policy,
    case: &Case,
    facts: Facts,
    inferred: SmallVec<[Inferred; 3]>,
    v: Verdict,
) -> Result<Advice, EngineError> {
    let chosen = v.outcome;
    let mut notes: SmallVec<[Text; 4]> = SmallVec::new();
    match v.ask {
        AskSeen::None => {}
        AskSeen::Within(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},在上限¥{max}以内:直接同意。"
        ))),
        AskSeen::Above(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},超过上限¥{max}:可按上限再争取一次,不接受则按下面的处理。"
        ))),
        AskSeen::AboveNoRule(a, max) => notes.push(Text::Owned(format!(
            "买家要¥{a},超过上限¥{max}:最多给到上限,仍不接受请上报{}。",
            policy.escalate_to
        ))),
    }
    if chosen.quality_return {
        notes.push(Text::Shared(policy.quality_return_note.clone()));
    }
    if let Some(n) = &chosen.note {
        notes.push(Text::Shared(n.clone()));
    }
    let compensation = match (&chosen.compensation, v.compensation, case.price) {
        (Some(c), Some(amount), Some(price)) => Some(Compensation {
            amount,
            percent: c.percent,
            basis: Money::new(price),
            floor: c.floor.map(Money::new),
            cap: c.cap.map(Money::new),
            paid_as: c.paid_as,
            penalty_points: c.penalty_points,
            label: c.label.clone(),
        }),
        _ => None,
    };
    let deadlines = chosen
        .deadlines
        .iter()
        .map(|(id, rule)| deadline(id, rule, case))
        .collect();
    let risks = chosen
        .risks
        .iter()
        .map(|(id, r)| Risk {
            id: id.clone(),
            playbook: r.playbook.clone(),
            text: r.text.clone(),
        })
        .collect();
    let then = v.rule.map_or(&policy.fallback, |r| &r.then);
    let tip = if chosen.tip || then.tip {
        match case.material.and_then(|m| policy.materials.get(&m)) {
            Some(m) => Some(m.tip.clone()),
            None => {
                notes.push(Text::Static("未给材质,回复里没有附清洁建议;加 --material suede/pu/fabric/slipper/canvas 可附上。"));
                None
            }
        }
    } else {
        None
    };
    let rule_id = v.rule.map_or_else(
        || policy.rule_ids[policy.rules.len()].clone(),
        |r| r.id.clone(),
    );
    let escalate = v.escalate();
    let escalate_to = (escalate || chosen.if_refused == Some(Resolution::Escalate))
        .then(|| policy.escalate_to.clone());
    let reply = reply(
        policy,
        chosen,
        case,
        v.offer.as_ref(),
        v.compensation,
        tip.as_deref(),
    )
    .map_err(|slot| EngineError::Missing {
        // A template may quote the ask or the price; say so rather than print "{ask}".
        key: if slot == Slot::Ask { "ask" } else { "price" },
        fact: if slot == Slot::Ask {
            "买家要求的金额 (ask)"
        } else {
            "实付金额 (price)"
        },
        flag: if slot == Slot::Ask {
            "--ask 10 (买家要多少钱,元)"
        } else {
            "--price 89 (买家实付金额,元)"
        },
        rule: rule_id.to_string(),
    })?;
    Ok(Advice {
        resolution: chosen.resolution,
        offer: v.offer,
        if_refused: chosen.if_refused,
        escalate,
        escalate_to,
        compensation,
        shipping: v.shipping,
        deadlines,
        risks,
        notes,
        tip,
        playbook: v.rule.map_or_else(|| Arc::from([]), |r| r.playbook.clone()),
        rule: rule_id,
        why: v.rule.map_or_else(
            || Arc::from("没有规则适用 (no rule applies)"),
            |r| r.source.clone(),
        ),
        reply,
        case_facts: facts,
        inferred,
        trace: v.trace,
        policy: policy.reference(),
    })
}

fn deadline(id: &Arc<str>, d: &DeadlineRule, case: &Case) -> Deadline {
    let (from, due) = match &d.start {
        Start::Anchor(Anchor::Requested) => (
            Text::Static("买家申请日"),
            Some(match d.span {
                Span::Days(n) => Due::Day(case.requested + Duration::days(i64::from(n))),
                Span::Hours(_) => {
                    Due::At(case.requested.and_time(NaiveTime::MIN) + span_duration(d.span))
                }
            }),
        ),
        Start::Anchor(Anchor::SignedNextDay) => (
            Text::Static("签收次日 00:00"),
            case.signed.map(|s| Due::At(window_due(s, d.span))),
        ),
        Start::After(event) => (Text::Shared(event.clone()), None),
    };
    Deadline {
        id: id.clone(),
        playbook: d.playbook.clone(),
        label: d.label.clone(),
        limit: d.limit.clone(),
        from,
        due,
    }
}

/// Yuan for a reply: `3` rather than `3.00`, `4.45` as is.
fn yuan(out: &mut String, m: Money) {
    use std::fmt::Write;
    let v = m.value();
    let _ = if v.fract().is_zero() {
        write!(out, "{}", v.trunc())
    } else {
        write!(out, "{m}")
    };
}

/// The reply: greeting, apology (S6), the rule's text with its slots filled, the
/// tip (S5), thanks (S6); or the slot whose value the case does not give.
fn reply(
    policy: &Policy,
    o: &Outcome,
    case: &Case,
    offer: Option<&Offer>,
    comp: Option<Money>,
    tip: Option<&str>,
) -> Result<String, Slot> {
    let r = &policy.replies;
    let mut out = String::with_capacity(512);
    out.push_str(&r.greeting);
    out.push_str(&r.apology);
    for piece in &o.reply {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot(slot) => {
                let value = match slot {
                    Slot::Open => offer.map(|x| x.open),
                    Slot::Max => offer.map(|x| x.max),
                    Slot::Ask => case.ask.map(Money::new),
                    Slot::Price => case.price.map(Money::new),
                    Slot::Compensation => comp,
                    Slot::EscalateTo => {
                        out.push_str(&policy.escalate_to);
                        continue;
                    }
                };
                yuan(&mut out, value.ok_or(*slot)?);
            }
        }
    }
    if let Some(t) = tip {
        out.push_str(&r.tip_intro);
        out.push_str(t);
    }
    out.push_str(&r.thanks);
    Ok(out)
}
