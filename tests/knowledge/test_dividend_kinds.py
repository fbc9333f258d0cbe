"""中期股息 (interim) and 末期股息 (final) are two dividends: 中期 names the dividend there, not
the half year, so a question about one is not answered with the other (安芯's 2013 interim
report states both, the final one of 2011 and 2012 in its equity statement)."""

from __future__ import annotations

from pathlib import Path

from knowledge import build_knowledge

REPORT = """# 示範安防控股有限公司 二零一三年中期報告

## 綜合權益變動表

| | 股本 港幣千元 | 保留溢利 港幣千元 | 合計 港幣千元 |
|---|---|---|---|
| 分派二零一一年末期股息 | – | (80,426) | (80,426) |
| 分派二零一二年末期股息 | (1,455) | (101,827) | (103,282) |

## 財務摘要

董事會宣佈派發截至二零一三年六月三十日止六個月之中期股息為每股港幣1.4仙。
"""


def test_an_interim_dividend_is_not_the_final_one(tmp_path: Path) -> None:
    (tmp_path / "shifan-2013-interim.md").write_text(REPORT, encoding="utf-8")
    kb = build_knowledge(tmp_path)
    query = kb.analyzer.analyze("中期股息总共派多少钱")
    assert "中期股息" in query.words and not query.periods, (query.words, query.periods)
    interim = kb.answer("中期股息總共派幾多錢").text
    assert "1.4仙" in interim and "末期" not in interim, interim
    final = kb.answer("二零一二年末期股息派咗幾多").text
    assert "101,827" in final, final
