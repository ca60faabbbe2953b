#!/usr/bin/env python3
"""Writes the refund-queue fixtures under tests/queue/: the seller centre's
refund export (退款管理 → 批量导出) of 40 refunds of mixed kinds as CSV (UTF-8
with a BOM, and GBK) and XLSX, the open platform's reply of 40 refund records
(taobao.refunds.receive.get) as JSON and as JSON Lines, and the bad inputs.

    python3 scripts/queue_fixtures.py                 # rewrite tests/queue/
    python3 scripts/queue_fixtures.py --big N FILE    # an export of N rows (speed)

Everything is synthetic: the numbers follow the real layouts (19-digit order
numbers, 15-digit refund numbers) but are made up, the names are placeholders,
the phone is a made-up landline. The columns are those of the real export, in
its order. "Now" for the fixtures is 2026-11-23 10:00; every time is counted
from it, so the tests pass --now "2026-11-23 10:00".
"""
import datetime as dt
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "queue"
NOW = dt.datetime(2026, 11, 23, 10, 0, 0)

# The seller centre's export, in its order (plus 是否极速退款, which newer exports add).
COLUMNS = [
    "退款编号", "订单编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间", "买家会员名称",
    "买家实际支付金额", "宝贝标题", "买家退款金额", "手工退款/系统退款", "是否需要退货", "退款的申请时间",
    "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息", "客服介入状态", "卖家真实姓名",
    "卖家退货地址", "卖家邮编", "卖家电话", "卖家手机", "退货物流单号", "退货物流公司", "买家退款原因",
    "买家退款说明", "买家退货时间", "责任方", "售中或售后", "商家备注", "完结时间", "部分退款/全部退款",
    "审核操作人", "举证超时", "是否零秒响应", "退款操作人", "退款原因标签", "是否极速退款",
]

WAIT_SELLER = "买家已经申请退款，等待卖家同意"
WAIT_BUYER = "卖家已经同意退款，等待买家退货"
WAIT_CONFIRM = "买家已经退货，等待卖家确认收货"
REFUSED = "卖家拒绝退款"
CLOSED = "退款关闭"
SUCCESS = "退款成功"
NOT_RECEIVED, RECEIVED, RETURNED = "买家未收到货", "买家已收到货", "买家已退货"

TITLES = [
    "男士休闲板鞋 百搭小白鞋 透气运动鞋",
    "女士厚底老爹鞋 2026秋季新款 增高",
    "特价清仓 儿童网面运动鞋 防滑",
    "麂皮绒面 复古德训鞋 男女同款",
    "秒杀 PU皮 一脚蹬乐福鞋",
    "帆布鞋 经典低帮 情侣款",
    "家居拖鞋 软底防滑 夏季",
    "真皮商务皮鞋 男 正装 系带",
]


def R(reason, status=WAIT_SELLER, goods=RECEIVED, back=True, price="89.00", refund=None,
      desc="", age=30, timeout=None, phase="售中", cs="不需客服介入", express="否",
      shipped=True, returned=None, evidence=None, title=0, paid_age=None, fault=""):
    """A refund: `age` hours since it was asked for, `timeout` hours from asking to
    the platform's timeout (None: the column is empty)."""
    return dict(reason=reason, status=status, goods=goods, back=back, price=price,
                refund=refund or price, desc=desc, age=age, timeout=timeout, phase=phase,
                cs=cs, express=express, shipped=shipped, returned=returned, evidence=evidence,
                title=title, paid_age=paid_age, fault=fault)


# 40 refunds of a shoe shop's day, each of a kind the playbook answers.
REFUNDS = [
    R("七天无理由退换货", age=30, timeout=72),                                    # dislike, 3 days
    R("尺码拍错/不喜欢/效果不好", desc="鞋码偏小 挤脚 想换大一码", age=70, timeout=72, title=1),
    R("商品质量问题", desc="穿了两天鞋底就开胶了", price="159.00", age=100, timeout=120, title=3),
    R("做工粗糙/有瑕疵", back=False, refund="10.00", desc="鞋面有个小黑点 补偿10块就不退了", age=5, timeout=120),
    R("多拍/拍错/不想要", goods=NOT_RECEIVED, back=False, shipped=False, price="129.00", age=50, timeout=48, title=1),
    R("缺货", goods=NOT_RECEIVED, back=False, shipped=False, price="199.00", age=20, timeout=48, title=7),
    R("未按约定时间发货", goods=NOT_RECEIVED, back=False, shipped=False, price="69.00", age=26, timeout=48, paid_age=100, title=5),
    R("快递/物流一直未送到", goods=NOT_RECEIVED, back=False, desc="快递三天没动了", age=10, timeout=120, title=2),
    R("卖家发错货", desc="买的白色 发来的是黑色", price="139.00", age=60, timeout=120, title=1),
    R("少件/漏发", back=False, refund="15.00", price="199.00", desc="少了一副鞋带", age=3, timeout=120, title=7),
    R("颜色/图案/款式与商品描述不符", desc="实物颜色和图片差很多", price="119.00", age=80, timeout=120, title=3),
    R("大小/尺寸与商品描述不符", desc="标的42码实际跟41差不多", age=40, timeout=120),
    R("七天无理由退换货", status=WAIT_BUYER, age=48, timeout=148),               # buyer's turn
    R("商品质量问题", status=WAIT_CONFIRM, goods=RETURNED, desc="鞋底裂开了", price="159.00", age=200, timeout=None, returned=150, title=3),
    R("七天无理由退换货", status=WAIT_CONFIRM, goods=RETURNED, age=260, timeout=None, returned=230, title=5),
    R("做工粗糙/有瑕疵", status=REFUSED, back=False, refund="20.00", desc="有线头", age=60, timeout=260),
    R("七天无理由退换货", status=SUCCESS, age=90, timeout=None, title=2),
    R("多拍/拍错/不想要", status=CLOSED, goods=NOT_RECEIVED, back=False, shipped=False, age=30, timeout=None),
    R("商品质量问题", cs="客服已经介入", desc="鞋跟断了 要求退货退款", price="259.00", age=120, timeout=None, evidence=30, title=7),
    R("颜色/图案/款式与商品描述不符", cs="需要客服介入", desc="说是真皮 实际是PU", price="299.00", age=130, timeout=None, evidence=-1, title=7),
    R("七天无理由退换货", express="是", age=20, timeout=72, title=4),
    R("商品质量问题", phase="售后", desc="穿了一个月鞋底断了", price="219.00", age=24, timeout=120, title=7),
    R("商品质量问题", phase="售后", back=False, refund="30.00", price="259.00", desc="开胶了 补偿30吧", age=8, timeout=120, title=7),
    R("商品质量问题", desc="放洗衣机洗了一次就开胶了", age=15, timeout=120, title=5),
    R("假冒品牌", desc="鞋标和官网的不一样 怀疑不是正品", price="399.00", age=6, timeout=120, title=3),
    R("退运费", back=False, refund="12.00", price="99.00", desc="退货运费12块 说好给报的", age=9, timeout=120, title=6),
    R("包装/商品破损/污渍", desc="外箱压坏了 鞋头也压变形了", age=12, timeout=120, title=1),
    R("商品破损已拒签", goods=NOT_RECEIVED, back=False, desc="外包装破了 已经拒收", age=4, timeout=120, title=2),
    R("七天无理由退换货", age=47, timeout=None, title=6),                          # no timeout: the rule's
    R("商品质量问题", age=None, timeout=None, desc="鞋面掉色", title=6),          # no time at all
    R("其他", desc="不想要了 买多了", age=18, timeout=72, title=0),
    R("协商一致退款", back=False, refund="20.00", age=2, timeout=120, title=0),
    R("商品质量问题", desc="脱线了", price="179.00", age=120.5, timeout=120, title=1),  # overdue by 30 min
    R("做工粗糙/有瑕疵", back=False, refund="5.00", desc="鞋子有点胶水印 补5块吧", price="59.00", age=1, timeout=120, title=2),
    R("做工粗糙/有瑕疵", back=False, refund="15.00", desc="鞋边有污渍 至少15", price="599.00", age=28, timeout=120, title=7),
    R("七天无理由退换货", price="599.00", age=69, timeout=72, title=7),          # 3 h left
    R("尺码拍错/不喜欢/效果不好", age=33, timeout=72, title=4),
    R("商品质量问题", desc="鞋垫起皱 有异味", age=52, timeout=48, title=0),       # the platform says 2 days
    R("发票问题", back=False, refund="0.01", desc="要开发票 一直没给", age=16, timeout=120, title=7),
    R("快递/物流一直未送到", status=WAIT_SELLER, goods=NOT_RECEIVED, back=False, desc="显示签收但没收到", age=44, timeout=120, title=5),
]
assert len(REFUNDS) == 40, len(REFUNDS)


def ts(t):
    return t.strftime("%Y-%m-%d %H:%M:%S")


def export_rows(refunds, first_id=0):
    rows = []
    for i, r in enumerate(refunds):
        n = first_id + i + 1
        created = NOW - dt.timedelta(hours=r["age"]) if r["age"] is not None else None
        paid = (NOW - dt.timedelta(hours=r["paid_age"]) if r["paid_age"]
                else (created - dt.timedelta(days=3) if created else NOW - dt.timedelta(days=5)))
        timeout = ""
        if r["timeout"] is not None and created is not None:
            timeout = ts(created + dt.timedelta(hours=r["timeout"]))
        returned = ts(NOW - dt.timedelta(hours=r["returned"])) if r["returned"] else ""
        if r["returned"]:
            timeout = ts(NOW - dt.timedelta(hours=r["returned"]) + dt.timedelta(days=10))
        evidence = ts(NOW + dt.timedelta(hours=r["evidence"])) if r["evidence"] is not None else ""
        if r["evidence"] is not None:
            timeout = evidence
        done = r["status"] in (SUCCESS, CLOSED)
        partial = r["refund"] != r["price"]
        row = {
            "退款编号": f"20261{n:010d}",
            "订单编号": f"40{n:017d}",
            "支付宝交易号": f"2026{n:024d}",
            "订单付款时间": ts(paid),
            "商品编码": f"XZ-{2600 + r['title']}",
            "退款完结时间": ts(NOW - dt.timedelta(hours=1)) if done else "",
            "买家会员名称": f"买家{n:03d}号",
            "买家实际支付金额": r["price"],
            "宝贝标题": TITLES[r["title"]],
            "买家退款金额": r["refund"],
            "手工退款/系统退款": "系统退款" if done else "",
            "是否需要退货": "是" if r["back"] else "否",
            "退款的申请时间": ts(created) if created else "",
            "超时时间": "" if done else timeout,
            "退款状态": r["status"],
            "货物状态": r["goods"],
            "退货物流信息": "已退回，运单号 YT0000000" + str(n) if r["goods"] == RETURNED else "",
            "发货物流信息": f"圆通速递 YT99990000{n:04d}" if r["shipped"] else "",
            "客服介入状态": r["cs"],
            "卖家真实姓名": "售后小周",
            "卖家退货地址": "浙江省温州市鹿城区 鞋都大道1号 售后仓",
            "卖家邮编": "325000",
            "卖家电话": "0577-5550123",
            "卖家手机": "",
            "退货物流单号": f"YT0000000{n}" if r["goods"] == RETURNED else "",
            "退货物流公司": "圆通速递" if r["goods"] == RETURNED else "",
            "买家退款原因": r["reason"],
            "买家退款说明": r["desc"],
            "买家退货时间": returned,
            "责任方": r["fault"],
            "售中或售后": r["phase"],
            "商家备注": "",
            "完结时间": "",
            "部分退款/全部退款": "部分退款" if partial else "全部退款",
            "审核操作人": "",
            "举证超时": evidence,
            "是否零秒响应": "否",
            "退款操作人": "",
            "退款原因标签": "",
            "是否极速退款": r["express"],
        }
        rows.append([row[c] for c in COLUMNS])
    return rows


def csv_text(header, rows):
    def cell(v):
        v = str(v)
        if any(c in v for c in ',"\n'):
            v = '"' + v.replace('"', '""') + '"'
        return v
    return "\r\n".join(",".join(cell(v) for v in r) for r in [header] + rows) + "\r\n"


def col_letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def excel_serial(t):
    return (t - dt.datetime(1899, 12, 30)).total_seconds() / 86400


def xlsx(path, sheets, merges=None):
    """A minimal XLSX: inline strings, numbers, and date cells (style 1) for
    datetime values. `sheets` is [(name, rows)]; `merges` maps a sheet index to
    merged ranges like "A1:N1"."""
    merges = merges or {}
    z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
               + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                         for i in range(len(sheets)))
               + '</Types>')
    z.writestr("_rels/.rels",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
               '</Relationships>')
    z.writestr("xl/workbook.xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               + "".join(f'<sheet name="{escape(n)}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(sheets))
               + '</sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                         for i in range(len(sheets)))
               + f'<Relationship Id="rId{len(sheets) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
               '</Relationships>')
    z.writestr("xl/styles.xml",
               '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
               '<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
               '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
               '<borders count="1"><border/></borders>'
               '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
               '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
               '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
               '</styleSheet>')
    for si, (_, rows) in enumerate(sheets):
        out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
        for ri, row in enumerate(rows):
            cells = []
            for ci, v in enumerate(row):
                ref = f"{col_letter(ci)}{ri + 1}"
                if v is None or v == "":
                    continue
                if isinstance(v, dt.datetime):
                    cells.append(f'<c r="{ref}" s="1"><v>{excel_serial(v):.10f}</v></c>')
                elif isinstance(v, (int, float)):
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
                else:
                    cells.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(str(v))}</t></is></c>')
            out.append(f'<row r="{ri + 1}">' + "".join(cells) + "</row>")
        out.append("</sheetData>")
        if merges.get(si):
            out.append(f'<mergeCells count="{len(merges[si])}">' +
                       "".join(f'<mergeCell ref="{m}"/>' for m in merges[si]) + "</mergeCells>")
        out.append("</worksheet>")
        z.writestr(f"xl/worksheets/sheet{si + 1}.xml", "".join(out))
    z.close()


def typed(rows):
    """Rows with the time columns as date cells and amounts as numbers, as Excel keeps them."""
    times = {COLUMNS.index(c) for c in ("订单付款时间", "退款完结时间", "退款的申请时间", "超时时间", "买家退货时间", "举证超时")}
    money = {COLUMNS.index(c) for c in ("买家实际支付金额", "买家退款金额")}
    out = []
    for r in rows:
        r = list(r)
        for i in times:
            if r[i]:
                r[i] = dt.datetime.strptime(r[i], "%Y-%m-%d %H:%M:%S")
        for i in money:
            r[i] = float(r[i])
        out.append(r)
    return out


STATUS_API = {WAIT_SELLER: "WAIT_SELLER_AGREE", WAIT_BUYER: "WAIT_BUYER_RETURN_GOODS",
              WAIT_CONFIRM: "WAIT_SELLER_CONFIRM_GOODS", REFUSED: "SELLER_REFUSE_BUYER",
              CLOSED: "CLOSED", SUCCESS: "SUCCESS"}
GOODS_API = {NOT_RECEIVED: "BUYER_NOT_RECEIVED", RECEIVED: "BUYER_RECEIVED", RETURNED: "BUYER_RETURNED_GOODS"}
CS_API = {"不需客服介入": 1, "需要客服介入": 2, "客服已经介入": 3}


def api_records(refunds):
    """The same kinds as taobao.refunds.receive.get returns them (fields as documented)."""
    recs = []
    for i, r in enumerate(refunds):
        n = 500 + i + 1
        created = NOW - dt.timedelta(hours=r["age"]) if r["age"] is not None else None
        if r["goods"] == NOT_RECEIVED:
            order_status = "WAIT_BUYER_CONFIRM_GOODS" if r["shipped"] else "WAIT_SELLER_SEND_GOODS"
        else:
            order_status = "TRADE_FINISHED" if r["phase"] == "售后" else "WAIT_BUYER_CONFIRM_GOODS"
        if r["status"] in (SUCCESS, CLOSED):
            order_status = "TRADE_CLOSED"
        rec = {
            "refund_id": str(20261 * 10**10 + n),
            "tid": 40 * 10**17 + n,
            "oid": 40 * 10**17 + n,
            "title": TITLES[r["title"]],
            "buyer_nick": f"买家{n:03d}号",
            "seller_nick": "踏云鞋业旗舰店",
            "total_fee": r["price"],
            "payment": r["price"],
            "refund_fee": r["refund"],
            "reason": r["reason"],
            "desc": r["desc"],
            "status": STATUS_API[r["status"]],
            "good_status": GOODS_API[r["goods"]],
            "has_good_return": r["back"],
            "order_status": order_status,
            "refund_phase": "aftersale" if r["phase"] == "售后" else "onsale",
            "cs_status": CS_API[r["cs"]],
            "advance_status": 2 if r["express"] == "是" else 0,
            "shipping_type": "free" if i % 3 else "express",
            "address": "浙江省温州市鹿城区 鞋都大道1号 售后仓",
            "modified": ts(NOW - dt.timedelta(minutes=5)),
        }
        if created:
            rec["created"] = ts(created)
        timeout = None
        if r["timeout"] is not None and created is not None:
            timeout = created + dt.timedelta(hours=r["timeout"])
        if r["returned"]:
            rec["good_return_time"] = ts(NOW - dt.timedelta(hours=r["returned"]))
            timeout = NOW - dt.timedelta(hours=r["returned"]) + dt.timedelta(days=10)
        if r["evidence"] is not None:
            timeout = NOW + dt.timedelta(hours=r["evidence"])
        if timeout and r["status"] not in (SUCCESS, CLOSED):
            # Newer replies put it in refund_remind_timeout, older ones at the top.
            if i % 2:
                rec["refund_remind_timeout"] = {"timeout": ts(timeout), "remind_type": 1, "exist_timeout": True}
            else:
                rec["timeout"] = ts(timeout)
        recs.append(rec)
    return recs


def write_fixtures():
    OUT.mkdir(parents=True, exist_ok=True)
    bad = OUT / "bad"
    bad.mkdir(exist_ok=True)
    rows = export_rows(REFUNDS)
    text = csv_text(COLUMNS, rows)
    (OUT / "export_40.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (OUT / "export_40_gbk.csv").write_bytes(text.encode("gbk"))
    xlsx(OUT / "export_40.xlsx", [("退款列表", [COLUMNS] + typed(rows))])
    recs = api_records(REFUNDS)
    reply = {"refunds_receive_get_response": {
        "refunds": {"refund": recs}, "total_results": len(recs), "has_next": False,
        "request_id": "synthetic0000000001"}}
    (OUT / "refunds_40.json").write_text(json.dumps(reply, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (OUT / "refunds_40.jsonl").write_text(
        "".join(json.dumps({"refund_get_response": {"refund": r}}, ensure_ascii=False) + "\n" for r in recs[:5]),
        encoding="utf-8")

    # Bad inputs, each with the message it must get (tests/suite/queue.rs).
    orders = ["订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "总金额", "订单状态", "收货地址"]
    (bad / "not_an_export.csv").write_bytes(("\ufeff" + csv_text(orders, [["4000000000000000001", "买家001号", "", "89.00", "0.00", "89.00", "交易成功", "浙江省杭州市西湖区"]])).encode("utf-8"))
    # A title row merged across the sheet above the header: read, said.
    title = ["退款列表导出（2026-11-23）"] + [""] * (len(COLUMNS) - 1)
    xlsx(bad / "title_row.xlsx", [("Sheet1", [title, COLUMNS] + typed(rows[:3]))], {0: [f"A1:{col_letter(len(COLUMNS) - 1)}1"]})
    # A two-row header: 金额 merged over two columns, the rest merged down.
    top = list(COLUMNS)
    sub = [""] * len(COLUMNS)
    pi, ri = COLUMNS.index("买家实际支付金额"), COLUMNS.index("买家退款金额")
    top[pi], top[ri] = "金额（元）", ""
    sub[pi], sub[ri] = "买家实际支付金额", "买家退款金额"
    xlsx(bad / "two_row_header.xlsx", [("Sheet1", [top, sub] + typed(rows[:3]))])
    # A header whose names are merged into one cell per group: nothing to read.
    merged = ["退款信息", "", "", "金额", "", "时间", "", ""]
    under = ["", "", "", "", "", "", "", ""]
    under[0], under[3] = "退款编号", "买家退款金额"
    xlsx(bad / "merged_header.xlsx", [("Sheet1", [merged, under, ["202610000000001", "", "", "10.00", "", "", "", ""]])],
         {0: ["A1:C1", "D1:E1", "F1:H1"]})
    xlsx(bad / "empty.xlsx", [("Sheet1", [])])
    xlsx(bad / "empty_first_sheet.xlsx", [("空表", []), ("退款", [COLUMNS] + typed(rows[:2]))])
    # Dates as Excel serial numbers and amounts with a currency sign, as a re-saved CSV has them.
    few = [list(r) for r in rows[:4]]
    for r in few:
        for c in ("退款的申请时间", "超时时间", "订单付款时间"):
            i = COLUMNS.index(c)
            if r[i]:
                r[i] = f"{excel_serial(dt.datetime.strptime(r[i], '%Y-%m-%d %H:%M:%S')):.6f}"
        for c in ("买家实际支付金额", "买家退款金额"):
            i = COLUMNS.index(c)
            r[i] = "￥" + r[i]
    (bad / "serials_and_signs.csv").write_bytes(csv_text(COLUMNS, few).encode("gbk"))
    # Bad rows among good ones: each said with its row, the others read.
    mixed = [list(r) for r in rows[:5]]
    mixed[1][COLUMNS.index("买家退款金额")] = "八十九"
    mixed[2][COLUMNS.index("退款的申请时间")] = "昨天下午"
    mixed[3][COLUMNS.index("退款状态")] = "处理中（未知）"
    mixed[4][COLUMNS.index("买家实际支付金额")] = "US$12.00"
    extra = COLUMNS + ["颜色分类", "尺码"]
    mixed = [r + ["白色", "42"] for r in mixed]
    (bad / "bad_rows.csv").write_bytes(("\ufeff" + csv_text(extra, mixed)).encode("utf-8"))
    (bad / "header_only.csv").write_bytes(("\ufeff" + csv_text(COLUMNS, [])).encode("utf-8"))
    (bad / "error_response.json").write_text(json.dumps({"error_response": {
        "code": 27, "msg": "Invalid session", "sub_code": "invalid-sessionkey", "sub_msg": "SessionKey非法",
        "request_id": "synthetic0000000002"}}, ensure_ascii=False) + "\n", encoding="utf-8")
    (bad / "not_refunds.json").write_text(json.dumps({"trades_sold_get_response": {"trades": {"trade": [{"tid": 1}]}}}) + "\n", encoding="utf-8")


def big(n, path):
    """An export of n rows: the 40 kinds over and over, numbers distinct, times spread over the day."""
    refunds = []
    for i in range(n):
        r = dict(REFUNDS[i % 40])
        if r["age"] is not None:
            r["age"] = (r["age"] + (i // 40) * 0.37) % 160 + 0.5
        refunds.append(r)
    rows = export_rows(refunds)
    Path(path).write_bytes(b"\xef\xbb\xbf" + csv_text(COLUMNS, rows).encode("utf-8"))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big(int(sys.argv[2]), sys.argv[3])
    else:
        write_fixtures()
