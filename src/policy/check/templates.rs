//! Reply templates: the `{name}` placeholders they quote, split once at load
//! time into text and slots.

use crate::policy::{Piece, Slot};

/// Placeholders a reply template may use.
pub(super) const PLACEHOLDERS: [&str; 7] = [
    "open",
    "max",
    "ask",
    "price",
    "compensation",
    "escalate_to",
    "return_shipping",
];

/// A template split into text and the slots it quotes.
pub(super) fn pieces(t: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}').map(|j| i + j) else {
            break;
        };
        match Slot::named(&rest[i + 1..j]) {
            Some(slot) => {
                if i > 0 {
                    out.push(Piece::Text(rest[..i].to_string()));
                }
                out.push(Piece::Slot(slot));
            }
            // Checked already: an unknown name is an error, so this is not reached in a loaded policy.
            None => out.push(Piece::Text(rest[..=j].to_string())),
        }
        rest = &rest[j + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_string()));
    }
    out
}

/// A brace a text would send to the buyer as written: a full-width ｛｝, or
/// a `{` that is never closed (`{open 元`). The piece quoted, when there is one.
pub(crate) fn brace_slip(t: &str) -> Option<String> {
    let quote = |i: usize| t[i..].chars().take(8).collect::<String>();
    // Each brace looked for on its own and bytes for the ASCII ones: every
    // reply of the policy is checked at each start.
    if let Some(i) = [t.find('｛'), t.find('｝')].into_iter().flatten().min() {
        return Some(quote(i));
    }
    let mut open: Option<usize> = None;
    for (i, b) in t.bytes().enumerate() {
        match b {
            b'{' if open.is_some() => return open.map(quote),
            b'{' => open = Some(i),
            b'}' if open.is_none() => return Some(quote(i)),
            b'}' => open = None,
            _ => {}
        }
    }
    open.map(quote)
}

/// The `{name}` placeholders in a template.
pub(crate) fn placeholders(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        rest = &rest[i + 1..];
        match rest.find('}') {
            Some(j) => {
                out.push(&rest[..j]);
                rest = &rest[j + 1..];
            }
            None => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("优惠{open}元，最多{max}元"),
            vec!["open", "max"]
        );
        assert!(placeholders("没有").is_empty());
    }
}
