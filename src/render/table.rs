//! Table drawing shared by every report: amounts and counts as a table
//! shows them, and padding to a terminal's display width. The reports draw
//! themselves beside their data (`replay::table`, `regress::table`,
//! `policy::analysis::table`).

use rust_decimal::Decimal;
use unicode_width::UnicodeWidthStr;

/// A count, or yuan to the fen; with `signed`, a change (+12, -¥3.50).
pub fn amount(v: Decimal, money: bool, signed: bool) -> String {
    let sign = if v.is_sign_negative() && !v.is_zero() {
        "-"
    } else if signed && !v.is_zero() {
        "+"
    } else {
        ""
    };
    let mut a = v.abs().round_dp(2);
    if money {
        a.rescale(2);
        format!("{sign}¥{a}")
    } else {
        format!("{sign}{a}")
    }
}

/// Pads to a display width, as a terminal shows it (a Chinese character is two columns).
pub fn pad(s: &str, width: usize, right: bool) -> String {
    let w = UnicodeWidthStr::width(s);
    let fill = " ".repeat(width.saturating_sub(w) + 1);
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}
