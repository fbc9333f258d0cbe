"""Pinyin keys for the typo check: homophones typed by mistake (腾迅 → 腾讯) compare equal."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType

from pypinyin import lazy_pinyin


@functools.cache
def char_pinyin() -> Mapping[str, str]:
    """Character → (fuzzy) pinyin for the common CJK block, so a question's typo check is
    dictionary lookups, not pypinyin calls.

    It takes a third of a second to compute and is the same for every knowledge base, so it is
    computed once per process; it is read-only (a mappingproxy), so sharing it is safe.
    """
    common = "".join(chr(c) for c in range(0x4E00, 0x9FA6))
    return MappingProxyType(dict(zip(common, fuzzy(lazy_pinyin(common)), strict=True)))


_FUZZY = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("ing", "in"), ("eng", "en"), ("ang", "an"))


def fuzzy(syllables: list[str]) -> tuple[str, ...]:
    # Common typing confusions (retroflex / front-back nasals) compare equal.
    out = []
    for s in syllables:
        for a, b in _FUZZY:
            s = s.replace(a, b)
        out.append(s)
    return tuple(out)


def closest(window: str, names: list[str]) -> str | None:
    best: str | None = None
    best_shared = 0
    for name in names:
        if len(name) != len(window):
            continue
        shared = sum(1 for a, b in zip(window, name, strict=True) if a == b)
        needed = 1 if len(name) <= 3 else len(name) - 2
        if shared >= needed and shared > best_shared:
            best, best_shared = name, shared
    return best
