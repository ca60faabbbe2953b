//! The manager's figures from the journal: cases per resolution and outcome,
//! money offered against money agreed, escalations and returns, by region
//! group, by defect and by day.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::{Outcome, Summary};
use crate::case::Defect;
use crate::money::{parse_amount, serde_2dp};
use crate::policy::Resolution;

/// Money offered and agreed over some cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MoneyTotals {
    /// The opening offers advised.
    #[serde(serialize_with = "serde_2dp")]
    pub offered_open: Decimal,
    /// The ceilings advised.
    #[serde(serialize_with = "serde_2dp")]
    pub offered_max: Decimal,
    /// The money finally agreed.
    #[serde(serialize_with = "serde_2dp")]
    pub agreed: Decimal,
    /// How many cases have an agreed amount.
    pub agreed_cases: u64,
    /// Cases whose recorded amount is not counted: recorded before outcomes
    /// were told apart, it may be the pre-filled opening offer.
    pub uncertain_cases: u64,
}

/// One group's line (a region group, a defect, a resolution, an outcome or a day).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Group {
    /// The group's key.
    pub key: String,
    /// Its Chinese label.
    pub label: String,
    /// Cases in it.
    pub cases: u64,
    /// Money in it.
    #[serde(flatten)]
    pub money: MoneyTotals,
    /// Cases sent to a supervisor.
    pub escalations: u64,
    /// Cases that ended in a return (or were advised one).
    pub returns: u64,
}

/// What the journal says about a stretch of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JournalStats {
    /// The first day.
    pub from: NaiveDate,
    /// The last day.
    pub to: NaiveDate,
    /// Cases handled.
    pub cases: u64,
    /// All the money.
    pub money: MoneyTotals,
    /// Cases sent to a supervisor.
    pub escalations: u64,
    /// Cases that ended in a return.
    pub returns: u64,
    /// By advised resolution.
    pub by_resolution: Vec<Group>,
    /// By recorded outcome (`none` for cases without one).
    pub outcomes: Vec<Group>,
    /// By region group.
    pub by_region: Vec<Group>,
    /// By defect.
    pub by_defect: Vec<Group>,
    /// By day.
    pub by_day: Vec<Group>,
}

/// Totals the cases, each with whether its advice escalated it.
pub(super) fn compute(from: NaiveDate, to: NaiveDate, cases: &[(Summary, bool)]) -> JournalStats {
    let mut all = Group::default();
    let mut by: [BTreeMap<String, Group>; 5] = Default::default();
    for (c, advised_escalation) in cases {
        let esc = *advised_escalation || c.outcome.as_deref() == Some("escalated");
        let ret = c.outcome.as_deref() == Some("returned");
        let keys = [
            c.resolution.clone().unwrap_or_else(|| "none".into()),
            c.outcome.clone().unwrap_or_else(|| "none".into()),
            c.region_group.clone().unwrap_or_else(|| "未知".into()),
            c.defect.clone().unwrap_or_else(|| "none".into()),
            c.handled_at.chars().take(10).collect(),
        ];
        add(&mut all, c, esc, ret);
        for (map, key) in by.iter_mut().zip(keys) {
            add(map.entry(key).or_default(), c, esc, ret);
        }
    }
    let [res, out, reg, def, day] = by;
    let labelled = |m: BTreeMap<String, Group>, label: &dyn Fn(&str) -> String| {
        let mut v: Vec<Group> = m
            .into_iter()
            .map(|(k, mut g)| {
                g.label = label(&k);
                g.key = k;
                g
            })
            .collect();
        v.sort_by(|a, b| b.cases.cmp(&a.cases).then(a.key.cmp(&b.key)));
        v
    };
    let none = |k: &str| (k == "none").then(|| "未记录".to_string());
    JournalStats {
        from,
        to,
        cases: all.cases,
        money: all.money,
        escalations: all.escalations,
        returns: all.returns,
        by_resolution: labelled(res, &|k| {
            none(k).unwrap_or_else(|| Resolution::parse(k).map_or(k.into(), |r| r.label().into()))
        }),
        outcomes: labelled(out, &|k| {
            none(k).unwrap_or_else(|| Outcome::parse(k).map_or(k.into(), |o| o.label().into()))
        }),
        by_region: labelled(reg, &|k| k.to_string()),
        by_defect: labelled(def, &|k| {
            none(k).unwrap_or_else(|| Defect::parse(k).map_or(k.into(), |d| d.label().into()))
        }),
        // Days stay in date order for the chart.
        by_day: day
            .into_iter()
            .map(|(k, mut g)| {
                g.label = k.clone();
                g.key = k;
                g
            })
            .collect(),
    }
}

fn add(g: &mut Group, c: &Summary, escalated: bool, returned: bool) {
    let amount = |v: &Option<String>| v.as_deref().and_then(|a| parse_amount(a).ok());
    g.cases += 1;
    g.money.offered_open += amount(&c.offer_open).unwrap_or_default();
    g.money.offered_max += amount(&c.offer_max).unwrap_or_default();
    // 达成 is money an agreement recorded for certain; a refusal or an
    // escalation agreed nothing, whatever an old row holds.
    let agreement = c
        .outcome
        .as_deref()
        .and_then(Outcome::parse)
        .is_some_and(Outcome::is_agreement);
    match amount(&c.amount) {
        Some(a) if agreement && !c.amount_uncertain => {
            g.money.agreed += a;
            g.money.agreed_cases += 1;
        }
        Some(_) => g.money.uncertain_cases += 1,
        None => {}
    }
    g.escalations += u64::from(escalated);
    g.returns += u64::from(returned);
}
