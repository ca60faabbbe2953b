//! Intake: pasted case text -> facts, each with the text it came from.
//!
//! Agents paste order details, the address, the product title and some chat
//! straight from the shop's workbench. The text is normalised (full-width
//! digits and symbols to ASCII, Traditional to Simplified Chinese), then each
//! fact is looked for: the place with [`crate::place`], the defect, fault and
//! material with the policy's keyword lists (leftmost-longest, negations
//! skipped), amounts and dates with patterns that need a label or a unit so
//! phone and order numbers are never read as money.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use rust_decimal::Decimal;
use serde::Serialize;
use std::ops::Range;
use std::sync::OnceLock;

use crate::advice::Money;
use crate::case::{CaseInput, Defect, Fault, Material, Platform, Stage, parse_amount};
use crate::place::{Lookup, places};
use crate::policy::Policy;
use crate::snippet::Located;

/// The largest paste read, in bytes.
pub const MAX_PASTE: usize = 1 << 20;

/// Why a paste could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// Nothing but white space.
    #[error(
        "the paste is empty\n  = help: paste the order details, the address and the buyer's messages, then an empty line"
    )]
    Empty,
    /// Bytes that are not text.
    #[error(
        "the paste is not text ({0})\n  = help: copy the case from the workbench as text, not a file or an image"
    )]
    Binary(&'static str),
    /// Larger than any real case.
    #[error(
        "the paste is {0} bytes; at most {MAX_PASTE} bytes are read\n  = help: paste one case at a time"
    )]
    TooLarge(usize),
    /// Text in which no fact was found.
    #[error(
        "no case facts found in the paste (no address, product, amount, order state or problem)\n  = help: paste the order details and the buyer's messages, or give flags such as --defect 小瑕疵 --region 新疆"
    )]
    NothingFound,
}

/// One extracted fact and the text it came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// The quoted text it was read from.
    pub source: String,
}

/// A fact that was not found, and how to give it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// Which fact.
    pub fact: &'static str,
    /// The flag that gives it.
    pub flag: &'static str,
    /// What to add to the paste instead.
    pub phrase: &'static str,
}

/// A fact the text leaves open between several values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ambiguity {
    /// Which fact.
    pub fact: &'static str,
    /// The quoted text.
    pub source: String,
    /// The values it could be.
    pub candidates: Vec<String>,
    /// How to settle it.
    pub flag: String,
}

/// Everything read from a paste.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    /// The buyer's province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<Fact<String>>,
    /// The policy's region group for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_group: Option<Fact<String>>,
    /// Promotion tags in the product title (empty: a regular-price item).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promo_tags: Option<Fact<Vec<String>>>,
    /// What went wrong.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub defect: Option<Fact<Defect>>,
    /// Whose fault, when the text says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<Fact<Fault>>,
    /// Upper material.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub material: Option<Fact<Material>>,
    /// Price paid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Fact<Money>>,
    /// What the buyer asks for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ask: Option<Fact<Money>>,
    /// Order stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<Fact<Stage>>,
    /// Taobao or Tmall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub platform: Option<Fact<Platform>>,
    /// 包邮.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub free_shipping: Option<Fact<bool>>,
    /// When the buyer signed (`2026-11-18` or `2026-11-18 14:02`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<Fact<String>>,
    /// When the buyer asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requested_at: Option<Fact<String>>,
    /// The product title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<Fact<String>>,
    /// The buyer has return-shipping insurance (运费险).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shipping_insurance: Option<Fact<bool>>,
    /// Facts not found, with the flag or phrase that gives them.
    pub missing: Vec<Missing>,
    /// Facts the text leaves open.
    pub ambiguous: Vec<Ambiguity>,
}

impl Facts {
    /// The facts as case input for the engine (flags are laid over it afterwards).
    pub fn to_input(&self) -> CaseInput {
        let s = |v: String| Some(Located::flag(v));
        CaseInput {
            defect: self
                .defect
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            region: self.province.as_ref().and_then(|f| s(f.value.clone())),
            // The engine reads promotion tags from the title; without one, the tagged line stands in.
            title: self
                .title
                .as_ref()
                .map(|f| f.value.clone())
                .or_else(|| self.promo_tags.as_ref().map(|f| f.source.clone()))
                .and_then(s),
            fault: self
                .fault
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            price: self.price.as_ref().and_then(|f| s(f.value.to_string())),
            ask: self.ask.as_ref().and_then(|f| s(f.value.to_string())),
            free_shipping: self.free_shipping.as_ref().map(|f| f.value),
            platform: self
                .platform
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            stage: self
                .stage
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            signed: self.signed_at.as_ref().and_then(|f| s(f.value.clone())),
            requested: self.requested_at.as_ref().and_then(|f| s(f.value.clone())),
            material: self
                .material
                .as_ref()
                .and_then(|f| s(f.value.id().to_string())),
            ..CaseInput::default()
        }
    }

    fn is_empty(&self) -> bool {
        self.province.is_none()
            && self.promo_tags.is_none()
            && self.defect.is_none()
            && self.fault.is_none()
            && self.material.is_none()
            && self.price.is_none()
            && self.ask.is_none()
            && self.stage.is_none()
            && self.platform.is_none()
            && self.free_shipping.is_none()
            && self.signed_at.is_none()
            && self.title.is_none()
            && self.ambiguous.is_empty()
    }
}

/// What a keyword found in the text stands for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Word {
    Defect(Defect),
    Fault(Fault),
    Material(Material),
    Stage(Stage),
    Platform(Platform),
    FreeShipping,
    Insurance,
}

/// Order-state words of the Taobao / Tmall workbench (platform vocabulary, not policy).
const STAGE_WORDS: &[(&str, Stage)] = &[
    ("未发货", Stage::Unshipped),
    ("待发货", Stage::Unshipped),
    ("等待卖家发货", Stage::Unshipped),
    ("买家已付款", Stage::Unshipped),
    ("已发货", Stage::InTransit),
    ("卖家已发货", Stage::InTransit),
    ("运输中", Stage::InTransit),
    ("派送中", Stage::InTransit),
    ("待收货", Stage::InTransit),
    ("等待买家确认收货", Stage::InTransit),
    ("已签收", Stage::Signed),
    ("签收", Stage::Signed),
    ("交易成功", Stage::Completed),
    ("已确认收货", Stage::Completed),
    ("确认收货", Stage::Completed),
];

/// Words that turn the word after them into its opposite (没有破洞).
const NEGATIONS: &[&str] = &["没有", "没", "不是", "不", "无", "未", "并非", "非", "别"];

/// Labels of lines that hold the address, the title and the stated reason.
const ADDRESS_LABELS: &[&str] = &[
    "收货地址",
    "收件地址",
    "地址",
    "收货人",
    "收件人",
    "寄到",
    "发到",
    "寄往",
    "送到",
];
const TITLE_LABELS: &[&str] = &[
    "商品标题",
    "宝贝标题",
    "商品名称",
    "宝贝名称",
    "商品",
    "宝贝",
    "标题",
];
const REASON_LABELS: &[&str] = &[
    "退款原因",
    "售后原因",
    "申请原因",
    "退货原因",
    "问题描述",
    "原因",
];

/// Builds the place tables and the amount patterns now, so a caller can do it
/// on another thread while it loads the policy (and then builds the
/// Traditional-to-Simplified tables itself, the other half of the start-up work).
pub fn warm_up() {
    let _ = places();
    let _ = regexes();
}

/// The paste reader for one policy (its keyword lists and tags).
pub struct Intake<'p> {
    policy: &'p Policy,
    words: Vec<Vec<Word>>,
    matcher: AhoCorasick,
}

impl<'p> Intake<'p> {
    /// Builds the keyword matcher from the policy's lists.
    pub fn new(policy: &'p Policy) -> Intake<'p> {
        let mut table: Vec<(String, Word)> = Vec::new();
        for d in Defect::ALL {
            table.push((d.label().to_string(), Word::Defect(*d)));
            table.extend(
                policy
                    .defect(*d)
                    .keywords
                    .iter()
                    .map(|k| (k.clone(), Word::Defect(*d))),
            );
        }
        for (f, words) in &policy.fault_keywords {
            table.extend(words.iter().map(|k| (k.clone(), Word::Fault(*f))));
        }
        for (m, info) in &policy.materials {
            table.extend(
                info.keywords
                    .iter()
                    .map(|k| (k.clone(), Word::Material(*m))),
            );
        }
        table.extend(
            STAGE_WORDS
                .iter()
                .map(|(w, s)| (w.to_string(), Word::Stage(*s))),
        );
        for (w, p) in [
            ("天猫", Platform::Tmall),
            ("tmall", Platform::Tmall),
            ("淘宝", Platform::Taobao),
            ("taobao", Platform::Taobao),
        ] {
            table.push((w.to_string(), Word::Platform(p)));
        }
        for w in [
            "包邮",
            "免运费",
            "卖家包邮",
            "运费:0",
            "运费: 0",
            "运费 0",
            "运费¥0",
            "运费:¥0",
        ] {
            table.push((w.to_string(), Word::FreeShipping));
        }
        table.push(("运费险".to_string(), Word::Insurance));
        table.sort_by(|a, b| a.0.cmp(&b.0));
        let mut patterns: Vec<String> = Vec::new();
        let mut words: Vec<Vec<Word>> = Vec::new();
        for (k, w) in table {
            if k.trim().is_empty() {
                continue;
            }
            if patterns.last() == Some(&k) {
                if let Some(last) = words.last_mut()
                    && !last.contains(&w)
                {
                    last.push(w);
                }
            } else {
                patterns.push(k);
                words.push(vec![w]);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&patterns)
            .expect("keywords build an automaton");
        Intake {
            policy,
            words,
            matcher,
        }
    }

    /// Reads a paste given as bytes: checks it is text of a sane size first.
    pub fn extract_bytes(&self, bytes: &[u8]) -> Result<Facts, IntakeError> {
        if bytes.len() > MAX_PASTE {
            return Err(IntakeError::TooLarge(bytes.len()));
        }
        let text =
            std::str::from_utf8(bytes).map_err(|_| IntakeError::Binary("it is not valid UTF-8"))?;
        self.extract(text)
    }

    /// Reads the facts from a paste.
    pub fn extract(&self, raw: &str) -> Result<Facts, IntakeError> {
        if raw.len() > MAX_PASTE {
            return Err(IntakeError::TooLarge(raw.len()));
        }
        if raw.trim().is_empty() {
            return Err(IntakeError::Empty);
        }
        if raw.contains('\0')
            || raw
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                .count()
                > 8
        {
            return Err(IntakeError::Binary("it holds control characters"));
        }
        let text = Text::new(raw);
        let mut facts = Facts::default();
        self.place(&text, &mut facts);
        self.title_and_tags(&text, &mut facts);
        self.keywords(&text, &mut facts);
        amounts(&text, &mut facts);
        dates(&text, &mut facts);
        if facts.is_empty() {
            return Err(IntakeError::NothingFound);
        }
        missing(&mut facts);
        Ok(facts)
    }

    fn place(&self, text: &Text, facts: &mut Facts) {
        let address_lines = text
            .lines()
            .filter(|(_, l)| ADDRESS_LABELS.iter().any(|a| l.contains(a)));
        let mut found = Lookup::NotFound;
        for (start, line) in address_lines {
            found = shift(places().locate(line), start);
            if found != Lookup::NotFound {
                break;
            }
        }
        if found == Lookup::NotFound {
            found = places().locate(&text.norm);
        }
        match found {
            Lookup::Found(m) => {
                let source = text.quote(m.span.clone());
                let group = self
                    .policy
                    .group_name(self.policy.group_of_place(&m))
                    .to_string();
                facts.region_group = Some(Fact {
                    value: group,
                    source: source.clone(),
                });
                facts.province = Some(Fact {
                    value: m.province.0.to_string(),
                    source,
                });
            }
            Lookup::Ambiguous {
                span,
                provinces,
                source,
            } => facts.ambiguous.push(Ambiguity {
                fact: "province",
                source: text.quote(span),
                flag: format!(
                    "--region 加上城市或省份,如 --region \"{}{source}\"",
                    provinces.first().map(String::as_str).unwrap_or("")
                ),
                candidates: provinces,
            }),
            Lookup::NotFound => {}
        }
    }

    fn title_and_tags(&self, text: &Text, facts: &mut Facts) {
        for (start, line) in text.lines() {
            let Some(label) = TITLE_LABELS
                .iter()
                .find(|l| line.trim_start().starts_with(**l))
            else {
                continue;
            };
            let rest = line.trim_start()[label.len()..]
                .trim_start_matches([':', ' ', '\t'])
                .trim();
            if rest.is_empty() {
                continue;
            }
            let at = start + line.find(rest).unwrap_or(0);
            facts.title = Some(Fact {
                value: rest.to_string(),
                source: text.quote(at..at + rest.len()),
            });
            facts.promo_tags = Some(Fact {
                value: self.policy.promo_tags_in(rest),
                source: text.quote(at..at + rest.len()),
            });
            return;
        }
        // No labelled title: a line that carries a promotion word stands in for it.
        for (start, line) in text.lines() {
            let tags = self.policy.promo_tags_in(line);
            if !tags.is_empty() {
                facts.promo_tags = Some(Fact {
                    value: tags,
                    source: text.quote(start..start + line.len()),
                });
                return;
            }
        }
    }

    fn keywords(&self, text: &Text, facts: &mut Facts) {
        let reason_spans: Vec<Range<usize>> = text
            .lines()
            .filter(|(_, l)| REASON_LABELS.iter().any(|r| l.contains(r)))
            .map(|(s, l)| s..s + l.len())
            .collect();
        // Defect votes: (count, first position, in a stated-reason line).
        let mut defects: Vec<(Defect, usize, usize, bool, Range<usize>)> = Vec::new();
        let mut stage: Option<(Stage, Range<usize>)> = None;
        for m in self.matcher.find_iter(&text.norm) {
            let span = m.range();
            // 不包邮 and 没有运费险 say the opposite; other negated words say nothing.
            let negated = negated(&text.norm, span.start);
            let quote = || text.quote(span.clone());
            for w in &self.words[m.pattern().as_usize()] {
                match *w {
                    Word::FreeShipping => set_first(&mut facts.free_shipping, !negated, quote),
                    Word::Insurance => set_first(&mut facts.shipping_insurance, !negated, quote),
                    _ if negated => {}
                    Word::Defect(d) => {
                        let in_reason = reason_spans.iter().any(|r| r.contains(&span.start));
                        match defects.iter_mut().find(|x| x.0 == d) {
                            Some(x) => {
                                x.1 += 1;
                                x.3 |= in_reason;
                            }
                            None => defects.push((d, 1, span.start, in_reason, span.clone())),
                        }
                    }
                    Word::Fault(f) => set_first(&mut facts.fault, f, quote),
                    Word::Material(x) => set_first(&mut facts.material, x, quote),
                    // The furthest stage mentioned is where the order is.
                    Word::Stage(s) => {
                        if stage.as_ref().is_none_or(|(old, _)| s > *old) {
                            stage = Some((s, span.clone()));
                        }
                    }
                    // A Tmall order also shows 淘宝 in places; 天猫 decides.
                    Word::Platform(p) => {
                        if facts
                            .platform
                            .as_ref()
                            .is_some_and(|f| f.value == Platform::Taobao && p == Platform::Tmall)
                        {
                            facts.platform = None;
                        }
                        set_first(&mut facts.platform, p, quote);
                    }
                }
            }
        }
        // The buyer's stated reason wins; then the most mentioned; then the first.
        defects.sort_by(|a, b| b.3.cmp(&a.3).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        if let Some((d, _, _, _, span)) = defects.first() {
            facts.defect = Some(Fact {
                value: *d,
                source: text.quote(span.clone()),
            });
        }
        if let Some((s, span)) = stage {
            facts.stage = Some(Fact {
                value: s,
                source: text.quote(span),
            });
        }
    }
}

/// Keeps the first value found for a fact.
fn set_first<T>(slot: &mut Option<Fact<T>>, value: T, source: impl FnOnce() -> String) {
    if slot.is_none() {
        *slot = Some(Fact {
            value,
            source: source(),
        });
    }
}

/// A place lookup on a line, with its spans moved to the whole text.
fn shift(l: Lookup, by: usize) -> Lookup {
    match l {
        Lookup::Found(mut m) => {
            m.span = m.span.start + by..m.span.end + by;
            Lookup::Found(m)
        }
        Lookup::Ambiguous {
            source,
            span,
            provinces,
        } => Lookup::Ambiguous {
            source,
            span: span.start + by..span.end + by,
            provinces,
        },
        Lookup::NotFound => Lookup::NotFound,
    }
}

/// Whether the word at `at` is negated by the characters right before it.
fn negated(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let tail: String = before
        .chars()
        .rev()
        .take(2)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    NEGATIONS.iter().any(|n| tail.ends_with(n))
}

fn regexes() -> &'static [Regex; 5] {
    static RE: OnceLock<[Regex; 5]> = OnceLock::new();
    RE.get_or_init(|| {
        let r = |p: &str| Regex::new(p).expect("a valid pattern");
        [
            // The price after its label: 实付款 ¥89.00, 实付: 89元.
            r(r"(?:实付款|实付金额|实付|实收款|付款金额|支付金额|订单金额|商品总价|成交价|成交金额|单价|售价|价格)[ \t]*[:]?[ \t]*¥?[ \t]*([0-9]{1,7}(?:\.[0-9]{1,2})?)"),
            // The buyer's ask: 优惠10块, 补偿我20, 退我15元, 给我10元.
            r(r"(优惠|补偿|赔偿|赔|退|返|便宜|少收|少算|减|给)[ \t]*(我|给我|一下|点|个)?[ \t]*¥?[ \t]*([0-9]{1,5}(?:\.[0-9]{1,2})?)[ \t]*(元|块钱|块|rmb|RMB)?"),
            // An amount with a currency sign or unit: ¥89.00, 89元.
            r(r"¥[ \t]*([0-9]{1,7}(?:\.[0-9]{1,2})?)|([0-9]{1,7}(?:\.[0-9]{1,2})?)[ \t]*元"),
            // A date, optionally with a time: 2026-11-18 14:02, 2026年11月18日.
            r(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?(?:[ \t]*([0-9]{1,2}):([0-9]{2})(?::[0-9]{2})?)?"),
            // Shipping fee lines, whose amounts are not the price.
            r(r"(?:运费|邮费|快递费)[ \t]*[:]?[ \t]*¥?[ \t]*[0-9]"),
        ]
    })
}

/// Whether the digits at `span` stand alone (not part of a phone or order number).
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit() || c == '*' || c == '.')
        && !after
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '*' | '-' | '/' | ':' | '%' | '.'))
}

fn money(s: &str) -> Option<Money> {
    parse_amount(s)
        .ok()
        .filter(|d| *d > Decimal::ZERO)
        .map(Money::new)
}

fn amounts(text: &Text, facts: &mut Facts) {
    let [price_re, ask_re, yuan_re, _, fee_re] = regexes();
    let t = &text.norm;
    let mut used: Vec<Range<usize>> = Vec::new();
    for c in ask_re.captures_iter(t) {
        let (Some(verb), Some(num)) = (c.get(1), c.get(3)) else {
            continue;
        };
        let unit = c.get(4).is_some();
        // 给 is too common a verb to count without a unit (给我10块).
        if verb.as_str() == "给" && !unit || !stands_alone(t, &num.range()) {
            continue;
        }
        // 退款89元 / 退货 are refunds of the price, not an ask: the verb must touch the amount.
        if let Some(v) = money(num.as_str()) {
            let whole = c.get(0).map(|m| m.range()).unwrap_or(num.range());
            used.push(whole.clone());
            if facts.ask.is_none() {
                facts.ask = Some(Fact {
                    value: v,
                    source: text.quote(whole),
                });
            }
        }
    }
    let fees: Vec<Range<usize>> = fee_re.find_iter(t).map(|m| m.range()).collect();
    let free = |r: &Range<usize>, used: &[Range<usize>]| {
        !used
            .iter()
            .chain(fees.iter())
            .any(|u| u.start < r.end && r.start < u.end)
    };
    // The first amount a pattern finds that stands alone and is no ask or fee:
    // after a price label first, then any ¥ or 元 amount.
    let first = |re: &Regex| {
        re.captures_iter(t).find_map(|c| {
            let whole = c.get(0)?;
            let num = c.get(1).or(c.get(2))?;
            if !stands_alone(t, &num.range()) || !free(&whole.range(), &used) {
                return None;
            }
            money(num.as_str()).map(|v| (v, whole.range()))
        })
    };
    if let Some((value, at)) = first(price_re).or_else(|| first(yuan_re)) {
        facts.price = Some(Fact {
            value,
            source: text.quote(at),
        });
    }
}

fn dates(text: &Text, facts: &mut Facts) {
    let date_re = &regexes()[3];
    for (start, line) in text.lines() {
        let signed = line.contains("签收") && !line.contains("拒签");
        let requested = line.contains("申请");
        if !signed && !requested {
            continue;
        }
        let Some(c) = date_re.captures(line) else {
            continue;
        };
        let num = |i: usize| c.get(i).map(|m| m.as_str().to_string()).unwrap_or_default();
        let Some(date) = chrono::NaiveDate::from_ymd_opt(
            num(1).parse().unwrap_or(0),
            num(2).parse().unwrap_or(0),
            num(3).parse().unwrap_or(0),
        ) else {
            continue;
        };
        let value = match (c.get(4), c.get(5)) {
            (Some(h), Some(m)) => format!("{date} {:0>2}:{}", h.as_str(), m.as_str()),
            _ => date.to_string(),
        };
        let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        let fact = Some(Fact {
            value,
            source: text.quote(
                start
                    ..start
                        + whole
                            .end
                            .max(line.find("签收").map(|i| i + "签收".len()).unwrap_or(0))
                            .min(line.len()),
            ),
        });
        if signed && facts.signed_at.is_none() {
            facts.signed_at = fact;
        } else if requested && facts.requested_at.is_none() {
            facts.requested_at = fact;
        }
    }
}

/// Lists the facts the rules most often need and the text did not give.
fn missing(facts: &mut Facts) {
    let ambiguous_place = facts.ambiguous.iter().any(|a| a.fact == "province");
    let mut add = |cond: bool, fact, flag, phrase| {
        if cond {
            facts.missing.push(Missing { fact, flag, phrase });
        }
    };
    add(
        facts.defect.is_none(),
        "defect",
        "--defect 小瑕疵",
        "写上问题,如“鞋面有污渍”“尺码不合适”“发错货”",
    );
    add(
        facts.province.is_none() && !ambiguous_place,
        "province",
        "--region 新疆",
        "粘贴收货地址,或写“寄到乌鲁木齐”",
    );
    add(
        facts.price.is_none(),
        "price",
        "--price 89",
        "写上“实付款 ¥89.00”",
    );
    add(
        facts.platform.is_none(),
        "platform",
        "--platform taobao",
        "写上“淘宝”或“天猫”",
    );
    add(
        facts.stage.is_none(),
        "stage",
        "--stage signed",
        "写上“已签收”“已发货”或“未发货”",
    );
    let signed = facts
        .stage
        .as_ref()
        .is_some_and(|s| matches!(s.value, Stage::Signed | Stage::Completed));
    add(
        signed && facts.signed_at.is_none(),
        "signed_at",
        "--signed 2026-11-18",
        "写上“已签收 2026-11-18”",
    );
}

/// The paste, normalised for matching, and a way to quote the original.
struct Text<'a> {
    raw: &'a str,
    norm: String,
    /// Byte offset in `norm` -> byte offset in `raw`, when both have the same characters count.
    map: Option<Vec<usize>>,
}

impl<'a> Text<'a> {
    fn new(raw: &'a str) -> Text<'a> {
        let half: String = raw.chars().map(half_width).collect();
        let norm = zhconv::zhconv(&half, zhconv::Variant::ZhHans);
        let map = (norm.chars().count() == raw.chars().count()).then(|| {
            let mut map = vec![raw.len(); norm.len() + 1];
            for ((n, _), (r, _)) in norm.char_indices().zip(raw.char_indices()) {
                map[n] = r;
            }
            map
        });
        Text { raw, norm, map }
    }

    /// The lines of the normalised text with their byte offsets.
    fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.norm.split_inclusive('\n').scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l.trim_end_matches(['\n', '\r'])))
        })
    }

    /// The words around `span` as the agent pasted them: its line, cut to about 40 characters.
    fn quote(&self, span: Range<usize>) -> String {
        let line_start = self.norm[..span.start]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line_end = self.norm[span.end.min(self.norm.len())..]
            .find('\n')
            .map(|i| i + span.end)
            .unwrap_or(self.norm.len());
        // Up to 12 characters either side of the match, within its line.
        let from = self.norm[line_start..span.start]
            .char_indices()
            .rev()
            .nth(11)
            .map(|(i, _)| line_start + i)
            .unwrap_or(line_start);
        let to = self.norm[span.end..line_end]
            .char_indices()
            .nth(12)
            .map(|(i, _)| span.end + i)
            .unwrap_or(line_end);
        let piece = match &self.map {
            Some(map) => &self.raw[map[from]..map[to]],
            None => &self.norm[from..to],
        };
        let mut q = piece.trim().to_string();
        if from > line_start {
            q.insert(0, '…');
        }
        if to < line_end {
            q.push('…');
        }
        q
    }
}

/// Full-width digits, letters and symbols to their ASCII forms, one character for one.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' if c != '\u{FF0C}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' => ' ',
        '￥' => '¥',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> Facts {
        let policy = Policy::bundled().expect("bundled policy");
        Intake::new(&policy).extract(text).expect("facts")
    }

    #[test]
    fn full_width_digits_and_yuan_sign() {
        let f = facts("实付款：￥８９．００");
        assert_eq!(f.price.map(|p| p.value.to_string()), Some("89.00".into()));
    }

    #[test]
    fn phone_and_order_numbers_are_not_amounts() {
        let f = facts("张三 13812345678 订单号 3712345678901234567 浙江省杭州市");
        assert_eq!(f.price, None);
        assert_eq!(f.ask, None);
    }

    #[test]
    fn negation_is_respected() {
        let f = facts("快递盒没有破损,鞋面有污渍");
        assert_eq!(f.defect.map(|d| d.value), Some(Defect::SmallFlaw));
    }

    #[test]
    fn the_ask_and_the_price_are_told_apart() {
        let f = facts("实付89元,鞋子有点脏,退我15元就行");
        assert_eq!(f.price.map(|p| p.value.to_string()), Some("89.00".into()));
        assert_eq!(f.ask.map(|p| p.value.to_string()), Some("15.00".into()));
    }

    #[test]
    fn traditional_quotes_the_original_text() {
        let f = facts("收貨地址:新疆維吾爾自治區烏魯木齊市");
        let p = f.province.expect("province");
        assert_eq!(p.value, "新疆");
        assert!(p.source.contains("新疆維吾爾自治區"), "{}", p.source);
    }
}
