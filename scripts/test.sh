#!/usr/bin/env bash
# Every test: the Rust suite (unit, integration, API, regression cases), then
# the workbench page in a real browser. The browser test needs Debian's
# Chromium and Python Playwright; they are installed here when missing
# (Playwright drives /usr/bin/chromium; no browser is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test

if ! command -v chromium >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # fonts-wqy-microhei: without a CJK font the screenshots show boxes.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
fi
if ! python3 -c 'import playwright' >/dev/null 2>&1; then
  python3 -m pip install -q 'playwright==1.65.2'
fi
python3 tests/browser/workbench.py "${CARGO_TARGET_DIR:-target}/debug/aftersale"
