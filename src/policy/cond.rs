//! The conditions of a rule, the order the engine tests them in, and the bit
//! sets that hold a condition's allowed values.

use rust_decimal::Decimal;
use serde::Serialize;

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

/// The conditions of a rule; `None` means any value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// Defect kinds.
    pub defect: Option<Set>,
    /// Region groups (index `groups.len()` is "any other region").
    pub region: Option<Set>,
    /// Faults.
    pub fault: Option<Set>,
    /// Stages.
    pub stage: Option<Set>,
    /// Platforms.
    pub platform: Option<Set>,
    /// Wishes.
    pub wants: Option<Set>,
    /// Promotion item.
    pub promo: Option<bool>,
    /// 包邮.
    pub free_shipping: Option<bool>,
    /// Resale not affected.
    pub resellable: Option<bool>,
    /// Perishable food.
    pub perishable: Option<bool>,
    /// The claim is untrue.
    pub claim_false: Option<bool>,
    /// Inside (true) or past (false) the seven-day window.
    pub seven_day: Option<bool>,
    /// Price at most this.
    pub price_at_most: Option<Decimal>,
    /// Inside (true) or past (false) the after-sale window after completion.
    pub after_sale: Option<bool>,
    /// Inside (true) or past (false) the shipping promise after payment.
    pub ship_promise: Option<bool>,
    /// Made to order or pre-sale.
    pub made_to_order: Option<bool>,
    /// An express refund.
    pub express_refund: Option<bool>,
    /// A quality refund refused twice already.
    pub refused_twice: Option<bool>,
    /// A malicious return.
    pub malicious: Option<bool>,
    /// Any of these threats (alerts only).
    pub threats: Option<Set>,
}

impl Conditions {
    /// Every yes/no condition, in one fixed order (promotion first): what the
    /// shadow check compares and the rule-table analysis gives a bit each.
    pub fn yes_no(&self) -> [Option<bool>; 12] {
        [
            self.promo,
            self.free_shipping,
            self.resellable,
            self.perishable,
            self.claim_false,
            self.seven_day,
            self.after_sale,
            self.ship_promise,
            self.made_to_order,
            self.express_refund,
            self.refused_twice,
            self.malicious,
        ]
    }
}

/// A condition a rule may test, in the order the engine tests them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cond {
    /// 问题类型.
    Defect,
    /// 责任方.
    Fault,
    /// 订单状态.
    Stage,
    /// 平台.
    Platform,
    /// 买家诉求.
    Wants,
    /// 地区组.
    Region,
    /// 活动款.
    Promo,
    /// 包邮.
    FreeShipping,
    /// 不影响二次销售.
    Resellable,
    /// 易腐食品.
    Perishable,
    /// 理由不属实.
    ClaimFalse,
    /// 七天无理由期.
    SevenDay,
    /// 低价线.
    Price,
    /// 售后期.
    AfterSale,
    /// 发货承诺.
    ShipPromise,
    /// 定制/预售.
    MadeToOrder,
    /// 极速退款.
    ExpressRefund,
    /// 已拒绝两次.
    RefusedTwice,
    /// 恶意退货.
    Malicious,
    /// 买家威胁.
    Threats,
}

impl Cond {
    /// Whether a rule's conditions test this one.
    pub fn is_set(self, w: &Conditions) -> bool {
        match self {
            Cond::Defect => w.defect.is_some(),
            Cond::Fault => w.fault.is_some(),
            Cond::Stage => w.stage.is_some(),
            Cond::Platform => w.platform.is_some(),
            Cond::Wants => w.wants.is_some(),
            Cond::Region => w.region.is_some(),
            Cond::Promo => w.promo.is_some(),
            Cond::FreeShipping => w.free_shipping.is_some(),
            Cond::Resellable => w.resellable.is_some(),
            Cond::Perishable => w.perishable.is_some(),
            Cond::ClaimFalse => w.claim_false.is_some(),
            Cond::SevenDay => w.seven_day.is_some(),
            Cond::Price => w.price_at_most.is_some(),
            Cond::AfterSale => w.after_sale.is_some(),
            Cond::ShipPromise => w.ship_promise.is_some(),
            Cond::MadeToOrder => w.made_to_order.is_some(),
            Cond::ExpressRefund => w.express_refund.is_some(),
            Cond::RefusedTwice => w.refused_twice.is_some(),
            Cond::Malicious => w.malicious.is_some(),
            Cond::Threats => w.threats.is_some(),
        }
    }

    /// Every condition, in test order (cheap, always-known facts first).
    pub const ALL: [Cond; 20] = [
        Cond::Defect,
        Cond::Fault,
        Cond::Stage,
        Cond::Resellable,
        Cond::Perishable,
        Cond::ClaimFalse,
        Cond::ExpressRefund,
        Cond::RefusedTwice,
        Cond::Malicious,
        Cond::Threats,
        Cond::MadeToOrder,
        Cond::Platform,
        Cond::Wants,
        Cond::Region,
        Cond::Promo,
        Cond::FreeShipping,
        Cond::SevenDay,
        Cond::AfterSale,
        Cond::ShipPromise,
        Cond::Price,
    ];

    /// The condition's name in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Cond::Defect => "问题类型",
            Cond::Fault => "责任方",
            Cond::Stage => "订单状态",
            Cond::Platform => "平台",
            Cond::Wants => "买家诉求",
            Cond::Region => "地区组",
            Cond::Promo => "活动款",
            Cond::FreeShipping => "包邮",
            Cond::Resellable => "二次销售",
            Cond::Perishable => "易腐食品",
            Cond::ClaimFalse => "理由属实",
            Cond::SevenDay => "七天无理由期",
            Cond::Price => "实付金额",
            Cond::AfterSale => "15天售后期",
            Cond::ShipPromise => "72小时发货",
            Cond::MadeToOrder => "定制/预售",
            Cond::ExpressRefund => "极速退款",
            Cond::RefusedTwice => "已拒绝两次",
            Cond::Malicious => "恶意退货",
            Cond::Threats => "买家威胁",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
