"""The top shareholders table: "第一大股东是谁", "前十大股东", "邢博越持股比例多少".

A-share reports state it as one table (前十名股东持股情况) whose header row names the columns
(股东名称 | 股东性质 | 持股比例 | 持股数量 | …) over ten rows, largest holder first. Read as
sentences, the header is one passage ("股东名称：股东性质，持股比例，持股数量，…。") and each holder
another ("华润医药控股有限公司：国有法人，63.22%，1,052,142,679股，0股。"); ranking by words
finds the header, which names every column and states nothing. This module pairs each holder's
values with the header's columns, so the answer is the row, in the report's order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from knowledge.models import Passage
from knowledge.text import normalize, without_names

MAX_HOLDERS = 10
_HEADER_RE = re.compile(r"^股东名称(?:[(（]全称[)）])?\s*(股东性质)?\s*[:：](.+?)。?$")
# Where text taken from a PDF ran 股东名称 and 股东性质 into one label, each row's label holds
# the holder's kind after its name ("华润医药控股有限公司国有法人"); a kind broken over two
# lines keeps its first one (境内非国有法).
_KIND_TAIL_RE = re.compile(r"(国有法人|国有股东|境外法人|境内非国有法人?|境内自然人|境外自然人"
                           r"|国家|其他)$")
_ROW_RE = re.compile(r"^(.{2,60}?)[:：](.+?)。?$")
_SPLIT_RE = re.compile(r"\s*[,，]\s*")  # a header's column names
_VALUES_RE = re.compile(r"\s*，\s*")  # a row's values: 1,052,142,679 keeps its commas
_NUMBER_RE = re.compile(r"^-?[\d,]+(?:\.\d+)?")

_FIRST_RE = re.compile(r"第一大股东|最大(?:的)?股东|头号股东|大股东是|控股股东")
# "第二大股东", "第3名股东": the holder in that place of the table.
_NTH_RE = re.compile(r"第([二三四五六七八九十]|10|[2-9])(?:大|名|位)股东")
_COUNT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "十": 10}
_LIST_RE = re.compile(
    r"前([十五三两二]|10|[2-9])(?:名|大|位)?股东|(十|五|三|10|5|3)大股东|主要股东(?:有哪些|是谁|都有谁)")
# "前十大股东合计持股比例": the listed holders' shares summed, a computed figure.
_TOTAL_RE = re.compile(r"合计|加起来|加埋|一共|总共|共计|合共|总计|之和|总和|累计")
_RATIO_RE = re.compile(r"持股比例|持股比重|持股多少|持有多少股|持股数量|占股|股份比例")
# What a question about the holders may say besides that and the company.
_ASKING_RE = re.compile(
    # Cantonese first: 系边个 (是谁), 几多 (多少), 佢 (他), 嘅 (的).
    r"系边个|边个|边间|系咩|几多|系|佢|嘅|咗|啲|呀|啊|他|她|它"
    r"|是谁|是哪家|是哪个|哪家|哪个|谁|有哪些|都有谁|都有哪些|叫什么|是什么|是多少|多少|几|的|是|呢|吗"
    r"|请问|公司|报告期末|期末|截至|目前|现在|现任|和|及|[?？!！。,，\s]")


@dataclass(frozen=True)
class Holder:
    name: str
    kind: str          # 股东性质 (国有法人), "" when not stated
    ratio: str         # "63.22%", "" when not read
    shares: str        # "1,052,142,679股", "" when not read
    passage: Passage


def _column(columns: list[str], *words: str) -> int | None:
    return next((i for i, c in enumerate(columns) if any(w in c for w in words)), None)


def _ratio(value: str) -> str:
    """"63.22%", or "19.63股" under a 持股比例(%) column the table's 单位：股 was added to."""
    m = _NUMBER_RE.match(value)
    if m is None or "," in m.group(0) or float(m.group(0)) > 100:
        return ""
    return m.group(0) + "%"


_NAMED_RATIO_RE = re.compile(r"持股比例(?:[(（]%[)）])?\s*(-?[\d.]+)\s*%?")
_NAMED_SHARES_RE = re.compile(r"持股(?:数量|总数)(?:[(（]股[)）])?\s*([\d,]+)\s*股?")
_NAMED_KIND_RE = re.compile(r"股东性质\s*([\u4e00-\u9fff]{2,10})")


def _named_row(passage: Passage) -> Holder | None:
    """A row said with its columns' names ("青松控股有限公司：股东性质国有法人，持股比例63.00%，
    持股数量622,569,632，…": a table whose header row was read as its header)."""
    m = _ROW_RE.match(passage.text.strip())
    if m is None:
        return None
    ratio = _NAMED_RATIO_RE.search(m.group(2))
    if ratio is None or not _ratio(ratio.group(1)):
        return None
    shares = _NAMED_SHARES_RE.search(m.group(2))
    kind = _NAMED_KIND_RE.search(m.group(2))
    name = m.group(1).strip()
    tail = _KIND_TAIL_RE.search(name) if kind is None else None
    if tail is not None and tail.start() >= 2 and tail.group(1).endswith(("法人", "法", "自然人")):
        name = name[:tail.start()].strip()  # 股东性质 ran into the name's column
    return Holder(name, kind.group(1) if kind else (tail.group(1) if tail else ""),
                  _ratio(ratio.group(1)), shares.group(1) + "股" if shares else "", passage)


# A holder's row read from text laid out without a table (an annual report's 前十名股东持股情况
# as pdftotext gives it): "邢博越 8,705,894 73,272,546 19.63 质押 53,273,495 境内自然人" —
# name, the change in the year (may be absent), the shares held, the percentage.
_SPACED_ROW_RE = re.compile(
    r"^([\u4e00-\u9fffA-Za-z（）()·\-－]{2,40}?)\s+(?:[-−]?[\d,]+\s+)?([\d,]{5,})\s+"
    r"(\d{1,2}\.\d{2})(?![\d%])(.*)$")
_SPACED_HEADER_RE = re.compile(r"^股东名称")


def _spaced_rows(passages: Sequence[Passage], start: int) -> list[Holder]:
    """The holders' rows after the header line at ``start``, up to the first line that is not
    one (a name a narrow column wrapped): the rows read are the first holders, in order."""
    rows: list[Holder] = []
    begun = False
    for passage in passages[start + 1:start + 1 + 3 * MAX_HOLDERS]:
        m = _SPACED_ROW_RE.match(passage.text.strip())
        if m is None:
            if begun:
                break
            continue  # the header's other lines
        begun = True
        rest = m.group(4).strip()
        tail = _KIND_TAIL_RE.search(rest)
        rows.append(Holder(m.group(1), tail.group(1) if tail else "", m.group(3) + "%",
                           m.group(2) + "股", passage))
        if len(rows) == MAX_HOLDERS:
            break
    return rows


def _owned_whole(rows: list[Holder]) -> bool:
    """A first "holder" with 100%: a table of subsidiaries (全资子公司), not of shareholders."""
    return bool(rows) and float(rows[0].ratio.rstrip("%") or 0) >= 100


def table(passages: Sequence[Passage]) -> list[Holder]:
    """The first table of holders with their 持股比例 or 持股数量, in the report's order, under
    a heading about the shareholders: an annual report's tables of subsidiaries state a
    持股比例 too (全资子公司 100%, 控股子公司 59.125%)."""
    # Each heading normalised once: a report has thousands of passages under a few hundred.
    about = {h for h in {p.heading for p in passages} if "股东" in normalize(h)}
    # A summary's table under a section named otherwise (公司基本情况), its header row
    # naming the holders' column.
    about |= {p.heading for p in passages if p.text.lstrip().startswith("股东名称")}
    return _table([p for p in passages if p.heading in about])


def _table(passages: Sequence[Passage]) -> list[Holder]:
    for i, passage in enumerate(passages):
        if _SPACED_HEADER_RE.match(passage.text.strip()) and not _HEADER_RE.match(
                normalize(passage.text).strip()):
            spaced = _spaced_rows(passages, i)
            if spaced and not _owned_whole(spaced):
                return spaced
        first = _named_row(passage)
        if first is not None:
            rows = [first]
            for row in passages[i + 1:i + MAX_HOLDERS]:
                found = _named_row(row) if row.document == passage.document else None
                if found is None:
                    break
                rows.append(found)
            if not _owned_whole(rows):
                return rows
            continue
        header = _HEADER_RE.match(normalize(passage.text).strip())
        if header is None:
            continue
        columns = _SPLIT_RE.split(header.group(2).strip())
        kind_in_label = header.group(1) is not None
        ratio_at = _column(columns, "持股比例", "比例")
        shares_at = _column(columns, "持股数量", "持股总数", "期末持股")
        if ratio_at is None and shares_at is None:
            continue
        kind_at = _column(columns, "股东性质")
        holders: list[Holder] = []
        for row in passages[i + 1:i + 1 + 2 * MAX_HOLDERS]:
            if len(holders) == MAX_HOLDERS:
                break
            if row.document != passage.document or _HEADER_RE.match(normalize(row.text)):
                break
            m = _ROW_RE.match(row.text.strip())
            if m is None:
                break
            values = _VALUES_RE.split(m.group(2).strip())
            # A row's empty cells are left out of its sentence (no 报告期内增减 for a holder
            # whose stake did not change): its values stand that many columns to the left.
            shift = next((k for k in range(max(0, len(columns) - len(values)) + 1)
                          if ratio_at is None or ratio_at < k or _ratio(
                              values[ratio_at - k] if ratio_at - k < len(values) else "")), 0)

            def at(k: int | None, values: list[str] = values, shift: int = shift) -> str:
                if k is None or k < shift:
                    return ""
                return values[k - shift] if k - shift < len(values) else ""

            shares = at(shares_at)
            name, kind = m.group(1).strip(), at(kind_at)
            if holders and not _ratio(at(ratio_at)) and not _NUMBER_RE.match(shares) \
                    and len(name) <= 10 and all(len(v) <= 8 for v in values):
                # A name a narrow column wrapped ("世纪金花股份" over "有限公司"): the
                # holder above goes on.
                last = holders[-1]
                holders[-1] = Holder(last.name + name, last.kind, last.ratio, last.shares,
                                     last.passage)
                continue
            if holders and not _ratio(at(ratio_at)) and not _NUMBER_RE.match(shares):
                break  # a note under the table (上述股东关联关系…的说明), no holder
            tail = _KIND_TAIL_RE.search(name) if kind_in_label else None
            if tail is not None and tail.start() >= 2:
                name, kind = name[:tail.start()].strip(), tail.group(1)
            holders.append(Holder(
                name, kind, _ratio(at(ratio_at)), shares if _NUMBER_RE.match(shares) else "",
                row))
        if holders and not _owned_whole(holders):
            return holders
    return []


# "邢博越及其一致行动人合计持股比例", "实控人和一致行动人加起来持股多少".
_TOGETHER_RE = re.compile(r"一致行动")
_SHARES_ASKED_RE = re.compile(r"多少股|几多股|股数|持股数量|持有多少|股份数")


def acting_together(text: str, passages: Sequence[Passage], holders: Sequence[Holder],
                    names: Sequence[str]) -> str | None:
    """The holders the report says act together (…邢博越与杨蓓、杜玲为一致行动人), their stakes
    summed (计算, each named), for a question asking their total; None when it asks none or
    the report names no such group among the holders read."""
    norm = without_names(normalize(text), names)
    if not _TOGETHER_RE.search(norm) or not _TOTAL_RE.search(norm):
        return None
    said = next((p for p in passages if "一致行动人" in p.text and sum(
        h.name in p.text for h in holders if len(h.name) >= 2) >= 2), None)
    if said is None:
        return None
    group = sorted((h for h in holders if len(h.name) >= 2 and h.name in said.text),
                   key=lambda h: said.text.index(h.name))
    shares = bool(_SHARES_ASKED_RE.search(norm)) and "比例" not in norm
    if shares:
        if not all(_NUMBER_RE.match(h.shares) for h in group):
            return None
        total = sum(float(h.shares.rstrip("股").replace(",", "")) for h in group)
        inputs = " + ".join(f"{h.name}{h.shares}" for h in group)
        return f"{group[0].name}及其一致行动人合计持股（计算）：{total:,.0f}股 = {inputs}。"
    if not all(h.ratio for h in group):
        return None
    summed = sum(float(h.ratio.rstrip("%")) for h in group)
    inputs = " + ".join(f"{h.name}{h.ratio}" for h in group)
    return f"{group[0].name}及其一致行动人合计持股比例（计算）：{summed:.2f}% = {inputs}。"


def may_ask(text: str) -> bool:
    """Whether a question may be about the holders (cheap: no table is read)."""
    norm = normalize(text)
    return any(p.search(norm) for p in (_LIST_RE, _FIRST_RE, _RATIO_RE, _NTH_RE, _TOGETHER_RE))


def _only_asking(rest: str, is_company: Callable[[str], bool] | None) -> bool:
    """Whether ``rest`` says nothing but asking words and names of the company (三九 of
    华润三九)."""
    left = _ASKING_RE.sub(" ", rest).split()
    return all(is_company is not None and is_company(w) for w in left)


def asked(text: str, names: Sequence[str], holders: Sequence[Holder],
          is_company: Callable[[str], bool] | None = None) -> tuple[str, int | None]:
    """("first" | "list" | "ratio" | "total" | "top", the holder named, or the count summed or
    listed) for a question about the holders; ("", None) otherwise. A 持股比例 question naming
    no holder is about the largest."""
    norm = without_names(normalize(text), names)
    named = next((k for k, h in enumerate(holders) if len(h.name) >= 2 and h.name in norm), None)
    if named is not None:
        norm = norm.replace(holders[named].name, " ")
    if named is None and (nth := _NTH_RE.search(norm)) is not None:
        # "第二大股东系边个": the holder in that place, asked like the first.
        place = _place(nth.group(1))
        if place > len(holders):
            return "", None
        norm, named = norm[:nth.start()] + "第一大股东" + norm[nth.end():], place - 1
    listed = _LIST_RE.search(norm)
    if named is None and listed is not None and _TOTAL_RE.search(norm):
        rest = _TOTAL_RE.sub(" ", _RATIO_RE.sub(" ", _LIST_RE.sub(" ", norm)))
        if _only_asking(rest, is_company):
            return "total", _place(listed.group(1) or listed.group(2) or "十")
    for what, pattern in (("list", _LIST_RE), ("first", _FIRST_RE), ("ratio", _RATIO_RE)):
        m = pattern.search(norm)
        if m is None:
            continue
        rest = _RATIO_RE.sub(" ", pattern.sub(" ", norm))
        if _only_asking(rest, is_company):
            if what == "list" and named is None:
                count = _place(m.group(1) or m.group(2) or "十")
                if 0 < count < MAX_HOLDERS:
                    return "top", count  # "前三大股东是谁": the first three
            return what, named
    return "", None


def _place(word: str) -> int:
    return int(word) if word.isdigit() else _COUNT.get(word, 0)


def said(holder: Holder) -> str:
    parts = [f"持股比例{holder.ratio}" if holder.ratio else "",
             f"持股数量{holder.shares}" if holder.shares else ""]
    kind = f"（{holder.kind}）" if holder.kind and not _NUMBER_RE.match(holder.kind) else ""
    return holder.name + kind + "".join(f"，{p}" for p in parts if p)


def total(count: int, holders: Sequence[Holder]) -> str | None:
    """"前十名股东合计持股比例（计算）：74.95% = 63.00% + …": the first ``count`` holders'
    percentages summed; None when the table read holds fewer, or a percentage is not read."""
    top = list(holders[:count])
    if count < 2 or len(top) < count or not all(h.ratio for h in top):
        return None
    summed = sum(float(h.ratio.rstrip("%")) for h in top)
    inputs = " + ".join(f"{h.name}{h.ratio}" for h in top)
    return f"前{count}名股东合计持股比例（计算）：{summed:.2f}% = {inputs}。"


def reply(what: str, named: int | None, holders: Sequence[Holder]) -> tuple[str, Passage]:
    if what == "total":
        summed = total(named or 0, holders)
        if summed is not None:
            return summed, holders[0].passage
        what, named = "list", None  # fewer holders read than asked: the list, not a sum
    if what == "top" and named is not None:
        holders, what, named = holders[:named], "list", None
    if what == "list" and named is None:
        listed = "；".join(f"{k}. {h.name}" + (f" {h.ratio}" if h.ratio else "")
                          for k, h in enumerate(holders, 1))
        return f"前{len(holders)}名股东：{listed}。", holders[0].passage
    holder = holders[named if named is not None else 0]
    place = named + 1 if named is not None else 1
    cn = next((w for w, n in _COUNT.items() if n == place), str(place))
    head = f"第{cn}大股东为" if what == "first" or (
        what == "list" and named in (None, 0)) else ""
    return f"{head}{said(holder)}。", holder.passage
