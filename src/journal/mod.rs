//! The case journal: every case the workbench answered, with its facts, its
//! advice and what was agreed, in one SQLite file (bundled SQLite, WAL mode,
//! owner-only permissions). The schema is versioned and migrated on open.
//! Replay reads the recorded facts back as a case log.

mod stats;

use chrono::{NaiveDate, NaiveDateTime};
use regex::Regex;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use crate::advice::Advice;
use crate::case::CaseInput;
use crate::mask::{self, Hide, Scrub};
use crate::money::{Money, parse_amount};
use crate::policy::Resolution;
pub use stats::{Group, JournalStats, MoneyTotals};

/// The schema, one step per version; `PRAGMA user_version` says how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: the cases, one row per case the page or the API answered.
    "CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        handled_at TEXT NOT NULL,
        day TEXT NOT NULL,
        agent TEXT,
        order_no TEXT,
        buyer TEXT,
        summary TEXT NOT NULL,
        paste TEXT NOT NULL,
        request_facts TEXT NOT NULL,
        input TEXT NOT NULL,
        advice TEXT NOT NULL,
        resolution TEXT,
        offer_open TEXT,
        offer_max TEXT,
        region_group TEXT,
        defect TEXT,
        escalate INTEGER NOT NULL DEFAULT 0,
        policy_name TEXT NOT NULL,
        policy_hash TEXT NOT NULL,
        outcome TEXT,
        amount TEXT,
        note TEXT,
        outcome_at TEXT
    );
    CREATE INDEX cases_day ON cases(day);",
    // 2: an amount is money agreed only for an agreement. Before, the page filled
    // in the opening offer and kept it on any outcome: such amounts are marked
    // uncertain (a refusal or escalation with an amount, or an agreement at
    // exactly the opening offer) and left out of every 达成 figure.
    "ALTER TABLE cases ADD COLUMN amount_uncertain INTEGER NOT NULL DEFAULT 0;
    UPDATE cases SET amount_uncertain = 1 WHERE amount IS NOT NULL
       AND (outcome IS NULL OR outcome NOT IN ('accepted', 'exchanged', 'refunded') OR amount = offer_open);",
    // 3: where a case came from: NULL a paste, 'queue' a refund opened from the
    // day's refund list, with the refund as the list stated it (JSON) to advise again.
    "ALTER TABLE cases ADD COLUMN origin TEXT;
    ALTER TABLE cases ADD COLUMN queue TEXT;",
];

/// Why the journal could not be used.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// SQLite refused.
    #[error("案例记录出错 / journal error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The file or its folder could not be made.
    #[error("无法创建案例记录 `{path}` / cannot create the journal: {source}")]
    Create {
        /// The journal's path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Written by a newer version of this program.
    #[error(
        "案例记录 `{path}` 来自更新的版本（结构 {found}，本程序认识到 {known}）/ the journal was written by a newer aftersale (schema {found}, this one knows {known})\n  = help: 升级 aftersale，或用 --journal 指定另一个文件"
    )]
    TooNew {
        /// The journal's path.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest this program knows.
        known: i64,
    },
    /// No case with that number.
    #[error("没有编号为 {0} 的案例 / no case {0}")]
    NotFound(i64),
    /// An amount given with an outcome that agrees no money.
    #[error(
        "“{0}”不是达成协议，不记金额 / an amount is recorded only with an agreement (accepted, exchanged, refunded)"
    )]
    AmountWithoutAgreement(&'static str),
    /// A stored row could not be read back.
    #[error("案例 {id} 的记录已损坏 / case {id} is damaged: {why}")]
    Damaged {
        /// The case.
        id: i64,
        /// What was wrong.
        why: String,
    },
}

/// What finally happened with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The buyer accepted the offer.
    Accepted,
    /// The buyer refused.
    Refused,
    /// Handed to a supervisor.
    Escalated,
    /// The goods came back and were refunded.
    Returned,
    /// Exchanged.
    Exchanged,
    /// Refunded.
    Refunded,
    /// Something else.
    Other,
}

impl Outcome {
    /// Every outcome, in the page's order.
    pub const ALL: [Outcome; 7] = [
        Outcome::Accepted,
        Outcome::Refused,
        Outcome::Escalated,
        Outcome::Returned,
        Outcome::Exchanged,
        Outcome::Refunded,
        Outcome::Other,
    ];

    /// The stored and API name.
    pub fn id(self) -> &'static str {
        match self {
            Outcome::Accepted => "accepted",
            Outcome::Refused => "refused",
            Outcome::Escalated => "escalated",
            Outcome::Returned => "returned",
            Outcome::Exchanged => "exchanged",
            Outcome::Refunded => "refunded",
            Outcome::Other => "other",
        }
    }

    /// The button's words.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Accepted => "买家接受",
            Outcome::Refused => "买家拒绝",
            Outcome::Escalated => "已上报",
            Outcome::Returned => "已退货",
            Outcome::Exchanged => "已换货",
            Outcome::Refunded => "已退款",
            Outcome::Other => "其他",
        }
    }

    /// Whether the buyer and the shop agreed on money: only these carry an amount.
    pub fn is_agreement(self) -> bool {
        matches!(
            self,
            Outcome::Accepted | Outcome::Exchanged | Outcome::Refunded
        )
    }

    /// The outcome a name (English or the button's Chinese) stands for.
    pub fn parse(s: &str) -> Option<Outcome> {
        let s = s.trim();
        Outcome::ALL
            .into_iter()
            .find(|o| o.id() == s || o.label() == s)
    }
}

/// A case to record: what the page sent and what was answered.
#[derive(Debug, Clone)]
pub struct NewCase<'a> {
    /// When it was handled (local time).
    pub handled_at: NaiveDateTime,
    /// The agent's name, if set on the page.
    pub agent: Option<&'a str>,
    /// The paste as given (phone numbers are masked before storing, here and in every JSON column).
    pub paste: &'a str,
    /// The facts the agent set, as JSON.
    pub request_facts: &'a serde_json::Value,
    /// The case input the advice was made from (stored as a case-log row).
    pub input: &'a CaseInput,
    /// The advice, when the answer is one (none for a per-region table or a
    /// missing fact): the columns the case list filters on are taken from it.
    pub advice: Option<&'a Advice>,
    /// The same answer as stored: serialised, without its rule-by-rule trace
    /// (which `explain` gives again, and which is most of its size).
    pub advice_text: &'a str,
    /// The policy's name.
    pub policy_name: &'a str,
    /// The policy's hash.
    pub policy_hash: &'a str,
    /// What of the buyer the stored case hides besides phone numbers.
    pub hide: Hide,
    /// Where the case came from: `None` a paste, `Some("queue")` the refund queue.
    pub origin: Option<&'a str>,
    /// The refund as the queue's list stated it, for a case from the queue.
    pub queue: Option<&'a serde_json::Value>,
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The case number.
    pub id: i64,
    /// When it was handled.
    pub handled_at: String,
    /// Who handled it.
    pub agent: Option<String>,
    /// The order number, when the paste has one.
    pub order_no: Option<String>,
    /// The buyer's name or nickname, when the paste has one.
    pub buyer: Option<String>,
    /// The buyer's first words, or the paste's first line.
    pub summary: String,
    /// The advised resolution.
    pub resolution: Option<String>,
    /// The advised opening offer.
    pub offer_open: Option<String>,
    /// The advised ceiling.
    pub offer_max: Option<String>,
    /// The buyer's region group.
    pub region_group: Option<String>,
    /// The defect.
    pub defect: Option<String>,
    /// What happened.
    pub outcome: Option<String>,
    /// The money finally agreed (only with an agreement).
    pub amount: Option<String>,
    /// The agent's note on the outcome.
    pub note: Option<String>,
    /// The amount was recorded before outcomes were told apart and may be the
    /// pre-filled opening offer: it counts in no 达成 figure.
    pub amount_uncertain: bool,
    /// Where the case came from: absent for a paste, `queue` for the refund queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// One case in full.
#[derive(Debug, Clone, Serialize)]
pub struct Stored {
    /// Its list line.
    #[serde(flatten)]
    pub summary: Summary,
    /// The paste, phones masked.
    pub paste: String,
    /// The facts the agent set.
    pub facts: serde_json::Value,
    /// The case input replay reads.
    pub input: serde_json::Value,
    /// The answer as given.
    pub advice: serde_json::Value,
    /// The policy's name and hash.
    pub policy_name: String,
    /// The policy's hash.
    pub policy_hash: String,
    /// The refund as the queue's list stated it, for a case from the queue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<serde_json::Value>,
}

/// A recorded case as a replay row: its case input, and what was agreed.
#[derive(Debug, Clone)]
pub struct ReplayRow {
    /// The case number.
    pub id: i64,
    /// The case input as a case-log JSON line (the handling day as the request date).
    pub line: String,
    /// The outcome, if recorded.
    pub outcome: Option<Outcome>,
    /// The money agreed, if recorded.
    pub amount: Option<Decimal>,
}

/// The journal: one SQLite connection behind a lock (writes are short).
pub struct Journal {
    conn: Mutex<Connection>,
    /// A second connection that copies the WAL into the file, off the writers' path.
    checkpointer: Mutex<Option<Connection>>,
    path: PathBuf,
}

const SUMMARY_COLUMNS: &str = "id, handled_at, agent, order_no, buyer, summary, resolution, offer_open, offer_max, region_group, defect, outcome, amount, note, amount_uncertain, origin";
/// How many columns [`SUMMARY_COLUMNS`] names: the next column's index.
const AFTER_SUMMARY: usize = 16;

/// A page of the case list: the cases and how many the day (or search) has in all.
#[derive(Debug, Clone, Serialize)]
pub struct ListPage {
    /// The cases, newest first.
    pub cases: Vec<Summary>,
    /// How many match in all.
    pub total: u64,
    /// Whether older ones follow.
    pub more: bool,
}

impl Journal {
    /// Opens (or creates, owner-only) the journal at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Journal, JournalError> {
        let create = |source| JournalError::Create {
            path: path.to_path_buf(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            let mut builder = std::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
            builder.create(dir).map_err(create)?;
        }
        // Made owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(path).map_err(create)?;
        owner_only(path).map_err(create)?;
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Writers never stop to checkpoint (an fsync that stalls every request
        // behind it); [`Journal::checkpoint`] does it on its own connection.
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A deleted case's text is overwritten, not left in free pages.
        conn.pragma_update(None, "secure_delete", "ON")?;
        migrate(&conn, path)?;
        // SQLite made the side files with the journal's mode; an older journal's may be wider.
        for side in ["-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(side);
            let p = PathBuf::from(p);
            if p.exists() {
                owner_only(&p).map_err(create)?;
            }
        }
        Ok(Journal {
            conn: Mutex::new(conn),
            checkpointer: Mutex::new(None),
            path: path.to_path_buf(),
        })
    }

    /// Copies what the WAL holds into the journal file without blocking writers;
    /// the server calls it every second or so.
    pub fn checkpoint(&self) -> Result<(), JournalError> {
        let mut c = self.checkpointer.lock().unwrap_or_else(|p| p.into_inner());
        if c.is_none() {
            let conn = Connection::open(&self.path)?;
            conn.busy_timeout(std::time::Duration::from_secs(5))?;
            *c = Some(conn);
        }
        if let Some(conn) = c.as_ref() {
            conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        }
        Ok(())
    }

    /// The file it lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves the connection usable: SQLite rolls back.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Records a new case; its number.
    pub fn record(&self, case: &NewCase) -> Result<i64, JournalError> {
        let row = Row::of(case);
        let conn = self.conn();
        let head: [&dyn rusqlite::ToSql; 2] = [&row.handled_at, &row.day];
        conn.prepare_cached(
            "INSERT INTO cases (handled_at, day, agent, order_no, buyer, summary, paste, request_facts, input, advice,
                resolution, offer_open, offer_max, region_group, defect, escalate, policy_name, policy_hash, origin, queue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        )?
        .execute(rusqlite::params_from_iter(
            head.into_iter()
                .chain(row.columns())
                .chain([&row.origin as &dyn rusqlite::ToSql, &row.queue]),
        ))?;
        Ok(conn.last_insert_rowid())
    }

    /// Replaces a case's facts and advice after the agent changed a fact; its outcome stays.
    pub fn update(&self, id: i64, case: &NewCase) -> Result<(), JournalError> {
        let row = Row::of(case);
        let head: [&dyn rusqlite::ToSql; 1] = [&id];
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE cases SET agent = COALESCE(?2, agent), order_no = ?3, buyer = ?4, summary = ?5, paste = ?6,
                    request_facts = ?7, input = ?8, advice = ?9, resolution = ?10, offer_open = ?11, offer_max = ?12,
                    region_group = ?13, defect = ?14, escalate = ?15, policy_name = ?16, policy_hash = ?17,
                    origin = COALESCE(?18, origin), queue = COALESCE(?19, queue)
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params_from_iter(
                head.into_iter()
                    .chain(row.columns())
                    .chain([&row.origin as &dyn rusqlite::ToSql, &row.queue]),
            ))?;
        if changed == 0 {
            return Err(JournalError::NotFound(id));
        }
        Ok(())
    }

    /// Records what happened; the case's list line.
    pub fn set_outcome(
        &self,
        id: i64,
        outcome: Outcome,
        amount: Option<Decimal>,
        note: Option<&str>,
        at: NaiveDateTime,
    ) -> Result<Summary, JournalError> {
        if amount.is_some() && !outcome.is_agreement() {
            return Err(JournalError::AmountWithoutAgreement(outcome.label()));
        }
        let amount = amount.map(|a| Money::new(a).to_string());
        let note = note.filter(|n| !n.trim().is_empty()).map(mask::phones);
        let changed = self
            .conn()
            .prepare_cached(
                "UPDATE cases SET outcome = ?2, amount = ?3, note = ?4, outcome_at = ?5, amount_uncertain = 0 WHERE id = ?1",
            )?
            .execute(params![id, outcome.id(), amount, note, stamp(at)])?;
        if changed == 0 {
            return Err(JournalError::NotFound(id));
        }
        self.summary(id)
    }

    /// A case's list line.
    pub fn summary(&self, id: i64) -> Result<Summary, JournalError> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM cases WHERE id = ?1"
            ))?
            .query_row([id], summary_of)
            .optional()?
            .ok_or(JournalError::NotFound(id))
    }

    /// A case in full.
    pub fn get(&self, id: i64) -> Result<Stored, JournalError> {
        let conn = self.conn();
        let found = conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, paste, request_facts, input, advice, policy_name, policy_hash, queue FROM cases WHERE id = ?1"
            ))?
            .query_row([id], |r| {
                let n = AFTER_SUMMARY;
                Ok((
                    summary_of(r)?,
                    r.get::<_, String>(n)?,
                    r.get::<_, String>(n + 1)?,
                    r.get::<_, String>(n + 2)?,
                    r.get::<_, String>(n + 3)?,
                    r.get::<_, String>(n + 4)?,
                    r.get::<_, String>(n + 5)?,
                    r.get::<_, Option<String>>(n + 6)?,
                ))
            })
            .optional()?;
        let Some((summary, paste, facts, input, advice, policy_name, policy_hash, queue)) = found
        else {
            return Err(JournalError::NotFound(id));
        };
        let json = |what: &str, text: &str| {
            serde_json::from_str(text).map_err(|e| JournalError::Damaged {
                id,
                why: format!("{what}: {e}"),
            })
        };
        Ok(Stored {
            summary,
            paste,
            facts: json("facts", &facts)?,
            input: json("input", &input)?,
            advice: json("advice", &advice)?,
            policy_name,
            policy_hash,
            queue: queue.as_deref().map(|q| json("queue", q)).transpose()?,
        })
    }

    /// The cases handled on `day`, newest first, those matching `query` (order
    /// number, buyer or any words of the paste) when one is given: at most
    /// `limit` of them, older than case `before` when it is given.
    pub fn list(
        &self,
        day: NaiveDate,
        query: Option<&str>,
        before: Option<i64>,
        limit: usize,
    ) -> Result<ListPage, JournalError> {
        let day = day_text(day);
        let conn = self.conn();
        let like = query.map(str::trim).filter(|q| !q.is_empty()).map(|q| {
            format!(
                "%{}%",
                q.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        let matching = "day = ?1 AND (?2 IS NULL OR order_no LIKE ?2 ESCAPE '\\'
            OR buyer LIKE ?2 ESCAPE '\\' OR paste LIKE ?2 ESCAPE '\\' OR agent LIKE ?2 ESCAPE '\\')";
        let total: u64 =
            conn.prepare_cached(&format!("SELECT COUNT(*) FROM cases WHERE {matching}"))?
                .query_row(params![&day, &like], |r| r.get::<_, i64>(0))? as u64;
        // One more than asked says whether more follow.
        let mut cases = conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM cases WHERE {matching} AND id < ?3 ORDER BY id DESC LIMIT ?4"
            ))?
            .query_map(
                params![&day, &like, before.unwrap_or(i64::MAX), limit as i64 + 1],
                summary_of,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let more = cases.len() > limit;
        cases.truncate(limit);
        Ok(ListPage { cases, total, more })
    }

    /// Every case handled from `from` to `to` (both included), oldest first,
    /// each with whether its advice sent it to a supervisor.
    pub fn between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Summary, bool)>, JournalError> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS}, escalate FROM cases WHERE day >= ?1 AND day <= ?2 ORDER BY id"
            ))?
            .query_map(params![day_text(from), day_text(to)], |r| {
                Ok((summary_of(r)?, r.get::<_, bool>(AFTER_SUMMARY)?))
            })?
            .collect::<Result<Vec<_>, _>>()
            .map_err(Into::into)
    }

    /// The figures the manager's page shows for `from` to `to`.
    pub fn stats(&self, from: NaiveDate, to: NaiveDate) -> Result<JournalStats, JournalError> {
        Ok(stats::compute(from, to, &self.between(from, to)?))
    }

    /// Every case as a replay row, oldest first.
    pub fn replay_rows(&self) -> Result<Vec<ReplayRow>, JournalError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, day, input, outcome, amount, amount_uncertain FROM cases ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, bool>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, day, input, outcome, amount, uncertain) = row?;
            let mut value: serde_json::Value =
                serde_json::from_str(&input).map_err(|e| JournalError::Damaged {
                    id,
                    why: format!("input: {e}"),
                })?;
            // The case is replayed as of the day it was handled, not today.
            if let Some(obj) = value.as_object_mut() {
                obj.entry("requested")
                    .or_insert(serde_json::Value::String(day));
            }
            let outcome = outcome.as_deref().and_then(Outcome::parse);
            // Only money an agreement recorded for certain was agreed.
            let agreed = outcome.is_some_and(Outcome::is_agreement) && !uncertain;
            out.push(ReplayRow {
                id,
                line: value.to_string(),
                outcome,
                amount: amount
                    .as_deref()
                    .filter(|_| agreed)
                    .and_then(|a| parse_amount(a).ok()),
            });
        }
        Ok(out)
    }

    /// Writes every case as CSV: one row per case, the list columns, the
    /// paste, and last the case as advised (`case`, a case-log JSON line),
    /// so `aftersale replay` reads the export back.
    pub fn export_csv(&self, out: impl std::io::Write) -> Result<u64, JournalError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, handled_at, agent, order_no, buyer, summary, resolution, offer_open, offer_max, region_group,
                defect, outcome, CASE WHEN amount_uncertain THEN NULL ELSE amount END, note, paste, policy_name, policy_hash,
                input
             FROM cases ORDER BY id",
        )?;
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| JournalError::Create {
            path: PathBuf::from("-"),
            source: e.into(),
        };
        w.write_record([
            "id",
            "handled_at",
            "agent",
            "order_no",
            "buyer",
            "summary",
            "resolution",
            "offer_open",
            "offer_max",
            "region_group",
            "defect",
            "outcome",
            "amount",
            "note",
            "paste",
            "policy_name",
            "policy_hash",
            "case",
        ])
        .map_err(io)?;
        let mut n = 0;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let mut rec: Vec<String> = Vec::with_capacity(18);
            rec.push(r.get::<_, i64>(0)?.to_string());
            for i in 1..18 {
                let cell = r.get::<_, Option<String>>(i)?.unwrap_or_default();
                rec.push(inert_cell(cell));
            }
            w.write_record(&rec).map_err(io)?;
            n += 1;
        }
        w.flush().map_err(|e| JournalError::Create {
            path: PathBuf::from("-"),
            source: e,
        })?;
        Ok(n)
    }

    /// Deletes the cases handled before `day`; how many went. Their text is
    /// gone from disk afterwards: the file is rebuilt and the WAL emptied.
    pub fn purge_before(&self, day: NaiveDate) -> Result<usize, JournalError> {
        let conn = self.conn();
        let n = conn.execute("DELETE FROM cases WHERE day < ?1", [day_text(day)])?;
        if n > 0 {
            conn.execute_batch("VACUUM")?;
        }
        // VACUUM in WAL mode writes the rebuilt file to the WAL; copying it back
        // and truncating the WAL leaves no deleted page in either file.
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(n)
    }

    /// Deletes the cases older than `keep_days` days before `today` (none when
    /// `keep_days` is 0); how many went.
    pub fn keep_days(&self, keep_days: u32, today: NaiveDate) -> Result<usize, JournalError> {
        if keep_days == 0 {
            return Ok(0);
        }
        let first = today - chrono::Days::new(u64::from(keep_days));
        let conn = self.conn();
        let old: bool = conn
            .prepare("SELECT EXISTS (SELECT 1 FROM cases WHERE day < ?1)")?
            .query_row([day_text(first)], |r| r.get(0))?;
        drop(conn);
        // A start with nothing to delete does not rebuild the file.
        if old { self.purge_before(first) } else { Ok(0) }
    }
}

/// Makes a journal file owner-only (0600), whatever it was made with.
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
        if mode != 0o600 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Makes the journal's folder owner-only (0700), whatever it was made with.
/// Only for the folder the program owns (the default one): a folder the user
/// named may hold other things and is theirs to set.
pub fn owner_only_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir)?.permissions().mode() & 0o777;
        if mode != 0o700 {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// A CSV cell a spreadsheet will not run: one that starts as a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return) is led by `'`.
fn inert_cell(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// Runs the migrations the file has not had yet.
fn migrate(conn: &Connection, path: &Path) -> Result<(), JournalError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(JournalError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known,
        });
    }
    for (i, step) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(step)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

fn summary_of(r: &rusqlite::Row) -> rusqlite::Result<Summary> {
    Ok(Summary {
        id: r.get(0)?,
        handled_at: r.get(1)?,
        agent: r.get(2)?,
        order_no: r.get(3)?,
        buyer: r.get(4)?,
        summary: r.get(5)?,
        resolution: r.get(6)?,
        offer_open: r.get(7)?,
        offer_max: r.get(8)?,
        region_group: r.get(9)?,
        defect: r.get(10)?,
        outcome: r.get(11)?,
        amount: r.get(12)?,
        note: r.get(13)?,
        amount_uncertain: r.get(14)?,
        origin: r.get(15)?,
    })
}

/// A day as the `day` column holds it.
fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn stamp(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The columns a case is stored as, phones masked, for recording and updating alike.
struct Row {
    handled_at: String,
    day: String,
    agent: Option<String>,
    order_no: Option<String>,
    buyer: Option<String>,
    summary: String,
    paste: String,
    request_facts: String,
    input: String,
    advice: String,
    resolution: Option<String>,
    offer_open: Option<String>,
    offer_max: Option<String>,
    region_group: Option<String>,
    defect: Option<String>,
    escalate: bool,
    policy_name: String,
    policy_hash: String,
    origin: Option<String>,
    queue: Option<String>,
}

impl Row {
    fn of(case: &NewCase) -> Row {
        let a = case.advice;
        let scrub = Scrub::of(case.paste, case.hide);
        let paste = scrub.apply(case.paste);
        Row {
            handled_at: stamp(case.handled_at),
            day: day_text(case.handled_at.date()),
            agent: case
                .agent
                .filter(|a| !a.trim().is_empty())
                .map(mask::phones),
            order_no: order_number(&paste),
            buyer: buyer_name(&paste),
            summary: summary_line(&paste),
            request_facts: scrub.apply(&case.request_facts.to_string()),
            input: scrub.apply(&serde_json::Value::Object(case.input.to_json()).to_string()),
            advice: scrub.apply(case.advice_text),
            resolution: a.map(|a| a.resolution.id().to_string()),
            offer_open: a.and_then(|a| a.offer.as_ref()).map(|o| o.open.to_string()),
            offer_max: a.and_then(|a| a.offer.as_ref()).map(|o| o.max.to_string()),
            region_group: a.and_then(|a| a.case_facts.region_group.as_deref().map(str::to_string)),
            defect: a.map(|a| a.case_facts.defect.id().to_string()),
            escalate: a.is_some_and(|a| a.escalate || a.resolution == Resolution::Escalate),
            policy_name: case.policy_name.to_string(),
            policy_hash: case.policy_hash.to_string(),
            origin: case.origin.map(str::to_string),
            queue: case.queue.map(|q| scrub.apply(&q.to_string())),
            paste,
        }
    }

    /// The columns from `agent` to `policy_hash`, in the order both statements name them.
    fn columns(&self) -> [&dyn rusqlite::ToSql; 16] {
        [
            &self.agent,
            &self.order_no,
            &self.buyer,
            &self.summary,
            &self.paste,
            &self.request_facts,
            &self.input,
            &self.advice,
            &self.resolution,
            &self.offer_open,
            &self.offer_max,
            &self.region_group,
            &self.defect,
            &self.escalate,
            &self.policy_name,
            &self.policy_hash,
        ]
    }
}

/// The order number, from an 订单号/订单编号 label.
fn order_number(text: &str) -> Option<String> {
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static ORDER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:订单号|订单编号|訂單號|訂單編號|order)\s*[:：]?\s*([0-9]{6,})")
            .expect("a valid pattern")
    });
    ORDER.captures(text).map(|c| c[1].to_string())
}

/// The buyer's nickname (their account, never their real name), from a labelled line.
fn buyer_name(text: &str) -> Option<String> {
    #[allow(clippy::expect_used, reason = "a fixed pattern; its tests compile it")]
    static BUYER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:买家昵称|买家旺旺|旺旺|会员名|买家账号|買家暱稱|買家帳號)\s*[:：]\s*([^\s,，;；]{1,24})")
            .expect("a valid pattern")
    });
    BUYER.captures(text).map(|c| c[1].to_string())
}

/// The buyer's first words, else the first line, at most 40 characters.
fn summary_line(text: &str) -> String {
    let buyer = text.lines().map(str::trim).find_map(|l| {
        l.strip_prefix("买家：")
            .or_else(|| l.strip_prefix("买家:"))
            .or_else(|| l.strip_prefix("買家："))
    });
    let line = buyer
        .or_else(|| text.lines().map(str::trim).find(|l| !l.is_empty()))
        .unwrap_or("");
    let mut s: String = line.chars().take(40).collect();
    if line.chars().count() > 40 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_migrated_and_a_newer_schema_is_refused() {
        let dir = std::env::temp_dir().join(format!("aftersale-journal-{}", std::process::id()));
        let path = dir.join("j.sqlite3");
        let _ = std::fs::remove_dir_all(&dir);
        let j = Journal::open(&path).expect("a new journal opens");
        let version: i64 = j
            .conn()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("a version");
        assert_eq!(version, MIGRATIONS.len() as i64);
        j.conn()
            .pragma_update(None, "user_version", 99)
            .expect("set a future version");
        drop(j);
        assert!(matches!(
            Journal::open(&path),
            Err(JournalError::TooNew { found: 99, .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_order_number_and_buyer_are_read_from_labels() {
        let t = "订单编号：3921847561203\n买家昵称：tb_小鱼\n买家：鞋头有点脏";
        assert_eq!(order_number(t).as_deref(), Some("3921847561203"));
        assert_eq!(buyer_name(t).as_deref(), Some("tb_小鱼"));
        assert_eq!(summary_line(t), "鞋头有点脏");
    }
}
