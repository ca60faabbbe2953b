//! Amounts: yuan to the fen and never negative, percentages from 0 to 100,
//! compensation schemes and the shipping cost per region group.

use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::Checker;
use crate::located::Located;
use crate::policy::raw::RawCompensation;
use crate::policy::{CompensationRule, Kind, OTHER_REGIONS, RegionGroup};

/// A non-negative amount of yuan with at most two decimals.
pub(super) fn yuan(c: &mut Checker, v: &Located<Decimal>, what: &str) -> Decimal {
    if v.value.is_sign_negative() && !v.value.is_zero() {
        c.error(
            Some(v),
            Kind::Negative {
                what: what.to_string(),
                value: v.value.to_string(),
            },
        );
    } else if v.value.scale() > 2 {
        c.error(
            Some(v),
            Kind::TooManyDecimals {
                what: what.to_string(),
                value: v.value.to_string(),
            },
        );
    }
    v.value
}

/// A percentage from 0 to 100.
pub(super) fn percent(c: &mut Checker, v: &Located<Decimal>, what: &str) -> Decimal {
    if v.value.is_sign_negative() && !v.value.is_zero() || v.value > Decimal::ONE_HUNDRED {
        c.error(
            Some(v),
            Kind::NotPercent {
                what: what.to_string(),
                value: v.value.to_string(),
            },
        );
    } else if v.value > Decimal::ZERO && v.value < Decimal::ONE {
        // No platform rate or shop offer is under 1%: a fraction was typed for a percent.
        let x = v.value.normalize();
        let meant = (v.value * Decimal::ONE_HUNDRED).normalize();
        c.error(
            Some(v),
            Kind::Implausible {
                zh: format!("{what} 写的是 {x}，就是 {x}%，不到百分之一"),
                en: format!("{what} is {x}, i.e. {x}%: less than one percent"),
                fix_zh: format!("{x} 是 {x}%：{meant}% 请写 {meant}"),
                fix_en: format!("{x} means {x}%: for {meant}% write {meant}"),
            },
        );
    }
    v.value
}

/// The compensation schemes, by id.
pub(super) fn compensation(
    c: &mut Checker,
    raw: &BTreeMap<String, RawCompensation>,
) -> HashMap<String, Arc<CompensationRule>> {
    let mut out = HashMap::new();
    for (id, r) in raw {
        let pct = percent(c, &r.percent, &format!("compensation `{id}` percent"));
        let floor = r
            .floor
            .as_ref()
            .map(|f| yuan(c, f, &format!("compensation `{id}` floor")));
        let cap = r
            .cap
            .as_ref()
            .map(|f| yuan(c, f, &format!("compensation `{id}` cap")));
        if let (Some(f), Some(cap_v)) = (floor, cap)
            && f > cap_v
        {
            c.error(
                r.floor.as_ref(),
                Kind::FloorAboveCap {
                    id: id.clone(),
                    floor: f.to_string(),
                    cap: cap_v.to_string(),
                },
            );
        }
        out.insert(
            id.clone(),
            Arc::new(CompensationRule {
                label: r.label.clone(),
                percent: pct,
                floor,
                cap,
                paid_as: r.paid_as,
                penalty_points: r.penalty_points,
            }),
        );
    }
    out
}

/// The cost of one shipping leg per region group index (the last is 其他地区).
pub(super) fn shipping_costs(
    c: &mut Checker,
    raw: &IndexMap<String, Located<Decimal>>,
    groups: &[RegionGroup],
) -> Vec<Option<Decimal>> {
    let mut costs = vec![None; groups.len() + 1];
    for (name, cost) in raw {
        let index = groups
            .iter()
            .position(|g| &g.name == name)
            .or((name == OTHER_REGIONS).then_some(groups.len()));
        let value = yuan(c, cost, &format!("shipping cost of `{name}`"));
        match index {
            Some(i) => costs[i] = Some(value),
            None => c.error(Some(cost), Kind::ShippingCostGroup { name: name.clone() }),
        }
    }
    // A group replay would price at nothing: the manager means a cost, not ¥0.
    if !raw.is_empty() {
        for (i, cost) in costs.iter().enumerate() {
            if cost.is_none() {
                let group = groups
                    .get(i)
                    .map_or(OTHER_REGIONS.to_string(), |g| g.name.clone());
                c.warn::<()>(None, Kind::NoShippingCost { group });
            }
        }
    }
    costs
}
