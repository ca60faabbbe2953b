//! Dates in text: `2026-11-18 14:02`, `2026/11/18`, `2026年11月18日`,
//! `11-18 14:02` and `11月18日` (the year from the paste or today), and the
//! relative words 今天, 昨天, 前天 counted from the day the chat was written.

use chrono::{Datelike, Duration, NaiveDate};
use std::ops::Range;

use super::WORDS;
use super::facts::{Facts, Found as Fact};
use super::segment::{Field, Line};
use crate::text::{Text, WordList};

/// Reads when the buyer signed, asked, paid and when the trade completed.
pub(super) fn read(text: &Text, lines: &[Line], today: NaiveDate, facts: &mut Facts) {
    let (found, written) = by_line(text, lines, today);
    in_fields(text, lines, &found, facts);
    after_labels(text, lines, &found, facts);
    if facts.signed_at.is_none() {
        signed_in_words(text, lines, &found, written, facts);
    }
}

/// Each line's dates, and the day the chat was written (昨天 counts from it).
fn by_line(text: &Text, lines: &[Line], today: NaiveDate) -> (Vec<Vec<Found>>, NaiveDate) {
    // The whole text's dates, read once: they give the year of dates written
    // without one, the day the chat was written, and each line's dates.
    let in_this_year = dates(&text.norm, 0, today.year());
    let year = latest_year(&in_this_year, today);
    let all = if year == today.year() {
        in_this_year
    } else {
        dates(&text.norm, 0, year)
    };
    // 昨天 counts from the day the chat was written: the latest date in the paste, if any.
    let written = all
        .iter()
        .map(|d| d.date)
        .filter(|d| *d <= today)
        .max()
        .unwrap_or(today);
    let found = lines
        .iter()
        .map(|l| {
            // `all` is in text order: a line's dates are found by halving, so a
            // paste of many fields on one line is not read once per field.
            let lo = all.partition_point(|d| d.span.start < l.span.start);
            let hi = all.partition_point(|d| d.span.start < l.span.end);
            let inside = &all[lo..hi.max(lo)];
            if inside.iter().all(|d| d.span.end <= l.span.end) {
                inside.to_vec()
            } else {
                // A date whose time runs on past the line: read the line alone.
                dates(l.text, l.span.start, year)
            }
        })
        .collect();
    (found, written)
}

/// A date as a fact, quoted from its line.
fn fact(text: &Text, l: &Line, d: &Found) -> Fact<String> {
    Fact::new(
        d.text(),
        text.quote(l.span.start.min(d.span.start)..d.span.end),
        l.segment,
        l.speaker,
    )
}

/// The first date of each date field (签收时间, 付款时间 …, an order state of 已签收).
fn in_fields(text: &Text, lines: &[Line], found: &[Vec<Found>], facts: &mut Facts) {
    for (l, ds) in lines.iter().zip(found) {
        let slot = match l.field {
            Some(Field::SignedAt) => &mut facts.signed_at,
            Some(Field::RequestedAt) => &mut facts.requested_at,
            Some(Field::PaidAt) => &mut facts.paid_at,
            Some(Field::CompletedAt) => &mut facts.completed_at,
            Some(Field::Status) if l.text.contains("签收") => &mut facts.signed_at,
            Some(Field::Status) if l.text.contains("交易成功") => &mut facts.completed_at,
            _ => continue,
        };
        if slot.is_none()
            && let Some(d) = ds.first()
        {
            *slot = Some(fact(text, l, d));
            // 确认收货时间 2026-11-05 filled in: the deal is done.
            if l.field == Some(Field::CompletedAt)
                && facts
                    .stage
                    .as_ref()
                    .is_none_or(|s| s.value < crate::case::Stage::Completed)
            {
                facts.stage = Some(Fact::new(
                    crate::case::Stage::Completed,
                    text.quote(l.span.clone()),
                    l.segment,
                    l.speaker,
                ));
            }
        }
    }
}

/// 申请时间 2026-11-19 23:51 | 付款时间 11-14 09:30: a label without a colon before a date.
fn after_labels(text: &Text, lines: &[Line], found: &[Vec<Found>], facts: &mut Facts) {
    for (l, ds) in lines.iter().zip(found) {
        for d in ds {
            let before = &text.norm[l.span.start..d.span.start];
            let near: String = before
                .chars()
                .rev()
                .take(8)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let slot = if near.contains("申请") {
                &mut facts.requested_at
            } else if near.contains("付款") || near.contains("支付") {
                &mut facts.paid_at
            } else if near.contains("成交") || near.contains("交易成功") {
                &mut facts.completed_at
            } else if near.contains("签收") && !near.contains("拒签") {
                &mut facts.signed_at
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(fact(text, l, d));
            }
        }
    }
}

/// 已签收 2026-11-18, 11月18日收到的, 昨天签收的 in any other line.
fn signed_in_words(
    text: &Text,
    lines: &[Line],
    found: &[Vec<Found>],
    written: NaiveDate,
    facts: &mut Facts,
) {
    for (l, ds) in lines
        .iter()
        .zip(found)
        // An order line read as a title may end in its state (… ¥109  2026-09-28 签收).
        .filter(|(l, _)| {
            matches!(
                l.field,
                None | Some(Field::RefundNote | Field::Note | Field::Title)
            )
        })
    {
        let t = l.text;
        let signs = crate::text::holds_any(t, &ARRIVED)
            && !t.contains("拒签")
            && !t.contains("没收到")
            && !t.contains("确认收货");
        if !signs {
            continue;
        }
        if let Some(d) = ds.first() {
            facts.signed_at = Some(fact(text, l, d));
            return;
        }
        if let Some((days, span)) = relative(t, l.span.start) {
            let date = before(written, days);
            facts.signed_at = Some(Fact::new(
                date.to_string(),
                text.quote(span),
                l.segment,
                l.speaker,
            ));
            return;
        }
    }
}

/// Words that say the parcel reached the buyer (签收, 收到, 昨天到的, 前天送来的).
static ARRIVED: WordList = WordList::named(&WORDS, "date.arrived");

/// A date found in text, with the time when one is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The day.
    pub date: NaiveDate,
    /// Hour and minute.
    pub time: Option<(u32, u32)>,
    /// Where it is.
    pub span: Range<usize>,
}

impl Found {
    /// `2026-11-18` or `2026-11-18 14:02`.
    pub fn text(&self) -> String {
        match self.time {
            Some((h, m)) => format!("{} {h:02}:{m:02}", self.date),
            None => self.date.to_string(),
        }
    }
}

/// Every date in `text` (spans offset by `base`); a date without its year takes `year`.
pub fn dates(text: &str, base: usize, year: i32) -> Vec<Found> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Dates start at a digit: jump to the next one.
        match next_digit(b, i) {
            Some(k) => i = k,
            None => break,
        }
        if i > 0 && b[i - 1].is_ascii_digit() {
            i += 1;
            continue;
        }
        // 已签收 11-08: a short date right after what happened on it.
        let before = text[..i].trim_end_matches([' ', '\t']);
        let after_event = DATE_EVENTS.ends(before);
        match date_at(&text[i..], year, after_event) {
            Some((date, time, len)) => {
                out.push(Found {
                    date,
                    time,
                    span: base + i..base + i + len,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The first ASCII digit at or after `from`, eight bytes at a time: a paste
/// is mostly Chinese, whose bytes are never digits.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let x = u64::from_ne_bytes(chunk.try_into().ok()?) ^ (ONES * u64::from(b'0'));
        // A byte below 10 after the xor was a digit (the test has no false negatives).
        if (x.wrapping_sub(ONES * 10) & !x & HIGHS) != 0 {
            break;
        }
        i += 8;
    }
    b[i..].iter().position(u8::is_ascii_digit).map(|k| i + k)
}

fn number(t: &str) -> Option<(u32, usize)> {
    let n = t.bytes().take_while(u8::is_ascii_digit).count();
    (n > 0 && n <= 4).then(|| t[..n].parse().ok().map(|v| (v, n)))?
}

/// A date (and time) at the start of `t`, with its length.
/// A day, perhaps a time, and the length read.
type DateAt = (NaiveDate, Option<(u32, u32)>, usize);

fn date_at(t: &str, year: i32, after_event: bool) -> Option<DateAt> {
    let (a, n1) = number(t)?;
    let mut i = n1;
    let sep = t[i..].chars().next()?;
    if !matches!(sep, '-' | '/' | '.' | '年' | '月') {
        return None;
    }
    i += sep.len_utf8();
    let (b, n2) = number(&t[i..])?;
    i += n2;
    let (y, m, d) = if n1 == 4 {
        // 2026-11-18, 2026年11月18日
        let sep2 = t[i..].chars().next()?;
        if !matches!(sep2, '-' | '/' | '.' | '月') {
            return None;
        }
        i += sep2.len_utf8();
        let (c, n3) = number(&t[i..])?;
        i += n3;
        (a as i32, b, c)
    } else if n1 <= 2 && sep != '年' {
        // 11-18, 11/18, 11.18, 11月18日: a month and a day without the year.
        (year, a, b)
    } else {
        return None;
    };
    if t[i..].starts_with('日') || t[i..].starts_with('号') {
        i += '日'.len_utf8();
    }
    // Not part of a longer number (a phone written 138-1234-5678).
    if t[i..].starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '/') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(y, m, d)?;
    // Short forms are dates only with a time or a 月/日 mark: 10-15 alone is a range.
    let short = n1 != 4;
    let mut time = None;
    let rest = &t[i..];
    let pad = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    if let Some((h, mm, n)) = time_at(&rest[pad..]) {
        time = Some((h, mm));
        i += pad + n;
    }
    // 11.16签收的, 11-18到的: a month and day that something happened on.
    if short && time.is_none() && sep != '月' && !after_event && !DATE_EVENTS.opens(rest) {
        return None;
    }
    Some((date, time, i))
}

/// What happens on a day, written right after a short date (11.16签收).
static DATE_EVENTS: WordList = WordList::named(&WORDS, "date.event");

/// Whether `t` starts with a date (an amount there is no money: 11.16签收).
pub fn starts_date(t: &str) -> bool {
    date_at(t, 2024, false).is_some()
}

/// `14:02` or `14:02:05` at the start of `t`.
fn time_at(t: &str) -> Option<(u32, u32, usize)> {
    let (h, n1) = number(t)?;
    if n1 > 2 || !t[n1..].starts_with(':') {
        return None;
    }
    let (m, n2) = number(&t[n1 + 1..])?;
    if n2 != 2 || h > 23 || m > 59 {
        return None;
    }
    let mut len = n1 + 1 + n2;
    if t[len..].starts_with(':') && number(&t[len + 1..]).is_some_and(|(_, n)| n == 2) {
        len += 3;
    }
    Some((h, m, len))
}

/// A relative day word in `text` (今天 / 昨天 / 前天 / 大前天): its offset and span.
pub fn relative(text: &str, base: usize) -> Option<(i64, Range<usize>)> {
    for (word, days) in [
        ("大前天", 3),
        ("前天", 2),
        ("昨天", 1),
        ("昨日", 1),
        ("今天", 0),
        ("今日", 0),
    ] {
        if let Some(i) = text.find(word) {
            return Some((days, base + i..base + i + word.len()));
        }
    }
    None
}

/// The day `days` before `from`.
pub fn before(from: NaiveDate, days: i64) -> NaiveDate {
    from - Duration::days(days)
}

/// The latest year written out in full among `found` (this year when none is).
fn latest_year(found: &[Found], today: NaiveDate) -> i32 {
    found
        .iter()
        .filter(|d| d.span.len() >= 8)
        .map(|d| d.date.year())
        .max()
        .unwrap_or(today.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        dates(t, 0, 2026).iter().map(Found::text).collect()
    }

    #[test]
    fn dates_in_the_forms_pastes_use() {
        assert_eq!(
            texts("签收时间:2026-11-18 14:02:05"),
            vec!["2026-11-18 14:02"]
        );
        assert_eq!(texts("2026年11月18日签收"), vec!["2026-11-18"]);
        assert_eq!(texts("11-18 14:02 已签收"), vec!["2026-11-18 14:02"]);
        assert_eq!(texts("11月18日收到的"), vec!["2026-11-18"]);
        assert_eq!(texts("2026/11/5"), vec!["2026-11-05"]);
    }

    #[test]
    fn ranges_and_phones_are_not_dates() {
        assert!(texts("补10-15块").is_empty());
        assert!(texts("138-1234-5678").is_empty());
        assert!(texts("13-45").is_empty());
        assert!(texts("补11.5块").is_empty());
    }

    #[test]
    fn a_short_date_before_what_happened_is_a_date() {
        assert_eq!(texts("11.16签收的 11.18第一次穿"), vec!["2026-11-16"]);
        assert_eq!(texts("11-18到的"), vec!["2026-11-18"]);
    }
}
