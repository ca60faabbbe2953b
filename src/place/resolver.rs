//! Resolving an address to its province by its hierarchy: every place name in
//! the text is found (the longest at each start; a name inside a longer one is
//! not a mention of its own), names that belong to a road, a building, a shop
//! or a product are set aside (北京路, 新疆大厦, 老北京布鞋), and then the most
//! specific consistent chain decides: a city over a county it does not hold, a
//! province with the counties inside it. Nothing found is `NotFound`; several
//! provinces left are `Ambiguous` with every candidate, never a guess.

use std::ops::Range;

use super::tables::{Level, NONE, PLACES, PROVINCES, longest_name_from};
use super::{Lookup, PlaceMatch, Province};
use crate::text::{Phrases, WordFile, WordList};
use smallvec::SmallVec;
use std::sync::LazyLock;

/// Mentions of one level, kept inline like [`Ids`].
type Group<'a> = SmallVec<[&'a Mention; 8]>;

/// What follows a name when it names a road, a street or a building, not a place.
static ROADS: WordList = WordList::named(&WORDS, "road");
/// What follows a name when it names a kind of thing (湖南人, 四川话, 老北京布鞋).
static NOT_PLACES: WordList = WordList::named(&WORDS, "not_place");
/// Words that hide the place names they overlap (大学城北区 is a campus, not 西宁 城北区).
static BLOCKERS: WordList = WordList::named(&WORDS, "blocker");

/// Direction and order words between a name and a road (北京中路, 上海东路, 香港二路).
const ROAD_WAY: &[char] = &[
    '东', '西', '南', '北', '中', '一', '二', '三', '四', '五', '六', '七', '八', '九',
];

/// Province indexes, kept inline: an address names a handful, and the
/// resolver runs once per case in a replay of millions.
type Ids = SmallVec<[u16; 8]>;

/// A name found in the text, with its provinces and level worked out once.
#[derive(Debug, Clone)]
struct Mention {
    span: Range<usize>,
    name: &'static str,
    places: &'static [u16],
    /// The provinces it may lie in, sorted, each once.
    provinces: Ids,
    /// The strongest level it names.
    level: Level,
}

impl Mention {
    fn new(span: Range<usize>, name: &'static str, places: &'static [u16]) -> Mention {
        let rows = places.iter().map(|&i| &PLACES[usize::from(i)]);
        let mut provinces: Ids = rows.clone().map(|p| p.province).collect();
        provinces.sort_unstable();
        provinces.dedup();
        let level = rows.map(|p| p.level).min().unwrap_or(Level::Abroad);
        Mention {
            span,
            name,
            places,
            provinces,
            level,
        }
    }

    fn places(&self) -> impl Iterator<Item = (u16, &'static super::tables::PlaceRow)> + '_ {
        self.places.iter().map(|&i| (i, &PLACES[usize::from(i)]))
    }

    fn provinces(&self) -> &[u16] {
        &self.provinces
    }

    /// The strongest level it names.
    fn level(&self) -> Level {
        self.level
    }
}

/// Every place name in `text`, the longest at each start, none inside another.
fn mentions(text: &str) -> SmallVec<[Mention; 8]> {
    let mut out = SmallVec::new();
    let mut covered = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((at, a)) = chars.next() {
        let Some(&(_, b)) = chars.peek() else {
            break;
        };
        let Some((name, places)) = longest_name_from(text, at, a, b) else {
            continue;
        };
        let end = at + name.len();
        if end <= covered {
            continue;
        }
        covered = end;
        out.push(Mention::new(at..end, name, places));
    }
    out
}

/// Whether the words after a name make it part of a road, a building or a thing;
/// a place named right after it (拉萨市城关区) is no road.
fn not_an_address(text: &str, m: &Mention, all: &[Mention]) -> bool {
    if all.iter().any(|o| o.span.start == m.span.end) {
        return false;
    }
    let after = &text[m.span.end..];
    let way = after.trim_start_matches(ROAD_WAY);
    // 北京中路: a direction then 路 is a road; 北京中心 is a building, 中心 is in data/place_words.txt (road).
    let road = |s: &str| ROADS.starts(s);
    let named_road = way.len() < after.len() && way.starts_with(['路', '街', '道']);
    // A name that carries its own 区/县/市 before a two-character street name is the
    // place itself (海淀区学院路, 岳池县中心街); 石家庄市路 and 石家庄市大厦 are named after it.
    // The street's name is two Chinese characters: 西湖区路1路 names no street (and
    // must read as 西湖区路5272路 does, whatever its number).
    let own_street = m.name.ends_with(['区', '县', '市', '旗'])
        && after.chars().take(2).all(|c| c as u32 >= 0x4E00)
        && after
            .chars()
            .nth(2)
            .is_some_and(|c| matches!(c, '路' | '街' | '道'));
    let part_of_road = (road(after) || named_road) && !own_street;
    // A province or city name followed by 市/省/区 is itself, not a road (北京市).
    part_of_road && !after.starts_with(['市', '省', '区', '县'])
        // 湖南人 is a person, 岳池县人民路 / 人民医院 a place in the county.
        || NOT_PLACES.starts(after) && !after.starts_with("人民")
}

/// The words beside a place name (`data/place_words.txt`).
pub(crate) static WORDS: WordFile = WordFile::new(include_str!("../../data/place_words.txt"));
/// [`BLOCKERS`] with each word's length, to mark the span it hides.
static BLOCKED: LazyLock<Phrases<usize>> =
    LazyLock::new(|| Phrases::new(BLOCKERS.words().iter().map(|w| (*w, w.len()))));
/// The last character of each blocker, each once.
static BLOCKER_ENDS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut ends: Vec<char> = BLOCKERS
        .words()
        .iter()
        .filter_map(|w| w.chars().next_back())
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
});

/// Builds the resolver's word matchers now, so a caller can do it on another thread.
pub fn warm_up() {
    ROADS.phrases();
    LazyLock::force(&BLOCKED);
    LazyLock::force(&BLOCKER_ENDS);
    NOT_PLACES.phrases();
}

/// Characters before a name that set it off as a place (寄到新疆, 在杭州).
const LEADS: &[char] = &[
    '到', '在', '往', '寄', '发', '至', '址', '是', '从', '送', '回', '住', '来', '去', '省', '市',
    '区', '县', '州', '盟',
];
/// Characters after a name that set it off as a place (新疆那边, 福建省).
const TRAILS: &[char] = &[
    '省', '市', '区', '县', '州', '盟', '镇', '乡', '那', '这', '的', '地', '一', '哪', '啊', '呢',
    '吧',
];

/// Whether a two-character name stands as a word of its own: set off by the
/// start or end of the text, punctuation, space, another place, or a word
/// like 到 before it or 省 after it. 幸福建设路 holds no 福建.
fn stands_alone(text: &str, m: &Mention, all: &[Mention]) -> bool {
    let district_stem = m.level() >= Level::County && m.places().all(|(_, p)| p.name != m.name);
    if m.name.chars().count() > 2 && !district_stem {
        return true;
    }
    let before = text[..m.span.start].chars().next_back();
    let after = text[m.span.end..].chars().next();
    let cjk = |c: char| c as u32 >= 0x3400;
    let left = before.is_none_or(|c| !cjk(c) || LEADS.contains(&c))
        || all.iter().any(|o| o.span.end == m.span.start);
    // 余杭买家: an agent's note names the buyer by their place.
    let right = after.is_none_or(|c| !cjk(c) || TRAILS.contains(&c))
        || text[m.span.end..].starts_with("买家")
        || all.iter().any(|o| o.span.start == m.span.end);
    // A district's short form (海拉尔, 浦东, 观塘) must stand apart on both sides:
    // 楼下花园 holds no 下花园.
    if district_stem {
        left && right
    } else {
        left || right
    }
}

/// Whether a county's name follows a city we do not know (青云市朝阳区): that
/// county then says nothing of the province.
fn under_unknown_city(text: &str, m: &Mention, all: &[Mention]) -> bool {
    let before = &text[..m.span.start];
    before.ends_with('市')
        && before
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c as u32 >= 0x4E00)
        && !all.iter().any(|o| o.span.end == m.span.start)
}

/// How many mentions either side of one can touch it (several names may start
/// at one character: 南京, 南京市).
const NEIGHBOURS: usize = 8;

/// The province of an address, by its hierarchy of names.
pub fn locate(text: &str) -> Lookup {
    // Traditional place names are matched in Simplified, as the paste reader reads them.
    if crate::text::has_traditional(text) {
        return locate_simplified(&zhconv::zhconv(text, zhconv::Variant::ZhHans));
    }
    locate_simplified(text)
}

fn locate_simplified(text: &str) -> Lookup {
    let trimmed = text.trim();
    // A one-character abbreviation counts only as the whole input (沪): inside a
    // text it is part of other words (南京 is not 北京).
    // Abbreviations are one character: longer input skips the search.
    let one_char = trimmed.chars().nth(1).is_none();
    if let Some((i, p)) = PROVINCES
        .iter()
        .enumerate()
        .find(|(_, p)| one_char && !p.abbr.is_empty() && p.abbr == trimmed)
    {
        let start = text.find(trimmed).unwrap_or(0);
        return Lookup::Found(PlaceMatch {
            province: Province(p.short),
            source: p.abbr,
            span: start..start + trimmed.len(),
            index: i,
        });
    }
    let all = mentions(text);
    let mut blocked: SmallVec<[Range<usize>; 2]> = SmallVec::new();
    // A blocker needs its last character in the text: most addresses hold none, and one
    // search per such character is cheaper than trying every position.
    if BLOCKER_ENDS.iter().any(|&c| text.contains(c)) {
        BLOCKED.for_each_overlapping(text, |i, len| blocked.extend(len.iter().map(|n| i..i + n)));
    }
    // The tests below look only at the mentions next to one (the one ending where it
    // starts, or starting where it ends); mentions come in text order, so a few
    // either side hold them, and a long paste is not read once per name.
    let near = |k: usize| &all[k.saturating_sub(NEIGHBOURS)..(k + NEIGHBOURS + 1).min(all.len())];
    let mut kept: Group = all
        .iter()
        .enumerate()
        .filter(|&(k, m)| !not_an_address(text, m, near(k)))
        .filter(|&(k, m)| stands_alone(text, m, near(k)))
        .filter(|&(k, m)| !(m.level() == Level::County && under_unknown_city(text, m, near(k))))
        .map(|(_, m)| m)
        .filter(|m| {
            !blocked
                .iter()
                .any(|b| b.start < m.span.end && m.span.start < b.end)
        })
        .collect();
    // Names everyone writes for parts of estates and campuses (东区, 北角) count
    // only beside another place of the same province (香港东区, 台中市北区).
    let weak = |m: &Mention| {
        m.name.chars().count() == 2
            && m.name.starts_with(['东', '西', '南', '北', '中'])
            && m.name.ends_with('区')
    };
    let backed = |m: &Mention, all: &[&Mention]| {
        all.iter()
            .any(|o| o.span != m.span && o.provinces().iter().any(|p| m.provinces().contains(p)))
    };
    if kept.iter().any(|m| weak(m)) {
        let snapshot = kept.clone();
        kept.retain(|m| !weak(m) || backed(m, &snapshot));
    }
    decide(&kept)
}

/// The most specific consistent chain among the mentions.
fn decide(ms: &[&Mention]) -> Lookup {
    let Some((candidates, sources)) = candidates(ms) else {
        return Lookup::NotFound;
    };
    answer(&best_supported(ms, candidates), &sources)
}

/// The provinces the mentions can mean, from the most telling level that has
/// any (cities, else provinces, counties, areas, places abroad), and the
/// mentions that can quote the answer; `None` when nothing is mentioned.
fn candidates<'a>(ms: &[&'a Mention]) -> Option<(Ids, Group<'a>)> {
    let at = |l: Level| -> Group { ms.iter().filter(|m| m.level() == l).copied().collect() };
    let (provinces, cities, counties, areas, abroad) = (
        at(Level::Province),
        at(Level::City),
        at(Level::County),
        at(Level::Area),
        at(Level::Abroad),
    );
    // Places a set of mentions names, of one level.
    let named = |group: &[&Mention], level: Level| -> Ids {
        let mut v: Ids = group
            .iter()
            .flat_map(|m| m.places().filter(|(_, p)| p.level == level).map(|(i, _)| i))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let province_set: Ids = provinces
        .iter()
        .flat_map(|m| m.provinces().iter().copied())
        .collect();
    let city_places = named(&cities, Level::City);
    // A county lies under a mentioned city, or under a mentioned province.
    let linked = |m: &Mention| {
        m.places().any(|(_, p)| {
            (p.parent != NONE && city_places.contains(&p.parent))
                || province_set.contains(&p.province)
        })
    };
    // A city written without its suffix (朝阳) that lies outside the province
    // named (北京朝阳望京) is a district's short name, not that city.
    let cities: Group = cities
        .into_iter()
        .filter(|m| {
            province_set.is_empty()
                || m.provinces().iter().any(|p| province_set.contains(p))
                || m.places().any(|(_, p)| p.name == m.name)
        })
        .collect();
    let (candidates, sources): (Ids, Group) = if !cities.is_empty() {
        let mut cands = common(&cities);
        if !province_set.is_empty() {
            let both: Ids = cands
                .iter()
                .copied()
                .filter(|p| province_set.contains(p))
                .collect();
            if !both.is_empty() {
                cands = both;
            }
        }
        // Several cities' provinces: the counties under them decide.
        if cands.len() > 1 {
            let under: Ids = counties
                .iter()
                .filter(|m| linked(m))
                .flat_map(|m| m.provinces().iter().copied())
                .filter(|p| cands.contains(p))
                .collect();
            if !under.is_empty() {
                cands = dedup(under);
            }
        }
        let mut src: Group = counties.iter().copied().filter(|m| linked(m)).collect();
        src.extend(cities.iter().copied());
        (cands, src)
    } else if !provinces.is_empty() {
        let mut cands = dedup(province_set.clone());
        if cands.len() > 1 {
            let under: Ids = counties
                .iter()
                .flat_map(|m| m.provinces().iter().copied())
                .filter(|p| cands.contains(p))
                .collect();
            if !under.is_empty() {
                cands = dedup(under);
            }
        }
        (cands, provinces.clone())
    } else if !counties.is_empty() {
        (common(&counties), counties.clone())
    } else if !areas.is_empty() {
        (common(&areas), areas.clone())
    } else if !abroad.is_empty() {
        (common(&abroad), abroad.clone())
    } else {
        return None;
    };
    Some((candidates, sources))
}

/// Of several candidates, the provinces most of the mentions agree with.
fn best_supported(ms: &[&Mention], candidates: Ids) -> Ids {
    // Still several: the province more of the other names agree with.
    if candidates.len() > 1 {
        let support = |p: u16| ms.iter().filter(|m| m.provinces().contains(&p)).count();
        let best = candidates.iter().map(|p| support(*p)).max().unwrap_or(0);
        let top: Ids = candidates
            .iter()
            .copied()
            .filter(|p| support(*p) == best)
            .collect();
        top
    } else {
        candidates
    }
}

/// The answer: one province, quoted from the most specific mention that
/// holds it, or several.
fn answer(candidates: &[u16], sources: &[&Mention]) -> Lookup {
    // The most specific mention that holds the answer quotes it.
    let source = |p: u16| {
        sources
            .iter()
            .filter(|m| m.provinces().contains(&p))
            .min_by_key(|m| m.level())
            .or(sources.first())
            .copied()
    };
    match candidates {
        [] => Lookup::NotFound,
        [p] => {
            let Some(m) = source(*p) else {
                return Lookup::NotFound;
            };
            let row = &PROVINCES[usize::from(*p)];
            Lookup::Found(PlaceMatch {
                province: Province(row.short),
                source: m.name,
                span: m.span.clone(),
                index: usize::from(*p),
            })
        }
        many => {
            let m = sources.first().copied();
            Lookup::Ambiguous {
                source: m.map(|m| m.name.to_string()).unwrap_or_default(),
                span: m.map_or(0..0, |m| m.span.clone()),
                provinces: many
                    .iter()
                    .map(|p| PROVINCES[usize::from(*p)].short.to_string())
                    .collect(),
            }
        }
    }
}

/// The provinces every mention of a group agrees on; failing that, all of them.
fn common(group: &[&Mention]) -> Ids {
    let mut sets = group.iter().map(|m| m.provinces());
    let Some(first) = sets.next() else {
        return Ids::new();
    };
    let mut all = Ids::from_slice(first);
    let mut both = all.clone();
    for s in sets {
        both.retain(|p| s.contains(p));
        all.extend_from_slice(s);
    }
    if both.is_empty() { dedup(all) } else { both }
}

fn dedup(mut v: Ids) -> Ids {
    v.sort_unstable();
    v.dedup();
    v
}
