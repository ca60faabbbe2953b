//! The place tables, made at build time from the division data under `data/`
//! (see `build.rs`): provinces with their names and abbreviations, every city,
//! county and area with its level, province and parent, and every name sorted
//! for matching. Nothing is parsed or built when the program starts.

/// How a name places an address, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// A province (新疆, 浙江省, 内蒙).
    Province,
    /// A city or prefecture (杭州, 海南藏族自治州), or a Taiwan city or county.
    City,
    /// A county or district (西湖区, 共和县), a Hong Kong district or a Macau parish.
    County,
    /// A name people write that is no division (旺角, 铜锣湾, 氹仔).
    Area,
    /// A country abroad (美国): weak, 英国 is also in 英国风.
    Abroad,
}

/// A province as the tables hold it.
#[derive(Debug)]
pub struct ProvinceRow {
    /// Short canonical name (新疆).
    pub short: &'static str,
    /// GB/T 2260 code.
    pub code: &'static str,
    /// One-character abbreviation (新), empty when none.
    pub abbr: &'static str,
    /// Official name (新疆维吾尔自治区), empty for 海外.
    pub official: &'static str,
    /// Other names (内蒙, 香港特别行政区, 国外).
    pub aliases: &'static [&'static str],
}

/// A place as the tables hold it.
#[derive(Debug)]
pub struct PlaceRow {
    /// Its name.
    pub name: &'static str,
    /// Its level.
    pub level: Level,
    /// Index of its province in [`PROVINCES`].
    pub province: u16,
    /// Index of the place it lies in (a county's city), or [`NONE`].
    pub parent: u16,
}

/// No parent.
pub const NONE: u16 = u16::MAX;

include!(concat!(env!("OUT_DIR"), "/places.rs"));

mod pair_key {
    include!("pair_key.rs");
}
use pair_key::{PAIR_SLOTS, pair_key, pair_slot};

/// The longest known name the text at `at` starts with, and the places it
/// names, given the first two characters there (`a`, `b`: a caller walking the
/// text has them already). Every name has two characters or more, so they
/// find the few candidates in one or two probes.
#[inline]
pub fn longest_name_from(
    text: &str,
    at: usize,
    a: char,
    b: char,
) -> Option<(&'static str, &'static [u16])> {
    let rest = &text[at..];
    // Names are Chinese: a position at an ASCII letter, digit or mark starts none.
    if a.is_ascii() {
        return None;
    }
    let key = pair_key(a, b);
    let mut slot = pair_slot(key);
    loop {
        let (k, start, end) = PAIRS[slot];
        if start == end {
            return None;
        }
        if k == key {
            return NAMES[usize::from(start)..usize::from(end)]
                .iter()
                .find(|(name, _)| rest.as_bytes().starts_with(name.as_bytes()))
                .copied();
        }
        slot = (slot + 1) % PAIR_SLOTS;
    }
}
