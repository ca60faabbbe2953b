//! Intake: pasted case text -> facts, each with the text it came from.
//!
//! Agents paste order details, the address, the product title and some chat
//! straight from the shop's workbench. The text is normalised ([`crate::text`]),
//! then each fact is looked for: the place with [`crate::place`], the defect,
//! fault and material with the policy's keyword lists ([`keywords`]), amounts
//! ([`amounts`]) and dates ([`dates`]) with patterns that need a label or a
//! unit so phone and order numbers are never read as money.

mod amounts;
mod dates;
pub mod facts;
mod keywords;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use std::sync::OnceLock;

use crate::case::{Defect, Platform};
use crate::place::{Lookup, places};
use crate::policy::Policy;
use crate::text::Text;
use facts::missing;
pub use facts::{Ambiguity, Facts, Found, Missing};
use keywords::{STAGE_WORDS, Word};

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
pub(super) const REASON_LABELS: &[&str] = &[
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
        amounts::amounts(&text, &mut facts);
        dates::dates(&text, &mut facts);
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
                facts.region_group = Some(Found {
                    value: group,
                    source: source.clone(),
                });
                facts.province = Some(Found {
                    value: m.province.0.to_string(),
                    source,
                });
            }
            Lookup::Ambiguous {
                span,
                provinces,
                source,
            } => facts.ambiguous.push(Ambiguity {
                fact: crate::case::Fact::Region,
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
            facts.title = Some(Found {
                value: rest.to_string(),
                source: text.quote(at..at + rest.len()),
            });
            facts.promo_tags = Some(Found {
                value: self.policy.promo_tags_in(rest),
                source: text.quote(at..at + rest.len()),
            });
            return;
        }
        // No labelled title: a line that carries a promotion word stands in for it.
        for (start, line) in text.lines() {
            let tags = self.policy.promo_tags_in(line);
            if !tags.is_empty() {
                facts.promo_tags = Some(Found {
                    value: tags,
                    source: text.quote(start..start + line.len()),
                });
                return;
            }
        }
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

pub(super) fn regexes() -> &'static [Regex; 5] {
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
