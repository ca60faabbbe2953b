//! Advice, facts and explanations as Chinese text, in the order an agent reads them.

use std::fmt::Write;

use crate::advice::Advice;
use crate::engine::RuleExplain;
use crate::intake::Facts;
use crate::intake::segment::Speaker;
use crate::policy::FALLBACK;

/// The advice as Chinese text, in the order an agent reads it.
pub fn advice(a: &Advice) -> String {
    let mut o = String::new();
    // Writing to a String never fails; the results are ignored on purpose.
    decision(&mut o, a);
    compensation(&mut o, a);
    deadlines_risks_notes(&mut o, a);
    assumptions(&mut o, a);
    closing(&mut o, a);
    o
}

/// What to do, the next step if refused, whom to escalate to, and who pays the shipping.
fn decision(o: &mut String, a: &Advice) {
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
        let payers = a
            .if_refused_shipping
            .map(|s| {
                format!(
                    "（运费：退回{}，寄出{}）",
                    s.to_shop.label(),
                    s.to_buyer.label()
                )
            })
            .unwrap_or_default();
        let _ = writeln!(o, "  买家不接受：{}{payers}", next.label());
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
}

/// The compensation the platform rules make the shop owe.
fn compensation(o: &mut String, a: &Advice) {
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
}

/// The time limits running, the platform risks and the notes.
fn deadlines_risks_notes(o: &mut String, a: &Advice) {
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
    if !a.notes.is_empty() {
        let _ = writeln!(o, "【注意】");
        for n in &a.notes {
            let _ = writeln!(o, "  - {n}");
        }
    }
}

/// The facts assumed, and what another value would change.
fn assumptions(o: &mut String, a: &Advice) {
    if !a.assumed.is_empty() {
        let _ = writeln!(o, "【假设】案例没有给出，按以下取值：");
        for i in &a.assumed {
            let _ = writeln!(o, "  - {}：{}（{}）", i.fact.label(), i.value, i.why);
        }
        for alt in &a.alternatives {
            let offer = alt
                .offer
                .as_ref()
                .map(|x| format!("，开价¥{} 上限¥{}", x.open, x.max))
                .unwrap_or_default();
            let comp = alt
                .compensation
                .map(|c| format!("，赔付¥{c}"))
                .unwrap_or_default();
            let _ = writeln!(
                o,
                "  ⇢ 如果{}是“{}”：{}{offer}{comp}；运费 退回{}、寄出{}（规则 {}）",
                alt.when.fact.label(),
                alt.when.value,
                alt.resolution.label(),
                alt.shipping.to_shop.label(),
                alt.shipping.to_buyer.label(),
                alt.rule
            );
        }
    }
}

/// The questions for the buyer, the tip, the grounds, the reply and the policy.
fn closing(o: &mut String, a: &Advice) {
    if !a.ask_buyer.is_empty() {
        let _ = writeln!(o, "【问买家】（已写进回复）");
        for q in &a.ask_buyer {
            let _ = writeln!(o, "  - {}", q.question);
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
}

/// Every rule the engine considered, in order, each condition with ✔ (held),
/// ✘ (did not) or ？ (the fact is missing), and which rule decided.
pub fn explain(steps: &[RuleExplain]) -> String {
    let mut o = String::from("【规则检查顺序 / rules considered】\n");
    for step in steps {
        let verdict = if step.decided {
            "✔ 采用 / decides"
        } else if step.checks.iter().any(|c| c.held.is_none())
            && !step.checks.iter().any(|c| c.held == Some(false))
        {
            "？ 缺信息 / needs a fact"
        } else {
            "✘ 跳过 / skipped"
        };
        let ids = if step.playbook.is_empty() {
            String::new()
        } else {
            format!(" [{}]", step.playbook.join(", "))
        };
        let _ = writeln!(o, "  {verdict}  {}{ids}", step.rule);
        if step.checks.is_empty() && step.decided && &*step.rule == FALLBACK {
            let _ = writeln!(o, "      没有规则适用，按兜底处理 / no rule applies");
        }
        for c in &step.checks {
            let mark = match c.held {
                Some(true) => "✔",
                Some(false) => "✘",
                None => "？",
            };
            let _ = writeln!(o, "      {mark} {}", c.detail);
        }
    }
    o
}

/// The 识别结果 block: each fact found, its value and the quoted text; then what
/// is missing or ambiguous and how to give it.
pub fn facts(f: &Facts) -> String {
    let mut o = String::from("【识别结果】\n");
    for l in f.lines() {
        // A guessed speaker is said beside the value: the agent checks who said it.
        let who = match l.guessed {
            Some(Speaker::Buyer) => "（推测是买家说的）",
            Some(Speaker::Shop) => "（推测是客服说的）",
            None => "",
        };
        let _ = writeln!(o, "  {}：{}{who}  ← “{}”", l.label, l.value, l.source);
    }
    for a in &f.ambiguous {
        let _ = writeln!(
            o,
            "  ？{}不确定：“{}”可能是 {} —— {}",
            a.fact.label(),
            a.source,
            a.candidates
                .iter()
                .map(|c| a.fact.value_label(c))
                .collect::<Vec<_>>()
                .join("、"),
            a.flag
        );
    }
    for m in &f.missing {
        let _ = writeln!(
            o,
            "  ✗ 未识别{}：加 --{} {}，或在粘贴里{}",
            m.fact.label(),
            m.fact.key().replace('_', "-"),
            m.fact.example(),
            m.fact.phrase()
        );
    }
    o
}
