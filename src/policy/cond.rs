//! The conditions of a rule, one row each (how the policy file writes it, how
//! it is held, its label and the fact it asks for), the order the engine
//! tests them in, and the bit sets that hold a condition's allowed values.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::raw::Window;
use crate::located::Located;
use crate::vocab::{Defect, Fact, Fault, Platform, Stage, Threat, Wants};

/// The id the fallback is reported under.
pub const FALLBACK: &str = "fallback";

/// A set of values of one finite dimension (defect kinds, region groups …),
/// as bits over the values' indexes. Holds at most [`Set::CAPACITY`] values;
/// the policy checker refuses more, so no index here ever overflows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Set(u64);

impl Set {
    /// How many values a set can hold.
    pub const CAPACITY: usize = 64;

    /// The set of no values.
    pub const EMPTY: Set = Set(0);

    /// Every one of the first `n` values.
    pub fn full(n: usize) -> Set {
        if n >= Set::CAPACITY {
            Set(u64::MAX)
        } else {
            Set((1 << n) - 1)
        }
    }

    /// The set of the given indexes; indexes past the capacity are left out.
    pub fn of(indexes: impl IntoIterator<Item = usize>) -> Set {
        let mut s = Set::EMPTY;
        for i in indexes {
            s.insert(i);
        }
        s
    }

    /// Adds a value; false when its index is past the capacity.
    pub fn insert(&mut self, index: usize) -> bool {
        if index < Set::CAPACITY {
            self.0 |= 1 << index;
            true
        } else {
            false
        }
    }

    /// Whether the value at `index` is in the set.
    pub fn contains(self, index: usize) -> bool {
        index < Set::CAPACITY && self.0 & (1 << index) != 0
    }

    /// Whether every value of `self` is in `other`.
    pub fn is_subset(self, other: Set) -> bool {
        self.0 & !other.0 == 0
    }

    /// The indexes in the set, in order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..Set::CAPACITY).filter(move |i| self.contains(*i))
    }
}

/// Declares the conditions a rule may test, one row each:
/// `Variant field: kind = "标签", asks Fact;`. The kind says how the policy
/// file writes it and how it is held: `set T` (a list of `T`'s ids),
/// `region` (region group names), `flag` (true/false), `window`
/// (`within`/`expired`), `price` (a yuan bound) or `list T` (any of `T`,
/// alerts only). `asks` is the fact the engine asks for when the case cannot
/// judge it. The rows' order is the policy file's and [`Conditions::yes_no`]'s;
/// the order the engine tests them in is stated first, under `test order`. The test
/// and the wording of each are the engine's (`engine/cond.rs`).
macro_rules! conditions {
    (
        test order [ $($order:ident)+ ]
        $( $(#[doc = $doc:literal])* $v:ident $f:ident : $kind:ident $($t:ident)? = $label:literal, asks $asks:ident; )+
    ) => {
        /// The conditions of a rule; `None` means any value.
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct Conditions {
            $( $(#[doc = $doc])* pub $f: held!($kind), )+
        }

        /// A rule's conditions as the policy file writes them.
        #[derive(Debug, Default, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct RawWhen {
            $( $(#[doc = $doc])* #[serde(default)] pub $f: written!($kind $($t)?), )+
        }

        impl RawWhen {
            /// The checked conditions; the region groups and the price bound
            /// are checked by the caller, who knows the groups and reports slips.
            pub(crate) fn checked(&self, region: Option<Set>, price: Option<Decimal>) -> Conditions {
                Conditions { $( $f: checked!($kind $($t)?, self.$f, region, price), )+ }
            }
        }

        impl Conditions {
            /// Every yes/no condition (flags and windows), in the rows' order:
            /// what the shadow check compares and the rule-table analysis gives a bit each.
            pub fn yes_no(&self) -> [Option<bool>; Cond::YES_NO.len()] {
                let mut out = [None; Cond::YES_NO.len()];
                for (o, c) in out.iter_mut().zip(Cond::YES_NO) {
                    *o = c.flag(self);
                }
                out
            }

            /// Every set condition with how many values it ranges over
            /// (`regions` for the region groups), in the rows' order.
            pub fn sets(&self, regions: usize) -> Vec<(Option<Set>, usize)> {
                [$( sets!($kind $($t)?, self.$f, regions) ),+].into_iter().flatten().collect()
            }
        }

        /// A condition a rule may test.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Cond {
            $( #[doc = $label] $v, )+
        }

        impl Cond {
            /// Every condition, in the order the engine tests them (cheap,
            /// always-known facts first; a rule's first failed test ends it).
            pub const ALL: [Cond; [$(Cond::$order),+].len()] = [$(Cond::$order),+];

            /// The yes/no conditions, in the rows' order.
            pub const YES_NO: [Cond; yes_no_count!($($kind)+)] = {
                let all = [$(Cond::$v),+];
                let kinds = [$(stringify!($kind)),+];
                let mut out = [Cond::Promo; yes_no_count!($($kind)+)];
                let (mut i, mut n) = (0, 0);
                while i < all.len() {
                    if is_yes_no(kinds[i]) {
                        out[n] = all[i];
                        n += 1;
                    }
                    i += 1;
                }
                out
            };

            /// Whether a rule's conditions test this one.
            pub fn is_set(self, w: &Conditions) -> bool {
                match self { $( Cond::$v => w.$f.is_some(), )+ }
            }

            /// The value a rule wants of a yes/no condition (`None` for others, or any).
            fn flag(self, w: &Conditions) -> Option<bool> {
                match self { $( Cond::$v => flag!($kind, w.$f), )+ }
            }

            /// The condition's name in Chinese.
            pub fn label(self) -> &'static str {
                match self { $( Cond::$v => $label, )+ }
            }

            /// The fact that settles it when the case cannot judge it.
            pub fn asks_for(self) -> Fact {
                match self { $( Cond::$v => Fact::$asks, )+ }
            }
        }
    };
}

/// How a condition is held once checked.
macro_rules! held {
    (set) => { Option<Set> };
    (region) => { Option<Set> };
    (list) => { Option<Set> };
    (flag) => { Option<bool> };
    (window) => { Option<bool> };
    (price) => { Option<Decimal> };
}

/// How the policy file writes a condition.
macro_rules! written {
    (set $t:ident) => { Option<Vec<$t>> };
    (region) => { Option<Vec<Located<String>>> };
    (list $t:ident) => { Option<Located<Vec<$t>>> };
    (flag) => { Option<bool> };
    (window) => { Option<Window> };
    (price) => { Option<Located<Decimal>> };
}

/// A written condition, checked.
macro_rules! checked {
    (set $t:ident, $w:expr, $region:ident, $price:ident) => {
        $w.as_deref().map(|v| Set::of(v.iter().map(|x| x.index())))
    };
    (region, $w:expr, $region:ident, $price:ident) => {
        $region
    };
    (list $t:ident, $w:expr, $region:ident, $price:ident) => {
        $w.as_ref()
            .map(|v| Set::of(v.value.iter().map(|x| x.index())))
    };
    (flag, $w:expr, $region:ident, $price:ident) => {
        $w
    };
    (window, $w:expr, $region:ident, $price:ident) => {
        $w.map(|s| s == Window::Within)
    };
    (price, $w:expr, $region:ident, $price:ident) => {
        $price
    };
}

/// A set condition and its number of values (`None` for another kind).
macro_rules! sets {
    (set $t:ident, $w:expr, $regions:ident) => {
        Some(($w, $t::ALL.len()))
    };
    (region, $w:expr, $regions:ident) => {
        Some(($w, $regions))
    };
    (list $t:ident, $w:expr, $regions:ident) => {
        Some(($w, $t::ALL.len()))
    };
    ($kind:ident, $w:expr, $regions:ident) => {
        None
    };
}

/// A yes/no condition's wanted value.
macro_rules! flag {
    (flag, $w:expr) => {
        $w
    };
    (window, $w:expr) => {
        $w
    };
    ($kind:ident, $w:expr) => {
        None
    };
}

/// How many rows are yes/no conditions.
macro_rules! yes_no_count {
    ($($kind:ident)+) => { 0 $(+ is_yes_no(stringify!($kind)) as usize)+ };
}

/// Whether a kind is a yes/no condition.
const fn is_yes_no(kind: &str) -> bool {
    let k = kind.as_bytes();
    // "flag" or "window".
    matches!(
        k,
        [b'f', b'l', b'a', b'g'] | [b'w', b'i', b'n', b'd', b'o', b'w']
    )
}

conditions! {
    test order [
        Defect Fault Stage Resellable Perishable ClaimFalse ExpressRefund RefusedTwice
        Malicious Threats MadeToOrder Platform Wants Region Promo FreeShipping SevenDay
        AfterSale ShipPromise Price
    ]

    /// Defect kinds.
    Defect defect: set Defect = "问题类型", asks Defect;
    /// Region groups (index `groups.len()` is "any other region").
    Region region: region = "地区组", asks Region;
    /// Faults.
    Fault fault: set Fault = "责任方", asks Fault;
    /// Stages.
    Stage stage: set Stage = "订单状态", asks Stage;
    /// Platforms.
    Platform platform: set Platform = "平台", asks Platform;
    /// Wishes.
    Wants wants: set Wants = "买家诉求", asks Wants;
    /// Promotion item (the title carries a promotion tag).
    Promo promo: flag = "活动款", asks Title;
    /// 包邮.
    FreeShipping free_shipping: flag = "包邮", asks FreeShipping;
    /// Resale not affected.
    Resellable resellable: flag = "二次销售", asks NotResellable;
    /// Perishable food.
    Perishable perishable: flag = "易腐食品", asks Perishable;
    /// The claim is untrue.
    ClaimFalse claim_false: flag = "理由属实", asks ClaimFalse;
    /// Inside (true) or past (false) the seven-day window.
    SevenDay seven_day: window = "七天无理由期", asks Signed;
    /// Price at most this.
    Price price_at_most: price = "实付金额", asks Price;
    /// Inside (true) or past (false) the after-sale window after completion.
    AfterSale after_sale: window = "15天售后期", asks Completed;
    /// Inside (true) or past (false) the shipping promise after payment.
    ShipPromise ship_promise: window = "72小时发货", asks Paid;
    /// Made to order or pre-sale.
    MadeToOrder made_to_order: flag = "定制/预售", asks Title;
    /// An express refund.
    ExpressRefund express_refund: flag = "极速退款", asks ExpressRefund;
    /// A quality refund refused twice already.
    RefusedTwice refused_twice: flag = "已拒绝两次", asks RefusedTwice;
    /// A malicious return.
    Malicious malicious: flag = "恶意退货", asks Malicious;
    /// Any of these threats (alerts only).
    Threats threats: list Threat = "买家威胁", asks Threats;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_condition_is_tested_once() {
        for (i, c) in Cond::ALL.iter().enumerate() {
            assert!(!Cond::ALL[i + 1..].contains(c), "{c:?} twice");
        }
        let rows = Conditions::default().sets(1).len() + Cond::YES_NO.len() + 1;
        assert_eq!(
            Cond::ALL.len(),
            rows,
            "a condition missing from the test order"
        );
        // The rule-table analysis gives promotion the first bit.
        assert_eq!(Cond::YES_NO[0], Cond::Promo);
    }

    #[test]
    fn a_set_never_overflows_its_capacity() {
        let mut s = Set::EMPTY;
        assert!(s.insert(63));
        assert!(!s.insert(64));
        assert!(s.contains(63) && !s.contains(64) && !s.contains(1000));
        assert_eq!(Set::full(64), Set::full(200));
        assert!(Set::of([1, 2]).is_subset(Set::full(3)));
        assert_eq!(Set::of([0, 5]).iter().collect::<Vec<_>>(), vec![0, 5]);
    }
}
