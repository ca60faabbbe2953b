//! Places: which province an address, a city or a short name belongs to.
//!
//! The table is built from the `china-division` data set committed under
//! `data/` (provinces and cities) plus `data/province_aliases.csv`, which adds
//! the short names and one-character abbreviations, 港澳台 and a pseudo-province
//! for overseas addresses. Nothing here is hand-typed geography.

use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES_CSV: &str = include_str!("../data/china-division-2.7.0/provinces.csv");
const CITIES_CSV: &str = include_str!("../data/china-division-2.7.0/cities.csv");
const ALIASES_CSV: &str = include_str!("../data/province_aliases.csv");

/// Suffixes of city names that people drop when they write an address.
const CITY_SUFFIXES: [&str; 5] = ["自治州", "地区", "市", "盟", "州"];

/// A province-level place, named by its short canonical name (`新疆`, `上海`, `海外`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Province(pub String);

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where in the text a place was recognised, and as what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMatch {
    /// The province the text belongs to.
    pub province: Province,
    /// The part of the text that decided it.
    pub source: String,
}

/// The lookup tables, built once from the embedded data files.
#[derive(Debug)]
pub struct Places {
    /// Canonical short names in code order.
    provinces: Vec<String>,
    /// Every full or short province name (and alias) -> canonical short name.
    province_names: HashMap<String, String>,
    /// One-character abbreviations (沪, 苏) -> canonical short name; only a whole input.
    abbreviations: HashMap<String, String>,
    /// City names, full and without their suffix -> canonical province.
    cities: HashMap<String, String>,
}

/// The place tables, built on first use.
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(Places::build)
}

/// Rows of a simple CSV file (quoted fields without embedded commas), header skipped.
fn csv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|f| f.trim().trim_matches('"')).collect())
}

impl Places {
    fn build() -> Places {
        let mut provinces = Vec::new();
        let mut province_names = HashMap::new();
        let mut abbreviations = HashMap::new();
        let mut by_code: HashMap<String, String> = HashMap::new();
        for row in csv_rows(ALIASES_CSV) {
            let (code, short) = (row[0], row[1]);
            provinces.push(short.to_string());
            by_code.insert(code.to_string(), short.to_string());
            province_names.insert(short.to_string(), short.to_string());
            if let Some(abbr) = row.get(2).filter(|a| !a.is_empty()) {
                abbreviations.insert(abbr.to_string(), short.to_string());
            }
            for alias in row.get(3).into_iter().flat_map(|a| a.split(';')) {
                if !alias.is_empty() {
                    province_names.insert(alias.to_string(), short.to_string());
                }
            }
        }
        for row in csv_rows(PROVINCES_CSV) {
            if let Some(short) = by_code.get(row[0]) {
                province_names.insert(row[1].to_string(), short.clone());
            }
        }
        let mut cities = HashMap::new();
        for row in csv_rows(CITIES_CSV) {
            let (name, province_code) = (row[1], row[2]);
            // "市辖区" and "省直辖县级行政区划" are bookkeeping rows, not places.
            if name.contains("辖") {
                continue;
            }
            let Some(short) = by_code.get(province_code) else {
                continue;
            };
            cities.insert(name.to_string(), short.clone());
            if let Some(stem) = city_stem(name) {
                cities
                    .entry(stem.to_string())
                    .or_insert_with(|| short.clone());
            }
        }
        Places {
            provinces,
            province_names,
            abbreviations,
            cities,
        }
    }

    /// All canonical province names, in code order (港澳台 and 海外 last).
    pub fn provinces(&self) -> &[String] {
        &self.provinces
    }

    /// The canonical province for a province name, short name, alias or abbreviation.
    pub fn province(&self, name: &str) -> Option<Province> {
        let name = name.trim();
        self.province_names
            .get(name)
            .or_else(|| self.abbreviations.get(name))
            .map(|p| Province(p.clone()))
    }

    /// Finds the province of an address, a city, a province or a short name.
    ///
    /// A province name anywhere in the text wins; otherwise the earliest city
    /// name. One-character abbreviations count only as the whole input, because
    /// inside an address they are part of other words (南京 is not 北京).
    pub fn locate(&self, text: &str) -> Option<PlaceMatch> {
        let text = text.trim();
        if let Some(p) = self.abbreviations.get(text) {
            return Some(PlaceMatch {
                province: Province(p.clone()),
                source: text.to_string(),
            });
        }
        // One pass over both tables: 海南藏族自治州 (a city of 青海) must beat 海南.
        let candidates = self
            .province_names
            .iter()
            .chain(self.cities.iter())
            .filter_map(|(k, v)| {
                let at = text.find(k.as_str())?;
                // A city stem followed by 区/县 is a district of the same name elsewhere
                // (朝阳区 is in 北京, 朝阳市 in 辽宁): not evidence of the city.
                let next = text[at + k.len()..].chars().next();
                let district =
                    matches!(next, Some('区' | '县')) && !k.ends_with(['市', '州', '盟']);
                (!district).then_some((at, k.as_str(), v.as_str()))
            });
        earliest_longest(candidates).map(|(source, p)| PlaceMatch {
            province: Province(p.to_string()),
            source: source.to_string(),
        })
    }

    /// The names closest to an unknown one, for "did you mean" help.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        // Provinces rank before cities on equal scores: 新彊 means 新疆, not 新乡.
        let mut scored: Vec<(f64, u8, &String)> = self
            .province_names
            .keys()
            .map(|k| (k, 0))
            .chain(self.cities.keys().map(|k| (k, 1)))
            .map(|(k, rank)| (strsim::normalized_levenshtein(name, k), rank, k))
            .filter(|(s, _, _)| *s >= 0.34)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(b.2))
        });
        let mut out: Vec<String> = Vec::new();
        for (_, _, k) in scored {
            if !out.contains(k) {
                out.push(k.clone());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// A city name without its administrative suffix, when two or more characters remain.
fn city_stem(name: &str) -> Option<&str> {
    CITY_SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 2)
}

/// The earliest of the found names, the longest one where two start at the same place.
fn earliest_longest<'a>(
    found: impl Iterator<Item = (usize, &'a str, &'a str)>,
) -> Option<(&'a str, &'a str)> {
    found
        .min_by(|a, b| {
            a.0.cmp(&b.0)
                .then(b.1.len().cmp(&a.1.len()))
                .then(a.1.cmp(b.1))
        })
        .map(|(_, k, v)| (k, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn province_of(text: &str) -> Option<String> {
        places().locate(text).map(|m| m.province.0)
    }

    #[test]
    fn full_short_and_abbreviated_names() {
        assert_eq!(province_of("新疆维吾尔自治区").as_deref(), Some("新疆"));
        assert_eq!(province_of("内蒙").as_deref(), Some("内蒙古"));
        assert_eq!(province_of("沪").as_deref(), Some("上海"));
        assert_eq!(province_of("苏").as_deref(), Some("江苏"));
        assert_eq!(province_of("香港").as_deref(), Some("香港"));
        assert_eq!(province_of("海外").as_deref(), Some("海外"));
    }

    #[test]
    fn addresses_and_cities() {
        assert_eq!(
            province_of("收货地址:新疆维吾尔自治区 乌鲁木齐市 天山区").as_deref(),
            Some("新疆")
        );
        assert_eq!(
            province_of("张三,138****0000,浙江省杭州市西湖区").as_deref(),
            Some("浙江")
        );
        assert_eq!(province_of("乌鲁木齐").as_deref(), Some("新疆"));
        assert_eq!(province_of("南京市鼓楼区").as_deref(), Some("江苏"));
        assert_eq!(province_of("呼伦贝尔").as_deref(), Some("内蒙古"));
        assert_eq!(province_of("海南藏族自治州共和县").as_deref(), Some("青海"));
        assert_eq!(province_of("朝阳区"), None);
    }

    #[test]
    fn abbreviation_inside_a_word_is_not_a_province() {
        assert_eq!(province_of("京东"), None);
    }

    #[test]
    fn every_province_of_the_data_set_is_known() {
        let p = places();
        assert_eq!(p.provinces().len(), 35);
        for row in csv_rows(PROVINCES_CSV) {
            assert!(p.province(row[1]).is_some(), "{} unknown", row[1]);
        }
    }
}
