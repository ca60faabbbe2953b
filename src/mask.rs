//! The one masker for what the workbench stores or exports: phone numbers in
//! every form a buyer or a form writes them (mainland mobiles with any
//! prefix or spacing, full-width digits, landlines and 400/800 numbers,
//! Taiwan, Hong Kong and Macau numbers), and, per the policy, the buyer's
//! name and the street of the address.

use regex::Regex;
use std::sync::LazyLock;

/// A digit, ASCII or full-width.
const D: &str = "[0-9０-９]";
/// What may stand between digit groups: a space, a dash or a dot (ASCII or full-width).
const S: &str = r"[ \u{3000}\-\.－．‐–—]?";

/// Every phone form, each alternative one whole number; `cc` is a country
/// prefix (kept), `mob` a mainland mobile (its first three digits kept).
#[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    let plus = "(?:\\+|＋|00|００)";
    let pattern = format!(
        concat!(
            // Left edge: not inside a longer number or a word of letters.
            r"(?P<pre>^|[^0-9０-９A-Za-z])(?P<num>",
            // Mainland mobile, with +86 / 0086 / 86 / (+86) before it or not.
            r"(?P<cc>(?:{plus}?(?:86|８６)|[(（]{plus}?(?:86|８６)[)）]){s}[ \u{{3000}}]?)?",
            r"(?P<mob>[1１][3-9３-９]{d}{s}{d}{{4}}{s}{d}{{4}})",
            // Taiwan: 09xx-xxx-xxx, +886 9xx xxx xxx, +886-2-xxxx-xxxx.
            r"|(?P<tw>{plus}(?:886|８８６){s}[ ]?(?:[(（]?0?[)）]?)?{d}{{1,3}}{s}{d}{{3,4}}{s}{d}{{3,4}}|[0０][9９]{d}{{2}}{s}{d}{{3}}{s}{d}{{3}})",
            // Hong Kong and Macau: +852/+853 and eight digits; bare, a mobile (5, 6, 9).
            r"|(?P<hk>{plus}(?:85[23]|８５[２３]){s}[ ]?{d}{{4}}{s}{d}{{4}}|[5-9５-９]{d}{{3}}{s}{d}{{4}})",
            // 400 / 800 service numbers.
            r"|(?P<svc>[48４８][0０][0０]{s}{d}{{3}}{s}{d}{{4}})",
            // Mainland landlines: area code (in brackets or not, +86 before it or not) and 7-8 digits.
            r"|(?P<land>(?:{plus}?(?:86|８６){s}[ ]?)?(?:[(（][0０]?{d}{{2,3}}[)）]|[0０]{d}{{2,3}}){s}{d}{{3,4}}{s}{d}{{4}})",
            // Right edge: not followed by another digit or letter.
            r")(?P<post>$|[^0-9０-９A-Za-z])"
        ),
        plus = plus,
        s = S,
        d = D,
    );
    Regex::new(&pattern).expect("a valid pattern")
});

/// The text with every phone number masked: its last four digits kept (and
/// a mainland mobile's first three, and any country prefix), every other
/// digit a `*`, spacing as written.
pub fn phones(text: &str) -> String {
    // A match takes the character after it as its right edge, so two numbers
    // one character apart need a second pass.
    let once = PHONE.replace_all(text, masked);
    match PHONE.replace_all(&once, masked) {
        std::borrow::Cow::Borrowed(_) => once.into_owned(),
        std::borrow::Cow::Owned(s) => s,
    }
}

fn masked(c: &regex::Captures) -> String {
    let num = &c["num"];
    let (prefix, body) = match c.name("cc") {
        Some(cc) => num.split_at(cc.len()),
        None => ("", num),
    };
    let keep_head = if c.name("mob").is_some() { 3 } else { 0 };
    let digits = body.chars().filter(|ch| is_digit(*ch)).count();
    let mut out = String::with_capacity(c[0].len());
    out.push_str(&c["pre"]);
    out.push_str(prefix);
    let mut seen = 0;
    for ch in body.chars() {
        if is_digit(ch) {
            seen += 1;
            if seen <= keep_head || seen > digits.saturating_sub(4) {
                out.push(ch);
            } else {
                out.push('*');
            }
        } else {
            out.push(ch);
        }
    }
    out.push_str(&c["post"]);
    out
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// What of the buyer a stored case hides besides phone numbers (the policy's
/// `settings.workbench`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hide {
    /// The buyer's name becomes its first character and `**`.
    pub name: bool,
    /// The address keeps its province, city and district; the rest becomes `****`.
    pub street: bool,
}

/// A paste's secrets (names, streets), found once and hidden wherever they
/// appear: in the paste, and in the facts and advice that quote it.
#[derive(Debug, Default)]
pub struct Scrub {
    /// Each secret text and what stands for it, longest first.
    secrets: Vec<(String, String)>,
}

impl Scrub {
    /// Finds the secrets of `paste` that `hide` asks to hide.
    pub fn of(paste: &str, hide: Hide) -> Scrub {
        #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
        static NAME: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:收货人|收貨人|收件人|联系人|聯絡人|买家姓名|買家姓名|姓名)\s*[:：]?\s*([\p{Han}·]{2,5})")
                .expect("a valid pattern")
        });
        #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
        static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:收货地址|收貨地址|收件地址|详细地址|詳細地址|地址)\s*[:：]?\s*([^\n]+)")
                .expect("a valid pattern")
        });
        #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
        static DISTRICT: LazyLock<Regex> = LazyLock::new(|| {
            // The first district, county or banner; else the last city.
            Regex::new(r"^[^\n]*?(?:区|區|县|縣|旗)|^[^\n]*(?:市)").expect("a valid pattern")
        });
        // Found in the paste as stored, so a street that runs on into a phone number still matches.
        let paste = &phones(paste);
        let mut secrets: Vec<(String, String)> = Vec::new();
        if hide.name {
            for c in NAME.captures_iter(paste) {
                let name = c[1].to_string();
                let first: String = name.chars().take(1).collect();
                if !name.ends_with("**") {
                    secrets.push((name, format!("{first}**")));
                }
            }
        }
        if hide.street {
            for c in ADDRESS.captures_iter(paste) {
                let address = c[1].trim_end();
                let kept = DISTRICT.find(address).map_or(0, |m| m.end());
                let street = address[kept..].trim();
                if street.is_empty() || street == "****" {
                    continue;
                }
                secrets.push((street.to_string(), "****".to_string()));
                // Facts quote the address in pieces: each word of two or more
                // Chinese characters is hidden on its own too (a house number alone is not).
                for word in street.split_whitespace() {
                    if word.chars().filter(|c| is_han(*c)).count() >= 2 && !word.contains('*') {
                        secrets.push((word.to_string(), "****".to_string()));
                    }
                }
            }
        }
        // A secret inside another is hidden by the longer one first.
        secrets.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        secrets.dedup();
        Scrub { secrets }
    }

    /// `text` with phone numbers masked and every secret replaced.
    pub fn apply(&self, text: &str) -> String {
        let mut out = phones(text);
        for (secret, shown) in &self.secrets {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), shown);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phone_form_is_masked_and_other_numbers_kept() {
        for (given, shown) in [
            ("电话：13812345678，", "电话：138****5678，"),
            ("备用 139-1234-5678", "备用 139-****-5678"),
            ("+86 15012345678", "+86 150****5678"),
            ("0086-150.1234.5678", "0086-150.****.5678"),
            ("手机１３８１２３４５６７８吧", "手机１３８****５６７８吧"),
            ("座机0571-87654321", "座机****-****4321"),
            ("(010)62345678", "(***)****5678"),
            ("400-123-4567", "***-***-4567"),
            ("0912-345-678", "****-**5-678"),
            ("+886 912 345 678", "+*** *** **5 678"),
            ("9123 4567", "**** 4567"),
            ("+852 9123 4567", "+*** **** 4567"),
            ("+853 6612 3456", "+*** **** 3456"),
        ] {
            assert_eq!(phones(given), shown, "{given}");
        }
        for kept in [
            "订单号 3921847561203",
            "实付款 ¥139.00 2026-11-20",
            "20261120",
            "SF1234567890123",
            "尺码 39",
        ] {
            assert_eq!(phones(kept), kept);
        }
    }

    #[test]
    fn the_name_and_street_are_hidden_where_they_are_quoted() {
        let paste = "收货人：王小明\n收货地址：浙江省杭州市西湖区 文三路 88 号\n买家：鞋面有污渍";
        let s = Scrub::of(
            paste,
            Hide {
                name: true,
                street: true,
            },
        );
        let stored = s.apply(paste);
        assert!(stored.contains("王**"), "{stored}");
        assert!(stored.contains("浙江省杭州市西湖区 ****"), "{stored}");
        assert!(
            !stored.contains("小明") && !stored.contains("文三路"),
            "{stored}"
        );
        assert_eq!(
            s.apply(r#"{"source":"西湖区 文三路 88 号"}"#),
            r#"{"source":"西湖区 ****"}"#
        );
        let kept = Scrub::of(
            paste,
            Hide {
                name: false,
                street: false,
            },
        );
        assert_eq!(kept.apply(paste), paste);
    }
}
