//! Word-list slips that would change the advice without an error: two words
//! typed as one (`特价，清仓`), a one-character word that matches far too
//! much (`款` in every 新款), and one keyword under two defect kinds.

use super::Checker;
use crate::located::Located;
use crate::policy::Kind;
use crate::policy::raw::RawPolicy;
use crate::text::holds_any;

/// Warns about each word-list slip, at its line.
pub(super) fn check(c: &mut Checker, raw: &RawPolicy) {
    let mut lists: Vec<(String, &Located<String>)> = Vec::new();
    for t in &raw.promotion_tags {
        lists.push(("promotion_tags".into(), t));
    }
    for t in &raw.made_to_order_tags {
        lists.push(("made_to_order_tags".into(), t));
    }
    for (d, info) in &raw.defects.value {
        for k in &info.keywords {
            lists.push((format!("defects.{}", d.id()), k));
        }
    }
    for (m, info) in &raw.materials.value {
        for k in &info.keywords {
            lists.push((format!("materials.{}", m.id()), k));
        }
    }
    for (f, words) in &raw.faults {
        for k in words {
            lists.push((format!("faults.{}", f.id()), k));
        }
    }
    for (list, w) in &lists {
        let word = w.value.trim();
        if word.contains(['，', '、', ',', '；']) {
            c.warn(
                Some(*w),
                Kind::TwoWordsInOne {
                    word: word.to_string(),
                    list: list.clone(),
                },
            );
        } else if word.chars().count() == 1 {
            c.warn(
                Some(*w),
                Kind::OneCharWord {
                    word: word.to_string(),
                    list: list.clone(),
                },
            );
        }
    }
    // One keyword pointing at two defect kinds: which one the reader picks is luck.
    let defect_words: Vec<(&str, &Located<String>)> = raw
        .defects
        .value
        .iter()
        .flat_map(|(d, info)| info.keywords.iter().map(move |k| (d.id(), k)))
        .collect();
    for (i, (a, wa)) in defect_words.iter().enumerate() {
        for (b, wb) in &defect_words[..i] {
            if a == b || wa.value.is_empty() || wb.value.is_empty() {
                continue;
            }
            // Byte by byte: a searcher per pair would cost each start more than the check.
            if holds_any(&wa.value, &[&wb.value]) || holds_any(&wb.value, &[&wa.value]) {
                c.warn(
                    Some(*wa),
                    Kind::KeywordInTwoKinds {
                        word: wa.value.clone(),
                        other: wb.value.clone(),
                        kind: (*a).to_string(),
                        other_kind: (*b).to_string(),
                    },
                );
            }
        }
    }
}
