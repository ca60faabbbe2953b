//! Normalising pasted text: full-width digits and symbols to ASCII,
//! Traditional to Simplified Chinese, and quoting the original words back.
//! Also the phrase matcher the readers share, and masking of phone numbers.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

/// Characters `zhconv` changes when converting to Simplified (see `data/zh/README.md`).
const HANT_CHARS: &str = include_str!("../data/zh/hant_chars.txt");
/// Cantonese and Taiwanese usages and the Mandarin they mean (`data/dialect.txt`).
const DIALECT: &str = include_str!("../data/dialect.txt");

/// The dialect table: (form, Mandarin) with equal character counts, and the
/// forms' first characters.
type DialectTable = (Vec<(&'static str, &'static str)>, Vec<char>);

/// The dialect table: (form, Mandarin) with equal character counts, and the
/// forms' first characters, so a paste without any is passed over at once.
fn dialect() -> &'static DialectTable {
    static TABLE: OnceLock<DialectTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut pairs: Vec<(&str, &str)> = DIALECT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('='))
            .map(|(a, b)| (a.trim(), b.trim()))
            .filter(|(a, b)| a.chars().count() == b.chars().count() && !a.is_empty())
            .collect();
        // Longer forms first, so 甩胶 is read before a character inside it.
        pairs.sort_by_key(|(a, _)| std::cmp::Reverse(a.chars().count()));
        let mut firsts: Vec<char> = pairs.iter().filter_map(|(a, _)| a.chars().next()).collect();
        firsts.sort_unstable();
        firsts.dedup();
        (pairs, firsts)
    })
}

/// The text with its dialect usages read as Mandarin, character for character
/// (`None` when it holds none).
fn mandarin(text: &str) -> Option<String> {
    let (pairs, firsts) = dialect();
    if !text.chars().any(|c| firsts.binary_search(&c).is_ok()) {
        return None;
    }
    let mut out = text.to_string();
    for (form, plain) in pairs {
        if out.contains(form) {
            out = out.replace(form, plain);
        }
    }
    Some(out)
}

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

/// Whether `c` is in the set of Traditional-only characters.
#[inline(always)]
fn in_hant((bits, beyond): &(Vec<u64>, Vec<char>), c: char) -> bool {
    let u = c as usize;
    u >= 0x3400
        && if u < 0x10000 {
            bits[u / 64] & (1 << (u % 64)) != 0
        } else {
            beyond.contains(&c)
        }
}

/// Whether the text holds any character that converts to Simplified.
pub fn has_traditional(text: &str) -> bool {
    let set = hant();
    text.chars().any(|c| in_hant(set, c))
}

/// Builds the Traditional character set now, so a caller can do it on another thread.
pub fn warm_up() {
    let _ = hant();
    let _ = dialect();
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
        let set = hant();
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
                special |= in_hant(set, h) || h == '於' || h == '乾';
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
        let dialect = {
            let (_, firsts) = dialect();
            half.chars().any(|c| firsts.binary_search(&c).is_ok())
        };
        special |= dialect;
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
        // 爛咗 / 唔啱size / 甩胶: Cantonese and Taiwanese usages read as Mandarin.
        if let Some(plain) = mandarin(&norm) {
            norm = plain;
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
        let body = self.original(from..to).trim();
        let mut q = String::with_capacity(body.len() + 2 * '…'.len_utf8());
        if from > line_start {
            q.push('…');
        }
        q.push_str(body);
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

/// Whether `hay` starts with `word`, compared byte by byte: most candidates
/// differ in their first byte, and a loop stops there where `memcmp` is a call.
#[inline]
pub fn starts_with_bytes(hay: &str, word: &str) -> bool {
    bytes_start_with(hay.as_bytes(), word.as_bytes())
}

/// `str::trim`, answered at once when neither end is white space (most lines
/// of a paste): the library's trim decodes a character at each end and looks
/// it up in the Unicode table. A text can only start with white space when its
/// first byte is ASCII white space or the lead byte of U+0085, U+00A0, U+1680,
/// U+2000..U+205F or U+3000 (C2, E1, E2, E3).
#[inline]
pub fn trim(s: &str) -> &str {
    let plain_start = starts_plain(s);
    let plain_end = match s.as_bytes().last() {
        Some(&b) if b < 0x80 => !char::from(b).is_whitespace(),
        _ => s.chars().next_back().is_some_and(|c| !c.is_whitespace()),
    };
    if plain_start && plain_end {
        s
    } else {
        s.trim()
    }
}

/// Whether `s` starts with a character that cannot be white space (see [`trim`]).
#[inline]
fn starts_plain(s: &str) -> bool {
    s.as_bytes().first().is_some_and(|&b| {
        if b < 0x80 {
            !char::from(b).is_whitespace()
        } else {
            !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
        }
    })
}

/// Whether `s` is empty or only white space, as `trim(s).is_empty()`, answered
/// from its first byte when that cannot start white space.
#[inline]
pub fn is_blank(s: &str) -> bool {
    !starts_plain(s) && s.trim().is_empty()
}

/// [`starts_with_bytes`] on bytes: the comparison every matcher here makes.
#[inline(always)]
fn bytes_start_with(hay: &[u8], word: &[u8]) -> bool {
    hay.len() >= word.len() && hay.iter().zip(word).all(|(a, b)| a == b)
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
            && (0..=h.len() - w.len()).any(|i| h[i] == first && bytes_start_with(&h[i + 1..], tail))
    })
}

/// A phrase matcher over a fixed word list: leftmost-longest, non-overlapping.
/// Words are keyed by their first two characters (one-character words by
/// their only one), longest first, so a position costs one hash lookup and a
/// few comparisons. Building it is a sort of the words into three flat lists
/// and no automaton, so a process that reads one paste starts quickly.
#[derive(Debug, Clone)]
pub struct Phrases<V> {
    /// The words of two characters or more, end to end.
    text: String,
    /// Each distinct longer word, grouped by its first two characters, longest first.
    words: Vec<Word>,
    /// Every word's values, in the order given, each word's together.
    values: Vec<V>,
    /// First two characters -> the range of `words` starting with them.
    by_pair: HashMap<u64, (u32, u32), FastHash>,
    /// One-character words -> the range of their values.
    singles: HashMap<char, (u32, u32), FastHash>,
    /// A bit per character that starts some word: most characters of a
    /// paste start none and are passed over without hashing.
    starts: Bits,
    /// A bit per character that is a one-character word.
    single_starts: Bits,
    /// A bit per character pair that starts some longer word: most pairs
    /// start none, and a bit is cheaper than a hash map lookup.
    pair_bits: Bits,
}

/// A set of bits indexed by a key cut to the set's size: a filter in front of
/// a lookup, where two keys sharing a bit only cost that lookup. Sized to the
/// word list, so a short list does not touch (and zero) pages of memory at start.
#[derive(Debug, Clone)]
struct Bits {
    words: Box<[u64]>,
    mask: usize,
}

impl Bits {
    /// Room for `n` keys: one bit in 32 set at most, up to one per character of the Basic Multilingual Plane.
    fn for_keys(n: usize) -> Bits {
        let size = (n * 32).next_power_of_two().clamp(1024, 0x10000);
        Bits {
            words: vec![0u64; size / 64].into_boxed_slice(),
            mask: size - 1,
        }
    }

    fn set(&mut self, key: usize) {
        let i = key & self.mask;
        self.words[i / 64] |= 1 << (i % 64);
    }

    /// Whether the key's bit is set (perhaps by another key).
    #[inline(always)]
    fn has(&self, key: usize) -> bool {
        let i = key & self.mask;
        self.words[i / 64] & (1 << (i % 64)) != 0
    }
}

/// A word of [`Phrases`]: where it is in the word text, and its values.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: u32,
    len: u32,
    values: (u32, u32),
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

/// The key of a one-character word, apart from every pair's (a pair's first
/// character fills bits 32 to 52).
const SINGLE: u64 = 1 << 63;

impl<V: Clone + PartialEq> Phrases<V> {
    /// A matcher for the given words, as given (callers trim). A word given
    /// more than once keeps each distinct value, in the order given.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = (S, V)>) -> Phrases<V> {
        let mut text = String::new();
        // (key, start, length, value) in the order given.
        let mut entries: Vec<(u64, u32, u32, V)> = Vec::new();
        for (w, v) in words {
            let w = w.as_ref();
            let mut chars = w.chars();
            let Some(first) = chars.next() else {
                continue;
            };
            let key = match chars.next() {
                None => SINGLE | u64::from(first),
                Some(second) => pair(first, second),
            };
            // Word lists are bounded by the policy check far below 4 GB.
            let start = u32::try_from(text.len()).unwrap_or(u32::MAX);
            text.push_str(w);
            entries.push((key, start, w.len() as u32, v));
        }
        // Longest first within a key, then in the order given (the index: an
        // unstable sort on integers is the quickest).
        let mut order: Vec<(u64, std::cmp::Reverse<u32>, u32)> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.0, std::cmp::Reverse(e.2), i as u32))
            .collect();
        order.sort_unstable();
        let mut slots: Vec<Option<(u64, u32, u32, V)>> = entries.into_iter().map(Some).collect();
        let entries: Vec<(u64, u32, u32, V)> = order
            .iter()
            .filter_map(|&(_, _, i)| slots[i as usize].take())
            .collect();
        let bytes = |start: u32, len: u32| &text.as_bytes()[start as usize..(start + len) as usize];
        let mut out_words: Vec<Word> = Vec::new();
        let mut values: Vec<V> = Vec::with_capacity(entries.len());
        let mut by_pair: HashMap<u64, (u32, u32), FastHash> = HashMap::default();
        let mut singles: HashMap<char, (u32, u32), FastHash> = HashMap::default();
        let mut i = 0;
        while i < entries.len() {
            // One block: the entries of one key and length (a handful at most).
            let (key, len) = (entries[i].0, entries[i].2);
            let mut j = i;
            while j < entries.len() && entries[j].0 == key && entries[j].2 == len {
                j += 1;
            }
            for k in i..j {
                let word = bytes(entries[k].1, len);
                if entries[i..k].iter().any(|e| bytes(e.1, len) == word) {
                    continue;
                }
                let from = values.len() as u32;
                for e in &entries[k..j] {
                    if bytes(e.1, len) == word && !values[from as usize..].contains(&e.3) {
                        values.push(e.3.clone());
                    }
                }
                let range = (from, values.len() as u32);
                if key & SINGLE != 0 {
                    if let Some(c) = char::from_u32(key as u32) {
                        singles.insert(c, range);
                    }
                } else {
                    let at = out_words.len() as u32;
                    out_words.push(Word {
                        start: entries[k].1,
                        len,
                        values: range,
                    });
                    by_pair.entry(key).or_insert((at, at)).1 = at + 1;
                }
            }
            i = j;
        }
        let mut starts = Bits::for_keys(by_pair.len() + singles.len());
        let mut single_starts = Bits::for_keys(singles.len());
        let mut pair_bits = Bits::for_keys(by_pair.len());
        for k in by_pair.keys() {
            let a = char::from_u32((k >> 32) as u32).unwrap_or_default();
            let b = char::from_u32(*k as u32).unwrap_or_default();
            starts.set(a as usize);
            pair_bits.set(pair_bit(a, b));
        }
        for c in singles.keys() {
            starts.set(*c as usize);
            single_starts.set(*c as usize);
        }
        Phrases {
            text,
            words: out_words,
            values,
            by_pair,
            singles,
            starts,
            single_starts,
            pair_bits,
        }
    }
}

impl<V> Phrases<V> {
    /// The values of a range of `values`.
    fn values(&self, (from, to): (u32, u32)) -> &[V] {
        &self.values[from as usize..to as usize]
    }

    /// The bytes of a longer word.
    fn word(&self, w: &Word) -> &[u8] {
        &self.text.as_bytes()[w.start as usize..(w.start + w.len) as usize]
    }

    /// The words of two characters or more that start with `first` and `second`.
    #[inline(always)]
    fn pair_words(&self, first: char, second: char) -> &[Word] {
        if !self.pair_bits.has(pair_bit(first, second)) {
            return &[];
        }
        match self.by_pair.get(&pair(first, second)) {
            Some(&(from, to)) => &self.words[from as usize..to as usize],
            None => &[],
        }
    }

    /// The values of the one-character word `c`, if it is one.
    #[inline(always)]
    fn single(&self, c: char) -> Option<&[V]> {
        if !self.single_starts.has(c as usize) {
            return None;
        }
        self.singles.get(&c).map(|&r| self.values(r))
    }

    /// Whether some word starts `text`.
    pub fn starts(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.at_char(text, 0, c).is_some())
    }

    /// The values of exactly this word, if it is one.
    pub fn get(&self, word: &str) -> Option<&[V]> {
        let first = word.chars().next()?;
        self.at_char(word, 0, first)
            .filter(|(end, _)| *end == word.len())
            .map(|(_, v)| v)
    }

    /// The longest word starting at byte `at`, whose first character is `first`.
    #[inline(always)]
    pub fn at_char(&self, text: &str, at: usize, first: char) -> Option<(usize, &[V])> {
        if !self.starts.has(first as usize) {
            return None;
        }
        let after = at + first.len_utf8();
        if let Some(second) = text[after..].chars().next() {
            // The first two characters match every word of the list: compare the rest.
            let skip = first.len_utf8() + second.len_utf8();
            let rest = &text.as_bytes()[at + skip..];
            for w in self.pair_words(first, second) {
                let tail = &self.word(w)[skip..];
                if bytes_start_with(rest, tail) {
                    return Some((at + w.len as usize, self.values(w.values)));
                }
            }
        }
        self.single(first).map(|v| (after, v))
    }

    /// Every occurrence of every word, overlapping ones included, as (start, values).
    pub fn for_each_overlapping(&self, text: &str, mut found: impl FnMut(usize, &[V])) {
        for (at, first) in text.char_indices() {
            if !self.starts.has(first as usize) {
                continue;
            }
            let after = at + first.len_utf8();
            if let Some(second) = text[after..].chars().next() {
                let rest = &text.as_bytes()[at..];
                for w in self.pair_words(first, second) {
                    let word = self.word(w);
                    if bytes_start_with(rest, word) {
                        found(at, self.values(w.values));
                    }
                }
            }
            if let Some(v) = self.single(first) {
                found(at, v);
            }
        }
    }
}

/// Every word `longest_at` finds, the longest at each start, into a list the
/// caller reuses line after line: `longest_at(at, c)` is the longest word
/// starting at byte `at` (character `c`), over one matcher or several
/// ([`Phrases::at_char`]). A word inside a longer one found before it is left
/// out, but words that only partly overlap are all kept (是我自己弄坏 holds
/// both 是我自己 and 自己弄坏).
pub fn longest_words_into<'a, V>(
    text: &str,
    out: &mut Vec<(Range<usize>, &'a [V])>,
    mut longest_at: impl FnMut(usize, char) -> Option<(usize, &'a [V])>,
) {
    out.clear();
    let mut covered = 0;
    for (at, c) in text.char_indices() {
        if let Some((end, v)) = longest_at(at, c)
            && end > covered
        {
            covered = end;
            out.push((at..end, v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words found in `text`, as the paste reader finds them.
    fn found<'a, V>(p: &'a Phrases<V>, text: &str) -> Vec<(Range<usize>, &'a [V])> {
        let mut out = Vec::new();
        longest_words_into(text, &mut out, |at, c| p.at_char(text, at, c));
        out
    }

    #[test]
    fn the_quick_trim_trims_as_str_trim_does() {
        for t in [
            "",
            " ",
            "买家:亲",
            " 买家 ",
            "\u{3000}客服\u{3000}",
            "\u{a0}x\u{85}",
            "\u{2028}鞋\u{205f}",
            "\u{1680}a",
            "a\u{b}",
            "\u{b}a",
            "鞋子 \t\r",
            "¥12",
            "x¥",
            "\u{e4}é",
        ] {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
    }

    #[test]
    fn overlapping_words_are_all_found() {
        let p = Phrases::new([("是我自己", 1), ("自己弄坏", 2), ("弄坏", 3)]);
        let words: Vec<_> = found(&p, "是我自己弄坏的")
            .iter()
            .map(|(_, v)| v[0])
            .collect();
        assert_eq!(words, vec![1, 2]);
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
    fn overlapping_occurrences_are_all_reported() {
        let p = Phrases::new([("限时", 0), ("限时折扣", 1), ("折扣", 2)]);
        let mut seen = Vec::new();
        p.for_each_overlapping("今日限时折扣", |at, v| seen.push((at, v.to_vec())));
        seen.sort();
        assert_eq!(seen, vec![(6, vec![0]), (6, vec![1]), (12, vec![2])]);
    }

    #[test]
    fn a_word_listed_twice_keeps_each_value_once() {
        let p = Phrases::new([("开胶", 1), ("脱胶", 3), ("开胶", 2), ("开胶", 1)]);
        let words = found(&p, "鞋子开胶了");
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].1, &[1, 2][..]);
    }

    #[test]
    fn quotes_line_up_after_full_width_characters() {
        let t = Text::new("实付款：￥８９ 鞋面ＡＢ脏");
        let at = t.norm.find("89").expect("normalised");
        assert_eq!(t.original(at..at + 2), "８９");
        let at = t.norm.find("脏").expect("normalised");
        assert_eq!(t.original(at..at + "脏".len()), "脏");
        assert_eq!(t.original(0..t.norm.len()), "实付款：￥８９ 鞋面ＡＢ脏");
    }

    #[test]
    fn phrases_match_leftmost_longest() {
        let p = Phrases::new([("鞋面", 1), ("鞋面脏", 2), ("脏", 3)]);
        let words: Vec<_> = found(&p, "左脚鞋面脏了,很脏")
            .iter()
            .map(|(_, v)| v[0])
            .collect();
        assert_eq!(words, vec![2, 3]);
    }
}
