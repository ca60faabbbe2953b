//! Analysis of the rules as a decision table, for `aftersale check`.
//!
//! Every combination of the values the conditions test (each choice
//! condition's values: defect, region group, fault, stage, platform, wish …;
//! each yes/no condition: promotion, 包邮, resale, the windows …; and the
//! price on each side of every threshold) is run through the rules in order.
//! The conditions come from their rows ([`Conditions::choices`],
//! [`Conditions::yes_no`]), so a new one is analysed without a line here. A rule no combination reaches can never fire,
//! even when no single earlier rule covers it (two earlier rules together may);
//! combinations that reach no rule are answered only by the fallback.

use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

use super::{Cond, Conditions, Diagnostic, Kind, Policy, Set, Severity};
use crate::vocab::{Defect, Fault, Stage};

pub mod table;

/// One combination of condition values.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The value of each choice condition, in [`Cond::CHOICES`]' order
    /// (the defect first).
    at: [usize; Cond::CHOICES.len()],
    flags: u16,
    price: Decimal,
}

/// The places in [`Cond::CHOICES`] of the conditions a gap is reported by.
const DEFECT: usize = Cond::Defect.choice_place();
const REGION: usize = Cond::Region.choice_place();
const FAULT: usize = Cond::Fault.choice_place();
const STAGE: usize = Cond::Stage.choice_place();

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

/// A rule's conditions as the analysis tests them, worked out once.
struct Test {
    /// The values allowed of each choice.
    choices: [Option<Set>; Cond::CHOICES.len()],
    /// The yes/no conditions tested, and the bits they want set.
    mask: u16,
    want: u16,
    price: Option<Decimal>,
}

impl Test {
    fn of(c: &Conditions) -> Test {
        let (mut mask, mut want) = (0, 0);
        for (f, bit) in flags(c) {
            if let Some(f) = f {
                mask |= bit;
                if f {
                    want |= bit;
                }
            }
        }
        Test {
            choices: c.choices(),
            mask,
            want,
            price: c.price_at_most,
        }
    }

    fn matches(&self, x: &Cell) -> bool {
        self.choices
            .iter()
            .zip(x.at)
            .all(|(s, i)| s.is_none_or(|s| s.contains(i)))
            && x.flags & self.mask == self.want
            && self.price.is_none_or(|limit| x.price <= limit)
    }
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
pub fn analyse(policy: &Policy) -> Analysis {
    let mut run = Run {
        policy,
        tests: policy.rules.iter().map(|r| Test::of(&r.when)).collect(),
        sizes: Conditions::choice_sizes(policy.groups.len() + 1),
        prices: prices(policy),
        // Every yes/no condition: each doubles the combinations.
        all_flags: flags(&Conditions::default()).fold(0, |m, (_, bit)| m | bit),
        reach: vec![0; policy.rules.len()],
        takers: vec![BTreeSet::new(); policy.rules.len()],
        gaps: BTreeMap::new(),
        cells: 0,
    };
    for &defect in Defect::ALL {
        run.defect(defect);
    }
    run.finish()
}

/// One price on each side of every threshold a rule tests (one price when none does).
fn prices(policy: &Policy) -> Vec<Decimal> {
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
    prices.into_iter().collect()
}

/// The combinations tried so far and what they found.
struct Run<'p> {
    policy: &'p Policy,
    /// Each rule's conditions.
    tests: Vec<Test>,
    /// How many values each choice condition ranges over.
    sizes: [usize; Cond::CHOICES.len()],
    /// The prices tried when a rule tests the price.
    prices: Vec<Decimal>,
    /// The bits of every yes/no condition.
    all_flags: u16,
    /// How many combinations each rule decides.
    reach: Vec<u64>,
    /// Which rules took the cases of each rule that can never fire.
    takers: Vec<BTreeSet<usize>>,
    gaps: BTreeMap<(Defect, Fault), GapCells>,
    cells: u64,
}

/// What the rules that can match one defect test: the combinations to try.
struct Span {
    /// The rules that can match the defect, in order.
    rules: Vec<usize>,
    /// How many values of each choice are tried: all when a rule tests it,
    /// else one standing for all (which keeps this fast enough to run on every load).
    span: [usize; Cond::CHOICES.len()],
    /// The yes/no conditions a rule tests.
    used: u16,
    /// How many prices are tried.
    prices: usize,
    /// How many combinations each tried one stands for.
    weight: u64,
}

impl Run<'_> {
    /// Runs every combination of one defect.
    fn defect(&mut self, defect: Defect) {
        let span = self.span(defect);
        let mut at = [0; Cond::CHOICES.len()];
        at[DEFECT] = defect.index();
        // Every value of each choice after the defect, the last one turning fastest.
        loop {
            for flags in subsets(span.used) {
                for price in 0..span.prices {
                    let cell = Cell {
                        at,
                        flags,
                        price: self.prices[price],
                    };
                    self.try_cell(&span, defect, &cell);
                }
            }
            let Some(k) = (DEFECT + 1..at.len())
                .rev()
                .find(|&k| at[k] + 1 < span.span[k])
            else {
                return;
            };
            at[k] += 1;
            at[k + 1..].fill(0);
        }
    }

    /// What the rules that can match `defect` test.
    fn span(&self, defect: Defect) -> Span {
        let rules: Vec<usize> = (0..self.policy.rules.len())
            .filter(|&i| {
                self.policy.rules[i]
                    .when
                    .defect
                    .is_none_or(|s| s.contains(defect.index()))
            })
            .collect();
        let whens = || rules.iter().map(|&i| &self.policy.rules[i].when);
        let mut span = [1; Cond::CHOICES.len()];
        for (k, n) in span.iter_mut().enumerate().skip(DEFECT + 1) {
            if whens().any(|w| w.choices()[k].is_some()) {
                *n = self.sizes[k];
            }
        }
        let used: u16 = whens()
            .flat_map(flags)
            .filter(|(f, _)| f.is_some())
            .fold(0, |m, (_, bit)| m | bit);
        let tests_price = whens().any(|w| w.price_at_most.is_some());
        let all_prices = self.prices.len() as u64;
        let weight = (DEFECT + 1..span.len())
            .map(|k| (self.sizes[k] / span[k]) as u64)
            .product::<u64>()
            * (1u64 << (self.all_flags & !used).count_ones())
            * if tests_price { 1 } else { all_prices };
        Span {
            rules,
            span,
            used,
            prices: if tests_price { self.prices.len() } else { 1 },
            weight,
        }
    }

    /// Finds the rule that decides one combination, or records it as a gap.
    fn try_cell(&mut self, span: &Span, defect: Defect, cell: &Cell) {
        let tests = &self.tests;
        self.cells += span.weight;
        match span.rules.iter().find(|&&i| tests[i].matches(cell)) {
            Some(&i) => {
                self.reach[i] += span.weight;
                // Record which earlier rules take cases a later rule also matches.
                for &j in span.rules.iter().filter(|&&j| j > i) {
                    if self.takers[j].len() < 4 && tests[j].matches(cell) {
                        self.takers[j].insert(i);
                    }
                }
            }
            None => self.gap(span, defect, cell),
        }
    }

    /// Records a combination no rule answers.
    fn gap(&mut self, span: &Span, defect: Defect, cell: &Cell) {
        // An untried dimension's every value is in the gap.
        let every = |k: usize| {
            if span.span[k] == 1 {
                0..self.sizes[k]
            } else {
                cell.at[k]..cell.at[k] + 1
            }
        };
        for f in every(FAULT) {
            let g = self.gaps.entry((defect, Fault::ALL[f])).or_default();
            g.0.extend(every(REGION));
            if span.used & PROMO == 0 {
                g.1.extend([false, true]);
            } else {
                g.1.insert(cell.flags & PROMO != 0);
            }
            g.2.extend(every(STAGE).map(|s| Stage::ALL[s]));
        }
    }

    /// The analysis: rules never reached and who took their cases, the gaps
    /// by name, each rule's reach, and the provinces in no group.
    fn finish(self) -> Analysis {
        let policy = self.policy;
        let unreachable = policy
            .rules
            .iter()
            .enumerate()
            .filter(|(i, _)| self.reach[*i] == 0)
            .map(|(i, r)| {
                (
                    r.id.to_string(),
                    self.takers[i]
                        .iter()
                        .map(|&t| policy.rules[t].id.to_string())
                        .collect(),
                )
            })
            .collect();
        let gaps = self
            .gaps
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
                .zip(self.reach)
                .map(|(r, n)| (r.id.to_string(), n))
                .collect(),
            ungrouped,
            cells: self.cells,
        }
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
