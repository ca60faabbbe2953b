//! The conditions of a rule, each in this one file: its row (how the policy
//! file writes it, how it is held, its label and the fact it asks for), its
//! test and its words ([`Cond::test`], [`Cond::describe`], one arm each), and
//! the guess taken when the case does not give its fact ([`Guess`]). They are
//! written against [`RuleView`], the case as the rules see it, which the
//! engine implements; so this layer imports nothing above it. Also here: the
//! order the engine tests conditions in, and the bit sets that hold a
//! condition's allowed values.

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Policy;
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
/// and the wording of each are arms of [`Cond::test`] and [`Cond::describe`] below.
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

            /// Every choice condition's allowed values, in [`Cond::CHOICES`]'
            /// order: the dimensions the rule-table analysis runs through.
            pub fn choices(&self) -> [Option<Set>; Cond::CHOICES.len()] {
                Cond::CHOICES.map(|c| c.values(self))
            }

            /// How many values each choice condition ranges over, in
            /// [`Cond::CHOICES`]' order (`regions` for the region groups).
            pub fn choice_sizes(regions: usize) -> [usize; Cond::CHOICES.len()] {
                Cond::CHOICES.map(|c| c.size(regions))
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

            /// The yes/no conditions (flags and windows), in the rows' order.
            pub const YES_NO: [Cond; count!(YesNo, $($kind)+)] = Cond::rows_in(Group::YesNo);

            /// The choice conditions (sets of a fact's values and the region
            /// groups; not an alert's list), in the rows' order.
            pub const CHOICES: [Cond; count!(Choice, $($kind)+)] = Cond::rows_in(Group::Choice);

            /// The rows of one group, in the rows' order; `N` is their count.
            const fn rows_in<const N: usize>(group: Group) -> [Cond; N] {
                let all = [$(Cond::$v),+];
                let kinds = [$(stringify!($kind)),+];
                let mut out = [all[0]; N];
                let (mut i, mut n) = (0, 0);
                while i < all.len() {
                    if in_group(kinds[i], group) {
                        out[n] = all[i];
                        n += 1;
                    }
                    i += 1;
                }
                out
            }

            /// This condition's place in [`Cond::CHOICES`] (its length for another kind).
            pub const fn choice_place(self) -> usize {
                let mut i = 0;
                while i < Cond::CHOICES.len() && Cond::CHOICES[i] as u8 != self as u8 {
                    i += 1;
                }
                i
            }

            /// Whether a rule's conditions test this one.
            pub fn is_set(self, w: &Conditions) -> bool {
                match self { $( Cond::$v => w.$f.is_some(), )+ }
            }

            /// The value a rule wants of a yes/no condition (`None` for others, or any).
            fn flag(self, w: &Conditions) -> Option<bool> {
                match self { $( Cond::$v => flag!($kind, w.$f), )+ }
            }

            /// The values a rule allows of a choice condition (`None` for others, or any).
            fn values(self, w: &Conditions) -> Option<Set> {
                match self { $( Cond::$v => values!($kind, w.$f), )+ }
            }

            /// How many values a choice condition ranges over (0 for others).
            fn size(self, regions: usize) -> usize {
                match self { $( Cond::$v => size!($kind $($t)?, regions), )+ }
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

/// A choice condition's allowed values.
macro_rules! values {
    (set, $w:expr) => {
        $w
    };
    (region, $w:expr) => {
        $w
    };
    ($kind:ident, $w:expr) => {
        None
    };
}

/// How many values a choice condition ranges over.
macro_rules! size {
    (set $t:ident, $regions:ident) => {
        $t::ALL.len()
    };
    (region, $regions:ident) => {
        $regions
    };
    ($kind:ident $($t:ident)?, $regions:ident) => {
        0
    };
}

/// How many rows are of a group.
macro_rules! count {
    ($group:ident, $($kind:ident)+) => { 0 $(+ in_group(stringify!($kind), Group::$group) as usize)+ };
}

/// The groups of rows that lists of conditions take.
#[derive(Clone, Copy)]
enum Group {
    /// Flags and windows.
    YesNo,
    /// Sets of a fact's values, and the region groups.
    Choice,
}

/// Whether a row of this kind is in the group.
const fn in_group(kind: &str, group: Group) -> bool {
    let k = kind.as_bytes();
    match group {
        Group::YesNo => matches!(k, b"flag" | b"window"),
        Group::Choice => matches!(k, b"set" | b"region"),
    }
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

/// The case as the rules see it: its facts after the engine has filled in
/// what the defect kind implies, derived the region group and the windows,
/// and (through [`RuleView::value`]) taken a likely value for a missing one.
/// The engine implements it; a condition's test and words read only this.
pub trait RuleView {
    /// A fact's value: `known`, else a value set for the guess, else (while
    /// guessing) the likeliest, recorded; `None` when unknown and not guessing.
    fn value(&self, g: Guess, known: Option<u8>) -> Option<u8>;
    /// The defect kind.
    fn defect(&self) -> Defect;
    /// Whose fault, stated or implied by the defect kind.
    fn fault(&self) -> Fault;
    /// The order stage, stated or implied by the dates or the defect kind.
    fn stage(&self) -> Stage;
    /// The buyer's wish, stated or implied (`None`: none).
    fn wants(&self) -> Option<Wants>;
    /// The index and label of a choice fact's value as the case states it.
    fn choice(&self, fact: Fact) -> Option<(usize, &'static str)>;
    /// A yes/no fact as the case states it (`None`: not said).
    fn yes(&self, fact: Fact) -> Option<bool>;
    /// The price paid.
    fn price(&self) -> Option<Decimal>;
    /// What the buyer threatens.
    fn threats(&self) -> &[Threat];
    /// The region group's index and the province it was read from.
    fn region(&self) -> Option<(usize, &str)>;
    /// The product title.
    fn title(&self) -> Option<&str>;
    /// Whether the title carries a promotion tag (`None`: no title).
    fn promo(&self) -> Option<bool>;
    /// Made to order or pre-sale, stated or read in the title.
    fn made_to_order(&self) -> Option<bool>;
    /// Inside the seven-day window, and when it closes.
    fn seven_day(&self) -> (Option<bool>, Option<NaiveDateTime>);
    /// Inside the after-sale window after completion.
    fn after_sale(&self) -> Option<bool>;
    /// Inside the shipping promise after payment.
    fn ship_promise(&self) -> Option<bool>;
}

/// A fact a rule may need that the case may not give, taken at its most
/// likely value when missing: the guess of the condition of the same name
/// (`Cheap` is the price bound's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guess {
    /// Taobao or Tmall.
    Platform,
    /// Return or exchange.
    Wants,
    /// Promotion item (needs the title).
    Promo,
    /// 包邮.
    FreeShipping,
    /// Inside the seven-day window (needs the signing date).
    SevenDay,
    /// Inside the after-sale window (needs the completion date).
    AfterSale,
    /// Inside the shipping promise (needs the payment date).
    ShipPromise,
    /// Made to order or pre-sale (needs the title).
    MadeToOrder,
    /// At or under a rule's price line (needs the price).
    Cheap,
}

impl Guess {
    /// Every guess, in the order the advice lists them; `g as usize` is its place here.
    pub const ALL: [Guess; 9] = [
        Guess::Platform,
        Guess::Wants,
        Guess::Promo,
        Guess::FreeShipping,
        Guess::SevenDay,
        Guess::AfterSale,
        Guess::ShipPromise,
        Guess::MadeToOrder,
        Guess::Cheap,
    ];

    /// The fact that would settle it.
    pub fn fact(self) -> Fact {
        match self {
            Guess::Platform => Fact::Platform,
            Guess::Wants => Fact::Wants,
            Guess::Promo | Guess::MadeToOrder => Fact::Title,
            Guess::FreeShipping => Fact::FreeShipping,
            Guess::SevenDay => Fact::Signed,
            Guess::AfterSale => Fact::Completed,
            Guess::ShipPromise => Fact::Paid,
            Guess::Cheap => Fact::Price,
        }
    }

    /// How many values it takes.
    pub fn values(self) -> u8 {
        match self {
            Guess::Platform => Platform::ALL.len() as u8,
            // Every wish, and "none stated".
            Guess::Wants => Wants::ALL.len() as u8 + 1,
            _ => 2,
        }
    }

    /// The value taken when the case does not say: the likeliest, given how
    /// shops on the platform sell and what the buyer wrote in about.
    pub fn likely(self) -> u8 {
        match self {
            Guess::Platform => Platform::Taobao.index() as u8,
            // No wish stated: a rule about a wish does not apply.
            Guess::Wants => Wants::ALL.len() as u8,
            // Most of the shop's listings are 包邮; a paste that does not say is one of them.
            Guess::FreeShipping | Guess::SevenDay | Guess::AfterSale => 1,
            // The buyer says it shipped late: take the claim as made until the dates say otherwise.
            Guess::ShipPromise => 0,
            Guess::Promo | Guess::MadeToOrder | Guess::Cheap => 0,
        }
    }

    /// Why the value was taken, and how to give the real one (`paid_known`:
    /// the case gives the payment date).
    pub fn why(self, paid_known: bool) -> &'static str {
        match self {
            Guess::ShipPromise if paid_known => {
                "只知道付款时间，不知道发货时间：按付款超过72小时才发出处理；请查快递记录的发货时间"
            }
            Guess::Platform => "没有说是天猫店，按淘宝店处理；是天猫请加 --platform tmall",
            Guess::Wants => "买家没说要退货、换货还是退款，按没有提出处理；请问清买家",
            Guess::Promo => "没有商品标题，按正价商品处理；请补上 --title",
            Guess::FreeShipping => {
                "没说是否包邮，按包邮处理；请核对商品页，不包邮请加 --free-shipping=false"
            }
            Guess::SevenDay => "已签收但没有签收日期，按七天内处理；请核对签收日期 --signed",
            Guess::AfterSale => "交易成功但没有成交日期，按15天售后期内处理；请核对 --completed",
            Guess::ShipPromise => "没有付款时间，按付款已超过72小时处理；请核对 --paid",
            Guess::MadeToOrder => "没有商品标题，按非定制/预售商品处理；请补上 --title",
            Guess::Cheap => "没有实付金额，按不是低价商品处理；请补上 --price",
        }
    }

    /// A value in words.
    pub fn value_label(self, v: u8) -> &'static str {
        let yes = v == 1;
        match self {
            Guess::Platform => Platform::ALL.get(usize::from(v)).map_or("?", |p| p.label()),
            Guess::Wants => Wants::ALL
                .get(usize::from(v))
                .map_or("未说明", |w| w.label()),
            Guess::Promo => pick(yes, "活动款", "正价款"),
            Guess::FreeShipping => pick(yes, "包邮", "不包邮"),
            Guess::SevenDay => pick(yes, "签收七天内", "签收已超过七天"),
            Guess::AfterSale => pick(yes, "交易成功15天内", "交易成功已超过15天"),
            Guess::ShipPromise => pick(yes, "付款未满72小时", "付款已超过72小时"),
            Guess::MadeToOrder => pick(yes, "定制/预售", "非定制/预售"),
            Guess::Cheap => pick(yes, "低价商品", "不是低价商品"),
        }
    }
}

fn pick(yes: bool, a: &'static str, b: &'static str) -> &'static str {
    if yes { a } else { b }
}

impl Cond {
    /// Tests the condition on a case: `None` when the rule has no such
    /// condition, `Some(None)` when the fact it needs is unknown (and not guessed).
    pub fn test(self, w: &Conditions, v: &impl RuleView) -> Option<Option<bool>> {
        let flag = |want: Option<bool>, g: Guess, known: Option<bool>| {
            want.map(|want| v.value(g, known.map(u8::from)).map(|x| (x == 1) == want))
        };
        let stated = |want: Option<bool>, fact: Fact| {
            want.map(|want| Some(v.yes(fact).unwrap_or(false) == want))
        };
        match self {
            Cond::Defect => w.defect.map(|s| Some(s.contains(v.defect().index()))),
            Cond::Fault => w.fault.map(|s| Some(s.contains(v.fault().index()))),
            Cond::Stage => w.stage.map(|s| Some(s.contains(v.stage().index()))),
            Cond::Platform => w.platform.map(|s| {
                let known = v.choice(Fact::Platform).map(|(i, _)| i as u8);
                v.value(Guess::Platform, known)
                    .map(|p| s.contains(usize::from(p)))
            }),
            Cond::Wants => w.wants.map(|s| {
                v.value(Guess::Wants, v.wants().map(|x| x.index() as u8))
                    .map(|x| s.contains(usize::from(x)))
            }),
            Cond::Region => w.region.map(|s| v.region().map(|(g, _)| s.contains(g))),
            Cond::Promo => flag(w.promo, Guess::Promo, v.promo()),
            Cond::FreeShipping => flag(
                w.free_shipping,
                Guess::FreeShipping,
                v.yes(Fact::FreeShipping),
            ),
            Cond::SevenDay => flag(w.seven_day, Guess::SevenDay, v.seven_day().0),
            Cond::AfterSale => flag(w.after_sale, Guess::AfterSale, v.after_sale()),
            Cond::ShipPromise => flag(w.ship_promise, Guess::ShipPromise, v.ship_promise()),
            Cond::MadeToOrder => flag(w.made_to_order, Guess::MadeToOrder, v.made_to_order()),
            Cond::Price => w.price_at_most.map(|limit| match v.price() {
                Some(p) => Some(p <= limit),
                None => v.value(Guess::Cheap, None).map(|x| x == 1),
            }),
            // Resale is unaffected unless the case says otherwise.
            Cond::Resellable => w
                .resellable
                .map(|want| Some((v.yes(Fact::NotResellable) != Some(true)) == want)),
            Cond::Perishable => stated(w.perishable, Fact::Perishable),
            Cond::ClaimFalse => stated(w.claim_false, Fact::ClaimFalse),
            Cond::ExpressRefund => stated(w.express_refund, Fact::ExpressRefund),
            Cond::RefusedTwice => stated(w.refused_twice, Fact::RefusedTwice),
            Cond::Malicious => stated(w.malicious, Fact::Malicious),
            Cond::Threats => w
                .threats
                .map(|s| Some(v.threats().iter().any(|t| s.contains(t.index())))),
        }
    }

    /// The case's value and the rule's wish for this condition, in words (for `explain`).
    #[allow(clippy::too_many_lines, reason = "one arm per condition: a table")]
    pub fn describe(self, w: &Conditions, v: &impl RuleView, policy: &Policy) -> String {
        let yes_no = |value: bool, yes: &str, no: &str| {
            if value {
                yes.to_string()
            } else {
                no.to_string()
            }
        };
        let stated = |fact: Fact| v.yes(fact).unwrap_or(false);
        let none = Set::EMPTY;
        let (is, wants) = match self {
            Cond::Defect => (
                v.defect().label().to_string(),
                names(
                    Defect::ALL,
                    w.defect.unwrap_or(none),
                    Defect::index,
                    Defect::label,
                ),
            ),
            Cond::Fault => (
                v.fault().label().to_string(),
                names(
                    Fault::ALL,
                    w.fault.unwrap_or(none),
                    Fault::index,
                    Fault::label,
                ),
            ),
            Cond::Stage => (
                v.stage().label().to_string(),
                names(
                    Stage::ALL,
                    w.stage.unwrap_or(none),
                    Stage::index,
                    Stage::label,
                ),
            ),
            Cond::Platform => (
                v.choice(Fact::Platform)
                    .map_or("未知".into(), |(_, p)| p.to_string()),
                names(
                    Platform::ALL,
                    w.platform.unwrap_or(none),
                    Platform::index,
                    Platform::label,
                ),
            ),
            Cond::Wants => (
                v.wants().map_or("未知".into(), |x| x.label().to_string()),
                names(
                    Wants::ALL,
                    w.wants.unwrap_or(none),
                    Wants::index,
                    Wants::label,
                ),
            ),
            Cond::Region => {
                let want: Vec<&str> = w
                    .region
                    .unwrap_or(none)
                    .iter()
                    .map(|i| policy.group_name(i))
                    .collect();
                let is = match v.region() {
                    Some((g, province)) => format!("{}（{}）", policy.group_name(g), province),
                    None => "未知".into(),
                };
                (is, want.join("/"))
            }
            Cond::Promo => (
                match v.title().map(|t| policy.promo_tags_in(t)) {
                    None => "未知（没有标题）".into(),
                    Some(t) if t.is_empty() => "正价款".into(),
                    Some(t) => format!("活动款({})", t.join("/")),
                },
                yes_no(w.promo == Some(true), "活动款", "正价款"),
            ),
            Cond::FreeShipping => (
                v.yes(Fact::FreeShipping)
                    .map_or("未知（按包邮假设）".into(), |f| {
                        yes_no(f, "包邮", "不包邮")
                    }),
                yes_no(w.free_shipping == Some(true), "包邮", "不包邮"),
            ),
            Cond::AfterSale => (
                v.after_sale()
                    .map_or("未知（没有交易成功日期）".into(), |x| {
                        yes_no(x, "15天内", "已超过15天")
                    }),
                yes_no(w.after_sale == Some(true), "15天内", "已超过15天"),
            ),
            Cond::ShipPromise => (
                v.ship_promise().map_or("未知（没有付款日期）".into(), |x| {
                    yes_no(x, "未满72小时", "已超过72小时")
                }),
                yes_no(w.ship_promise == Some(true), "未满72小时", "已超过72小时"),
            ),
            Cond::MadeToOrder => (
                v.made_to_order().map_or("未知（没有标题）".into(), |x| {
                    yes_no(x, "定制/预售", "非定制/预售")
                }),
                yes_no(w.made_to_order == Some(true), "定制/预售", "非定制/预售"),
            ),
            Cond::ExpressRefund => (
                yes_no(stated(Fact::ExpressRefund), "是", "否"),
                yes_no(w.express_refund == Some(true), "是", "否"),
            ),
            Cond::RefusedTwice => (
                yes_no(stated(Fact::RefusedTwice), "是", "否"),
                yes_no(w.refused_twice == Some(true), "是", "否"),
            ),
            Cond::Malicious => (
                yes_no(stated(Fact::Malicious), "是", "否"),
                yes_no(w.malicious == Some(true), "是", "否"),
            ),
            Cond::Threats => (
                v.threats()
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join("/"),
                names(
                    Threat::ALL,
                    w.threats.unwrap_or(none),
                    Threat::index,
                    Threat::label,
                ),
            ),
            Cond::Resellable => (
                yes_no(!stated(Fact::NotResellable), "不影响", "影响"),
                yes_no(w.resellable == Some(true), "不影响", "影响"),
            ),
            Cond::Perishable => (
                yes_no(stated(Fact::Perishable), "是", "否"),
                yes_no(w.perishable == Some(true), "是", "否"),
            ),
            Cond::ClaimFalse => (
                yes_no(stated(Fact::ClaimFalse), "不属实", "属实"),
                yes_no(w.claim_false == Some(true), "不属实", "属实"),
            ),
            Cond::SevenDay => (
                match v.seven_day() {
                    (Some(within), Some(end)) => format!(
                        "{}（截止 {})",
                        if within { "期内" } else { "已过期" },
                        end.format("%Y-%m-%d %H:%M")
                    ),
                    _ => "未知（没有签收日期）".into(),
                },
                yes_no(w.seven_day == Some(true), "期内", "已过期"),
            ),
            Cond::Price => (
                v.price().map_or("未知".into(), |p| format!("¥{p}")),
                w.price_at_most
                    .map_or(String::new(), |l| format!("不高于¥{l}")),
            ),
        };
        format!("{}：案例是“{is}”，规则要“{wants}”", self.label())
    }
}

/// The labels of the values in a set, joined by `/`.
fn names<T: Copy>(
    all: &[T],
    set: Set,
    index: impl Fn(T) -> usize,
    label: impl Fn(T) -> &'static str,
) -> String {
    all.iter()
        .filter(|v| set.contains(index(**v)))
        .map(|v| label(*v))
        .collect::<Vec<_>>()
        .join("/")
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
        // The rule-table analysis gives promotion the first bit, and runs
        // through the defects outermost.
        assert_eq!(Cond::YES_NO[0], Cond::Promo);
        assert_eq!(Cond::CHOICES[0], Cond::Defect);
        assert_eq!(Cond::Fault.choice_place(), 2);
        assert_eq!(Cond::Promo.choice_place(), Cond::CHOICES.len());
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
