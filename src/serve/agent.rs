//! The advice in the agent's words: the page has buttons, not flags, so every
//! note, assumption and alert it shows names the page's own controls, never a
//! command-line flag, a rule id or a setting path. The journal keeps the
//! advice as made (the manager page and `replay` read ids); only what the
//! agent's page receives is rewritten here.

use regex::{Captures, Regex};
use serde_json::Value;
use std::sync::LazyLock;

use crate::bilingual::Bilingual;
use crate::case::{CaseError, Fact};
use crate::intake::{IntakeError, MAX_PASTE};
use crate::policy::Policy;
use crate::policy::model::Piece;
use crate::session::draw::BranchNames;

/// Where the page lets an agent change a fact.
const FACTS_PANEL: &str = "「识别结果」";

/// A text for the agent: flags become the fact's name on the page, setting
/// paths and English asides are dropped.
pub(super) fn words(text: &str) -> String {
    // `不对请加 --fault shop/buyer/logistics`, `请核对 --completed`, `加 --material … 可附上`.
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static FLAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?P<lead>不对请加|请加|请补上|请核对|可加|加|或)?\s*--(?P<flag>[a-z][a-z-]*)(?:=[A-Za-z0-9_]+|\s+[A-Za-z0-9_.\-]+(?:/[A-Za-z0-9_.\-]+)*)?\s*",
        )
        .expect("a valid pattern")
    });
    // `（策略 settings.quality_return_shipping）`, `（策略 compensation 的 floor）`.
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static SETTING: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"[（(]\s*策略\s*[A-Za-z_][A-Za-z0-9_.]*[^）)]*[）)]").expect("a valid pattern")
    });
    // `(no rule applies)`: an English aside after the Chinese.
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static ENGLISH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s*[（(][A-Za-z][A-Za-z0-9 ,.'/_\-]*[）)]").expect("a valid pattern")
    });
    // A bare setting path or id left in running text (`settings.escalate_to`, `rule_id`).
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static IDENT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"`?\b[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\b`?").expect("a valid pattern")
    });
    let out = FLAG.replace_all(text, |c: &Captures| {
        let name = c["flag"].replace('-', "_");
        let label = Fact::parse(&name).map_or("这一项", |f| f.label());
        match c.name("lead").map(|m| m.as_str()) {
            Some("不对请加") => format!("不对请在{FACTS_PANEL}里改「{label}」"),
            Some("请核对") => format!("请在{FACTS_PANEL}里核对「{label}」"),
            Some("请加" | "请补上") => format!("请在{FACTS_PANEL}里补上「{label}」"),
            Some("加" | "可加") => format!("在{FACTS_PANEL}里补上「{label}」"),
            Some("或") => format!("或在{FACTS_PANEL}里选「{label}」"),
            _ => format!("「{label}」"),
        }
    });
    let out = SETTING.replace_all(&out, "");
    let out = ENGLISH.replace_all(&out, "");
    IDENT.replace_all(&out, "").into_owned()
}

/// Rewrites an answer (`/api/advise`, `/api/cases/{id}`) for the agent's page.
pub(super) fn rewrite(value: &mut Value, policy: &Policy) {
    advice(value, policy);
    for list in [Fact::Region, Fact::Defect].map(|f| BranchNames::of(f).list) {
        if let Some(options) = value.get_mut(list).and_then(Value::as_array_mut) {
            for o in options {
                if let Some(a) = o.get_mut("advice") {
                    advice(a, policy);
                }
            }
        }
    }
    if let Some(m) = value.get_mut("missing").and_then(Value::as_object_mut) {
        m.remove("flag");
        m.remove("rule");
    }
    if let Some(list) = value
        .pointer_mut("/facts/missing")
        .and_then(Value::as_array_mut)
    {
        for m in list {
            if let Some(o) = m.as_object_mut() {
                o.remove("flag");
                if let Some(Value::String(p)) = o.get_mut("phrase") {
                    *p = words(p);
                }
            }
        }
    }
    // The page says which facts the agent set by their own badges.
    if let Some(o) = value.as_object_mut() {
        o.remove("overrides");
    }
}

/// One advice: alerts as their words (the note they add, taken out of the
/// notes, or the deadline they watch), notes and assumptions in page words.
fn advice(a: &mut Value, policy: &Policy) {
    let Some(obj) = a.as_object_mut() else {
        return;
    };
    // A list of strings in the advice, by key (empty when absent).
    let strings = |key: &str| -> Vec<String> {
        obj.get(key)
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let ids = strings("alerts");
    let mut notes = strings("notes");
    let mut banners = Vec::new();
    for id in &ids {
        let Some(alert) = policy.alerts.iter().find(|x| &*x.id == id.as_str()) else {
            continue;
        };
        let note = alert.note.as_ref().map(|pieces| {
            pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.as_str(),
                    Piece::Slot(_) => "",
                })
                .collect::<String>()
        });
        match note.filter(|n| !n.is_empty()) {
            Some(n) => {
                // Shown as the banner: not again among the notes.
                if let Some(i) = notes.iter().position(|x| *x == n) {
                    notes.remove(i);
                }
                banners.push(words(&n));
            }
            None => {
                let watched: Vec<&str> = alert.deadlines.iter().map(|(_, d)| &*d.label).collect();
                if !watched.is_empty() {
                    banners.push(format!(
                        "注意时限：{}（见下方「时限」）",
                        watched.join("、")
                    ));
                }
            }
        }
    }
    obj.insert(
        "notes".into(),
        Value::from(notes.iter().map(|n| words(n)).collect::<Vec<_>>()),
    );
    obj.insert("alerts".into(), Value::from(banners));
    if let Some(list) = obj.get_mut("assumed").and_then(Value::as_array_mut) {
        for x in list {
            if let Some(Value::String(why)) = x.get_mut("why") {
                *why = words(why);
            }
        }
    }
    if let Some(Value::String(tip)) = obj.get_mut("tip") {
        *tip = words(tip);
    }
    if let Some(Value::String(why)) = obj.get_mut("why") {
        *why = words(why);
    }
    if let Some(list) = obj.get_mut("risks").and_then(Value::as_array_mut) {
        for x in list {
            if let Some(Value::String(t)) = x.get_mut("text") {
                *t = words(t);
            }
        }
    }
    if let Some(list) = obj.get_mut("alternatives").and_then(Value::as_array_mut) {
        for x in list {
            if let Some(o) = x.as_object_mut() {
                o.remove("rule");
            }
        }
    }
    obj.remove("rule");
}

/// A fact the agent set that cannot be read, in the page's words.
pub(super) fn case_error(e: &CaseError) -> String {
    let value = match e {
        CaseError::Unknown { value, .. }
        | CaseError::Ambiguous { value, .. }
        | CaseError::Amount { value, .. }
        | CaseError::Date { value, .. } => Some(value.as_str()),
        _ => None,
    };
    match (e, value) {
        (CaseError::Ambiguous { provinces, .. }, Some(v)) => format!(
            "「{v}」在好几个省都有（{}），请在{FACTS_PANEL}里选收货地区",
            provinces.join("、")
        ),
        (CaseError::Amount { .. }, Some(v)) => {
            format!("金额「{v}」不对：请写元，如 89 或 12.50")
        }
        (CaseError::Date { .. }, Some(v)) => format!("日期「{v}」不对：请写成 2026-11-18"),
        (_, Some(v)) => format!("「{v}」不是可选的值，请在{FACTS_PANEL}里点选"),
        (CaseError::Dates { .. }, None) => {
            format!("日期前后矛盾，请在{FACTS_PANEL}里核对签收、成交和申请日期")
        }
        _ => format!("有一项信息写得不对，请在{FACTS_PANEL}里重新选择"),
    }
}

/// A paste that cannot be read, in the page's words: what to paste instead,
/// with no flag and no English in the Chinese.
pub(super) fn intake_error(e: &IntakeError) -> Bilingual {
    match e {
        IntakeError::NothingFound => Bilingual::new(
            format!(
                "粘贴里没有找到案例信息（地址、商品、金额、订单状态或问题）：请粘贴订单信息和买家的话，或在{FACTS_PANEL}下的「补充其他信息」里直接选"
            ),
            "no case facts found in the paste",
        ),
        IntakeError::Empty => Bilingual::new(
            "粘贴内容是空的：请粘贴订单信息、收货地址和买家的聊天",
            "the paste is empty",
        ),
        IntakeError::Binary(why) => Bilingual::new(
            "粘贴的不是文字：请从千牛或工作台复制文字，不要粘贴文件或图片",
            format!("the paste is not text ({why})"),
        ),
        IntakeError::TooLarge(bytes) => Bilingual::new(
            format!("粘贴内容有 {bytes} 字节，最多读 {MAX_PASTE} 字节：一次粘贴一个案例"),
            format!("the paste is {bytes} bytes; at most {MAX_PASTE} bytes are read"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_setting_paths_become_the_pages_words() {
        assert_eq!(
            words("按问题类型推断；不对请加 --fault shop/buyer/logistics"),
            "按问题类型推断；不对请在「识别结果」里改「责任方」"
        );
        assert_eq!(
            words("本店策略：退回运费由商家承担（策略 settings.quality_return_shipping）。"),
            "本店策略：退回运费由商家承担。"
        );
        assert_eq!(words("没有规则适用 (no rule applies)"), "没有规则适用");
        for t in [
            "未给材质，回复里没有附清洁建议；加 --material suede/pu/fabric/slipper/canvas 可附上。",
            "交易成功但没有成交日期，按15天售后期内处理；请核对 --completed",
            "没有实付金额，按不是低价商品处理；请补上 --price",
            "没说是否包邮，按包邮处理；请核对商品页，不包邮请加 --free-shipping=false",
        ] {
            let w = words(t);
            assert!(!w.contains("--") && !w.is_ascii(), "{w}");
            assert!(w.contains("「识别结果」"), "{w}");
        }
    }
}
