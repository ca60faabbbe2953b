//! Normalising pasted text: full-width digits and symbols to ASCII,
//! Traditional to Simplified Chinese, and quoting the original words back.
//! Also the phrase matcher the readers share, and masking of phone numbers.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Characters `zhconv` changes when converting to Simplified (see `data/zh/README.md`).
const HANT_CHARS: &str = include_str!("../data/zh/hant_chars.txt");

/// The Traditional-only characters, one bit per code point of the Basic
/// Multilingual Plane (8 KB), plus the few beyond it: every paste is asked
/// about character by character, so a lookup must cost one load.
fn hant() -> &'static (Vec<u64>, Vec<char>) {
    static SET: OnceLock<(Vec<u64>, Vec<char>)> = OnceLock::new();
    SET.get_or_init(|| {
        let mut bits = vec![0u64; 0x10000 / 64];
        let mut beyond = Vec::new();
        for c in HANT_CHARS.trim().chars() {
            let u = c as usize;
            if u < 0x10000 {
                bits[u / 64] |= 1 << (u % 64);
            } else {
                beyond.push(c);
            }
        }
        (bits, beyond)
    })
}

/// Whether the text holds any character that converts to Simplified.
pub fn has_traditional(text: &str) -> bool {
    let (bits, beyond) = hant();
    text.chars().any(|c| {
        let u = c as usize;
        u >= 0x3400
            && if u < 0x10000 {
                bits[u / 64] & (1 << (u % 64)) != 0
            } else {
                beyond.contains(&c)
            }
    })
}

/// The paste, normalised for matching, and a way to quote the original.
pub struct Text<'a> {
    raw: &'a str,
    /// The normalised text every reader matches against.
    pub norm: String,
    /// How offsets in `norm` lead back to `raw`.
    map: Map,
}

/// Offsets in the normalised text back to the paste.
enum Map {
    /// Where the byte lengths part: (offset in `norm`, offset in `raw`) just
    /// after each character whose length changed (full-width `：` to `:`).
    /// Between two of them, both texts run byte for byte.
    Shifts(Vec<(usize, usize)>),
    /// Byte offset in `norm` -> byte offset in `raw`, after a Traditional conversion.
    Table(Vec<usize>),
    /// The texts do not line up character for character: quote the normalised text.
    None,
}

impl<'a> Text<'a> {
    /// Normalises a paste: full-width forms to ASCII, Traditional to Simplified.
    pub fn new(raw: &'a str) -> Text<'a> {
        // Half-width and ASCII lower case, one character for one, so quotes line
        // up; in the same pass, where lengths change, and whether anything
        // needs the converter.
        let (bits, beyond) = hant();
        let mut half = String::with_capacity(raw.len());
        let mut shifts = Vec::new();
        let mut special = false;
        // Characters that stay as they are are copied a run at a time.
        let mut run = 0;
        for (r, c) in raw.char_indices() {
            let h = if c.is_ascii() {
                c.to_ascii_lowercase()
            } else {
                let h = half_width(c).to_ascii_lowercase();
                let u = h as usize;
                special |= u >= 0x3400
                    && (if u < 0x10000 {
                        bits[u / 64] & (1 << (u % 64)) != 0
                    } else {
                        beyond.contains(&h)
                    } || h == '於'
                        || h == '乾');
                h
            };
            if h != c {
                half.push_str(&raw[run..r]);
                half.push(h);
                run = r + c.len_utf8();
                if h.len_utf8() != c.len_utf8() {
                    shifts.push((half.len(), run));
                }
            }
        }
        half.push_str(&raw[run..]);
        if !special {
            return Text {
                raw,
                norm: half,
                map: Map::Shifts(shifts),
            };
        }
        // Most pastes are Simplified already and never get here.
        let mut norm = if has_traditional(&half) {
            zhconv::zhconv(&half, zhconv::Variant::ZhHans)
        } else {
            half
        };
        // zhconv keeps 於 and 乾 in Simplified (a surname, 乾隆); in a paste they are 于 and 干
        // (少於20, 烘乾機). Same byte length, so quotes still line up.
        if norm.contains(['於', '乾']) {
            norm = norm.replace('於', "于").replace('乾', "干");
        }
        let map = if norm.chars().count() == raw.chars().count() {
            let mut map = vec![raw.len(); norm.len() + 1];
            for ((n, _), (r, _)) in norm.char_indices().zip(raw.char_indices()) {
                map[n] = r;
            }
            Map::Table(map)
        } else {
            Map::None
        };
        Text { raw, norm, map }
    }

    /// The offset in the paste of a character boundary `n` of the normalised text.
    fn raw_offset(&self, n: usize) -> Option<usize> {
        match &self.map {
            Map::Shifts(shifts) => {
                // The last change at or before `n`; the text after it runs alike.
                let k = shifts.partition_point(|&(at, _)| at <= n);
                Some(match k.checked_sub(1) {
                    Some(k) => shifts[k].1 + (n - shifts[k].0),
                    None => n,
                })
            }
            Map::Table(map) => Some(map[n]),
            Map::None => None,
        }
    }

    /// The lines of the normalised text with their byte offsets.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        lines(&self.norm)
    }

    /// The original text of a span of the normalised text, when they line up.
    pub fn original(&self, span: Range<usize>) -> &str {
        let end = span.end.min(self.norm.len());
        match (self.raw_offset(span.start), self.raw_offset(end)) {
            (Some(from), Some(to)) => &self.raw[from..to],
            _ => &self.norm[span.start..end],
        }
    }

    /// The words around `span` as the agent pasted them: its line, cut to about 40 characters.
    pub fn quote(&self, span: Range<usize>) -> String {
        let span = span.start.min(self.norm.len())..span.end.min(self.norm.len());
        let line_start = self.norm[..span.start]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line_end = self.norm[span.end..]
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
        let mut q = self.original(from..to).trim().to_string();
        if from > line_start {
            q.insert(0, '…');
        }
        if to < line_end {
            q.push('…');
        }
        q
    }
}

/// The lines of a text with their byte offsets, line breaks removed.
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, l| {
        let start = *at;
        *at += l.len();
        Some((start, l.trim_end_matches(['\n', '\r'])))
    })
}

/// Full-width digits, letters and symbols to their ASCII forms, one character for one.
pub fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' if c != '\u{FF0C}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' => ' ',
        '￥' => '¥',
        _ => c,
    }
}

/// Masks mainland mobile numbers (11 digits from 1[3-9]) to `138****5678`,
/// so a stored paste keeps no full phone number.
pub fn mask_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i] == '1'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 1).is_some_and(|c| ('3'..='9').contains(c));
        let run = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if starts && run == 11 {
            out.extend(&chars[i..i + 3]);
            out.push_str("****");
            out.extend(&chars[i + 7..i + 11]);
            i += 11;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether `hay` starts with `word`, compared byte by byte: most candidates
/// differ in their first byte, and a loop stops there where `memcmp` is a call.
#[inline]
pub fn starts_with_bytes(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    h.len() >= w.len() && h.iter().zip(w).all(|(a, b)| a == b)
}

/// The first of `words` that `hay` starts with.
pub fn starting_word<'w>(hay: &str, words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| starts_with_bytes(hay, w))
}

/// Whether `hay` holds any of `words`, compared byte by byte. For the few
/// characters around an amount or a name this is cheaper than `str::contains`,
/// which builds a searcher for each word.
pub fn holds_any(hay: &str, words: &[&str]) -> bool {
    let h = hay.as_bytes();
    words.iter().any(|w| {
        let w = w.as_bytes();
        let Some((&first, tail)) = w.split_first() else {
            return true;
        };
        // A word starts with a lead byte, so a match always starts on a character.
        h.len() >= w.len()
            && (0..=h.len() - w.len()).any(|i| {
                h[i] == first && h[i + 1..i + w.len()].iter().zip(tail).all(|(a, b)| a == b)
            })
    })
}

/// A phrase matcher over a fixed word list: leftmost-longest, non-overlapping.
/// Words are keyed by their first two characters (one-character words by
/// their only one), longest first, so a position costs one hash lookup and a
/// few comparisons, and building it costs a pass over the words and no automaton.
#[derive(Debug, Clone)]
pub struct Phrases<V> {
    by_pair: HashMap<u64, Vec<(Box<str>, V)>, FastHash>,
    singles: HashMap<char, V, FastHash>,
    /// One bit per character below U+10000 that starts some word: most
    /// characters of a paste start none and are passed over without hashing.
    starts: Box<[u64]>,
    /// One bit per character below U+10000 that is a one-character word.
    single_starts: Box<[u64]>,
    /// A bit per hashed character pair that starts some longer word: most
    /// pairs start none, and a bit is cheaper than a hash map lookup.
    pair_bits: Box<[u64]>,
}

/// Whether character `u`'s bit is set (characters beyond U+FFFF always pass).
fn bit(bits: &[u64], u: usize) -> bool {
    u >= 0x10000 || bits[u / 64] & (1 << (u % 64)) != 0
}

/// The bit of a character pair in [`Phrases::pair_bits`].
fn pair_bit(a: char, b: char) -> usize {
    ((a as usize).wrapping_mul(0x9E37) ^ (b as usize)) & 0xFFFF
}

/// A quick hash for the char keys of [`Phrases`] (keys are not chosen by an attacker).
pub(crate) type FastHash = std::hash::BuildHasherDefault<CharHasher>;

/// Multiplies the key into the state: enough to spread char codes over buckets.
#[derive(Default)]
pub struct CharHasher(u64);

impl std::hash::Hasher for CharHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 =
                (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

fn pair(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

impl<V: Clone> Phrases<V> {
    /// A matcher for the given words; a word given twice keeps its first value.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = (S, V)>) -> Phrases<V> {
        let mut by_pair: HashMap<u64, Vec<(Box<str>, V)>, FastHash> = HashMap::default();
        let mut singles: HashMap<char, V, FastHash> = HashMap::default();
        for (w, v) in words {
            let w = w.as_ref().trim();
            let mut chars = w.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            match chars.next() {
                None => {
                    singles.entry(first).or_insert(v);
                }
                Some(second) => {
                    let list = by_pair.entry(pair(first, second)).or_default();
                    if !list.iter().any(|(x, _)| &**x == w) {
                        list.push((w.into(), v));
                    }
                }
            }
        }
        for list in by_pair.values_mut() {
            list.sort_by_key(|w| std::cmp::Reverse(w.0.len()));
        }
        let set = |bits: &mut [u64], u: usize| {
            if u < 0x10000 {
                bits[u / 64] |= 1 << (u % 64);
            }
        };
        let mut starts = vec![0u64; 0x10000 / 64].into_boxed_slice();
        let mut single_starts = starts.clone();
        let mut pair_bits = starts.clone();
        for k in by_pair.keys() {
            let a = char::from_u32((k >> 32) as u32).unwrap_or_default();
            let b = char::from_u32(*k as u32).unwrap_or_default();
            set(&mut starts, a as usize);
            set(&mut pair_bits, pair_bit(a, b));
        }
        for c in singles.keys() {
            set(&mut starts, *c as usize);
            set(&mut single_starts, *c as usize);
        }
        Phrases {
            by_pair,
            singles,
            starts,
            single_starts,
            pair_bits,
        }
    }

    /// The longest word starting exactly at byte `at`.
    pub fn at<'a>(&'a self, text: &str, at: usize) -> Option<(usize, &'a V)> {
        let first = text[at..].chars().next()?;
        self.at_char(text, at, first)
    }

    /// The longest word starting at byte `at`, whose first character is `first`.
    #[inline]
    fn at_char<'a>(&'a self, text: &str, at: usize, first: char) -> Option<(usize, &'a V)> {
        if !bit(&self.starts, first as usize) {
            return None;
        }
        let after = at + first.len_utf8();
        if let Some(second) = text[after..].chars().next()
            && bit(&self.pair_bits, pair_bit(first, second))
            && let Some(list) = self.by_pair.get(&pair(first, second))
        {
            // The first two characters match every word of the list: compare the rest.
            let skip = first.len_utf8() + second.len_utf8();
            let rest = &text.as_bytes()[at + skip..];
            if let Some((w, v)) = list.iter().find(|(w, _)| {
                let tail = &w.as_bytes()[skip..];
                rest.len() >= tail.len() && rest.iter().zip(tail).all(|(a, b)| a == b)
            }) {
                return Some((at + w.len(), v));
            }
        }
        if !bit(&self.single_starts, first as usize) {
            return None;
        }
        self.singles.get(&first).map(|v| (after, v))
    }

    /// Every match, leftmost-longest and not overlapping, as (span, value).
    pub fn find_iter<'a, 't>(
        &'a self,
        text: &'t str,
    ) -> impl Iterator<Item = (Range<usize>, &'a V)> + use<'a, 't, V> {
        let mut at = 0;
        std::iter::from_fn(move || {
            while let Some(c) = text[at..].chars().next() {
                if let Some((end, v)) = self.at_char(text, at, c) {
                    let span = at..end;
                    at = end;
                    return Some((span, v));
                }
                at += c.len_utf8();
            }
            None
        })
    }
}

impl<V: Clone> Phrases<V> {
    /// Every word found, the longest at each start; a word inside a longer one
    /// found before it is left out, but words that only partly overlap are all
    /// kept (是我自己弄坏 holds both 是我自己 and 自己弄坏).
    pub fn find_all<'a>(&'a self, text: &str) -> Vec<(Range<usize>, &'a V)> {
        let mut out = Vec::new();
        self.find_all_into(text, &mut out);
        out
    }

    /// [`Phrases::find_all`] into a list the caller clears and reuses line after line.
    pub fn find_all_into<'a>(&'a self, text: &str, out: &mut Vec<(Range<usize>, &'a V)>) {
        out.clear();
        let mut covered = 0;
        for (at, c) in text.char_indices() {
            if let Some((end, v)) = self.at_char(text, at, c)
                && end > covered
            {
                covered = end;
                out.push((at..end, v));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_words_are_all_found() {
        let p = Phrases::new([("是我自己", 1), ("自己弄坏", 2), ("弄坏", 3)]);
        let found: Vec<_> = p
            .find_all("是我自己弄坏的")
            .iter()
            .map(|(_, v)| **v)
            .collect();
        assert_eq!(found, vec![1, 2]);
    }

    #[test]
    fn the_traditional_set_matches_zhconv() {
        for range in [0x4E00u32..0xA000, 0x3400..0x4DC0] {
            for c in range.filter_map(char::from_u32) {
                let s = c.to_string();
                let changes = zhconv::zhconv(&s, zhconv::Variant::ZhHans) != s;
                assert_eq!(changes, has_traditional(&s), "{c}");
            }
        }
    }

    #[test]
    fn simplified_text_is_left_alone_and_traditional_converted() {
        assert!(!has_traditional("收货地址:新疆乌鲁木齐 鞋子有污渍"));
        assert!(has_traditional("收貨地址"));
        assert_eq!(Text::new("鞋子有污漬").norm, "鞋子有污渍");
        assert_eq!(Text::new("实付款：￥８９").norm, "实付款:¥89");
    }

    #[test]
    fn phones_are_masked_and_other_numbers_kept() {
        assert_eq!(
            mask_phones("张三 13812345678 订单 3712345678901234567"),
            "张三 138****5678 订单 3712345678901234567"
        );
    }

    #[test]
    fn phrases_match_leftmost_longest() {
        let p = Phrases::new([("鞋面", 1), ("鞋面脏", 2), ("脏", 3)]);
        let found: Vec<_> = p.find_iter("左脚鞋面脏了,很脏").map(|(_, v)| *v).collect();
        assert_eq!(found, vec![2, 3]);
    }
}
