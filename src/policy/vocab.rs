//! The words of the policy file's outcomes: resolutions, shipping payers,
//! offer kinds and how compensation is paid. A leaf of the policy layer: the
//! advice and everything after it use these words, never the other way round.

use serde::Serialize;
use std::sync::Arc;

use crate::labels::labels;

labels! {
    /// What the shop offers the buyer.
    Resolution, "resolution" {
        PartialRefund = "partial_refund", "部分退款（优惠），买家留下商品";
        ReturnOrExchange = "return_or_exchange", "支持退货或换货";
        ReturnRefund = "return_refund", "退货退款";
        Exchange = "exchange", "换货";
        RefundWithoutReturn = "refund_without_return", "退款不退货（仅退款）";
        Reship = "reship", "补发 / 重新发出";
        RefuseDelivery = "refuse_delivery", "让买家拒签";
        Repair = "repair", "维修";
        Refund = "refund", "退款";
        Escalate = "escalate", "上报主管处理";
        Decline = "decline", "婉拒";
        ProvideInvoice = "provide_invoice", "按承诺开具发票";
        RefundPostage = "refund_postage", "退运费（直接转账）";
        ChangeReason = "change_reason", "请买家修改退款原因后退款";
        ChaseCourier = "chase_courier", "先联系快递核实催件";
        Compensate = "compensate", "按平台规则赔付违约金";
    }
}

labels! {
    /// Who pays one shipping leg.
    Payer, "payer" {
        Shop = "shop", "商家承担";
        Buyer = "buyer", "买家承担";
        Split = "split", "双方各承担一半";
        Courier = "courier", "快递公司承担（向快递索赔）";
        None = "none", "无此运费";
    }
}

labels! {
    /// In what form an offer is paid.
    OfferKind, "offer kind" {
        Cash = "cash", "现金优惠（部分退款）";
        Coupon = "coupon", "优惠券";
        RedEnvelope = "red_envelope", "红包";
    }
}

labels! {
    /// How platform compensation is paid.
    PaidAs, "payment form" {
        Cash = "cash", "现金（违约金）";
        TmallPoints = "tmall_points", "天猫积分";
    }
}

impl Resolution {
    /// The resolution in a few characters, for tables and one-line summaries.
    pub fn short(self) -> &'static str {
        match self {
            Resolution::PartialRefund => "部分退款",
            Resolution::ReturnOrExchange => "退货或换货",
            Resolution::ReturnRefund => "退货退款",
            Resolution::Exchange => "换货",
            Resolution::RefundWithoutReturn => "仅退款",
            Resolution::Reship => "补发",
            Resolution::RefuseDelivery => "拒签",
            Resolution::Repair => "维修",
            Resolution::Refund => "退款",
            Resolution::Escalate => "上报主管",
            Resolution::Decline => "婉拒",
            Resolution::ProvideInvoice => "开发票",
            Resolution::RefundPostage => "退运费",
            Resolution::ChangeReason => "请改退款原因",
            Resolution::ChaseCourier => "催快递",
            Resolution::Compensate => "赔违约金",
        }
    }
}

impl Payer {
    /// Who pays, in a word or two, for one-line summaries.
    pub fn short(self) -> &'static str {
        match self {
            Payer::Shop => "商家",
            Payer::Buyer => "买家",
            Payer::Split => "各半",
            Payer::Courier => "快递",
            Payer::None => "无",
        }
    }
}

/// Who pays each shipping leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Shipping {
    /// The leg from the buyer back to the shop.
    pub to_shop: Payer,
    /// The leg from the shop to the buyer (a new parcel, or the original postage on a return).
    pub to_buyer: Payer,
}

impl Shipping {
    /// No leg travels.
    pub const NONE: Shipping = Shipping {
        to_shop: Payer::None,
        to_buyer: Payer::None,
    };
}

/// The policy an advice came from, so advice can be traced to a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    /// The policy's name.
    pub name: Arc<str>,
    /// The first 16 hex digits of the SHA-256 of the policy file.
    pub hash: Arc<str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_snake_case() {
        assert_eq!(
            Resolution::RefundWithoutReturn.id(),
            "refund_without_return"
        );
        assert_eq!(Payer::None.id(), "none");
    }
}
