//! Deadlines: each runs a number of days or hours from a known date or after
//! an event, and the seven-day no-reason window the rules test is defined.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::Checker;
use crate::located::Located;
use crate::policy::raw::RawDeadline;
use crate::policy::{
    AFTER_SALE, Anchor, DeadlineRule, Kind, Period, SEVEN_DAY, SHIP_PROMISE, Start,
};

/// The checked deadlines and the windows among them that rules test.
pub(super) struct Deadlines {
    pub all: HashMap<String, Arc<DeadlineRule>>,
    pub seven_day: Arc<DeadlineRule>,
    /// The after-sale window after completion (`after_sale_window`, from `completed`).
    pub after_sale: Option<Arc<DeadlineRule>>,
    /// The shipping promise after payment (`ship_promise`, from `paid`).
    pub ship_promise: Option<Arc<DeadlineRule>>,
}

pub(super) fn check(c: &mut Checker, raw: &Located<BTreeMap<String, RawDeadline>>) -> Deadlines {
    let mut all = HashMap::new();
    for (id, d) in &raw.value {
        let period = match (&d.days, &d.hours) {
            (Some(days), None) => Period::Days(days.value),
            (None, Some(hours)) => Period::Hours(hours.value),
            // Point at the entry's own value when one is written, else at the section.
            // Reported here only: the days stand in, so rules naming it raise no follow-on error.
            (Some(both), Some(_)) => {
                c.error(Some(both), Kind::DeadlineLength { id: id.clone() });
                Period::Days(both.value)
            }
            (None, None) => {
                c.error(Some(raw), Kind::DeadlineLength { id: id.clone() });
                continue;
            }
        };
        units(c, id, d);
        let start = match (&d.from, &d.after) {
            (Some(a), None) => Start::Anchor(*a),
            (None, Some(e)) => Start::After(e.as_str().into()),
            _ => {
                c.error(Some(raw), Kind::DeadlineStart { id: id.clone() });
                continue;
            }
        };
        all.insert(
            id.clone(),
            Arc::new(DeadlineRule {
                playbook: d.playbook.as_str().into(),
                label: d.label.as_str().into(),
                limit: match period {
                    Period::Days(n) => format!("{n}天"),
                    Period::Hours(n) => format!("{n}小时"),
                }
                .into(),
                period,
                start,
            }),
        );
    }
    let seven_day = match all.get(SEVEN_DAY) {
        Some(d) if d.start == Start::Anchor(Anchor::SignedNextDay) => d.clone(),
        _ => {
            c.error(Some(raw), Kind::MissingSevenDay);
            // A stand-in so checking can go on; the policy is refused anyway.
            Arc::new(DeadlineRule {
                playbook: "R4".into(),
                label: "".into(),
                limit: "".into(),
                period: Period::Hours(168),
                start: Start::Anchor(Anchor::SignedNextDay),
            })
        }
    };
    let window = |id: &str, anchor: Anchor| {
        all.get(id)
            .filter(|d| d.start == Start::Anchor(anchor))
            .cloned()
    };
    Deadlines {
        after_sale: window(AFTER_SALE, Anchor::Completed),
        ship_promise: window(SHIP_PROMISE, Anchor::Paid),
        seven_day,
        all,
    }
}

/// Hours that read like days, days that read like hours, and a window of
/// nothing: the platform's shortest window is 24 hours, and a number of days
/// that is a whole number of days in hours (72, 168) was meant as hours.
fn units(c: &mut Checker, id: &str, d: &RawDeadline) {
    let (n, at, hours) = match (&d.days, &d.hours) {
        (Some(x), None) => (x.value, x, false),
        (None, Some(x)) => (x.value, x, true),
        _ => return,
    };
    let (unit, key) = if hours {
        ("小时", "hours")
    } else {
        ("天", "days")
    };
    let kind = if n == 0 {
        Kind::Implausible {
            zh: format!("时效“{id}”是 0 {unit}：一开始就已经过期"),
            en: format!("deadline `{id}` is 0 {key}: it has run out before it starts"),
            fix_zh: format!(
                "写上真实的时长，如 `{key}: {}`",
                if hours { 24 } else { 15 }
            ),
            fix_en: format!(
                "write the real length, e.g. `{key}: {}`",
                if hours { 24 } else { 15 }
            ),
        }
    } else if hours && n < 24 {
        Kind::Implausible {
            zh: format!("时效“{id}”写的是 {n} 小时，不到一天：像是把天数写成了小时"),
            en: format!("deadline `{id}` is {n} hours, less than a day: days written as hours?"),
            fix_zh: format!("{n} 天请写 `days: {n}`（或 `hours: {}`）", n * 24),
            fix_en: format!("for {n} days write `days: {n}` (or `hours: {}`)", n * 24),
        }
    } else if !hours && n >= 24 && n % 24 == 0 {
        Kind::Implausible {
            zh: format!("时效“{id}”写的是 {n} 天：像是把小时数写成了天"),
            en: format!("deadline `{id}` is {n} days: hours written as days?"),
            fix_zh: format!("{n} 小时（{} 天）请写 `hours: {n}`", n / 24),
            fix_en: format!("for {n} hours ({} days) write `hours: {n}`", n / 24),
        }
    } else {
        return;
    };
    c.error(Some(at), kind);
}
