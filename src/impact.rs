//! What a policy edit does to the advice: the edited policy and a reference
//! (the last good one, `check --against`, or the bundled one) decide the same
//! fixed sample of cases — generated ones covering every defect, region group,
//! fault and stage, plus the journal's stored cases — and the differences are
//! counted and told in Chinese, so no edit that moves money goes live unseen.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::case::{Case, CaseInput, Defect, Fault, Material, Platform, Stage, Threat, Wants};
use crate::engine::decide_untraced;
use crate::money::Money;
use crate::place::{Lookup, places};
use crate::policy::{Policy, Resolution, Shipping};

/// How many generated cases the sample holds: enough that every rule of the
/// bundled policy decides some of them, few enough to answer in milliseconds.
const GENERATED: usize = 6000;
/// The seed of the generated sample: the same cases on every run.
const SEED: u64 = 20_261_120;
/// How many of the largest changes are shown.
const SHOWN: usize = 5;

/// One case of the sample, with how it is described to the manager.
pub struct SampleCase {
    /// The case.
    pub case: Case,
    /// Where it came from: `生成` or `案例 #12`.
    pub from: String,
}

/// The fixed sample: generated cases, then the journal's (as case-log JSON
/// lines, the form `Journal::replay_rows` gives); a journal line that no
/// longer reads is left out.
pub fn sample(journal: &[(i64, String)]) -> Vec<SampleCase> {
    let mut out = generated();
    for (id, line) in journal {
        let Ok(input) = CaseInput::from_yaml(line, "journal") else {
            continue;
        };
        if let Ok(case) = input.into_case(day()) {
            out.push(SampleCase {
                case,
                from: format!("案例 #{id}"),
            });
        }
    }
    out
}

/// The day the generated cases are asked on: fixed, so the sample never
/// depends on the day it is drawn.
fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default()
}

/// Provinces standing for every region group of the bundled policy and for
/// provinces in none, several per group so that moving one shows.
const PROVINCES: &[&str] = &[
    "浙江",
    "江苏",
    "上海",
    "新疆",
    "内蒙古",
    "青海",
    "西藏",
    "香港",
    "台湾",
    "广东",
    "湖北",
    "四川",
    "北京",
    "山东",
    "河南",
    "云南",
];
const PRICES: &[&str] = &[
    "9.90", "15.00", "19.90", "20.00", "39.00", "59.00", "89.00", "129.00", "199.00", "299.00",
    "599.00", "1299.00", "6999.00",
];
const ASKS: &[&str] = &[
    "2", "4", "5", "8", "10", "12", "15", "20", "30", "50", "100",
];
const TITLES: &[&str] = &[
    "2026新款 女士单鞋",
    "男鞋 特价 清仓",
    "帆布鞋 秒杀",
    "定制 皮鞋 预售",
];

fn generated() -> Vec<SampleCase> {
    let mut rng = fastrand::Rng::with_seed(SEED);
    let mut located = Vec::new();
    for p in PROVINCES {
        if let Lookup::Found(m) = places().locate(p) {
            located.push(m);
        }
    }
    let today = day();
    let back =
        |rng: &mut fastrand::Rng, most: i64| today - chrono::Duration::days(rng.i64(0..=most));
    let maybe = |rng: &mut fastrand::Rng, in_ten: u8| rng.u8(0..10) < in_ten;
    let mut out = Vec::with_capacity(GENERATED);
    for i in 0..GENERATED {
        // Every defect in turn, the other facts drawn: each defect meets each fact often.
        let defect = Defect::ALL[i % Defect::ALL.len()];
        let stage = match rng.u8(0..10) {
            0 => None,
            1 | 2 => Some(Stage::Unshipped),
            3 => Some(Stage::InTransit),
            4 => Some(Stage::Completed),
            _ => Some(Stage::Signed),
        };
        let delivered = matches!(stage, Some(Stage::Signed | Stage::Completed));
        let case = Case {
            defect: Some(defect),
            region: (!located.is_empty()).then(|| located[rng.usize(..located.len())].clone()),
            title: Some(TITLES[rng.usize(..TITLES.len())].to_string()),
            fault: match rng.u8(0..6) {
                0 => Some(Fault::Shop),
                1 => Some(Fault::Buyer),
                2 => Some(Fault::Logistics),
                _ => None,
            },
            price: PRICES[rng.usize(..PRICES.len())].parse().ok(),
            ask: maybe(&mut rng, 5)
                .then(|| ASKS[rng.usize(..ASKS.len())].parse().ok())
                .flatten(),
            free_shipping: Some(rng.bool()),
            platform: Some(if maybe(&mut rng, 6) {
                Platform::Taobao
            } else {
                Platform::Tmall
            }),
            stage,
            signed: delivered.then(|| back(&mut rng, 12)),
            requested: today,
            material: Some(Material::ALL[rng.usize(..Material::ALL.len())]),
            wants: maybe(&mut rng, 6).then(|| Wants::ALL[rng.usize(..Wants::ALL.len())]),
            resellable: maybe(&mut rng, 8),
            perishable: rng.u8(0..30) == 0,
            claim_false: rng.u8(0..8) == 0,
            offered: None,
            refund_type: None,
            refund_reason: None,
            threats: if rng.u8(0..8) == 0 {
                vec![Threat::ALL[rng.usize(..Threat::ALL.len())]]
            } else {
                Vec::new()
            },
            evidence: Vec::new(),
            paid: Some(back(&mut rng, 6)),
            completed: (stage == Some(Stage::Completed)).then(|| back(&mut rng, 25)),
            complained: None,
            express_refund: rng.u8(0..10) == 0,
            refused_twice: rng.u8(0..10) == 0,
            malicious: rng.u8(0..25) == 0,
            made_to_order: None,
        };
        out.push(SampleCase {
            case,
            from: "生成".to_string(),
        });
    }
    out
}

/// What one policy makes of one case, as far as money, goods and payers go.
#[derive(Clone, PartialEq)]
struct Decided {
    rule: String,
    resolution: Option<Resolution>,
    /// The next step if the buyer refuses.
    if_refused: Option<Resolution>,
    offer: Option<(Money, Money)>,
    compensation: Option<Money>,
    shipping: Option<Shipping>,
}

impl Decided {
    fn of(policy: &Policy, case: &Case) -> Decided {
        match decide_untraced(policy, case, None) {
            Ok(v) => Decided {
                rule: v.rule_id().to_string(),
                resolution: Some(v.resolution()),
                if_refused: v.outcome.if_refused,
                offer: v.offer.as_ref().map(|o| (o.open, o.max)),
                compensation: v.compensation,
                shipping: Some(v.shipping),
            },
            // A fact the sample lacks: both policies are compared on that alone.
            Err(_) => Decided {
                rule: "（缺少事实）".to_string(),
                resolution: None,
                if_refused: None,
                offer: None,
                compensation: None,
                shipping: None,
            },
        }
    }

    /// The money the buyer may get: the ceiling plus compensation.
    fn money(&self) -> Decimal {
        self.offer.map_or(Decimal::ZERO, |o| o.1.value())
            + self.compensation.map_or(Decimal::ZERO, Money::value)
    }

    fn describe(&self) -> String {
        let mut s = self
            .resolution
            .map_or("无法判断".to_string(), |r| r.label().to_string());
        if let Some((open, max)) = self.offer {
            let _ = write!(s, " ¥{open}–{max}");
        }
        if let Some(next) = self.if_refused {
            let _ = write!(s, "，不接受就{}", next.short());
        }
        if let Some(c) = self.compensation {
            let _ = write!(s, " 赔付¥{c}");
        }
        if let Some(sh) = self.shipping
            && sh != Shipping::NONE
        {
            let _ = write!(
                s,
                " 运费 寄回{}/寄出{}",
                sh.to_shop.short(),
                sh.to_buyer.short()
            );
        }
        let _ = write!(s, "（{}）", self.rule);
        s
    }
}

/// A case told in a line: the facts a manager needs to recognise it.
fn tell(s: &SampleCase) -> String {
    let c = &s.case;
    let mut parts = vec![s.from.clone()];
    parts.extend(c.defect.map(|d| d.label().to_string()));
    parts.extend(c.region.as_ref().map(|r| r.province.0.to_string()));
    parts.extend(c.platform.map(|p| p.label().to_string()));
    parts.extend(c.stage.map(|p| p.label().to_string()));
    parts.extend(c.fault.map(|f| format!("责任方{}", f.label())));
    parts.extend(c.wants.map(|w| format!("要{}", w.label())));
    parts.extend(c.price.map(|p| format!("实付¥{p}")));
    parts.extend(c.ask.map(|a| format!("买家要¥{a}")));
    parts.extend(c.title.clone());
    parts.join(" · ")
}

/// One kind of change: the cases one rule decided before and another (or
/// the same) decides now, with the same fields changed.
pub struct Change {
    /// How many sample cases changed this way.
    pub cases: usize,
    /// What changed, in Chinese (`上限 ¥5.00 → ¥50.00`).
    pub what: String,
    /// The largest single case of this kind, told in a line.
    pub example: String,
    /// The old advice on that case.
    pub before: String,
    /// The new advice on that case.
    pub after: String,
    /// The largest move of money on one case, in yuan.
    size: Decimal,
}

/// What an edit does to the sample's advice.
pub struct Impact {
    /// What the edited policy is compared with.
    pub reference: String,
    /// Generated and journal cases in the sample.
    pub generated: usize,
    /// Journal cases in the sample.
    pub journal: usize,
    /// Cases whose advice changed (resolution, money or payer).
    pub changed: usize,
    /// Cases whose resolution changed.
    pub resolution: usize,
    /// Cases that may now get more money, and less.
    pub more: usize,
    /// Cases that now get less money.
    pub less: usize,
    /// Cases whose shipping payer changed.
    pub payer: usize,
    /// Resolution moves with their counts, largest first.
    pub moves: Vec<(String, usize)>,
    /// The largest changes, each with an example.
    pub largest: Vec<Change>,
    /// Rules that decided sample cases before and decide none now, with how many.
    pub silenced: Vec<(String, usize)>,
    /// Why the change is large (a rule stops firing, money moves more than 2×).
    pub large: Vec<String>,
}

impl Impact {
    /// Whether any sample case gets different advice.
    pub fn any(&self) -> bool {
        self.changed > 0 || !self.silenced.is_empty()
    }
}

/// Compares `new` with `old` on `sample`.
pub fn compare(old: &Policy, new: &Policy, reference: &str, sample: &[SampleCase]) -> Impact {
    let mut fired_before: BTreeMap<String, usize> = BTreeMap::new();
    let mut fired_now: BTreeSet<String> = BTreeSet::new();
    let mut kinds: BTreeMap<(String, String, String), Change> = BTreeMap::new();
    let mut moves: BTreeMap<String, usize> = BTreeMap::new();
    let mut imp = Impact {
        reference: reference.to_string(),
        generated: sample.iter().filter(|s| s.from == "生成").count(),
        journal: sample.iter().filter(|s| s.from != "生成").count(),
        changed: 0,
        resolution: 0,
        more: 0,
        less: 0,
        payer: 0,
        moves: Vec::new(),
        largest: Vec::new(),
        silenced: Vec::new(),
        large: Vec::new(),
    };
    let mut doubled: Option<(String, String)> = None;
    for s in sample {
        let a = Decided::of(old, &s.case);
        let b = Decided::of(new, &s.case);
        *fired_before.entry(a.rule.clone()).or_default() += 1;
        fired_now.insert(b.rule.clone());
        if a.resolution == b.resolution
            && a.if_refused == b.if_refused
            && a.offer == b.offer
            && a.compensation == b.compensation
            && a.shipping == b.shipping
        {
            continue;
        }
        imp.changed += 1;
        let mut what = Vec::new();
        if a.resolution != b.resolution {
            imp.resolution += 1;
            let m = format!("{} → {}", label(a.resolution), label(b.resolution));
            *moves.entry(m.clone()).or_default() += 1;
            what.push(m);
        }
        if a.if_refused != b.if_refused {
            what.push(format!(
                "不接受时 {} → {}",
                a.if_refused.map_or("无", Resolution::short),
                b.if_refused.map_or("无", Resolution::short)
            ));
        }
        if a.shipping != b.shipping {
            imp.payer += 1;
            what.push("运费承担".to_string());
        }
        let (ma, mb) = (a.money(), b.money());
        match mb.cmp(&ma) {
            std::cmp::Ordering::Greater => imp.more += 1,
            std::cmp::Ordering::Less => imp.less += 1,
            std::cmp::Ordering::Equal => {}
        }
        money_moves(&a, &b, s, &mut what, &mut doubled);
        let key = (a.rule.clone(), b.rule.clone(), what.join("、"));
        let size = (mb - ma).abs();
        let entry = kinds.entry(key.clone()).or_insert_with(|| Change {
            cases: 0,
            what: if a.rule == b.rule {
                format!("{}：{}", a.rule, key.2)
            } else {
                format!("{} 改由 {} 决定：{}", a.rule, b.rule, key.2)
            },
            example: String::new(),
            before: String::new(),
            after: String::new(),
            size: Decimal::NEGATIVE_ONE,
        });
        entry.cases += 1;
        if size > entry.size {
            entry.size = size;
            entry.example = tell(s);
            entry.before = a.describe();
            entry.after = b.describe();
        }
    }
    let mut kinds: Vec<Change> = kinds.into_values().collect();
    kinds.sort_by(|x, y| y.size.cmp(&x.size).then(y.cases.cmp(&x.cases)));
    kinds.truncate(SHOWN);
    imp.largest = kinds;
    let mut moves: Vec<(String, usize)> = moves.into_iter().collect();
    moves.sort_by_key(|m| std::cmp::Reverse(m.1));
    imp.moves = moves;
    for (rule, n) in fired_before {
        if !fired_now.contains(&rule) && rule != "（缺少事实）" {
            imp.large
                .push(format!("规则“{rule}”不再生效（原来决定 {n} 个样本案例）"));
            imp.silenced.push((rule, n));
        }
    }
    if let Some((what, example)) = doubled {
        imp.large.push(format!(
            "有案例的金额变化超过 2 倍：{what}（例：{example}）"
        ));
    }
    imp
}

/// What moved in the money (开价, 上限, 赔付), and the first case whose money
/// more than doubled or halved.
fn money_moves(
    a: &Decided,
    b: &Decided,
    s: &SampleCase,
    what: &mut Vec<String>,
    doubled: &mut Option<(String, String)>,
) {
    for (name, x, y) in [
        ("开价", a.offer.map(|o| o.0), b.offer.map(|o| o.0)),
        ("上限", a.offer.map(|o| o.1), b.offer.map(|o| o.1)),
        ("赔付", a.compensation, b.compensation),
    ] {
        if x != y {
            if let (Some(x), Some(y)) = (x, y) {
                what.push(format!("{name}{}", if y > x { "提高" } else { "降低" }));
                if doubled.is_none() && more_than_double(x.value(), y.value()) {
                    *doubled = Some((format!("{name} ¥{x} → ¥{y}"), tell(s)));
                }
            } else {
                what.push(format!(
                    "{name}{}",
                    if y.is_some() { "新增" } else { "取消" }
                ));
            }
        }
    }
}

/// Whether money moved by more than a factor of 2 either way (from or to
/// nothing counts: a ceiling of ¥0 is no smaller slip than a halved one).
fn more_than_double(x: Decimal, y: Decimal) -> bool {
    let two = Decimal::TWO;
    if x.is_zero() || y.is_zero() {
        return x != y;
    }
    y > x * two || x > y * two
}

fn label(r: Option<Resolution>) -> &'static str {
    r.map_or("无法判断", Resolution::short)
}

/// The impact in one line, for `advise --policy`: the advice comes from a
/// policy that differs from the bundled one, and by how much.
pub fn summary(imp: &Impact) -> String {
    format!(
        "注意：这份策略和{}相比，{} 个样本案例的建议不同（处理方式变 {}，多给钱 {}、少给钱 {}，运费承担变 {}）；详情用 aftersale check 文件 查看 / this policy changes the advice of {} sample case(s) against {}",
        imp.reference,
        imp.changed,
        imp.resolution,
        imp.more,
        imp.less,
        imp.payer,
        imp.changed,
        imp.reference
    )
}

/// The impact in Chinese, as `check` and `serve` show it.
pub fn render(imp: &Impact) -> String {
    let mut s = String::new();
    let sample = if imp.journal > 0 {
        format!(
            "{} 个生成案例和 {} 个记录的案例",
            imp.generated, imp.journal
        )
    } else {
        format!("{} 个生成案例", imp.generated)
    };
    let _ = writeln!(
        s,
        "【改动的影响 / impact】和 {} 比，在 {sample} 上：",
        imp.reference
    );
    if !imp.any() {
        let _ = writeln!(s, "  没有案例的建议变化 / no advice changes");
        return s;
    }
    let _ = writeln!(
        s,
        "  {} 个案例的建议变了：处理方式变 {}，多给钱 {}、少给钱 {}，运费承担变 {} / {} case(s) change",
        imp.changed, imp.resolution, imp.more, imp.less, imp.payer, imp.changed
    );
    if !imp.moves.is_empty() {
        let moves: Vec<String> = imp
            .moves
            .iter()
            .take(SHOWN)
            .map(|(m, n)| format!("{m} {n} 个"))
            .collect();
        let _ = writeln!(s, "  处理方式：{}", moves.join("；"));
    }
    if !imp.largest.is_empty() {
        let _ = writeln!(s, "  变化最大的 {} 处：", imp.largest.len());
        for (i, c) in imp.largest.iter().enumerate() {
            let _ = writeln!(s, "  {}. {}（{} 个案例）", i + 1, c.what, c.cases);
            let _ = writeln!(s, "     例：{}", c.example);
            let _ = writeln!(s, "     原：{}", c.before);
            let _ = writeln!(s, "     现：{}", c.after);
        }
    }
    if !imp.silenced.is_empty() {
        let rules: Vec<String> = imp
            .silenced
            .iter()
            .map(|(r, n)| format!("{r}（原来 {n} 个）"))
            .collect();
        let _ = writeln!(s, "  不再生效的规则：{}", rules.join("、"));
    }
    s
}
