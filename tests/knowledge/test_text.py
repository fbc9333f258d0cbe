"""Normalisation and tokenization: figures and the report's names stay whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge import KnowledgeBase
from knowledge.cleaning import convert_numerals
from knowledge.text import Vocabulary, normalize, segments, split_sentences


def test_figures_stay_whole() -> None:
    text = normalize(
        "实现营业收入1148.83亿元，同比增长29%，增长5.1倍，8月6日，2020年，超过12.06亿，5000万家"
    )
    figures = [s.text for s in segments(text) if s.kind == "fig"]
    assert figures == ["1148.83亿元", "29%", "5.1倍", "8月6日", "2020年", "12.06亿", "5000万家"]


def test_dates_split_into_year_and_day() -> None:
    figures = [s.text for s in segments(normalize("2020年4月20日")) if s.kind == "fig"]
    assert figures == ["2020年", "4月20日"]


def test_full_width_traditional_and_case_are_normalised() -> None:
    assert normalize("騰訊Ｑ２營收１２％") == "腾讯q2营收12%"


def test_report_names_are_kept_whole(shipped: KnowledgeBase) -> None:
    tk = shipped.analyzer.tk
    words = tk.words(normalize("微信小商店和工业富联以及新基建"))
    assert "工业富联" in words and "新基建" in words
    assert "微信小商店" in words or "微信" in words
    assert "微" not in words and "信" not in words


def test_latin_words_and_figures_in_index_tokens(shipped: KnowledgeBase) -> None:
    tokens = shipped.analyzer.tk.index_tokens(normalize("微信及WeChat的合并月活跃账户数为12.06亿"))
    assert "wechat" in tokens and "12.06亿" in tokens and "月活跃账户数" in tokens


def test_chinese_numerals_become_digits_but_quarters_stay() -> None:
    assert convert_numerals("一千一百亿") == "1100亿"
    assert convert_numerals("百分之二十九") == "29%"
    assert convert_numerals("八月六日") == "8月6日"
    assert convert_numerals("二季度三大能力") == "二季度三大能力"
    assert convert_numerals("第二季度") == "第二季度"


def test_sentences_keep_closing_quotes() -> None:
    parts = split_sentences("“影响严重。”代表表示，“同样如此。”")
    assert parts == ["“影响严重。”", "代表表示，“同样如此。”"]


def test_unpunctuated_text_is_chunked() -> None:
    parts = split_sentences("字" * 400)
    assert len(parts) > 2 and all(len(p) <= 150 for p in parts)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.text(alphabet="营业收入净利润ab1", min_size=1, max_size=6), max_size=30),
       text=st.text(alphabet="营业收入净利润ab1是多少", max_size=25),
       longer_than=st.integers(0, 4))
def test_vocabulary_finds_what_a_find_per_word_finds(
        words: list[str], text: str, longer_than: int) -> None:
    """The substring lookup gives what one str.find per word gave, in the words' order."""
    unique = list(dict.fromkeys(words))
    expected = [(text.find(w), w) for w in unique if len(w) > longer_than and w in text]
    assert Vocabulary(words).occurrences(text, longer_than) == expected
