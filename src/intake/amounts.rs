//! Amounts in a placed paste: the price paid only from a price label (实付款
//! over 订单金额 over 商品总价), 包邮 from the shipping fee, the buyer's ask only
//! from the buyer's turns (the latest wins, earlier ones are kept), and what
//! the shop already offered only from the shop's turns.

use rust_decimal::Decimal;

use super::WORDS;
use super::facts::{Facts, Found};
use super::money::{Amount, amounts};
use super::rows::naming_phrases;
use super::segment::{Field, Line, Segment, Speaker};
use crate::case::{Defect, RefundType, Stage};
use crate::money::Money;
use crate::text::{Text, WordList, after_last, holds_any};

/// Words right before an amount that make it an ask or an offer.
static MONEY_VERBS: WordList = WordList::named(&WORDS, "amount.verb");
/// Common verbs that make an amount money only with a unit or 吧/就行 after it
/// (给您换40 is a size, 给12就行 an ask).
static WEAK_VERBS: WordList = WordList::named(&WORDS, "amount.weak_verb");

/// Words before an amount that make it a price, not an ask.
static PRICE_WORDS: WordList = WordList::named(&WORDS, "amount.price_before");

/// Asking words right before a priced amount that make it an ask after all (优惠39).
static NOT_PRICE_NEAR: WordList = WordList::named(&WORDS, "amount.ask_near");

/// Words right before an amount that make it the whole price refunded (退款 全额149).
static WHOLE_PRICE: WordList = WordList::named(&WORDS, "amount.whole_price");

/// Words after an amount that make it a price.
static PRICE_AFTER: WordList = WordList::named(&WORDS, "amount.price_after");

/// Words before an amount that make it a shipping fee.
static FEE_WORDS: WordList = WordList::named(&WORDS, "amount.fee_before");

/// Words after a bare number that make it an amount asked for (18吧, 15就行).
static ASK_AFTER: WordList = WordList::named(&WORDS, "amount.ask_after");

/// Words before an amount in a note that make it the shop's offer (已给3块).
static OFFERED_IN_NOTE: WordList = WordList::named(&WORDS, "amount.offered_note");

/// Words after an amount that make it money offered or asked (10元补偿, 5元红包).
static MONEY_AFTER: WordList = WordList::named(&WORDS, "amount.money_after");

/// Words just before a bare number that make it a shoe size (换38, 平时穿40,
/// 拍的39, 左脚37): with no unit it is a size, not money.
static SIZE_BEFORE: WordList = WordList::named(&WORDS, "amount.size_before");
/// Around a sum in the agent's note: the shop's limit (最多10, 15以下).
static LIMITS: WordList = WordList::named(&WORDS, "amount.limit");
/// Right before: a size or a length in any system, never money (英码是8, 内长25).
static MEASURE_BEFORE: WordList = WordList::named(&WORDS, "amount.measure_before");

/// Words in a line that make its bare numbers in the range of sizes sizes
/// (37偏小 想换38, 两个码都拍了 30的想退掉).
static SIZE_TALK: WordList = WordList::named(&WORDS, "amount.size_talk");

/// Words before a sum that tell what was paid, not what is asked.
static STATEMENT_BEFORE: WordList = WordList::named(&WORDS, "amount.statement");

/// Words right before a number that make it a count (数量 1, ×2).
static COUNT_BEFORE: WordList = WordList::named(&WORDS, "amount.count_before");

/// Words that make a buyer's amount a rejection of the shop's offer (你说的3块太少了).
static REJECTION: WordList = WordList::named(&WORDS, "amount.rejection");

/// How far either side of an amount its clause is read, in bytes (40 Chinese characters).
const CONTEXT_BYTES: usize = 120;

/// An amount with the words around it in its clause.
struct Context<'t> {
    amount: Amount,
    before: &'t str,
    after: &'t str,
    clause: &'t str,
    /// The rest of the line after the amount, past its clause's end (3块？).
    rest: &'t str,
}

/// Every amount of a line, with its clause and the words either side.
fn in_line<'t>(line: &'t Line) -> Vec<Context<'t>> {
    let t = line.text;
    let found = amounts(t, line.span.start);
    if found.is_empty() {
        return Vec::new();
    }
    let ends: &[char] = &[',', '，', '。', '!', '！', '?', '？', ';', '；', '~'];
    // Where the line's clauses end, found once: each amount then looks its clause
    // up instead of scanning its window, so a long line with many sums stays linear.
    let stops: Vec<(usize, usize)> = t
        .match_indices(ends)
        .map(|(i, m)| (i, i + m.len()))
        .collect();
    found
        .into_iter()
        .map(|a| {
            let start = a.span.start - line.span.start;
            let end = a.span.end - line.span.start;
            // The words around an amount are read within a window of its clause
            // (40 characters either side): a paste of one long unpunctuated line
            // is then read in time linear in its length.
            let mut lo = start.saturating_sub(CONTEXT_BYTES);
            while !t.is_char_boundary(lo) {
                lo += 1;
            }
            let mut hi = (end + CONTEXT_BYTES).min(t.len());
            while !t.is_char_boundary(hi) {
                hi -= 1;
            }
            // The last clause end before the amount, and the first after it.
            let k = stops.partition_point(|&(i, _)| i < start);
            let clause_start = k
                .checked_sub(1)
                .map(|j| stops[j])
                .filter(|&(i, _)| i >= lo)
                .map_or(lo, |(_, e)| e);
            let clause_end = stops[stops.partition_point(|&(i, _)| i < end)..]
                .first()
                .filter(|&&(i, _)| i < hi)
                .map_or(hi, |&(i, _)| i);
            Context {
                before: &t[clause_start..start],
                after: &t[end..clause_end],
                clause: &t[clause_start..clause_end],
                rest: &t[end..],
                amount: a,
            }
        })
        .collect()
}

/// The last few characters of `s`.
fn tail(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

/// The first few characters of `s`.
fn head(s: &str, n: usize) -> &str {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The words of a sum's sentence before it (from the last 。！？).
fn sentence_before(before: &str) -> &str {
    after_last(before, &['。', '！', '!', '？', '?'])
}

/// Whether a money verb stands right before the amount (a few characters back).
fn verb_before(before: &str) -> bool {
    let near = tail(before.trim_end(), 5);
    // Only the sum's own phrase: …假一赔十”，680块 is a price told after a quote.
    let phrase = after_last(near, &['，', ',', '。', '；', ';', '”', '」']);
    holds_any(phrase, &MONEY_VERBS)
}

fn is_price(c: &Context) -> bool {
    let near = tail(c.before.trim_end(), 5);
    holds_any(near, &PRICE_WORDS) && !holds_any(tail(near, 3), &NOT_PRICE_NEAR)
        || PRICE_AFTER.starts(c.after.trim_start())
        // 就是那双 ¥79的: the one that cost it, ending its phrase (拍40的 is a size).
        || c.amount.marked
            && c.after
            .trim_start()
            .strip_prefix('的')
            .is_some_and(|r| r.is_empty() || r.starts_with([' ', '\u{3000}']))
}

/// A shoe size: a number in the range of sizes (33–47, halves too), without
/// a money unit, right after a word that sizes go with (换38, 平时穿40).
fn is_size(c: &Context) -> bool {
    let v = c.amount.value;
    let whole_or_half = (v * Decimal::TWO).fract().is_zero();
    let adult = v >= Decimal::from(33) && v <= Decimal::from(47);
    // Children's sizes start lower; they count only beside size talk.
    let any = v >= Decimal::from(18) && v <= Decimal::from(47);
    !c.amount.marked
        && whole_or_half
        && (adult && holds_any(tail(c.before.trim_end(), 3), &SIZE_BEFORE)
            // 36的没穿过: the pair of that size.
            || adult && c.after.starts_with('的') && !money_after(c)
            || holds_any(tail(c.before.trim_end(), 4), &MEASURE_BEFORE)
            || any && !verb_before(c.before) && holds_any(c.clause, &SIZE_TALK)
            // 拍错码了 我要38的: a size clause names sizes even after 要.
            || adult && c.clause.contains('码'))
}

/// A count (数量 1, ×2): never money.
fn is_count(c: &Context) -> bool {
    let near = c.before.trim_end();
    COUNT_BEFORE.ends(near)
}

/// Words after the amount that make it money (10元补偿).
fn money_after(c: &Context) -> bool {
    MONEY_AFTER.starts(c.after.trim_start())
}

fn is_fee(c: &Context) -> bool {
    let near = tail(c.before.trim_end(), 6);
    // 不想寄回 要退70: an asking word after the fee word makes the sum an ask.
    let last_fee = FEE_WORDS
        .words()
        .iter()
        .filter_map(|w| near.rfind(w).map(|i| i + w.len()))
        .max();
    last_fee.is_some_and(|end| !holds_any(&near[end..], &NOT_PRICE_NEAR))
}

fn money(d: Decimal) -> Money {
    Money::new(d)
}

/// Reads the price, 包邮 from the fee, the ask and the offer.
pub(super) fn read(text: &Text, lines: &[Line], facts: &mut Facts) {
    // Each line's amounts with their clauses, read once for the price and the asks.
    let found: Vec<Vec<Context>> = lines.iter().map(in_line).collect();
    // An order listed line by line or with `/`: its items, for the price and the asks.
    let pieces = item_pieces(text, lines);
    price(text, lines, &found, &pieces, facts);
    fee(text, lines, facts);
    negotiation(text, lines, &found, &pieces, facts);
    refund_amount(text, lines, facts);
}

/// Price labels as written inside a line, with their rank (0 best).
static PRICE_LABELS: [WordList; 3] = [
    WordList::named(&WORDS, "price_label.0"),
    WordList::named(&WORDS, "price_label.1"),
    WordList::named(&WORDS, "price_label.2"),
];

/// Price labels written after the sum (¥599.00(实付款)): the price paid.
static PAID_AFTER: WordList = WordList::named(&WORDS, "price_label.after");

/// The price from the best price label: 实付款, then 订单金额, then 商品总价 or
/// 单价 — in a field, or written inside a line (宝贝:… 实付 ¥75.00, ¥599.00(实付款));
/// failing those, a ¥ amount in an order line or an agent's note (never the chat).
fn price(
    text: &Text,
    lines: &[Line],
    found: &[Vec<Context>],
    pieces: &[ItemPiece],
    facts: &mut Facts,
) {
    let mut best: Option<(u8, usize, Amount)> = None;
    let consider = |best: &mut Option<(u8, usize, Amount)>, r: u8, li: usize, a: Amount| {
        if best.as_ref().is_none_or(|(br, _, _)| r < *br) {
            *best = Some((r, li, a));
        }
    };
    // Whether the price found so far ranks `rank` or better.
    let settled = |best: &Option<(u8, usize, Amount)>, rank: u8| {
        best.as_ref().is_some_and(|(r, _, _)| *r <= rank)
    };
    for (li, l) in lines.iter().enumerate() {
        if let Some(r) = l.field.and_then(price_rank)
            && let Some(a) = amounts_or_plain(l).into_iter().find(|a| !a.value.is_zero())
        {
            consider(&mut best, r, li, a);
        }
        // Labels without a colon, inside any line but the chat's asks. None of these
        // ranks (3 and above) beats a labelled field's, and a later one never beats an
        // earlier of the same rank: once found, such a price ends the search.
        if settled(&best, 3) {
            continue;
        }
        for c in &found[li] {
            if c.amount.value.is_zero() {
                continue;
            }
            let near = tail(
                c.before.trim_end().trim_end_matches([':', '¥']).trim_end(),
                6,
            );
            let after = c.after.trim_start();
            // The best rank: the first list holding a label the text ends with.
            let labelled = PRICE_LABELS
                .iter()
                .zip(0u8..)
                .find(|(labels, _)| labels.ends(near))
                .map(|(_, rank)| rank)
                .or_else(|| PAID_AFTER.starts(after).then_some(0));
            if let Some(r) = labelled {
                consider(&mut best, r + 3, li, c.amount.clone());
            } else if settled(&best, 9) {
                continue;
            } else if l.segment != Segment::Chat
                && c.amount.span.start > l.span.start
                && text.norm[c.amount.span.clone()].starts_with('¥')
                && !is_fee(c)
                && (!verb_before(c.before) || l.segment == Segment::Note && signed_alone(text, c))
            {
                // 订单:软底妈妈鞋 ¥139.00: a price sign in an order line.
                consider(&mut best, 9, li, c.amount.clone());
            } else if l.segment == Segment::Note
                && (c.amount.marked || priced_right_before(c))
                // 我给了十块: money given, not paid.
                && !holds_any(tail(c.before.trim_end(), 4), &OFFERED_IN_NOTE)
                && !holds_any(tail(c.before.trim_end(), 2), &WEAK_VERBS)
                && !is_fee(c)
                && !fee_named_after(c)
                && (!verb_before(c.before) || priced_right_before(c))
            {
                // 淘宝 89元 有图: an amount with a unit in an agent's note, or one a
                // price word names (退了鞋钱九十九).
                consider(&mut best, 10, li, c.amount.clone());
            } else if l.segment == Segment::Chat && is_price(c) && !is_fee(c) && !fee_named_after(c)
            {
                // 199的鞋穿一周就坏, ¥459买个假货: the price as the buyer says it, last.
                consider(&mut best, 11, li, c.amount.clone());
            }
        }
    }
    // Several items, each with its price (宝贝1：… ¥169 / 宝贝2：… ¥39): the price
    // is the item the buyer writes about; when that cannot be told, there is none,
    // and the items' prices are listed as open.
    if let Some(items) = several_items(text, lines, found, pieces) {
        let same = items
            .iter()
            .all(|it| it.amount.value == items[0].amount.value);
        let picked = if same {
            Some(&items[0])
        } else {
            item_in_question(
                text,
                lines,
                &items,
                facts.defect.as_ref().map(|d| &d.source),
            )
        };
        match picked {
            Some(it) => best = Some((0, it.line, it.amount.clone())),
            None => {
                facts.ambiguous.push(super::facts::Ambiguity {
                    fact: crate::case::Fact::Price,
                    source: text.quote(lines[items[0].line].span.clone()),
                    candidates: items
                        .iter()
                        .map(|it| money(it.amount.value).to_string())
                        .collect(),
                    flag: "--price 写上买家说的那件商品的实付金额".into(),
                });
                return;
            }
        }
    }
    if let Some((r, li, a)) = best {
        let l = &lines[li];
        let source = if r < 3 {
            text.quote(l.span.clone())
        } else {
            text.quote(a.span.clone())
        };
        facts.price = Some(Found::new(money(a.value), source, l.segment, l.speaker));
    }
}

/// How good a price field is (0 best): 实付款, then 订单金额, then 单价 or 商品总价.
fn price_rank(f: Field) -> Option<u8> {
    match f {
        Field::Paid => Some(0),
        Field::Total => Some(1),
        Field::ListPrice => Some(2),
        _ => None,
    }
}

/// Whether an amount carries its ¥ and stands alone in its phrase (… 就退货 ¥259 天猫单).
fn signed_alone(text: &Text, c: &Context) -> bool {
    text.norm[c.amount.span.clone()].starts_with('¥')
        && (c.before.is_empty() || c.before.ends_with([' ', '\u{3000}']))
}

/// The order's items when it lists two or more: an order table's rows, title
/// fields each with a ¥ price, else the pieces of a listed order.
fn several_items(
    text: &Text,
    lines: &[Line],
    found: &[Vec<Context>],
    pieces: &[ItemPiece],
) -> Option<Vec<ItemPiece>> {
    // A title line's item: its words are the whole line.
    let titled = |line: usize, amount: Amount| ItemPiece {
        line,
        amount,
        span: lines[line].span.clone(),
    };
    // An order table's rows: each item's title, with its paid cell, else its unit price.
    #[allow(clippy::type_complexity, reason = "reader rework (issue 21)")]
    let mut rows: std::collections::BTreeMap<usize, (Option<usize>, Option<(u8, Amount)>)> =
        std::collections::BTreeMap::new();
    for (li, l) in lines.iter().enumerate() {
        let Some(row) = l.row else { continue };
        let entry = rows.entry(row).or_default();
        match l.field {
            Some(Field::Title) => entry.0 = Some(li),
            Some(f) => {
                let Some(rank) = price_rank(f) else { continue };
                if let Some(a) = amounts_or_plain(l).into_iter().find(|a| !a.value.is_zero())
                    && entry.1.as_ref().is_none_or(|(r, _)| rank < *r)
                {
                    entry.1 = Some((rank, a));
                }
            }
            None => {}
        }
    }
    let table: Vec<ItemPiece> = rows
        .into_values()
        .filter_map(|(title, price)| Some(titled(title?, price?.1)))
        .collect();
    if table.len() >= 2 {
        return Some(table);
    }
    let items: Vec<ItemPiece> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.field == Some(Field::Title))
        .filter_map(|(li, _)| {
            found[li]
                .iter()
                .find(|c| text.norm[c.amount.span.clone()].starts_with('¥'))
                .map(|c| titled(li, c.amount.clone()))
        })
        .collect();
    if items.len() >= 2 {
        return Some(items);
    }
    (pieces.len() >= 2).then(|| pieces.to_vec())
}

/// One item of an order: a title line with its price, or a piece of an order
/// written as a list (① 发光鞋 26码 ×1 ¥99.00, 大人款 37码 ¥109 / 儿童款 26码 ¥79):
/// its line, its price and the words that name it.
#[derive(Debug, Clone)]
struct ItemPiece {
    /// The line it is on.
    line: usize,
    /// Its ¥ price.
    amount: Amount,
    /// Where its words are in the normalised text.
    span: std::ops::Range<usize>,
}

/// The items of an order listed line by line or with `/` between them: a piece of
/// an order line or an agent's note holding one ¥ price and a size, a count or a
/// list mark. A buyer's own turn is never one (两双一共¥398 is what they paid).
fn item_pieces(text: &Text, lines: &[Line]) -> Vec<ItemPiece> {
    let mut out = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        let listing = matches!(l.segment, Segment::Form | Segment::Note)
            || l.segment == Segment::Chat && l.speaker == Some(Speaker::Shop);
        // A labelled discount or fee (店铺优惠 -¥60.00) is no item; a title is.
        let unlabelled = l.field.is_none_or(|f| f == Field::Title);
        if !listing || !unlabelled || !l.text.contains('¥') {
            continue;
        }
        let mut start = 0;
        for piece in l.text.split(['/', '｜', '|']) {
            let at = l.span.start + start;
            start += piece.len() + 1;
            let signed: Vec<Amount> = amounts(piece, at)
                .into_iter()
                .filter(|a| text.norm[a.span.clone()].starts_with('¥') && !a.value.is_zero())
                .collect();
            if let [amount] = signed.as_slice()
                && names_an_item(piece)
            {
                out.push(ItemPiece {
                    line: li,
                    amount: amount.clone(),
                    span: at..at + piece.len(),
                });
            }
        }
    }
    out
}

/// Whether a piece of a line reads as an ordered item: a list mark first, or a
/// size (26码, 16.5cm) or a count (×1, 1件, 2双) in it.
fn names_an_item(piece: &str) -> bool {
    let t = piece.trim_start();
    let marked = t.starts_with(|c: char| ('①'..='⑳').contains(&c))
        // -¥60.00 is a sum taken off, not a list mark.
        || t.starts_with(['-', '•', '·'])
            && !t.chars().nth(1).is_some_and(|c| c == '¥' || c.is_ascii_digit())
        || t.starts_with(|c: char| c.is_ascii_digit())
            && t.trim_start_matches(|c: char| c.is_ascii_digit())
                .starts_with([' ', '.', '、', ')', '）']);
    let mut prev_digit = false;
    let mut counted = false;
    for c in t.chars() {
        if prev_digit && matches!(c, '码' | '件' | '双' | 'c') || matches!(c, '×') {
            counted = true;
            break;
        }
        prev_digit = c.is_ascii_digit();
    }
    marked || counted
}

/// Words that make a name a shop's (旗舰店).
static SHOP_MARKS: WordList = WordList::named(&WORDS, "shop.mark");

/// Who an item is for, each a list of the words that name them (小孩, 儿童款).
static WEARERS: [WordList; 2] = [
    WordList::named(&WORDS, "item.child"),
    WordList::named(&WORDS, "item.adult"),
];

/// The item whose title shares the most two-character words with the buyer's
/// own account (拖鞋线头好多 → 居家棉拖鞋), if exactly one does best.
fn item_in_question<'i>(
    text: &Text,
    lines: &[Line],
    items: &'i [ItemPiece],
    defect_said: Option<&String>,
) -> Option<&'i ItemPiece> {
    // The buyer's words, without the phrases that say an item is fine (袜子那个没事).
    let account: String = lines
        .iter()
        .filter(|l| {
            l.speaker == Some(Speaker::Buyer)
                || l.segment == Segment::Note
                || l.field == Some(Field::RefundNote)
        })
        .flat_map(|l| naming_phrases(l.text))
        // 乐跳跳童鞋旗舰店 heading the paste is the shop's name, not the buyer's words.
        .filter(|phrase| !holds_any(phrase, &SHOP_MARKS))
        .collect::<Vec<_>>()
        .join("\n");
    // The words the problem was read from name the item first (学步鞋鞋面上有一块胶水印子,
    // beside 小白鞋能不能放洗衣机洗啊); the rest of the account breaks a tie.
    // The whole line the problem's quote is from: a quote is cut short (大人那双到…).
    let quote = defect_said.map_or("", |s| s.trim_matches('…'));
    let defect_said: String = naming_phrases(
        lines
            .iter()
            .find(|l| !quote.is_empty() && text.original(l.span.clone()).contains(quote))
            .map_or(quote, |l| l.text),
    )
    .collect::<Vec<_>>()
    .join("\n");
    let defect_said = defect_said.as_str();
    let shared = |it: &ItemPiece, words: &str| {
        let title: Vec<char> = text.norm[it.span.clone()]
            .chars()
            .filter(|c| *c as u32 >= 0x4E00)
            .collect();
        title
            .windows(2)
            .filter(|w| words.contains(&w.iter().collect::<String>()))
            .count()
    };
    // 小孩那双没装 names the 儿童款 though they share no characters: a wearer
    // named in the account and in the title counts like two shared words.
    let wearer = |it: &ItemPiece, words: &str| {
        let title = &text.norm[it.span.clone()];
        2 * WEARERS
            .iter()
            .filter(|w| w.holds(title) && w.holds(words))
            .count()
    };
    let score = |it: &ItemPiece| {
        (
            shared(it, defect_said) + wearer(it, defect_said),
            shared(it, &account) + wearer(it, &account),
        )
    };
    let mut scored: Vec<((usize, usize), &ItemPiece)> =
        items.iter().map(|it| (score(it), it)).collect();
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    match scored.as_slice() {
        [(top, it), (next, _), ..] if top.1 > 0 && top > next => Some(*it),
        _ => None,
    }
}

/// The amounts of a labelled value, where a bare number counts (实付款: 89).
fn amounts_or_plain(l: &Line) -> Vec<Amount> {
    let found = amounts(l.text, l.span.start);
    if !found.is_empty() {
        return found;
    }
    let t = l.text.trim_start_matches(['¥', ' ']);
    let n: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    n.parse::<Decimal>()
        .ok()
        .filter(|d| d.scale() <= 2)
        .map(|value| Amount {
            value,
            high: None,
            span: l.span.clone(),
            marked: false,
        })
        .into_iter()
        .collect()
}

/// 运费 0 is 包邮; a fee above 0 is not.
fn fee(text: &Text, lines: &[Line], facts: &mut Facts) {
    if let Some((free, l)) = free_shipping(text, lines) {
        facts.free_shipping = Some(Found::new(
            free,
            text.quote(l.span.clone()),
            l.segment,
            None,
        ));
    }
}

/// Whether the order was 包邮, and the line that says so.
fn free_shipping<'l, 't>(text: &Text, lines: &'l [Line<'t>]) -> Option<(bool, &'l Line<'t>)> {
    for l in lines.iter().filter(|l| l.field == Some(Field::Fee)) {
        if let Some(a) = amounts_or_plain(l).first() {
            return Some((a.value.is_zero(), l));
        }
        if l.text.contains("包邮") || l.text.contains("免") {
            return Some((true, l));
        }
    }
    // 实付款:¥189.00(含运费¥0.00), 实付 ¥88.00 运费 ¥0.00: the fee inside another
    // line of the order form, or of an agent's note copying it. Not a chat turn:
    // there 运费15 is the postage of a return.
    for l in lines
        .iter()
        .filter(|l| matches!(l.segment, Segment::Form | Segment::Note))
    {
        for a in amounts(l.text, l.span.start) {
            let near = tail(text.norm[l.span.start..a.span.start].trim_end(), 4);
            if (near.contains("运费") || near.contains("邮费")) && !near.contains("险") {
                return Some((a.value.is_zero(), l));
            }
        }
    }
    None
}

/// The buyer's asks and the shop's offers, turn by turn.
fn negotiation(
    text: &Text,
    lines: &[Line],
    found: &[Vec<Context>],
    items: &[ItemPiece],
    facts: &mut Facts,
) {
    let postage = facts
        .defect
        .as_ref()
        .is_some_and(|d| d.value == Defect::Postage);
    let mut asks: Vec<Found<Money>> = Vec::new();
    // A set: a long paste may hold thousands of offers.
    let mut offers: std::collections::BTreeSet<Money> = std::collections::BTreeSet::new();
    // An order's listed items (2 亲子鞋儿童款 29码 ¥89.00) hold its prices and sizes, no asks.
    let listed = |c: &Context| items.iter().any(|p| p.span.contains(&c.amount.span.start));
    for (li, l) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| matches!(l.field, None | Some(Field::RefundNote | Field::Note)))
    {
        let (shop, buyer_side) = sides(l);
        if !shop && !buyer_side {
            continue;
        }
        for c in &found[li] {
            // 11.16签收的: a day, not money; nor a note headed 11-19.
            if !c.amount.marked
                && (super::dates::starts_date(&text.norm[c.amount.span.start..l.span.end])
                    || l.segment == Segment::Note && heading_day(text, l, c))
                || listed(c)
            {
                continue;
            }
            let Some(side) = said_as(text, l, c, postage) else {
                continue;
            };
            let value = money(c.amount.value);
            let said = || {
                Found::new(
                    value,
                    text.quote(c.amount.span.clone()),
                    l.segment,
                    l.speaker,
                )
                .guessed(l.speaker_guessed)
            };
            if side == Side::Offer {
                offers.insert(value);
                facts.offered = Some(said());
            } else {
                // 你说的3块太少了, 就3块啊。。。: the shop's own figure said back in
                // complaint turns it down; said back agreeing (5块就5块) it is the ask.
                let complains = c
                    .rest
                    .trim_start()
                    .starts_with(['啊', '呀', '？', '?', '…', '。']);
                if offers.contains(&value) && (complains || REJECTION.holds(c.clause)) {
                    continue;
                }
                asks.push(said());
            }
        }
    }
    facts.ask = asks.pop();
    facts.earlier_asks = asks;
}

/// Who a sum in a line of the negotiation is said by, as money: the shop's offer
/// (or one the agent notes), the buyer's ask, or no money asked or offered at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// The shop offers it.
    Offer,
    /// The buyer asks for it.
    Ask,
}

/// Whether a line speaks for the shop, and whether for the buyer's side (a buyer's
/// turn, an agent's note, the refund's explanation).
fn sides(l: &Line) -> (bool, bool) {
    let buyer_side = match l.segment {
        Segment::Chat => l.speaker == Some(Speaker::Buyer),
        Segment::Note => true,
        Segment::Refund => l.field == Some(Field::RefundNote),
        Segment::Form => false,
    };
    (l.speaker == Some(Speaker::Shop), buyer_side)
}

/// Whether a sum is an offer, an ask, or neither (a date, a price, a size, a fee…).
fn said_as(text: &Text, l: &Line, c: &Context, postage: bool) -> Option<Side> {
    let (shop, buyer_side) = sides(l);
    // 30 不给就差评, 18吧, 十五: a bare number the buyer says is an amount asked for.
    // A chat's spaces end its phrases as commas do (4块太少了 6块 不行我就退了),
    // for a sum with its unit: a bare number after a space may be a zip code.
    let phrase = c.before.rsplit([' ', '\u{3000}']).next().unwrap_or("");
    // A sum alone in its phrase answers a figure just turned down (… 太少了 6块);
    // in an order line or a note (浅蓝  ¥199 付款10-16) it is no ask.
    let answers = l.segment == Segment::Chat
        && c.before.len() > phrase.len()
        && REJECTION.holds(&c.before[..c.before.len() - phrase.len()]);
    let starts = if c.amount.marked && answers {
        phrase
    } else {
        c.before
    };
    let asks_after = || ASK_AFTER.starts(c.after.trim_start());
    let near = c.before.trim_end();
    // 运费垫了15块, 寄回去花了18块: in a postage claim the buyer's fee is what they ask back.
    let claimed_fee = postage && buyer_side && is_fee(c);
    let bare = || buyer_side && (starts.trim().is_empty() || asks_after());
    let weak_verb = || holds_any(tail(near, 3), &WEAK_VERBS);
    // 已报价10 in a note: the shop's offer, told by the agent.
    let noted_offer = || l.segment == Segment::Note && holds_any(tail(near, 4), &OFFERED_IN_NOTE);
    // Each test below is asked only when the ones before it said no: a long
    // paste holds many sums, and most are settled by the first tests.
    let money_like =
        // The shop's marked sums are offers.
        shop && c.amount.marked
        // In the buyer's own turn a sum with its unit is an ask (那8块 8块总行了吧)
        // unless it is told as what was paid (两双一共¥398, 运费花了12块).
        || l.segment == Segment::Chat
            && c.amount.marked
            && !holds_any(tail(near, 4), &STATEMENT_BEFORE)
            // 买的那双“…”，680块: the price of what the sentence says was bought.
            && !holds_any(sentence_before(c.before), &PRICE_WORDS)
        // The buyer's side names a sum in many statements (两双一共¥398, 运费12块):
        // only an asking word around it makes it an ask.
        || verb_before(c.before)
        || money_after(c)
        || bare()
        || weak_verb() && (c.amount.marked || asks_after())
        || claimed_fee
        || noted_offer();
    // 6、4013041100…: a list's number, not a sum.
    let listed =
        !c.amount.marked && c.before.trim().is_empty() && c.after.starts_with(['、', ')', '）']);
    // 其他地区最多10, (规矩是15以下) in the agent's note: the shop's limit, no ask.
    let limit = l.segment == Segment::Note
        && (holds_any(tail(near, 5), &LIMITS) || LIMITS.opens(c.after.trim_start()));
    if !money_like
        || listed
        || limit
        || is_price(c) && !claimed_fee
        || is_size(c)
        || is_count(c)
        || c.amount.value.is_zero()
        || discount(c)
    {
        return None;
    }
    // 退款 全额149: the whole price refunded, not a sum asked on top.
    if holds_any(tail(c.before.trim_end(), 3), &WHOLE_PRICE) {
        return None;
    }
    // 优惠券:-¥30 实付 ¥99 in a note: an order's money, no ask.
    if l.segment == Segment::Note && order_summary(tail(c.before, 8)) {
        return None;
    }
    if is_fee(c) && !claimed_fee {
        return None;
    }
    // 说不补就退货 ¥259 in a note: a signed sum standing alone is the order's price.
    if l.segment == Segment::Note && signed_alone(text, c) {
        return None;
    }
    Some(if shop || noted_offer() {
        Side::Offer
    } else {
        Side::Ask
    })
}

/// A month and a day heading a note line (售后备注 11-19): a date, not 11 to 19.
fn heading_day(text: &Text, l: &Line, c: &Context) -> bool {
    let Some(high) = c.amount.high else {
        return false;
    };
    text.norm[l.span.start..c.amount.span.start]
        .trim()
        .is_empty()
        && super::money::month_day(c.amount.value, high)
}

/// Whether a price word stands right before an amount (鞋钱九十九, not 一双男的43).
fn priced_right_before(c: &Context) -> bool {
    holds_any(tail(c.before.trim_end(), 2), &PRICE_WORDS)
}

/// Whether the words right after an amount name it a fee (花了我十块钱运费).
fn fee_named_after(c: &Context) -> bool {
    holds_any(head(c.after, 3), &FEE_WORDS)
}

/// A line that lists an order's money (实付, 商品总价, 优惠券): its amounts are no asks.
fn order_summary(t: &str) -> bool {
    holds_any(t, &ORDER_SUMMARY)
}

/// Words of a line that lists an order's money.
static ORDER_SUMMARY: WordList = WordList::named(&WORDS, "amount.order_summary");

/// A discount written as a negative amount (优惠 -¥19.00).
fn discount(c: &Context) -> bool {
    c.before.trim_end().ends_with('-')
}

/// The refund request's amount: the price of a full refund when no price is
/// given, or the buyer's ask when it is part of the price.
fn refund_amount(text: &Text, lines: &[Line], facts: &mut Facts) {
    let Some(l) = lines.iter().find(|l| l.field == Some(Field::RefundAmount)) else {
        return;
    };
    let Some(a) = amounts_or_plain(l).into_iter().find(|a| !a.value.is_zero()) else {
        return;
    };
    let value = money(a.value);
    let kind = facts.refund_type.as_ref().map(|t| t.value);
    let unshipped = facts
        .stage
        .as_ref()
        .is_some_and(|s| s.value == Stage::Unshipped)
        || facts.defect.as_ref().is_some_and(|d| {
            matches!(
                d.value,
                Defect::OutOfStock | Defect::LateShipment | Defect::MistakenOrder
            )
        });
    match &facts.price {
        // Less than was paid, with nothing sent back: that part is what the buyer asks.
        Some(p)
            if value < p.value && kind == Some(RefundType::RefundOnly) && facts.ask.is_none() =>
        {
            facts.ask = Some(Found::new(
                value,
                text.quote(l.span.clone()),
                l.segment,
                None,
            ));
        }
        Some(_) => {}
        // A full refund before shipping, or of a return, is the price paid.
        None if unshipped || kind == Some(RefundType::ReturnRefund) => {
            facts.price = Some(Found::new(
                value,
                text.quote(l.span.clone()),
                l.segment,
                None,
            ));
        }
        None => {}
    }
}
