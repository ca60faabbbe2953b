//! Render: advice as Chinese text for the agent, or as JSON for tools.

use std::fmt::Write;

use crate::advice::Advice;

/// The advice as JSON (the stable `--json` form).
pub fn json(advice: &Advice) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    serde_json::to_string_pretty(advice).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The advice as Chinese text, in the order an agent reads it.
pub fn text(a: &Advice) -> String {
    let mut o = String::new();
    // Writing to a String never fails; the results are ignored on purpose.
    let _ = writeln!(o, "【处理建议】{}", a.resolution.label());
    if let Some(offer) = &a.offer {
        let _ = writeln!(
            o,
            "  开价 ¥{}，上限 ¥{}（{}）",
            offer.open,
            offer.max,
            offer.kind.label()
        );
    }
    if let Some(next) = a.if_refused {
        let _ = writeln!(o, "  买家不接受：{}", next.label());
    }
    if a.escalate {
        let _ = writeln!(
            o,
            "  需要上报：{}",
            a.escalate_to.as_deref().unwrap_or("主管")
        );
    } else if let Some(who) = &a.escalate_to {
        let _ = writeln!(o, "  如需上报：{who}");
    }
    let _ = writeln!(
        o,
        "【运费】退回商家：{}；寄给买家：{}",
        a.shipping.to_shop.label(),
        a.shipping.to_buyer.label()
    );
    if let Some(c) = &a.compensation {
        let mut bounds = Vec::new();
        if let Some(f) = c.floor {
            bounds.push(format!("最低¥{f}"));
        }
        if let Some(cap) = c.cap {
            bounds.push(format!("最高¥{cap}"));
        }
        let _ = writeln!(
            o,
            "【应付赔付】¥{}（{}：实付¥{} × {}%{}，以{}支付{}）",
            c.amount,
            c.label,
            c.basis,
            c.percent,
            if bounds.is_empty() {
                String::new()
            } else {
                format!("，{}", bounds.join("，"))
            },
            c.paid_as.label(),
            c.penalty_points
                .map(|p| format!("；另扣{p}分"))
                .unwrap_or_default()
        );
    }
    if !a.deadlines.is_empty() {
        let _ = writeln!(o, "【时效】");
        for d in &a.deadlines {
            let due = d
                .due
                .as_ref()
                .map(|x| format!("，截止 {x}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  - {}：{}（自{}起{}）[{}]",
                d.label, d.limit, d.from, due, d.playbook
            );
        }
    }
    if !a.risks.is_empty() {
        let _ = writeln!(o, "【平台风险】");
        for r in &a.risks {
            let _ = writeln!(o, "  - {} [{}]", r.text, r.playbook);
        }
    }
    if !a.notes.is_empty() || !a.inferred.is_empty() {
        let _ = writeln!(o, "【注意】");
        for n in &a.notes {
            let _ = writeln!(o, "  - {n}");
        }
        for i in &a.inferred {
            let _ = writeln!(o, "  - {}取“{}”：{}", fact_name(i.fact), i.value, i.how);
        }
    }
    if let Some(t) = &a.tip {
        let _ = writeln!(o, "【清洁建议】{t}");
    }
    let ids = if a.playbook.is_empty() {
        "—".to_string()
    } else {
        a.playbook.join(", ")
    };
    let _ = writeln!(o, "【依据】{ids}（规则 {}）：{}", a.rule, a.why);
    let _ = writeln!(o, "【回复买家】\n{}", a.reply);
    let _ = write!(o, "（策略：{} #{}）", a.policy.name, a.policy.hash);
    o
}

fn fact_name(fact: &str) -> &'static str {
    match fact {
        "fault" => "责任方",
        "stage" => "订单状态",
        "wants" => "买家诉求",
        _ => "事实",
    }
}

/// The trace: every rule considered, in order, and why it did or did not apply.
pub fn trace(a: &Advice) -> String {
    let mut o = String::from("【规则检查顺序】\n");
    for step in &a.trace {
        let mark = if step.matched {
            "✔ 采用"
        } else {
            "✘ 跳过"
        };
        let _ = writeln!(o, "  {mark} {}：{}", step.rule, step.why);
    }
    o
}
