//! Region groups: known provinces, each in at most one group, and no more
//! groups than a condition's bit set can hold.

use indexmap::IndexMap;
use std::collections::HashMap;

use super::Checker;
use crate::located::Located;
use crate::place::{places, province_table};
use crate::policy::{Kind, MAX_REGION_GROUPS, RegionGroup};

/// The checked groups and each province's group.
pub(super) struct Regions {
    pub groups: Vec<RegionGroup>,
    pub group_of: HashMap<String, usize>,
}

pub(super) fn check(c: &mut Checker, raw: &IndexMap<String, Vec<Located<String>>>) -> Regions {
    let mut groups: Vec<RegionGroup> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    if raw.len() > MAX_REGION_GROUPS {
        c.error::<()>(None, Kind::TooManyGroups { count: raw.len() });
        return Regions { groups, group_of };
    }
    for (name, provinces) in raw {
        let index = groups.len();
        let mut canon = Vec::new();
        if provinces.is_empty() {
            c.warn::<()>(
                None,
                Kind::EmptyGroup {
                    group: name.clone(),
                },
            );
        }
        for p in provinces {
            if p.value.contains(['，', '、', '；']) {
                c.error(
                    Some(p),
                    Kind::TwoWordsInOne {
                        word: p.value.clone(),
                        list: format!("regions.{name}"),
                    },
                );
                continue;
            }
            let Some(found) = province_table().province(&p.value) else {
                // A city or district (兰州): name its province, never a sound-alike (贵州).
                let kind = match places().locate(&p.value) {
                    crate::place::Lookup::Found(m) => Kind::CityAsProvince {
                        name: p.value.clone(),
                        group: name.clone(),
                        province: m.province.0.to_string(),
                    },
                    _ => Kind::UnknownProvince {
                        name: p.value.clone(),
                        group: name.clone(),
                        near: places().suggest_province(&p.value),
                    },
                };
                c.error(Some(p), kind);
                continue;
            };
            if let Some(other) = group_of.get(found.0) {
                let first = groups
                    .get(*other)
                    .map_or_else(|| name.clone(), |g| g.name.clone());
                c.error(
                    Some(p),
                    Kind::ProvinceInTwoGroups {
                        province: found.0.to_string(),
                        first,
                        second: name.clone(),
                    },
                );
                continue;
            }
            group_of.insert(found.0.to_string(), index);
            canon.push(found.0.to_string());
        }
        groups.push(RegionGroup {
            name: name.clone(),
            provinces: canon,
        });
    }
    Regions { groups, group_of }
}
