"""The knowledge base: answers questions from the indexed passages.

Read-only after ``build_knowledge`` returns, so one instance may serve many threads.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from knowledge import fields, holders, roles, sections, texts
from knowledge.cache import LRU
from knowledge.cleaning import MAX_QUESTION, clean
from knowledge.documents import DocumentReport
from knowledge.facts import Fact, FactIndex, Period, cn_years
from knowledge.figures import FigureAnswer, FigureAnswerer, names_company, sources, stated
from knowledge.followup import depends_on_context, resolve
from knowledge.identity import holding_names
from knowledge.index import BM25Index
from knowledge.lexicon import Lexicon, clean_key
from knowledge.models import MAX_OTHERS, MAX_QUESTIONS, Answer, Context, Passage, evolve
from knowledge.periods import PART_WORDS, documents_for
from knowledge.query import Analyzer, Query
from knowledge.quote import quote
from knowledge.rank import PassageInfo, Ranker, defined_terms
from knowledge.superlative import (
    Asked,
    Breakdown,
    Item,
    breakdown,
    label_of,
    lead,
    measure_of,
    statement,
)
from knowledge.superlative import asked as superlative_asked
from knowledge.text import DATE_RE, normalize, without_names

FULL_NAME_RE = re.compile(
    r"([\u3400-\u9fff]{2,16}?(?:股份有限公司|有限责任公司|控股有限公司|集团有限公司|有限公司))")
HAN_ONLY_RE = re.compile(r"[\u3400-\u9fff]+")

THRESHOLD = 0.55
MORE_FACTOR = 0.6
# A sentence dated only by reference to an earlier one ("同日，…") and the dates that can fill it.
SAME_DAY_RE = re.compile(r"(?:…)?(?:同日|当日|当天|同一天|同天)")
FULL_DATE_RE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}[日号]")
# CPU seconds one question may take. Every stage is bounded by the question's length
# (MAX_QUESTION characters; bench/hostile.py prints the worst question found, ~20 ms); this
# is the net under those bounds, checked between stages.
ANSWER_BUDGET = 0.25
MORE_WORDS = frozenset(texts.MORE_WORDS)
# A question naming no period is answered from the newest report when its best passage
# scores at least this share of the best one in all reports (董事长 in a quarterly report's
# signature table scores half of 董事长：吕家进 in the annual report's; an annual report's
# 員工總人數約為221名 scores 0.72 of an older announcement's 員工總人數為134人, and is the
# answer).
NEWEST_SHARE = 0.6
# Questions whose answer is a figure: asked with no period over several reports, each
# report's figure is given (the newest first).
_EVERY_REPORT_QTYPES = frozenset({"figure", "growth", "ratio", "count"})
_ABSOLUTE_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")

_PARTICLES = "啊呀吧呢哈嘛哦呗了噢"
# A numbered list's item: "(2)多功能應急救援協作平台；", "及(5)其他軟件系統。", "②…", and the
# Hong Kong "(ii)因銷售減少…；"; a list's first item may follow any word ("主要因(i)…；").
_LIST_ITEM_RE = re.compile(
    r"(?:^|[：:])\s*(?:及|和|以及)?\s*(?:[（(](?:\d{1,2}|[ivx]{1,4})[)）]|\d{1,2}[、.）)]|[①-⑩])")
_FIRST_ITEM_RE = re.compile(r"[（(][1i][)）]|①")
LIST_MAX = 260
# A row's reason column said as "变动原因 主要是本期并购天士力导致".
_ROW_REASON_RE = re.compile(r"原因(?:说明)?\s*[:：]?\s*([^，,。；;]{4,}。?)")
# Questions asking for a number, a date or a count: a label over a table is no answer
# to read on from.
_FIGURE_QTYPES = frozenset({"figure", "growth", "ratio", "count", "time"})
# Two asks in one message: where they part, and what makes a part an ask of its own.
_ASKS_RE = re.compile(r"[，,；;？?。！!]+")
_ASK_WORD_RE = re.compile(r"多少|几多|幾多|什么|什麼|咩|乜|吗|嗎|是否|有没有|有冇|几|幾|哪"
                          r"|谁|誰|边个|邊個|怎么|怎麼|如何|呢|率|比例|占比|佔比")
_JOINED_ASKS_RE = re.compile(r"^(.{2,20}?)(?:同|和|与|與|跟|及|以及|、)(.{2,20}?)"
                             r"((?:分别|分別|各自|各)?(?:系|係|是|为|為|有)?(?:多少|几多|幾多|几何)[？?]?)$")
MAX_ASKS = 3
# An amount asked for ("收入多少", "多少钱"), which only a passage with a figure answers.
_HOW_MUCH_RE = re.compile(r"多少钱|多少[？?]?$|几多钱?[？?]?$|是多少|有多少(?!人|名|个|家|户)")
_REPORT_ENDINGS = ("报", "报告", "公告", "新闻稿")  # words naming a document (年报, 季报)


class _OverBudget(Exception):
    """A question used up its CPU budget (raised between stages of answering)."""


# "08年" as followers write a year: not a span of years (近10年, 10年期, 10年来).
_SHORT_YEAR_RE = re.compile(r"(?<![\d.近前后这满超逾约第多])(\d{2})\s*年(?![代期内来间以多左])")


def _full_years(text: str, years: frozenset[str]) -> str:
    """"08年资本开支" names 2008 in a library whose reports speak of 2008: the sentences
    write the year in full, so the question is read with it."""
    def full(m: re.Match[str]) -> str:
        for century in ("20", "19"):
            if f"{century}{m.group(1)}年" in years:
                return f"{century}{m.group(1)}年"
        return m.group(0)
    return _SHORT_YEAR_RE.sub(full, text)


_FISCAL_RES = (
    # "2023/24財年", "2023/2024财年": the fiscal year ending in the second year.
    (re.compile(r"((?:19|20)\d{2})\s*/\s*(?:(?:19|20)(\d{2})|(\d{2}))\s*(?:财年|财政年度|年度)"),
     lambda m: f"{m.group(1)[:2]}{m.group(2) or m.group(3)}年"),
    (re.compile(r"(?<![a-z])fy\s*((?:19|20)\d{2})(?!\d)"), lambda m: f"{m.group(1)}年"),
    (re.compile(r"(?<![a-z])fy\s*(\d{2})(?!\d)"), lambda m: f"20{m.group(1)}年"),
    (re.compile(r"((?:19|20)?\d{2})\s*财年"), lambda m: f"{m.group(1)}年"),
    (re.compile(r"上一?个?财年|上一?个?财政年度"), lambda m: "上年"),
    (re.compile(r"本财年|今个财年|本财政年度"), lambda m: "本年"),
)


_FISCAL_HINT_RE = re.compile(r"[财財]|fy|\d\s*/\s*\d", re.IGNORECASE)


def _fiscal_years(text: str) -> str:
    """"FY2024", "2023/24財年", "2024財年": a fiscal year is named by the year it ends in, as
    the report's columns are (截至2024年3月31日止年度 is 2024); ``text`` is normalised."""
    for pattern, said in _FISCAL_RES:
        text = pattern.sub(said, text)
    return text


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
    ranker: Ranker
    example_questions: list[str] = field(default_factory=list)
    # Documents left out or pages dropped ("file: what and what to do"), and per-document
    # counts for ``kb check`` (knowledge/documents.py DocumentReport).
    warnings: list[str] = field(default_factory=list)
    reports: list[DocumentReport] = field(default_factory=list)
    # Every figure the documents' tables state (knowledge/facts.py), and the normalised text
    # naming the companies (titles and first lines): a question naming 工商银行 in a report of
    # 中国工商银行股份有限公司 is about this company, not another one.
    facts: FactIndex = field(default_factory=FactIndex)
    company_text: str = ""
    company_texts: dict[str, str] = field(default_factory=dict)  # document → its company lines
    # What the documents are (年度报告, 第一季度报告, 业绩公告): a question naming its own
    # document (年报审计机构) asks about the report, which every passage is part of.
    document_kinds: frozenset[str] = frozenset()
    # What the documents cover, as a refusal names it ("民生银行（2021年年度报告、2023年第一
    # 季度报告）"): set by the library from the documents' identities; "" for the names.
    coverage: str = ""
    # Per-instance caches (see knowledge/cache.py): raw question → (cleaned text, key);
    # cleaned question → analysed query; cleaned question → answer not depending on context.
    _cleaned: LRU[str, tuple[str, str]] = field(
        default_factory=LRU, init=False, repr=False, compare=False
    )
    _queries: LRU[str, Query] = field(default_factory=LRU, init=False, repr=False, compare=False)
    _answers: LRU[str, _Cached] = field(default_factory=LRU, init=False, repr=False, compare=False)
    # Office → its holders and where it is said (knowledge/roles.py), found once per office.
    _holders: dict[str, tuple[list[str], Passage] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)
    # Field → its value and the passage stating it (knowledge/fields.py), found once per field.
    _fields: dict[str, tuple[str, Passage] | None] = field(
        default_factory=dict, init=False, repr=False, compare=False)

    # --- public API ----------------------------------------------------------------------
    def warm(self) -> None:
        """Run one question through every stage (the build already loaded the tokenizer), and
        build what the first open question would otherwise build."""
        self._headings  # noqa: B018
        # What the first question about an office, a field or the holders would otherwise
        # read every passage for (up to 200 ms on nine reports: one follower's wait).
        self._holder_tables  # noqa: B018
        for office in roles.OFFICES:
            self._holder_of(office)
        for wanted in fields.FIELDS:
            self._value_of(wanted, "")
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

    def answer(
        self, question: str, context: Context | None = None, budget: float = ANSWER_BUDGET
    ) -> Answer:
        """The reply to ``question``, resolving follow-ups against ``context``.

        Only the first ``MAX_QUESTION`` characters are read. A question whose analysis takes
        more than ``budget`` CPU seconds gets a polite "too complex" reply instead.
        """
        if not isinstance(question, str):
            question = ""
        question = question[:MAX_QUESTION]
        if self._latin_names is not None:
            question = self._latin_names.sub(self.entity or "", question)
        text, key = self._clean(question)
        if not text:  # nothing left to look up: small talk by what was sent, never cached
            return self._answer(question, text, key, context, lambda: None)[0]
        hit = self._answers.get(text)
        if hit is not None and (context is None or hit.independent):
            reused = self._reuse(hit.answer, question, context)
            return self._with_other_reports(reused, text, context, budget)
        started = time.thread_time()

        def spent() -> None:
            if time.thread_time() - started > budget:
                raise _OverBudget

        try:
            result, independent = self._answer(question, text, key, context, spent)
        except _OverBudget:
            return self._refusal(texts.TOO_COMPLEX, context, question, keep=True)
        if (result.refused and result.kind == "refusal") or self._two_figures(question):
            both = self._each_ask(question, context, budget - (time.thread_time() - started))
            if both is not None:
                result, independent = both, False
        if context is None or independent:
            self._answers.put(text, _Cached(result, independent))
        return self._with_other_reports(result, text, context, budget)

    def _two_figures(self, question: str) -> bool:
        """"流动比率同速动比率系几多": two figures joined under one ask, each a plain figure
        question of its own (the whole reads as the first only)."""
        joined = _JOINED_ASKS_RE.match(question.strip())
        return joined is not None and len(self.facts) > 0 \
            and not self._figures.combined_ask(self._clean(question)[0]) and all(
            self._figures.plain_ask(self._clean(joined.group(i) + joined.group(3))[0])
            for i in (1, 2))

    def _each_ask(self, question: str, context: Context | None,
                  budget: float) -> Answer | None:
        """Two asks in one message ("分红方案是什么，每10股派多少") that the whole could not
        answer: each answered in turn, the second after the first (a follow-up reads it), the
        replies one after the other; None when it is one ask or neither is answered."""
        asks: list[str] = []
        for part in _ASKS_RE.split(question):
            part = part.strip()
            if asks and not _ASK_WORD_RE.search(asks[-1]):
                asks[-1] += part  # "宝信软件，25年营收多少": a name, then the ask
            elif part:
                asks.append(part)
        if len(asks) < 2 and (joined := _JOINED_ASKS_RE.match(question.strip())):
            # "中期流動比率同速動比率係幾多": each with the ask.
            asks = [joined.group(1) + joined.group(3), joined.group(2) + joined.group(3)]
        asks = [a for a in asks if len(re.findall(r"[\u3400-\u9fff]", a)) >= 3]
        if not 2 <= len(asks) <= MAX_ASKS:
            return None
        replies: list[Answer] = []
        started = time.thread_time()
        for ask in asks:
            left = budget - (time.thread_time() - started)
            if left <= 0:
                break
            got = self.answer(ask, replies[-1].context if replies else context, left)
            if not got.refused and got.kind == "answer":
                replies.append(got)
        if not replies:
            return None
        return evolve(replies[-1], text="\n".join(r.text for r in replies))

    def _with_other_reports(self, result: Answer, text: str, context: Context | None,
                            budget: float) -> Answer:
        """A figure asked with no period of a company whose reports cover several periods:
        the newest report's answer (the default period), then each other report's own, each
        with its period and source — "营收多少" over a 2013 interim and a 2009 annual report
        is as likely about either, and the follower sees which is which. A follow-up to such
        an answer ("上年呢") is read against each of its figures the same way."""
        periods = self.facts.periods
        if len(periods) < 2 or result.refused or result.kind != "answer" \
                or len(self.company_texts) > 1:
            # One report: nothing else to ask (every answer passes here, on the message
            # path). Several companies' documents: another's report is no other period.
            return result
        if context is not None and context.others:
            if not result.facts or _ABSOLUTE_YEAR_RE.search(cn_years(text)):
                return result
            documents = frozenset(str(f.get("document")) for f in result.facts)
            asks: list[tuple[str, Context | None]] = [
                (text, evolve(context, fact=key, period=key.partition("|")[2], others=()))
                for key in context.others]
        else:
            documents, named = documents_for(text, periods)
            if named or not documents or (context is not None and context.period) or not (
                    result.facts or self.analyzer.qtypes(text) & _EVERY_REPORT_QTYPES):
                return result
            used = {p.document for p, _ in result.matches} | {
                str(f.get("document")) for f in result.facts}
            if not used or not used <= documents:
                return result  # answered from elsewhere than the newest report already
            others = sorted({p for d, p in periods.items()
                             if d not in documents and p.year is not None},
                            key=lambda p: p.order, reverse=True)[:MAX_OTHERS]
            asks = [(f"{period.label()}{text}", None) for period in others]
        lines: list[str] = []
        keys: list[str] = []
        started = time.thread_time()  # the other reports share one question's budget
        for ask, ask_context in asks:
            left = budget - (time.thread_time() - started)
            if left <= 0:
                break
            other = self.answer(ask, ask_context, left)
            if other.refused or other.kind != "answer" or other.text == result.text \
                    or other.text in lines:
                continue
            if not other.facts and not {p.document for p, _ in other.matches} - documents:
                continue  # the newest report's passage again
            lines.append(other.text)
            if other.context.fact:
                keys.append(other.context.fact)
        if not lines:
            return result
        return evolve(result, text="\n".join([result.text, texts.OTHER_REPORTS, *lines]),
                      context=evolve(result.context, others=tuple(keys)))

    def _date_for_same_day(self, pid: int, text: str) -> str:
        """ "同日，…" answers "什么时候" only with the date an earlier sentence of its section
        gives: that date is added in brackets after the word."""
        m = SAME_DAY_RE.match(text)
        if not m or DATE_RE.search(text):
            return text
        here = self.passages[pid]
        for prev in range(pid - 1, max(-1, pid - 6), -1):
            before = self.passages[prev]
            if (before.document, before.heading) != (here.document, here.heading):
                break
            dates = FULL_DATE_RE.findall(before.text)
            if dates:
                return text[: m.end()] + f"（{dates[-1]}）" + text[m.end() :]
        return text

    def clear_caches(self) -> None:
        """Forget cached questions and answers (the build answers before examples exist)."""
        self._cleaned.clear()
        self._queries.clear()
        self._answers.clear()
        self.analyzer.clear_caches()

    def _clean(self, question: str) -> tuple[str, str]:
        raw = question[:MAX_QUESTION]  # clean() reads no further
        hit = self._cleaned.get(raw)
        if hit is None:
            said = raw
            if _FISCAL_HINT_RE.search(raw):
                # Before cleaning drops the "/" of 2023/24; lone surrogates must not reach
                # OpenCC.
                said = _fiscal_years(normalize(raw.encode("utf-8", "ignore").decode("utf-8")))
            text = _full_years(clean(said, self.lexicon), self.corpus_years)
            hit = (text, clean_key(text))
            self._cleaned.put(raw, hit)
        return hit

    def _analyze(self, text: str) -> Query:
        # resolve() rewrites the query it is given, so every caller gets its own copy.
        hit = self._queries.get(text)
        if hit is None:
            hit = self.analyzer.analyze(text)
            self._queries.put(text, hit)
        return hit.copy()

    def _read(self, question: str) -> Query:
        """A question as it is read: cleaned and analysed, both cached."""
        return self._analyze(self._clean(question)[0])

    def _reuse(self, cached: Answer, question: str, context: Context | None) -> Answer:
        """A cached context-independent answer with this conversation's outgoing context."""
        if cached.kind == "answer":
            before = context.questions if context is not None else ()
            ctx = evolve(cached.context, questions=(*before, question)[-MAX_QUESTIONS:])
        else:
            # Refusals and small talk keep the conversation where it was.
            ctx = context if context is not None else Context(kb_version=self.version)
        return evolve(cached, context=ctx)

    def _answer(
        self,
        question: str,
        text: str,
        key: str,
        context: Context | None,
        spent: Callable[[], None],
    ) -> tuple[Answer, bool]:
        """(reply, whether the reply's text is the same for every incoming context)."""
        chat = self._chitchat(key, context)
        if chat is not None:
            return chat, True
        before = key
        text, key = self._strip_greeting(text, key)
        greeted = key != before  # a greeting was in front
        if not key:
            if greeted:  # "您好，我想问问" is a greeting with a filler: welcome them
                return self._chat_reply(self._intent_reply("greeting"), context, "greeting"), True
            if question.strip():  # "？", an emoji: nothing to look up, so say what to ask
                return self._chat_reply(self._intent_reply("help"), context, "help"), True
            return self._refusal(texts.REFUSAL_EMPTY, context, question), True
        if key in MORE_WORDS and context is not None:
            more = self.more(context)
            return more or self._refusal(texts.NO_MORE, context, question, keep=True), False
        if context is not None and context.topics and context.topics[0].startswith(
                sections.SECTION_MARK) and key.rstrip(_PARTICLES) in self._why_words:
            # "为什么" after a section answer: its grounds, which the report gives next.
            found = sections.following(self.passages, context.topics[0],
                                       context.passage_ids, onward=True)
            if found:
                query = Query(text=" ".join(context.terms), words=list(context.terms))
                return self._section_answer(found, query, question, context), False
        reason = self._row_reason(key, question, context) or self._row_column(
            key, question, context)
        if reason is not None:
            return reason, False
        text = self._short_company(text)
        query = self._analyze(text)
        spent()
        # Figures first: a fact the tables state is the proof that what the question names
        # is covered — the period (二零二五年 in the text is 2025 in the facts) and a row
        # label the name check does not know (亚洲 in 亚洲地区营业额).
        if len(self.facts):
            problem = self._figures.scope_problem(text, self.corpus_years)
            if problem:
                what, company = problem
                return self._refusal(self._scope_text(what), context, question,
                                     outside=what if company else None), True
        figure = self._figure(text, question, context)
        if figure is not None:
            return figure
        found = sections.named(self._headings, text, self._own_names) or \
            self._named_in_its_year(text)
        if found:
            return self._section_answer(found, query, question, context), True
        # An office or a field asked of the company (董秘 is in no sentence, 董事会秘书 is).
        office = self._office(text, question, context) or self._field(
            text, question, context) or self._holder(text, question, context)
        if office is not None:
            return office, True
        topic = sections.asked_topic(text)
        # "未來展望" is a section's name (四、未來展望) that no sentence writes: the word an open
        # question asks about is no unknown name.
        unknown = [n for n in query.unknown_names
                   if not names_company(n, self.company_text, self._figures.names)
                   and not (topic is not None and topic.asked.search(n))]
        if unknown:
            names: list[str] = []
            for name in unknown:
                if not any(name in kept for kept in names):
                    names.append(name)
            what = "、".join(names[:2])
            return self._refusal(self._scope_text(what), context, question,
                                 outside=what), True
        query = self._without_company_aliases(text, query)
        query = self._without_document_kind(query)
        stray = self._uncovered_period(query)
        if stray:
            return self._refusal(self._scope_text(stray), context, question), True
        if topic is not None:
            found = (sections.audited(self._headings)
                     if topic.name == "opinion" and sections.asks_audited(text) else [])
            found = found or sections.lead(self._headings, topic, text)
            if found:
                return self._section_answer(found, query, question, context), True
        if "define" in query.qtypes:
            found = sections.defining(self._headings, defined_terms(query))
            if found:
                return self._section_answer(found, query, question, context), True
        independent = key not in MORE_WORDS and not depends_on_context(query)
        best = self._superlative(query, question, context)
        if best is not None:
            return best, True
        spent()
        query, how = resolve(query, context, self.analyzer, self._read)
        result = self._in_period(text, query, question, context)
        if how == "substitution" and result.refused:
            spent()
            # "那广告呢" after 净利润: no passage has both, so the new word is the new topic.
            query, how = resolve(self._analyze(text), context, self.analyzer, self._read, False)
            result = self._answer_query(query, question, context, exclude=())
        if greeted and result.refused:
            # "你好，想问点事儿": a hello with words that ask nothing the report answers.
            return self._chat_reply(self._intent_reply("greeting"), context, "greeting"), True
        return result, independent

    def more(self, context: Context) -> Answer | None:
        """The next best passage for the last question that has not been shown yet."""
        if context.empty:
            return None
        if context.topics and context.topics[0].startswith(sections.SECTION_MARK):
            found = sections.following(self.passages, context.topics[0], context.passage_ids)
            if found:
                query = Query(text=" ".join(context.terms), words=list(context.terms))
                question = context.questions[-1] if context.questions else ""
                return self._section_answer(found, query, question, context, more=True)
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
            if intent is None and len(key) <= 20 and texts.CAPABILITY_RE.search(key):
                intent = "help"
            bare = without_names(key, self._own_names).strip() if intent is None else ""
            if bare and self.coverage and len(key) <= 30 \
                    and texts.REPORT_ASKED_RE.search(bare.rstrip(_PARTICLES)):
                return self._chat_reply(texts.REPORT_IS.format(scope=self.coverage), context,
                                        "report")
            if intent is None:
                return None
            reply = self._intent_reply(intent)
        return self._chat_reply(reply, context, intent)

    def _chat_reply(self, reply: str, context: Context | None, intent: str | None = None
                    ) -> Answer:
        ctx = context or Context(kb_version=self.version)
        return Answer(reply, "chitchat", False, 1.0, (), None, self.entity, None, ctx, intent)

    def _intent_reply(self, intent: str) -> str:
        examples = "\n".join(f"{i}. {q}" for i, q in enumerate(self.examples(3), 1))
        titles = [self.titles.get(doc, doc) for doc in self.documents]
        if intent == "thanks":
            return texts.THANKS
        if intent == "bye":
            return texts.BYE
        head = texts.WELCOME.format(scope=texts.scope(titles))
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
        scope = self.coverage or "、".join(self.scope_names[:3]) or "已收录的报告"
        return texts.REFUSAL_SCOPE.format(what=what, scope=scope)

    def _uncovered_period(self, query: Query) -> str | None:
        for period in sorted(query.periods):
            # 去年 (上年, 上一年 …) is read against the report's period (the facts and the
            # ranking do), never a word the report must write itself. (今年 is a stop word.)
            if period not in self.corpus_periods and period != "去年":
                return period
        for year in sorted(query.years):
            if year not in self.corpus_years:
                return year
        return None

    def _named_in_its_year(self, text: str) -> list[Passage]:
        """"2007年資本開支" names the section 資本開支 of the report on 2007: a report's own
        year says nothing more (another year is not that section's)."""
        documents, _ = documents_for(text, self.facts.periods)
        own: set[str] | None = None  # one report (or periods unread): its headline year
        year = self.ranker.main_year
        if documents:
            years = {d: f"{p.year}年" for d in documents
                     if (p := self.facts.periods.get(d)) is not None and p.year is not None}
            year = next((y for y in sorted(set(years.values())) if y in text), None)
            own = {d for d, y in years.items() if y == year}
        if not year or year not in text:
            return []
        return sections.named(self._headings, text.replace(year, "", 1), self._own_names, own)

    def _in_period(self, text: str, query: Query, question: str,
                   context: Context | None) -> Answer:
        """Ranked within the report on the asked period, the newest one when none is asked
        (knowledge/periods.py); from every report when that one has no answer, or, for a
        question naming no period, a clearly better one elsewhere."""
        documents, named = documents_for(text, self.facts.periods)
        spans = [self._spans[d] for d in documents if d in self._spans]
        if len(spans) != 1:
            return self._answer_query(query, question, context, exclude=())
        # A passage naming no period is about its own report's period (上半年 in a
        # half-year report), not the headline period of all the reports.
        own = self.facts.periods.get(next(iter(documents)))
        ranker = self.ranker
        if own is not None and own.year is not None:
            word, year = PART_WORDS.get(own.part), f"{own.year}年"
            ranker = dataclasses.replace(
                ranker, main_period=word if word in query.periods else ranker.main_period,
                main_year=year if year in query.years else ranker.main_year)
        part = self._answer_query(query, question, context, exclude=(), within=spans[0],
                                  ranker=ranker)
        if named and not part.refused:
            return part  # the asked period's report answers: no need to rank them all
        whole = self._answer_query(query, question, context, exclude=())
        if part.refused or (not named and not whole.refused and (
                part.confidence < whole.confidence - 0.1
                or part.matches[0][1] < NEWEST_SHARE * whole.matches[0][1])):
            return whole
        return part

    @functools.cached_property
    def _own_names(self) -> list[str]:
        """The company's names as a question may say them: 金花 for 金花股份 (a short name
        without its 股份/集团/控股), for telling an office or field question from others."""
        names = [*self._figures.names, *self.analyzer.entities]
        short = holding_names(set(names), suffixes=("股份", "集团", "控股"))
        return names + sorted(n for n in short if n not in names)

    @functools.cached_property
    def _spans(self) -> dict[str, range]:
        """Each document's passage ids, where they follow one another."""
        first: dict[str, int] = {}
        count: dict[str, int] = {}
        for p in self.passages:
            first.setdefault(p.document, p.id)
            count[p.document] = count.get(p.document, 0) + 1
        return {d: range(first[d], first[d] + count[d]) for d in first
                if self.passages[first[d] + count[d] - 1].document == d}

    def _answer_query(
        self,
        query: Query,
        question: str,
        context: Context | None,
        exclude: tuple[int, ...],
        more: bool = False,
        within: range | None = None,
        ranker: Ranker | None = None,
    ) -> Answer:
        ranked = (ranker or self.ranker).rank(query, exclude, within)
        if more:
            # Two documents often state the same sentence; "更多" should bring something new.
            seen = {self.info[p].norm for p in exclude if 0 <= p < len(self.info)}
            ranked = [r for r in ranked if self.info[r[0]].norm not in seen]
        # "更多" asks for the next related passage, which may match the question less fully.
        threshold = THRESHOLD * MORE_FACTOR if more else THRESHOLD
        if more and (not ranked or ranked[0][2] < threshold):
            # Nothing else is about the topic: go on reading where the last answer stopped.
            after = self._following(exclude)
            ranked = [(after, 0.0, threshold)] if after is not None else ranked
        if not ranked or ranked[0][2] < threshold:
            conf = ranked[0][2] if ranked else 0.0
            return self._refusal(texts.REFUSAL, context, question, confidence=conf)
        if not more and len(ranked) > 1 and ranked[1][2] >= threshold and \
                sections.dangling_label(self.passages, self.passages[ranked[0][0]]):
            ranked = ranked[1:]
        pid, _, coverage = ranked[0]
        passage = self.passages[pid]
        if not more and "figure" in query.qtypes and not query.qtypes & {"count", "why"} \
                and not self.info[pid].figures and _HOW_MUCH_RE.search(question):
            # "CHC业务收入多少" answered by a sentence about CHC without a figure: the report
            # does not state it.
            return self._refusal(texts.REFUSAL, context, question, confidence=coverage)
        if not more and "figure" in query.qtypes and pid in self._rows \
                and self._other_row(pid, query.text):
            return self._refusal(texts.REFUSAL, context, question, confidence=coverage)
        if not more and not query.qtypes & _FIGURE_QTYPES:
            # "需提醒投资者关注的…其他重要信息" names what follows; "…是怎么回事" asks for
            # the story: read on in the section.
            found = sections.reading_on(self.passages, passage) if sections.asks_story(
                question) else sections.after_label(self.passages, passage)
            if found:
                return self._section_answer(found, query, question, context)
        text_quote = quote(passage, query)
        if "time" in query.qtypes:
            text_quote = self._date_for_same_day(pid, text_quote)
        items = self._list_items(pid) if text_quote.endswith(("；", ";")) else []
        if items:
            # "未來的主要方向包括：(1)…；" is the first item of a list: the rest follow.
            text_quote += "".join(self.passages[i].text.strip() for i in items)
        text = text_quote + _source_note(passage)
        metric = self._metric(query)
        period = next(iter(sorted(query.periods)), None) or next(
            iter(sorted(self.info[pid].periods)), None
        )
        entity = next((g.word for g in query.groups if g.cls in ("entity", "name")), self.entity)
        shown = (tuple(context.passage_ids) if more and context else ()) + (pid, *items)
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

    def _list_items(self, pid: int) -> list[int]:
        """The passages after ``pid`` that go on with the numbered list it starts ("(1)…；"
        then "(2)…；" … "及(5)…。"), the same paragraph's, up to LIST_MAX characters."""
        first = self.passages[pid]
        if not _LIST_ITEM_RE.search(first.text) and not _FIRST_ITEM_RE.search(first.text):
            return []
        out: list[int] = []
        size = len(first.text)
        for i in range(pid + 1, min(len(self.passages), pid + 12)):
            nxt = self.passages[i]
            if (nxt.document, nxt.page, nxt.heading) != (first.document, first.page,
                                                         first.heading) \
                    or not _LIST_ITEM_RE.match(nxt.text.strip()):
                break
            size += len(nxt.text)
            if size > LIST_MAX:
                break
            out.append(i)
            if not nxt.text.rstrip().endswith(("；", ";")):
                break  # the last item ends the sentence
        return out

    def _office(self, text: str, question: str, context: Context | None) -> Answer | None:
        """Who holds the office a question asks about (主席, 公司秘書, 核數師), from the lines
        that pair an office with its holder (knowledge/roles.py); None when none does."""
        asked = roles.asked_office(text, self._own_names)
        if asked is None:
            return None
        office, word = asked
        found = self._holder_of(office)
        if found is None:
            return None
        names, passage = found
        return self._stated(f"{word}为{'、'.join(names)}。", passage, word, question, context)

    def _field(self, text: str, question: str, context: Context | None) -> Answer | None:
        """A labelled field of the company information (股票代码, 注册地址), read from the line
        that labels it (knowledge/fields.py); None when no line does."""
        asked = fields.asked_field(text, self._own_names)
        if asked is None:
            return None
        found = self._value_of(asked, text)
        if found is None:
            return None
        value, passage = found
        return self._stated(f"{asked.name}：{value}。", passage, asked.name, question, context)

    def _holder_of(self, office: roles.Office) -> tuple[list[str], Passage] | None:
        """An office's holders, found once (built with the knowledge by ``warm``)."""
        if office.name not in self._holders:
            self._holders[office.name] = roles.holder(self.passages, office)
        return self._holders[office.name]

    def _value_of(self, wanted: fields.Field, text: str) -> tuple[str, Passage] | None:
        """A field's value for a question, found once per field and place asked."""
        key = fields.memo_key(wanted, text)
        if key not in self._fields:
            self._fields[key] = fields.lookup(self.passages, wanted, text)
        return self._fields[key]

    def _holder(self, text: str, question: str, context: Context | None) -> Answer | None:
        """The top shareholders (第一大股东, 前十大股东, X持股比例), from the table that lists
        them (knowledge/holders.py), of the asked or newest report; None when none does."""
        if not holders.may_ask(text):
            return None
        tables = self._holder_tables
        if not tables:
            return None
        documents, _ = documents_for(text, self.facts.periods)
        chosen = [d for d in documents if d in tables] or list(tables)
        newest = max(chosen, key=lambda d: (p.order if (p := self.facts.periods.get(d))
                                            else (0, 0)))
        table = tables[newest]
        span = self._spans[newest]
        together = holders.acting_together(text, self.passages[span.start:span.stop], table,
                                           self._own_names)
        if together is not None:
            return self._stated(together, table[0].passage, "股东", question, context)
        what, named = holders.asked(
            text, self._own_names, table,
            lambda w: names_company(w, self.company_text, self._figures.names))
        if not what:
            return None
        if what == "ratio" and named is None and context is not None and context.passage_ids:
            # "佢持股比例几多" after the second holder was named: that holder's.
            named = next((k for k, h in enumerate(table)
                          if h.passage.id == context.passage_ids[-1]), None)
        reply, passage = holders.reply(what, named, table)
        return self._stated(reply, passage, "股东", question, context)

    @functools.cached_property
    def _holder_tables(self) -> dict[str, list[holders.Holder]]:
        out: dict[str, list[holders.Holder]] = {}
        for document, span in self._spans.items():
            found = holders.table(self.passages[span.start:span.stop])
            if found:
                out[document] = found
        return out

    def _stated(self, reply: str, passage: Passage, term: str, question: str,
                context: Context | None) -> Answer:
        """A reply one passage states (an office holder, a labelled field), with its source."""
        before = context.questions if context is not None else ()
        ctx = Context(passage_ids=(passage.id,), questions=(*before, question)[-MAX_QUESTIONS:],
                      terms=(term,), entity=self.entity, kb_version=self.version)
        return Answer(reply + _source_note(passage), "answer", False, 1.0, ((passage, 1.0),),
                      None, self.entity, None, ctx)

    def _section_answer(self, found: list[Passage], query: Query, question: str,
                        context: Context | None, more: bool = False) -> Answer:
        """The lead sentences of a section, quoted with its source; "更多" reads on."""
        text = "".join(p.text for p in found) + _source_note(found[0])
        before = context.questions if context is not None else ()
        shown = (tuple(context.passage_ids) if more and context else ()) + tuple(
            p.id for p in found)
        ctx = Context(
            passage_ids=shown[-20:],
            questions=(before if more else (*before, question))[-MAX_QUESTIONS:],
            terms=tuple(query.words) or ("§",),
            topics=(sections.mark(found[0]),),
            entity=self.entity,
            kb_version=self.version,
        )
        matches = tuple((p, 1.0) for p in found)
        return Answer(text, "answer", False, 1.0, matches, None, self.entity, None, ctx)
    def _without_company_aliases(self, text: str, query: Query) -> Query:
        """The question with the report's name for its company in place of an abbreviation
        (工行 → 工商银行), and without a name of it that no passage uses: either would only
        lower coverage."""
        names = self._figures.names
        if not names:
            return query
        changed = text
        for g in query.groups:
            if len(g.word) < 2 or g.cls not in ("name", "entity", "other", "topic"):
                continue
            if g.word not in self.company_text and names_company(
                    g.word, self.company_text, names):
                # An abbreviation (工行): the report's own name for its company instead.
                full = next(n for n in names if names_company(g.word, "", [n]))
                changed = changed.replace(g.word, full)
            elif g.word not in self.index.idf and names_company(
                    g.word, self.company_text, names):
                changed = changed.replace(g.word, " ")
        changed = changed.strip()
        return self._analyze(changed) if changed and changed != text else query

    def _without_document_kind(self, query: Query) -> Query:
        """The question without words naming the document itself (年报 in an annual report's
        "年报审计机构是哪家", 一季报 in a first-quarter report's): no passage needs to say
        them, as none needs the company's name."""
        kinds = self.document_kinds
        own = [g.word for g in query.groups if g.cls == "topic" and len(g.word) >= 2
               and g.word.endswith(_REPORT_ENDINGS) and any(
                   g.word in k or self.lexicon.canonical.get(g.word, "~") in k for k in kinds)]
        if not own or len(query.groups) <= len(own) + 1:
            return query
        changed = query.text
        for word in own:
            changed = changed.replace(word, " ")
        changed = changed.strip()
        return self._analyze(changed) if changed and changed != query.text else query

    def _row_reason(self, key: str, question: str, context: Context | None) -> Answer | None:
        """"为啥涨这么多" after a figure: the reason its row gives in the table's 变动原因
        column; None when the row gives none (the ranking then looks for one)."""
        if context is None or not context.fact or not context.passage_ids or len(key) > 14 \
                or not any(key.startswith(w) for w in self._why_words):
            return None
        # The row shown, else another row of the same item that gives a reason (the 科目变动
        # 分析表 beside the key figures the answer quoted).
        metric, _, key = context.fact.partition("|")
        metric = re.split("[÷∶]", metric)[0]  # a share's part (FigureAnswer.whole)
        # The change rows of the period shown too: a quarterly report gives reasons in a table
        # of changes only ("归属于上市公司股东的净利润_本报告期 | 6,028.76 | 主要系…").
        ids = [context.passage_ids[-1], *(f.passage for f in self.facts.find(metric)),
               *(f.passage for f in self.facts.find(metric, change=True)
                 if f.period.key == key)]
        candidates = [self.passages[i] for i in ids
                      if i is not None and 0 <= i < len(self.passages)]
        passage, reasons = next(((p, found) for p in candidates if (found := [
            r for r in _ROW_REASON_RE.findall(p.text)
            if len(re.findall(r"[\u4e00-\u9fff]", r)) >= 4])), (None, []))
        if passage is None:
            # "经营活动产生的现金流量净额变动原因说明：主要系…" after the change table.
            labels = {normalize(f.label).split("（")[0].split("(")[0].strip()
                      for f in self.facts.find(metric)} - {""}
            # The passages' texts as the build normalised them (no conversion per question).
            said = next((self.passages[i] for i, info in enumerate(self.info) if any(
                info.norm.lstrip().startswith(label) and "原因" in info.norm.lstrip()[
                    len(label):len(label) + 8] for label in labels)), None)
            if said is None:
                return None
            passage, reasons = said, [said.text.split("：", 1)[-1].strip()]
        label = re.sub(r"(?:的?变动)?(?:的?原因)(?:说明|分析)?$", "",
                       passage.text.split("：", 1)[0].strip())
        before = context.questions
        ctx = evolve(context, questions=(*before, question)[-MAX_QUESTIONS:])
        text = f"{label}的变动原因：{reasons[-1].rstrip('。；;')}。" + _source_note(passage)
        return Answer(text, "answer", False, 1.0, ((passage, 1.0),), None, self.entity, None,
                      ctx)

    def _row_column(self, key: str, question: str, context: Context | None) -> Answer | None:
        """"毛利率呢" after a product's revenue quoted from its row ("静注人免疫球蛋白：营业收入
        …，营业成本 …，毛利率（%） 48.01%"): the cell of that row the column names, not the
        company's figure; None when the row has no such column."""
        if context is None or not context.fact or not context.passage_ids or len(key) > 12:
            return None
        word = _COLUMN_ASK_RE.sub("", key)
        pid = context.passage_ids[-1]
        if len(word) < 2 or _PERIOD_WORD_RE.search(word) or not 0 <= pid < len(self.passages):
            return None  # "2024年呢" asks the same item of another period
        passage = self.passages[pid]
        label, sep, cells = passage.text.partition("：")
        if not sep:
            return None
        for cell in re.split(r"[，。]", cells):
            m = _CELL_RE.match(cell.strip())
            if m is None:
                continue
            name, value = m.group(1), m.group(2)
            norm = normalize(name)
            if norm.startswith(word) and ("增减" in word) == ("增减" in norm):
                before = context.questions
                ctx = evolve(context, questions=(*before, question)[-MAX_QUESTIONS:])
                text = f"{label}的{name}：{value}。" + _source_note(passage)
                return Answer(text, "answer", False, 1.0, ((passage, 1.0),), None, self.entity,
                              None, ctx)
        return None

    @functools.cached_property
    def _why_words(self) -> frozenset[str]:
        """What a bare "为什么" says, cleaned as a question is (点解 → 为什么)."""
        return frozenset(clean_key(w) for w in self.lexicon.qwords.get("why", ()))

    @functools.cached_property
    def _company_spellings(self) -> list[tuple[str, str]]:
        """(a longer spelling of the company's name, what stands for it), longest first: the
        full names the first lines give (博智国际药业控股有限公司) and their starts ending
        between words, each standing for the report's short name the full name starts with
        (博智国际药业 → 博智), or for nothing when there is none (a code is the entity, or
        no short name was read). Only for one company's documents: among several, the name
        says which."""
        if len(self.company_texts) > 1:
            return []
        aliases = sorted((e for e in self.analyzer.entities
                          if len(e) >= 2 and HAN_ONLY_RE.fullmatch(e)), key=len)
        out: dict[str, str] = {}
        for full in FULL_NAME_RE.findall(self.company_text):
            full = full.strip()
            short = next((a for a in aliases if full.startswith(a) and a != full), "")
            # Starts ending between words only: 张家界旅游, never 张家界旅 (of 张家界旅行社).
            end = 0
            for word in self.analyzer.tk.words(full):
                end += len(word)
                if end > max(len(short), 2):
                    out.setdefault(full[:end], short)
        return sorted(out.items(), key=lambda p: -len(p[0]))

    def _short_company(self, text: str) -> str:
        """"博智國際藥業每股基本盈利" → "博智每股基本盈利": every passage is about the company,
        so its long name is only the words of the few sentences that spell it out (the
        chairman's opening line outranked the figure asked)."""
        for spelling, short in self._company_spellings:
            if spelling in text:
                shorter = text.replace(spelling, short).strip()
                return shorter if len(shorter) >= 2 else text
        return text

    @functools.cached_property
    def _latin_names(self) -> re.Pattern[str] | None:
        """The company's Latin names, with or without spaces ("Ernest Borel" for ernestborel,
        the name in its web address): read as its Chinese name, as every passage and fact
        knows it. Only for one company's documents with a Chinese name."""
        if len(self.company_texts) > 1 or not self.entity or not HAN_ONLY_RE.search(self.entity):
            return None
        latin = sorted((e.replace(" ", "") for e in self.analyzer.entities
                        if len(e) >= 4 and re.fullmatch(r"[a-z]+(?: [a-z]+)*", e)),
                       key=len, reverse=True)
        if not latin:
            return None
        spelled = "|".join(r"[\s-]*".join(map(re.escape, name)) for name in latin)
        return re.compile(rf"(?<![A-Za-z])(?:{spelled})(?![A-Za-z])", re.IGNORECASE)

    @functools.cached_property
    def _headings(self) -> sections.Headings:
        return sections.Headings(self.passages, [info.norm for info in self.info])

    @functools.cached_property
    def _rows(self) -> dict[int, list[Fact]]:
        """The figures of a standard item each table-row passage states (a row of a label the
        lexicon does not know is left out: it may be the item asked, said otherwise)."""
        rows: dict[int, list[Fact]] = {}
        for fact in self.facts.facts:
            if fact.passage is not None and fact.item:
                rows.setdefault(fact.passage, []).append(fact)
        return rows

    def _other_row(self, pid: int, text: str) -> bool:
        """True when the table row ranked first states another item than the figure question
        asks, or the item of whole years only when a quarter or half is asked: the facts had
        no figure of the item for the period ("25年一季度营业成本" and the quarterly table's
        营业收入 row, or the year's 营业成本 row), and quoting the row would give one."""
        asked = self._figures.asked_item(text)
        if asked is None or not self.facts.has(asked[0]):
            return False
        item, period = asked
        row = self._rows[pid]
        if all(f.item != item for f in row):
            return True
        return period is not None and bool(period.part) and not any(f.period.part for f in row)

    @functools.cached_property
    def _figures(self) -> FigureAnswerer:
        return FigureAnswerer(self.facts, self.company_text, self.company_texts)

    def _figure(self, text: str, question: str,
                context: Context | None) -> tuple[Answer, bool] | None:
        """A figure question answered from the facts, or None to rank passages."""
        if not len(self.facts):
            return None
        prev = None
        if context is not None and context.fact:
            metric, _, key = context.fact.partition("|")
            period = Period.from_key(key)
            if metric and period is not None:
                prev = (metric, period)
        found = self._figures.answer(text, prev)
        if found is None:
            # A homophone typed for a word of the report (研法费用 for 研发费用).
            fixed = self.analyzer.correct_typos(text)
            found = self._figures.answer(fixed, prev) if fixed != text else None
        if found is None:
            return None
        return self._figure_reply(found, question, context), not found.used_context

    def _figure_reply(self, found: FigureAnswer, question: str,
                      context: Context | None) -> Answer:
        about = self._analyze(self._clean(found.source.metric)[0])
        before = context.questions if context is not None else ()
        pid = found.source.passage
        shown = (pid,) if pid is not None else ()
        ctx = Context(
            metric=found.metric, entity=self.entity, period=found.period.key,
            passage_ids=shown, questions=(*before, question)[-MAX_QUESTIONS:],
            terms=tuple(about.words), topics=tuple(about.topics), kb_version=self.version,
            fact=f"{found.metric}{found.whole}|{found.period.key}")
        matches = tuple((self.passages[p], 1.0) for p in shown if 0 <= p < len(self.passages))
        return Answer(found.text, "answer", False, 1.0, matches, found.metric, self.entity,
                      found.period.key, ctx, facts=tuple(f.to_dict() for f in found.facts),
                      computation=found.computation)

    def _superlative(self, query: Query, question: str,
                     context: Context | None) -> Answer | None:
        """"哪项业务收入最高": the extreme of the figures the report states side by side, or
        None (not a superlative, or fewer than two comparable figures) to rank as usual."""
        ask = superlative_asked(query.text)
        if ask is None:
            return None
        plain = query.text  # what is compared, without the company's names
        for name in sorted({*self._figures.names, *self.scope_names, self.entity or ""},
                           key=len, reverse=True):
            plain = plain.replace(name, "") if len(name) >= 2 else plain
        table = breakdown(plain, ask, self.facts)
        if table is not None:
            return self._breakdown_answer(table, ask, question, context)
        # The label must name what the question does (广告 in 哪个广告收入下降最多), as any
        # of its words; a question about businesses compares revenue lines.
        needs = [self._spellings(g.alts) for g in query.groups if g.cls in ("topic", "name")]
        if not needs and ask.parts:
            needs = [set(self.lexicon.groups.get(self._revenue, ())) | {self._revenue}]
        periods = self.ranker.asked_periods(query)
        items: dict[str, Item] = {}
        for pid, info in enumerate(self.info):
            if self.ranker.conflicts(query, info) or (
                    periods and info.periods and not info.periods & periods):
                continue
            value = measure_of(info.norm, ask.measure)
            label = label_of(self.passages[pid].text) if value is not None else None
            if value is None or label is None or label in items:
                continue
            if (ask.parts and self._is_total(label)) or not any(
                    w in label for w in self._metric_words):
                continue
            if ask.decline and ask.measure == "growth" and value >= 0:
                continue  # "下降最多" is answered by a fall only
            if all(any(w in label for w in alts) for alts in needs if alts):
                items[label] = Item(pid, label, value, self.passages[pid].text)
        # One figure is no comparison, unless it is a share above half (占比最大).
        if len(items) < 2 and not (ask.decline or (
                ask.measure == "share" and ask.highest and items
                and next(iter(items.values())).value > 50)):
            return None
        if not items:
            return None
        pick = max if ask.highest else min
        best = pick(items.values(), key=lambda item: item.value)
        passage = self.passages[best.pid]
        text = f"{lead(best, ask)}：{statement(best)}" + _source_note(passage)
        about = self._analyze(self._clean(best.label)[0])
        before = context.questions if context is not None else ()
        ctx = Context(
            metric=self._metric(about), entity=self.entity,
            period=next(iter(sorted(self.info[best.pid].periods)), None),
            passage_ids=(best.pid,), questions=(*before, question)[-MAX_QUESTIONS:],
            terms=tuple(about.words), topics=tuple(about.topics), kb_version=self.version)
        return Answer(text, "answer", False, 1.0, ((passage, best.value),), ctx.metric,
                      ctx.entity, ctx.period, ctx)

    def _breakdown_answer(self, table: Breakdown, ask: Asked, question: str,
                          context: Context | None) -> Answer:
        """"按产品，2016年收入最高的是环保客运服务：211,591,403.11元（约2.12亿元）；其次是…"."""
        best, *rest = table.ranked

        def shown(fact: Fact) -> str:  # a change as its column says it: 同比增减 -12.29%
            return f"{fact.column.strip()} {fact.value.strip()}" if fact.change else stated(fact)

        verb = {"growth": "下降" if ask.decline else "增长", "share": "占比", "amount": ""}
        text = (f"按{table.kind}，{best.period.label()}{table.cue}{verb[ask.measure]}"
                f"{ask.superlative}的是{best.label}：{shown(best)}")
        if rest:
            text += "；其次是" + "，".join(f"{f.label}：{shown(f)}" for f in rest[:2])
        text += "。" + sources([best])
        about = self._analyze(self._clean(best.label)[0])
        before = context.questions if context is not None else ()
        pids = (best.passage,) if best.passage is not None else ()
        ctx = Context(
            metric=self._metric(about), entity=self.entity, period=best.period.label() or None,
            passage_ids=pids, questions=(*before, question)[-MAX_QUESTIONS:],
            terms=tuple(about.words), topics=tuple(about.topics), kb_version=self.version)
        matches = tuple((self.passages[p], best.number) for p in pids)
        return Answer(text, "answer", False, 1.0, matches, ctx.metric, ctx.entity, ctx.period,
                      ctx)

    def _spellings(self, alts: dict[str, float]) -> set[str]:
        """A question word's spellings a label may use: its parts and their synonyms
        (收入 → 收益, 营收 …)."""
        out: set[str] = set()
        for alt in alts:
            if len(alt) >= 2 and not alt.startswith("~"):
                out |= {alt, *self.lexicon.groups.get(alt, ())}
        return {w for w in out if len(w) >= 2}

    def _is_total(self, label: str) -> bool:
        """A label naming the whole (收益, 总收入, 腾讯营业收入), not a part of it."""
        bare = label
        for name in (self.entity or "", *self.scope_names):
            if name:
                bare = bare.replace(name, "")
        return bare.startswith("总") or "总" in bare[:2] or self.lexicon.kinds.get(bare) == "metric"

    @property
    def _revenue(self) -> str:
        # The first metric of the lexicon is revenue (营业收入): businesses compare by it.
        return next(iter(self.lexicon.metric_rank), "收入")

    @functools.cached_property
    def _metric_words(self) -> list[str]:
        """The Chinese words naming a metric (收入, 盈利, 月活 …): a comparable label has one."""
        return [w for w, kind in self.lexicon.kinds.items()
                if kind == "metric" and len(w) >= 2 and not w.isascii()]

    def _following(self, shown: tuple[int, ...]) -> int | None:
        """The passage after the last one shown, when it continues the same section."""
        if not shown or not 0 <= shown[-1] < len(self.passages) - 1:
            return None
        last, after = self.passages[shown[-1]], self.passages[shown[-1] + 1]
        if after.id in shown or (after.document, after.heading) != (last.document, last.heading):
            return None
        return after.id

    def _metric(self, query: Query) -> str | None:
        for cls in ("topic", "name"):
            for g in query.groups:
                if g.cls == cls:
                    return self.lexicon.canonical.get(g.word, g.word)
        return None

    def _refusal(
        self,
        message: str,
        context: Context | None,
        question: str,
        confidence: float = 0.0,
        keep: bool = False,
        outside: str | None = None,
    ) -> Answer:
        suggestions = "\n".join(f"{i}. {q}" for i, q in enumerate(self.examples(3), 1))
        text = f"{message}\n{texts.SUGGEST_HEAD}\n{suggestions}" if suggestions else message
        # A refusal keeps the conversation where it was, so "更多" and follow-ups still work.
        ctx = context if context is not None else Context(kb_version=self.version)
        return Answer(text, "refusal", True, confidence, (), None, None, None, ctx,
                      outside=outside)


# A follow-up's words around the column it asks for ("那毛利率呢", "营业成本是多少").
_COLUMN_ASK_RE = re.compile(
    r"^(?:那么?|咁|其|它的|佢嘅)|(?:的|嘅)?(?:呢|是多少|多少|几多|系几多|怎么样)[?？]?$")


_PERIOD_WORD_RE = re.compile(r"\d|年|季|月|期|半")
# A cell of a row passage: its column's name, then its figure ("毛利率（%） 48.01%").
_CELL_RE = re.compile(r"(.+?)\s*([+\-−]?\d[\d,]*(?:\.\d+)?[^\d\s，。]*)$")


def _source_note(passage: Passage) -> str:
    return texts.source_note(passage.document, passage.page, passage.heading)


@dataclass(frozen=True)
class _Cached:
    answer: Answer
    independent: bool  # True: valid for any incoming context; False: only for none


__all__ = ["KnowledgeBase"]
