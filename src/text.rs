//! Normalising pasted text: full-width digits and symbols to ASCII,
//! Traditional to Simplified Chinese, and quoting the original words back.

use std::ops::Range;

/// The paste, normalised for matching, and a way to quote the original.
pub struct Text<'a> {
    raw: &'a str,
    /// The normalised text every reader matches against.
    pub norm: String,
    /// Byte offset in `norm` -> byte offset in `raw`, when both have the same characters count.
    map: Option<Vec<usize>>,
}

impl<'a> Text<'a> {
    /// Normalises a paste.
    pub fn new(raw: &'a str) -> Text<'a> {
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
    pub fn lines(&self) -> impl Iterator<Item = (usize, &str)> {
        self.norm.split_inclusive('\n').scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l.trim_end_matches(['\n', '\r'])))
        })
    }

    /// The words around `span` as the agent pasted them: its line, cut to about 40 characters.
    pub fn quote(&self, span: Range<usize>) -> String {
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
