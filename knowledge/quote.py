"""Quoting the part of a passage that carries what was asked."""

from __future__ import annotations

import re

from knowledge.models import Passage
from knowledge.query import Query
from knowledge.rank import CLASS_WEIGHT, REASON_RE
from knowledge.text import DATE_RE, clauses, has_figure, normalize

QUOTE_MAX = 90
QUOTE_SPAN = 160  # how long a quote may grow to take in another asked word


def quote(passage: Passage, query: Query) -> str:
    """The clauses of the passage that carry what was asked."""
    text = passage.text.strip()
    if len(text) <= QUOTE_MAX:
        return text
    parts = clauses(text)
    if len(parts) <= 1:
        return text[:QUOTE_MAX] + "…"
    wants_figure = bool(query.qtypes & {"figure", "growth", "ratio", "time"})
    scores = []
    for part in parts:
        norm = normalize(part)
        s = sum(
            max((aw for alt, aw in g.alts.items() if alt in norm), default=0.0)
            * CLASS_WEIGHT[g.cls]
            * g.idf
            for g in query.groups
        )
        if wants_figure and has_figure(norm):
            s *= 1.3
        if "why" in query.qtypes and REASON_RE.search(norm):
            s = s * 1.5 + 1.0  # "变动原因是什么": the clause giving the reason
        scores.append(s)
    best = max(range(len(parts)), key=lambda i: (scores[i], -i))
    start, end = max(0, best - 1), min(len(parts), best + 2)
    while end < len(parts) and sum(len(p) for p in parts[start:end]) < 50:
        end += 1
    # A question asking two things ("什么时候成立、什么时候上市"): a word the quote does not
    # answer (for "什么时候", a clause saying it with a date) that a nearby clause answers
    # brings that clause in.
    dated = "time" in query.qtypes

    def answers(part: str, alts: list[str]) -> bool:
        norm = normalize(part)
        return any(alt in norm for alt in alts) and (not dated or bool(DATE_RE.search(norm)))

    for g in query.groups:
        if g.cls not in ("topic", "other", "name") or len(g.word) < 2:
            continue
        alts = [alt for alt in g.alts if not alt.startswith("~")]
        if any(answers(p, alts) for p in parts[start:end]):
            continue
        for i, part in enumerate(parts):
            if answers(part, alts):
                lo, hi = min(start, i), max(end, i + 1)
                if sum(len(p) for p in parts[lo:hi]) <= QUOTE_SPAN:
                    start, end = lo, hi
                break
    quote = "".join(parts[start:end]).strip()
    quote = re.sub(r"[，,；;：:、]$", "", quote)
    prefix = "…" if start > 0 else ""
    if start > 0 and parts[0].endswith(("：", ":")) and len(parts[0]) <= 40:
        # A table row's label says whose figures these are: "营业收入合计：…2016年 金额 …".
        prefix = parts[0] + "…"
    suffix = "" if quote.endswith(("。", "！", "？", "”", "」")) else "…"
    return prefix + quote + suffix
