//! Addresses to provinces: every place of every table, roads and buildings named
//! after other places, names that are not places, and 466 hand-written
//! addresses (tests/places/) checked against what a careful reader says.

use aftersale::place::{Level, Lookup, entries, places};
use proptest::prelude::*;
use serde::Deserialize;

use super::repo;

/// What an address resolves to, in the form the address files write it.
fn read(text: &str) -> String {
    match places().locate(text) {
        Lookup::Found(m) => m.province.0.to_string(),
        Lookup::Ambiguous { provinces, .. } => format!("ambiguous {}", provinces.join(",")),
        Lookup::NotFound => "none".to_string(),
    }
}

#[test]
fn every_county_with_its_city_gives_its_province() {
    let mut wrong = Vec::new();
    let mut n = 0;
    for e in entries().filter(|e| e.level == Level::County) {
        let Some(parent) = e.parent else { continue };
        n += 1;
        let text = format!("收货地址:{parent}{}某某路12号", e.name);
        if read(&text) != e.province {
            wrong.push(format!("{text}: {}", read(&text)));
        }
    }
    assert!(n > 3300, "only {n} counties");
    assert!(wrong.is_empty(), "{} wrong, e.g. {:?}", wrong.len(), &wrong);
}

#[test]
fn every_place_alone_gives_its_province_or_is_reported_ambiguous() {
    let mut wrong = Vec::new();
    let mut ambiguous = std::collections::BTreeSet::new();
    for e in entries().filter(|e| matches!(e.level, Level::City | Level::County)) {
        match places().locate(e.name) {
            Lookup::Found(m) if *m.province.0 == *e.province => {}
            Lookup::Ambiguous {
                provinces, source, ..
            } if provinces.iter().any(|p| p == e.province) => {
                ambiguous.insert(source);
            }
            // 东区, 北区 alone are parts of estates and campuses; they need their city.
            Lookup::NotFound if directional(e.name) => {}
            other => wrong.push(format!("{} ({}): {other:?}", e.name, e.province)),
        }
    }
    assert!(wrong.is_empty(), "{} wrong, e.g. {:?}", wrong.len(), &wrong);
    // District names shared by several provinces, Taiwan's among them.
    for name in ["西湖区", "朝阳区", "鼓楼区", "普陀区", "大安区", "中山区"] {
        assert!(ambiguous.contains(name), "{name} should be ambiguous");
    }
}

/// 东区, 北區: a district named by a direction.
fn directional(name: &str) -> bool {
    name.chars().count() == 2
        && name.starts_with(['东', '西', '南', '北', '中', '東'])
        && (name.ends_with('区') || name.ends_with('區'))
}

/// One hand-written address and what it must resolve to.
#[derive(Deserialize)]
struct Address {
    address: String,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    ambiguous: Option<Vec<String>>,
    #[serde(default)]
    why: String,
}

#[test]
fn hand_written_addresses_resolve_as_a_careful_reader_says() {
    let mut wrong = Vec::new();
    let mut total = 0;
    for path in aftersale::regress::case_files(&repo("tests/places")).expect("files") {
        let text = std::fs::read_to_string(&path).expect("read");
        let list: Vec<Address> = aftersale::located::from_yaml(&text).expect("yaml");
        for a in list {
            total += 1;
            let got = places().locate(&a.address);
            let ok = match (&a.province, &a.ambiguous, &got) {
                (Some(p), _, Lookup::Found(m)) => *m.province.0 == **p,
                (Some(p), _, Lookup::NotFound) => p == "none",
                (_, Some(want), Lookup::Ambiguous { provinces, .. }) => {
                    want.iter().all(|w| provinces.contains(w))
                }
                _ => false,
            };
            if !ok {
                wrong.push(format!(
                    "{}: {} — expected {}, got {} ({})",
                    path.file_name().and_then(|f| f.to_str()).unwrap_or(""),
                    a.address,
                    a.province
                        .clone()
                        .unwrap_or_else(|| format!("ambiguous {:?}", a.ambiguous)),
                    read(&a.address),
                    a.why
                ));
            }
        }
    }
    assert!(total >= 400, "only {total} addresses");
    assert!(
        wrong.is_empty(),
        "{} of {total} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Addresses of every level, with what they must give.
fn addresses() -> Vec<(String, &'static str)> {
    entries()
        .filter(|e| e.level == Level::County)
        .filter_map(|e| Some((format!("{}{}", e.parent?, e.name), e.province)))
        .collect()
}

/// Names of other places to put into roads and buildings.
fn place_names() -> Vec<&'static str> {
    entries()
        .filter(|e| matches!(e.level, Level::Province | Level::City | Level::Area))
        .map(|e| e.name)
        .collect()
}

const ROADS: &[&str] = &[
    "路", "中路", "东路", "南路", "北路", "西路", "大街", "大道", "街", "巷", "大厦", "饭店",
    "广场", "商城", "花园", "二路",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn a_road_or_building_named_after_a_place_never_changes_the_province(
        a in proptest::sample::select(addresses()),
        other in proptest::sample::select(place_names()),
        road in proptest::sample::select(ROADS),
        number in 1u32..999,
    ) {
        let (address, province) = a;
        let before = read(&address);
        // Only addresses that resolve on their own are a fair test.
        prop_assume!(before == province);
        let with_road = format!("{address}{other}{road}{number}号");
        prop_assert_eq!(read(&with_road), before, "{}", with_road);
    }

    #[test]
    fn an_address_of_words_that_are_no_places_yields_no_province(
        words in proptest::collection::vec(proptest::sample::select(NOT_PLACES), 1..6),
        number in 1u32..2000,
    ) {
        let text = format!("{}{number}号", words.concat());
        prop_assert_eq!(read(&text), "none", "{}", text);
    }
}

/// Words of addresses and chats that name no place.
const NOT_PLACES: &[&str] = &[
    "幸福",
    "小区",
    "栋",
    "单元",
    "室",
    "人民路",
    "解放路",
    "建设路",
    "花园",
    "公寓",
    "新村",
    "东门",
    "西门",
    "菜市场",
    "对面",
    "旁边",
    "楼下",
    "快递柜",
    "驿站",
    "学校",
    "宿舍",
    "公司",
    "前台",
    "代收",
    "先生",
    "女士",
    "收",
    "转",
    "电话",
    "县城",
    "市辖区",
    "城郊",
    "开发区",
    "工业园",
    "三楼",
    "后门",
];
