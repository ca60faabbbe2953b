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
    // One pass over the bytes (every reply of the policy is checked at each
    // start): the first full-width brace wins wherever it is, else the first
    // ASCII brace out of place, else one left open.
    let b = t.as_bytes();
    let (mut slip, mut open) = (None, None);
    for (i, &x) in b.iter().enumerate() {
        match x {
            // ｛ and ｝ are EF BD 9B and EF BD 9D.
            0xEF if matches!(b.get(i + 1..i + 3), Some([0xBD, 0x9B | 0x9D])) => {
                return Some(quote(i));
            }
            b'{' if slip.is_none() => match open {
                Some(_) => slip = open,
                None => open = Some(i),
            },
            b'}' if slip.is_none() => match open {
                Some(_) => open = None,
                None => slip = Some(i),
            },
            _ => {}
        }
    }
    slip.or(open).map(quote)
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
    fn brace_slips_are_found_as_a_manager_would_see_them() {
        let cases: &[(&str, Option<&str>)] = &[
            ("亲，给您补偿{open}元", None),
            ("亲，给您补偿{open元，好吗", Some("{open元，好")),
            ("补偿open}元", Some("}元")),
            ("补偿{{open}}元", Some("{{open}}")),
            ("补偿｛open｝元 {max", Some("｛open｝元 ")),
            ("先{open 再｝", Some("｝")),
            ("结尾{", Some("{")),
            ("", None),
        ];
        for (text, slip) in cases {
            assert_eq!(brace_slip(text).as_deref(), *slip, "{text}");
        }
    }

    #[test]
    fn placeholders_are_found() {
        assert_eq!(
            placeholders("优惠{open}元，最多{max}元"),
            vec!["open", "max"]
        );
        assert!(placeholders("没有").is_empty());
    }
}
