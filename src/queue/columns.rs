//! Which column gives which item of a refund, and what the state values mean:
//! both read from data files (`data/queue/columns.csv`, `data/queue/values.csv`),
//! so a shop whose export names a column differently adds one line there.

use std::collections::HashMap;
use std::sync::OnceLock;

const COLUMNS: &str = include_str!("../../data/queue/columns.csv");
const VALUES: &str = include_str!("../../data/queue/values.csv");

/// An item of a refund a column can give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Item {
    /// 退款编号.
    RefundId,
    /// 订单编号.
    OrderNo,
    /// 宝贝标题.
    Title,
    /// What the buyer paid.
    Price,
    /// What the buyer asks back.
    RefundAmount,
    /// The refund reason the buyer picked.
    Reason,
    /// The buyer's own words (退款说明).
    Desc,
    /// When the refund was asked for.
    Created,
    /// When the refund times out in its state, by the platform.
    Timeout,
    /// The refund's state.
    Status,
    /// The goods' state.
    Goods,
    /// Whether the goods go back.
    NeedsReturn,
    /// 仅退款 / 退货退款 / 换货.
    RefundType,
    /// 是否极速退款.
    Express,
    /// The open platform's advance-payment state (极速退款).
    Advance,
    /// 售中 / 售后.
    Phase,
    /// The order's state.
    OrderStatus,
    /// When the buyer paid.
    Paid,
    /// The outbound tracking, empty before shipping.
    ShippingInfo,
    /// When the buyer sent the goods back.
    ReturnedAt,
    /// Whether the platform's staff stepped in.
    Cs,
    /// When an intervention's evidence period ends.
    EvidenceTimeout,
    /// 部分退款 / 全部退款.
    Scope,
    /// 责任方.
    Fault,
    /// The buyer's address.
    Address,
    /// How the order shipped (free = 包邮).
    ShippingType,
    /// 淘宝 / 天猫.
    Platform,
}

impl Item {
    /// Every item with its name in the data file.
    const NAMES: &'static [(Item, &'static str)] = &[
        (Item::RefundId, "refund_id"),
        (Item::OrderNo, "order_no"),
        (Item::Title, "title"),
        (Item::Price, "price"),
        (Item::RefundAmount, "refund_amount"),
        (Item::Reason, "reason"),
        (Item::Desc, "desc"),
        (Item::Created, "created"),
        (Item::Timeout, "timeout"),
        (Item::Status, "status"),
        (Item::Goods, "goods"),
        (Item::NeedsReturn, "needs_return"),
        (Item::RefundType, "refund_type"),
        (Item::Express, "express"),
        (Item::Advance, "advance"),
        (Item::Phase, "phase"),
        (Item::OrderStatus, "order_status"),
        (Item::Paid, "paid"),
        (Item::ShippingInfo, "shipping_info"),
        (Item::ReturnedAt, "returned_at"),
        (Item::Cs, "cs"),
        (Item::EvidenceTimeout, "evidence_timeout"),
        (Item::Scope, "scope"),
        (Item::Fault, "fault"),
        (Item::Address, "address"),
        (Item::ShippingType, "shipping_type"),
        (Item::Platform, "platform"),
    ];

    /// The item a data-file name stands for.
    pub fn parse(name: &str) -> Option<Item> {
        Item::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(i, _)| *i)
    }

    /// Its name in the data files.
    pub fn name(self) -> &'static str {
        Item::NAMES
            .iter()
            .find(|(i, _)| *i == self)
            .map_or("", |(_, n)| n)
    }

    /// The column name an export of the seller centre gives it, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Item::RefundId => "退款编号",
            Item::OrderNo => "订单编号",
            Item::Title => "宝贝标题",
            Item::Price => "买家实际支付金额",
            Item::RefundAmount => "买家退款金额",
            Item::Reason => "退款原因",
            Item::Desc => "退款说明",
            Item::Created => "退款的申请时间",
            Item::Timeout => "超时时间",
            Item::Status => "退款状态",
            Item::Goods => "货物状态",
            Item::NeedsReturn => "是否需要退货",
            Item::RefundType => "退款类型",
            Item::Express => "是否极速退款",
            Item::Advance => "先行垫付状态",
            Item::Phase => "售中或售后",
            Item::OrderStatus => "订单状态",
            Item::Paid => "订单付款时间",
            Item::ShippingInfo => "发货物流信息",
            Item::ReturnedAt => "买家退货时间",
            Item::Cs => "客服介入状态",
            Item::EvidenceTimeout => "举证超时",
            Item::Scope => "部分退款/全部退款",
            Item::Fault => "责任方",
            Item::Address => "收货地址",
            Item::ShippingType => "物流方式",
            Item::Platform => "平台",
        }
    }
}

/// What a column is: an item (with its rank among the columns giving it, lower
/// first), or known and unused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// It gives an item.
    Item(Item, usize),
    /// Known, and gives nothing the advice needs.
    Unused,
}

/// The column table and the value table, read once.
pub struct Tables {
    columns: HashMap<String, Column>,
    values: HashMap<Item, Vec<(String, &'static str)>>,
}

/// The tables from the data files.
pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut columns = HashMap::new();
        for (rank, line) in lines(COLUMNS).skip(1).enumerate() {
            let mut cols = line.split(',');
            let (Some(header), Some(field)) = (cols.next(), cols.next()) else {
                continue;
            };
            let column = match field.trim() {
                "-" => Column::Unused,
                f => match Item::parse(f) {
                    Some(i) => Column::Item(i, rank),
                    None => continue,
                },
            };
            columns.entry(header_key(header)).or_insert(column);
        }
        let mut values: HashMap<Item, Vec<(String, &'static str)>> = HashMap::new();
        for line in lines(VALUES).skip(1) {
            let mut cols = line.split(',');
            let (Some(item), Some(value), Some(meaning)) = (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            if let Some(i) = Item::parse(item.trim()) {
                values
                    .entry(i)
                    .or_default()
                    .push((value_key(value), meaning.trim()));
            }
        }
        Tables { columns, values }
    })
}

/// The data lines of a table: no comments, no blank lines.
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Tables {
    /// What a column header is, if it is known.
    pub fn column(&self, header: &str) -> Option<Column> {
        self.columns.get(&header_key(header)).copied()
    }

    /// The meaning of an item's value: the whole value, else the longest known
    /// value it holds.
    pub fn meaning(&self, item: Item, value: &str) -> Option<&'static str> {
        let v = value_key(value);
        let list = self.values.get(&item)?;
        list.iter()
            .find(|(k, _)| *k == v)
            .or_else(|| {
                list.iter()
                    .filter(|(k, _)| k.chars().count() >= 2 && v.contains(k.as_str()))
                    .max_by_key(|(k, _)| k.len())
            })
            .map(|(_, m)| *m)
    }
}

/// A header as matched: trimmed, half-width, without spaces or a BOM, with one
/// separator between words (`/`, `_`, `／`, `、` are the same), lower case.
pub fn header_key(h: &str) -> String {
    let mut out = String::with_capacity(h.len());
    for c in h.chars() {
        let c = half_width(c);
        match c {
            '\u{feff}' | '\u{200b}' => {}
            c if c.is_whitespace() => {}
            '/' | '_' | '、' | '\\' | '|' => out.push('/'),
            c => out.extend(c.to_lowercase()),
        }
    }
    // `refund_id` is a field name, not two words: keep ASCII underscores between letters.
    if out.is_ascii() {
        return h.trim().trim_matches('\u{feff}').to_ascii_lowercase();
    }
    out
}

/// A value as matched: trimmed, half-width, without spaces.
fn value_key(v: &str) -> String {
    v.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace(',', "，")
}

/// A full-width ASCII form as its half-width one (the ideographic comma stays).
pub fn half_width(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' if c != '，' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whatever_separator_or_width() {
        let t = tables();
        assert_eq!(
            t.column("部分退款_全部退款"),
            t.column("部分退款／全部退款")
        );
        assert!(matches!(
            t.column(" 买家退款金额 "),
            Some(Column::Item(Item::RefundAmount, _))
        ));
        assert!(matches!(
            t.column("refund_id"),
            Some(Column::Item(Item::RefundId, _))
        ));
        assert_eq!(t.column("卖家退货地址"), Some(Column::Unused));
        assert_eq!(t.column("颜色"), None);
    }

    #[test]
    fn every_line_of_the_data_files_names_a_known_item() {
        for line in lines(COLUMNS).skip(1) {
            let field = line.split(',').nth(1).unwrap_or("").trim();
            assert!(field == "-" || Item::parse(field).is_some(), "{line}");
        }
        for line in lines(VALUES).skip(1) {
            let item = line.split(',').next().unwrap_or("").trim();
            assert!(Item::parse(item).is_some(), "{line}");
        }
    }

    #[test]
    fn values_match_whole_or_by_the_longest_part() {
        let t = tables();
        assert_eq!(
            t.meaning(Item::Status, "WAIT_SELLER_AGREE"),
            Some("wait_seller")
        );
        assert_eq!(
            t.meaning(Item::Status, "买家已经申请退款,等待卖家同意"),
            Some("wait_seller")
        );
        assert_eq!(t.meaning(Item::Goods, "买家已退货"), Some("returned"));
        assert_eq!(t.meaning(Item::Cs, "2"), Some("asked"));
        assert_eq!(t.meaning(Item::Status, "其他"), None);
    }
}
