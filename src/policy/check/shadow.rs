//! Shadowing: whether one rule's conditions take every case of a later rule,
//! so the later one can never fire.

use rust_decimal::Decimal;

use crate::policy::{Cond, Conditions, Set};

/// A rule's conditions as the shadow check compares them, taken once per
/// rule: each rule is compared with every earlier one, and taking the sets
/// for each pair was most of the policy check's time.
pub(super) struct Shape {
    /// Every set condition with how many values it ranges over.
    sets: Vec<(Option<Set>, usize)>,
    /// Every yes/no condition.
    yes_no: [Option<bool>; Cond::YES_NO.len()],
    /// The price bound.
    price: Option<Decimal>,
}

impl Shape {
    /// The shape of `when`; `regions` is the number of region values (the
    /// groups plus "any other region").
    pub(super) fn of(when: &Conditions, regions: usize) -> Shape {
        Shape {
            sets: when.sets(regions),
            yes_no: when.yes_no(),
            price: when.price_at_most,
        }
    }
}

/// Whether every case `later` matches is also matched by `earlier`: per
/// dimension, `later`'s set of values lies inside `earlier`'s.
pub(super) fn covers(earlier: &Shape, later: &Shape) -> bool {
    // No condition on a dimension means every one of its `n` values.
    fn set_n(e: Option<Set>, l: Option<Set>, n: usize) -> bool {
        let full = Set::full(n);
        l.unwrap_or(full).is_subset(e.unwrap_or(full))
    }
    fn flag<T: PartialEq>(e: Option<T>, l: Option<T>) -> bool {
        match (e, l) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(l)) => e == l,
        }
    }
    earlier
        .sets
        .iter()
        .zip(&later.sets)
        .all(|(&(e, n), &(l, _))| set_n(e, l, n))
        && earlier
            .yes_no
            .iter()
            .zip(&later.yes_no)
            .all(|(&e, &l)| flag(e, l))
        && match (earlier.price, later.price) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(e), Some(l)) => l <= e,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_earlier_broader_rule_covers_a_narrower_one() {
        let broad = Conditions {
            defect: Some(Set::of([0, 1])),
            ..Conditions::default()
        };
        let narrow = Conditions {
            defect: Some(Set::of([0])),
            promo: Some(true),
            ..Conditions::default()
        };
        let shape = |c: &Conditions| Shape::of(c, 1);
        assert!(covers(&shape(&broad), &shape(&narrow)));
        assert!(!covers(&shape(&narrow), &shape(&broad)));
        let every_stage = Conditions {
            stage: Some(Set::full(4)),
            ..Conditions::default()
        };
        assert!(covers(&shape(&every_stage), &shape(&Conditions::default())));
    }
}
