//! `aftersale advise` (and `explain`): a paste, a case file or flags in,
//! advice out; on a terminal with nothing given, the agent's paste loop.

use clap::Args;
use std::cell::OnceCell;
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use aftersale::case::{CaseInput, Fact};
use aftersale::engine::EngineError;
use aftersale::intake::{Intake, IntakeError, MAX_PASTE};
use aftersale::policy::Policy;
use aftersale::session::{self, Outcome};

use super::error::{CliError, Exit};
use super::{load_policy, out};

#[derive(Args)]
pub struct AdviseArgs {
    /// A pasted case or a case file (YAML or JSON); `-` reads standard input.
    file: Option<PathBuf>,
    /// The pasted case text itself.
    // A paste may start with `-` (`--- 以下为买家消息 ---`): it is still the paste.
    #[arg(long, allow_hyphen_values = true)]
    text: Option<String>,
    #[command(flatten)]
    facts: CaseInput,
    /// Print the advice as JSON.
    #[arg(long)]
    json: bool,
    /// Also show every rule considered and why.
    #[arg(long)]
    pub explain: bool,
    /// The paste loop (one case after another) even when standard input is not a terminal.
    #[arg(long)]
    interactive: bool,
}

pub fn run(
    policy: Option<&PathBuf>,
    args: AdviseArgs,
    today: chrono::NaiveDate,
) -> Result<Exit, CliError> {
    let edited = policy.is_some();
    let policy = load_policy(policy)?;
    if edited {
        // Advice from a policy of one's own: say, once, how far it is from the bundled one.
        let bundled = Policy::bundled()?;
        if bundled.hash() != policy.hash() {
            let imp = aftersale::impact::compare(
                &bundled,
                &policy,
                "自带策略",
                &aftersale::impact::sample(&[]),
            );
            if imp.any() {
                eprintln!("{}", aftersale::impact::summary(&imp));
            }
        }
    }
    // The paste reader is built once, when a paste comes, and serves the whole loop.
    let reader = OnceCell::new();
    let result = (|| {
        let text = match (&args.text, &args.file) {
            (Some(t), _) => Some(t.clone()),
            (None, Some(p)) => Some(read_input(p)?),
            (None, None) if args.facts.has_facts() => None,
            (None, None) if args.interactive || std::io::stdin().is_terminal() => {
                return interactive(&policy, &reader, &args, today);
            }
            (None, None) => Some(read_input(Path::new("-"))?),
        };
        let name = match &args.file {
            Some(p) if p.as_os_str() != "-" => p.display().to_string(),
            _ => "<stdin>".to_string(),
        };
        once(&policy, &reader, &args, text.as_deref(), &name, today)
    })();
    // The process ends right after: freeing the reader's and the policy's
    // tables one by one would cost each start more than the advice itself.
    std::mem::forget(reader);
    std::mem::forget(policy);
    result
}

/// Reads a paste or case file from a path or `-`, refusing binary and oversized input.
pub fn read_input(path: &Path) -> Result<String, CliError> {
    let mut bytes = Vec::new();
    let limit = MAX_PASTE as u64 + 1;
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| CliError::read(format!("read `{}`", path.display()), e))?;
    if bytes.len() > MAX_PASTE {
        return Err(IntakeError::TooLarge(bytes.len()).into());
    }
    String::from_utf8(bytes).map_err(|_| IntakeError::Binary("it is not valid UTF-8").into())
}

/// Answers one request and prints it; exit 0 with advice (one, or one per
/// region group when the region is missing), 2 when no advice can be given.
fn once(
    policy: &Policy,
    reader: &OnceCell<Intake>,
    args: &AdviseArgs,
    text: Option<&str>,
    name: &str,
    today: chrono::NaiveDate,
) -> Result<Exit, CliError> {
    let (facts, base) = match text {
        Some(t) => session::read_text(
            policy,
            reader.get_or_init(|| Intake::new(&policy.words())),
            t,
            name,
            today,
        )?,
        None => (None, CaseInput::default()),
    };
    let answer = session::answer(policy, facts, base, args.facts.clone(), today, args.explain)?;
    let code = match &answer.outcome {
        Outcome::Advice(_) | Outcome::Branches { .. } => Exit::Done,
        Outcome::Missing(_) => Exit::BadInput,
    };
    if args.json {
        out::line(&session::draw::json(&answer)?)?;
    } else if code == Exit::Done
        || answer.facts.is_some()
        || matches!(answer.outcome, Outcome::Branches { .. })
    {
        out::line(&session::draw::text(&answer))?;
    }
    match &answer.outcome {
        Outcome::Branches {
            missing: EngineError::Missing { fact, .. },
            options,
        } if *fact != Fact::Region => eprintln!(
            "提示 / note: {}不确定，问清后加 {}",
            fact.label(),
            options
                .iter()
                .map(|o| format!("--{} {}（{}）", fact.key(), o.value, o.label))
                .collect::<Vec<_>>()
                .join(" 或 ")
        ),
        Outcome::Branches { missing, .. } => eprintln!("提示 / note: {missing}"),
        Outcome::Missing(e) => eprintln!("error: {e}"),
        Outcome::Advice(_) => {}
    }
    Ok(code)
}

/// What quits the loop, typed alone on a line.
const QUIT: [&str; 4] = ["q", "quit", "exit", "退出"];

/// The agent's loop on a terminal: paste, two empty lines (or Ctrl-D), advice,
/// repeat. One blank line inside a paste (between the order and the chat) is
/// part of it; `q` on its own quits at once.
fn interactive(
    policy: &Policy,
    reader: &OnceCell<Intake>,
    args: &AdviseArgs,
    today: chrono::NaiveDate,
) -> Result<Exit, CliError> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        eprint!(
            "\n请粘贴案例（订单信息、收货地址、商品标题、聊天记录），再按两次回车（或 Ctrl-D）结束；输入 q 回车退出：\n> "
        );
        let _ = std::io::stderr().flush();
        let mut paste = String::new();
        let mut ended = true;
        let mut blanks = 0;
        for line in lines.by_ref() {
            let line = line.map_err(|e| CliError::read("read the paste", e))?;
            if paste.trim().is_empty() && QUIT.contains(&line.trim()) {
                return Ok(Exit::Done);
            }
            if line.trim().is_empty() {
                blanks += 1;
                // Two empty lines in a row end the case; one is part of the paste.
                if blanks >= 2 && !paste.trim().is_empty() {
                    ended = false;
                    break;
                }
            } else {
                blanks = 0;
            }
            paste.push_str(&line);
            paste.push('\n');
        }
        if paste.trim().is_empty() && ended {
            return Ok(Exit::Done);
        }
        match once(policy, reader, args, Some(&paste), "<paste>", today) {
            Err(CliError::BrokenPipe) => return Err(CliError::BrokenPipe),
            Err(e) => eprintln!("{}", e.draw()),
            Ok(_) => {}
        }
        if ended {
            return Ok(Exit::Done);
        }
    }
}
