//! Reading facts from the words of a placed paste: the defect (the buyer's
//! account of the cause over the refund reason), whose fault it is, threats,
//! evidence, what the buyer wants, the order stage, the platform, 包邮, 运费险
//! and the material. Every fact keeps the words it came from and who said them.

use std::ops::Range;

use super::WORDS;
use super::facts::{Ambiguity, Facts, Found};
use super::lexicon::{Lexicon, Reason, Tag, reason_in};
use super::segment::{Field, Line, Segment, Speaker};
use crate::case::{Defect, Evidence, Fault, Platform, RefundType, Stage, Wants};
use crate::text::{Text, WordList};

/// A lexicon word found in a line.
#[derive(Debug, Clone)]
pub(super) struct Hit<'l> {
    /// Index of the line.
    pub line: usize,
    /// Its span in the normalised text.
    pub span: Range<usize>,
    /// What it stands for.
    pub tags: &'l [Tag],
    /// Negated by a word just before it in its clause.
    pub negated: bool,
    /// Index of its clause within the line.
    pub clause: usize,
    /// A failing symptom that stays one however slight it is said to be (断, 裂, 掉).
    pub severe: bool,
}

/// Characters that end a clause.
const CLAUSE_ENDS: &[char] = &[
    ',', '，', '。', '.', '!', '！', '?', '？', ';', '；', '~', '～', '…', '、',
];

/// How far (in characters) a negation reaches forward within its clause.
const NEGATION_REACH: usize = 2;

/// Every lexicon word of every line, negations applied.
pub(super) fn hits<'l>(lexicon: &'l Lexicon, text: &str, lines: &[Line]) -> Vec<Hit<'l>> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let t = line.text;
        let mut pending_negation: Option<(usize, usize)> = None; // (clause, char end)
        // The clause number, counted on as the words come in order of their start.
        let (mut clause, mut counted) = (0, 0);
        lexicon.find_all_into(t, &mut words);
        out.reserve(words.len());
        for (span, tags) in words.drain(..) {
            clause += t[counted..span.start].matches(CLAUSE_ENDS).count();
            counted = span.start;
            if tags.contains(&Tag::Ignore) {
                continue;
            }
            if tags.iter().all(|t| *t == Tag::Negation) {
                // 这不是虚假宣传吗: a question asked of a 不是 affirms what follows.
                let rest = &t[span.end..];
                let rest = rest.find(CLAUSE_ENDS).map_or(rest, |i| &rest[..i]);
                let asked = rest.split(' ').next().is_some_and(|r| r.ends_with('吗'));
                if !(t[span.clone()].ends_with("不是") && asked) {
                    pending_negation = Some((clause, span.end));
                }
                continue;
            }
            let negated = pending_negation.is_some_and(|(c, end)| {
                c == clause
                    && (end >= span.start || t[end..span.start].chars().count() <= NEGATION_REACH)
            });
            if tags.iter().all(|t| *t == Tag::Hedge) {
                continue;
            }
            // 没有一点破损: a slight word passes the negation on.
            let transparent = tags.iter().all(|t| *t == Tag::Slight);
            let word = &t[span.clone()];
            if !transparent {
                pending_negation = None;
            }
            // 也没有污渍: a word that is also a negation (也没有, 都没有) negates the next one.
            if tags.contains(&Tag::Negation) {
                pending_negation = Some((clause, span.end));
            }
            out.push(Hit {
                line: li,
                span: line.span.start + span.start..line.span.start + span.end,
                tags,
                negated,
                clause,
                // By characters: a `str::contains` per character costs a searcher each.
                severe: word
                    .chars()
                    .any(|c| matches!(c, '断' | '裂' | '掉' | '穿' | '胶')),
            });
        }
    }
    let _ = text;
    out
}

/// Whether a line is the buyer's own account: a buyer turn, the refund
/// explanation, an agent's note, or a turn whose speaker is unknown.
fn account(line: &Line) -> bool {
    match line.segment {
        Segment::Chat => line.speaker != Some(Speaker::Shop),
        Segment::Note => true,
        Segment::Refund => line.field == Some(Field::RefundNote),
        // 物流：…之后就没动过 5天了: the tracking state tells of a stopped parcel.
        Segment::Form => matches!(line.field, Some(Field::Responsibility | Field::Status)),
    }
}

fn found<T>(text: &Text, lines: &[Line], h: &Hit, value: T) -> Found<T> {
    let line = &lines[h.line];
    Found::new(
        value,
        text.quote(h.span.clone()),
        line.segment,
        line.speaker,
    )
    .guessed(line.speaker_guessed)
}

/// A defect seen in one clause, with how strongly the words name it.
#[derive(Debug, Clone, Copy)]
struct Seen {
    defect: Defect,
    /// 3 a cause (misuse, transit), 2 a phrase naming it, 1.5 a symptom, 1 a general word.
    strength: u8,
    hit: usize,
    /// The other kind the words fit as well (a hole of no stated size), if any.
    open: Option<Defect>,
}

/// Words that make a clause a question about doing something (能不能放洗衣机洗).
static ASKING: WordList = WordList::named(&WORDS, "clause.asking");

/// Whether a hit stands in a clause that asks whether to do it (小白鞋能不能放洗衣机洗啊):
/// a cause asked about is not a cause told.
fn asked_about(lines: &[Line], h: &Hit) -> bool {
    // The asking word comes before what is asked (狗咬了…问能不能修 asks of the repair).
    crate::text::holds_any(clause_before(lines, h), &ASKING)
}

/// The words of a hit's clause before it.
fn clause_before<'l>(lines: &'l [Line], h: &Hit) -> &'l str {
    let l = &lines[h.line];
    let at = h.span.start.saturating_sub(l.span.start).min(l.text.len());
    crate::text::after_last(&l.text[..at], CLAUSE_ENDS)
}

/// Whether a defect a clause names is told as what happened: not a misuse
/// asked about or the use the item is sold for, not a review threatened
/// (不行我就给差评了).
fn happened(lines: &[Line], h: &Hit, defect: Defect) -> bool {
    match defect {
        Defect::Misuse => !asked_about(lines, h) && !made_for(lines, h),
        Defect::BadReview => !THREATENING.holds(clause_before(lines, h)),
        _ => true,
    }
}

/// Words before a review word that make it a threat (我就给差评了, 要给差评).
static THREATENING: WordList = WordList::named(&WORDS, "clause.threatening");

/// Whether the use a misuse word names is what the item is sold for: the
/// word is in its title (涉水 of a 溯溪鞋涉水鞋 is no misuse).
fn made_for(lines: &[Line], h: &Hit) -> bool {
    let l = &lines[h.line];
    let (from, to) = (
        h.span.start.saturating_sub(l.span.start),
        h.span.end.saturating_sub(l.span.start),
    );
    let Some(word) = l.text.get(from..to) else {
        return false;
    };
    lines
        .iter()
        .any(|t| t.field == Some(Field::Title) && t.text.contains(word))
}

/// Reads the defects a set of lines names, clause by clause.
fn defects_in(hits: &[Hit], lines: &[Line], keep: impl Fn(&Line) -> bool) -> Vec<Seen> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < hits.len() {
        // One clause: the hits of one line and clause.
        let (line, clause) = (hits[i].line, hits[i].clause);
        let mut j = i;
        while j < hits.len() && hits[j].line == line && hits[j].clause == clause {
            j += 1;
        }
        if keep(&lines[line]) {
            out.extend(
                clause_defects(&hits[i..j], i)
                    .into_iter()
                    .filter(|s| happened(lines, &hits[s.hit], s.defect)),
            );
        }
        i = j;
    }
    // 赠送鞋撑… 盒子里什么都没有: something promised, and it did not come.
    for (k, h) in hits.iter().enumerate() {
        if h.negated || !h.tags.contains(&Tag::MissingWhat) || !keep(&lines[h.line]) {
            continue;
        }
        if hits
            .iter()
            .any(|x| x.line == h.line && x.tags.contains(&Tag::MissingLack))
        {
            out.push(Seen {
                defect: Defect::MissingPart,
                strength: 4,
                hit: k,
                open: None,
            });
        }
    }
    // 寄回去花了18块 … 说好的运费你们出: the postage claimed back, once it is spent.
    let keep = &keep;
    let live = |t: Tag| {
        hits.iter()
            .enumerate()
            .filter(move |(_, h)| !h.negated && h.tags.contains(&t) && keep(&lines[h.line]))
    };
    // Spent on the postage: said beside it (运费花了12, 寄回去花了18), or 垫付 (money laid
    // out for someone); 我花了899 is the price.
    let spent_on_postage = live(Tag::PostageSpent).any(|(_, s)| {
        lines[s.line].text[s.span.start - lines[s.line].span.start..].starts_with('垫')
            || live(Tag::PostageWhat).any(|(_, w)| w.line == s.line && w.clause == s.clause)
    });
    if spent_on_postage {
        for (k, h) in live(Tag::PostageClaim) {
            if live(Tag::PostageWhat).any(|(_, w)| w.line == h.line && w.clause == h.clause) {
                out.push(Seen {
                    defect: Defect::Postage,
                    strength: 4,
                    hit: k,
                    open: None,
                });
                break;
            }
        }
    }
    // 收到两双都是37码的 … 应该是26码: what came, then what should have.
    for (k, h) in hits.iter().enumerate() {
        if h.negated || !h.tags.contains(&Tag::ShouldBe) || !keep(&lines[h.line]) {
            continue;
        }
        if hits[..k]
            .iter()
            .any(|x| x.line == h.line && !x.negated && x.tags.contains(&Tag::Arrived))
        {
            out.push(Seen {
                defect: Defect::WrongItem,
                strength: 5,
                hit: k,
                open: None,
            });
        }
    }
    // 买的是灰色的 … 给我发了个洞洞鞋: what was ordered, then something else came.
    for (k, h) in hits.iter().enumerate() {
        if h.negated || !h.tags.contains(&Tag::Ordered) || !keep(&lines[h.line]) {
            continue;
        }
        if let Some(a) = hits[k + 1..]
            .iter()
            .position(|x| x.line == h.line && !x.negated && x.tags.contains(&Tag::Arrived))
        {
            // What was sent explains a size complaint beside it (穿不进去): it outranks one.
            out.push(Seen {
                defect: Defect::WrongItem,
                strength: 5,
                hit: k + 1 + a,
                open: None,
            });
        } else if other_size_came(&lines[h.line], h) {
            out.push(Seen {
                defect: Defect::WrongItem,
                strength: 5,
                hit: k,
                open: None,
            });
        }
    }
    out
}

/// 拍的21码 到了一看鞋底印的22: the size ordered, then another size seen on what
/// came. A size asked for after it (拍的38 换39可以吗) is a wish, not what came.
fn other_size_came(line: &Line, ordered: &Hit) -> bool {
    let Some(rest) = line
        .text
        .get(ordered.span.end.saturating_sub(line.span.start)..)
    else {
        return false;
    };
    let mut sizes = Vec::new();
    let mut chars = rest.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_ascii_digit() {
            continue;
        }
        let mut end = i + 1;
        while let Some((j, d)) = chars.peek().copied()
            && (d.is_ascii_digit() || d == '.')
        {
            end = j + d.len_utf8();
            chars.next();
        }
        let before = rest[..i].chars().rev().take(2).collect::<String>();
        let wish = before.contains(['换', '要', '想', '改', '穿', '拍', '买']);
        if let Ok(n) = rest[i..end].parse::<f32>()
            && (15.0..=47.0).contains(&n)
            && !wish
        {
            sizes.push((n, i));
        }
    }
    // The first size right after the ordering word, a different one later.
    matches!(sizes.as_slice(), [(first, at), rest @ ..]
        if *at <= 3 && rest.iter().any(|(n, _)| n != first))
}

/// The defects one clause names.
fn clause_defects(clause: &[Hit], first: usize) -> Vec<Seen> {
    let live = || clause.iter().enumerate().filter(|(_, h)| !h.negated);
    let has = |t: Tag| {
        live()
            .find(|(_, h)| h.tags.contains(&t))
            .map(|(k, _)| first + k)
    };
    let symptom = live().any(|(_, h)| {
        h.tags.iter().any(|t| {
            matches!(
                t,
                Tag::Minor | Tag::Thread | Tag::Major | Tag::Defect(Defect::TransitDamage)
            )
        })
    });
    let mut out = Vec::new();
    // Most clauses name no cause at all: one pass tells, before the ten lookups below.
    let names_cause = live().any(|(_, h)| {
        h.tags.iter().any(|t| {
            matches!(
                t,
                Tag::Misuse
                    | Tag::MisuseWho
                    | Tag::MisuseDid
                    | Tag::Transit
                    | Tag::TransitWho
                    | Tag::TransitDid
                    | Tag::TransitBox
                    | Tag::TransitBroke
            )
        })
    });
    let cause = |t: Tag| if names_cause { has(t) } else { None };
    // The buyer's account of the cause: misuse, or damage on the way.
    let by_someone = cause(Tag::MisuseWho).and(cause(Tag::MisuseDid));
    if let Some(k) = cause(Tag::Misuse).or(by_someone) {
        out.push(Seen {
            defect: Defect::Misuse,
            strength: 6,
            hit: k,
            open: None,
        });
    }
    let carried = cause(Tag::TransitWho).and(cause(Tag::TransitDid));
    let boxed = cause(Tag::TransitBox).and(cause(Tag::TransitBroke));
    let transit = cause(Tag::Transit)
        .filter(|k| symptom || transit_implies_damage(&clause[k - first]))
        .or(carried)
        .or(boxed);
    if let Some(k) = transit {
        out.push(Seen {
            defect: Defect::TransitDamage,
            strength: 6,
            hit: k,
            open: None,
        });
    }

    let slight = has(Tag::Slight).is_some();
    part_and_symptom(clause, first, slight, &mut out);
    for (k, h) in live() {
        for tag in h.tags {
            let (defect, strength) = match *tag {
                // A policy or lexicon word that is also a general word stays general.
                Tag::Defect(d) if h.tags.contains(&Tag::Vague(d)) => (d, 2),
                Tag::Defect(d) => (d, 4),
                Tag::Vague(d) => (d, 2),
                // 有一点开线,不严重: a slight failing is a small flaw, unless it broke.
                Tag::Major if slight && !h.severe => (Defect::SmallFlaw, 3),
                Tag::Major => (Defect::Quality, 3),
                Tag::Minor => (Defect::SmallFlaw, 3),
                Tag::Thread => (Defect::LooseThread, 3),
                _ => continue,
            };
            out.push(Seen {
                defect,
                strength,
                hit: first + k,
                open: None,
            });
        }
    }
    out
}

/// Each part of the shoe a clause names and, after it (up to the next part),
/// what is wrong with it (鞋尖那块黑黑的, 网面勾了一根丝, 才穿两天鞋底就脱开了):
/// the grammar that names a defect no phrase lists. A failing morpheme is a
/// failed shoe, unless the clause says it is slight; a failing said small
/// (侧面裂了条小缝) is a small flaw, and beats the failing word alone.
fn part_and_symptom(clause: &[Hit], first: usize, slight: bool, out: &mut Vec<Seen>) {
    let flush = |g: Option<Symptoms>, out: &mut Vec<Seen>| {
        let Some(g) = g else { return };
        let Some(k) = g.first else { return };
        let (defect, strength, open) = match (g.major, g.said_small) {
            (true, true) => (Defect::SmallFlaw, 4, None),
            (true, false) if !slight => (Defect::Quality, 3, None),
            // 鞋面破了个洞, no size said and nothing else wrong: a small hole or a failing.
            (false, _) if g.open && !g.minor && !slight => {
                (Defect::Quality, 3, Some(Defect::SmallFlaw))
            }
            _ => (Defect::SmallFlaw, 3, None),
        };
        out.push(Seen {
            defect,
            strength,
            hit: first + k,
            open,
        });
    };
    let mut group: Option<Symptoms> = None;
    for (k, h) in clause.iter().enumerate().filter(|(_, h)| !h.negated) {
        if h.tags.contains(&Tag::Part) {
            flush(group.take(), out);
            group = Some(Symptoms::default());
            continue;
        }
        let Some(g) = group.as_mut() else {
            continue;
        };
        // The phrases count too: 裂了 (a failing) then 小缝 (said small). Other
        // marks beside a failing (折痕的地方开裂了, 掉了一块 一高一低) leave it a failing.
        let small = h.tags.contains(&Tag::SymptomSmall);
        let minor = small || h.tags.contains(&Tag::SymptomMinor);
        let major = h.tags.contains(&Tag::SymptomMajor) || h.tags.contains(&Tag::Major);
        let open = h.tags.contains(&Tag::SymptomOpen);
        if minor || major || open {
            g.first.get_or_insert(k);
            g.said_small |= small && g.major;
            g.major |= major;
            g.open |= open;
        }
        g.minor |= minor || h.tags.contains(&Tag::Minor);
    }
    flush(group, out);
}

/// What the words after one part of the shoe say is wrong with it.
#[derive(Debug, Default, Clone, Copy)]
struct Symptoms {
    /// The first symptom's hit in the clause.
    first: Option<usize>,
    /// A failing word (脱开, 裂了).
    major: bool,
    /// A small symptom after the failing (裂了条小缝).
    said_small: bool,
    /// A cosmetic or small symptom anywhere after the part (小洞, 脏).
    minor: bool,
    /// A hole or tear of no stated size (洞, 破了).
    open: bool,
}

/// Transit words that say the goods were damaged, not only that they travelled.
fn transit_implies_damage(h: &Hit) -> bool {
    h.tags.contains(&Tag::Fault(Fault::Logistics))
        || h.tags.contains(&Tag::Defect(Defect::TransitDamage))
        || h.tags.len() == 1
}

/// The strongest defect named, the more severe on a tie, then the first. A
/// buyer's 七天无理由 beside a failing said as plainly (发错颜色了) loses the tie:
/// the buyer names the form's reason, the failing is what happened.
fn strongest(seen: &[Seen]) -> Option<Seen> {
    // A fake is the gravest claim: beside 写的是 (not as described) it is what is claimed.
    let severity = |d: Defect| match d {
        Defect::Counterfeit => 4,
        Defect::Quality => 3,
        Defect::SmallFlaw => 2,
        Defect::LooseThread => 1,
        Defect::Dislike => -1,
        _ => 0,
    };
    seen.iter()
        .copied()
        .enumerate()
        .max_by(|(ia, a), (ib, b)| {
            a.strength
                .cmp(&b.strength)
                // A kind the words settle beats one they leave open.
                .then(a.open.is_none().cmp(&b.open.is_none()))
                .then(severity(a.defect).cmp(&severity(b.defect)))
                .then(ib.cmp(ia))
        })
        .map(|(_, s)| s)
}

/// Buyer-side reasons: the buyer's own wish, not the shop's failing.
fn buyer_side(d: Defect) -> bool {
    matches!(
        d,
        Defect::Dislike | Defect::Size | Defect::MistakenOrder | Defect::Misuse
    )
}

/// How the defect was read, for the fault that follows from it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading {
    /// The defect.
    defect: Defect,
    /// From the buyer's own account (not the refund reason or the shop).
    account: bool,
    /// The hit it was read from, for the quote.
    hit: Option<usize>,
    /// The other kind the buyer's words fit as well: the defect is then open.
    open: Option<Defect>,
}

/// Reads the defect: the refund reason, refined or overruled by the buyer's
/// own account; shop turns only when nothing else names one.
pub(super) fn defect(
    text: &Text,
    lines: &[Line],
    hits: &[Hit],
    reason: Option<(Reason, &Found<String>)>,
    facts: &mut Facts,
) -> Option<Reading> {
    let account_seen = defects_in(hits, lines, account);
    let own = own_account(&account_seen);
    let by_reason = reason.and_then(|(r, f)| r.defect.map(|d| (d, f)));
    let mine = |s: Seen| Reading {
        defect: s.defect,
        account: true,
        hit: Some(s.hit),
        open: s.open,
    };
    let theirs = |d: Defect| Reading {
        defect: d,
        account: false,
        hit: None,
        open: None,
    };
    // 评价:差评 2026-11-17: the review given is the case.
    // 评价:差评 …, or a review card headed 中评：… .
    let reviewed = lines.iter().find(|l| {
        let label = text.norm[..l.span.start].trim_end_matches([' ', ':']);
        l.field == Some(Field::Review)
            && (l.text.contains("差评")
                || l.text.contains("中评")
                || label.ends_with("差评")
                || label.ends_with("中评"))
    });
    // A review already given is the case: what it complains of is its content.
    if let (Some(l), None) = (reviewed, by_reason) {
        facts.defect = Some(Found::new(
            Defect::BadReview,
            text.quote(l.span.clone()),
            l.segment,
            None,
        ));
        return Some(theirs(Defect::BadReview));
    }
    let reading = match (by_reason, own) {
        (None, Some(s)) => Some(mine(s)),
        (Some((d, _)), None) => Some(theirs(d)),
        // 退款原因：质量问题 and the buyer's 拉链…齿都掉了 beside 穿不进去: the words that
        // agree with the form's reason decide.
        (Some((d, _)), Some(s))
            if s.defect != d
                && !buyer_side(d)
                && s.strength < 6
                && let Some(x) = account_seen
                    .iter()
                    .find(|x| x.defect == d && x.strength >= 3 && x.open.is_none()) =>
        {
            Some(mine(*x))
        }
        (Some((d, _)), Some(s)) => {
            let cause = s.strength >= 6;
            let own_reason = buyer_side(s.defect) && !buyer_side(d);
            // The buyer's words say how bad a flaw is.
            // Words that leave it open between the two do not; the form's reason settles it.
            let severity = matches!(d, Defect::Quality | Defect::SmallFlaw)
                && matches!(s.defect, Defect::Quality | Defect::SmallFlaw)
                && s.strength >= 3
                && s.open.is_none();
            // 7天无理由 with 太小了: the buyer's own reason, said more exactly.
            let talks_size = account_seen.iter().any(|x| x.defect == Defect::Size);
            let refines = d == Defect::Size && s.defect == Defect::WrongItem
                || d == Defect::Size && s.defect == Defect::Mismatch && !talks_size
                || d == Defect::Dislike && s.strength >= 3 && s.defect != Defect::Dislike;
            // 缺货/未按约定时间发货 picked, yet the buyer says 不想要了: the filed reason is
            // what the platform pays on, and it is untrue (U3: ask to change it).
            if matches!(d, Defect::LateShipment | Defect::OutOfStock) && buyer_side(s.defect) {
                facts.claim_false = Some(found(text, lines, &hits[s.hit], true));
                Some(theirs(d))
            } else if cause || own_reason || severity || refines {
                Some(mine(s))
            } else {
                Some(theirs(d))
            }
        }
        (None, None) => {
            // Only the shop names it (看到您给了中评), or nobody does.
            let shop_seen = defects_in(hits, lines, |l| l.speaker == Some(Speaker::Shop));
            strongest(&shop_seen).map(|s| Reading {
                account: false,
                ..mine(s)
            })
        }
    };
    let reading = reading.map(|r| before_shipping(r, facts, by_reason.map(|(d, _)| d)));
    facts.defect = reading.map(|r| match (r.hit, by_reason) {
        (Some(h), _) => found(text, lines, &hits[h], r.defect),
        (None, Some((_, f))) => relabel(f, r.defect),
        (None, None) => unreachable!("a reading has a hit or a reason"),
    });
    leave_open(reading, facts);
    reading
}

/// The defect the buyer's own account names. 运费什么时候给我 after an exchange:
/// the claim now is the postage, whatever went wrong before it; 一周不动也太离谱了
/// 不想要了: the buyer does not want it because of the wait.
fn own_account(seen: &[Seen]) -> Option<Seen> {
    let postage = seen.iter().find(|s| s.defect == Defect::Postage).copied();
    let own = postage.or_else(|| strongest(seen));
    match own {
        Some(s) if s.defect == Defect::Dislike => seen
            .iter()
            .find(|x| matches!(x.defect, Defect::Logistics | Defect::LateShipment))
            .copied()
            .or(own),
        _ => own,
    }
}

/// Before shipping, 不想要了 is a mistaken order (拍错/多拍/不想要), not a no-reason return.
fn before_shipping(r: Reading, facts: &Facts, reason: Option<Defect>) -> Reading {
    let unshipped = facts
        .stage
        .as_ref()
        .is_some_and(|s| s.value == crate::case::Stage::Unshipped)
        || reason.is_some_and(|d| {
            matches!(
                d,
                Defect::LateShipment | Defect::OutOfStock | Defect::MistakenOrder
            )
        });
    if unshipped && r.defect == Defect::Dislike {
        Reading {
            defect: Defect::MistakenOrder,
            ..r
        }
    } else {
        r
    }
}

/// A reading the words leave between two kinds: no defect, the two listed as open.
fn leave_open(reading: Option<Reading>, facts: &mut Facts) {
    if let Some((r, other)) = reading.and_then(|r| r.open.map(|o| (r, o)))
        && let Some(d) = facts.defect.take()
    {
        facts.ambiguous.push(Ambiguity {
            fact: crate::case::Fact::Defect,
            source: d.source,
            candidates: vec![other.id().to_string(), r.defect.id().to_string()],
            flag: format!(
                "--defect {} 或 --defect {}（看问题大小：不影响穿是小瑕疵）",
                other.id(),
                r.defect.id()
            ),
        });
    }
}

/// Whether a hit stands in a question (请问是质量问题吗?), which owns nothing.
fn in_question(text: &Text, l: &Line, h: &Hit) -> bool {
    let after = &text.norm[h.span.end..l.span.end];
    let clause = after
        .find(['，', ',', '。', '!', '！', '~'])
        .map_or(after, |i| &after[..i]);
    clause.trim_end().ends_with(['吗', '?', '？', '呢'])
}

/// A reason text no one writes except by picking it on the platform's form.
fn distinctive(reason: &str) -> bool {
    reason.contains('/')
        || [
            "未按约定时间发货",
            "卖家缺货",
            "七天无理由退换货",
            "7天无理由退换货",
            "协商一致退款",
            "卖家发错货",
            "假冒品牌",
            "商品质量问题",
            "发票问题",
            "空包裹",
        ]
        .contains(&reason)
}

/// The same words and place, another value.
fn relabel<A, B>(f: &Found<A>, value: B) -> Found<B> {
    Found {
        value,
        source: f.source.clone(),
        segment: f.segment,
        speaker: f.speaker,
        speaker_guessed: f.speaker_guessed,
    }
}

/// Reads the refund request's type and reason.
pub(super) fn refund_request(text: &Text, lines: &[Line], facts: &mut Facts) -> Option<Reason> {
    let mut reason = None;
    for l in lines {
        match l.field {
            Some(Field::RefundType) if facts.refund_type.is_none() => {
                let v: String = l.text.chars().filter(|c| !c.is_whitespace()).collect();
                let kind = RefundType::parse(&v).or_else(|| {
                    if v.contains("退货") {
                        Some(RefundType::ReturnRefund)
                    } else if v.contains("换") {
                        Some(RefundType::Exchange)
                    } else if v.contains("退款") {
                        Some(RefundType::RefundOnly)
                    } else {
                        None
                    }
                });
                if let Some(kind) = kind {
                    facts.refund_type = Some(Found::new(
                        kind,
                        text.quote(l.span.clone()),
                        l.segment,
                        None,
                    ));
                }
            }
            Some(Field::RefundReason) if facts.refund_reason.is_none() => {
                let value = l.text.trim();
                if value.is_empty() {
                    continue;
                }
                let known = reason_in(value);
                let standard = known.map_or_else(|| value.to_string(), |r| r.text.to_string());
                facts.refund_reason = Some(Found::new(
                    standard,
                    text.quote(l.span.clone()),
                    l.segment,
                    None,
                ));
                reason = known;
            }
            _ => {}
        }
    }
    // A refund summary without labels (未按约定时间发货 · 仅退款 · ¥799.00), or a
    // colleague forwarding one: the platform's own words, in a note.
    for l in lines.iter().filter(|l| l.segment == Segment::Note) {
        if facts.refund_reason.is_none()
            && let Some(r) = reason_in(l.text).filter(|r| distinctive(r.text))
        {
            let at = l.text.find(r.text).map_or(l.span.clone(), |i| {
                l.span.start + i..l.span.start + i + r.text.len()
            });
            facts.refund_reason = Some(Found::new(
                r.text.to_string(),
                text.quote(at),
                l.segment,
                None,
            ));
            reason = Some(r);
        }
        if facts.refund_type.is_none() {
            let kind = [
                ("仅退款", RefundType::RefundOnly),
                ("退货退款", RefundType::ReturnRefund),
                ("申请换货", RefundType::Exchange),
                ("换货申请", RefundType::Exchange),
            ]
            .into_iter()
            .find_map(|(w, k)| l.text.find(w).map(|i| (i, w, k)));
            if let Some((i, w, k)) = kind {
                let at = l.span.start + i..l.span.start + i + w.len();
                facts.refund_type = Some(Found::new(k, text.quote(at), l.segment, None));
            }
        }
    }
    reason
}

/// Reads whose fault the paste says it is: the 责任方 field; the buyer owning
/// up; the cause in the buyer's account (机洗 is the buyer's, 快递压坏 the
/// courier's, a wrong or missing item the shop's); whose fault the buyer says;
/// the shop owning up to its own mistake.
pub(super) fn fault(
    text: &Text,
    lines: &[Line],
    hits: &[Hit],
    reading: Option<Reading>,
    facts: &mut Facts,
) {
    for l in lines {
        if l.field == Some(Field::Responsibility)
            && let Some(f) = Fault::parse(l.text.trim())
        {
            facts.fault = Some(Found::new(f, text.quote(l.span.clone()), l.segment, None));
            return;
        }
    }
    let fault_of = |h: &Hit| {
        h.tags.iter().find_map(|t| match t {
            Tag::Fault(f) => Some(*f),
            _ => None,
        })
    };
    let said = |who: Option<Fault>| {
        hits.iter()
            .filter(|h| !h.negated && account(&lines[h.line]))
            .find_map(|h| {
                fault_of(h)
                    .filter(|f| who.is_none_or(|w| *f == w))
                    .map(|f| (h, f))
            })
    };
    // The cause read from the buyer's words, or a kind whose fault is in its name
    // (a wrong or missing item is the shop's, a lost parcel the courier's).
    let by_cause = reading.and_then(|r| {
        let f = match r.defect {
            Defect::Misuse if r.account => Fault::Buyer,
            Defect::TransitDamage if r.account => Fault::Logistics,
            Defect::WrongItem | Defect::MissingPart => Fault::Shop,
            Defect::Logistics => Fault::Logistics,
            _ => return None,
        };
        Some((r.hit, f))
    });
    // The shop owning up: its own fault words, or calling it a quality problem, not as a question.
    let admitted = || {
        hits.iter()
            .filter(|h| {
                let l = &lines[h.line];
                !h.negated && l.speaker == Some(Speaker::Shop) && !in_question(text, l, h)
            })
            .find_map(|h| {
                let owns = fault_of(h) == Some(Fault::Shop)
                    || h.tags.iter().any(|t| {
                        matches!(
                            t,
                            Tag::Vague(Defect::Quality)
                                | Tag::Defect(
                                    Defect::Quality | Defect::WrongItem | Defect::MissingPart
                                )
                        )
                    });
                owns.then_some((h, Fault::Shop))
            })
    };
    let chosen = said(Some(Fault::Buyer))
        .map(|(h, f)| (Some(h), f))
        .or(by_cause.map(|(h, f)| (h.map(|h| &hits[h]), f)))
        .or_else(|| said(None).map(|(h, f)| (Some(h), f)))
        .or_else(|| admitted().map(|(h, f)| (Some(h), f)));
    match chosen {
        Some((Some(h), f)) => facts.fault = Some(found(text, lines, h, f)),
        // Read from the refund reason: quote it.
        Some((None, f)) => facts.fault = facts.defect.as_ref().map(|d| relabel(d, f)),
        None => {}
    }
}

/// Words of an evidence field (上传凭证:图片3张) that name a photo.
static EVIDENCE_PHOTO: WordList = WordList::named(&WORDS, "evidence_field.photo");
/// Words of an evidence field (视频1个) that name a video.
static EVIDENCE_VIDEO: WordList = WordList::named(&WORDS, "evidence_field.video");

/// Reads threats, evidence and what the buyer wants from the buyer's words.
/// Reads threats, evidence and what the buyer wants from the buyer's words.
pub(super) fn buyer_words(text: &Text, lines: &[Line], hits: &[Hit], facts: &mut Facts) {
    evidence_told(text, lines, hits, facts);
    let mut last_wish: Option<usize> = None;
    // The line where the buyer last turned a return down (我不想退了).
    let mut declined_line: Option<usize> = None;
    // Whether the latest wish only says the buyer is done with the shoes (不要了).
    let mut done_with_it = false;
    // A wish in the buyer's own words beats one in the agent's note (退款一直没点).
    let mut buyer_wished = false;
    let mut conditional: Option<Found<Wants>> = None;
    // A marker ([图片]) is evidence even after 没有.
    let marker = |h: &Hit| text.norm[h.span.clone()].starts_with('[');
    for h in hits
        .iter()
        .filter(|h| (!h.negated || marker(h)) && account(&lines[h.line]))
    {
        for tag in h.tags {
            match *tag {
                Tag::Threat(t) if h.negated => {
                    let _ = t;
                }
                Tag::Threat(t) if !facts.threats.iter().any(|x| x.value == t) => {
                    facts.threats.push(found(text, lines, h, t));
                }
                Tag::Evidence(video) => {
                    let e = if video {
                        Evidence::Video
                    } else {
                        Evidence::Photo
                    };
                    add_evidence(facts, found(text, lines, h, e));
                }
                // The latest wish stands; a word inside the one before it adds nothing (懒得退了).
                Tag::Wants(w)
                    if last_wish.is_none_or(|end| h.span.start >= end)
                        && !(buyer_wished && lines[h.line].segment == Segment::Note) =>
                {
                    // 直接退她10块算了: money back, the shoes kept.
                    let w = match w {
                        Wants::Return | Wants::Refund if sum_follows(&text.norm[h.span.end..]) => {
                            Wants::Keep
                        }
                        // 我要退款 不退货了: the money back without sending the shoes,
                        // not keeping them for a part of it.
                        Wants::Keep if refund_then_no_return(text, facts, last_wish, h) => {
                            Wants::Refund
                        }
                        w => w,
                    };
                    // 我不想退了 退了我冬天也穿不上: a return just turned down, named
                    // again in the same line as the reason, is no new wish.
                    let echo = w == Wants::Return
                        && facts.wants.as_ref().is_some_and(|p| p.value == Wants::Keep)
                        && declined_line == Some(h.line);
                    // 我自己去楼下修鞋铺换个好的天皮: the buyer mends it, no exchange asked.
                    let by_themselves = w == Wants::Exchange && {
                        let c = clause_before(lines, h);
                        c.contains("我自己") || c.contains("自己去")
                    };
                    if echo || by_themselves {
                        continue;
                    }
                    if w == Wants::Keep && text.norm[h.span.clone()].starts_with(['不', '懒', '唔'])
                    {
                        declined_line = Some(h.line);
                    }
                    facts.wants = Some(found(text, lines, h, w));
                    done_with_it =
                        w == Wants::Refund && WISH_DONE.holds(&text.norm[h.span.clone()]);
                    last_wish = Some(h.span.end);
                    buyer_wished |= lines[h.line].segment != Segment::Note;
                }
                Tag::WantsIf(w) if conditional.is_none() => {
                    conditional = Some(found(text, lines, h, w))
                }
                _ => {}
            }
        }
    }
    settle_wish(text, lines, hits, facts, conditional, done_with_it);
}

/// The wish and the ask read together: 还是不要了 of shoes the buyer has is a
/// return, the whole price asked back is the wish and no ask, a part of it
/// on a signed order keeps the shoes.
fn money_back(facts: &mut Facts, received: bool, done_with_it: bool) {
    // 试穿了 还是不要了: shoes the buyer has go back.
    if done_with_it
        && received
        && let Some(w) = &facts.wants
    {
        facts.wants = Some(relabel(w, Wants::Return));
    }
    // 直接给我退钱 129一分不能少: the whole price back is the wish, not a sum asked on top.
    if let (Some(w), Some(a), Some(p)) = (&facts.wants, &facts.ask, &facts.price)
        && matches!(w.value, Wants::Refund | Wants::Return)
        && a.value == p.value
    {
        facts.ask = None;
    }
    // 要退70 of a ¥138 pair the buyer has: a part of the price, the shoes kept.
    if let (Some(w), Some(a), Some(p)) = (&facts.wants, &facts.ask, &facts.price)
        && w.value == Wants::Refund
        && received
        && a.value < p.value
    {
        facts.wants = Some(relabel(a, Wants::Keep));
    }
}

/// Words that only say the buyer is done with the shoes (不要了): the money
/// back before they are sent, the shoes sent back once they have come.
static WISH_DONE: WordList = WordList::named(&WORDS, "wish.done");

/// Whether a wish to keep the shoes is a refusal to send them back said right
/// after asking for the money (我要退款 不退货了): a refund without a return.
fn refund_then_no_return(text: &Text, facts: &Facts, last_wish: Option<usize>, h: &Hit) -> bool {
    let (Some(end), Some(prev)) = (last_wish, &facts.wants) else {
        return false;
    };
    let between = text.norm.get(end..h.span.start).unwrap_or("");
    matches!(prev.value, Wants::Refund | Wants::Return)
        && text.norm[h.span.clone()].starts_with(['不', '懒', '唔'])
        && (prev.value == Wants::Refund || between.starts_with('款'))
        && between
            .trim_start_matches('款')
            .chars()
            .all(|c| c.is_whitespace() || ",，。!！~".contains(c))
}

/// Whether a sum of money follows a word of refunding, after whom it goes to
/// (退她10块, 退我二十): a part of the price back, not the goods sent back.
fn sum_follows(after: &str) -> bool {
    let t = after.trim_start_matches(['我', '她', '他', '您', '给', '个', '点']);
    let head = &t[..t.char_indices().nth(8).map_or(t.len(), |(i, _)| i)];
    super::money::amounts(head, 0)
        .first()
        .is_some_and(|a| a.span.start == 0 && !a.value.is_zero())
}

/// Adds a kind of evidence once.
fn add_evidence(facts: &mut Facts, f: Found<Evidence>) {
    if !facts.evidence.iter().any(|x| x.value == f.value) {
        facts.evidence.push(f);
    }
}

/// Evidence from the evidence field (上传凭证:图片3张 / 视频1个) and from what the shop says it saw.
fn evidence_told(text: &Text, lines: &[Line], hits: &[Hit], facts: &mut Facts) {
    // 上传凭证:图片3张 / 视频1个
    for l in lines.iter().filter(|l| l.field == Some(Field::Evidence)) {
        let quote = || text.quote(l.span.clone());
        if EVIDENCE_PHOTO.holds(l.text) {
            add_evidence(facts, Found::new(Evidence::Photo, quote(), l.segment, None));
        }
        if EVIDENCE_VIDEO.holds(l.text) {
            add_evidence(facts, Found::new(Evidence::Video, quote(), l.segment, None));
        }
    }
    // What the shop says it saw.
    for h in hits.iter().filter(|h| !h.negated) {
        for tag in h.tags {
            if let Tag::EvidenceSeen(video) = *tag {
                let e = if video {
                    Evidence::Video
                } else {
                    Evidence::Photo
                };
                add_evidence(facts, found(text, lines, h, e));
            }
        }
    }
}

/// The wish once the words are read: a conditional one, one agreed to, 换40, then what
/// the refund's type, the postage claim, the stage, the review and an amount imply.
fn settle_wish(
    text: &Text,
    lines: &[Line],
    hits: &[Hit],
    facts: &mut Facts,
    conditional: Option<Found<Wants>>,
    done_with_it: bool,
) {
    // 再不给退我就投诉, of shoes the buyer has: 退 is sending them back.
    let received = facts.stage.as_ref().is_some_and(|s| {
        matches!(
            s.value,
            crate::case::Stage::Signed | crate::case::Stage::Completed
        )
    });
    money_back(facts, received, done_with_it);
    let conditional = conditional.map(|c| match c.value {
        Wants::Refund if received => relabel(&c, Wants::Return),
        _ => c,
    });
    if facts.wants.is_none() {
        facts.wants = conditional.or_else(|| agreed(text, lines, hits));
    }
    // 换40: an exchange for another size, said in the buyer's own words.
    if facts.wants.is_none() {
        for l in lines.iter().filter(|l| account(l)) {
            if let Some(i) = l.text.find('换')
                && l.text[i + '换'.len_utf8()..].starts_with(|c: char| c.is_ascii_digit())
            {
                let at = l.span.start + i;
                facts.wants = Some(Found::new(
                    Wants::Exchange,
                    text.quote(at..at + '换'.len_utf8()),
                    l.segment,
                    l.speaker,
                ));
            }
        }
    }
    // A return request filed as 退货退款 is a return, whatever word the chat used;
    // an agent's note saying so (@组长 买家要退货退款) does not outweigh the buyer.
    if let (Some(w), Some(t)) = (&facts.wants, &facts.refund_type)
        && w.value == Wants::Refund
        && t.value == RefundType::ReturnRefund
        && (t.segment != Some(Segment::Note) || w.segment == Some(Segment::Note))
    {
        facts.wants = Some(relabel(t, Wants::Return));
    }
    // A request to be paid the postage wants money back, whatever the amount.
    if let Some(d) = facts.defect.as_ref().filter(|d| d.value == Defect::Postage) {
        facts.wants = Some(relabel(d, Wants::Refund));
    }
    // Before shipping, all a buyer can want back is the money.
    let unshipped = facts
        .stage
        .as_ref()
        .is_some_and(|s| s.value == crate::case::Stage::Unshipped)
        || facts.defect.as_ref().is_some_and(|d| {
            matches!(
                d.value,
                Defect::MistakenOrder | Defect::OutOfStock | Defect::LateShipment
            )
        });
    if unshipped
        && facts
            .wants
            .as_ref()
            .is_none_or(|w| w.value != Wants::Refund)
        && let Some(d) = &facts.defect
    {
        facts.wants = Some(relabel(d, Wants::Refund));
    }
    // 干脆退了我重新拍吧 还没发货吧: nothing has been sent to send back.
    if let (Some(w), Some(s)) = (&facts.wants, &facts.stage)
        && w.value == Wants::Return
        && s.value == crate::case::Stage::Unshipped
    {
        facts.wants = Some(relabel(w, Wants::Refund));
    }
    // Complaining about a review already given is no threat of one.
    if facts
        .defect
        .as_ref()
        .is_some_and(|d| d.value == Defect::BadReview)
    {
        facts
            .threats
            .retain(|t| t.value != crate::case::Threat::BadReview);
    }
    // A buyer who names an amount and no other wish wants to keep the shoes for it.
    if facts.wants.is_none()
        && let Some(a) = &facts.ask
    {
        facts.wants = Some(relabel(a, Wants::Keep));
    }
    // Without a wish in words, the refund request says it.
    if facts.wants.is_none()
        && let Some(t) = &facts.refund_type
    {
        let w = match t.value {
            RefundType::RefundOnly => Wants::Refund,
            RefundType::ReturnRefund => Wants::Return,
            RefundType::Exchange => Wants::Exchange,
        };
        facts.wants = Some(relabel(t, w));
    }
}

/// What the shop proposed (给您换一双) when the buyer's next turn agrees to it (好的).
fn agreed(text: &Text, lines: &[Line], hits: &[Hit]) -> Option<Found<Wants>> {
    let mut proposal: Option<(usize, Wants)> = None;
    let mut answer: Option<Found<Wants>> = None;
    for h in hits.iter().filter(|h| !h.negated) {
        let l = &lines[h.line];
        if l.speaker == Some(Speaker::Shop) {
            if let Some(w) = h.tags.iter().find_map(|t| match t {
                Tag::Wants(w) if *w != Wants::Keep => Some(*w),
                _ => None,
            }) {
                proposal = Some((l.turn, w));
            }
        } else if l.speaker == Some(Speaker::Buyer)
            && h.tags.contains(&Tag::Agree)
            && let Some((turn, w)) = proposal
            && l.turn > turn
        {
            answer = Some(found(text, lines, h, w));
            proposal = None;
        }
    }
    answer
}

/// Reads the order stage, the platform, 包邮, 运费险 and the material.
pub(super) fn order_words(text: &Text, lines: &[Line], hits: &[Hit], facts: &mut Facts) {
    let mut stage: Option<(Stage, &Hit)> = None;
    let mut received: Option<&Hit> = None;
    let mut not_signed: Option<&Hit> = None;
    for h in hits.iter().filter(|h| !h.negated) {
        for tag in h.tags {
            match *tag {
                // The furthest stage mentioned is where the order is.
                Tag::Stage(s) if stage.is_none_or(|(old, _)| s > old) => stage = Some((s, h)),
                Tag::Received if account(&lines[h.line]) && received.is_none() => {
                    received = Some(h)
                }
                Tag::NotSigned if account(&lines[h.line]) && not_signed.is_none() => {
                    not_signed = Some(h)
                }
                // A Tmall order also shows 淘宝 in places; 天猫 decides.
                Tag::Platform(p)
                    if facts
                        .platform
                        .as_ref()
                        .is_none_or(|f| f.value == Platform::Taobao && p == Platform::Tmall) =>
                {
                    facts.platform = Some(found(text, lines, h, p));
                }
                Tag::FreeShipping(yes) if facts.free_shipping.is_none() => {
                    facts.free_shipping = Some(found(text, lines, h, yes));
                }
                Tag::Insurance if facts.shipping_insurance.is_none() => {
                    facts.shipping_insurance = Some(found(text, lines, h, true));
                }
                Tag::ExpressRefund if facts.express_refund.is_none() => {
                    facts.express_refund = Some(found(text, lines, h, true));
                }
                Tag::RefusedTwice if facts.refused_twice.is_none() => {
                    facts.refused_twice = Some(found(text, lines, h, true));
                }
                Tag::Material(m) if facts.material.is_none() => {
                    facts.material = Some(found(text, lines, h, m));
                }
                Tag::Yes(fact) => {
                    if let Some(slot) = facts.yes_mut(fact).filter(|s| s.is_none()) {
                        *slot = Some(found(text, lines, h, true));
                    }
                }
                _ => {}
            }
        }
    }
    // 不包邮 and 没有运费险 say the opposite.
    for h in hits.iter().filter(|h| h.negated) {
        for tag in h.tags {
            match *tag {
                Tag::FreeShipping(yes) if facts.free_shipping.is_none() => {
                    facts.free_shipping = Some(found(text, lines, h, !yes));
                }
                Tag::Insurance if facts.shipping_insurance.is_none() => {
                    facts.shipping_insurance = Some(found(text, lines, h, false));
                }
                Tag::Yes(fact) => {
                    if let Some(slot) = facts.yes_mut(fact).filter(|s| s.is_none()) {
                        *slot = Some(found(text, lines, h, false));
                    }
                }
                _ => {}
            }
        }
    }
    // 还没签收, 快递员在门口: the buyer says the parcel is not signed for, which beats
    // an arrival said as a plan (到了我直接拒收) or a question (要不要签收) — but not
    // the order form's own state.
    let form_says = stage.is_some_and(|(_, h)| lines[h.line].segment == Segment::Form);
    if let Some(h) = not_signed.filter(|_| !form_says) {
        facts.stage = Some(found(text, lines, h, Stage::InTransit));
        return;
    }
    facts.stage = match (stage, received) {
        (Some((s, h)), _) if s >= Stage::Signed => Some(found(text, lines, h, s)),
        (_, Some(h)) => Some(found(text, lines, h, Stage::Signed)),
        (Some((s, h)), None) => Some(found(text, lines, h, s)),
        (None, None) => None,
    };
}
