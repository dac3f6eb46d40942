"""SWOT analysis (SWOT分析) [L2.8] and the opportunity and threat matrices [L2.9].

Strengths (优势) and weaknesses (劣势) are internal and controllable (内部可控);
opportunities (机会) and threats (威胁) are external and not controllable (外部不可控).
:class:`SWOT` is immutable: every edit returns a new SWOT, so a widget can keep the history
and nothing changes behind its back. :func:`tows` pairs the internal and external items that
bear on each other into SO/ST/WO/WT strategy prompts (the TOWS matrix, Weihrich 1982).
:func:`opportunity_cell` and :func:`threat_cell` place one opportunity or threat in its 2x2
matrix and say what to do about it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from kamlib.i18n import N_, _, get_language
from kamlib.validation import check_choice, check_number, check_text, fail


@dataclass(frozen=True)
class QuadrantInfo:
    """One quadrant of the SWOT: its names and whether it is internal and controllable.

    Examples
    --------
    >>> SWOT_QUADRANTS[2].key, SWOT_QUADRANTS[2].internal
    ('opportunities', False)
    """

    key: str
    en: str
    zh: str
    internal: bool

    @property
    def side(self) -> str:
        """Which side of the SWOT the quadrant is on, in English and Chinese (Chinese alone
        in the Chinese edition).

        Returns
        -------
        str

        Examples
        --------
        >>> SWOT_QUADRANTS[0].side
        'internal, controllable (内部可控)'
        """
        return _(
            N_("internal, controllable (内部可控)")
            if self.internal
            else N_("external, not controllable (外部不可控)")
        )


SWOT_QUADRANTS = (
    QuadrantInfo("strengths", N_("Strengths"), "优势", True),
    QuadrantInfo("weaknesses", N_("Weaknesses"), "劣势", True),
    QuadrantInfo("opportunities", N_("Opportunities"), "机会", False),
    QuadrantInfo("threats", N_("Threats"), "威胁", False),
)
QUADRANT_KEYS = tuple(q.key for q in SWOT_QUADRANTS)
DEFAULT_WEIGHT = 3


@dataclass(frozen=True)
class SWOTItem:
    """One entry of a SWOT: its text and how much it matters, 1 (little) to 5 (a lot).

    Raises
    ------
    KamValueError
        If the text is empty or the weight is not a whole number from 1 to 5.

    Examples
    --------
    >>> SWOTItem("Fast technical service", 5)
    SWOTItem(text='Fast technical service', weight=5)
    """

    text: str
    weight: int = DEFAULT_WEIGHT

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", check_text("text", self.text))
        weight = check_number("weight", self.weight, minimum=1, maximum=5, integer=True)
        object.__setattr__(self, "weight", weight)


def _item(value: Any, field: str = "item") -> SWOTItem:
    """``value`` as a SWOTItem; errors name it ``field`` (e.g. "strengths[2]")."""
    if isinstance(value, SWOTItem):
        return value
    if isinstance(value, str):
        return SWOTItem(check_text(field, value))
    if isinstance(value, dict):
        extra = set(value) - {"text", "weight"}
        if extra:
            raise fail(field, value, _("a dict with the keys 'text' and 'weight' only"))
        text = check_text(f"{field}.text", value.get("text"))
        weight = check_number(f"{field}.weight", value.get("weight", DEFAULT_WEIGHT),
                              minimum=1, maximum=5, integer=True)
        return SWOTItem(text, weight)
    raise fail(field, value, _("a SWOTItem, a text, or a dict with 'text' and 'weight'"))


@dataclass(frozen=True)
class SWOT:
    """The four quadrants, each a tuple of :class:`SWOTItem` in the learner's order.

    Immutable: ``add``, ``remove``, ``edit`` and ``move`` return a new SWOT. An item may be
    given as a :class:`SWOTItem`, a text or a dict with ``text`` and ``weight``.

    Raises
    ------
    KamValueError
        If a quadrant is not a list of items, or an item is bad.

    Examples
    --------
    >>> SWOT(strengths=["Fast technical service"]).strengths
    (SWOTItem(text='Fast technical service', weight=3),)
    """

    strengths: tuple[SWOTItem, ...] = ()
    weaknesses: tuple[SWOTItem, ...] = ()
    opportunities: tuple[SWOTItem, ...] = ()
    threats: tuple[SWOTItem, ...] = ()

    def __post_init__(self) -> None:
        for key in QUADRANT_KEYS:
            items = getattr(self, key)
            if isinstance(items, (str, bytes, dict)) or not hasattr(items, "__iter__"):
                raise fail(key, items, _("a list of items (SWOTItem, text, or dict)"))
            object.__setattr__(
                self, key, tuple(_item(item, f"{key}[{i}]") for i, item in enumerate(items))
            )

    def items(self, quadrant: str) -> tuple[SWOTItem, ...]:
        """Return the items of one quadrant.

        Parameters
        ----------
        quadrant : str
            "strengths", "weaknesses", "opportunities" or "threats".

        Returns
        -------
        tuple of SWOTItem

        Raises
        ------
        KamValueError
            If ``quadrant`` is not a quadrant key.

        Examples
        --------
        >>> SWOT().add("threats", "New VOC limits").items("threats")
        (SWOTItem(text='New VOC limits', weight=3),)
        """
        return getattr(self, check_choice("quadrant", quadrant, QUADRANT_KEYS))

    def _index(
        self, quadrant: str, index: Any, *, insert: bool = False, field: str = "index"
    ) -> int:
        size = len(self.items(quadrant)) + (1 if insert else 0)
        where = f"{field} in {quadrant}"
        if size == 0:
            raise fail(where, index,
                _("an item, but {quadrant} is empty").format(quadrant=quadrant))
        return int(check_number(where, index, minimum=0, maximum=size - 1, integer=True))

    def _with(self, quadrant: str, items: list[SWOTItem]) -> SWOT:
        return replace(self, **{quadrant: tuple(items)})

    def add(self, quadrant: str, text: str, *, weight: int = DEFAULT_WEIGHT) -> SWOT:
        """Return a new SWOT with an item added at the end of ``quadrant``.

        Parameters
        ----------
        quadrant : str
            "strengths", "weaknesses", "opportunities" or "threats".
        text : str
            The item, in the learner's words.
        weight : int, default 3
            How much it matters, 1 (little) to 5 (a lot).

        Returns
        -------
        SWOT

        Raises
        ------
        KamValueError
            If ``quadrant`` is not a quadrant key, the text is empty or the weight bad.

        Examples
        --------
        >>> SWOT().add("strengths", "Fast technical service", weight=5).strengths
        (SWOTItem(text='Fast technical service', weight=5),)
        """
        return self._with(quadrant, [*self.items(quadrant), SWOTItem(text, weight)])

    def remove(self, quadrant: str, index: int) -> SWOT:
        """Return a new SWOT without item ``index`` of ``quadrant``.

        Parameters
        ----------
        quadrant : str
            "strengths", "weaknesses", "opportunities" or "threats".
        index : int
            The item's position in the quadrant (0 = first).

        Returns
        -------
        SWOT

        Raises
        ------
        KamValueError
            If ``quadrant`` is not a quadrant key or there is no item at ``index``.

        Examples
        --------
        >>> board = SWOT().add("strengths", "Fast technical service", weight=5).add(
        ...     "strengths", "Wide product range")
        >>> [item.text for item in board.remove("strengths", 0).strengths]
        ['Wide product range']
        """
        items = list(self.items(quadrant))
        del items[self._index(quadrant, index)]
        return self._with(quadrant, items)

    def edit(
        self, quadrant: str, index: int, *, text: str | None = None, weight: int | None = None
    ) -> SWOT:
        """Return a new SWOT with item ``index`` given a new text and/or weight.

        Parameters
        ----------
        quadrant : str
            "strengths", "weaknesses", "opportunities" or "threats".
        index : int
            The item's position in the quadrant (0 = first).
        text : str, optional
            The new text (default: keep it).
        weight : int, optional
            The new weight, 1 to 5 (default: keep it).

        Returns
        -------
        SWOT

        Raises
        ------
        KamValueError
            If ``quadrant`` is not a quadrant key or there is no item at ``index``.

        Examples
        --------
        >>> board = SWOT().add("strengths", "Fast technical service", weight=5).add(
        ...     "strengths", "Wide product range")
        >>> board.edit("strengths", 1, weight=4).strengths[1]
        SWOTItem(text='Wide product range', weight=4)
        """
        items = list(self.items(quadrant))
        position = self._index(quadrant, index)
        old = items[position]
        items[position] = SWOTItem(
            old.text if text is None else text, old.weight if weight is None else weight
        )
        return self._with(quadrant, items)

    def move(
        self, quadrant: str, index: int, *, to_index: int, to_quadrant: str | None = None
    ) -> SWOT:
        """Return a new SWOT with an item moved to ``to_index`` (of ``to_quadrant``, if given).

        Reorders within a quadrant, or moves an item that was filed in the wrong one.

        Parameters
        ----------
        quadrant : str
            "strengths", "weaknesses", "opportunities" or "threats".
        index : int
            The item's position in the quadrant (0 = first).
        to_index : int
            Its new position (0 = first; the length of the target quadrant = last).
        to_quadrant : str, optional
            The quadrant to move it to (default: the same one).

        Returns
        -------
        SWOT

        Raises
        ------
        KamValueError
            If a quadrant is not a quadrant key or a position is out of range.

        Examples
        --------
        >>> board = SWOT().add("strengths", "Fast technical service", weight=5).add(
        ...     "strengths", "Wide product range")
        >>> [item.text for item in board.move("strengths", 1, to_index=0).strengths]
        ['Wide product range', 'Fast technical service']
        >>> board.move("strengths", 1, to_index=0, to_quadrant="opportunities").opportunities
        (SWOTItem(text='Wide product range', weight=3),)
        """
        target = (
            quadrant
            if to_quadrant is None
            else check_choice("to_quadrant", to_quadrant, QUADRANT_KEYS)
        )
        item = self.items(quadrant)[self._index(quadrant, index)]
        swot = self.remove(quadrant, index)
        items = list(swot.items(target))
        items.insert(swot._index(target, to_index, insert=True, field="to_index"), item)
        return swot._with(target, items)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Return plain data (JSON-ready): quadrant -> list of {"text", "weight"}.

        Returns
        -------
        dict

        Examples
        --------
        >>> SWOT().add("threats", "New VOC limits").to_dict()["threats"]
        [{'text': 'New VOC limits', 'weight': 3}]
        """
        return {
            key: [{"text": i.text, "weight": i.weight} for i in self.items(key)]
            for key in QUADRANT_KEYS
        }

    @classmethod
    def from_dict(cls, data: Any) -> SWOT:
        """Build a SWOT from :meth:`to_dict` output; missing quadrants are empty.

        Parameters
        ----------
        data : dict
            Quadrant key -> list of items (dicts with ``text`` and ``weight``, or texts).

        Returns
        -------
        SWOT

        Raises
        ------
        KamValueError
            If ``data`` is not a dict, names an unknown quadrant or holds a bad item.

        Examples
        --------
        >>> SWOT.from_dict({"strengths": [{"text": "ISO 9001 plants", "weight": 4}]}).strengths
        (SWOTItem(text='ISO 9001 plants', weight=4),)
        """
        if not isinstance(data, dict):
            raise fail("data", data, _("a dict of quadrant -> list of items"))
        for key in data:
            check_choice("data's quadrant", key, QUADRANT_KEYS)
        return cls(**{key: data.get(key, ()) for key in QUADRANT_KEYS})

    def to_markdown(self) -> str:
        """Return the SWOT as Markdown: one heading and bullet list per quadrant.

        Returns
        -------
        str

        Examples
        --------
        >>> print(SWOT().add("strengths", "Fast technical service", weight=5).to_markdown())
        # SWOT (SWOT分析)
        <BLANKLINE>
        ## Strengths (优势): internal, controllable (内部可控)
        <BLANKLINE>
        - Fast technical service (weight 5)
        <BLANKLINE>
        ## Weaknesses (劣势): internal, controllable (内部可控)
        ...
        """
        chinese = get_language() == "zh"
        lines = ["# " + _("SWOT (SWOT分析)")]
        for info in SWOT_QUADRANTS:
            name = info.zh if chinese else f"{info.en} ({info.zh})"
            lines += ["", f"## {name}: {info.side}", ""]
            items = self.items(info.key)
            lines += [f"- {i.text} " + _("(weight {weight})").format(weight=i.weight)
                      for i in items] or ["- " + _("(none yet)")]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class TowsStrategy:
    """One TOWS pairing and the prompt templates it fills with an internal/external item.

    Examples
    --------
    >>> TOWS_STRATEGIES[0].internal, TOWS_STRATEGIES[0].external
    ('strengths', 'opportunities')
    """

    key: str
    internal: str
    external: str
    en: str
    zh: str


TOWS_STRATEGIES = (
    TowsStrategy(
        "SO",
        "strengths",
        "opportunities",
        N_("Use strength '{i}' to seize opportunity '{e}': {why}."),
        "利用优势「{i}」抓住机会「{e}」：{why}。",
    ),
    TowsStrategy(
        "ST",
        "strengths",
        "threats",
        N_("Use strength '{i}' to counter threat '{e}': {why}."),
        "利用优势「{i}」应对威胁「{e}」：{why}。",
    ),
    TowsStrategy(
        "WO",
        "weaknesses",
        "opportunities",
        N_("Take opportunity '{e}' to overcome weakness '{i}': {why}."),
        "借助机会「{e}」克服劣势「{i}」：{why}。",
    ),
    TowsStrategy(
        "WT",
        "weaknesses",
        "threats",
        N_("Reduce weakness '{i}' to avoid threat '{e}': {why}."),
        "减少劣势「{i}」以规避威胁「{e}」：{why}。",
    ),
)


@dataclass(frozen=True)
class Topic:
    """What a SWOT item is about, found by its words (English or Chinese); TOWS pairs an
    internal and an external item only when they share a topic.

    Examples
    --------
    >>> topics("Rival cuts primer price by 8%")
    ('price', 'products', 'competition')
    """

    key: str
    en: str
    zh: str
    pattern: str


#: The topics of a key account SWOT and the words that reveal them, factor names of
#: :mod:`kamlib.environment` included, so that scan entries carry their factor's topics.
TOPICS = (
    Topic("price", N_("price and cost"), "价格与成本",
          r"(?i:\bpric\w*|\bcost\w*|\bcheap|\bexpensive|\bmargin|\bdiscount|\brebate|"
          r"\braw[- ]material|\bresin|\bsolvent|\boil\b|\beconomic|\bunit\s+cost|relative "
          r"market share)|价格|成本|降价|毛利|返利|原材料|树脂|溶剂|经济"),
    Topic("emissions", N_("emissions and regulation"), "环保与法规",
          r"(?i:\bVOC|\bemission|\blow[- ]emission|\bwaterborne|\bpowder|\bgreen|"
          r"\bregulat\w*|\brules?\b|\blaws?\b|\blimits?\b|\bpolitical|\benvironment\w*)"
          r"|环保|排放|水性|粉末|法规|政策|限值|政治"),
    Topic("service", N_("service and delivery"), "服务与交付",
          r"(?i:\bservice|\bdeliver\w*|\blead\s+time|\bengineer|\bsupport|\bstock|"
          r"\blogistic\w*|\bsupplied|\bdepartments?\b|\bintermediar\w*|\bgeograph\w*)"
          r"|服务|交货|交期|交付|工程师|技术支持|库存|物流|部门|中间商|地理"),
    Topic("products", N_("products and technology"), "产品与技术",
          r"(?i:\bproducts?\b|\btechnolog\w*|\bproduct\s+range|\blines?\b|\bformula\w*|"
          r"\bR&D|\binnovat\w*|\badhesives?|\bcoatings?|\bsealants?|\bprimers?)"
          r"|产品|技术|研发|配方|创新|胶粘剂|涂料|密封胶|底漆"),
    Topic("relationship", N_("people and relationship"), "人员与关系",
          r"(?i:\brelationship|\btrust|\bcontacts?\b|\bteams?\b|\bbuyer|\bpeople\b|"
          r"\bstaff|\bmanagers?\b|\bfunctions\b|\borganisation|\blong-standing|\bloyal)"
          r"|关系|信任|团队|人员|联系|组织|忠诚"),
    Topic("demand", N_("demand and growth"), "需求与增长",
          r"(?i:\bgrow\w*|\bdemand|\bnew\b.{0,20}?\bplants?\b|\bexpan\w*|\bcapacity|\bvolume|"
          r"\bmarkets?\b|\bneeds?\b|\bconsumer|\bdemographic|\bexport\w*|\boverseas)"
          r"|需求|增长|扩产|新工厂|产能|销量|市场|消费者|人文|出口|海外"),
    Topic("competition", N_("competition"), "竞争",
          r"(?i:\brivals?\b|\bcompetit\w*|\bshare\b|\btenders?\b|\bimporters?|\bbrand)"
          r"|竞争|对手|份额|招标|品牌|价格战"),
    Topic("quality", N_("quality"), "质量",
          r"(?i:\bquality|\bISO\b|\bIATF|\bdefects?\b|\bcertif\w*|\bcomplaints?\b|\brecalls?)"
          r"|质量|认证|缺陷|投诉|召回|不良"),
    Topic("finance", N_("finance and payment"), "财务与付款",
          r"(?i:\bpayments?\b|\bcredit|\bcash\b|\binvoices?|\bfinanc\w*)"
          r"|付款|账期|资金|财务|回款"),
)
_TOPIC_PATTERNS = {topic.key: re.compile(topic.pattern) for topic in TOPICS}
#: Topics of an internal item that bear on a different topic of an external one, and why
#: (English, Chinese): how a supplier meets a rival's price or a customer's new demand.
TOPIC_LINKS = {
    ("service", "price"): (N_("good service lets you compete without cutting the price"),
                           "好的服务让你不必降价也能竞争"),
    ("products", "price"): (N_("a better product lets you compete without cutting the price"),
                            "更好的产品让你不必降价也能竞争"),
    ("quality", "price"): (N_("proven quality lets you compete without cutting the price"),
                           "可靠的质量让你不必降价也能竞争"),
    ("service", "competition"): (N_("service is how an account is defended against rivals"),
                                 "服务是抵御对手、守住客户的手段"),
    ("relationship", "competition"): (N_("a deep relationship is hard for a rival to break"),
                                      "深入的关系让对手难以插足"),
    ("service", "demand"): (N_("new plants and volumes need service to start them up"),
                            "新工厂和新增量需要服务来启动"),
    ("products", "demand"): (N_("new demand calls for the right products"),
                             "新的需求需要合适的产品"),
    ("quality", "demand"): (N_("certified quality opens new customers and markets"),
                            "经过认证的质量能打开新客户和新市场"),
    ("relationship", "demand"): (N_("people inside the account hear of new demand first"),
                                 "客户内部的联系人最先听到新需求"),
    ("finance", "demand"): (N_("growing customers need credit and stock"),
                            "成长中的客户需要账期和库存支持"),
}
_TOPICS = {topic.key: topic for topic in TOPICS}


def topics(text: str) -> tuple[str, ...]:
    """The keys of the :data:`TOPICS` a SWOT item's text is about, in the order of TOPICS.

    Parameters
    ----------
    text : str
        The item's text, English or Chinese.

    Returns
    -------
    tuple of str

    Raises
    ------
    KamValueError
        If ``text`` is not text or is empty.

    Examples
    --------
    >>> topics("Rival cuts its price on our main line")
    ('price', 'products', 'competition')
    """
    text = check_text("text", text)
    return tuple(key for key, pattern in _TOPIC_PATTERNS.items() if pattern.search(text))


#: Internal factors of :mod:`kamlib.environment` that act on external ones, and why (English,
#: Chinese): a trainer's reading of which strength or weakness meets which opportunity or
#: threat.
FACTOR_LINKS = {
    ("service", "competitors"): (
        N_("service and a long record defend an account against rivals"),
        "服务和长期的供货记录是抵御对手的防线",
    ),
    ("service", "consumers"): (
        N_("service follows the customer's changing needs"),
        "服务要跟上客户不断变化的需求",
    ),
    ("products", "political"): (
        N_("rules on emissions decide which products sell"),
        "排放法规决定哪些产品好卖",
    ),
    ("products", "technological"): (
        N_("new technology decides which products sell"),
        "新技术决定哪些产品好卖",
    ),
    ("products", "consumers"): (
        N_("products must follow what the customer's market buys"),
        "产品要跟着客户的市场走",
    ),
    ("products", "competitors"): (
        N_("where our products lead, rivals are kept out"),
        "我方产品领先之处，对手难以进入",
    ),
    ("cost_position", "competitors"): (
        N_("cost decides who can win on price"),
        "成本决定谁能在价格上取胜",
    ),
    ("cost_position", "economic"): (
        N_("raw-material prices hit the higher-cost producer first"),
        "原材料涨价先打击成本高的生产商",
    ),
    ("cost_position", "suppliers"): (
        N_("our suppliers' prices set our cost"),
        "供应商的价格决定我方成本",
    ),
    ("organisation", "competitors"): (
        N_("a relationship of many threads is hard for a rival to cut"),
        "多线联系的关系，对手难以切断",
    ),
    ("organisation", "consumers"): (
        N_("more contacts hear of changing needs earlier"),
        "联系人越多，越早听到需求变化",
    ),
    ("departments", "consumers"): (
        N_("our departments must deliver what the customer needs"),
        "我方各部门必须交付客户所需",
    ),
    ("departments", "competitors"): (
        N_("our departments' backing is what a rival's salesman lacks"),
        "各部门的支持正是对手销售员所缺的",
    ),
    ("departments", "political"): (
        N_("R&D and production must make what the new rules demand"),
        "研发和生产必须做出新法规要求的产品",
    ),
    ("people", "consumers"): (
        N_("skilled people turn needs into solutions"),
        "有能力的人把需求变成解决方案",
    ),
    ("people", "technological"): (
        N_("skilled people master new technology first"),
        "有能力的人最先掌握新技术",
    ),
    ("finance", "economic"): (
        N_("financial strength carries us through price swings"),
        "财务实力帮我们渡过价格波动",
    ),
    ("finance", "consumers"): (
        N_("credit terms and stock fund the customer's growth"),
        "账期和库存支持客户的增长",
    ),
    ("brand", "competitors"): (
        N_("a trusted name wins ties against rivals"),
        "值得信赖的品牌在势均力敌时胜出",
    ),
    ("brand", "socio_cultural"): (
        N_("a trusted name meets rising expectations"),
        "值得信赖的品牌满足不断提高的期望",
    ),
    ("capacity", "consumers"): (
        N_("growing demand needs capacity to serve it"),
        "需求增长需要产能来支撑",
    ),
    ("capacity", "demographic"): (
        N_("growing demand needs capacity to serve it"),
        "需求增长需要产能来支撑",
    ),
}


def _factor_key(text: str) -> str | None:
    """The environment factor an item was written from ("Cost position (成本地位): …")."""
    from kamlib.environment import FACTORS

    for key, factor in FACTORS.items():
        if text.startswith((f"{factor.en} ({factor.zh}):", f"{_(factor.en)} ({factor.zh}):")):
            return key
    return None


def _link(internal: str, external: str) -> tuple[int, str, str]:
    """How strongly two items bear on each other, and why (English, Chinese): a factor link
    counts 2, each shared topic 1; (0, "", "") when they do not."""
    reason = FACTOR_LINKS.get((_factor_key(internal), _factor_key(external)))
    inside, outside = topics(internal), topics(external)
    shared = [k for k in inside if k in outside]
    if reason:
        return 2 + len(shared), _(reason[0]), reason[1]
    crossing = next(
        (TOPIC_LINKS[(i, e)] for i in inside for e in outside if (i, e) in TOPIC_LINKS), None
    )
    if crossing:
        return 1 + len(shared), _(crossing[0]), crossing[1]
    if shared:
        return (
            len(shared),
            _("both about {topic}").format(topic=" & ".join(_(_TOPICS[k].en) for k in shared)),
            "两者都涉及" + "、".join(_TOPICS[k].zh for k in shared),
        )
    return 0, "", ""


def _heaviest(items: tuple[SWOTItem, ...], top: int) -> list[SWOTItem]:
    """The ``top`` items by weight; ties keep the learner's order."""
    return sorted(items, key=lambda item: -item.weight)[:top]


def tows(swot: SWOT, *, top: int = 2) -> pd.DataFrame:
    """Return SO/ST/WO/WT strategy prompts that pair items which bear on each other.

    An internal item is paired with an external one only when they bear on each other:
    their environment factors are linked (:data:`FACTOR_LINKS`, e.g. our cost position and
    a rival's price), their words share a topic (price, emissions, service, products,
    relationship, demand, competition, quality, finance: :data:`TOPICS`), or a topic of one
    meets a topic of the other (:data:`TOPIC_LINKS`, e.g. our service and a rival's price).
    So every prompt is a question worth an hour of the account team's time, never a
    mechanical cross of the heaviest items (Weihrich 1982 built the TOWS matrix to match
    factors, not to list them). For each strategy the ``top`` pairs are kept, strongest
    link first, then the heavier items. Where the quadrants hold items but no pair is
    linked, one row says so, with empty ``internal`` and ``external``: that gap is itself a
    finding.

    Parameters
    ----------
    swot : SWOT
    top : int, default 2
        Pairs kept per strategy, 1 to 10.

    Returns
    -------
    pandas.DataFrame
        Columns ``strategy``, ``internal``, ``external``, ``prompt`` (English), ``zh`` and
        ``link`` (why the two bear on each other; "" for a gap row).

    Raises
    ------
    KamValueError
        If ``swot`` is not a :class:`SWOT` or ``top`` is not 1 to 10.

    Examples
    --------
    >>> board = SWOT().add("strengths", "Fast technical service", weight=5).add(
    ...     "threats", "Rival promises shorter delivery times", weight=4)
    >>> tows(board)["link"].tolist()
    ['service is how an account is defended against rivals']
    """
    if not isinstance(swot, SWOT):
        raise fail("swot", swot, _("a SWOT"))
    top = int(check_number("top", top, minimum=1, maximum=10, integer=True))
    rows = []
    for strategy in TOWS_STRATEGIES:
        internal, external = swot.items(strategy.internal), swot.items(strategy.external)
        if not internal or not external:
            continue
        pairs = [(_link(i.text, e.text), i, e) for i in internal for e in external]
        pairs = sorted(
            (pair for pair in pairs if pair[0][0] > 0),
            key=lambda pair: (-pair[0][0], -(pair[1].weight * pair[2].weight)),
        )
        for (_score, why, why_zh), i, e in pairs[:top]:
            rows.append({
                "strategy": strategy.key,
                "internal": i.text,
                "external": e.text,
                "prompt": _(strategy.en).format(i=i.text, e=e.text, why=why),
                "zh": strategy.zh.format(i=i.text, e=e.text, why=why_zh),
                "link": why,
            })
        if not pairs:
            heaviest = _heaviest(external, 1)[0].text
            rows.append({
                "strategy": strategy.key,
                "internal": "",
                "external": "",
                "prompt": _(GAP_PROMPTS[strategy.key]).format(e=heaviest),
                "zh": GAP_PROMPTS_ZH[strategy.key].format(e=heaviest),
                "link": "",
            })
    return pd.DataFrame(rows, columns=["strategy", "internal", "external", "prompt", "zh", "link"])


#: What a TOWS row says when no internal item shares a topic with any external one.
GAP_PROMPTS = {
    "SO": N_("None of your strengths bears on an opportunity yet: which strength could seize "
             "'{e}'? Find it, or note the gap."),
    "ST": N_("None of your strengths bears on a threat yet: what could counter '{e}'?"),
    "WO": N_("No opportunity bears on a weakness yet: which weakness keeps you from '{e}'?"),
    "WT": N_("No weakness bears on a threat yet: which weakness would '{e}' hit hardest?"),
}
GAP_PROMPTS_ZH = {
    "SO": "目前没有任何优势与机会相关：哪项优势能抓住「{e}」？找出来，或记下这一缺口。",
    "ST": "目前没有任何优势与威胁相关：用什么来应对「{e}」？",
    "WO": "目前没有任何机会与劣势相关：哪项劣势阻碍你抓住「{e}」？",
    "WT": "目前没有任何劣势与威胁相关：「{e}」会最严重地打击哪项劣势？",
}


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the opportunity or threat matrix and the advice for it.

    Made by :func:`opportunity_cell` and :func:`threat_cell`.
    """

    key: str
    en: str
    zh: str
    advice: str


OPPORTUNITY_CELLS = {
    ("high", "high"): MatrixCell(
        "pursue_now",
        N_("Pursue now"),
        "优先把握",
        N_("Attractive and likely to succeed: put people and money behind it now."),
    ),
    ("high", "low"): MatrixCell(
        "build_capability",
        N_("Build the capability first"),
        "提升能力后争取",
        N_("Attractive but hard to win: fix what limits our chance, then go for it."),
    ),
    ("low", "high"): MatrixCell(
        "take_if_cheap",
        N_("Take it if it is cheap"),
        "顺势而为",
        N_("Easy but small: take it only if it costs little and does not distract."),
    ),
    ("low", "low"): MatrixCell(
        "set_aside",
        N_("Set aside"),
        "暂时放弃",
        N_("Neither attractive nor likely: spend nothing on it; look again at the next review."),
    ),
}
THREAT_CELLS = {
    ("high", "high"): MatrixCell(
        "contingency_now",
        N_("Prepare a contingency plan now"),
        "立即制定应变计划",
        N_("Serious and likely: plan the response now and assign who acts when it happens."),
    ),
    ("high", "low"): MatrixCell(
        "monitor_closely",
        N_("Monitor closely, keep a fallback plan"),
        "密切监视并准备后备方案",
        N_("Serious but unlikely: watch the warning signs and keep a fallback plan ready."),
    ),
    ("low", "high"): MatrixCell(
        "manage_routinely",
        N_("Handle it in day-to-day work"),
        "日常管理中应对",
        N_("Likely but mild: absorb it in the normal plan; no special measures."),
    ),
    ("low", "low"): MatrixCell(
        "note_and_review",
        N_("Note it and review periodically"),
        "记录在案，定期复查",
        N_("Mild and unlikely: note it and check again at the next review."),
    ),
}


def _level(field: str, value: Any) -> str:
    """Return "high" or "low" from the words or from a number 0–1 (0.5 and above is high)."""
    if isinstance(value, str):
        return check_choice(field, value.strip().lower(), ("high", "low"))
    try:
        number = check_number(field, value, minimum=0, maximum=1)
    except ValueError:
        raise fail(field, value, _("'high', 'low' or a number from 0 to 1")) from None
    return "high" if number >= 0.5 else "low"


def opportunity_cell(attractiveness: Any, probability: Any) -> MatrixCell:
    """Place an opportunity by attractiveness (吸引力) and probability of success (成功概率).

    Parameters
    ----------
    attractiveness : str or float
        "high", "low" or a number from 0 to 1 (0.5 and above is high).
    probability : str or float
        The probability of success, the same way.

    Returns
    -------
    MatrixCell
        The cell and its advice.

    Raises
    ------
    KamValueError
        If either is not "high", "low" or a number from 0 to 1.

    Examples
    --------
    >>> opportunity_cell(0.9, 0.3).key
    'build_capability'
    >>> opportunity_cell("high", "high").en
    'Pursue now'
    """
    return OPPORTUNITY_CELLS[
        (_level("attractiveness", attractiveness), _level("probability", probability))
    ]


def threat_cell(seriousness: Any, probability: Any) -> MatrixCell:
    """Place a threat by seriousness (严重性) and probability of occurrence (发生概率).

    Parameters
    ----------
    seriousness : str or float
        "high", "low" or a number from 0 to 1 (0.5 and above is high).
    probability : str or float
        The probability that it happens, the same way.

    Returns
    -------
    MatrixCell
        The cell and its advice.

    Raises
    ------
    KamValueError
        If either is not "high", "low" or a number from 0 to 1.

    Examples
    --------
    >>> threat_cell(0.9, 0.6).key
    'contingency_now'
    """
    return THREAT_CELLS[(_level("seriousness", seriousness), _level("probability", probability))]
