"""One jieba tokenizer per knowledge base, never the global one.

A reload builds a new ``jieba.Tokenizer`` with the new report's terms, so two versions of the
knowledge never share (or corrupt) a dictionary.

jieba's default dictionary (word → frequency, and word → part of speech) takes about a second
to load, and it is the same for every build. It is loaded once per process (``_defaults``) and
never changed; each tokenizer gets its own copies (``dict(...)``, tens of milliseconds), so a
word added for one knowledge base is never seen by another. This read-only table is the only
process-wide state of the library.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import jieba
import jieba.posseg
from jieba.posseg import char_state_tab_P

from knowledge.text import map_words, segments

SUB = "~"  # prefix of an index token that is only part of a longer word
# Bounds on the part-of-speech HMM over a follower's question (see question_tags).
HMM_RUN = 8
HMM_CHARS = 12
HMM_CHARSET = frozenset(char_state_tab_P)
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "eng", "j"})


@dataclass(frozen=True)
class _Defaults:
    """jieba's default dictionary as loaded once; never mutated (callers copy it)."""

    freq: dict[str, int]
    total: int
    tags: dict[str, str]


_defaults_lock = threading.Lock()
_defaults_loaded: list[_Defaults] = []


def _defaults() -> _Defaults:
    with _defaults_lock:
        if not _defaults_loaded:
            # A private Tokenizer loads the dictionary (from jieba's cache file when present);
            # it is never used to cut text, so its tables stay exactly as loaded.
            base = jieba.Tokenizer()
            base.initialize()
            tags = jieba.posseg.POSTokenizer(base).word_tag_tab
            _defaults_loaded.append(_Defaults(base.FREQ, base.total, tags))
        return _defaults_loaded[0]


class _POSTokenizer(jieba.posseg.POSTokenizer):  # type: ignore[misc]
    """jieba's POS tokenizer given a tag table instead of re-reading the dictionary file."""

    def __init__(self, tokenizer: jieba.Tokenizer, tags: dict[str, str]) -> None:
        self.tokenizer = tokenizer
        self.word_tag_tab = tags


class KBTokenizer:
    """Tokenizes report text and questions the same way, figures and Latin words whole."""

    def __init__(self) -> None:
        defaults = _defaults()
        self._jieba = jieba.Tokenizer()
        with self._jieba.lock:
            self._jieba.FREQ = dict(defaults.freq)
            self._jieba.total = defaults.total
            self._jieba.initialized = True
        self._pos: jieba.posseg.POSTokenizer | None = None
        self._dict_tags: dict[str, str] = dict(defaults.tags)
        self.added: set[str] = set()

    @property
    def freq(self) -> dict[str, int]:
        """jieba's word → frequency table (read-only use)."""
        table: dict[str, int] = self._jieba.FREQ
        return table

    def dict_tag(self, word: str) -> str | None:
        """Part of speech of a word in jieba's own dictionary (None when it is not there)."""
        tag: str | None = self._dict_tags.get(word)
        return tag

    def suggest_freq(self, word: str) -> int:
        """The frequency jieba needs to keep ``word`` whole."""
        freq: int = self._jieba.suggest_freq(word, tune=False)
        return freq

    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> None:
        """Add a word to this tokenizer's dictionary, frequent enough to stay whole."""
        if not word or any(ch.isspace() for ch in word):
            return
        if freq is None:
            freq = max(self._jieba.suggest_freq(word, tune=False), 3)
        self._jieba.add_word(word, freq, tag or "nz")
        self.added.add(word)

    def finish(self) -> None:
        """Load the part-of-speech tables once so that questions never mutate shared state."""
        # The POS table is this tokenizer's own copy; the first cut folds the added words' tags
        # into it (jieba does that lazily, which must not happen while answering).
        self._pos = _POSTokenizer(self._jieba, self._dict_tags)
        self._pos.lcut("腾讯", HMM=False)

    def words(self, text: str) -> list[str]:
        """Words of normalised text (one token per word)."""
        return map_words(text, lambda run: self._jieba.lcut(run, HMM=False))

    def index_tokens(self, text: str) -> list[str]:
        """Words plus their dictionary sub-words, so 营业收入 also matches 收入."""
        return map_words(text, lambda run: self._jieba.lcut_for_search(run, HMM=False))

    def analyse(
        self, text: str, cache: dict[str, tuple[list[str], list[str]]]
    ) -> tuple[list[str], list[str]]:
        """(words, index tokens) in one jieba pass; ``cache`` memoises repeated Chinese runs.

        Used while building, where the same runs recur (boilerplate, recurring phrases).
        """
        words: list[str] = []
        tokens: list[str] = []
        freq = self._jieba.FREQ
        for seg in segments(text):
            if seg.kind != "han":
                words.append(seg.text)
                tokens.append(seg.text)
                continue
            hit = cache.get(seg.text)
            if hit is None:
                run_words: list[str] = self._jieba.lcut(seg.text, HMM=False)
                run_tokens: list[str] = []
                for w in run_words:
                    # The dictionary 2- and 3-grams inside a word (as jieba's cut_for_search), but
                    # marked: 收入 inside 增值服务收入 is weaker evidence than 收入 on its own.
                    for size in (2, 3):
                        if len(w) > size:
                            for i in range(len(w) - size + 1):
                                gram = w[i : i + size]
                                if freq.get(gram):
                                    run_tokens.append(SUB + gram)
                    run_tokens.append(w)
                hit = (run_words, run_tokens)
                if len(cache) < 500_000:
                    cache[seg.text] = hit
            words.extend(hit[0])
            tokens.extend(hit[1])
        return words, tokens

    def tags(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs; figures and Latin words get 'm' and 'eng'.

        Runs of characters the dictionary does not know go through jieba's part-of-speech
        HMM, which finds the names in them (白雅婷). Used while building, over report text.
        """
        pos = self._pos
        if pos is None:
            raise RuntimeError("tokenizer not finished")
        out: list[tuple[str, str]] = []
        for seg in segments(text):
            if seg.kind == "han":
                out.extend((p.word, p.flag) for p in pos.lcut(seg.text, HMM=True))
            else:
                out.append((seg.text, "m" if seg.kind == "fig" else "eng"))
        return out

    def question_tags(self, text: str) -> list[tuple[str, str]]:
        """:meth:`tags` with bounded work, for text a follower wrote.

        The HMM costs about 6 ms per character it was never trained on (a Viterbi pass over
        all of its ~250 states, squared) and up to 0.7 ms per known one, so 300 invented
        characters stalled the event loop for 1.5 s. Here it reads only unknown runs of at
        most ``HMM_RUN`` characters (a name is 2-4), all of them characters its tables know
        (it could not tag others as a name anyway), and at most ``HMM_CHARS`` characters a
        question; other runs stay single characters tagged as jieba tags them without the
        HMM. The cut is jieba's own
        (``POSTokenizer.__cut_DAG``), so a question within the bounds is tagged exactly
        as :meth:`tags` would tag it.
        """
        pos = self._pos
        if pos is None:
            raise RuntimeError("tokenizer not finished")
        out: list[tuple[str, str]] = []
        budget = HMM_CHARS
        for seg in segments(text):
            if seg.kind != "han":
                out.append((seg.text, "m" if seg.kind == "fig" else "eng"))
                continue
            budget = self._tag_run(seg.text, budget, out)
        return out

    def _tag_run(self, run: str, budget: int, out: list[tuple[str, str]]) -> int:
        jb, pos = self._jieba, self._pos
        assert pos is not None
        table = pos.word_tag_tab
        dag = jb.get_DAG(run)
        route: dict[int, tuple[float, int]] = {}
        jb.calc(run, dag, route)

        def flush(buf: str, budget: int) -> int:
            if len(buf) == 1:
                out.append((buf, table.get(buf, "x")))
            elif (
                not jb.FREQ.get(buf)
                and len(buf) <= min(HMM_RUN, budget)
                and all(ch in HMM_CHARSET for ch in buf)
            ):
                # jieba's private HMM step, reached through its mangled name.
                out.extend((p.word, p.flag) for p in pos._POSTokenizer__cut_detail(buf))
                budget -= len(buf)
            else:
                out.extend((ch, table.get(ch, "x")) for ch in buf)
            return budget

        x, buf = 0, ""
        while x < len(run):
            y = route[x][1] + 1
            word = run[x:y]
            if y - x == 1:
                buf += word
            else:
                if buf:
                    budget = flush(buf, budget)
                    buf = ""
                out.append((word, table.get(word, "x")))
            x = y
        if buf:
            budget = flush(buf, budget)
        return budget

    def tag_of(self, word: str) -> str:
        """jieba's part of speech for a dictionary word ('x' when unknown)."""
        if self._pos is None:
            return "x"
        tag: str = self._pos.word_tag_tab.get(word, "x")
        return tag

    def is_name(self, word: str) -> bool:
        """A company, product, place or person name, or a Latin word."""
        return (word.isascii() and word[:1].isalpha()) or self.tag_of(word) in NAME_TAGS

    def is_noun(self, word: str) -> bool:
        """Nouns carry the topic of a question; verbs and adverbs do not."""
        tag = self.tag_of(word)
        return tag.startswith("n") or (tag in ("vn", "an", "x") and len(word) >= 2)

    def han_words(self, run: str) -> list[str]:
        """jieba's words for a run of Chinese characters."""
        words: list[str] = self._jieba.lcut(run, HMM=False)
        return words
