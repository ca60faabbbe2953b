//! Amounts in text: `¥2,399.00`, `¥ 0.00`, `89元`, `15块钱`, `十五块`,
//! `一百五`, `两三块`, ranges (`10到15`, `10-15元`). A number counts as money
//! only with a currency sign, a unit, or a money word right before it; digits
//! that belong to a phone or order number, a size (38码), a date, a time, an
//! address (123号) or a count are never money.

use super::WORDS;
use crate::text::{WordList, starts_with_bytes};
use rust_decimal::Decimal;
use std::ops::Range;

/// An amount found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// The amount (the low end of a range).
    pub value: Decimal,
    /// The high end, for a range.
    pub high: Option<Decimal>,
    /// Where it is, sign and unit included.
    pub span: Range<usize>,
    /// Written with ¥ or a unit (元, 块, 块钱).
    pub marked: bool,
}

/// Units after an amount.
static UNITS: WordList = WordList::named(&WORDS, "money.unit");
/// What digits are, when these follow them: not money.
static NOT_MONEY: WordList = WordList::named(&WORDS, "money.not_after");

/// Builds the word matcher now, so a caller can do it on another thread.
pub(super) fn warm_up() {
    NOT_MONEY.phrases();
}

/// Finds every amount in `text`; spans are offset by `base`.
pub fn amounts(text: &str, base: usize) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        // Only ¥, a digit or a Chinese numeral starts an amount: jump to the next one.
        match text[i..].find(|c: char| c == '¥' || c.is_ascii_digit() || is_cn_digit(c)) {
            Some(k) => i += k,
            None => break,
        }
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let sign = c == '¥';
        // 两三块: a range written as two neighbouring Chinese digits.
        if !sign && let Some(a) = chinese_pair_at(text, i, base) {
            i = a.span.end - base;
            out.push(a);
            continue;
        }
        let start_num = if sign {
            i + c.len_utf8()
                + (rest[c.len_utf8()..].len() - rest[c.len_utf8()..].trim_start().len())
        } else {
            i
        };
        let Some((value, len, is_arabic)) = number_at(text, i, start_num, sign, c) else {
            i += c.len_utf8();
            continue;
        };
        let end = start_num + len;
        if !is_money(text, start_num, end, sign, is_arabic) {
            i = end;
            continue;
        }
        // 11-10 第三次问了: falling and a month then a day, it is a date, not 10 to 11.
        if is_arabic && let Some(date_end) = falling_day_pair(text, end, value) {
            i = date_end;
            continue;
        }
        let a = with_range_and_unit(text, i, end, value, sign || currency_before(text, i));
        i = a.span.end;
        out.push(Amount {
            span: base + a.span.start..base + a.span.end,
            ..a
        });
    }
    out
}

/// 两三块 at byte `i`: two neighbouring Chinese digits and a money unit.
fn chinese_pair_at(text: &str, i: usize, base: usize) -> Option<Amount> {
    let (lo, hi, len) = chinese_pair(&text[i..])?;
    let mut end = i + len;
    let after = &text[end..];
    let after_t = after.trim_start_matches(' ');
    if let Some(u) = UNITS.words().iter().find(|u| starts_with_bytes(after_t, u)) {
        end += after.len() - after_t.len() + u.len();
    }
    Some(Amount {
        value: lo,
        high: Some(hi),
        span: base + i..base + end,
        marked: true,
    })
}

/// The number at `start_num` (after a ¥ at `i`, if `sign`; `c` is the
/// character at `i`): its value, length and whether it is written in digits.
fn number_at(
    text: &str,
    i: usize,
    start_num: usize,
    sign: bool,
    c: char,
) -> Option<(Decimal, usize, bool)> {
    let prev = text[..i].chars().next_back();
    if text[start_num..].starts_with(|c: char| c.is_ascii_digit()) {
        // Digits glued to letters or other digits belong to something else.
        if !sign
            && prev.is_some_and(|p| {
                p.is_ascii_alphanumeric() || matches!(p, '*' | '#' | '.' | '-' | '/' | ':' | '_')
            })
        {
            None
        } else {
            arabic(&text[start_num..]).map(|(v, n)| (v, n, true))
        }
    } else if !sign && is_cn_digit(c) {
        chinese(&text[start_num..])
            .filter(|(v, n)| !a_piece(&text[start_num..], *v, *n))
            .map(|(v, n)| (v, n, false))
    } else {
        None
    }
}

/// Whether the number at `start_num..end` can be money: not followed by a
/// unit that is not money (38码) or by glued digits and letters, not 12315,
/// not a phone, order or tracking number.
fn is_money(text: &str, start_num: usize, end: usize, sign: bool, is_arabic: bool) -> bool {
    let after = &text[end..];
    let after_t = after.trim_start_matches(' ');
    // ¥199 包邮: with its sign, a sum is money whatever word follows after a space.
    let spaced_sign = sign && after_t.len() < after.len();
    if !after_t.starts_with("天猫")
        && !after_t.starts_with("包邮")
        && !spaced_sign
        && NOT_MONEY.starts(after_t)
        || (is_arabic
            && after.starts_with(|c: char| {
                (c.is_ascii_alphanumeric() || c == '*' || c == '#' || c == '_')
                    && c != 'r'
                    && c != 'k'
            }))
        || (is_arabic && after.starts_with(['-', '/', ':', '.']) && !range_follows(after))
    {
        return false;
    }
    // 12315 is the consumer hotline, not an amount.
    if is_arabic && &text[start_num..end] == "12315" {
        return false;
    }
    // A long run of digits is a phone, order or tracking number.
    !(is_arabic
        && text[start_num..end]
            .chars()
            .filter(|c| c.is_ascii_digit())
            .count()
            > 7)
}

/// 人民币五十, RMB 50: the currency named before byte `i` marks the number as money.
fn currency_before(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches(' ');
    before.ends_with("人民币")
        || before
            .get(before.len().saturating_sub(3)..)
            .is_some_and(|b| b.eq_ignore_ascii_case("rmb"))
}

/// Where a month-day pair ends (11-10), when `value` at `end` starts one that
/// falls: a range never falls, a date of the year does.
fn falling_day_pair(text: &str, end: usize, value: Decimal) -> Option<usize> {
    let (sep, hi, hi_len) = range_end(&text[end..])?;
    (hi < value && month_day(value, hi) && !text[end..].starts_with(['到', '至']))
        .then_some(end + sep + hi_len)
}

/// Whether two whole numbers can be a month and a day of it (11 and 19 in 11-19).
pub(super) fn month_day(month: Decimal, day: Decimal) -> bool {
    month.fract().is_zero()
        && day.fract().is_zero()
        && month >= Decimal::ONE
        && month <= Decimal::from(12)
        && day <= Decimal::from(31)
}

/// The amount starting at byte `i` whose number ends at `end`, with the high
/// end of a range (10到15, 10-15, 十到十五) and the unit after it.
fn with_range_and_unit(
    text: &str,
    i: usize,
    mut end: usize,
    value: Decimal,
    mut marked: bool,
) -> Amount {
    let mut high = None;
    if let Some((sep, hi, hi_len)) = range_end(&text[end..]) {
        high = Some(hi);
        end += sep + hi_len;
    }
    let after = &text[end..];
    let after_t = after.trim_start_matches(' ');
    // RMB as well as rmb, without lower-casing the rest of the line.
    if let Some(u) = UNITS.words().iter().find(|u| {
        after_t
            .as_bytes()
            .get(..u.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(u.as_bytes()))
    }) {
        marked = true;
        end += after.len() - after_t.len() + u.len();
    }
    // 两三块: two to three.
    let (value, high) = match high {
        Some(h) if h < value => (h, Some(value)),
        other => (value, other),
    };
    Amount {
        value,
        high,
        span: i..end,
        marked,
    }
}

/// Whether a range separator and a number follow.
fn range_follows(after: &str) -> bool {
    range_end(after).is_some()
}

/// A range's separator length, its high end and the high end's length.
fn range_end(after: &str) -> Option<(usize, Decimal, usize)> {
    for sep in ["到", "至", "-", "~", "～", "—"] {
        if let Some(rest) = after.strip_prefix(sep) {
            let rest_t = rest.trim_start();
            let pad = rest.len() - rest_t.len();
            let hi = arabic(rest_t)
                .or_else(|| chinese(rest_t))
                .filter(|(_, n)| {
                    // Not a date or a phone: 11-18 14:02, 138-1234-5678.
                    let after = &rest_t[*n..];
                    let time_next = after.trim_start().split_once(':').is_some_and(|(h, _)| {
                        !h.is_empty() && h.len() <= 2 && h.bytes().all(|b| b.is_ascii_digit())
                    });
                    !(after.starts_with(['-', '/', ':']) || sep != "到" && sep != "至" && time_next)
                })?;
            return Some((sep.len() + pad, hi.0, hi.1));
        }
    }
    None
}

/// Digits with thousands separators and up to two decimals: `2,399.00`, `89`, `12.5`.
fn arabic(t: &str) -> Option<(Decimal, usize)> {
    let b = t.as_bytes();
    let mut i = 0;
    // The digits as an integer, read without allocating: a paste has a dozen numbers.
    let mut mantissa: u128 = 0;
    let mut digits = 0;
    let mut push = |d: u8| -> Option<()> {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(u128::from(d - b'0'))?;
        Some(())
    };
    while i < b.len() {
        match b[i] {
            d @ b'0'..=b'9' => {
                push(d)?;
                digits += 1;
                i += 1;
            }
            // A thousands separator is followed by exactly three digits.
            b',' if digits > 0
                && b.len() >= i + 4
                && b[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit()) =>
            {
                i += 1;
            }
            _ => break,
        }
    }
    if digits == 0 {
        return None;
    }
    let mut scale = 0;
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let mut j = i + 1;
        while j < b.len() && b[j].is_ascii_digit() {
            push(b[j])?;
            scale += 1;
            j += 1;
        }
        if scale > 2 {
            return None;
        }
        i = j;
    }
    let mantissa = i128::try_from(mantissa).ok()?;
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .ok()
        .map(|d| (d, i))
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
    )
}

pub(super) fn cn_value(c: char) -> Option<u32> {
    Some(match c {
        '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A Chinese numeral: 十五, 二十五, 八十九, 一百五 (150), 一百零五, 两千三 (2300).
/// Only read when a unit follows or it is long enough to be a number: a lone
/// 一 or 两 is a word (一只, 两双).
fn chinese(t: &str) -> Option<(Decimal, usize)> {
    let mut total: u32 = 0;
    let mut current: u32 = 0;
    let mut last_unit: u32 = 1;
    let mut len = 0;
    let mut chars = 0;
    let mut saw_digit_after_unit = false;
    for c in t.chars() {
        if let Some(v) = cn_value(c) {
            // 两三 (two or three): the second digit starts a range, handled by the caller.
            if current > 0 && chars > 0 && last_unit == 1 && !saw_digit_after_unit {
                break;
            }
            current = v;
            saw_digit_after_unit = last_unit > 1;
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => break,
            };
            let n = if current == 0 && unit == 10 {
                1
            } else {
                current
            };
            total += n * unit;
            current = 0;
            last_unit = unit;
            saw_digit_after_unit = false;
        }
        len += c.len_utf8();
        chars += 1;
    }
    if chars == 0 {
        return None;
    }
    // 一百五 is 150, 两千三 is 2300: a trailing digit counts in the unit below the last.
    let value =
        if current > 0 && last_unit >= 100 && saw_digit_after_unit && !t[..len].contains('零') {
            total + current * (last_unit / 10)
        } else {
            total + current
        };
    let rest = &t[len..];
    let rest_t = rest.trim_start();
    let unit_follows = UNITS.words().iter().any(|u| starts_with_bytes(rest_t, u));
    let two_cn = chars >= 2;
    let range = ["到", "至"].iter().any(|s| rest.starts_with(s)) && value >= 10;
    if value == 0 || !(unit_follows || two_cn || range) {
        return None;
    }
    Some((Decimal::from(value), len))
}

/// 一块污渍, 两块皮: 块 as a measure word, not yuan (一块钱 is money).
fn a_piece(t: &str, value: Decimal, len: usize) -> bool {
    value <= Decimal::from(2) && t[len..].starts_with('块') && !t[len..].starts_with("块钱")
}

/// 两三块 and 三四十: a two-digit Chinese range, as (low, high, length).
pub fn chinese_pair(t: &str) -> Option<(Decimal, Decimal, usize)> {
    let mut it = t.chars();
    let a = cn_value(it.next()?)?;
    let b = cn_value(it.next()?)?;
    if b != a + 1 {
        return None;
    }
    let len = t.chars().take(2).map(char::len_utf8).sum::<usize>();
    let rest = &t[len..];
    let (scale, extra) = if rest.starts_with('十') {
        (10, '十'.len_utf8())
    } else if rest.starts_with('百') {
        (100, '百'.len_utf8())
    } else {
        (1, 0)
    };
    let rest_t = rest[extra..].trim_start();
    UNITS
        .words()
        .iter()
        .any(|u| starts_with_bytes(rest_t, u))
        .then(|| {
            (
                Decimal::from(a * scale),
                Decimal::from(b * scale),
                len + extra,
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(t: &str) -> Vec<(String, Option<String>, bool)> {
        amounts(t, 0)
            .into_iter()
            .map(|a| (a.value.to_string(), a.high.map(|h| h.to_string()), a.marked))
            .collect()
    }

    #[test]
    fn money_in_its_many_forms() {
        assert_eq!(
            values("实付款 ¥2,399.00"),
            vec![("2399.00".into(), None, true)]
        );
        assert_eq!(values("运费:¥ 0.00"), vec![("0.00".into(), None, true)]);
        assert_eq!(values("补我15块钱"), vec![("15".into(), None, true)]);
        assert_eq!(values("十五块"), vec![("15".into(), None, true)]);
        assert_eq!(values("给一百五吧"), vec![("150".into(), None, false)]);
        assert_eq!(values("八十九块"), vec![("89".into(), None, true)]);
        assert_eq!(
            values("10到15"),
            vec![("10".into(), Some("15".into()), false)]
        );
        assert_eq!(
            values("补10-15元"),
            vec![("10".into(), Some("15".into()), true)]
        );
    }

    #[test]
    fn numbers_that_are_not_money() {
        assert!(values("穿38码 解放路123号 13812345678 订单3712345678901234567").is_empty());
        assert!(values("11-18 14:02 签收").is_empty());
        assert!(values("一只大一只小 两双").is_empty());
        assert!(values("2026-11-18").is_empty());
    }

    #[test]
    fn two_or_three_yuan() {
        assert_eq!(
            chinese_pair("两三块"),
            Some((Decimal::from(2), Decimal::from(3), 6))
        );
        assert_eq!(
            chinese_pair("三四十块"),
            Some((Decimal::from(30), Decimal::from(40), 9))
        );
    }
}
