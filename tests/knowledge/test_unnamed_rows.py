"""A table row read without its column names ("客户贷款及垫款：23,865,875百万元，22,591,676百万元，
…") cannot say which figure is whose period: a sentence stating the figure wins over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge import build_knowledge

UNNAMED = """# 青川银行2023年第一季度报告

## 季度经营简要分析

客户贷款及垫款总额（不含应计利息）24,525.21亿元，增加1,314.83亿元，增长5.66%，其中，境内分行人民币贷款增加1,267.67亿元，增长5.90%。

## 财务报表

| 客户贷款及垫款 | 23,865,875百万元 | 22,591,676百万元 | 23,020,005百万元 |
| 客户存款 | 31,983,874百万元 | 29,870,491百万元 | 30,170,112百万元 |
"""


def test_a_row_without_column_names_yields_to_a_sentence(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    # Which of the row's figures is the quarter's it cannot say; the sentence can.
    folder: Path = tmp_path_factory.mktemp("unnamed")
    (folder / "qingchuan-2023q1.md").write_text(UNNAMED, encoding="utf-8")
    answer = build_knowledge(folder).answer("客户贷款及垫款总额")
    assert "24,525.21亿元" in answer.text, answer.text
