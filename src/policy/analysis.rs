//! Analysis of the rules as a decision table, for `aftersale check`.
//!
//! Every combination of the values the conditions test (defect, region group,
//! fault, stage, platform, wish, promotion, 包邮, resale, perishable, false
//! claim, seven-day window, and the price on each side of every threshold) is
//! run through the rules in order. A rule no combination reaches can never fire,
//! even when no single earlier rule covers it (two earlier rules together may);
//! combinations that reach no rule are answered only by the fallback.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

use super::{Conditions, Diagnostic, Kind, Policy, Severity};
use crate::vocab::{Defect, Fault, Platform, Stage, Wants};

pub mod table;

/// One combination of condition values.
#[derive(Debug, Clone, Copy)]
struct Cell {
    defect: usize,
    region: usize,
    fault: usize,
    stage: usize,
    platform: usize,
    wants: usize,
    flags: u16,
    price: Decimal,
}

/// The bit of the promotion condition in `Cell::flags`: bit `i` is the `i`th
/// of [`Conditions::yes_no`], and promotion comes first.
const PROMO: u16 = 1;

/// Each yes/no condition with its bit.
fn flags(c: &Conditions) -> impl Iterator<Item = (Option<bool>, u16)> {
    c.yes_no().into_iter().zip((0..).map(|i| 1u16 << i))
}

/// The subsets of `mask`, the empty set first.
fn subsets(mask: u16) -> impl Iterator<Item = u16> {
    let mut next = Some(0u16);
    std::iter::from_fn(move || {
        let s = next?;
        next = (s != mask).then(|| (s.wrapping_sub(mask)) & mask);
        Some(s)
    })
}

fn matches(c: &Conditions, x: &Cell) -> bool {
    let set = |s: Option<super::Set>, i: usize| s.is_none_or(|s| s.contains(i));
    set(c.defect, x.defect)
        && set(c.region, x.region)
        && set(c.fault, x.fault)
        && set(c.stage, x.stage)
        && set(c.platform, x.platform)
        && set(c.wants, x.wants)
        && flags(c).all(|(f, bit)| f.is_none_or(|want| (x.flags & bit != 0) == want))
        && c.price_at_most.is_none_or(|limit| x.price <= limit)
}

/// Combinations of one defect and fault that only the fallback answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// The defect.
    pub defect: Defect,
    /// The fault.
    pub fault: Fault,
    /// Region groups where it happens.
    pub regions: Vec<String>,
    /// Whether for promotion items, regular items or both.
    pub promo: Vec<bool>,
    /// Order stages where it happens.
    pub stages: Vec<Stage>,
}

/// What the table analysis found.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Rules that no combination reaches, with the rules that take their cases.
    pub unreachable: Vec<(String, Vec<String>)>,
    /// Combinations only the fallback answers.
    pub gaps: Vec<Gap>,
    /// How many combinations each rule decides, by rule id (in rule order).
    pub reach: Vec<(String, u64)>,
    /// Provinces in no region group ("其他地区").
    pub ungrouped: Vec<String>,
    /// How many combinations were tried.
    pub cells: u64,
}

/// Region groups, promotion values and stages of the combinations a defect and fault leave to the fallback.
type GapCells = (BTreeSet<usize>, BTreeSet<bool>, BTreeSet<Stage>);

/// Runs every combination of condition values through the policy's rules
/// (threats only gate alerts, so rules are tried as if none were made).
#[allow(clippy::too_many_lines, reason = "split pending (issue 21)")]
pub fn analyse(policy: &Policy) -> Analysis {
    let regions = policy.groups.len() + 1;
    // One price on each side of every threshold a rule tests.
    let mut prices: BTreeSet<Decimal> = policy
        .rules
        .iter()
        .filter_map(|r| r.when.price_at_most)
        .collect();
    let above: Vec<Decimal> = prices.iter().map(|p| p + Decimal::new(1, 2)).collect();
    prices.extend(above);
    if prices.is_empty() {
        prices.insert(Decimal::ONE_HUNDRED);
    }
    let prices: Vec<Decimal> = prices.into_iter().collect();
    let all_prices = prices.len() as u64;
    // Every yes/no condition: each doubles the combinations.
    let all_flags: u16 = flags(&Conditions::default()).fold(0, |m, (_, bit)| m | bit);

    let mut reach = vec![0u64; policy.rules.len()];
    // Which rules took the cases of each rule that can never fire.
    let mut takers: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); policy.rules.len()];
    let mut gaps: BTreeMap<(Defect, Fault), GapCells> = BTreeMap::new();
    let mut cells = 0;
    for &defect in Defect::ALL {
        // Only rules that can match this defect need to be tried.
        let rules: Vec<usize> = (0..policy.rules.len())
            .filter(|&i| {
                policy.rules[i]
                    .when
                    .defect
                    .is_none_or(|s| s.contains(defect.index()))
            })
            .collect();
        // A dimension none of them tests behaves the same for every value: one
        // value stands for all (and counts for all), which keeps this fast
        // enough to run on every load.
        let tested =
            |get: fn(&Conditions) -> bool| rules.iter().any(|&i| get(&policy.rules[i].when));
        let span = |n: usize, used: bool| if used { n } else { 1 };
        let n_region = span(regions, tested(|c| c.region.is_some()));
        let n_fault = span(Fault::ALL.len(), tested(|c| c.fault.is_some()));
        let n_stage = span(Stage::ALL.len(), tested(|c| c.stage.is_some()));
        let n_platform = span(Platform::ALL.len(), tested(|c| c.platform.is_some()));
        let n_wants = span(Wants::ALL.len(), tested(|c| c.wants.is_some()));
        let used: u16 = rules
            .iter()
            .flat_map(|&i| flags(&policy.rules[i].when))
            .filter(|(f, _)| f.is_some())
            .fold(0, |m, (_, bit)| m | bit);
        let tests_price = tested(|c| c.price_at_most.is_some());
        let prices: &[Decimal] = if tests_price { &prices } else { &prices[..1] };
        // How many combinations each tried one stands for.
        let weight = (regions / n_region) as u64
            * (Fault::ALL.len() / n_fault) as u64
            * (Stage::ALL.len() / n_stage) as u64
            * (Platform::ALL.len() / n_platform) as u64
            * (Wants::ALL.len() / n_wants) as u64
            * (1u64 << (all_flags & !used).count_ones())
            * if tests_price { 1 } else { all_prices };
        for region in 0..n_region {
            for fault_i in 0..n_fault {
                for stage_i in 0..n_stage {
                    for platform in 0..n_platform {
                        for wants in 0..n_wants {
                            for flags in subsets(used) {
                                for &price in prices {
                                    cells += weight;
                                    let cell = Cell {
                                        defect: defect.index(),
                                        region,
                                        fault: fault_i,
                                        stage: stage_i,
                                        platform,
                                        wants,
                                        flags,
                                        price,
                                    };
                                    match rules
                                        .iter()
                                        .find(|&&i| matches(&policy.rules[i].when, &cell))
                                    {
                                        Some(&i) => {
                                            reach[i] += weight;
                                            // Record which earlier rules take cases a later rule also matches.
                                            for &j in rules.iter().filter(|&&j| j > i) {
                                                if takers[j].len() < 4
                                                    && matches(&policy.rules[j].when, &cell)
                                                {
                                                    takers[j].insert(i);
                                                }
                                            }
                                        }
                                        None => {
                                            // An untried dimension's every value is in the gap.
                                            let every = |n: usize, i: usize, all: usize| {
                                                if n == 1 { 0..all } else { i..i + 1 }
                                            };
                                            for f in every(n_fault, fault_i, Fault::ALL.len()) {
                                                let g = gaps
                                                    .entry((defect, Fault::ALL[f]))
                                                    .or_default();
                                                g.0.extend(every(n_region, region, regions));
                                                if used & PROMO == 0 {
                                                    g.1.extend([false, true]);
                                                } else {
                                                    g.1.insert(flags & PROMO != 0);
                                                }
                                                g.2.extend(
                                                    every(n_stage, stage_i, Stage::ALL.len())
                                                        .map(|s| Stage::ALL[s]),
                                                );
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let unreachable = policy
        .rules
        .iter()
        .enumerate()
        .filter(|(i, _)| reach[*i] == 0)
        .map(|(i, r)| {
            (
                r.id.to_string(),
                takers[i]
                    .iter()
                    .map(|&t| policy.rules[t].id.to_string())
                    .collect(),
            )
        })
        .collect();
    let gaps = gaps
        .into_iter()
        .map(|((defect, fault), (regions, promo, stages))| Gap {
            defect,
            fault,
            regions: regions
                .into_iter()
                .map(|g| policy.group_name(g).to_string())
                .collect(),
            promo: promo.into_iter().collect(),
            stages: stages.into_iter().collect(),
        })
        .collect();
    let ungrouped = crate::place::province_table()
        .provinces()
        .iter()
        .filter(|p| policy.group_index(p) == policy.groups.len())
        .cloned()
        .collect();
    Analysis {
        unreachable,
        gaps,
        reach: policy
            .rules
            .iter()
            .zip(reach)
            .map(|(r, n)| (r.id.to_string(), n))
            .collect(),
        ungrouped,
        cells,
    }
}

impl Analysis {
    /// An error, pointing at the rule, for each rule that can never fire.
    pub fn diagnostics(&self, policy: &Policy) -> Vec<Diagnostic> {
        self.unreachable
            .iter()
            .map(|(id, takers)| Diagnostic {
                severity: Severity::Error,
                kind: Kind::Unreachable {
                    rule: id.clone(),
                    takers: takers.clone(),
                },
                pos: policy
                    .rules
                    .iter()
                    .find(|r| *r.id == **id)
                    .and_then(|r| r.pos.clone()),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_policy_has_no_rule_that_can_never_fire() {
        let policy = Policy::bundled().expect("bundled policy");
        let a = analyse(&policy);
        assert!(a.unreachable.is_empty(), "{:?}", a.unreachable);
        assert!(a.reach.iter().all(|(_, n)| *n > 0));
    }
}
