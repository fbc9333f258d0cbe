"""Answers on the shipped report: wording, synonyms, typos, traditional, scope and chatter."""

from __future__ import annotations

import pytest

from knowledge import KnowledgeBase

FACTS = [
    ("腾讯二季度营收多少？", "1148.83"),
    ("騰訊第二季度的營收是多少？", "1148.83"),  # traditional characters
    ("腾迅二季度收入多少", "1148.83"),  # homophone typo in the company name
    ("呃，我想问一下Q2营业额是多少", "1148.83"),  # filler, Latin period, synonym
    ("麻烦问下腾讯净利多少", "331.07"),
    ("威信月活跃用户有多少", "12.06亿"),  # typo 威信 → 微信, 月活跃用户 → 月活跃账户数
    ("ＱＱ的月活是多少", "6.476"),  # full-width Latin
    ("广告收入同比下降了多少", "25%"),  # 下降, not the growing segment
    ("上半年营收", "2229.48"),
    ("二季度毛利率", "46.3%"),
    ("新基建重点投入哪些领域", "量子计算"),
    ("国家发改委什么时候明确新型基础设施的范围", "4月20日"),
    ("华星光电每年节省多少成本", "千万元"),
    ("腾讯准备投多少钱搞新基建", "5000亿"),  # unknown verbs are phrasing, not topics
    ("交易笔数增长了几倍", "5.1倍"),
    ("上半年净利润多少", "620.03"),  # the half-year figure, not the quarter's
    ("腾讯这个季度赚了多少", "331.07"),
    ("三一众工的合作内容", "智慧服务中台"),  # typo in a word the report splits (三一/重工)
    ("小儿有力倡议是什么", "中小微企业"),
]


@pytest.mark.parametrize(("question", "fact"), FACTS)
def test_fact_questions(shipped: KnowledgeBase, question: str, fact: str) -> None:
    answer = shipped.answer(question)
    assert answer.kind == "answer" and not answer.refused
    assert fact in answer.text
    assert "没有找到" not in answer.text
    assert "（来源：" in answer.text
    assert answer.matches and answer.matches[0][0].text
    assert 0.0 < answer.confidence <= 1.0


def test_headline_period_is_preferred(shipped: KnowledgeBase) -> None:
    answer = shipped.answer("腾讯营收多少")
    assert "1148.83" in answer.text and "2229.48" not in answer.text


REFUSED = [
    "京东的营收是多少",
    "特斯拉的股价是多少",
    "阿里巴巴的净利润",
    "2019年第四季度营收",
    "2019年营收是多少",
    "第一季度营收多少",
    "今天上海天气怎么样",
    "给我讲个笑话",
    "怎么做红烧肉",
    "asdfghjkl",
    "",
    # The report's own words with something it does not cover:
    "腾讯员工有多少人",
    "腾讯云的收入是多少",
    "美团的净利润",
    "腾讯成立于哪一年",
    "腾讯研发投入多少",
    "推荐一本书",
    # Companies jieba does not know, standing where the subject goes:
    "拼多多二季度营收",
    "小米的营收",
]


@pytest.mark.parametrize("question", REFUSED)
def test_out_of_scope_is_refused(shipped: KnowledgeBase, question: str) -> None:
    answer = shipped.answer(question)
    assert answer.refused and answer.kind == "refusal"
    assert "没有找到" in answer.text
    assert "1148.83" not in answer.text
    # 2–3 suggested questions follow the refusal
    assert sum(1 for line in answer.text.splitlines() if line[:2] in ("1.", "2.", "3.")) >= 2


def test_a_year_the_report_covers_is_answered(shipped: KnowledgeBase) -> None:
    assert "2963万" in shipped.answer("2019年微信带动就业多少").text


@pytest.mark.parametrize("greeting", ["你好", "您好！", "帮助", "你能做什么", "菜单", "hello"])
def test_greetings_get_a_welcome_with_examples(shipped: KnowledgeBase, greeting: str) -> None:
    answer = shipped.answer(greeting)
    assert answer.kind == "chitchat" and not answer.refused
    assert "没有找到" not in answer.text
    assert any(w in answer.text for w in ("营收", "收入", "微信", "业绩"))


def test_greeting_in_front_of_a_question_is_ignored(shipped: KnowledgeBase) -> None:
    answer = shipped.answer("你好，请问腾讯营收多少")
    assert answer.kind == "answer" and "1148.83" in answer.text


def test_examples_are_answerable_and_deterministic(shipped: KnowledgeBase) -> None:
    examples = shipped.examples(3)
    assert len(examples) == 3 and examples == shipped.examples(3)
    for question in examples:
        assert not shipped.answer(question).refused


@pytest.mark.parametrize(
    "junk",
    ["<script>alert(1)</script>", "😀😀😀", "营收" * 2500, "\x00\ud800", "SELECT * FROM t;", " "],
)
def test_junk_never_raises(shipped: KnowledgeBase, junk: str) -> None:
    answer = shipped.answer(junk)
    assert isinstance(answer.text, str) and answer.text


def test_list_question_returns_the_list(shipped: KnowledgeBase) -> None:
    text = shipped.answer("首批新基建数据中心在哪些省份").text
    assert all(p in text for p in ("广东", "江苏", "河北"))


def test_answer_quotes_a_clause_not_a_paragraph(shipped: KnowledgeBase) -> None:
    answer = shipped.answer("新基建要升级哪三大能力")
    quote = answer.text.split("（来源：")[0]
    assert "研究资源" in quote and len(quote) < 120


def test_answers_are_thread_safe(shipped: KnowledgeBase) -> None:
    from concurrent.futures import ThreadPoolExecutor

    questions = [q for q, _ in FACTS] * 3
    expected = [shipped.answer(q).text for q in questions]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda q: shipped.answer(q).text, questions))
    assert got == expected


def test_person_named_once_is_one_word_and_typos_reach_it(shipped: KnowledgeBase) -> None:
    assert "白雅婷" in shipped.analyzer.tk.words("白雅婷是谁")
    assert "联合国开发计划署" in shipped.answer("白亚婷是谁").text
