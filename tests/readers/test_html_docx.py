"""HTML (BeautifulSoup) and DOCX (python-docx) reports read into the same Document."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from knowledge.documents import table_sentences
from knowledge.readers import ReadError, read_document

HTML = """<!doctype html><html><head><title>页面标题</title><style>p{color:red}</style>
<script>var x = "不是内容";</script></head><body>
<nav>首页 | 投资者关系</nav>
<h1>星河科技2023年年度报告</h1>
<h2>一、主要会计数据</h2>
<p>报告期内，公司营业收入稳步增长。</p>
<p>单位：元 币种：人民币</p>
<table>
  <tr><th rowspan="2">项目</th><th colspan="2">2023年</th><th rowspan="2">本年比上年增减</th></tr>
  <tr><th>金额</th><th>占营业收入比重</th></tr>
  <tr><td>营业收入</td><td>1,234,567.89</td><td>100%</td><td>(3.21%)</td></tr>
  <tr><td>营业成本</td><td>876,543.21</td><td>71.00%</td><td>—</td></tr>
</table>
<div><h3>（一）利润分配</h3>
<table><tr><td>每10股派息数（元）（含税）</td><td>3</td></tr></table></div>
<footer>版权所有</footer>
</body></html>"""


def test_html_headings_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(HTML, "utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    kinds = [(b.kind, b.text) for b in doc.blocks if b.kind != "table"]
    assert kinds == [
        ("heading", "星河科技2023年年度报告"),
        ("heading", "一、主要会计数据"),
        ("paragraph", "报告期内，公司营业收入稳步增长。"),
        ("paragraph", "单位：元 币种：人民币"),
        ("heading", "（一）利润分配"),
    ]
    first, second = doc.tables
    assert first.header == ["项目", "2023年 金额", "2023年 占营业收入比重", "本年比上年增减"]
    assert first.unit == "元"
    assert first.rows[0] == ["营业收入", "1,234,567.89", "100%", "-3.21%"]
    assert first.rows[1][3] == ""
    assert table_sentences(first)[0] == ("营业收入：2023年 金额 1,234,567.89元，"
                                         "2023年 占营业收入比重 100%，本年比上年增减 -3.21%。")
    assert second.key_value and second.rows == [["每10股派息数（元）（含税）", "3"]]
    text = " ".join(b.text for b in doc.blocks)
    assert "不是内容" not in text and "投资者关系" not in text and "版权所有" not in text


def test_htm_suffix_and_empty_html(tmp_path: Path) -> None:
    path = tmp_path / "empty.htm"
    path.write_text("<html><body><script>x=1</script></body></html>", "utf-8")
    with pytest.raises(ReadError, match="no text"):
        read_document(path)


def test_docx_styles_tables_and_merged_cells(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("星河科技2023年年度报告", level=0)
    d.add_heading("主要会计数据", level=1)
    d.add_paragraph("报告期内，公司营业收入稳步增长。")
    d.add_paragraph("二、经营情况讨论与分析")
    d.add_paragraph("单位：千元")
    t = d.add_table(rows=4, cols=3)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "项目"
    t.cell(0, 1).merge(t.cell(0, 2)).text = "2023年"
    t.cell(1, 1).text, t.cell(1, 2).text = "第一季度", "第二季度"
    for r, (label, a, b) in enumerate([("营业收入", "1,200", "1,350"),
                                       ("净利润", "(120)", "85")], start=2):
        t.cell(r, 0).text, t.cell(r, 1).text, t.cell(r, 2).text = label, a, b
    path = tmp_path / "report.docx"
    d.save(str(path))
    doc = read_document(path)
    assert doc.format == "docx"
    assert [(b.kind, b.level, b.text) for b in doc.blocks[:4]] == [
        ("heading", 1, "星河科技2023年年度报告"),
        ("heading", 1, "主要会计数据"),
        ("paragraph", 0, "报告期内，公司营业收入稳步增长。"),
        ("heading", 2, "二、经营情况讨论与分析"),
    ]
    (table,) = doc.tables
    assert table.header == ["项目", "2023年 第一季度", "2023年 第二季度"]
    assert table.unit == "千元"
    assert table.rows == [["营业收入", "1,200", "1,350"], ["净利润", "-120", "85"]]


def test_empty_docx_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(ReadError, match="empty"):
        read_document(path)


def test_corrupt_docx_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not a zip archive")
    with pytest.raises(ReadError, match=r"not a readable \.docx"):
        read_document(path)
