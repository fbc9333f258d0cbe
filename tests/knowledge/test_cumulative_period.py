"""年初至报告期末 in a quarterly report's columns: the months from January to the report's end."""

from __future__ import annotations

from knowledge.facts import Period, parse_period


def test_year_to_date_of_a_third_quarter_report_is_nine_months() -> None:
    base = Period(2025, "Q3")
    assert parse_period("年初至报告期末", base)[0] == Period(2025, "9M")
    assert parse_period("本报告期", base)[0] == Period(2025, "Q3")
    assert parse_period("合并年初到报告期末利润表 本期发生额", base)[0] == Period(2025, "9M")
    assert parse_period("合并年初到报告期末利润表 上期发生额", base)[0] == Period(2024, "9M")


def test_year_to_date_change_column_is_a_change() -> None:
    period, _, what = parse_period("年初至报告期末比上年同期增减", Period(2025, "Q3"))
    assert what == "change"
    assert period == Period(2025, "9M")  # this year's change, as 本报告期比上年同期增减


def test_year_to_date_of_a_half_year_report_is_the_half() -> None:
    assert parse_period("年初至报告期末", Period(2024, "Q2"))[0] == Period(2024, "H1")
