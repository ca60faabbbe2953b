//! The case: the typed facts of one after-sale request.
//!
//! Facts arrive as strings (from flags or a case file) in a [`CaseInput`] and are
//! checked here into a [`Case`]: labels are read in English or Chinese, the region
//! is located, amounts and dates parsed. Every fact the agent may not know is an
//! `Option`; the engine asks for one only when a rule needs it.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::Path;

use crate::place::{Lookup, PlaceMatch, places};
use crate::snippet::Located;

/// Declares a closed set of labels, each with an English id, a Chinese label and
/// further accepted spellings, readable from any of them.
macro_rules! labels {
    ($(#[$m:meta])* $name:ident, $what:literal { $($variant:ident = $id:literal, $zh:literal $(| $alias:literal)*;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

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
                let t = text.trim();
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
            fn spellings() -> Vec<&'static str> {
                vec![$($id, $zh $(, $alias)*),+]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(
                        "unknown {} `{}`; expected one of: {}",
                        $what,
                        text,
                        $name::ALL.iter().map(|v| format!("{} ({})", v.id(), v.label())).collect::<Vec<_>>().join(", ")
                    ))
                })
            }
        }
    };
}

labels! {
    /// What went wrong, in the buyer's words.
    Defect, "defect" {
        SmallFlaw = "small_flaw", "小瑕疵" | "瑕疵";
        Quality = "quality", "质量问题";
        WrongItem = "wrong_item", "发错货" | "错发";
        MissingPart = "missing_part", "少件" | "漏发";
        Mismatch = "mismatch", "描述不符";
        Size = "size", "尺码不合适" | "尺码问题";
        Dislike = "dislike", "不喜欢" | "不想要";
        Logistics = "logistics", "物流问题" | "物流原因";
        TransitDamage = "transit_damage", "运输破损" | "快递破损";
        Misuse = "misuse", "使用不当";
        OutOfStock = "out_of_stock", "缺货";
        LateShipment = "late_shipment", "延迟发货" | "未按约定时间发货";
        MistakenOrder = "mistaken_order", "拍错" | "多拍";
        BadReview = "bad_review", "中差评" | "差评";
        ServiceLapse = "service_lapse", "服务问题";
    }
}

labels! {
    /// Whose fault the problem is.
    Fault, "fault" {
        Shop = "shop", "商家" | "卖家";
        Buyer = "buyer", "买家";
        Logistics = "logistics", "物流" | "快递";
    }
}

labels! {
    /// Which kind of shop sold the item (compensation differs).
    Platform, "platform" {
        Taobao = "taobao", "淘宝";
        Tmall = "tmall", "天猫";
    }
}

labels! {
    /// Where the order is.
    Stage, "stage" {
        Unshipped = "unshipped", "未发货";
        InTransit = "in_transit", "已发货" | "运输中" | "未签收";
        Signed = "signed", "已签收";
        Completed = "completed", "交易成功" | "已完成" | "确认收货";
    }
}

labels! {
    /// The upper material of the shoe, for the cleaning tip.
    Material, "material" {
        Suede = "suede", "麂皮/绒面" | "麂皮" | "绒面" | "麂皮绒";
        Pu = "pu", "PU皮" | "PU" | "pu皮";
        Fabric = "fabric", "布面";
        Slipper = "slipper", "拖鞋";
        Canvas = "canvas", "帆布" | "帆布鞋";
    }
}

labels! {
    /// What the buyer wants back for a buyer-reason request.
    Wants, "wish" {
        Return = "return", "退货" | "退货退款";
        Exchange = "exchange", "换货";
    }
}

/// The raw facts of a case as text, from flags or a case file, before checking.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseInput {
    /// 问题类型: a [`Defect`] id or label.
    pub defect: Option<Located<String>>,
    /// A province, short name, city or whole address.
    pub region: Option<Located<String>>,
    /// The product title, for promotion tags.
    pub title: Option<Located<String>>,
    /// Whose fault; inferred from the defect when absent.
    pub fault: Option<Located<String>>,
    /// Price the buyer paid, in yuan.
    pub price: Option<Located<String>>,
    /// What the buyer asks for, in yuan.
    pub ask: Option<Located<String>>,
    /// The shop paid the outbound shipping (包邮).
    pub free_shipping: Option<bool>,
    /// taobao or tmall.
    pub platform: Option<Located<String>>,
    /// unshipped, in_transit, signed or completed.
    pub stage: Option<Located<String>>,
    /// Date the buyer signed for the parcel.
    pub signed: Option<Located<String>>,
    /// Date of the buyer's request.
    pub requested: Option<Located<String>>,
    /// Upper material of the item.
    pub material: Option<Located<String>>,
    /// return or exchange, for buyer-reason requests.
    pub wants: Option<Located<String>>,
    /// Resale is affected (tags removed, worn).
    pub not_resellable: Option<bool>,
    /// Perishable food or an opened food seal.
    pub perishable: Option<bool>,
    /// The buyer's out-of-stock / late-shipment claim is untrue.
    pub claim_false: Option<bool>,
}

/// The checked facts of one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    /// What went wrong.
    pub defect: Option<Defect>,
    /// The buyer's province and the text it was read from.
    #[serde(serialize_with = "ser_region")]
    pub region: Option<PlaceMatch>,
    /// The product title.
    pub title: Option<String>,
    /// Whose fault, when stated.
    pub fault: Option<Fault>,
    /// Price paid.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub price: Option<Decimal>,
    /// The buyer's ask.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub ask: Option<Decimal>,
    /// 包邮.
    pub free_shipping: bool,
    /// Taobao or Tmall.
    pub platform: Option<Platform>,
    /// Order stage, when stated.
    pub stage: Option<Stage>,
    /// Date signed for.
    pub signed: Option<NaiveDate>,
    /// Date of the request.
    pub requested: NaiveDate,
    /// Upper material.
    pub material: Option<Material>,
    /// Return or exchange, when stated.
    pub wants: Option<Wants>,
    /// Resale not affected.
    pub resellable: bool,
    /// Perishable food.
    pub perishable: bool,
    /// The out-of-stock / late claim is untrue.
    pub claim_false: bool,
}

fn ser_region<S: serde::Serializer>(r: &Option<PlaceMatch>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(m) => s.serialize_str(&m.province.0),
        None => s.serialize_none(),
    }
}

/// Why a case could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// A label that is not one of the known ones.
    #[error("{at}unknown {what} `{value}`{}\n  = help: {help}", suggest(.suggestions))]
    Unknown {
        /// Where the value was given.
        at: String,
        /// What kind of label.
        what: &'static str,
        /// The value given.
        value: String,
        /// The nearest valid labels.
        suggestions: Vec<String>,
        /// How to fix it.
        help: String,
    },
    /// A district name found in several provinces, with nothing to tell which.
    #[error("{at}`{value}` exists in several provinces ({}); the region is ambiguous\n  = help: add the city or province, e.g. --region \"{}{value}\"", .provinces.join(", "), .provinces.first().map(String::as_str).unwrap_or(""))]
    Ambiguous {
        /// Where the value was given.
        at: String,
        /// The ambiguous name.
        value: String,
        /// The provinces that have a place of that name.
        provinces: Vec<String>,
    },
    /// An amount that is not a non-negative number of yuan.
    #[error(
        "{at}{field} `{value}` is not a valid amount: {reason}\n  = help: give yuan as a plain number, e.g. {flag} 89 or {flag} 12.50"
    )]
    Amount {
        /// Where the value was given.
        at: String,
        /// Which amount.
        field: &'static str,
        /// The flag that sets it.
        flag: &'static str,
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A date that cannot be read.
    #[error(
        "{at}{field} `{value}` is not a date\n  = help: write it as 2026-11-18 ({flag} 2026-11-18)"
    )]
    Date {
        /// Where the value was given.
        at: String,
        /// Which date.
        field: &'static str,
        /// The flag that sets it.
        flag: &'static str,
        /// The value given.
        value: String,
    },
    /// A case file that is not valid YAML/JSON or has unknown fields.
    #[error("{file}:{line}:{column}: {message}\n{snippet}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What the parser said.
        message: String,
        /// The offending line with a caret.
        snippet: String,
    },
    /// A case file that cannot be read.
    #[error("cannot read case file `{path}`: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

fn suggest(s: &[String]) -> String {
    if s.is_empty() {
        String::new()
    } else {
        format!(
            "; did you mean {}?",
            s.iter()
                .map(|x| format!("`{x}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// The nearest spellings to an unknown label.
fn nearest(value: &str, spellings: &[&str]) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> = spellings
        .iter()
        .map(|s| {
            (
                strsim::normalized_levenshtein(&value.to_lowercase(), &s.to_lowercase()),
                *s,
            )
        })
        .filter(|(score, _)| *score >= 0.3)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// "file:line:col: " or "`--flag`: " before a message about a value.
fn at(v: &Located<String>, flag: &str) -> String {
    match &v.at {
        Some(a) => format!("{a}: "),
        None => format!("{flag}: "),
    }
}

macro_rules! read_label {
    ($ty:ident, $v:expr, $flag:literal) => {
        match $v {
            None => Ok(None),
            Some(v) => $ty::parse(&v.value)
                .map(Some)
                .ok_or_else(|| CaseError::Unknown {
                    at: at(v, $flag),
                    what: $ty::WHAT,
                    value: v.value.clone(),
                    suggestions: nearest(&v.value, &$ty::spellings()),
                    help: format!(
                        "{} takes one of: {}",
                        $flag,
                        $ty::ALL
                            .iter()
                            .map(|x| format!("{}/{}", x.label(), x.id()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                }),
        }
    };
}

/// Reads an amount in yuan: digits with at most a few decimals, optional ¥ or 元.
pub fn parse_amount(text: &str) -> Result<Decimal, &'static str> {
    let t = text
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    if t.is_empty() {
        return Err("it is empty");
    }
    if t.starts_with('-') {
        return Err("an amount cannot be negative");
    }
    if !t.chars().all(|c| c.is_ascii_digit() || c == '.') || t.matches('.').count() > 1 {
        return Err("it is not a number");
    }
    let d: Decimal = t.parse().map_err(|_| "it is not a number")?;
    if d.scale() > 2 {
        return Err("amounts are in yuan with at most two decimals (fen)");
    }
    // A single order over ten million yuan is a typo, not a case.
    if d > Decimal::from(10_000_000) {
        return Err("it is larger than any order this tool handles");
    }
    Ok(d)
}

/// Reads a date as `2026-11-18`, `2026/11/18` or `2026.11.18`, ignoring a time after it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    let day = t.split_whitespace().next()?;
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
}

impl CaseInput {
    /// Loads a case from a YAML or JSON file (or its text), keeping line numbers.
    pub fn from_yaml(text: &str, file: &str) -> Result<CaseInput, CaseError> {
        let mut input: CaseInput =
            crate::snippet::from_yaml(text).map_err(|e| CaseError::Syntax {
                file: file.to_string(),
                line: e.line,
                column: e.column,
                message: e.message,
                snippet: e.snippet,
            })?;
        input.set_file(file);
        Ok(input)
    }

    /// Names the file every located fact was read from, for messages.
    pub fn set_file(&mut self, file: &str) {
        macro_rules! name {
            ($($f:ident),+) => { $(if let Some(v) = &mut self.$f { v.set_file(file); })+ };
        }
        name!(
            defect, region, title, fault, price, ask, platform, stage, signed, requested, material,
            wants
        );
    }

    /// Reads a case file from disk.
    pub fn from_path(path: &Path) -> Result<CaseInput, CaseError> {
        let text = std::fs::read_to_string(path).map_err(|source| CaseError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_yaml(&text, &path.display().to_string())
    }

    /// Fills every fact `other` gives, leaving the rest as they are (flags over a file).
    pub fn overlay(&mut self, other: CaseInput) {
        macro_rules! take {
            ($($f:ident),+) => { $(if other.$f.is_some() { self.$f = other.$f; })+ };
        }
        take!(
            defect,
            region,
            title,
            fault,
            price,
            ask,
            free_shipping,
            platform,
            stage,
            signed,
            requested,
            material,
            wants,
            not_resellable,
            perishable,
            claim_false
        );
    }

    /// Checks every fact and builds the case; `today` is the request date when none is given.
    pub fn into_case(self, today: NaiveDate) -> Result<Case, CaseError> {
        let region = match &self.region {
            None => None,
            Some(v) => match places().locate(&v.value) {
                Lookup::Found(m) => Some(m),
                Lookup::Ambiguous {
                    source, provinces, ..
                } => {
                    return Err(CaseError::Ambiguous {
                        at: at(v, "--region"),
                        value: source,
                        provinces,
                    });
                }
                Lookup::NotFound => {
                    return Err(CaseError::Unknown {
                        at: at(v, "--region"),
                        what: "region",
                        value: v.value.clone(),
                        suggestions: places().suggest(&v.value),
                        help: "--region takes a province (新疆, 浙江省), a short name (内蒙, 沪), a city (乌鲁木齐) or a whole address".into(),
                    });
                }
            },
        };
        let amount = |v: &Option<Located<String>>,
                      field,
                      flag|
         -> Result<Option<Decimal>, CaseError> {
            match v {
                None => Ok(None),
                Some(v) => parse_amount(&v.value)
                    .map(Some)
                    .map_err(|reason| CaseError::Amount {
                        at: at(v, flag),
                        field,
                        flag,
                        value: v.value.clone(),
                        reason,
                    }),
            }
        };
        let date =
            |v: &Option<Located<String>>, field, flag| -> Result<Option<NaiveDate>, CaseError> {
                match v {
                    None => Ok(None),
                    Some(v) => parse_date(&v.value)
                        .map(Some)
                        .ok_or_else(|| CaseError::Date {
                            at: at(v, flag),
                            field,
                            flag,
                            value: v.value.clone(),
                        }),
                }
            };
        Ok(Case {
            defect: read_label!(Defect, &self.defect, "--defect")?,
            region,
            title: self.title.map(|t| t.value),
            fault: read_label!(Fault, &self.fault, "--fault")?,
            price: amount(&self.price, "price", "--price")?,
            ask: amount(&self.ask, "ask", "--ask")?,
            free_shipping: self.free_shipping.unwrap_or(false),
            platform: read_label!(Platform, &self.platform, "--platform")?,
            stage: read_label!(Stage, &self.stage, "--stage")?,
            signed: date(&self.signed, "signed date", "--signed")?,
            requested: date(&self.requested, "request date", "--requested")?.unwrap_or(today),
            material: read_label!(Material, &self.material, "--material")?,
            wants: read_label!(Wants, &self.wants, "--wants")?,
            resellable: !self.not_resellable.unwrap_or(false),
            perishable: self.perishable.unwrap_or(false),
            claim_false: self.claim_false.unwrap_or(false),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_in_english_and_chinese() {
        assert_eq!(Defect::parse("小瑕疵"), Some(Defect::SmallFlaw));
        assert_eq!(Defect::parse("small_flaw"), Some(Defect::SmallFlaw));
        assert_eq!(Material::parse("绒面"), Some(Material::Suede));
        assert_eq!(Stage::parse("已签收"), Some(Stage::Signed));
    }

    #[test]
    fn amounts_reject_negative_and_text() {
        assert_eq!(parse_amount("¥12.50"), Ok(Decimal::new(1250, 2)));
        assert_eq!(parse_amount("89元"), Ok(Decimal::from(89)));
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("1e30").is_err());
        assert!(parse_amount("0.001").is_err());
    }

    #[test]
    fn unknown_defect_suggests_the_nearest() {
        let input = CaseInput {
            defect: Some(Located::flag("小瑕")),
            ..CaseInput::default()
        };
        let err = input.into_case(NaiveDate::MIN).unwrap_err().to_string();
        assert!(err.contains("unknown defect `小瑕`"), "{err}");
        assert!(err.contains("`小瑕疵`"), "{err}");
    }
}
