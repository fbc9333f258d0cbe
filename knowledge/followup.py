"""Resolving a follow-up question against the previous one (pure; no storage here).

Two shapes are recognised without any language model:
- ellipsis: the question names no topic ("同比增长多少？", "是哪天的事") → the previous topic's
  words are added, so the same passage family answers with its other figure;
- substitution: "那净利润呢", "其中海外的呢" → the previous question with the new topic in place
  of the old one of the same class (a name replaces a name, a metric a metric).
A question that names its own topic is complete and is answered without any old context.
"""

from __future__ import annotations

from collections.abc import Callable

from knowledge.models import Context
from knowledge.query import SUBSTITUTION_RE, TRAILING_NE_RE, Analyzer, Query

# A question that starts with these names only the whole a share is taken of: the part is the
# last question's subject.
SHARE_PREFIXES = ("占", "在总", "在整体")


def is_substitution(text: str) -> bool:
    """ "那X呢" / "其中X呢" / "X呢" shapes that swap the topic of the last question."""
    return bool(
        SUBSTITUTION_RE.match(text) and (text.endswith("呢") or text[0] in "那其还另")
    ) or bool(TRAILING_NE_RE.match(text))


def lacks_subject(query: Query) -> bool:
    """No topic of its own, or only the whole a share is taken of ("占总收入多少")."""
    return not query.topics or query.text.startswith(SHARE_PREFIXES)


# Words that name nothing the report must hold: question forms, changes, and periods (a
# report writing 二零零七年 holds 2007 though no token of it reads "2007年").
_NOT_NAMES = ("form", "change", "period")


def depends_on_context(query: Query) -> bool:
    """True when ``resolve`` would change ``query`` for some non-empty context.

    Mirrors the decisions of ``resolve`` below; the knowledge base caches the answers of the
    other questions (complete ones) whatever context they arrive with.
    """
    topics = query.topics
    if topics and is_substitution(query.text):
        return True
    if any(not g.known for g in query.groups if g.cls not in _NOT_NAMES):
        return False
    return lacks_subject(query)


def resolve(
    query: Query, context: Context | None, analyzer: Analyzer, asked: Callable[[str], Query],
    keep_measure: bool = True,
) -> tuple[Query, str]:
    """The question to answer, and how it was resolved: "new", "ellipsis" or "substitution".
    ``asked`` reads an earlier question as it was read then (cleaned, analysed: "有幾多員工"
    asked a count) — the knowledge base's cached reading."""
    if context is None or context.empty:
        return query, "new"
    topics = query.topics
    if topics and is_substitution(query.text):
        old_groups = [analyzer.group(w) for w in context.terms]
        kinds = analyzer.lex.kinds
        new_metric = not keep_measure or any(kinds.get(w) == "metric" for w in topics)
        # A new measure (那净利润呢) replaces the old topic entirely; a new subject (那QQ呢,
        # 其中网络游戏呢) replaces the old subject and keeps the measure asked about (月活, 收入).
        kept = [
            g.word
            for g in old_groups
            if g.word not in topics
            and (
                g.cls not in ("topic", "name", "other")
                or (not new_metric and kinds.get(g.word) == "metric")
            )
        ]
        query.words = kept + query.words
        if not query.qtypes and context.questions:
            query.qtypes = set(asked(context.questions[-1]).qtypes)
        analyzer.fill_groups(query)
        return query, "substitution"
    if any(not g.known for g in query.groups if g.cls not in _NOT_NAMES):
        # The question names something the report does not: answer (or refuse) it as it is.
        return query, "new"
    if lacks_subject(query):
        carried = [w for w in context.terms if w not in query.words]
        old = {g.word: g for g in (analyzer.group(w) for w in carried)}
        # Keep the old topic, entity and period; drop the old question's form words so the
        # new form ("同比增长", "哪天") decides which figure is wanted.
        carried = [w for w in carried if old[w].cls not in ("form", "change") or not query.qtypes]
        if query.periods or query.years:
            # "上半年呢", "07年呢": the question's own period replaces the old one.
            carried = [w for w in carried if old[w].cls != "period"]
        query.words = carried + query.words
        if not query.qtypes and context.questions:
            query.qtypes = set(asked(context.questions[-1]).qtypes)
        if any(w.endswith(("人数", "户数")) for w in carried):
            query.qtypes.add("count")  # "员工人数" then "去年底呢": still a count
        analyzer.fill_groups(query)
        return query, "ellipsis"
    return query, "new"

