//! The engine: case x policy -> advice, with the trace of every rule it looked at.
//!
//! Rules are tried in file order and the first whose conditions all hold decides.
//! A condition on a fact the case does not give is neither true nor false: the
//! engine stops and names the flag that would settle it, rather than guess.

use chrono::{Duration, NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;

use crate::advice::{
    Advice, Compensation, Deadline, Facts, Inferred, Money, Offer, Resolution, Risk, Trace,
};
use crate::case::{Case, Defect, Fault, Platform, Stage, Wants};
use crate::policy::{
    Amount, Anchor, Conditions, DeadlineRule, Outcome, Piece, Policy, Set, Slot, Span, Start,
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
fn view<'a>(policy: &Policy, case: &'a Case) -> Result<(View<'a>, Vec<Inferred>), EngineError> {
    let defect = case.defect.ok_or_else(|| EngineError::Missing {
        key: "defect",
        fact: "问题类型 (defect)",
        flag: "--defect, e.g. --defect 小瑕疵 (质量问题, 尺码不合适, 不喜欢, 物流问题 …)",
        rule: "-".into(),
    })?;
    let defaults = policy.defect(defect);
    let mut inferred = Vec::new();
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

/// Decides the advice for a case under a policy.
pub fn advise(policy: &Policy, case: &Case) -> Result<Advice, EngineError> {
    let (view, inferred) = view(policy, case)?;
    let mut trace = Trace::new(policy.rule_ids.clone());
    let mut decided = None;
    'rules: for (index, rule) in policy.rules.iter().enumerate() {
        for cond in Cond::ALL {
            match test(cond, &rule.when, &view) {
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
        decided = Some(rule);
        break;
    }
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
    let decision = match decided {
        Some(r) => Decision {
            rule: r.id.clone(),
            playbook: r.playbook.clone(),
            why: r.source.clone(),
            then: &r.then,
            above: r.above_ceiling.as_ref(),
        },
        None => {
            trace.push(policy.rules.len(), None);
            Decision {
                rule: policy.rule_ids[policy.rules.len()].clone(),
                playbook: Arc::from([]),
                why: Arc::from("没有规则适用 (no rule applies)"),
                then: &policy.fallback,
                above: None,
            }
        }
    };
    build(policy, &view, facts, inferred, trace, decision)
}

/// The rule that decided, and what it says.
struct Decision<'p> {
    rule: Arc<str>,
    playbook: Arc<[String]>,
    why: Arc<str>,
    then: &'p Outcome,
    above: Option<&'p Outcome>,
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

/// Turns the deciding outcome into advice: amounts, ask handling, shipping,
/// compensation, deadlines, notes and the reply.
fn build(
    policy: &Policy,
    v: &View,
    facts: Facts,
    inferred: Vec<Inferred>,
    trace: Trace,
    d: Decision,
) -> Result<Advice, EngineError> {
    let case = v.case;
    let missing_price = |rule: &str| EngineError::Missing {
        key: "price",
        fact: "实付金额 (price)",
        flag: "--price 89 (买家实付金额,元)",
        rule: rule.to_string(),
    };
    let mut notes: Vec<Arc<str>> = Vec::new();
    let mut chosen = d.then;
    let mut offer = None;
    if let Some(o) = &d.then.offer {
        let amount = |a: Amount| -> Result<Money, EngineError> {
            let yuan = match a {
                Amount::Yuan(y) => y,
                Amount::Percent(p) => {
                    case.price.ok_or_else(|| missing_price(&d.rule))? * p / Decimal::ONE_HUNDRED
                }
            };
            // Never offer more than the buyer paid.
            Ok(Money::new(case.price.map_or(yuan, |price| yuan.min(price))))
        };
        let (mut open, mut max) = (amount(o.open)?, amount(o.max)?);
        match case.ask.filter(|a| !a.is_zero()) {
            Some(ask) if ask <= max.value() => {
                notes
                    .push(format!("买家要¥{},在上限¥{max}以内:直接同意。", Money::new(ask)).into());
                open = Money::new(ask);
                max = open;
            }
            Some(ask) => {
                match d.above {
                    Some(a) => {
                        notes.push(format!("买家要¥{},超过上限¥{max}:可按上限再争取一次,不接受则按下面的处理。", Money::new(ask)).into());
                        chosen = a;
                    }
                    None => notes.push(
                        format!(
                            "买家要¥{},超过上限¥{max}:最多给到上限,仍不接受请上报{}。",
                            Money::new(ask),
                            policy.escalate_to
                        )
                        .into(),
                    ),
                }
            }
            None => {}
        }
        offer = Some(Offer {
            open,
            max,
            kind: o.kind,
        });
    }

    let mut shipping = chosen.shipping;
    if chosen.quality_return {
        shipping.to_shop = policy.quality_return_payer;
        notes.push(policy.quality_return_note.clone());
    }
    if let Some(n) = &chosen.note {
        notes.push(n.clone());
    }

    let compensation = match &chosen.compensation {
        None => None,
        Some(c) => {
            let price = case.price.ok_or_else(|| missing_price(&d.rule))?;
            let mut amount = price * c.percent / Decimal::ONE_HUNDRED;
            if let Some(cap) = c.cap {
                amount = amount.min(cap);
            }
            if let Some(floor) = c.floor {
                amount = amount.max(floor);
            }
            Some(Compensation {
                amount: Money::new(amount),
                percent: c.percent,
                basis: Money::new(price),
                floor: c.floor.map(Money::new),
                cap: c.cap.map(Money::new),
                paid_as: c.paid_as,
                penalty_points: c.penalty_points,
                label: c.label.clone(),
            })
        }
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

    let tip = if chosen.tip || d.then.tip {
        match case.material.and_then(|m| policy.materials.get(&m)) {
            Some(m) => Some(m.tip.clone()),
            None => {
                notes.push(Arc::from("未给材质,回复里没有附清洁建议;加 --material suede/pu/fabric/slipper/canvas 可附上。"));
                None
            }
        }
    } else {
        None
    };

    let escalate = chosen.resolution == Resolution::Escalate;
    let escalate_to = (escalate || chosen.if_refused == Some(Resolution::Escalate))
        .then(|| policy.escalate_to.clone());
    let reply = reply(
        policy,
        chosen,
        case,
        offer.as_ref(),
        compensation.as_ref(),
        tip.as_deref(),
    )
    .map_err(|slot| match slot {
        // A template may quote the ask or the price; say so rather than print "{ask}".
        Slot::Ask => EngineError::Missing {
            key: "ask",
            fact: "买家要求的金额 (ask)",
            flag: "--ask 10 (买家要多少钱,元)",
            rule: d.rule.to_string(),
        },
        _ => missing_price(&d.rule),
    })?;
    Ok(Advice {
        resolution: chosen.resolution,
        offer,
        if_refused: chosen.if_refused,
        escalate,
        escalate_to,
        compensation,
        shipping,
        deadlines,
        risks,
        notes,
        tip,
        playbook: d.playbook,
        rule: d.rule,
        why: d.why,
        reply,
        case_facts: facts,
        inferred,
        trace,
        policy: policy.reference(),
    })
}

fn deadline(id: &Arc<str>, d: &DeadlineRule, case: &Case) -> Deadline {
    let limit = match d.span {
        Span::Days(n) => format!("{n}天"),
        Span::Hours(n) => format!("{n}小时"),
    };
    let (from, due): (Arc<str>, _) = match &d.start {
        Start::Anchor(Anchor::Requested) => (
            format!("买家申请日 {}", case.requested).into(),
            Some(match d.span {
                Span::Days(n) => (case.requested + Duration::days(i64::from(n))).to_string(),
                Span::Hours(_) => (case.requested.and_time(NaiveTime::MIN) + span_duration(d.span))
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            }),
        ),
        Start::Anchor(Anchor::SignedNextDay) => (
            Arc::from("签收次日 00:00"),
            case.signed
                .map(|s| window_due(s, d.span).format("%Y-%m-%d %H:%M").to_string()),
        ),
        Start::After(event) => (Arc::from(event.as_str()), None),
    };
    Deadline {
        id: id.clone(),
        playbook: d.playbook.clone(),
        label: d.label.clone(),
        limit,
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
    comp: Option<&Compensation>,
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
                    Slot::Compensation => comp.map(|c| c.amount),
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
