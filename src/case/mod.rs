//! The case: the typed facts of one after-sale request.
//!
//! Facts arrive as strings (from flags, a case file or a log line) in a
//! [`CaseInput`] and are checked here into a [`Case`]: labels are read in
//! English or Chinese, the region is located, amounts and dates parsed. Every
//! fact the agent may not know is an `Option`; the engine asks for one only
//! when a rule needs it.

mod fact;
mod input;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::bilingual::Bilingual;
use crate::located::Located;
use crate::money::parse_amount;
use crate::place::{Lookup, PlaceMatch, places};
pub use crate::vocab::Fact;
pub use crate::vocab::{
    Defect, Evidence, Fault, Material, Platform, RefundType, Stage, Threat, Wants,
};
pub use fact::CaseInput;
pub(crate) use fact::{CaseRow, Slot};
pub(crate) use input::{file_slip, yes_no_word};

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
    /// 包邮, when known.
    pub free_shipping: Option<bool>,
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
    /// What the shop already offered.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub offered: Option<Decimal>,
    /// The refund request's type.
    pub refund_type: Option<RefundType>,
    /// The refund reason the buyer picked, as shown.
    pub refund_reason: Option<String>,
    /// What the buyer threatens.
    pub threats: Vec<Threat>,
    /// What the buyer sent as evidence.
    pub evidence: Vec<Evidence>,
    /// Date paid.
    pub paid: Option<NaiveDate>,
    /// Date the trade completed.
    pub completed: Option<NaiveDate>,
    /// Date the buyer filed a complaint (维权/投诉).
    pub complained: Option<NaiveDate>,
    /// An express refund (极速退款).
    pub express_refund: bool,
    /// The quality refund was refused twice already.
    pub refused_twice: bool,
    /// A malicious return, with evidence.
    pub malicious: bool,
    /// Made to order or pre-sale, when stated (the title may also say so).
    pub made_to_order: Option<bool>,
}

fn ser_region<S: serde::Serializer>(r: &Option<PlaceMatch>, s: S) -> Result<S::Ok, S::Error> {
    match r {
        Some(m) => s.serialize_str(m.province.0),
        None => s.serialize_none(),
    }
}

/// Why a case could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// A label that is not one of the known ones.
    #[error("{at}{}\n  = help: {help}", self.for_log())]
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
    #[error("{at}{}\n  = help: add the city or province, e.g. --region \"{}{value}\"", self.for_log(), .provinces.first().map(String::as_str).unwrap_or(""))]
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
        "{at}{}\n  = help: give yuan as a plain number, e.g. {flag} 89 or {flag} 12.50",
        self.for_log()
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
        reason: AmountSlip,
    },
    /// A date that cannot be read.
    #[error(
        "{at}{}\n  = help: write it as 2026-11-18 ({flag} 2026-11-18)",
        self.for_log()
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
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// 1-based line.
        line: u32,
        /// 1-based column.
        column: u32,
        /// What the parser said.
        message: String,
        /// The text of that line, for drawing the error under it.
        source_line: String,
    },
    /// Dates or a stage that cannot all be true.
    #[error("日期前后矛盾 / dates do not fit together: {what}\n  = help: {help}")]
    Dates {
        /// What does not fit.
        what: Bilingual,
        /// How to fix it.
        help: &'static str,
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

impl CaseError {
    /// The error in one line, Chinese first, the fact named by its label and
    /// no flag: how a replayed log's bad line is reported (a log has columns,
    /// not flags), and the first line of the message for flags and files.
    pub fn for_log(&self) -> String {
        match self {
            CaseError::Unknown {
                what,
                value,
                suggestions,
                ..
            } => {
                let near = match suggestions.as_slice() {
                    [] => String::new(),
                    s => format!("，是不是“{}”？", s.join("”或“")),
                };
                format!(
                    "{}“{value}”不认识{near} / unknown {what} `{value}`{}",
                    label_of(what),
                    suggest(suggestions)
                )
            }
            CaseError::Ambiguous {
                value, provinces, ..
            } => format!(
                "收货地区“{value}”在好几个省都有（{}），要写上城市或省份 / `{value}` exists in several provinces ({}); the region is ambiguous",
                provinces.join("、"),
                provinces.join(", ")
            ),
            CaseError::Amount {
                field,
                flag,
                value,
                reason,
                ..
            } => {
                let why = reason.words();
                format!(
                    "{}“{value}”不是金额：{} / {field} `{value}` is not a valid amount: {}",
                    flag_label(flag),
                    why.zh,
                    why.en
                )
            }
            CaseError::Date {
                field, flag, value, ..
            } => format!(
                "{}“{value}”不是日期：写成 2026-11-18 或 2026年11月18日 / {field} `{value}` is not a date",
                flag_label(flag)
            ),
            other => {
                let text = other.to_string();
                text.lines().next().unwrap_or(&text).to_string()
            }
        }
    }
}

/// The Chinese name of a kind of label (`defect` is 问题类型).
fn label_of(what: &str) -> &'static str {
    match what {
        "wish" => Fact::Wants.label(),
        "refund type" => Fact::RefundType.label(),
        "threat" => Fact::Threats.label(),
        other => Fact::parse(other).map_or("", |f| f.label()),
    }
}

/// The Chinese label of the fact a flag sets (`--price` is 实付金额).
fn flag_label(flag: &str) -> &'static str {
    let key = flag.trim_start_matches("--").replace('-', "_");
    Fact::parse(&key).map_or("", |f| f.label())
}

/// Why an amount given cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountSlip {
    /// It cannot be read as yuan: [`parse_amount`]'s reason.
    Unreadable(&'static str),
    /// A price of nothing: nothing to refund or offer.
    ZeroPrice,
}

impl AmountSlip {
    /// What is wrong, Chinese and English.
    pub fn words(self) -> Bilingual {
        match self {
            AmountSlip::Unreadable(reason) => Bilingual::new(
                format!("{}，写数字，如 89 或 12.50", reason_zh(reason)),
                reason,
            ),
            AmountSlip::ZeroPrice => {
                Bilingual::new("实付金额不能是0", "the price paid cannot be zero")
            }
        }
    }
}

/// Why an amount cannot be read, in Chinese.
fn reason_zh(reason: &str) -> &'static str {
    match reason {
        "it is empty" => "是空的",
        "an amount cannot be negative" => "金额不能是负数",
        "it is not a number" => "不是数字",
        "amounts are in yuan with at most two decimals (fen)" => "金额以元为单位，最多两位小数",
        "it is larger than any order this tool handles" => "比任何一笔订单都大",
        _ => "写法不对",
    }
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

/// The nearest spellings to an unknown label: a slip of a letter or two, or
/// a label cut short (小瑕 for 小瑕疵). A word that merely shares a letter or
/// two with a label (broken_heel, 断跟) gets none: a guess there misleads.
fn nearest(value: &str, spellings: &[&str]) -> Vec<String> {
    let value = value.to_lowercase();
    let mut scored: Vec<(f64, &str)> = spellings
        .iter()
        .map(|s| {
            let s_low = s.to_lowercase();
            let score = strsim::normalized_levenshtein(&value, &s_low);
            let same_start = value.chars().next() == s_low.chars().next();
            (
                if score >= 0.6 || (score >= 0.5 && same_start) {
                    score
                } else {
                    0.0
                },
                *s,
            )
        })
        .filter(|(score, _)| *score > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
        .into_iter()
        .take(3)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// A text fact as given: its text, and where it was written when it came from a file.
#[derive(Clone, Copy)]
pub(crate) struct Given<'a> {
    /// The text.
    value: &'a str,
    /// Where it was written.
    at: Option<&'a crate::located::Pos>,
}

impl<'a> From<&'a Located<String>> for Given<'a> {
    fn from(v: &'a Located<String>) -> Given<'a> {
        Given {
            value: &v.value,
            at: v.at.as_ref(),
        }
    }
}

impl<'a> From<&'a str> for Given<'a> {
    fn from(value: &'a str) -> Given<'a> {
        Given { value, at: None }
    }
}

/// "file:line:col: " or "`--flag`: " before a message about a value.
fn at(v: Given, flag: &str) -> String {
    match v.at {
        Some(a) => format!("{a}: "),
        None => format!("{flag}: "),
    }
}

macro_rules! read_label {
    ($ty:ident, $v:expr, $flag:literal) => {
        match $v {
            None => Ok(None),
            Some(v) => $ty::parse(v.value)
                .map(Some)
                .ok_or_else(|| CaseError::Unknown {
                    at: at(v, $flag),
                    what: $ty::WHAT,
                    value: v.value.to_string(),
                    suggestions: nearest(v.value, &$ty::spellings()),
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

/// Reads a date as `2026-11-18`, `2026/11/18`, `2026.11.18` or
/// `2026年11月18日` (as Excel and the platform write it), ignoring a time after it.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    // The usual `2026-11-18`, alone, read directly: a replay reads two dates a case.
    if let Some(date) = iso_day(text) {
        return Some(date);
    }
    let day = crate::text::trim(text).split_whitespace().next()?;
    iso_day(day)
        .or_else(|| {
            ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
        })
        .or_else(|| chinese_day(day))
}

/// `2026年11月1日` (a time may follow the 日 directly, `2026年11月1日14:02`).
fn chinese_day(day: &str) -> Option<NaiveDate> {
    let (y, rest) = day.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, _) = rest.split_once(['日', '号']).unwrap_or((rest, ""));
    let num = |s: &str| {
        let s = s.trim();
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)
}

/// Exactly `2026-11-18`, a real day.
fn iso_day(day: &str) -> Option<NaiveDate> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *day.as_bytes() else {
        return None;
    };
    let num = |ds: &[u8]| {
        ds.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (y, m, d) = (num(&[y1, y2, y3, y4])?, num(&[m1, m2])?, num(&[d1, d2])?);
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Reads a comma-separated list of labels, each checked.
macro_rules! read_list {
    ($ty:ident, $v:expr, $flag:literal) => {
        match $v {
            None => Ok(Vec::new()),
            Some(v) => {
                let mut out: Vec<$ty> = Vec::new();
                let mut err = None;
                for part in v
                    .value
                    .split([',', '，', '、', ' ', ';'])
                    .filter(|p| !p.trim().is_empty())
                {
                    let one = Given {
                        value: part.trim(),
                        at: v.at,
                    };
                    match read_label!($ty, Some(one), $flag) {
                        Ok(Some(x)) if !out.contains(&x) => out.push(x),
                        Ok(_) => {}
                        Err(e) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                match err {
                    Some(e) => Err(e),
                    None => Ok(out),
                }
            }
        }
    };
}

impl CaseInput {
    /// Checks every fact and builds the case; `today` is the request date when none is given.
    pub fn into_case(self, today: NaiveDate) -> Result<Case, CaseError> {
        self.into_case_with(today, &mut |text| places().locate(text))
    }

    /// [`CaseInput::into_case`], placing the region with `locate`: a replay
    /// passes one that remembers the addresses it has met.
    pub fn into_case_with(
        self,
        today: NaiveDate,
        locate: &mut dyn FnMut(&str) -> Lookup,
    ) -> Result<Case, CaseError> {
        build(
            |f| self.text(f).map(Given::from),
            |f| self.yes(f),
            today,
            locate,
        )
    }
}

impl CaseRow<'_> {
    /// The case a log row gives, read as [`CaseInput::into_case_with`] reads
    /// it, straight from the row's text.
    pub(crate) fn to_case(
        &self,
        today: NaiveDate,
        locate: &mut dyn FnMut(&str) -> Lookup,
    ) -> Result<Case, CaseError> {
        build(
            |f| self.text(f).map(Given::from),
            |f| self.yes(f),
            today,
            locate,
        )
    }
}

/// Checks every fact, as `text` and `yes` give them, and builds the case: the
/// one reading behind a case file, flags and a log row alike.
fn build<'a>(
    text: impl Fn(Fact) -> Option<Given<'a>>,
    yes: impl Fn(Fact) -> Option<bool>,
    today: NaiveDate,
    locate: &mut dyn FnMut(&str) -> Lookup,
) -> Result<Case, CaseError> {
    let region = match text(Fact::Region) {
        None => None,
        Some(v) => match locate(v.value) {
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
                    value: v.value.to_string(),
                    suggestions: places().suggest(v.value),
                    help: "--region takes a province （新疆，浙江省）, a short name （内蒙，沪）, a city （乌鲁木齐） or a whole address".into(),
                });
            }
        },
    };
    let amount = |fact, field, flag| -> Result<Option<Decimal>, CaseError> {
        match text(fact) {
            None => Ok(None),
            Some(v) => parse_amount(v.value)
                .map(Some)
                .map_err(|reason| CaseError::Amount {
                    at: at(v, flag),
                    field,
                    flag,
                    value: v.value.to_string(),
                    reason: AmountSlip::Unreadable(reason),
                }),
        }
    };
    let date = |fact, field, flag| -> Result<Option<NaiveDate>, CaseError> {
        match text(fact) {
            None => Ok(None),
            Some(v) => parse_date(v.value)
                .map(Some)
                .ok_or_else(|| CaseError::Date {
                    at: at(v, flag),
                    field,
                    flag,
                    value: v.value.to_string(),
                }),
        }
    };
    Case {
        defect: read_label!(Defect, text(Fact::Defect), "--defect")?,
        region,
        title: text(Fact::Title).map(|t| t.value.to_string()),
        fault: read_label!(Fault, text(Fact::Fault), "--fault")?,
        price: match amount(Fact::Price, "price", "--price")? {
            // A price of nothing leaves nothing to refund or offer: a slip, not a case.
            Some(p) if p.is_zero() => {
                let v = text(Fact::Price).unwrap_or(Given::from(""));
                return Err(CaseError::Amount {
                    at: at(v, "--price"),
                    field: "price",
                    flag: "--price",
                    value: v.value.to_string(),
                    reason: AmountSlip::ZeroPrice,
                });
            }
            p => p,
        },
        ask: amount(Fact::Ask, "ask", "--ask")?,
        free_shipping: yes(Fact::FreeShipping),
        platform: read_label!(Platform, text(Fact::Platform), "--platform")?,
        stage: read_label!(Stage, text(Fact::Stage), "--stage")?,
        signed: date(Fact::Signed, "signed date", "--signed")?,
        requested: date(Fact::Requested, "request date", "--requested")?.unwrap_or(today),
        material: read_label!(Material, text(Fact::Material), "--material")?,
        wants: read_label!(Wants, text(Fact::Wants), "--wants")?,
        resellable: !yes(Fact::NotResellable).unwrap_or(false),
        perishable: yes(Fact::Perishable).unwrap_or(false),
        claim_false: yes(Fact::ClaimFalse).unwrap_or(false),
        offered: amount(Fact::Offered, "offered", "--offered")?,
        refund_type: read_label!(RefundType, text(Fact::RefundType), "--refund-type")?,
        refund_reason: text(Fact::RefundReason).map(|r| r.value.to_string()),
        threats: {
            let mut t = read_list!(Threat, text(Fact::Threats), "--threats")?;
            // A complaint date means a complaint was filed, whatever else was said.
            if text(Fact::Complained).is_some() && !t.contains(&Threat::Complaint) {
                t.push(Threat::Complaint);
            }
            t
        },
        evidence: read_list!(Evidence, text(Fact::Evidence), "--evidence")?,
        paid: date(Fact::Paid, "paid date", "--paid")?,
        completed: date(Fact::Completed, "completion date", "--completed")?,
        complained: date(Fact::Complained, "complaint date", "--complained")?,
        express_refund: yes(Fact::ExpressRefund).unwrap_or(false),
        refused_twice: yes(Fact::RefusedTwice).unwrap_or(false),
        malicious: yes(Fact::Malicious).unwrap_or(false),
        made_to_order: yes(Fact::MadeToOrder),
    }
    .checked(today)
}

impl Case {
    /// The index and label of a choice fact's value, as stated (`None`: not
    /// stated, or not a choice fact); what a rule's condition reads.
    pub fn choice(&self, fact: Fact) -> Option<(usize, &'static str)> {
        macro_rules! of {
            ($v:expr) => {
                $v.map(|x| (x.index(), x.label()))
            };
        }
        match fact {
            Fact::Defect => of!(self.defect),
            Fact::Fault => of!(self.fault),
            Fact::Platform => of!(self.platform),
            Fact::Stage => of!(self.stage),
            Fact::Material => of!(self.material),
            Fact::Wants => of!(self.wants),
            Fact::RefundType => of!(self.refund_type),
            _ => None,
        }
    }

    /// A yes/no fact as the case holds it (`None`: not stated, where that
    /// differs from no; or not a yes/no fact); what a rule's condition reads.
    pub fn yes(&self, fact: Fact) -> Option<bool> {
        match fact {
            Fact::FreeShipping => self.free_shipping,
            Fact::NotResellable => Some(!self.resellable),
            Fact::Perishable => Some(self.perishable),
            Fact::ClaimFalse => Some(self.claim_false),
            Fact::ExpressRefund => Some(self.express_refund),
            Fact::RefusedTwice => Some(self.refused_twice),
            Fact::Malicious => Some(self.malicious),
            Fact::MadeToOrder => self.made_to_order,
            _ => None,
        }
    }

    /// Refuses dates that cannot all be true: a request before signing, a
    /// signing in the future, a completion before signing, a signed parcel
    /// said to be unshipped.
    fn checked(self, today: NaiveDate) -> Result<Case, CaseError> {
        let fail = |what: Bilingual, help| Err(CaseError::Dates { what, help });
        if let Some(signed) = self.signed {
            if signed > today.max(self.requested) {
                return fail(
                    Bilingual::new(
                        format!("签收日期 {signed} 在今天 ({today}) 之后"),
                        "signed in the future",
                    ),
                    "核对签收日期 --signed，格式 2026-11-18",
                );
            }
            if self.requested < signed {
                return fail(
                    Bilingual::new(
                        format!("申请日期 {} 早于签收日期 {signed}", self.requested),
                        "requested before signing",
                    ),
                    "核对 --requested 与 --signed；签收前的申请请按未签收处理 (--stage in_transit，去掉 --signed)",
                );
            }
            if let Some(stage @ (Stage::Unshipped | Stage::InTransit)) = self.stage {
                return fail(
                    Bilingual::new(
                        format!("有签收日期 {signed}，订单状态却是“{}”", stage.label()),
                        format!("a signing date with stage {}", stage.id()),
                    ),
                    "已签收就去掉 --stage 或写 --stage signed；没签收就去掉 --signed",
                );
            }
            if let Some(done) = self.completed.filter(|d| *d < signed) {
                return fail(
                    Bilingual::new(
                        format!("交易成功日期 {done} 早于签收日期 {signed}"),
                        "completed before signing",
                    ),
                    "核对 --completed 与 --signed",
                );
            }
            if let Some(paid) = self.paid.filter(|d| *d > signed) {
                return fail(
                    Bilingual::new(
                        format!("付款日期 {paid} 晚于签收日期 {signed}"),
                        "paid after signing",
                    ),
                    "核对 --paid 与 --signed",
                );
            }
        }
        if let Some(paid) = self.paid.filter(|d| *d > today.max(self.requested)) {
            return fail(
                Bilingual::new(
                    format!("付款日期 {paid} 在今天 ({today}) 之后"),
                    "paid in the future",
                ),
                "核对付款日期 --paid",
            );
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_as_excel_and_the_platform_write_them() {
        let want = NaiveDate::from_ymd_opt(2026, 11, 1);
        for text in [
            "2026-11-01",
            "2026/11/1",
            "2026.11.01 14:02",
            "2026年11月1日",
            "2026年11月01日 14:02:03",
            "2026年11月1日14:02",
            "2026年11月1号",
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
        for text in ["2026年13月1日", "年月日", "2026年11月", "11月1日"] {
            assert_eq!(parse_date(text), None, "{text}");
        }
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

    #[test]
    fn an_amount_slip_says_each_language_once() {
        let slip = |price: &str| {
            CaseInput {
                price: Some(Located::flag(price)),
                ..CaseInput::default()
            }
            .into_case(NaiveDate::MIN)
            .unwrap_err()
            .for_log()
        };
        assert_eq!(
            slip("0"),
            "实付金额“0”不是金额：实付金额不能是0 / price `0` is not a valid amount: the price paid cannot be zero"
        );
        assert_eq!(
            slip("-1"),
            "实付金额“-1”不是金额：金额不能是负数，写数字，如 89 或 12.50 / price `-1` is not a valid amount: an amount cannot be negative"
        );
    }
}
