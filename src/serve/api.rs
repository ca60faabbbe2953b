//! The API's handlers: advise (and record), outcomes, the case list, one
//! case, the policy, the journal's figures and the page's vocabulary. Each
//! reads JSON, calls the library and answers JSON; nothing here decides advice.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use chrono::{Local, NaiveDate};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::Arc;

use super::error::ApiError;
use super::{AppState, json_response};
use crate::bilingual::Bilingual;
use crate::case::{CaseInput, Fact, Platform};
use crate::intake::segment::{Segment, Speaker};
use crate::intake::{Intake, MAX_PASTE};
use crate::journal::{NewCase, Outcome};
use crate::mask::Hide;
use crate::money::parse_amount;
use crate::policy::{Payer, Resolution};
use crate::session::{self, SessionError};

type ApiResult = Result<Response, ApiError>;

/// Refuses a call without the server's token, when it has one. Wrong tokens
/// are answered one at a time, each after the policy's wait, so guessing
/// runs at a few tries a second however many connections try.
async fn authorised(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .or_else(|| {
            headers
                .get("x-aftersale-token")
                .and_then(|v| v.to_str().ok())
        });
    match given {
        Some(g) if constant_time_eq(g.trim().as_bytes(), token.as_bytes()) => Ok(()),
        _ => {
            let _turn = state.wrong_token.lock().await;
            tokio::time::sleep(std::time::Duration::from_millis(
                state.limits.wrong_token_ms,
            ))
            .await;
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "token",
                "缺少或错误的令牌：请用启动时打印的网址打开页面（带 ?token=…），或在请求头加 Authorization: Bearer <令牌>",
                "missing or wrong token: open the page from the URL printed at start (with ?token=…), or send Authorization: Bearer <token>",
            ))
        }
    }
}

/// Compares two secrets without stopping at the first difference.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The request's media type, without its parameters (`application/json; charset=utf-8`).
fn media_type(headers: &HeaderMap) -> Option<&str> {
    let v = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    Some(v.split(';').next().unwrap_or("").trim())
}

/// Reads a JSON body: the type must be JSON, the size at most 1 MB, the text valid JSON.
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let is_json = media_type(headers).is_some_and(|m| m.eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_json",
            "只接受 JSON：请加请求头 Content-Type: application/json",
            "only JSON bodies are accepted: send Content-Type: application/json",
        ));
    }
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            ApiError::bad_json(e.body_text())
        }
    })?;
    serde_json::from_slice(&body).map_err(ApiError::bad_json)
}

/// A body over the limit (413).
pub(super) fn too_large() -> ApiError {
    too_large_for(super::MAX_BODY)
}

/// A body over `limit` bytes (413): a paste, or a refund list.
pub(super) fn too_large_for(limit: usize) -> ApiError {
    let zh = if limit == super::MAX_BODY {
        format!(
            "请求太大：最多 {} KB；只粘贴订单信息和聊天记录",
            limit / 1024
        )
    } else {
        format!("文件太大：最多 {} MB；请按天导出退款列表", limit >> 20)
    };
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        zh,
        format!("the request is too large: at most {} KB", limit / 1024),
    )
}

fn ok(value: &serde_json::Value) -> ApiResult {
    Ok(json_response(StatusCode::OK, value))
}

/// `POST /api/advise`.
#[derive(Deserialize)]
struct AdviseRequest {
    #[serde(default)]
    text: String,
    #[serde(default)]
    facts: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    case_id: Option<i64>,
    #[serde(default)]
    agent: Option<String>,
    /// A refund opened from the 退款队列 view, as its list stated it.
    #[serde(default)]
    queue: Option<crate::queue::Refund>,
}

pub(super) async fn advise(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let req: AdviseRequest = json_body(&headers, body)?;
    if req.text.len() > MAX_PASTE {
        return Err(too_large());
    }
    let longest = state.limits.longest_line;
    if req
        .text
        .lines()
        .any(|l| l.len() > longest && l.chars().count() > longest)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "line_too_long",
            format!(
                "粘贴里有一行超过 {longest} 个字，读不过来：请只粘贴订单信息、收货地址和聊天记录，每条消息一行"
            ),
            format!("a line of the paste is longer than {longest} characters"),
        ));
    }
    // Reading and advising run on the blocking pool, a few at a time, so a
    // slow paste never holds the workers that answer other agents.
    let deadline = std::time::Duration::from_secs(state.limits.advise_seconds.max(1));
    let busy = || {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "busy",
            format!(
                "这段粘贴 {} 秒内没有处理完（或同时处理的太多）：请删掉与案例无关的内容后再试",
                deadline.as_secs()
            ),
            format!("the paste was not answered within {} s", deadline.as_secs()),
        )
    };
    let started = tokio::time::Instant::now();
    let permit = tokio::time::timeout(deadline, state.advising.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(ApiError::internal)?;
    // Past the deadline the answer is not wanted: the reader finishes (it
    // cannot be stopped from outside) but records nothing.
    let abandoned = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let work = {
        let state = state.clone();
        let abandoned = abandoned.clone();
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            answer(&state, req, &abandoned)
        })
    };
    let left = deadline.saturating_sub(started.elapsed());
    match tokio::time::timeout(left, work).await {
        Ok(Ok(r)) => r,
        Ok(Err(e)) => Err(ApiError::internal(e)),
        Err(_) => {
            abandoned.store(true, std::sync::atomic::Ordering::SeqCst);
            Err(busy())
        }
    }
}

/// A refund's countdown as the page shows it beside the advice.
fn countdown(
    policy: &crate::policy::Policy,
    refund: &crate::queue::Refund,
    answer: &session::Answer,
    now: chrono::NaiveDateTime,
) -> serde_json::Value {
    let c = crate::queue::clock::clock(policy, refund, Some(answer), now);
    serde_json::json!({
        "left": c.left_words(),
        "what": c.what,
        "due": c.due.map(|d| d.format("%Y-%m-%d %H:%M").to_string()),
        "overdue": c.overdue,
        "minutes_left": c.minutes_left,
        "note": c.note,
    })
}

/// A request the session could not answer, in the agent's words first.
fn unreadable(e: SessionError) -> ApiError {
    ApiError::unreadable(match e {
        SessionError::Case(c) => Bilingual::new(super::agent::case_error(&c), c.to_string()),
        SessionError::Intake(e) => super::agent::intake_error(&e),
    })
}

/// Reads, advises and records one request; on a blocking thread.
fn answer(
    state: &AppState,
    req: AdviseRequest,
    abandoned: &std::sync::atomic::AtomicBool,
) -> ApiResult {
    let flags = flags_of(&req.facts)?;
    if req.text.trim().is_empty() && !flags.has_facts() && req.queue.is_none() {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable",
            "请先粘贴案例（订单信息、收货地址、聊天记录），或给出事实",
            "paste a case (order, address, chat) or give facts first",
        ));
    }
    let live = state.live.current();
    let policy = &live.policy;
    let now = Local::now().naive_local();
    let today = now.date();
    // A refund from the queue: its list's facts (stated, and read from its
    // words) as the queue reads them, counted as of the queue's "now".
    let from_queue = req.queue.as_ref().map(|r| {
        let qnow = state.now();
        let intake = Intake::with_lexicon(live.lexicon.clone());
        let (facts, base) = crate::queue::facts::facts(policy, &intake, r, qnow.date());
        (facts, base, qnow)
    });
    let today = from_queue.as_ref().map_or(today, |(_, _, n)| n.date());
    let (facts, base) = if let Some((f, b, _)) = &from_queue {
        (Some(f.clone()), b.clone())
    } else if req.text.trim().is_empty() {
        (None, CaseInput::default())
    } else {
        let intake = Intake::with_lexicon(live.lexicon.clone());
        session::read_text(policy, &intake, &req.text, "<paste>", today).map_err(unreadable)?
    };
    let mut input = base.clone();
    input.overlay(flags.clone());
    let answer = session::answer(policy, facts, base, flags, today, false).map_err(unreadable)?;
    let mut value = session::draw::json_value(&answer).map_err(ApiError::internal)?;
    if abandoned.load(std::sync::atomic::Ordering::SeqCst) {
        return Err(ApiError::internal("abandoned"));
    }
    let request_facts = serde_json::Value::Object(req.facts);
    let queue_value = req
        .queue
        .as_ref()
        .map(serde_json::to_value)
        .transpose()
        .map_err(ApiError::internal)?;
    // The refund's countdown, beside the advice.
    let clock = match (&req.queue, &from_queue) {
        (Some(r), Some((_, _, qnow))) => Some(countdown(policy, r, &answer, *qnow)),
        _ => None,
    };
    // Stored without the trace; it goes back into the answer afterwards.
    let trace = value.as_object_mut().and_then(|o| o.remove("trace"));
    let advice_text = value.to_string();
    let wb = policy.workbench();
    let queue_paste = req.queue.as_ref().map(crate::queue::facts::paste);
    let record = NewCase {
        handled_at: now,
        agent: req.agent.as_deref(),
        paste: queue_paste.as_deref().unwrap_or(&req.text),
        request_facts: &request_facts,
        input: &input,
        advice: match &answer.outcome {
            session::Outcome::Advice(a) => Some(a),
            _ => None,
        },
        advice_text: &advice_text,
        policy_name: policy.name(),
        policy_hash: policy.hash(),
        hide: Hide {
            name: wb.hide_buyer_name,
            street: wb.hide_street,
        },
        origin: req.queue.as_ref().map(|_| "queue"),
        queue: queue_value.as_ref(),
    };
    let id = match req.case_id {
        Some(id) => {
            state.journal.update(id, &record)?;
            id
        }
        None => state.journal.record(&record)?,
    };
    let line = state.journal.summary(id)?;
    super::agent::rewrite(&mut value, policy);
    if let Some(obj) = value.as_object_mut() {
        if let Some(t) = trace {
            obj.insert("trace".into(), t);
        }
        obj.insert("case_id".into(), id.into());
        if let Some(c) = clock {
            obj.insert("queue_clock".into(), c);
        }
        // The list line, so the page puts the case in 今日案例 without asking for the list.
        obj.insert(
            "summary".into(),
            serde_json::to_value(line).map_err(ApiError::internal)?,
        );
    }
    ok(&value)
}

/// The agent's facts as case input: keys are case-file fields or flags
/// (`free_shipping`, `--free-shipping`), values text, numbers, yes/no or lists.
fn flags_of(facts: &serde_json::Map<String, serde_json::Value>) -> Result<CaseInput, ApiError> {
    use serde_json::Value;
    let mut out = serde_json::Map::new();
    for (key, value) in facts {
        let name = key.trim().trim_start_matches('-').replace('-', "_");
        let Some(fact) = Fact::parse(&name) else {
            let known: Vec<&str> = Fact::ALL.iter().map(|f| f.key()).collect();
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "unknown_fact",
                format!("不认识的事实 `{key}`；可用：{}", known.join(", ")),
                format!("unknown fact `{key}`; known facts: {}", known.join(", ")),
            ));
        };
        let v = match value {
            Value::Null => continue,
            Value::String(s) if s.trim().is_empty() => continue,
            Value::Array(items) => Value::String(
                items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Value::Bool(_) if !fact.is_yes_no() => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_json",
                    format!("「{}」要填文字，不是“是/否”", fact.label()),
                    format!("`{key}` takes text ({}), not true/false", fact.example()),
                ));
            }
            other => other.clone(),
        };
        out.insert(fact.key().to_string(), v);
    }
    serde_json::from_value(Value::Object(out)).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable",
            "有一项信息的值不对：请在「识别结果」里点选或重新填写",
            format!("a fact's value is wrong: {e}"),
        )
    })
}

/// `POST /api/queue?platform=taobao`: the day's refund list as the file's
/// bytes (`Content-Type: application/octet-stream`), read, advised and sorted
/// by what runs out first; the JSON of `aftersale queue --json`. Nothing is
/// recorded until a refund is opened.
pub(super) async fn queue(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    // Not a type a form or a cross-site page may send without asking first.
    let is_file = media_type(&headers) == Some("application/octet-stream");
    if !is_file {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "not_a_file",
            "请用页面上的“选择文件”或把文件拖进来上传退款列表",
            "send the file's bytes with Content-Type: application/octet-stream",
        ));
    }
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large_for(super::MAX_QUEUE_BODY)
        } else {
            ApiError::bad_json(e.body_text())
        }
    })?;
    let platform = match q
        .get("platform")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(p) => Some(Platform::parse(p).ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "bad_platform",
                format!("平台 `{p}` 不对：淘宝或天猫"),
                format!("platform `{p}`: taobao or tmall"),
            )
        })?),
    };
    let work = {
        let state = state.clone();
        tokio::task::spawn_blocking(move || {
            let live = state.live.current();
            let policy = &live.policy;
            let intake = Intake::with_lexicon(live.lexicon.clone());
            crate::queue::run(policy, &intake, &bytes, state.now(), platform)
                .map(|q| crate::queue::draw::page_value(&q))
        })
    };
    match work.await.map_err(ApiError::internal)? {
        Ok(v) => ok(&v),
        Err(e) => {
            let zh = e.message().zh;
            Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "not_a_refund_list",
                match e.fix() {
                    Some(fix) => format!("{zh}。{fix}"),
                    None => zh,
                },
                e.to_string(),
            ))
        }
    }
}

/// `POST /api/cases/{id}/outcome`.
#[derive(Deserialize)]
struct OutcomeRequest {
    outcome: String,
    #[serde(default)]
    amount: Option<serde_json::Value>,
    #[serde(default)]
    note: Option<String>,
}

pub(super) async fn outcome(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let id = case_id(&id)?;
    let req: OutcomeRequest = json_body(&headers, body)?;
    let Some(outcome) = Outcome::parse(&req.outcome) else {
        let known: Vec<&str> = Outcome::ALL.iter().map(|o| o.id()).collect();
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_outcome",
            format!("不认识的结果 `{}`；可用：{}", req.outcome, known.join(", ")),
            format!(
                "unknown outcome `{}`; one of: {}",
                req.outcome,
                known.join(", ")
            ),
        ));
    };
    let amount = match &req.amount {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => {
            let text = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            Some(parse_amount(&text).map_err(|why| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_amount",
                    format!("金额 `{text}` 不对（{why}）：写元，如 \"10.00\""),
                    format!("amount `{text}` is wrong ({why}): give yuan, e.g. \"10.00\""),
                )
            })?)
        }
    };
    let summary = state.journal.set_outcome(
        id,
        outcome,
        amount,
        req.note.as_deref(),
        Local::now().naive_local(),
    )?;
    ok(&serde_json::to_value(summary).map_err(ApiError::internal)?)
}

fn case_id(text: &str) -> Result<i64, ApiError> {
    text.parse().map_err(|_| ApiError::not_found(text))
}

fn date_param(q: &HashMap<String, String>, name: &str) -> Result<Option<NaiveDate>, ApiError> {
    match q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_date",
                    format!("日期 `{s}` 不对：写成 2026-11-20"),
                    format!("date `{s}` is wrong: write 2026-11-20"),
                )
            }),
    }
}

/// `GET /api/cases?date=&q=`.
pub(super) async fn cases(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let day = date_param(&q, "date")?.unwrap_or_else(|| Local::now().date_naive());
    let number = |name: &str| -> Result<Option<i64>, ApiError> {
        match q.get(name).map(|s| s.trim()).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "bad_query",
                    format!("`{name}` 要写整数，不是 `{s}`"),
                    format!("`{name}` takes a whole number, not `{s}`"),
                )
            }),
        }
    };
    let page = state.limits.list_page.max(1);
    let limit = number("limit")?.map_or(page, |n| (n.max(1) as usize).min(page * 20));
    let list = state.journal.list(
        day,
        q.get("q").map(String::as_str),
        number("before")?,
        limit,
    )?;
    ok(
        &serde_json::json!({ "date": day, "cases": list.cases, "total": list.total, "more": list.more }),
    )
}

/// `GET /api/cases/{id}`.
pub(super) async fn case(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let stored = state.journal.get(case_id(&id)?)?;
    let mut value = serde_json::to_value(stored).map_err(ApiError::internal)?;
    if let Some(advice) = value.get_mut("advice") {
        super::agent::rewrite(advice, &state.live.current().policy);
    }
    ok(&value)
}

/// `GET /api/policy`.
pub(super) async fn policy(State(state): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    authorised(&state, &headers).await?;
    let live = state.live.current();
    ok(&serde_json::json!({
        "name": live.policy.name(),
        "hash": live.policy.hash(),
        "path": state.live.path().map(|p| p.display().to_string()),
        "loaded_at": live.loaded_at,
        "check": live.check,
        "reload_error": state.live.reload_error(),
        "pending": state.live.pending().map(|p| serde_json::json!({
            "hash": p.loaded.policy.hash(),
            "loaded_at": p.loaded.loaded_at,
            "impact": p.impact,
            "check": p.loaded.check,
        })),
        "last_impact": state.live.last_impact(),
    }))
}

/// The body of `POST /api/policy/confirm`: the hash of the edit the manager saw.
#[derive(serde::Deserialize)]
struct Confirm {
    hash: String,
}

/// `POST /api/policy/confirm` `{"hash": "…"}`: the waiting edit goes live.
pub(super) async fn confirm_policy(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let c: Confirm = json_body(&headers, body)?;
    if state.live.confirm(&c.hash) {
        ok(&serde_json::json!({"confirmed": true, "hash": c.hash}))
    } else {
        Err(ApiError::new(
            StatusCode::CONFLICT,
            "no_such_edit",
            "没有等待确认的这一版策略（可能文件又改了，请刷新页面再看）",
            "no edit with this hash is waiting for confirmation; reload the page",
        ))
    }
}

/// `GET /api/stats?from=&to=`.
pub(super) async fn stats(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> ApiResult {
    authorised(&state, &headers).await?;
    let to = date_param(&q, "to")?.unwrap_or_else(|| Local::now().date_naive());
    let from = date_param(&q, "from")?.unwrap_or(to - chrono::Days::new(29));
    let stats = state.journal.stats(from, to)?;
    ok(&serde_json::to_value(stats).map_err(ApiError::internal)?)
}

/// `GET /api/vocab`: every fact with its label, kind and choices, and the labels of answers.
pub(super) async fn vocab(State(state): State<Arc<AppState>>, headers: HeaderMap) -> ApiResult {
    authorised(&state, &headers).await?;
    ok(&vocab_json())
}

fn vocab_json() -> serde_json::Value {
    use serde_json::json;
    let facts: Vec<serde_json::Value> = Fact::ALL
        .iter()
        .map(|&f| {
            let mut v =
                json!({"key": f.key(), "name": f.name(), "label": f.label(), "kind": f.kind()});
            let choices = f.choices();
            if !choices.is_empty() {
                v["choices"] = json!(
                    choices
                        .into_iter()
                        .map(|(id, label)| json!({"id": id, "label": label}))
                        .collect::<Vec<_>>()
                );
            }
            v
        })
        .collect();
    let map = |pairs: Vec<(&str, &str)>| {
        serde_json::Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), json!(v)))
                .collect(),
        )
    };
    json!({
        "facts": facts,
        "resolutions": map(Resolution::ALL.iter().map(|r| (r.id(), r.label())).collect()),
        "payers": map(Payer::ALL.iter().map(|p| (p.id(), p.label())).collect()),
        "outcomes": Outcome::ALL.iter().map(|o| json!({"id": o.id(), "label": o.label()})).collect::<Vec<_>>(),
        "segments": map([Segment::Form, Segment::Refund, Segment::Chat, Segment::Note]
            .iter().map(|s| (segment_id(*s), s.label())).collect()),
        "speakers": map([Speaker::Buyer, Speaker::Shop].iter().map(|s| (speaker_id(*s), s.label())).collect()),
    })
}

/// A segment's JSON name, as the advice's `facts` give it.
fn segment_id(s: Segment) -> &'static str {
    match s {
        Segment::Form => "form",
        Segment::Refund => "refund",
        Segment::Chat => "chat",
        Segment::Note => "note",
    }
}

/// A speaker's JSON name, as the advice's `facts` give it.
fn speaker_id(s: Speaker) -> &'static str {
    match s {
        Speaker::Buyer => "buyer",
        Speaker::Shop => "shop",
    }
}
