//! Checks a raw policy and compiles it: every reference resolved, every amount
//! in range, every rule reachable, every defect kind handled.

use rust_decimal::Decimal;
use std::collections::HashMap;
use std::sync::Arc;

use super::raw::{RawOffer, RawOutcome, RawPolicy, RawWhen, Window};
use super::*;
use crate::advice::{Payer, PolicyRef, Resolution, Shipping};
use crate::case::{Defect, Fault, Material, Platform, Stage, Wants};
use crate::place::{places, province_table};
use crate::snippet::Located;

/// The longest tag word or keyword, in characters.
const MAX_WORD: usize = 32;
/// The most keywords all lists together may hold.
const MAX_KEYWORDS: usize = 10_000;

/// Placeholders a reply template may use.
const PLACEHOLDERS: [&str; 6] = ["open", "max", "ask", "price", "compensation", "escalate_to"];

/// Collects findings while the policy is compiled.
struct Checker<'a> {
    text: &'a str,
    file: &'a str,
    found: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn pos<T>(&self, v: &Located<T>) -> Option<Pos> {
        v.at.as_ref().map(|p| Pos {
            file: self.file.to_string(),
            ..p.clone()
        })
    }

    fn push<T>(
        &mut self,
        severity: Severity,
        at: Option<&Located<T>>,
        message: impl Into<String>,
        help: impl Into<String>,
        zh: impl Into<String>,
    ) {
        let pos = at.and_then(|v| self.pos(v));
        self.found
            .push(diag(severity, self.text, pos.as_ref(), message, help, zh));
    }

    fn error<T>(
        &mut self,
        at: Option<&Located<T>>,
        message: impl Into<String>,
        help: impl Into<String>,
        zh: impl Into<String>,
    ) {
        self.push(Severity::Error, at, message, help, zh);
    }

    fn warn<T>(
        &mut self,
        at: Option<&Located<T>>,
        message: impl Into<String>,
        help: impl Into<String>,
        zh: impl Into<String>,
    ) {
        self.push(Severity::Warning, at, message, help, zh);
    }

    /// A non-negative amount of yuan with at most two decimals.
    fn yuan(&mut self, v: &Located<Decimal>, what: &str) -> Decimal {
        if v.value.is_sign_negative() && !v.value.is_zero() {
            self.error(
                Some(v),
                format!("{what} `{}` is negative", v.value),
                "amounts are yuan and cannot be below 0",
                "金额以元为单位,不能小于 0",
            );
        } else if v.value.scale() > 2 {
            self.error(
                Some(v),
                format!("{what} `{}` has more than two decimals", v.value),
                "amounts are in yuan to the fen, e.g. 12.50",
                "金额精确到分,最多两位小数,如 12.50",
            );
        }
        v.value
    }

    /// A percentage from 0 to 100.
    fn percent(&mut self, v: &Located<Decimal>, what: &str) -> Decimal {
        if v.value.is_sign_negative() && !v.value.is_zero() || v.value > Decimal::ONE_HUNDRED {
            self.error(
                Some(v),
                format!("{what} `{}` is not a percentage from 0 to 100", v.value),
                "write the percentage as a number from 0 to 100, e.g. 30 for 30%",
                "百分比写 0 到 100 的数字,如 30 表示 30%",
            );
        }
        v.value
    }
}

/// Bit set of the values' indexes.
fn bits<T: Copy>(values: &[T], index: impl Fn(T) -> usize) -> Set {
    values.iter().fold(0, |acc, v| acc | 1 << index(*v))
}

/// Compiles a raw policy, or returns every error found.
pub(super) fn compile(
    raw: RawPolicy,
    text: &str,
    file: &str,
    hash: String,
) -> Result<Policy, PolicyError> {
    let mut c = Checker {
        text,
        file,
        found: Vec::new(),
    };

    // Region groups: known provinces, each in at most one group.
    let mut groups = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (name, provinces) in &raw.regions {
        let index = groups.len();
        let mut canon = Vec::new();
        if provinces.is_empty() {
            c.warn::<()>(
                None,
                format!("region group `{name}` lists no provinces"),
                "add provinces or remove the group",
                "给这个地区组加上省份,或删掉这个组",
            );
        }
        for p in provinces {
            let Some(found) = province_table().province(&p.value) else {
                let near = places().suggest_province(&p.value);
                c.error(
                    Some(p),
                    format!("unknown province `{}` in region group `{name}`", p.value),
                    if near.is_empty() {
                        "use a province name such as 新疆, 内蒙古, 浙江 (or 香港, 澳门, 台湾, 海外)"
                            .to_string()
                    } else {
                        format!("did you mean {}?", near.join(", "))
                    },
                    if near.is_empty() {
                        "写省份名称,如 新疆、内蒙古、浙江(或 香港、澳门、台湾、海外)".to_string()
                    } else {
                        format!("是不是要写 {}?", near.join("、"))
                    },
                );
                continue;
            };
            if let Some(other) = group_of.get(&*found.0) {
                let other_name = &groups
                    .get(*other)
                    .map(|g: &RegionGroup| g.name.clone())
                    .unwrap_or_else(|| name.clone());
                c.error(
                    Some(p),
                    format!(
                        "province `{}` is in two region groups: `{other_name}` and `{name}`",
                        found.0
                    ),
                    "a province may belong to one group only; remove it from one of them",
                    "一个省只能属于一个地区组,从其中一个组里删掉它",
                );
                continue;
            }
            group_of.insert(found.0.to_string(), index);
            canon.push(found.0.to_string());
        }
        groups.push(RegionGroup {
            name: name.clone(),
            provinces: canon,
        });
    }
    if groups.len() >= 63 {
        c.error::<()>(
            None,
            "more than 62 region groups",
            "merge some region groups",
            "合并一些地区组",
        );
    }

    let mut promotion_tags = Vec::new();
    for t in &raw.promotion_tags {
        if t.value.trim().is_empty() {
            c.error(
                Some(t),
                "empty promotion tag",
                "remove the empty entry",
                "删掉这个空的活动词",
            );
        } else if promotion_tags.contains(&t.value) {
            c.warn(
                Some(t),
                format!("promotion tag `{}` is listed twice", t.value),
                "remove the second one",
                "删掉重复的那一个",
            );
        } else {
            promotion_tags.push(t.value.clone());
        }
    }

    // Bounds that keep the tag and keyword automata small enough to always build.
    if promotion_tags.iter().any(|t| t.chars().count() > MAX_WORD) {
        c.error::<()>(
            None,
            format!("a promotion tag is longer than {MAX_WORD} characters"),
            "tag words are short words from titles, such as 特价",
            "活动词是标题里的短词,如“特价”",
        );
    }
    let keywords = raw
        .defects
        .value
        .values()
        .flat_map(|d| &d.keywords)
        .chain(raw.materials.value.values().flat_map(|m| &m.keywords))
        .chain(raw.faults.values().flatten());
    let (mut count, mut long) = (0usize, false);
    for k in keywords {
        count += 1;
        long |= k.chars().count() > MAX_WORD;
    }
    if count > MAX_KEYWORDS || long {
        c.error::<()>(
            None,
            format!("keyword lists hold {count} words{}; at most {MAX_KEYWORDS} words of at most {MAX_WORD} characters", if long { ", some too long" } else { "" }),
            "keep keywords to the short phrases buyers write, such as 开胶 or 掉色",
            "关键词写买家常说的短词,如“开胶”“掉色”",
        );
    }
    if promotion_tags.len() > 128 {
        c.error::<()>(
            None,
            "more than 128 promotion tags",
            "keep at most 128 tag words",
            "活动词最多 128 个",
        );
    }
    // A DFA: the engine asks it about every case's title, so search speed counts.
    let promo_matcher = aho_corasick::AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&promotion_tags)
        .expect("tag words build an automaton");

    let quality_return_payer = raw.settings.quality_return_shipping.value;
    if !matches!(quality_return_payer, Payer::Shop | Payer::Buyer) {
        c.error(
            Some(&raw.settings.quality_return_shipping),
            format!("quality_return_shipping must be `shop` or `buyer`, not `{}`", quality_return_payer.id()),
            "shop: whoever is at fault pays (001, 003); buyer: the shop does not pay the return leg (000)",
                "写 shop(商家付,谁过错谁承担)或 buyer(买家付退回运费)",
        );
    }

    let mut defects = HashMap::new();
    for (d, info) in &raw.defects.value {
        defects.insert(
            *d,
            DefectInfo {
                fault: info.fault,
                stage: info.stage,
                wants: info.wants,
                keywords: info.keywords.clone(),
            },
        );
    }
    for d in Defect::ALL {
        if !defects.contains_key(d) {
            c.error(
                Some(&raw.defects),
                format!(
                    "defect kind `{}` ({}) has no entry under `defects`",
                    d.id(),
                    d.label()
                ),
                format!(
                    "add `{}: {{fault: shop, stage: signed}}` with the right defaults",
                    d.id()
                ),
                format!(
                    "在 defects 下加上 `{}: {{fault: shop, stage: signed}}`(按实际填写默认值)",
                    d.id()
                ),
            );
        }
    }

    let mut materials = HashMap::new();
    for (m, info) in &raw.materials.value {
        materials.insert(
            *m,
            MaterialInfo {
                tip: info.tip.as_str().into(),
                keywords: info.keywords.clone(),
            },
        );
    }
    for m in Material::ALL {
        if !materials.contains_key(m) {
            c.error(
                Some(&raw.materials),
                format!(
                    "material `{}` ({}) has no cleaning tip under `materials`",
                    m.id(),
                    m.label()
                ),
                format!("add `{}: {{tip: \"...\"}}`", m.id()),
                format!("在 materials 下加上 `{}: {{tip: \"清洁方法\"}}`", m.id()),
            );
        }
    }

    let mut compensation = HashMap::new();
    for (id, r) in &raw.compensation {
        let percent = c.percent(&r.percent, &format!("compensation `{id}` percent"));
        let floor = r
            .floor
            .as_ref()
            .map(|f| c.yuan(f, &format!("compensation `{id}` floor")));
        let cap = r
            .cap
            .as_ref()
            .map(|f| c.yuan(f, &format!("compensation `{id}` cap")));
        if let (Some(f), Some(cap_v)) = (floor, cap)
            && f > cap_v
        {
            c.error(
                r.floor.as_ref(),
                format!("compensation `{id}` floor {f} is above its cap {cap_v}"),
                "the floor must not be above the cap",
                "最低额不能高于最高额",
            );
        }
        compensation.insert(
            id.clone(),
            Arc::new(CompensationRule {
                label: r.label.clone(),
                percent,
                floor,
                cap,
                paid_as: r.paid_as,
                penalty_points: r.penalty_points,
            }),
        );
    }

    let mut deadlines = HashMap::new();
    for (id, d) in &raw.deadlines.value {
        let span = match (&d.days, &d.hours) {
            (Some(days), None) => Span::Days(days.value),
            (None, Some(hours)) => Span::Hours(hours.value),
            _ => {
                c.error(
                    Some(&raw.deadlines),
                    format!("deadline `{id}` needs exactly one of `days` or `hours`"),
                    "write e.g. `days: 3` or `hours: 168`",
                    "写 days(天)或 hours(小时)其中一个,如 `days: 3`",
                );
                continue;
            }
        };
        let start = match (&d.from, &d.after) {
            (Some(a), None) => Start::Anchor(*a),
            (None, Some(e)) => Start::After(e.as_str().into()),
            _ => {
                c.error(
                    Some(&raw.deadlines),
                    format!("deadline `{id}` needs exactly one of `from` (requested / signed_next_day) or `after` (an event in words)"),
                    "write e.g. `from: requested` or `after: 买家填写退货单号`",
                "写 from(requested 申请日 / signed_next_day 签收次日)或 after(事件)其中一个",
                );
                continue;
            }
        };
        deadlines.insert(
            id.clone(),
            Arc::new(DeadlineRule {
                playbook: d.playbook.as_str().into(),
                label: d.label.as_str().into(),
                limit: match span {
                    Span::Days(n) => format!("{n}天"),
                    Span::Hours(n) => format!("{n}小时"),
                }
                .into(),
                span,
                start,
            }),
        );
    }
    let seven_day = match deadlines.get(SEVEN_DAY) {
        Some(d) if d.start == Start::Anchor(Anchor::SignedNextDay) => d.clone(),
        _ => {
            c.error(
            Some(&raw.deadlines),
            format!("`deadlines` must define `{SEVEN_DAY}` counting `from: signed_next_day`: it is the seven-day no-reason window the rules test"),
            format!("add `{SEVEN_DAY}: {{playbook: R4, label: 七天无理由退货, hours: 168, from: signed_next_day}}`"),
            format!("在 deadlines 下加上 `{SEVEN_DAY}`(七天无理由期限,168 小时,从签收次日零点算)"),
            );
            // A stand-in so checking can go on; the policy is refused anyway.
            Arc::new(DeadlineRule {
                playbook: "R4".into(),
                label: "".into(),
                limit: "".into(),
                span: Span::Hours(168),
                start: Start::Anchor(Anchor::SignedNextDay),
            })
        }
    };

    let mut shipping_costs = vec![None; groups.len() + 1];
    for (name, cost) in &raw.shipping_costs {
        let index = groups
            .iter()
            .position(|g| &g.name == name)
            .or((name == OTHER_REGIONS).then_some(groups.len()));
        let value = c.yuan(cost, &format!("shipping cost of `{name}`"));
        match index {
            Some(i) => shipping_costs[i] = Some(value),
            None => c.error(
                Some(cost),
                format!("`shipping_costs` names `{name}`, which is not a region group"),
                format!("use a region group name or `{OTHER_REGIONS}`"),
                format!("只能写地区组的名字或“{OTHER_REGIONS}”"),
            ),
        }
    }

    let risks: HashMap<String, Arc<RiskRule>> = raw
        .risks
        .iter()
        .map(|(id, r)| {
            (
                id.clone(),
                Arc::new(RiskRule {
                    playbook: r.playbook.as_str().into(),
                    text: r.text.as_str().into(),
                }),
            )
        })
        .collect();

    let replies = Replies {
        greeting: raw.replies.greeting.clone(),
        apology: raw.replies.apology.clone(),
        tip_intro: raw.replies.tip_intro.clone(),
        thanks: raw.replies.thanks.clone(),
    };

    let refs = Refs {
        groups: &groups,
        compensation: &compensation,
        deadlines: &deadlines,
        risks: &risks,
    };

    let mut rules: Vec<Rule> = Vec::new();
    for r in &raw.rules.value {
        if let Some(first) = rules.iter().find(|x| *x.id == *r.id.value) {
            c.error(
                Some(&r.id),
                format!(
                    "rule id `{}` is used twice (first at {})",
                    r.id.value,
                    first
                        .pos
                        .as_ref()
                        .map(|p| p.to_string())
                        .unwrap_or_default()
                ),
                "give every rule its own id",
                "每条规则的 id 不能重复",
            );
        }
        if r.playbook.is_empty() {
            c.warn(
                Some(&r.id),
                format!("rule `{}` names no playbook ID", r.id.value),
                "list the PLAYBOOK.md IDs it implements, e.g. [S1, S4]",
                "写上这条规则对应的手册编号,如 [S1, S4]",
            );
        }
        let when = conditions(&mut c, &r.when, &refs);
        let then = outcome(&mut c, &r.then, &refs, &r.id.value);
        let above_ceiling = r.above_ceiling.as_ref().map(|o| {
            if then.offer.is_none() {
                c.error(
                    Some(&r.id),
                    format!("rule `{}` has `above_ceiling` but no offer", r.id.value),
                    "add an `offer` under `then`, or remove `above_ceiling`",
                    "在 then 下加上 offer 报价,或删掉 above_ceiling",
                );
            }
            if o.offer.is_some() {
                c.error(
                    Some(&o.reply),
                    format!(
                        "rule `{}`: `above_ceiling` cannot have its own offer",
                        r.id.value
                    ),
                    "the ceiling is the offer's `max` under `then`",
                    "上限就是 then 下 offer 的 max,above_ceiling 里不要再写 offer",
                );
            }
            outcome(&mut c, o, &refs, &r.id.value)
        });
        let tests = crate::engine::Cond::ALL
            .into_iter()
            .filter(|c| c.is_set(&when))
            .collect();
        let rule = Rule {
            tests,
            id: r.id.value.as_str().into(),
            playbook: r.playbook.clone().into(),
            source: r.source.as_str().into(),
            when,
            then,
            above_ceiling,
            pos: c.pos(&r.id),
        };
        if let Some(earlier) = rules
            .iter()
            .find(|e| covers(&e.when, &rule.when, groups.len() + 1))
        {
            c.error(
                Some(&r.id),
                format!(
                    "rule `{}` can never fire: every case it matches is matched first by rule `{}`{}",
                    rule.id,
                    earlier.id,
                    earlier.pos.as_ref().map(|p| format!(" (line {})", p.line)).unwrap_or_default()
                ),
                format!("move `{}` above `{}`, or narrow `{}`'s conditions", rule.id, earlier.id, earlier.id),
                format!("把 `{}` 移到 `{}` 上面,或者收窄 `{}` 的条件", rule.id, earlier.id, earlier.id),
            );
        }
        rules.push(rule);
    }
    for d in Defect::ALL {
        let handled = rules
            .iter()
            .any(|r| r.when.defect.is_none_or(|s| s & (1 << d.index()) != 0));
        if !handled {
            c.error(
                Some(&raw.rules),
                format!(
                    "no rule handles defect kind `{}` ({}): only the fallback would answer",
                    d.id(),
                    d.label()
                ),
                format!("add a rule with `when: {{defect: [{}]}}`", d.id()),
                format!("加一条 `when: {{defect: [{}]}}` 的规则", d.id()),
            );
        }
    }
    let fallback = outcome(&mut c, &raw.fallback, &refs, "fallback");

    let (errors, warnings): (Vec<_>, Vec<_>) = c
        .found
        .into_iter()
        .partition(|d| d.severity == Severity::Error);
    if !errors.is_empty() {
        let mut diagnostics = errors;
        diagnostics.extend(warnings);
        return Err(PolicyError::Invalid {
            file: file.to_string(),
            diagnostics,
        });
    }
    let group_by_province = province_table()
        .provinces()
        .iter()
        .map(|p| group_of.get(p).copied().unwrap_or(groups.len()))
        .collect();
    Ok(Policy {
        reference: PolicyRef {
            name: raw.name.as_str().into(),
            hash: hash.as_str().into(),
        },
        name: raw.name,
        file: file.to_string(),
        hash,
        source: text.to_string(),
        group_names: groups
            .iter()
            .map(|g| Arc::from(g.name.as_str()))
            .chain([Arc::from(OTHER_REGIONS)])
            .collect(),
        groups,
        promotion_tags,
        quality_return_payer,
        quality_return_note: raw.settings.quality_return_note.into(),
        escalate_to: raw.settings.escalate_to.into(),
        defects: Defect::ALL
            .iter()
            .filter_map(|d| defects.remove(d))
            .collect(),
        materials,
        fault_keywords: raw.faults.into_iter().collect(),
        compensation,
        deadlines,
        seven_day,
        risks,
        replies,
        rule_ids: rules
            .iter()
            .map(|r| r.id.clone())
            .chain([Arc::from(crate::engine::FALLBACK)])
            .collect(),
        rules,
        fallback,
        shipping_costs,
        warnings,
        group_by_province,
        group_of,
        promo_matcher,
    })
}

/// The tables rule parts refer to.
struct Refs<'a> {
    groups: &'a [RegionGroup],
    compensation: &'a HashMap<String, Arc<CompensationRule>>,
    deadlines: &'a HashMap<String, Arc<DeadlineRule>>,
    risks: &'a HashMap<String, Arc<RiskRule>>,
}

/// The name a rule uses for "every region not in a group".
pub const OTHER_REGIONS: &str = "其他地区";

fn conditions(c: &mut Checker, w: &RawWhen, refs: &Refs) -> Conditions {
    let region = w.region.as_ref().map(|names| {
        let mut set = 0;
        for n in names {
            match refs.groups.iter().position(|g| g.name == n.value) {
                Some(i) => set |= 1 << i,
                None if n.value == OTHER_REGIONS => set |= 1 << refs.groups.len(),
                None => {
                    let known: Vec<&str> = refs
                        .groups
                        .iter()
                        .map(|g| g.name.as_str())
                        .chain([OTHER_REGIONS])
                        .collect();
                    c.error(
                        Some(n),
                        format!("unknown region group `{}`", n.value),
                        format!("region groups are: {}", known.join(", ")),
                        format!("地区组只能写:{}", known.join("、")),
                    );
                }
            }
        }
        set
    });
    let price_at_most = w.price_at_most.as_ref().map(|p| c.yuan(p, "price_at_most"));
    Conditions {
        defect: w.defect.as_deref().map(|v| bits(v, Defect::index)),
        region,
        fault: w.fault.as_deref().map(|v| bits(v, Fault::index)),
        stage: w.stage.as_deref().map(|v| bits(v, Stage::index)),
        platform: w.platform.as_deref().map(|v| bits(v, Platform::index)),
        wants: w.wants.as_deref().map(|v| bits(v, Wants::index)),
        promo: w.promo,
        free_shipping: w.free_shipping,
        resellable: w.resellable,
        perishable: w.perishable,
        claim_false: w.claim_false,
        seven_day: w.seven_day.map(|s| s == Window::Within),
        price_at_most,
    }
}

fn offer(c: &mut Checker, o: &RawOffer, rule: &str) -> Option<OfferRule> {
    let pick = |c: &mut Checker,
                yuan: &Option<Located<Decimal>>,
                pct: &Option<Located<Decimal>>,
                what: &str| match (yuan, pct) {
        (Some(y), None) => Some(Amount::Yuan(
            c.yuan(y, &format!("rule `{rule}` offer {what}")),
        )),
        (None, Some(p)) => Some(Amount::Percent(
            c.percent(p, &format!("rule `{rule}` offer {what}_percent")),
        )),
        _ => None,
    };
    let open = pick(c, &o.open, &o.open_percent, "open");
    let max = pick(c, &o.max, &o.max_percent, "max");
    let (Some(open), Some(max)) = (open, max) else {
        let at = o
            .open
            .as_ref()
            .or(o.max.as_ref())
            .or(o.open_percent.as_ref())
            .or(o.max_percent.as_ref());
        c.error(at, format!("rule `{rule}`: an offer needs one opening amount and one ceiling"), "write `offer: {open: \"3.00\", max: \"5.00\"}` or `{open_percent: 20, max_percent: 50}`", "报价要同时写开价和上限,如 `offer: {open: \"3.00\", max: \"5.00\"}`");
        return None;
    };
    let at = o.open.as_ref().or(o.open_percent.as_ref());
    match (open, max) {
        (Amount::Yuan(a), Amount::Yuan(b)) | (Amount::Percent(a), Amount::Percent(b)) if a > b => {
            c.error(
                at,
                format!("rule `{rule}`: opening offer {a} is above the ceiling {b}"),
                "the opening offer must not be above `max`; swap them or lower `open`",
                "开价不能高于上限:把两个数对调,或调低 open",
            );
        }
        (Amount::Yuan(_), Amount::Percent(_)) | (Amount::Percent(_), Amount::Yuan(_)) => {
            c.error(at, format!("rule `{rule}`: the opening offer and the ceiling must both be yuan or both percentages"), "use `open`/`max` or `open_percent`/`max_percent`", "开价和上限要么都写金额(open/max),要么都写百分比(open_percent/max_percent)");
        }
        _ => {}
    }
    let zero = |a: Amount| matches!(a, Amount::Yuan(v) | Amount::Percent(v) if v.is_zero());
    if zero(max) {
        c.error(
            o.max.as_ref().or(o.max_percent.as_ref()),
            format!("rule `{rule}`: an offer whose ceiling is 0 offers nothing"),
            "never offer nothing (S4): give a ceiling above 0, or remove the offer",
            "不能一分不给(S4):上限要大于 0,或者删掉这个报价",
        );
    }
    Some(OfferRule {
        open,
        max,
        kind: o.kind,
    })
}

fn outcome(c: &mut Checker, o: &RawOutcome, refs: &Refs, rule: &str) -> Outcome {
    let offer = o.offer.as_ref().and_then(|x| offer(c, x, rule));
    if let Some(comp) = &o.compensation
        && !refs.compensation.contains_key(&comp.value)
    {
        let known: Vec<&String> = refs.compensation.keys().collect();
        c.error(
            Some(comp),
            format!("rule `{rule}`: unknown compensation `{}`", comp.value),
            format!("define it under `compensation`; known: {known:?}"),
            "在 compensation 里定义它,或改正拼写",
        );
    }
    for d in &o.deadlines {
        if !refs.deadlines.contains_key(&d.value) {
            c.error(
                Some(d),
                format!("rule `{rule}`: unknown deadline `{}`", d.value),
                "define it under `deadlines`, or fix the spelling",
                "在 deadlines 里定义它,或改正拼写",
            );
        }
    }
    for r in &o.risks {
        if !refs.risks.contains_key(&r.value) {
            c.error(
                Some(r),
                format!("rule `{rule}`: unknown risk note `{}`", r.value),
                "define it under `risks`, or fix the spelling",
                "在 risks 里定义它,或改正拼写",
            );
        }
    }
    for name in placeholders(&o.reply.value) {
        let ok = match name {
            "open" | "max" => offer.is_some(),
            "compensation" => o.compensation.is_some(),
            _ => PLACEHOLDERS.contains(&name),
        };
        if !ok {
            c.error(
                Some(&o.reply),
                format!("rule `{rule}`: reply uses `{{{name}}}`, which this rule cannot fill"),
                "placeholders are {open} and {max} (with an offer), {compensation} (with a compensation), {ask}, {price}, {escalate_to}".to_string(),
                "话术里只能用 {open} {max}(要有报价)、{compensation}(要有赔付)、{ask} {price} {escalate_to}",
            );
        }
    }
    let shipping = o.shipping.as_ref().map(|s| Shipping {
        to_shop: s.to_shop,
        to_buyer: s.to_buyer,
    });
    let moves_goods = !matches!(
        o.resolution,
        Resolution::PartialRefund
            | Resolution::Refund
            | Resolution::RefundWithoutReturn
            | Resolution::Decline
            | Resolution::Escalate
    );
    if shipping.is_none() && moves_goods {
        c.error(Some(&o.reply), format!("rule `{rule}`: resolution `{}` sends goods but says nothing of shipping", o.resolution.id()), "add `shipping: {to_shop: shop, to_buyer: shop}` (payers: shop, buyer, split, courier, none)", "加上 shipping,写明退回和寄出运费谁付(shop 商家 / buyer 买家 / split 各半 / courier 快递 / none 无)");
    }
    Outcome {
        resolution: o.resolution,
        offer,
        if_refused: o.if_refused,
        shipping: shipping.unwrap_or(Shipping {
            to_shop: Payer::None,
            to_buyer: Payer::None,
        }),
        compensation: o
            .compensation
            .as_ref()
            .and_then(|x| refs.compensation.get(&x.value).cloned()),
        tip: o.tip,
        quality_return: o.quality_return,
        deadlines: o
            .deadlines
            .iter()
            .filter_map(|d| {
                refs.deadlines
                    .get(&d.value)
                    .map(|r| (Arc::from(d.value.as_str()), r.clone()))
            })
            .collect(),
        risks: o
            .risks
            .iter()
            .filter_map(|d| {
                refs.risks
                    .get(&d.value)
                    .map(|r| (Arc::from(d.value.as_str()), r.clone()))
            })
            .collect(),
        note: o.note.as_deref().map(Arc::from),
        reply: pieces(&o.reply.value),
    }
}

/// A template split into text and the slots it quotes.
fn pieces(t: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}').map(|j| i + j) else {
            break;
        };
        match Slot::named(&rest[i + 1..j]) {
            Some(slot) => {
                if i > 0 {
                    out.push(Piece::Text(rest[..i].to_string()));
                }
                out.push(Piece::Slot(slot));
            }
            // Checked already: an unknown name is an error, so this is not reached in a loaded policy.
            None => out.push(Piece::Text(rest[..=j].to_string())),
        }
        rest = &rest[j + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

/// The `{name}` placeholders in a template.
pub(crate) fn placeholders(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        match rest.find('}') {
            Some(j) => {
                out.push(&rest[..j]);
                rest = &rest[j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Whether every case `later` matches is also matched by `earlier`: per
/// dimension, `later`'s set of values lies inside `earlier`'s. `regions` is the
/// number of region values (the groups plus "any other region").
fn covers(earlier: &Conditions, later: &Conditions, regions: usize) -> bool {
    // No condition on a dimension means every one of its `n` values.
    fn set_n(e: Option<Set>, l: Option<Set>, n: usize) -> bool {
        let full: Set = if n >= 64 { Set::MAX } else { (1 << n) - 1 };
        let (e, l) = (e.unwrap_or(full), l.unwrap_or(full));
        l & !e == 0
    }
    fn flag<T: PartialEq>(e: Option<T>, l: Option<T>) -> bool {
        match (e, l) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(l)) => e == l,
        }
    }
    set_n(earlier.defect, later.defect, Defect::ALL.len())
        && set_n(earlier.region, later.region, regions)
        && set_n(earlier.fault, later.fault, Fault::ALL.len())
        && set_n(earlier.stage, later.stage, Stage::ALL.len())
        && set_n(earlier.platform, later.platform, Platform::ALL.len())
        && set_n(earlier.wants, later.wants, Wants::ALL.len())
        && flag(earlier.promo, later.promo)
        && flag(earlier.free_shipping, later.free_shipping)
        && flag(earlier.resellable, later.resellable)
        && flag(earlier.perishable, later.perishable)
        && flag(earlier.claim_false, later.claim_false)
        && flag(earlier.seven_day, later.seven_day)
        && match (earlier.price_at_most, later.price_at_most) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(l)) => l <= e,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("优惠{open}元,最多{max}元"),
            vec!["open", "max"]
        );
        assert!(placeholders("没有").is_empty());
    }

    #[test]
    fn an_earlier_broader_rule_covers_a_narrower_one() {
        let broad = Conditions {
            defect: Some(0b11),
            ..Conditions::default()
        };
        let narrow = Conditions {
            defect: Some(0b01),
            promo: Some(true),
            ..Conditions::default()
        };
        assert!(covers(&broad, &narrow, 1));
        assert!(!covers(&narrow, &broad, 1));
        let every_stage = Conditions {
            stage: Some(0b1111),
            ..Conditions::default()
        };
        assert!(covers(&every_stage, &Conditions::default(), 1));
    }
}
