//! A refund's facts. What the list's columns state is taken as stated, never
//! read from text: the price, the refund amount (equal to the price, a full
//! refund; smaller, a partial ask), the stage from the order's and the goods'
//! state, the reason and the type, express refund, the dates. The buyer's own
//! words (退款说明) go through the paste reader beside the reason, and what it
//! reads is marked as read (a quote and the 退款申请 segment), as in a paste.
//!
//! A stated fact is a [`Found`] with no segment; its source names the column.

use chrono::NaiveDate;

use super::{Cs, Goods, Item, OrderState, Phase, Refund, State};
use crate::advice::Advice;
use crate::case::{
    CaseError, CaseInput, Defect, Fact, Fault, Platform, RefundType, Stage, Threat, Wants,
};
use crate::intake::{Ambiguity, Facts, Found, Intake};
use crate::money::Money;
use crate::place::{Lookup, places};
use crate::policy::Policy;
use crate::session::{Answer, Outcome};

/// A stated fact: the value and the column (with its value) it was read from.
fn stated<T>(value: T, source: String) -> Found<T> {
    Found {
        value,
        source,
        segment: None,
        speaker: None,
        speaker_guessed: false,
    }
}

/// Whether a fact was stated by a column (else read from the buyer's words).
pub fn is_stated<T>(f: &Found<T>) -> bool {
    f.segment.is_none()
}

/// The stage the order's state, the goods' state and 售中/售后 say.
fn stage(r: &Refund) -> Option<(Stage, String)> {
    let goods = |g: Goods| match g {
        Goods::NotReceived => "买家未收到货",
        Goods::Received => "买家已收到货",
        Goods::Returned => "买家已退货",
    };
    let col = |i: Item| r.column(i).to_string();
    if r.phase == Some(Phase::Aftersale) {
        return Some((Stage::Completed, format!("{}：售后", col(Item::Phase))));
    }
    let from_goods = |g: Goods| -> Option<(Stage, String)> {
        match g {
            Goods::Received | Goods::Returned => {
                Some((Stage::Signed, format!("{}：{}", col(Item::Goods), goods(g))))
            }
            Goods::NotReceived => match r.shipped {
                Some(true) => Some((
                    Stage::InTransit,
                    format!("{}：买家未收到货，已有发货物流", col(Item::Goods)),
                )),
                Some(false) => Some((
                    Stage::Unshipped,
                    format!("{}：买家未收到货，发货物流为空", col(Item::Goods)),
                )),
                None => None,
            },
        }
    };
    match r.order_state {
        Some(OrderState::Unshipped) => Some((
            Stage::Unshipped,
            format!("{}：等待卖家发货", col(Item::OrderStatus)),
        )),
        Some(OrderState::InTransit) => match r.goods {
            Some(g @ (Goods::Received | Goods::Returned)) => from_goods(g),
            _ => Some((
                Stage::InTransit,
                format!("{}：卖家已发货", col(Item::OrderStatus)),
            )),
        },
        Some(OrderState::Signed) => Some((
            Stage::Signed,
            format!("{}：买家已签收", col(Item::OrderStatus)),
        )),
        Some(OrderState::Completed) => Some((
            Stage::Completed,
            format!("{}：交易成功", col(Item::OrderStatus)),
        )),
        Some(OrderState::Closed) | None => match r.goods {
            Some(g) => from_goods(g),
            None if r.status == Some(State::WaitSellerConfirm) => {
                Some((Stage::Signed, format!("{}：买家已退货", col(Item::Status))))
            }
            None => None,
        },
    }
}

/// The text the paste reader reads: the reason beside the buyer's words, so
/// its own rule (the buyer's account of the cause beats the reason) applies.
fn words(r: &Refund) -> Option<String> {
    let desc = r.desc.as_deref().map(str::trim).filter(|d| !d.is_empty())?;
    let mut t = String::new();
    if let Some(reason) = &r.reason {
        t.push_str(&format!("退款原因：{reason}\n"));
    }
    t.push_str(&format!("退款说明：{desc}"));
    Some(t)
}

/// The refund's facts, and the case input they give.
pub fn facts(policy: &Policy, intake: &Intake, r: &Refund, today: NaiveDate) -> (Facts, CaseInput) {
    let col = |i: Item| r.column(i).to_string();
    let mut f = Facts::default();
    let kind = stated_columns(policy, r, &mut f);
    address_facts(policy, r, &mut f);
    let partial = match (r.price, r.refund_amount) {
        (Some(p), Some(a)) => Some(a < p),
        _ => r.partial,
    };
    // The reason alone names the defect through the platform's reason table.
    let by_reason = r
        .reason
        .as_deref()
        .and_then(crate::intake::lexicon::reason_in)
        .and_then(|x| x.defect);
    if let (Some(d), Some(reason)) = (by_reason, &r.reason) {
        f.defect = Some(stated(d, format!("{}：{reason}", col(Item::Reason))));
    }
    // A partial refund with nothing sent back: that part is what the buyer asks.
    let returns = matches!(
        kind.as_ref().map(|k| k.0),
        Some(RefundType::ReturnRefund | RefundType::Exchange)
    );
    if partial == Some(true)
        && !returns
        && let Some(a) = r.refund_amount
    {
        f.ask = Some(stated(
            Money::new(a),
            format!("{}：{a}（部分退款）", col(Item::RefundAmount)),
        ));
    }
    // The buyer's words, read as a paste's are.
    let read = words(r).and_then(|t| {
        let day = r.created.map_or(today, |c| c.date());
        intake.extract_on(&t, day).ok()
    });
    if let Some(read) = read {
        take_read(&mut f, read, by_reason);
    }
    stated_wish(&mut f, kind.as_ref());
    if f.region_group.is_none() {
        crate::engine::group_read_province(policy, &mut f);
    }
    f.list_missing();
    let input = f.to_input();
    (f, input)
}

/// The refund's columns as stated facts (title, price, type, reason, stage, dates,
/// fault, platform, postage, intervention); the refund's type, with its source.
fn stated_columns(policy: &Policy, r: &Refund, f: &mut Facts) -> Option<(RefundType, String)> {
    let col = |i: Item| r.column(i).to_string();
    if let Some(t) = &r.title {
        f.title = Some(stated(t.clone(), format!("{}：{t}", col(Item::Title))));
        f.promo_tags = Some(stated(
            policy.promo_tags_in(t),
            format!("{}：{t}", col(Item::Title)),
        ));
    }
    if let Some(p) = r.price {
        f.price = Some(stated(Money::new(p), format!("{}：{p}", col(Item::Price))));
    }
    let kind = r
        .refund_type
        .as_deref()
        .and_then(RefundType::parse)
        .map(|k| (k, format!("{}：{}", col(Item::RefundType), k.label())))
        .or_else(|| {
            r.needs_return.map(|yes| {
                let k = if yes {
                    RefundType::ReturnRefund
                } else {
                    RefundType::RefundOnly
                };
                let word = if yes { "是" } else { "否" };
                (k, format!("{}：{word}", col(Item::NeedsReturn)))
            })
        });
    if let Some((k, src)) = &kind {
        f.refund_type = Some(stated(*k, src.clone()));
    }
    if let Some(reason) = &r.reason {
        f.refund_reason = Some(stated(
            reason.clone(),
            format!("{}：{reason}", col(Item::Reason)),
        ));
    }
    let stage = stage(r);
    if let Some((s, src)) = &stage {
        f.stage = Some(stated(*s, src.clone()));
    }
    if let Some(e) = r.express {
        f.express_refund = Some(stated(
            e,
            format!("{}：{}", col(Item::Express), if e { "是" } else { "否" }),
        ));
    }
    if let Some(c) = r.created {
        f.requested_at = Some(stated(
            c.format("%Y-%m-%d %H:%M").to_string(),
            format!("{}：{}", col(Item::Created), c.format("%Y-%m-%d %H:%M:%S")),
        ));
    }
    if let Some(p) = r.paid {
        f.paid_at = Some(stated(
            p.format("%Y-%m-%d %H:%M").to_string(),
            format!("{}：{}", col(Item::Paid), p.format("%Y-%m-%d %H:%M:%S")),
        ));
    }
    if let Some(fault) = r.fault.as_deref().and_then(Fault::parse) {
        f.fault = Some(stated(
            fault,
            format!("{}：{}", col(Item::Fault), fault.label()),
        ));
    }
    if let Some(p) = r.platform.as_deref().and_then(Platform::parse) {
        let src = match r.columns.get(Item::Platform.name()) {
            Some(c) => format!("{c}：{}", p.label()),
            None => format!("店铺平台：{}（导入时选的）", p.label()),
        };
        f.platform = Some(stated(p, src));
    }
    if let Some(free) = r.free_shipping {
        f.free_shipping = Some(stated(
            free,
            format!(
                "{}：{}",
                col(Item::ShippingType),
                if free { "卖家包邮" } else { "买家付邮" }
            ),
        ));
    }
    if matches!(r.cs, Some(Cs::Asked | Cs::In)) {
        f.threats.push(stated(
            Threat::Intervention,
            format!(
                "{}：{}",
                col(Item::Cs),
                if r.cs == Some(Cs::In) {
                    "客服已经介入"
                } else {
                    "需要客服介入"
                }
            ),
        ));
    }
    kind
}

/// The buyer's province and region group from the address column, or its candidates.
fn address_facts(policy: &Policy, r: &Refund, f: &mut Facts) {
    let col = |i: Item| r.column(i).to_string();
    if let Some(addr) = &r.address {
        let source = format!("{}：{addr}", col(Item::Address));
        match places().locate(addr) {
            Lookup::Found(m) => {
                let group = policy.group_name(policy.group_of_place(&m)).to_string();
                f.region_group = Some(stated(group, source.clone()));
                f.province = Some(stated(m.province.0.to_string(), source));
            }
            Lookup::Ambiguous {
                source: name,
                provinces,
                ..
            } => f.ambiguous.push(Ambiguity {
                fact: Fact::Region,
                flag: format!(
                    "--region 加上城市或省份，如 --region \"{}{name}\"",
                    provinces.first().map(String::as_str).unwrap_or("")
                ),
                source: name,
                candidates: provinces,
            }),
            Lookup::NotFound => {}
        }
    }
}

/// What the stated type and amount say the buyer wants, unless the words said it.
fn stated_wish(f: &mut Facts, kind: Option<&(RefundType, String)>) {
    if f.wants.is_none() {
        let unshipped = f
            .stage
            .as_ref()
            .is_some_and(|s| s.value == Stage::Unshipped);
        let w = if unshipped {
            kind.map(|(_, src)| (Wants::Refund, src.clone()))
        } else if let Some(a) = &f.ask {
            Some((Wants::Keep, a.source.clone()))
        } else {
            kind.map(|(k, src)| {
                let w = match k {
                    RefundType::RefundOnly => Wants::Refund,
                    RefundType::ReturnRefund => Wants::Return,
                    RefundType::Exchange => Wants::Exchange,
                };
                (w, src.clone())
            })
        };
        if let Some((w, src)) = w {
            f.wants = Some(stated(w, src));
        }
    }
}

/// Takes from what the reader read in the buyer's words every fact no column
/// stated; the defect when the words name another than the reason does.
fn take_read(f: &mut Facts, read: Facts, by_reason: Option<Defect>) {
    macro_rules! fill {
        ($($field:ident),*) => { $( if f.$field.is_none() { f.$field = read.$field; } )* };
    }
    if let Some(d) = read.defect
        && Some(d.value) != by_reason
    {
        // The reader quotes the reason itself when only the reason named it.
        let from_reason = d.source.starts_with("退款原因");
        if !from_reason || f.defect.is_none() {
            f.defect = Some(d);
        }
    }
    fill!(
        fault,
        material,
        ask,
        offered,
        stage,
        free_shipping,
        signed_at,
        completed_at,
        shipping_insurance,
        claim_false,
        refused_twice,
        province
    );
    // The buyer's wish in words beats what the type implies (as in a paste).
    if read.wants.as_ref().is_some_and(|w| w.segment.is_some()) {
        f.wants = read.wants;
    }
    if f.earlier_asks.is_empty() {
        f.earlier_asks = read.earlier_asks;
    }
    for t in read.threats {
        if !f.threats.iter().any(|x| x.value == t.value) {
            f.threats.push(t);
        }
    }
    f.evidence.extend(read.evidence);
    f.ambiguous.extend(
        read.ambiguous
            .into_iter()
            .filter(|a| a.fact != Fact::Region || f.province.is_none()),
    );
}

/// What the advice lacks: the facts missing from the list (and its words)
/// that a rule needed, assumed or asked for, the region when it branches.
pub fn missing(f: &Facts, answer: Option<&Answer>) -> Vec<Fact> {
    let mut out: Vec<Fact> = Vec::new();
    let mut push = |x: Fact| {
        if !out.contains(&x) {
            out.push(x);
        }
    };
    let advice: Option<&Advice> = match answer.map(|a| &a.outcome) {
        Some(Outcome::Advice(a)) => Some(a),
        Some(Outcome::Branches {
            missing: crate::engine::EngineError::Missing { fact, .. },
            options,
        }) => {
            push(*fact);
            options.first().map(|o| &o.advice)
        }
        Some(Outcome::Missing(crate::engine::EngineError::Missing { fact, .. })) => {
            push(*fact);
            None
        }
        None => None,
    };
    // An assumed fact is missing when another value of it would change the
    // advice, unless the list gave it (an assumption about it, such as the
    // 72 hours after payment, is the advice's to explain).
    let given = f.to_input();
    if let Some(a) = advice {
        for x in &a.assumed {
            if a.alternatives.iter().any(|alt| alt.when.fact == x.fact) && !given.has(x.fact) {
                push(x.fact);
            }
        }
        for q in &a.ask_buyer {
            if let Some(fact) = Fact::parse(&q.id) {
                push(fact);
            }
        }
    }
    for m in &f.missing {
        if matches!(m.fact, Fact::Defect) {
            push(m.fact);
        }
    }
    out
}

/// The refund told as a paste: what the journal keeps and the advice view
/// shows, each line as `column：value` in the list's own column names, so the
/// sources of the stated facts are found in it.
pub fn paste(r: &Refund) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = |item: Item, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            lines.push(format!("{}：{v}", r.column(item)));
        }
    };
    let at =
        |t: Option<chrono::NaiveDateTime>| t.map(|t| t.format("%Y-%m-%d %H:%M:%S").to_string());
    line(Item::RefundId, r.refund_id.clone());
    line(Item::OrderNo, r.order_no.clone());
    line(Item::Title, r.title.clone());
    line(Item::Price, r.price.map(|p| p.to_string()));
    line(
        Item::RefundAmount,
        r.refund_amount.map(|a| match r.price {
            Some(p) if a < p => format!("{a}（部分退款）"),
            Some(_) => format!("{a}（全额退款）"),
            None => a.to_string(),
        }),
    );
    if r.columns.contains_key(Item::RefundType.name()) {
        line(
            Item::RefundType,
            r.refund_type
                .as_deref()
                .and_then(RefundType::parse)
                .map(|k| k.label().to_string()),
        );
    }
    line(
        Item::NeedsReturn,
        r.needs_return
            .map(|b| if b { "是" } else { "否" }.to_string()),
    );
    line(Item::Reason, r.reason.clone());
    line(Item::Desc, r.desc.clone());
    line(Item::Created, at(r.created));
    line(Item::Status, r.status.map(|s| s.label().to_string()));
    line(
        Item::Goods,
        r.goods.map(|g| {
            match g {
                Goods::NotReceived => "买家未收到货",
                Goods::Received => "买家已收到货",
                Goods::Returned => "买家已退货",
            }
            .to_string()
        }),
    );
    line(
        Item::Phase,
        r.phase.map(|p| {
            if p == Phase::Aftersale {
                "售后"
            } else {
                "售中"
            }
            .to_string()
        }),
    );
    line(
        Item::Express,
        r.express.map(|e| if e { "是" } else { "否" }.to_string()),
    );
    line(Item::Paid, at(r.paid));
    line(Item::Timeout, at(r.timeout));
    line(Item::Address, r.address.clone());
    lines.join("\n")
}

/// A case error in the agent's words, one line.
pub fn case_error_words(e: &CaseError) -> String {
    match e {
        CaseError::Dates { what, .. } => {
            format!("日期前后矛盾：{}", what.zh)
        }
        other => other.to_string().lines().next().unwrap_or("").to_string(),
    }
}
