//! Dates in a paste: when the buyer signed and when they asked.

use super::facts::{Facts, Found};
use super::regexes;
use crate::text::Text;

pub(super) fn dates(text: &Text, facts: &mut Facts) {
    let date_re = &regexes()[3];
    for (start, line) in text.lines() {
        let signed = line.contains("签收") && !line.contains("拒签");
        let requested = line.contains("申请");
        if !signed && !requested {
            continue;
        }
        let Some(c) = date_re.captures(line) else {
            continue;
        };
        let num = |i: usize| c.get(i).map(|m| m.as_str().to_string()).unwrap_or_default();
        let Some(date) = chrono::NaiveDate::from_ymd_opt(
            num(1).parse().unwrap_or(0),
            num(2).parse().unwrap_or(0),
            num(3).parse().unwrap_or(0),
        ) else {
            continue;
        };
        let value = match (c.get(4), c.get(5)) {
            (Some(h), Some(m)) => format!("{date} {:0>2}:{}", h.as_str(), m.as_str()),
            _ => date.to_string(),
        };
        let whole = c.get(0).map(|m| m.range()).unwrap_or(0..0);
        let fact = Some(Found {
            value,
            source: text.quote(
                start
                    ..start
                        + whole
                            .end
                            .max(line.find("签收").map(|i| i + "签收".len()).unwrap_or(0))
                            .min(line.len()),
            ),
        });
        if signed && facts.signed_at.is_none() {
            facts.signed_at = fact;
        } else if requested && facts.requested_at.is_none() {
            facts.requested_at = fact;
        }
    }
}
