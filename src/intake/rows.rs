//! Which row of a pasted table the case is about. An agent pastes several rows
//! of the refund list, or an order's items, and says which one they mean (第三单,
//! 兰州那个, the item's name); the other rows are someone else's order or an item
//! with no trouble, and none of their facts are this case's.

use super::WORDS;
use super::segment::Line;
use crate::text::WordList;

/// Words counting rows after 第N (第三单, 第2个, 第二行).
static COUNTERS: WordList = WordList::named(&WORDS, "row.counter");

/// Phrases that say an item is fine (袜子那个没事): they point at no row.
static ITEM_FINE: WordList = WordList::named(&WORDS, "item.fine");

/// The phrases of a text that can name the item in question: each of its
/// phrases but those saying an item is fine (袜子那个没事).
pub(super) fn naming_phrases(t: &str) -> impl Iterator<Item = &str> {
    t.split([' ', '，', ',', '。', '！', '!', '？', '?'])
        .filter(|phrase| !ITEM_FINE.holds(phrase))
}

/// Keeps only the lines of the row in question when a table holds two rows or
/// more and the words outside it point at one; otherwise leaves every line.
pub(super) fn focus(lines: &mut Vec<Line>) {
    let rows = lines.iter().filter_map(|l| l.row).max().unwrap_or(0);
    if rows < 2 {
        return;
    }
    // The words outside the table, without the phrases that say an item is fine.
    let outside: String = lines
        .iter()
        .filter(|l| l.row.is_none())
        .flat_map(|l| naming_phrases(l.text))
        .collect::<Vec<_>>()
        .join("\n");
    let Some(row) = ordinal(&outside, rows).or_else(|| named(lines, &outside, rows)) else {
        return;
    };
    lines.retain(|l| l.row.is_none_or(|r| r == row));
}

/// The row a 第N单 outside the table names, if it names exactly one that exists.
fn ordinal(outside: &str, rows: usize) -> Option<usize> {
    let mut named = outside.match_indices('第').filter_map(|(i, _)| {
        let rest = &outside[i + '第'.len_utf8()..];
        let digit = rest.chars().next()?;
        let n = digit
            .to_digit(10)
            .or_else(|| super::money::cn_value(digit))? as usize;
        let after = &rest[digit.len_utf8()..];
        COUNTERS.opens(after).then_some(n)
    });
    let n = named.next()?;
    (named.all(|m| m == n) && (1..=rows).contains(&n)).then_some(n)
}

/// The row whose cells share the most two-character words with the words
/// outside the table (兰州那个 → the row of 兰州的阿芳), if exactly one does best.
fn named(lines: &[Line], outside: &str, rows: usize) -> Option<usize> {
    let score = |row: usize| {
        lines
            .iter()
            .filter(|l| l.row == Some(row))
            .flat_map(|l| {
                let chars: Vec<char> = l.text.chars().filter(|c| *c as u32 >= 0x4E00).collect();
                chars
                    .windows(2)
                    .map(|w| w.iter().collect::<String>())
                    .collect::<Vec<_>>()
            })
            .filter(|w| outside.contains(w.as_str()))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let mut scored: Vec<(usize, usize)> = (1..=rows).map(|r| (score(r), r)).collect();
    scored.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
    match scored.as_slice() {
        [(top, row), (next, _), ..] if *top > 0 && top > next => Some(*row),
        _ => None,
    }
}
