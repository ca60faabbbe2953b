//! What the API answers when a request cannot be served: a 4xx or 5xx status
//! and `{"error": {"code", "zh", "en"}}`, Chinese first, never a crash.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::bilingual::Bilingual;

/// A request the API refuses, with the words to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// A short stable code (`bad_json`, `not_found`).
    pub code: &'static str,
    /// What went wrong and what to do, in Chinese.
    pub zh: String,
    /// The same in English.
    pub en: String,
}

impl ApiError {
    /// An error with its status, code and words.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> ApiError {
        ApiError {
            status,
            code,
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Malformed JSON or fields of the wrong type (400).
    pub fn bad_json(why: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_json",
            format!("请求不是有效的 JSON：{why}"),
            format!("the request body is not valid JSON: {why}"),
        )
    }

    /// No such case (404).
    pub fn not_found(id: &str) -> ApiError {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("没有编号为 {id} 的案例"),
            format!("no case {id}"),
        )
    }

    /// A case or paste that cannot be answered (422), in the page's words.
    pub fn unreadable(said: Bilingual) -> ApiError {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "unreadable",
            said.zh,
            said.en,
        )
    }

    /// A server-side failure (500): the journal or serialisation.
    pub fn internal(why: impl std::fmt::Display) -> ApiError {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("服务器出错：{why}"),
            format!("server error: {why}"),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "zh": self.zh, "en": self.en }
        });
        super::json_response(self.status, &body)
    }
}

impl From<crate::journal::JournalError> for ApiError {
    fn from(e: crate::journal::JournalError) -> ApiError {
        match e {
            crate::journal::JournalError::NotFound(id) => ApiError::not_found(&id.to_string()),
            crate::journal::JournalError::AmountWithoutAgreement(label) => ApiError::new(
                axum::http::StatusCode::BAD_REQUEST,
                "amount_without_agreement",
                format!(
                    "“{label}”没有达成金额，不记金额：只有买家接受、已换货、已退款才填最终金额"
                ),
                "an amount is recorded only with an agreement (accepted, exchanged, refunded)",
            ),
            other => ApiError::internal(other),
        }
    }
}
