"""External (外部环境分析, L2.4) and internal (内部环境分析, L2.5) environment analysis.

A scan walks through the factors of the micro environment (微观环境), the macro environment
(宏观环境) and our own company, and notes for each what it means for us. External factors can
only be opportunities (机会) or threats (威胁): we do not control them. Internal factors can
only be strengths (优势) or weaknesses (劣势). :func:`scan_to_swot` files the entries into a
:class:`kamlib.swot.SWOT`. :class:`ConsumerAnalysis` asks who buys, what and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from kamlib.validation import check_choice, check_number, check_text, fail

if TYPE_CHECKING:
    from kamlib.swot import SWOT


@dataclass(frozen=True)
class Factor:
    """One factor of a scan: key, English and Chinese name, scope and a prompt to think with."""

    key: str
    en: str
    zh: str
    scope: str
    prompt: str


MICRO_FACTORS: tuple[Factor, ...] = (
    Factor(
        "consumers",
        "Consumer characteristics",
        "消费者的特性",
        "micro",
        "Who are the buyers and end users, and how are their needs changing?",
    ),
    Factor(
        "competitors",
        "Competitors",
        "竞争对手状况",
        "micro",
        "Who else supplies the account, with what prices, quality and service?",
    ),
    Factor(
        "intermediaries",
        "Intermediaries",
        "中间商状况",
        "micro",
        "Which distributors and agents stand between us and the users, and how strong?",
    ),
    Factor(
        "suppliers",
        "Suppliers",
        "供应商状况",
        "micro",
        "Are raw materials available and are their prices stable?",
    ),
    Factor(
        "departments",
        "Departments",
        "部门状况",
        "micro",
        "Do the customer's departments (purchasing, production, quality…) pull together?",
    ),
)
MACRO_FACTORS: tuple[Factor, ...] = (
    Factor(
        "demographic",
        "Demographic",
        "人文",
        "macro",
        "Population, workforce, urbanisation: how do they move demand?",
    ),
    Factor(
        "economic",
        "Economic",
        "经济",
        "macro",
        "Growth, investment, exchange rates, interest rates, raw-material prices.",
    ),
    Factor(
        "political",
        "Political and legal",
        "政治",
        "macro",
        "Regulation (e.g. VOC limits), industrial policy, trade rules.",
    ),
    Factor(
        "technological",
        "Technological",
        "技术",
        "macro",
        "New materials and processes that create or destroy demand.",
    ),
    Factor(
        "geographic",
        "Geographic",
        "地理",
        "macro",
        "Where customers and plants are, logistics distances, climate.",
    ),
    Factor(
        "religious",
        "Religious",
        "宗教",
        "macro",
        "Beliefs and customs that shape products, holidays and ways of doing business.",
    ),
    Factor(
        "socio_cultural",
        "Socio-cultural",
        "社会文化",
        "macro",
        "Values, lifestyles and expectations, e.g. for greener products.",
    ),
)
INTERNAL_FACTORS: tuple[Factor, ...] = (
    Factor(
        "products",
        "Products and technology",
        "产品与技术",
        "internal",
        "How do our products and know-how compare with the competitors'?",
    ),
    Factor(
        "cost_position",
        "Cost position",
        "成本地位",
        "internal",
        "Can we make and deliver at a lower cost than competitors?",
    ),
    Factor(
        "people",
        "People and skills",
        "人员与技能",
        "internal",
        "Do we have the account managers and engineers the accounts need?",
    ),
    Factor(
        "finance",
        "Financial strength",
        "财务实力",
        "internal",
        "Can we fund stock, credit terms and investment for the account?",
    ),
    Factor(
        "service",
        "Service and delivery",
        "服务与交付",
        "internal",
        "How fast and reliable are our technical service and deliveries?",
    ),
    Factor(
        "brand",
        "Brand and reputation",
        "品牌与声誉",
        "internal",
        "What do customers think of our name?",
    ),
    Factor(
        "capacity",
        "Production capacity",
        "生产能力",
        "internal",
        "Can our plants supply more volume, and how flexibly?",
    ),
    Factor(
        "organisation",
        "Organisation and processes",
        "组织与流程",
        "internal",
        "Do our departments work together for the account?",
    ),
)
FACTORS: dict[str, Factor] = {f.key: f for f in (*MICRO_FACTORS, *MACRO_FACTORS, *INTERNAL_FACTORS)}

#: Which effects a factor may have, by scope: external ones are not controllable.
EFFECTS_BY_SCOPE = {
    "micro": ("opportunity", "threat"),
    "macro": ("opportunity", "threat"),
    "internal": ("strength", "weakness"),
}
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
    """

    factor: str
    note: str
    effect: str
    weight: int = 3

    def __post_init__(self) -> None:
        check_choice("factor", self.factor, FACTORS)
        object.__setattr__(self, "note", check_text("note", self.note))
        scope = FACTORS[self.factor].scope
        allowed = EFFECTS_BY_SCOPE[scope]
        check_choice(f"effect of {scope} factor {self.factor!r}", self.effect, allowed)
        weight = check_number("weight", self.weight, minimum=1, maximum=5, integer=True)
        object.__setattr__(self, "weight", weight)

    @property
    def text(self) -> str:
        """The entry as a SWOT item text: 'Factor (中文): note'."""
        factor = FACTORS[self.factor]
        return f"{factor.en} ({factor.zh}): {self.note}"


def factors_table() -> pd.DataFrame:
    """All factors of a scan as a table: key, en, zh, scope, prompt."""
    return pd.DataFrame([vars(f) for f in FACTORS.values()])


def scan_to_swot(entries: Iterable[ScanEntry], swot: SWOT | None = None) -> SWOT:
    """File scan entries into a SWOT (added to ``swot`` if given, else to a new one)."""
    from kamlib.swot import SWOT

    if swot is None:
        swot = SWOT()
    elif not isinstance(swot, SWOT):
        raise fail("swot", swot, "a kamlib.swot.SWOT or None")
    if isinstance(entries, (str, bytes)) or not isinstance(entries, Iterable):
        raise fail("entries", entries, "a list of ScanEntry")
    entries = list(entries)
    for position, entry in enumerate(entries):
        if not isinstance(entry, ScanEntry):
            raise fail(f"entries[{position}]", entry, "a ScanEntry")
    for entry in entries:
        swot = swot.add(QUADRANT_OF_EFFECT[entry.effect], entry.text, entry.weight)
    return swot


#: The handout's prompts for consumer analysis: who buys, what they buy, why they buy.
CONSUMER_PROMPTS = {
    "who": (
        "谁购买",
        (
            "demographics (人口特征)",
            "economics (经济状况)",
            "personality and lifestyle (个性与生活方式)",
        ),
    ),
    "what": (
        "购买什么",
        (
            "brand loyalty (品牌忠诚度)",
            "price (价格)",
            "convenience (便利性)",
            "usage habits (使用习惯)",
        ),
    ),
    "why": (
        "为什么购买",
        ("benefits (利益)", "attitude (态度)", "feeling (感受)", "preference (偏好)"),
    ),
}


@dataclass(frozen=True)
class ConsumerAnalysis:
    """A learner's answers to who buys, what they buy and why (L2.4); empty text allowed."""

    who: str = ""
    what: str = ""
    why: str = ""

    def __post_init__(self) -> None:
        for question in CONSUMER_PROMPTS:
            value = check_text(question, getattr(self, question), allow_empty=True)
            object.__setattr__(self, question, value)

    @property
    def missing(self) -> tuple[str, ...]:
        """The questions not answered yet."""
        return tuple(q for q in CONSUMER_PROMPTS if not getattr(self, q))

    def to_frame(self) -> pd.DataFrame:
        """One row per question: question, zh, prompts, answer."""
        return pd.DataFrame(
            {
                "question": list(CONSUMER_PROMPTS),
                "zh": [zh for zh, _ in CONSUMER_PROMPTS.values()],
                "prompts": ["; ".join(p) for _, p in CONSUMER_PROMPTS.values()],
                "answer": [getattr(self, q) for q in CONSUMER_PROMPTS],
            }
        )
