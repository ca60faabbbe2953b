//! The policy's word lists and settings: promotion tags, keyword lists,
//! defect defaults, cleaning tips, the quality-return setting and reply parts.
//! Size limits are checked before any automaton is built from the lists.

use std::collections::{HashMap, HashSet};

use super::Checker;
use crate::policy::raw::RawPolicy;
use crate::policy::{DefectInfo, Kind, MaterialInfo, Payer, Replies};
use crate::vocab::Tags;
use crate::vocab::{Defect, Material};

/// The longest tag word or keyword, in characters.
const MAX_WORD: usize = 32;
/// The most keywords all lists together may hold.
const MAX_KEYWORDS: usize = 10_000;
/// The most promotion tags.
const MAX_TAGS: usize = 128;

/// The checked word lists and settings.
pub(super) struct Vocabulary {
    pub promo_tags: Tags,
    pub quality_return_payer: Payer,
    pub defects: Vec<DefectInfo>,
    pub materials: HashMap<Material, MaterialInfo>,
    pub replies: Replies,
}

pub(super) fn check(c: &mut Checker, raw: &RawPolicy) -> Vocabulary {
    let promo_tags = Tags::new(tags(c, raw));
    keywords(c, raw);

    let quality_return_payer = raw.settings.quality_return_shipping.value;
    if !matches!(quality_return_payer, Payer::Shop | Payer::Buyer) {
        c.error(
            Some(&raw.settings.quality_return_shipping),
            Kind::QualityReturnPayer {
                payer: quality_return_payer.id().to_string(),
            },
        );
    }

    let mut defects = Vec::new();
    for d in Defect::ALL {
        match raw.defects.value.get(d) {
            Some(info) => defects.push(DefectInfo {
                fault: info.fault,
                stage: info.stage,
                wants: info.wants,
                wants_with_ask: info.wants_with_ask,
                keywords: info.keywords.iter().map(|k| k.value.clone()).collect(),
            }),
            None => c.error(
                Some(&raw.defects),
                Kind::MissingDefectDefaults {
                    id: d.id(),
                    label: d.label(),
                },
            ),
        }
    }

    let mut materials = HashMap::new();
    for m in Material::ALL {
        match raw.materials.value.get(m) {
            Some(info) => {
                materials.insert(
                    *m,
                    MaterialInfo {
                        tip: info.tip.as_str().into(),
                        keywords: info.keywords.iter().map(|k| k.value.clone()).collect(),
                    },
                );
            }
            None => c.error(
                Some(&raw.materials),
                Kind::MissingMaterialTip {
                    id: m.id(),
                    label: m.label(),
                },
            ),
        }
    }

    for (key, text) in [
        ("greeting", &raw.replies.greeting),
        ("apology", &raw.replies.apology),
        ("thanks", &raw.replies.thanks),
    ] {
        super::rules::not_empty(c, text, &format!("replies.{key}"));
    }
    let replies = Replies {
        greeting: raw.replies.greeting.value.clone(),
        apology: raw.replies.apology.value.clone(),
        tip_intro: raw.replies.tip_intro.value.clone(),
        thanks: raw.replies.thanks.value.clone(),
        // A policy without its own counter-offer words gets plain ones.
        counter: match &raw.replies.counter {
            Some(t) => {
                for name in super::templates::placeholders(&t.value) {
                    if !["ask", "max", "escalate_to"].contains(&name) {
                        c.error(
                            Some(t),
                            Kind::BadPlaceholder {
                                rule: "replies.counter".into(),
                                name: name.to_string(),
                            },
                        );
                    }
                }
                super::templates::pieces(&t.value)
            }
            None => super::templates::pieces(
                "您说的{ask}元我们确实做不到，最多能给您{max}元，您看可以吗？",
            ),
        },
        if_refused_intro: raw
            .replies
            .if_refused_intro
            .clone()
            .unwrap_or_else(|| "如果还是不能接受，".into()),
    };
    Vocabulary {
        promo_tags,
        quality_return_payer,
        defects,
        materials,
        replies,
    }
}

/// The promotion tags, each once; the count is bounded first, so a huge list
/// costs one comparison, not a quadratic search for duplicates.
fn tags(c: &mut Checker, raw: &RawPolicy) -> Vec<String> {
    if raw.promotion_tags.len() > MAX_TAGS {
        c.error::<()>(
            None,
            Kind::TooManyTags {
                count: raw.promotion_tags.len(),
            },
        );
        return Vec::new();
    }
    let mut tags = Vec::new();
    let mut seen = HashSet::new();
    for t in &raw.promotion_tags {
        if t.value.trim().is_empty() {
            c.error(Some(t), Kind::EmptyTag);
        } else if !seen.insert(t.value.as_str()) {
            c.warn(
                Some(t),
                Kind::DuplicateTag {
                    tag: t.value.clone(),
                },
            );
        } else {
            tags.push(t.value.clone());
        }
    }
    if tags.iter().any(|t| t.chars().count() > MAX_WORD) {
        c.error::<()>(None, Kind::TagTooLong);
        return Vec::new();
    }
    tags
}

/// Bounds that keep the keyword automata small enough to always build.
fn keywords(c: &mut Checker, raw: &RawPolicy) {
    let words = raw
        .defects
        .value
        .values()
        .flat_map(|d| &d.keywords)
        .chain(raw.materials.value.values().flat_map(|m| &m.keywords))
        .chain(raw.faults.values().flatten());
    let (mut count, mut long) = (0usize, false);
    for k in words {
        count += 1;
        long |= k.value.chars().count() > MAX_WORD;
    }
    if count > MAX_KEYWORDS || long {
        c.error::<()>(None, Kind::TooManyKeywords { count, long });
    }
}
