"""An amount a Hong Kong report writes in words (港幣四千五百六十萬元) is a figure: the
sentence stating it answers "2009年銀行借款總額", not a short table row matching a part of the
words asked (銀行及手頭現金 92,329 …)."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import KnowledgeBase, build_knowledge
from knowledge.rank import passage_info
from knowledge.text import normalize
from tests.knowledge.test_followup import ask_chain

REPORT = """# 松濤醫藥控股有限公司 二零零九年年報

## 財務資料

截至二零零九年十二月三十一日止年度，本集團營業額約為港幣一億元。二零零九年之毛利約為港幣四千萬元。

於二零零九年十二月三十一日，本集團之銀行借款總額為港幣四千五百六十萬元（二零零八年：無），其中港幣二千二百八十萬元乃由獨立按揭公司作出之公司擔保作抵押，餘下港幣二千二百八十萬元乃以本集團位於福州之土地使用權及樓宇作抵押，全部借款均以人民幣計值並按浮動利率計息。本集團之資本負債比率約為百分之十二。

## 金融工具

下表載列本集團以外幣計值之金融資產（港幣千元）：

類別 港幣 美元 歐元 人民幣
銀行及手頭現金 92,329 3,314 8 2,384
應收貿易賬款 11,200 500 3 1,020

就銀行結餘而言，本集團已將其風險分散至不同金融機構。
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("songtao")
    (folder / "songtao-2009annual.md").write_text(REPORT, encoding="utf-8")
    return build_knowledge(folder)


def test_the_sentence_stating_the_amount_in_words_answers(kb: KnowledgeBase) -> None:
    (reply,) = ask_chain(kb, "松濤醫藥2009年銀行借款總額")
    assert "四千五百六十萬元" in reply


def test_an_amount_in_words_is_a_figure() -> None:
    info = passage_info(normalize("保健藥品合共銷售額約港幣八千三百萬元。"),
                        frozenset(), frozenset(), frozenset())
    assert info.figures
