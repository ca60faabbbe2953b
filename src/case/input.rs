//! Reading case input: a YAML or JSON case file, and the lenient field readers
//! the file, the flags and replay logs share (numbers as written, 是/否).

use std::borrow::Cow;

use serde::{Deserialize, Deserializer};

use super::{CaseError, CaseInput, Fact};
use crate::located::{Located, YamlError};
use crate::policy::slip::Slip;

impl CaseInput {
    /// Loads a case from a YAML or JSON file (or its text), keeping line numbers.
    pub fn from_yaml(text: &str, file: &str) -> Result<CaseInput, CaseError> {
        let mut input: CaseInput = crate::located::from_yaml(text).map_err(|e| {
            let (line, column, message) = file_slip(text, &e);
            CaseError::Syntax {
                file: file.to_string(),
                line,
                column,
                message,
                source_line: source_line(text, line),
            }
        })?;
        input.set_file(file);
        Ok(input)
    }
}

/// A case file's YAML error told Chinese first, with where it is: a misspelt
/// field gets the nearest one (`是不是要写 expect？`), the other slips a
/// manager makes (a Tab, a full-width colon, an unclosed bracket …) the
/// sentence the policy file gets for them.
pub(crate) fn file_slip(text: &str, e: &YamlError) -> (u32, u32, String) {
    let (slip, pos) = crate::policy::slip::explain(text, e, "");
    let (line, column) = pos.map_or((e.line, e.column), |p| (p.line, p.column));
    let message = match slip {
        Slip::UnknownField { field, allowed, .. } => unknown_field(&field, &allowed),
        Slip::MissingField { field } => {
            format!("这一段缺少“{field}” / missing field `{field}`")
        }
        // The policy's fallback sends the reader to the policy file: say what the reader said.
        Slip::Other { message } => format!("YAML 写法有误 / {message}"),
        // The fix once, in Chinese: its English twin may repeat a long list.
        other => {
            let (zh, en, fix_zh, _) = other.text();
            format!("{zh}：{fix_zh} / {en}")
        }
    };
    (line, column, message)
}

/// `不认识的字段“regoin”，是不是要写 region？`: the nearest field when one is
/// near, else every field the block takes (a case's with its Chinese label).
fn unknown_field(field: &str, allowed: &str) -> String {
    let is_label = |n: &str| Fact::ALL.iter().any(|f| f.label() == n);
    // The reader lists the Chinese labels too; they are shown beside their fields.
    let names: Vec<&str> = allowed
        .split(", ")
        .filter(|n| !n.is_empty() && !is_label(n))
        .collect();
    let label = |name: &str| {
        Fact::ALL
            .iter()
            .find(|f| f.key() == name)
            .map_or(name.to_string(), |f| format!("{name}（{}）", f.label()))
    };
    let spellings: Vec<(&str, &str)> = names
        .iter()
        .flat_map(|n| {
            let zh = Fact::ALL.iter().find(|f| f.key() == *n).map(|f| f.label());
            std::iter::once((*n, *n)).chain(zh.map(|zh| (zh, *n)))
        })
        .collect();
    let nearest = spellings
        .iter()
        .map(|(s, n)| (strsim::normalized_levenshtein(field, s), *s, *n))
        .filter(|(score, _, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((_, spelling, _)) => format!(
            "不认识的字段“{field}”，是不是要写 {spelling}？ / unknown field `{field}`; did you mean `{spelling}`?"
        ),
        None => format!(
            "不认识的字段“{field}”，这里可以写：{} / unknown field `{field}`",
            names
                .iter()
                .map(|n| label(n))
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// The text of 1-based line `line`, for drawing an error under it.
pub(crate) fn source_line(text: &str, line: u32) -> String {
    line.checked_sub(1)
        .and_then(|i| text.lines().nth(i as usize))
        .unwrap_or_default()
        .to_string()
}

/// A scalar written as text or as a number, kept as written.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Reads a text fact: a string, a number (as written) or null; empty text is absent.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Located<String>>, D::Error> {
    Ok(Option::<Located<Scalar>>::deserialize(d)?
        .filter(|v| !v.value.0.trim().is_empty())
        .map(|v| Located {
            value: v.value.0,
            at: v.at,
        }))
}

/// Reads a text fact in place, as [`text`] reads it: a string (borrowed when it
/// can be), a number as written, or null; empty text is absent.
pub(crate) fn row_text<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Cow<'a, str>>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<Cow<'de, str>>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text or a number")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Borrowed(v)))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v)))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(Cow::Owned(v.to_string())))
        }
    }
    Ok(d.deserialize_option(V)?
        .filter(|v| !crate::text::trim(v).is_empty()))
}

/// Reads a yes/no fact in place, as [`yes_no`] reads it; anything [`yes_no`]
/// might word differently (a float, a number out of range) is refused here.
pub(crate) fn row_yes_no<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<bool>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("yes or no")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
        fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v != 0))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            match i64::try_from(v) {
                Ok(n) => Ok(Some(n != 0)),
                Err(_) => Err(E::custom("out of range")),
            }
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            yes_no_word(v)
        }
    }
    d.deserialize_option(V)
}

/// A yes/no word (是/否, yes/no, 1/0 …); blank is absent.
pub(crate) fn yes_no_word<E: serde::de::Error>(s: &str) -> Result<Option<bool>, E> {
    match s.trim() {
        "" => Ok(None),
        "true" | "1" | "是" | "yes" | "y" | "Y" | "TRUE" | "True" => Ok(Some(true)),
        "false" | "0" | "否" | "no" | "n" | "N" | "FALSE" | "False" => Ok(Some(false)),
        other => Err(E::custom(format!("`{other}` is not yes or no"))),
    }
}

/// Reads a yes/no fact: true/false, 1/0, 是/否, yes/no, or empty.
pub(crate) fn yes_no<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Yes {
        Bool(bool),
        Num(i64),
        Text(String),
    }
    match Option::<Yes>::deserialize(d)? {
        None => Ok(None),
        Some(Yes::Bool(b)) => Ok(Some(b)),
        Some(Yes::Num(n)) => Ok(Some(n != 0)),
        Some(Yes::Text(s)) => yes_no_word(&s),
    }
}
