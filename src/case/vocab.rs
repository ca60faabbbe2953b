//! The words a case is told in: defect kinds, faults, platforms, order stages,
//! materials and what the buyer wants. A leaf: the policy file uses the same
//! words in its conditions.

use crate::labels::labels;

labels! {
    /// What went wrong, in the buyer's words.
    Defect, "defect" {
        SmallFlaw = "small_flaw", "小瑕疵" | "瑕疵";
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
    }
}

labels! {
    /// Whose fault the problem is.
    Fault, "fault" {
        Shop = "shop", "商家" | "卖家";
        Buyer = "buyer", "买家";
        Logistics = "logistics", "物流" | "快递";
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
        Unshipped = "unshipped", "未发货";
        InTransit = "in_transit", "已发货" | "运输中" | "未签收";
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
    /// What the buyer wants back for a buyer-reason request.
    Wants, "wish" {
        Return = "return", "退货" | "退货退款";
        Exchange = "exchange", "换货";
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
    }
}
