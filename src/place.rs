//! Places: which province an address, a city, a county or a short name belongs to.
//!
//! The tables come from the `china-division` 2.7.0 data set committed under
//! `data/` (provinces, cities, counties) plus `data/province_aliases.csv` (short
//! names, one-character abbreviations, 港澳台, and 海外 with common country names).
//! One aho-corasick automaton over every name finds them in a text, leftmost-
//! longest, so 海南藏族自治州 beats 海南 and 朝阳区 beats 朝阳.

use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

const PROVINCES_CSV: &str = include_str!("../data/china-division-2.7.0/provinces.csv");
const CITIES_CSV: &str = include_str!("../data/china-division-2.7.0/cities.csv");
const AREAS_CSV: &str = include_str!("../data/china-division-2.7.0/areas.csv");
const ALIASES_CSV: &str = include_str!("../data/province_aliases.csv");

/// Suffixes of city names that people drop when they write an address.
const CITY_SUFFIXES: [&str; 5] = ["自治州", "地区", "市", "盟", "州"];

/// A province-level place, named by its short canonical name (`新疆`, `上海`, `海外`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Province(pub Arc<str>);

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where in the text a place was recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMatch {
    /// The province the text belongs to.
    pub province: Province,
    /// The name that decided it, as written.
    pub source: String,
    /// Its byte range in the text.
    pub span: Range<usize>,
    /// The province's index in [`Places::provinces`].
    pub index: usize,
}

/// What a text says about its province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One province.
    Found(PlaceMatch),
    /// Only a district name that exists in several provinces (西湖区, 朝阳区).
    Ambiguous {
        /// The name, as written.
        source: String,
        /// Its byte range in the text.
        span: Range<usize>,
        /// Every province that has a place of that name.
        provinces: Vec<String>,
    },
    /// No place at all.
    NotFound,
}

/// How strongly a name points to a province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    Province,
    City,
    County,
    /// Country names: only when nothing Chinese is found (英国 is also in 英国风).
    Abroad,
}

/// The lookup tables, built once from the embedded data files.
#[derive(Debug)]
pub struct Places {
    table: &'static ProvinceTable,
    /// Every name, its level and the provinces that have a place of that name.
    entries: Vec<(String, Level, Vec<String>)>,
    /// Automaton pattern id -> entry: provinces, cities and the few odd county names.
    pattern_entry: Vec<usize>,
    /// County names ending in 县/区/市/旗 -> entry; found by looking back from the suffix,
    /// which keeps the automaton (built at every start) an eighth of the size.
    counties: HashMap<String, usize>,
    matcher: AhoCorasick,
}

/// The last characters of almost every county name.
const COUNTY_SUFFIXES: [char; 4] = ['县', '区', '市', '旗'];
/// The longest county name, in characters.
const LONGEST_COUNTY: usize = 15;

/// Province names, short names, aliases and abbreviations: the small table a
/// policy check needs, built without the larger place tables.
#[derive(Debug)]
pub struct ProvinceTable {
    provinces: Vec<String>,
    province_names: HashMap<String, String>,
    abbreviations: HashMap<String, String>,
    by_code: HashMap<String, String>,
    aliases: Vec<(String, String)>,
}

/// The province table, built on first use.
pub fn province_table() -> &'static ProvinceTable {
    static TABLE: OnceLock<ProvinceTable> = OnceLock::new();
    TABLE.get_or_init(ProvinceTable::build)
}

impl ProvinceTable {
    fn build() -> ProvinceTable {
        let mut provinces = Vec::new();
        let mut province_names = HashMap::new();
        let mut abbreviations = HashMap::new();
        let mut by_code = HashMap::new();
        let mut aliases = Vec::new();
        for row in csv_rows(ALIASES_CSV) {
            let (code, short) = (row[0], row[1]);
            provinces.push(short.to_string());
            by_code.insert(code.to_string(), short.to_string());
            province_names.insert(short.to_string(), short.to_string());
            if let Some(abbr) = row.get(2).filter(|a| !a.is_empty()) {
                abbreviations.insert(abbr.to_string(), short.to_string());
            }
            for alias in row
                .get(3)
                .into_iter()
                .flat_map(|a| a.split(';'))
                .filter(|a| !a.is_empty())
            {
                province_names.insert(alias.to_string(), short.to_string());
                aliases.push((alias.to_string(), short.to_string()));
            }
        }
        for row in csv_rows(PROVINCES_CSV) {
            if let Some(short) = by_code.get(row[0]) {
                province_names.insert(row[1].to_string(), short.clone());
                aliases.push((row[1].to_string(), short.clone()));
            }
        }
        ProvinceTable {
            provinces,
            province_names,
            abbreviations,
            by_code,
            aliases,
        }
    }

    /// All canonical province names, in code order (港澳台 and 海外 last).
    pub fn provinces(&self) -> &[String] {
        &self.provinces
    }

    /// A canonical province's index in [`ProvinceTable::provinces`].
    pub fn index_of(&self, province: &str) -> usize {
        self.provinces
            .iter()
            .position(|p| p == province)
            .unwrap_or(usize::MAX)
    }

    /// The canonical province for a province name, short name, alias or abbreviation.
    pub fn province(&self, name: &str) -> Option<Province> {
        let name = name.trim();
        self.province_names
            .get(name)
            .or_else(|| self.abbreviations.get(name))
            .map(|p| Province(p.as_str().into()))
    }
}

/// The place tables, built on first use.
pub fn places() -> &'static Places {
    static PLACES: OnceLock<Places> = OnceLock::new();
    PLACES.get_or_init(Places::build)
}

/// Rows of a simple CSV file (quoted fields without embedded commas), header skipped.
pub fn csv_rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|f| f.trim().trim_matches('"')).collect())
}

/// The embedded county table: (county, city, province code) per row.
pub fn counties() -> Vec<(&'static str, &'static str, &'static str)> {
    let cities: HashMap<&str, &str> = csv_rows(CITIES_CSV).map(|r| (r[0], r[1])).collect();
    csv_rows(AREAS_CSV)
        .map(|r| (r[1], cities.get(r[2]).copied().unwrap_or(""), r[3]))
        .collect()
}

impl Places {
    fn build() -> Places {
        let table = province_table();
        // name -> (level, provinces), the strongest level kept per name.
        // Insertion order (data-file order) keeps the tables deterministic without a sort.
        let mut names: indexmap::IndexMap<String, (Level, Vec<String>)> = indexmap::IndexMap::new();
        let mut add = |name: &str, level: Level, province: &str| {
            let e = names.entry(name.to_string()).or_insert((level, Vec::new()));
            if level < e.0 {
                *e = (level, Vec::new());
            }
            if level == e.0 && !e.1.iter().any(|p| p == province) {
                e.1.push(province.to_string());
            }
        };
        for short in &table.provinces {
            add(short, Level::Province, short);
        }
        for (alias, short) in &table.aliases {
            // Bare country names are weak evidence; 海外/国外 are not.
            let level = if short == "海外" && !alias.contains('外') {
                Level::Abroad
            } else {
                Level::Province
            };
            add(alias, level, short);
        }
        let by_code = &table.by_code;
        for row in csv_rows(CITIES_CSV) {
            let (name, code) = (row[1], row[2]);
            // "市辖区" and "省直辖县级行政区划" are bookkeeping rows, not places.
            let Some(short) = by_code.get(code).filter(|_| !name.contains('辖')) else {
                continue;
            };
            add(name, Level::City, short);
            if let Some(stem) = city_stem(name) {
                add(stem, Level::City, short);
            }
        }
        for row in csv_rows(AREAS_CSV) {
            if let Some(short) = by_code.get(row[3]) {
                add(row[1], Level::County, short);
            }
        }
        let entries: Vec<(String, Level, Vec<String>)> =
            names.into_iter().map(|(n, (l, p))| (n, l, p)).collect();
        let mut counties = HashMap::new();
        let mut pattern_entry = Vec::new();
        for (i, (name, level, _)) in entries.iter().enumerate() {
            if *level == Level::County && name.ends_with(COUNTY_SUFFIXES) {
                counties.insert(name.clone(), i);
            } else {
                pattern_entry.push(i);
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(pattern_entry.iter().map(|&i| entries[i].0.as_str()))
            .expect("place names build an automaton");
        Places {
            table,
            entries,
            pattern_entry,
            counties,
            matcher,
        }
    }

    /// All canonical province names, in code order (港澳台 and 海外 last).
    pub fn provinces(&self) -> &[String] {
        self.table.provinces()
    }

    /// A canonical province's index in [`Places::provinces`].
    pub fn index_of(&self, province: &str) -> usize {
        self.table.index_of(province)
    }

    /// The canonical province for a province name, short name, alias or abbreviation.
    pub fn province(&self, name: &str) -> Option<Province> {
        self.table.province(name)
    }

    /// Finds the province of an address, a city, a county, a province or a short name.
    ///
    /// A province name wins, then the earliest city, then a county whose name is
    /// unique; a county name found in several provinces is ambiguous, never
    /// guessed. One-character abbreviations count only as the whole input,
    /// because inside a text they are parts of other words (南京 is not 北京).
    pub fn locate(&self, text: &str) -> Lookup {
        let trimmed = text.trim();
        if let Some(p) = self.table.abbreviations.get(trimmed) {
            let start = text.find(trimmed).unwrap_or(0);
            return Lookup::Found(PlaceMatch {
                province: Province(p.as_str().into()),
                source: trimmed.to_string(),
                span: start..start + trimmed.len(),
                index: self.index_of(p),
            });
        }
        // Candidates (start, end, entry) from the automaton and from county suffixes.
        let mut found: Vec<(usize, usize, usize)> = self
            .matcher
            .find_iter(text)
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    self.pattern_entry[m.pattern().as_usize()],
                )
            })
            .collect();
        let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (ci, &at) in starts.iter().enumerate() {
            let Some(c) = text[at..]
                .chars()
                .next()
                .filter(|c| COUNTY_SUFFIXES.contains(c))
            else {
                continue;
            };
            let end = at + c.len_utf8();
            // The longest county name ending here.
            if let Some((start, e)) = (2..=LONGEST_COUNTY.min(ci + 1)).rev().find_map(|k| {
                self.counties
                    .get(&text[starts[ci + 1 - k]..end])
                    .map(|e| (starts[ci + 1 - k], *e))
            }) {
                found.push((start, end, e));
            }
        }
        // Leftmost-longest over both: 朝阳区 (a district) beats 朝阳 (a city) at the same place.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut best: Option<(Level, usize, usize, usize)> = None;
        let mut taken_to = 0;
        for (start, end, e) in found {
            if start < taken_to {
                continue;
            }
            taken_to = end;
            let level = self.entries[e].1;
            if best.is_none_or(|b| level < b.0) {
                best = Some((level, start, end, e));
            }
        }
        let Some((_, start, end, e)) = best else {
            return Lookup::NotFound;
        };
        let (name, _, provinces) = &self.entries[e];
        if provinces.len() == 1 {
            Lookup::Found(PlaceMatch {
                province: Province(provinces[0].as_str().into()),
                source: name.clone(),
                span: start..end,
                index: self.index_of(&provinces[0]),
            })
        } else {
            Lookup::Ambiguous {
                source: name.clone(),
                span: start..end,
                provinces: provinces.clone(),
            }
        }
    }

    /// The province names closest to an unknown one.
    pub fn suggest_province(&self, name: &str) -> Vec<String> {
        self.nearest(name, |level| level == Level::Province)
    }

    /// The names closest to an unknown one, for "did you mean" help.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        self.nearest(name, |_| true)
    }

    fn nearest(&self, name: &str, keep: impl Fn(Level) -> bool) -> Vec<String> {
        // Provinces rank before other places on equal scores: 新彊 means 新疆, not 新乡.
        let mut scored: Vec<(f64, Level, &String)> = self
            .entries
            .iter()
            .filter(|(_, level, _)| keep(*level))
            .map(|(k, level, _)| (strsim::normalized_levenshtein(name, k), *level, k))
            .filter(|(s, _, _)| *s >= 0.34)
            .collect();
        scored.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then_with(|| a.2.cmp(b.2))
        });
        scored
            .into_iter()
            .take(3)
            .map(|(_, _, k)| k.clone())
            .collect()
    }
}

/// A city name without its administrative suffix, when two or more characters remain.
fn city_stem(name: &str) -> Option<&str> {
    CITY_SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .filter(|stem| stem.chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn province_of(text: &str) -> Option<String> {
        match places().locate(text) {
            Lookup::Found(m) => Some(m.province.0.to_string()),
            _ => None,
        }
    }

    #[test]
    fn full_short_and_abbreviated_names() {
        assert_eq!(province_of("新疆维吾尔自治区").as_deref(), Some("新疆"));
        assert_eq!(province_of("内蒙").as_deref(), Some("内蒙古"));
        assert_eq!(province_of("沪").as_deref(), Some("上海"));
        assert_eq!(province_of("苏").as_deref(), Some("江苏"));
        assert_eq!(province_of("香港").as_deref(), Some("香港"));
        assert_eq!(province_of("海外").as_deref(), Some("海外"));
        assert_eq!(province_of("美国加州").as_deref(), Some("海外"));
    }

    #[test]
    fn addresses_cities_and_counties() {
        assert_eq!(
            province_of("收货地址:新疆维吾尔自治区 乌鲁木齐市 天山区").as_deref(),
            Some("新疆")
        );
        assert_eq!(
            province_of("张三,138****0000,浙江省杭州市西湖区").as_deref(),
            Some("浙江")
        );
        assert_eq!(province_of("寄到乌鲁木齐").as_deref(), Some("新疆"));
        assert_eq!(province_of("南京市鼓楼区").as_deref(), Some("江苏"));
        assert_eq!(province_of("海南藏族自治州共和县").as_deref(), Some("青海"));
        assert_eq!(province_of("余杭区良渚街道").as_deref(), Some("浙江"));
    }

    #[test]
    fn a_district_in_several_provinces_is_ambiguous() {
        match places().locate("西湖区文三路") {
            Lookup::Ambiguous {
                source, provinces, ..
            } => {
                assert_eq!(source, "西湖区");
                assert!(
                    provinces.contains(&"浙江".to_string())
                        && provinces.contains(&"江西".to_string())
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(province_of("朝阳区"), None);
    }

    #[test]
    fn abbreviation_inside_a_word_is_not_a_province() {
        assert_eq!(places().locate("京东"), Lookup::NotFound);
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
