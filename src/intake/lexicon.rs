//! The reader's vocabulary: the base lexicon compiled in from
//! `data/lexicon.txt`, the platforms' refund-reason texts from
//! `data/refund_reasons.csv`, and the policy's keyword lists on top. The base
//! lexicon is one phrase matcher built once; each policy adds a small one of its
//! own, and a line is read through both, the longest word at each start.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::case::{Defect, Fact, Fault, Material, Platform, Stage, Threat, Wants};
use crate::text::{Phrases, longest_words_into};
use crate::vocab::{ShopWords, Tags};

const LEXICON: &str = include_str!("../../data/lexicon.txt");
const REASONS: &str = include_str!("../../data/refund_reasons.csv");

/// What a word of the lexicon stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Names a defect outright.
    Defect(Defect),
    /// A general word for a defect (质量问题): the symptoms described decide.
    Vague(Defect),
    /// A part of the shoe.
    Part,
    /// A symptom morpheme (黑, 蹭, 勾丝): a small flaw only after a part in its clause.
    SymptomMinor,
    /// A failing morpheme (脱开, 断, 裂): a failed shoe only after a part in its clause.
    SymptomMajor,
    /// A symptom said small (小缝, 小眼): after a failing word, the failing is a small flaw.
    SymptomSmall,
    /// A hole or tear (洞, 破了) whose size decides the kind: a small flaw or a failing.
    SymptomOpen,
    /// A small, cosmetic symptom.
    Minor,
    /// A loose thread: nothing that affects wear.
    Thread,
    /// A symptom of a shoe that failed.
    Major,
    /// The buyer caused the damage.
    Misuse,
    /// The parcel was damaged on the way.
    Transit,
    /// Someone at home (狗, 孩子): with [`Tag::MisuseDid`] in a clause, the buyer's doing.
    MisuseWho,
    /// What they did (咬, 剪).
    MisuseDid,
    /// The parcel on its way (快递, 箱子): with [`Tag::TransitDid`], damaged on the way.
    TransitWho,
    /// What happened to it (压, 破).
    TransitDid,
    /// The shoe box: with [`Tag::TransitBroke`], damaged on the way.
    TransitBox,
    /// The box itself broke (压扁, 湿了).
    TransitBroke,
    /// Something that should have come (赠品): with [`Tag::MissingLack`], a missing part.
    MissingWhat,
    /// It did not come (没收到).
    MissingLack,
    /// The postage (运费, 顺丰): with [`Tag::PostageClaim`] in a clause and
    /// [`Tag::PostageSpent`] in the buyer's words, a postage claim.
    PostageWhat,
    /// A claim for money (补给我, 什么时候给).
    PostageClaim,
    /// Money already spent on sending (花了, 垫付, 寄回去).
    PostageSpent,
    /// A symptom said to be slight (有一点, 不严重).
    Slight,
    /// What the buyer ordered (买的是): with [`Tag::Arrived`], the wrong item came.
    Ordered,
    /// What came (收到的是).
    Arrived,
    /// What should have come (应该是), said after what came: the wrong item came.
    ShouldBe,
    /// Turns the next word of its clause into nothing.
    Negation,
    /// Makes the next word less sure, but keeps it.
    Hedge,
    /// Says whose fault it is.
    Fault(Fault),
    /// A threat.
    Threat(Threat),
    /// A photo (false) or a video (true).
    Evidence(bool),
    /// The shop saying it saw a photo (false) or a video (true) the buyer sent.
    EvidenceSeen(bool),
    /// What the buyer wants.
    Wants(Wants),
    /// What the buyer wants, said as a condition (不退我就投诉): only when no wish is stated.
    WantsIf(Wants),
    /// The buyer agreeing to what the shop proposed (好的, 行吧).
    Agree,
    /// The buyer has the parcel.
    Received,
    /// An order-state word.
    Stage(Stage),
    /// The parcel is explicitly not signed for yet (还没签收, 快递员在门口, 拒收).
    NotSigned,
    /// A platform's name.
    Platform(Platform),
    /// 包邮 (true) or not (false).
    FreeShipping(bool),
    /// 运费险.
    Insurance,
    /// An express refund (极速退款).
    ExpressRefund,
    /// A refund refused twice already.
    RefusedTwice,
    /// Says a yes/no fact holds (`yes.<fact>`; negated: it does not).
    Yes(Fact),
    /// A material named.
    Material(Material),
    /// Read as nothing.
    Ignore,
}

/// The words of one reader, for one policy.
#[derive(Debug)]
pub struct Lexicon {
    /// The policy's keywords; a word also in the base lexicon carries the
    /// policy's tags first, then the base lexicon's.
    policy: Phrases<Tag>,
    /// The base lexicon, the same for every policy and built once.
    base: &'static Phrases<Tag>,
    /// The shop's promotion tags.
    promo_tags: Arc<Tags>,
}

impl Lexicon {
    /// The base lexicon with the shop's words added (from its policy, [`crate::policy::Policy::words`]).
    pub fn new(shop: &ShopWords) -> Lexicon {
        let base = base_phrases();
        let mut entries: Vec<(Cow<str>, Tag)> = Vec::new();
        // The policy's words come first: where both name a word, the shop's tags come first.
        for (d, keywords) in &shop.defects {
            entries.push((word(d.label()), Tag::Defect(*d)));
            for k in keywords {
                entries.push((word(k), Tag::Defect(*d)));
            }
        }
        for (f, words) in &shop.faults {
            entries.extend(words.iter().map(|k| (word(k), Tag::Fault(*f))));
        }
        for (m, keywords) in &shop.materials {
            entries.extend(keywords.iter().map(|k| (word(k), Tag::Material(*m))));
        }
        entries.retain(|(w, _)| !w.is_empty());
        // A policy word the base lexicon also lists keeps the base lexicon's tags after its own.
        let mut also = Vec::new();
        for (w, _) in &entries {
            if let Some(tags) = base.get(w) {
                also.extend(tags.iter().map(|t| (w.clone(), *t)));
            }
        }
        entries.extend(also);
        Lexicon {
            policy: Phrases::new(entries),
            base,
            promo_tags: shop.promo_tags.clone(),
        }
    }

    /// The promotion tags found in a title, in the policy's order.
    pub fn promo_tags_in(&self, title: &str) -> Vec<String> {
        self.promo_tags.found_in(title)
    }

    /// Every word found in a line, the longest at each start (as
    /// [`longest_words_into`]), over the policy's words and the base lexicon's.
    pub(super) fn find_all_into<'a>(
        &'a self,
        text: &str,
        out: &mut Vec<(Range<usize>, &'a [Tag])>,
    ) {
        // Where both name a word, the policy's entry holds both sets of tags.
        longest_words_into(text, out, &[&self.policy, self.base]);
    }
}

/// Builds the base lexicon now, so a caller can do it on another thread.
pub(super) fn warm_up() {
    let _ = base_phrases();
}

/// The base lexicon as a phrase matcher, built once.
fn base_phrases() -> &'static Phrases<Tag> {
    static BASE: OnceLock<Phrases<Tag>> = OnceLock::new();
    BASE.get_or_init(|| {
        Phrases::new(
            base()
                .iter()
                .map(|(w, t)| (word(w), *t))
                .filter(|(w, _)| !w.is_empty()),
        )
    })
}

/// A word as the paste is matched: trimmed and lower-cased (ASCII only:
/// Chinese has no case), copied only when lower-casing changes it.
fn word(w: &str) -> Cow<'_, str> {
    let w = w.trim();
    if w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// The base lexicon's entries, parsed once.
fn base() -> &'static [(&'static str, Tag)] {
    static BASE: OnceLock<Vec<(&'static str, Tag)>> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut out = Vec::new();
        for line in LEXICON.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((category, words)) = line.split_once(':') else {
                continue;
            };
            let Some(tag) = tag(category.trim()) else {
                continue;
            };
            out.extend(words.split_whitespace().map(|w| (w, tag)));
        }
        out
    })
}

/// The tag a lexicon category stands for; `None` for an unknown one (a test
/// checks every category of the file is known).
pub(super) fn tag(category: &str) -> Option<Tag> {
    let (head, tail) = category.split_once('.').unwrap_or((category, ""));
    Some(match (head, tail) {
        ("defect", id) => Tag::Defect(Defect::parse(id)?),
        ("vague", id) => Tag::Vague(Defect::parse(id)?),
        ("part", "") => Tag::Part,
        ("symptom", "minor") => Tag::SymptomMinor,
        ("symptom", "major") => Tag::SymptomMajor,
        ("symptom", "small") => Tag::SymptomSmall,
        ("symptom", "open") => Tag::SymptomOpen,
        ("minor", "") => Tag::Minor,
        ("thread", "") => Tag::Thread,
        ("major", "") => Tag::Major,
        ("cause", "misuse") => Tag::Misuse,
        ("cause", "transit") => Tag::Transit,
        ("misuse", "who") => Tag::MisuseWho,
        ("misuse", "did") => Tag::MisuseDid,
        ("transit", "who") => Tag::TransitWho,
        ("transit", "did") => Tag::TransitDid,
        ("transit", "box") => Tag::TransitBox,
        ("transit", "broke") => Tag::TransitBroke,
        ("missing", "what") => Tag::MissingWhat,
        ("missing", "lack") => Tag::MissingLack,
        ("postage", "what") => Tag::PostageWhat,
        ("postage", "claim") => Tag::PostageClaim,
        ("postage", "spent") => Tag::PostageSpent,
        ("slight", "") => Tag::Slight,
        ("ordered", "") => Tag::Ordered,
        ("should_be", "") => Tag::ShouldBe,
        ("arrived", "") => Tag::Arrived,
        ("negation", "") => Tag::Negation,
        ("hedge", "") => Tag::Hedge,
        ("fault", who) => Tag::Fault(Fault::parse(who)?),
        ("threat", kind) => Tag::Threat(Threat::parse(kind)?),
        ("evidence", "photo") => Tag::Evidence(false),
        ("evidence", "video") => Tag::Evidence(true),
        ("evidence", "seen_photo") => Tag::EvidenceSeen(false),
        ("evidence", "seen_video") => Tag::EvidenceSeen(true),
        ("wants", what) => Tag::Wants(Wants::parse(what)?),
        ("wants_if", what) => Tag::WantsIf(Wants::parse(what)?),
        ("agree", "") => Tag::Agree,
        ("received", "") => Tag::Received,
        ("not_signed", "") => Tag::NotSigned,
        ("stage", s) => Tag::Stage(Stage::parse(s)?),
        ("platform", p) => Tag::Platform(Platform::parse(p)?),
        ("free_shipping", "yes") => Tag::FreeShipping(true),
        ("free_shipping", "no") => Tag::FreeShipping(false),
        ("insurance", "") => Tag::Insurance,
        ("express_refund", "") => Tag::ExpressRefund,
        ("refused_twice", "") => Tag::RefusedTwice,
        ("yes", fact) => Tag::Yes(Fact::parse(fact).filter(|f| f.is_yes_no())?),
        ("ignore", "") => Tag::Ignore,
        _ => return None,
    })
}

/// A platform refund-reason text and the defect it names (`None`: it names none).
#[derive(Debug, Clone, Copy)]
pub struct Reason {
    /// The text as the platform shows it.
    pub text: &'static str,
    /// The defect it names.
    pub defect: Option<Defect>,
}

/// The refund-reason texts of both platforms.
pub fn reasons() -> &'static [Reason] {
    static LIST: OnceLock<Vec<Reason>> = OnceLock::new();
    LIST.get_or_init(|| {
        REASONS
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut cols = l.split(',');
                let text = cols.next()?.trim();
                let defect = Defect::parse(cols.next()?.trim());
                (!text.is_empty()).then_some(Reason { text, defect })
            })
            .collect()
    })
}

/// The known refund reason a field's value names: the longest reason text in it.
pub fn reason_in(value: &str) -> Option<Reason> {
    let v: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    reasons()
        .iter()
        .filter(|r| v.contains(r.text))
        .max_by_key(|r| r.text.len())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_of_the_lexicon_is_known() {
        for line in LEXICON.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (category, words) = line.split_once(':').expect("category: words");
            assert!(
                tag(category.trim()).is_some(),
                "unknown category `{category}`"
            );
            assert!(!words.trim().is_empty(), "`{category}` lists no words");
        }
    }

    #[test]
    fn every_refund_reason_names_a_known_defect_or_none() {
        for l in REASONS.lines().skip(1) {
            let cols: Vec<&str> = l.split(',').collect();
            assert!(cols.len() >= 2, "{l}");
            assert!(
                cols[1].is_empty() || Defect::parse(cols[1]).is_some(),
                "unknown defect in {l}"
            );
        }
        assert_eq!(
            reason_in("退款原因:做工粗糙/有瑕疵").map(|r| r.defect),
            Some(Some(Defect::SmallFlaw))
        );
    }
}
