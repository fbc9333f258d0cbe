"""BM25 over an inverted index, in pure Python.

Ranking is done in two stages so that 100,000 passages still answer in a few milliseconds:
candidates come from impact-ordered postings (each term's best ``cap`` passages only), then the
few best candidates are rescored exactly from their stored tokens. The idf is smoothed,
log(1 + (N - n + 0.5) / (n + 0.5)), so a term found in half of a small report's passages still
counts (plain BM25Okapi makes it zero or negative).
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import Counter
from collections.abc import Sequence
from itertools import islice

K1 = 0.9
# Passages are sentences of similar length; full length normalisation over-rewards short ones.
B = 0.5
POSTINGS_CAP = 1500  # postings kept in build order below this; impact order above
POSTINGS_BUDGET = 3000
MIN_SHARE = 100


class BM25Index:
    """Inverted index of token sequences; read-only (thread-safe) once built."""

    def __init__(self, docs: Sequence[Sequence[str]]) -> None:
        self.n = len(docs)
        self.tokens: list[tuple[str, ...]] = [tuple(d) for d in docs]
        self.lengths = array("i", (len(d) for d in docs))
        self.avg_len = (sum(self.lengths) / self.n) if self.n else 1.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for pid, toks in enumerate(self.tokens):
            for term, tf in Counter(toks).items():
                postings.setdefault(term, []).append((pid, tf))
        self.idf: dict[str, float] = {}
        self._pids: dict[str, array[int]] = {}
        self._weights: dict[str, array[float]] = {}
        for term, plist in postings.items():
            idf = math.log(1.0 + (self.n - len(plist) + 0.5) / (len(plist) + 0.5))
            self.idf[term] = idf
            scored = [(self._tf_part(tf, self.lengths[pid]) * idf, pid) for pid, tf in plist]
            if len(scored) > POSTINGS_CAP:
                # Impact order: the passages where this term weighs most come first.
                scored.sort(reverse=True)
            self._pids[term] = array("i", (pid for _, pid in scored))
            self._weights[term] = array("f", (w for w, _ in scored))
        self.max_idf = math.log(1.0 + (self.n + 0.5) / 0.5)

    def _tf_part(self, tf: int, length: int) -> float:
        return tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / self.avg_len))

    def df(self, term: str) -> int:
        """Number of passages holding ``term``."""
        pids = self._pids.get(term)
        return len(pids) if pids is not None else 0

    def candidates(self, terms: dict[str, float], limit: int,
                   within: range | None = None) -> list[int]:
        """Passage ids with the highest approximate score for weighted ``terms`` (only ids
        ``within`` a span: one document's passages).

        At most ``POSTINGS_BUDGET`` postings are read: rare terms first and in full, frequent
        terms share what is left, each from its highest-impact end.
        """
        acc: dict[int, float] = {}
        get = acc.get
        present = sorted((t for t in terms if t in self._pids), key=lambda t: len(self._pids[t]))
        budget = POSTINGS_BUDGET
        for i, term in enumerate(present):
            pids = self._pids[term]
            weights = self._weights[term]
            share = max(MIN_SHARE, budget // (len(present) - i))
            if len(pids) > share:
                pids, weights = pids[:share], weights[:share]
            budget -= len(pids)
            qw = terms[term]
            if within is not None:
                # Stops at ``share``: the postings are in impact order.
                pairs = islice(((p, w) for p, w in zip(self._pids[term], self._weights[term],
                                                       strict=True) if p in within), share)
                for pid, w in pairs:
                    acc[pid] = get(pid, 0.0) + w * qw
                continue
            for pid, w in zip(pids, weights, strict=True):
                acc[pid] = get(pid, 0.0) + w * qw
        if len(acc) <= limit:
            return sorted(acc, key=acc.__getitem__, reverse=True)
        return heapq.nlargest(limit, acc, key=acc.__getitem__)

    def presence_weight(self, pid: int) -> float:
        """The term-frequency part of BM25 for any term present in passage ``pid``.

        Presence only: a passage is one sentence, and a sentence that names a metric twice
        ("零售业务营业收入…，占全行营业收入的60%") is about a part of it, not more about it.
        """
        return self._tf_part(1, self.lengths[pid])

    def term_score(self, term: str, pid: int, counts: Counter[str]) -> float:
        """Exact BM25 weight of ``term`` in passage ``pid`` (0 when absent)."""
        tf = counts.get(term, 0)
        if not tf:
            return 0.0
        return self.idf.get(term, 0.0) * self._tf_part(tf, self.lengths[pid])
