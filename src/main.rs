//! The `aftersale` command: parses arguments, calls the library, prints, and maps
//! the result to an exit code (0 advice given, 1 regression failure, 2 bad input
//! or policy).

use clap::{Args, Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use aftersale::case::CaseInput;
use aftersale::policy::{Policy, Severity};
use aftersale::snippet::Located;
use aftersale::{engine, regress, render};

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
    /// Advise on one case given as flags or as a YAML/JSON case file.
    Advise(Box<AdviseArgs>),
    /// Run regression case files and report ok/FAIL per case.
    Test {
        /// Folders (or files) of case files.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
    },
    /// Check a policy file and print every error and warning.
    Check {
        /// The policy file (defaults to --policy, then the bundled one).
        file: Option<PathBuf>,
    },
}

#[derive(Args)]
struct AdviseArgs {
    /// Case file (YAML or JSON); `-` reads it from standard input.
    file: Option<PathBuf>,
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

fn run(cli: Cli) -> Result<u8, String> {
    let today = chrono::Local::now().date_naive();
    match cli.command {
        Command::Advise(args) => {
            let policy = load_policy(cli.policy.as_ref())?;
            let mut input = match &args.file {
                None => CaseInput::default(),
                Some(p) if p.as_os_str() == "-" => {
                    let mut text = String::new();
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .map_err(|e| format!("cannot read the case from standard input: {e}"))?;
                    CaseInput::from_yaml(&text, "<stdin>").map_err(|e| e.to_string())?
                }
                Some(p) => CaseInput::from_path(p).map_err(|e| e.to_string())?,
            };
            input.overlay(args.input());
            let case = input.into_case(today).map_err(|e| e.to_string())?;
            let advice = engine::advise(&policy, &case).map_err(|e| e.to_string())?;
            if args.json {
                println!("{}", render::json(&advice));
            } else {
                if args.explain {
                    println!("{}", render::trace(&advice));
                }
                println!("{}", render::text(&advice));
            }
            Ok(0)
        }
        Command::Test { dirs } => {
            let policy = load_policy(cli.policy.as_ref())?;
            let report = regress::run(&policy, &dirs, today).map_err(|e| e.to_string())?;
            print!("{}", report.render());
            Ok(if report.failed() == 0 { 0 } else { 1 })
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
                println!("{w}");
            }
            let warnings = policy
                .warnings
                .iter()
                .filter(|w| w.severity == Severity::Warning)
                .count();
            println!(
                "{shown}: ok, {} rules, {warnings} warning(s), hash {}",
                policy.rules.len(),
                policy.hash
            );
            Ok(0)
        }
    }
}
