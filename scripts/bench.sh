#!/usr/bin/env bash
# Every speed figure in one table:  scripts/bench.sh [--zen]
#
# Builds the release binary, runs the in-process benchmarks (benches/speed.rs),
# times the whole `advise` process on a pasted case, replays generated logs of
# 100,000 and 1,000,000 cases (peak memory from GNU time), and with --zen
# builds benches/zen (10–40 minutes the first time) for the side-by-side
# with zen-engine (exits non-zero if the two engines disagree). Prints a
# Markdown table; BENCHMARKS.md keeps the latest.
set -euo pipefail
cd "$(dirname "$0")/.."
zen=false
[ "${1:-}" = "--zen" ] && zen=true
command -v python3 >/dev/null || { echo "bench.sh needs python3 for timing" >&2; exit 2; }
[ -x /usr/bin/time ] || { apt-get install -y -qq time >/dev/null 2>&1 || true; }

cargo build --release -q
bin=target/release/aftersale
work=target/bench
mkdir -p "$work"

echo "| figure | measured | bar |"
echo "|---|---|---|"
cargo bench -q --bench speed 2>/dev/null | grep '^| '

cat > "$work/paste.txt" <<'PASTE'
订单编号：3712345678901234567
收货地址：新疆维吾尔自治区 乌鲁木齐市 天山区 解放北路123号
商品标题：2026秋季新款 男士休闲鞋 麂皮 特价清仓
实付款：￥89.00   包邮   淘宝
物流：已签收 2026-11-18 14:02
买家：亲 鞋子收到了 鞋面上有一块污渍😭 能便宜点吗 优惠10块吧
PASTE
python3 - "$bin" "$work/paste.txt" <<'PY'
import statistics, subprocess, sys, time
# --version, advise and the harness's own spawn, interleaved so drift hits all three alike.
def once(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t
spawn, version, advise = [], [], []
for _ in range(300):
    spawn.append(once(["/bin/true"]))
    version.append(once([sys.argv[1], "--version"]))
    advise.append(once([sys.argv[1], "advise", sys.argv[2], "--requested", "2026-11-20"]))
ms = lambda xs: statistics.median(xs) * 1000
print(f"| whole process `--version` / `advise` on a pasted case, interleaved medians | {ms(version):.2f} / {ms(advise):.2f} ms (×{ms(advise) / ms(version):.2f}) | advise ≤ 2× --version |")
PY
/usr/bin/time -o "$work/time" -f %M "$bin" advise "$work/paste.txt" --requested 2026-11-20 >/dev/null 2>&1
peak=$(tail -n1 "$work/time")
echo "| peak memory of that process | $((peak / 1024)) MB | ≤ 20 MB |"

sed 's/offer: {open: "3.00", max: "5.00"}/offer: {open: "4.00", max: "6.00"}/' policies/default.yaml > "$work/new.yaml"
for n in 100000 1000000; do
  [ -s "$work/cases_$n.jsonl" ] || "$bin" gen-cases "$n" --seed 42 > "$work/cases_$n.jsonl"
  /usr/bin/time -o "$work/time" -f "%e %M" "$bin" replay "$work/cases_$n.jsonl" >/dev/null 2>&1
  read -r s1 m1 < <(tail -n1 "$work/time")
  /usr/bin/time -o "$work/time" -f "%e %M" "$bin" replay --policy "$work/new.yaml" --baseline policies/default.yaml "$work/cases_$n.jsonl" >/dev/null 2>&1
  read -r s2 m2 < <(tail -n1 "$work/time")
  bar1="—"; bar2="—"; [ "$n" = 1000000 ] && bar1="≤ 3 s" && bar2="≤ 1 s"
  echo "| replay of $n generated cases (JSON Lines), one policy | ${s1} s, peak $((m1 / 1024)) MB | $bar1 |"
  echo "| replay of $n cases with --baseline (two policies) | ${s2} s, peak $((m2 / 1024)) MB | $bar2 |"
done
# The same million cases as CSV (a shop's export): one streaming reader.
csv="$work/cases_1000000.csv"
[ -s "$csv" ] || python3 - "$work/cases_1000000.jsonl" "$csv" <<'PY'
import csv, json, sys
fields = ["defect", "region", "title", "price", "ask", "free_shipping", "platform", "stage", "signed", "requested", "material"]
with open(sys.argv[1], encoding="utf-8") as src, open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    w = csv.DictWriter(out, fieldnames=fields)
    w.writeheader()
    for line in src:
        row = json.loads(line)
        row["free_shipping"] = "true" if row.get("free_shipping") else "false"
        w.writerow(row)
PY
/usr/bin/time -o "$work/time" -f "%e %M" "$bin" replay --policy "$work/new.yaml" --baseline policies/default.yaml "$csv" >/dev/null 2>&1
read -r s3 m3 < <(tail -n1 "$work/time")
echo "| replay of 1000000 cases as CSV with --baseline | ${s3} s, peak $((m3 / 1024)) MB | ≤ 1 s |"

# The day's refund queue: an export of 5,000 refunds (the 40 kinds of the
# fixtures over and over) read, advised and sorted, whole process, median of 5.
[ -s "$work/export_5000.csv" ] || python3 scripts/queue_fixtures.py --big 5000 "$work/export_5000.csv"
python3 - "$bin" "$work/export_5000.csv" <<'PY'
import statistics, subprocess, sys, time
runs = []
for _ in range(5):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "queue", "--now", "2026-11-23 10:00", "--platform", "taobao", sys.argv[2]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    runs.append(time.perf_counter() - t)
print(f"| refund queue: 5,000-row export read, advised, sorted (whole process, median of 5) | {statistics.median(runs):.2f} s | ≤ 1 s |")
PY
/usr/bin/time -o "$work/time" -f "%e %M" "$bin" queue --now "2026-11-23 10:00" --json "$work/export_5000.csv" >/dev/null 2>&1
read -r s4 m4 < <(tail -n1 "$work/time")
echo "| refund queue, the same as --json (what the workbench sends the page) | ${s4} s, peak $((m4 / 1024)) MB | — |"

if $zen; then
  (cd benches/zen && cargo build --release -q && ./target/release/aftersale-zen-bench)
fi

# The workbench under 200 concurrent clients (journal on): p50, p99, throughput.
cargo bench -q --bench load 2>/dev/null | grep clients | sed 's/^/| load: /; s/$/ | p99 < 5 ms (agents at work) |/'
