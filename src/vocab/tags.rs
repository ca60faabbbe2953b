//! Tag words found in a product title (特价, 清仓, 定制 …), unless a negation
//! stands before them (非特价, 不是清仓). The policy lists the words; the
//! engine asks whether a title is a promotion, the paste reader which tags
//! it carries.

use crate::text::Phrases;

/// A list of tag words and the matcher over them, built once.
#[derive(Debug, Clone)]
pub struct Tags {
    /// The words, in the policy's order.
    words: Vec<String>,
    /// Each word's index in `words`.
    matcher: Phrases<usize>,
}

impl Tags {
    /// The matcher over `words`, built once.
    pub fn new(words: Vec<String>) -> Tags {
        let matcher = Phrases::new(words.iter().enumerate().map(|(i, t)| (t, i)));
        Tags { words, matcher }
    }

    /// The words, in the policy's order.
    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether a title holds a tag that no negation stands before.
    pub fn any_in(&self, title: &str) -> bool {
        let mut found = false;
        self.matcher
            .for_each_overlapping(title, |at, _| found |= !negated(title, at));
        found
    }

    /// The tags found in a title, in the policy's order.
    pub fn found_in(&self, title: &str) -> Vec<String> {
        let mut found: Option<Vec<bool>> = None;
        self.matcher.for_each_overlapping(title, |at, tags| {
            if !negated(title, at) {
                let found = found.get_or_insert_with(|| vec![false; self.words.len()]);
                for &i in tags {
                    found[i] = true;
                }
            }
        });
        // Most titles carry no tag and allocate nothing.
        let Some(found) = found else {
            return Vec::new();
        };
        self.words
            .iter()
            .zip(found)
            .filter(|(_, f)| *f)
            .map(|(t, _)| t.clone())
            .collect()
    }
}

/// Whether a tag is said not to apply: 非特价, 不是特价, 无活动.
fn negated(title: &str, at: usize) -> bool {
    let before = &title[..at];
    ["非", "不是", "不", "无", "没有"]
        .iter()
        .any(|n| before.ends_with(n))
}

/// The words a shop adds to the paste reader's lexicon, from its policy file:
/// keywords per defect, fault and material, and the promotion tags.
#[derive(Debug, Clone)]
pub struct ShopWords {
    /// Keywords that name each defect, every defect listed.
    pub defects: Vec<(crate::vocab::Defect, Vec<String>)>,
    /// Words in a chat that say whose fault it is.
    pub faults: Vec<(crate::vocab::Fault, Vec<String>)>,
    /// Words that name an upper material.
    pub materials: Vec<(crate::vocab::Material, Vec<String>)>,
    /// The promotion tags.
    pub promo_tags: std::sync::Arc<Tags>,
}
