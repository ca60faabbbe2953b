//! The command's one error type: every layer's error, the exit code it means,
//! and how it is drawn on standard error.

use aftersale::case::CaseError;
use aftersale::intake::IntakeError;
use aftersale::policy::PolicyError;
use aftersale::regress::RegressError;
use aftersale::render;
use aftersale::replay::ReplayError;
use aftersale::session::SessionError;

/// What the process tells whoever ran it; decided here, from a typed error, and
/// nowhere else. The README's table lists the same four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done (advice given, every regression case passed, the policy is valid).
    Done = 0,
    /// 1: a check, regression run or replay ran and found failures.
    Failures = 1,
    /// 2: bad input: a file, flag, paste or policy that cannot be used, or no defect to advise on.
    BadInput = 2,
    /// 3: an internal error: output that cannot be written, the journal's database
    /// or the server's runtime failing, or a bug.
    Internal = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e as u8)
    }
}

/// Why a command could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The policy could not be used.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The policy `check` was asked about has errors: what the check found, not bad input.
    #[error(transparent)]
    Checked(PolicyError),
    /// A case file or a fact is malformed.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// A paste could not be read.
    #[error(transparent)]
    Intake(#[from] IntakeError),
    /// A request could not be answered.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// A replay stopped.
    #[error(transparent)]
    Replay(#[from] ReplayError),
    /// A folder of regression cases could not be run.
    #[error(transparent)]
    Regress(#[from] RegressError),
    /// The workbench could not start.
    #[error(transparent)]
    Serve(#[from] aftersale::serve::ServeError),
    /// The case journal could not be used.
    #[error(transparent)]
    Journal(#[from] aftersale::journal::JournalError),
    /// A refund list could not be read.
    #[error(transparent)]
    Queue(#[from] aftersale::queue::QueueError),
    /// JSON could not be written.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A file or standard input could not be read.
    #[error("cannot {what}: {source}")]
    Read {
        /// What was being read.
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Output could not be written.
    #[error("cannot {what}: {source}")]
    Write {
        /// What was being written.
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Whoever reads the output stopped reading (`| head`): a normal end.
    #[error("output closed")]
    BrokenPipe,
}

impl CliError {
    /// The exit code this error means: a closed pipe is a normal end, what the
    /// user gave is bad input, and what failed on our side is internal.
    pub fn exit(&self) -> Exit {
        use aftersale::journal::JournalError;
        use aftersale::serve::ServeError;
        let journal = |e: &JournalError| match e {
            JournalError::Sqlite(_) | JournalError::Damaged { .. } => Exit::Internal,
            JournalError::Create { .. }
            | JournalError::TooNew { .. }
            | JournalError::NotFound(_)
            | JournalError::AmountWithoutAgreement(_) => Exit::BadInput,
        };
        match self {
            CliError::BrokenPipe => Exit::Done,
            CliError::Checked(_) => Exit::Failures,
            CliError::Json(_) | CliError::Write { .. } => Exit::Internal,
            CliError::Journal(e) | CliError::Serve(ServeError::Journal(e)) => journal(e),
            CliError::Serve(ServeError::Runtime(_)) | CliError::Replay(ReplayError::Worker(_)) => {
                Exit::Internal
            }
            CliError::Serve(
                ServeError::Policy(_)
                | ServeError::NeedsToken(_)
                | ServeError::WeakToken(_)
                | ServeError::Bind { .. },
            )
            | CliError::Policy(_)
            | CliError::Case(_)
            | CliError::Intake(_)
            | CliError::Session(_)
            | CliError::Replay(_)
            | CliError::Regress(_)
            | CliError::Queue(_)
            | CliError::Read { .. } => Exit::BadInput,
        }
    }

    /// The error as the person at the terminal reads it.
    pub fn draw(&self) -> String {
        match self {
            CliError::Policy(e)
            | CliError::Checked(e)
            | CliError::Serve(aftersale::serve::ServeError::Policy(e)) => {
                render::diagnostics::policy_error(e)
            }
            CliError::Case(e) | CliError::Session(SessionError::Case(e)) => {
                render::diagnostics::case_error(e)
            }
            other => format!("error: {other}"),
        }
    }

    /// A read that failed: bad input.
    pub fn read(what: impl Into<String>, source: std::io::Error) -> CliError {
        CliError::Read {
            what: what.into(),
            source,
        }
    }

    /// A write that failed; a closed pipe is [`CliError::BrokenPipe`].
    pub fn write(what: impl Into<String>, source: std::io::Error) -> CliError {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Write {
                what: what.into(),
                source,
            }
        }
    }
}
