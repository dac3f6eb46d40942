"""External (外部环境分析, L2.4) and internal (内部环境分析, L2.5) environment analysis.

A scan walks through the factors of the micro environment (微观环境), the macro environment
(宏观环境) and our own company, and notes for each what it means for us. External factors can
only be opportunities (机会) or threats (威胁): we do not control them. Internal factors can
only be strengths (优势) or weaknesses (劣势). :func:`scan_to_swot` files the entries into a
:class:`kamlib.swot.SWOT`. :class:`ConsumerAnalysis` asks who buys, what and why.

The handout's micro environment follows Kotler's (Kotler & Armstrong, *Principles of
Marketing*): the actors close to the company that affect its ability to serve its customers.
Its first actor is **the company itself**: its own departments (部门状况: top management,
finance, R&D, purchasing, production, logistics), which the marketing plan must carry with
it. So 部门状况 means *our* departments, not the customer's; and because we control them, an
entry about them is a strength or a weakness (:attr:`Factor.effects`).

:func:`worked_scan` computes a worked scan of one account from the case data, keeping the
SWOT's rules: an opportunity or threat is a fact of the market, never our own sales result;
a cost position is judged against competitors, never against our own average.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from kamlib.i18n import N_, _, get_language, join_list
from kamlib.validation import (
    check_choice,
    check_date,
    check_flag_series,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    check_text_series,
    fail,
)

if TYPE_CHECKING:
    from kamlib.swot import SWOT


@dataclass(frozen=True)
class Factor:
    """One factor of a scan: key, English and Chinese name, scope and a prompt to think with.

    Examples
    --------
    >>> FACTORS["competitors"].scope
    'micro'
    """

    key: str
    en: str
    zh: str
    scope: str
    prompt: str

    @property
    def effects(self) -> tuple[str, ...]:
        """The effects an entry about this factor may have: opportunity or threat for what
        we do not control, strength or weakness for what we do (our own departments too).

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> FACTORS["competitors"].effects, FACTORS["products"].effects
        (('opportunity', 'threat'), ('strength', 'weakness'))
        """
        return EFFECTS_BY_FACTOR.get(self.key, EFFECTS_BY_SCOPE[self.scope])


MICRO_FACTORS: tuple[Factor, ...] = (
    Factor(
        "consumers",
        N_("Consumer characteristics"),
        "消费者的特性",
        "micro",
        N_("Who are the buyers and end users, and how are their needs changing?"),
    ),
    Factor(
        "competitors",
        N_("Competitors"),
        "竞争对手状况",
        "micro",
        N_("Who else supplies the account, with what prices, quality and service?"),
    ),
    Factor(
        "intermediaries",
        N_("Intermediaries"),
        "中间商状况",
        "micro",
        N_("Which distributors and agents stand between us and the users, and how strong?"),
    ),
    Factor(
        "suppliers",
        N_("Suppliers"),
        "供应商状况",
        "micro",
        N_("Are raw materials available and are their prices stable?"),
    ),
    Factor(
        "departments",
        N_("Our own departments"),
        "部门状况",
        "micro",
        N_(
            "Do our own departments (production, R&D, quality, logistics, finance) back the "
            "plan for this account? Kotler counts the company itself as the first actor of the "
            "micro environment; we control it, so it is a strength or a weakness."
        ),
    ),
)
MACRO_FACTORS: tuple[Factor, ...] = (
    Factor(
        "demographic",
        N_("Demographic"),
        "人文",
        "macro",
        N_("Population, workforce, urbanisation: how do they move demand?"),
    ),
    Factor(
        "economic",
        N_("Economic"),
        "经济",
        "macro",
        N_("Growth, investment, exchange rates, interest rates, raw-material prices."),
    ),
    Factor(
        "political",
        N_("Political and legal"),
        "政治",
        "macro",
        N_("Regulation (e.g. VOC limits), industrial policy, trade rules."),
    ),
    Factor(
        "technological",
        N_("Technological"),
        "技术",
        "macro",
        N_("New materials and processes that create or destroy demand."),
    ),
    Factor(
        "geographic",
        N_("Geographic"),
        "地理",
        "macro",
        N_("Where customers and plants are, logistics distances, climate."),
    ),
    Factor(
        "religious",
        N_("Religious"),
        "宗教",
        "macro",
        N_("Beliefs and customs that shape products, holidays and ways of doing business."),
    ),
    Factor(
        "socio_cultural",
        N_("Socio-cultural"),
        "社会文化",
        "macro",
        N_("Values, lifestyles and expectations, e.g. for greener products."),
    ),
)
INTERNAL_FACTORS: tuple[Factor, ...] = (
    Factor(
        "products",
        N_("Products and technology"),
        "产品与技术",
        "internal",
        N_("How do our products and know-how compare with the competitors'?"),
    ),
    Factor(
        "cost_position",
        N_("Cost position"),
        "成本地位",
        "internal",
        N_("Can we make and deliver at a lower cost than competitors?"),
    ),
    Factor(
        "people",
        N_("People and skills"),
        "人员与技能",
        "internal",
        N_("Do we have the account managers and engineers the accounts need?"),
    ),
    Factor(
        "finance",
        N_("Financial strength"),
        "财务实力",
        "internal",
        N_("Can we fund stock, credit terms and investment for the account?"),
    ),
    Factor(
        "service",
        N_("Service and delivery"),
        "服务与交付",
        "internal",
        N_("How fast and reliable are our technical service and deliveries?"),
    ),
    Factor(
        "brand",
        N_("Brand and reputation"),
        "品牌与声誉",
        "internal",
        N_("What do customers think of our name?"),
    ),
    Factor(
        "capacity",
        N_("Production capacity"),
        "生产能力",
        "internal",
        N_("Can our plants supply more volume, and how flexibly?"),
    ),
    Factor(
        "organisation",
        N_("Organisation and processes"),
        "组织与流程",
        "internal",
        N_("Do our departments work together for the account?"),
    ),
)
FACTORS: dict[str, Factor] = {f.key: f for f in (*MICRO_FACTORS, *MACRO_FACTORS, *INTERNAL_FACTORS)}

#: Which effects a factor may have, by scope: external ones are not controllable.
EFFECTS_BY_SCOPE = {
    "micro": ("opportunity", "threat"),
    "macro": ("opportunity", "threat"),
    "internal": ("strength", "weakness"),
}
#: Factors whose effects differ from their scope's: our own departments are a micro factor
#: (the handout's 部门状况) but under our control.
EFFECTS_BY_FACTOR = {"departments": ("strength", "weakness")}
#: The SWOT quadrant each effect is filed in.
QUADRANT_OF_EFFECT = {
    "opportunity": "opportunities",
    "threat": "threats",
    "strength": "strengths",
    "weakness": "weaknesses",
}


@dataclass(frozen=True)
class ScanEntry:
    """One finding of a scan: factor key, note, effect and weight 1 (little) to 5 (a lot).

    External factors may only be an opportunity or a threat, internal ones only a strength
    or a weakness; anything else is rejected.

    Raises
    ------
    KamValueError
        If the factor is unknown, the note empty, the effect not allowed for the factor, or
        the weight not a whole number from 1 to 5.

    Examples
    --------
    >>> ScanEntry("competitors", "A rival cut its primer price by 8%", "threat", 4).weight
    4
    """

    factor: str
    note: str
    effect: str
    weight: int = 3

    def __post_init__(self) -> None:
        object.__setattr__(self, "factor", check_choice("factor", self.factor, FACTORS))
        object.__setattr__(self, "note", check_text("note", self.note))
        scope = FACTORS[self.factor].scope
        allowed = FACTORS[self.factor].effects
        effect = check_choice(f"effect of {scope} factor {self.factor!r}", self.effect, allowed)
        object.__setattr__(self, "effect", effect)
        weight = check_number("weight", self.weight, minimum=1, maximum=5, integer=True)
        object.__setattr__(self, "weight", weight)

    @property
    def text(self) -> str:
        """The entry as a SWOT item text: 'Factor (中文): note' ('中文：note' in Chinese).

        Returns
        -------
        str

        Examples
        --------
        >>> ScanEntry("competitors", "A rival cut its primer price by 8%", "threat").text
        'Competitors (竞争对手状况): A rival cut its primer price by 8%'
        """
        factor = FACTORS[self.factor]
        if get_language() == "zh":
            return f"{factor.zh}：{self.note}"
        return f"{factor.en} ({factor.zh}): {self.note}"


def factors_table() -> pd.DataFrame:
    """All factors of a scan as a table.

    Returns
    -------
    pandas.DataFrame
        One row per factor (macro and micro): key, en, zh, scope, prompt (the prompt in
        the current language).

    Examples
    --------
    >>> factors_table()["key"].head(3).tolist()
    ['consumers', 'competitors', 'intermediaries']
    """
    frame = pd.DataFrame([vars(f) for f in FACTORS.values()])
    frame["prompt"] = frame["prompt"].map(_)
    return frame


def scan_to_swot(entries: Iterable[ScanEntry], *, swot: SWOT | None = None) -> SWOT:
    """File scan entries into a SWOT: each under the quadrant its effect names.

    Parameters
    ----------
    entries : iterable of ScanEntry
        The findings of the scan.
    swot : SWOT, optional
        The SWOT to add them to (default: a new, empty one); it is not changed.

    Returns
    -------
    SWOT
        A new SWOT with the entries added at the end of their quadrants.

    Raises
    ------
    KamValueError
        If ``entries`` is not a list of :class:`ScanEntry` or ``swot`` is not a SWOT.

    Examples
    --------
    >>> filed = scan_to_swot([ScanEntry("products", "Widest low-VOC range", "strength")])
    >>> [item.text for item in filed.items("strengths")]
    ['Products and technology (产品与技术): Widest low-VOC range']
    """
    from kamlib.swot import SWOT

    if swot is None:
        swot = SWOT()
    elif not isinstance(swot, SWOT):
        raise fail("swot", swot, _("a kamlib.swot.SWOT or None"))
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Iterable):
        raise fail("entries", entries, _("a list of ScanEntry"))
    entries = list(entries)
    for position, entry in enumerate(entries):
        if not isinstance(entry, ScanEntry):
            raise fail(f"entries[{position}]", entry, _("a ScanEntry"))
    for entry in entries:
        swot = swot.add(QUADRANT_OF_EFFECT[entry.effect], entry.text, weight=entry.weight)
    return swot


#: The handout's prompts for consumer analysis: who buys, what they buy, why they buy.
CONSUMER_PROMPTS = {
    "who": (
        "谁购买",
        (
            N_("demographics (人口特征)"),
            N_("economics (经济状况)"),
            N_("personality and lifestyle (个性与生活方式)"),
        ),
    ),
    "what": (
        "购买什么",
        (
            N_("brand loyalty (品牌忠诚度)"),
            N_("price (价格)"),
            N_("convenience (便利性)"),
            N_("usage habits (使用习惯)"),
        ),
    ),
    "why": (
        "为什么购买",
        (N_("benefits (利益)"), N_("attitude (态度)"), N_("feeling (感受)"),
         N_("preference (偏好)")),
    ),
}


@dataclass(frozen=True)
class ConsumerAnalysis:
    """A learner's answers to who buys, what they buy and why (L2.4); empty text allowed.

    Raises
    ------
    KamValueError
        If an answer is not text.

    Examples
    --------
    >>> ConsumerAnalysis(who="Shipyards in Jiangsu and Zhejiang").missing
    ('what', 'why')
    """

    who: str = ""
    what: str = ""
    why: str = ""

    def __post_init__(self) -> None:
        for question in CONSUMER_PROMPTS:
            value = check_text(question, getattr(self, question), allow_empty=True)
            object.__setattr__(self, question, value)

    @property
    def missing(self) -> tuple[str, ...]:
        """The questions not answered yet.

        Returns
        -------
        tuple of str
            Keys of :data:`CONSUMER_PROMPTS` ("who", "what", "why").

        Examples
        --------
        >>> ConsumerAnalysis().missing
        ('who', 'what', 'why')
        """
        return tuple(q for q in CONSUMER_PROMPTS if not getattr(self, q))

    def to_frame(self) -> pd.DataFrame:
        """The answers beside the handout's prompts, one row per question.

        Returns
        -------
        pandas.DataFrame
            Columns question, zh, prompts and answer.

        Examples
        --------
        >>> ConsumerAnalysis(who="Shipyards").to_frame()[["question", "answer"]]
          question     answer
        0      who  Shipyards
        1     what
        2      why
        """
        return pd.DataFrame(
            {
                "question": list(CONSUMER_PROMPTS),
                "zh": [zh for zh, prompts in CONSUMER_PROMPTS.values()],
                "prompts": [join_list(map(_, prompts))
                            for zh, prompts in CONSUMER_PROMPTS.values()],
                "answer": [getattr(self, q) for q in CONSUMER_PROMPTS],
            }
        )


#: Worked scan: the markets an account buys in are an opportunity when they grow at least
#: this fast (per cent a year, weighted by its purchases), else a threat (more volume must
#: then be won from rivals). The course's assumption.
GROWING_MARKET_PCT = 5.0
#: Worked scan: years of supply from which the history is a strength (the course's assumption).
ESTABLISHED_YEARS = 3
#: Worked scan: lines where we lead must make at least this share of the account's purchases
#: for our products to count as a strength (the course's assumption).
LEADING_LINES_SHARE = 0.5
#: Worked scan: our departments besides sales working with the account from which our own
#: departments (部门状况) count as a strength (the course's assumption).
BACKING_DEPARTMENTS = 2
#: Our functions that sell; the others are "our departments" backing the account.
SELLING_FUNCTIONS = (N_("key account management"), N_("sales support"))


def worked_scan(
    account_id: str,
    accounts: pd.DataFrame,
    transactions: pd.DataFrame,
    product_lines: pd.DataFrame,
    contacts: pd.DataFrame,
    *,
    year: int | None = None,
) -> tuple[ScanEntry, ...]:
    """A worked environment scan of one account, computed from the case data.

    The entries keep the SWOT's rules. External entries are facts of the market: how fast
    the markets of the lines it buys grow (weighted by its purchases), how much of its spend
    rivals hold, and two facts of the coatings trade (VOC limits, resin prices; general
    knowledge, not case data). Internal entries are judged against competitors or by what we
    control: our years of supply, how much of its purchases come from lines where we lead
    the market, our cost position on its largest line (relative market share as the cost
    proxy of the experience curve: the larger producer usually has the lower unit cost,
    Henderson 1970), how many of its functions our people reach, and which of our own
    departments (部门状况) work with it. Our own sales growth is no opportunity and our own
    average margin is no cost position, so neither appears.

    Parameters
    ----------
    account_id : str
        The account, e.g. "AC060".
    accounts, transactions, product_lines, contacts : pandas.DataFrame
        The case tables (:func:`kamlib.datasets.load`).
    year : int, optional
        The year of purchases to read (default: the course settings' year).

    Returns
    -------
    tuple of ScanEntry
        Nine entries, external first.

    Raises
    ------
    KamValueError
        If the account is unknown or bought nothing in ``year``, or a table lacks a column.

    Examples
    --------
    >>> from kamlib import datasets
    >>> tables = [datasets.load(n) for n in ("accounts", "transactions", "product_lines",
    ...                                      "contacts")]
    >>> [e.effect for e in worked_scan("AC060", *tables)][:2]
    ['threat', 'threat']
    """
    from kamlib.bcg import bcg_table
    from kamlib.segmentation import industry_sales

    account_id = check_text("account_id", account_id)
    check_frame("accounts", accounts, ["account_id", "capacity_cny", "first_order_date"])
    check_frame("contacts", contacts, ["account_id", "our_function", "their_function",
                                       "joint_team"])
    check_frame("product_lines", product_lines, ["line_id", "name", "market_growth_pct"])
    if product_lines.empty:
        raise fail("product_lines", "an empty table", _("the product lines (one row each)"))
    check_key_series("product_lines['line_id']", product_lines["line_id"], unique=True)
    sales = industry_sales(accounts, transactions, year=year)
    own = sales[(sales["account_id"] == account_id).to_numpy()]
    if own.empty:
        raise fail("account_id", account_id,
                   _("an account that bought in the year scanned (in transactions)"))
    account = accounts.set_index("account_id").loc[account_id]
    if not account["capacity_cny"] > 0:
        raise fail(f"accounts['capacity_cny'] of {account_id}", account["capacity_cny"],
                   _("a yearly spend above 0"))
    first_order = check_date(f"accounts['first_order_date'] of {account_id}",
                             account["first_order_date"])
    mine = contacts[(check_key_series("contacts['account_id']", contacts["account_id"])
                     .astype(str) == account_id).to_numpy()]
    own_contacts = mine.assign(
        our_function=check_text_series("contacts['our_function']", mine["our_function"]),
        their_function=check_text_series("contacts['their_function']", mine["their_function"]),
        joint_team=check_flag_series("contacts['joint_team']", mine["joint_team"]),
    )
    bought = own.groupby("line_id")["revenue_cny"].sum()
    revenue = float(bought.sum())
    if not revenue > 0:
        raise fail("account_id", account_id, _("an account with revenue above 0 in the year"))
    table = bcg_table(product_lines).set_index("line_id")
    unknown = bought.index.difference(table.index)
    if len(unknown):
        raise fail("product_lines['line_id']", list(unknown),
                   _("every line the account bought (in transactions)"))
    lines = table.reindex(bought.index)
    rates = check_numeric_series("product_lines['market_growth_pct']", lines["market_growth_pct"])
    growth = float((rates * bought).sum() / revenue)
    share_of_wallet = revenue / float(account["capacity_cny"])
    sales_year = int(own["date"].dt.year.iloc[0])
    years = sales_year - first_order.year
    lead_part = float(bought[lines["relative_share"] >= 1].sum() / revenue)
    main_line = bought.idxmax()
    main_share = float(lines.loc[main_line, "relative_share"])
    name_column = "name_zh" if get_language() == "zh" and "name_zh" in lines else "name"
    main_name = str(lines.loc[main_line, name_column])
    their_functions = own_contacts["their_function"].astype(str).nunique()
    joint_team = bool(own_contacts["joint_team"].any())
    backing = sorted(set(own_contacts["our_function"].astype(str)) - set(SELLING_FUNCTIONS))

    def entry(factor: str, note: str, good: bool, weight: int, internal: bool) -> ScanEntry:
        effect = ("strength" if good else "weakness") if internal else (
            "opportunity" if good else "threat"
        )
        return ScanEntry(factor, note, effect, weight)

    return (
        entry("consumers", _("the markets of the lines it buys grow {growth:.1f}% a year "
                             "(weighted by its purchases)").format(growth=growth),
              growth >= GROWING_MARKET_PCT, 4, internal=False),
        entry("competitors", _("rivals hold {share:.0%} of its spend in our category").format(
            share=1 - share_of_wallet), False, 4, internal=False),
        entry("political", _("stricter VOC limits push users to powder and waterborne "
                             "coatings (trade knowledge)"), True, 4, internal=False),
        entry("economic", _("resin and solvent prices follow oil and squeeze margins (trade "
                            "knowledge)"), False, 3, internal=False),
        entry("service", _("we have supplied it for {years} years").format(years=years),
              years >= ESTABLISHED_YEARS, 4, internal=True),
        entry("products", _("lines where we lead the market make {share:.0%} of its "
                            "purchases").format(share=lead_part),
              lead_part >= LEADING_LINES_SHARE, 4, internal=True),
        entry("cost_position", (_("on its largest line, {line}, our relative market share is "
                                  "{share:.2f}x: we make more of it than any rival, so likely "
                                  "at a lower unit cost") if main_share >= 1 else
                                _("on its largest line, {line}, our relative market share is "
                                  "{share:.2f}x: a rival makes more of it, so likely at a "
                                  "lower unit cost")).format(line=main_name, share=main_share),
              main_share >= 1, 3, internal=True),
        entry("organisation", (_("our people reach {n} of its functions; a joint team works "
                                 "with it") if joint_team else _("our people reach {n} of its "
                                 "functions; no joint team yet")).format(n=their_functions),
              joint_team, 3, internal=True),
        entry("departments", _("our departments working with it: {names}").format(
            names=_(", ").join(map(_, backing)) or _("none besides sales")),
              len(backing) >= BACKING_DEPARTMENTS, 3, internal=True),
    )

