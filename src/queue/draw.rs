//! The refund queue drawn: one line per refund as Chinese text, the same as
//! JSON (what `queue --json` prints and the workbench's 退款队列 shows), and
//! as CSV for a spreadsheet.

use serde_json::{Value, json};

use crate::advice::Advice;
use crate::case::Fact;
use crate::policy::{Payer, Resolution};
use crate::queue::{Entry, Queue, Turn};
use crate::session::Outcome;
use crate::session::draw::BranchNames;

/// A short name of a resolution: the label before its explanation.
fn res_short(r: Resolution) -> &'static str {
    let l = r.label();
    l.split(['（', '(', '，']).next().unwrap_or(l).trim()
}

fn payer_short(p: Payer) -> &'static str {
    match p {
        Payer::Shop => "商家",
        Payer::Buyer => "买家",
        Payer::Split => "各半",
        Payer::Courier => "快递",
        Payer::None => "不用寄",
    }
}

/// An offer as ¥3–5, or ¥10 when both ends are one.
fn offer_words(a: &Advice) -> Option<String> {
    a.offer.as_ref().map(|o| {
        if o.open == o.max {
            format!("¥{}", o.open)
        } else {
            format!("¥{}–{}", o.open, o.max)
        }
    })
}

/// The advice in one short phrase: resolution, offer, legs, compensation.
fn advice_words(a: &Advice) -> String {
    let mut s = res_short(a.resolution).to_string();
    if let Some(o) = offer_words(a) {
        s.push_str(&format!(" 先报{o}"));
    }
    if let Some(r) = a.if_refused {
        s.push_str(&format!("，不接受则{}", res_short(r)));
    }
    if a.escalate {
        s.push_str("（上报）");
    }
    let (to_shop, to_buyer) = (a.shipping.to_shop, a.shipping.to_buyer);
    if to_shop != Payer::None || to_buyer != Payer::None {
        s.push_str(&format!(
            " · 寄回{} 寄出{}",
            payer_short(to_shop),
            payer_short(to_buyer)
        ));
    }
    if let Some(c) = &a.compensation {
        s.push_str(&format!(" · 违约金¥{}", c.amount));
    }
    s
}

/// The advice for each value of an open fact (region group, defect kind), in
/// one phrase when they read the same.
fn branch_words(open: Fact, options: &[crate::session::Branch]) -> String {
    // 地区, as a list row says it; the other open facts by their labels.
    let by = match open {
        Fact::Region => "地区",
        _ => open.label(),
    };
    let words: Vec<String> = options.iter().map(|o| advice_words(&o.advice)).collect();
    if words.windows(2).all(|w| w[0] == w[1]) {
        return format!(
            "{}（各{by}相同）",
            words.first().cloned().unwrap_or_default()
        );
    }
    let parts: Vec<String> = options
        .iter()
        .zip(&words)
        .map(|(o, w)| format!("{} {w}", o.label))
        .collect();
    format!("按{by}：{}", parts.join("｜"))
}

/// The advice of an entry in one phrase (or why there is none).
pub fn entry_advice(e: &Entry) -> String {
    match &e.answer {
        Err(why) => format!("无法给建议：{why}"),
        Ok(a) => match &a.outcome {
            Outcome::Advice(adv) => advice_words(adv),
            Outcome::Branches {
                missing: crate::engine::EngineError::Missing { fact, .. },
                options,
            } => branch_words(*fact, options),
            Outcome::Missing(crate::engine::EngineError::Missing { fact, .. }) => {
                format!("缺{}，给不出建议", fact.label())
            }
        },
    }
}

fn money(d: Option<rust_decimal::Decimal>) -> String {
    d.map_or_else(
        || "—".to_string(),
        |d| format!("¥{}", crate::money::Money::new(d)),
    )
}

/// The defect as the advice used it.
fn defect_words(e: &Entry) -> String {
    e.facts
        .defect
        .as_ref()
        .map(|d| d.value.label().to_string())
        .unwrap_or_else(|| e.refund.reason.clone().unwrap_or_else(|| "—".into()))
}

/// Counts: refunds, past the deadline, due within 24 hours.
pub fn counts(q: &Queue) -> (usize, usize, usize) {
    let overdue = q.entries.iter().filter(|e| e.clock.overdue).count();
    let soon = q
        .entries
        .iter()
        .filter(|e| {
            e.clock.turn == Turn::Shop
                && e.clock
                    .minutes_left
                    .is_some_and(|m| (0..24 * 60).contains(&m))
        })
        .count();
    (q.entries.len(), overdue, soon)
}

/// The queue as text, one line per refund, then what was said about the file.
pub fn text(q: &Queue) -> String {
    let (n, overdue, soon) = counts(q);
    let mut out = format!(
        "退款队列（按 {} 计时）：{n} 笔，已超时 {overdue} 笔，24小时内到期 {soon} 笔 · {}\n",
        q.now.format("%Y-%m-%d %H:%M"),
        q.read_as
    );
    for (i, e) in q.entries.iter().enumerate() {
        let c = &e.clock;
        let mark = if c.overdue {
            "⚠"
        } else if c.turn == Turn::Shop && c.minutes_left.is_some_and(|m| m < 24 * 60) {
            "!"
        } else {
            " "
        };
        let due = c.due.map_or_else(
            || "—".to_string(),
            |d| {
                format!(
                    "{}{}",
                    d.format("%m-%d %H:%M"),
                    if c.source == "platform" {
                        "平台"
                    } else {
                        "规则"
                    }
                )
            },
        );
        let ask = match (e.refund.price, e.refund.refund_amount) {
            (Some(p), Some(a)) if a < p => format!("实付{} 退{}", money(Some(p)), money(Some(a))),
            (Some(p), Some(_)) => format!("实付{} 全额", money(Some(p))),
            (p, a) => format!("实付{} 退{}", money(p), money(a)),
        };
        let missing = if e.missing.is_empty() {
            String::new()
        } else {
            format!(
                " · 缺：{}",
                e.missing
                    .iter()
                    .map(|f| f.label())
                    .collect::<Vec<_>>()
                    .join("、")
            )
        };
        let note = c
            .note
            .as_deref()
            .map(|n| format!(" ⚑{n}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{mark}{:>3} {} {} {} │ {} │ {} {ask} │ {}{missing}{note}\n",
            i + 1,
            crate::render::table::pad(&c.left_words(), 14, false),
            crate::render::table::pad(&due, 13, false),
            e.refund.name(),
            c.what,
            defect_words(e),
            entry_advice(e),
        ));
    }
    if !q.notices.is_empty() {
        out.push_str("\n说明 / notes:\n");
        for n in &q.notices {
            out.push_str(&format!("  {}\n", n.line(q.unit)));
        }
    }
    if !q.unknown_columns.is_empty() {
        out.push_str(&format!(
            "\n没认出的列（已忽略；要用的话加到 data/queue/columns.csv）：{}\n",
            q.unknown_columns.join("、")
        ));
    }
    out
}

/// The facts of an entry as a list: each with its label, value, origin
/// (`stated` by a column, `read` from the buyer's words) and source.
fn facts_list(e: &Entry) -> Vec<Value> {
    let Ok(Value::Object(map)) = serde_json::to_value(&e.facts) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, v) in map {
        let items: Vec<Value> = match v {
            Value::Array(a) => a,
            Value::Object(_) => vec![v],
            _ => continue,
        };
        for it in items {
            let Some(source) = it.get("source").and_then(Value::as_str) else {
                continue;
            };
            if name == "ambiguous" || name == "missing" {
                continue;
            }
            let label = crate::case::Fact::parse(&name).map_or_else(
                || {
                    match name.as_str() {
                        "region_group" => "地区分组",
                        "promo_tags" => "促销标签",
                        "earlier_asks" => "买家之前要过",
                        "shipping_insurance" => "运费险",
                        other => other,
                    }
                    .to_string()
                },
                |f| f.label().to_string(),
            );
            out.push(json!({
                "fact": name,
                "label": label,
                "value": it.get("value").cloned().unwrap_or(Value::Null),
                "origin": if it.get("segment").is_some() { "read" } else { "stated" },
                "source": source,
            }));
        }
    }
    out
}

/// A short form of one advice: what the list shows.
fn advice_brief(a: &Advice) -> Value {
    json!({
        "resolution": a.resolution.id(),
        "resolution_label": a.resolution.label(),
        "offer": a.offer,
        "if_refused": a.if_refused.map(|r| r.id()),
        "escalate": a.escalate,
        "shipping": a.shipping,
        "compensation": a.compensation.as_ref().map(|c| c.amount),
        "rule": a.rule,
        "playbook": a.playbook,
    })
}

/// One entry as JSON: in full (`queue --json`), or lean, as the workbench's
/// list needs it (without the facts and the per-region advice, which the
/// advice view gets when a refund is opened; column names only where the list
/// names a column otherwise than the seller centre does).
pub fn entry_value(rank: usize, e: &Entry, lean: bool) -> Value {
    let (advice, branches, error) = match &e.answer {
        Err(why) => (Value::Null, None, json!(why)),
        Ok(a) => match &a.outcome {
            Outcome::Advice(adv) => (advice_brief(adv), None, Value::Null),
            Outcome::Branches {
                missing: crate::engine::EngineError::Missing { fact, .. },
                options,
            } => {
                let names = BranchNames::of(*fact);
                let list = options
                    .iter()
                    .map(|o| {
                        let mut v = advice_brief(&o.advice);
                        v[names.label] = json!(o.label);
                        v
                    })
                    .collect();
                (
                    Value::Null,
                    Some((names.list, Value::Array(list))),
                    Value::Null,
                )
            }
            Outcome::Missing(crate::engine::EngineError::Missing { fact, .. }) => (
                Value::Null,
                None,
                json!(format!("缺{}，给不出建议", fact.label())),
            ),
        },
    };
    let r = &e.refund;
    let mut v = json!({
        "rank": rank,
        "row": r.row,
        "refund_id": r.refund_id,
        "order_no": r.order_no,
        "title": r.title,
        "price": r.price.map(crate::money::Money::new),
        "refund_amount": r.refund_amount.map(crate::money::Money::new),
        "full_refund": match (r.price, r.refund_amount) { (Some(p), Some(a)) => Some(a >= p), _ => None },
        "reason": r.reason,
        "defect": e.facts.defect.as_ref().map(|d| d.value.id()),
        "defect_label": e.facts.defect.as_ref().map(|d| d.value.label()),
        "status": r.status,
        "status_label": r.status.map(|s| s.label()),
        "left": e.clock.left_words(),
        "clock": e.clock,
        "summary": entry_advice(e),
        "advice": advice,
        "by_region": Value::Null,
        "error": error,
        "facts": facts_list(e),
        "missing": e.missing.iter().map(|f| json!({"key": f.key(), "label": f.label()})).collect::<Vec<_>>(),
        "record": if lean { lean_record(r) } else { serde_json::to_value(r).unwrap_or(Value::Null) },
        "paste": e.paste,
    });
    if let (Some((list, branches)), Some(o)) = (branches, v.as_object_mut()) {
        o.insert(list.into(), branches);
    }
    if lean && let Some(o) = v.as_object_mut() {
        o.remove("facts");
        for names in [Fact::Region, Fact::Defect].map(BranchNames::of) {
            o.remove(names.list);
        }
    }
    v
}

/// A refund as the page sends it back: its columns only where they differ
/// from the seller centre's names (which stand in when one is absent).
fn lean_record(r: &crate::queue::Refund) -> Value {
    let mut r = r.clone();
    r.columns
        .retain(|item, header| crate::queue::Item::parse(item).is_none_or(|i| i.label() != header));
    serde_json::to_value(&r).unwrap_or(Value::Null)
}

/// The whole queue as JSON (`queue --json`).
pub fn value(q: &Queue) -> Value {
    value_with(q, false)
}

/// The whole queue as the workbench's list needs it: see [`entry_value`].
pub fn page_value(q: &Queue) -> Value {
    value_with(q, true)
}

fn value_with(q: &Queue, lean: bool) -> Value {
    let (n, overdue, soon) = counts(q);
    json!({
        "now": q.now.format("%Y-%m-%d %H:%M:%S").to_string(),
        "read_as": q.read_as,
        "count": n,
        "overdue": overdue,
        "within_24h": soon,
        "refunds": q.entries.iter().enumerate().map(|(i, e)| entry_value(i + 1, e, lean)).collect::<Vec<_>>(),
        "notices": q.notices.iter().map(|n| {
            let mut v = serde_json::to_value(n).unwrap_or(Value::Null);
            v["text"] = json!(n.line(q.unit));
            v
        }).collect::<Vec<_>>(),
        "unknown_columns": q.unknown_columns,
        "unit": q.unit,
    })
}

/// The whole queue as JSON, written as it goes: the same document as
/// [`value`], with one refund a line, so a list of thousands never sits in
/// memory twice.
pub fn write_json(q: &Queue, mut w: impl std::io::Write) -> std::io::Result<()> {
    let mut head = value_with(
        &Queue {
            entries: Vec::new(),
            ..q.clone_head()
        },
        false,
    );
    let (n, overdue, soon) = counts(q);
    head["count"] = json!(n);
    head["overdue"] = json!(overdue);
    head["within_24h"] = json!(soon);
    let Value::Object(mut head) = head else {
        return Ok(());
    };
    head.remove("refunds");
    let rest = serde_json::to_string(&Value::Object(head)).map_err(std::io::Error::other)?;
    // `{…fields…, "refunds": [` then a refund a line, then `]}`.
    w.write_all(rest.trim_end_matches('}').as_bytes())?;
    w.write_all(if rest.len() > 2 {
        b",\n\"refunds\": ["
    } else {
        b"\"refunds\": ["
    })?;
    for (i, e) in q.entries.iter().enumerate() {
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut w, &entry_value(i + 1, e, false))
            .map_err(std::io::Error::from)?;
    }
    w.write_all(b"\n]}\n")?;
    w.flush()
}

/// A CSV cell a spreadsheet will not run as a formula.
fn inert(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The queue as CSV (UTF-8 with a BOM, so Excel and WPS read the Chinese).
pub fn csv(q: &Queue, out: impl std::io::Write) -> Result<(), csv::Error> {
    let mut out = out;
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "序号",
        "剩余时间",
        "截止时间",
        "时限来源",
        "要做的事",
        "退款编号",
        "订单编号",
        "宝贝标题",
        "实付",
        "退款金额",
        "退款原因",
        "问题类型",
        "处理方式",
        "先报",
        "最多",
        "买家不接受",
        "寄回运费",
        "寄出运费",
        "违约金",
        "缺的信息",
        "说明",
        "文件行号",
    ])?;
    for (i, e) in q.entries.iter().enumerate() {
        let c = &e.clock;
        let adv = e.answer.as_ref().ok().and_then(|a| match &a.outcome {
            Outcome::Advice(a) => Some(a.as_ref()),
            _ => None,
        });
        let cell = |s: Option<String>| s.unwrap_or_default();
        let rec: Vec<String> = vec![
            (i + 1).to_string(),
            c.left_words(),
            cell(c.due.map(|d| d.format("%Y-%m-%d %H:%M").to_string())),
            match c.source {
                "platform" => "平台超时时间".into(),
                "rule" => "规则".into(),
                _ => String::new(),
            },
            c.what.clone(),
            cell(e.refund.refund_id.clone()),
            cell(e.refund.order_no.clone()),
            cell(e.refund.title.clone()),
            cell(
                e.refund
                    .price
                    .map(|p| crate::money::Money::new(p).to_string()),
            ),
            cell(
                e.refund
                    .refund_amount
                    .map(|p| crate::money::Money::new(p).to_string()),
            ),
            cell(e.refund.reason.clone()),
            defect_words(e),
            entry_advice(e),
            cell(adv.and_then(|a| a.offer.as_ref().map(|o| o.open.to_string()))),
            cell(adv.and_then(|a| a.offer.as_ref().map(|o| o.max.to_string()))),
            cell(adv.and_then(|a| a.if_refused.map(|r| res_short(r).to_string()))),
            cell(adv.map(|a| payer_short(a.shipping.to_shop).to_string())),
            cell(adv.map(|a| payer_short(a.shipping.to_buyer).to_string())),
            cell(adv.and_then(|a| a.compensation.as_ref().map(|c| c.amount.to_string()))),
            e.missing
                .iter()
                .map(|f| f.label())
                .collect::<Vec<_>>()
                .join("、"),
            cell(c.note.clone()),
            e.refund.row.to_string(),
        ];
        w.write_record(rec.into_iter().map(inert))?;
    }
    w.flush()?;
    Ok(())
}
