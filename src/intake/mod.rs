//! Intake: pasted case text -> facts, each with the text it came from.
//!
//! Agents paste order details, the refund request, the address, the product
//! title and the chat straight from the shop's workbench. The text is
//! normalised ([`crate::text`]), then placed line by line ([`segment`]): the
//! order form, the refund request, and the chat with every turn given to the
//! buyer or the shop. Facts are read from where they belong — the price only
//! from a price label, the ask only from the buyer, the offer only from the
//! shop ([`amounts`]); the defect from the buyer's own account over the
//! refund reason, with a lexicon of how buyers say things ([`lexicon`],
//! [`read`]); dates ([`dates`]) and the place ([`crate::place`]).
//! What the reader is unsure of is listed as ambiguous, never guessed.

mod amounts;
pub mod dates;
pub mod facts;
pub mod lexicon;
pub mod money;
mod read;
mod rows;
pub mod segment;

use chrono::NaiveDate;

use crate::case::Fact;
use crate::place::{Lookup, places};
use crate::text::{Text, WordFile, WordList};
use crate::vocab::ShopWords;
pub use facts::{Ambiguity, Facts, Found, Missing};
pub use lexicon::Lexicon;
use segment::{Field, Line, Segment};
use std::sync::Arc;

/// The reader's word lists around speakers, amounts, dates and addresses
/// (`data/intake_words.txt`; the problem words are the lexicon's).
pub(crate) static WORDS: WordFile = WordFile::new(include_str!("../../data/intake_words.txt"));

/// The largest paste read, in bytes.
pub const MAX_PASTE: usize = 1 << 20;

/// Why a paste could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    /// Nothing but white space.
    #[error(
        "粘贴内容是空的 / the paste is empty\n  = help: 粘贴订单信息、收货地址和买家的聊天,再按空行 / paste the order details, the address and the buyer's messages, then an empty line"
    )]
    Empty,
    /// Bytes that are not text.
    #[error(
        "粘贴的不是文字 / the paste is not text ({0})\n  = help: 从工作台复制文字,不要粘贴文件或图片 / copy the case from the workbench as text, not a file or an image"
    )]
    Binary(&'static str),
    /// Larger than any real case.
    #[error(
        "粘贴内容有 {0} 字节,最多读 {MAX_PASTE} 字节 / the paste is {0} bytes; at most {MAX_PASTE} bytes are read\n  = help: 一次粘贴一个案例 / paste one case at a time"
    )]
    TooLarge(usize),
    /// Text in which no fact was found.
    #[error(
        "粘贴里没有找到案例信息(地址、商品、金额、订单状态或问题) / no case facts found in the paste (no address, product, amount, order state or problem)\n  = help: 粘贴订单信息和买家的话,或者直接加参数,如 --defect 小瑕疵 --region 新疆 / paste the order details and the buyer's messages, or give flags such as --defect 小瑕疵 --region 新疆"
    )]
    NothingFound,
}

/// Builds the tables reading a case needs now, so a caller can do it on
/// another thread while it loads the policy.
pub fn warm_up() {
    lexicon::warm_up();
    money::warm_up();
    crate::text::warm_up();
    crate::place::resolver::warm_up();
    let _ = lexicon::reasons();
}

/// The paste reader, with a shop's words (its keyword lists and tags).
pub struct Intake {
    lexicon: Arc<Lexicon>,
}

impl Intake {
    /// Builds the reader's vocabulary from the base lexicon and the shop's words.
    pub fn new(shop: &ShopWords) -> Intake {
        Intake {
            lexicon: Arc::new(Lexicon::new(shop)),
        }
    }

    /// A reader with a vocabulary built earlier, so a server builds it once
    /// per policy rather than once per request.
    pub fn with_lexicon(lexicon: Arc<Lexicon>) -> Intake {
        Intake { lexicon }
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

    /// Reads the facts from a paste, with today's date for 昨天 and dates without a year.
    pub fn extract(&self, raw: &str) -> Result<Facts, IntakeError> {
        self.extract_on(raw, chrono::Local::now().date_naive())
    }

    /// Reads the facts from a paste written on or before `today`.
    pub fn extract_on(&self, raw: &str, today: NaiveDate) -> Result<Facts, IntakeError> {
        if raw.len() > MAX_PASTE {
            return Err(IntakeError::TooLarge(raw.len()));
        }
        if raw.trim().is_empty() {
            return Err(IntakeError::Empty);
        }
        if raw.contains('\0') || control_chars(raw) > 8 {
            return Err(IntakeError::Binary("it holds control characters"));
        }
        let text = Text::new(raw);
        let mut lines = segment::segment(&text.norm);
        rows::focus(&mut lines);
        let hits = read::hits(&self.lexicon, &text.norm, &lines);
        let mut facts = Facts::default();
        self.place(&text, &lines, &mut facts);
        self.title_and_tags(&text, &lines, &mut facts);
        let reason = read::refund_request(&text, &lines, &mut facts);
        let reason_found = facts.refund_reason.clone();
        read::order_words(&text, &lines, &hits, &mut facts);
        if facts.platform.is_none() {
            self.platform_in_names(&text, &mut facts);
        }
        let reading = read::defect(
            &text,
            &lines,
            &hits,
            reason.zip(reason_found.as_ref()),
            &mut facts,
        );
        read::fault(&text, &lines, &hits, reading, &mut facts);
        dates::read(&text, &lines, today, &mut facts);
        amounts::read(&text, &lines, &mut facts);
        read::buyer_words(&text, &lines, &hits, &mut facts);
        if facts.is_empty() {
            return Err(IntakeError::NothingFound);
        }
        facts.list_missing();
        Ok(facts)
    }

    /// The province: from the address fields first, then from any line.
    fn place(&self, text: &Text, lines: &[Line], facts: &mut Facts) {
        let address: Vec<&Line> = lines
            .iter()
            .filter(|l| l.field == Some(Field::Address))
            .collect();
        let mut found = Lookup::NotFound;
        let mut found_in: Option<&Line> = None;
        for l in &address {
            // 地址：广东省深圳市…XX集运仓 (香港旺角): a forwarder's warehouse is no buyer's
            // place; only what follows the warehouse can be.
            let (at, own) = match FORWARDER
                .words()
                .iter()
                .filter_map(|w| l.text.rfind(w).map(|i| i + w.len()))
                .max()
            {
                Some(end) => (l.span.start + end, &l.text[end..]),
                None => (l.span.start, l.text),
            };
            found = shift(places().locate(own), at);
            if found != Lookup::NotFound {
                found_in = Some(l);
                break;
            }
        }
        if found == Lookup::NotFound {
            // No address field: a place named anywhere but in the product title.
            for l in lines.iter().filter(|l| {
                !matches!(l.field, Some(Field::Title | Field::Name))
                    && !after_shop_address(&text.norm, l)
            }) {
                let own = without_couriers(before_shop_address(l.text));
                found = shift(places().locate(&own), l.span.start);
                if found != Lookup::NotFound {
                    found_in = Some(l);
                    break;
                }
            }
        }
        // Last, a place in the buyer's chat name (武汉-豆豆奶奶), or written out with
        // its suffix in an order line read as a title (订单：湖南省长沙市岳麓区 实付¥279):
        // a title's bare 北京 is a style (老北京布鞋), never a place.
        if found == Lookup::NotFound {
            for l in lines
                .iter()
                .filter(|l| matches!(l.field, Some(Field::Name | Field::Title)))
            {
                let hit = shift(places().locate(l.text), l.span.start);
                let suffixed = |span: &std::ops::Range<usize>| {
                    text.norm[span.end..].starts_with(['省', '市', '区', '县'])
                        || text.norm[span.clone()].ends_with(['省', '市', '区', '县'])
                };
                let keep = match &hit {
                    Lookup::Found(m) => l.field == Some(Field::Name) || suffixed(&m.span),
                    Lookup::Ambiguous { .. } => l.field == Some(Field::Name),
                    Lookup::NotFound => false,
                };
                if keep {
                    found = hit;
                    found_in = Some(l);
                    break;
                }
            }
        }
        let (segment, speaker) = found_in.map_or((Segment::Note, None), |l| (l.segment, l.speaker));
        match found {
            Lookup::Found(m) => {
                // An address field is quoted whole: the agent sees the line that decided.
                let source = match found_in {
                    Some(l) if l.field == Some(Field::Address) => text.quote(l.span.clone()),
                    _ => text.quote(m.span.clone()),
                };
                facts.province = Some(Found::new(
                    m.province.0.to_string(),
                    source,
                    segment,
                    speaker,
                ));
            }
            Lookup::Ambiguous {
                span,
                provinces,
                source,
            } => facts.ambiguous.push(Ambiguity {
                fact: Fact::Region,
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

    /// The platform from the speakers' names (踏云旗舰店:阿琳), which no line
    /// of the reading holds: the first platform word anywhere in the paste.
    fn platform_in_names(&self, text: &Text, facts: &mut Facts) {
        let mut words = Vec::new();
        self.lexicon.find_all_into(&text.norm, &mut words);
        let platform = words.iter().find_map(|(span, tags)| {
            tags.iter().find_map(|t| match t {
                lexicon::Tag::Platform(p) => Some((span.clone(), *p)),
                _ => None,
            })
        });
        if let Some((span, p)) = platform {
            facts.platform = Some(Found::new(p, text.quote(span), Segment::Chat, None));
        }
    }

    /// The title and its promotion tags: the title field, else a line that carries a tag.
    fn title_and_tags(&self, text: &Text, lines: &[Line], facts: &mut Facts) {
        if let Some(l) = lines
            .iter()
            .find(|l| l.field == Some(Field::Title) && !l.text.trim().is_empty())
        {
            let quote = text.quote(l.span.clone());
            facts.title = Some(Found::new(
                l.text.trim().to_string(),
                quote.clone(),
                l.segment,
                None,
            ));
            facts.promo_tags = Some(Found::new(
                self.lexicon.promo_tags_in(l.text),
                quote,
                l.segment,
                None,
            ));
            return;
        }
        // No title field: a note that carries a promotion word stands in, then a chat
        // line (这款是活动特价款). A form field other than the title (备注: …确实断码)
        // speaks of stock or service, not of how the item was sold.
        let order = [Segment::Note, Segment::Chat];
        for seg in order {
            for l in lines
                .iter()
                .filter(|l| l.segment == seg && l.field != Some(Field::Note))
            {
                let tags = self.lexicon.promo_tags_in(l.text);
                if !tags.is_empty() {
                    facts.promo_tags = Some(Found::new(
                        tags,
                        text.quote(l.span.clone()),
                        l.segment,
                        l.speaker,
                    ));
                    return;
                }
            }
        }
    }
}

/// A place lookup on a line, with its spans moved to the whole text.
/// Labels after which a line gives the shop's own address, not the buyer's.
static SHOP_ADDRESS: WordList = WordList::named(&WORDS, "address.shop_label");

/// Words that end a company's name (抬头 杭州xx科技有限公司): its place is not the buyer's.
static COMPANY: WordList = WordList::named(&WORDS, "address.company");

/// A line up to a shop-address label (退货地址:浙江省温州市…): the rest places the shop.
fn before_shop_address(t: &str) -> &str {
    SHOP_ADDRESS
        .words()
        .iter()
        .filter_map(|w| t.find(w))
        .min()
        .map_or(t, |i| &t[..i])
}

/// Words that end the name of a courier's or a forwarder's site (武汉转运中心,
/// 深圳平湖集运仓, XX县人民路营业部): the place before them is not the buyer's.
static COURIER_SITES: WordList = WordList::named(&WORDS, "address.courier_site");

/// Words that make an address a forwarder's warehouse (集运仓, 转运仓).
static FORWARDER: WordList = WordList::named(&WORDS, "address.forwarder");

/// Words after a tracking line's place that say the parcel reached the buyer there.
static DELIVERED_AT: WordList = WordList::named(&WORDS, "address.delivered");

/// A line with the courier's sites blanked out (same length, so spans hold):
/// a tracking line's hubs (【武汉转运中心】已发出) and a site named in passing
/// (一直停在武汉转运中心). A site the parcel was signed or delivered at stays.
fn without_couriers(t: &str) -> std::borrow::Cow<'_, str> {
    let mut blank: Vec<std::ops::Range<usize>> = Vec::new();
    for site in COURIER_SITES.words().iter().chain(COMPANY.words()) {
        for (at, _) in t.match_indices(site) {
            let end = at + site.len();
            // Inside 【…】: the whole bracket, unless delivery follows it.
            if let Some(open) = t[..at].rfind('【').filter(|&o| !t[o..at].contains('】')) {
                let close = t[end..]
                    .find('】')
                    .map_or(end, |c| end + c + '】'.len_utf8());
                if !crate::text::holds_any(
                    t[close..].get(..12.min(t.len() - close)).unwrap_or(""),
                    &DELIVERED_AT,
                ) {
                    blank.push(open..close);
                }
                continue;
            }
            // In running text: the name's characters before the site word.
            let start = t[..at]
                .char_indices()
                .rev()
                .take(10)
                .take_while(|(_, c)| {
                    !c.is_whitespace()
                        && !c.is_ascii_punctuation()
                        && !"，。！？：；、".contains(*c)
                })
                .last()
                .map_or(at, |(i, _)| i);
            blank.push(start..end);
        }
    }
    if blank.is_empty() {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = t.to_string().into_bytes();
    for r in blank {
        out[r].fill(b' ');
    }
    // Whole characters were blanked, so the bytes are still UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| t.to_string()))
}

/// Whether a line's words come right after a shop-address label on its line
/// (退货地址：浙江省温州市…, read as the label's value): only the few bytes
/// before it are looked at.
fn after_shop_address(norm: &str, l: &Line) -> bool {
    let mut lo = l.span.start.saturating_sub(24);
    while !norm.is_char_boundary(lo) {
        lo += 1;
    }
    crate::text::holds_any(&norm[lo..l.span.start], &SHOP_ADDRESS)
}

fn shift(l: Lookup, by: usize) -> Lookup {
    l.map_span(|s| s.start + by..s.end + by)
}

/// How many control characters (`char::is_control`, line breaks and tabs
/// aside) a text holds, counted on bytes: U+0000..U+001F and U+007F are one
/// byte each, U+0080..U+009F are C2 80..C2 9F, and no other character's bytes
/// look like either. Decoding every character cost more than the rest of the
/// checks together.
fn control_chars(raw: &str) -> usize {
    let b = raw.as_bytes();
    let next = b.get(1..).unwrap_or_default();
    // Branch-free tests summed in u8 over short runs: many bytes a step.
    let mut n = 0;
    for (run, after) in b
        .chunks(255)
        .zip(next.chunks(255).chain(std::iter::repeat(&[][..])))
    {
        let c0 = run.iter().fold(0u8, |k, &x| {
            k + u8::from(((x < 0x20) & (x != b'\n') & (x != b'\r') & (x != b'\t')) | (x == 0x7F))
        });
        let c1 = run.iter().zip(after).fold(0u8, |k, (&x, &y)| {
            k + u8::from((x == 0xC2) & (0x80..=0x9F).contains(&y))
        });
        n += usize::from(c0) + usize::from(c1);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_counted_as_char_is_control_counts_them() {
        for t in [
            "买家:鞋子\u{7}\u{1b}[0m有污渍\r\n\t",
            "\u{85}\u{9f}\u{a0}¥12 \u{80}😭\u{7f}",
            "收貨地址:新疆 ÀÉ \u{2028}\u{c2}",
            "",
        ]
        .into_iter()
        .map(String::from)
        // A C1 control split across the 255-byte runs, and one at the very end.
        .chain(["\u{85}", "\u{1}", "\u{9f}"].map(|c| format!("{}{c}", "a".repeat(254))))
        .chain([format!("{}\u{85}", "鞋".repeat(200))])
        {
            let t = t.as_str();
            let by_chars = t
                .chars()
                .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                .count();
            assert_eq!(control_chars(t), by_chars, "{t:?}");
        }
    }
    use crate::case::{Defect, Fault, Threat};
    /// The list names a source file asks its word file for, by `WordList::named` or `WORDS.list`.
    fn names_asked(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        // rustfmt may break `WORDS\n.list(`: look for the call as written on its line.
        let source = source
            .replace("WORDS\n", "WORDS")
            .replace(char::is_whitespace, "");
        for open in ["WORDS,\"", "WORDS.list(\""] {
            for (i, _) in source.match_indices(open) {
                let rest = &source[i + open.len()..];
                if let Some(end) = rest.find('"') {
                    out.push(rest[..end].to_string());
                }
            }
        }
        out
    }

    #[test]
    fn every_word_list_the_readers_ask_for_is_in_its_data_file_and_every_list_is_read() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for (file, sources) in [
            (
                &WORDS,
                &[
                    "intake/amounts.rs",
                    "intake/dates.rs",
                    "intake/mod.rs",
                    "intake/money.rs",
                    "intake/read.rs",
                    "intake/rows.rs",
                    "intake/segment.rs",
                ][..],
            ),
            (&crate::place::resolver::WORDS, &["place/resolver.rs"][..]),
        ] {
            let mut asked = Vec::new();
            for f in sources {
                let source = std::fs::read_to_string(dir.join(f)).expect("source file");
                asked.extend(names_asked(&source));
            }
            for name in file.lists().keys() {
                assert!(
                    asked.iter().any(|a| a == name),
                    "list `{name}` is read by no code"
                );
            }
            for name in &asked {
                assert!(
                    !file.list(name).is_empty(),
                    "list `{name}` is missing or empty"
                );
            }
        }
    }

    #[test]
    fn a_word_with_a_space_is_read_from_its_quotes() {
        assert!(WORDS.list("line.forward").contains(&"—— "));
        assert!(WORDS.list("amount.order_summary").contains(&"运费:"));
    }

    fn facts(text: &str) -> Facts {
        // The reader's own tests read with the bundled shop's words.
        let policy = crate::policy::Policy::bundled().expect("bundled policy");
        Intake::new(&policy.words())
            .extract_on(text, NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"))
            .expect("facts")
    }

    fn money(f: &Option<Found<crate::money::Money>>) -> Option<String> {
        f.as_ref().map(|p| p.value.to_string())
    }

    #[test]
    fn full_width_digits_and_yuan_sign() {
        let f = facts("实付款：￥８９．００");
        assert_eq!(money(&f.price), Some("89.00".into()));
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
    fn the_ask_comes_from_the_buyer_and_the_offer_from_the_shop() {
        let f = facts("客服:亲,给您优惠8元可以吗\n买家:太少了,至少15");
        assert_eq!(money(&f.offered), Some("8.00".into()));
        assert_eq!(money(&f.ask), Some("15.00".into()));
        let f = facts("买家:补25吧\n客服:最多给您10元\n买家:那就10块吧");
        assert_eq!(money(&f.ask), Some("10.00".into()));
        assert_eq!(f.earlier_asks.len(), 1);
    }

    #[test]
    fn an_unlabelled_amount_is_never_the_price() {
        let f = facts("买家:鞋子脏了,返现10元吧");
        assert_eq!(f.price, None);
        assert_eq!(money(&f.ask), Some("10.00".into()));
    }

    #[test]
    fn the_buyers_account_of_the_cause_beats_the_refund_reason() {
        let f = facts("退款原因:商品质量问题\n退款说明:放洗衣机洗了一次就开胶了");
        assert_eq!(f.defect.map(|d| d.value), Some(Defect::Misuse));
        assert_eq!(
            f.refund_reason.map(|r| r.value),
            Some("商品质量问题".into())
        );
    }

    #[test]
    fn stated_fault_and_threats() {
        let f = facts("买家:鞋底裂了,是我自己弄坏的,不过不处理我就投诉");
        assert_eq!(f.fault.map(|x| x.value), Some(Fault::Buyer));
        assert_eq!(
            f.threats.iter().map(|t| t.value).collect::<Vec<_>>(),
            vec![Threat::Complaint]
        );
    }

    #[test]
    fn traditional_quotes_the_original_text() {
        let f = facts("收貨地址:新疆維吾爾自治區烏魯木齊市");
        let p = f.province.expect("province");
        assert_eq!(p.value, "新疆");
        assert!(p.source.contains("新疆維吾爾自治區"), "{}", p.source);
    }
}
