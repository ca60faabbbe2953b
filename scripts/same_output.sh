#!/bin/bash
# Snapshots every output a refactor must leave byte for byte the same:
#   advice JSON of every case file under tests/ and of `gen-cases 100000`,
#   `extract --json` of every paste under tests/ and ../shared/corpus/.
# usage: scripts/same_output.sh DIR   (then `diff -r` two such dirs)
# Uses $CARGO_TARGET_DIR (default target/) and builds debug.
set -euo pipefail
out=${1:?usage: scripts/same_output.sh DIR}
cd "$(dirname "$0")/.."
cargo build -q --bin aftersale --example advise_lines
t=${CARGO_TARGET_DIR:-target}/debug
mkdir -p "$out"
"$t/aftersale" gen-cases 100000 --today 2026-11-20 | "$t/examples/advise_lines" 2026-11-20 > "$out/gen-cases.jsonl"
python3 - "$t/aftersale" "$out" <<'PY'
import json, os, subprocess, sys, glob
bin_, out = sys.argv[1], sys.argv[2]
try:
    import yaml
except ImportError:
    yaml = None
def run(args, stdin=None):
    p = subprocess.run([bin_] + args, input=stdin, capture_output=True, text=True)
    return f"exit {p.returncode}\n{p.stdout}{p.stderr}"
lines = []
for f in sorted(glob.glob("tests/**/*.yaml", recursive=True) + glob.glob("tests/**/*.yml", recursive=True)):
    lines.append(f"== advise {f}\n" + run(["advise", "--json", f]))
    lines.append(f"== extract {f}\n" + run(["extract", "--json", f]))
for f in sorted(glob.glob("tests/**/*.txt", recursive=True)):
    lines.append(f"== extract {f}\n" + run(["extract", "--json", "--today", "2026-11-20", f]))
for f in ["../shared/corpus/pastes.json"] + sorted(glob.glob("tests/blind/*.json")):
    if not os.path.exists(f):
        continue
    for p in json.load(open(f)):
        args = ["extract", "--json", "--today", p.get("today", "2026-11-20"), "-"]
        lines.append(f"== extract {f} {p['name']}\n" + run(args, p["text"]))
open(os.path.join(out, "pastes.txt"), "w").write("\n".join(lines))
print(f"{len(lines)} outputs")
PY
