"""The format-independent pieces: joining lines, headings, cells, header rows, units, garble."""

from __future__ import annotations

from knowledge.documents import section_name, table_sentences
from knowledge.readers.garbled import garbled_pages, looks_garbled
from knowledge.readers.lines import heading_level, join_lines, squeeze
from knowledge.readers.model import Block, Document, Table
from knowledge.readers.tables import build_tables, clean_cell, continue_table, unit_of


def test_join_lines_spaces_only_between_latin_words() -> None:
    joined = join_lines(["报告期内，公司营业收入为", "12.5亿元。"])
    assert joined == "报告期内，公司营业收入为12.5亿元。"
    assert join_lines(["Alco Holdings", "Limited（「本公司」）董事"]) == (
        "Alco Holdings Limited（「本公司」）董事")
    assert join_lines(["The Group's revenue", "decreased by 33%."]) == (
        "The Group's revenue decreased by 33%.")


def test_justified_cjk_is_closed_up() -> None:
    assert squeeze("本 公 司 董 事 會 宣 佈") == "本公司董事會宣佈"
    assert squeeze("收入  为 12.5 亿元") == "收入为 12.5 亿元"
    assert squeeze("Alco  Holdings") == "Alco Holdings"


def test_heading_levels() -> None:
    assert heading_level("第三节 公司业务概要") == 1
    assert heading_level("第十一章 重要事项") == 1
    assert heading_level("一、主要会计数据和财务指标") == 2
    assert heading_level("（一）主要会计数据和财务指标") == 3
    assert heading_level("1. 主营业务分析") == 4
    assert heading_level("1、概述") == 4
    assert heading_level("(2) 收入") == 5
    # Sentences, months and quarters are not headings.
    assert heading_level("1. 报告期内，公司实现营业收入59,218.33万元，同比下降12.25%。") == 0
    assert heading_level("1、2月份客流同比增长") == 0
    assert heading_level("一、二季度的收入") == 0
    assert section_name("六、主要会计数据和财务指标") == "主要会计数据和财务指标"
    assert section_name("第三节 公司业务概要") == "公司业务概要"


def test_cells_as_figures_are_written() -> None:
    assert clean_cell("(1,234.56)") == "-1,234.56"
    assert clean_cell("（8.42）") == "-8.42"
    assert clean_cell("-3.21%") == "-3.21%"
    assert clean_cell("1,234,567,890.12") == "1,234,567,890.12"
    for dash in ("—", "–", "-", "－", None, ""):
        assert clean_cell(dash) == ""
    assert clean_cell("归属于上市公司股东的净利润\n（元）") == "归属于上市公司股东的净利润（元）"


def test_units_from_captions() -> None:
    assert unit_of("单位：元 币种：人民币") == "元"
    assert unit_of("单位：除特别注明外，为人民币百万元") == "人民币百万元"
    assert unit_of("金额单位：人民币千元") == "人民币千元"
    assert unit_of("千港元") == "千港元"
    assert unit_of("（元）") == "元"
    assert unit_of("营业收入") == ""


def test_two_header_rows_merge_into_column_names() -> None:
    grid: list[list[str | None]] = [
        ["项目", "2023年\n1至3月", "2022年1至3月", None, "比上年增减\n（％）"],
        [None, None, "调整前", "调整后", "调整后"],
        ["营业收入", "227,596", "249,467", "230,106", "(1.09)"],
    ]
    (table,) = build_tables(grid, "单位：人民币百万元")
    assert table.header == ["项目", "2023年1至3月", "2022年1至3月 调整前", "2022年1至3月 调整后",
                            "比上年增减（％） 调整后"]
    assert table.unit == "人民币百万元"
    assert table.rows == [["营业收入", "227,596", "249,467", "230,106", "-1.09"]]


def test_key_value_and_header_tables_told_apart() -> None:
    (kv,) = build_tables([["每10股派息数（元）（含税）", "3"], ["每10股送红股数（股）", "0"]])
    assert kv.key_value and kv.header == []
    (headed,) = build_tables([["项目", "2023年1至3月"], ["所得税影响", "(297)"]])
    assert not headed.key_value and headed.header == ["项目", "2023年1至3月"]
    assert headed.rows == [["所得税影响", "-297"]]


def test_second_header_block_and_wrapped_label() -> None:
    grid: list[list[str | None]] = [
        ["", "2016年", "2015年", "本年比上年增减"],
        ["计入当期损益的政府补助（与企业业务密", "3,073,885.87", "910,530.57", "237.60%"],
        ["切相关，按照国家统一标准定额或定量享", "", "", ""],
        ["受的政府补助除外）", "", "", ""],
        ["", "2016年末", "2015年末", "本年末比上年末增减"],
        ["总资产（元）", "2,044,165,239.73", "872,799,072.88", "134.21%"],
    ]
    first, second = build_tables(grid, "单位：元")
    label = ("计入当期损益的政府补助（与企业业务密切相关，"
             "按照国家统一标准定额或定量享受的政府补助除外）")
    assert first.rows == [[label, "3,073,885.87", "910,530.57", "237.60%"]]
    assert second.header == ["", "2016年末", "2015年末", "本年末比上年末增减"]
    assert second.unit == "元"


def test_continuation_drops_a_repeated_header() -> None:
    (first,) = build_tables([["项目", "2023年"], ["营业收入", "100"]])
    (joined,) = continue_table(first, [["项目", "2023年"], ["营业成本", "60"]])
    assert joined.rows == [["营业收入", "100"], ["营业成本", "60"]]
    (joined,) = continue_table(first, [["净利润", "20"]])
    assert joined.rows == [["营业收入", "100"], ["净利润", "20"]]


def test_sentences_carry_units_but_never_on_rates() -> None:
    table = Table("主要会计数据", "人民币百万元", ["项目", "2023年", "增减(%)", "占比"],
                  [["营业收入", "1,234", "-3.21", "12.5%"], ["净息差", "2.14", "", ""],
                   ["基本每股收益（元/股）", "0.25", "", ""]])
    assert table_sentences(table) == [
        "营业收入：2023年 1,234百万元，增减(%) -3.21%，占比 12.5%。",
        "净息差：2023年 2.14百万元。",
        "基本每股收益（元/股）：2023年 0.25元/股。",
    ]


def test_document_round_trips_through_json() -> None:
    import orjson

    table = Table("c", "元", ["", "2016年"], [["营业收入", "1"]], False)
    doc = Document("a.pdf", "pdf", 3, [Block("heading", 1, "一、概况", 2),
                                       Block("table", 2, "c", 0, table)], ["w"], ["d"])
    assert Document.from_dict(orjson.loads(orjson.dumps(doc.to_dict()))) == doc


CLEAN = ("兴业银行股份有限公司是一家总部设在福州的全国性股份制商业银行，本行坚持稳中求进，"
         "不断提升服务实体经济的能力，资产质量保持稳定，经营效益持续提升。") * 3
GARBLED = ("共业银行股仹有限公司癿财务报表巫绊殒马威华振会计师亊务所审计，丌存在重大错报，"
           "戔至报告期末，本行癿资本充足率符合监管要求，幵按觃定披露。") * 3


def test_look_alike_pages_are_found() -> None:
    assert not looks_garbled(CLEAN)
    assert looks_garbled(GARBLED)
    assert garbled_pages([CLEAN, GARBLED, "第十章", GARBLED, CLEAN]) == [2, 3, 4]
    assert garbled_pages([CLEAN, "第十章", CLEAN]) == []


def test_thousands_separators_never_split_a_figure() -> None:
    from knowledge.text import clauses, split_sentences

    row = "营业收入合计：2016年 金额 592,183,264.90元，2016年 占营业收入比重 100%，同比 -12.25%。"
    assert clauses(row)[1] == "2016年 金额 592,183,264.90元，"
    long_row = "营业收入：" + "，".join(f"第{i}列 1,234,567.8{i}元" for i in range(12)) + "。"
    for chunk in split_sentences(long_row):
        assert not chunk.startswith(("234", "567")), chunk


def test_figures_wrapped_in_narrow_cells_are_one_figure() -> None:
    assert clean_cell("1,055,295,9\n30.22") == "1,055,295,930.22"
    assert clean_cell("75,872,285.6\n9") == "75,872,285.69"
    assert clean_cell("849,730\n716,955") == "849,730 716,955"  # two whole figures


def test_wrapped_column_names_and_levels() -> None:
    from knowledge.readers.pdf import _wrapped_header

    header = _wrapped_header([
        ["项目", "2016年", None, "同比", "是否"],
        [None, "金额", "占营业收入比重", "增减", "为固定"],
        [None, None, None, None, "资产投资"],
    ])
    assert [clean_cell(c) for c in header] == [
        "项目", "2016年 金额", "2016年 占营业收入比重", "同比增减", "是否为固定资产投资"]


def test_a_blank_cell_beside_a_spanning_level_is_not_under_it() -> None:
    from knowledge.readers.pdf import _wrapped_header
    from knowledge.readers.tables import build_tables

    # 华润三九's key figures: 上年同期 over 调整前 and 调整后, then a blank cell drawn
    # beside it, and the change column's name in the next; the change figure's cell spans both.
    grid = [
        ["", "本报告期", "上年同期", None, None, "", "本报告期比上年同期", ""],
        [None, None, None, None, None, None, "增减（%）", None],
        [None, None, "", "调整前", "调整后", "", "调整后", ""],
    ]
    header = _wrapped_header(grid)
    assert header[5] == ""  # drawn, empty: not 上年同期
    (table,) = build_tables([header, ["营业收入（元）", "6,853.75", "7,294.82", None, "7,294.82",
                                      "-6.04%", None, None]])
    assert table.header[5] == "本报告期比上年同期增减（%）调整后"


def test_a_wide_row_is_said_in_sentences_that_each_name_it() -> None:
    table = Table("", "元", ["公司名称", *(f"第{i}列指标" for i in range(12))],
                  [["张家界宝峰湖旅游实业发展有限公司", *(f"{i},872,285.69" for i in range(12))]])
    sentences = table_sentences(table)
    assert len(sentences) > 1
    assert all(s.startswith("张家界宝峰湖旅游实业发展有限公司：") and len(s) <= 150
               for s in sentences)


def test_a_unit_over_the_last_column_is_the_tables_unit() -> None:
    from knowledge.readers.tables import build_tables

    (table,) = build_tables([["", "2024年末", "元 2023年末调整后"],
                             ["总资产", "40,081,972,320.77", "40,148,455,933.08"]])
    assert table.unit == "元" and table.header[2] == "2023年末调整后"


def test_a_second_header_block_on_two_lines_names_its_columns_with_both() -> None:
    """An HK note: its title lines in the grid, then 二零零八年 over 港幣千元 — both lines
    name the columns of the rows below, so their figures keep their unit."""
    grid: list[list[str | None]] = [
        ["5. 除稅前盈利", "", ""],
        ["除稅前盈利已扣除下列各項：", "", ""],
        ["", "二零零八年", "二零零七年"],
        ["", "港幣千元", "港幣千元"],
        ["研發成本", "75", "56"],
        ["核數師酬金", "595", "580"],
    ]
    table = build_tables(grid)[-1]
    assert table.header[1:] == ["二零零八年 港幣千元", "二零零七年 港幣千元"]
    assert table.rows == [["研發成本", "75", "56"], ["核數師酬金", "595", "580"]]
