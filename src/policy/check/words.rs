//! Word-list slips that would change the advice without an error: two words
//! typed as one (`特价，清仓`), a one-character word that matches far too
//! much (`款` in every 新款), and one keyword under two defect kinds.

use super::Checker;
use crate::located::Located;
use crate::policy::Kind;
use crate::policy::raw::RawPolicy;
use crate::text::Phrases;

/// Warns about each word-list slip, at its line.
/// `bundled`: the policy is the bundled one, whose words a test holds to the
/// corpus shares, so the scan of the corpus is left out of every start-up.
pub(super) fn check(c: &mut Checker, raw: &RawPolicy, bundled: bool) {
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
    if !bundled {
        broad(c, &lists, &name);
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

/// Real pastes and the product titles in them (`data/corpus/`, from the pastes under tests/).
const PASTES: &str = include_str!("../../../data/corpus/pastes.txt");
const TITLES: &str = include_str!("../../../data/corpus/titles.txt");
/// A tag in more than this percent of real titles marks ordinary items as
/// promotions (the bundled tags stay under 6%).
const TITLE_SHARE: usize = 20;
/// A keyword or fault word in more than this percent of real pastes decides
/// nearly every case (the bundled words stay under 7%).
const PASTE_SHARE: usize = 8;

/// Warns about a word that matches too large a share of real titles or chats.
fn broad(
    c: &mut Checker,
    lists: &[((&str, &str), &Located<String>)],
    name: &dyn Fn((&str, &str)) -> String,
) {
    for &(list, w) in lists {
        let word = w.value.trim();
        if word.chars().count() < 2 {
            continue; // warned about as a one-character word
        }
        let (corpus, limit, of) = if list.0.ends_with("_tags") {
            (TITLES, TITLE_SHARE, "商品标题")
        } else {
            (PASTES, PASTE_SHARE, "客服聊天")
        };
        let lines = corpus.lines().filter(|l| !l.is_empty());
        let (hit, all) = lines.fold((0usize, 0usize), |(h, a), l| {
            (h + usize::from(l.contains(word)), a + 1)
        });
        if all > 0 && hit * 100 > limit * all {
            let share = hit * 100 / all;
            c.warn(
                Some(w),
                Kind::Implausible {
                    zh: format!("{} 里的“{word}”出现在 {share}% 的真实{of}里：会命中很多和它无关的案例（自带策略的词都在 7% 以下）", name(list)),
                    en: format!("`{word}` in {} is found in {share}% of real {}: it would match many unrelated cases", name(list), if of == "商品标题" { "titles" } else { "chats" }),
                    fix_zh: format!("换成更具体的词（如“{word}原因”“{word}弄坏”），或删掉“{word}”"),
                    fix_en: format!("use a more specific phrase, or remove `{word}`"),
                },
            );
        }
    }
}
