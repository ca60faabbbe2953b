//! Word-list slips that would change the advice without an error: two words
//! typed as one (`特价，清仓`), a one-character word that matches far too
//! much (`款` in every 新款), and one keyword under two defect kinds.

use super::Checker;
use crate::located::Located;
use crate::policy::Kind;
use crate::policy::raw::RawPolicy;
use crate::text::Phrases;

/// Warns about each word-list slip, at its line.
pub(super) fn check(c: &mut Checker, raw: &RawPolicy) {
    // (section, kind) of each word: the list's name is written out only for a warning.
    let mut lists: Vec<((&str, &str), &Located<String>)> = Vec::new();
    for t in &raw.promotion_tags {
        lists.push((("promotion_tags", ""), t));
    }
    for t in &raw.made_to_order_tags {
        lists.push((("made_to_order_tags", ""), t));
    }
    for (d, info) in &raw.defects.value {
        for k in &info.keywords {
            lists.push((("defects", d.id()), k));
        }
    }
    for (m, info) in &raw.materials.value {
        for k in &info.keywords {
            lists.push((("materials", m.id()), k));
        }
    }
    for (f, words) in &raw.faults {
        for k in words {
            lists.push((("faults", f.id()), k));
        }
    }
    let name = |(section, kind): (&str, &str)| match kind {
        "" => section.to_string(),
        kind => format!("{section}.{kind}"),
    };
    for &(list, w) in &lists {
        let word = w.value.trim();
        if word.contains(['，', '、', ',', '；']) {
            c.warn(
                Some(w),
                Kind::TwoWordsInOne {
                    word: word.to_string(),
                    list: name(list),
                },
            );
        } else if word.chars().count() == 1 {
            c.warn(
                Some(w),
                Kind::OneCharWord {
                    word: word.to_string(),
                    list: name(list),
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
    // Every pair of which one word holds the other, found by matching each word
    // against all of them (the pairs of a few hundred words, compared one by
    // one, cost each start more than the rest of the check).
    let matcher = Phrases::new(
        defect_words
            .iter()
            .enumerate()
            .map(|(i, (_, w))| (w.value.as_str(), i)),
    );
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, (_, wk)) in defect_words.iter().enumerate() {
        matcher.for_each_overlapping(&wk.value, |_, inside| {
            pairs.extend(
                inside
                    .iter()
                    .filter(|&&l| l != k)
                    .map(|&l| (k.max(l), k.min(l))),
            );
        });
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (i, j) in pairs {
        let ((a, wa), (b, wb)) = (defect_words[i], defect_words[j]);
        if a == b || wa.value.is_empty() || wb.value.is_empty() {
            continue;
        }
        c.warn(
            Some(wa),
            Kind::KeywordInTwoKinds {
                word: wa.value.clone(),
                other: wb.value.clone(),
                kind: a.to_string(),
                other_kind: b.to_string(),
            },
        );
    }
}
