//! A spreadsheet as rows of cells: CSV (UTF-8 with or without a BOM, GBK,
//! UTF-16 as Excel's "Unicode text"), or XLSX / XLS / ODS through `calamine`.

use chrono::{NaiveDate, NaiveDateTime};
use std::io::Cursor;

use super::QueueError;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (a spreadsheet's, not text).
    Number(f64),
    /// A date cell of a spreadsheet.
    Date(NaiveDateTime),
    /// A yes/no cell.
    Bool(bool),
}

impl Cell {
    /// Whether it holds nothing but white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a spreadsheet shows it.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
        }
    }
}

/// A sheet: its rows, each with its number as the spreadsheet shows it (1-based).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The rows, with their numbers.
    pub rows: Vec<(usize, Vec<Cell>)>,
    /// How the file was read, in words (UTF-8, GBK, XLSX 工作表“…”).
    pub read_as: String,
    /// Things said about the whole file (a sheet skipped, an encoding guessed).
    pub notes: Vec<String>,
}

/// The kind of file, from its first bytes (and its name for a CSV).
pub fn is_spreadsheet(bytes: &[u8]) -> bool {
    // XLSX and ODS are zip files; XLS is an OLE compound file.
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Reads a spreadsheet file's first sheet with rows (an empty first sheet is
/// passed over, and said).
pub fn spreadsheet(bytes: &[u8]) -> Result<Sheet, QueueError> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| QueueError::Spreadsheet { why: e.to_string() })?;
    let names = book.sheet_names().to_vec();
    let mut empty: Vec<String> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let Some(Ok(range)) = book.worksheet_range_at(i) else {
            continue;
        };
        let (top, _) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (n, row) in range.rows().enumerate() {
            let cells: Vec<Cell> = row.iter().map(cell_of).collect();
            if cells.iter().any(|c| !c.is_blank()) {
                rows.push((top as usize + n + 1, cells));
            }
        }
        if rows.is_empty() {
            empty.push(name.clone());
            continue;
        }
        let mut notes = Vec::new();
        if !empty.is_empty() {
            notes.push(format!(
                "工作表“{}”是空的，读的是有内容的工作表“{name}”",
                empty.join("”“")
            ));
        }
        return Ok(Sheet {
            rows,
            read_as: format!("表格，工作表“{name}”"),
            notes,
        });
    }
    Err(QueueError::Empty {
        what: if names.len() > 1 {
            format!("表格的 {} 个工作表都是空的", names.len())
        } else {
            "表格是空的（工作表里没有任何内容）".to_string()
        },
    })
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match serial_to_datetime(dt.as_f64()) {
            Some(t) => Cell::Date(t),
            None => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// An Excel date serial number (days since 1899-12-30, the fraction the time
/// of day) as a moment; `None` outside 1990–2100, where no refund falls.
pub fn serial_to_datetime(serial: f64) -> Option<NaiveDateTime> {
    // 32874 is 1990-01-01, 73051 is 2100-01-01.
    if !(32874.0..73051.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_hms_opt(0, 0, 0)?;
    // To the second, rounded: Excel keeps times as fractions of a day.
    let secs = (serial * 86_400.0).round() as i64;
    base.checked_add_signed(chrono::Duration::seconds(secs))
}

/// Decodes a text file: a BOM says UTF-8 or UTF-16; else UTF-8 when it is
/// valid, else GBK (GB 18030). The text and the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str, Vec<usize>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (t, _) = encoding_rs::UTF_8.decode_without_bom_handling(rest);
        return (t.into_owned(), "UTF-8（带 BOM）", Vec::new());
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (t, enc, _) = encoding_rs::UTF_16LE.decode(bytes);
        let name = if enc == encoding_rs::UTF_16BE {
            "UTF-16BE"
        } else {
            "UTF-16（Excel 的 Unicode 文本）"
        };
        return (t.into_owned(), name, Vec::new());
    }
    if let Ok(t) = simdutf8::basic::from_utf8(bytes) {
        return (t.to_string(), "UTF-8", Vec::new());
    }
    let (t, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    // Lines where a byte was no GBK character either (shown as U+FFFD).
    let bad: Vec<usize> = t
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains('\u{fffd}'))
        .map(|(i, _)| i + 1)
        .collect();
    (t.into_owned(), "GBK", bad)
}

/// Reads a CSV (or tab-separated) text into rows; the separator is the one the
/// first line holds most of.
pub fn csv(text: &str, read_as: &str) -> Result<Sheet, QueueError> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.matches('\t').count() > first.matches(',').count() {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Line numbers counted from the records' byte offsets, as an editor shows them.
    let (mut line_no, mut counted) = (1usize, 0usize);
    let bytes = text.as_bytes();
    loop {
        let mut start = (reader.position().byte() as usize).min(bytes.len());
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                return Err(QueueError::Csv {
                    line,
                    why: e.to_string(),
                });
            }
        }
        // Blank lines before the record are skipped by the reader.
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line_no += memchr::memchr_iter(b'\n', &bytes[counted.min(start)..start]).count();
        counted = start;
        let line = line_no;
        let cells: Vec<Cell> = record
            .iter()
            .map(|c| {
                // Excel's ="0123" keeps a number as text; it is the text.
                let c = c
                    .strip_prefix("=\"")
                    .and_then(|c| c.strip_suffix('"'))
                    .unwrap_or(c);
                // A tab some exports put before long numbers so Excel keeps them as text.
                let c = c.trim_start_matches('\t');
                if c.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c.to_string())
                }
            })
            .collect();
        if cells.iter().any(|c| !c.is_blank()) {
            rows.push((line, cells));
        }
    }
    if rows.is_empty() {
        return Err(QueueError::Empty {
            what: "文件是空的（没有任何一行内容）".to_string(),
        });
    }
    Ok(Sheet {
        rows,
        read_as: read_as.to_string(),
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_are_days_from_1899_12_30() {
        let t = serial_to_datetime(46349.5).expect("a date");
        assert_eq!(t.to_string(), "2026-11-23 12:00:00");
        assert_eq!(serial_to_datetime(89.0), None);
    }

    #[test]
    fn gbk_is_read_when_the_bytes_are_no_utf8() {
        let (gbk, _, _) = encoding_rs::GBK.encode("退款编号,买家退款金额\n1,89.00\n");
        let (text, name, bad) = decode(&gbk);
        assert_eq!(name, "GBK");
        assert!(text.starts_with("退款编号"), "{text}");
        assert!(bad.is_empty());
        let (text, name, _) = decode("\u{feff}退款编号".as_bytes());
        assert_eq!((text.as_str(), name), ("退款编号", "UTF-8（带 BOM）"));
    }
}
#[cfg(test)]
mod line_tests {
    #[test]
    fn rows_carry_their_line_numbers() {
        let s = super::csv("a,b\r\n1,2\r\n\r\n3,\"x\ny\"\r\n4,5\r\n", "t").expect("csv");
        let lines: Vec<usize> = s.rows.iter().map(|(n, _)| *n).collect();
        assert_eq!(lines, vec![1, 2, 4, 6]);
    }
}
