//! Rows to refunds: the header row found (past a title row, through a merged
//! header), each column named by the column table, each cell read as what its
//! column gives. A cell that cannot be read is left out with a notice saying
//! the row, the column and the fix; the row is kept.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::sync::Arc;

use super::columns::{Column, Item, tables};
use super::table::{Cell, Sheet, serial_to_datetime};
use super::{Cs, Goods, Notice, OrderState, Phase, QueueError, Read, Refund, State};
use crate::case::{Fault, Platform, RefundType};

/// How many rows from the top may come before the header.
const HEADER_WITHIN: usize = 10;

/// The columns a list must have, in words, for the not-an-export message.
const NEEDED: &str = "退款编号（或订单编号）、买家退款金额、退款原因、退款的申请时间（或超时时间）";

/// A row as (column name, what the column is, cell).
pub(super) type Raw = (usize, Vec<(Arc<str>, Option<Column>, Cell)>);

/// The known items a header row names.
fn known_items(cells: &[Cell]) -> Vec<Item> {
    let t = tables();
    let mut items: Vec<Item> = cells
        .iter()
        .filter_map(|c| match t.column(&c.text()) {
            Some(Column::Item(i, _)) => Some(i),
            _ => None,
        })
        .collect();
    items.sort();
    items.dedup();
    items
}

/// Whether a set of items makes a refund list's header: a number to name the
/// refund by, something only a refund has, and at least three known columns.
fn is_header(items: &[Item]) -> bool {
    let named = items.contains(&Item::RefundId) || items.contains(&Item::OrderNo);
    let refund = [
        Item::RefundId,
        Item::RefundAmount,
        Item::Reason,
        Item::Status,
    ]
    .iter()
    .any(|i| items.contains(i));
    items.len() >= 3 && named && refund
}

/// Reads a sheet: finds its header and turns every row after it into a refund.
pub(super) fn from_sheet(sheet: Sheet) -> Result<Read, QueueError> {
    let Sheet {
        rows,
        read_as,
        notes,
    } = sheet;
    let h = header_at(&rows)?;
    let mut notices: Vec<Notice> = notes.into_iter().map(|n| Notice::file(n, "")).collect();
    let (names, first_data, merged) = column_names(&rows, h);
    notices.extend(header_notice(&rows, h, first_data, merged));
    let t = tables();
    let columns: Vec<(String, Option<Column>)> = names
        .into_iter()
        .map(|n| {
            let col = t.column(&n);
            (n, col)
        })
        .collect();
    // Known columns that give nothing are left out here; each name is shared by its rows.
    let shared: Vec<(usize, Arc<str>, Option<Column>)> = columns
        .iter()
        .enumerate()
        .filter(|(_, (_, col))| *col != Some(Column::Unused))
        .map(|(i, (name, col))| (i, Arc::from(name.as_str()), *col))
        .collect();
    let header_only = rows.len() <= first_data;
    let raws: Vec<Raw> = rows
        .into_iter()
        .skip(first_data)
        .map(|(n, mut cells)| {
            let pairs = shared
                .iter()
                .map(|(i, name, col)| {
                    let cell = cells
                        .get_mut(*i)
                        .map_or(Cell::Empty, |c| std::mem::replace(c, Cell::Empty));
                    (name.clone(), *col, cell)
                })
                .collect();
            (n, pairs)
        })
        .collect();
    let present: Vec<Item> = columns
        .iter()
        .filter_map(|(_, c)| match c {
            Some(Column::Item(i, _)) => Some(*i),
            _ => None,
        })
        .collect();
    let mut read = from_raws(raws, &read_as, "行", notices);
    say_what_is_missing(&mut read, &present, header_only);
    Ok(read)
}

/// The index of the header row among the first rows: the one naming the most
/// known columns (the higher on a tie); an error when none is a header.
fn header_at(rows: &[(usize, Vec<Cell>)]) -> Result<usize, QueueError> {
    let top = rows.len().min(HEADER_WITHIN);
    let scored: Vec<Vec<Item>> = rows[..top].iter().map(|(_, c)| known_items(c)).collect();
    let best = (0..top)
        .filter(|&i| is_header(&scored[i]))
        .max_by_key(|&i| (scored[i].len(), usize::MAX - i));
    best.ok_or_else(|| no_header(rows, &scored))
}

/// Why no row is a header: names merged over two rows, or not an export at all.
fn no_header(rows: &[(usize, Vec<Cell>)], scored: &[Vec<Item>]) -> QueueError {
    // Names spread over two rows (a merged header) that no single row holds.
    for i in 0..scored.len().saturating_sub(1) {
        let mut both = scored[i].clone();
        both.extend(scored[i + 1].iter().copied());
        both.sort();
        both.dedup();
        // Names under group cells (退款信息, 金额) merged across them.
        let under_groups = scored[i].is_empty()
            && scored[i + 1].len() >= 2
            && (scored[i + 1].contains(&Item::RefundId) || scored[i + 1].contains(&Item::OrderNo));
        if (!scored[i].is_empty() && is_header(&both)) || under_groups {
            return QueueError::MergedHeader { row: rows[i].0 };
        }
    }
    let first = rows.first().map(|(_, c)| c.as_slice()).unwrap_or(&[]);
    let found: Vec<String> = first
        .iter()
        .map(Cell::text)
        .filter(|t| !t.is_empty())
        .take(12)
        .collect();
    QueueError::NotAnExport {
        found: if found.is_empty() {
            "（第一行是空的）".to_string()
        } else {
            found.join("、")
        },
        needed: NEEDED.to_string(),
    }
}

/// Each column's name, read through a merged header; the index of the first
/// row of data; and whether the header was merged.
fn column_names(rows: &[(usize, Vec<Cell>)], h: usize) -> (Vec<String>, usize, bool) {
    let header_cells = &rows[h].1;
    let width = rows.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
    let mut names: Vec<String> = (0..width)
        .map(|c| header_cells.get(c).map(Cell::text).unwrap_or_default())
        .collect();
    // A merged header: a column whose name sits in a row above (merged down),
    // or whose group name sits above its own (merged across).
    let mut merged = false;
    for (c, name) in names.iter_mut().enumerate() {
        let known = tables().column(name).is_some();
        if known {
            continue;
        }
        for (_, above) in rows[..h].iter().rev() {
            let text = above.get(c).map(Cell::text).unwrap_or_default();
            if text.is_empty() {
                continue;
            }
            let joined = format!("{text}{name}");
            if name.is_empty() || tables().column(&joined).is_some() {
                *name = if name.is_empty() { text } else { joined };
                merged = true;
            }
            break;
        }
    }
    // A header merged down the other way: the names of a group's columns in
    // the row below its own (金额 over 买家实际支付金额 | 买家退款金额).
    let mut first_data = h + 1;
    if let Some((_, below)) = rows.get(h + 1) {
        let texts: Vec<(usize, String)> = below
            .iter()
            .enumerate()
            .map(|(c, cell)| (c, cell.text()))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        let all_names = !texts.is_empty()
            && texts
                .iter()
                .all(|(_, t)| matches!(tables().column(t), Some(Column::Item(..))));
        if all_names {
            for (c, t) in texts {
                if tables().column(&names[c]).is_none() {
                    names[c] = t;
                    merged = true;
                }
            }
            first_data = h + 2;
        }
    }
    (names, first_data, merged)
}

/// What the agent is told about the header: merged and read as one, or rows
/// above it skipped.
fn header_notice(
    rows: &[(usize, Vec<Cell>)],
    h: usize,
    first_data: usize,
    merged: bool,
) -> Option<Notice> {
    let header_row = rows[h].0;
    if merged {
        Some(Notice::file(
            format!(
                "第{}–{}行是合并过的表头，已合在一起读",
                rows[h.saturating_sub(1)].0.min(header_row),
                rows[first_data - 1].0
            ),
            "下次导出后不要合并表头单元格",
        ))
    } else if h > 0 {
        let skipped: Vec<String> = rows[..h]
            .iter()
            .map(|(_, c)| {
                c.iter()
                    .map(Cell::text)
                    .collect::<Vec<_>>()
                    .join(" ")
                    .trim()
                    .to_string()
            })
            .collect();
        Some(Notice::file(
            format!(
                "表头在第{header_row}行；上面的“{}”不是退款，已跳过",
                skipped.join(" / ")
            ),
            "",
        ))
    } else {
        None
    }
}

/// Tells what the list lacks: the columns deadlines count from, or any refund.
fn say_what_is_missing(read: &mut Read, present: &[Item], header_only: bool) {
    if !present.contains(&Item::Created) && !present.contains(&Item::Timeout) {
        read.notices.insert(
            0,
            Notice::file(
                "没有“退款的申请时间”也没有“超时时间”列：算不出时限",
                "导出时勾选这两列",
            ),
        );
    }
    if header_only {
        read.notices.push(Notice::file(
            "文件只有表头，没有退款",
            "导出时选对日期范围（如“今天”）",
        ));
    } else if read.refunds.is_empty() {
        read.notices.push(Notice::file(
            "没有读到任何退款",
            "导出时选对日期范围（如“今天”）",
        ));
    }
}

/// Turns rows (or records) into refunds; unknown columns are named once.
pub(super) fn from_raws(
    raws: Vec<Raw>,
    read_as: &str,
    unit: &'static str,
    mut notices: Vec<Notice>,
) -> Read {
    let mut unknown: Vec<String> = Vec::new();
    let mut refunds = Vec::new();
    // Each kind of lenient reading is said once per column, at its first row.
    let mut said: Vec<(String, &'static str)> = Vec::new();
    for (row, pairs) in raws {
        if pairs.iter().all(|(_, _, c)| c.is_blank()) {
            continue;
        }
        let mut best: BTreeMap<Item, (usize, Arc<str>, Cell)> = BTreeMap::new();
        // An empty outbound tracking says the order has not shipped.
        let mut no_tracking: Option<Arc<str>> = None;
        for (name, col, cell) in pairs {
            match col {
                None => {
                    if !name.is_empty() && !unknown.iter().any(|u| **u == *name) {
                        unknown.push(name.to_string());
                    }
                }
                Some(Column::Unused) => {}
                Some(Column::Item(item, rank)) => {
                    if cell.is_blank() {
                        if item == Item::ShippingInfo {
                            no_tracking = Some(name);
                        }
                        continue;
                    }
                    if best.get(&item).is_none_or(|(r, _, _)| rank < *r) {
                        best.insert(item, (rank, name, cell));
                    }
                }
            }
        }
        let mut r = Refund {
            row,
            ..Refund::default()
        };
        let mut out = Reader {
            row,
            notices: &mut notices,
            said: &mut said,
        };
        for (item, (_, name, cell)) in best {
            if out.fill(&mut r, item, &name, &cell) {
                r.columns.insert(item.name().to_string(), name.to_string());
            }
        }
        if r.shipped.is_none()
            && let Some(name) = no_tracking
        {
            r.shipped = Some(false);
            r.columns
                .insert(Item::ShippingInfo.name().to_string(), name.to_string());
        }
        // 部分/全部退款 beside the two amounts: the amounts decide, a disagreement is said.
        if let (Some(p), Some(a)) = (r.price, r.refund_amount)
            && a > p
        {
            out.say(
                r.column(Item::RefundAmount).to_string(),
                format!("退款金额 {a} 大于实付 {p}，按全额退款处理"),
                "核对这笔退款的金额",
            );
            r.refund_amount = Some(p);
        }
        refunds.push(r);
    }
    Read {
        refunds,
        notices,
        unknown_columns: unknown,
        read_as: read_as.to_string(),
        unit,
    }
}

/// Reads one row's cells, saying what it could not read.
struct Reader<'a> {
    row: usize,
    notices: &'a mut Vec<Notice>,
    said: &'a mut Vec<(String, &'static str)>,
}

impl Reader<'_> {
    fn say(&mut self, column: String, zh: String, fix: &str) {
        self.notices.push(Notice {
            row: Some(self.row),
            column: Some(column),
            zh,
            fix: fix.to_string(),
            skipped: false,
        });
    }

    /// Says a lenient reading once per column and kind.
    fn once(&mut self, column: &str, kind: &'static str, zh: String, fix: &str) {
        if self.said.iter().any(|(c, k)| c == column && *k == kind) {
            return;
        }
        self.said.push((column.to_string(), kind));
        self.say(column.to_string(), zh, fix);
    }

    /// Fills one item from its cell; whether it was read.
    fn fill(&mut self, r: &mut Refund, item: Item, column: &str, cell: &Cell) -> bool {
        let text = cell.text();
        match item {
            Item::RefundId => r.refund_id = Some(id_text(cell)),
            Item::OrderNo => r.order_no = Some(id_text(cell)),
            Item::Title => r.title = Some(text),
            Item::Reason => r.reason = Some(text),
            Item::Desc => r.desc = Some(text),
            Item::Address => r.address = Some(text),
            Item::Price | Item::RefundAmount => match self.money(column, cell) {
                Some(m) if item == Item::Price => r.price = Some(m),
                Some(m) => r.refund_amount = Some(m),
                None => return false,
            },
            Item::Created
            | Item::Timeout
            | Item::Paid
            | Item::ReturnedAt
            | Item::EvidenceTimeout => {
                let Some(at) = self.moment(column, cell) else {
                    return false;
                };
                match item {
                    Item::Created => r.created = Some(at),
                    Item::Timeout => r.timeout = Some(at),
                    Item::Paid => r.paid = Some(at),
                    Item::ReturnedAt => r.returned_at = Some(at),
                    _ => r.evidence_timeout = Some(at),
                }
            }
            Item::ShippingInfo => r.shipped = Some(true),
            Item::NeedsReturn | Item::Express => {
                let Some(b) = self.yes_no(column, cell) else {
                    return false;
                };
                if item == Item::NeedsReturn {
                    r.needs_return = Some(b);
                } else {
                    r.express = Some(b);
                }
            }
            Item::RefundType => match RefundType::parse(text.trim()) {
                Some(k) => r.refund_type = Some(k.id().to_string()),
                None => {
                    self.unknown_value(column, &text, "仅退款、退货退款、换货");
                    return false;
                }
            },
            Item::Fault => match Fault::parse(text.trim()) {
                Some(f) => r.fault = Some(f.id().to_string()),
                // 平台, 其他 …: no side the playbook knows; nothing to say.
                None => return false,
            },
            Item::Platform => match Platform::parse(text.trim()) {
                Some(p) => r.platform = Some(p.id().to_string()),
                None => {
                    self.unknown_value(column, &text, "淘宝、天猫");
                    return false;
                }
            },
            Item::Status
            | Item::Goods
            | Item::Phase
            | Item::OrderStatus
            | Item::Cs
            | Item::Advance
            | Item::Scope
            | Item::ShippingType => return self.state(r, item, column, &text),
        }
        true
    }

    /// Fills an item whose cell is one of its column's known values (a
    /// status, the goods' whereabouts …); whether it was read.
    fn state(&mut self, r: &mut Refund, item: Item, column: &str, text: &str) -> bool {
        let Some(m) = tables().meaning(item, text) else {
            // An advance state or shipping way of no interest says nothing.
            if !matches!(item, Item::Advance | Item::ShippingType) {
                self.unknown_value(column, text, known_values(item));
            }
            return false;
        };
        match item {
            Item::Status => r.status = State::parse(m),
            Item::Goods => {
                r.goods = match m {
                    "not_received" => Some(Goods::NotReceived),
                    "received" => Some(Goods::Received),
                    "returned" => Some(Goods::Returned),
                    _ => None,
                }
            }
            Item::Phase => {
                r.phase = match m {
                    "onsale" => Some(Phase::Onsale),
                    "aftersale" => Some(Phase::Aftersale),
                    _ => None,
                }
            }
            Item::OrderStatus => {
                r.order_state = match m {
                    "unshipped" => Some(OrderState::Unshipped),
                    "in_transit" => Some(OrderState::InTransit),
                    "signed" => Some(OrderState::Signed),
                    "completed" => Some(OrderState::Completed),
                    "closed" => Some(OrderState::Closed),
                    _ => None,
                }
            }
            Item::Cs => {
                r.cs = match m {
                    "none" => Some(Cs::None),
                    "asked" => Some(Cs::Asked),
                    "in" => Some(Cs::In),
                    "done" => Some(Cs::Done),
                    _ => None,
                }
            }
            Item::Advance => {
                if r.express.is_none() {
                    r.express = Some(m == "yes");
                }
            }
            Item::Scope => r.partial = Some(m == "partial"),
            _ => r.free_shipping = Some(m == "yes"),
        }
        true
    }

    fn unknown_value(&mut self, column: &str, text: &str, known: &str) {
        self.say(
            column.to_string(),
            format!("“{text}”不是认识的值，这一项按没写处理"),
            &format!("认识的值：{known}；别的写法请加到 data/queue/values.csv"),
        );
    }

    /// An amount in yuan: a plain number, or one with ¥ / 元 / thousands commas (said once).
    fn money(&mut self, column: &str, cell: &Cell) -> Option<Decimal> {
        if let Cell::Number(n) = cell {
            return Decimal::try_from(*n)
                .ok()
                .map(|d| d.round_dp(2))
                .filter(|d| !d.is_sign_negative());
        }
        let raw = cell.text();
        let half: String = raw.chars().map(super::columns::half_width).collect();
        let foreign = ["$", "US", "HK", "€", "£", "NT", "MOP"];
        if foreign
            .iter()
            .any(|f| half.to_ascii_uppercase().contains(f))
        {
            self.say(
                column.to_string(),
                format!("金额“{raw}”不是人民币，这一项按没写处理"),
                "退款列表的金额都应是人民币元，核对这一行",
            );
            return None;
        }
        let stripped: String = half
            .trim()
            .trim_start_matches(['¥', '￥'])
            .trim_start_matches("RMB")
            .trim_start_matches("CNY")
            .trim_end_matches('元')
            .replace(',', "")
            .trim()
            .to_string();
        match crate::money::parse_amount(&stripped) {
            Ok(d) => {
                if stripped != half.trim() {
                    self.once(
                        column,
                        "money",
                        format!("金额“{raw}”带了货币符号或千位逗号，已按 {d} 元读取"),
                        "导出的金额列应是纯数字；不用改，读的是对的",
                    );
                }
                Some(d)
            }
            Err(_) => {
                self.say(
                    column.to_string(),
                    format!("“{raw}”不是金额，这一项按没写处理"),
                    "写成数字，如 89.00",
                );
                None
            }
        }
    }

    /// A moment: a date cell, text as 2026-11-23 14:05[:09] (or / . 年月日),
    /// a date alone (its 00:00), or an Excel serial number (said once).
    fn moment(&mut self, column: &str, cell: &Cell) -> Option<NaiveDateTime> {
        match cell {
            Cell::Date(d) => return Some(*d),
            Cell::Number(n) => {
                return match serial_to_datetime(*n) {
                    Some(t) => {
                        self.serial_said(column, &cell.text(), t);
                        Some(t)
                    }
                    None => {
                        self.bad_date(column, &cell.text());
                        None
                    }
                };
            }
            _ => {}
        }
        let raw = cell.text();
        if let Some(t) = parse_moment(&raw) {
            return Some(t);
        }
        if let Some(t) = raw.trim().parse::<f64>().ok().and_then(serial_to_datetime) {
            self.serial_said(column, &raw, t);
            return Some(t);
        }
        self.bad_date(column, &raw);
        None
    }

    fn serial_said(&mut self, column: &str, raw: &str, t: NaiveDateTime) {
        self.once(
            column,
            "serial",
            format!(
                "“{raw}”是 Excel 的日期序号，已按 {} 读取",
                t.format("%Y-%m-%d %H:%M")
            ),
            "在 Excel/WPS 里把这一列设成“日期”格式再保存，就是正常的日期",
        );
    }

    fn bad_date(&mut self, column: &str, raw: &str) {
        self.say(
            column.to_string(),
            format!("“{raw}”不是日期时间，这一项按没写处理"),
            "写成 2026-11-23 14:05:00",
        );
    }

    fn yes_no(&mut self, column: &str, cell: &Cell) -> Option<bool> {
        if let Cell::Bool(b) = cell {
            return Some(*b);
        }
        let raw = cell.text();
        match raw.trim() {
            "是" | "true" | "TRUE" | "True" | "1" | "Y" | "y" | "yes" | "需要" => Some(true),
            "否" | "false" | "FALSE" | "False" | "0" | "N" | "n" | "no" | "不需要" => {
                Some(false)
            }
            _ => {
                self.say(
                    column.to_string(),
                    format!("“{raw}”不是“是”或“否”，这一项按没写处理"),
                    "写“是”或“否”",
                );
                None
            }
        }
    }
}

/// An order or refund number as text: a spreadsheet number in full, never 3.9E+18.
fn id_text(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
        other => other.text().trim_start_matches('\'').trim().to_string(),
    }
}

/// The values a state column knows, for a message.
fn known_values(item: Item) -> &'static str {
    match item {
        Item::Status => {
            "等待卖家同意、等待买家退货、等待卖家确认收货、卖家拒绝退款、退款关闭、退款成功"
        }
        Item::Goods => "买家未收到货、买家已收到货、买家已退货",
        Item::Phase => "售中、售后",
        Item::OrderStatus => "等待卖家发货、卖家已发货、买家已签收、交易成功、交易关闭",
        Item::Cs => "不需客服介入、需要客服介入、客服已经介入、客服处理完成",
        Item::Scope => "部分退款、全部退款",
        _ => "见 data/queue/values.csv",
    }
}

/// A moment written as text, to the second, minute or day.
pub fn parse_moment(raw: &str) -> Option<NaiveDateTime> {
    let t = raw.trim().replace(['年', '月'], "-").replace('日', " ");
    let t = t.trim().replace('T', " ");
    let t = t.split('+').next().unwrap_or(&t).trim_end_matches('Z');
    let t = t
        .split('.')
        .next()
        .filter(|x| x.len() >= 16)
        .unwrap_or(t)
        .trim();
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y.%m.%d %H:%M:%S",
        "%Y.%m.%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(d);
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d.and_time(NaiveTime::MIN));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_read_in_the_usual_spellings() {
        for s in [
            "2026-11-23 14:05:09",
            "2026/11/23 14:05:09",
            "2026年11月23日 14:05:09",
            "2026-11-23T14:05:09.000+08:00",
        ] {
            assert_eq!(
                parse_moment(s).map(|d| d.to_string()),
                Some("2026-11-23 14:05:09".to_string()),
                "{s}"
            );
        }
        assert_eq!(
            parse_moment("2026/1/3 9:05").map(|d| d.to_string()),
            Some("2026-01-03 09:05:00".to_string())
        );
        assert_eq!(parse_moment("昨天"), None);
    }
}
