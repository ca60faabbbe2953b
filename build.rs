//! Build step: turns the division data under `data/` into static tables
//! (`places.rs` in `OUT_DIR`), so the program starts with its place tables
//! ready instead of parsing seven thousand rows on every run.
//!
//! Inputs: `data/province_aliases.csv` (provinces, short names, abbreviations,
//! 港澳台, 海外 and country names), `data/china-division-2.7.0/` (mainland
//! provinces, cities, counties), `data/china-division-gaps.csv` (counties made
//! since), `data/hk_macau_tw/places.csv` and `places_hant.csv` (Hong Kong,
//! Macau and Taiwan, Simplified and Traditional).
// A build script reports broken data by failing the build: its panic
// message, naming the file and row, is the report.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

include!("src/place/pair_key.rs");

/// How a name places an address, strongest first.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Province,
    City,
    County,
    Area,
    Abroad,
}

impl Level {
    fn rust(self) -> &'static str {
        match self {
            Level::Province => "Level::Province",
            Level::City => "Level::City",
            Level::County => "Level::County",
            Level::Area => "Level::Area",
            Level::Abroad => "Level::Abroad",
        }
    }
}

struct Place {
    name: String,
    level: Level,
    province: usize,
    parent: Option<usize>,
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            l.split(',')
                .map(|f| f.trim().trim_matches('"').to_string())
                .collect()
        })
        .collect()
}

/// Names of data-set bookkeeping rows (市辖区, 省直辖县级行政区划): never places.
fn bookkeeping(name: &str) -> bool {
    name.contains('辖') || matches!(name, "县" | "区" | "市")
}

/// Peoples in the names of autonomous prefectures (海南藏族自治州 is written 海南州).
const PEOPLES: &[&str] = &[
    "藏族",
    "蒙古族",
    "蒙古",
    "回族",
    "哈萨克",
    "柯尔克孜",
    "朝鲜族",
    "土家族",
    "苗族",
    "侗族",
    "布依族",
    "彝族",
    "壮族",
    "哈尼族",
    "傣族",
    "白族",
    "景颇族",
    "傈僳族",
    "羌族",
];

/// 海南州 for 海南藏族自治州.
fn prefecture_short(name: &str) -> Option<String> {
    let base = name.strip_suffix("自治州")?;
    let cut = PEOPLES.iter().filter_map(|p| base.find(p)).min()?;
    (base[..cut].chars().count() >= 2).then(|| format!("{}州", &base[..cut]))
}

/// A district's name without 区 or 新区, when it stays unmistakable (海拉尔, 浦东).
fn district_stem(name: &str) -> Option<&str> {
    name.strip_suffix("新区")
        .filter(|s| s.chars().count() >= 2)
        .or_else(|| name.strip_suffix('区').filter(|s| s.chars().count() >= 3))
}

/// A city name without its administrative suffix, when two or more characters remain.
fn stem(name: &str) -> Option<&str> {
    ["自治州", "地区", "市", "盟", "州"]
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 2)
}

/// The bundled policy as JSON: the program reads it at every start, and JSON
/// reads about ten times faster than YAML with spans. A YAML slip in the
/// bundled file stops the build here.
fn bundled_policy() {
    println!("cargo:rerun-if-changed=policies/default.yaml");
    let yaml = std::fs::read_to_string("policies/default.yaml")
        .unwrap_or_else(|e| panic!("policies/default.yaml: {e}"));
    let value: serde_json::Value = serde_saphyr::from_str(&yaml)
        .unwrap_or_else(|e| panic!("policies/default.yaml is not valid YAML: {e}"));
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("bundled_policy.json");
    std::fs::write(&out, value.to_string()).expect("write bundled_policy.json");
    // Its hash as the program computes it (the first 8 bytes of SHA-256, in hex),
    // so a start does not hash 50 KB to stamp the advice.
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(yaml.as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    std::fs::write(out.with_extension("hash"), hash).expect("write bundled_policy.hash");
}

#[allow(clippy::too_many_lines, reason = "a build step")]
fn main() {
    bundled_policy();
    let data = Path::new("data");
    let mut places: Vec<Place> = Vec::new();
    let mut names: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let name = |names: &mut BTreeMap<String, Vec<usize>>, n: &str, i: usize| {
        if n.chars().count() >= 2 && !bookkeeping(n) {
            let e = names.entry(n.to_string()).or_default();
            if !e.contains(&i) {
                e.push(i);
            }
        }
    };

    // Provinces: one place each; its short name, official name and aliases name it.
    let aliases = rows(&data.join("province_aliases.csv"));
    let mut provinces = Vec::new(); // (short, code, abbr, aliases)
    let mut by_code = BTreeMap::new();
    for r in &aliases {
        let (code, short) = (r[0].clone(), r[1].clone());
        let abbr = r.get(2).cloned().unwrap_or_default();
        let list: Vec<String> = r
            .get(3)
            .map(|a| {
                a.split(';')
                    .filter(|x| !x.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default();
        by_code.insert(code.clone(), provinces.len());
        provinces.push((short, code, abbr, list));
    }
    let official: BTreeMap<String, String> = rows(&data.join("china-division-2.7.0/provinces.csv"))
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    for (p, (short, code, _, list)) in provinces.iter().enumerate() {
        let i = places.len();
        places.push(Place {
            name: short.clone(),
            level: Level::Province,
            province: p,
            parent: None,
        });
        name(&mut names, short, i);
        if let Some(full) = official.get(code) {
            name(&mut names, full, i);
        }
        for a in list {
            if short == "海外" && !a.contains('外') {
                // A country's name is weak evidence (英国 is also in 英国风).
                let j = places.len();
                places.push(Place {
                    name: a.clone(),
                    level: Level::Abroad,
                    province: p,
                    parent: Some(i),
                });
                name(&mut names, a, j);
            } else {
                name(&mut names, a, i);
            }
        }
    }

    // Mainland cities and counties.
    let mut city_index: BTreeMap<String, usize> = BTreeMap::new(); // city code -> place
    let mut city_by_name: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for r in rows(&data.join("china-division-2.7.0/cities.csv")) {
        let (code, city, pcode) = (&r[0], &r[1], &r[2]);
        let Some(&p) = by_code.get(pcode) else {
            continue;
        };
        if bookkeeping(city) {
            continue;
        }
        let i = places.len();
        places.push(Place {
            name: city.clone(),
            level: Level::City,
            province: p,
            parent: Some(p),
        });
        city_index.insert(code.clone(), i);
        city_by_name.insert((p, city.clone()), i);
        name(&mut names, city, i);
        if let Some(s) = stem(city) {
            name(&mut names, s, i);
        }
        if let Some(s) = prefecture_short(city) {
            name(&mut names, &s, i);
        }
    }
    let county = |places: &mut Vec<Place>,
                  names: &mut BTreeMap<String, Vec<usize>>,
                  n: &str,
                  p: usize,
                  parent: Option<usize>| {
        let i = places.len();
        places.push(Place {
            name: n.to_string(),
            level: Level::County,
            province: p,
            parent,
        });
        name(names, n, i);
        // A county-level city is written without 市 too (义乌), a district often without 区.
        if n.ends_with('市')
            && let Some(s) = stem(n)
        {
            name(names, s, i);
        }
        if let Some(s) = district_stem(n) {
            name(names, s, i);
        }
    };
    for r in rows(&data.join("china-division-2.7.0/areas.csv")) {
        let (n, ccode, pcode) = (&r[1], &r[2], &r[3]);
        let Some(&p) = by_code.get(pcode) else {
            continue;
        };
        county(
            &mut places,
            &mut names,
            n,
            p,
            city_index.get(ccode).copied(),
        );
    }
    for r in rows(&data.join("china-division-gaps.csv")) {
        let (pcode, city, n) = (&r[0], &r[1], &r[2]);
        let Some(&p) = by_code.get(pcode) else {
            continue;
        };
        let parent = city_by_name.get(&(p, city.clone())).copied();
        county(&mut places, &mut names, n, p, parent);
    }

    // Hong Kong, Macau and Taiwan, in both scripts.
    for file in ["hk_macau_tw/places.csv", "hk_macau_tw/places_hant.csv"] {
        let rows = rows(&data.join(file));
        let mut local: BTreeMap<String, usize> = BTreeMap::new();
        // Parents first: cities (Taiwan), then counties, then areas.
        for pass in ["city", "county", "area"] {
            for r in rows.iter().filter(|r| r[1] == pass) {
                let (prov, n, parent) = (&r[0], &r[2], &r[3]);
                let Some(p) = provinces.iter().position(|(s, ..)| s == prov) else {
                    continue;
                };
                let fold = |s: &str| s.replace('臺', "台");
                let parent_place = local
                    .get(&fold(parent))
                    .copied()
                    .or_else(|| (fold(parent) == fold(prov)).then_some(p));
                let level = match pass {
                    "city" => Level::City,
                    "county" => Level::County,
                    _ => Level::Area,
                };
                let i = places.len();
                places.push(Place {
                    name: n.clone(),
                    level,
                    province: p,
                    parent: parent_place.or(Some(p)),
                });
                local.entry(fold(n)).or_insert(i);
                name(&mut names, n, i);
                if level == Level::City
                    && let Some(s) = stem(n)
                {
                    name(&mut names, s, i);
                }
                // Hong Kong's districts are written without 区 (观塘, 离岛).
                if prov == "香港"
                    && level == Level::County
                    && let Some(s) = n.strip_suffix('区').or(n.strip_suffix('區'))
                {
                    name(&mut names, s, i);
                }
            }
        }
    }

    // Names sorted by their first two characters, longest first within them: the matcher's order.
    let mut sorted: Vec<(&String, &Vec<usize>)> = names.iter().collect();
    sorted.sort_by(|a, b| {
        let (ca, cb) = (a.0.chars().next(), b.0.chars().next());
        let (pa, pb) = (a.0.chars().nth(1), b.0.chars().nth(1));
        ca.cmp(&cb)
            .then(pa.cmp(&pb))
            .then(b.0.len().cmp(&a.0.len()))
            .then(a.0.cmp(b.0))
    });

    let mut out = String::new();
    let _ = writeln!(out, "// Generated by build.rs from data/: do not edit.");
    let _ = writeln!(
        out,
        "/// Provinces: short name, code, one-character abbreviation, official name, aliases."
    );
    let _ = writeln!(
        out,
        "pub(super) static PROVINCES: [ProvinceRow; {}] = [",
        provinces.len()
    );
    for (short, code, abbr, list) in &provinces {
        let full = official.get(code).cloned().unwrap_or_default();
        let _ = writeln!(
            out,
            "    ProvinceRow {{ short: {short:?}, code: {code:?}, abbr: {abbr:?}, official: {full:?}, aliases: &{list:?} }},"
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Every place: its name, level, province index and parent place index."
    );
    let _ = writeln!(
        out,
        "pub(super) static PLACES: [PlaceRow; {}] = [",
        places.len()
    );
    for p in &places {
        let _ = writeln!(
            out,
            "    PlaceRow {{ name: {:?}, level: {}, province: {}, parent: {} }},",
            p.name,
            p.level.rust(),
            p.province,
            p.parent.map_or("NONE".to_string(), |x| x.to_string())
        );
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Every name and the places it names, by first two characters, longest first."
    );
    let _ = writeln!(
        out,
        "pub(super) static NAMES: [(&str, &[u16]); {}] = [",
        sorted.len()
    );
    for (n, ids) in &sorted {
        let _ = writeln!(out, "    ({n:?}, &{ids:?}),");
    }
    let _ = writeln!(out, "];");
    // First two characters -> (key, start, end) in NAMES, laid out as an
    // open-addressed table: a position in an address is tried with one probe
    // or two, and most positions start no name at all.
    let mut pairs: Vec<(u64, usize, usize)> = Vec::new();
    for (k, (n, _)) in sorted.iter().enumerate() {
        let mut cs = n.chars();
        let (Some(a), Some(b)) = (cs.next(), cs.next()) else {
            panic!("place name {n} is shorter than two characters");
        };
        // The matcher skips positions at ASCII characters.
        assert!(
            !a.is_ascii(),
            "place name {n} starts with an ASCII character"
        );
        let key = pair_key(a, b);
        match pairs.last_mut() {
            Some(last) if last.0 == key => last.2 = k + 1,
            _ => pairs.push((key, k, k + 1)),
        }
    }
    assert!(
        pairs.len() * 2 <= PAIR_SLOTS,
        "grow PAIR_SLOTS in src/place/pair_key.rs"
    );
    let mut slots = vec![(0u64, 0usize, 0usize); PAIR_SLOTS];
    for &(key, a, b) in &pairs {
        let mut s = pair_slot(key);
        while slots[s].2 != 0 {
            s = (s + 1) % PAIR_SLOTS;
        }
        slots[s] = (key, a, b);
    }
    let _ = writeln!(
        out,
        "/// A name's first two characters -> its range in NAMES; an empty range is a free slot."
    );
    let _ = writeln!(
        out,
        "pub(super) static PAIRS: [(u64, u16, u16); {}] = [",
        slots.len()
    );
    for (key, a, b) in &slots {
        let _ = writeln!(out, "    ({key}, {a}, {b}),");
    }
    let _ = writeln!(out, "];");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("places.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/place/pair_key.rs");
}
