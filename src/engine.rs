//! The engine: case x policy -> advice, with the trace of every rule it looked at.
//!
//! Rules are tried in file order and the first whose conditions all hold decides.
//! A condition on a fact the case does not give is neither true nor false: the
//! engine stops and names the flag that would settle it, rather than guess.

use chrono::{Duration, NaiveDate, NaiveTime};
use rust_decimal::Decimal;

use crate::advice::{
    Advice, Compensation, Deadline, Facts, Inferred, Money, Offer, Resolution, Risk, Shipping,
    TraceStep,
};
use crate::case::{Case, Defect, Fault, Platform, Stage, Wants};
use crate::policy::{Amount, Anchor, Conditions, Outcome, Policy, SEVEN_DAY, Set, Span, Start};

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

/// The value of a condition when a fact may be unknown.
enum Check {
    Yes(String),
    No(String),
    Unknown(&'static str, &'static str, &'static str),
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

/// Decides the advice for a case under a policy.
pub fn advise(policy: &Policy, case: &Case) -> Result<Advice, EngineError> {
    let defect = case.defect.ok_or_else(|| EngineError::Missing {
        key: "defect",
        fact: "问题类型 (defect)",
        flag: "--defect, e.g. --defect 小瑕疵 (质量问题, 尺码不合适, 不喜欢, 物流问题 …)",
        rule: "-".into(),
    })?;
    let defaults = &policy.defects[&defect];
    let mut inferred = Vec::new();
    let fault = case.fault.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: "fault",
            value: defaults.fault.label().into(),
            how: format!(
                "按问题类型“{}”推断;不对请加 --fault shop/buyer/logistics",
                defect.label()
            ),
        });
        defaults.fault
    });
    let stage = case.stage.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: "stage",
            value: defaults.stage.label().into(),
            how: format!(
                "按问题类型“{}”推断;不对请加 --stage unshipped/in_transit/signed/completed",
                defect.label()
            ),
        });
        defaults.stage
    });
    let wants = case.wants.or_else(|| {
        defaults.wants.inspect(|w| {
            inferred.push(Inferred {
                fact: "wants",
                value: w.label().into(),
                how: format!(
                    "按问题类型“{}”推断;不对请加 --wants return/exchange",
                    defect.label()
                ),
            })
        })
    });
    let window = &policy.deadlines[SEVEN_DAY];
    let window_end = case.signed.map(|s| window_due(s, window.span));
    let view = View {
        case,
        defect,
        fault,
        stage,
        wants,
        region: case
            .region
            .as_ref()
            .map(|r| policy.group_index(&r.province.0)),
        promo_tags: case.title.as_ref().map(|t| policy.promo_tags_in(t)),
        within_seven_days: window_end.map(|end| case.requested.and_time(NaiveTime::MIN) < end),
        window_end,
    };

    let mut trace = Vec::new();
    let mut decided = None;
    for rule in &policy.rules {
        match evaluate(&rule.when, &view, policy) {
            Check::Yes(why) => {
                trace.push(TraceStep {
                    rule: rule.id.clone(),
                    matched: true,
                    why,
                });
                decided = Some(rule);
                break;
            }
            Check::No(why) => trace.push(TraceStep {
                rule: rule.id.clone(),
                matched: false,
                why,
            }),
            Check::Unknown(key, fact, flag) => {
                return Err(EngineError::Missing {
                    key,
                    fact,
                    flag,
                    rule: rule.id.clone(),
                });
            }
        }
    }

    let facts = Facts {
        defect,
        fault,
        stage,
        wants,
        province: case.region.as_ref().map(|r| r.province.0.clone()),
        region_group: view.region.map(|i| policy.group_name(i).to_string()),
        promo_tags: view.promo_tags.clone().unwrap_or_default(),
        within_seven_days: view.within_seven_days,
    };
    let (rule_id, playbook, why, then, above) = match decided {
        Some(r) => (
            r.id.clone(),
            r.playbook.clone(),
            r.source.clone(),
            &r.then,
            r.above_ceiling.as_ref(),
        ),
        None => {
            trace.push(TraceStep {
                rule: "fallback".into(),
                matched: true,
                why: "没有规则适用,按兜底处理".into(),
            });
            (
                "fallback".into(),
                Vec::new(),
                "没有规则适用 (no rule applies)".into(),
                &policy.fallback,
                None,
            )
        }
    };
    build(
        policy, &view, facts, inferred, trace, rule_id, playbook, why, then, above,
    )
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

/// Whether a set condition holds for a value's index, with labels for the trace.
fn in_set(set: Option<Set>, index: usize) -> Option<bool> {
    set.map(|s| s & (1 << index) != 0)
}

fn names<T: Copy>(
    all: &[T],
    set: Set,
    index: impl Fn(T) -> usize,
    label: impl Fn(T) -> String,
) -> String {
    all.iter()
        .filter(|v| set & (1 << index(**v)) != 0)
        .map(|v| label(*v))
        .collect::<Vec<_>>()
        .join("/")
}

/// Three-valued test of every condition; the first false or unknown one decides.
fn evaluate(w: &Conditions, v: &View, policy: &Policy) -> Check {
    let mut held = Vec::new();
    macro_rules! set_cond {
        ($field:ident, $value:expr, $ty:ident, $name:literal) => {
            if let Some(ok) = in_set(w.$field, $value.index()) {
                let want = names($ty::ALL, w.$field.unwrap_or(0), $ty::index, |x| x.label().to_string());
                if !ok {
                    return Check::No(format!("{}是“{}”,规则要“{}”", $name, $value.label(), want));
                }
                held.push(format!("{}={}", $name, $value.label()));
            }
        };
    }
    set_cond!(defect, v.defect, Defect, "问题类型");
    set_cond!(fault, v.fault, Fault, "责任方");
    set_cond!(stage, v.stage, Stage, "订单状态");
    if let Some(set) = w.platform {
        let Some(p) = v.case.platform else {
            return Check::Unknown(
                "platform",
                "平台 (platform)",
                "--platform taobao 或 --platform tmall (淘宝/天猫)",
            );
        };
        if set & (1 << p.index()) == 0 {
            return Check::No(format!(
                "平台是“{}”,规则要“{}”",
                p.label(),
                names(Platform::ALL, set, Platform::index, |x| x.label().into())
            ));
        }
        held.push(format!("平台={}", p.label()));
    }
    if let Some(set) = w.wants {
        let Some(x) = v.wants else {
            return Check::Unknown(
                "wants",
                "买家诉求 (wants)",
                "--wants return 或 --wants exchange (退货/换货)",
            );
        };
        if set & (1 << x.index()) == 0 {
            return Check::No(format!(
                "买家诉求是“{}”,规则要“{}”",
                x.label(),
                names(Wants::ALL, set, Wants::index, |x| x.label().into())
            ));
        }
        held.push(format!("诉求={}", x.label()));
    }
    if let Some(set) = w.region {
        let Some(g) = v.region else {
            return Check::Unknown(
                "region",
                "收货地区 (region)",
                "--region 新疆 (省份、简称如 内蒙/沪、城市或整段收货地址)",
            );
        };
        if set & (1 << g) == 0 {
            let want: Vec<&str> = (0..=policy.groups.len())
                .filter(|i| set & (1 << i) != 0)
                .map(|i| policy.group_name(i))
                .collect();
            return Check::No(format!(
                "地区属于“{}”,规则要“{}”",
                policy.group_name(g),
                want.join("/")
            ));
        }
        held.push(format!("地区组={}", policy.group_name(g)));
    }
    if let Some(want) = w.promo {
        let Some(tags) = &v.promo_tags else {
            return Check::Unknown(
                "title",
                "商品标题 (title)",
                "--title \"商品标题\" (用来判断是否特价/清仓/秒杀)",
            );
        };
        let is = !tags.is_empty();
        if is != want {
            return Check::No(if is {
                format!("标题含活动词“{}”,规则只管正价款", tags.join("/"))
            } else {
                "标题不含活动词,规则只管活动款".into()
            });
        }
        held.push(if is {
            format!("活动款({})", tags.join("/"))
        } else {
            "正价款".into()
        });
    }
    macro_rules! flag_cond {
        ($field:ident, $value:expr, $yes:literal, $no:literal) => {
            if let Some(want) = w.$field {
                if $value != want {
                    return Check::No(format!(
                        "{},规则要{}",
                        if $value { $yes } else { $no },
                        if want { $yes } else { $no }
                    ));
                }
                held.push(if want { $yes } else { $no }.to_string());
            }
        };
    }
    flag_cond!(free_shipping, v.case.free_shipping, "包邮", "不包邮");
    flag_cond!(
        resellable,
        v.case.resellable,
        "不影响二次销售",
        "影响二次销售"
    );
    flag_cond!(
        perishable,
        v.case.perishable,
        "易腐/已拆封食品",
        "非易腐商品"
    );
    flag_cond!(
        claim_false,
        v.case.claim_false,
        "买家理由不属实",
        "买家理由属实"
    );
    if let Some(want) = w.seven_day {
        let Some(within) = v.within_seven_days else {
            return Check::Unknown(
                "signed",
                "签收日期 (signed)",
                "--signed 2026-11-18 (买家签收的日期,判断七天无理由)",
            );
        };
        let end = v
            .window_end
            .map(|e| e.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default();
        let (yes, no) = (
            format!("在七天无理由期内(截止 {end})"),
            format!("已过七天无理由期(截止 {end})"),
        );
        if within != want {
            return Check::No(format!(
                "{},规则要{}",
                if within { &yes } else { &no },
                if want { "期内" } else { "已过期" }
            ));
        }
        held.push(if within { yes } else { no });
    }
    if let Some(limit) = w.price_at_most {
        let Some(price) = v.case.price else {
            return Check::Unknown("price", "实付金额 (price)", "--price 89 (买家实付金额,元)");
        };
        if price > limit {
            return Check::No(format!("实付¥{price}高于低价线¥{limit}"));
        }
        held.push(format!("实付¥{price}不高于¥{limit}"));
    }
    Check::Yes(if held.is_empty() {
        "无条件".into()
    } else {
        held.join(",")
    })
}

/// Turns the deciding outcome into advice: amounts, ask handling, shipping,
/// compensation, deadlines, notes and the reply.
#[allow(clippy::too_many_arguments)]
fn build(
    policy: &Policy,
    v: &View,
    facts: Facts,
    inferred: Vec<Inferred>,
    trace: Vec<TraceStep>,
    rule: String,
    playbook: Vec<String>,
    why: String,
    then: &Outcome,
    above: Option<&Outcome>,
) -> Result<Advice, EngineError> {
    let case = v.case;
    let missing_price = |rule: &str| EngineError::Missing {
        key: "price",
        fact: "实付金额 (price)",
        flag: "--price 89 (买家实付金额,元)",
        rule: rule.to_string(),
    };
    let mut notes = Vec::new();
    let mut chosen = then;
    let mut offer = None;
    if let Some(o) = &then.offer {
        let amount = |a: Amount| -> Result<Money, EngineError> {
            let yuan = match a {
                Amount::Yuan(y) => y,
                Amount::Percent(p) => {
                    case.price.ok_or_else(|| missing_price(&rule))? * p / Decimal::ONE_HUNDRED
                }
            };
            // Never offer more than the buyer paid.
            Ok(Money::new(case.price.map_or(yuan, |price| yuan.min(price))))
        };
        let (mut open, mut max) = (amount(o.open)?, amount(o.max)?);
        match case.ask.filter(|a| !a.is_zero()) {
            Some(ask) if ask <= max.value() => {
                notes.push(format!(
                    "买家要¥{},在上限¥{max}以内:直接同意。",
                    Money::new(ask)
                ));
                open = Money::new(ask);
                max = open;
            }
            Some(ask) => match above {
                Some(a) => {
                    notes.push(format!(
                        "买家要¥{},超过上限¥{max}:可按上限再争取一次,不接受则按下面的处理。",
                        Money::new(ask)
                    ));
                    chosen = a;
                }
                None => notes.push(format!(
                    "买家要¥{},超过上限¥{max}:最多给到上限,仍不接受请上报{}。",
                    Money::new(ask),
                    policy.escalate_to
                )),
            },
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
        Some(id) => {
            let c = &policy.compensation[id];
            let price = case.price.ok_or_else(|| missing_price(&rule))?;
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
        .map(|id| deadline(policy, id, case))
        .collect();
    let risks = chosen
        .risks
        .iter()
        .map(|id| {
            let r = &policy.risks[id];
            Risk {
                id: id.clone(),
                playbook: r.playbook.clone(),
                text: r.text.clone(),
            }
        })
        .collect();

    let tip = if chosen.tip || then.tip {
        match case.material {
            Some(m) => Some(policy.materials[&m].tip.clone()),
            None => {
                notes.push("未给材质,回复里没有附清洁建议;加 --material suede/pu/fabric/slipper/canvas 可附上。".into());
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
    );
    // A template may quote the ask or the price; say so rather than print "{ask}".
    if reply.contains("{ask}") {
        return Err(EngineError::Missing {
            key: "ask",
            fact: "买家要求的金额 (ask)",
            flag: "--ask 10 (买家要多少钱,元)",
            rule,
        });
    }
    if reply.contains("{price}") {
        return Err(missing_price(&rule));
    }
    Ok(Advice {
        resolution: chosen.resolution,
        offer,
        if_refused: chosen.if_refused,
        escalate,
        escalate_to,
        compensation,
        shipping: Shipping {
            to_shop: shipping.to_shop,
            to_buyer: shipping.to_buyer,
        },
        deadlines,
        risks,
        notes,
        tip,
        playbook,
        rule,
        why,
        reply,
        case_facts: facts,
        inferred,
        trace,
        policy: policy.reference(),
    })
}

fn deadline(policy: &Policy, id: &str, case: &Case) -> Deadline {
    let d = &policy.deadlines[id];
    let limit = match d.span {
        Span::Days(n) => format!("{n}天"),
        Span::Hours(n) => format!("{n}小时"),
    };
    let (from, due) = match &d.start {
        Start::Anchor(Anchor::Requested) => (
            format!("买家申请日 {}", case.requested),
            Some(match d.span {
                Span::Days(n) => (case.requested + Duration::days(i64::from(n))).to_string(),
                Span::Hours(_) => (case.requested.and_time(NaiveTime::MIN) + span_duration(d.span))
                    .format("%Y-%m-%d %H:%M")
                    .to_string(),
            }),
        ),
        Start::Anchor(Anchor::SignedNextDay) => (
            "签收次日 00:00".to_string(),
            case.signed
                .map(|s| window_due(s, d.span).format("%Y-%m-%d %H:%M").to_string()),
        ),
        Start::After(event) => (event.clone(), None),
    };
    Deadline {
        id: id.to_string(),
        playbook: d.playbook.clone(),
        label: d.label.clone(),
        limit,
        from,
        due,
    }
}

/// Yuan for a reply: `3` rather than `3.00`, `4.45` as is.
fn yuan(m: Money) -> String {
    let v = m.value();
    if v.fract().is_zero() {
        v.trunc().to_string()
    } else {
        m.to_string()
    }
}

/// The reply: greeting, apology (S6), the rule's text, the tip (S5), thanks (S6).
fn reply(
    policy: &Policy,
    o: &Outcome,
    case: &Case,
    offer: Option<&Offer>,
    comp: Option<&Compensation>,
    tip: Option<&str>,
) -> String {
    let r = &policy.replies;
    let mut body = o.reply.clone();
    let fill = |body: &mut String, key: &str, value: Option<String>| {
        if let Some(value) = value {
            *body = body.replace(&format!("{{{key}}}"), &value);
        }
    };
    fill(&mut body, "open", offer.map(|x| yuan(x.open)));
    fill(&mut body, "max", offer.map(|x| yuan(x.max)));
    fill(&mut body, "ask", case.ask.map(|a| yuan(Money::new(a))));
    fill(&mut body, "price", case.price.map(|a| yuan(Money::new(a))));
    fill(&mut body, "compensation", comp.map(|c| yuan(c.amount)));
    fill(&mut body, "escalate_to", Some(policy.escalate_to.clone()));
    let mut out = format!("{}{}{}", r.greeting, r.apology, body);
    if let Some(t) = tip {
        out.push_str(&r.tip_intro);
        out.push_str(t);
    }
    out.push_str(&r.thanks);
    out
}
