//! The `aftersale` command: parses arguments, calls the library, prints, and maps
//! the result to an exit code (0 advice given, 1 regression failure, 2 bad input
//! or policy).

use clap::{Args, Parser, Subcommand};
use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use aftersale::case::CaseInput;
use aftersale::intake::{IntakeError, MAX_PASTE};
use aftersale::policy::{Policy, Severity};
use aftersale::replay::{self, Format};
use aftersale::session::{self, Outcome};
use aftersale::snippet::Located;
use aftersale::{regress, render};

/// 售后赔付建议 — tells an after-sale agent what to offer and who pays the shipping.
#[derive(Parser)]
#[command(name = "aftersale", version)]
struct Cli {
    /// Policy file to use instead of the bundled one.
    #[arg(long, global = true, env = "AFTERSALE_POLICY", value_name = "FILE")]
    policy: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Advise on a case: pasted text, a YAML/JSON case file, or flags.
    Advise(Box<AdviseArgs>),
    /// Advise and show every rule considered, each condition, and which rule won.
    Explain(Box<AdviseArgs>),
    /// Print only the facts read from a pasted case, with where each came from.
    Extract {
        /// File holding the paste; `-` reads standard input.
        file: Option<PathBuf>,
        /// The paste itself.
        #[arg(long)]
        text: Option<String>,
        /// Print the facts as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Run regression case files and report ok/FAIL per case.
    Test {
        /// Folders (or files) of case files.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// Also list every rule with how many cases it decided, and the rules no case reaches.
        #[arg(long)]
        coverage: bool,
    },
    /// Replay a log of past cases under the policy (and a baseline) and total the effect.
    Replay {
        /// The case log: JSON Lines (one case per line) or CSV with a header; `-` for stdin.
        cases: PathBuf,
        /// The policy in force until now, to compare against.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print the totals as CSV.
        #[arg(long)]
        csv: bool,
        /// List every changed case, not only the first ones.
        #[arg(long)]
        all: bool,
        /// How many changed cases to list.
        #[arg(long, default_value_t = 20)]
        show: usize,
        /// Stop at the first line that cannot be read.
        #[arg(long)]
        strict: bool,
        /// The log's format (default: by extension, .csv is CSV).
        #[arg(long, value_parser = ["jsonl", "csv"])]
        format: Option<String>,
        /// Worker threads (default: the machine's cores).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Write N realistic generated cases as JSON Lines, for replay and benchmarks.
    GenCases {
        /// How many cases.
        n: u64,
        /// Random seed; the same seed gives the same cases.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Check a policy file and print every error and warning.
    Check {
        /// The policy file (defaults to --policy, then the bundled one).
        file: Option<PathBuf>,
    },
}

#[derive(Args)]
struct AdviseArgs {
    /// A pasted case or a case file (YAML or JSON); `-` reads standard input.
    file: Option<PathBuf>,
    /// The pasted case text itself.
    #[arg(long)]
    text: Option<String>,
    /// 问题类型: 小瑕疵 质量问题 发错货 少件 描述不符 尺码不合适 不喜欢 物流问题 运输破损 使用不当 缺货 延迟发货 拍错 中差评 服务问题
    #[arg(long)]
    defect: Option<String>,
    /// 收货地区: province, short name (新疆, 内蒙, 沪), city or whole address.
    #[arg(long)]
    region: Option<String>,
    /// 商品标题 (promotion tags such as 特价 清仓 秒杀 are read from it).
    #[arg(long)]
    title: Option<String>,
    /// 责任方: shop/商家, buyer/买家, logistics/物流 (inferred from the defect when absent).
    #[arg(long)]
    fault: Option<String>,
    /// 实付金额, in yuan.
    #[arg(long, allow_negative_numbers = true)]
    price: Option<String>,
    /// What the buyer asks for, in yuan.
    #[arg(long, allow_negative_numbers = true)]
    ask: Option<String>,
    /// The shop paid the outbound shipping (包邮).
    #[arg(long)]
    free_shipping: bool,
    /// taobao/淘宝 or tmall/天猫.
    #[arg(long)]
    platform: Option<String>,
    /// unshipped/未发货, in_transit/已发货, signed/已签收, completed/交易成功.
    #[arg(long)]
    stage: Option<String>,
    /// Date the buyer signed for the parcel (2026-11-18).
    #[arg(long)]
    signed: Option<String>,
    /// Date of the buyer's request (default today).
    #[arg(long)]
    requested: Option<String>,
    /// suede/麂皮绒面, pu/PU皮, fabric/布面, slipper/拖鞋, canvas/帆布.
    #[arg(long)]
    material: Option<String>,
    /// return/退货 or exchange/换货, for size and dislike requests.
    #[arg(long)]
    wants: Option<String>,
    /// Resale is affected (tag cut, worn, box damaged).
    #[arg(long)]
    not_resellable: bool,
    /// Perishable food, or food whose seal is opened.
    #[arg(long)]
    perishable: bool,
    /// The buyer's out-of-stock / late-shipment claim is untrue.
    #[arg(long)]
    claim_false: bool,
    /// Print the advice as JSON.
    #[arg(long)]
    json: bool,
    /// Also show every rule considered and why.
    #[arg(long)]
    explain: bool,
}

impl AdviseArgs {
    /// Whether any fact was given as a flag.
    fn has_facts(&self) -> bool {
        let i = self.input();
        [
            &i.defect,
            &i.region,
            &i.title,
            &i.fault,
            &i.price,
            &i.ask,
            &i.platform,
            &i.stage,
            &i.signed,
            &i.material,
            &i.wants,
        ]
        .iter()
        .any(|v| v.is_some())
            || self.free_shipping
            || self.not_resellable
            || self.perishable
            || self.claim_false
    }

    /// The facts given as flags; unset flags leave a case file's values alone.
    fn input(&self) -> CaseInput {
        let s = |v: &Option<String>| v.as_ref().map(|x| Located::flag(x.clone()));
        let b = |v: bool| v.then_some(true);
        CaseInput {
            defect: s(&self.defect),
            region: s(&self.region),
            title: s(&self.title),
            fault: s(&self.fault),
            price: s(&self.price),
            ask: s(&self.ask),
            free_shipping: b(self.free_shipping),
            platform: s(&self.platform),
            stage: s(&self.stage),
            signed: s(&self.signed),
            requested: s(&self.requested),
            material: s(&self.material),
            wants: s(&self.wants),
            not_resellable: b(self.not_resellable),
            perishable: b(self.perishable),
            claim_false: b(self.claim_false),
        }
    }
}

/// Exit code for bad input or a bad policy.
const BAD_INPUT: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Reading a case needs the place and conversion tables; build them on the
    // other core while this one loads the policy.
    if matches!(
        cli.command,
        Command::Advise(_) | Command::Explain(_) | Command::Extract { .. }
    ) {
        std::thread::spawn(aftersale::intake::warm_up);
    }
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            // Policy diagnostics already start with their severity.
            if message.starts_with("error") {
                eprintln!("{message}");
            } else {
                eprintln!("error: {message}");
            }
            ExitCode::from(BAD_INPUT)
        }
    }
}

fn load_policy(path: Option<&PathBuf>) -> Result<Policy, String> {
    let policy = match path {
        Some(p) => Policy::from_path(p),
        None => Policy::bundled(),
    }
    .map_err(|e| e.to_string())?;
    for w in &policy.warnings {
        eprintln!("{w}");
    }
    Ok(policy)
}

/// Shows replay progress on stderr: a bar on a terminal (when the size is
/// known), otherwise a line every tenth of the log or every 250,000 lines.
fn progress_meter(size: Option<u64>) -> impl FnMut(u64, u64) {
    let tty = std::io::stderr().is_terminal();
    let mut shown = 0u64;
    let mut printed = 0u64;
    move |bytes: u64, lines: u64| {
        let step = match size {
            Some(total) if total > 0 => bytes * 100 / total,
            _ => lines / 250_000,
        };
        if step == shown {
            return;
        }
        shown = step;
        match (tty, size) {
            (true, Some(total)) if total > 0 => {
                let pct = (bytes * 100 / total).min(100) as usize;
                eprint!(
                    "\r[{:<40}] {pct:>3}% {lines} cases",
                    "#".repeat(pct * 40 / 100)
                );
            }
            (true, _) => eprint!("\r{lines} cases read"),
            (false, Some(_)) => {
                // A line per tenth, however far one read jumps.
                if step / 10 != printed / 10 {
                    printed = step;
                    eprintln!("replay: {}% ({lines} cases read)", step / 10 * 10);
                }
            }
            (false, None) => eprintln!("replay: {lines} cases read"),
        }
    }
}

/// Ends the progress bar's line on a terminal.
fn progress_done() -> &'static str {
    if std::io::stderr().is_terminal() {
        "\n"
    } else {
        ""
    }
}

/// Reads a paste or case file from a path or `-`, refusing binary and oversized input.
fn read_input(path: &Path) -> Result<String, String> {
    let mut bytes = Vec::new();
    let limit = MAX_PASTE as u64 + 1;
    let read = if path.as_os_str() == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if bytes.len() > MAX_PASTE {
        return Err(IntakeError::TooLarge(bytes.len()).to_string());
    }
    String::from_utf8(bytes).map_err(|_| IntakeError::Binary("it is not valid UTF-8").to_string())
}

/// Answers one request and prints it; exit 0 with advice, 2 when a fact is missing.
fn advise_once(
    policy: &Policy,
    args: &AdviseArgs,
    text: Option<&str>,
    name: &str,
    today: chrono::NaiveDate,
) -> Result<u8, String> {
    let (facts, base) = match text {
        Some(t) if session::is_structured(t) => (
            None,
            CaseInput::from_yaml(t, name).map_err(|e| e.to_string())?,
        ),
        Some(t) => {
            let facts = session::read_paste(policy, t).map_err(|e| e.to_string())?;
            let base = facts.to_input();
            (Some(facts), base)
        }
        None => (None, CaseInput::default()),
    };
    let answer = session::answer(policy, facts, base, args.input(), today, args.explain)
        .map_err(|e| e.to_string())?;
    let code = match &answer.outcome {
        Outcome::Advice(_) => 0,
        _ => 2,
    };
    if args.json {
        println!("{}", render::answer_json(&answer));
    } else if code == 0
        || answer.facts.is_some()
        || matches!(answer.outcome, Outcome::PerRegion { .. })
    {
        println!("{}", render::answer(&answer));
    }
    if let Outcome::PerRegion { missing: e, .. } | Outcome::Missing(e) = &answer.outcome {
        eprintln!("error: {e}");
    }
    Ok(code)
}

/// The agent's loop on a terminal: paste, empty line (or Ctrl-D), advice, repeat.
fn interactive(policy: &Policy, args: &AdviseArgs, today: chrono::NaiveDate) -> Result<u8, String> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        eprint!(
            "\n请粘贴案例(订单信息、收货地址、商品标题、聊天记录),空行或 Ctrl-D 结束;输入 q 退出:\n> "
        );
        let _ = std::io::stderr().flush();
        let mut paste = String::new();
        let mut ended = true;
        for line in lines.by_ref() {
            let line = line.map_err(|e| format!("cannot read the paste: {e}"))?;
            if line.trim().is_empty() && !paste.trim().is_empty() {
                ended = false;
                break;
            }
            paste.push_str(&line);
            paste.push('\n');
        }
        let t = paste.trim();
        if matches!(t, "q" | "quit" | "exit" | "退出") || (t.is_empty() && ended) {
            return Ok(0);
        }
        if let Err(e) = advise_once(policy, args, Some(&paste), "<paste>", today) {
            eprintln!("error: {e}");
        }
        if ended {
            return Ok(0);
        }
    }
}

fn run(cli: Cli) -> Result<u8, String> {
    let today = chrono::Local::now().date_naive();
    match cli.command {
        Command::Explain(mut args) => {
            args.explain = true;
            run(Cli {
                policy: cli.policy,
                command: Command::Advise(args),
            })
        }
        Command::Advise(args) => {
            let policy = load_policy(cli.policy.as_ref())?;
            let text = match (&args.text, &args.file) {
                (Some(t), _) => Some(t.clone()),
                (None, Some(p)) => Some(read_input(p)?),
                (None, None) if args.has_facts() => None,
                (None, None) if std::io::stdin().is_terminal() => {
                    return interactive(&policy, &args, today);
                }
                (None, None) => Some(read_input(Path::new("-"))?),
            };
            let name = match &args.file {
                Some(p) if p.as_os_str() != "-" => p.display().to_string(),
                _ => "<stdin>".to_string(),
            };
            advise_once(&policy, &args, text.as_deref(), &name, today)
        }
        Command::Extract { file, text, json } => {
            let policy = load_policy(cli.policy.as_ref())?;
            let text = match (text, file) {
                (Some(t), _) => t,
                (None, Some(p)) => read_input(&p)?,
                (None, None) => read_input(Path::new("-"))?,
            };
            let facts = session::read_paste(&policy, &text).map_err(|e| e.to_string())?;
            if json {
                println!("{}", render::facts_json(&facts));
            } else {
                print!("{}", render::facts(&facts));
            }
            Ok(0)
        }
        Command::Test { dirs, coverage } => {
            let policy = load_policy(cli.policy.as_ref())?;
            let report = regress::run(&policy, &dirs, today).map_err(|e| e.to_string())?;
            // The per-case lines end with the "N passed, M failed" line, so they go last.
            if coverage {
                print!("{}", report.coverage(&policy));
            }
            print!("{}", report.render());
            Ok(if report.failed() == 0 { 0 } else { 1 })
        }
        Command::Replay {
            cases,
            baseline,
            json,
            csv,
            all,
            show,
            strict,
            format,
            threads,
        } => {
            let policy = load_policy(cli.policy.as_ref())?;
            let baseline = baseline
                .map(|b| Policy::from_path(&b).map_err(|e| e.to_string()))
                .transpose()?;
            let format = match format.as_deref() {
                Some("csv") => Format::Csv,
                Some(_) => Format::JsonLines,
                None if cases
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv")) =>
                {
                    Format::Csv
                }
                None => Format::JsonLines,
            };
            let opts = replay::Options {
                keep_changes: (!all).then_some(show),
                strict,
                today,
                threads: threads
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
            };
            let size = std::fs::metadata(&cases)
                .ok()
                .map(|m| m.len())
                .filter(|_| cases.as_os_str() != "-");
            let mut progress = progress_meter(size);
            let report = if cases.as_os_str() == "-" {
                replay::replay(
                    &policy,
                    baseline.as_ref(),
                    std::io::stdin().lock(),
                    format,
                    &opts,
                    &mut progress,
                )
            } else {
                let file = std::fs::File::open(&cases)
                    .map_err(|e| format!("cannot read `{}`: {e}", cases.display()))?;
                replay::replay(
                    &policy,
                    baseline.as_ref(),
                    std::io::BufReader::with_capacity(1 << 20, file),
                    format,
                    &opts,
                    &mut progress,
                )
            }
            .map_err(|e| e.to_string())?;
            eprint!("{}", progress_done());
            for b in &report.bad {
                eprintln!("warning: line {}: {} (skipped)", b.line, b.message);
            }
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
                );
            } else if csv {
                print!("{}", report.csv());
            } else {
                print!("{}", report.table());
            }
            Ok(0)
        }
        Command::GenCases { n, seed } => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            aftersale::generate::write_cases(n, seed, &mut out)
                .map_err(|e| format!("cannot write cases: {e}"))?;
            Ok(0)
        }
        Command::Check { file } => {
            let path = file.or(cli.policy);
            let shown = path
                .as_ref()
                .map_or("policies/default.yaml (bundled)".to_string(), |p| {
                    p.display().to_string()
                });
            let policy = match path {
                Some(p) => Policy::from_path(&p),
                None => Policy::bundled(),
            }
            .map_err(|e| e.to_string())?;
            for w in &policy.warnings {
                println!("{w}\n");
            }
            let analysis = aftersale::policy::analysis::analyse(&policy);
            let errors = analysis.diagnostics(&policy);
            for e in &errors {
                eprintln!("{e}\n");
            }
            print!("{}", analysis.report());
            let warnings = policy
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
                .count();
            if errors.is_empty() {
                println!(
                    "{shown}: ok — {} rules, {warnings} warning(s), hash {}",
                    policy.rules.len(),
                    policy.hash
                );
                Ok(0)
            } else {
                eprintln!(
                    "{shown}: {} error(s) — fix them before the policy goes live",
                    errors.len()
                );
                Ok(2)
            }
        }
    }
}
