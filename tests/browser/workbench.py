#!/usr/bin/env python3
"""Real-browser test of the agents' workbench served by `aftersale serve`.

Usage: python3 tests/browser/workbench.py [path-to-aftersale-binary]
       (default target/debug/aftersale; needs `pip install playwright` and
        Debian's Chromium at /usr/bin/chromium — never `playwright install`)

Starts the server on a free port with a journal in a temporary folder, drives
the page in headless Chromium, checks the journal over HTTP and in SQLite, and
saves screenshots under target/browser/. Prints `ok - …` per step; exits 0 on
success, 1 with `not ok - …` and the server's output on failure.
"""
import base64
import datetime
import json
import os
import queue
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
SHOTS = ROOT / "target" / "browser"
PHONE = "13812345678"
ORDER_NO = "4102938475610"
MARKER = "左脚鞋面有一个小黑点"  # a phrase only this case's paste contains
QUEUE_NOW = "2026-11-23 10:00"
QUEUE_EXPORT = ROOT / "tests" / "queue" / "export_40.csv"
# Builds, in the page, what a drag of a file from the desktop carries.
DROP_JS = """([b64, name]) => {
  const bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], name, {type: 'text/csv'}));
  return dt;
}"""
XSS_PASTE = ('<script>window.__xss=1</script><img src=x onerror="window.__xss=2">'
             '收货地址：浙江省杭州市西湖区 文三路 实付款：59元 买家：鞋面有点脏')


# Pastes with alerts (complaint, bad review, express refund, refused twice)
# and assumptions (fault, stage, wish, price): what the agent reads must be
# the page's own words.
FIVE_PASTES = [
    "订单状态：交易成功\n收货地址：广东省深圳市南山区 科技园\n买家：鞋子开胶了 要退货 不然投诉12315",
    "收货地址：新疆乌鲁木齐市天山区 解放南路\n买家：鞋面有污渍 优惠10块吧 不然我给差评",
    "买家：鞋子质量有问题 断底了\n实付款：199元\n收货地址：广东省深圳市南山区 科技园",
    "天猫 极速退款 退款原因：尺码不合适\n收货地址：浙江省杭州市西湖区 文三路\n实付款：¥89.00\n买家：码数偏小 挤脚",
    "淘宝 收货地址：四川省成都市武侯区 人民南路\n实付款：¥159\n买家：鞋子开胶了 第二次申请退款了 你们又拒绝 我要找平台介入",
]


class Failed(Exception):
    pass


# A hole of no stated size: a small flaw or a failing, and the page shows both.
OPEN_DEFECT_PASTE = "买家：右脚鞋头破了个洞 你们看怎么办\n收货地址：四川省成都市武侯区***\n实付款：¥129\n已签收\n淘宝\n"


def check(cond, what):
    if not cond:
        raise Failed(what)


def ok(msg):
    print("ok - " + msg, flush=True)


def case_paste():
    """A Tmall order that never says 淘宝 or 天猫, so 平台 stays missing."""
    signed = (datetime.date.today() - datetime.timedelta(days=2)).isoformat()
    return "\n".join([
        f"订单编号：{ORDER_NO}",
        "买家昵称：李**",
        "实付款：￥129.00（包邮）",
        "商品：女士小白鞋 厚底板鞋 2025新款",
        f"收货地址：浙江省杭州市西湖区 文三路 李** {PHONE}",
        f"已签收 {signed}",
        f"买家：你好 鞋子收到了 {MARKER}",
        "客服：亲 非常抱歉 麻烦您拍张照片给我看看",
        "买家：能不能便宜点 补偿我10块钱吧",
    ])


class Server:
    """`aftersale serve` on a free port; its output is kept for failure reports."""

    def __init__(self, binary, journal):
        self.lines = []
        # The refund queue counts down from a fixed moment, the one its fixtures are written for.
        env = dict(os.environ, AFTERSALE_NOW=QUEUE_NOW)
        self.proc = subprocess.Popen(
            [str(binary), "serve", "--addr", "127.0.0.1:0", "--journal", str(journal)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
            text=True, encoding="utf-8", errors="replace", env=env)
        self.stdout = queue.Queue()
        threading.Thread(target=self._drain, args=(self.proc.stdout, self.stdout), daemon=True).start()
        threading.Thread(target=self._drain, args=(self.proc.stderr, None), daemon=True).start()

    def _drain(self, pipe, q):
        for line in pipe:
            self.lines.append(line.rstrip("\n"))
            if q is not None:
                q.put(line)

    def url(self, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                time.sleep(0.2)
                raise Failed(f"server exited with code {self.proc.returncode} before printing its URL")
            try:
                line = self.stdout.get(timeout=0.5)
            except queue.Empty:
                continue
            m = re.search(r"http://\S+", line)
            if m:
                return m.group(0)
        raise Failed(f"server printed no http:// URL within {timeout} s")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


def http_json(url, token):
    req = urllib.request.Request(url)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=15) as r:
        return json.loads(r.read().decode("utf-8"))


def text_columns(db):
    cols = db.execute("PRAGMA table_info(cases)").fetchall()
    check(cols, "the journal has no `cases` table")
    return [c[1] for c in cols]


def as_text(v):
    if isinstance(v, bytes):
        return v.decode("utf-8", "replace")
    return v if isinstance(v, str) else None


def run(binary, tmp):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    journal = tmp / "journal.sqlite3"
    server = Server(binary, journal)
    page_errors = []
    try:
        url = server.url()
        token = (re.search(r"[?&]token=([^&\s]+)", url) or [None, None])[1]
        base = re.match(r"http://[^/?#]+", url).group(0)
        ok(f"server started at {url}")

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="zh-CN",
                                          permissions=["clipboard-read", "clipboard-write"])
                page = ctx.new_page()
                page.set_default_timeout(20000)
                page.on("pageerror", lambda e: page_errors.append(str(e)))
                page.on("dialog", lambda d: (page_errors.append("dialog opened: " + d.message), d.dismiss()))

                # --- open the page
                page.goto(url)
                page.wait_for_selector('[data-testid="outcome-accepted"]')
                check(page.title() == "售后赔付建议", f"page title is {page.title()!r}")
                ok("workbench page loaded with the outcome buttons from /api/vocab")

                # --- paste a case, Ctrl+Enter
                page.fill('[data-testid="paste"]', case_paste())
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST") as first:
                    page.press('[data-testid="paste"]', "Control+Enter")
                check(first.value.status == 200, f"POST /api/advise answered {first.value.status}: {first.value.text()[:300]}")
                advice = first.value.json()
                case_id = advice.get("case_id")
                check(isinstance(case_id, int), f"advise response has no integer case_id: {case_id!r}")
                page.wait_for_selector('[data-testid="resolution"]')
                resolution = page.inner_text('[data-testid="resolution"]').strip()
                check(resolution, "the resolution is empty")
                offer_open = page.inner_text('[data-testid="offer-open"]').strip()
                offer_max = page.inner_text('[data-testid="offer-max"]').strip()
                check(re.fullmatch(r"¥\d+(\.\d+)?", offer_open), f"opening offer looks wrong: {offer_open!r}")
                check(re.fullmatch(r"¥\d+(\.\d+)?", offer_max), f"ceiling looks wrong: {offer_max!r}")
                case_label = page.inner_text('[data-testid="case-id"]').strip()
                check(str(case_id) in case_label, f"case label {case_label!r} does not show case {case_id}")
                check(page.is_visible('[data-testid="paste-view"] mark'), "no source is highlighted in the paste")
                page.screenshot(path=str(SHOTS / "1-advice.png"), full_page=True)
                ok(f"Ctrl+Enter gave advice for case #{case_id}: {resolution}, {offer_open} up to {offer_max}")

                # --- fill the missing 平台 with one click
                tmall = page.locator('[data-testid="choice-platform-tmall"]')
                check(tmall.is_visible(), "平台 is not offered as a missing fact (choice-platform-tmall not visible)")
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST") as again:
                    tmall.click()
                sent = again.value.request.post_data_json
                check(sent.get("facts", {}).get("platform") == "tmall", f"re-advise did not send platform=tmall: {sent}")
                check(sent.get("case_id") == case_id, f"re-advise sent case_id {sent.get('case_id')!r}, expected {case_id}")
                check(sent.get("text") == case_paste(), "re-advise did not resend the same paste")
                check(again.value.status == 200, f"re-advise answered {again.value.status}: {again.value.text()[:300]}")
                check(again.value.json().get("case_id") == case_id, "re-advise answered with another case_id")
                page.wait_for_selector('[data-testid="agent-set-platform"]')
                shown = page.inner_text('[data-testid="fact-value-platform"]').strip()
                check(shown == "天猫", f"平台 shows {shown!r}, expected 天猫")
                check(page.inner_text('[data-testid="case-id"]').strip() == case_label, "the case id changed after the re-advise")
                check(not page.is_visible('[data-testid="choice-platform-tmall"]'), "平台 is still offered as missing")
                ok(f"clicking 天猫 re-advised case #{case_id} with platform=tmall; 平台 shows 天猫 (客服设定)")

                # --- edit the reply and copy it
                reply = page.locator('[data-testid="reply"]')
                original = reply.input_value()
                check(original.strip(), "the reply box is empty")
                edited = original + "（售后小李）"
                reply.fill(edited)
                page.click('[data-testid="copy"]')
                # A selector wait, not wait_for_function: the page's CSP forbids eval, and
                # Playwright polls a string predicate through new Function.
                page.wait_for_selector('[data-testid="copy"]:has-text("已复制")')
                try:
                    clip = page.evaluate("navigator.clipboard.readText()")
                except Exception as e:  # clipboard not readable in this headless browser
                    clip = None
                    note = str(e).splitlines()[0]
                if clip is not None:
                    check(clip == edited, f"clipboard holds {clip[:60]!r}…, not the edited reply")
                    ok("edited reply copied: the clipboard holds the edited text and the button shows 已复制")
                else:
                    # Reading the clipboard failed headless; the 已复制 state and the box's value stand in.
                    check(reply.input_value() == edited, "the reply box lost the edit")
                    ok(f"edited reply copied: button shows 已复制 (clipboard unreadable headless: {note})")

                # --- the keyboard: Ctrl+Shift+C copies the reply
                page.click('[data-testid="reply-reset"]')
                page.wait_for_timeout(2700)
                page.locator('[data-testid="paste"]').focus()
                page.keyboard.press("Control+Shift+C")
                page.wait_for_selector('[data-testid="copy"]:has-text("已复制")')
                ok("Ctrl+Shift+C copied the reply")

                # --- a refusal records no money: the amount is for agreements only
                with page.expect_response(lambda r: "/outcome" in r.url) as out:
                    page.keyboard.press("Alt+2")
                sent = out.value.request.post_data_json
                check(sent.get("outcome") == "refused" and "amount" not in sent, f"Alt+2 sent {sent}")
                ok("Alt+2 recorded 买家拒绝 with no amount")

                # --- record the outcome
                page.fill('[data-testid="amount"]', "8")
                page.fill('[data-testid="note"]', "买家同意8元")
                with page.expect_response(lambda r: "/outcome" in r.url) as out:
                    page.click('[data-testid="outcome-accepted"]')
                check(out.value.status == 200, f"outcome POST answered {out.value.status}: {out.value.text()[:300]}")
                page.wait_for_selector('[data-testid="outcome-recorded"] >> text=买家接受')
                row = page.locator(f'[data-testid="today-row"][data-case-id="{case_id}"]')
                row.locator("text=买家接受").wait_for()
                row_text = row.inner_text()
                check(re.search(r"8(\.00)?", row_text), f"今日案例 row does not show the amount: {row_text!r}")
                check(ORDER_NO in row_text, f"今日案例 row does not show the order number: {row_text!r}")
                check(page.locator('[data-testid="today-row"]').count() == 1, "今日案例 lists the case more than once")
                page.screenshot(path=str(SHOTS / "2-outcome.png"), full_page=True)
                ok("outcome 买家接受 ¥8 recorded and shown in 今日案例")

                # --- the journal over HTTP
                today = datetime.date.today().isoformat()
                listing = http_json(f"{base}/api/cases?date={today}", token)
                mine = [c for c in listing.get("cases", []) if c.get("id") == case_id]
                check(len(mine) == 1, f"GET /api/cases?date={today} does not list case {case_id} once: {listing}")
                c = mine[0]
                check(c.get("outcome") == "accepted", f"case outcome is {c.get('outcome')!r}, expected 'accepted'")
                check(c.get("amount") is not None and Decimal(str(c["amount"])) == Decimal("8"),
                      f"case amount is {c.get('amount')!r}, expected 8.00")
                check(c.get("order_no") in (None, ORDER_NO), f"order_no is {c.get('order_no')!r}")
                ok(f"GET /api/cases?date={today}: case {case_id} accepted, amount {c['amount']}")

                # --- the journal in SQLite: one row, the phone number masked
                db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
                try:
                    cols = text_columns(db)
                    rows = db.execute("SELECT * FROM cases").fetchall()
                finally:
                    db.close()
                hits = [r for r in rows if any(MARKER in (as_text(v) or "") for v in r)]
                check(len(hits) == 1, f"{len(hits)} journal rows hold this paste, expected exactly 1 (columns {cols})")
                paste_cols = [cols[i] for i, v in enumerate(hits[0]) if "订单编号" in (as_text(v) or "") and MARKER in (as_text(v) or "")]
                check(paste_cols, f"no column of the row holds the stored paste (columns {cols})")
                leaks = [cols[i] for i, v in enumerate(hits[0]) if PHONE in (as_text(v) or "")]
                check(not leaks, f"the full phone number {PHONE} is stored in column(s) {leaks}")
                stored = as_text(hits[0][cols.index(paste_cols[0])])
                masked = next((l for l in stored.splitlines() if "收货地址" in l), "")
                check("西湖区 ****" in masked and "文三路" not in masked,
                      f"the stored address is not cut at the district: {masked!r}")
                ok(f"SQLite journal: one row, paste in `{paste_cols[0]}`, address stored as {masked!r}")

                # --- the refund queue: drop the day's export on the page
                page.click('[data-testid="tab-queue"]')
                page.wait_for_selector('[data-testid="queue-drop"]')
                drag = page.evaluate_handle(DROP_JS, [base64.b64encode(QUEUE_EXPORT.read_bytes()).decode(), "退款列表.csv"])
                with page.expect_response(lambda r: "/api/queue" in r.url) as qr:
                    page.dispatch_event('[data-testid="queue-drop"]', "drop", {"dataTransfer": drag})
                check(qr.value.status == 200, f"POST /api/queue answered {qr.value.status}: {qr.value.text()[:300]}")
                listed = qr.value.json()
                page.wait_for_selector('[data-testid="queue-row"]')
                rows = page.locator('[data-testid="queue-row"]')
                check(rows.count() == 40, f"the queue shows {rows.count()} rows, expected 40")
                shown_ids = [rows.nth(i).get_attribute("data-refund-id") for i in range(rows.count())]
                check(shown_ids == [r["refund_id"] for r in listed["refunds"]], "the page does not keep the queue's order")
                # Sorted by what runs out first: the overdue on top, then the shop's by deadline.
                shop = [r for r in listed["refunds"] if r["clock"]["turn"] == "shop" and r["clock"]["due"]]
                mins = [r["clock"]["minutes_left"] for r in shop]
                check(mins == sorted(mins), f"the shop's deadlines are not in order: {mins}")
                lefts = [rows.nth(i).locator('[data-testid="queue-left"]').inner_text().strip() for i in range(6)]
                check(lefts[0].startswith("已超时") and not lefts[5].startswith("已超时"), f"countdowns: {lefts}")
                red = page.locator('[data-testid="queue-left"] .cd.red').count()
                late = page.locator('[data-testid="queue-left"] .cd.late').count()
                check(late == listed["overdue"] and red == listed["within_24h"],
                      f"{late} marked overdue and {red} red under 24 h; the list says {listed['overdue']} and {listed['within_24h']}")
                check("40 笔" in page.inner_text('[data-testid="queue-summary"]'), "the summary does not say 40 笔")
                page.screenshot(path=str(SHOTS / "6-queue.png"), full_page=False)
                ok(f"export dropped: 40 refunds, {late} overdue on top, {red} red under 24 h, countdowns sorted ({lefts[0]}, {lefts[1]}, …)")

                # --- open the first refund, record its outcome, find it in 今日案例
                first = listed["refunds"][0]
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST") as adv:
                    rows.first.locator('[data-testid="queue-open"]').click()
                sent = adv.value.request.post_data_json
                check(sent.get("queue", {}).get("refund_id") == first["refund_id"], f"the advice was not asked for the refund: {sent}")
                check(adv.value.status == 200, f"advise answered {adv.value.status}: {adv.value.text()[:300]}")
                q_case = adv.value.json().get("case_id")
                page.wait_for_selector('[data-testid="resolution"]')
                check(page.is_visible('[data-testid="queue-clock"]'), "the advice does not show the refund's countdown")
                check("已超时" in page.inner_text('[data-testid="queue-clock"]'), "the first refund is not shown as overdue")
                check(first["order_no"] in page.input_value('[data-testid="paste"]'), "the refund is not in the paste box")
                with page.expect_response(lambda r: "/outcome" in r.url) as out:
                    page.click('[data-testid="outcome-escalated"]')
                check(out.value.status == 200, f"outcome answered {out.value.status}: {out.value.text()[:300]}")
                qrow = page.locator(f'[data-testid="today-row"][data-case-id="{q_case}"]')
                qrow.locator("text=已上报").wait_for()
                row_text = qrow.inner_text()
                check("退款队列" in row_text and first["order_no"] in row_text, f"今日案例 row: {row_text!r}")
                page.screenshot(path=str(SHOTS / "7-queue-case.png"), full_page=False)
                db = sqlite3.connect(f"file:{journal}?mode=ro", uri=True)
                try:
                    origin = db.execute("SELECT origin, outcome FROM cases WHERE id = ?", (q_case,)).fetchone()
                finally:
                    db.close()
                check(origin == ("queue", "escalated"), f"the journal holds {origin} for case {q_case}")
                ok(f"opened refund {first['refund_id']} as case #{q_case}, recorded 已上报, listed in 今日案例 as from the queue")

                # --- a hostile paste is shown as text
                page.click('[data-testid="new-case"]')
                page.fill('[data-testid="paste"]', XSS_PASTE)
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST"):
                    page.press('[data-testid="paste"]', "Control+Enter")
                page.wait_for_timeout(800)
                xss = page.evaluate("typeof window.__xss")
                check(xss == "undefined", f"window.__xss is {page.evaluate('window.__xss')!r}: the paste ran as HTML")
                check(page.locator("img").count() == 0, "an <img> from the paste was inserted into the page")
                view = page.locator('[data-testid="paste-view"]')
                check(view.is_visible() and "<script>window.__xss=1</script>" in view.inner_text(),
                      "the text <script> is not visible in the paste view")
                check(page.get_by_text("<script>", exact=False).first.is_visible(), "the text <script> is not visible")
                page.screenshot(path=str(SHOTS / "3-xss.png"), full_page=True)
                ok("<script>/<img onerror> paste shown as text; window.__xss stays undefined")

                # --- a defect the words leave open: both kinds' advice, one click settles it
                page.click('[data-testid="new-case"]')
                page.fill('[data-testid="paste"]', OPEN_DEFECT_PASTE)
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST"):
                    page.press('[data-testid="paste"]', "Control+Enter")
                page.wait_for_selector('[data-testid="by-defect"]')
                kinds = [t.strip() for t in page.locator('[data-testid="defect-row"] td:first-child').all_inner_texts()]
                check(kinds == ["小瑕疵", "质量问题"], f"the open defect's rows are {kinds}, expected 小瑕疵 and 质量问题")
                check(page.is_visible('[data-testid="ambiguous-defect"]'), "the facts do not say 问题类型 is open")
                check("照片" in page.input_value('[data-testid="reply"]'), "the reply box does not ask the buyer for a photo")
                page.screenshot(path=str(SHOTS / "8-open-defect.png"), full_page=True)
                with page.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST") as again:
                    page.click('[data-testid="by-defect"] [data-testid="choice-defect-quality"]')
                sent = again.value.request.post_data_json
                check(sent.get("facts", {}).get("defect") == "quality", f"choosing 质量问题 sent {sent.get('facts')}")
                page.wait_for_selector('[data-testid="resolution"]')
                check(not page.is_visible('[data-testid="by-defect"]'), "the branches stay after the choice")
                ok(f"an open defect shows {kinds} side by side; choosing 质量问题 gives one advice")

                # --- the manager page
                page.goto(f"{base}/manager")
                page.wait_for_selector('[data-testid="tiles"] .tile')
                page.wait_for_selector('[data-testid="policy-name"]')
                name = page.inner_text('[data-testid="policy-name"]').strip()
                check(name and name != "—", "the manager page shows no policy name")
                check(page.locator('[data-testid="chart-resolution"] svg, [data-testid="chart-resolution"] .empty').count() == 1,
                      "no resolution chart")
                check(page.locator("img").count() == 0, "the manager page has an <img>")
                page.wait_for_timeout(300)
                page.screenshot(path=str(SHOTS / "4-manager.png"), full_page=True)
                ok(f"manager page shows policy {name!r}, figures and charts")

                # --- five pastes at 1366x768: the agent's words only, the buttons in view
                small = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
                p2 = small.new_page()
                p2.set_default_timeout(20000)
                p2.on("pageerror", lambda e: page_errors.append(str(e)))
                p2.goto(url)
                p2.wait_for_selector('[data-testid="outcome-accepted"]')
                for i, text in enumerate(FIVE_PASTES, start=1):
                    p2.click('[data-testid="new-case"]')
                    p2.fill('[data-testid="paste"]', text)
                    with p2.expect_response(lambda r: r.url.endswith("/api/advise") and r.request.method == "POST") as res:
                        p2.press('[data-testid="paste"]', "Control+Enter")
                    check(res.value.status == 200, f"paste {i} answered {res.value.status}: {res.value.text()[:200]}")
                    p2.wait_for_selector('[data-testid="resolution"]')
                    # Key names (Ctrl+Shift+C, Alt+1) are what the keyboard says, not English to read.
                    shown = re.sub(r"\b(Ctrl|Shift|Enter|Alt)\b", "", p2.inner_text("main"))
                    # A playbook rule id (T, P3, S2) is the manager's word, not the agent's.
                    for bad in [r"--[a-z]", r"settings\.", r"[a-z]+_[a-z]+", r"\b[A-Za-z]{4,}\b", r"\b(?:[A-Z]\d{1,2}|T)\b"]:
                        m = re.search(bad, shown)
                        check(not m, f"paste {i}: the page shows {m.group(0) if m else ''!r}")
                    for sel in ['[data-testid="resolution"]', '[data-testid="outcome-accepted"]', '[data-testid="outcome-other"]', '[data-testid="copy"]']:
                        box = p2.locator(sel).bounding_box()
                        check(box and box["y"] >= 0 and box["y"] + box["height"] <= 768, f"paste {i}: {sel} is not within 1366x768: {box}")
                    p2.screenshot(path=str(SHOTS / f"5-agent-{i}.png"))
                alerts = p2.locator('[data-testid="alert"]').count()
                ok(f"five pastes at 1366x768: no flag, id or English shown; advice, copy and outcome buttons in view (last has {alerts} alert(s))")
                small.close()

                check(not page_errors, f"JavaScript errors on the pages: {page_errors}")
                ok("no JavaScript errors")
            finally:
                browser.close()
    except Failed:
        raise
    except Exception as e:  # Playwright timeouts and the like
        raise Failed(f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}") from e
    finally:
        server.stop()
        if page_errors:
            print("# page errors: " + "; ".join(page_errors), file=sys.stderr)
        # Kept for failure reports.
        run.server_output = server.lines


def main():
    binary = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "debug" / "aftersale"
    if not binary.is_absolute():
        binary = Path.cwd() / binary
    if not binary.exists():
        print(f"not ok - no aftersale binary at {binary} (build it, or pass its path)")
        return 1
    try:
        import playwright  # noqa: F401
    except ImportError:
        print("not ok - the playwright Python package is missing: pip install playwright")
        return 1
    if not Path(CHROMIUM).exists():
        print(f"not ok - no Chromium at {CHROMIUM}: apt-get install chromium")
        return 1
    tmp = Path(tempfile.mkdtemp(prefix="aftersale-browser-"))
    try:
        run(binary, tmp)
    except Failed as e:
        print(f"not ok - {e}")
        out = getattr(run, "server_output", [])
        if out:
            print("# server output (last 30 lines):")
            for line in out[-30:]:
                print("#   " + line)
        print(f"# screenshots so far: {SHOTS}")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"# all steps passed; screenshots in {SHOTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
