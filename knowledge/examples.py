"""Example questions generated from the documents (for welcomes and refusals).

Each is checked by answering it, so a suggestion is never refused.
"""

from __future__ import annotations

import re

from knowledge import texts
from knowledge.base import KnowledgeBase
from knowledge.text import DATE_RE, HAN_RE, clauses, normalize, segments
from knowledge.tokenizer import KBTokenizer

_LEAD_RE = re.compile(
    r"^(?:实现|其中|财报显示|数据显示|显示|本公司|公司|全年|今年|同期|以及|及|和|与)+"
)
# "较上年提升" names last year relative to the report; "比亚迪去年毛利率" is not how to ask.
RELATIVE_PERIODS = frozenset({"去年", "明年", "下季度"})
OTHER_METRIC = 1000
NOT_METRIC = 2000
_LABEL_RE = re.compile(r"^([^，,。：:；;]{2,12})[：:]")
_TAIL_RE = re.compile(r"(?:同比|环比|增长|增加|下降|减少|约为|达到|超过|约|为|达|是|至|近|超)+$")


def _stated(norm: str) -> list[tuple[str, str]]:
    """(words before a figure, the figure) in each clause: "营业收入为86.4亿元"."""
    found = []
    for clause in clauses(norm):
        m = re.search(r"\d", clause)
        if m:
            head = re.split(r"[，,：:；;]", clause[: m.start()])[-1]
            figure = next((sg.text for sg in segments(clause[m.start() :]) if sg.kind == "fig"), "")
            found.append((head, figure))
    return found


def _labelled(norm: str) -> list[tuple[str, str]]:
    """(label, its first amount) of "label：…": a table row read as a sentence, or a key line.

    The figure skipped is a date ("营业收入：2024年第一季度86.4亿元" is about 86.4亿元).
    """
    m = _LABEL_RE.match(norm)
    if not m:
        return []
    for sg in segments(norm[m.end() :]):
        if sg.kind == "fig" and not DATE_RE.match(sg.text):
            return [(m.group(1), sg.text)]
    return []


def example_questions(kb: KnowledgeBase, tk: KBTokenizer) -> list[str]:
    """Questions about figures the documents state, kept only when answering them works."""
    lex = kb.lexicon
    # metric phrase → (rank, passage id, offset, the figure that follows it)
    found: dict[str, tuple[int, int, int, str]] = {}
    for pid, info in enumerate(kb.info):
        if not info.figures or pid > 2000:
            continue
        for head, figure in _labelled(info.norm) + _stated(info.norm):
            head = _TAIL_RE.sub("", _LEAD_RE.sub("", head.strip()))
            if not (2 <= len(head) <= 8) or not HAN_RE.fullmatch(head):
                continue
            words = tk.words(head)
            last = words[-1] if words else ""
            if (
                any(w in lex.stopwords or lex.kinds.get(w) == "change" for w in words)
                or not (last in tk.added or tk.is_noun(last) or lex.kinds.get(last) == "metric")
                or len(last) < 2
            ):
                continue
            # Headline figures first (the shipped metric list starts with 营业收入, 净利润…).
            ranks = [
                lex.metric_rank.get(lex.canonical.get(w, w), OTHER_METRIC)
                for w in words
                if lex.kinds.get(w) == "metric"
            ]
            rank = min(ranks) if ranks else NOT_METRIC
            found.setdefault(head, (rank, pid, info.norm.find(head), figure))
    subject = kb.scope_names[0] if kb.entity and kb.scope_names else ""
    questions: list[str] = []
    asked: set[str] = set()
    order = sorted(found.items(), key=lambda kv: (kv[1][:3], len(kv[0]), kv[0]))
    for head, (_, pid, _, figure) in order:
        if len(questions) >= 6:
            break
        words = tk.words(head)
        metrics = {lex.canonical.get(w, w) for w in words if lex.kinds.get(w) == "metric"}
        if metrics and metrics <= asked:
            continue  # one example per figure: 毛利率, not also 整体毛利率
        # Only a period the sentence itself names: the paragraph may be about another one.
        own = {
            lex.canonical.get(w, w)
            for w in tk.words(kb.info[pid].norm)
            if lex.kinds.get(w) == "period"
        } - RELATIVE_PERIODS
        period = ""
        if len(own) == 1 and not any(lex.kinds.get(w) == "period" for w in words):
            period = next(iter(own))
        prefix = subject if subject and not head.startswith(subject) else ""
        question = texts.EXAMPLE_QUESTION.format(subject=prefix + period, metric=head)
        reply = kb.answer(question)
        # Thousands separators as the reply writes them (99,313千港元 for 99313千港元).
        said = normalize(reply.text).replace(",", "")
        if figure and not reply.refused and figure.replace(",", "") in said:
            questions.append(question)
            asked |= metrics
    # A report with few figures still needs suggestions: ask about the names it discusses.
    for name in kb.scope_names:
        if len(questions) >= 3:
            break
        question = texts.EXAMPLE_TOPIC.format(topic=name)
        if name != kb.entity and not kb.answer(question).refused:
            questions.append(question)
    return questions
