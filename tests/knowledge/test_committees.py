"""Who sits on a board committee, asked of a Hong Kong annual report's corporate governance
section: the sentence naming the members ("由三名成員組成，包括甲、乙及丙"), not a line that
only introduces an attendance table under another committee, nor another committee's members.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.rank import passage_info
from knowledge.terms import frequent_ngrams
from knowledge.text import normalize
from tests.knowledge.test_followup import ask_chain

REPORT = """# 松濤醫藥控股有限公司 二零零九年年報

## 財務回顧

本集團截至二零零九年十二月三十一日止年度之經審核營業額約為港幣一億元。核數師已審核本集團之綜合財務報表。審核範圍包括附屬公司。審核費用約為港幣一百萬元。

## 企業管治報告

### 審核委員會

本公司於二零零三年成立審核委員會。審核委員會由三名成員組成，包括本公司三名獨立非執行董事何文山先生、林嘉明先生及周立先生，並由周立先生擔任委員會主席。審核委員會已審閱本集團截至二零零九年六月三十日止上半年及全年之業績。

### 薪酬委員會

薪酬委員會由執行董事陳大海先生領導。薪酬委員會至少每年舉行一次會議。

各委員會成員之出席記錄如下：

### 薪酬委員會成員會議舉行次數

| 董事 | 出席次數 |
|---|---|
| 陳大海先生 | 2/2 |
| 何文山先生 | 2/2 |
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songtao")
    (folder / "songtao-2009annual.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_the_committees_members_are_named(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "審核委員會有哪些成員")
    assert "林嘉明" in reply and "出席記錄如下" not in reply


def test_a_phrase_ending_in_a_function_character_is_no_term() -> None:
    """"委員會由" repeats with varied neighbours (審核/薪酬/提名…, 三名/兩名…), but a term
    ending in 由 swallows the word questions ask about."""
    texts = [normalize(t) for t in (
        "審核委員會由三名成員組成。", "薪酬委員會由兩名成員組成。", "提名委員會由四名董事組成。",
        "風險委員會由五名成員組成。")]
    assert not any(t.endswith("由") for t in frequent_ngrams(texts, {}, lambda s: list(s)))


def test_a_list_closed_by_ji_counts_its_last_item() -> None:
    """"何文山先生、林嘉明先生及周立先生" lists three people, as a list question wants."""
    info = passage_info(normalize("包括何文山先生、林嘉明先生及周立先生。"),
                        frozenset(), frozenset(), frozenset())
    assert info.items == 2
