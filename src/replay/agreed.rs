//! What agents actually agreed, set against what a policy advises for the
//! same cases: money no generated log can show. Only cases with an agreed
//! amount count.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::case::CaseInput;
use crate::engine;
use crate::money::serde_2dp;
use crate::policy::Policy;

/// Agreed money against one policy's advice.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Against {
    /// The opening offers the policy advises for these cases.
    #[serde(serialize_with = "serde_2dp")]
    pub open: Decimal,
    /// The ceilings it advises.
    #[serde(serialize_with = "serde_2dp")]
    pub max: Decimal,
    /// Cases where the agreed money is above its ceiling (or it offers no money at all).
    pub above_ceiling: u64,
    /// By how much, in all.
    #[serde(serialize_with = "serde_2dp")]
    pub above_by: Decimal,
    /// Cases where the buyer settled for less than its opening offer.
    pub below_open: u64,
}

/// The agreed-money comparison of a replay.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Agreed {
    /// Cases with an agreed amount.
    pub cases: u64,
    /// The money agreed.
    #[serde(serialize_with = "serde_2dp")]
    pub agreed: Decimal,
    /// The new policy's advice for them.
    pub new: Against,
    /// The baseline's advice for them.
    pub old: Option<Against>,
    /// Cases that could not be advised (a fact the policy needs is missing).
    pub unadvised: u64,
}

/// Sets each agreed amount (with its case-log line) against the policies' advice.
pub fn agreed(
    policy: &Policy,
    baseline: Option<&Policy>,
    cases: &[(String, Decimal)],
    today: NaiveDate,
) -> Agreed {
    let mut out = Agreed {
        old: baseline.map(|_| Against::default()),
        ..Agreed::default()
    };
    for (line, amount) in cases {
        let Some(case) = serde_json::from_str::<CaseInput>(line)
            .ok()
            .and_then(|i| i.into_case(today).ok())
        else {
            out.unadvised += 1;
            continue;
        };
        let Ok(new) = engine::advise(policy, &case) else {
            out.unadvised += 1;
            continue;
        };
        out.cases += 1;
        out.agreed += amount;
        add(
            &mut out.new,
            new.offer.as_ref().map(|o| (o.open, o.max)),
            *amount,
        );
        if let (Some(b), Some(old)) = (baseline, out.old.as_mut()) {
            let offer = engine::advise(b, &case)
                .ok()
                .and_then(|a| a.offer.map(|o| (o.open, o.max)));
            add(old, offer, *amount);
        }
    }
    out
}

fn add(
    t: &mut Against,
    offer: Option<(crate::money::Money, crate::money::Money)>,
    agreed: Decimal,
) {
    let (open, max) = offer.map_or((Decimal::ZERO, Decimal::ZERO), |(o, m)| {
        (o.value(), m.value())
    });
    t.open += open;
    t.max += max;
    if agreed > max {
        t.above_ceiling += 1;
        t.above_by += agreed - max;
    }
    if offer.is_some() && agreed < open {
        t.below_open += 1;
    }
}
