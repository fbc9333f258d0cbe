"""Caches change nothing: every answer is the same with a cold and a warm knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge import DEFAULT_DIR, Answer, Context, KnowledgeBase, build_knowledge
from knowledge.cache import LRU
from knowledge.tokenizer import KBTokenizer

FIXTURES = Path(__file__).parent / "fixtures"
# (QA file, knowledge folder): the dev set and the other companies' dialogues.
SETS = [
    ("qa-dev.jsonl", DEFAULT_DIR),
    ("other-qa.jsonl", FIXTURES / "other"),
]
EXTRA = ["更多", "继续", "你好", "？？？", "那净利润呢", "同比呢", "京东营收", "", "谢谢"]


def _dialogues(name: str) -> list[list[str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [[t["q"] for t in json.loads(line)["turns"]] for line in lines if line.strip()]


def _run(kb: KnowledgeBase, dialogues: list[list[str]], cold: bool) -> list[Answer]:
    answers = []
    for turns in dialogues:
        context: Context | None = None
        for q in [*turns, *EXTRA]:
            if cold:
                kb.clear_caches()
            answer = kb.answer(q, context)
            answers.append(answer)
            context = answer.context
    return answers


@pytest.mark.parametrize(("qa", "folder"), SETS)
def test_warm_answers_equal_cold_answers(qa: str, folder: Path) -> None:
    kb = build_knowledge(folder)
    dialogues = _dialogues(qa)
    # Each question also asked alone and after every other dialogue's context.
    dialogues += [[q] for turns in dialogues for q in turns]
    dialogues += [turns[:1] + other for turns in dialogues[:8] for other in dialogues[:8]]
    cold = _run(kb, dialogues, cold=True)
    _run(kb, list(reversed(dialogues)), cold=False)  # warm up in another order
    warm = _run(kb, dialogues, cold=False)
    assert len(cold) == len(warm)
    for a, b in zip(cold, warm, strict=True):
        assert a == b  # every field, the outgoing context included
    assert len(kb._answers) > 0 and kb._answers.hits > 0


def test_lru_is_bounded() -> None:
    lru: LRU[int, int] = LRU(3)
    for i in range(5):
        lru.put(i, i)
    assert len(lru) == 3 and lru.get(0) is None and lru.get(4) == 4
    lru.get(2)
    lru.put(5, 5)
    assert lru.get(2) == 2 and lru.get(3) is None


def test_shared_default_dictionary_is_copied() -> None:
    first = KBTokenizer()
    second = KBTokenizer()
    first.add_word("星河云账本", 50_000, "nz")
    first.finish()
    second.finish()
    assert "星河云账本" in first.freq and "星河云账本" not in second.freq
    assert second.tag_of("星河云账本") == "x" and KBTokenizer().dict_tag("星河云账本") is None
    assert second.words("星河云账本") != ["星河云账本"]
