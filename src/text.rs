//! Normalising pasted text: full-width digits and symbols to ASCII,
//! Traditional to Simplified Chinese, and quoting the original words back.
//! Also the phrase matcher the readers share, and masking of phone numbers.

use std::collections::HashMap;

use daachorse::{CharwiseDoubleArrayAhoCorasick, DoubleArrayAhoCorasick};
use std::ops::Range;
use std::sync::OnceLock;

/// Characters `zhconv` changes when converting to Simplified (see `data/zh/README.md`).
const HANT_CHARS: &str = include_str!("../data/zh/hant_chars.txt");
/// Cantonese and Taiwanese usages and the Mandarin they mean (`data/dialect.txt`).
const DIALECT: &str = include_str!("../data/dialect.txt");

/// The dialect table: (form, Mandarin) with equal character counts, and the
/// forms' first characters, so a paste without any is passed over at once.
type Dialect = (Vec<(&'static str, &'static str)>, Vec<char>);

/// The [`Dialect`] table, read once.
fn dialect() -> &'static Dialect {
    static TABLE: OnceLock<Dialect> = OnceLock::new();
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
        let n = &self.norm;
        let span = span.start.min(n.len())..span.end.min(n.len());
        // The line is looked for only as far as the quote can reach (12 characters,
        // at most 48 bytes): a paste of one long line would otherwise be scanned
        // once per quote.
        let mut back = span.start.saturating_sub(64);
        while !n.is_char_boundary(back) {
            back += 1;
        }
        let mut ahead = (span.end + 64).min(n.len());
        while !n.is_char_boundary(ahead) {
            ahead -= 1;
        }
        let (line_start, opens_line) = match n[back..span.start].rfind('\n') {
            Some(i) => (back + i + 1, true),
            None => (back, back == 0),
        };
        let (line_end, closes_line) = match n[span.end..ahead].find('\n') {
            Some(i) => (span.end + i, true),
            None => (ahead, ahead == n.len()),
        };
        // Up to 12 characters either side of the match, within its line.
        let from = n[line_start..span.start]
            .char_indices()
            .rev()
            .nth(11)
            .map(|(i, _)| line_start + i)
            .unwrap_or(line_start);
        let to = n[span.end..line_end]
            .char_indices()
            .nth(12)
            .map(|(i, _)| span.end + i)
            .unwrap_or(line_end);
        let body = self.original(from..to).trim();
        let mut q = String::with_capacity(body.len() + 2 * '…'.len_utf8());
        if from > line_start || !opens_line {
            q.push('…');
        }
        q.push_str(body);
        if to < line_end || !closes_line {
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

/// The part of `s` after the last of `ends` (all of `s` when none is in it).
pub fn after_last<'s>(s: &'s str, ends: &[char]) -> &'s str {
    s.rfind(ends).map_or(s, |i| {
        &s[i + s[i..].chars().next().map_or(1, char::len_utf8)..]
    })
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

/// [`starts_with_bytes`] on bytes.
#[inline(always)]
fn bytes_start_with(hay: &[u8], word: &[u8]) -> bool {
    hay.len() >= word.len() && hay.iter().zip(word).all(|(a, b)| a == b)
}

/// Whether `hay` holds any word of the list: one pass of its automaton.
#[inline]
pub fn holds_any(hay: &str, words: &WordList) -> bool {
    words.holds(hay)
}

/// A fixed word list, matched as one automaton built at its first use.
pub struct WordList {
    /// Where the words come from.
    source: Source,
    /// The words, looked up once.
    words: OnceLock<&'static [&'static str]>,
    /// The automaton over them, built once.
    set: OnceLock<Phrases<()>>,
    /// The automaton read character by character, for long texts, built at
    /// the first long text asked about.
    long: OnceLock<Option<CharwiseDoubleArrayAhoCorasick<u32>>>,
}

/// From this many bytes on, [`WordList::holds`] reads a text character by
/// character: several times quicker over a clause of Chinese than byte by
/// byte, but its table spans the characters' codes (160 KB for Chinese), so
/// a list asked only about a few characters never builds it.
const LONG_TEXT: usize = 48;

/// Where a [`WordList`]'s words are.
enum Source {
    /// Written in code.
    Listed(&'static [&'static str]),
    /// A list of a data file, by name.
    Named(&'static WordFile, &'static str),
}

impl WordList {
    /// The list; nothing is built until it is first asked.
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            source: Source::Listed(words),
            words: OnceLock::new(),
            set: OnceLock::new(),
            long: OnceLock::new(),
        }
    }

    /// The list `name` of a data file (read at first use; a name the file
    /// lacks is an empty list, which the readers' tests rule out).
    pub const fn named(file: &'static WordFile, name: &'static str) -> WordList {
        WordList {
            source: Source::Named(file, name),
            words: OnceLock::new(),
            set: OnceLock::new(),
            long: OnceLock::new(),
        }
    }

    /// The words, as listed.
    #[inline]
    pub fn words(&self) -> &'static [&'static str] {
        self.words.get_or_init(|| match self.source {
            Source::Listed(words) => words,
            Source::Named(file, name) => file.list(name),
        })
    }

    /// Whether `text` ends with one of the words, compared byte by byte from
    /// the end (most words differ from the text in their last byte).
    #[inline]
    pub fn ends(&self, text: &str) -> bool {
        let t = text.as_bytes();
        self.words().iter().any(|w| {
            let w = w.as_bytes();
            t.len() >= w.len() && t.iter().rev().zip(w.iter().rev()).all(|(a, b)| a == b)
        })
    }

    /// Whether `text` starts with one of the words, compared byte by byte.
    #[inline]
    pub fn opens(&self, text: &str) -> bool {
        self.words().iter().any(|w| starts_with_bytes(text, w))
    }

    /// The automaton over the words.
    #[inline]
    pub fn phrases(&self) -> &Phrases<()> {
        self.set.get_or_init(|| Phrases::list(self.words()))
    }

    /// Whether `text` holds any of the words.
    #[inline]
    pub fn holds(&self, text: &str) -> bool {
        if text.len() < LONG_TEXT {
            return self.phrases().holds(text);
        }
        self.long
            .get_or_init(|| {
                let words = self.words().iter().filter(|w| !w.is_empty());
                let mut distinct: Vec<&str> = words.copied().collect();
                distinct.sort_unstable();
                distinct.dedup();
                CharwiseDoubleArrayAhoCorasick::new(distinct).ok()
            })
            .as_ref()
            .is_some_and(|m| m.find_iter(text).next().is_some())
    }

    /// Whether some word starts `text`.
    #[inline]
    pub fn starts(&self, text: &str) -> bool {
        self.phrases().starts(text)
    }
}

/// A data file of word lists (`data/intake_words.txt`): `name: word word …`
/// a line, a list on as many lines as it takes, `#` comments, and a word
/// with a space in it in double quotes. Parsed at first use.
pub struct WordFile {
    /// The file's text.
    text: &'static str,
    /// Each list's words, in the order written.
    lists: OnceLock<HashMap<&'static str, Vec<&'static str>>>,
}

impl WordFile {
    /// The file; nothing is parsed until a list is first asked for.
    pub const fn new(text: &'static str) -> WordFile {
        WordFile {
            text,
            lists: OnceLock::new(),
        }
    }

    /// Every list, by name.
    pub fn lists(&'static self) -> &'static HashMap<&'static str, Vec<&'static str>> {
        self.lists.get_or_init(|| {
            let mut lists: HashMap<&str, Vec<&str>> = HashMap::new();
            for line in self.text.lines().map(str::trim) {
                if line.starts_with('#') {
                    continue;
                }
                if let Some((name, words)) = line.split_once(':') {
                    lists
                        .entry(name.trim())
                        .or_default()
                        .extend(file_words(words));
                }
            }
            lists
        })
    }

    /// The words of list `name`, in the order written (none when the file lacks it).
    pub fn list(&'static self, name: &str) -> &'static [&'static str] {
        self.lists().get(name).map_or(&[], Vec::as_slice)
    }
}

/// The words of a line of a [`WordFile`]: separated by white space, or in double quotes.
fn file_words(mut rest: &str) -> Vec<&str> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            out.push(&quoted[..end]);
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            if end == 0 {
                return out;
            }
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
}

/// A phrase matcher over a fixed word list: a `daachorse` automaton over the
/// distinct words, each with the values it was given. Every search is one
/// pass of the automaton: the longest word at a place, every word of a text
/// overlapping ones included, or whether a text holds any.
#[derive(Clone)]
pub struct Phrases<V> {
    /// The automaton; a word's value is its index in `words`. `None` for an empty list.
    matcher: Option<Automaton>,
    /// Each distinct word's range of `values`.
    words: Vec<(u32, u32)>,
    /// Every word's values, in the order given, each word's together.
    values: Vec<V>,
    /// The longest word in bytes: how far past a place a word starting there can reach.
    longest: usize,
    /// A bit per first character of a word (by its code's low 8 bits): most
    /// places start no word, and are passed over without a search.
    firsts: [u64; 4],
}

/// From this many words on, a [`Phrases`] is matched character by character:
/// faster over long texts, but its table spans the characters' codes (160 KB
/// for Chinese), too much to build for each short list at start.
const CHARWISE_FROM: usize = 256;

/// A `daachorse` automaton, byte by byte or character by character.
#[derive(Clone)]
enum Automaton {
    /// Byte by byte: small to build.
    Bytes(DoubleArrayAhoCorasick<u32>),
    /// Character by character: quick over long Chinese texts.
    Chars(CharwiseDoubleArrayAhoCorasick<u32>),
}

/// A pass of either kind of [`Automaton`].
enum Pass<A, B> {
    Bytes(A),
    Chars(B),
}

impl<T, A: Iterator<Item = T>, B: Iterator<Item = T>> Iterator for Pass<A, B> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        match self {
            Pass::Bytes(a) => a.next(),
            Pass::Chars(b) => b.next(),
        }
    }
}

impl Automaton {
    /// Whether `text` holds any word.
    #[inline]
    fn holds(&self, text: &str) -> bool {
        match self {
            Automaton::Bytes(a) => a.find_iter(text).next().is_some(),
            Automaton::Chars(a) => a.find_iter(text).next().is_some(),
        }
    }

    /// Every occurrence of every word, as (start, end, word), by their end.
    #[inline]
    fn overlapping<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, u32)> + 't {
        match self {
            Automaton::Bytes(a) => Pass::Bytes(
                a.find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), m.value())),
            ),
            Automaton::Chars(a) => Pass::Chars(
                a.find_overlapping_iter(text)
                    .map(|m| (m.start(), m.end(), m.value())),
            ),
        }
    }

    /// The longest word ending at each place, as (start, end, word), by their end.
    #[inline]
    fn longest_ending<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, u32)> + 't {
        match self {
            Automaton::Bytes(a) => Pass::Bytes(
                a.find_overlapping_no_suffix_iter(text)
                    .map(|m| (m.start(), m.end(), m.value())),
            ),
            Automaton::Chars(a) => Pass::Chars(
                a.find_overlapping_no_suffix_iter(text)
                    .map(|m| (m.start(), m.end(), m.value())),
            ),
        }
    }
}

impl<V> std::fmt::Debug for Phrases<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Phrases")
            .field("words", &self.words.len())
            .field("longest", &self.longest)
            .finish()
    }
}

impl Phrases<()> {
    /// A matcher that only tells whether a text holds one of `words`.
    pub fn list<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Phrases<()> {
        Phrases::new(words.into_iter().map(|w| (w, ())))
    }
}

impl<V: Clone + PartialEq> Phrases<V> {
    /// A matcher for the given words, as given (callers trim). A word given
    /// more than once keeps each distinct value, in the order given.
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = (S, V)>) -> Phrases<V> {
        let entries: Vec<(S, V)> = words
            .into_iter()
            .filter(|(w, _)| !w.as_ref().is_empty())
            .collect();
        // Each entry's word number, numbered in order of first appearance.
        let mut index: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        let mut firsts: Vec<usize> = Vec::new();
        let ids: Vec<usize> = entries
            .iter()
            .enumerate()
            .map(|(i, (w, _))| {
                let next = firsts.len();
                let id = *index.entry(w.as_ref()).or_insert(next);
                if id == next {
                    firsts.push(i);
                }
                id
            })
            .collect();
        // A stable sort keeps each word's values in the order given.
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_key(|&i| ids[i]);
        let mut values: Vec<V> = Vec::with_capacity(entries.len());
        let mut ranges = vec![(0u32, 0u32); firsts.len()];
        for run in order.chunk_by(|&a, &b| ids[a] == ids[b]) {
            let from = values.len();
            for &i in run {
                if !values[from..].contains(&entries[i].1) {
                    values.push(entries[i].1.clone());
                }
            }
            // Word lists are bounded by the policy check far below 4 G entries.
            ranges[ids[run[0]]] = (from as u32, values.len() as u32);
        }
        let longest = entries
            .iter()
            .map(|(w, _)| w.as_ref().len())
            .max()
            .unwrap_or(0);
        let mut first_bits = [0u64; 4];
        for (w, _) in &entries {
            if let Some(c) = w.as_ref().chars().next() {
                let b = c as usize & 0xFF;
                first_bits[b / 64] |= 1 << (b % 64);
            }
        }
        let matcher = (!firsts.is_empty()).then(|| {
            let words = firsts
                .iter()
                .enumerate()
                .map(|(id, &i)| (entries[i].0.as_ref(), id as u32));
            #[allow(
                clippy::expect_used,
                reason = "the words are distinct and not empty, and a word list is far \
                          below the automaton's limit of 2^31 states"
            )]
            let m = if firsts.len() >= CHARWISE_FROM {
                Automaton::Chars(
                    CharwiseDoubleArrayAhoCorasick::with_values(words)
                        .expect("a word list builds an automaton"),
                )
            } else {
                Automaton::Bytes(
                    DoubleArrayAhoCorasick::with_values(words)
                        .expect("a word list builds an automaton"),
                )
            };
            m
        });
        Phrases {
            matcher,
            words: ranges,
            values,
            longest,
            firsts: first_bits,
        }
    }
}

impl<V> Phrases<V> {
    /// The values of the word numbered `id`.
    #[inline]
    fn values(&self, id: u32) -> &[V] {
        let (from, to) = self.words[id as usize];
        &self.values[from as usize..to as usize]
    }

    /// Whether `text` holds any of the words.
    #[inline]
    pub fn holds(&self, text: &str) -> bool {
        self.matcher.as_ref().is_some_and(|m| m.holds(text))
    }

    /// Whether some word starts `text`.
    pub fn starts(&self, text: &str) -> bool {
        self.longest_at(text, 0).is_some()
    }

    /// The values of exactly this word, if it is one.
    pub fn get(&self, word: &str) -> Option<&[V]> {
        self.longest_at(word, 0)
            .filter(|(end, _)| *end == word.len())
            .map(|(_, v)| v)
    }

    /// The longest word starting at byte `at` (a character boundary), with
    /// its end: only the bytes a word can reach are searched.
    pub fn longest_at(&self, text: &str, at: usize) -> Option<(usize, &[V])> {
        let matcher = self.matcher.as_ref()?;
        let first = text[at..].chars().next()? as usize & 0xFF;
        if self.firsts[first / 64] & (1 << (first % 64)) == 0 {
            return None;
        }
        let mut end = (at + self.longest).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut best: Option<(usize, u32)> = None;
        for (start, e, id) in matcher.overlapping(&text[at..end]) {
            if start == 0 && best.is_none_or(|(b, _)| e > b) {
                best = Some((e, id));
            }
        }
        best.map(|(e, id)| (at + e, self.values(id)))
    }

    /// Every occurrence of every word, overlapping ones included, as (start, values).
    pub fn for_each_overlapping(&self, text: &str, mut found: impl FnMut(usize, &[V])) {
        if let Some(matcher) = &self.matcher {
            for (start, _, id) in matcher.overlapping(text) {
                found(start, self.values(id));
            }
        }
    }
}

/// A quick hash for char keys (keys are not chosen by an attacker).
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

/// Every word the matchers find in `text`, the longest at each start, into a
/// list the caller reuses line after line. Where two matchers find the same
/// word at one place, the first matcher's is kept. A word inside a longer one
/// is left out, but words that only partly overlap are all kept (是我自己弄坏
/// holds both 是我自己 and 自己弄坏).
pub fn longest_words_into<'a, V>(
    text: &str,
    out: &mut Vec<(Range<usize>, &'a [V])>,
    matchers: &[&'a Phrases<V>],
) {
    out.clear();
    // One pass per matcher; each reports the longest word ending at each
    // place (a shorter one ending there lies inside it), and the passes are
    // merged so the words come in order of their end.
    let mut passes: Vec<_> = matchers
        .iter()
        .filter_map(|p| Some((*p, p.matcher.as_ref()?.longest_ending(text).peekable())))
        .collect();
    loop {
        let mut next: Option<(usize, usize)> = None;
        for (k, (_, pass)) in passes.iter_mut().enumerate() {
            if let Some(&(_, e, _)) = pass.peek()
                && next.is_none_or(|(_, end)| e < end)
            {
                next = Some((k, e));
            }
        }
        let Some((k, _)) = next else {
            break;
        };
        let (p, pass) = &mut passes[k];
        let Some((start, end, id)) = pass.next() else {
            break;
        };
        // The words kept so far rise in both start and end, and none ends past
        // this one: those starting later (or at its start, shorter) lie inside it.
        while out
            .last()
            .is_some_and(|(r, _)| r.start > start || r.start == start && r.end < end)
        {
            out.pop();
        }
        // One starting earlier (or the same word, found first) that ends with it holds it.
        if out
            .last()
            .is_some_and(|(r, _)| r.start <= start && r.end >= end)
        {
            continue;
        }
        out.push((start..end, p.values(id)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words found in `text`, as the paste reader finds them.
    fn found<'a, V>(p: &'a Phrases<V>, text: &str) -> Vec<(Range<usize>, &'a [V])> {
        let mut out = Vec::new();
        longest_words_into(text, &mut out, &[p]);
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
    fn a_word_list_answers_alike_for_a_few_characters_and_a_long_clause() {
        static REJECTION: WordList = WordList::new(&["太少", "不够", "打发"]);
        let pad = "亲这边给您补偿三块可以吗".repeat(4);
        assert!(REJECTION.holds("太少了"));
        assert!(!REJECTION.holds("太多了"));
        assert!(REJECTION.holds(&format!("{pad}三块太少了")));
        assert!(!REJECTION.holds(&pad));
        assert!(REJECTION.opens("不够啊") && !REJECTION.opens("真不够"));
        assert!(REJECTION.ends("真不够") && !REJECTION.ends("不够啊"));
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
