//! Findings about a policy file, as data: what kind of slip, where, and how
//! bad. The words (Chinese first, English beside) come from the kind; drawing
//! the offending line is the renderer's job ([`crate::render::diagnostics`]).

use crate::located::Pos;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The policy cannot be used.
    Error,
    /// Suspicious but usable.
    Warning,
}

/// One finding about a policy file, pointing at the place it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What was found.
    pub kind: Kind,
    /// Where, when known.
    pub pos: Option<Pos>,
}

impl Diagnostic {
    /// What is wrong, in Chinese.
    pub fn message_zh(&self) -> String {
        self.kind.text().0
    }

    /// What is wrong, in English.
    pub fn message(&self) -> String {
        self.kind.text().1
    }

    /// How to fix it, in Chinese.
    pub fn fix_zh(&self) -> String {
        self.kind.text().2
    }

    /// How to fix it, in English.
    pub fn help(&self) -> String {
        self.kind.text().3
    }
}

/// A one-line form without the source: `error: 中文 / English --> file:1:2`.
impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (zh, en, fix_zh, fix_en) = self.kind.text();
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{sev}: {zh} / {en}")?;
        if let Some(pos) = &self.pos {
            writeln!(f, " --> {pos}")?;
        }
        write!(f, "  = 修改： {fix_zh}\n  = help: {fix_en}")
    }
}

/// The kinds of findings, each with the values its message quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// The YAML itself could not be read: the slip behind it.
    Yaml {
        /// What the slip is.
        slip: super::slip::Slip,
    },
    /// The file is larger than any policy.
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// A list item holding two words (`特价，清仓`).
    TwoWordsInOne {
        /// As written.
        word: String,
        /// The list.
        list: String,
    },
    /// A one-character tag or keyword.
    OneCharWord {
        /// As written.
        word: String,
        /// The list.
        list: String,
    },
    /// A keyword under one defect kind equal to or inside one under another.
    KeywordInTwoKinds {
        /// This keyword.
        word: String,
        /// The other keyword.
        other: String,
        /// This kind.
        kind: String,
        /// The other kind.
        other_kind: String,
    },
    /// `escalate_to` left empty.
    EmptyEscalateTo,
    /// An unclosed `{` or a full-width brace in a text.
    BraceSlip {
        /// Where (a rule id or a section).
        at: String,
        /// The piece of text.
        piece: String,
    },
    /// A region group without a shipping cost.
    NoShippingCost {
        /// The group.
        group: String,
    },
    /// A value that cannot be meant (a percent written as a fraction, hours
    /// that read like days, an empty reply …), with the words worked out where
    /// it was found.
    Implausible {
        /// What is wrong, in Chinese.
        zh: String,
        /// What is wrong, in English.
        en: String,
        /// What to type instead, in Chinese.
        fix_zh: String,
        /// What to type instead, in English.
        fix_en: String,
    },
    /// An offer far above the shop's other offers for the same defects.
    OfferOutlier {
        /// The rule.
        rule: String,
        /// The amount.
        amount: String,
        /// How many times the largest other.
        times: String,
        /// The largest other offer.
        other: String,
    },
    /// A city or district where a province belongs.
    CityAsProvince {
        /// As written.
        name: String,
        /// The region group.
        group: String,
        /// Its province.
        province: String,
    },
    /// A province name that is not one.
    UnknownProvince {
        /// As written.
        name: String,
        /// The group it is listed in.
        group: String,
        /// The nearest province names.
        near: Vec<String>,
    },
    /// A province listed in two region groups.
    ProvinceInTwoGroups {
        /// The province.
        province: String,
        /// The group it was in first.
        first: String,
        /// The group it is listed in again.
        second: String,
    },
    /// A region group with no provinces.
    EmptyGroup {
        /// The group.
        group: String,
    },
    /// More region groups than a condition can hold.
    TooManyGroups {
        /// How many.
        count: usize,
    },
    /// An empty promotion tag.
    EmptyTag,
    /// A promotion tag listed twice.
    DuplicateTag {
        /// The tag.
        tag: String,
    },
    /// A promotion tag over the length limit.
    TagTooLong,
    /// More promotion tags than the matcher takes.
    TooManyTags {
        /// How many.
        count: usize,
    },
    /// Keyword lists too long or with over-long words.
    TooManyKeywords {
        /// How many words in all.
        count: usize,
        /// Whether some word is over the length limit.
        long: bool,
    },
    /// `quality_return_shipping` is neither shop nor buyer.
    QualityReturnPayer {
        /// The payer written.
        payer: String,
    },
    /// A defect kind without defaults.
    MissingDefectDefaults {
        /// Its id.
        id: &'static str,
        /// Its label.
        label: &'static str,
    },
    /// A material without a cleaning tip.
    MissingMaterialTip {
        /// Its id.
        id: &'static str,
        /// Its label.
        label: &'static str,
    },
    /// A negative amount.
    Negative {
        /// Which amount.
        what: String,
        /// As written.
        value: String,
    },
    /// An amount finer than the fen.
    TooManyDecimals {
        /// Which amount.
        what: String,
        /// As written.
        value: String,
    },
    /// A percentage outside 0–100.
    NotPercent {
        /// Which percentage.
        what: String,
        /// As written.
        value: String,
    },
    /// A compensation floor above its cap.
    FloorAboveCap {
        /// The compensation id.
        id: String,
        /// The floor.
        floor: String,
        /// The cap.
        cap: String,
    },
    /// A deadline with neither or both of days and hours.
    DeadlineLength {
        /// The deadline id.
        id: String,
    },
    /// A deadline with neither or both of `from` and `after`.
    DeadlineStart {
        /// The deadline id.
        id: String,
    },
    /// No seven-day window deadline.
    MissingSevenDay,
    /// `shipping_costs` names no region group.
    ShippingCostGroup {
        /// The name written.
        name: String,
    },
    /// A rule id used twice.
    DuplicateRuleId {
        /// The id.
        id: String,
        /// Where it was first used.
        first: String,
    },
    /// More rules than a trace can index.
    TooManyRules {
        /// How many.
        count: usize,
    },
    /// A rule with no playbook ID.
    NoPlaybook {
        /// The rule.
        rule: String,
    },
    /// `above_ceiling` on a rule without an offer.
    AboveCeilingWithoutOffer {
        /// The rule.
        rule: String,
    },
    /// `above_ceiling` with an offer of its own.
    AboveCeilingOffer {
        /// The rule.
        rule: String,
    },
    /// A rule an earlier one always matches first.
    Shadowed {
        /// The rule.
        rule: String,
        /// The earlier rule.
        earlier: String,
        /// The earlier rule's line.
        line: Option<u32>,
    },
    /// A rule no combination of facts reaches (earlier rules together take its cases).
    Unreachable {
        /// The rule.
        rule: String,
        /// The rules that take its cases.
        takers: Vec<String>,
    },
    /// A defect kind only the fallback answers.
    UnhandledDefect {
        /// Its id.
        id: &'static str,
        /// Its label.
        label: &'static str,
    },
    /// A region group name that is not one.
    UnknownRegionGroup {
        /// As written.
        name: String,
        /// The names that exist.
        known: Vec<String>,
    },
    /// An offer without both ends.
    OfferNeedsBoth {
        /// The rule.
        rule: String,
    },
    /// An opening offer above the ceiling.
    OpenAboveMax {
        /// The rule.
        rule: String,
        /// The opening offer.
        open: String,
        /// The ceiling.
        max: String,
    },
    /// An offer mixing yuan and percentages.
    MixedOffer {
        /// The rule.
        rule: String,
    },
    /// An offer whose ceiling is zero.
    ZeroOffer {
        /// The rule.
        rule: String,
    },
    /// A compensation id that is not defined.
    UnknownCompensation {
        /// The rule.
        rule: String,
        /// As written.
        name: String,
        /// The ids that exist.
        known: Vec<String>,
    },
    /// A question id that is not defined.
    UnknownQuestion {
        /// The rule or alert.
        rule: String,
        /// As written.
        name: String,
        /// The defined ids.
        known: Vec<String>,
    },
    /// A condition only alerts may test, used in a rule.
    AlertOnly {
        /// The rule.
        rule: String,
    },
    /// A condition on a window the deadlines do not define.
    MissingWindow {
        /// The deadline entry that defines it.
        deadline: &'static str,
        /// The `from:` it must count from.
        anchor: &'static str,
    },
    /// A deadline id that is not defined.
    UnknownDeadline {
        /// The rule.
        rule: String,
        /// As written.
        name: String,
    },
    /// A risk note id that is not defined.
    UnknownRisk {
        /// The rule.
        rule: String,
        /// As written.
        name: String,
    },
    /// A reply placeholder the rule cannot fill.
    BadPlaceholder {
        /// The rule.
        rule: String,
        /// The placeholder's name.
        name: String,
    },
    /// A resolution that moves goods with no shipping payers.
    NoShipping {
        /// The rule.
        rule: String,
        /// The resolution id.
        resolution: &'static str,
    },
}

/// `a`, `b` as a Chinese list (a、b) and an English one (a, b).
fn lists(items: &[String]) -> (String, String) {
    (items.join("、"), items.join(", "))
}

impl Kind {
    /// The message in Chinese, in English, then the fix in Chinese and in English.
    #[allow(clippy::too_many_lines, reason = "one arm per kind: a message table")]
    pub fn text(&self) -> (String, String, String, String) {
        use Kind::*;
        let t = |a: String, b: String, c: String, d: String| (a, b, c, d);
        match self {
            Yaml { slip } => slip.text(),
            TooLarge { bytes } => t(
                format!("文件有 {bytes} 字节，远大于任何策略文件"),
                format!("the file is {bytes} bytes, larger than any policy"),
                "确认选对了文件；策略文件一般只有几十 KB".into(),
                "check this is the policy file; a policy is tens of kilobytes".into(),
            ),
            TwoWordsInOne { word, list } => t(
                format!("{list} 里的“{word}”是一个词，中间的逗号/顿号不会把它分开"),
                format!("`{word}` in {list} is one word: the comma inside does not split it"),
                format!("要写两个词就用英文逗号分开：[{}]", word.replace(['，', '、', '；'], ", ")),
                format!("to list two words, separate them with an ASCII comma: [{}]", word.replace(['，', '、', '；'], ", ")),
            ),
            OneCharWord { word, list } => t(
                format!("{list} 里的“{word}”只有一个字，会匹配到很多不相干的词"),
                format!("`{word}` in {list} is one character and matches far too much"),
                "写成完整的词（如“特价款”而不是“款”）".into(),
                "write the whole word (特价款, not 款)".into(),
            ),
            KeywordInTwoKinds {
                word,
                other,
                kind,
                other_kind,
            } => t(
                format!("问题类型 {kind} 的关键词“{word}”和 {other_kind} 的“{other}”重叠，识别时会互相抢"),
                format!("keyword `{word}` of {kind} overlaps `{other}` of {other_kind}"),
                "一个词只放在一个问题类型下".into(),
                "keep each word under one defect kind".into(),
            ),
            EmptyEscalateTo => t(
                "settings.escalate_to 是空的，需要上报时不知道找谁".into(),
                "settings.escalate_to is empty".into(),
                "写上要上报的人，如：escalate_to: 总监 / 老板娘".into(),
                "name whom to escalate to, e.g. `escalate_to: 总监 / 老板娘`".into(),
            ),
            BraceSlip { at, piece } => t(
                format!("“{at}”的文字里“{piece}”的花括号不完整或用了中文花括号，会原样发给买家"),
                format!("`{at}`: `{piece}` has an unclosed or full-width brace and would reach the buyer as written"),
                "占位符用英文花括号并且成对：{open}".into(),
                "write placeholders with ASCII braces, closed: {open}".into(),
            ),
            NoShippingCost { group } => t(
                format!("地区组“{group}”在 shipping_costs 里没有运费"),
                format!("region group `{group}` has no entry under shipping_costs"),
                format!("在 shipping_costs 下加上 {group}: \"12.00\"（replay 要用它算运费）"),
                format!("add `{group}: \"12.00\"` under shipping_costs (replay totals shipping with it)"),
            ),
            Implausible { zh, en, fix_zh, fix_en } => {
                t(zh.clone(), en.clone(), fix_zh.clone(), fix_en.clone())
            }
            OfferOutlier {
                rule,
                amount,
                times,
                other,
            } => t(
                format!("规则“{rule}”的报价 {amount} 元是其他同类报价最高 {other} 元的 {times} 倍"),
                format!("rule `{rule}` offers {amount}, {times}× the largest other offer for the same defects ({other})"),
                "确认金额没有多打零；确实要这么高就忽略这条提醒".into(),
                "check for an extra zero; if meant, ignore this warning".into(),
            ),
            CityAsProvince {
                name,
                group,
                province,
            } => t(
                format!("地区组“{group}”里的“{name}”是{province}的城市或区县，不是省份"),
                format!("`{name}` in region group `{group}` is a place in {province}, not a province"),
                format!("地区组按省份分：写 {province}（整个省都会归到这一组）"),
                format!("groups hold whole provinces: write {province}"),
            ),
            UnknownProvince { name, group, near } => {
                let (zh, en) = lists(near);
                t(
                    format!("地区组“{group}”里的“{name}”不是省份"),
                    format!("unknown province `{name}` in region group `{group}`"),
                    if near.is_empty() {
                        "写省份名称，如 新疆、内蒙古、浙江（或 香港、澳门、台湾、海外）".into()
                    } else {
                        format!("是不是要写 {zh}?")
                    },
                    if near.is_empty() {
                        "use a province name such as 新疆, 内蒙古, 浙江 (or 香港, 澳门, 台湾, 海外)"
                            .into()
                    } else {
                        format!("did you mean {en}?")
                    },
                )
            }
            ProvinceInTwoGroups {
                province,
                first,
                second,
            } => t(
                format!("“{province}”同时在地区组“{first}”和“{second}”里"),
                format!("province `{province}` is in two region groups: `{first}` and `{second}`"),
                "一个省只能属于一个地区组，从其中一个组里删掉它".into(),
                "a province may belong to one group only; remove it from one of them".into(),
            ),
            EmptyGroup { group } => t(
                format!("地区组“{group}”里没有省份"),
                format!("region group `{group}` lists no provinces"),
                "给这个地区组加上省份，或删掉这个组".into(),
                "add provinces or remove the group".into(),
            ),
            TooManyGroups { count } => t(
                format!("地区组有 {count} 个，最多 62 个"),
                format!("{count} region groups; at most 62"),
                "合并一些地区组".into(),
                "merge some region groups".into(),
            ),
            EmptyTag => t(
                "活动词是空的".into(),
                "empty promotion tag".into(),
                "删掉这个空的活动词".into(),
                "remove the empty entry".into(),
            ),
            DuplicateTag { tag } => t(
                format!("活动词“{tag}”写了两次"),
                format!("promotion tag `{tag}` is listed twice"),
                "删掉重复的那一个".into(),
                "remove the second one".into(),
            ),
            TagTooLong => t(
                "有活动词超过 32 个字".into(),
                "a promotion tag is longer than 32 characters".into(),
                "活动词是标题里的短词，如“特价”".into(),
                "tag words are short words from titles, such as 特价".into(),
            ),
            TooManyTags { count } => t(
                format!("活动词有 {count} 个，最多 128 个"),
                format!("{count} promotion tags; at most 128"),
                "活动词最多 128 个".into(),
                "keep at most 128 tag words".into(),
            ),
            TooManyKeywords { count, long } => t(
                format!(
                    "关键词一共 {count} 个{}；最多 10000 个、每个最多 32 个字",
                    if *long { "，有的太长" } else { "" }
                ),
                format!(
                    "keyword lists hold {count} words{}; at most 10000 words of at most 32 characters",
                    if *long { ", some too long" } else { "" }
                ),
                "关键词写买家常说的短词，如“开胶”“掉色”".into(),
                "keep keywords to the short phrases buyers write, such as 开胶 or 掉色".into(),
            ),
            QualityReturnPayer { payer } => t(
                format!("quality_return_shipping 只能是 shop 或 buyer，不能是“{payer}”"),
                format!("quality_return_shipping must be `shop` or `buyer`, not `{payer}`"),
                "写 shop（商家付，谁过错谁承担）或 buyer（买家付退回运费）".into(),
                "shop: whoever is at fault pays (001, 003); buyer: the shop does not pay the return leg (000)".into(),
            ),
            MissingDefectDefaults { id, label } => t(
                format!("问题类型“{label}”({id})在 defects 下没有默认值"),
                format!("defect kind `{id}` ({label}) has no entry under `defects`"),
                format!("在 defects 下加上 `{id}: {{fault: shop, stage: signed}}`（按实际填写默认值）"),
                format!("add `{id}: {{fault: shop, stage: signed}}` with the right defaults"),
            ),
            MissingMaterialTip { id, label } => t(
                format!("材质“{label}”({id})在 materials 下没有清洁建议"),
                format!("material `{id}` ({label}) has no cleaning tip under `materials`"),
                format!("在 materials 下加上 `{id}: {{tip: \"清洁方法\"}}`"),
                format!("add `{id}: {{tip: \"...\"}}`"),
            ),
            Negative { what, value } => t(
                format!("{what} 是负数 {value}"),
                format!("{what} `{value}` is negative"),
                "金额以元为单位，不能小于 0".into(),
                "amounts are yuan and cannot be below 0".into(),
            ),
            TooManyDecimals { what, value } => t(
                format!("{what} {value} 超过两位小数"),
                format!("{what} `{value}` has more than two decimals"),
                "金额精确到分，最多两位小数，如 12.50".into(),
                "amounts are in yuan to the fen, e.g. 12.50".into(),
            ),
            NotPercent { what, value } => t(
                format!("{what} {value} 不是 0 到 100 之间的百分比"),
                format!("{what} `{value}` is not a percentage from 0 to 100"),
                "百分比写 0 到 100 的数字，如 30 表示 30%".into(),
                "write the percentage as a number from 0 to 100, e.g. 30 for 30%".into(),
            ),
            FloorAboveCap { id, floor, cap } => t(
                format!("赔付“{id}”的最低额 {floor} 高于最高额 {cap}"),
                format!("compensation `{id}` floor {floor} is above its cap {cap}"),
                "最低额不能高于最高额".into(),
                "the floor must not be above the cap".into(),
            ),
            DeadlineLength { id } => t(
                format!("时效“{id}”要写 days 或 hours 其中一个"),
                format!("deadline `{id}` needs exactly one of `days` or `hours`"),
                "写 days（天）或 hours（小时）其中一个，如 `days: 3`".into(),
                "write e.g. `days: 3` or `hours: 168`".into(),
            ),
            DeadlineStart { id } => t(
                format!("时效“{id}”要写 from 或 after 其中一个"),
                format!("deadline `{id}` needs exactly one of `from` (requested / signed_next_day) or `after` (an event in words)"),
                "写 from(requested 申请日 / signed_next_day 签收次日）或 after（事件）其中一个".into(),
                "write e.g. `from: requested` or `after: 买家填写退货单号`".into(),
            ),
            MissingSevenDay => t(
                "deadlines 下缺少七天无理由期限 seven_day_return".into(),
                "`deadlines` must define `seven_day_return` counting `from: signed_next_day`: it is the seven-day no-reason window the rules test".into(),
                "在 deadlines 下加上 `seven_day_return`（七天无理由期限，168 小时，从签收次日零点算）".into(),
                "add `seven_day_return: {playbook: R4, label: 七天无理由退货，hours: 168, from: signed_next_day}`".into(),
            ),
            ShippingCostGroup { name } => t(
                format!("shipping_costs 里的“{name}”不是地区组"),
                format!("`shipping_costs` names `{name}`, which is not a region group"),
                format!("只能写地区组的名字或“{}”", super::OTHER_REGIONS),
                format!("use a region group name or `{}`", super::OTHER_REGIONS),
            ),
            DuplicateRuleId { id, first } => t(
                format!("规则 id“{id}”用了两次（第一次在 {first})"),
                format!("rule id `{id}` is used twice (first at {first})"),
                "每条规则的 id 不能重复".into(),
                "give every rule its own id".into(),
            ),
            TooManyRules { count } => t(
                format!("规则有 {count} 条，最多 {} 条", super::MAX_RULES),
                format!("{count} rules; at most {}", super::MAX_RULES),
                "合并条件相近的规则".into(),
                "merge rules with similar conditions".into(),
            ),
            NoPlaybook { rule } => t(
                format!("规则“{rule}”没有写手册编号"),
                format!("rule `{rule}` names no playbook ID"),
                "写上这条规则对应的手册编号，如 [S1, S4]".into(),
                "list the PLAYBOOK.md IDs it implements, e.g. [S1, S4]".into(),
            ),
            AboveCeilingWithoutOffer { rule } => t(
                format!("规则“{rule}”写了 above_ceiling，但没有报价"),
                format!("rule `{rule}` has `above_ceiling` but no offer"),
                "在 then 下加上 offer 报价，或删掉 above_ceiling".into(),
                "add an `offer` under `then`, or remove `above_ceiling`".into(),
            ),
            AboveCeilingOffer { rule } => t(
                format!("规则“{rule}”的 above_ceiling 里不能再写报价"),
                format!("rule `{rule}`: `above_ceiling` cannot have its own offer"),
                "上限就是 then 下 offer 的 max,above_ceiling 里不要再写 offer".into(),
                "the ceiling is the offer's `max` under `then`".into(),
            ),
            Shadowed {
                rule,
                earlier,
                line,
            } => {
                let at = line.map(|l| format!(" (line {l})")).unwrap_or_default();
                let at_zh = line.map(|l| format!("（第 {l} 行）")).unwrap_or_default();
                t(
                    format!("规则“{rule}”永远不会生效：它管的情况都先被规则“{earlier}”{at_zh}处理了"),
                    format!("rule `{rule}` can never fire: every case it matches is matched first by rule `{earlier}`{at}"),
                    format!("把 `{rule}` 移到 `{earlier}` 上面，或者收窄 `{earlier}` 的条件"),
                    format!("move `{rule}` above `{earlier}`, or narrow `{earlier}`'s conditions"),
                )
            }
            Unreachable { rule, takers } => {
                let quoted: Vec<String> = takers.iter().map(|t| format!("`{t}`")).collect();
                let (by_zh, by) = if takers.is_empty() {
                    ("前面的规则".to_string(), "earlier rules".to_string())
                } else {
                    (quoted.join("、"), quoted.join(" and "))
                };
                t(
                    format!("规则“{rule}”永远不会生效：它管的情况都先被 {by_zh} 处理了"),
                    format!("rule `{rule}` can never fire: every case it matches is decided first by {by}"),
                    format!("把 `{rule}` 移到 {by_zh} 上面，或者收窄它们的条件"),
                    format!("move `{rule}` above {by}, or narrow their conditions"),
                )
            }
            UnhandledDefect { id, label } => t(
                format!("没有规则处理问题类型“{label}”({id})，只能由兜底处理"),
                format!("no rule handles defect kind `{id}` ({label}): only the fallback would answer"),
                format!("加一条 `when: {{defect: [{id}]}}` 的规则"),
                format!("add a rule with `when: {{defect: [{id}]}}`"),
            ),
            UnknownRegionGroup { name, known } => {
                let (zh, en) = lists(known);
                t(
                    format!("没有叫“{name}”的地区组"),
                    format!("unknown region group `{name}`"),
                    format!("地区组只能写：{zh}"),
                    format!("region groups are: {en}"),
                )
            }
            OfferNeedsBoth { rule } => t(
                format!("规则“{rule}”的报价要同时写开价和上限"),
                format!("rule `{rule}`: an offer needs one opening amount and one ceiling"),
                "报价要同时写开价和上限，如 `offer: {open: \"3.00\", max: \"5.00\"}`".into(),
                "write `offer: {open: \"3.00\", max: \"5.00\"}` or `{open_percent: 20, max_percent: 50}`".into(),
            ),
            OpenAboveMax { rule, open, max } => t(
                format!("规则“{rule}”的开价 {open} 高于上限 {max}"),
                format!("rule `{rule}`: opening offer {open} is above the ceiling {max}"),
                "开价不能高于上限：把两个数对调，或调低 open".into(),
                "the opening offer must not be above `max`; swap them or lower `open`".into(),
            ),
            MixedOffer { rule } => t(
                format!("规则“{rule}”的开价和上限一个写金额、一个写百分比"),
                format!("rule `{rule}`: the opening offer and the ceiling must both be yuan or both percentages"),
                "开价和上限要么都写金额(open/max)，要么都写百分比(open_percent/max_percent)".into(),
                "use `open`/`max` or `open_percent`/`max_percent`".into(),
            ),
            ZeroOffer { rule } => t(
                format!("规则“{rule}”的报价上限是 0，等于一分不给"),
                format!("rule `{rule}`: an offer whose ceiling is 0 offers nothing"),
                "不能一分不给(S4):上限要大于 0，或者删掉这个报价".into(),
                "never offer nothing (S4): give a ceiling above 0, or remove the offer".into(),
            ),
            UnknownCompensation { rule, name, known } => {
                let (zh, en) = lists(known);
                t(
                    format!("规则“{rule}”用的赔付“{name}”没有定义"),
                    format!("rule `{rule}`: unknown compensation `{name}`"),
                    format!("在 compensation 里定义它，或改成已有的：{zh}"),
                    format!("define it under `compensation`, or use one of: {en}"),
                )
            }
            UnknownQuestion { rule, name, known } => t(
                format!("“{rule}”要问买家的“{name}”在 questions 里没有定义"),
                format!("`{rule}`: unknown question `{name}`"),
                format!("在 questions 里写上它，或改成已有的：{}", known.join("、")),
                format!("define it under `questions`, or use one of: {}", known.join(", ")),
            ),
            AlertOnly { rule } => t(
                format!("规则“{rule}”里不能写 threats 条件"),
                format!("rule `{rule}`: `threats` may only be tested by alerts"),
                "买家的威胁不改变处理方式，只加提醒：把它写到 alerts 下面".into(),
                "a threat adds reminders rather than changing the answer: move it under `alerts`".into(),
            ),
            MissingWindow { deadline, anchor } => t(
                format!("用到这个期限条件，但 deadlines 里没有 {deadline}(from: {anchor})"),
                format!("this condition needs the deadline `{deadline}` counted `from: {anchor}`"),
                format!("在 deadlines 里加上 {deadline}: {{playbook: T, label: ..., days: 15, from: {anchor}}}"),
                format!("add `{deadline}: {{playbook: T, label: ..., days: 15, from: {anchor}}}` under `deadlines`"),
            ),
            UnknownDeadline { rule, name } => t(
                format!("规则“{rule}”用的时效“{name}”没有定义"),
                format!("rule `{rule}`: unknown deadline `{name}`"),
                "在 deadlines 里定义它，或改正拼写".into(),
                "define it under `deadlines`, or fix the spelling".into(),
            ),
            UnknownRisk { rule, name } => t(
                format!("规则“{rule}”用的风险提示“{name}”没有定义"),
                format!("rule `{rule}`: unknown risk note `{name}`"),
                "在 risks 里定义它，或改正拼写".into(),
                "define it under `risks`, or fix the spelling".into(),
            ),
            BadPlaceholder { rule, name } => t(
                format!("“{rule}”的文字用了 {{{name}}}，这里填不了，会原样发出去"),
                format!("`{rule}`: the text uses `{{{name}}}`, which cannot be filled there"),
                "规则的 reply/note 可用 {open} {max}（要有报价）、{compensation}（要有赔付）、{return_shipping}（要有 quality_return: true）、{ask} {price} {escalate_to}；risks、questions、settings 里只能用 {escalate_to}".into(),
                "a rule's reply/note may use {open} and {max} (with an offer), {compensation} (with a compensation), {return_shipping} (with quality_return: true), {ask}, {price}, {escalate_to}; risks, questions and settings only {escalate_to}".into(),
            ),
            NoShipping { rule, resolution } => t(
                format!("规则“{rule}”的处理方式 {resolution} 要寄货，却没写运费谁付"),
                format!("rule `{rule}`: resolution `{resolution}` sends goods but says nothing of shipping"),
                "加上 shipping，写明退回和寄出运费谁付(shop 商家 / buyer 买家 / split 各半 / courier 快递 / none 无）".into(),
                "add `shipping: {to_shop: shop, to_buyer: shop}` (payers: shop, buyer, split, courier, none)".into(),
            ),
        }
    }
}
