//! Totals: cases, offers, money, escalations, returns and the shipping the
//! shop pays, overall, per resolution, per region group and per defect.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::case::{Case, Defect, Fact};
use crate::engine::{EngineError, Verdict};
use crate::policy::{Payer, Policy, Resolution};

/// Totals for a set of cases.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Cases decided.
    pub cases: u64,
    /// Cases with a money offer.
    pub offers: u64,
    /// Sum of opening offers.
    #[serde(serialize_with = "crate::money::serde_2dp")]
    pub open: Decimal,
    /// Sum of ceilings.
    #[serde(serialize_with = "crate::money::serde_2dp")]
    pub max: Decimal,
    /// Sum of compensation owed.
    #[serde(serialize_with = "crate::money::serde_2dp")]
    pub compensation: Decimal,
    /// Cases escalated to a supervisor.
    pub escalations: u64,
    /// Cases where goods come back to the shop.
    pub returns: u64,
    /// Estimated shipping the shop pays (legs at the policy's per-region cost).
    #[serde(serialize_with = "crate::money::serde_2dp")]
    pub shop_shipping: Decimal,
}

/// What one decided case adds to a tally, worked out once for the three
/// tallies it counts in.
struct One {
    offer: Option<(Decimal, Decimal)>,
    compensation: Option<Decimal>,
    escalation: bool,
    returns: bool,
    shop_shipping: Option<Decimal>,
}

impl One {
    fn new(v: &Verdict, leg_cost: Option<Decimal>) -> One {
        One {
            offer: v.offer.as_ref().map(|o| (o.open.value(), o.max.value())),
            compensation: v.compensation.map(|c| c.value()),
            escalation: v.escalate(),
            returns: comes_back(v.resolution()),
            shop_shipping: leg_cost.map(|cost| cost * shop_legs(v)),
        }
    }
}

impl Tally {
    fn add(&mut self, one: &One) {
        self.cases += 1;
        if let Some((open, max)) = one.offer {
            self.offers += 1;
            self.open += open;
            self.max += max;
        }
        if let Some(c) = one.compensation {
            self.compensation += c;
        }
        self.escalations += u64::from(one.escalation);
        self.returns += u64::from(one.returns);
        if let Some(s) = one.shop_shipping {
            self.shop_shipping += s;
        }
    }

    pub(super) fn merge(&mut self, o: &Tally) {
        self.cases += o.cases;
        self.offers += o.offers;
        self.open += o.open;
        self.max += o.max;
        self.compensation += o.compensation;
        self.escalations += o.escalations;
        self.returns += o.returns;
        self.shop_shipping += o.shop_shipping;
    }

    /// Each total with its CSV name, its table heading (Chinese) and whether it is money,
    /// in column order: the table and the CSV both print from this list.
    pub fn metrics(&self) -> [(&'static str, &'static str, Decimal, bool); 8] {
        let n = |v: u64| Decimal::from(v);
        [
            ("cases", "案例", n(self.cases), false),
            ("offers", "有报价", n(self.offers), false),
            ("opening_total", "开价合计", self.open, true),
            ("ceiling_total", "上限合计", self.max, true),
            ("compensation", "平台赔付", self.compensation, true),
            ("escalations", "上报", n(self.escalations), false),
            ("returns", "退回", n(self.returns), false),
            ("shop_shipping", "商家运费", self.shop_shipping, true),
        ]
    }

    /// Mean opening offer over cases with an offer.
    pub fn mean_open(&self) -> Decimal {
        mean(self.open, self.offers)
    }

    /// Mean ceiling over cases with an offer.
    pub fn mean_max(&self) -> Decimal {
        mean(self.max, self.offers)
    }
}

fn mean(sum: Decimal, n: u64) -> Decimal {
    if n == 0 {
        Decimal::ZERO
    } else {
        (sum / Decimal::from(n)).round_dp(2)
    }
}

/// Whether the goods travel back to the shop.
fn comes_back(r: Resolution) -> bool {
    matches!(
        r,
        Resolution::ReturnOrExchange
            | Resolution::ReturnRefund
            | Resolution::Exchange
            | Resolution::RefuseDelivery
            | Resolution::Repair
    )
}

/// How many legs the shop pays for (a split leg is half). The outbound leg of a
/// return or refusal was already shipped, so it is not a new cost.
pub(super) fn shop_legs(a: &Verdict) -> Decimal {
    let share = |p: Payer| match p {
        Payer::Shop => Decimal::ONE,
        Payer::Split => Decimal::new(5, 1),
        _ => Decimal::ZERO,
    };
    let outbound_is_new = !matches!(
        a.resolution(),
        Resolution::ReturnRefund | Resolution::RefuseDelivery
    );
    share(a.shipping.to_shop)
        + if outbound_is_new {
            share(a.shipping.to_buyer)
        } else {
            Decimal::ZERO
        }
}

/// Everything one policy did to the log.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Stats {
    /// All decided cases.
    pub all: Tally,
    /// Cases per resolution id.
    pub by_resolution: BTreeMap<&'static str, u64>,
    /// Cases the engine could not decide, per missing fact.
    pub undecided: BTreeMap<&'static str, u64>,
    /// Cases whose advice counters the buyer's ask instead of agreeing to it.
    pub counters: u64,
    /// Totals per region group.
    pub by_region: BTreeMap<Arc<str>, Tally>,
    /// Totals per defect id.
    pub by_defect: BTreeMap<Arc<str>, Tally>,
}

impl Stats {
    pub(super) fn merge(&mut self, o: &Stats) {
        self.all.merge(&o.all);
        self.counters += o.counters;
        for (k, v) in &o.by_resolution {
            *self.by_resolution.entry(k).or_default() += v;
        }
        for (k, v) in &o.undecided {
            *self.undecided.entry(k).or_default() += v;
        }
        for (k, v) in &o.by_region {
            self.by_region.entry(k.clone()).or_default().merge(v);
        }
        for (k, v) in &o.by_defect {
            self.by_defect.entry(k.clone()).or_default().merge(v);
        }
    }
}

/// Totals as a worker keeps them: one tally per region group and defect, by
/// index, so a case costs one tally's sums and no map lookup; the overall,
/// per-region and per-defect totals are summed from these cells once per
/// chunk ([`Counts::into_stats`]; sums of exact decimals, so the order of
/// adding does not matter).
#[derive(Debug, Clone)]
pub(super) struct Counts {
    by_resolution: Vec<u64>,
    undecided: Vec<u64>,
    counters: u64,
    /// Per region group (the policy's groups, its "other" group, then no
    /// region), then per defect (then none), row by row.
    cells: Vec<Tally>,
}

/// Columns of [`Counts::cells`]: each defect, then none.
const DEFECTS: usize = Defect::ALL.len() + 1;

impl Counts {
    /// No cases yet, for `policy`'s region groups.
    pub(super) fn new(policy: &Policy) -> Counts {
        Counts {
            by_resolution: vec![0; Resolution::ALL.len()],
            undecided: vec![0; Fact::ALL.len()],
            counters: 0,
            cells: vec![Tally::default(); (policy.groups.len() + 2) * DEFECTS],
        }
    }

    /// Adds one case: its verdict, or the fact it could not be decided without.
    pub(super) fn add(
        &mut self,
        policy: &Policy,
        case: &Case,
        result: &Result<Verdict, EngineError>,
        leg_cost: Option<Decimal>,
    ) {
        match result {
            Ok(v) => {
                let group = case.region.as_ref().map(|r| policy.group_of_place(r));
                let cost =
                    leg_cost.or_else(|| policy.shipping_cost(group.unwrap_or(policy.groups.len())));
                self.by_resolution[v.resolution().index()] += 1;
                self.counters += u64::from(super::run::counters(v));
                let region = group.unwrap_or(policy.groups.len() + 1);
                let defect = case.defect.map_or(DEFECTS - 1, |d| d.index());
                self.cells[region * DEFECTS + defect].add(&One::new(v, cost));
            }
            Err(EngineError::Missing { fact, .. }) => self.undecided[*fact as usize] += 1,
        }
    }

    /// The totals by name, as the report shows them.
    pub(super) fn into_stats(self, policy: &Policy) -> Stats {
        let mut s = Stats {
            counters: self.counters,
            ..Stats::default()
        };
        for (r, n) in Resolution::ALL.iter().zip(self.by_resolution) {
            if n > 0 {
                s.by_resolution.insert(r.id(), n);
            }
        }
        for (f, n) in Fact::ALL.iter().zip(self.undecided) {
            if n > 0 {
                s.undecided.insert(f.key(), n);
            }
        }
        let unknown: Arc<str> = Arc::from("未知地区");
        let mut by_defect = vec![Tally::default(); DEFECTS];
        for (g, row) in self.cells.chunks(DEFECTS).enumerate() {
            let mut region = Tally::default();
            for (d, t) in row.iter().enumerate() {
                if t.cases > 0 {
                    region.merge(t);
                    by_defect[d].merge(t);
                }
            }
            if region.cases > 0 {
                s.all.merge(&region);
                let name = policy.group_names.get(g).unwrap_or(&unknown).clone();
                s.by_region.entry(name).or_default().merge(&region);
            }
        }
        for (d, t) in Defect::ALL.iter().zip(by_defect) {
            if t.cases > 0 {
                s.by_defect.entry(defect_key(*d)).or_default().merge(&t);
            }
        }
        s
    }
}

/// A defect's id as a shared map key, made once.
fn defect_key(d: Defect) -> Arc<str> {
    static KEYS: std::sync::OnceLock<Vec<Arc<str>>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| Defect::ALL.iter().map(|d| Arc::from(d.id())).collect())[d.index()].clone()
}
