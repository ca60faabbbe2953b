//! The case facts as given: flags, case files and log rows. Each fact is one
//! row of [`crate::vocab::facts`]; this builds from that table the case-file
//! and log field (serde), the command-line flag (clap), and the accessors
//! the session, intake and engine use to name a fact.

use serde::Deserialize;

use super::input::{row_text, row_yes_no, text, yes_no};
use crate::located::Located;
use crate::vocab::{Fact, facts_table};

/// Where a log row's value goes: a text fact or a yes/no fact.
pub(crate) enum Slot<'r, 'a> {
    /// A text fact.
    Text(&'r mut Option<std::borrow::Cow<'a, str>>),
    /// A yes/no fact.
    Yes(&'r mut Option<bool>),
}

/// Builds the case input from the facts table: text facts
/// (`Option<Located<String>>`) and yes/no facts (`Option<bool>`).
macro_rules! case_fields {
    (
        text { $( $(#[doc = $tdoc:literal])* $tv:ident $tf:ident / $tn:ident : $tt:ty = $tk:ident, $tl:literal, $te:literal, $th:literal, $tp:literal $(, shown $ts:literal)?; )+ }
        yes { $( $(#[doc = $ydoc:literal])* $yv:ident $yf:ident / $yn:ident = $yl:literal, $ye:literal, $yh:literal, $yp:literal $(, shown $ys:literal)?; )+ }
        paste { $($paste:tt)* }
        order [ $($order:ident)+ ]
    ) => {
        /// The raw facts of a case as text, from flags, a case file or a log
        /// line, before checking. Every field is optional: an absent fact is
        /// inferred openly or asked for, never guessed. A file may name a
        /// fact by its Chinese label (`问题类型: 小瑕疵`) as well as its field.
        #[derive(Debug, Clone, Default, Deserialize, clap::Args)]
        #[serde(deny_unknown_fields)]
        pub struct CaseInput {
            $(
                $(#[doc = $tdoc])*
                #[arg(long, allow_negative_numbers = true)]
                #[serde(default, deserialize_with = "text", alias = $tl)]
                pub $tf: Option<Located<String>>,
            )+
            $(
                $(#[doc = $ydoc])*
                #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
                      value_parser = clap::builder::BoolishValueParser::new())]
                #[serde(default, deserialize_with = "yes_no", alias = $yl)]
                pub $yf: Option<bool>,
            )+
        }

        /// A case-log row read in place: text facts borrow from the line when it
        /// holds no escapes, so replay's million rows cost no allocation per
        /// field until the row is known good. Accepts exactly what
        /// [`CaseInput`] accepts, or less: a row it refuses is read again by
        /// [`CaseInput`]'s own reader, whose message is the one reported.
        #[derive(Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct CaseRow<'a> {
            $(
                #[serde(default, borrow, deserialize_with = "row_text", alias = $tl)]
                $tf: Option<std::borrow::Cow<'a, str>>,
            )+
            $(
                #[serde(default, deserialize_with = "row_yes_no", alias = $yl)]
                $yf: Option<bool>,
            )+
        }

        impl<'a> CaseRow<'a> {
            /// The text a text fact was given as.
            pub(crate) fn text(&self, fact: Fact) -> Option<&str> {
                match fact { $(Fact::$tv => self.$tf.as_deref(),)+ _ => None }
            }

            /// The value a yes/no fact was given as.
            pub(crate) fn yes(&self, fact: Fact) -> Option<bool> {
                match fact { $(Fact::$yv => self.$yf,)+ _ => None }
            }

            /// The fact a log field names and the place its value goes, for
            /// the fast JSON reader; `None` for a field that is no fact.
            pub(crate) fn slot(&mut self, key: &[u8]) -> Option<(Fact, Slot<'_, 'a>)> {
                $( if key == stringify!($tf).as_bytes() { return Some((Fact::$tv, Slot::Text(&mut self.$tf))); } )+
                $( if key == stringify!($yf).as_bytes() { return Some((Fact::$yv, Slot::Yes(&mut self.$yf))); } )+
                None
            }

            /// The row's slot for `fact`.
            pub(crate) fn slot_of(&mut self, fact: Fact) -> Slot<'_, 'a> {
                match fact {
                    $( Fact::$tv => Slot::Text(&mut self.$tf), )+
                    $( Fact::$yv => Slot::Yes(&mut self.$yf), )+
                }
            }
        }

        impl CaseInput {
            /// The text a text fact was given as.
            pub fn text(&self, fact: Fact) -> Option<&Located<String>> {
                match fact { $(Fact::$tv => self.$tf.as_ref(),)+ _ => None }
            }

            /// The value a yes/no fact was given as.
            pub fn yes(&self, fact: Fact) -> Option<bool> {
                match fact { $(Fact::$yv => self.$yf,)+ _ => None }
            }

            /// Whether the fact was given at all.
            pub fn has(&self, fact: Fact) -> bool {
                self.text(fact).is_some() || self.yes(fact).is_some()
            }

            /// Whether any fact was given; a request date alone is not a case.
            pub fn has_facts(&self) -> bool {
                Fact::ALL.iter().any(|f| *f != Fact::Requested && self.has(*f))
            }

            /// Fills every fact `other` gives, leaving the rest as they are (flags over a file).
            pub fn overlay(&mut self, other: CaseInput) {
                $( if other.$tf.is_some() { self.$tf = other.$tf; } )+
                $( if other.$yf.is_some() { self.$yf = other.$yf; } )+
            }

            /// The given facts as a case-log row (`{"defect": "小瑕疵", "free_shipping": true}`),
            /// which replay and [`CaseInput`]'s own reader take back unchanged.
            pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
                let mut m = serde_json::Map::new();
                $( if let Some(v) = &self.$tf { m.insert(stringify!($tf).into(), v.value.clone().into()); } )+
                $( if let Some(v) = self.$yf { m.insert(stringify!($yf).into(), v.into()); } )+
                m
            }

            /// Names the file every located fact was read from, for messages.
            pub fn set_file(&mut self, file: &str) {
                $( if let Some(v) = &mut self.$tf { v.set_file(file); } )+
            }
        }
    };
}

facts_table!(case_fields);
