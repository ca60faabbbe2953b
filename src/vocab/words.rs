//! The words a case is told in: defect kinds, faults, platforms, order stages,
//! materials and what the buyer wants. A leaf: the policy file uses the same
//! words in its conditions.

use crate::labels::labels;

labels! {
    /// What went wrong, in the buyer's words.
    Defect, "defect" {
        SmallFlaw = "small_flaw", "小瑕疵" | "瑕疵";
        LooseThread = "loose_thread", "线头" | "线头等不影响穿着的小问题";
        Quality = "quality", "质量问题";
        WrongItem = "wrong_item", "发错货" | "错发";
        MissingPart = "missing_part", "少件" | "漏发";
        Mismatch = "mismatch", "描述不符";
        Size = "size", "尺码不合适" | "尺码问题";
        Dislike = "dislike", "不喜欢" | "不想要";
        Logistics = "logistics", "物流问题" | "物流原因";
        TransitDamage = "transit_damage", "运输破损" | "快递破损";
        Misuse = "misuse", "使用不当";
        OutOfStock = "out_of_stock", "缺货";
        LateShipment = "late_shipment", "延迟发货" | "未按约定时间发货";
        MistakenOrder = "mistaken_order", "拍错" | "多拍";
        BadReview = "bad_review", "中差评" | "差评";
        ServiceLapse = "service_lapse", "服务问题";
        Counterfeit = "counterfeit", "假冒品牌" | "假货";
        Invoice = "invoice", "发票问题" | "发票";
        Postage = "postage", "退运费" | "运费问题";
    }
}

labels! {
    /// Whose fault the problem is.
    Fault, "fault" {
        Shop = "shop", "商家" | "卖家" | "店铺";
        Buyer = "buyer", "买家";
        Logistics = "logistics", "物流" | "快递" | "物流公司" | "快递公司";
    }
}

labels! {
    /// Which kind of shop sold the item (compensation differs).
    Platform, "platform" {
        Taobao = "taobao", "淘宝";
        Tmall = "tmall", "天猫";
    }
}

labels! {
    /// Where the order is.
    Stage, "stage" {
        // The long forms are the order status column of the platform's order export.
        Unshipped = "unshipped", "未发货" | "买家已付款，等待卖家发货";
        InTransit = "in_transit", "已发货" | "运输中" | "未签收" | "卖家已发货，等待买家确认";
        Signed = "signed", "已签收";
        Completed = "completed", "交易成功" | "已完成" | "确认收货";
    }
}

labels! {
    /// The upper material of the shoe, for the cleaning tip.
    Material, "material" {
        Suede = "suede", "麂皮/绒面" | "麂皮" | "绒面" | "麂皮绒";
        Pu = "pu", "PU皮" | "PU" | "pu皮";
        Fabric = "fabric", "布面";
        Slipper = "slipper", "拖鞋";
        Canvas = "canvas", "帆布" | "帆布鞋";
    }
}

labels! {
    /// What the buyer wants.
    Wants, "wish" {
        Return = "return", "退货" | "退货退款";
        Exchange = "exchange", "换货";
        Refund = "refund", "退款" | "仅退款";
        Keep = "keep", "留下商品" | "不退货" | "补偿";
    }
}

labels! {
    /// The kind of refund request the buyer filed.
    RefundType, "refund type" {
        RefundOnly = "refund_only", "仅退款" | "我要退款（无需退货）" | "退款";
        ReturnRefund = "return_refund", "退货退款" | "我要退货";
        Exchange = "exchange", "换货";
    }
}

labels! {
    /// What the buyer threatens to do.
    Threat, "threat" {
        BadReview = "bad_review", "差评";
        Complaint = "complaint", "投诉" | "维权";
        Consumer = "12315", "12315投诉" | "消协";
        Intervention = "platform_intervention", "平台介入" | "小二介入";
    }
}

labels! {
    /// What the buyer shows as evidence.
    Evidence, "evidence" {
        Photo = "photo", "照片" | "图片";
        Video = "video", "视频";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_in_english_and_chinese() {
        assert_eq!(Defect::parse("小瑕疵"), Some(Defect::SmallFlaw));
        assert_eq!(Defect::parse("small_flaw"), Some(Defect::SmallFlaw));
        assert_eq!(Material::parse("绒面"), Some(Material::Suede));
        assert_eq!(Stage::parse("已签收"), Some(Stage::Signed));
        assert_eq!(
            Stage::parse("卖家已发货，等待买家确认"),
            Some(Stage::InTransit)
        );
    }
}
