"""Building: documents, operator files and their errors, versions, the stripped seed."""

from __future__ import annotations

import shutil
from pathlib import Path

import jieba
import pytest

from knowledge import KnowledgeBase, KnowledgeError, build_knowledge

FIXTURES = Path(__file__).parent / "fixtures"


def test_shipped_stats(shipped: KnowledgeBase) -> None:
    kb = shipped
    for key in ("documents", "passages", "dictionary", "synonyms", "figures", "faq"):
        assert key in kb.stats
    assert kb.stats["documents"] == 2 and kb.stats["passages"] > 40 and kb.stats["figures"] > 50
    assert len(kb.version) == 12 and kb.build_seconds > 0
    assert kb.documents == ["tencent-2020q2-article.md", "tencent-2020q2-results.md"]
    assert all(not p.text.startswith("#") for p in kb.passages)


def test_global_jieba_dictionary_is_untouched() -> None:
    build_knowledge(FIXTURES / "tiny")
    assert "云账本" not in jieba.dt.FREQ


def test_stripped_seed_builds_and_answers(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "seed-stripped.txt", tmp_path / "seed.txt")
    kb = build_knowledge(tmp_path)
    assert kb.stats["passages"] > 10
    for q in ["腾讯营收多少", "小而有力倡议是什么", "你好", "", "京东营收"]:
        assert kb.answer(q).text
    assert not kb.answer("商家小程序有什么特点").refused


def test_no_documents(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as err:
        build_knowledge(tmp_path)
    assert err.value.file == str(tmp_path)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError):
        build_knowledge(tmp_path / "nope")


def test_empty_documents(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# 标题\n\n。。。\n", encoding="utf-8")
    with pytest.raises(KnowledgeError):
        build_knowledge(tmp_path)


def _folder(tmp_path: Path, name: str, content: str) -> Path:
    shutil.copy(FIXTURES / "tiny" / "report.md", tmp_path / "report.md")
    (tmp_path / name).write_text(content, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("synonyms.txt", "# ok\n营业收入 = 营收\n这一行没有等号\n", 3),
        ("synonyms.txt", "[nonsense]\n", 1),
        ("faq.txt", "你是谁 => 我是助手\n营收多少 => 12.5亿\n", 2),
        ("faq.txt", "没有箭头\n", 1),
        ("userdict.txt", "云账本 10 n\n云账本 abc n x\n", 2),
    ],
)
def test_operator_file_errors_name_file_and_line(
    tmp_path: Path, name: str, content: str, line: int
) -> None:
    folder = _folder(tmp_path, name, content)
    with pytest.raises(KnowledgeError) as err:
        build_knowledge(folder)
    assert err.value.file is not None and err.value.file.endswith(name)
    assert err.value.line == line
    assert f"{name}:{line}" in str(err.value)


def test_operator_synonyms_and_faq(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "synonyms.txt", "云账本 = 记账云\n")
    (folder / "faq.txt").write_text("你们是谁 | 这是什么号 => 青松软件的财报助手。\n", "utf-8")
    kb = build_knowledge(folder)
    assert "85万" in kb.answer("记账云的月活跃用户").text
    faq = kb.answer("这是什么号？")
    assert faq.kind == "chitchat" and "财报助手" in faq.text
    assert kb.stats["faq"] == 2


def test_version_changes_with_content(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "userdict.txt", "云账本\n")
    first = build_knowledge(folder).version
    (folder / "userdict.txt").write_text("云账本 100 nz\n", encoding="utf-8")
    assert build_knowledge(folder).version != first
