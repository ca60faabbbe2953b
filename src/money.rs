//! Money: amounts in yuan as exact decimals, always rounded half-up to the fen,
//! and the one reader of amounts typed by people.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

/// An amount of money in yuan, always rounded half-up to the fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    /// Rounds to the fen, half away from zero (12.345 -> 12.35).
    pub fn new(d: Decimal) -> Money {
        let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(2);
        Money(r)
    }

    /// The amount as a decimal.
    pub fn value(self) -> Decimal {
        self.0
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Always two decimals (scale 2), so the fen count prints as yuan.fen.
        let fen = self.0.mantissa();
        let sign = if fen < 0 { "-" } else { "" };
        let fen = fen.unsigned_abs();
        write!(f, "{sign}{}.{:02}", fen / 100, fen % 100)
    }
}

impl Serialize for Money {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Serialises a total in yuan as a string with two decimals ("12.50"), as
/// every amount of the JSON output is written.
pub fn serde_2dp<S: serde::Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    Money::new(*d).serialize(s)
}

/// Reads an amount in yuan: digits with at most a few decimals, optional ¥ or 元.
pub fn parse_amount(text: &str) -> Result<Decimal, &'static str> {
    match plain_amount(text) {
        Some(d) => Ok(d),
        None => any_amount(text),
    }
}

/// [`parse_amount`] for any text.
fn any_amount(text: &str) -> Result<Decimal, &'static str> {
    let t = crate::text::trim(text)
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    if t.is_empty() {
        return Err("it is empty");
    }
    if t.starts_with('-') {
        return Err("an amount cannot be negative");
    }
    if !t.chars().all(|c| c.is_ascii_digit() || c == '.') || t.matches('.').count() > 1 {
        return Err("it is not a number");
    }
    let d: Decimal = t.parse().map_err(|_| "it is not a number")?;
    if d.scale() > 2 {
        return Err("amounts are in yuan with at most two decimals (fen)");
    }
    // A single order over ten million yuan is a typo, not a case.
    if d > Decimal::from(10_000_000) {
        return Err("it is larger than any order this tool handles");
    }
    Ok(d)
}

/// The usual amount, a few digits with up to two decimals (`39.00`), read
/// straight into a [`Decimal`] as its parser would read it, scale kept; anything
/// else is `None` and goes the general way. A replay reads millions of these.
fn plain_amount(text: &str) -> Option<Decimal> {
    let (whole, fen) = match text.split_once('.') {
        Some((w, f)) if (1..=2).contains(&f.len()) => (w, f),
        Some(_) => return None,
        None => (text, ""),
    };
    // Seven digits stay under the ten-million limit.
    if !(1..=7).contains(&whole.len()) {
        return None;
    }
    let mut n: i64 = 0;
    for c in whole.bytes().chain(fen.bytes()) {
        if !c.is_ascii_digit() {
            return None;
        }
        n = n * 10 + i64::from(c - b'0');
    }
    // `fen` holds at most two digits.
    Some(Decimal::new(n, fen.len() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The quick reader reads every amount it takes as the general one does, scale and all.
        #[test]
        fn plain_amounts_read_as_the_parser_reads_them(text in "[0-9]{0,9}(\\.[0-9]{0,3})?|[0-9. ¥元a-]{0,6}") {
            if let Some(d) = plain_amount(&text) {
                let general = any_amount(&text);
                proptest::prop_assert_eq!(Ok(d), general);
                proptest::prop_assert_eq!(Ok(d.scale()), general.map(|g| g.scale()));
            }
        }
    }

    #[test]
    fn money_rounds_half_up_to_the_fen() {
        assert_eq!(Money::new(Decimal::new(4445, 3)).to_string(), "4.45");
        assert_eq!(Money::new(Decimal::new(12345, 3)).to_string(), "12.35");
        assert_eq!(Money::new(Decimal::from(3)).to_string(), "3.00");
    }

    #[test]
    fn amounts_reject_negative_and_text() {
        assert_eq!(parse_amount("¥12.50"), Ok(Decimal::new(1250, 2)));
        assert_eq!(parse_amount("89元"), Ok(Decimal::from(89)));
        assert!(parse_amount("-5").is_err());
        assert!(parse_amount("abc").is_err());
        assert!(parse_amount("1e30").is_err());
        assert!(parse_amount("0.001").is_err());
    }
}
