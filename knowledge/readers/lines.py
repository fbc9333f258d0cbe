"""Text helpers shared by the readers: joining broken lines, spaced-out CJK, headings.

A PDF breaks a paragraph wherever the page is full, and justified Chinese text can come out
with a space between every character (``本 公 司``). Both would break jieba's words and the
figures' units, so lines are joined without a space between Chinese characters and with one
between Latin words, and single spaces between CJK characters are dropped.
"""

from __future__ import annotations

import re

# Han characters, CJK punctuation and full-width forms: no space is needed next to them.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_RE = re.compile(f"[{_CJK}]")
_SPACED_CJK_RE = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2002\u2003\u3000]+")
# Dot leaders of a table of contents or a form: "第三节 公司业务概要 ........ 12".
LEADER_RE = re.compile(r"\s*(?:[.·•…_]\s*){4,}\s*\d*\s*$")
SENTENCE_END = "。！？!?；;：:"

_CN_NUM = "一二三四五六七八九十百零〇"
_HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(f"^第[{_CN_NUM}\\d]+[节章部篇](?:分)?(?:\\s|$|[^\\w]|[\u4e00-\u9fff])"), 1),
    (re.compile(f"^[{_CN_NUM}]{{1,3}}、\\s*\\S"), 2),
    (re.compile(f"^[（(][{_CN_NUM}]{{1,3}}[）)]\\s*\\S"), 3),
    (re.compile(r"^\d{1,2}(?:[.、．]|\s)\s*[\u4e00-\u9fff]"), 4),
    (re.compile(r"^[（(]\d{1,2}[）)]\s*[\u4e00-\u9fff]"), 5),
)
MAX_HEADING = 40


def squeeze(text: str) -> str:
    """One space for any run of blanks; none between two CJK characters (justified text)."""
    text = _SPACES_RE.sub(" ", text).strip()
    return _SPACED_CJK_RE.sub("", text)


def collapse(text: str) -> str:
    """Blanks collapsed to one space, nothing else: for HTML and Word, whose spaces between
    Chinese words are the author's ("单位：元 币种：人民币"), not a justified PDF line's."""
    return _SPACES_RE.sub(" ", text).strip()


def join_lines(lines: list[str]) -> str:
    """Lines of one paragraph as one line: no space where either side is CJK, one space
    between Latin words or figures, a hyphen at a Latin line end kept as it is."""
    out = ""
    for raw in lines:
        line = squeeze(raw)
        if not line:
            continue
        if out and not (_CJK_RE.match(out[-1]) or _CJK_RE.match(line[0]) or out[-1] == "-"):
            out += " "
        out += line
    return out


def is_cjk(ch: str) -> bool:
    return bool(_CJK_RE.match(ch))


# A statement's item, not a heading: "（二）稀释每股收益(元/股)" ends with its unit.
_UNIT_END_RE = re.compile(r"[(（](?:元|万元|千元|百万元|亿元|元/股|%|％|人|户|股)[)）]$")


def heading_level(line: str) -> int:
    """1 for 第三节/第一章, 2 for 一、, 3 for （一）, 4 for 1. / 1、, 5 for (1); 0 for no
    heading. A heading is short and does not end a sentence: "1. 报告期内，公司实现营业收入…。"
    is a numbered paragraph, and "（1）各类金融资产的账面价值如下：" introduces a table."""
    line = line.strip()
    if not line or len(line) > MAX_HEADING or line[-1] in "。；;，,：:" \
            or _UNIT_END_RE.search(line):
        return 0
    for pattern, level in _HEADING_PATTERNS:
        if pattern.match(line):
            # 1、2月 and 一、二季度 are months and quarters, not numbered headings.
            if level in (2, 4) and re.match(f"^[\\d{_CN_NUM}]+、[\\d{_CN_NUM}]", line):
                return 0
            return level
    return 0
