//! Deciding: the facts as the rules see them, the first rule whose conditions
//! all hold, and what it makes of the offer, the shipping and compensation.
//!
//! A condition on a fact the case does not give is not a reason to stop: the
//! engine takes the most likely value ([`Guess`]), records that it did, and the
//! advice says so. Only the defect and the region stop it (the region is
//! answered per group by the session). Nothing here allocates beyond the
//! trace's inline steps.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use smallvec::SmallVec;
use std::cell::Cell;

use super::EngineError;
use crate::advice::{Assumed, Offer, Steps};
use crate::case::{Case, Defect, Fact, Fault, Platform, Stage, Wants};
use crate::money::Money;
use crate::policy::{
    Amount, DefectInfo, FALLBACK, Guess, Outcome, Period, Policy, Resolution, Rule, RuleView,
    Shipping,
};

/// The facts as the rules see them, after inference and derivation: the
/// [`RuleView`] every condition is tested and worded on.
#[derive(Clone)]
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
    pub within_after_sale: Option<bool>,
    pub within_ship_promise: Option<bool>,
    pub made_to_order: Option<bool>,
    /// Values set for a guess, to see what another value would change.
    forced: [Option<u8>; Guess::ALL.len()],
    /// Whether a missing fact is guessed (rules) or left unknown (alerts).
    guessing: Cell<bool>,
    /// The guesses taken, one bit each.
    guessed: Cell<u16>,
}

impl View<'_> {
    /// A fact's value: the case's, a forced one, or the likeliest (recorded);
    /// `None` when unknown and not guessing.
    pub(super) fn value(&self, g: Guess, known: Option<u8>) -> Option<u8> {
        if known.is_some() {
            return known;
        }
        if let Some(f) = self.forced[g as usize] {
            return Some(f);
        }
        if !self.guessing.get() {
            return None;
        }
        self.guessed.set(self.guessed.get() | bit(g));
        Some(g.likely())
    }

    /// The guesses taken so far.
    pub fn guesses(&self) -> impl Iterator<Item = Guess> + '_ {
        let bits = self.guessed.get();
        Guess::ALL.into_iter().filter(move |g| bits & bit(*g) != 0)
    }

    /// The same view with one guess set to another value.
    pub fn with(&self, g: Guess, value: u8) -> Self {
        let mut v = self.clone();
        v.forced[g as usize] = Some(value);
        v.guessed.set(0);
        v.guessing.set(true);
        v
    }

    /// Every value of a guess other than the one taken.
    pub fn other_values(g: Guess) -> impl Iterator<Item = u8> {
        (0..g.values()).filter(move |v| *v != g.likely())
    }

    /// Turns guessing on (rules) or off (alerts, which fire on known facts only).
    pub fn set_guessing(&self, on: bool) {
        self.guessing.set(on);
    }

    /// The platform, known or taken.
    pub fn platform(&self) -> Platform {
        self.case.platform.unwrap_or_else(|| {
            self.forced[Guess::Platform as usize]
                .and_then(|i| Platform::ALL.get(usize::from(i)).copied())
                .unwrap_or(Platform::Taobao)
        })
    }
}

/// A guess's bit in [`View`]'s record of the guesses taken.
fn bit(g: Guess) -> u16 {
    1 << g as u16
}

impl RuleView for View<'_> {
    fn value(&self, g: Guess, known: Option<u8>) -> Option<u8> {
        View::value(self, g, known)
    }
    fn defect(&self) -> Defect {
        self.defect
    }
    fn fault(&self) -> Fault {
        self.fault
    }
    fn stage(&self) -> Stage {
        self.stage
    }
    fn wants(&self) -> Option<Wants> {
        self.wants
    }
    fn choice(&self, fact: Fact) -> Option<(usize, &'static str)> {
        self.case.choice(fact)
    }
    fn yes(&self, fact: Fact) -> Option<bool> {
        self.case.yes(fact)
    }
    fn price(&self) -> Option<Decimal> {
        self.case.price
    }
    fn threats(&self) -> &[crate::vocab::Threat] {
        &self.case.threats
    }
    fn region(&self) -> Option<(usize, &str)> {
        self.region
            .zip(self.case.region.as_ref().map(|r| r.province.0))
    }
    fn title(&self) -> Option<&str> {
        self.case.title.as_deref()
    }
    fn promo(&self) -> Option<bool> {
        self.promo
    }
    fn made_to_order(&self) -> Option<bool> {
        self.made_to_order
    }
    fn seven_day(&self) -> (Option<bool>, Option<NaiveDateTime>) {
        (self.within_seven_days, self.window_end)
    }
    fn after_sale(&self) -> Option<bool> {
        self.within_after_sale
    }
    fn ship_promise(&self) -> Option<bool> {
        self.within_ship_promise
    }
}

/// Fills in what the case does not say (from the defect's defaults and the
/// dates) and derives region group, promotion and the windows.
pub(super) fn view<'a>(
    policy: &Policy,
    case: &'a Case,
) -> Result<(View<'a>, SmallVec<[Assumed; 4]>), EngineError> {
    view_tagged(policy, case, None)
}

/// What a policy reads in a product title. A replay works it out once per
/// title and reuses it for every case of that product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TitleTags {
    /// The title carries a promotion tag (特价, 清仓 …).
    pub promo: bool,
    /// The title says made to order or pre-sale (定制, 预售).
    pub made_to_order: bool,
}

impl TitleTags {
    /// The tags `policy` finds in `title`.
    pub fn of(policy: &Policy, title: &str) -> TitleTags {
        TitleTags {
            promo: policy.is_promo(title),
            made_to_order: policy.is_made_to_order(title),
        }
    }
}

/// [`view`], with the title's tags given when already known for this policy.
fn view_tagged<'a>(
    policy: &Policy,
    case: &'a Case,
    tags: Option<TitleTags>,
) -> Result<(View<'a>, SmallVec<[Assumed; 4]>), EngineError> {
    let defect = case.defect.ok_or_else(|| EngineError::Missing {
        fact: Fact::Defect,
        rule: "-".into(),
    })?;
    let defaults = policy.defect(defect);
    let mut assumed = SmallVec::new();
    let fault = case.fault.unwrap_or_else(|| {
        assumed.push(Assumed::new(
            Fact::Fault,
            defaults.fault.label(),
            "按问题类型推断；不对请加 --fault shop/buyer/logistics",
        ));
        defaults.fault
    });
    let stage = stage_of(case, defaults, &mut assumed);
    let wants = wants_of(case, defaults, &mut assumed);
    let (within_seven_days, window_end) = seven_day(policy, case, stage);
    let tags = tags.or_else(|| case.title.as_deref().map(|t| TitleTags::of(policy, t)));
    let view = View {
        case,
        defect,
        fault,
        stage,
        wants,
        region: case.region.as_ref().map(|r| policy.group_of_place(r)),
        promo: tags.map(|t| t.promo),
        within_seven_days,
        window_end,
        within_after_sale: after_sale(policy, case, stage),
        within_ship_promise: ship_promise(policy, case, stage),
        made_to_order: case.made_to_order.or(tags.map(|t| t.made_to_order)),
        forced: [None; Guess::ALL.len()],
        guessing: Cell::new(true),
        guessed: Cell::new(0),
    };
    Ok((view, assumed))
}

/// The order stage: stated, else what the dates say (a completion date means
/// completed, a signing date signed), else the defect kind's default.
fn stage_of(case: &Case, defaults: &DefectInfo, assumed: &mut SmallVec<[Assumed; 4]>) -> Stage {
    match (case.stage, case.completed, case.signed) {
        (Some(s), _, _) => s,
        (None, Some(_), _) => {
            assumed.push(Assumed::new(
                Fact::Stage,
                Stage::Completed.label(),
                "有交易成功日期",
            ));
            Stage::Completed
        }
        (None, None, Some(_)) => {
            assumed.push(Assumed::new(
                Fact::Stage,
                Stage::Signed.label(),
                "有签收日期",
            ));
            Stage::Signed
        }
        (None, None, None) => {
            assumed.push(Assumed::new(
                Fact::Stage,
                defaults.stage.label(),
                "按问题类型推断；不对请加 --stage unshipped/in_transit/signed/completed",
            ));
            defaults.stage
        }
    }
}

/// The buyer's wish: stated, else what an ask means for this kind, else the kind's default.
fn wants_of(
    case: &Case,
    defaults: &DefectInfo,
    assumed: &mut SmallVec<[Assumed; 4]>,
) -> Option<Wants> {
    // A buyer who names an amount and no wish, on a kind whose policy says what
    // that means (keeping the shoes for money), wants that.
    let with_ask = defaults
        .wants_with_ask
        .filter(|_| case.wants.is_none() && case.ask.is_some_and(|a| !a.is_zero()));
    if let Some(w) = with_ask {
        assumed.push(Assumed::new(
            Fact::Wants,
            w.label(),
            "买家开了补偿金额、没说要退换：按留下商品要补偿处理；不对请加 --wants return/exchange",
        ));
    }
    case.wants.or(with_ask).or_else(|| {
        defaults.wants.inspect(|w| {
            assumed.push(Assumed::new(
                Fact::Wants,
                w.label(),
                "按问题类型推断；不对请加 --wants return/exchange",
            ))
        })
    })
}

/// Whether the request falls inside the seven-day window, and when it closes.
fn seven_day(policy: &Policy, case: &Case, stage: Stage) -> (Option<bool>, Option<NaiveDateTime>) {
    let requested = case.requested.and_time(NaiveTime::MIN);
    let received = matches!(stage, Stage::Signed | Stage::Completed);
    let window_end = case.signed.map(|s| window_due(s, policy.seven_day.period));
    let within = match (window_end, case.completed) {
        (Some(end), _) => Some(requested < end),
        // Not yet received: the window has not started.
        _ if !received => Some(true),
        // Signed no later than completed: a window closed counted from completion closed earlier.
        (None, Some(done)) if requested >= window_due(done, policy.seven_day.period) => Some(false),
        _ => None,
    };
    (within, window_end)
}

/// Whether the request falls inside the after-sale window after completion.
fn after_sale(policy: &Policy, case: &Case, stage: Stage) -> Option<bool> {
    let requested = case.requested.and_time(NaiveTime::MIN);
    match (stage, &policy.after_sale) {
        (Stage::Completed, Some(w)) => case.completed.map(|d| requested < window_due(d, w.period)),
        _ => Some(true),
    }
}

/// Whether the request falls inside the shipping promise after payment
/// (`None`: the dates cannot tell).
fn ship_promise(policy: &Policy, case: &Case, stage: Stage) -> Option<bool> {
    let requested = case.requested.and_time(NaiveTime::MIN);
    policy.ship_promise.as_ref().and_then(|w| {
        let paid = case.paid?.and_time(NaiveTime::MIN);
        // Dates are whole days: the promise ends within a day of paid + period.
        let (earliest, latest) = (
            paid + duration(w.period),
            paid + duration(w.period) + Duration::days(1),
        );
        if requested + Duration::days(1) <= earliest {
            Some(true)
        } else if requested >= latest && stage == Stage::Unshipped {
            // Still unshipped after the promise: late. Once shipped, the request date says nothing.
            Some(false)
        } else {
            None
        }
    })
}

/// What the buyer asked relative to the offer, for the agent's notes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AskSeen {
    /// No ask, or an offer-less rule.
    None,
    /// The ask is within the ceiling and is agreed to.
    Within(Money, Money),
    /// The ask is within the ceiling, but this rule does not agree at once.
    Held(Money, Money),
    /// The ask is above the ceiling: counter at the ceiling, then the next step.
    Counter(Money, Money),
    /// Above the ceiling, and the ceiling was offered already: the next step now.
    Above(Money, Money),
    /// Above the ceiling with no next step written: the ceiling stands.
    AboveNoRule(Money, Money),
    /// No ask, but the agent already offered this much: go to the ceiling.
    Offered(Money, Money),
}

/// The decision for a case, without the words around it: which rule, what to
/// offer, who pays the shipping, what compensation is owed, and the trace.
#[derive(Debug, Clone)]
pub struct Verdict<'p> {
    /// The deciding rule (`None`: the fallback).
    pub rule: Option<&'p Rule>,
    /// What the rule (or its above-ceiling answer) says.
    pub outcome: &'p Outcome,
    /// The decline this replaces: an express refund (极速退款) is never
    /// declined outright, the policy's `express_refund_decline` answers instead.
    pub declined: Option<&'p Outcome>,
    /// The step after a counter-offer at the ceiling, if the buyer refuses it.
    pub next: Option<&'p Outcome>,
    /// The offer, after the ask and the price.
    pub offer: Option<Offer>,
    /// The offer as percentages of a price the case does not give.
    pub unpriced: Option<(Decimal, Decimal)>,
    /// The buyer's ask against the offer.
    pub ask: AskSeen,
    /// Who pays each leg, with the quality-return setting applied.
    pub shipping: Shipping,
    /// Who pays each leg of the next step.
    pub next_shipping: Option<Shipping>,
    /// Compensation owed (`None` also when the price is missing).
    pub compensation: Option<Money>,
    /// Every rule looked at.
    pub trace: Steps,
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

/// Finds the rule that decides a case, walking the rules in order; with a
/// trace, every rule looked at is recorded, and without one only the rules
/// that can decide a case of this defect are tried.
fn choose<'p>(
    policy: &'p Policy,
    view: &View,
    mut trace: Option<&mut Steps>,
) -> Result<Option<&'p Rule>, EngineError> {
    let all = 0..policy.rules.len();
    let some = policy.rules_by_defect[view.defect.index()]
        .iter()
        .map(|&i| usize::from(i));
    let order: &mut dyn Iterator<Item = usize> = match trace {
        Some(_) => &mut { all },
        None => &mut { some },
    };
    'rules: for index in order {
        let rule = &policy.rules[index];
        for &cond in &rule.tests {
            match cond.test(&rule.when, view) {
                None | Some(Some(true)) => {}
                Some(Some(false)) => {
                    if let Some(t) = trace.as_deref_mut() {
                        t.push(index, Some(cond));
                    }
                    continue 'rules;
                }
                Some(None) => {
                    return Err(EngineError::Missing {
                        fact: cond.asks_for(),
                        rule: rule.id.to_string(),
                    });
                }
            }
        }
        if let Some(t) = trace {
            t.push(index, None);
        }
        return Ok(Some(rule));
    }
    if let Some(t) = trace {
        t.push(policy.rules.len(), None);
    }
    Ok(None)
}

/// Decides a case: the rule, the offer, the shipping payers and compensation.
pub fn decide<'p>(policy: &'p Policy, case: &Case) -> Result<Verdict<'p>, EngineError> {
    let (view, _) = view(policy, case)?;
    verdict(policy, &view)
}

/// [`decide`] without the trace (left empty), with the case title's tags under
/// this policy when already worked out ([`TitleTags::of`]; they must be the
/// tags of `case.title`): the same decision, for a replay that totals millions
/// and explains none.
pub fn decide_untraced<'p>(
    policy: &'p Policy,
    case: &Case,
    tags: Option<TitleTags>,
) -> Result<Verdict<'p>, EngineError> {
    let (view, _) = view_tagged(policy, case, tags)?;
    let rule = choose(policy, &view, None)?;
    Ok(verdict_of(policy, &view, rule, Steps::default()))
}

pub(super) fn verdict<'p>(policy: &'p Policy, v: &View) -> Result<Verdict<'p>, EngineError> {
    let mut trace = Steps::default();
    let rule = choose(policy, v, Some(&mut trace))?;
    Ok(verdict_of(policy, v, rule, trace))
}

/// What the deciding rule (or the fallback) makes of the case.
fn verdict_of<'p>(
    policy: &'p Policy,
    v: &View,
    rule: Option<&'p Rule>,
    trace: Steps,
) -> Verdict<'p> {
    let case = v.case;
    let then = rule.map_or(&policy.fallback, |r| &r.then);
    let above = rule.and_then(|r| r.above_ceiling.as_ref());
    let Offered {
        mut outcome,
        mut next,
        mut offer,
        unpriced,
        ask,
    } = offered(then, above, case);
    // An express refund is never declined outright: the money is already with the buyer,
    // and a refusal turns it into a platform intervention.
    let mut declined = None;
    if case.express_refund
        && outcome.resolution == Resolution::Decline
        && let Some(instead) = &policy.express_refund_decline
    {
        declined = Some(outcome);
        outcome = instead;
        offer = None;
        next = None;
    }
    let payers = |o: &Outcome| {
        let mut s = o.shipping;
        if o.quality_return {
            s.to_shop = policy.quality_return_payer;
        }
        s
    };
    let shipping = payers(outcome);
    let next_shipping = next.map(payers);
    Verdict {
        rule,
        outcome,
        declined,
        next,
        offer,
        unpriced,
        ask,
        shipping,
        next_shipping,
        compensation: compensation_owed(outcome, case.price),
        trace,
    }
}

/// What a rule's offer comes to for a case, after the buyer's ask and what
/// was already offered.
struct Offered<'p> {
    /// The outcome: the rule's, or its above-ceiling answer.
    outcome: &'p Outcome,
    /// The step after a counter-offer at the ceiling.
    next: Option<&'p Outcome>,
    offer: Option<Offer>,
    /// The offer as percentages of a price the case does not give.
    unpriced: Option<(Decimal, Decimal)>,
    ask: AskSeen,
}

/// Works out the offer of `then` (with `above`, its answer to an ask above
/// the ceiling) against the case's price, ask and earlier offer.
fn offered<'p>(then: &'p Outcome, above: Option<&'p Outcome>, case: &Case) -> Offered<'p> {
    let mut out = Offered {
        outcome: then,
        next: None,
        offer: None,
        unpriced: None,
        ask: AskSeen::None,
    };
    let Some(o) = &then.offer else {
        return out;
    };
    let (mut open, max) = match (o.open, o.max, case.price) {
        (Amount::Percent(a), Amount::Percent(b), None) => {
            out.unpriced = Some((a, b));
            return out;
        }
        (open, max, price) => {
            let amount = |a: Amount| {
                let yuan = match a {
                    Amount::Yuan(y) => y,
                    Amount::Percent(p) => price.unwrap_or_default() * p / Decimal::ONE_HUNDRED,
                };
                // Never more than the rule's cap, nor more than the buyer paid.
                let yuan = o.cap.map_or(yuan, |cap| yuan.min(cap));
                Money::new(price.map_or(yuan, |price| yuan.min(price)))
            };
            (amount(open), amount(max))
        }
    };
    let asked = case.ask.filter(|a| !a.is_zero()).map(Money::new);
    let offered = case.offered.filter(|a| !a.is_zero()).map(Money::new);
    match asked {
        Some(a) if a <= max && o.agree_ask => {
            out.ask = AskSeen::Within(a, max);
            open = a;
        }
        Some(a) if a <= max => out.ask = AskSeen::Held(a, max),
        Some(a) => match above {
            Some(above) if offered.is_some_and(|x| x >= max) => {
                out.ask = AskSeen::Above(a, max);
                out.outcome = above;
            }
            Some(above) => {
                out.ask = AskSeen::Counter(a, max);
                open = max;
                out.next = Some(above);
            }
            None => {
                out.ask = AskSeen::AboveNoRule(a, max);
                open = max;
            }
        },
        None => {
            if let Some(x) = offered.filter(|x| *x >= open) {
                out.ask = AskSeen::Offered(x, max);
                open = max;
                out.next = above;
            }
        }
    }
    // An ask agreed to is the whole offer: open and ceiling alike.
    let max = if matches!(out.ask, AskSeen::Within(..)) {
        open
    } else {
        max
    };
    if std::ptr::eq(out.outcome, then) {
        out.offer = Some(Offer {
            open,
            max,
            kind: o.kind,
        });
    }
    out
}

/// The compensation an outcome owes on a price, within its cap and floor.
fn compensation_owed(outcome: &Outcome, price: Option<Decimal>) -> Option<Money> {
    let (Some(c), Some(price)) = (&outcome.compensation, price) else {
        return None;
    };
    let mut amount = price * c.percent / Decimal::ONE_HUNDRED;
    if let Some(cap) = c.cap {
        amount = amount.min(cap);
    }
    if let Some(floor) = c.floor {
        amount = amount.max(floor);
    }
    Some(Money::new(amount))
}

/// When a window counted from a day closes: 00:00 of the next day plus the period.
pub(super) fn window_due(day: NaiveDate, period: Period) -> NaiveDateTime {
    let start = (day + Duration::days(1)).and_time(NaiveTime::MIN);
    start + duration(period)
}

/// A deadline's period as a duration.
pub(super) fn duration(period: Period) -> Duration {
    match period {
        Period::Days(d) => Duration::days(i64::from(d)),
        Period::Hours(h) => Duration::hours(i64::from(h)),
    }
}
