"""The course-wide bilingual glossary (术语表): each term in English and Chinese, what it
means, and the lecture and section that introduce it.

The Chinese terms follow the course's terminology list (mainland business usage; where the
handout's own word differs, it is named, e.g. 市场开发（讲义中称"市场延伸"）). Definitions are
written in English and marked for translation; :func:`glossary_markdown` renders the table
for a lecture or for the whole course, in the current language.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import check_choice, check_text, fail

LECTURES = (0, 1, 2, 3, 4)
LECTURE_NAMES = {
    0: N_("Start here"),
    1: N_("Lecture 1"),
    2: N_("Lecture 2"),
    3: N_("Lecture 3"),
    4: N_("Lecture 4"),
}


@dataclass(frozen=True)
class Term:
    """One glossary entry: key, English and Chinese term, a short definition, and where the
    course introduces it (``lecture`` 0 = start here, 1–4; ``section`` as the notebook
    numbers it)."""

    key: str
    en: str
    zh: str
    definition: str
    lecture: int
    section: str


GLOSSARY: tuple[Term, ...] = (
    # ---------------------------------------------------------------- start here
    Term("self_check", N_("self-check, exercise, capstone"), "自测题、练习、综合项目",
         N_("A self-check tests one lecture with instant feedback; an exercise applies it to "
            "new data and is graded; the capstone is the learner's own key account plan."),
         0, "1"),
    # ---------------------------------------------------------------- lecture 1
    Term("key_account", N_("key account"), "大客户",
         N_("A customer the seller judges to be of strategic significance to its future, by "
            "size, potential, influence or technology."), 1, "1"),
    Term("key_account_manager", N_("key account manager"), "大客户经理",
         N_("The person who manages one or more key accounts and speaks for the whole "
            "supplier to them."), 1, "1"),
    Term("vip", N_("VIP heavyweight"), "重量级客户（VIP）",
         N_("A customer whose influence in its company or industry outweighs what it buys; "
            "important even when it buys little."), 1, "1"),
    Term("capacity", N_("total purchasing capacity"), "总体购买能力",
         N_("What an account spends in a year on our kind of product, with all its "
            "suppliers."), 1, "1"),
    Term("reference_customer", N_("reference customer"), "样板客户",
         N_("A customer whose choice others in its industry follow."), 1, "1"),
    Term("pareto", N_("the 80/20 principle"), "80/20 原理（帕累托法则）",
         N_("About 80% of profit comes from about 20% of customers; the few are the cause, "
            "the result the effect."), 1, "2"),
    Term("gross_margin", N_("gross margin"), "毛利",
         N_("Revenue minus the cost of the goods sold."), 1, "2"),
    Term("trend_signals", N_("revenue trend: declining, lost"), "收入趋势：下滑、流失",
         N_("The last 12 months against the 12 before: declining when revenue fell by more "
            "than 10%, lost when no order came in the last 12 months."), 1, "3"),
    Term("retention", N_("customer retention / retention rate"), "客户保留 / 客户保留率",
         N_("The share of last year's ordering customers that order again this year."),
         1, "4"),
    Term("keep_vs_win", N_("keep vs win"), "保留老客户与开发新客户的成本",
         N_("The comparison of what it costs to keep a customer with what it costs to win a "
            "new one."), 1, "4"),
    Term("percentage_point", N_("percentage point"), "百分点",
         N_("The step between two percentages, e.g. from 80% to 81%."), 1, "4"),
    Term("supplier_consolidation", N_("supplier consolidation"), "供应商整合",
         N_("A customer buying from fewer suppliers, each with a larger share."), 1, "5"),
    Term("overcapacity", N_("overcapacity"), "生产力过剩",
         N_("An industry able to make more than its market buys."), 1, "5"),
    Term("life_cycle", N_("product life cycle: introduction, growth, maturity, decline"),
         "产品生命周期：导入期、成长期、成熟期、衰退期",
         N_("The stages of a product's sales over time, from launch to withdrawal."), 1, "6"),
    Term("kam", N_("key account management"), "大客户管理",
         N_("Keeping and growing chosen customers by tailoring the offer to each one's needs "
            "over years, with people of many functions on both sides."), 1, "7"),
    Term("key_account_selling", N_("key account selling"), "大客户销售",
         N_("Winning a particular order or tender from a large customer: one skill inside "
            "key account management, not the whole of it."), 1, "7"),
    Term("relationship_marketing", N_("relationship marketing"), "关系营销",
         N_("Marketing that seeks the long-term return of a customer relationship rather "
            "than the margin of the next order."), 1, "7"),
    Term("tailoring", N_("tailoring"), "量身定做",
         N_("Adapting products or services to one customer's specific needs, again as they "
            "change."), 1, "7"),
    Term("virtual_operation", N_("virtual operation"), "虚拟经营",
         N_("People of several departments, or of both companies, working as one team "
            "without a reporting line between them."), 1, "7"),
    Term("integrated_marketing", N_("integrated marketing"), "整合营销",
         N_("Everything the customer meets from us telling the same story."), 1, "7"),
    Term("value_chain", N_("value chain"), "价值链",
         N_("The steps from raw material to end user: raw material, component, product, "
            "intermediary, end user."), 1, "8"),
    Term("cooperation", N_("cooperation, simple or complex"), "合作（简单／复杂）",
         N_("The substance of a customer relationship; simple when one function of the "
            "customer takes part, complex when several do."), 1, "9"),
    Term("pre_kam", N_("pre-KAM"), "孕育阶段",
         N_("The first stage: no trade yet between the two sides."), 1, "10"),
    Term("early_kam", N_("early KAM"), "初级阶段",
         N_("Only the key account manager and the customer's buyer are in contact."), 1, "10"),
    Term("mid_kam", N_("mid KAM"), "中级阶段",
         N_("Other important departments, such as finance, are in contact too."), 1, "10"),
    Term("partnership_kam", N_("partnership KAM"), "伙伴式阶段",
         N_("Even ordinary staff of the two companies are in contact."), 1, "10"),
    Term("synergistic_kam", N_("synergistic KAM"), "协作式阶段",
         N_("The two companies staff matching units that plan and develop together."),
         1, "10"),
    Term("uncoupling_kam", N_("uncoupling KAM"), "中断阶段",
         N_("The relationship breaks: orders stop or fall sharply. It can happen at any "
            "stage."), 1, "10"),
    Term("bow_tie", N_("bow-tie / diamond (contact patterns)"), "蝴蝶结型 / 钻石型（接触结构）",
         N_("Bow-tie: the two companies touch through one pair of people; diamond: many "
            "people of both sides are in touch."), 1, "10"),
    Term("joint_team", N_("joint team"), "联合团队",
         N_("Both companies staff a matching unit that plans and works together."), 1, "10"),
    Term("contact_map", N_("contact map"), "客户关系图",
         N_("Who at our company is in touch with whom at the account."), 1, "10"),
    Term("causes", N_("internal cause / external cause"), "内因 / 外因",
         N_("A cause of uncoupling inside the relationship, or in the customer's market and "
            "business."), 1, "11"),
    Term("uncoupling_risk", N_("uncoupling risk, warning sign, remedy"),
         "中断风险、预警信号、补救措施",
         N_("A cause that can break a relationship, the sign that shows it coming, and what "
            "to do about it."), 1, "11"),
    # ---------------------------------------------------------------- lecture 2
    Term("regional_operation", N_("regional operation cycle"), "区域运作",
         N_("Analyse, set objectives, plan, execute, evaluate and control, summarise; the "
            "summary feeds the next analysis."), 1, "12"),
    Term("target_customer_cycle", N_("setting target customers"), "如何确立我们的目标客户",
         N_("Environment analysis, set target customers, build the key account strategy and "
            "plan, act, review results."), 1, "12"),
    Term("share_of_wallet", N_("share of wallet"), "钱包份额（客户采购中我方所占份额）",
         N_("Our revenue at an account divided by its whole spend in our category, with all "
            "suppliers."), 2, "start"),
    Term("mission", N_("mission, vision, values"), "使命、愿景、价值观",
         N_("Why the company exists, where it wants to be, and what it stands for: the start "
            "of the chain down to the action plan."), 2, "2"),
    Term("sbu", N_("strategic business unit (SBU)"), "战略业务单元（SBU）",
         N_("A part of the company with its own market, competitors and plan."), 2, "3"),
    Term("stp", N_("segmentation, targeting, positioning (STP)"),
         "市场细分、目标市场选择、市场定位",
         N_("Choosing the value: split the market, pick the segments to serve, and decide "
            "what to promise them."), 2, "3"),
    Term("micro_macro", N_("micro / macro environment"), "微观环境 / 宏观环境",
         N_("Micro: the actors close to us (our departments, customers, competitors, "
            "intermediaries, suppliers); macro: the wider forces (demographic, economic, "
            "political, technological, geographic, religious, socio-cultural)."), 2, "4"),
    Term("own_departments", N_("the company's own departments (micro factor)"),
         "企业内部各部门（讲义作“部门状况”）",
         N_("Our own departments, which the plan for an account must carry with it; under "
            "our control, so a strength or a weakness."), 2, "4"),
    Term("demographic", N_("demographic (macro factor)"), "人口（讲义作“人文”）",
         N_("Population, workforce and urbanisation, as they move demand."), 2, "4"),
    Term("bcg", N_("BCG growth-share matrix; market growth rate; relative market share"),
         "波士顿矩阵；市场增长率；相对市场份额",
         N_("Product lines placed by market growth (% a year) and by our share divided by "
            "the largest rival's."), 2, "6"),
    Term("bcg_quadrants", N_("star, question mark, cash cow, dog"),
         "明星类、问题类、现金牛类、瘦狗类",
         N_("The four quadrants of the BCG matrix: high or low growth, high or low relative "
            "share."), 2, "6"),
    Term("bcg_strategies", N_("build, hold, harvest, divest"), "发展、维持、收获、放弃",
         N_("The four portfolio strategies: invest to grow share, keep it, take the cash, "
            "or leave."), 2, "6"),
    Term("segmentation", N_("market segmentation"), "市场细分",
         N_("Splitting a market into groups that are large enough, alike, related to the "
            "buying situation and reachable."), 2, "7"),
    Term("swot", N_("SWOT; strengths, weaknesses, opportunities, threats"),
         "SWOT 分析；优势、劣势、机会、威胁",
         N_("Internal, controllable strengths and weaknesses beside external, "
            "uncontrollable opportunities and threats."), 2, "8"),
    Term("tows", N_("TOWS matrix; SO/ST/WO/WT strategies"), "TOWS 矩阵；SO/ST/WO/WT 策略",
         N_("Strategies that pair an internal item with an external one that bears on it."),
         2, "8"),
    Term("opportunity_matrix", N_("opportunity matrix (attractiveness × probability of success)"),
         "机会矩阵（吸引力 × 成功概率）",
         N_("Ranks opportunities by how attractive and how likely to succeed they are."),
         2, "9"),
    Term("threat_matrix", N_("threat matrix (seriousness × probability of occurrence)"),
         "威胁矩阵（严重性 × 发生概率）",
         N_("Ranks threats by how serious and how likely they are."), 2, "9"),
    Term("ansoff", N_("Ansoff matrix"), "安索夫矩阵",
         N_("Existing or new products against existing or new markets: four growth "
            "strategies."), 2, "10"),
    Term("market_penetration", N_("market penetration"), "市场渗透",
         N_("More of our existing products to the markets we already serve."), 2, "10"),
    Term("product_development", N_("product development"), "产品开发",
         N_("New products for the markets we already serve."), 2, "10"),
    Term("market_development", N_("market development"), "市场开发（讲义中称“市场延伸”）",
         N_("Our existing products to new markets: industries or regions we do not serve."),
         2, "10"),
    Term("diversification", N_("diversification"), "多元化",
         N_("New products for new markets: the highest risk."), 2, "10"),
    Term("cross_selling", N_("cross-selling"), "交叉销售",
         N_("Selling an account lines it does not buy from us yet."), 2, "10"),
    Term("four_p", N_("marketing mix 4P: product, price, place, promotion"),
         "营销组合 4P：产品、价格、渠道、促销", N_("The four levers of the marketing mix."),
         2, "12"),
    Term("four_c", N_("4C: customer solution, customer cost, convenience, communication"),
         "4C：顾客需求、顾客成本、便利、沟通",
         N_("The 4P seen from the customer's side."), 2, "12"),
    Term("smart", N_("SMART: specific, measurable, achievable, relevant, time-bound"),
         "SMART：具体的、可衡量的、可实现的、相关的、有时限的",
         N_("Five tests of a well-written goal; Doran's original read A and R as assignable "
            "and realistic."), 2, "13"),
    Term("budget_roi", N_("budget, ROI, payback"), "预算、投资回报率（ROI）、回收期",
         N_("What the plan costs, the margin it earns per yuan spent, and the months until "
            "it pays back."), 2, "13"),
    Term("contingency", N_("contingency plan, fallback plan"), "应变计划、后备方案",
         N_("What we do if a likely threat happens, and what we fall back on if a serious "
            "but unlikely one does."), 2, "13"),
    # ---------------------------------------------------------------- lecture 3
    Term("target_sequence", N_("classify, rank, estimate the probability, files, wish file"),
         "客户分类—优先排序—预估结果发生概率—客户档案建立与更新—希望档案",
         N_("The handout's five steps from many customers to a few target key accounts."),
         3, "1"),
    Term("xy_grid", N_("XY classification grid; current purchasing (X); total purchasing "
                       "capacity (Y)"),
         "XY 客户分类表；目前的购买状况（X）；总体购买能力（Y）",
         N_("Each account placed by what it buys from us (X) and what it could buy in all "
            "(Y), both scored 0–4."), 3, "2"),
    Term("account_classes", N_("class A / B / C"), "A 级 / B 级 / C 级客户",
         N_("A: high volume and potential; B: medium volume with room to grow; C: the rest, "
            "too small for objectives of their own."), 3, "2"),
    Term("expected_value", N_("expected value"), "期望值",
         N_("An opportunity's size times the probability of winning it."), 3, "3"),
    Term("win_chance", N_("chance (probability) of winning"), "赢单概率",
         N_("How likely we are to win an opportunity, from 0 to 1; the course sets it by "
            "relationship stage, and for prospects by whether we know someone there."), 3, "3"),
    Term("wish_file", N_("wish file (prospects hoped for)"), "希望档案",
         N_("The companies that do not buy from us yet but that we hope to win."), 3, "3"),
    Term("prospect", N_("prospect"), "潜在客户",
         N_("A company that does not buy from us yet: all of its capacity goes to rivals."),
         3, "3"),
    Term("customer_file", N_("customer information file"), "客户档案",
         N_("What we know of each person at an account: personal, interpersonal and work "
            "facts."), 3, "4"),
    Term("lead", N_("lead; sleeping giant"), "销售线索；沉睡的大客户",
         N_("A company worth a first contact; a customer that buys from us but gives us under "
            "a tenth of a large capacity."), 3, "5"),
    Term("visit_plan", N_("visit plan; overdue visit; monthly review"),
         "拜访计划；超期未访；月度回顾",
         N_("Visits by a rhythm per class, the accounts past their next visit, and the "
            "monthly look at visits done and objectives met."), 3, "6"),
    Term("hit_rate", N_("objective hit rate"), "目标达成率",
         N_("The share of visits done that met their objective."), 3, "6"),
    # ---------------------------------------------------------------- lecture 4
    Term("account_analysis", N_("account analysis"), "大客户分析",
         N_("The study of one key account: its business, our position in it, what it costs "
            "to serve, and the people who buy."), 4, "1"),
    Term("cost_to_serve", N_("cost to serve; margin after cost to serve"),
         "服务成本；扣除服务成本后的毛利",
         N_("What it costs us to serve an account (visits, orders, product lines to support); "
            "the gross margin left after it shows which accounts really pay."), 4, "2"),
    Term("buying_centre", N_("buying centre"), "采购中心",
         N_("The people who take part in a purchase, each in a role."), 4, "3"),
    Term("buying_roles", N_("initiator, user, influencer, decider, approver, buyer, gatekeeper"),
         "发起者、使用者、影响者、决策者、批准者、购买者、把关者",
         N_("The roles of the buying centre: who starts, uses, shapes, decides, authorises, "
            "orders and filters."), 4, "3"),
    Term("social_style", N_("social style (driver, expressive, amiable, analytical)"),
         "社交风格（驾驭型、表现型、平易型、分析型）",
         N_("How a person tends to behave with others, by assertiveness and "
            "responsiveness."), 4, "4"),
    Term("versatility", N_("versatility (flexing your style)"), "风格调适",
         N_("Adjusting how you behave to meet the other person's style for a while, without "
            "pretending to be someone else."), 4, "4"),
    Term("buying_process", N_("buying process; buy phases"), "购买进程；购买阶段",
         N_("The steps an organisation takes to buy, from recognising a need to evaluating "
            "the supplier's performance."), 4, "5"),
    Term("buy_classes", N_("new task, modified rebuy, straight rebuy"), "新购、修正重购、直接重购",
         N_("A first purchase of something new, a known purchase with a change, and a "
            "routine reorder."), 4, "5"),
    Term("spin", N_("SPIN: situation, problem, implication, need-payoff questions"),
         "SPIN：背景问题、难点问题、暗示问题、需求效益问题",
         N_("Four kinds of question: facts, difficulties, their consequences, and the value "
            "of a solution."), 4, "6"),
    Term("needs", N_("implied need / explicit need"), "隐含需求 / 明确需求",
         N_("A problem the buyer mentions, against a want the buyer states for a solution."),
         4, "6"),
    Term("fab", N_("feature, advantage, benefit"), "特征、优点、利益",
         N_("What a product has, what it does, and how it meets a need the customer has "
            "stated."), 4, "7"),
    Term("objection", N_("objection"), "异议",
         N_("A concern the customer raises against buying; answered by acknowledging, "
            "exploring, answering and confirming."), 4, "8"),
    Term("advance", N_("advance / continuation (outcome of a call)"), "进展 / 延续（拜访结果）",
         N_("An advance is an action the customer commits to that moves the sale; a "
            "continuation lets it go on without moving."), 4, "9"),
)


def glossary(lecture: int | None = None) -> pd.DataFrame:
    """The glossary (of one lecture's terms, or all) as a table, definitions translated.

    Parameters
    ----------
    lecture : int, optional
        0 (start here) or 1 to 4; the whole course when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``term``, ``term_zh``, ``definition``, ``lecture``, ``section``, in
        the order the course introduces the terms.

    Raises
    ------
    KamValueError
        If ``lecture`` is not 0, 1, 2, 3 or 4.

    Examples
    --------
    >>> glossary(2).set_index("key").loc["share_of_wallet", "term_zh"]
    '钱包份额（客户采购中我方所占份额）'
    """
    if lecture is not None:
        lecture = check_choice("lecture", lecture, LECTURES)
    terms = [t for t in GLOSSARY if lecture is None or t.lecture == lecture]
    return pd.DataFrame(
        {
            "key": [t.key for t in terms],
            "term": [t.en for t in terms],
            "term_zh": [t.zh for t in terms],
            "definition": [_(t.definition) for t in terms],
            "lecture": [t.lecture for t in terms],
            "section": [t.section for t in terms],
        }
    )


def glossary_markdown(lecture: int | None = None, *,
                      sections: Collection[str] | None = None) -> str:
    """The glossary as a Markdown table: English, 中文, definition, where it is introduced.

    Parameters
    ----------
    lecture : int, optional
        0 (start here) or 1 to 4; the whole course when omitted.
    sections : collection of str, optional
        Only the terms introduced in these sections (as :class:`Term` numbers them, e.g.
        ``("start", "1", "2")``), for a lecture taught in more than one notebook; all when
        omitted.

    Returns
    -------
    str
        A Markdown table with a header row; a "|" inside a text is escaped.

    Raises
    ------
    KamValueError
        If ``lecture`` is not 0, 1, 2, 3 or 4, or ``sections`` is not a collection of texts.

    Examples
    --------
    >>> print(glossary_markdown(1).splitlines()[0])
    | English | 中文 | Meaning | Introduced in |
    >>> "Ansoff" in glossary_markdown(2, sections=("10", "11"))
    True
    """
    table = glossary(lecture)
    if sections is not None:
        table = table[table["section"].isin(_check_sections(sections))]

    def cell(text: str) -> str:
        return str(text).replace("|", "\\|").replace("\n", " ")

    lines = [
        "| " + " | ".join([_("English"), "中文", _("Meaning"), _("Introduced in")]) + " |",
        "|---|---|---|---|",
    ]
    for row in table.itertuples(index=False):
        template = (_("{lecture}, opening") if row.section == "start"
                    else _("{lecture}, section {section}"))
        where = template.format(lecture=_(LECTURE_NAMES[row.lecture]), section=row.section)
        lines.append(
            "| " + " | ".join(cell(v) for v in (row.term, row.term_zh, row.definition, where))
            + " |"
        )
    return "\n".join(lines) + "\n"


def _check_sections(sections: object) -> tuple[str, ...]:
    """``sections`` as a tuple of section numbers (texts such as "start" or "10")."""
    if isinstance(sections, (str, bytes)) or not isinstance(sections, Collection):
        raise fail("sections", sections, _('a list of section numbers, e.g. ["1", "2"]'))
    return tuple(check_text(f"sections[{i}]", s) for i, s in enumerate(sections))
