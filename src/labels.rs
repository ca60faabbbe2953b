//! The one way closed sets of words are declared: each value has a stable
//! English id (JSON, case files, policy files), a Chinese label (what agents
//! read) and further accepted spellings. Case facts and policy words alike.

/// Declares a closed set of labels, readable from its id, its Chinese label or
/// an alias, serialised as its id.
///
/// ```ignore
/// labels! {
///     /// Whose fault the problem is.
///     Fault, "fault" {
///         Shop = "shop", "商家" | "卖家";
///         Buyer = "buyer", "买家";
///     }
/// }
/// ```
macro_rules! labels {
    ($(#[$m:meta])* $name:ident, $what:literal { $($(#[$vm:meta])* $variant:ident = $id:literal, $zh:literal $(| $alias:literal)*;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vm])* #[doc = $zh] $variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What this set of labels is called in messages.
            pub const WHAT: &'static str = $what;

            /// The stable English id.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),+ }
            }

            /// The Chinese label shown to agents.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            /// Reads an English id, a Chinese label or an accepted alias.
            pub fn parse(text: &str) -> Option<$name> {
                let t = $crate::text::trim(text);
                $(if t.eq_ignore_ascii_case($id) || t == $zh $(|| t == $alias)* {
                    return Some($name::$variant);
                })+
                None
            }

            /// Position in [`Self::ALL`], for bit sets.
            pub fn index(self) -> usize {
                self as usize
            }

            /// Every spelling this label accepts, for suggestions.
            pub fn spellings() -> Vec<&'static str> {
                vec![$($id, $zh $(, $alias)*),+]
            }

            /// Every value as `id (标签)`, for messages that list the choices.
            pub fn choices() -> String {
                $name::ALL
                    .iter()
                    .map(|v| format!("{} ({})", v.id(), v.label()))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        }

        impl $crate::vocab::Value for $name {
            fn given(&self) -> String {
                self.id().to_string()
            }
            fn shown(&self) -> String {
                self.label().to_string()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} `{}`; expected one of: {}",
                        $what,
                        text,
                        $name::choices()
                    ))
                })
            }
        }
    };
}

pub(crate) use labels;
