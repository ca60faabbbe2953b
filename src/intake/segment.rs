//! Segmenting a paste: which lines are the order form, which the refund
//! request, which the chat — and in the chat, who said each line.
//!
//! Speakers are read the ways the workbench and agents write them: `买家:`,
//! `客服:`, `卖家:`, `我:` / `对方:`, `[客服]`, a shop name (`星河鞋履旗舰店:`),
//! or a nickname on its own line or followed by a timestamp (`小鱼儿 2026-11-18
//! 20:31:05`) with the message on the next lines. A line without a speaker
//! continues the turn before it. Roles of nicknames come from the name (a shop
//! name), then from the other speaker, then from how each one talks.

use serde::Serialize;
use std::collections::HashMap;

use super::WORDS;
use crate::text::{WordList, holds_any, starts_with_bytes, trim};
use std::ops::Range;
use std::sync::LazyLock;

/// Where in the paste a fact was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Segment {
    /// A labelled field of the order form (实付款, 收货地址, 交易状态 …).
    Form,
    /// The refund request (退款类型, 退款原因, 退款金额, 退款说明 …).
    Refund,
    /// A chat turn.
    Chat,
    /// Free text with no label and no speaker (an agent's note).
    Note,
}

impl Segment {
    /// The segment's name in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Segment::Form => "订单信息",
            Segment::Refund => "退款申请",
            Segment::Chat => "聊天",
            Segment::Note => "备注",
        }
    }
}

/// Who said a chat line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The buyer.
    Buyer,
    /// The shop (客服, 卖家, the shop's name).
    Shop,
}

impl Speaker {
    /// The speaker's name in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            Speaker::Buyer => "买家",
            Speaker::Shop => "客服",
        }
    }
}

/// A labelled field (form or refund request).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    /// 收货地址, 收件人.
    Address,
    /// 商品标题.
    Title,
    /// 实付款 and its kin: what the buyer paid.
    Paid,
    /// 订单金额, 合计: the order's total, second best.
    Total,
    /// 商品总价, 单价, 原价: list prices, never taken over what was paid.
    ListPrice,
    /// 运费.
    Fee,
    /// 交易状态, 物流信息.
    Status,
    /// 签收时间.
    SignedAt,
    /// 付款时间.
    PaidAt,
    /// 成交时间.
    CompletedAt,
    /// 发货时间.
    ShippedAt,
    /// 订单编号, 运单号.
    OrderNo,
    /// 退款类型.
    RefundType,
    /// 退款原因.
    RefundReason,
    /// 退款金额.
    RefundAmount,
    /// 退款说明, 问题描述: the buyer's own words.
    RefundNote,
    /// 申请时间.
    RequestedAt,
    /// 退款状态.
    RefundStatus,
    /// 责任方.
    Responsibility,
    /// 评价.
    Review,
    /// 上传凭证: the photos or videos the buyer uploaded.
    Evidence,
    /// A label the reader knows and reads nothing from (颜色, 尺码 …).
    Other,
    /// The buyer's chat name (成都-琪琪妈, 买家（喀什）): no label names it; a place in
    /// it is the last place the province is looked for.
    Name,
    /// 处理/跟进: the agent's own account, read as a note, not a field.
    Note,
}

impl Field {
    /// Whether the field belongs to the refund request.
    fn is_refund(self) -> bool {
        matches!(
            self,
            Field::RefundType
                | Field::RefundReason
                | Field::RefundAmount
                | Field::RefundNote
                | Field::RequestedAt
                | Field::RefundStatus
                | Field::Evidence
        )
    }
}

/// The field labels, from `data/labels.txt` (one field a line, its labels after it).
const LABELS: &str = include_str!("../../data/labels.txt");

/// The field a line of `data/labels.txt` names before its colon.
fn field_named(name: &str) -> Option<Field> {
    Some(match name {
        "address" => Field::Address,
        "other" => Field::Other,
        "paid" => Field::Paid,
        "fee" => Field::Fee,
        "total" => Field::Total,
        "title" => Field::Title,
        "list_price" => Field::ListPrice,
        "status" => Field::Status,
        "signed_at" => Field::SignedAt,
        "paid_at" => Field::PaidAt,
        "completed_at" => Field::CompletedAt,
        "shipped_at" => Field::ShippedAt,
        "order_no" => Field::OrderNo,
        "refund_type" => Field::RefundType,
        "refund_reason" => Field::RefundReason,
        "refund_amount" => Field::RefundAmount,
        "refund_note" => Field::RefundNote,
        "evidence" => Field::Evidence,
        "requested_at" => Field::RequestedAt,
        "refund_status" => Field::RefundStatus,
        "responsibility" => Field::Responsibility,
        "review" => Field::Review,
        "note" => Field::Note,
        "name" => Field::Name,
        _ => return None,
    })
}

/// The prefix of a line of `data/labels.txt` whose words name a field only as
/// a table's column heading (退款, 类型, 买家): too plain to be labels elsewhere.
const COLUMN: &str = "column.";

/// The labels of `data/labels.txt`: each word with its field, and whether it
/// names the field only as a column heading.
fn all_labels() -> impl Iterator<Item = (&'static str, Field, bool)> {
    LABELS
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(':'))
        .filter_map(|(name, words)| {
            let name = name.trim();
            let column = name.strip_prefix(COLUMN);
            Some((
                field_named(column.unwrap_or(name))?,
                words,
                column.is_some(),
            ))
        })
        .flat_map(|(field, words, column)| {
            words.split_whitespace().map(move |w| (w, field, column))
        })
}

/// The field a table's column heading names: a label, or a word that is one
/// only as a heading.
fn column_label(t: &str) -> Option<Field> {
    // The heading-only words, gathered once: a pasted table asks of every cell.
    static COLUMNS: LazyLock<HashMap<&'static str, Field>> = LazyLock::new(|| {
        all_labels()
            .filter(|(_, _, column)| *column)
            .map(|(w, f, _)| (w, f))
            .collect()
    });
    exact_label(t).or_else(|| COLUMNS.get(trim(t)).copied())
}

/// Every label with its field, as `data/labels.txt` lists them.
fn field_labels() -> impl Iterator<Item = (&'static str, Field)> {
    all_labels()
        .filter(|(_, _, column)| !column)
        .map(|(w, f, _)| (w, f))
}

/// Speaker words and the role they always mean.
static ROLES: LazyLock<Vec<(&str, Speaker)>> = LazyLock::new(|| {
    [
        (WORDS.list("speaker.buyer"), Speaker::Buyer),
        (WORDS.list("speaker.shop"), Speaker::Shop),
    ]
    .into_iter()
    .flat_map(|(words, who)| words.iter().map(move |w| (*w, who)))
    .collect()
});

/// Parts of a name that make it a shop's (星河鞋履旗舰店, 某某官方店:小王).
static SHOP_MARKS: WordList = WordList::named(&WORDS, "shop.mark");
/// Weaker marks: a buyer's nickname may hold them too (卓玛的小店铺).
static WEAK_SHOP_MARKS: WordList = WordList::named(&WORDS, "shop.weak_mark");

/// Lines that open a forwarded chat.
static FORWARD_MARKS: WordList = WordList::named(&WORDS, "line.forward");

/// One line of the paste, placed.
#[derive(Debug, Clone)]
pub struct Line<'t> {
    /// The words of the line that say something (after a speaker or a label), in the normalised text.
    pub span: Range<usize>,
    /// Those words.
    pub text: &'t str,
    /// Where the line belongs.
    pub segment: Segment,
    /// Who said it (chat lines).
    pub speaker: Option<Speaker>,
    /// Whether the speaker is a guess (a lone nickname, or told apart by how it talks).
    pub speaker_guessed: bool,
    /// The field it fills (form and refund lines).
    pub field: Option<Field>,
    /// The chat turn it belongs to (0 before any turn).
    pub turn: usize,
    /// The row of an order table it is a cell of (one row per item), counted from 1.
    pub row: Option<usize>,
}

/// One part of a line of labels: a field's value, a speaker's words, or
/// words that are no field's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    /// The value of a labelled field.
    Field(Field),
    /// What a speaker named by a role word said (`… 实付款:¥139 买家:鞋面有污渍`).
    Said(Speaker),
    /// Words before the first label: an agent's note.
    Unread,
}

/// How a raw line looks before roles are known.
#[derive(Debug)]
enum Shape<'t> {
    Blank,
    /// Only a timestamp.
    Stamp,
    /// `name: message` (the name may carry a timestamp).
    Said {
        name: &'t str,
        rest: Range<usize>,
    },
    /// A name alone (perhaps with a timestamp): the message follows on the next lines.
    Header {
        name: &'t str,
    },
    /// Labelled fields and speakers on one line, in order.
    Fields(Vec<(Item, Range<usize>)>),
    /// Anything else.
    Text(Range<usize>),
    /// A marker that a forwarded chat begins.
    Forward,
    /// Cells parted by tabs or wide gaps, with no `label:` in them: an order
    /// table's heading or row, or `商品总价<TAB>388.90`.
    Cells(Vec<Range<usize>>),
}

/// Places every line of the normalised text.
pub fn segment(text: &str) -> Vec<Line<'_>> {
    let raw: Vec<(usize, &str)> = crate::text::lines(text).collect();
    // How often each short line recurs: a name that heads several messages.
    let mut recurring: HashMap<&str, usize, crate::text::FastHash> = HashMap::default();
    for (_, l) in &raw {
        let t = trim(l);
        if !t.is_empty() && t.len() <= 72 {
            *recurring.entry(t).or_default() += 1;
        }
    }
    let mut prev_stamp = false;
    let shapes: Vec<Shape> = raw
        .iter()
        .enumerate()
        .map(|(i, (start, line))| {
            // Asked only of a line that could be a name alone.
            let next = || {
                raw[i + 1..]
                    .iter()
                    .find(|(_, l)| !l.trim().is_empty())
                    .map(|(_, l)| *l)
            };
            // `2026-10-10 22:37` / `重庆小火锅` / the message: a name alone under its
            // time heads a message when it heads others too, or plainly names a side.
            let t = trim(line);
            let heads = prev_stamp
                && (recurring.get(t).is_some_and(|&n| n >= 2)
                    || role_of(t).is_some()
                    || is_shop_name(t)
                    || buyer_nick(t));
            let s = shape(*start, line, next, heads);
            if !t.is_empty() {
                prev_stamp = matches!(s, Shape::Stamp);
            }
            s
        })
        .collect();
    let roles = roles(text, &raw, &shapes);
    // A line gives one line of the reading, a line of fields one per field.
    let mut state = Placing {
        text,
        out: Vec::with_capacity(raw.len()),
        current: Who::default(),
        in_chat: false,
        turn: 0,
        last_field: None,
        table: None,
        rows: 0,
        names: Vec::new(),
    };
    for ((start, line), shape) in raw.iter().zip(&shapes) {
        let whole = *start..start + line.len();
        if matches!(
            shape,
            Shape::Blank | Shape::Said { .. } | Shape::Header { .. }
        ) {
            state.table = None;
        }
        match shape {
            // 签收时间 on its own line, its time on the next.
            Shape::Stamp if matches!(state.last_field, Some((_, true))) => {
                if let Some((field, _)) = state.last_field {
                    state
                        .out
                        .push(Line::field(text, whole.clone(), field, state.turn));
                }
                state.last_field = Some((Field::Other, false));
            }
            Shape::Blank | Shape::Stamp | Shape::Forward => {}
            Shape::Cells(cells) => state.cells(cells, whole),
            Shape::Said { name, rest } => match roles.get(name) {
                Some(who) => {
                    state.speaker(who, name);
                    push_said(&mut state.out, text, rest.clone(), who, state.turn);
                }
                None => state.text_line(whole),
            },
            Shape::Header { name } => match roles.get(name) {
                Some(who) => state.speaker(who, name),
                None => state.text_line(whole),
            },
            Shape::Fields(fields) => state.fields(fields),
            Shape::Text(span) => match state.last_field {
                // A field whose value runs on to the next line (收货地址:\n新疆 …).
                Some((field, true)) => {
                    state
                        .out
                        .push(Line::field(text, span.clone(), field, state.turn));
                    state.last_field = Some((field, false));
                }
                _ => push_text(
                    &mut state.out,
                    text,
                    span.clone(),
                    state.in_chat,
                    state.current,
                    state.turn,
                ),
            },
        }
    }
    state.out
}

/// Where the placing of lines stands: the lines placed so far, the speaker and
/// turn, the last field (its value may run on to the next line), and the
/// order table being read.
struct Placing<'t> {
    /// The normalised text.
    text: &'t str,
    /// The lines placed.
    out: Vec<Line<'t>>,
    /// Who speaks now.
    current: Who,
    /// Whether the lines are a chat's.
    in_chat: bool,
    /// The turn's number.
    turn: usize,
    /// The last field, and whether its value is still to come.
    last_field: Option<(Field, bool)>,
    /// The heading of the order table being read.
    table: Option<Vec<Field>>,
    /// The rows read under it.
    rows: usize,
    /// The buyer's names already given a line: a chat has few names and many turns.
    names: Vec<&'t str>,
}

impl<'t> Placing<'t> {
    /// A named speaker starts a turn of the chat.
    fn speaker(&mut self, who: Who, name: &'t str) {
        self.turn += 1;
        self.current = who;
        self.in_chat = true;
        self.last_field = None;
        // The buyer's name, once for each name, as a line of its own (for the place).
        if who.speaker == Some(Speaker::Buyer) && !self.names.contains(&name) {
            self.names.push(name);
            let start = name.as_ptr() as usize - self.text.as_ptr() as usize;
            let span = start..start + name.len();
            self.out
                .push(Line::field(self.text, span, Field::Name, self.turn));
        }
    }

    /// A line of words: the current speaker's in a chat, else a note.
    fn text_line(&mut self, span: Range<usize>) {
        push_text(
            &mut self.out,
            self.text,
            span,
            self.in_chat,
            self.current,
            self.turn,
        );
    }

    /// A line of cells: a table's heading, one of its rows, a label and its value, or text.
    fn cells(&mut self, cells: &[Range<usize>], whole: Range<usize>) {
        let labels: Vec<Option<Field>> = cells
            .iter()
            .map(|c| column_label(&self.text[c.clone()]))
            .collect();
        self.last_field = None;
        let known = labels.iter().flatten().count();
        // 商品 单价 数量 实付 状态: a heading; the rows under it are the items. An
        // export's heading may hold columns we do not read (颜色/尺码, 商家备注).
        if known == labels.len() || labels.len() >= 4 && known * 3 >= labels.len() * 2 {
            self.table = Some(
                labels
                    .into_iter()
                    .map(|f| f.unwrap_or(Field::Other))
                    .collect(),
            );
        // A row's empty cells at its end are trimmed away with the line's spaces.
        } else if let Some(heading) = self
            .table
            .as_ref()
            .filter(|h| h.len() >= cells.len() && h.len() <= cells.len() + 2)
        {
            self.rows += 1;
            for (cell, field) in cells.iter().zip(heading) {
                let mut l = Line::field(self.text, cell.clone(), *field, self.turn);
                l.row = Some(self.rows);
                self.out.push(l);
            }
            self.in_chat = false;
        } else if let ([_, value], Some(field)) = (cells, labels[0]) {
            self.out
                .push(Line::field(self.text, value.clone(), field, self.turn));
            self.in_chat = false;
        } else {
            push_text(
                &mut self.out,
                self.text,
                whole,
                self.in_chat,
                self.current,
                self.turn,
            );
        }
    }

    /// A line of labelled fields: each field, an agent's note, or a speaker's words.
    fn fields(&mut self, fields: &[(Item, Range<usize>)]) {
        for (item, value) in fields {
            let field = match item {
                Item::Field(field) if *field != Field::Note => *field,
                // Words on a form line that are no field's, or under 处理: an agent's note.
                Item::Unread | Item::Field(_) => {
                    let before = self.out.len();
                    push_text(
                        &mut self.out,
                        self.text,
                        value.clone(),
                        false,
                        Who::default(),
                        self.turn,
                    );
                    // Labelled (备注：…), it stays known as such: a note, not a title.
                    if let (Item::Field(f), Some(l)) = (item, self.out.get_mut(before)) {
                        l.field = Some(*f);
                    }
                    continue;
                }
                // `… 实付款:¥139 买家:鞋面有污渍 补偿20吧`: the label ends where the speaker starts.
                Item::Said(who) => {
                    self.turn += 1;
                    let who = Who::sure(*who);
                    push_said(&mut self.out, self.text, value.clone(), who, self.turn);
                    continue;
                }
            };
            self.out
                .push(Line::field(self.text, value.clone(), field, self.turn));
            self.last_field = Some((field, self.text[value.clone()].trim().is_empty()));
        }
        // A form block ends the turn: text after it is not the last speaker's.
        self.in_chat = false;
    }
}

/// Who is speaking, and whether that is a guess.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Who {
    speaker: Option<Speaker>,
    guessed: bool,
}

impl Who {
    fn sure(speaker: Speaker) -> Who {
        Who {
            speaker: Some(speaker),
            guessed: false,
        }
    }
}

impl<'t> Line<'t> {
    /// The value of a labelled field.
    fn field(text: &'t str, span: Range<usize>, field: Field, turn: usize) -> Line<'t> {
        Line {
            text: &text[span.clone()],
            span,
            segment: if field.is_refund() {
                Segment::Refund
            } else {
                Segment::Form
            },
            speaker: None,
            speaker_guessed: false,
            field: Some(field),
            turn,
            row: None,
        }
    }
}

/// A speaker's words on the line that names them.
fn push_said<'t>(
    out: &mut Vec<Line<'t>>,
    text: &'t str,
    span: Range<usize>,
    who: Who,
    turn: usize,
) {
    let span = trim_span(text, span);
    if span.is_empty() {
        return;
    }
    out.push(Line {
        text: &text[span.clone()],
        span,
        segment: Segment::Chat,
        speaker: who.speaker,
        speaker_guessed: who.guessed,
        field: None,
        turn,
        row: None,
    });
}

/// A line of text that is not labelled: the current turn's, or a note.
///
/// An agent often pastes their own earlier answer under the buyer's turn
/// without a name (`亲 非常抱歉 这边给您返5元红包`): a line that opens the way
/// the shop talks is taken as the shop's, and marked as a guess.
fn push_text<'t>(
    out: &mut Vec<Line<'t>>,
    text: &'t str,
    span: Range<usize>,
    in_chat: bool,
    who: Who,
    turn: usize,
) {
    let trimmed = trim_span(text, span);
    if trimmed.is_empty() {
        return;
    }
    let words = &text[trimmed.clone()];
    // @组长 厦门的 要8 我给了5: the agent turning to a colleague, whatever came before.
    let in_chat = in_chat && !COLLEAGUE.opens(words);
    if !in_chat && item_line(words) {
        out.push(Line::field(text, trimmed, Field::Title, turn));
        return;
    }
    let who = if in_chat && who.speaker == Some(Speaker::Buyer) && shop_opening(words) {
        Who {
            speaker: Some(Speaker::Shop),
            guessed: true,
        }
    } else {
        who
    };
    out.push(Line {
        text: words,
        span: trimmed,
        segment: if in_chat {
            Segment::Chat
        } else {
            Segment::Note
        },
        speaker: if in_chat { who.speaker } else { None },
        speaker_guessed: in_chat && who.guessed,
        field: None,
        turn,
        row: None,
    });
}

/// Words opening a line the agent writes to a colleague (@组长, 交接).
static COLLEAGUE: WordList = WordList::named(&WORDS, "line.colleague");

/// Words that tell a sum right before it (实付, 一共): the line states money.
static STATEMENT: WordList = WordList::named(&WORDS, "amount.statement");

/// Whether an unlabelled line is an ordered item as pages copy it: its words
/// with no sentence in them, ending in its ¥ price (男女溯溪鞋 网面透气 灰色 43 ¥56.80).
fn item_line(t: &str) -> bool {
    let Some(sign) = t.rfind('¥') else {
        return false;
    };
    let price = t[sign + '¥'.len_utf8()..].trim();
    let named = t[..sign].chars().filter(|c| *c as u32 >= 0x4E00).count() >= 4;
    // 确实发错色 实付 ¥219: a sum told, not an item; 运费（快递） ¥0.00, 购物津贴 -¥50.00: an
    // order's money under a label.
    let before = t[..sign].trim_end();
    let told = STATEMENT.words().iter().any(|w| before.ends_with(w))
        || before.ends_with(['-', '−'])
        || is_label(before.split([' ', '（', '(']).next().unwrap_or(before));
    named
        && !told
        && price
            .trim_start_matches(['0', '.'])
            .chars()
            .any(|c| c.is_ascii_digit())
        && !price.is_empty()
        && price
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.matches('¥').count() == 1
        && !t.contains(['，', '。', '！', '？', ',', '!', '?', '；', ';'])
}

/// Whether a line opens as the shop answers: 亲 first, and shop talk in it.
fn shop_opening(line: &str) -> bool {
    line.starts_with('亲') && talk(line) >= 2
}

fn trim_span(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let tail = s.len() - s.trim_end().len();
    span.start + lead..(span.end - tail).max(span.start + lead)
}

/// What a line looks like.
fn shape<'t>(
    start: usize,
    line: &'t str,
    next: impl Fn() -> Option<&'t str>,
    heads: bool,
) -> Shape<'t> {
    let next_is_stamp = || next().is_some_and(is_stamp_line);
    let t = trim(line);
    if t.is_empty() {
        return Shape::Blank;
    }
    if is_stamp_line(t) {
        return Shape::Stamp;
    }
    // Cheapest test first: a chat or field line has a colon.
    if !t.contains(':') && t.chars().count() <= 24 && holds_any(t, &FORWARD_MARKS) {
        return Shape::Forward;
    }
    let lead = line.len() - line.trim_start().len();
    let body_start = start + lead;
    // A leading timestamp before a speaker: `(2026-11-18 20:31) 买家: …`.
    let (t, body_start) = match stamp_prefix(t) {
        Some(n)
            if speaker_colon(t[n..].trim_start())
                .is_some_and(|c| is_name(strip_stamp(trim(&t[n..].trim_start()[..c])).0)) =>
        {
            (
                t[n..].trim_start(),
                body_start + n + (t[n..].len() - t[n..].trim_start().len()),
            )
        }
        // `2026-11-19 08:40 阿猫不吃鱼` / `[2026/11/19 08:41] 老王在此`, the message on the
        // next lines: a name after a timestamp, when the next line is not another stamped one.
        Some(n)
            if is_name(trim(&t[n..]))
                && !trim(&t[n..]).contains(':')
                && next().is_some_and(|l| stamp_prefix(trim(l)).is_none()) =>
        {
            return Shape::Header {
                name: trim(&t[n..]),
            };
        }
        _ => (t, body_start),
    };
    let stamped = body_start != start + lead;
    let Some((t, body_start)) = past_quote(t, body_start) else {
        return Shape::Blank;
    };
    if let Some(shape) = unmarked_fields(t, body_start, &next) {
        return shape;
    }
    if label_at(t).is_some()
        && let Some(fields) = fields(t, body_start)
    {
        return Shape::Fields(fields);
    }
    let colon = speaker_colon(t);
    let speaker_first = colon.is_some_and(|c| role_of(strip_stamp(trim(&t[..c])).0).is_some());
    // 天猫订单 交易成功 实付款:¥459.00: fields after some words.
    if !speaker_first && let Some(fields) = fields(t, body_start) {
        return Shape::Fields(fields);
    }
    if let Some((field, from)) = card_tag(t) {
        let from = body_start + from;
        return Shape::Fields(vec![(Item::Field(field), from..body_start + t.len())]);
    }
    // `[客服] …` / `【买家】…`
    if let Some((name, after)) = bracketed(t) {
        let rest_start = body_start + (t.len() - after.len());
        let rest = after.trim_start_matches([':', ' ']);
        let rest_start = rest_start + (after.len() - rest.len());
        return Shape::Said {
            name,
            rest: rest_start..rest_start + rest.trim_end().len(),
        };
    }
    // `买家 12-01 21:18  你们这鞋线头…`: a name, its time and the message on one line.
    if let Some((name, rest)) = name_stamp_message(t) {
        return Shape::Said {
            name,
            rest: body_start + rest.start..body_start + rest.end,
        };
    }
    // `name[ timestamp]: message`
    if let Some(colon) = colon {
        let head = trim(&t[..colon]);
        let (name, _) = strip_stamp(head);
        if is_name(name) {
            let after = &t[colon + 1..];
            let rest = trim(after);
            let rest_start = body_start + colon + 1 + (after.len() - after.trim_start().len());
            // A shop sub-account `店名:小王 20:31:05` with nothing after is a header,
            // and so is `2026-11-19 08:43 踏云旗舰店:阿琳`.
            if rest.is_empty()
                || strip_stamp(rest).1 && is_name(strip_stamp(rest).0)
                || stamped && is_shop_name(name) && sub_account(rest)
            {
                return Shape::Header { name };
            }
            return Shape::Said {
                name,
                rest: rest_start..rest_start + rest.len(),
            };
        }
    }
    // `name 2026-11-18 20:31:05` or a name alone before a timestamp line.
    let (name, had_stamp) = strip_stamp(t);
    if is_name(name) && (had_stamp || heads || next_is_stamp()) {
        return Shape::Header { name };
    }
    Shape::Text(body_start..body_start + t.len())
}

/// Fields written without a colon, as order pages copy: cells parted by tabs
/// (`商品<TAB>单价<TAB>数量`), `运费 ¥0.00` (a label, a space and a bare value),
/// and a label alone on its line with its value on the next (`实付款` / `¥339.00`).
fn unmarked_fields<'t>(
    t: &'t str,
    at: usize,
    next: &impl Fn() -> Option<&'t str>,
) -> Option<Shape<'t>> {
    // A row of an export may hold a time (… 2026-11-20 09:12 …): with two
    // tabs or pipes or more, and no cell opening with a label (淘宝 | 退款类型:仅退款),
    // its colons are no label's.
    let colon = t.contains(':');
    if colon && t.matches(['\t', '|', '｜']).count() < 2 {
        return None;
    }
    if !colon && let Some(shape) = spaced_label(t, at) {
        return Some(shape);
    }
    let cells = cells(t, at);
    if colon
        && cells
            .iter()
            .any(|c| label_at(&t[c.start - at..c.end - at]).is_some())
    {
        return None;
    }
    if cells.len() >= 2 {
        return Some(Shape::Cells(cells));
    }
    if let Some(field) = exact_label(t) {
        return next()
            .is_some_and(|n| is_bare_value(trim(n)))
            .then(|| Shape::Fields(vec![(Item::Field(field), at + t.len()..at + t.len())]));
    }
    let (label, value) = t.split_once([' ', '\t', '\u{3000}'])?;
    let value = value.trim_start_matches([' ', '\t', '\u{3000}']);
    let field = exact_label(label)?;
    // 规格 卡其色;39: a spec's value, one token with a number in it (颜色 不对 is words).
    let spec = field == Field::Other
        && !value.contains([' ', '\t', '\u{3000}'])
        && value.contains(|c: char| c.is_ascii_digit());
    (is_bare_value(value) || spec).then(|| {
        let from = at + t.len() - value.len();
        Shape::Fields(vec![(Item::Field(field), from..at + t.len())])
    })
}

/// A label, a space, then its value with no colon between, where the value
/// is plainly data (订单 4012870012938475510 男款马丁靴 黄 42 ¥269 交易成功, 收货地址 重庆
/// 渝北区 …): the label's field. Only fields whose values are data, never words
/// someone said, and only with a ¥ price or an order number in it, or an address.
/// Cells after it (…  实付 ¥149.00  运费 ¥0.00) are fields of their own labels, and
/// a cell with no label runs on the value before it.
fn spaced_label(t: &str, at: usize) -> Option<Shape<'_>> {
    let (field, value) = label_value(t)?;
    let digits = value
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() >= 10);
    let data = match field {
        Field::Address => true,
        Field::Title | Field::Paid | Field::Total | Field::ListPrice | Field::Status => {
            value.contains('¥') || digits
        }
        _ => false,
    };
    if !data {
        return None;
    }
    let cells = cells(t, at);
    if cells.len() < 2 {
        return Some(Shape::Fields(vec![(
            Item::Field(field),
            at + t.len() - value.len()..at + t.len(),
        )]));
    }
    let mut out: Vec<(Item, Range<usize>)> = Vec::new();
    for c in cells {
        let cell = &t[c.start - at..c.end - at];
        match (label_value(cell), out.last_mut()) {
            (Some((f, v)), _) => out.push((Item::Field(f), c.end - v.len()..c.end)),
            (None, Some(last)) => last.1.end = c.end,
            (None, None) => out.push((Item::Unread, c)),
        }
    }
    Some(Shape::Fields(out))
}

/// A label, a space and the value after it (实付 ¥149.00).
fn label_value(t: &str) -> Option<(Field, &str)> {
    let (head, rest) = t.split_once([' ', '\u{3000}'])?;
    let field = exact_label(head)?;
    let value = rest.trim_start_matches([' ', '\u{3000}']);
    // 订单 实付款 ¥ 189.00: the label nearest the value names it.
    if let Some(inner) = label_value(value) {
        return Some(inner);
    }
    (!value.is_empty()).then_some((field, value))
}

/// The cells of a line parted by tabs (each tab parts two cells, so an export's
/// empty cells keep their place) or by gaps of two spaces or more.
fn cells(t: &str, at: usize) -> Vec<Range<usize>> {
    // Tabs, else pipes (订单号 | 买家 | 宝贝, at least two of them).
    let bar = if t.contains('\t') {
        Some('\t')
    } else {
        ['|', '｜'].into_iter().find(|&p| t.matches(p).count() >= 2)
    };
    if let Some(bar) = bar {
        let mut out = Vec::new();
        let mut from = 0;
        for (i, _) in t.match_indices(bar).chain(std::iter::once((t.len(), ""))) {
            let cell = &t[from..i];
            let lead = cell.len() - cell.trim_start().len();
            out.push(at + from + lead..at + from + lead + cell.trim().len());
            from = i + bar.len_utf8();
        }
        return out;
    }
    if !t.contains("  ") && !t.contains('\u{3000}') {
        return Vec::new();
    }
    let blank = |c: char| matches!(c, ' ' | '\u{3000}');
    let mut out = Vec::new();
    let mut from = 0;
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let gap = c == '\u{3000}' || c == ' ' && chars.peek().is_some_and(|n| n.1 == ' ');
        if !gap {
            continue;
        }
        if i > from {
            out.push(at + from..at + i);
        }
        from = i + c.len_utf8();
        while let Some(&(j, n)) = chars.peek().filter(|(_, n)| blank(*n)) {
            from = j + n.len_utf8();
            chars.next();
        }
    }
    if from < t.len() {
        out.push(at + from..at + t.len());
    }
    out
}

/// Whether a text is only a value: an amount (¥339.00, -¥60.00, 0.00, 85元) or a timestamp.
fn is_bare_value(t: &str) -> bool {
    let v = t
        .trim_start_matches(['-', '−', '+'])
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元');
    let money = !v.is_empty()
        && v.starts_with(|c: char| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    money || is_stamp_line(t)
}

/// The first colon that is not inside a time (20:31:05). A nickname may end in
/// digits and the message start with one (`tb_zhouting88:3块??`): a time's hour
/// is one or two digits standing apart, not the tail of a name.
fn speaker_colon(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let in_time = |i: usize| {
        let digits = b[..i]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count();
        let name_tail = b
            .get(i.wrapping_sub(digits + 1))
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        (1..=2).contains(&digits) && !name_tail && b.get(i + 1).is_some_and(u8::is_ascii_digit)
    };
    t.match_indices(':').map(|(i, _)| i).find(|&i| !in_time(i))
}

/// `[客服]` or `【买家】` at the start of a line.
fn bracketed(t: &str) -> Option<(&str, &str)> {
    let (open, close) = match t.chars().next()? {
        '[' => ('[', ']'),
        '【' => ('【', '】'),
        _ => return None,
    };
    let inner_start = open.len_utf8();
    let end = t.find(close)?;
    let name = t[inner_start..end].trim();
    let (name, _) = strip_stamp(name);
    (role_of(name).is_some() || is_shop_name(name)).then(|| (name, &t[end + close.len_utf8()..]))
}

/// Labels too common to be fields anywhere but at the start of a line.
static START_ONLY: WordList = WordList::named(&WORDS, "label.start_only");

/// Words after a label that keep its field (订单信息:, [商品卡片]).
static LABEL_SUFFIX: WordList = WordList::named(&WORDS, "label.suffix");

/// `rest` without a leading [`LABEL_SUFFIX`] word.
fn past_suffix(rest: &str) -> &str {
    LABEL_SUFFIX
        .words()
        .iter()
        .find_map(|s| rest.strip_prefix(s))
        .unwrap_or(rest)
}

/// A card the app copies as a tag and its text (`[订单卡片] 凉鞋 蓝色 36 ¥79.00`,
/// `【商品】…`): the field the tag names and where its value starts. A tag
/// alone (`[商品卡片]`) is a placeholder, not a field.
fn card_tag(t: &str) -> Option<(Field, usize)> {
    let close = match t.chars().next()? {
        '[' => ']',
        '【' => '】',
        _ => return None,
    };
    let end = t.find(close)?;
    let inner = trim(&t[t.chars().next()?.len_utf8()..end]);
    let field = labels_by_first()
        .get(&inner.chars().next()?)?
        .iter()
        .find(|(label, _)| {
            inner
                .strip_prefix(label)
                .is_some_and(|r| past_suffix(r).is_empty())
        })
        .map(|(_, f)| *f)?;
    let after = end + close.len_utf8();
    let value = &t[after..];
    let start = after + (value.len() - value.trim_start_matches([' ', ':', '\t']).len());
    // 【差评】2026-11-25 23:40 is a heading with its time, not a card.
    (start < t.len() && !is_stamp_line(&t[start..])).then_some((field, start))
}

/// What may stand before a label in the middle of a line.
const LABEL_AFTER: &[char] = &[' ', '\t', ',', ';', '|', '，', '；', '·'];

/// The labelled fields of a line: `label:` at its start or after a separator;
/// words before the first label are kept as an unread field.
fn fields(t: &str, at: usize) -> Option<Vec<(Item, Range<usize>)>> {
    // Every `label:` on the line; each value runs to the next label.
    let mut found: Vec<(usize, usize, Item)> = Vec::new();
    let mut i = 0;
    // Whether the character before `i` lets a label start (the line's start or a separator).
    let mut may_start = true;
    while let Some(c) = t[i..].chars().next() {
        // On a line that opens with a label, every later label counts too
        // (收货地址:… 宝贝:… 实付款:¥139); elsewhere the common words only start a line.
        let form_line = found.first().is_some_and(|f| f.0 == 0);
        if may_start
            && let Some((field, len)) = label_at(&t[i..])
            && (i == 0
                || form_line
                || !START_ONLY.words().iter().any(|l| {
                    t[i..].starts_with(l) && t[i + l.len()..].trim_start().starts_with(':')
                }))
        {
            found.push((i, i + len, Item::Field(field)));
            i += len;
            may_start = t[..i].ends_with(LABEL_AFTER);
            continue;
        }
        // A speaker after the fields: `… 实付款:¥139 买家:鞋面有污渍`.
        if may_start
            && i > 0
            && !found.is_empty()
            && let Some((who, len)) = role_label_at(&t[i..])
        {
            found.push((i, i + len, Item::Said(who)));
            i += len;
            may_start = false;
            continue;
        }
        may_start = LABEL_AFTER.contains(&c);
        i += c.len_utf8();
    }
    let first = found.first()?.0;
    let mut out = Vec::new();
    let mut push = |item: Item, from: usize, to: usize| {
        let v = &t[from..to];
        let lead = v.len() - v.trim_start().len();
        let value = v.trim();
        if item != Item::Unread || !value.is_empty() {
            out.push((item, at + from + lead..at + from + lead + value.len()));
        }
    };
    if first > 0 {
        push(Item::Unread, 0, first);
    }
    for (k, &(_, value_start, item)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(t.len(), |n| n.0);
        let Item::Field(field) = item else {
            push(item, value_start, end);
            continue;
        };
        // 价格:159元,鞋子有瑕疵: a short value ends at a comma; the words after are a note.
        let cut = (!matches!(
            field,
            Field::Address | Field::Title | Field::RefundNote | Field::RefundReason
        ))
        .then(|| t[value_start..end].find(['，', ',', '。']))
        .flatten()
        .map(|i| value_start + i)
        .filter(|&i| t[i..end].chars().any(|c| c as u32 >= 0x4E00));
        match cut {
            Some(i) => {
                push(item, value_start, i);
                let rest = i + t[i..].chars().next().map_or(1, char::len_utf8);
                push(Item::Unread, rest, end);
            }
            None => push(item, value_start, end),
        }
    }
    Some(out)
}

/// Field labels by their first character.
type LabelsByFirst = HashMap<char, Vec<(&'static str, Field)>, crate::text::FastHash>;

/// The field labels by their first character: most positions start no label at all.
fn labels_by_first() -> &'static LabelsByFirst {
    static BY_FIRST: std::sync::OnceLock<LabelsByFirst> = std::sync::OnceLock::new();
    BY_FIRST.get_or_init(|| {
        let mut m = LabelsByFirst::default();
        for (label, field) in field_labels() {
            if let Some(c) = label.chars().next() {
                m.entry(c).or_default().push((label, field));
            }
        }
        m
    })
}

/// A field label at the start of `t` followed by a colon: the field and the length through the colon.
fn label_at(t: &str) -> Option<(Field, usize)> {
    let by_first = labels_by_first();
    let first = t.chars().next()?;
    by_first
        .get(&first)?
        .iter()
        .filter(|(label, _)| starts_with_bytes(t, label))
        .filter_map(|(label, field)| {
            // 宝贝1： / 商品2： one item of several; 订单信息： the same field.
            let rest =
                past_suffix(&t[label.len()..]).trim_start_matches(|c: char| c.is_ascii_digit());
            let rest_trim = rest.trim_start_matches([' ', '\t']);
            let rest_trim = rest_trim
                .strip_prefix(['(', '（'])
                .and_then(|r| r.find([')', '）']).map(|j| &r[j + 1..]))
                .unwrap_or(rest_trim);
            rest_trim
                .strip_prefix(':')
                .map(|after| (*field, t.len() - after.len()))
        })
        .max_by_key(|(_, len)| *len)
}

/// Whether a line is only a timestamp.
/// A shop's sub-account name after its shop name (阿琳, 小王, 售后01).
fn sub_account(rest: &str) -> bool {
    rest.chars().count() <= 6 && is_name(rest) && !rest.contains(' ')
}

/// A role word used as a label (`买家:`, `客服：`), with the length up to the colon.
fn role_label_at(t: &str) -> Option<(Speaker, usize)> {
    ROLES.iter().find_map(|&(word, who)| {
        let rest = t.strip_prefix(word)?;
        let after = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
        (word != "我").then_some((who, t.len() - after.len()))
    })
}

/// A line's words past a quoted earlier message opening it (「回复 客服 阿May：请问是哪一款呢」
/// 就这双啊), and where they start; `None` when the quote is all there is.
fn past_quote(t: &str, at: usize) -> Option<(&str, usize)> {
    let Some(n) = quoted_reply(t) else {
        return Some((t, at));
    };
    let rest = t[n..].trim_start();
    (!rest.is_empty()).then(|| (rest, at + (t.len() - rest.len())))
}

/// Words that open a quote of an earlier message (「回复 客服：…」).
static QUOTE_MARKS: WordList = WordList::named(&WORDS, "line.quote");

/// The length of a quoted earlier message opening a line (「回复 xx：…」), with its close.
fn quoted_reply(t: &str) -> Option<usize> {
    let inner = t.strip_prefix('「')?;
    if !QUOTE_MARKS.opens(inner) {
        return None;
    }
    inner
        .find('」')
        .map(|i| '「'.len_utf8() + i + '」'.len_utf8())
}

/// A speaker's name, then a timestamp with its time, then the message, with
/// no colon between (`客服 12-01 21:35  非常抱歉…`): the name and where the message starts.
fn name_stamp_message(t: &str) -> Option<(&str, Range<usize>)> {
    t.char_indices()
        .take(26)
        .filter(|&(i, c)| c == ' ' && i > 0)
        .find_map(|(i, _)| {
            let at = t.len() - t[i..].trim_start().len();
            let n = stamp_prefix(&t[at..])?;
            let rest = &t[at + n..];
            let from = at + n + (rest.len() - rest.trim_start().len());
            let to = at + n + rest.trim_end().len();
            let name = trim(&t[..i]);
            // 2026-11-10 16:45 【大连】快件已签收: a date, then its time, is no name.
            (t[at..at + n].contains(':')
                && from < to
                && is_name(name)
                && stamp_prefix(name).is_none())
            .then_some((name, from..to))
        })
}

fn is_stamp_line(t: &str) -> bool {
    let t = trim(t);
    !t.is_empty() && stamp_prefix(t).is_some_and(|n| trim(&t[n..]).is_empty())
}

/// A name with a trailing timestamp removed, and whether there was one.
fn strip_stamp(t: &str) -> (&str, bool) {
    let t = trim(t);
    // A timestamp ends in a digit, 日 or a closing bracket: most names and messages end otherwise.
    if !t.ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | ']' | '）' | '】' | '日'))
    {
        return (t, false);
    }
    // Find the first digit-led token that is a timestamp running to the end.
    for (i, c) in t.char_indices() {
        if (c.is_ascii_digit() || c == '(' || c == '[' || c == '（') && i > 0 {
            let tail = trim(&t[i..]);
            if stamp_prefix(tail).is_some_and(|n| trim(&tail[n..]).is_empty()) {
                return (trim(&t[..i]), true);
            }
        }
    }
    (t, false)
}

/// The length of a timestamp at the start of `t` (`2026-11-18 20:31:05`,
/// `11-18 20:31`, `20:31:05`, `2026年11月18日 20:31`, in brackets or not).
pub fn stamp_prefix(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    let mut i = 0;
    let bracket = matches!(t.chars().next(), Some('(' | '[' | '（' | '【'));
    if bracket {
        i += t.chars().next().map_or(1, char::len_utf8);
    }
    let digits = |i: &mut usize| {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - s
    };
    let start = i;
    let mut date = false;
    let n = digits(&mut i);
    if n == 0 {
        return None;
    }
    // A date: 2026-11-18, 2026/11/18, 11-18, 2026年11月18日.
    if i < b.len() && matches!(b[i], b'-' | b'/' | b'.')
        || t[i..].starts_with('年')
        || t[i..].starts_with('月')
    {
        let mut parts = 1;
        while i < b.len() && parts < 3 {
            let sep = t[i..].chars().next().map_or(0, char::len_utf8);
            let c = t[i..].chars().next();
            if !matches!(c, Some('-' | '/' | '.' | '年' | '月')) {
                break;
            }
            i += sep;
            if digits(&mut i) == 0 {
                return None;
            }
            parts += 1;
        }
        if t[i..].starts_with('日') {
            i += '日'.len_utf8();
        }
        date = parts >= 2;
        if !date {
            return None;
        }
        let spaces = t[i..].len() - t[i..].trim_start_matches([' ', '\t']).len();
        let j = i + spaces;
        // A time after the date.
        let mut k = j;
        if digits(&mut k) > 0 && k < b.len() && b[k] == b':' {
            i = k;
        } else {
            return close_bracket(t, i, bracket);
        }
    } else {
        i = start + n;
        if !(i < b.len() && b[i] == b':') {
            return None;
        }
    }
    // A time: HH:MM[:SS].
    let mut parts = 1;
    while i < b.len() && b[i] == b':' && parts < 3 {
        i += 1;
        if digits(&mut i) != 2 {
            return None;
        }
        parts += 1;
    }
    if parts < 2 && !date {
        return None;
    }
    close_bracket(t, i, bracket)
}

fn close_bracket(t: &str, i: usize, bracket: bool) -> Option<usize> {
    if bracket {
        let c = t[i..].chars().next()?;
        matches!(c, ')' | ']' | '）' | '】').then_some(i + c.len_utf8())
    } else {
        Some(i)
    }
}

/// Words no speaker's name holds: an order-state line (已签收 2026-11-18) is not a speaker.
static NOT_NAMES: WordList = WordList::named(&WORDS, "name.not");

/// Whether a text holds one of [`NOT_NAMES`].
fn holds_not_name(t: &str) -> bool {
    NOT_NAMES.holds(t)
}

/// Whether text can be a speaker's name: short, no sentence punctuation, not a field label.
/// Whether a text is exactly a field label (实付款), by the labels' first characters.
fn is_label(t: &str) -> bool {
    exact_label(t).is_some()
}

/// The field a text names when it is exactly a field label (实付款, 单价).
fn exact_label(t: &str) -> Option<Field> {
    let t = trim(t);
    t.chars()
        .next()
        .and_then(|c| labels_by_first().get(&c))?
        .iter()
        .find(|(l, _)| *l == t)
        .map(|(_, f)| *f)
}

fn is_name(t: &str) -> bool {
    let n = t.chars().count();
    (1..=24).contains(&n)
        && !t.contains([
            '，', '。', '！', '？', ',', '!', '?', '；', ';', '、', '"', '“', '”', '¥',
        ])
        && !t.chars().all(|c| c.is_ascii_digit() || c == ' ')
        && !is_label(t)
        // 疾风童鞋 男童 包邮 尺码：30 is a title and its size, not a speaker.
        && !t.rsplit(' ').next().is_some_and(|w| w != t && is_label(w))
        && !t.ends_with(['吗', '呢', '吧', '了', '啊'])
        && !t.contains(['@', '/', '|', '【', '】'])
        // [图片], [语音] 12": a placeholder for what was sent, not a sender.
        && !t.starts_with('[')
        && !holds_not_name(t)
}

/// The role a speaker word gives, also with the agent's name after it (`客服 小南`, `买家(小鱼)`).
fn role_of(name: &str) -> Option<Speaker> {
    ROLES.iter().find_map(|(r, s)| {
        let rest = &name[starts_with_bytes(name, r).then_some(r.len())?..];
        (rest.is_empty() || rest.starts_with([' ', '(', '（', '-', '_', '·']) && *r != "我")
            .then_some(*s)
    })
}

/// A Taobao account name as the platform makes it (tb_1234, tb5678_abc): a buyer's.
fn buyer_nick(name: &str) -> bool {
    let lower = name.as_bytes();
    lower.len() > 2
        && lower[..2].eq_ignore_ascii_case(b"tb")
        && (lower[2] == b'_' || lower[2].is_ascii_digit())
}

fn is_shop_name(name: &str) -> bool {
    holds_any(name, &SHOP_MARKS) && !ROLES.iter().any(|(r, _)| *r == name)
}

fn is_weak_shop_name(name: &str) -> bool {
    !is_shop_name(name) && holds_any(name, &WEAK_SHOP_MARKS)
}

/// Words shops use to buyers, for telling two nicknames apart.
static SHOP_TALK: WordList = WordList::named(&WORDS, "talk.shop");
/// Words buyers use.
static BUYER_TALK: WordList = WordList::named(&WORDS, "talk.buyer");

/// The role of each name that speaks, in a list: a chat has a few names.
/// Each speaker's name and role, and whether the role is a guess.
#[derive(Default)]
struct Roles<'t>(Vec<(&'t str, Option<Speaker>, bool)>);

impl<'t> Roles<'t> {
    fn get(&self, name: &str) -> Option<Who> {
        self.0
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|&(_, speaker, guessed)| Who { speaker, guessed })
    }

    fn insert(&mut self, name: &'t str, role: Option<Speaker>) {
        self.set(name, role, false);
    }

    fn guess(&mut self, name: &'t str, role: Option<Speaker>) {
        self.set(name, role, role.is_some());
    }

    fn set(&mut self, name: &'t str, role: Option<Speaker>, guessed: bool) {
        match self.0.iter_mut().find(|(n, _, _)| *n == name) {
            Some(e) => (e.1, e.2) = (role, guessed),
            None => self.0.push((name, role, guessed)),
        }
    }
}

/// The role of every name that speaks; `None` for a speaker whose role cannot be told.
fn roles<'t>(text: &str, raw: &[(usize, &'t str)], shapes: &[Shape<'t>]) -> Roles<'t> {
    let mut names: Vec<(&str, usize, bool)> = Vec::new(); // name, times, seen as a header
    for s in shapes {
        let (name, header) = match s {
            Shape::Said { name, .. } => (*name, false),
            Shape::Header { name } => (*name, true),
            _ => continue,
        };
        match names.iter_mut().find(|(n, _, _)| *n == name) {
            Some(e) => {
                e.1 += 1;
                e.2 |= header;
            }
            None => names.push((name, 1, header)),
        }
    }
    // 我 is whoever copied the chat: the shop in the agent's own export, the
    // buyer in one the buyer forwards (—— 与 蔓蒂女鞋 的聊天 ——). It is told
    // like a nickname: the other side of a known speaker, else by its talk.
    let known = |n: &str| {
        (n != "我")
            .then(|| role_of(n).or_else(|| buyer_nick(n).then_some(Speaker::Buyer)))
            .flatten()
    };
    let any_known = names
        .iter()
        .any(|(n, _, _)| known(n).is_some() || is_shop_name(n));
    let mut roles = Roles::default();
    let mut unknown = Vec::new();
    let strong_shop = names.iter().any(|(n, _, _)| is_shop_name(n));
    for &(name, times, header) in &names {
        if let Some(role) = known(name) {
            roles.insert(name, Some(role));
        } else if is_shop_name(name) || is_weak_shop_name(name) && !strong_shop {
            roles.insert(name, Some(Speaker::Shop));
        } else if header || times >= 2 || any_known || names.len() >= 2 || name == "我" {
            unknown.push(name);
        }
    }
    let has = |roles: &Roles, who| roles.0.iter().any(|(_, r, _)| *r == Some(who));
    match unknown.as_slice() {
        [] => {}
        // One nickname beside a known side is the other side.
        [one] if has(&roles, Speaker::Shop) && !has(&roles, Speaker::Buyer) => {
            roles.insert(one, Some(Speaker::Buyer));
        }
        [one] if has(&roles, Speaker::Buyer) && !has(&roles, Speaker::Shop) => {
            roles.insert(one, Some(Speaker::Shop));
        }
        _ => {
            // Tell nicknames apart by how they talk: the shop says 亲, 您, 抱歉.
            let score = |name: &str| -> i32 {
                let mut s = 0;
                let mut speaking = false;
                for ((_, line), shape) in raw.iter().zip(shapes) {
                    match shape {
                        Shape::Said { name: n, rest } => {
                            speaking = *n == name;
                            if speaking {
                                s += talk(&text[rest.clone()]);
                            }
                        }
                        Shape::Header { name: n } => speaking = *n == name,
                        Shape::Text(_) if speaking => s += talk(line),
                        Shape::Fields(_) => speaking = false,
                        _ => {}
                    }
                }
                s
            };
            let mut scored: Vec<(&str, i32)> = unknown.iter().map(|n| (*n, score(n))).collect();
            scored.sort_by_key(|(_, s)| -s);
            let shop_known = has(&roles, Speaker::Shop);
            let lone = scored.len() == 1 && roles.0.is_empty();
            for (i, (name, s)) in scored.iter().enumerate() {
                let role = if lone {
                    // A lone speaker is the buyer unless it plainly talks as the shop:
                    // an export often holds only the buyer's turns.
                    Some(if *s >= 2 {
                        Speaker::Shop
                    } else {
                        Speaker::Buyer
                    })
                } else if !shop_known && i == 0 && *s > 0 {
                    Some(Speaker::Shop)
                } else if shop_known || i > 0 {
                    Some(Speaker::Buyer)
                } else {
                    None
                };
                roles.guess(name, role);
            }
        }
    }
    roles
}

/// How shop-like a message is: shop words count up, buyer words down.
fn talk(line: &str) -> i32 {
    let up = SHOP_TALK
        .words()
        .iter()
        .filter(|w| line.contains(**w))
        .count() as i32;
    let down = BUYER_TALK
        .words()
        .iter()
        .filter(|w| line.contains(**w))
        .count() as i32;
    up - down
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lines as read, without the buyer's name lines (kept for the place).
    fn placed(text: &str) -> Vec<(Segment, Option<Speaker>, String)> {
        segment(text)
            .into_iter()
            .filter(|l| l.field != Some(Field::Name))
            .map(|l| (l.segment, l.speaker, l.text.to_string()))
            .collect()
    }

    #[test]
    fn the_buyers_name_is_kept_once_and_the_shops_never() {
        let names: Vec<String> = segment(
            "2026-11-12 10:05 武汉-豆豆奶奶:请问发货没有\n2026-11-12 20:41 武汉-豆豆奶奶:??\n客服:亲 马上发",
        )
        .into_iter()
        .filter(|l| l.field == Some(Field::Name))
        .map(|l| l.text.to_string())
        .collect();
        assert_eq!(names, ["武汉-豆豆奶奶"]);
    }

    #[test]
    fn role_words_and_continuation_lines() {
        let p = placed("客服:亲,给您优惠8元可以吗\n买家:太少了\n至少15\n实付款:¥89.00 运费:¥0.00");
        assert_eq!(p[0].1, Some(Speaker::Shop));
        assert_eq!(p[1].1, Some(Speaker::Buyer));
        assert_eq!((p[2].1, p[2].2.as_str()), (Some(Speaker::Buyer), "至少15"));
        assert_eq!(p[3].0, Segment::Form);
        assert_eq!(p[4].2, "¥0.00");
    }

    #[test]
    fn workbench_export_with_names_and_timestamps() {
        let p = placed(
            "星河鞋履旗舰店\n2026-11-19 15:30:00\n亲您好 看到您给了中评\n绿萝不浇水\n2026-11-19 16:02:44\n也没什么 颜色没有图片好看",
        );
        assert_eq!(p[0].1, Some(Speaker::Shop));
        assert_eq!(p[1].1, Some(Speaker::Buyer));
        let p = placed(
            "小鱼儿 2026-11-18 20:31:05\n鞋子开胶了\n星河鞋履旗舰店:小王 2026-11-18 20:32:10\n亲 抱歉",
        );
        assert_eq!(p[0].1, Some(Speaker::Buyer));
        assert_eq!(p[1].1, Some(Speaker::Shop));
    }

    #[test]
    fn a_nickname_ending_in_digits_still_speaks() {
        let p =
            placed("tb_zhouting88:在吗\n小美鞋履旗舰店:亲 给您补偿3元\ntb_zhouting88:3块?? 给8块");
        assert_eq!(p[2].1, Some(Speaker::Buyer));
        assert_eq!(p[2].2, "3块?? 给8块");
        // A time's colon is still no speaker's: 20:31 stays in the message.
        let p = placed("买家:20:31收到的");
        assert_eq!(p[0].2, "20:31收到的");
    }

    #[test]
    fn timestamps_are_recognised() {
        for s in [
            "2026-11-18 20:31:05",
            "11-18 14:02",
            "20:31",
            "(2026/11/18 20:31)",
            "2026年11月18日 20:31",
        ] {
            assert!(is_stamp_line(s), "{s}");
        }
        for s in ["2026", "15块", "38码"] {
            assert!(!is_stamp_line(s), "{s}");
        }
    }

    /// The fields of a text: (field, value, table row).
    fn fields_of(text: &str) -> Vec<(Field, String, Option<usize>)> {
        segment(text)
            .into_iter()
            .filter_map(|l| Some((l.field?, l.text.to_string(), l.row)))
            .collect()
    }

    #[test]
    fn a_label_alone_takes_the_value_on_the_next_line() {
        let f = fields_of(
            "商品总价\n¥399.00\n店铺优惠\n-¥60.00\n实付款\n¥339.00\n签收时间\n2026-11-15 11:02",
        );
        assert!(f.contains(&(Field::ListPrice, "¥399.00".into(), None)));
        assert!(f.contains(&(Field::Other, "-¥60.00".into(), None)));
        assert!(f.contains(&(Field::Paid, "¥339.00".into(), None)));
        assert!(f.contains(&(Field::SignedAt, "2026-11-15 11:02".into(), None)));
        // A label word alone before words that are no value stays words (商品 / 很好看).
        assert!(fields_of("商品\n很好看 就是有点小").is_empty());
    }

    #[test]
    fn an_order_table_gives_one_row_per_item() {
        let f = fields_of(
            "商品\t单价\t数量\t实付\t状态\n跑步鞋\t359.00\t1\t329.00\t已签收\n运动袜\t29.90\t1\t29.90\t已签收\n运费\t0.00",
        );
        assert!(f.contains(&(Field::Title, "运动袜".into(), Some(2))));
        assert!(f.contains(&(Field::Paid, "329.00".into(), Some(1))));
        assert!(f.contains(&(Field::Status, "已签收".into(), Some(2))));
        // Under the table, two cells are a label and its value.
        assert!(f.contains(&(Field::Fee, "0.00".into(), None)));
        // 运费 ¥0.00 with a space only, and a title ending in its size, are fields too.
        assert!(fields_of("运费 ¥0.00").contains(&(Field::Fee, "¥0.00".into(), None)));
        let p = placed("疾风童鞋 男童 包邮 尺码：30");
        assert!(p.iter().all(|(_, speaker, _)| speaker.is_none()), "{p:?}");
    }

    #[test]
    fn every_line_of_the_label_file_names_a_field() {
        for line in LABELS
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            let (name, words) = line.split_once(':').expect("`field: labels`");
            let name = name.trim();
            assert!(
                field_named(name.strip_prefix(COLUMN).unwrap_or(name)).is_some(),
                "unknown field in data/labels.txt: {line}"
            );
            assert!(!words.trim().is_empty(), "no labels: {line}");
        }
        assert!(field_labels().count() > 100);
    }
}
