"""Who holds an office the report names: 主席, 公司秘書, 核數師 — read from the lines that pair an
office with a person or a firm, never from a sentence that merely mentions the office.

Reports say it in a few fixed ways: a signature (「主席」 over 「鍾厚泰」, 「承董事會命 / 主席兼
行政總裁 / 劉中奎」), the corporate-information page (「鍾厚泰先生，主席」, 「公司秘書」 over
「周志華先生」, 「核數師」 over 「陳葉馮會計師事務所有限公司」), the auditor's report signed by its
firm (「香港立信德豪會計師事務所有限公司 / 執業會計師」), and prose (「主席兼行政總裁劉中奎先生
領導」). Ranking sentences by words finds the office, not the holder: 「主席」 alone, or
「張全先生擔任委員會主席」 (a committee's chair). Each pairing found is a vote; the holder
with most votes is the answer, quoted with the first line that says it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from knowledge.models import Passage
from knowledge.text import normalize, without_names

_HAN = r"[\u4e00-\u9fff]"
_TITLE = r"(?:先生|女士|博士|教授)"
_PERSON_RE = re.compile(rf"({_HAN}{{2,8}}){_TITLE}")
# Characters that end the words before a name ("謝柏堂先生及張全先生", "二十六樓周志華先生").
_BEFORE_NAME = set("及和与或为由兼楼室号任命的之、,，:：董事长裁理监书师员")
_BARE_NAME_RE = re.compile(rf"({_HAN}{{2,4}}){_TITLE}?")
_FIRM_RE = re.compile(
    rf"((?:香港)?(?:{_HAN}{{2,6}}\s*[•·・]\s*)?{_HAN}{{2,12}}?会计师(?:(?:事务所|行)(?:\(特殊普通合伙\)|有限公司|有限责任公司)?"
    rf"|有限公司))")
# The firm engaged, in an A-share report's words: "公司聘请X会计师事务所(特殊普通合伙)为公司…审计
# 机构", "X会计师事务所(特殊普通合伙)为本公司出具了标准无保留意见的审计报告".
_ENGAGED_RE = re.compile(
    rf"(?:^|聘请|续聘){_FIRM_RE.pattern}(?:为(?:本|我)?公司(?:出具|.{{0,20}}审计机构))")
_SIGNED_RE = re.compile(r"^(?:执业会计师|注册会计师|certified public accountants)")


@dataclass(frozen=True)
class Office:
    name: str                 # as the reply says it
    words: tuple[str, ...]    # normalised words naming it, in a question or a report
    firm: bool = False        # held by a firm (the auditor), not a person


OFFICES = (
    Office("主席", ("董事会主席", "董事长", "主席", "chairman")),
    Office("公司秘书", ("公司秘书", "联席公司秘书", "董事会秘书", "董秘")),
    Office("核数师", ("核数师", "会计师事务所", "审计机构", "审计师", "外部审计师", "审计事务所",
                      "auditor"), firm=True),
    Office("行政总裁", ("行政总裁", "首席执行官", "ceo", "总经理", "总裁")),
    Office("证券事务代表", ("证券事务代表",)),
)
# What a question about an office may say besides the office and the company.
_ASKING_RE = re.compile(
    r"是谁|谁是|是哪家|是哪位|哪家|哪位|哪间|边个|边间|边位|系边个|是边个|谁|叫什么名字|叫什么|名字|是什么人|"
    r"由哪家|哪一家|负责|审阅|审计|审核|的|是|系|呢|吗|嘛|请问|现任|担任|目前|现在|[?？!！。,，\s]")


def asked_office(text: str, names: Sequence[str]) -> tuple[Office, str] | None:
    """The office a question asks the holder of ("中國安芯主席是誰", "博智國際藥業公司秘書",
    "中期報告由哪家會計師事務所審閱"): an office word and nothing else but the company, the
    report and the words of asking; with the word the question used for it."""
    norm = without_names(text, names)
    for office in OFFICES:
        word = next((w for w in office.words if w in norm), None)
        if word is None or "副" + word in norm:  # 副总经理 is another office
            continue
        rest = norm.replace(word, " ")
        rest = re.sub(
            r"(?:(?:19|20)\d{2}年(?:度报告|报|度)?|中期报告|年报|年度报告|中期|本公司|公司|集团|本集团)",
            " ", rest)
        if not _ASKING_RE.sub("", rest).strip():
            return office, word
    return None


def _name(run: str) -> str:
    """The name at the end of a run of characters before 先生 (most Chinese names are three
    characters, some two)."""
    if len(run) <= 3:
        return run
    return run[-2:] if run[-3] in _BEFORE_NAME else run[-3:]


def _firm(found: str) -> str:
    """The firm's name without the words before it ("已由陳葉馮會計師事務所", "本公司核數師…")."""
    head, sep, tail = found.partition("会计师")
    head = re.sub(r"^.*(?:由|就|经|为|是|之|的|核数师|审计师|审计机构|本公司|与|及)", "", head)
    return head + sep + tail


def _committee(norm: str, start: int) -> bool:
    """主席 of a committee (委員會主席) or a deputy (副主席), not the company's."""
    before = norm[max(0, start - 3):start]
    return before.endswith(("委员会", "副")) or (
        before.endswith("会") and "委员" in norm[max(0, start - 6):start])


def _lines(passages: Sequence[Passage]) -> list[tuple[str, Passage]]:
    """The report as lines: each heading where it starts (a signature's name or a firm set
    large, a label of the corporate-information page), then the passages under it."""
    out: list[tuple[str, Passage]] = []
    heading: tuple[str, str] | None = None
    for passage in passages:
        if passage.heading and (passage.document, passage.heading) != heading:
            out.append((normalize(passage.heading).strip(), passage))
        heading = (passage.document, passage.heading)
        out.append((normalize(passage.text).strip(), passage))
    return out


def holders(passages: Sequence[Passage], office: Office) -> list[tuple[str, Passage]]:
    """(holder, the passage saying it) for every pairing found, in reading order."""
    lines = _lines(passages)
    out: list[tuple[str, Passage]] = []
    words = "|".join(re.escape(w) for w in office.words)
    role = rf"(?:联席)?(?:{words})(?:兼{_HAN}{{2,6}}?)?"
    for i, (norm, passage) in enumerate(lines):
        if not any(w in norm for w in office.words) and not (
                office.firm and _FIRM_RE.search(norm)):
            continue
        following = [line for line, p in lines[i + 1:i + 3]
                     if p.document == passage.document and p.page == passage.page]
        signature = bool(re.fullmatch(rf"(?:承董事会命)?\s*{role}\s*", norm))
        label = bool(re.match(rf"^{role}(?!报告|致辞|函|的)", norm)) and len(norm) <= 30
        if office.firm:
            firm = _FIRM_RE.search(norm)
            if firm and following and _SIGNED_RE.match(following[0]):
                out.append((_firm(firm.group(1)), passage))  # the auditor's report, signed
                continue
            # "核數師：…", "境内会计师事务所名称：现聘任 信永中和会计师事务所(特殊普通合伙)"
            inline = re.search(
                rf"(?:{words})(?:名称)?(?:为|是|[:：])?\s*(?:现聘任|聘任|现任)?\s*{_FIRM_RE.pattern}",
                norm) or _ENGAGED_RE.search(norm)
            if inline:
                out.append((_firm(inline.group(1)), passage))
            elif label:
                found = next((m for line in following[:2] if (m := _FIRM_RE.search(line))), None)
                if found:
                    out.append((_firm(found.group(1)), passage))
            continue
        # "鍾厚泰先生，主席", "廖莉萍女士（聯席主席）"
        for m in re.finditer(
                rf"{_PERSON_RE.pattern}(?:[,，]\s*(?:执行董事兼)?|\()(?:联席)?(?:{words})", norm):
            out.append((_name(m.group(1)), passage))
        # "主席兼行政總裁劉中奎先生領導", "董事會主席鍾厚泰先生全資實益擁有"
        for m in re.finditer(rf"(?:{words})[:：\s]*({_HAN}{{2,8}}?){_TITLE}", norm):
            if not _committee(norm, m.start()):
                out.append((_name(m.group(1)), passage))
        # A-share tables read as rows "韩卓军：总经理，男，57，…"; prose "孙明先生为董事会秘书";
        # the contact table "姓名：董事会秘书 孙明".
        row = re.match(rf"^({_HAN}{{2,4}})[:：]\s*(?:(?:担任的)?职务\s*)?{role}[,，。]", norm)
        if row and "离任" not in norm:
            out.append((row.group(1), passage))
        # "聘任邢健先生担任公司财务总监、董事会秘书": the office among others named with it.
        for m in re.finditer(rf"{_PERSON_RE.pattern}(?:为|担任)(?:公司)?"
                             rf"(?:{_HAN}{{2,6}}?[、及和兼]){{0,2}}{role}(?!助理)", norm):
            out.append((_name(m.group(1)), passage))
        if norm.startswith(("姓名:", "姓名：")):
            # The contact table by columns: "姓名：董事会秘书 孙明，证券事务代表 周松。"
            pairs = rf"(?<!{_HAN}){role}\s*({_HAN}{{2,4}})(?=[。，,;；]|$)"
            for contact in re.finditer(pairs, norm):
                out.append((contact.group(1), passage))
        # The contact table read by rows: "联系人和联系方式：董事会秘书，证券事务代表。" over
        # "姓名：邢健，余亮。" — the name in the office's column.
        offices = re.match(r"^[^:：]{0,12}[:：](.+?)。?$", norm)
        names = re.match(r"^姓名[:：](.+?)。?$", following[0]) if following else None
        if offices and names:
            columns = re.split(r"\s*[,，、]\s*", offices.group(1).strip())
            people = re.split(r"\s*[,，、]\s*", names.group(1).strip())
            at = next((k for k, c in enumerate(columns) if re.fullmatch(role, c)), None)
            if at is not None and len(people) == len(columns) and \
                    _BARE_NAME_RE.fullmatch(people[at]):
                out.append((people[at], passage))
        # A signature or a label over its value: "主席" / "鍾厚泰", "公司秘書" / "周志華先生 ACIS"
        if signature or label:
            for line in following[:2]:
                bare = _BARE_NAME_RE.fullmatch(line) if signature else None
                person = bare or _PERSON_RE.search(line)
                if person:
                    out.append((person.group(1) if bare else _name(person.group(1)), passage))
                    break
    return out


def holder(passages: Sequence[Passage], office: Office) -> tuple[list[str], Passage] | None:
    """The holders most pairings name (two co-chairs named once each are both named), with
    where the first of them is first said."""
    found = holders(passages, office)
    if not found:
        return None
    votes: dict[str, int] = {}
    for name, _ in found:
        votes[name] = votes.get(name, 0) + 1
    top = max(votes.values())
    names = [n for n in votes if votes[n] == top]
    return names, next(p for n, p in found if n == names[0])
