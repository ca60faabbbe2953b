//! Speed figures: `cargo bench --bench speed`. Prints the median time per call
//! of each stage, measured over batches so timer overhead does not count.
// A measuring tool, not the product: a broken fixture stops it, loudly.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use aftersale::case::CaseInput;
use aftersale::engine;
use aftersale::intake::Intake;
use aftersale::located::Located;
use aftersale::policy::Policy;

/// Median time per call over `rounds` batches of `batch` calls.
fn median<F: FnMut()>(rounds: usize, batch: u32, mut f: F) -> Duration {
    let mut times: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed() / batch
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// A workbench paste of about 1 KB: order details, address, title and chat.
fn paste_1kb() -> String {
    let mut p = String::from(
        "订单编号：3712345678901234567\n买家：小鱼儿🐟  手机 138****0000\n\
         收货地址：新疆维吾尔自治区 乌鲁木齐市 天山区 解放北路123号 幸福小区5栋2单元\n\
         商品标题：2026秋季新款 男士休闲鞋 麂皮 特价清仓 透气防滑 百搭板鞋\n\
         实付款：￥89.00   包邮  运费险\n物流：已签收 2026-11-18 14:02\n\
         买家：亲 鞋子收到了 鞋面上有一块污渍😭 能便宜点吗 优惠10块吧\n",
    );
    while p.len() < 1024 {
        p.push_str("客服：亲,您好,请问是哪只鞋呢?方便拍张照片吗?\n买家：左脚那只,鞋头位置,好像是胶水印。\n");
    }
    p
}

/// A one-line paste of about 1 MB, full of amounts, labels and speakers: the
/// worst shape for a reader whose work grows with each line's length.
fn paste_1mb_one_line() -> String {
    let parts = [
        "买家:鞋面有污渍 补偿20吧",
        "实付款:¥139.00",
        "优惠10块",
        "收货地址:新疆乌鲁木齐市天山区",
        "38码",
        "¥59",
        "给15吧",
        "运费12元",
        "2026-11-19 08:40",
    ];
    let mut p = String::new();
    let mut i = 0;
    while p.len() < (1 << 20) - 64 {
        p.push_str(parts[i % parts.len()]);
        p.push(' ');
        i += 7;
    }
    p
}

fn main() {
    let policy = Policy::bundled().expect("bundled policy");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date");

    let paste = paste_1kb();
    let intake = Intake::new(&policy.words());
    let t_intake = median(51, 200, || {
        black_box(intake.extract(black_box(&paste)).expect("facts"));
    });

    let big = paste_1mb_one_line();
    let t_big = median(5, 1, || {
        black_box(intake.extract(black_box(&big)).expect("facts"));
    });

    let input = CaseInput {
        defect: Some(Located::flag("小瑕疵")),
        region: Some(Located::flag("新疆")),
        title: Some(Located::flag("男鞋 特价 清仓")),
        ask: Some(Located::flag("12")),
        material: Some(Located::flag("suede")),
        ..CaseInput::default()
    };
    let case = input.into_case(today).expect("case");
    let t_decide = median(51, 5000, || {
        black_box(engine::decide(&policy, black_box(&case)).expect("decision"));
    });
    let t_engine = median(51, 2000, || {
        black_box(engine::advise(&policy, black_box(&case)).expect("advice"));
    });

    let t_load = median(21, 20, || {
        black_box(Policy::bundled().expect("loads"));
    });

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    // Rows of the table scripts/bench.sh prints: figure, measurement, bar.
    println!(
        "| intake of a {} B paste (conversion + extraction) | {:.1} µs | ≤ 50 µs |",
        paste.len(),
        us(t_intake)
    );
    println!(
        "| intake of a {} B paste on one line | {:.1} ms | ≤ 50 ms |",
        big.len(),
        t_big.as_secs_f64() * 1e3
    );
    println!(
        "| engine decision (`decide`), loaded policy, structured case, trace on | {:.2} µs | ≤ 1 µs |",
        us(t_decide)
    );
    println!(
        "| full advice (`advise`: decision + notes, deadlines, reply) | {:.2} µs | — |",
        us(t_engine)
    );
    println!(
        "| load and check the bundled policy (warm) | {:.0} µs | — |",
        us(t_load)
    );
}
