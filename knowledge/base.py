"""The knowledge base: answers questions from the indexed passages.

Read-only after ``build_knowledge`` returns, so one instance may serve many threads.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from knowledge import texts
from knowledge.followup import resolve
from knowledge.index import BM25Index
from knowledge.lexicon import Lexicon, clean_key
from knowledge.models import MAX_QUESTIONS, Answer, Context, Passage
from knowledge.query import Analyzer, Query, clean
from knowledge.text import DATE_RE, PERCENT_RE, clauses, has_figure, normalize

THRESHOLD = 0.55
MORE_FACTOR = 0.6
CANDIDATES = 25
QUOTE_MAX = 90
MORE_WORDS = frozenset({"更多", "继续", "还有吗", "还有呢", "下一条", "再来", "more", "next"})
CLASS_WEIGHT = {
    "topic": 1.0,
    "name": 1.0,
    "other": 0.8,
    "figure": 0.3,
    "entity": 0.4,
    "period": 0.8,
    "form": 0.35,
    # 增长 vs 下降 decides between two otherwise identical sentences.
    "change": 0.7,
}
_PARTICLES = "啊呀吧呢哈嘛哦呗了噢"


@dataclass
class PassageInfo:
    """What ranking needs to know about a passage besides its tokens."""

    norm: str
    periods: frozenset[str]
    years: frozenset[str]
    figures: bool
    dates: bool
    percents: bool
    items: int
    nouns: frozenset[str] = frozenset()


@dataclass
class KnowledgeBase:
    """Indexed report passages plus everything needed to understand questions about them."""

    passages: list[Passage]
    info: list[PassageInfo]
    index: BM25Index
    analyzer: Analyzer
    lexicon: Lexicon
    documents: list[str]
    titles: dict[str, str]
    version: str
    stats: dict[str, int]
    build_seconds: float
    entity: str | None
    scope_names: list[str]
    corpus_periods: frozenset[str]
    corpus_years: frozenset[str]
    main_period: str | None = None
    main_year: str | None = None
    example_questions: list[str] = field(default_factory=list)

    # --- public API ----------------------------------------------------------------------
    def warm(self) -> None:
        """Run one question through every stage (the build already loaded the tokenizer)."""
        self.answer("营业收入是多少")

    def sample_figures(self, n: int = 8) -> list[str]:
        """The first ``n`` distinct figures (numbers with units) found in the documents."""
        seen: list[str] = []
        for tokens in self.index.tokens:
            for token in tokens:
                if token[:1].isdigit() and token not in seen:
                    seen.append(token)
                    if len(seen) >= n:
                        return seen
        return seen

    def examples(self, n: int = 3) -> list[str]:
        """Example questions the knowledge can answer, derived from the documents."""
        return list(self.example_questions[: max(0, n)])

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """The reply to ``question``, resolving follow-ups against ``context``."""
        if not isinstance(question, str):
            question = ""
        text = clean(question, self.lexicon)
        key = clean_key(text)
        chat = self._chitchat(key, context)
        if chat is not None:
            return chat
        greeted = bool(key)
        text, key = self._strip_greeting(text, key)
        if not key:
            if greeted:  # "您好，我想问问" is a greeting with a filler: welcome them
                return self._chat_reply(self._intent_reply("greeting"), context)
            return self._refusal(texts.REFUSAL_EMPTY, context, question)
        if key in MORE_WORDS and context is not None:
            more = self.more(context)
            return more or self._refusal(texts.NO_MORE, context, question, keep=True)
        query = self.analyzer.analyze(text)
        if query.unknown_names:
            what = "、".join(query.unknown_names[:2])
            return self._refusal(self._scope_text(what), context, question)
        stray = self._uncovered_period(query)
        if stray:
            return self._refusal(self._scope_text(stray), context, question)
        query, how = resolve(query, context, self.analyzer)
        result = self._answer_query(query, question, context, exclude=())
        if how == "substitution" and result.refused:
            # "那广告呢" after 净利润: no passage has both, so the new word is the new topic.
            query, how = resolve(self.analyzer.analyze(text), context, self.analyzer, False)
            result = self._answer_query(query, question, context, exclude=())
        return result

    def more(self, context: Context) -> Answer | None:
        """The next best passage for the last question that has not been shown yet."""
        if context.empty:
            return None
        query = Query(text=" ".join(context.terms), words=list(context.terms))
        if context.questions:
            query.qtypes = self.analyzer.qtypes(context.questions[-1])
        self.analyzer.fill_groups(query)
        result = self._answer_query(
            query,
            context.questions[-1] if context.questions else "",
            context,
            exclude=tuple(context.passage_ids),
            more=True,
        )
        return None if result.refused else result

    # --- steps ------------------------------------------------------------------------------
    def _chitchat(self, key: str, context: Context | None) -> Answer | None:
        reply = self.lexicon.faq.get(key)
        intent = None
        if reply is None:
            intent = self.lexicon.chitchat.get(key) or self.lexicon.chitchat.get(
                key.rstrip(_PARTICLES)
            )
            if intent is None:
                return None
            reply = self._intent_reply(intent)
        return self._chat_reply(reply, context)

    def _chat_reply(self, reply: str, context: Context | None) -> Answer:
        ctx = context or Context(kb_version=self.version)
        return Answer(reply, "chitchat", False, 1.0, (), None, self.entity, None, ctx)

    def _intent_reply(self, intent: str) -> str:
        examples = "\n".join(f"{i}. {q}" for i, q in enumerate(self.examples(3), 1))
        title = self.titles.get(self.documents[0], self.documents[0]) if self.documents else ""
        if intent == "thanks":
            return texts.THANKS
        if intent == "bye":
            return texts.BYE
        head = texts.WELCOME.format(title=title)
        if intent == "help":
            head = texts.HELP + "\n" + head
        return f"{head}\n{texts.SUGGEST_HEAD}\n{examples}"

    def _strip_greeting(self, text: str, key: str) -> tuple[str, str]:
        # "你好，请问营收多少" is a question with a greeting in front, not small talk.
        for pattern, intent in self.lexicon.chitchat.items():
            if intent == "greeting" and len(pattern) >= 2 and key.startswith(pattern):
                rest = text
                while rest and not rest.startswith(pattern[0]):
                    rest = rest[1:]
                rest = clean(rest[len(pattern) :], self.lexicon)
                return rest, clean_key(rest)
        return text, key

    def _scope_text(self, what: str) -> str:
        scope = "、".join(self.scope_names[:3]) or "已收录的报告"
        return texts.REFUSAL_SCOPE.format(what=what, scope=scope)

    def _uncovered_period(self, query: Query) -> str | None:
        for period in sorted(query.periods):
            if period not in self.corpus_periods:
                return period
        for year in sorted(query.years):
            if year not in self.corpus_years:
                return year
        return None

    def _rank(self, query: Query, exclude: tuple[int, ...]) -> list[tuple[int, float, float]]:
        """(passage id, score, coverage) of the best passages, best first."""
        weights: dict[str, float] = {}
        for g in query.groups:
            cw = CLASS_WEIGHT[g.cls]
            for alt, aw in g.alts.items():
                if alt in self.index.idf:
                    weights[alt] = max(weights.get(alt, 0.0), cw * aw)
        if not weights:
            return []
        total = sum(CLASS_WEIGHT[g.cls] * g.idf for g in query.groups) or 1.0
        asked = {alt for g in query.groups for alt in g.alts}
        asked |= self.analyzer.entities
        ranked: list[tuple[int, float, float]] = []
        for pid in self.index.candidates(weights, CANDIDATES):
            if pid in exclude:
                continue
            info = self.info[pid]
            if self._conflicts(query, info):
                continue
            counts = Counter(self.index.tokens[pid])
            score = covered = 0.0
            topical = False
            for g in query.groups:
                if g.cls == "entity":
                    # The documents are about the entity: every passage is, named or not.
                    covered += CLASS_WEIGHT["entity"] * g.idf
                if g.cls == "period" and self._period_match(g.word, info):
                    # The period is stated by the paragraph or heading, not always the sentence.
                    covered += CLASS_WEIGHT["period"] * g.idf
                    score += CLASS_WEIGHT["period"] * g.idf * 0.5
                    continue
                best = frac = 0.0
                for alt, aw in g.alts.items():
                    # The concept's weight, not the synonym's: a passage saying 权益持有人应占盈利
                    # is as much about 净利润 as one saying 净利润, only a little less exact.
                    s = aw * g.idf * self.index.tf_weight(alt, pid, counts)
                    if s > best:
                        best, frac = s, g.credit.get(alt, aw)
                if best > 0:
                    cw = CLASS_WEIGHT[g.cls]
                    score += cw * best
                    covered += cw * g.idf * frac
                    topical = (
                        topical
                        or g.cls in ("topic", "name")
                        or (g.cls == "other" and len(g.word) > 1)
                    )
            if not topical:
                continue
            bonus = self._bonus(query, info, self._asked_periods(query))
            if info.nouns:
                # Prefer the passage that is about what was asked and little else: 总收入 over
                # 增值服务收入 for a question about 营收.
                precision = len(info.nouns & asked) / len(info.nouns)
                bonus *= 0.75 + 0.5 * precision
            ranked.append((pid, score * bonus, covered / total))
        ranked.sort(key=lambda r: (r[1] * (0.5 + r[2]), -r[0]), reverse=True)
        return ranked

    def _period_match(self, word: str, info: PassageInfo) -> bool:
        if word[0].isdigit():
            return word in info.years
        return self.lexicon.canonical.get(word, word) in info.periods

    def _conflicts(self, query: Query, info: PassageInfo) -> bool:
        # A question about 2019 or the first quarter must not be answered from a passage set
        # in 2020 or the second quarter. A passage that names no period is about the report's
        # headline period (the one most passages name).
        if query.periods:
            periods = info.periods or ({self.main_period} if self.main_period else set())
            if not query.periods & periods:
                return True
        if query.years:
            years = info.years or ({self.main_year} if self.main_year else set())
            if not query.years & years:
                return True
        return False

    def _asked_periods(self, query: Query) -> set[str]:
        # A question without a period means the report's headline period.
        if query.periods:
            return query.periods
        return {self.main_period} if self.main_period else set()

    @staticmethod
    def _bonus(query: Query, info: PassageInfo, periods: set[str]) -> float:
        q = query.qtypes
        bonus = 1.0
        if q & {"figure", "growth", "ratio"} and info.figures:
            bonus += 0.25
        if "growth" in q and info.percents:
            bonus += 0.25
        if "ratio" in q and "%" in info.norm:
            bonus += 0.2
        if "time" in q and info.dates:
            bonus += 0.5
        if periods:
            # Prefer the passage that states exactly the asked period over one that lists several;
            # a passage naming no period is about the headline period (conflicts are gone).
            share = len(periods & info.periods) / len(info.periods) if info.periods else 1.0
            bonus += share
        if q & {"list", "place"} and info.items >= 2:
            bonus += 0.4
        if q & {"figure", "growth", "ratio", "time"} and not info.figures:
            bonus *= 0.6  # "多少" answered without a single number is no answer
        return bonus

    def _answer_query(
        self,
        query: Query,
        question: str,
        context: Context | None,
        exclude: tuple[int, ...],
        more: bool = False,
    ) -> Answer:
        ranked = self._rank(query, exclude)
        # "更多" asks for the next related passage, which may match the question less fully.
        threshold = THRESHOLD * MORE_FACTOR if more else THRESHOLD
        if not ranked or ranked[0][2] < threshold:
            conf = ranked[0][2] if ranked else 0.0
            return self._refusal(texts.REFUSAL, context, question, confidence=conf)
        pid, _, coverage = ranked[0]
        passage = self.passages[pid]
        quote = self._quote(passage, query)
        source = passage.document + (f" · {passage.heading}" if passage.heading else "")
        text = quote + texts.SOURCE_NOTE.format(source=source)
        metric = self._metric(query)
        period = next(iter(sorted(query.periods)), None) or next(
            iter(sorted(self.info[pid].periods)), None
        )
        entity = next((g.word for g in query.groups if g.cls in ("entity", "name")), self.entity)
        shown = (tuple(context.passage_ids) if more and context else ()) + (pid,)
        questions = (
            tuple(context.questions)
            if context and more
            else ((tuple(context.questions) if context else ()) + (question,))
        )
        ctx = Context(
            metric=metric,
            entity=entity,
            period=period,
            passage_ids=shown[-20:],
            questions=questions[-MAX_QUESTIONS:],
            terms=tuple(query.words),
            topics=tuple(query.topics),
            kb_version=self.version,
        )
        matches = tuple((self.passages[p], round(s, 4)) for p, s, _ in ranked[:5])
        return Answer(
            text, "answer", False, min(1.0, coverage), matches, metric, entity, period, ctx
        )

    def _metric(self, query: Query) -> str | None:
        for cls in ("topic", "name"):
            for g in query.groups:
                if g.cls == cls:
                    return self.lexicon.canonical.get(g.word, g.word)
        return None

    def _quote(self, passage: Passage, query: Query) -> str:
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
            scores.append(s)
        best = max(range(len(parts)), key=lambda i: (scores[i], -i))
        start, end = max(0, best - 1), min(len(parts), best + 2)
        while end < len(parts) and sum(len(p) for p in parts[start:end]) < 50:
            end += 1
        quote = "".join(parts[start:end]).strip()
        quote = re.sub(r"[，,；;：:、]$", "", quote)
        prefix = "…" if start > 0 else ""
        suffix = "" if quote.endswith(("。", "！", "？", "”", "」")) else "…"
        return prefix + quote + suffix

    def _refusal(
        self,
        message: str,
        context: Context | None,
        question: str,
        confidence: float = 0.0,
        keep: bool = False,
    ) -> Answer:
        suggestions = "\n".join(f"{i}. {q}" for i, q in enumerate(self.examples(3), 1))
        text = f"{message}\n{texts.SUGGEST_HEAD}\n{suggestions}" if suggestions else message
        # A refusal keeps the conversation where it was, so "更多" and follow-ups still work.
        ctx = context if context is not None else Context(kb_version=self.version)
        return Answer(text, "refusal", True, confidence, (), None, None, None, ctx)


def passage_info(
    norm: str, periods: frozenset[str], years: frozenset[str], nouns: frozenset[str]
) -> PassageInfo:
    """Ranking features of one normalised passage; periods come from its paragraph and heading."""
    return PassageInfo(
        norm=norm,
        periods=periods,
        years=years,
        figures=has_figure(norm),
        dates=bool(DATE_RE.search(norm)),
        percents=bool(PERCENT_RE.search(norm)),
        items=norm.count("、"),
        nouns=nouns,
    )


__all__ = ["KnowledgeBase", "PassageInfo", "passage_info", "replace"]
