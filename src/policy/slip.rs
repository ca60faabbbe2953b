//! The slips a shop manager makes in a YAML file, explained: a Tab, a
//! full-width colon or ＃, an amount written `10元`, an unclosed bracket, a line
//! indented under the wrong key, a duplicate key, a misspelt field, a value not
//! in its list, a file not saved as UTF-8. The YAML reader's own message is
//! turned into one that says, in Chinese first, what is wrong and what to type,
//! at the line where the slip is (the opening bracket, not where the reader
//! gave up).

use crate::located::{Pos, YamlError};

/// A slip in the YAML, with the values its message quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slip {
    /// A Tab in the indentation.
    Tab,
    /// A YAML-library error told in a sentence worked out where it was found.
    Said {
        /// What is wrong, in Chinese.
        zh: String,
        /// What is wrong, in English.
        en: String,
        /// The fix, in Chinese.
        fix_zh: String,
        /// The fix, in English.
        fix_en: String,
    },
    /// `key：value` with a full-width colon.
    FullWidthColon {
        /// The key before it.
        key: String,
    },
    /// A comment started with a full-width ＃.
    FullWidthHash,
    /// A `[`, `{` or `"` never closed.
    Unclosed {
        /// The opener.
        open: char,
    },
    /// An amount with a unit, a sign, full-width digits or Chinese quotes.
    Amount {
        /// As written.
        written: String,
        /// What to type instead (`"10.00"`), when the number can be read.
        fix: Option<String>,
    },
    /// A yes/no value written otherwise (是, 否, 对).
    NotBool {
        /// As written.
        written: String,
    },
    /// A value that is not one of its list.
    NotInSet {
        /// What kind of value (payer, resolution …).
        what: String,
        /// As written.
        written: String,
        /// The allowed values with their Chinese labels.
        allowed: String,
    },
    /// A key written twice in one mapping.
    DuplicateKey {
        /// The key.
        key: String,
        /// The line of its first use.
        first: Option<u32>,
    },
    /// A field name that is not one of the mapping's.
    UnknownField {
        /// As written.
        field: String,
        /// The closest valid name.
        closest: Option<String>,
        /// The valid names.
        allowed: String,
    },
    /// A field that is there, but indented under the wrong key.
    Indented {
        /// The field.
        field: String,
        /// Its line.
        line: u32,
        /// The column it should start at (1-based).
        column: usize,
        /// Whether the line is indented with full-width spaces (　), which YAML does not count.
        full_width: bool,
    },
    /// A field indented less than the block it belongs to, with fields of
    /// that block after it: the block ends there, so a later field is missed.
    Dedented {
        /// The field.
        field: String,
        /// Its line.
        line: u32,
        /// Spaces before it.
        written: usize,
        /// Spaces before the block's fields.
        block: usize,
        /// The field the block was then found to lack.
        missing: String,
    },
    /// A valid field (or block) written at another level of indentation than
    /// its own, so the block it landed in does not know it.
    WrongLevel {
        /// The field.
        field: String,
        /// Its line.
        line: u32,
        /// Spaces before it.
        written: usize,
        /// Spaces it takes.
        wanted: usize,
        /// The key it belongs beside (indented too far) or under (not far
        /// enough); `None` at the top level.
        near: Option<String>,
    },
    /// A required field that is not there.
    MissingField {
        /// The field.
        field: String,
    },
    /// The file is not UTF-8.
    Encoding {
        /// Whether it looks like UTF-16 (Excel's "Unicode text", Notepad's "Unicode").
        utf16: bool,
    },
    /// Anything else the reader said.
    Other {
        /// The reader's message.
        message: String,
    },
}

impl Slip {
    /// The message in Chinese, in English, then the fix in Chinese and in English.
    #[allow(clippy::too_many_lines, reason = "one arm per kind: a message table")]
    pub fn text(&self) -> (String, String, String, String) {
        let t = |a: String, b: String, c: String, d: String| (a, b, c, d);
        match self {
            Slip::Tab => t(
                "缩进里用了制表符（Tab）".into(),
                "a Tab is used for indentation".into(),
                "YAML 只能用空格缩进：把这一行开头的 Tab 删掉，换成空格（和上下行对齐）".into(),
                "YAML indents with spaces only: replace the Tab with spaces, aligned with the lines around it".into(),
            ),
            Slip::FullWidthColon { key } => t(
                format!("“{key}”后面用了中文冒号“：”"),
                format!("a full-width colon `：` after `{key}`"),
                format!("改成英文冒号加一个空格：{key}: "),
                format!("use an ASCII colon and a space: `{key}: `"),
            ),
            Slip::FullWidthHash => t(
                "注释用了中文井号“＃”".into(),
                "a comment starts with a full-width `＃`".into(),
                "注释要用英文井号 #：把“＃”改成“#”".into(),
                "comments start with an ASCII `#`".into(),
            ),
            Slip::Unclosed { open: '"' } => t(
                "这一行的英文双引号 \" 只有开头，没有结尾".into(),
                "the `\"` on this line is never closed".into(),
                "在这段文字末尾补上英文双引号 \"".into(),
                "add the closing `\"` at the end of the text".into(),
            ),
            Slip::Unclosed { open } => {
                let close = match open {
                    '[' => ']',
                    _ => '}',
                };
                t(
                    format!("这一行的“{open}”没有配对的“{close}”"),
                    format!("the `{open}` on this line is never closed"),
                    format!("在这一行末尾补上“{close}”（用英文符号）"),
                    format!("add the closing `{close}` at the end of this line"),
                )
            }
            Slip::Amount { written, fix } => {
                let fix_zh = match fix {
                    Some(f) => format!("写成 \"{f}\"：带英文双引号的数字，不要写 元、¥、全角数字或中文引号"),
                    None => "金额写成带英文双引号的数字，如 \"10.00\"".into(),
                };
                let fix_en = match fix {
                    Some(f) => format!("write \"{f}\": a number in ASCII double quotes, without 元, ¥, full-width digits or Chinese quotes"),
                    None => "write the amount as a quoted number, e.g. \"10.00\"".into(),
                };
                t(
                    format!("金额“{written}”的写法不对"),
                    format!("the amount `{written}` is not a number"),
                    fix_zh,
                    fix_en,
                )
            }
            Slip::NotBool { written } => t(
                format!("“{written}”不是 true 或 false"),
                format!("`{written}` is not true or false"),
                "只能写 true（是）或 false（否）".into(),
                "write true or false".into(),
            ),
            Slip::NotInSet {
                what,
                written,
                allowed,
            } => {
                let ids: Vec<&str> = allowed
                    .split(", ")
                    .filter_map(|x| x.split(' ').next())
                    .collect();
                let near = closest(written, &ids);
                t(
                    format!("“{written}”不是可以写的{}", chinese(what)),
                    format!("`{written}` is not a valid {what}"),
                    match &near {
                        Some(n) => format!("是不是要写 {n}？只能写英文名称：{allowed}"),
                        None => format!("只能写英文名称：{allowed}"),
                    },
                    match &near {
                        Some(n) => format!("did you mean `{n}`? write one of the ids: {allowed}"),
                        None => format!("write one of the ids: {allowed}"),
                    },
                )
            }
            Slip::DuplicateKey { key, first } => {
                let at = first.map(|l| format!("（第 {l} 行）")).unwrap_or_default();
                let at_en = first.map(|l| format!(" (line {l})")).unwrap_or_default();
                t(
                    format!("“{key}”写了两次，前面已经有一个{at}"),
                    format!("`{key}` is written twice; the first is earlier{at_en}"),
                    "只留一个：删掉这一行，或者把两处合并".into(),
                    "keep one: delete this line or merge the two".into(),
                )
            }
            Slip::UnknownField {
                field,
                closest,
                allowed,
            } => t(
                format!("不认识“{field}”"),
                format!("unknown field `{field}`"),
                match closest {
                    Some(c) => format!("是不是要写 {c}？这里可以写：{allowed}"),
                    None => format!("这里可以写：{allowed}"),
                },
                match closest {
                    Some(c) => format!("did you mean `{c}`? valid here: {allowed}"),
                    None => format!("valid here: {allowed}"),
                },
            ),
            Slip::Indented {
                field,
                line,
                column,
                full_width,
            } => {
                let spaces = column.saturating_sub(1);
                let (why, why_en) = if *full_width {
                    ("：行首是全角空格“　”，YAML 只认半角空格", ": the line is indented with full-width spaces, which YAML does not count")
                } else {
                    ("，不属于这一段", " so that it belongs to another block")
                };
                t(
                    format!("第 {line} 行的“{field}”缩进不对{why}"),
                    format!("`{field}` on line {line} is indented{why_en}"),
                    format!("把第 {line} 行的“{field}:”前面改成 {spaces} 个空格，和同一段的其他字段对齐"),
                    format!("indent `{field}:` on line {line} by {spaces} spaces, like the other fields of this block"),
                )
            }
            Slip::Dedented {
                field,
                line,
                written,
                block,
                missing,
            } => t(
                format!(
                    "第 {line} 行的“{field}”缩进少了 {} 格：前面只有 {written} 个空格，同一段的字段是 {block} 个，这一段在它这里就断了，所以后面的字段不算在这一段里（报的是缺少“{missing}”）",
                    block - written
                ),
                format!(
                    "`{field}` on line {line} is indented {written} spaces, the fields of its block {block}: the block ends there, so the fields after it are not in it (reported as a missing `{missing}`)"
                ),
                format!("把第 {line} 行的“{field}:”前面改成 {block} 个空格，和上下同一段的字段对齐"),
                format!("indent `{field}:` on line {line} by {block} spaces, like the fields above and below it"),
            ),
            Slip::WrongLevel {
                field,
                line,
                written,
                wanted,
                near,
            } => {
                let (zh, en) = match (near, wanted < written) {
                    (None, _) => (
                        format!("“{field}”是顶层的字段，要顶格写"),
                        format!("`{field}` is a top-level key and starts the line"),
                    ),
                    (Some(n), true) => (
                        format!("它是和“{n}”同一层的字段，却落进了上一段里面"),
                        format!("it belongs beside `{n}`, not inside the block above"),
                    ),
                    (Some(n), false) => (
                        format!("它是“{n}”里面的字段，却跑出了“{n}”"),
                        format!("it belongs inside `{n}`, not after it"),
                    ),
                };
                let (more, diff) = if wanted < written {
                    ("多", written - wanted)
                } else {
                    ("少", wanted - written)
                };
                let put = match near {
                    None => format!("把第 {line} 行的“{field}:”前面的空格删掉，顶格写"),
                    Some(n) if wanted < written => format!(
                        "把第 {line} 行的“{field}:”前面改成 {wanted} 个空格，和“{n}:”对齐"
                    ),
                    Some(n) => format!(
                        "把第 {line} 行的“{field}:”前面改成 {wanted} 个空格，和“{n}”里的其他字段对齐"
                    ),
                };
                let way = if wanted < written { "左" } else { "右" };
                let spaces = |n: usize| if n == 1 { "1 space".to_string() } else { format!("{n} spaces") };
                t(
                    format!("第 {line} 行的“{field}”缩进{more}了 {diff} 格：{zh}"),
                    format!(
                        "`{field}` on line {line} is indented {} instead of {wanted}: {en}",
                        spaces(*written)
                    ),
                    format!("{put}；它下面如果还有属于它的行，也一起往{way}移 {diff} 格"),
                    format!(
                        "indent `{field}:` on line {line} by {}, and move the lines under it by {} too",
                        spaces(*wanted),
                        spaces(diff)
                    ),
                )
            }
            Slip::MissingField { field } => t(
                format!("这一段缺少“{field}”"),
                format!("this block has no `{field}`"),
                format!("加上 {field}:，可以对照 policies/default.yaml 里的同类写法"),
                format!("add `{field}:`; compare with policies/default.yaml"),
            ),
            Slip::Encoding { utf16 } => t(
                if *utf16 {
                    "文件是 UTF-16（“Unicode”）编码，不是 UTF-8".into()
                } else {
                    "文件不是 UTF-8 编码（可能是 GBK）".into()
                },
                "the file is not saved as UTF-8".into(),
                "请用 UTF-8 保存：记事本 → 另存为 → 编码选“UTF-8”；VS Code → 右下角编码 → 通过编码保存 → UTF-8；不要用 Excel 或 WPS 表格保存".into(),
                "save it as UTF-8: Notepad → Save As → Encoding: UTF-8; VS Code → the encoding in the status bar → Save with Encoding → UTF-8; do not save it from Excel".into(),
            ),
            Slip::Said {
                zh,
                en,
                fix_zh,
                fix_en,
            } => t(zh.clone(), en.clone(), fix_zh.clone(), fix_en.clone()),
            Slip::Other { message } => t(
                "YAML 写法有误".into(),
                message.clone(),
                "按提示改正这一处的 YAML 写法，可以对照 policies/default.yaml".into(),
                "fix the YAML at this place; compare with policies/default.yaml".into(),
            ),
        }
    }
}

/// The slip behind a YAML reader's error in a policy file, and where it is;
/// the bundled policy tells at what indentation each field is written.
pub fn explain(text: &str, e: &YamlError, file: &str) -> (Slip, Option<Pos>) {
    explain_in(text, e, file, super::BUNDLED)
}

/// The slip behind a YAML reader's error, and where it is; `reference` is a
/// well-formed file of the same kind (or nothing), for the indentation a
/// field is written at when the file itself holds it only once.
pub fn explain_in(text: &str, e: &YamlError, file: &str, reference: &str) -> (Slip, Option<Pos>) {
    let pos = |line: u32, column: u32| at(file, line, column);
    let here = pos(e.line, e.column);
    // Slips the reader reports far from where they are: find them in the text first,
    // at or before the line the reader stopped at.
    if let Some((slip, line, column)) = scan(text, e.line) {
        return (slip, pos(line, column));
    }
    let m = e.message.as_str();
    if let Some(key) = between(m, "duplicate mapping key: ", ",") {
        let first = first_key_line(text, key, e.line);
        return (
            Slip::DuplicateKey {
                key: key.to_string(),
                first,
            },
            here,
        );
    }
    if let Some(field) = between(m, "unknown field `", "`") {
        return unknown_field(text, e, file, reference, field);
    }
    if let Some(field) = between(m, "missing field `", "`") {
        return missing_field(text, e, file, field);
    }
    if m.contains("expected a Decimal") {
        return not_an_amount(text, e, file);
    }
    if m.contains("invalid boolean") || m.contains("expected a boolean") {
        return (
            Slip::NotBool {
                written: value_at(text, e.line),
            },
            here,
        );
    }
    if let Some(rest) = m.strip_prefix("unknown ")
        && let Some((what, tail)) = rest.split_once(" `")
        && let Some((written, allowed)) = tail.split_once("`; expected one of: ")
    {
        return (
            Slip::NotInSet {
                what: what.to_string(),
                written: written.to_string(),
                allowed: allowed.to_string(),
            },
            here,
        );
    }
    if m.contains("tab") {
        return (Slip::Tab, here);
    }
    if let Some(said) = library(text, e, m) {
        return (said, here);
    }
    // A block moved to another level can also leave the reader lost for a key.
    if let Some(slip) =
        line_key(text, e.line).and_then(|key| wrong_level(text, reference, key, e.line))
    {
        return (slip, pos(e.line, key_column(text, e.line)));
    }
    (
        Slip::Other {
            message: m.to_string(),
        },
        here,
    )
}

/// Where a slip is, in a file (`None` for line 0: nowhere known).
fn at(file: &str, line: u32, column: u32) -> Option<Pos> {
    (line > 0).then(|| Pos {
        file: file.to_string(),
        line,
        column,
        bytes: None,
    })
}

/// A field the block does not have: one of another block, indented wrongly,
/// or a misspelling of one of the block's own.
fn unknown_field(
    text: &str,
    e: &YamlError,
    file: &str,
    reference: &str,
    field: &str,
) -> (Slip, Option<Pos>) {
    let allowed = e
        .message
        .split_once("expected one of ")
        .map(|(_, l)| l.replace('`', ""))
        .unwrap_or_default();
    let names: Vec<&str> = allowed.split(", ").collect();
    // A valid field of another block, at this line: it is indented wrongly.
    if let Some(slip) = wrong_level(text, reference, field, e.line) {
        return (slip, at(file, e.line, key_column(text, e.line)));
    }
    (
        Slip::UnknownField {
            field: field.to_string(),
            closest: closest(field, &names),
            allowed,
        },
        at(file, e.line, e.column),
    )
}

/// A field the block lacks: most often one written at the wrong indentation.
fn missing_field(text: &str, e: &YamlError, file: &str, field: &str) -> (Slip, Option<Pos>) {
    let indented = |field: String, line: u32, column: usize| {
        (
            Slip::Indented {
                full_width: full_width_indent(text, line),
                field,
                line,
                column,
            },
            at(file, line, key_column(text, line)),
        )
    };
    if let Some((line, column)) = first_too_deep(text, e.line) {
        let field = line_key(text, line).unwrap_or(field).to_string();
        return indented(field, line, column);
    }
    if let Some((slip, line)) = dedented(text, field, e.line) {
        return (slip, at(file, line, key_column(text, line)));
    }
    if let Some((line, column)) = misplaced(text, field, e.line) {
        return indented(field.to_string(), line, column);
    }
    (
        Slip::MissingField {
            field: field.to_string(),
        },
        at(file, e.line, e.column),
    )
}

/// An amount the reader cannot take, pointed at where it is written.
fn not_an_amount(text: &str, e: &YamlError, file: &str) -> (Slip, Option<Pos>) {
    let written = between(&e.message, "string \"", "\"")
        .map(str::to_string)
        .unwrap_or_else(|| value_at(text, e.line));
    // Point at the amount itself, not the key before it.
    let column = text
        .lines()
        .nth(e.line.saturating_sub(1) as usize)
        .and_then(|l| l.find(written.as_str()).map(|i| col(l, i)));
    (
        Slip::Amount {
            fix: amount_fix(&written),
            written,
        },
        at(file, e.line, column.unwrap_or(e.column)),
    )
}

/// The YAML library's own errors, each told as the slip a manager made.
fn library(text: &str, e: &YamlError, m: &str) -> Option<Slip> {
    let line = text
        .lines()
        .nth(e.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let key = line.trim_start().trim_start_matches("- ");
    let key = key.split_once(':').map_or("", |(k, _)| k.trim());
    let value = value_at(text, e.line);
    if m.contains("mapping values are not allowed") {
        return Some(unquoted_colon(key, &value));
    }
    if m.contains("unknown anchor") {
        return Some(unknown_anchor(line));
    }
    if m.contains("invalid u32") || m.contains("invalid digit") || m.contains("expected u32") {
        return Some(not_whole(line, e.column, key));
    }
    if m.contains("expected sequence start") {
        return Some(not_a_list(key, &value));
    }
    if m.contains("null into string") || m.contains("invalid type: null") {
        return Some(said(
            format!("“{key}”后面是空的"),
            "this value is empty",
            format!(
                "写上内容，用双引号括起来，如 {key}: \"对不起，给您添麻烦了。\"，可以对照 policies/default.yaml"
            ),
            "write the text in double quotes; compare with policies/default.yaml",
        ));
    }
    None
}

/// A slip told in words: what is wrong and the fix, each in both languages.
fn said(zh: String, en: &str, fix_zh: String, fix_en: &str) -> Slip {
    Slip::Said {
        zh,
        en: en.to_string(),
        fix_zh,
        fix_en: fix_en.to_string(),
    }
}

/// A text with an unquoted `: ` in it, read as a new key.
fn unquoted_colon(key: &str, value: &str) -> Slip {
    let whole = value.replace('"', "\\\"");
    said(
        format!("“{key}”的文字里有半角冒号“:”，没加引号时会被当成新的字段"),
        "an unquoted text holds `: `, which YAML reads as a new key",
        format!("整句用双引号括起来：{key}: \"{whole}\"，或者把冒号改成全角“：”"),
        "put the whole text in double quotes, or use a full-width colon",
    )
}

/// An alias (`*name`) with no anchor (`&name`) before it.
fn unknown_anchor(line: &str) -> Slip {
    let alias = line
        .find('*')
        .map(|i| {
            line[i + 1..]
                .split([' ', ',', ']', '}'])
                .next()
                .unwrap_or("")
        })
        .unwrap_or("");
    said(
        format!("用了 *{alias}，但它前面没有 &{alias}：别名要先定义再使用"),
        "an alias is used before (or without) its anchor",
        format!("在前面要复用的内容上写 &{alias}，或者直接把内容写在这里"),
        "define the anchor with & above, or write the value out here",
    )
}

/// A whole number written with a unit or other words (`72小时`), at `column`.
fn not_whole(line: &str, column: u32, key: &str) -> Slip {
    let written = line
        .get(
            line.char_indices()
                .nth(column.saturating_sub(1) as usize)
                .map_or(0, |x| x.0)..,
        )
        .unwrap_or("")
        .split([',', '}', ' '])
        .next()
        .unwrap_or("")
        .to_string();
    let digits: String = written.chars().take_while(char::is_ascii_digit).collect();
    // In a flow mapping the key is the word just before the value, not the line's first.
    let before: String = line
        .chars()
        .take(column.saturating_sub(1) as usize)
        .collect();
    let key = before
        .trim_end()
        .trim_end_matches(':')
        .rsplit([' ', '{', ','])
        .next()
        .filter(|k| !k.is_empty())
        .unwrap_or(key);
    said(
        format!("“{key}”要写一个整数，写成了“{written}”"),
        "a whole number is expected here, with no unit",
        if digits.is_empty() {
            format!("只写数字，如 {key}: 72；单位由 days（天）或 hours（小时）决定")
        } else {
            format!(
                "只写数字：{key}: {digits}；单位由 days（天）或 hours（小时）决定，不要写“小时”“天”"
            )
        },
        "write the number alone; days or hours gives the unit",
    )
}

/// A single value, or full-width brackets, where a list is expected.
fn not_a_list(key: &str, value: &str) -> Slip {
    if value.starts_with(['［', '【', '〔']) {
        return said(
            format!(
                "“{key}”的列表用了全角括号“{}”",
                value.chars().next().unwrap_or('［')
            ),
            "a list written with full-width brackets",
            format!(
                "改成半角方括号和逗号：{key}: [{}]",
                value
                    .trim_matches(['［', '］', '【', '】', '〔', '〕'])
                    .replace(['，', '、'], ", ")
            ),
            "use ASCII brackets [ ] and commas",
        );
    }
    said(
        format!("“{key}”要写成列表，写成了“{value}”"),
        "a list is expected here",
        format!("写成方括号里的列表：{key}: [{value}]"),
        "write a list in brackets, e.g. [P4]",
    )
}

/// Whether bytes that are not UTF-8 look like UTF-16 rather than GBK.
pub fn encoding(bytes: &[u8]) -> Slip {
    let nuls = bytes.iter().take(400).filter(|b| **b == 0).count();
    Slip::Encoding {
        utf16: bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || nuls > 20,
    }
}

/// The Chinese name of a kind of value the reader names in English.
fn chinese(what: &str) -> &str {
    match what {
        "payer" => "运费承担方",
        "resolution" => "处理方式",
        "defect" => "问题类型",
        "fault" => "责任方",
        "stage" => "订单状态",
        "platform" => "平台",
        "wish" => "买家诉求",
        "material" => "材质",
        "offer kind" => "报价方式",
        "payment form" => "赔付方式",
        "threat" => "买家威胁",
        other => other,
    }
}

/// The text between `a` and the next `b` in `m`.
fn between<'m>(m: &'m str, a: &str, b: &str) -> Option<&'m str> {
    let rest = &m[m.find(a)? + a.len()..];
    Some(&rest[..rest.find(b)?])
}

/// The first slip found by reading the lines up to `last` (all lines when 0):
/// a Tab, a full-width ＃ or colon, an unclosed bracket or quote.
fn scan(text: &str, last: u32) -> Option<(Slip, u32, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    let upto = if last == 0 {
        lines.len()
    } else {
        (last as usize).min(lines.len())
    };
    // The indentation of the key whose block text (`paste: |`) is being passed:
    // a pasted chat's 收货地址：… is text, never a slip.
    let mut block: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate().take(upto) {
        let n = i as u32 + 1;
        let body = raw.trim_start();
        let indent = &raw[..raw.len() - body.len()];
        if let Some(key_indent) = block {
            if body.is_empty() || indent.len() > key_indent {
                continue;
            }
            block = None;
        }
        if block_opens(strip_comment(body)) {
            block = Some(indent.len());
        }
        if let Some(tab) = indent.find('\t') {
            return Some((Slip::Tab, n, col(raw, tab)));
        }
        if body.starts_with('＃') {
            return Some((Slip::FullWidthHash, n, col(raw, indent.len())));
        }
        let code = strip_comment(body);
        if let Some(at) = code.find('：') {
            let key = code[..at].trim_start_matches("- ").trim();
            let plain = !key.is_empty()
                && !code[..at].contains([':', '"', '\''])
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c > '\u{2e80}');
            if plain {
                let offset = raw.len() - body.len() + at;
                return Some((
                    Slip::FullWidthColon {
                        key: key.to_string(),
                    },
                    n,
                    col(raw, offset),
                ));
            }
        }
        if let Some((open, at)) = unclosed(code) {
            // A flow collection may go on to the next line; it is unclosed when the
            // next line starts a new key at this indentation or less.
            let next = lines
                .get(i + 1)
                .map(|l| (l.len() - l.trim_start().len(), l.trim()));
            let ends = match next {
                None => true,
                Some((_, "")) => true,
                Some((ind, t)) => {
                    ind <= indent.len()
                        && (t.contains(": ") || t.ends_with(':') || t.starts_with("- "))
                }
            };
            if open == '"' || ends {
                let offset = raw.len() - body.len() + at;
                return Some((Slip::Unclosed { open }, n, col(raw, offset)));
            }
        }
    }
    None
}

/// Whether a line's key opens a block of text (`paste: |`, `note: >-`).
fn block_opens(code: &str) -> bool {
    let code = code.trim_end();
    let Some(head) = code
        .trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit())
        .strip_suffix(['|', '>'])
    else {
        return false;
    };
    let head = head.trim_end();
    head.ends_with(':') || head == "-" || head.ends_with(" -")
}

/// A line's text before a ` #` comment (outside quotes).
fn strip_comment(s: &str) -> &str {
    let mut quoted = false;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '#' if !quoted && (i == 0 || prev == ' ') => return &s[..i],
            _ => {}
        }
        prev = c;
    }
    s
}

/// The first bracket or quote a line opens and never closes, with its byte offset.
fn unclosed(s: &str) -> Option<(char, usize)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut quote: Option<usize> = None;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        if quote.is_some() {
            match c {
                '\\' if !escaped => {
                    escaped = true;
                    continue;
                }
                '"' if !escaped => quote = None,
                _ => {}
            }
            escaped = false;
            continue;
        }
        match c {
            '"' => quote = Some(i),
            '[' | '{' => stack.push((c, i)),
            ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    quote.map(|i| ('"', i)).or_else(|| stack.first().copied())
}

/// The 1-based column (in characters) of a byte offset in a line.
fn col(line: &str, offset: usize) -> u32 {
    line[..offset.min(line.len())].chars().count() as u32 + 1
}

/// The column where a line's text starts.
fn key_column(text: &str, line: u32) -> u32 {
    text.lines()
        .nth(line.saturating_sub(1) as usize)
        .map_or(1, |l| col(l, l.len() - l.trim_start().len()))
}

/// The value after `key:` on a line, for quoting.
fn value_at(text: &str, line: u32) -> String {
    text.lines()
        .nth(line.saturating_sub(1) as usize)
        .and_then(|l| l.split_once(':').map(|(_, v)| v))
        .map(|v| strip_comment(v).trim().to_string())
        .unwrap_or_default()
}

/// The line where `key:` first appears at the indentation it has on `line`.
fn first_key_line(text: &str, key: &str, line: u32) -> Option<u32> {
    let lines: Vec<&str> = text.lines().collect();
    let this = lines.get(line.checked_sub(1)? as usize)?;
    let indent = this.len() - this.trim_start().len();
    lines
        .iter()
        .take(line as usize - 1)
        .rposition(|l| {
            l.len() - l.trim_start().len() == indent
                && l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.starts_with(':'))
        })
        .map(|i| i as u32 + 1)
}

/// Where a field a block misses is written, indented differently from the
/// block's fields: its line and the column the block's fields start at.
fn misplaced(text: &str, field: &str, line: u32) -> Option<(u32, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.checked_sub(1)? as usize;
    let block = lines.get(at)?;
    let indent = block.len() - block.trim_start().len();
    let key = |l: &str| {
        l.trim_start()
            .trim_start_matches("- ")
            .strip_prefix(field)
            .is_some_and(|r| r.starts_with(':'))
    };
    // Look around the reported line, within a few lines of the block.
    let from = at.saturating_sub(12);
    let to = (at + 12).min(lines.len());
    (from..to)
        .find(|&i| key(lines[i]) && lines[i].len() - lines[i].trim_start().len() != indent)
        .map(|i| (i as u32 + 1, indent + 1))
}

/// Spaces before a line's text.
fn indent(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// Whether a line holds nothing the reader reads (blank, or a comment).
fn idle(l: &str) -> bool {
    let t = l.trim();
    t.is_empty() || t.starts_with('#')
}

/// The key a line starts (`offer` of `    offer: {…}`, `- id: x` gives `id`).
fn line_key(text: &str, line: u32) -> Option<&str> {
    let l = text.lines().nth(line.checked_sub(1)? as usize)?;
    let (key, _) = l.trim_start().trim_start_matches("- ").split_once(':')?;
    let key = key.trim();
    (!key.is_empty() && !key.contains([' ', '"', '\'', '{', '['])).then_some(key)
}

/// A line of the block that starts at `line` indented less than the block,
/// with the block's fields going on after it: the reader ends the block
/// there and reports a later field missing. Its slip and line.
fn dedented(text: &str, missing: &str, line: u32) -> Option<(Slip, u32)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.checked_sub(1)? as usize;
    let block = indent(lines.get(at)?);
    let mut i = at + 1;
    while i < lines.len() {
        let l = lines[i];
        if idle(l) || indent(l) >= block {
            i += 1;
            continue;
        }
        let out = indent(l);
        // The next line the reader reads: back at the block's indentation, the block
        // resumes — unless the line opens a block of its own, whose lines those are.
        let next = lines[i + 1..].iter().find(|l| !idle(l))?;
        let field = line_key(text, i as u32 + 1)?;
        // Indented with something else than spaces, or the missing field itself: misplaced.
        let lead = &l[..l.len() - l.trim_start().len()];
        if field == missing || lead.chars().any(|c| c != ' ') {
            return None;
        }
        let inline = l
            .split_once(':')
            .is_some_and(|(_, v)| !strip_comment(v.trim()).trim().is_empty());
        return (inline && indent(next) == block).then(|| {
            (
                Slip::Dedented {
                    field: field.to_string(),
                    line: i as u32 + 1,
                    written: out,
                    block,
                    missing: missing.to_string(),
                },
                i as u32 + 1,
            )
        });
    }
    None
}

/// The first line of a block indented deeper than the fields after it
/// (which are still inside the block around it): that line is the slip. Its
/// line, and the column the fields start at.
fn first_too_deep(text: &str, line: u32) -> Option<(u32, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.checked_sub(1)? as usize;
    let first = indent(lines.get(at)?);
    let parent = lines[..at]
        .iter()
        .rev()
        .find(|l| !idle(l) && indent(l) < first)
        .map_or(0, |l| indent(l));
    let next = lines[at + 1..]
        .iter()
        .find(|l| !idle(l) && indent(l) < first)?;
    let n = indent(next);
    (n > parent && line_key(text, line).is_some()).then_some((line, n + 1))
}

/// Where `field` on `line` belongs when it is written at another level than
/// its own: the indentations it has elsewhere in the file (or in `reference`)
/// that the line could reach — an enclosing level it was pushed in from, or
/// the level of the block just above it, out of which it slipped.
fn wrong_level(text: &str, reference: &str, field: &str, line: u32) -> Option<Slip> {
    let lines: Vec<&str> = text.lines().collect();
    let at = line.checked_sub(1)? as usize;
    let written = indent(lines.get(at)?);
    let is_key = |l: &str| {
        l.trim_start()
            .trim_start_matches("- ")
            .strip_prefix(field)
            .is_some_and(|r| r.starts_with(':'))
    };
    let mut levels: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|&(i, l)| i != at && is_key(l))
        .map(|(i, l)| (i, *l))
        .chain(reference.lines().enumerate().filter(|(_, l)| is_key(l)))
        .map(|(_, l)| {
            // A list item's key is written after its dash.
            let body = l.trim_start();
            indent(l) + if body.starts_with("- ") { 2 } else { 0 }
        })
        .filter(|&n| n != written)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    let above: Vec<(usize, &str)> = lines[..at]
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, l)| !idle(l))
        .collect();
    // The enclosing keys, innermost first: each line above less indented than the last.
    let mut enclosing = Vec::new();
    let mut limit = written;
    for &(i, l) in above.iter().rev() {
        if indent(l) < limit {
            limit = indent(l);
            enclosing.push((indent(l), i));
        }
    }
    // Pushed in too far: a level the line is inside of, nearest first.
    let outer = enclosing
        .iter()
        .find(|(n, _)| levels.contains(n))
        .map(|&(n, i)| (n, line_key(text, i as u32 + 1).map(str::to_string)));
    // Not far enough: the block just above is at that level.
    let inner = above.last().and_then(|&(_, l)| {
        let n = indent(l);
        if n <= written || !levels.contains(&n) {
            return None;
        }
        let opener = above
            .iter()
            .rev()
            .find(|(_, o)| indent(o) < n)
            .and_then(|&(j, _)| line_key(text, j as u32 + 1));
        Some((n, opener.map(str::to_string)))
    });
    let (wanted, near) = outer.or(inner)?;
    Some(Slip::WrongLevel {
        field: field.to_string(),
        line,
        written,
        wanted,
        near: if wanted == 0 { None } else { near },
    })
}

/// An amount as it should be written, when it can be read: `10元` -> `10.00`.
fn amount_fix(written: &str) -> Option<String> {
    let plain: String = written
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            // A full stop typed in Chinese is a decimal point: dropping it would move the amount 100×.
            '．' | '。' => Some('.'),
            '0'..='9' | '.' => Some(c),
            _ => None,
        })
        .collect();
    let v: rust_decimal::Decimal = plain.parse().ok()?;
    Some(format!("{:.2}", v.round_dp(2)))
}

/// The closest of some names to a misspelt one.
fn closest(name: &str, names: &[&str]) -> Option<String> {
    names
        .iter()
        .map(|n| (strsim::normalized_levenshtein(name, n), *n))
        .filter(|(s, _)| *s >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n.to_string())
}

/// Whether a line (1-based) starts with a full-width space (　) among its indentation.
fn full_width_indent(text: &str, line: u32) -> bool {
    text.lines()
        .nth((line as usize).saturating_sub(1))
        .is_some_and(|l| {
            l.chars()
                .take_while(|c| c.is_whitespace())
                .any(|c| c == '\u{3000}')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_as_the_manager_meant_them() {
        assert_eq!(amount_fix("10元").as_deref(), Some("10.00"));
        assert_eq!(amount_fix("¥30").as_deref(), Some("30.00"));
        assert_eq!(amount_fix("１０").as_deref(), Some("10.00"));
        assert_eq!(amount_fix("“12.5”").as_deref(), Some("12.50"));
        assert_eq!(amount_fix("几块"), None);
        assert_eq!(amount_fix("30。00").as_deref(), Some("30.00"));
    }

    #[test]
    fn a_line_moved_left_or_right_is_explained_without_a_panic() {
        // Every fifth line of the bundled policy, two spaces either way: whatever the
        // reader says, the explanation stands on the lines it finds.
        let lines: Vec<&str> = super::super::BUNDLED.lines().collect();
        for i in (0..lines.len()).step_by(5) {
            for shift in [-2i32, 2] {
                let mut moved = lines.clone();
                let line = if shift > 0 {
                    format!("  {}", lines[i])
                } else {
                    lines[i].strip_prefix("  ").unwrap_or(lines[i]).to_string()
                };
                moved[i] = &line;
                let text = moved.join("\n");
                if let Err(e) = crate::located::from_yaml::<super::super::raw::RawPolicy>(&text) {
                    let (slip, pos) = explain(&text, &e, "p.yaml");
                    let _ = slip.text();
                    assert!(pos.is_none_or(|p| p.line as usize <= moved.len()));
                }
            }
        }
    }

    #[test]
    fn an_unclosed_bracket_is_found_on_its_own_line() {
        let text = "a: [x, y\nb: 1\n";
        assert_eq!(scan(text, 2), Some((Slip::Unclosed { open: '[' }, 1, 4)));
        assert_eq!(scan("a: [x,\n   y]\nb: 1\n", 3), None);
        assert_eq!(
            scan("a: \"x\nb: 1\n", 2),
            Some((Slip::Unclosed { open: '"' }, 1, 4))
        );
    }
}
