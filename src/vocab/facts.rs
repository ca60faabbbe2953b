//! The one table of facts. Each fact is one row: its case-file field, the name
//! the paste reader reports it under, the type read from a paste, its kind,
//! Chinese label, example, how to give it as a flag, and what to add to a
//! paste. Every list of facts is derived from [`facts_table!`]: the
//! [`Fact`] enum here, the flags, case files and log rows
//! ([`crate::case::CaseInput`]), the paste reader's result
//! ([`crate::intake::Facts`], its JSON and its 识别结果 lines), the test
//! runner's expectations ([`crate::regress::ExpectFacts`]) and the
//! workbench's vocabulary.
//!
//! A row reads `Variant field / name: Type = kind, "标签", "example", "how",
//! "phrase"` (and `, shown "…"` when the 识别结果 block words it otherwise).
//! The kind is `text`, `date`, `money`, `choice` (one of `Type`'s labels) or
//! `list` (several; the reader finds each on its own). Rows under `paste`
//! are read from a paste and shown, but are no case fact. `order` is the
//! order `extract --json` prints facts in, as it always has: tools read it.
//! A fact no paste gives yet is simply never filled.

/// Hands the facts table to `$callback`, a macro that builds one list from it.
macro_rules! facts_table {
    ($callback:ident) => {
        $callback! {
            text {
                /// 问题类型: 小瑕疵 质量问题 发错货 少件 描述不符 尺码不合适 不喜欢 物流问题 运输破损 使用不当 缺货 延迟发货 拍错 中差评 服务问题 (or small_flaw, quality, …).
                Defect defect / defect: $crate::vocab::Defect = choice, "问题类型", "小瑕疵",
                    "--defect, e.g. --defect 小瑕疵 （质量问题，尺码不合适，不喜欢，物流问题 …）",
                    "写上问题，如“鞋面有污渍”“尺码不合适”“发错货”";
                /// 收货地区: a province (新疆, 浙江省), a short name (内蒙, 沪), a city (乌鲁木齐) or a whole address.
                Region region / province: String = text, "收货地区", "新疆",
                    "--region 新疆 （省份、简称如 内蒙/沪、城市或整段收货地址）",
                    "粘贴收货地址，或写“寄到乌鲁木齐”", shown "省份";
                /// 商品标题: promotion words (特价 清仓 秒杀 …) make it a promotion item.
                Title title / title: String = text, "商品标题", "\"商品标题\"",
                    "--title \"商品标题\" （用来判断是否特价/清仓/秒杀）",
                    "粘贴商品标题";
                /// 责任方: shop/商家, buyer/买家, logistics/物流 (inferred from the defect when absent).
                Fault fault / fault: $crate::vocab::Fault = choice, "责任方", "shop",
                    "--fault shop/buyer/logistics （商家/买家/物流）",
                    "写明是谁的原因";
                /// 实付金额: the price the buyer paid, in yuan.
                Price price / price: $crate::money::Money = money, "实付金额", "89",
                    "--price 89 （买家实付金额，元）",
                    "写上“实付款 ¥89.00”";
                /// 买家要求: what the buyer asks for, in yuan.
                Ask ask / ask: $crate::money::Money = money, "买家要求的金额", "10",
                    "--ask 10 （买家要多少钱，元）",
                    "写上买家要的金额，如“优惠10块”", shown "买家要求";
                /// 平台: taobao/淘宝 or tmall/天猫.
                Platform platform / platform: $crate::vocab::Platform = choice, "平台", "taobao",
                    "--platform taobao 或 --platform tmall （淘宝/天猫）",
                    "写上“淘宝”或“天猫”";
                /// 订单状态: unshipped/未发货, in_transit/已发货, signed/已签收, completed/交易成功 (inferred from the defect when absent).
                Stage stage / stage: $crate::vocab::Stage = choice, "订单状态", "signed",
                    "--stage unshipped/in_transit/signed/completed （未发货/已发货/已签收/交易成功）",
                    "写上“已签收”“已发货”或“未发货”";
                /// 签收日期: the date the buyer signed for the parcel (2026-11-18).
                Signed signed / signed_at: String = date, "签收日期", "2026-11-18",
                    "--signed 2026-11-18 （买家签收的日期，判断七天无理由）",
                    "写上“已签收 2026-11-18”", shown "签收时间";
                /// 申请日期: the date of the buyer's request (default today).
                Requested requested / requested_at: String = date, "申请日期", "2026-11-20",
                    "--requested 2026-11-20 （买家申请的日期，默认今天）",
                    "写上“申请时间 2026-11-20”", shown "申请时间";
                /// 材质: suede/麂皮绒面, pu/PU皮, fabric/布面, slipper/拖鞋, canvas/帆布, for the cleaning tip.
                Material material / material: $crate::vocab::Material = choice, "材质", "suede",
                    "--material suede/pu/fabric/slipper/canvas （麂皮绒面/PU皮/布面/拖鞋/帆布）",
                    "写上鞋面材质，如“麂皮”“PU”";
                /// 买家诉求: return/退货, exchange/换货, refund/退款 or keep/留下商品 (inferred when absent).
                Wants wants / wants: $crate::vocab::Wants = choice, "买家诉求", "return",
                    "--wants return 或 --wants exchange （退货/换货/refund 退款/keep 留下商品）",
                    "写上买家要退货还是换货";
                /// 已开价: what the shop already offered in the chat, in yuan.
                Offered offered / offered: $crate::money::Money = money, "已开价", "3",
                    "--offered 3 （客服已经开过的价，元）",
                    "写上客服已经开的价，如“客服：给您优惠3元”";
                /// 退款类型: refund_only/仅退款, return_refund/退货退款 or exchange/换货.
                RefundType refund_type / refund_type: $crate::vocab::RefundType = choice, "退款类型", "return_refund",
                    "--refund-type refund_only/return_refund/exchange （仅退款/退货退款/换货）",
                    "粘贴退款详情里的“退款类型”";
                /// 退款原因: the platform's refund reason the buyer picked, as shown (做工粗糙/有瑕疵).
                RefundReason refund_reason / refund_reason: String = text, "退款原因", "做工粗糙/有瑕疵",
                    "--refund-reason \"做工粗糙/有瑕疵\" （买家选的退款原因）",
                    "粘贴退款详情里的“退款原因”";
                /// 威胁: what the buyer threatens, comma-separated: bad_review/差评, complaint/投诉, 12315, platform_intervention/平台介入.
                Threats threats / threats: $crate::vocab::Threat = list, "买家威胁", "bad_review",
                    "--threats bad_review,complaint （差评/投诉/12315/平台介入）",
                    "粘贴买家说的话，如“不处理就给差评”";
                /// 凭证: what the buyer sent as evidence, comma-separated: photo/照片, video/视频.
                Evidence evidence / evidence: $crate::vocab::Evidence = list, "凭证", "photo",
                    "--evidence photo,video （照片/视频）",
                    "粘贴带 [图片] 的聊天";
                /// 付款时间: when the buyer paid (2026-11-15), for the 72-hour shipping promise.
                Paid paid / paid_at: String = date, "付款日期", "2026-11-15",
                    "--paid 2026-11-15 （买家付款的日期，判断72小时发货）",
                    "写上“付款时间 2026-11-15”", shown "付款时间";
                /// 交易成功时间: when the trade completed (2026-11-10), for the 15-day after-sale window.
                Completed completed / completed_at: String = date, "交易成功日期", "2026-11-10",
                    "--completed 2026-11-10 （交易成功的日期，判断15天售后期）",
                    "写上“成交时间 2026-11-10”", shown "交易成功时间";
                /// 维权日期: when the buyer filed a complaint (维权/投诉) or the platform stepped in, for the 24-hour appeal.
                Complained complained / complained_at: String = date, "维权/投诉日期", "2026-11-20",
                    "--complained 2026-11-20 （买家发起维权/投诉的日期，判断24小时申诉）",
                    "写上“买家11月20日发起了维权”";
            }
            yes {
                /// 包邮: the shop paid the outbound shipping (--free-shipping, or --free-shipping=false when it did not).
                FreeShipping free_shipping / free_shipping = "包邮", "true",
                    "--free-shipping （包邮） 或 --free-shipping=false （不包邮）",
                    "写上“包邮”或运费金额";
                /// Resale is affected (tag cut, worn, box damaged).
                NotResellable not_resellable / not_resellable = "影响二次销售", "true",
                    "--not-resellable （商品已影响二次销售）",
                    "写明吊牌、鞋盒是否完好";
                /// Perishable food, or food whose seal is opened.
                Perishable perishable / perishable = "易腐食品", "true",
                    "--perishable （易腐或已拆封的食品）",
                    "写明是否易腐食品";
                /// The buyer's out-of-stock / late-shipment claim is untrue.
                ClaimFalse claim_false / claim_false = "理由不属实", "true",
                    "--claim-false （买家说的缺货/延迟发货不属实）",
                    "写明缺货/延迟发货是否属实", shown "退款原因不属实";
                /// The refund is an express refund (极速退款): the platform has already paid the buyer.
                ExpressRefund express_refund / express_refund = "极速退款", "true",
                    "--express-refund （这是极速退款）",
                    "粘贴退款详情里的“极速退款”";
                /// The buyer's quality refund has already been refused twice.
                RefusedTwice refused_twice / refused_twice = "质量退款已拒绝两次", "true",
                    "--refused-twice （买家的质量问题退款已经被拒绝过两次）",
                    "写明之前拒绝过几次", shown "已拒绝两次";
                /// The return is malicious, with evidence (worn goods sent back, a swapped item, repeated false claims).
                Malicious malicious / malicious = "恶意退货", "true",
                    "--malicious （有证据的恶意退货：穿过、掉包、反复虚假理由）",
                    "写明恶意退货的证据";
                /// Made to order or pre-sale (定制/预售): the 72-hour shipping promise does not apply.
                MadeToOrder made_to_order / made_to_order = "定制/预售", "true",
                    "--made-to-order （定制或预售商品）",
                    "粘贴带“定制”“预售”的商品标题";
            }
            paste {
                /// The policy's region group for the province.
                region_group: String = text, "地区组";
                /// Promotion tags in the product title (empty: a regular-price item).
                promo_tags: Vec<String> = tags, "活动标签";
                /// What the buyer asked for before their latest ask, oldest first.
                earlier_asks: $crate::money::Money = list, "先前要求";
                /// The buyer has return-shipping insurance (运费险).
                shipping_insurance: bool = yes_no, "运费险", show |v: &bool| if *v { "有" } else { "无" }.to_string();
            }
            order [
                province region_group promo_tags defect fault material price ask
                earlier_asks offered stage platform free_shipping signed_at requested_at
                paid_at completed_at title shipping_insurance claim_false express_refund
                refused_twice refund_type refund_reason wants threats evidence
                complained_at not_resellable perishable malicious made_to_order
            ]
        }
    };
}

pub(crate) use facts_table;

/// A value a fact holds once read: how a case file takes it and how the
/// 识别结果 block shows it.
pub trait Value {
    /// The value as a case-file field takes it (an id, an amount, a date).
    fn given(&self) -> String;
    /// The value as an agent reads it (a Chinese label, ¥ and an amount).
    fn shown(&self) -> String;
}

impl Value for String {
    fn given(&self) -> String {
        self.clone()
    }
    fn shown(&self) -> String {
        self.clone()
    }
}

impl Value for crate::money::Money {
    fn given(&self) -> String {
        self.to_string()
    }
    fn shown(&self) -> String {
        format!("¥{self}")
    }
}

impl Value for bool {
    fn given(&self) -> String {
        self.to_string()
    }
    fn shown(&self) -> String {
        if *self { "是" } else { "否" }.to_string()
    }
}

/// Promotion tags.
impl Value for Vec<String> {
    fn given(&self) -> String {
        self.join(",")
    }
    fn shown(&self) -> String {
        if self.is_empty() {
            "无（正价款）".to_string()
        } else {
            format!("{}（活动款）", self.join("、"))
        }
    }
}

/// The first of its arguments: a row's own wording, else the default.
macro_rules! first {
    ($a:expr $(, $b:expr)?) => {
        $a
    };
}
pub(crate) use first;

/// The choices a kind offers: a label type's values for `choice` and `list`.
macro_rules! choices {
    (choice, $t:ty) => {
        <$t>::ALL.iter().map(|v| (v.id(), v.label())).collect()
    };
    (list, $t:ty) => {
        <$t>::ALL.iter().map(|v| (v.id(), v.label())).collect()
    };
    ($kind:ident, $t:ty) => {
        Vec::new()
    };
}

/// Builds [`Fact`] from the table.
macro_rules! fact_enum {
    (
        text { $( $(#[doc = $tdoc:literal])* $tv:ident $tf:ident / $tn:ident : $tt:ty = $tk:ident, $tl:literal, $te:literal, $th:literal, $tp:literal $(, shown $ts:literal)?; )+ }
        yes { $( $(#[doc = $ydoc:literal])* $yv:ident $yf:ident / $yn:ident = $yl:literal, $ye:literal, $yh:literal, $yp:literal $(, shown $ys:literal)?; )+ }
        paste { $($paste:tt)* }
        order [ $($order:ident)+ ]
    ) => {
        /// A fact of a case, by name: what missing-fact errors, the intake's
        /// missing and ambiguous lists, overrides and the page refer to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Fact {
            $( #[doc = $tl] $tv, )+
            $( #[doc = $yl] $yv, )+
        }

        impl Fact {
            /// Every fact, text facts first, in the table's order.
            pub const ALL: &'static [Fact] = &[$(Fact::$tv,)+ $(Fact::$yv,)+];

            /// The case-file field (`region`, `signed`).
            pub fn key(self) -> &'static str {
                match self { $(Fact::$tv => stringify!($tf),)+ $(Fact::$yv => stringify!($yf),)+ }
            }

            /// The name the paste reader reports it under (`province`, `signed_at`).
            pub fn name(self) -> &'static str {
                match self { $(Fact::$tv => stringify!($tn),)+ $(Fact::$yv => stringify!($yn),)+ }
            }

            /// The Chinese label.
            pub fn label(self) -> &'static str {
                match self { $(Fact::$tv => $tl,)+ $(Fact::$yv => $yl,)+ }
            }

            /// The label the 识别结果 block shows it under.
            pub fn shown(self) -> &'static str {
                match self {
                    $(Fact::$tv => first!($($ts,)? $tl),)+
                    $(Fact::$yv => first!($($ys,)? $yl),)+
                }
            }

            /// An example value.
            pub fn example(self) -> &'static str {
                match self { $(Fact::$tv => $te,)+ $(Fact::$yv => $ye,)+ }
            }

            /// How to give it on the command line, with what it is for.
            pub fn how(self) -> &'static str {
                match self { $(Fact::$tv => $th,)+ $(Fact::$yv => $yh,)+ }
            }

            /// What to add to a paste to give it.
            pub fn phrase(self) -> &'static str {
                match self { $(Fact::$tv => $tp,)+ $(Fact::$yv => $yp,)+ }
            }

            /// Its kind, as the workbench names it: `text`, `date`, `money`,
            /// `choice`, `list` or `yes_no`.
            pub fn kind(self) -> &'static str {
                match self { $(Fact::$tv => stringify!($tk),)+ $(Fact::$yv => "yes_no",)+ }
            }

            /// The values a `choice` or `list` fact takes, as (id, 标签).
            pub fn choices(self) -> Vec<(&'static str, &'static str)> {
                match self { $(Fact::$tv => choices!($tk, $tt),)+ $(Fact::$yv => Vec::new(),)+ }
            }

            /// Whether it is a yes/no fact.
            pub fn is_yes_no(self) -> bool {
                !matches!(self, $(Fact::$tv)|+)
            }

            /// The fact a case-file field or a reported name stands for.
            pub fn parse(name: &str) -> Option<Fact> {
                Fact::ALL.iter().copied().find(|f| f.key() == name || f.name() == name)
            }
        }

        /// The order `extract --json` prints the facts read from a paste in.
        pub const ORDER: &[&str] = &[$(stringify!($order)),+];
    };
}

facts_table!(fact_enum);

impl Fact {
    /// A value as an agent reads it: a choice's Chinese label (`small_flaw` →
    /// 小瑕疵), any other value as it is.
    pub fn value_label(self, value: &str) -> String {
        self.choices()
            .into_iter()
            .find(|(id, _)| *id == value)
            .map_or_else(|| value.to_string(), |(_, label)| label.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fact_is_found_by_its_field_or_its_reported_name() {
        assert_eq!(Fact::parse("region"), Some(Fact::Region));
        assert_eq!(Fact::parse("province"), Some(Fact::Region));
        assert_eq!(Fact::parse("signed_at"), Some(Fact::Signed));
        assert_eq!(Fact::parse("colour"), None);
        assert!(Fact::FreeShipping.is_yes_no() && !Fact::Price.is_yes_no());
    }

    #[test]
    fn every_fact_has_a_place_in_the_printed_order() {
        for f in Fact::ALL {
            assert_eq!(
                ORDER.iter().filter(|n| **n == f.name()).count(),
                1,
                "{}",
                f.name()
            );
        }
    }
}
