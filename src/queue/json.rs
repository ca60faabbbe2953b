//! The open platform's refund records as JSON: the objects that
//! `taobao.refunds.receive.get` and `taobao.refund.get` return, inside their
//! response envelope (`{"refunds_receive_get_response": {"refunds": {"refund":
//! [...]}}}`), as an array, or one per line. Nothing is fetched here.

use serde_json::Value;
use std::sync::Arc;

use super::columns::tables;
use super::record::{Raw, from_raws};
use super::table::Cell;
use super::{Notice, QueueError, Read};

/// Reads the records of a JSON text.
pub(super) fn read(text: &str) -> Result<Read, QueueError> {
    let text = text.trim_start_matches('\u{feff}');
    let mut found: Vec<(usize, serde_json::Map<String, Value>)> = Vec::new();
    let mut notices = Vec::new();
    let read_as;
    match serde_json::from_str::<Value>(text) {
        Ok(v) => {
            api_error(&v)?;
            collect(&v, &mut found, 0);
            for (i, f) in found.iter_mut().enumerate() {
                f.0 = i + 1;
            }
            read_as = "JSON（开放平台退款记录）".to_string();
        }
        Err(whole) => {
            // One object per line (JSON Lines), each a refund or an envelope.
            let mut lines = 0;
            for (n, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                lines += 1;
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => {
                        if let Err(e) = api_error(&v) {
                            notices.push(Notice {
                                row: Some(n + 1),
                                column: None,
                                zh: e.to_string().lines().next().unwrap_or("").to_string(),
                                fix: "重新取这一页".into(),
                                skipped: true,
                            });
                            continue;
                        }
                        let before = found.len();
                        collect(&v, &mut found, n + 1);
                        if found.len() == before {
                            notices.push(Notice {
                                row: Some(n + 1),
                                column: None,
                                zh: "这一行不是退款记录（没有 refund_id）".into(),
                                fix: "每行放一条 taobao.refund.get 的退款对象".into(),
                                skipped: true,
                            });
                        }
                    }
                    Err(e) => notices.push(Notice {
                        row: Some(n + 1),
                        column: None,
                        zh: format!("这一行不是完整的 JSON（第{}列：{}）", e.column(), e),
                        fix: "每行一条完整的退款记录；整个文件是一个 JSON 时不要断开".into(),
                        skipped: true,
                    }),
                }
            }
            if lines == 1 || found.is_empty() {
                return Err(QueueError::Json {
                    what: format!(
                        "JSON 读不了：第{}行第{}列 {whole}",
                        whole.line(),
                        whole.column()
                    ),
                    fix: "把开放平台的回复原样存成文件（整个 JSON，或每行一条退款记录）".into(),
                });
            }
            read_as = "JSON Lines（开放平台退款记录，每行一条）".to_string();
        }
    }
    if found.is_empty() {
        return Err(QueueError::Json {
            what: "JSON 里没有退款记录（找不到带 refund_id 的对象）".into(),
            fix: "存 taobao.refunds.receive.get 或 taobao.refund.get 的回复，fields 里要有 refund_id、tid、refund_fee、reason、created、status".into(),
        });
    }
    let t = tables();
    let raws: Vec<Raw> = found
        .into_iter()
        .map(|(row, obj)| {
            let mut pairs = Vec::new();
            for (k, v) in obj {
                // The timeout sits in its own object in newer replies.
                if k == "refund_remind_timeout"
                    && let Some(timeout) = v.get("timeout")
                {
                    pairs.push((Arc::from("timeout"), t.column("timeout"), cell(timeout)));
                }
                let col = t.column(&k);
                pairs.push((Arc::from(k.as_str()), col, cell(&v)));
            }
            (row, pairs)
        })
        .collect();
    Ok(from_raws(raws, &read_as, "条", notices))
}

/// The platform's error reply, refused with its words.
fn api_error(v: &Value) -> Result<(), QueueError> {
    if let Some(e) = v.get("error_response") {
        let s = |k: &str| {
            e.get(k)
                .map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_string))
                .unwrap_or_default()
        };
        return Err(QueueError::Json {
            what: format!(
                "这是开放平台的错误回复（{} {} {}），不是退款记录",
                s("code"),
                s("msg"),
                s("sub_msg")
            )
            .replace("  ", " "),
            fix: "按错误信息处理（如授权过期就重新授权）后再取退款列表".into(),
        });
    }
    Ok(())
}

/// Finds the refund objects in a reply: any object with a `refund_id`, at any depth.
fn collect(v: &Value, out: &mut Vec<(usize, serde_json::Map<String, Value>)>, row: usize) {
    match v {
        Value::Object(m) if m.contains_key("refund_id") => out.push((row, m.clone())),
        Value::Object(m) => m.values().for_each(|x| collect(x, out, row)),
        Value::Array(a) => a.iter().for_each(|x| collect(x, out, row)),
        _ => {}
    }
}

fn cell(v: &Value) -> Cell {
    match v {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Bool(*b),
        Value::Number(n) => Cell::Text(n.to_string()),
        Value::String(s) if s.trim().is_empty() => Cell::Empty,
        Value::String(s) => Cell::Text(s.clone()),
        other => Cell::Text(other.to_string()),
    }
}
