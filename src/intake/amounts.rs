//! Amounts in a paste: the price paid and the buyer's ask, never a phone or
//! order number.

use regex::Regex;
use rust_decimal::Decimal;
use std::ops::Range;

use super::facts::{Facts, Found};
use super::regexes;
use crate::money::{Money, parse_amount};
use crate::text::Text;

/// Whether the digits at `span` stand alone (not part of a phone or order number).
fn stands_alone(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit() || c == '*' || c == '.')
        && !after
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '*' | '-' | '/' | ':' | '%' | '.'))
}

fn money(s: &str) -> Option<Money> {
    parse_amount(s)
        .ok()
        .filter(|d| *d > Decimal::ZERO)
        .map(Money::new)
}

pub(super) fn amounts(text: &Text, facts: &mut Facts) {
    let [price_re, ask_re, yuan_re, _, fee_re] = regexes();
    let t = &text.norm;
    let mut used: Vec<Range<usize>> = Vec::new();
    for c in ask_re.captures_iter(t) {
        let (Some(verb), Some(num)) = (c.get(1), c.get(3)) else {
            continue;
        };
        let unit = c.get(4).is_some();
        // 给 is too common a verb to count without a unit (给我10块).
        if verb.as_str() == "给" && !unit || !stands_alone(t, &num.range()) {
            continue;
        }
        // 退款89元 / 退货 are refunds of the price, not an ask: the verb must touch the amount.
        if let Some(v) = money(num.as_str()) {
            let whole = c.get(0).map(|m| m.range()).unwrap_or(num.range());
            used.push(whole.clone());
            if facts.ask.is_none() {
                facts.ask = Some(Found {
                    value: v,
                    source: text.quote(whole),
                });
            }
        }
    }
    let fees: Vec<Range<usize>> = fee_re.find_iter(t).map(|m| m.range()).collect();
    let free = |r: &Range<usize>, used: &[Range<usize>]| {
        !used
            .iter()
            .chain(fees.iter())
            .any(|u| u.start < r.end && r.start < u.end)
    };
    // The first amount a pattern finds that stands alone and is no ask or fee:
    // after a price label first, then any ¥ or 元 amount.
    let first = |re: &Regex| {
        re.captures_iter(t).find_map(|c| {
            let whole = c.get(0)?;
            let num = c.get(1).or(c.get(2))?;
            if !stands_alone(t, &num.range()) || !free(&whole.range(), &used) {
                return None;
            }
            money(num.as_str()).map(|v| (v, whole.range()))
        })
    };
    if let Some((value, at)) = first(price_re).or_else(|| first(yuan_re)) {
        facts.price = Some(Found {
            value,
            source: text.quote(at),
        });
    }
}
