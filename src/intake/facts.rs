//! The facts read from a paste, each with the words it came from and where in
//! the paste they stand (form, refund request, chat, note; buyer or shop), and
//! what is missing or open.

use serde::{Serialize, Serializer};

use super::segment::{Segment, Speaker};
use crate::case::{CaseInput, Fact, Stage};
use crate::located::Located;
use crate::vocab::facts::{ORDER, first};
use crate::vocab::{Value, facts_table};

/// One fact read from a paste, the words it came from and where they stand.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// The quoted text it was read from, as pasted.
    pub source: String,
    /// The part of the paste it was read in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<Segment>,
    /// Who said it, for a chat line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Speaker>,
    /// Whether the speaker is a guess (a lone nickname, an unnamed line), shown beside it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub speaker_guessed: bool,
}

impl<T> Found<T> {
    /// A value and its quote, read in a segment (and from a speaker).
    pub fn new(value: T, source: String, segment: Segment, speaker: Option<Speaker>) -> Found<T> {
        Found {
            value,
            source,
            segment: Some(segment),
            speaker,
            speaker_guessed: false,
        }
    }

    /// Marks the speaker as a guess when it is one.
    pub fn guessed(mut self, guessed: bool) -> Found<T> {
        self.speaker_guessed = guessed && self.speaker.is_some();
        self
    }
}

/// A fact that was not found; it serialises with the flag and the phrase that give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Missing {
    /// Which fact.
    pub fact: Fact,
}

impl Serialize for Missing {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("Missing", 5)?;
        m.serialize_field("fact", self.fact.name())?;
        m.serialize_field("key", self.fact.key())?;
        m.serialize_field("label", self.fact.label())?;
        m.serialize_field(
            "flag",
            &format!(
                "--{} {}",
                self.fact.key().replace('_', "-"),
                self.fact.example()
            ),
        )?;
        m.serialize_field("phrase", self.fact.phrase())?;
        m.end()
    }
}

/// A fact the text leaves open between several values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ambiguity {
    /// Which fact.
    #[serde(serialize_with = "fact_name")]
    pub fact: Fact,
    /// The quoted text.
    pub source: String,
    /// The values it could be.
    pub candidates: Vec<String>,
    /// How to settle it.
    pub flag: String,
}

fn fact_name<S: Serializer>(f: &Fact, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.name())
}

/// Builds [`Facts`] from the facts table: one field per fact, named as the
/// reader reports it, holding what was found (a list fact: each find).
macro_rules! found_fields {
    (
        text { $( $(#[doc = $tdoc:literal])* $tv:ident $tf:ident / $tn:ident : $tt:ty = $tk:ident, $tl:literal, $te:literal, $th:literal, $tp:literal $(, shown $ts:literal)?; )+ }
        yes { $( $(#[doc = $ydoc:literal])* $yv:ident $yf:ident / $yn:ident = $yl:literal, $ye:literal, $yh:literal, $yp:literal $(, shown $ys:literal)?; )+ }
        paste { $( $(#[doc = $pdoc:literal])* $pn:ident : $pt:ty = $pk:ident, $pl:literal $(, show $ps:expr)?; )+ }
        order [ $($order:ident)+ ]
    ) => {
        /// Everything read from a paste.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Facts {
            $( $(#[doc = $tdoc])* pub $tn: found!($tk, $tt), )+
            $( $(#[doc = $ydoc])* pub $yn: Option<Found<bool>>, )+
            $( $(#[doc = $pdoc])* pub $pn: found!($pk, $pt), )+
            /// Facts not found, with the flag or phrase that gives them.
            pub missing: Vec<Missing>,
            /// Facts the text leaves open.
            pub ambiguous: Vec<Ambiguity>,
        }

        /// The facts in [`ORDER`], then what is missing and open. A case
        /// fact's list is printed even when empty; nothing else absent is.
        impl Serialize for Facts {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut st = s.serialize_struct("Facts", ORDER.len() + 2)?;
                for &name in ORDER {
                    match name {
                        $( stringify!($tn) if self.$tn.shows(true) => st.serialize_field(name, &self.$tn)?, )+
                        $( stringify!($yn) if self.$yn.shows(true) => st.serialize_field(name, &self.$yn)?, )+
                        $( stringify!($pn) if self.$pn.shows(false) => st.serialize_field(name, &self.$pn)?, )+
                        _ => {}
                    }
                }
                st.serialize_field("missing", &self.missing)?;
                st.serialize_field("ambiguous", &self.ambiguous)?;
                st.end()
            }
        }

        impl Facts {
            /// The facts as case input for the engine (flags are laid over it afterwards).
            pub fn to_input(&self) -> CaseInput {
                let mut input = CaseInput {
                    $( $tf: self.$tn.given(), )+
                    $( $yf: self.$yn.as_ref().map(|f| f.value), )+
                };
                // The engine reads promotion tags from the title; without one, the tagged line stands in.
                if input.title.is_none() {
                    input.title = self.promo_tags.as_ref().map(|f| Located::flag(f.source.clone()));
                }
                input
            }

            /// Whether nothing that makes a case was read (see [`NOT_A_CASE_ALONE`]).
            pub(crate) fn is_empty(&self) -> bool {
                let read = |name: &str, found: bool| found && !NOT_A_CASE_ALONE.contains(&name);
                $( !read(stringify!($tn), self.$tn.shows(false)) && )+
                $( !read(stringify!($yn), self.$yn.shows(false)) && )+
                $( !read(stringify!($pn), self.$pn.shows(false)) && )+
                self.ambiguous.is_empty()
            }

            /// The field of a yes/no fact (`None` for any other), for a reader that sets it.
            pub(crate) fn yes_mut(&mut self, fact: Fact) -> Option<&mut Option<Found<bool>>> {
                match fact {
                    $( Fact::$yv => Some(&mut self.$yn), )+
                    _ => None,
                }
            }

            /// Each fact found, as the 识别结果 block lists it, in [`ORDER`].
            pub fn lines(&self) -> Vec<Line<'_>> {
                let mut out = Vec::new();
                for &name in ORDER {
                    match name {
                        $( stringify!($tn) => push(&mut out, Fact::$tv.shown(), self.$tn.each(), Value::shown), )+
                        $( stringify!($yn) => push(&mut out, Fact::$yv.shown(), self.$yn.each(), Value::shown), )+
                        $( stringify!($pn) => push(&mut out, $pl, self.$pn.each(), first!($($ps,)? Value::shown)), )+
                        _ => {}
                    }
                }
                out
            }
        }
    };
}

/// Facts that, found with nothing else, do not make a paste a case: a wish,
/// a photo, a date or a line of the refund panel alone is refused as
/// [`super::IntakeError::NothingFound`]. Every other fact found is enough.
const NOT_A_CASE_ALONE: &[&str] = &[
    "region_group",
    "earlier_asks",
    "requested_at",
    "paid_at",
    "completed_at",
    "complained_at",
    "wants",
    "evidence",
    "shipping_insurance",
    "claim_false",
    "express_refund",
    "refused_twice",
    "not_resellable",
    "perishable",
    "malicious",
    "made_to_order",
];

/// A fact's field in [`Facts`]: one find, or each find of a list fact.
macro_rules! found {
    (list, $t:ty) => { Vec<Found<$t>> };
    ($kind:ident, $t:ty) => { Option<Found<$t>> };
}

facts_table!(found_fields);

/// One line of the 识别结果 block: a fact's label, its value and the words it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Line<'a> {
    /// The fact's label (省份, 实付金额).
    pub label: &'static str,
    /// The value as shown (新疆, ¥89.00).
    pub value: String,
    /// The quoted text.
    pub source: &'a str,
    /// Who said it, when that is a guess.
    pub guessed: Option<Speaker>,
}

fn push<'a, T>(
    out: &mut Vec<Line<'a>>,
    label: &'static str,
    found: &'a [Found<T>],
    show: impl Fn(&T) -> String,
) {
    out.extend(found.iter().map(|f| Line {
        label,
        value: show(&f.value),
        source: &f.source,
        guessed: f.speaker.filter(|_| f.speaker_guessed),
    }));
}

/// What a field of [`Facts`] holds, whatever its shape.
trait Held<T> {
    /// Every find.
    fn each(&self) -> &[Found<T>];
    /// Whether it is printed: anything found, or a list printed even empty.
    fn shows(&self, empty_list_too: bool) -> bool;
}

impl<T> Held<T> for Option<Found<T>> {
    fn each(&self) -> &[Found<T>] {
        self.as_slice()
    }
    fn shows(&self, _: bool) -> bool {
        self.is_some()
    }
}

impl<T> Held<T> for Vec<Found<T>> {
    fn each(&self) -> &[Found<T>] {
        self
    }
    fn shows(&self, empty_list_too: bool) -> bool {
        empty_list_too || !self.is_empty()
    }
}

/// A field of [`Facts`] as a case-input text fact.
trait Given {
    fn given(&self) -> Option<Located<String>>;
}

impl<T: Value> Given for Option<Found<T>> {
    fn given(&self) -> Option<Located<String>> {
        self.as_ref().map(|f| Located::flag(f.value.given()))
    }
}

/// A list as case input: `bad_review,complaint`, each once.
impl<T: Value> Given for Vec<Found<T>> {
    fn given(&self) -> Option<Located<String>> {
        let mut ids: Vec<String> = Vec::new();
        for f in self {
            let i = f.value.given();
            if !ids.contains(&i) {
                ids.push(i);
            }
        }
        (!ids.is_empty()).then(|| Located::flag(ids.join(",")))
    }
}

impl Facts {
    /// Lists the facts the rules most often need and the text did not give.
    pub(crate) fn list_missing(&mut self) {
        let ambiguous = |f: Fact| self.ambiguous.iter().any(|a| a.fact == f);
        let signed = self
            .stage
            .as_ref()
            .is_some_and(|s| matches!(s.value, Stage::Signed | Stage::Completed));
        let lacking: Vec<Fact> = [
            (
                Fact::Defect,
                self.defect.is_none() && !ambiguous(Fact::Defect),
            ),
            (
                Fact::Region,
                self.province.is_none() && !ambiguous(Fact::Region),
            ),
            (Fact::Price, self.price.is_none()),
            (Fact::Platform, self.platform.is_none()),
            (Fact::Stage, self.stage.is_none()),
            (Fact::Signed, signed && self.signed_at.is_none()),
        ]
        .into_iter()
        .filter(|(_, lacking)| *lacking)
        .map(|(f, _)| f)
        .collect();
        self.missing
            .extend(lacking.into_iter().map(|fact| Missing { fact }));
    }
}
