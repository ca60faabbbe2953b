//! The one list of case facts. Each fact is declared once, here, and that one
//! declaration gives the case-file and log field (serde), the command-line flag
//! (clap), the [`Fact`] enum with its key, Chinese label and example, and the
//! accessors the session, intake and engine use to name a fact.

use serde::Deserialize;

use super::input::{row_text, row_yes_no, text, yes_no};
use crate::located::Located;

/// Where a log row's value goes: a text fact or a yes/no fact.
pub(crate) enum Slot<'r, 'a> {
    /// A text fact.
    Text(&'r mut Option<std::borrow::Cow<'a, str>>),
    /// A yes/no fact.
    Yes(&'r mut Option<bool>),
}

/// Declares the case facts: text facts (`Option<Located<String>>`) and yes/no
/// facts (`Option<bool>`), each as `Variant field = "name", "标签", "example",
/// "how to give it", "what to add to a paste";`.
macro_rules! case_fields {
    (
        text { $( $(#[doc = $tdoc:literal])* $tv:ident $tf:ident = $tn:literal, $tl:literal, $te:literal, $th:literal, $tp:literal; )+ }
        yes { $( $(#[doc = $ydoc:literal])* $yv:ident $yf:ident = $yn:literal, $yl:literal, $ye:literal, $yh:literal, $yp:literal; )+ }
    ) => {
        /// The raw facts of a case as text, from flags, a case file or a log
        /// line, before checking. Every field is optional: an absent fact is
        /// inferred openly or asked for, never guessed. A file may name a
        /// fact by its Chinese label (`问题类型: 小瑕疵`) as well as its field.
        #[derive(Debug, Clone, Default, Deserialize, clap::Args)]
        #[serde(deny_unknown_fields)]
        pub struct CaseInput {
            $(
                $(#[doc = $tdoc])*
                #[arg(long, allow_negative_numbers = true)]
                #[serde(default, deserialize_with = "text", alias = $tl)]
                pub $tf: Option<Located<String>>,
            )+
            $(
                $(#[doc = $ydoc])*
                #[arg(long, num_args = 0..=1, require_equals = true, default_missing_value = "true",
                      value_parser = clap::builder::BoolishValueParser::new())]
                #[serde(default, deserialize_with = "yes_no", alias = $yl)]
                pub $yf: Option<bool>,
            )+
        }

        /// A case-log row read in place: text facts borrow from the line when it
        /// holds no escapes, so replay's million rows cost no allocation per
        /// field until the row is known good. Accepts exactly what
        /// [`CaseInput`] accepts, or less: a row it refuses is read again by
        /// [`CaseInput`]'s own reader, whose message is the one reported.
        #[derive(Deserialize, Default)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct CaseRow<'a> {
            $(
                #[serde(default, borrow, deserialize_with = "row_text", alias = $tl)]
                $tf: Option<std::borrow::Cow<'a, str>>,
            )+
            $(
                #[serde(default, deserialize_with = "row_yes_no", alias = $yl)]
                $yf: Option<bool>,
            )+
        }

        impl<'a> CaseRow<'a> {
            /// The text a text fact was given as.
            pub(crate) fn text(&self, fact: Fact) -> Option<&str> {
                match fact { $(Fact::$tv => self.$tf.as_deref(),)+ _ => None }
            }

            /// The value a yes/no fact was given as.
            pub(crate) fn yes(&self, fact: Fact) -> Option<bool> {
                match fact { $(Fact::$yv => self.$yf,)+ _ => None }
            }

            /// The fact a log field names and the place its value goes, for
            /// the fast JSON reader; `None` for a field that is no fact.
            pub(crate) fn slot(&mut self, key: &[u8]) -> Option<(Fact, Slot<'_, 'a>)> {
                $( if key == stringify!($tf).as_bytes() { return Some((Fact::$tv, Slot::Text(&mut self.$tf))); } )+
                $( if key == stringify!($yf).as_bytes() { return Some((Fact::$yv, Slot::Yes(&mut self.$yf))); } )+
                None
            }

            /// The row's slot for `fact`.
            pub(crate) fn slot_of(&mut self, fact: Fact) -> Slot<'_, 'a> {
                match fact {
                    $( Fact::$tv => Slot::Text(&mut self.$tf), )+
                    $( Fact::$yv => Slot::Yes(&mut self.$yf), )+
                }
            }
        }

        /// A fact of a case, by name: what missing-fact errors, the intake's
        /// missing and ambiguous lists, overrides and the page refer to.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Fact {
            $( #[doc = $tl] $tv, )+
            $( #[doc = $yl] $yv, )+
        }

        impl Fact {
            /// Every fact, text facts first, in declaration order.
            pub const ALL: &'static [Fact] = &[$(Fact::$tv,)+ $(Fact::$yv,)+];

            /// The case-file field (`region`, `signed`).
            pub fn key(self) -> &'static str {
                match self { $(Fact::$tv => stringify!($tf),)+ $(Fact::$yv => stringify!($yf),)+ }
            }

            /// The name the paste reader reports it under (`province`, `signed_at`).
            pub fn name(self) -> &'static str {
                match self { $(Fact::$tv => $tn,)+ $(Fact::$yv => $yn,)+ }
            }

            /// The Chinese label.
            pub fn label(self) -> &'static str {
                match self { $(Fact::$tv => $tl,)+ $(Fact::$yv => $yl,)+ }
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

            /// Whether it is a yes/no fact.
            pub fn is_yes_no(self) -> bool {
                !matches!(self, $(Fact::$tv)|+)
            }

            /// The fact a case-file field or a reported name stands for.
            pub fn parse(name: &str) -> Option<Fact> {
                Fact::ALL.iter().copied().find(|f| f.key() == name || f.name() == name)
            }
        }

        impl CaseInput {
            /// The text a text fact was given as.
            pub fn text(&self, fact: Fact) -> Option<&Located<String>> {
                match fact { $(Fact::$tv => self.$tf.as_ref(),)+ _ => None }
            }

            /// The value a yes/no fact was given as.
            pub fn yes(&self, fact: Fact) -> Option<bool> {
                match fact { $(Fact::$yv => self.$yf,)+ _ => None }
            }

            /// Whether the fact was given at all.
            pub fn has(&self, fact: Fact) -> bool {
                self.text(fact).is_some() || self.yes(fact).is_some()
            }

            /// Whether any fact was given; a request date alone is not a case.
            pub fn has_facts(&self) -> bool {
                Fact::ALL.iter().any(|f| *f != Fact::Requested && self.has(*f))
            }

            /// Fills every fact `other` gives, leaving the rest as they are (flags over a file).
            pub fn overlay(&mut self, other: CaseInput) {
                $( if other.$tf.is_some() { self.$tf = other.$tf; } )+
                $( if other.$yf.is_some() { self.$yf = other.$yf; } )+
            }

            /// The given facts as a case-log row (`{"defect": "小瑕疵", "free_shipping": true}`),
            /// which replay and [`CaseInput`]'s own reader take back unchanged.
            pub fn to_json(&self) -> serde_json::Map<String, serde_json::Value> {
                let mut m = serde_json::Map::new();
                $( if let Some(v) = &self.$tf { m.insert(stringify!($tf).into(), v.value.clone().into()); } )+
                $( if let Some(v) = self.$yf { m.insert(stringify!($yf).into(), v.into()); } )+
                m
            }

            /// Names the file every located fact was read from, for messages.
            pub fn set_file(&mut self, file: &str) {
                $( if let Some(v) = &mut self.$tf { v.set_file(file); } )+
            }
        }
    };
}

case_fields! {
    text {
        /// 问题类型: 小瑕疵 质量问题 发错货 少件 描述不符 尺码不合适 不喜欢 物流问题 运输破损 使用不当 缺货 延迟发货 拍错 中差评 服务问题 (or small_flaw, quality, …).
        Defect defect = "defect", "问题类型", "小瑕疵",
            "--defect, e.g. --defect 小瑕疵 （质量问题，尺码不合适，不喜欢，物流问题 …）",
            "写上问题，如“鞋面有污渍”“尺码不合适”“发错货”";
        /// 收货地区: a province (新疆, 浙江省), a short name (内蒙, 沪), a city (乌鲁木齐) or a whole address.
        Region region = "province", "收货地区", "新疆",
            "--region 新疆 （省份、简称如 内蒙/沪、城市或整段收货地址）",
            "粘贴收货地址，或写“寄到乌鲁木齐”";
        /// 商品标题: promotion words (特价 清仓 秒杀 …) make it a promotion item.
        Title title = "title", "商品标题", "\"商品标题\"",
            "--title \"商品标题\" （用来判断是否特价/清仓/秒杀）",
            "粘贴商品标题";
        /// 责任方: shop/商家, buyer/买家, logistics/物流 (inferred from the defect when absent).
        Fault fault = "fault", "责任方", "shop",
            "--fault shop/buyer/logistics （商家/买家/物流）",
            "写明是谁的原因";
        /// 实付金额: the price the buyer paid, in yuan.
        Price price = "price", "实付金额", "89",
            "--price 89 （买家实付金额，元）",
            "写上“实付款 ¥89.00”";
        /// 买家要求: what the buyer asks for, in yuan.
        Ask ask = "ask", "买家要求的金额", "10",
            "--ask 10 （买家要多少钱，元）",
            "写上买家要的金额，如“优惠10块”";
        /// 平台: taobao/淘宝 or tmall/天猫.
        Platform platform = "platform", "平台", "taobao",
            "--platform taobao 或 --platform tmall （淘宝/天猫）",
            "写上“淘宝”或“天猫”";
        /// 订单状态: unshipped/未发货, in_transit/已发货, signed/已签收, completed/交易成功 (inferred from the defect when absent).
        Stage stage = "stage", "订单状态", "signed",
            "--stage unshipped/in_transit/signed/completed （未发货/已发货/已签收/交易成功）",
            "写上“已签收”“已发货”或“未发货”";
        /// 签收日期: the date the buyer signed for the parcel (2026-11-18).
        Signed signed = "signed_at", "签收日期", "2026-11-18",
            "--signed 2026-11-18 （买家签收的日期，判断七天无理由）",
            "写上“已签收 2026-11-18”";
        /// 申请日期: the date of the buyer's request (default today).
        Requested requested = "requested_at", "申请日期", "2026-11-20",
            "--requested 2026-11-20 （买家申请的日期，默认今天）",
            "写上“申请时间 2026-11-20”";
        /// 材质: suede/麂皮绒面, pu/PU皮, fabric/布面, slipper/拖鞋, canvas/帆布, for the cleaning tip.
        Material material = "material", "材质", "suede",
            "--material suede/pu/fabric/slipper/canvas （麂皮绒面/PU皮/布面/拖鞋/帆布）",
            "写上鞋面材质，如“麂皮”“PU”";
        /// 买家诉求: return/退货, exchange/换货, refund/退款 or keep/留下商品 (inferred when absent).
        Wants wants = "wants", "买家诉求", "return",
            "--wants return 或 --wants exchange （退货/换货/refund 退款/keep 留下商品）",
            "写上买家要退货还是换货";
        /// 已开价: what the shop already offered in the chat, in yuan.
        Offered offered = "offered", "已开价", "3",
            "--offered 3 （客服已经开过的价，元）",
            "写上客服已经开的价，如“客服：给您优惠3元”";
        /// 退款类型: refund_only/仅退款, return_refund/退货退款 or exchange/换货.
        RefundType refund_type = "refund_type", "退款类型", "return_refund",
            "--refund-type refund_only/return_refund/exchange （仅退款/退货退款/换货）",
            "粘贴退款详情里的“退款类型”";
        /// 退款原因: the platform's refund reason the buyer picked, as shown (做工粗糙/有瑕疵).
        RefundReason refund_reason = "refund_reason", "退款原因", "做工粗糙/有瑕疵",
            "--refund-reason \"做工粗糙/有瑕疵\" （买家选的退款原因）",
            "粘贴退款详情里的“退款原因”";
        /// 威胁: what the buyer threatens, comma-separated: bad_review/差评, complaint/投诉, 12315, platform_intervention/平台介入.
        Threats threats = "threats", "买家威胁", "bad_review",
            "--threats bad_review,complaint （差评/投诉/12315/平台介入）",
            "粘贴买家说的话，如“不处理就给差评”";
        /// 凭证: what the buyer sent as evidence, comma-separated: photo/照片, video/视频.
        Evidence evidence = "evidence", "凭证", "photo",
            "--evidence photo,video （照片/视频）",
            "粘贴带 [图片] 的聊天";
        /// 付款时间: when the buyer paid (2026-11-15), for the 72-hour shipping promise.
        Paid paid = "paid_at", "付款日期", "2026-11-15",
            "--paid 2026-11-15 （买家付款的日期，判断72小时发货）",
            "写上“付款时间 2026-11-15”";
        /// 交易成功时间: when the trade completed (2026-11-10), for the 15-day after-sale window.
        Completed completed = "completed_at", "交易成功日期", "2026-11-10",
            "--completed 2026-11-10 （交易成功的日期，判断15天售后期）",
            "写上“成交时间 2026-11-10”";
        /// 维权日期: when the buyer filed a complaint (维权/投诉) or the platform stepped in, for the 24-hour appeal.
        Complained complained = "complained_at", "维权/投诉日期", "2026-11-20",
            "--complained 2026-11-20 （买家发起维权/投诉的日期，判断24小时申诉）",
            "写上“买家11月20日发起了维权”";
    }
    yes {
        /// 包邮: the shop paid the outbound shipping (--free-shipping, or --free-shipping=false when it did not).
        FreeShipping free_shipping = "free_shipping", "包邮", "true",
            "--free-shipping （包邮） 或 --free-shipping=false （不包邮）",
            "写上“包邮”或运费金额";
        /// Resale is affected (tag cut, worn, box damaged).
        NotResellable not_resellable = "not_resellable", "影响二次销售", "true",
            "--not-resellable （商品已影响二次销售）",
            "写明吊牌、鞋盒是否完好";
        /// Perishable food, or food whose seal is opened.
        Perishable perishable = "perishable", "易腐食品", "true",
            "--perishable （易腐或已拆封的食品）",
            "写明是否易腐食品";
        /// The buyer's out-of-stock / late-shipment claim is untrue.
        ClaimFalse claim_false = "claim_false", "理由不属实", "true",
            "--claim-false （买家说的缺货/延迟发货不属实）",
            "写明缺货/延迟发货是否属实";
        /// The refund is an express refund (极速退款): the platform has already paid the buyer.
        ExpressRefund express_refund = "express_refund", "极速退款", "true",
            "--express-refund （这是极速退款）",
            "粘贴退款详情里的“极速退款”";
        /// The buyer's quality refund has already been refused twice.
        RefusedTwice refused_twice = "refused_twice", "质量退款已拒绝两次", "true",
            "--refused-twice （买家的质量问题退款已经被拒绝过两次）",
            "写明之前拒绝过几次";
        /// The return is malicious, with evidence (worn goods sent back, a swapped item, repeated false claims).
        Malicious malicious = "malicious", "恶意退货", "true",
            "--malicious （有证据的恶意退货：穿过、掉包、反复虚假理由）",
            "写明恶意退货的证据";
        /// Made to order or pre-sale (定制/预售): the 72-hour shipping promise does not apply.
        MadeToOrder made_to_order = "made_to_order", "定制/预售", "true",
            "--made-to-order （定制或预售商品）",
            "粘贴带“定制”“预售”的商品标题";
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
}
