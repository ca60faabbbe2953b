//! Deciding: the facts as the rules see them, the first rule whose conditions
//! all hold, and what it makes of the offer, the shipping and compensation.
//! Nothing here allocates beyond the trace's inline steps.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use smallvec::SmallVec;

use super::EngineError;
use crate::advice::{Inferred, Offer, Trace};
use crate::case::{Case, Defect, Fact, Fault, Stage, Wants};
use crate::money::Money;
use crate::policy::{
    Amount, Cond, Conditions, FALLBACK, Outcome, Period, Policy, Resolution, Rule, Shipping,
};

/// The facts as the rules see them, after inference and derivation.
pub(super) struct View<'a> {
    pub case: &'a Case,
    pub defect: Defect,
    pub fault: Fault,
    pub stage: Stage,
    pub wants: Option<Wants>,
    pub region: Option<usize>,
    /// Whether the title carries a promotion tag (`None`: no title).
    pub promo: Option<bool>,
    pub within_seven_days: Option<bool>,
    pub window_end: Option<NaiveDateTime>,
}

/// Fills in what the case does not say (from the defect's defaults) and derives
/// region group, promotion and the seven-day window.
pub(super) fn view<'a>(
    policy: &Policy,
    case: &'a Case,
) -> Result<(View<'a>, SmallVec<[Inferred; 3]>), EngineError> {
    let defect = case.defect.ok_or_else(|| EngineError::Missing {
        fact: Fact::Defect,
        rule: "-".into(),
    })?;
    let defaults = policy.defect(defect);
    let mut inferred = SmallVec::new();
    let fault = case.fault.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: Fact::Fault,
            value: defaults.fault.label(),
            how: "按问题类型推断;不对请加 --fault shop/buyer/logistics",
        });
        defaults.fault
    });
    let stage = case.stage.unwrap_or_else(|| {
        inferred.push(Inferred {
            fact: Fact::Stage,
            value: defaults.stage.label(),
            how: "按问题类型推断;不对请加 --stage unshipped/in_transit/signed/completed",
        });
        defaults.stage
    });
    let wants = case.wants.or_else(|| {
        defaults.wants.inspect(|w| {
            inferred.push(Inferred {
                fact: Fact::Wants,
                value: w.label(),
                how: "按问题类型推断;不对请加 --wants return/exchange",
            })
        })
    });
    let window_end = case.signed.map(|s| window_due(s, policy.seven_day.period));
    let view = View {
        case,
        defect,
        fault,
        stage,
        wants,
        region: case.region.as_ref().map(|r| policy.group_of_place(r)),
        promo: case.title.as_ref().map(|t| policy.is_promo(t)),
        within_seven_days: window_end.map(|end| case.requested.and_time(NaiveTime::MIN) < end),
        window_end,
    };
    Ok((view, inferred))
}

/// What the buyer asked relative to the offer, for the agent's notes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AskSeen {
    /// No ask, or an offer-less rule.
    None,
    /// The ask is within the ceiling and is agreed to.
    Within(Money, Money),
    /// The ask is above the ceiling: the rule's above-ceiling answer applies.
    Above(Money, Money),
    /// Above the ceiling with no above-ceiling answer: the ceiling stands.
    AboveNoRule(Money, Money),
}

/// The decision for a case, without the words around it: which rule, what to
/// offer, who pays the shipping, what compensation is owed, and the trace.
#[derive(Debug, Clone)]
pub struct Verdict<'p> {
    /// The deciding rule (`None`: the fallback).
    pub rule: Option<&'p Rule>,
    /// What the rule (or its above-ceiling answer) says.
    pub outcome: &'p Outcome,
    /// The offer, after the ask and the price.
    pub offer: Option<Offer>,
    /// The buyer's ask against the offer.
    pub ask: AskSeen,
    /// Who pays each leg, with the quality-return setting applied.
    pub shipping: Shipping,
    /// Compensation owed.
    pub compensation: Option<Money>,
    /// Every rule looked at.
    pub trace: Trace,
}

impl Verdict<'_> {
    /// The resolution.
    pub fn resolution(&self) -> Resolution {
        self.outcome.resolution
    }

    /// Whether a supervisor must decide.
    pub fn escalate(&self) -> bool {
        self.outcome.resolution == Resolution::Escalate
    }

    /// The deciding rule's id.
    pub fn rule_id(&self) -> &str {
        self.rule.map_or(FALLBACK, |r| &r.id)
    }

    /// Whether two decisions send the same money and goods the same way.
    pub fn same_as(&self, other: &Verdict) -> bool {
        let ends = |v: &Verdict| v.offer.as_ref().map(|o| (o.open, o.max));
        self.resolution() == other.resolution()
            && ends(self) == ends(other)
            && self.shipping == other.shipping
            && self.compensation == other.compensation
    }
}

/// Finds the rule that decides a case, walking the rules in order.
fn choose<'p>(policy: &'p Policy, view: &View) -> Result<(Option<&'p Rule>, Trace), EngineError> {
    let mut trace = Trace::new(policy.rule_ids.clone());
    'rules: for (index, rule) in policy.rules.iter().enumerate() {
        for &cond in &rule.tests {
            match test(cond, &rule.when, view) {
                None | Some(Some(true)) => {}
                Some(Some(false)) => {
                    trace.push(index, Some(cond));
                    continue 'rules;
                }
                Some(None) => {
                    return Err(EngineError::Missing {
                        fact: asks_for(cond),
                        rule: rule.id.to_string(),
                    });
                }
            }
        }
        trace.push(index, None);
        return Ok((Some(rule), trace));
    }
    trace.push(policy.rules.len(), None);
    Ok((None, trace))
}

/// The fact that settles a condition the case cannot judge.
fn asks_for(cond: Cond) -> Fact {
    match cond {
        Cond::Platform => Fact::Platform,
        Cond::Wants => Fact::Wants,
        Cond::Region => Fact::Region,
        Cond::Promo => Fact::Title,
        Cond::SevenDay => Fact::Signed,
        _ => Fact::Price,
    }
}

/// Decides a case: the rule, the offer, the shipping payers and compensation.
pub fn decide<'p>(policy: &'p Policy, case: &Case) -> Result<Verdict<'p>, EngineError> {
    let (view, _) = view(policy, case)?;
    verdict(policy, &view)
}

pub(super) fn verdict<'p>(policy: &'p Policy, v: &View) -> Result<Verdict<'p>, EngineError> {
    let case = v.case;
    let (rule, trace) = choose(policy, v)?;
    let then = rule.map_or(&policy.fallback, |r| &r.then);
    let missing_price = || EngineError::Missing {
        fact: Fact::Price,
        rule: rule.map_or(FALLBACK, |r| &r.id).to_string(),
    };
    let mut outcome = then;
    let mut offer = None;
    let mut ask = AskSeen::None;
    if let Some(o) = &then.offer {
        let amount = |a: Amount| -> Result<Money, EngineError> {
            let yuan = match a {
                Amount::Yuan(y) => y,
                Amount::Percent(p) => {
                    case.price.ok_or_else(missing_price)? * p / Decimal::ONE_HUNDRED
                }
            };
            // Never offer more than the buyer paid.
            Ok(Money::new(case.price.map_or(yuan, |price| yuan.min(price))))
        };
        let (mut open, mut max) = (amount(o.open)?, amount(o.max)?);
        if let Some(a) = case.ask.filter(|a| !a.is_zero()).map(Money::new) {
            if a <= max {
                ask = AskSeen::Within(a, max);
                open = a;
                max = a;
            } else if let Some(above) = rule.and_then(|r| r.above_ceiling.as_ref()) {
                ask = AskSeen::Above(a, max);
                outcome = above;
            } else {
                ask = AskSeen::AboveNoRule(a, max);
            }
        }
        offer = Some(Offer {
            open,
            max,
            kind: o.kind,
        });
    }
    let mut shipping = outcome.shipping;
    if outcome.quality_return {
        shipping.to_shop = policy.quality_return_payer;
    }
    let compensation = match &outcome.compensation {
        None => None,
        Some(c) => {
            let price = case.price.ok_or_else(missing_price)?;
            let mut amount = price * c.percent / Decimal::ONE_HUNDRED;
            if let Some(cap) = c.cap {
                amount = amount.min(cap);
            }
            if let Some(floor) = c.floor {
                amount = amount.max(floor);
            }
            Some(Money::new(amount))
        }
    };
    Ok(Verdict {
        rule,
        outcome,
        offer,
        ask,
        shipping,
        compensation,
        trace,
    })
}

/// When the seven-day window closes: 00:00 of the day after signing plus the period.
pub(super) fn window_due(signed: NaiveDate, period: Period) -> NaiveDateTime {
    let start = (signed + Duration::days(1)).and_time(NaiveTime::MIN);
    start + duration(period)
}

/// A deadline's period as a duration.
pub(super) fn duration(period: Period) -> Duration {
    match period {
        Period::Days(d) => Duration::days(i64::from(d)),
        Period::Hours(h) => Duration::hours(i64::from(h)),
    }
}

/// Tests one condition: `None` when the rule has no such condition,
/// `Some(None)` when the fact it needs is unknown.
pub(super) fn test(cond: Cond, w: &Conditions, v: &View) -> Option<Option<bool>> {
    let c = v.case;
    match cond {
        Cond::Defect => w.defect.map(|s| Some(s.contains(v.defect.index()))),
        Cond::Fault => w.fault.map(|s| Some(s.contains(v.fault.index()))),
        Cond::Stage => w.stage.map(|s| Some(s.contains(v.stage.index()))),
        Cond::Platform => w
            .platform
            .map(|s| c.platform.map(|p| s.contains(p.index()))),
        Cond::Wants => w.wants.map(|s| v.wants.map(|x| s.contains(x.index()))),
        Cond::Region => w.region.map(|s| v.region.map(|g| s.contains(g))),
        Cond::Promo => w.promo.map(|want| v.promo.map(|p| p == want)),
        Cond::FreeShipping => w.free_shipping.map(|want| Some(c.free_shipping == want)),
        Cond::Resellable => w.resellable.map(|want| Some(c.resellable == want)),
        Cond::Perishable => w.perishable.map(|want| Some(c.perishable == want)),
        Cond::ClaimFalse => w.claim_false.map(|want| Some(c.claim_false == want)),
        Cond::SevenDay => w
            .seven_day
            .map(|want| v.within_seven_days.map(|x| x == want)),
        Cond::Price => w.price_at_most.map(|limit| c.price.map(|p| p <= limit)),
    }
}
