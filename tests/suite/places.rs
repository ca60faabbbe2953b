//! Every county of the committed china-division data set is placed in its province.

use aftersale::place::{Lookup, counties, csv_rows, places};

/// Province code -> canonical short name, from the data files.
fn province_by_code() -> std::collections::HashMap<String, String> {
    let text = std::fs::read_to_string(super::repo("data/china-division-2.7.0/provinces.csv"))
        .expect("provinces.csv");
    csv_rows(&text)
        .map(|r| {
            (
                r[0].to_string(),
                places()
                    .province(r[1])
                    .expect("known province")
                    .0
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn every_county_with_its_city_gives_its_province() {
    let by_code = province_by_code();
    let all = counties();
    assert_eq!(all.len(), 2978);
    let mut wrong = Vec::new();
    for (county, city, code) in &all {
        // Municipalities list their districts under "市辖区": write the province instead.
        let city = if city.contains('辖') {
            by_code[*code].as_str()
        } else {
            city
        };
        let text = format!("收货地址:{city}{county}某某路12号");
        match places().locate(&text) {
            Lookup::Found(m) if *m.province.0 == *by_code[*code] => {}
            other => wrong.push(format!("{text}: {other:?}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
}

#[test]
fn every_county_alone_gives_its_province_or_is_reported_ambiguous() {
    let by_code = province_by_code();
    let mut wrong = Vec::new();
    let mut ambiguous = std::collections::BTreeSet::new();
    for (county, _, code) in counties() {
        let want = &by_code[code];
        match places().locate(county) {
            Lookup::Found(m) if *m.province.0 == **want => {}
            Lookup::Ambiguous {
                provinces, source, ..
            } if provinces.contains(want) => {
                ambiguous.insert(source);
            }
            other => wrong.push(format!("{county}: {other:?}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
    // The district names shared by several provinces (西湖区, 朝阳区, 鼓楼区, 普陀区 …).
    assert_eq!(ambiguous.len(), 26, "{ambiguous:?}");
    for name in ["西湖区", "朝阳区", "鼓楼区", "普陀区"] {
        assert!(ambiguous.contains(name), "{name} should be ambiguous");
    }
}
