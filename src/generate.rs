//! Generate: realistic logs of past cases (JSON Lines) for replay and benchmarks.
//!
//! Draws each fact from a plausible distribution: defects weighted as a shoe
//! shop's after-sale desk sees them, provinces weighted by online-shopping
//! volume (remote regions rare), addresses written in different shapes, titles
//! with promotion words a third of the time, typical price points, and asks
//! mostly for small defects. The same seed always gives the same log.

use std::io::Write;

use crate::case::{CaseInput, Defect, Material, Stage};
use crate::located::Located;

/// Defects and how often a desk sees them (weights, not percentages).
const DEFECTS: &[(Defect, u32)] = &[
    (Defect::SmallFlaw, 30),
    (Defect::Size, 15),
    (Defect::Dislike, 10),
    (Defect::Quality, 10),
    (Defect::WrongItem, 4),
    (Defect::MissingPart, 3),
    (Defect::Mismatch, 3),
    (Defect::Logistics, 4),
    (Defect::TransitDamage, 3),
    (Defect::Misuse, 2),
    (Defect::OutOfStock, 3),
    (Defect::LateShipment, 4),
    (Defect::MistakenOrder, 4),
    (Defect::BadReview, 3),
    (Defect::ServiceLapse, 2),
];

/// Provinces with rough online-order weights, and a city of each for addresses.
const PROVINCES: &[(&str, &str, u32)] = &[
    ("广东省", "深圳市", 120),
    ("浙江省", "杭州市", 80),
    ("江苏省", "南京市", 80),
    ("上海市", "浦东新区", 50),
    ("北京市", "海淀区", 40),
    ("山东省", "济南市", 60),
    ("河南省", "郑州市", 50),
    ("四川省", "成都市", 50),
    ("湖北省", "武汉市", 40),
    ("福建省", "厦门市", 40),
    ("湖南省", "长沙市", 40),
    ("安徽省", "合肥市", 30),
    ("河北省", "石家庄市", 40),
    ("陕西省", "西安市", 25),
    ("江西省", "南昌市", 25),
    ("广西壮族自治区", "南宁市", 20),
    ("重庆市", "渝北区", 20),
    ("辽宁省", "沈阳市", 20),
    ("云南省", "昆明市", 15),
    ("贵州省", "贵阳市", 12),
    ("山西省", "太原市", 12),
    ("黑龙江省", "哈尔滨市", 10),
    ("吉林省", "长春市", 8),
    ("天津市", "南开区", 10),
    ("甘肃省", "兰州市", 6),
    ("海南省", "海口市", 5),
    ("宁夏回族自治区", "银川市", 2),
    ("新疆维吾尔自治区", "乌鲁木齐市", 8),
    ("内蒙古自治区", "呼和浩特市", 8),
    ("青海省", "西宁市", 2),
    ("西藏自治区", "拉萨市", 1),
    ("香港特别行政区", "香港", 2),
    ("台湾省", "台湾", 1),
];

const PRODUCTS: &[&str] = &[
    "男士休闲鞋",
    "女款小白鞋",
    "运动跑鞋",
    "帆布鞋",
    "马丁靴",
    "凉拖鞋",
    "乐福鞋",
    "老爹鞋",
    "雪地靴",
    "板鞋",
];
const TAGS: &[&str] = &["特价", "清仓", "秒杀", "限时折扣", "聚划算"];
const PRICES: &[&str] = &[
    "9.90", "19.90", "29.90", "39.00", "59.00", "69.00", "79.00", "89.00", "99.00", "129.00",
    "159.00", "199.00", "259.00", "299.00", "399.00", "599.00",
];

fn weighted<T: Copy>(rng: &mut fastrand::Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|x| x.1).sum();
    let mut pick = rng.u32(0..total);
    for (item, w) in items {
        if pick < *w {
            return *item;
        }
        pick -= w;
    }
    items[0].0
}

/// Draws one case, in the case-file form that `advise` and `replay` read.
pub fn case(rng: &mut fastrand::Rng) -> CaseInput {
    let defect = weighted(rng, DEFECTS);
    let (province, city, _) = PROVINCES[weighted(
        rng,
        &PROVINCES
            .iter()
            .enumerate()
            .map(|(i, p)| (i, p.2))
            .collect::<Vec<_>>(),
    )];
    let region = match rng.u8(0..4) {
        0 => province.to_string(),
        1 => city.to_string(),
        2 => format!("{province}{city}某某路{}号", rng.u16(1..999)),
        _ => format!(
            "张三,138****{:04},{province} {city} 幸福小区{}栋",
            rng.u16(0..9999),
            rng.u8(1..30)
        ),
    };
    let product = PRODUCTS[rng.usize(..PRODUCTS.len())];
    let title = if rng.u8(0..3) == 0 {
        format!("2026新款 {product} {}", TAGS[rng.usize(..TAGS.len())])
    } else {
        format!("2026新款 {product}")
    };
    let unshipped = matches!(defect, Defect::OutOfStock | Defect::LateShipment)
        || defect == Defect::MistakenOrder && rng.bool();
    let stage = if unshipped {
        Stage::Unshipped
    } else if matches!(defect, Defect::Logistics) && rng.bool() {
        Stage::InTransit
    } else if rng.u8(0..10) == 0 {
        Stage::Completed
    } else {
        Stage::Signed
    };
    let day = rng.u32(1..=28);
    let requested = format!("2026-11-{day:02}");
    let signed = matches!(stage, Stage::Signed | Stage::Completed).then(|| {
        let back = rng.u32(0..day.min(12));
        format!("2026-11-{:02}", day - back)
    });
    let ask = (matches!(defect, Defect::SmallFlaw | Defect::TransitDamage) && rng.u8(0..10) < 6)
        .then(|| rng.u32(2..=25).to_string());
    let materials = Material::ALL;
    let given = |v: &str| Some(Located::flag(v));
    // Drawn in this order, so a seed gives the log it always gave.
    CaseInput {
        defect: given(defect.id()),
        region: given(&region),
        title: given(&title),
        price: given(PRICES[rng.usize(..PRICES.len())]),
        ask: ask.as_deref().and_then(given),
        free_shipping: Some(rng.u8(0..10) < 6),
        platform: given(if rng.u8(0..10) < 7 { "taobao" } else { "tmall" }),
        stage: given(stage.id()),
        signed: signed.as_deref().and_then(given),
        requested: given(&requested),
        material: given(materials[rng.usize(..materials.len())].id()),
        ..CaseInput::default()
    }
}

/// Writes `n` cases as JSON Lines.
pub fn write_cases(n: u64, seed: u64, out: &mut impl Write) -> std::io::Result<()> {
    let mut rng = fastrand::Rng::with_seed(seed);
    for _ in 0..n {
        serde_json::to_writer(&mut *out, &case(&mut rng).to_json())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
