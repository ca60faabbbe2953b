#!/usr/bin/env bash
# Fuzz the policy loader, the case-file loader and the paste intake.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 600 s each, all three)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`); this machine's toolchain is
# stable, so RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its sanitizer flags.
# Each corpus starts from the repository's own examples. A crash is saved under
# fuzz/artifacts/TARGET/; add it as a regression test before fixing it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(policy case_file paste)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1

seed() {
  local target=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $target in
    policy) cp policies/*.yaml tests/bad_policies/*.yaml tests/fixtures/*.yaml "$dir/" ;;
    case_file) for f in tests/cases/*.yaml; do
        # The `case:` line of each regression file is a case file of its own.
        sed -n 's/^case: {\(.*\)}$/\1/p' "$f" | tr ',' '\n' | sed 's/^ *//' > "$dir/$(basename "$f")"
      done ;;
    paste) for f in tests/intake/*.yaml; do
        sed -n '/^paste: |$/,/^[a-z]/p' "$f" | sed '1d;$d;s/^  //' > "$dir/$(basename "$f" .yaml).txt"
      done ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "== fuzzing $t for ${seconds}s"
  (cd fuzz && cargo fuzz run -O "$t" -- -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 2>&1) \
    | tee "fuzz/$t.log" | grep -E "^#[0-9]+.*(DONE|pulse)|ERROR|crash|Done" || true
  grep -E "^Done|stat::number_of_executed_units" "fuzz/$t.log" | tail -2 || true
done
