//! The command's one error type: every layer's error, the exit code it means,
//! and how it is drawn on standard error.

use aftersale::case::CaseError;
use aftersale::intake::IntakeError;
use aftersale::policy::PolicyError;
use aftersale::regress::RegressError;
use aftersale::render;
use aftersale::replay::ReplayError;
use aftersale::session::SessionError;

/// Exit code for bad input, a bad policy or a missing fact.
pub const BAD_INPUT: u8 = 2;

/// Why a command could not do its work.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The policy could not be used.
    #[error(transparent)]
    Policy(#[from] PolicyError),
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
    /// A file or standard input could not be read, or output could not be written.
    #[error("cannot {what}: {source}")]
    Io {
        /// What was being done.
        what: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Whoever reads the output stopped reading (`| head`): a normal end.
    #[error("output closed")]
    BrokenPipe,
}

impl CliError {
    /// The exit code this error means: 0 for a closed pipe, 2 for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::BrokenPipe => 0,
            _ => BAD_INPUT,
        }
    }

    /// The error as the person at the terminal reads it.
    pub fn draw(&self) -> String {
        match self {
            CliError::Policy(e) | CliError::Serve(aftersale::serve::ServeError::Policy(e)) => {
                render::diagnostics::policy_error(e)
            }
            CliError::Case(e) | CliError::Session(SessionError::Case(e)) => {
                render::diagnostics::case_error(e)
            }
            other => format!("error: {other}"),
        }
    }

    /// An I/O error while doing `what`; a closed pipe is [`CliError::BrokenPipe`].
    pub fn io(what: impl Into<String>, source: std::io::Error) -> CliError {
        if source.kind() == std::io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Io {
                what: what.into(),
                source,
            }
        }
    }
}
