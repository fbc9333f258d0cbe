"""Answering a figure question from the facts (knowledge/facts.py).

A question is read as (metric, period, basis, what is asked): a level ("营业收入多少"), a change
("同比增长多少"), a difference ("比去年多了多少") or a computed ratio ("毛利率"). It is answered
from the facts only when that reading is confident: the metric is a standard item or a table
label, every other word of the question is a period, a company name or a question word, and a
fact of that metric and period exists. Anything else returns None and the question is ranked
against the passages as before.

Replies quote the value as the report writes it, with a readable conversion, the period, and
the source; computed figures say 计算 and show their inputs as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from knowledge.across import answer_across
from knowledge.facts import (
    CUMULATIVE_PART,
    Fact,
    FactIndex,
    Period,
    cn_years,
    currency_of,
    load_items,
    parse_period,
    report_for,
)
from knowledge.identity import FIRM_RE
from knowledge.text import normalize
from knowledge.texts import FROM_LATER_REPORT, SOURCE_NOTE, source_note

# Words a figure question may carry besides its metric, period and company.
_FILLER_RE = re.compile(
    # "计到小数点后两位", "要两位小数": the precision asked, not what.
    r"(?:计|计算|精确|保留|要|取|准确)?(?:到|至)?小数点?后?[两二2一1三3]位(?:小数)?|[两二2]位小数|"
    # "综合损益表入面", "（用综合损益表数字）": where the figure stands, not another figure.
    r"(?:用|按|根据|据|以|在|喺)?(?:综合|合并|简明)*(?:损益(?:及其他全面收益)?表|利润表|全面收益表|"
    r"资产负债表|财务状况表|现金流量表)(?:入面|里面|里|中|上|内)?(?:的|嘅)?(?:数字|数据|口径)?|入面|里面|"
    r"是多少|多少钱|有多少|是什么|多少|几何|怎么样|如何|请问|我想知道|想知道|告诉我|帮我|帮忙|查一下|"
    r"看一下|看看|一下|能否|可以|大概|大约|约为|约|分别|具体|实现|达到|达|为|共|总共|一共|"
    r"的|了|是|有|呢|吗|嘛|吧|啊|呀|那么|那|还有|其中|另外|"
    r"合计|加起来|加在一起|加埋|这次|本次|此次|要|金额|余额|年底|月底|季末|底|数额|数字|数据|数值|水平|情况|规模|多大|多高|高|低|花了|花|手头|手上|账上|"
    r"同比|环比|增长率|增长|增速|增幅|下降|下滑|减少|增加|扩大|收窄|变化|变动|增减|变了|降了|涨了|降|涨|跌|升|"
    r"比上年末|比上年|比去年|比年初|比|较|上年同期|去年同期|同期|上年末|去年末|年末|年初|期末|期初|"
    r"第?[一二三四]季度|[一二三四]季报|季报|中报|上半年|下半年|前三季度|前三季|第[一二三四]季|半年度?|单季度?|当季|"
    r"年初至今|年初至报告期末|年初以来|今年以来|合并|"
    r"上年|去年|今年|本年|全年|年度|报告期|本期|当期|上期|末|季度|第|前|后|"
    # "（合并口径，含少数股东）", "整体毛利率": the whole group's figure, the headline one.
    r"(?:含|包含|包括|连同)少数股东(?:损益|权益)?(?:在内)?|整体|总体|全公司|"
    r"调整前|调整后|重述|口径|(?:计算|算)(?:下来|出来)|计算|算|母公司|公司|集团|本行|本公司|股份|有限|人民币|港币|港仙|元|亿|万|港元|"
    r"财报|年报|报告|里|中|上|个|各|啥|什么|多|少|差|相差|差额|"
    r"几多|系|咗|嘅|咩|啲|佢|"
    r"百分之|百分比|现在|目前|当前|如今|于(?=\d)|截至|截止|止年度|止财政年度|止十二个月|止六个月|止九个月|"
    # 年 of a year, not of 年报 ("22年年报": the 年 before 报 belongs to the document).
    r"(?:[\d.%月日至\-~q]|年(?!报|度报))+"
)
_GROWTH_RE = re.compile(r"同比|环比|增长|增速|增幅|下降|下滑|变化|变动|增减|降了|涨了|降幅|涨幅|"
                        r"变了|增加|减少|扩大|收窄|跌|升|比上年|比去年|比年初|较上年|较去年")
_DIFF_RE = re.compile(r"多了多少|少了多少|多多少|少多少|差多少|相差|差额|增加了多少|减少了多少|"
                      r"增加多少|减少多少|多了|少了|多赚|少赚|多挣|少挣|多亏|少亏|"
                      # "亏损比2023年扩大了多少" (not 同比扩大了多少, a percentage).
                      r"(?<!同)比[^比]*(?:扩大|收窄)了(?:多少|几多)|"
                      # "收窄咗几多港仙": a change asked in money, not in percent.
                      r"(?:收窄|扩大|增加|减少|多|少|跌|升|降|涨)(?:了|咗)?(?:多少|几多)"
                      r"(?:钱|港仙|仙|元|块|港元|千港元|万|亿|百万)")
_PERCENT_ASK_RE = re.compile(r"%|百分之|幅度|增长率|增速|增幅|降幅|涨幅|几个点|百分点")
_SHARE_FOLLOWUP_RE = re.compile(
    r"^(?:那么?)?((?:19|20)\d{2}年(?:度)?)?(?:它|其|这个|这|佢|他|她|那)?占")
_FOLLOWUP_RE = re.compile(r"^(?:那么?|还有|另外|其中)|呢$")
# What follows a share's part in a follow-up's key (see FigureAnswer.whole).
_SHARE_MARK, _TIMES_MARK = "÷", "∶"
# What follows the first item of a sum or a difference of items in a follow-up's key
# ("销售费用＋管理费用", "归属于母公司股东的净利润⊖扣除非经常性损益后的净利润").
_PLUS_MARK, _LESS_MARK = "＋", "⊖"
_MARKS = f"{_SHARE_MARK}{_TIMES_MARK}{_PLUS_MARK}{_LESS_MARK}"
# Several items asked as one amount ("销售费用和管理费用加起来多少"), or one less another
# ("归母净利润比扣非净利润多多少"): the words that join them.
_SUM_ASK_RE = re.compile(r"合计|加起来|加在一起|加埋|一共|总共|共计|合共|总计|之和|的和|加总|总和")
_LESS_ASK_RE = re.compile(r"^[^比]*比[^比]*(?:多|少|高|低)(?:了|出|赚了?|挣了?)?(?:多少|几多)"
                          r"|相差|差多少|差几多|之差|的差额|差额是|差距")
# "有多少股东", "几多员工": the count asked before its noun.
_COUNT_ASK_RE = re.compile(
    r"(?:有)?(?:多少|几多|几)(?:名|个|户|位)?(?:全职)?(股东|员工|雇员|职工)(?!的|应占|权益)")
_COUNT_OF = {"股东": "股东总数", "员工": "员工人数", "雇员": "员工人数", "职工": "员工人数"}
# "A和B(加起来)占C的比重": a sum's share, not each one's (分别占 asks each).
_SUM_SHARE_RE = re.compile(r"^(?!.*(?:分别|各自))(.+?)(?<!应)占(.+)$")
_JOIN_RE = re.compile(
    r"加起来|加在一起|加埋|以及|加上|加|和|与|及|跟|同|、|\+|＋|比|相差|差距|之差|差额")
_ADJUST = (
    ("调整前", re.compile(r"调整前|重述前|未调整")),
    ("调整后", re.compile(r"调整后|重述后|已重述")),
    # The parent company's own statements, not 归属于母公司股东 of the group's.
    ("母公司", re.compile(r"母公司(?!股东|所有者|普通股|净利润|的净利润)")),
)

# Ratios computed from two (or more) stated items: name → (numerator terms, denominator terms,
# how the formula reads). A term is (sign, item); the first item that has a fact is used.
_Terms = list[tuple[int, tuple[str, ...]]]
_RATIOS: dict[str, tuple[_Terms, _Terms, bool]] = {
    "毛利率": ([(1, ("营业收入",)), (-1, ("营业成本",))], [(1, ("营业收入",))], True),
    "营业成本率": ([(1, ("营业成本",))], [(1, ("营业收入",))], True),
    # A basis named (扣非净利率, 归母净利率) is the profit of that basis, before 净利率.
    "扣非净利率": ([(1, ("扣除非经常性损益后的净利润",))], [(1, ("营业收入",))], True),
    "归母净利率": ([(1, ("归属于母公司股东的净利润",))], [(1, ("营业收入",))], True),
    "净利率": ([(1, ("净利润", "归属于母公司股东的净利润"))], [(1, ("营业收入",))], True),
    "销售费用率": ([(1, ("销售费用",))], [(1, ("营业收入",))], True),
    "管理费用率": ([(1, ("管理费用",))], [(1, ("营业收入",))], True),
    "研发费用率": ([(1, ("研发费用",))], [(1, ("营业收入",))], True),
    "财务费用率": ([(1, ("财务费用",))], [(1, ("营业收入",))], True),
    "期间费用率": ([(1, ("销售费用",)), (1, ("管理费用",)), (1, ("研发费用",)),
                (1, ("财务费用",))], [(1, ("营业收入",))], True),
    # 三费: the three expenses before 研发费用 had a line of its own.
    "三费率": ([(1, ("销售费用",)), (1, ("管理费用",)), (1, ("财务费用",))],
            [(1, ("营业收入",))], True),
    "资产负债率": ([(1, ("负债合计",))], [(1, ("资产总计",))], True),
    "流动比率": ([(1, ("流动资产合计",))], [(1, ("流动负债合计",))], False),
    "速动比率": ([(1, ("流动资产合计",)), (-1, ("存货",))], [(1, ("流动负债合计",))], False),
    "现金比率": ([(1, ("货币资金",))], [(1, ("流动负债合计",))], False),
    "实际税率": ([(1, ("所得税费用",))], [(1, ("利润总额",))], True),
    "贷存比": ([(1, ("发放贷款和垫款",))], [(1, ("吸收存款",))], True),
    # The equity of the owners, or all of it where no other holder is stated (股東權益).
    "每股净资产": ([(1, ("归属于母公司股东的净资产", "所有者权益合计"))], [(1, ("股本",))], False),
    "营业利润率": ([(1, ("营业利润",))], [(1, ("营业收入",))], True),
    "税前利润率": ([(1, ("利润总额",))], [(1, ("营业收入",))], True),
    "产权比率": ([(1, ("负债合计",))], [(1, ("所有者权益合计",))], True),
    "权益乘数": ([(1, ("资产总计",))], [(1, ("所有者权益合计",))], False),
    "净现比": ([(1, ("经营活动产生的现金流量净额",))], [(1, ("净利润",))], False),
    "现金分红占净利润的比率": ([(1, ("现金分红总额",))], [(1, ("归属于母公司股东的净利润",))],
                      True),
}
# A share of one item in another that is a ratio of its own (负债合计 over 资产总计).
_RATIO_OF = {(num[0][1][0], den[0][1][0]): name for name, (num, den, percent) in _RATIOS.items()
             if percent and len(num) == 1 and len(den) == 1 and name.endswith("负债率")}
# Per-share figures over 股本: its amount is the number of shares only at a par of 1 元 (not
# a Hong Kong company's 股本 in 港元, the shares' nominal value).
_PAR_ONE = frozenset({"每股净资产"})
_SHARE_UNITS = {"股": 1.0, "万股": 1e4, "亿股": 1e8}
_DIVIDEND_TOTAL = "现金分红总额"
_FOREIGN_UNIT_RE = re.compile(r"港|美元|欧元|英镑|日元|澳元|新加坡元|台币")
# Turnover ratios: a period's flow over the average of its opening and closing balance.
_TURNOVER: dict[str, tuple[str, str]] = {
    "应收账款周转率": ("营业收入", "应收账款"),
    "存货周转率": ("营业成本", "存货"),
    "总资产周转率": ("营业收入", "资产总计"),
    "应付账款周转率": ("营业成本", "应付账款"),
}
# Returns on an average balance: the period's profit over it, in percent (ROA).
_RETURNS: dict[str, tuple[str, str]] = {"平均总资产收益率": ("净利润", "资产总计")}
_COMPUTED = (*_RATIOS, *_TURNOVER, *_RETURNS)  # in order: 销售费用率 before its 费用率
# Amounts computed from stated items when the report states none (an A-share income statement
# has no 毛利 line): item → terms, summed in the inputs' unit.
_AMOUNTS: dict[str, _Terms] = {
    "毛利": [(1, ("营业收入",)), (-1, ("营业成本",))],
    "期间费用": [(1, ("销售费用",)), (1, ("管理费用",)), (1, ("研发费用",)), (1, ("财务费用",))],
    "三费": [(1, ("销售费用",)), (1, ("管理费用",)), (1, ("财务费用",))],
    # A summary states the profit with and without the non-recurring items, not their sum.
    "非经常性损益": [(1, ("归属于母公司股东的净利润",)), (-1, ("扣除非经常性损益后的净利润",))],
    # A Hong Kong balance sheet sums its current and non-current parts with no total line.
    "资产总计": [(1, ("流动资产合计",)), (1, ("非流动资产合计",))],
    "负债合计": [(1, ("流动负债合计",)), (1, ("非流动负债合计",))],
}
# Costs that are net amounts and can truly be negative (net interest income).
_NET_COSTS = frozenset({"财务费用", "所得税费用"})
_COSTS = frozenset({"营业成本", "销售费用", "管理费用", "研发费用", "财务费用", "所得税费用",
                    "营业总成本", "业务及管理费"})
# Other formulas for the same ratio, tried in turn when the first one's inputs are not stated.
_ALTERNATIVES: dict[str, list[tuple[_Terms, _Terms, bool]]] = {
    "毛利率": [([(1, ("毛利",))], [(1, ("营业收入",))], True)],
    "资产负债率": [
        ([(1, ("负债合计",))], [(1, ("负债合计",)), (1, ("所有者权益合计",))], True),
        ([(1, ("流动负债合计",)), (1, ("非流动负债合计",))],
         [(1, ("流动资产合计",)), (1, ("非流动资产合计",))], True),
        # A sheet with no non-current liabilities to sum states its net assets (資產淨值):
        # the liabilities are the assets less them.
        ([(1, ("流动资产合计",)), (1, ("非流动资产合计",)), (-1, ("所有者权益合计",))],
         [(1, ("流动资产合计",)), (1, ("非流动资产合计",))], True),
    ],
}
# Optional terms: a missing one is left out of the sum (期间费用率 without 研发费用).
_OPTIONAL = {"期间费用率": {"研发费用", "财务费用"}, "期间费用": {"研发费用", "财务费用"},
             "三费率": {"财务费用"}, "三费": {"财务费用"}}
_SHARE_Q_RE = re.compile(
    r"^(.{2,24}?)(?:在|)(?<!应)占(.{2,24}?)(?:的)?(?:比重|比例|比|百分比|份额|多少|几多|几成)")
# What may follow a share's part before 占: "骨科类" + "产品收入", "营收" + "的".
_PART_TAIL_RE = re.compile(
    r"(?:产品|类|的|业务|板块|分部|地区|市场)*(?:收入|营收|营业额|销售额|收益|金额)?(?:的|在)?")
# A share asked without its whole ("管理费用占比", "占多少比例", "比重多少").
# "经营活动现金流量净额与净利润的比值": one item over another, in times.
# "经营现金流是归母净利润的几倍": the same, said the other way.
_TIMES_Q_RE = re.compile(
    r"^(.{2,24}?)(?:(?:与|和|跟|同)(.{2,24}?)(?:的|之)?(?:比值|比率|比)(?:是|为)?(?:多少|几多|几何|几)?"
    r"|(?:是|为|系|等于)(.{2,24}?)(?:的|之|嘅)(?:多少|几多|几)倍)$")
_SHARE_ALONE_RE = re.compile(r"(?<!应)占(?:比|多少|几成|几多|百分之|的?比[例重率])|的?比重")
_LIABILITIES = frozenset({"短期借款", "长期借款", "应付账款", "应付票据", "合同负债", "预收款项",
                          "应付职工薪酬", "应交税费", "其他应付款", "应付债券", "租赁负债",
                          "吸收存款", "银行借款"})
# "贷存比（贷款总额/存款总额）", "（净利率）": a bracket restating the question.
_BRACKET_RE = re.compile(r"[(（][^()（）]{1,30}[)）]")
# The operations a formula restated in a question joins its inputs with ("总负债除总资产").
_OPERATION_RE = re.compile(r"除以|除|乘以|减去|减|加上|加|与|和|再")


_AGAINST = (r"(?:上年同期|去年同期|上年末|去年末|上年度末|上年|去年|上年度|"
            r"年初|期初|上期|上一?个?季度|第?[一二三四]季度|\d{4}年(?:末|同期)?)")
# "比上年", "较2022年末"; "同上年比", "与去年相比".
_AGAINST_RE = re.compile(rf"(?:比|较|相比|对比|相较)(?:于)?{_AGAINST}"
                         rf"|(?:同|跟|和|与){_AGAINST}(?:相比|比较|对比|比)")
_ITEMS = load_items()
_PART_SUFFIX_RE = re.compile(r"(?:地区|市场|业务|板块|分部|产品|分类)$")
_NOT_FIGURE_RE = re.compile(
    r"是什么|是啥|什么是|哪些|为什么|为何|原因|怎么样|介绍|是谁|含义|定义|意思")
_WHY_RE = re.compile(r"为什么|为何|点解|为啥|原因|怎么会|咋会")
_HOW_MUCH_RE = re.compile(r"多少|几多|几何|金额|数额")
_FIGURE_ASK_RE = re.compile(r"多少|几多|几何|金额|数额|规模|多高|多大|数字|数据|\d")
_WHOLE_YEAR_RE = re.compile(r"全年|全年度|整年|(?:19|20)\d{2}\s*年度")
_GROUP_WORD = r"(?:集团|控股|股份|银行|证券|保险)"
_COMPANY_WORD_RE = re.compile(r"(?:银行|集团|公司|控股|证券|保险|股份)$")
_RESTATED = ("收入", "营收", "业务", "板块", "分部", "金额", "数量", "收益", "营业额", "销售额",
             "分部收入", "分部收益", "分部营业额")


@dataclass
class Reading:
    """What a figure question asks."""

    metric: str | None = None
    said: str | None = None  # the words the question names it with (存款总额)
    span: tuple[int, int] = (0, 0)
    period: Period | None = None
    growth: bool = False
    diff: bool = False
    basis: tuple[str, ...] = ()
    ratio: str | None = None
    share_of: str | None = None
    # The period of the whole a share is of ("第四季度营收占全年的比重": the year).
    share_period: Period | None = None
    # The period a change is against when the question names it by year ("比2022年").
    against: Period | None = None
    leftover: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)  # words naming the company
    within: str | None = None  # the item a row of a breakdown is asked of (亚洲 of 营业收入)
    times: bool = False  # a share asked as "A与B的比值": in times, not percent


@dataclass(frozen=True)
class FigureAnswer:
    """A reply from the facts: text, the facts used, any computation, and the context key."""

    text: str
    facts: tuple[Fact, ...]
    computation: str | None
    metric: str
    period: Period
    source: Fact
    used_context: bool = False
    value: float | None = None  # a computed ratio's result (毛利率 0.7798), for its change
    percent: bool = False  # the result is shown in percent (毛利率), not in times (流动比率)
    # A share's whole after its mark, for the follow-up's key: "÷营业收入" (占营业收入的比重),
    # "∶归属于母公司股东的净利润" (与…之比).
    whole: str = ""


_FULL_NAME_RE = re.compile(r"([\u3400-\u9fff]{2,14}?)(?:股份有限公司|有限责任公司|有限公司|控股)")
_SHORT_NAME_RE = re.compile(r"(?:证券|股票|中文)简称\s*[:：]?\s*([\u3400-\u9fff]{2,8})")


def company_names(company_text: str) -> list[str]:
    """The company names a report's first lines give: full names without 中国/股份有限公司
    and the stock's short name (工商银行, 张家界)."""
    names = list(dict.fromkeys(_SHORT_NAME_RE.findall(company_text)))
    for full in _FULL_NAME_RE.findall(company_text)[:3]:
        names += [re.sub(r"^(?:中国|中國)", "", full), full]
    # "於開曼群島註冊成立之有限公司" says where, the auditor on the cover page is another firm.
    return [n for n in dict.fromkeys(names)
            if len(n) >= 2 and "注册成立" not in n and not FIRM_RE.search(n)]


def names_company(word: str, company_text: str, names: list[str]) -> bool:
    """True when ``word`` names the report's company: it is part of its first lines, or an
    abbreviation of one of its names (工行 of 工商银行: same first character, the others in
    order)."""
    if len(word) >= 2 and word in company_text:
        return True
    for name in names:
        if word[0] == name[0] and len(word) < len(name) and _in_order(word[1:], name[1:]):
            return True
    return False


def _in_order(chars: str, name: str) -> bool:
    at = 0
    for ch in chars:
        at = name.find(ch, at) + 1
        if at == 0:
            return False
    return True


# The quarter before a report's period (year offset, part): 上一季度 read against it.
_QUARTER_BEFORE = {"Q1": (-1, "Q4"), "Q2": (0, "Q1"), "H1": (0, "Q1"), "Q3": (0, "Q2"),
                   "9M": (0, "Q2"), "Q4": (0, "Q3"), "": (0, "Q3")}
_QUARTERS = frozenset({"Q1", "Q2", "Q3", "Q4"})
# The quarters a longer period is made of.
_QUARTERS_OF = {"H1": ("Q1", "Q2"), "9M": ("Q1", "Q2", "Q3"), "": ("Q1", "Q2", "Q3", "Q4")}
_YEAR_TO_DATE_RE = re.compile(r"年初(?:至|到)(?:今|现在|本?报告期末)|年初以来|今年以来")
_EXPLICIT_YEAR_RE = re.compile(r"(?<!\d)(?:(?:19|20)\d{2}|\d{2})\s*(?:年|财年)")


def question_period(text: str, base: Period) -> Period | None:
    """The period a normalised question names, read against the report's ``base``:
    "2015年" → 2015, "16年" → 2016, "去年"/"上年" → base − 1, "上年同期" → base − 1 same part,
    "上年末"/"年初" → end of base − 1, "一季度" → Q1, "3月末" → Q1 end; None when it names none."""
    t = cn_years(text)
    t = re.sub(r"(?<![\d])(\d{2})年", lambda m: f"20{m.group(1)}年", t)
    year: int | None = None
    # A bare year, never a stock code written like one (2007.hk, 02007).
    m = re.search(r"(?<![\d.])((?:19|20)\d{2})(?!\d|\.[A-Za-z])\s*(?:年|财年|年度)?", t)
    if m:
        year = int(m.group(1))
    part: str | None = None
    end = False
    if base.year is not None and _YEAR_TO_DATE_RE.search(t):
        # 年初至今 in a third-quarter report: its nine months, not last year's close (年初).
        return Period(year or base.year, CUMULATIVE_PART.get(base.part, base.part))
    if base.year is not None and year is None:
        if re.search(r"前年", t):
            year = base.year - 2
        elif re.search(r"去年(?!同期|末|年末|底)", t) and not base.part:
            # An annual report is read the year after: 去年 is the year it reports on; the
            # report's own words (上年, 上年同期, 上年末) name the year before.
            year = base.year
        elif re.search(r"上年|去年|上一年|前一年|上个年度|年初|期初", t):
            year = base.year - 1
            if re.search(r"上年末|去年末|上年年末|去年年末|上年度末|年初|期初", t):
                end, part = True, ""
        elif re.search(r"今年|本年|本期|报告期|当期|期末", t):
            year = base.year
    if base.year is not None and year is None and re.search(r"上一?个?季度", t):
        # The quarter before the newest report's: Q1 → the year before's Q4.
        year, part = _QUARTER_BEFORE.get(base.part, (0, "Q3"))
        year += base.year
    if re.search(r"(?:年|度|期)末|年底|期末|末$|余额", t):
        end = True
    if re.search(r"年末|年底|年度末", t) and not re.search(r"上年末|去年末|上年年末|去年年末", t):
        part = ""  # 2022年末 is the year's end whatever report it is read from
    dm = re.search(r"(\d{1,2})\s*月\s*(?:末|底|\d{1,2}\s*日)", t)
    if dm and (re.search(r"止(?:年度|财政年度|十二个月)|止.{0,2}年度", t) or re.search(
            # "截至2024年3月底嗰年", "截至3月31日的那一年": the year that ends then.
            r"(?:截至|截止|到)[^,，。]{0,12}?月(?:底|末|\d{1,2}日)(?:为止)?(?:的|嗰|\U00020bb6|那|该)*"
            r"(?:一|个)?(?:年度|财年|年)(?![末底初])", t)):
        dm = None  # 截至2025年3月31日止年度: the (fiscal) year, not a balance date
        part = ""
    if dm:
        end = True
        part = {3: "Q1", 6: "H1", 9: "9M", 12: ""}.get(int(dm.group(1)), part)
    if part is None:
        got, _, _ = parse_period(re.sub(r"\d{4}年", "", t) or "x", Period(None))
        part = got.part if got is not None and re.search(r"季|月|半年|q\d|h1|9m|中期", t) else None
    if year is None and part is None and not end:
        return None
    if year is None:
        year = base.year
    if part is None:
        same = re.search(r"同期", t)
        part = base.part if (same or year == base.year or base.part) and not (
            end and year != base.year) else ""
        if re.search(r"全年|年度", t):
            part = ""
    return Period(year, part, end)


def read_question(text: str, index: FactIndex, company_text: str,
                  base: Period, names: list[str] | None = None) -> Reading:
    """A normalised question as (metric, period, basis, growth/difference/ratio)."""
    r = Reading()
    text = cn_years(text)  # "博智二零零八年" names the company and 2008, not one word
    r.basis = tuple(b for b, pattern in _ADJUST if pattern.search(text))
    text = _BRACKET_RE.sub(" ", text).strip() or text
    for name in _COMPUTED:
        for v in _ratio_variants(name, index):
            at = text.find(v) if len(v) >= 2 else -1
            if at >= 0:
                r.ratio, r.span = name, (at, at + len(v))
                break
        if r.ratio:
            break
    found = index.metric_in(text)
    # A ratio named in the question wins, unless the metric found holds it (a stated item
    # such as 手续费及佣金净收入占营业收入比率 or 不良贷款率).
    if found is not None and (r.ratio is None or (
            found[1] <= r.span[0] and found[2] >= r.span[1]
            and found[2] - found[1] > r.span[1] - r.span[0])):
        r.ratio = None
        r.metric, r.span = found[0], (found[1], found[2])
        r.said = text[found[1]:found[2]]
    if r.metric is None and r.ratio is None:
        # "已终止经营业务溢利" of the row "本年度已终止经营业务溢利": the shortest label that
        # holds the question's words.
        core = max(re.findall(r"[\u3400-\u9fff]{4,}", _FILLER_RE.sub(" ", text)) or [""],
                   key=len)
        label = index.label_holding(core) if core else None
        if label is not None:
            at = text.find(core)
            r.metric, r.span = label, (at, at + len(core))
    share = _SHARE_Q_RE.search(text)
    if share:
        part = index.metric_in(share.group(1))
        if part is not None and not _PART_TAIL_RE.fullmatch(share.group(1)[part[2]:]):
            part = None  # the item is not what stands before 占 (现金 of 现金分红占…)
        if part is None:
            part = _label_holding(share.group(1), index)
            if part is not None and not _PART_TAIL_RE.fullmatch(share.group(1)[part[2]:]):
                part = None
        whole_words = share.group(2).strip()
        whole = index.metric_in(whole_words)
        part_period = question_period(share.group(1), base)
        whole_period = question_period(whole_words, base)
        yearly = bool(_WHOLE_YEAR_RE.search(whole_words))
        if part is not None and whole is None and (yearly or whole_period is not None):
            # "第四季度营收占全年的比重", "第三季度营收占前三季度的比重": the same item over
            # another period.
            whole = part
        if part is not None and whole is not None and whole[0] == "营业收入" \
                and part[0] in _AMOUNTS and f"{part[0]}率" in _RATIOS:
            # "三费占营收的比例", "毛利占收入比重": an amount the report may not state, over
            # the revenue, is its ratio (三费率, 毛利率), computed as one.
            r.ratio, part, whole = f"{part[0]}率", None, None
            r.span = (share.start(), share.end())
        elif part is not None and whole is not None and (part[0], whole[0]) in _RATIO_OF:
            # "负债总额占资产总额的比例": 资产负债率, with its other formulas when a sheet
            # states no liabilities' total.
            r.ratio, part, whole = _RATIO_OF[part[0], whole[0]], None, None
            r.span = (share.start(), share.end())
        if part is not None and whole is not None:
            r.metric, r.share_of, r.ratio = part[0], whole[0], None
            r.span = (share.start(), share.end())
            if part_period is not None and part_period.part and yearly:
                # The part's period against its year.
                r.period, r.share_period = part_period, Period(part_period.year, "")
            elif part_period is not None and whole_period is not None \
                    and whole_period != part_period:
                r.period, r.share_period = part_period, whole_period
    times = _TIMES_Q_RE.search(text) if r.share_of is None else None
    if times:
        part = index.metric_in(times.group(1))
        whole = index.metric_in(times.group(2) or times.group(3))
        if part is not None and whole is not None and part[0] != whole[0] \
                and _PART_TAIL_RE.fullmatch(times.group(1)[part[2]:]):
            r.metric, r.share_of, r.ratio, r.times = part[0], whole[0], None, True
            r.span = (times.start(), times.end())
        elif part is not None and whole is None and times.group(3) \
                and _PART_TAIL_RE.fullmatch(times.group(1)[part[2]:]):
            # "利息收入是去年同期的几倍", "2023年的经营现金流是2025年的多少倍": the item over
            # itself of another period.
            own = question_period(times.group(1), base) or base
            other = question_period(times.group(3), own)
            if other is not None and other != own \
                    and not _FILLER_RE.sub("", times.group(3)).strip():
                r.metric, r.share_of, r.ratio, r.times = part[0], part[0], None, True
                r.period, r.share_period = own, other
                r.span = (times.start(), times.end())
    if (r.share_of is None and r.metric is not None and r.ratio is None
            and (alone := _SHARE_ALONE_RE.search(text, r.span[1])) is not None):
        # "管理费用占比", "货币资金占多少比例": of the revenue for an item of a period's
        # flow, of the total assets (liabilities) for a balance.
        kind = index.items.kinds.get(r.metric)
        total = {"flow": "营业收入", "stock": "负债合计" if "负债" in r.metric or
                 r.metric in _LIABILITIES else "资产总计"}.get(kind or "")
        if total is not None and total != r.metric and not r.metric.endswith("合计"):
            r.share_of = total
            r.span = (r.span[0], alone.end())
    rest = text[: r.span[0]] + " " + text[r.span[1]:]
    r.diff = bool(_DIFF_RE.search(rest)) and not _PERCENT_ASK_RE.search(rest)
    r.growth = not r.diff and bool(_GROWTH_RE.search(rest))
    # "比上年末增长多少": the period after 比 is what the figure is compared with.
    asked = _AGAINST_RE.sub(" ", rest) if r.growth or r.diff else rest
    r.period = r.period if r.share_period is not None else question_period(asked, base)
    if r.period is None and share and r.share_of is not None:
        # "2022年销售费用占营收的比重": the year stood before the part, inside the share.
        r.period = question_period(share.group(1), base)
    against = _AGAINST_RE.search(rest) if r.growth or r.diff else None
    if against is not None and re.search(r"\d{4}年", against.group(0)):
        # "2024年营收比2022年增长了多少": against the year named, not the year before.
        r.against = question_period(re.sub(r"^\D+", "", against.group(0)), base)
    elif r.period is not None and r.period.year is not None and r.period.part in _QUARTERS \
            and (r.growth or r.diff) and (
                (against is not None and "季" in against.group(0)) or "环比" in rest):
        # "第四季度营收环比增长多少", "比第三季度多多少": against the quarter before, or the
        # quarter named, of the same year.
        named = re.search(r"[一二三四]", against.group(0)) if against is not None else None
        if named is not None:
            r.against = Period(r.period.year, f"Q{'一二三四'.index(named.group(0)) + 1}")
        else:
            offset, quarter = _QUARTER_BEFORE[r.period.part]
            r.against = Period(r.period.year + offset, quarter)
    left = _FILLER_RE.sub(" ", rest)
    # A table row of its own (杨家界索道) may be asked as "杨家界索道收入".
    restated = _RESTATED if r.metric is not None and r.metric not in index.items.kinds else ()
    words = [w for w in re.findall(r"[\u3400-\u9fff]{2,}|[a-z]{3,}", left) if w not in restated]
    if _NOT_FIGURE_RE.search(text) and not _FIGURE_ASK_RE.search(text):
        words.append("是什么")  # "主营业务是什么" asks what, not how much
    elif _WHY_RE.search(text) and not _HOW_MUCH_RE.search(text):
        words.append("为什么")  # "2009年点解亏损" asks why, whatever year it names
    r.companies = [w for w in words if names_company(w, company_text, names or [])]
    # Words the item's full name holds ("经营现金流净额": 净额 of 经营活动产生的现金流量净额)
    # say nothing more.
    r.leftover = [w for w in words if w not in r.companies
                  and not (r.metric is not None and len(w) >= 2 and w in r.metric)]
    if r.metric is not None and r.metric in index.items.kinds and len(r.leftover) == 1:
        # "亚洲地区营业额": the row 亚洲 of a table breaking the item down.
        row = _PART_SUFFIX_RE.sub("", r.leftover[0])
        if len(row) >= 2 and index.has(row) and row not in index.items.kinds:
            r.within, r.metric, r.said, r.leftover = r.metric, row, row, []
    elif r.metric is not None and len(r.leftover) == 1 and _names_metric(r.leftover[0], index) \
            and any(r.leftover[0] in normalize(f.heading) for f in index.find(r.metric)):
        # "销售费用里面市场推广服务费": a row of the table under the item's heading.
        r.leftover = []
    # "2024年3月31日" of a report whose years end on 31 March: the year's end, not a quarter's.
    r.period, r.against, r.share_period = (
        _fiscal_end(p, index) for p in (r.period, r.against, r.share_period))
    if r.ratio is not None or r.share_of is not None:
        # "贷存比 贷款总额 存款总额", "总负债除总资产": the question restating the formula's
        # inputs, alone or joined by the operation.
        r.leftover = [w for w in r.leftover if not all(
            _names_metric(p, index) for p in _OPERATION_RE.split(w) if p)]
    return r


def _ratio_variants(name: str, index: FactIndex) -> list[str]:
    """A computed ratio's names: its own, and an item's names with 率 where the ratio is the
    item's over the revenue ("一般及行政开支率" of 管理费用率), longest first."""
    said = list(index.items.variants_of(name))
    item = name[:-1]
    if name.endswith("费用率") and name in _RATIOS and item in index.items.kinds:
        said += [f"{v}率" for v in index.items.variants_of(item)
                 if re.fullmatch(r"[\u3400-\u9fff]+", v)]
    return sorted(set(said), key=len, reverse=True)


_PART_END_MONTH = {"Q1": 3, "H1": 6, "9M": 9}


def _fiscal_end(period: Period | None, index: FactIndex) -> Period | None:
    """A quarter's or half's end that is the reports' year end (a fiscal year to 31 March):
    the year's end."""
    if period is None or not period.end or _PART_END_MONTH.get(period.part) is None \
            or _PART_END_MONTH[period.part] != index.year_end_month:
        return period
    return Period(period.year, "", True)


def _label_holding(words: str, index: FactIndex) -> tuple[str, int, int] | None:
    """The row a share's part names by the start of its label (员工成本 of 員工成本總計), as
    (label, start, end) in ``words``; a name before it (依波路员工成本) is left out."""
    for run in re.finditer(r"[\u3400-\u9fff]{4,}", words):
        for start in range(run.start(), run.end() - 3):
            label = index.label_holding(words[start:run.end()])
            if label is not None:
                return label, start, run.end()
    return None


def _names_metric(word: str, index: FactIndex) -> bool:
    found = index.metric_in(word)
    return found is not None and found[2] - found[1] >= len(word) - 1


def money(number: float, fact: Fact) -> str:
    """A readable amount: 592,183,264.90元 → 约5.92亿元; "" when the unit is no money unit or
    the value reads well already."""
    scale = fact.scale
    if not scale or "亿" in fact.unit:
        return ""
    currency = "港元" if "港元" in fact.unit else "美元" if "美元" in fact.unit else "元"
    amount = number * scale
    if abs(amount) >= 1e12:
        out = f"{amount / 1e12:,.2f}万亿{currency}"
    elif abs(amount) >= 1e8:
        out = f"{amount / 1e8:,.2f}亿{currency}"
    elif abs(amount) >= 1e4:
        out = f"{amount / 1e4:,.2f}万{currency}"
    else:
        return ""
    return "" if "万" in fact.unit and "亿" not in out else out


def written(fact: Fact) -> str:
    """The value as the report writes it, with its unit: 592,183,264.90元, -12.25%, 0.19元."""
    value = fact.value
    unit = fact.unit
    if parse_unit_in(value):
        return value
    if unit == "元/股":
        unit = "元"
    if not unit and fact.item and _ITEMS.kinds.get(fact.item) == "count":
        unit = "人" if "员工" in fact.item else ""
    return f"{value}{unit}"


def parse_unit_in(value: str) -> bool:
    return bool(re.search(r"[%‰元股倍户人亿万千仙][)）]?$", normalize(value).strip()))


def stated(fact: Fact) -> str:
    """"592,183,264.90元（约5.92亿元）"."""
    extra = money(fact.number, fact)
    return written(fact) + (f"（约{extra}）" if extra else "")


def _as_loss(fact: Fact) -> Fact:
    """A loss line's figure as the loss it is: 除稅前虧損 (78,739) is a loss of 78,739, not of
    -78,739."""
    if fact.number >= 0 or not re.search(r"亏损|亏蚀", fact.metric):
        return fact
    value = re.sub(r"^[-−–]\s*|^[(（]|[)）]$", "", fact.value.strip())
    return replace(fact, value=value, number=-fact.number)


def name_of(fact: Fact) -> str:
    """The row's name; a label that names its item only under its heading (基本, 摊薄 under
    每股盈利) is named by the item."""
    if fact.item and fact.metric in _ITEMS.label_only:
        return fact.item
    return fact.metric


def where(fact: Fact) -> str:
    return source_note(fact.document, fact.page, fact.heading)


def sources(facts: tuple[Fact, ...] | list[Fact]) -> str:
    """One source note for several facts: （来源：r.pdf 第6页 · 主要会计数据和财务指标；第75页 ·
    合并利润表）."""
    parts: list[str] = []
    seen: set[tuple[str, str]] = set()
    document = ""
    for fact in facts:
        page = f"第{fact.page}页" if fact.page is not None else ""
        place = " · ".join(p for p in (page, fact.heading) if p)
        if (fact.document, place) in seen:
            continue
        seen.add((fact.document, place))
        part = place if fact.document == document else " ".join(
            p for p in (fact.document, place) if p)
        if part:
            parts.append(part)
        document = fact.document
    return SOURCE_NOTE.format(source="；".join(parts))


def _overlap(head: str, metric: str) -> str:
    """"核心一级资本" + "资本充足率" → "核心一级资本充足率" (the shared part once)."""
    for n in range(min(len(head), len(metric)) - 1, 0, -1):
        if head.endswith(metric[:n]):
            return head + metric[n:]
    return ""


def _fmt(x: float) -> str:
    return f"{x:,.2f}"


def _fmt_as(x: float, inputs: list[tuple[int, Fact]]) -> str:
    """A sum written as its inputs are: 720,237 of figures in 千港元 with no decimals,
    639,504,799.38 of 元 figures with cents."""
    if all("." not in f.value for _, f in inputs):
        return f"{x:,.0f}"
    return _fmt(x)


class FigureAnswerer:
    """Answers figure questions from a FactIndex."""

    def __init__(self, index: FactIndex, company_text: str,
                 company_texts: dict[str, str] | None = None) -> None:
        self.index = index
        self.company_text = company_text
        self.names = company_names(company_text)
        # Per document: a question naming a company is answered from that company's documents.
        self.companies = {d: (t, company_names(t)) for d, t in (company_texts or {}).items()}
        self.documents: set[str] | None = None
        self.said: str | None = None
        self.within: str | None = None
        self.base = index.base
        self._bracketing: set[tuple[str, int | None]] | None = None

    def _bracketed(self, facts: list[Fact]) -> _Signs:
        """``_bracketed`` of a formula's inputs, told whether their statements bracket costs
        (a tax alone over the profit: a credit of −57.17% in an A-share statement, an expense
        of 26.61% in an HK one, bracketed)."""
        if self._bracketing is None:
            self._bracketing = {(f.document, f.page) for f in self.index.facts
                                if _bracketed_cost(f)}
        return _bracketed(facts, any((f.document, f.page) in self._bracketing for f in facts))

    # --- lookups ----------------------------------------------------------------------------
    def _default_period(self, metric: str, change: bool = False) -> Period | None:
        facts = self._found(metric, change=change)
        if not facts:
            return None
        if self.base.year is not None:
            for f in facts:
                if f.period.year == self.base.year and f.period.part == self.base.part:
                    return Period(self.base.year, self.base.part, False)
        latest = max(facts, key=lambda f: (f.period.year or 0, not f.period.part))
        return Period(latest.period.year, latest.period.part, False)

    def _one(self, metric: str, period: Period, basis: tuple[str, ...] = (),
             change: bool = False) -> Fact | None:
        found = self._found(metric, period, basis=basis, change=change)
        if not found:
            return None
        best = found[0]
        # Two documents of the same standing disagreeing on one figure: no confident answer
        # (a later report restating a figure gives way to the report on that period).
        for other in found[1:]:
            if other.document != best.document and other.number != best.number \
                    and self._standing(other) == self._standing(best):
                return None
        return best

    def _one_or_headline(self, metric: str, period: Period,
                         basis: tuple[str, ...]) -> Fact | None:
        """``_one`` of the item, else of its headline basis (a summary states the owners'
        净利润 only: 经营现金流是净利润的几倍 is over it), else the dividend's total computed."""
        fact = self._one(metric, period, basis)
        headline = self.index.items.headline.get(metric)
        if fact is None and headline is not None:
            fact = self._one(headline, period, basis)
        if fact is None and metric == _DIVIDEND_TOTAL:
            fact = self._dividend_total(period)
        return fact

    def _dividend_total(self, period: Period | None) -> Fact | None:
        """The cash dividend's total a report plans but does not state: 每10股派息 ÷ 10 × the
        shares at the period's end (总股本 in 股, or an A-share 股本 in 元 at par 1), as a fact
        whose name shows the computation."""
        per_ten = self._found("每10股派息", period) if period is not None else \
            self._found("每10股派息")
        if not per_ten:
            return None
        plan = per_ten[0]
        at = Period(plan.period.year, plan.period.part, True)
        capital = sorted(self._found("股本", at), key=lambda f: f.unit not in _SHARE_UNITS)
        shares = next((f for f in capital if f.unit in _SHARE_UNITS or (
            f.scale and not _FOREIGN_UNIT_RE.search(f.unit))), None)
        if shares is None:
            return None
        count = shares.number * (_SHARE_UNITS.get(shares.unit) or shares.scale)
        total = plan.number / 10 * count
        said = (f"现金分红总额（计算：每10股派息{written(plan)} ÷ 10 × {name_of(shares)}"
                f"{written(shares)}）")
        return Fact(company=plan.company, metric=said, item=_DIVIDEND_TOTAL,
                    period=plan.period, column="", value=_fmt(total), number=total, unit="元",
                    document=plan.document, page=plan.page, heading=plan.heading, label=said)

    def _found(self, metric: str, period: Period | None = None, *,
               basis: tuple[str, ...] = (), change: bool = False) -> list[Fact]:
        found = self.index.find(metric, period, change=change, basis=basis, said=self.said)
        if self.documents is not None:
            found = [f for f in found if f.document in self.documents]
        if len(self.index.periods) > 1:
            # Several reports of one company: the report on the period first, then newer ones.
            found.sort(key=self._standing)
        return found

    def _standing(self, fact: Fact) -> tuple[int, tuple[int, int]]:
        own = self.index.periods.get(fact.document)
        if own is None:
            return (1, (0, 0))
        mine = own.year == fact.period.year and own.part == fact.period.part
        return (0 if mine else 1, (-own.order[0], -own.order[1]))

    def _report_for(self, year: int) -> Period:
        return report_for(year, self.index.periods) or self.index.base

    def _prior(self, period: Period, stock: bool) -> Period | None:
        if period.year is None:
            return None
        if stock and period.part:
            return Period(period.year - 1, "", True)  # 3月末 against the last year end
        return Period(period.year - 1, period.part, period.end)

    def _is_stock(self, metric: str, fact: Fact | None = None) -> bool:
        item = self.index.items.kinds.get(metric)
        return item == "stock" or (fact is not None and fact.period.end)

    # --- answering ------------------------------------------------------------------------
    def plain_ask(self, text: str) -> bool:
        """True when a normalised question asks one stated or computed figure and nothing
        else ("速动比率是多少"): no share, change or word left over."""
        r = read_question(text, self.index, self.company_text, self.base, self.names)
        return bool(r.metric or r.ratio) and not (
            r.leftover or r.share_of or r.growth or r.diff or r.times)

    @staticmethod
    def combined_ask(text: str) -> bool:
        """True when a normalised question asks for items together: their sum, difference or
        share ("销售费用和管理费用加起来多少")."""
        return bool(_SUM_ASK_RE.search(text) or _LESS_ASK_RE.search(text)
                    or re.search(r"(?<!应)占|倍|比值", text))

    def asked_item(self, text: str) -> tuple[str, Period | None] | None:
        """The standard item a plain figure question names and the period it asks (营业成本
        and 2025 Q1 of "25年一季度营业成本"), or None (a ratio, a share, a row of the report's
        own)."""
        r = read_question(text, self.index, self.company_text, self.base, self.names)
        if r.ratio or r.share_of or r.metric is None or r.metric not in self.index.items.kinds:
            return None
        return r.metric, r.period

    def answer(self, text: str, prev: tuple[str, Period] | None) -> FigureAnswer | None:
        """The reply to a normalised question, or None to fall back to passage ranking;
        ``prev`` is the (metric, period) the last figure answer was about (follow-ups), the
        metric followed by its whole when that answer was a share ("行政开支÷营业收入")."""
        whole = ""
        if prev is not None and (mark := re.search(f"[{_MARKS}]", prev[0])):
            prev, whole = (prev[0][:mark.start()], prev[1]), prev[0][mark.start():]
        if prev is not None and whole[:1] in (_PLUS_MARK, _LESS_MARK) \
                and self.index.metric_in(text) is None \
                and (_FOLLOWUP_RE.search(text) is not None or len(text) <= 8):
            # "那上年同期呢" after a sum of items: the same sum of the period asked.
            items = [prev[0], *re.split(f"[{_PLUS_MARK}{_LESS_MARK}]", whole)[1:]]
            asked = ("和".join(items) + "合计" if whole[0] == _PLUS_MARK
                     else f"{items[0]}比{items[1]}多多少")
            if prev[1].year is not None and not re.search(r"\d{4}", text):
                text = re.sub(r"去年(?!同期|末|年末|底)", f"{prev[1].year - 1}年", text)
            found = self._combined(asked + " " + text, prev[1])
            return replace(found, used_context=True) if found is not None else None
        if prev is not None and (m := _SHARE_FOLLOWUP_RE.match(text)):
            # "占销售费用的比例是多少" after 市场推广服务 ("2010年佢占总收入几多"): the figure
            # just shown as the part, of the period the question names.
            text = (m.group(1) or "") + prev[0] + text[m.end() - 1:]
        elif prev is not None and _FOLLOWUP_RE.search(text):
            # "核心一级呢" after 资本充足率: 核心一级资本充足率, when that is a metric.
            core = re.sub(r"^(?:那么?|还有|另外|其中)|的?呢$", "", text).strip()
            # "投资活动呢" after 经营活动产生的现金流量净额: the same metric of the other part.
            swapped = core + prev[0][len(core):] if 2 <= len(core) < len(prev[0]) else ""
            for joined in (core + prev[0], _overlap(core, prev[0]), swapped,
                           self.index.label_naming(core.rstrip("的之"), prev[0])):
                if joined and joined != prev[0] and (self.index.has(joined) or joined in
                                                     self.index.items.kinds):
                    text = joined + "呢"
                    break
        if prev is not None and prev[1].year is not None and not re.search(r"\d{4}", text):
            # "那去年呢" after a 2016 figure is 2015, whatever 去年 means asked afresh.
            text = re.sub(r"去年(?!同期|末|年末|底)", f"{prev[1].year - 1}年", text)
            text = text.replace("前年", f"{prev[1].year - 2}年")
        text = _COUNT_ASK_RE.sub(lambda m: _COUNT_OF[m.group(1)] + "多少", text)
        self.documents, self.said, self.within = None, None, None
        if len(self.companies) <= 1:
            across = answer_across(self, text)
            if across is not None:
                return across
            combined = self._combined(text)
            if combined is not None:
                return combined
        r = read_question(text, self.index, self.company_text, self.base, self.names)
        if r.leftover:
            return None
        if len(self.companies) > 1:
            named = r.companies
            firsts = {tuple(n[:1]) for _, n in self.companies.values()}
            if not named and prev is None and (len(firsts) > 1 or () in firsts):
                return None  # several companies and none named: the ranking asks which
            if named:
                self.documents = {d for d, (t, n) in self.companies.items()
                                  if any(names_company(w, t, n) for w in named)}
        base = self.index.base
        if self.documents is not None and len(self.documents) == 1:
            base = self.index.periods.get(next(iter(self.documents)), base)
        elif r.period is not None and r.period.year is not None \
                and _EXPLICIT_YEAR_RE.search(cn_years(text)):
            # "2021年营收" with reports on 2021, 2022 H1 and 2023 Q1: read against the 2021
            # report (a full year), not the newest one (its first quarter).
            base = self._report_for(r.period.year)
        elif prev is not None and prev[1].year is not None and _FOLLOWUP_RE.search(text) \
                and re.search(r"去年|上年|同期|上一?个?季度", text):
            # "那去年同期呢" after 2022年上半年: the year before the figure just shown.
            base = Period(prev[1].year, prev[1].part)
        if base != self.base:
            self.base = base
            r = read_question(text, self.index, self.company_text, self.base, self.names)
        self.said, self.within = r.said, r.within
        got = self._answer(r, text, prev, whole)
        needs = (r.metric is None and r.ratio is None) or (
            r.period is None and _FOLLOWUP_RE.search(text) is not None and len(text) <= 12)
        if got is None or got[0] is None:
            return None
        found = got[0]
        if got[1] or needs:
            return replace(found, used_context=True)
        return found

    def scope_problem(self, text: str, covered_years: frozenset[str]
                      ) -> tuple[str, bool] | None:
        """What a figure question asks about that the documents do not cover, for the scope
        refusal, and whether it is a company: another company (平安银行的不良贷款率 in 民生银行's
        report) or a period no table and no sentence states (2023财年 in a report on 2025 and
        2024); None otherwise."""
        if not len(self.index):
            return None
        r = read_question(text, self.index, self.company_text, self.base, self.names)
        if r.metric is None and r.ratio is None:
            return None
        others = [w for w in r.leftover if len(w) >= 3 and _COMPANY_WORD_RE.search(w)]
        # "昆药集团2022年净利润": a name before a company's word the filler took (集团).
        others += [m.group(0) for w in r.leftover for m in re.finditer(
            re.escape(w) + _GROUP_WORD, text) if len(w) >= 2]
        if others:
            return others[0], True
        if r.leftover or r.period is None or r.period.year is None:
            return None
        years = {f.period.year for f in self.index.facts}
        if r.metric is not None and self.index.base.year is not None:
            # A period no report states the figure for is not covered, whatever a sentence
            # mentions (2024年到期的债券).
            asked = r.period
            if _EXPLICIT_YEAR_RE.search(cn_years(text)):
                asked = question_period(text, self._report_for(asked.year or 0)) or asked
            # "2013年全年營業收入" of a half-year report: its first half is not the year.
            whole = not asked.part and bool(_WHOLE_YEAR_RE.search(text))
            if any(p.year == asked.year and (
                    p.part == "" if whole else not asked.part or p.part == asked.part)
                   for p in self.index.periods.values()):
                return None  # a report is on that period: its text may say it (不派末期股息)
            stated = self.index.find(self.index.items.headline.get(r.metric, r.metric)) \
                or self.index.find(r.metric)
            # A quarter's figure a report states only to date (经营现金流 of 2024年1-9月 for
            # 去年同期 of a third quarter) is covered: the ranking quotes it.
            to_date = {"Q3": "9M", "Q2": "H1"}.get(asked.part or "", "")
            if stated and not any(f.period.year == asked.year and (
                    f.period.part == "" if whole else
                    not asked.part or f.period.part in (asked.part, "", to_date))
                    for f in stated):
                named_part = re.search(r"季|半年|月|中期", text)
                if whole:
                    return f"{asked.year}年全年", False
                return (asked.label() if asked.part and named_part else f"{asked.year}年"), False
            return None
        if r.period.year not in years and f"{r.period.year}年" not in covered_years:
            return f"{r.period.year}年", False
        return None

    def _answer(self, r: Reading, text: str, prev: tuple[str, Period] | None,
                whole: str = "") -> tuple[FigureAnswer | None, bool] | None:
        used = False
        followup = prev is not None and (_FOLLOWUP_RE.search(text) is not None
                                         or len(text) <= 8)
        if r.metric is None and r.ratio is None:
            if prev is None or not (r.period or r.growth or r.diff or r.basis or followup):
                return None
            used = True
            r.metric = prev[0] if prev[0] not in _COMPUTED else None
            r.ratio = prev[0] if prev[0] in _COMPUTED else None
            if whole and r.metric is not None:
                # "2010年上半年呢" after 行政開支佔收益比例: the same share of that period.
                r.share_of, r.times = whole[1:], whole[0] == _TIMES_MARK
            if r.period is None and (r.growth or r.diff or r.basis):
                r.period = prev[1]
        elif r.period is None and prev is not None and _FOLLOWUP_RE.search(text) \
                and len(text) <= 12:
            used = True
            r.period = prev[1]
        if r.ratio is not None:
            if self.index.has(r.ratio):
                r.metric, r.ratio = r.ratio, None  # a stated figure wins over a computed one
            elif r.growth or r.diff:
                return self._ratio_change(r.ratio, r.period, r.basis), used
            else:
                return self._ratio(r.ratio, r.period, r.basis), used
        assert r.metric is not None
        if r.metric in _AMOUNTS and not self.index.has(r.metric) and not (
                r.growth or r.diff or r.share_of):
            return self._amount(r.metric, r.period, r.basis), used
        if r.share_of is not None:
            return self._share(r.metric, r.share_of, r.period, r.basis, r.share_period,
                               r.times), used
        if r.growth or r.diff:
            return self._change(r.metric, r.period, r.basis, r.diff, r.against), used
        return self._level(r.metric, r.period, r.basis), used

    def _period_for(self, metric: str, period: Period | None) -> Period | None:
        if period is None:
            return self._default_period(metric)
        return period

    def _level(self, metric: str, period: Period | None,
               basis: tuple[str, ...]) -> FigureAnswer | None:
        headline = self.index.items.headline.get(metric)
        asked = metric
        if headline and self.index.has(headline) and "母公司" not in basis:
            metric = headline  # (the parent company's own profit has no owners' basis)
        if metric == _DIVIDEND_TOTAL and period is None and not self.index.has(metric):
            period = self._period_for("每10股派息", None)  # the period of the plan
        period = self._period_for(metric, period)
        if period is None:
            return None
        fact = self._one(metric, period, basis)
        if fact is None and metric != asked:
            metric = asked
            fact = self._one(metric, period, basis)
        if fact is None and metric == _DIVIDEND_TOTAL:
            total = self._dividend_total(period)
            if total is None:
                return None
            # The computed fact is cited where the plan it is computed from stands.
            text = f"{period.label()}{total.metric}：{stated(total)}。{sources((total,))}"
            return FigureAnswer(text, (total,), f"{_DIVIDEND_TOTAL} = {total.value}", metric,
                                period, total)
        if fact is None:
            return self._quarters_summed(headline if headline and self.index.has(headline)
                                         else asked, period, basis)
        # A balance (a stock item, or an unknown row of a period-end column) is named at
        # its date.
        kind = self.index.items.kinds.get(metric)
        balance = fact.period.end and kind in ("stock", "count", None)
        shown = _at_part_end(period) if balance else period
        text = (f"{shown.label()}{name_of(fact)}{self.within or ''}{_basis_note(fact)}"
                f"为{stated(_as_loss(fact))}")
        used: tuple[Fact, ...] = (fact,)
        if metric != asked:
            other = self._one(asked, period, basis)
            if other is not None and other.number != fact.number:
                text += f"；{name_of(other)}{_basis_note(other)}为{stated(other)}"
                used += (other,)
        elif headline is None:
            for key in (k for k, v in self.index.items.headline.items() if v == metric):
                other = self._one(key, period, basis)
                if other is not None and other.number != fact.number:
                    text += f"；{name_of(other)}（合并）为{stated(other)}"
                    used += (other,)
        adjusted = self._other_basis(fact, period)
        if adjusted is not None:
            unnamed = "（合并）" if "母公司" in fact.basis else "（调整前）"
            text += f"；{_basis_note(adjusted) or unnamed}为{stated(adjusted)}"
            used += (adjusted,)
        return FigureAnswer(text + "。" + self._later(fact) + where(fact), used, None, metric,
                            period, fact)

    def _later(self, fact: Fact) -> str:
        """"（取自2021年年度报告中的比较期数字）" when no report is on the figure's year: it
        comes from a later report's comparison column."""
        own = self.index.periods.get(fact.document)
        if own is None or own.year is None or fact.period.year is None \
                or fact.period.year >= own.year \
                or any(p.year == fact.period.year for p in self.index.periods.values()):
            return ""
        return FROM_LATER_REPORT.format(report=report_name(own))

    def _other_basis(self, fact: Fact, period: Period) -> Fact | None:
        """The same figure in the other of 调整前/调整后, to name it too."""
        if not fact.basis:
            return None
        for other in self._found(fact.item or fact.metric, period):
            if other.document == fact.document and other.basis != fact.basis and \
                    other.number != fact.number and other.metric == fact.metric:
                return other
        return None

    def _change(self, metric: str, period: Period | None, basis: tuple[str, ...],
                diff: bool, against: Period | None = None) -> FigureAnswer | None:
        headline = self.index.items.headline.get(metric)
        if headline and self.index.has(headline):
            metric = headline
        period = self._period_for(metric, period)
        if period is None:
            return None
        current = self._one(metric, period, basis)
        if current is None:
            return None
        prior_period = self._prior(current.period, self._is_stock(metric, current))
        named = against is not None and (
            against.year != (prior_period and prior_period.year)
            or (against.part in _QUARTERS and against.part != current.period.part))
        if named:
            # A year other than the one before, or another quarter (环比): only a computation
            # answers; the report's change column is against the year before.
            assert against is not None
            prior_period = against if against.part in _QUARTERS else Period(
                against.year, current.period.part if not against.end else "", against.end)
        if not named and prior_period is not None \
                and self._one(metric, prior_period, basis) is None \
                and period.year is not None:
            # "跌咗几多" after the earlier year was shown: the change into the next year.
            later = self._one(metric, Period(period.year + 1, period.part, period.end), basis)
            if later is not None:
                current, period = later, later.period
                prior_period = self._prior(current.period, self._is_stock(metric, current))
        prior = self._one(metric, prior_period, basis or ("调整后",)) if prior_period else None
        if prior is None and prior_period is not None:
            prior = self._one(metric, prior_period, basis)
        said = None if named else self._one(
            metric, Period(current.period.year, current.period.part, current.period.end),
            basis, change=True)
        if not diff and said is not None:
            text = (f"{period.label()}{name_of(said)}{said.column.strip()}："
                    f"{written_change(said)}")
            if prior is not None:
                text += (f"（{current.period.label()}{stated(current)}，"
                         f"{prior.period.label()}{stated(prior)}）")
            used = (said, current) + ((prior,) if prior is not None else ())
            return FigureAnswer(text + "。" + where(said), used, None, metric,
                                current.period, said)
        if prior is None or prior.unit != current.unit:
            return None
        # A cost a statement brackets ((300,000) after (250,000)) or a loss in both years
        # changes by its size: it grew 20%, where the signed figures "fell".
        sized = _by_its_size(current, prior, self._bracketed([current, prior]))
        now, before = (abs(current.number), abs(prior.number)) if sized else (
            current.number, prior.number)
        shown_now, shown_before = (_unbracketed(current), _unbracketed(prior)) if sized else (
            written(current), written(prior))
        loss = sized and bool(_LOSS_RE.search(name_of(current)))
        if diff:
            delta = now - before
            verb = "增加" if delta >= 0 else "减少"
            amount = abs(delta)
            shown = f"{_fmt(amount)}{current.unit}" if current.unit not in ("%",) else \
                f"{amount:.2f}个百分点"
            readable = money(amount, current)
            text = (f"{current.period.label()}{name_of(current)}比{prior.period.label()}{verb}"
                    f"（计算）：{shown}" + (f"（约{readable}）" if readable else "") +
                    f" = {shown_now} − {shown_before}")
            if said is not None and said.unit == "%" and current.unit != "%":
                # The report's own change column says it in percent: give that too.
                column = re.sub(r"\s*(?:变动|增减)?原因.*$", "", said.column.strip())
                text += f"；报告所列{column or '变动'}：{written_change(said)}"
            comp = f"{current.value} - {prior.value}"
        else:
            if prior.number == 0:
                return None
            if current.unit == "%":
                delta = current.number - prior.number
                text = (f"{current.period.label()}{name_of(current)}比{prior.period.label()}"
                        f"{'上升' if delta >= 0 else '下降'}（计算）：{abs(delta):.2f}个百分点"
                        f" = {written(current)} − {written(prior)}")
                comp = f"{current.value} - {prior.value}"
            else:
                rate = (now - before) / abs(before) * 100
                word = ("扩大" if rate >= 0 else "收窄") if loss else (
                    "增长" if rate >= 0 else "下降")
                # A balance against the last year end (比上年末), not 同比.
                versus = f"比{prior.period.label()}" if named or current.period.end else "同比"
                text = (f"{current.period.label()}{name_of(current)}{versus}{word}（计算）："
                        f"{abs(rate):.2f}% = ({shown_now} − {shown_before}) ÷ "
                        f"{shown_before}")
                comp = f"({current.value} - {prior.value}) / {prior.value}"
        return FigureAnswer(text + "。" + where(current), (current, prior), comp, metric,
                            current.period, current)

    def _inputs(self, terms: list[tuple[int, tuple[str, ...]]], period: Period,
                basis: tuple[str, ...], optional: set[str],
                unit: str | None = None) -> list[tuple[int, Fact]] | None:
        """One fact per term, in ``unit`` where one is (the inputs of a ratio come from one
        table where they can: the same unit, the same statement)."""
        out = []
        for sign, names in terms:
            fact = None
            for name in names:
                found = self._found(name, period, basis=basis)
                if unit is not None:
                    found = sorted(found, key=lambda f: f.unit != unit)
                # An amount in no unit (期內溢利 of a statement of changes in equity, its
                # columns the reserves) gives way to the next name's amount in money.
                found = sorted(found, key=lambda f: not f.scale)
                if found and (fact is None or found[0].scale):
                    fact = found[0]
                if fact is not None and fact.scale:
                    break
            if fact is None and names[0] == _DIVIDEND_TOTAL:
                fact = self._dividend_total(period)
            if fact is None:
                if names[0] in optional:
                    continue
                return None
            unit = fact.unit if unit is None else unit
            out.append((sign, fact))
        return out

    def _amount(self, name: str, period: Period | None,
                basis: tuple[str, ...]) -> FigureAnswer | None:
        """"毛利多少" of a report stating only its inputs: their sum, said to be computed."""
        terms = _AMOUNTS[name]
        for tried in self._unasked(terms[0][1][0], period):
            inputs = self._inputs(terms, tried, basis, _OPTIONAL.get(name, set()))
            if inputs and len({f.unit for _, f in inputs}) == 1:
                period = tried
                break
        else:
            return None
        bracketed = self._bracketed([f for _, f in inputs])
        total = _summed(inputs, bracketed, scaled=False)
        first = inputs[0][1]
        readable = money(total, first)
        if all(f.period.end for _, f in inputs):
            period = _at_part_end(period)  # balances: "6月末", not "上半年"
        text = (f"{period.label()}{name}（计算）：{_fmt_as(total, inputs)}{first.unit}"
                + (f"（约{readable}）" if readable else "") + f" = {_said(inputs, bracketed)}")
        facts = tuple(f for _, f in inputs)
        comp = f"{name} = " + " ".join(f"{sign:+d}*{f.value}" for sign, f in inputs)
        return FigureAnswer(text + "。" + sources(facts), facts, comp, name, period, first)

    def _quarters_summed(self, metric: str, period: Period,
                         basis: tuple[str, ...]) -> FigureAnswer | None:
        """"上半年营收" of an annual report stating each quarter's (分季度主要会计数据): the
        quarters summed, said to be computed; None when a quarter is not stated."""
        parts = _QUARTERS_OF.get(period.part or "")
        if period.year is None or parts is None or self._is_stock(metric):
            return None
        inputs: list[tuple[int, Fact]] = []
        for part in parts:
            fact = self._one(metric, Period(period.year, part), basis)
            if fact is None or fact.period.end or (inputs and fact.unit != inputs[0][1].unit):
                return None
            inputs.append((1, fact))
        signs = self._bracketed([f for _, f in inputs])
        total = _summed(inputs, signs, scaled=False)
        first = inputs[0][1]
        readable = money(total, first)
        quarters = "、".join(f.period.label().removeprefix(f"{period.year}年") for _, f in inputs)
        text = (f"{period.label()}{name_of(first)}（计算，{quarters}之和）："
                f"{_fmt_as(total, inputs)}{first.unit}" + (f"（约{readable}）" if readable else "")
                + " = " + " + ".join(f"{f.period.label()}{signs.shown(f)}" for _, f in inputs))
        facts = tuple(f for _, f in inputs)
        comp = f"{metric} {period.key} = " + " ".join(f"+{f.value}" for f in facts)
        return FigureAnswer(text + "。" + sources(facts), facts, comp, metric, period, first)

    def _items_named(self, text: str) -> tuple[list[tuple[str, str]], str]:
        """The items a question names, in its order, as (item, the words naming it), and the
        question without them. "销售和管理费用" names 销售费用 too: a word left before a join
        that, with the last two characters of the next item's words, names an item."""
        masked, found = text, list[tuple[int, str, str]]()
        while len(found) < 6 and (hit := self.index.metric_in(masked)) is not None:
            metric, start, end = hit
            found.append((start, metric, text[start:end]))
            masked = masked[:start] + " " * (end - start) + masked[end:]
        found.sort()
        words = re.findall(r"[\u3400-\u9fff]{2,}",
                           _FILLER_RE.sub(" ", _JOIN_RE.sub(" ", masked)))
        rest = masked
        for word in words:
            at = masked.find(word)
            # The next item's last two characters (费用 of 管理费用).
            tail = next((w[-2:] for s, _, w in found if s > at), "")
            hit = self.index.metric_in(word + tail) if tail else None
            if hit is None or hit[2] - hit[1] < len(word) + 2 or hit[0] in (
                    m for _, m, _ in found):
                if names_company(word, self.company_text, self.names):
                    continue
                return [], masked
            found.append((at, hit[0], word))
            rest = rest.replace(word, " ", 1)
        found.sort()
        return [(m, w) for _, m, w in found], rest

    def _combined(self, text: str, period: Period | None = None) -> FigureAnswer | None:
        """"销售费用和管理费用加起来多少", "归母净利润比扣非的多出多少": stated items summed, or
        one less the other, in one unit, said to be computed with every input; None when the
        question is not one (one item, a ratio among them, "比上年多多少")."""
        # "销售同行政开支加埋占营业额几多": the sum's share of the item after 占.
        share = _SUM_SHARE_RE.search(text)
        if not (share or _SUM_ASK_RE.search(text) or _LESS_ASK_RE.search(text)):
            return None
        if share is not None:
            part = self._part_of_sum(share.group(1), share.group(2), period)
            if part is not None:
                return part
        whole = self.index.metric_in(share.group(2)) if share else None
        if share is not None and whole is None:
            return None
        items, rest = self._items_named(share.group(1) if share else text)
        if share is not None and whole is not None:
            rest += " " + share.group(2)[:whole[1]] + share.group(2)[whole[2]:]
        less = share is None and not _SUM_ASK_RE.search(rest) and bool(_LESS_ASK_RE.search(rest))
        if not less and not _joined(text, [w for _, w in items]):
            return None  # "ISD系统分部收益": one row's words, not two items
        names = [m for m, _ in items]
        if len(set(names)) != len(names) or len(names) < 2 or (less and len(names) != 2) \
                or any(m in _COMPUTED or self.index.items.kinds.get(m) == "ratio"
                       for m in names) or not (less or share or _SUM_ASK_RE.search(rest)):
            return None
        period = question_period(rest, self.base) or period
        terms: _Terms = [(-1 if less and i else 1, (m,)) for i, m in enumerate(names)]
        for tried in self._unasked(names[0], period):
            inputs = self._inputs(terms, tried, (), set())
            if inputs and len({f.unit for _, f in inputs}) == 1 and inputs[0][1].unit != "%":
                break
        else:
            return None
        if len(inputs) != len(names):
            return None
        signs = self._bracketed([f for _, f in inputs])
        total = _summed(inputs, signs, scaled=False)
        first = inputs[0][1]
        if less:
            more = "多" if total >= 0 else "少"
            head = f"{name_of(first)}比{name_of(inputs[1][1])}{more}"
            total = abs(total)
        else:
            head = "、".join(name_of(f) for _, f in inputs) + "合计"
        if whole is not None:
            return self._sum_share(head, inputs, signs, whole[0], tried)
        readable = money(total, first)
        label = tried.label() if not all(f.period.end for _, f in inputs) \
            else _at_part_end(tried).label()
        text = (f"{label}{head}（计算）：{_fmt_as(total, inputs)}{first.unit}"
                + (f"（约{readable}）" if readable else "") + f" = {_said(inputs, signs)}")
        facts = tuple(f for _, f in inputs)
        mark = _LESS_MARK if less else _PLUS_MARK
        comp = f"{head} = " + " ".join(f"{sign:+d}*{f.value}" for sign, f in inputs)
        return FigureAnswer(text + "。" + sources(facts), facts, comp, names[0], tried, first,
                            whole="".join(mark + m for m in names[1:]))

    def _part_of_sum(self, before: str, after: str,
                     period: Period | None) -> FigureAnswer | None:
        """One item's share of several items' sum: "研发开支占销售+行政+研发三项开支总和的比例"
        (the sum after 占), "销售、管理、研发三项费用加埋，销售费用占了多少" (the sum before 占,
        the item one of its items); None when the question is not one."""
        # "A、B、C加埋，B占了多少": the sum named before the item asked of it.
        summing = list(_SUM_ASK_RE.finditer(before))
        if summing and not _SUM_ASK_RE.search(after):
            cut = summing[-1]
            before, after = before[:cut.end()], before[cut.end():] + " " + after
        before, after = _distributed(before), _distributed(after)
        first, rest1 = self._items_named(before)
        second, rest2 = self._items_named(after)
        if len(first) == 1 and len(second) >= 2 and _SUM_ASK_RE.search(rest2):
            part, summed = first[0][0], [m for m, _ in second]
        elif len(second) == 1 and len(first) >= 2 and second[0][0] in (m for m, _ in first) \
                and _SUM_ASK_RE.search(rest1):
            part, summed = second[0][0], [m for m, _ in first]
        else:
            return None
        if len(set(summed)) != len(summed) or any(
                m in _COMPUTED or self.index.items.kinds.get(m) == "ratio"
                for m in (part, *summed)):
            return None
        period = question_period(rest1 + " " + rest2, self.base) or period
        terms: _Terms = [(1, (m,)) for m in summed]
        for tried in self._unasked(summed[0], period):
            inputs = self._inputs(terms, tried, (), set())
            of = self._inputs([(1, (part,))], tried, (), set(),
                              unit=inputs[0][1].unit if inputs else None)
            if inputs and of and len({f.unit for _, f in (*inputs, *of)}) == 1 \
                    and inputs[0][1].unit != "%":
                break
        else:
            return None
        one = of[0][1]
        signs = self._bracketed([f for _, f in inputs] + [one])
        total = _summed(inputs, signs)
        if not total:
            return None
        share = signs.value(one) * (one.scale or 1.0) / total
        head = "、".join(name_of(f) for _, f in inputs)
        text = (f"{tried.label()}{name_of(one)}占{head}合计的比重（计算）：{share * 100:.2f}% = "
                f"{name_of(one)}{signs.shown(one)} ÷ ({_said(inputs, signs)})")
        facts = (one, *(f for _, f in inputs))
        comp = f"{one.value} / (" + " ".join(f"+{f.value}" for _, f in inputs) + ")"
        return FigureAnswer(text + "。" + sources(facts), facts, comp, one.metric, tried, one,
                            value=share, percent=True)

    def _sum_share(self, head: str, inputs: list[tuple[int, Fact]], signs: _Signs,
                   whole: str, period: Period) -> FigureAnswer | None:
        """"东部同南部地区加埋占营业额几多": the items' sum over ``whole`` of the period."""
        of = self._one_or_headline(whole, period, ())
        if of is None or not of.number or (of.unit != inputs[0][1].unit and not (
                of.scale and inputs[0][1].scale)):
            return None
        signs = _bracketed([f for _, f in inputs] + [of], signs.styled)
        share = _summed(inputs, signs) / _summed([(1, of)], signs)
        text = (f"{period.label()}{head}占{name_of(of)}的比重（计算）：{share * 100:.2f}% = "
                f"({_said(inputs, signs)}) ÷ {name_of(of)}{signs.shown(of)}")
        facts = (*(f for _, f in inputs), of)
        comp = " ".join(f"+{f.value}" for _, f in inputs) + f" / {of.value}"
        return FigureAnswer(text + "。" + sources(facts), facts, comp, inputs[0][1].metric,
                            period, inputs[0][1], value=share, percent=True)

    def _ratio(self, name: str, period: Period | None,
               basis: tuple[str, ...]) -> FigureAnswer | None:
        if name in _TURNOVER or name in _RETURNS:
            return self._turnover(name, period, basis)
        for formula in (_RATIOS[name], *_ALTERNATIVES.get(name, [])):
            found = self._formula(name, formula, period, basis)
            if found is not None:
                return found
        return None

    def _ratio_change(self, name: str, period: Period | None,
                      basis: tuple[str, ...]) -> FigureAnswer | None:
        """"毛利率比上年变化多少": the ratio computed for the period and for the one before,
        and the change between them in percentage points (in times for 流动比率)."""
        now = self._ratio(name, period, basis)
        if now is None or now.value is None or now.period.year is None:
            return now
        percent = now.percent
        before_period = Period(now.period.year - 1, now.period.part, now.period.end)
        before = self._ratio(name, before_period, basis)
        formula = _RATIOS.get(name)
        if (before is None or before.value is None) and formula is not None and all(
                self._is_stock(items[0]) for _, items in formula[0] + formula[1]):
            # 资产负债率 at a quarter's end against the last year's end (比年初): a quarterly
            # balance sheet states no balance of a year ago.
            before_period = self._prior(now.period, True) or before_period
            before = self._ratio(name, before_period, basis)
        if before is None or before.value is None:
            return now
        # The change between the ratios as shown (39.48% − 43.25% = 3.77 points).
        delta = round(now.value, 4 if percent else 2) - round(before.value, 4 if percent else 2)
        word = "上升" if delta >= 0 else "下降"
        shown = f"{abs(delta) * 100:.2f}个百分点" if percent else f"{abs(delta):.2f}"
        head = (f"{now.period.label()}{name}比{before.period.label()}{word}（计算）：{shown}"
                f"（{_result(now.value, percent)} − {_result(before.value, percent)}）")
        text = (f"{head}。{_strip_source(now.text)}；{_strip_source(before.text)}。"
                f"{sources(now.facts + before.facts)}")
        comp = f"{now.computation} ; {before.computation}"
        return FigureAnswer(text, now.facts + before.facts, comp, name, now.period,
                            now.source, value=delta, percent=percent)

    def _turnover(self, name: str, period: Period | None,
                  basis: tuple[str, ...]) -> FigureAnswer | None:
        """"存货周转率": the period's 营业成本 over the average of the inventory at its start
        (the last year's end) and at its end; a part of a year is not annualised, and says so.
        平均总资产收益率 the same way, 净利润 over the average 资产总计, in percent."""
        percent = name in _RETURNS
        flow_item, stock_item = _RETURNS[name] if percent else _TURNOVER[name]
        period = self._period_for(flow_item, period)
        if period is None or period.year is None:
            return None
        # A third quarter's turnover is over the nine months its balances span.
        span = Period(period.year, {"Q3": "9M", "Q2": "H1"}.get(period.part, period.part))
        flow = self._one(flow_item, span, basis)
        closing = self._one(stock_item, Period(period.year, span.part, True), basis)
        opening = self._one(stock_item, Period(period.year - 1, "", True), basis)
        if flow is None or closing is None or opening is None or len(
                {f.scale for f in (flow, closing, opening)}) > 1 or not flow.scale:
            return None
        average = (abs(closing.number) + abs(opening.number)) / 2
        if average == 0:
            return None
        # A return keeps the profit's sign (a loss is a negative return); a turnover its size.
        result = (flow.number if percent else abs(flow.number)) / average
        note = "（未年化）" if span.part else ""
        shown = _result(result, True) if percent else f"{result:.2f}次"
        flow_said = written(flow) if percent else written(flow).lstrip("-−")
        text = (f"{span.label()}{name}（计算）：{shown}{note} = {name_of(flow)}"
                f"{flow_said} ÷ [({closing.period.label()}{name_of(closing)}"
                f"{written(closing)} + {opening.period.label()}{written(opening)}) ÷ 2]")
        facts = (flow, closing, opening)
        comp = f"{name} = {flow.value} / (({closing.value} + {opening.value}) / 2)"
        return FigureAnswer(text + "。" + sources(facts), facts, comp, name, span, flow,
                            value=result, percent=percent)

    def _unasked(self, metric: str, period: Period | None) -> list[Period]:
        """The periods to try for a figure computed from ``metric`` and others: the asked one;
        asked none, the default one, then the other periods of its year ``metric`` is stated
        for (毛利率 of a third-quarter report whose 营业成本 is stated only for 1-9月)."""
        if period is not None:
            return [period]
        default = self._default_period(metric)
        if default is None:
            return []
        periods = [default]
        for fact in self._found(metric):
            if fact.period.year == default.year:
                other = Period(fact.period.year, fact.period.part, False)
                if other not in periods:
                    periods.append(other)
        return periods

    def _formula(self, name: str, formula: tuple[_Terms, _Terms, bool], period: Period | None,
                 basis: tuple[str, ...]) -> FigureAnswer | None:
        for tried in self._unasked(formula[1][0][1][0], period):
            found = self._formula_at(name, formula, tried, basis)
            if found is not None:
                return found
        return None

    def _formula_at(self, name: str, formula: tuple[_Terms, _Terms, bool], period: Period,
                    basis: tuple[str, ...]) -> FigureAnswer | None:
        num_terms, den_terms, percent = formula
        optional = _OPTIONAL.get(name, set())
        num = self._inputs(num_terms, period, basis, optional)
        if not num:
            return None
        den = self._inputs(den_terms, period, basis, optional, num[0][1].unit)
        if not den:
            return None
        if name in _PAR_ONE and len(den) == 1 and den[0][1].unit in _SHARE_UNITS:
            return self._per_share_count(name, num, den[0][1], period)
        if name in _PAR_ONE and any(_FOREIGN_UNIT_RE.search(f.unit) for _, f in den):
            # 股本 in 港元 is the shares' nominal value, not their number: their number is
            # 股本 ÷ 面值 when the report states the par value.
            return self._per_share_at_par(name, num, den, period)
        scale = {f.scale for _, f in num + den}
        if len({f.unit for _, f in num + den}) > 1 and 0.0 in scale:
            return None

        bracketed = self._bracketed([f for _, f in num + den])

        def said(terms: list[tuple[int, Fact]]) -> str:
            text = _said(terms, bracketed)
            return f"({text})" if len(terms) > 1 else text

        d = _summed(den, bracketed)
        if d == 0:
            return None
        result = _summed(num, bracketed) / d
        # Named by the statements used, whatever was asked: 母公司 only from its own.
        parent = all("母公司" in f.basis for _, f in num + den)
        if all(f.period.end for _, f in num + den):
            period = _at_part_end(period)  # balances only (资产负债率): "9月末"
        label = period.label() + ("母公司" if parent else "")
        text = f"{label}{name}（计算）：{_result(result, percent)} = {said(num)} ÷ {said(den)}"
        comp = f"{name} = {' '.join(f'{s:+d}*{f.value}' for s, f in num)} / " \
               f"{' '.join(f'{s:+d}*{f.value}' for s, f in den)}"
        source = den[0][1]
        facts = tuple(f for _, f in num + den)
        if len(num_terms) == 1 and len(num) == 1:
            # 净利率 of 净利润 or of 归属于母公司股东的净利润: the other basis named beside it.
            used = num[0][1]
            for other_name in num_terms[0][1]:
                other = self._one(other_name, period, basis)
                if other is None or other.unit != used.unit or other.number == used.number \
                        or other.metric == used.metric:
                    continue
                share = _summed([(1, other)], bracketed) / d
                text += (f"；按{name_of(other)}计算：{_result(share, percent)} = "
                         f"{_said([(1, other)], bracketed)} ÷ {said(den)}")
                facts += (other,)
                break
        return FigureAnswer(text + "。" + sources(facts), facts, comp, name, period, source,
                            value=result, percent=percent)

    def _per_share_count(self, name: str, num: list[tuple[int, Fact]], shares: Fact,
                         period: Period) -> FigureAnswer | None:
        """"每股净资产" over the number of shares a sentence states (总股本98,834.60万股)."""
        if len(num) != 1 or not num[0][1].scale or shares.number <= 0:
            return None
        equity = num[0][1]
        return self._per_share(name, equity, shares.number * _SHARE_UNITS[shares.unit],
                               f"{name_of(shares)}{written(shares)}", (equity, shares),
                               f"{equity.value} / {shares.value}", period)

    def _per_share_at_par(self, name: str, num: list[tuple[int, Fact]],
                          den: list[tuple[int, Fact]], period: Period) -> FigureAnswer | None:
        """"每股資產淨值": the equity over the number of shares, 股本 ÷ 面值 (2,826,160千股 =
        股本282,616千港元 ÷ 每股面值0.1港元), in the currency both are in."""
        pars = self.index.find("每股面值")
        if len(num) != 1 or len(den) != 1 or len(pars) != 1:
            return None
        (_, equity), (_, capital), par = num[0], den[0], pars[0]
        currency = currency_of(capital.unit)
        if not equity.scale or not capital.scale or currency != currency_of(equity.unit) \
                or currency != par.unit or par.number <= 0:
            return None
        shares = capital.number * capital.scale / par.number
        if shares <= 0:
            return None
        said = (f"股份数目{_fmt(shares / 1000)}千股（股本{written(capital)} ÷ "
                f"每股面值{written(par)}）")
        return self._per_share(name, equity, shares, said, (equity, capital, par),
                               f"{equity.value} / ({capital.value} / {par.value})", period)

    @staticmethod
    def _per_share(name: str, equity: Fact, shares: float, said: str, facts: tuple[Fact, ...],
                   formula: str, period: Period) -> FigureAnswer:
        """The equity over ``shares`` (a number of shares, ``said`` as the reply shows it), in
        the equity's currency per share; ``facts`` the equity, then the shares' fact."""
        result = equity.number * equity.scale / shares
        if all(f.period.end for f in facts[:2]):
            period = _at_part_end(period)
        currency = currency_of(equity.unit) or "元"
        text = (f"{period.label()}{name}（计算）：{result:.2f}{currency}/股 = {name_of(equity)}"
                f"{written(equity)} ÷ {said}")
        return FigureAnswer(text + "。" + sources(facts), facts, f"{name} = {formula}", name,
                            period, facts[1], value=result, percent=False)

    def _share(self, part: str, whole: str, period: Period | None,
               basis: tuple[str, ...], whole_period: Period | None = None,
               times: bool = False) -> FigureAnswer | None:
        period = self._period_for(part, period)
        if period is None:
            return None
        a = self._one_or_headline(part, period, basis)
        b = self._one_or_headline(whole, whole_period or period, basis)
        if a is None or b is None or b.number == 0 or (a.scale == 0) != (b.scale == 0) \
                or a == b:
            return None  # (a figure over itself is no share: two periods read as one)
        # A cost a Hong Kong statement shows in brackets (行政開支 (46,787)) counts by its size:
        # its share of the revenue is 47.11%, not −47.11%.
        bracketed = self._bracketed([a, b])
        share = _summed([(1, a)], bracketed) / _summed([(1, b)], bracketed)
        of = f"{b.period.label()}{name_of(b)}" if whole_period is not None else name_of(b)
        said = (f"{name_of(a)}与{of}之比（计算）：{share:.2f}倍" if times else
                f"{name_of(a)}占{of}的比重（计算）：{share * 100:.2f}%")
        text = f"{period.label()}{said} = {bracketed.shown(a)} ÷ {bracketed.shown(b)}"
        return FigureAnswer(text + "。" + sources((a, b)), (a, b), f"{a.value} / {b.value}", part,
                            period, a, whole=f"{_TIMES_MARK if times else _SHARE_MARK}{whole}")


_REPORT_KINDS = {"": "年度报告", "Q1": "第一季度报告", "H1": "半年度报告", "Q2": "半年度报告",
                 "9M": "第三季度报告", "Q3": "第三季度报告"}


def _joined(text: str, words: list[str]) -> bool:
    """Whether the words naming items stand in ``text`` in order with a join between each two
    (销售费用和管理费用, 销售、管理及研发费用)."""
    at = 0
    for k, word in enumerate(words):
        found = text.find(word, at)
        if found < 0:
            return False
        if k and not _JOIN_RE.search(text[at:found]):
            return False
        at = found + len(word)
    return True


# "销售 行政 研发三项开支": the noun after "N项" belongs to each word listed before it.
_LISTED_NOUN_RE = re.compile(
    r"((?:[\u3400-\u9fff]{2,8}[\s、,，和及与同跟]+){1,5}[\u3400-\u9fff]{2,8}?)"
    r"[两二三四五六2-6]项(费用|开支|支出|成本|收入)")


def _distributed(text: str) -> str:
    """"销售 行政 研发三项开支总和" → "销售开支 行政开支 研发开支总和": each listed word with
    the noun its count names."""
    def spread(m: re.Match[str]) -> str:
        noun = m.group(2)
        words = re.split(r"([\s、,，和及与同跟]+)", m.group(1))
        return "".join(w if i % 2 or w.endswith(noun) else w + noun
                       for i, w in enumerate(words))
    return _LISTED_NOUN_RE.sub(spread, text)


def _at_part_end(period: Period) -> Period:
    """A balance of a part of a year at that part's end: "2024年3月末货币资金", not "2024年第一
    季度货币资金"; a year's stays as reports say it ("2016年资产负债率")."""
    return Period(period.year, period.part, True) if period.part and not period.end else period


def report_name(period: Period) -> str:
    """"2021年年度报告", "2023年第一季度报告": the report on ``period``."""
    return f"{period.year}年{_REPORT_KINDS.get(period.part, '报告')}"


def _result(value: float, percent: bool) -> str:
    return f"{value * 100:.2f}%" if percent else f"{value:.2f}"


def _strip_source(text: str) -> str:
    """A computed reply without its closing "。（来源：…）"."""
    return text.rsplit("（来源：", 1)[0].rstrip("。")


def _by_size(fact: Fact) -> bool:
    """A cost or a liability, which HK statements write in brackets (negative)."""
    name = fact.item or fact.metric
    return name in _COSTS or "负债" in name


def _summed(terms: list[tuple[int, Fact]], signs: _Signs, scaled: bool = True) -> float:
    """The signed sum of a formula's inputs, a bracketed cost by its size; ``scaled`` in units
    (a ratio of 百万元 and 千元 inputs), else in the inputs' own unit."""
    return sum(s * signs.value(f) * ((f.scale or 1.0) if scaled else 1.0) for s, f in terms)


def _said(terms: list[tuple[int, Fact]], signs: _Signs) -> str:
    """The inputs as the report writes them ("营业收入255,369,543.71元 − 营业成本…元")."""
    parts = []
    for i, (s, f) in enumerate(terms):
        op = "" if i == 0 else (" + " if s > 0 else " − ")
        parts.append(f"{op}{name_of(f)}{signs.shown(f)}")
    return "".join(parts)


# A label naming a loss (年內虧損, 本公司擁有人應佔虧損, 经营亏损).
_LOSS_RE = re.compile(r"亏损|损失")  # names are normalised to simplified characters


def _by_its_size(current: Fact, prior: Fact, signs: _Signs) -> bool:
    """Whether a change between two figures is of their size: both negative, and either a
    cost a statement brackets (not a net item of an A-share statement, whose negative figure
    is a net income) or a loss so named."""
    if current.number >= 0 or prior.number >= 0:
        return False
    if _LOSS_RE.search(name_of(current)):
        return True
    return _by_size(current) and (signs.styled or (current.item or current.metric)
                                  not in _NET_COSTS)


def _unbracketed(fact: Fact) -> str:
    """A bracketed figure by its size: "(300,000)千元" → "300,000千元"."""
    return re.sub(r"^[(（]\s*(.*?)\s*[)）]", r"\1", written(fact)).lstrip("-−")


def _bracketed_cost(fact: Fact) -> bool:
    """A cost (not a net item) written negative: a statement that brackets its costs."""
    return (_by_size(fact) and (fact.item or fact.metric) not in _NET_COSTS and fact.number < 0
            and not fact.change and not fact.share)


# What a net item's figure is when a statement that brackets its costs writes it bare.
_NET_CREDIT = {"所得税费用": "抵免", "财务费用": "净收益"}


@dataclass(frozen=True)
class _Signs:
    """How a formula's inputs count. HK statements show costs and liabilities in brackets
    (negative): they count by their size. A net item (财务费用, 所得税费用) is negative in an
    A-share statement when interest income exceeds interest expense, or a tax credit the tax,
    and then it lowers the sum; in a statement that brackets its costs (``styled``: another cost
    of the formula or of its statement is bracketed) its bracketed figure is the cost and its
    bare one the credit (安芯's 所得稅費用 1,972 beside a profit grown by it)."""

    styled: bool

    def _net(self, fact: Fact) -> bool:
        return (fact.item or fact.metric) in _NET_COSTS

    def value(self, fact: Fact) -> float:
        if not _by_size(fact):
            return fact.number
        if self._net(fact):
            return -fact.number if self.styled else fact.number
        return abs(fact.number)

    def shown(self, fact: Fact) -> str:
        """An input's amount as the report writes it; a bracketed cost by its size, a net
        item's credit so named."""
        text = written(fact)
        if not _by_size(fact) or (self._net(fact) and not self.styled):
            return text
        if self._net(fact) and fact.number > 0:
            return f"{text}（{_NET_CREDIT.get(fact.item or fact.metric, '净收益')}）"
        return text.lstrip("-−")


def _bracketed(facts: list[Fact], styled: bool = False) -> _Signs:
    """How a formula's inputs count: ``styled`` when their statements bracket costs, or
    another cost of the formula is bracketed."""
    return _Signs(styled or any(_bracketed_cost(f) for f in facts))


def written_change(fact: Fact) -> str:
    value = fact.value
    if fact.unit == "%" and not value.endswith(("%", "％")) and parse_unit_in(value) is False:
        return value + "%"
    return value


def _basis_note(fact: Fact) -> str:
    notes = [b for b in fact.basis if b in ("调整前", "调整后", "母公司")]
    return f"（{'，'.join(notes)}）" if notes else ""
