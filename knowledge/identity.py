"""Whose report a document is, and for which period — read from the document itself.

Chinese disclosures say it on the cover and in 公司简介 (A-shares: "股票简称 张家界 /
股票代码 000430 / 公司的中文名称 …", "证券代码：601398 证券简称：工商银行",
"法定中文名称：兴业银行股份有限公司（简称：兴业银行）"; Hong Kong: "（股份代號：328）",
"截至二零二五年三月三十一日止年度"), and the title
names the kind of report ("2016 年年度报告", "二〇二三年第一季度报告", "經審核全年業績公告"). This
module reads those lines from the first pages' text; an operator file (``documents.txt``,
see FORMATS.md) can say what a document does not.

The reading is deliberately narrow: labelled fields and title lines only, never a guess from
prose, so a document whose company cannot be read says so (``kb check`` warns) instead of
being filed under the wrong company.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from knowledge.cleaning import convert_numerals
from knowledge.text import normalize

HEAD_CHARS = 40_000  # the cover, contents and 公司简介 of an annual report fit in this

KINDS = {
    "annual": "年度报告",
    "half": "半年度报告",
    "q1": "第一季度报告",
    "q3": "第三季度报告",
    "results": "业绩公告",
    "news": "新闻稿",
}
_PERIOD_END = {"annual": "12-31", "half": "06-30", "q1": "03-31", "q3": "09-30"}
_CORP_SUFFIX_RE = re.compile(
    r"(?:集团)?(?:股份)?有限(?:责任)?公司$|(?:holdings?\s+)?(?:co\.?,?\s*)?(?:ltd\.?|limited)$",
    re.IGNORECASE,
)
_NAME = r"([\u3400-\u9fffA-Za-z（）()·&]{2,40}?(?:股份有限公司|有限责任公司|有限公司|银行|集团))"
_NAME_RUN = r"([\u3400-\u9fff（）()·&]{4,40})"
_SUFFIX_RE = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|银行|集团)")

# Labelled fields, on normalised text (simplified characters, spaces between Chinese removed,
# full-width punctuation folded). A label may be followed by its value on the next line.
_FIELDS = {
    "company": [
        re.compile(r"(?:公司的中文名称|法定中文名称|中文名称|公司名称)[:：|]?[\s|]*" + _NAME_RUN),
    ],
    "short": [
        re.compile(r"(?:股票简称|证券简称|A股简称|a股股票简称|公司简称|公司的中文简称)[:：|]?[\s|]*"
                   r"([\u3400-\u9fffA-Za-z]{2,12})"),
        re.compile(r"[（(]\s*简称[:：]?\s*[“\"「]?([\u3400-\u9fffA-Za-z]{2,12})[”\"」]?\s*[）)]"),
    ],
    "english": [
        re.compile(r"(?:公司的外文名称(?:[（(]如有[）)])?|法定英文名称|英文名称)[:：|]?[\s|]*"
                   r"([A-Za-z][A-Za-z0-9 .,&'()-]{3,80})", re.IGNORECASE),
    ],
    "code": [
        # "Stock Code 股份代號 / Hong Kong Stock Exchange: 717 香港聯合交易所：717".
        re.compile(r"(?:股票代码|证券代码|A股股票代码|a股代码|H股股票代码|股份代号|股票代号|"
                   r"股份代码)[\s|]*[:：]?[\s|]*"
                   r"(?:[^\n\d:：]{0,30}(?:交易所|stock exchange)\s*[:：]\s*)?(\d{3,6})"),
        # Two-column layouts put the value some lines after its label.
        re.compile(r"(?:股票代码|证券代码)[\s\S]{0,300}?(?<!\d)([036]\d{5})(?!\d)"),
    ],
}
# A "value" that is another label ("股票简称和股票代码：" is a heading, not a name).
_LABEL_WORDS_RE = re.compile(r"代码|代号|简称|名称|股票|证券|上市|交易所|地点")
# A value run on into the next label ("民生银行股份代号"): cut where the label starts.
_LABEL_TAIL_RE = re.compile(r"(?:股份|股票|证券)?(?:代号|代码)|(?:股票|证券)?简称|公告编号")
# 释义: "本行、本公司、中国民生银行、民生银行 指 中国民生银行股份有限公司".
_GLOSSARY_RE = re.compile(
    r"((?:本公司|本行|本集团)(?:\s*[、，,]\s*[\u3400-\u9fffA-Za-z]{2,12}){0,6})\s*指\s*"
    + r"(?![导出示引定明望标])" + _NAME_RUN)
# A press release's headline: "中國安芯於 2012 年取得亮麗業績".
_PRESS_TITLE_RE = re.compile(
    r"^([\u3400-\u9fff]{2,8}?)(?:于|公布|宣布|发布)\s*(?:19|20)\d{2}\s*年.{0,12}业绩")
_THE_COMPANY_RE = re.compile(
    r"([A-Z][A-Za-z&.-]*(?:\s+[A-Z][A-Za-z&.-]*){0,5}\s+(?:Holdings\s+)?(?:Limited|Ltd\.?))"
    r"\s*[（(]\s*[「“\"]?\s*本\s*公\s*司")
_LATIN_COMPANY_RE = re.compile(
    r"([A-Z][A-Za-z&.-]*(?:\s+[A-Z][A-Za-z&.-]*){0,5}\s+(?:Holdings\s+)?(?:Limited|Ltd\.?|"
    r"Company Limited|Corporation|Group))")
# The company's own web address, as its 公司资料 page or cover labels it ("公司網址 www.beisen.com",
# "網址： http://www.alco.com.hk", "本公司亦將所有企業通訊刊登於本公司網站 www.ernestborel.ch"): the
# name in it is one followers use ("Ernest Borel" for 依波路). Labels naming an exchange's site
# ("证券交易所网址 www.sse.com.cn") are not the company's.
_SITE_RE = re.compile(
    r"(?:(?:^|\n)\s*|(?:本?公司|company)\s*)(?:网址|网页|网站|website)"
    r"(?:\s*(?:公司)?(?:网址|网页|网站))?[:：|]?[\s|]*"
    r"(?:https?://)?www\.([a-z]{4,30})\.(?:com|cn|hk|ch|net|org)\b", re.IGNORECASE)
_TITLE_KIND = [
    ("half", re.compile(r"(?:半年度报告|中期报告|半年报|中期业绩)")),
    ("q1", re.compile(r"第一季度报告|一季度报告|第一季度业绩")),
    ("q3", re.compile(r"第三季度报告|三季度报告|第三季度业绩")),
    ("annual", re.compile(r"年度报告|年报(?!告)")),
    ("results", re.compile(r"(?:全年|年度|末期)?业绩公告|业绩公布")),
    ("news", re.compile(r"新闻稿|即时发布|新闻发布|取得.{0,6}业绩|公布.{0,8}业绩")),
]
_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年")
_MONTHS_TO_RE = re.compile(r"截至\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*止\s*"
                           r"([六6九9三3])\s*个\s*月")
_TO_DATE_RE = re.compile(r"截至\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Identity:
    """Whose report, and which period; ``None``/empty where the document does not say."""

    company: str | None = None          # full legal name, as the document writes it
    short: str | None = None            # 证券简称
    codes: tuple[str, ...] = ()
    english: str | None = None
    site: str | None = None             # the name in its web address: "beisen" (www.beisen.com)
    former: tuple[str, ...] = ()        # former names (operator file)
    kind: str | None = None             # a key of KINDS
    year: int | None = None             # the fiscal year the report is about
    period_end: str | None = None       # YYYY-MM-DD
    notes: tuple[str, ...] = field(default=(), compare=False)  # what could not be read

    @property
    def name(self) -> str | None:
        """How replies name the company: the short name, else the full one without its legal
        form (比亚迪股份有限公司 → 比亚迪), else the English one."""
        if self.short:
            return self.short
        if self.company:
            return _CORP_SUFFIX_RE.sub("", normalize(self.company)) or self.company
        return self.english

    @property
    def label(self) -> str:
        """"民生银行 2021年年度报告" — for kb check, welcomes and ask-backs."""
        period = f"{self.year}年" if self.year else ""
        kind = KINDS.get(self.kind or "", "报告")
        return f"{self.name or '未知公司'} {period}{kind}".strip()

    def aliases(self) -> set[str]:
        """Every normalised name a follower may use for the company (see :func:`aliases`)."""
        return aliases(self)


_GENERIC_STEMS = frozenset({"银行", "公司", "集团", "控股", "股份", "有限公司"})
# Words a company name may end in that say its trade or form, not who it is.
_TRADE_TAIL_RE = re.compile(
    r"(?:控股|集团|国际|药业|医药|制药|科技|技术|实业|发展|投资|电子|电业|电器|工业|"
    r"旅游|地产|置业|能源|化工|食品|传媒|文化|物流|贸易|网络|信息|智能)$")
_PLACE_RE = re.compile(r"中国|香港|中华|亚洲|环球|全球|华夏|国际|北京|上海|深圳|广州")

_PLACES = frozenset({"中国", "香港", "中华", "亚洲", "国际"})


def holding_names(names: set[str], suffixes: Sequence[str] = ("控股", "集团")) -> set[str]:
    """中國安芯控股 → 中國安芯, 騰訊控股 → 騰訊: a holding company goes by its name alone (a
    question's name for the company, not one the reports' replies use); with 股份 among the
    ``suffixes``, 金花股份 → 金花 too."""
    out: set[str] = set()
    ending = re.compile("(?:" + "|".join(map(re.escape, suffixes)) + ")$")
    for name in names:
        held = ending.sub("", name)
        if held != name and len(held) >= 2 and held not in _PLACES and \
                re.fullmatch(r"[\u3400-\u9fff]+", held):
            out.add(held)
    return out


def aliases(identity: Identity) -> set[str]:
    """Names, without legal suffixes, short names, codes in their usual spellings, and the
    usual short forms of bank names (工商银行 → 工行)."""
    found: set[str] = set()
    for name in (identity.company, identity.short, identity.english, *identity.former):
        if not name:
            continue
        norm = normalize(name).strip()
        found.add(norm)
        bare = _CORP_SUFFIX_RE.sub("", norm).strip(" ,.")
        if len(bare) >= 2:
            found.add(bare)
        # 中國安芯控股 → 中国安芯, 博智國際藥業控股 → 博智国际药业, 博智国际, 博智: followers
        # drop the trade words from the end of a name as its own press releases do.
        cores = []
        core = bare
        while (m := _TRADE_TAIL_RE.search(core)) and len(core) - len(m.group(0)) >= 2:
            core = core[: m.start()]
            if core not in _GENERIC_STEMS and not _PLACE_RE.fullmatch(core):
                cores.append(core)
        found.update(cores)
        for stem in (norm, bare, *cores):
            # 中国民生银行 → 民生银行, 中国安芯 → 安芯; never 中国银行 → 银行.
            rest = stem[2:] if stem.startswith("中国") else ""
            if len(rest) >= 2 and rest not in _GENERIC_STEMS:
                found.add(rest)
    for name in list(found):
        if name.endswith("银行") and len(name) == 4:
            found.add(name[0] + "行")   # 工商银行 → 工行, 建设银行 → 建行
            found.add(name[:2])         # 民生银行 → 民生
    if identity.site:
        found.add(identity.site.lower())
    for code in identity.codes:
        digits = code.lstrip("0") or "0"
        found.update({code, digits.zfill(4) + ".hk", digits.zfill(5)} if len(code) <= 5
                     else {code})
        if len(code) <= 5:
            found.add(digits.zfill(4) + "hk")
    return {a for a in found if len(a) >= 2}


def _undouble(line: str) -> str:
    """A title drawn twice over itself reads every glyph twice ("22002222 年年年年度度报报告告"
    in 兴业银行's cover): such a run is read once."""
    out = []
    for word in line.split(" "):
        if len(word) >= 4 and len(word) % 2 == 0 and word[0::2] == word[1::2]:
            word = word[0::2]
        out.append(word)
    return " ".join(out)


def _flat(text: str, numerals: bool = True) -> str:
    """Normalised text with the spaces of justified Chinese lines removed and each line
    joined to the next when a label stands alone on its line."""
    text = "\n".join(_undouble(line) for line in text.splitlines())
    # 二〇二三年 → 2023年, 二零二五年三月三十一日 → 2025年3月31日 (the questions' own conversion).
    norm = convert_numerals(normalize(text)) if numerals else normalize(text)
    norm = re.sub(r"(?<=[\u3400-\u9fff（）:：])[ \t]+(?=[\u3400-\u9fff（）:：\d])", "", norm)
    norm = re.sub(r"(?<=\d)[ \t]+(?=年)", "", norm)
    norm = re.sub(r"(?<=年)[ \t]+(?=\d)", "", norm)
    return norm


def read_identity(text: str, filename: str = "", running: Sequence[str] = ()) -> Identity:
    """The identity of a document from the text of its first pages; ``running`` are the
    running headers and footers dropped from it, a name of last resort (a cover printing the
    name only as a logo)."""
    head = _flat(text[:HEAD_CHARS])
    # Labels and values on separate lines ("股票简称\n\n张家界"): read across one line break.
    # Names are read before numerals become digits: 华润三九 is a name, not 华润39.
    joined = re.sub(r"\n\s*\n?", "\n", _flat(text[:HEAD_CHARS], numerals=False))
    found: dict[str, str] = {}
    for key, patterns in _FIELDS.items():
        for pattern in patterns:
            value = next((v for text in (joined, joined.replace("\n", " "))
                          for m in pattern.finditer(text)
                          if (v := _LABEL_TAIL_RE.split(m.group(1))[0].strip())
                          and len(v) >= 2 and not _LABEL_WORDS_RE.search(v)), None)
            if value:
                found[key] = value
                break
    flat = joined.replace("\n", " ")
    # The first code is the document's own; a later one inside brackets is another listed
    # company's, named in a director's biography ("一家于香港联交所上市的公司,股份代号:9939").
    found_codes = [m for pattern in _FIELDS["code"][:1] for m in pattern.finditer(flat)]
    codes = tuple(dict.fromkeys(
        m.group(1) for i, m in enumerate(found_codes) if i == 0 or not _bracketed(flat, m.start())))
    if not codes and "code" in found:
        codes = (found["code"],)
    company = _legal_name(found["company"]) if "company" in found else None
    former: list[str] = []
    glossary = _GLOSSARY_RE.search(joined.replace("\n", ""))
    if glossary:
        company = company or _legal_name(glossary.group(2))
        former = [a for a in re.split(r"[、，,\s]+", glossary.group(1))
                  if len(a) >= 2 and a not in ("本公司", "本行", "公司", "本集团", "上市公司")]
    if company is None:
        # A legal name repeated in the margin of page after page is the report's own; a
        # title read off the first pages may be a firm's beside it (a share registrar in a
        # two-column 公司資料 page a converter ran together) — unless the margin's is the
        # end of the title's (a footer split over two lines: "國際藥業控股有限公司").
        margin = next((name for line in running for piece in _margin_pieces(line)
                       if (name := _legal_name(piece))
                       and _LEGAL_RUN_RE.fullmatch(name) and len(name) >= 6), None)
        title = _title_company(head)
        company = title if title and (margin is None or margin in title) else margin
    short = _one_short(found["short"]) if "short" in found else None
    if short is None and company is None:
        short = _title_short(head)
    if short is None:
        press = next((m for line in head.splitlines()[:40]
                      if (m := _PRESS_TITLE_RE.match(line.strip()))), None)
        short = press.group(1) if press else None
    english = _english(found["english"]) if "english" in found else None
    if english is None:
        m = _THE_COMPANY_RE.search(text[:HEAD_CHARS])
        english = m.group(1).strip() if m else None
    site = _SITE_RE.search(joined)
    kind, year, end = _period(head, filename)
    if kind is None and running:
        # The title was every page's running header, dropped with them (converted text).
        kind2, year2, end2 = _period("\n".join(_flat(line) for line in running), "")
        if kind2 is not None and year2 is not None and year in (None, year2):
            kind, year, end = kind2, year2, end2
    if short is None and former:
        short = min(former, key=len) if min(map(len, former)) >= 4 else None
    notes = []
    if not (company or short or english):
        notes.append("公司名称")
    if year is None:
        notes.append("报告期")
    return Identity(
        company=company,
        short=short,
        codes=codes,
        english=english,
        site=site.group(1).lower() if site else None,
        former=tuple(a for a in former if a not in (company, short)),
        kind=kind,
        year=year,
        period_end=end,
        notes=tuple(notes),
    )


def _one_short(value: str) -> str:
    """The A share's short name of an A+B company's two ("公司简称：宝信软件 宝信B", read as one
    run "宝信软件宝信b"): the run cut where the second name starts as the first does."""
    for cut in range(2, len(value) - 1):
        if value[cut:cut + 2] == value[:2]:
            return value[:cut]
    return value


# The auditor, lawyers or share registrar a cover or corporate page names: never the company.
FIRM_RE = re.compile(r"会计师事务所|律师事务所|核数师|过户登记|证券登记|执业会计师")


def _legal_name(run: str) -> str | None:
    """A name cut after its legal form ("兴业银行股份有限公司（简称" → 兴业银行股份有限公司,
    "中国民生银行股份有限公司本集团" → 中国民生银行股份有限公司), or after 银行/集团."""
    run = re.split(r"[（(]\s*简称|[（(]以下", run)[0]
    # A letter's addressee ("致中國安芯控股有限公司列位股東"), a heading "關於中國安芯控股有限公司".
    run = re.sub(r"^(?:致|关于)", "", run)
    if run[:1] in "（(" or "注册成立" in run:
        return None  # "（於百慕達註冊成立之有限公司）" says where, not who
    if FIRM_RE.search(run):
        return None  # the auditor, lawyers or share registrar on the corporate page
    legal = re.search(r"股份有限公司|有限责任公司|有限公司", run)
    if legal:
        return run[: legal.end()] if legal.end() >= 6 else None
    ends = [m.end() for m in _SUFFIX_RE.finditer(run)]
    return run[: ends[-1]] if ends and ends[-1] >= 4 else None


def _english(run: str) -> str | None:
    m = re.match(r"(.+?(?:LIMITED|LTD\.?|CO\.?,?\s*LTD\.?|CORPORATION|INC\.?|BANK|GROUP|PLC))"
                 r"(?![A-Za-z])", run, re.IGNORECASE)
    return (m.group(1) if m else run).strip(" ,")


def _title_company(head: str) -> str | None:
    """The company a title or running-header line names ("张家界旅游集团股份有限公司2016年
    年度报告全文", or "中国民生银行股份有限公司" alone on a line, again and again), or a Hong
    Kong cover names: the Chinese name on the line before "（於開曼群島註冊成立之有限公司）" /
    "（股份代號：1149）", or on the title line "Broad Intelligence … Limited
    博智國際藥業控股有限公司 Annual Report 2009 年報"."""
    lines = [line.strip().lstrip("#").strip() for line in head.splitlines()]
    for line in lines[:60]:
        m = re.match(r"^" + _NAME_RUN + r"(?:\s*(?:19|20)\d{2}年|\s*$)", line)
        name = _legal_name(m.group(1)) if m else None
        if name and len(name) >= 6 and (not line.endswith(name) or lines.count(line) >= 3):
            return name
    shown = [line for line in lines[:80] if line]
    for i, line in enumerate(shown):
        # The name is all the Chinese of its line (a disclaimer naming HKEX is not a cover).
        han = _HK_TITLE_RE.sub("", "".join(re.findall(r"[\u3400-\u9fff]+", line)))
        name = _legal_name(han) if _LEGAL_RUN_RE.fullmatch(han) else None
        below = " ".join(shown[i + 1:i + 3])
        if name and len(name) >= 6 and (_HK_COVER_RE.search(below) or _HK_TITLE_RE.search(
                line + below)):
            return name
    return None


# What a Hong Kong cover prints under the company's name, and a report title on its line.
_HK_COVER_RE = re.compile(r"注册成立|股份代号|stock code", re.IGNORECASE)
_HK_TITLE_RE = re.compile(r"年报|年度报告|中期报告|业绩公布|业绩公告|annual report|interim report",
                          re.IGNORECASE)
def _margin_pieces(line: str) -> list[str]:
    """The parts of a running header or footer: "1 中國安芯控股有限公司 – 二零一零年年報" →
    its page number, the name and the title, apart."""
    flat = _flat(line, numerals=False)
    # A bilingual footer: "Emperor Capital Group Limited 英皇證券集團有限公司", each name apart.
    pieces = re.split(r"\s*[–—|·•]\s*|\s+-\s+|\s{2,}|(?<=[a-z.)])\s+(?=[\u3400-\u9fff])", flat)
    return [p.strip(" \t0123456789") for p in pieces if p.strip(" \t0123456789")]


_LEGAL_RUN_RE = re.compile(r"([\u3400-\u9fff]{2,36}?(?:股份有限公司|有限责任公司|有限公司))")


_TITLE_NAME_RE = re.compile(r"^#*\s*([\u3400-\u9fff]{2,8}?)\s*(?:19|20)\d{2}\s*年")
_NOT_NAMES = ("关于", "本公司", "公司", "本行", "本集团", "截至", "截止", "年度", "中期", "全年")


def _bracketed(text: str, at: int) -> bool:
    """Whether position ``at`` stands inside a bracket opened shortly before it."""
    before = text[max(0, at - 80):at]
    opened = max(before.rfind("("), before.rfind("（"))
    return opened >= 0 and max(before.rfind(")"), before.rfind("）")) < opened


def _title_short(head: str) -> str | None:
    """The name a title line starts with: "蓝鲸食品2024年第一季度业绩快报" → 蓝鲸食品 (only the
    document's first line, and only when nothing labelled names the company)."""
    first = next((line.strip() for line in head.splitlines() if line.strip()), "")
    m = _TITLE_NAME_RE.match(first)
    if not m or m.group(1).startswith(_NOT_NAMES):
        return None
    return _legal_name(m.group(1)) or m.group(1)


def _period(head: str, filename: str) -> tuple[str | None, int | None, str | None]:
    """(kind, year, period end) from the title lines, then the first "截至…日止" date."""
    # Title lines are short; "本年度报告于2022年3月29日由…审议通过" is not one.
    title = "\n".join(line.strip() for line in head.splitlines()[:80]
                      if line.strip() and len(line.strip()) <= 40)
    kind = None
    for name, pattern in _TITLE_KIND:
        if pattern.search(title):
            kind = name
            break
    if kind is None:
        # No title line says it (a cover drawn as one long line): "截至2013年6月30日止六个月"
        # is a half-year report, "…止九个月" a third-quarter one.
        months = _MONTHS_TO_RE.search(head)
        kind = {"六": "half", "6": "half", "九": "q3", "9": "q3", "三": "q1", "3": "q1"}.get(
            months.group(1)) if months else None
    to_date = _TO_DATE_RE.search(head)
    year: int | None = None
    end: str | None = None
    if to_date:
        y, mo, d = to_date.groups()
        year, end = int(y), f"{y}-{int(mo):02d}-{int(d):02d}"
    # A year in the title line that names the report wins over a "截至" date elsewhere.
    lines = title.splitlines()
    for i, line in enumerate(lines):
        if any(p.search(line) for _, p in _TITLE_KIND):
            # "2021年" may stand on the line above "年度报告".
            m = _YEAR_RE.search(line) or next(
                (y for prev in reversed(lines[max(0, i - 2):i])
                 if (y := re.fullmatch(r"((?:19|20)\d{2})\s*年?", prev))), None)
            if m:
                year = int(m.group(1))
                break
    if year is None:
        years = _YEAR_RE.findall(title[:2000]) or re.findall(r"((?:19|20)\d{2})", filename)
        if years:
            year = int(max(set(years), key=years.count))
    if end is None and year is not None and kind in _PERIOD_END:
        end = f"{year}-{_PERIOD_END[kind]}"
    elif end is not None and year is not None and not end.startswith(str(year)):
        end = f"{year}-{end[5:]}"
    return kind, year, end


def override(identity: Identity, fields: dict[str, str]) -> Identity:
    """``identity`` with what an operator's ``documents.txt`` line says (see FORMATS.md)."""
    changes: dict[str, object] = {}
    for key, value in fields.items():
        if key in ("company", "short", "english", "kind", "period_end"):
            changes[key] = value
        elif key == "codes" or key == "former":
            changes[key] = tuple(c.strip() for c in value.split(",") if c.strip())
        elif key == "year":
            changes[key] = int(value)
    new = replace(identity, **changes)  # type: ignore[arg-type]
    notes = tuple(n for n in new.notes if not (n == "公司名称" and new.name)
                  and not (n == "报告期" and new.year))
    return replace(new, notes=notes)
