"""From a raw question to weighted term groups: cleaning, typos, synonyms, scope.

Nothing here ranks passages; it decides what the question is about, what kind of answer it
wants (a figure, a date, a list) and whether it names something the knowledge does not cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from knowledge.cache import LRU
from knowledge.cleaning import convert_numerals
from knowledge.lexicon import Lexicon
from knowledge.pinyin import char_pinyin, closest
from knowledge.text import HAN_RE, YEAR_RE
from knowledge.tokenizer import NAME_TAGS, SUB, KBTokenizer

SUBSTITUTION_RE = re.compile(
    r"^(?:那么?|其中|还有|另外|再说说|换成|那如果)(.{1,20}?)(?:呢|怎么样|如何|又如何)?$"
)
TRAILING_NE_RE = re.compile(r"^(.{1,12}?)(?:呢|怎么样|又如何)$")
# A table column "同比变化" with "+12.3%" answers "同比增长多少": a direction-neutral change word
# stands in for 增长/下降, a little below the word itself (which still decides between two).
NEUTRAL_CHANGE = ("变化", "变动", "增减")
DIRECTED_CHANGE = frozenset({"增长", "下降"})
# Question words after which a noun names the kind of answer, not its topic: 哪些「城市」.
DETERMINERS = frozenset(
    {
        "哪些",
        "哪个",
        "哪几个",
        "哪几",
        "哪",
        "什么",
        "几个",
        "几家",
        "多少个",
        "哪家",
        "哪类",
        "哪种",
    }
)


_HOW_MANY = frozenset({"多少", "几", "几个"})
_COUNT_WORDS = frozenset({"几名", "几人", "几位", "几家", "几户", "多少人", "多少名"})
_MEASURE_WORDS = frozenset({"人", "名", "位", "个", "家", "户", "座", "间"})
# The name of an amount closing a question (…维护收入, 研发费用, 借款总额).
_AMOUNT_NAMED_RE = re.compile(
    r"(?:收入|收益|营收|营业额|利润|溢利|开支|费用|成本|总额|余额|金额)[？?]?$")
# Amounts, units and shares are not counted things (多少港元, 几个百分点, 多少倍).
_NOT_COUNTED_RE = re.compile(r"钱|亿|万|元|币|倍|成|年|月|天|日|股|仙|百分|点|%|率|分|比|份额")
_FISCAL_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:财年|财政年度)|fy\s*((?:19|20)\d{2})")


@dataclass
class Group:
    """One concept of a question: a word and the tokens that may stand for it."""

    word: str
    alts: dict[str, float]
    cls: str  # "topic" | "name" | "form" | "change" | "period" | "entity" | "figure" | "other"
    idf: float = 0.0
    known: bool = True
    credit: dict[str, float] = field(default_factory=dict)  # alt → confidence credit


@dataclass
class Query:
    """A cleaned, analysed question."""

    text: str
    words: list[str] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    qtypes: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)
    years: set[str] = field(default_factory=set)
    unknown_names: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # words naming the kind of answer (哪些「城市」)

    @property
    def topics(self) -> list[str]:
        return [g.word for g in self.groups if g.cls in ("topic", "name")]

    def copy(self) -> Query:
        """A copy whose lists and sets may be changed (groups are never changed, so shared)."""
        return Query(
            text=self.text,
            words=list(self.words),
            groups=list(self.groups),
            qtypes=set(self.qtypes),
            periods=set(self.periods),
            years=set(self.years),
            unknown_names=list(self.unknown_names),
            kinds=set(self.kinds),
        )


class Analyzer:
    """Question analysis bound to one knowledge base's tokenizer, lexicon and vocabulary."""

    def __init__(
        self,
        tokenizer: KBTokenizer,
        lex: Lexicon,
        idf: dict[str, float],
        max_idf: float,
        names: set[str],
        bigrams: set[str],
        entity: str | None,
    ) -> None:
        self.tk = tokenizer
        self.lex = lex
        self.idf = idf
        self.max_idf = max_idf
        self.bigrams = bigrams
        self._chars = {ch for b in bigrams for ch in b}
        self.entity = entity
        self.entities: set[str] = {entity} if entity else set()
        self.form_words = {w for words in lex.qwords.values() for w in words}
        self._by_first: dict[str, list[str]] = {}
        for term in sorted(idf):
            if 3 <= len(term) <= 8 and term[0] != SUB and re.fullmatch(r"[\u3400-\u9fff]+", term):
                self._by_first.setdefault(term[0], []).append(term)
        self._char_pinyin = char_pinyin()
        self._pinyin: dict[tuple[str, ...], list[str]] = {}
        self._groups: LRU[str, Group] = LRU()
        # The report's names, and the lexicon's short words a question says (扣非 for 扣飞,
        # which no report writes out so).
        shorts = {w for w in lex.groups if len(w) <= 4 and re.fullmatch(r"[\u3400-\u9fff]+", w)}
        for name in sorted(names | shorts):
            key = self._pinyin_key(name)
            if 2 <= len(name) <= 6 and key is not None:
                self._pinyin.setdefault(key, []).append(name)

    # --- typo correction -------------------------------------------------------------
    def correct_typos(self, text: str) -> str:
        """Replace a run that sounds like one of the report's names but is not in the report."""
        if len(text) > 80 or not self._pinyin:
            return text
        out = text
        # Only runs of whole words are candidates: 员工有 must not become 员公有 because 工有
        # sounds like 公有. Replacements keep the length, so the boundaries stay valid.
        bounds = {0}
        pos = 0
        for word in self.tk.words(text):
            pos = text.find(word, pos) + len(word)
            bounds.add(pos)
        for size in (4, 3, 2):
            i = 0
            while i + size <= len(out):
                window = out[i : i + size]
                key = self._pinyin_key(window)
                if (
                    key is not None
                    and i in bounds
                    and i + size in bounds
                    and not self.known(window)
                ):
                    hits = self._pinyin.get(key)
                    best = closest(window, hits or [])
                    if best:
                        out = out[:i] + best + out[i + size :]
                        i += size
                        continue
                i += 1
        return out

    def _pinyin_key(self, text: str) -> tuple[str, ...] | None:
        table = self._char_pinyin
        key = tuple(table.get(ch, "") for ch in text)
        return None if "" in key else key

    def known(self, word: str) -> bool:
        """True when the word occurs in the report (as a token, or as consecutive characters)."""
        if word in self.idf or SUB + word in self.idf or word in self.lex.groups \
                or word in self.entities:
            return True
        if len(word) >= 2 and re.fullmatch(r"[\u3400-\u9fff]+", word):
            return all(word[i : i + 2] in self.bigrams for i in range(len(word) - 1))
        return False

    # --- analysis --------------------------------------------------------------------------
    def qtypes(self, text: str) -> set[str]:
        """Kinds of answer wanted (figure, growth, ratio, time, list, who, place, define)."""
        return {kind for kind, words in self.lex.qwords.items() if any(w in text for w in words)}

    def analyze(self, text: str) -> Query:
        """Term groups, periods, question kinds and unknown names of a cleaned question."""
        text = convert_numerals(text, self.entities)
        # Only a question with a word the report does not contain can hold a typo.
        if any(
            not self.known(w) and w not in self.lex.stopwords
            for w in self.tk.words(text)
            if "\u3400" <= w[0] <= "\u9fff"
        ):
            text = self.correct_typos(text)
        query = Query(text=text, qtypes=self.qtypes(text))
        if not query.qtypes and _AMOUNT_NAMED_RE.search(text):
            # "持續性的監測點營運及維護收入": a question that only names an amount asks for it.
            query.qtypes.add("figure")
        # 2023财年 / 2023财政年度 / fy2023 name the year as much as 2023年 does.
        query.years = set(YEAR_RE.findall(text)) | {
            f"{m.group(1) or m.group(2)}年" for m in _FISCAL_YEAR_RE.finditer(text)}
        words = [w for w in self.tk.words(text) if w.strip()]
        # 多少人 / 几名 / 多少员工 ask how many people or things: a count (60,232人), not an
        # amount; the measure word names nothing the answer must say.
        for i, w in enumerate(words[:-1]):
            after = words[i + 1]
            then = words[i + 2] if i + 2 < len(words) else ""
            if w in _HOW_MANY and not _NOT_COUNTED_RE.search(after + then) and (
                    after in _MEASURE_WORDS or self.tk.is_noun(after)):
                query.qtypes.add("count")
        # 員工人數 / 股東戶數 name a count as 多少人 asks for one.
        if any(w in _COUNT_WORDS or w.endswith(("人数", "户数")) for w in words):
            query.qtypes.add("count")
        words = [w for i, w in enumerate(words) if w not in _COUNT_WORDS
                 and not (w in _MEASURE_WORDS and i and words[i - 1] in _HOW_MANY)]
        # 哪些城市 / 什么产品: the noun after the question word is what kind of thing the
        # answer lists; the report names the cities without saying 城市.
        query.kinds = {
            words[i + 1]
            for i in range(len(words) - 1)
            if words[i] in DETERMINERS and not self.known(words[i + 1])
        }
        for word, flag in self.tk.question_tags(text):
            if (
                (flag in NAME_TAGS or flag == "eng")
                and not self.known(word)
                and word not in self.lex.stopwords
                and word not in self.form_words
                and word not in self.lex.generic
                and word not in query.kinds
            ):
                query.unknown_names.append(word)
        subject = self._unknown_subject(words)
        if subject:
            query.unknown_names.insert(0, subject)
        query.words = self._merge_fragments(words)
        self.fill_groups(query)
        return query

    def _unknown_subject(self, words: list[str]) -> str | None:
        """An unknown name in front of a metric ("拼多多二季度营收", "某某的净利润").

        jieba does not know every company; whatever the report never mentions, standing where a
        question puts its subject, is another company's name.
        """
        run: list[str] = []
        i = 0
        while i < len(words):
            w = words[i]
            if (
                self.known(w)
                or w in self.lex.stopwords
                or w in self.lex.generic
                or w in self.form_words
                or w[0].isdigit()
            ):
                break
            run.append(w)
            i += 1
        if all(len(w) == 1 for w in run):
            # "長和2024年營業額": jieba cuts a short name it does not know into characters,
            # some of which it knows (长 / 和); characters no two of which the documents write
            # side by side, in front of the metric, are a name.
            while i < len(words) and len(words[i]) == 1 and "\u3400" <= words[i] <= "\u9fff" \
                    and words[i] != "的":
                run.append(words[i])
                i += 1
            joined = "".join(run)
            if len(run) >= 2 and any(joined[k:k + 2] in self.bigrams
                                     for k in range(len(joined) - 1)):
                return None  # "安芯给员工…": the report's own name, then a verb
        while i < len(words) and (words[i] == "的" or self.lex.kinds.get(words[i]) == "period"
                                  or YEAR_RE.fullmatch(words[i])):
            i += 1  # "拼多多2024年营收": the year between the name and the metric
        if not run or i >= len(words) or self.lex.kinds.get(words[i]) != "metric":
            return None
        name = "".join(run)
        if len(name) < 2 or (len(run) == 1 and self.tk.tag_of(name).startswith("v")):
            return None
        return name

    def _merge_fragments(self, words: list[str]) -> list[str]:
        # jieba cuts an unknown abbreviation (超充站) into single characters; glue a run of
        # them back when the run (or all but its first or last character) abbreviates a term.
        out: list[str] = []
        run: list[str] = []
        for word in [*words, ""]:
            if (
                len(word) == 1
                and "\u3400" <= word <= "\u9fff"
                and word not in self.idf
                and word not in self.lex.stopwords
            ):
                run.append(word)
                continue
            out.extend(self._glue("".join(run)) if len(run) > 1 else run)
            run = []
            if word:
                out.append(word)
        return [w for w in out if w not in self.lex.stopwords]

    def _glue(self, run: str) -> list[str]:
        if self.abbreviations(run):
            return [run]
        if len(run) >= 3:
            if self.abbreviations(run[1:]):
                return [run[0], run[1:]]
            if self.abbreviations(run[:-1]):
                return [run[:-1], run[-1]]
        # Several unknown characters in a row are an unknown word (美团), not noise.
        return [run]

    def abbreviations(self, word: str) -> list[str]:
        """Report terms that ``word`` abbreviates: same first and last character, in order."""
        if len(word) < 2 or not re.fullmatch(r"[\u3400-\u9fff]+", word):
            return []
        found = []
        for term in self._by_first.get(word[0], ()):
            if len(term) > len(word) and term[-1] == word[-1] and _subsequence(word, term):
                found.append(term)
        return found[:5]

    def fill_groups(self, query: Query) -> None:
        """(Re)compute groups and periods from ``query.words``."""
        query.groups = []
        query.periods = set()
        seen: set[str] = set()
        for word in query.words:
            if word in seen:
                continue
            seen.add(word)
            group = self.group(word)
            if word in query.kinds and not group.known:
                group = Group(word, group.alts, "form", 0.0, False, group.credit)
            if group.cls == "period" and not word[0].isdigit():
                query.periods.add(self.lex.canonical.get(word, word))
            query.groups.append(group)

    def _entity_prefix(self, word: str) -> bool:
        # 蓝鲸 for 蓝鲸食品: the start of the company's name, never a word of the documents
        # on its own (中国 of 中国平安 is, when the report says 中国 elsewhere).
        return (
            len(word) >= 2
            and word not in self.idf
            and any(e != word and e.startswith(word) and HAN_RE.match(e) for e in self.entities)
        )

    def clear_caches(self) -> None:
        """Forget cached word groups."""
        self._groups.clear()

    def group(self, word: str) -> Group:
        """The alternatives and class of one question word (cached; groups are never changed)."""
        hit = self._groups.get(word)
        if hit is None:
            hit = self._group(word)
            self._groups.put(word, hit)
        return hit

    def _group(self, word: str) -> Group:
        alts: dict[str, float] = {word: 1.0}
        for syn in self.lex.groups.get(word, ()):
            # A synonym that spells more of the asked word is the closer one: 股东应占溢利 is
            # 权益持有人应占溢利 before it is 净利润, 营收 is 营业收入 before 收入.
            shared = len(set(word) & set(syn)) / len(set(word))
            alts.setdefault(syn, 0.75 + 0.2 * shared)
        if self.lex.canonical.get(word) in DIRECTED_CHANGE:
            for neutral in NEUTRAL_CHANGE:
                alts.setdefault(neutral, 0.8)
        synonyms = set(alts)
        if len(word) >= 3 and not word[0].isdigit():
            for sub in self.tk.index_tokens(word):
                sub = sub.removeprefix(SUB)
                if sub != word and len(sub) >= 2:
                    alts.setdefault(sub, 0.5)
        # How much finding each form shows that a passage is about the word: a synonym nearly
        # fully, a piece of the word (腾讯 of 腾讯云) little.
        # The closeness bonus of a synonym orders passages; it is not more confidence.
        credit = {alt: (0.85 if alt in synonyms else w * 0.5) for alt, w in alts.items()}
        credit[word] = 1.0
        # The same words inside a longer word of a passage (广告 in 媒体广告) rank lower but
        # still show what the passage is about.
        for alt, weight in list(alts.items()):
            alts.setdefault(SUB + alt, weight * 0.5)
            credit.setdefault(SUB + alt, credit[alt] * 0.85)
        kind = self.lex.kinds.get(word)
        if word[0].isdigit():
            cls = "period" if YEAR_RE.fullmatch(word) else "figure"
        elif kind == "period":
            cls = "period"
        elif kind == "change":
            cls = "change"
        elif word in self.form_words:
            cls = "form"
        elif (
            word in self.entities
            or self.entities & self.lex.groups.get(word, set())
            or self._entity_prefix(word)
        ):
            cls = "entity"
        elif self.tk.is_name(word):
            cls = "name"
        elif self.tk.is_noun(word) or kind == "metric" or word in self.tk.added:
            cls = "topic"
        else:
            cls = "other"
        if word not in self.idf and not self.known(word):
            expansions = self.abbreviations(word)
            for term in expansions:
                alts.setdefault(term, 0.8)
                credit.setdefault(term, 0.8)
            if cls == "other" and expansions:
                cls = "topic"
        idfs = [self.idf[a] for a in alts if a in self.idf]
        known = bool(idfs) or self.known(word)
        # The asked word's own specificity; a rare synonym must not inflate a common word.
        idf = self.idf[word] if word in self.idf else max(idfs) if idfs else self.max_idf
        if not known and cls in ("form", "change"):
            idf = 0.0  # an unusual question word says nothing about the topic
        elif not known and len(word) == 1:
            # A stray unknown character is more often noise (or a piece of a word the report
            # spells out) than a topic.
            idf *= 0.1 if word in self._chars else 0.3
        elif cls == "other" and (len(word) == 1 or not known):
            # Single characters (于, 一) and unknown verbs (准备, 搞) are phrasing; an unknown
            # noun is a topic and keeps its full weight.
            idf *= 0.3
        return Group(word, alts, cls, idf, known, credit)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)
