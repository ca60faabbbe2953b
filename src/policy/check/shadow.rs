//! Shadowing: whether one rule's conditions take every case of a later rule,
//! so the later one can never fire.

use crate::policy::{Conditions, Set};

/// Whether every case `later` matches is also matched by `earlier`: per
/// dimension, `later`'s set of values lies inside `earlier`'s. `regions` is the
/// number of region values (the groups plus "any other region").
pub(super) fn covers(earlier: &Conditions, later: &Conditions, regions: usize) -> bool {
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
        .sets(regions)
        .into_iter()
        .zip(later.sets(regions))
        .all(|((e, n), (l, _))| set_n(e, l, n))
        && earlier
            .yes_no()
            .into_iter()
            .zip(later.yes_no())
            .all(|(e, l)| flag(e, l))
        && match (earlier.price_at_most, later.price_at_most) {
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
        assert!(covers(&broad, &narrow, 1));
        assert!(!covers(&narrow, &broad, 1));
        let every_stage = Conditions {
            stage: Some(Set::full(4)),
            ..Conditions::default()
        };
        assert!(covers(&every_stage, &Conditions::default(), 1));
    }
}
