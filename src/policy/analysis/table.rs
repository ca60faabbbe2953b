//! The rule-table analysis drawn, as `check` and the manager page show it.

use std::fmt::Write;

use super::Analysis;

/// The table summary in Chinese and English: combinations tried, how many
/// cases each rule decides, what only the fallback answers, ungrouped provinces.
pub fn text(a: &Analysis) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "【规则表分析 / rule table】{} combinations tried",
        a.cells
    );
    let reached = a.reach.iter().filter(|(_, n)| *n > 0).count();
    let _ = writeln!(
        o,
        "  可达规则 / reachable rules: {reached} of {}",
        a.reach.len()
    );
    if a.gaps.is_empty() {
        let _ = writeln!(o, "  每种组合都有规则处理 / every combination has a rule");
    } else {
        let _ = writeln!(
            o,
            "  只由兜底处理的组合 / combinations only the fallback answers:"
        );
        for g in &a.gaps {
            let promo = match g.promo.as_slice() {
                [false] => "正价款",
                [true] => "活动款",
                _ => "活动款或正价款",
            };
            let stages: Vec<&str> = g.stages.iter().map(|s| s.label()).collect();
            let _ = writeln!(
                o,
                "    - {} ({}) · 责任方 {} · {} · {} · 订单状态 {}",
                g.defect.label(),
                g.defect.id(),
                g.fault.label(),
                g.regions.join("/"),
                promo,
                stages.join("/")
            );
        }
    }
    if !a.ungrouped.is_empty() {
        let _ = writeln!(
            o,
            "  不在任何地区组、按“其他地区”处理的省份 / provinces in no group: {}",
            a.ungrouped.join(" ")
        );
    }
    o
}
