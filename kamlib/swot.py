"""SWOT analysis (SWOT分析) [L2.8] and the opportunity and threat matrices [L2.9].

Strengths (优势) and weaknesses (劣势) are internal and controllable (内部可控);
opportunities (机会) and threats (威胁) are external and not controllable (外部不可控).
:class:`SWOT` is immutable: every edit returns a new SWOT, so a widget can keep the history
and nothing changes behind its back. :func:`tows` turns the heaviest items into SO/ST/WO/WT
strategy prompts. :func:`opportunity_cell` and :func:`threat_cell` place one opportunity or
threat in its 2x2 matrix and say what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from kamlib.validation import check_choice, check_number, check_text, fail


@dataclass(frozen=True)
class QuadrantInfo:
    """One quadrant of the SWOT: its names and whether it is internal and controllable."""

    key: str
    en: str
    zh: str
    internal: bool

    @property
    def side(self) -> str:
        return (
            "internal, controllable (内部可控)"
            if self.internal
            else "external, not controllable (外部不可控)"
        )


SWOT_QUADRANTS = (
    QuadrantInfo("strengths", "Strengths", "优势", True),
    QuadrantInfo("weaknesses", "Weaknesses", "劣势", True),
    QuadrantInfo("opportunities", "Opportunities", "机会", False),
    QuadrantInfo("threats", "Threats", "威胁", False),
)
QUADRANT_KEYS = tuple(q.key for q in SWOT_QUADRANTS)
DEFAULT_WEIGHT = 3


@dataclass(frozen=True)
class SWOTItem:
    """One entry of a SWOT: its text and how much it matters, 1 (little) to 5 (a lot)."""

    text: str
    weight: int = DEFAULT_WEIGHT

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", check_text("text", self.text))
        weight = check_number("weight", self.weight, minimum=1, maximum=5, integer=True)
        object.__setattr__(self, "weight", weight)


def _item(value: Any) -> SWOTItem:
    if isinstance(value, SWOTItem):
        return value
    if isinstance(value, str):
        return SWOTItem(value)
    if isinstance(value, dict):
        extra = set(value) - {"text", "weight"}
        if extra:
            raise fail("item", value, "a dict with the keys 'text' and 'weight' only")
        return SWOTItem(value.get("text"), value.get("weight", DEFAULT_WEIGHT))
    raise fail("item", value, "a SWOTItem, a text, or a dict with 'text' and 'weight'")


@dataclass(frozen=True)
class SWOT:
    """The four quadrants, each a tuple of :class:`SWOTItem` in the learner's order."""

    strengths: tuple[SWOTItem, ...] = ()
    weaknesses: tuple[SWOTItem, ...] = ()
    opportunities: tuple[SWOTItem, ...] = ()
    threats: tuple[SWOTItem, ...] = ()

    def __post_init__(self) -> None:
        for key in QUADRANT_KEYS:
            items = getattr(self, key)
            if isinstance(items, (str, bytes, dict)) or not hasattr(items, "__iter__"):
                raise fail(key, items, "a list of items (SWOTItem, text, or dict)")
            object.__setattr__(self, key, tuple(_item(item) for item in items))

    def items(self, quadrant: str) -> tuple[SWOTItem, ...]:
        """Return the items of one quadrant."""
        return getattr(self, check_choice("quadrant", quadrant, QUADRANT_KEYS))

    def _index(self, quadrant: str, index: Any, *, insert: bool = False) -> int:
        size = len(self.items(quadrant)) + (1 if insert else 0)
        if size == 0:
            raise fail(f"index in {quadrant}", index, f"an item, but {quadrant} is empty")
        return int(
            check_number(f"index in {quadrant}", index, minimum=0, maximum=size - 1, integer=True)
        )

    def _with(self, quadrant: str, items: list[SWOTItem]) -> SWOT:
        return replace(self, **{quadrant: tuple(items)})

    def add(self, quadrant: str, text: str, weight: int = DEFAULT_WEIGHT) -> SWOT:
        """Return a new SWOT with an item added at the end of ``quadrant``."""
        return self._with(quadrant, [*self.items(quadrant), SWOTItem(text, weight)])

    def remove(self, quadrant: str, index: int) -> SWOT:
        """Return a new SWOT without item ``index`` of ``quadrant``."""
        items = list(self.items(quadrant))
        del items[self._index(quadrant, index)]
        return self._with(quadrant, items)

    def edit(
        self, quadrant: str, index: int, text: str | None = None, weight: int | None = None
    ) -> SWOT:
        """Return a new SWOT with item ``index`` given a new text and/or weight."""
        items = list(self.items(quadrant))
        position = self._index(quadrant, index)
        old = items[position]
        items[position] = SWOTItem(
            old.text if text is None else text, old.weight if weight is None else weight
        )
        return self._with(quadrant, items)

    def move(
        self, quadrant: str, index: int, to_index: int, to_quadrant: str | None = None
    ) -> SWOT:
        """Return a new SWOT with an item moved to ``to_index`` (of ``to_quadrant``, if given).

        Reorders within a quadrant, or moves an item that was filed in the wrong one.
        """
        target = (
            quadrant
            if to_quadrant is None
            else check_choice("to_quadrant", to_quadrant, QUADRANT_KEYS)
        )
        item = self.items(quadrant)[self._index(quadrant, index)]
        swot = self.remove(quadrant, index)
        items = list(swot.items(target))
        items.insert(swot._index(target, to_index, insert=True), item)
        return swot._with(target, items)

    def to_dict(self) -> dict[str, list[dict[str, Any]]]:
        """Return plain data (JSON-ready): quadrant -> list of {"text", "weight"}."""
        return {
            key: [{"text": i.text, "weight": i.weight} for i in self.items(key)]
            for key in QUADRANT_KEYS
        }

    @classmethod
    def from_dict(cls, data: Any) -> SWOT:
        """Build a SWOT from :meth:`to_dict` output; missing quadrants are empty."""
        if not isinstance(data, dict):
            raise fail("data", data, "a dict of quadrant -> list of items")
        for key in data:
            check_choice("quadrant", key, QUADRANT_KEYS)
        return cls(**{key: data.get(key, ()) for key in QUADRANT_KEYS})

    def to_markdown(self) -> str:
        """Return the SWOT as Markdown: one heading and bullet list per quadrant."""
        lines = ["# SWOT (SWOT分析)"]
        for info in SWOT_QUADRANTS:
            lines += ["", f"## {info.en} ({info.zh}): {info.side}", ""]
            items = self.items(info.key)
            lines += [f"- {i.text} (weight {i.weight})" for i in items] or ["- (none yet)"]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class TowsStrategy:
    """One TOWS pairing and the prompt templates it fills with an internal/external item."""

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
        "Use strength '{i}' to seize opportunity '{e}'.",
        "利用优势「{i}」抓住机会「{e}」。",
    ),
    TowsStrategy(
        "ST",
        "strengths",
        "threats",
        "Use strength '{i}' to counter threat '{e}'.",
        "利用优势「{i}」应对威胁「{e}」。",
    ),
    TowsStrategy(
        "WO",
        "weaknesses",
        "opportunities",
        "Take opportunity '{e}' to overcome weakness '{i}'.",
        "借助机会「{e}」克服劣势「{i}」。",
    ),
    TowsStrategy(
        "WT",
        "weaknesses",
        "threats",
        "Reduce weakness '{i}' to avoid threat '{e}'.",
        "减少劣势「{i}」以规避威胁「{e}」。",
    ),
)


def _heaviest(items: tuple[SWOTItem, ...], top: int) -> list[SWOTItem]:
    """The ``top`` items by weight; ties keep the learner's order."""
    return sorted(items, key=lambda item: -item.weight)[:top]


def tows(swot: SWOT, top: int = 2) -> pd.DataFrame:
    """Return SO/ST/WO/WT strategy prompts pairing the ``top`` heaviest items of each side.

    Columns: ``strategy``, ``internal``, ``external``, ``prompt`` (English) and ``zh``.
    """
    if not isinstance(swot, SWOT):
        raise fail("swot", swot, "a SWOT")
    top = int(check_number("top", top, minimum=1, maximum=10, integer=True))
    rows = [
        {
            "strategy": s.key,
            "internal": i.text,
            "external": e.text,
            "prompt": s.en.format(i=i.text, e=e.text),
            "zh": s.zh.format(i=i.text, e=e.text),
        }
        for s in TOWS_STRATEGIES
        for i in _heaviest(swot.items(s.internal), top)
        for e in _heaviest(swot.items(s.external), top)
    ]
    return pd.DataFrame(rows, columns=["strategy", "internal", "external", "prompt", "zh"])


@dataclass(frozen=True)
class MatrixCell:
    """One cell of the opportunity or threat matrix and the advice for it."""

    key: str
    en: str
    zh: str
    advice: str


OPPORTUNITY_CELLS = {
    ("high", "high"): MatrixCell(
        "pursue_now",
        "Pursue now",
        "优先把握",
        "Attractive and likely to succeed: put people and money behind it now.",
    ),
    ("high", "low"): MatrixCell(
        "build_capability",
        "Build the capability first",
        "提升能力后争取",
        "Attractive but hard to win: fix what limits our chance, then go for it.",
    ),
    ("low", "high"): MatrixCell(
        "take_if_cheap",
        "Take it if it is cheap",
        "顺势而为",
        "Easy but small: take it only if it costs little and does not distract.",
    ),
    ("low", "low"): MatrixCell(
        "set_aside",
        "Set aside",
        "暂时放弃",
        "Neither attractive nor likely: spend nothing on it; look again at the next review.",
    ),
}
THREAT_CELLS = {
    ("high", "high"): MatrixCell(
        "contingency_now",
        "Prepare a contingency plan now",
        "立即制定应变计划",
        "Serious and likely: plan the response now and assign who acts when it happens.",
    ),
    ("high", "low"): MatrixCell(
        "monitor_closely",
        "Monitor closely, keep a fallback plan",
        "密切监视并准备后备方案",
        "Serious but unlikely: watch the warning signs and keep a fallback plan ready.",
    ),
    ("low", "high"): MatrixCell(
        "manage_routinely",
        "Handle it in day-to-day work",
        "日常管理中应对",
        "Likely but mild: absorb it in the normal plan; no special measures.",
    ),
    ("low", "low"): MatrixCell(
        "note_and_review",
        "Note it and review periodically",
        "记录在案，定期复查",
        "Mild and unlikely: note it and check again at the next review.",
    ),
}


def _level(field: str, value: Any) -> str:
    """Return "high" or "low" from the words or from a number 0–1 (0.5 and above is high)."""
    if isinstance(value, str):
        return check_choice(field, value.strip().lower(), ("high", "low"))
    try:
        number = check_number(field, value, minimum=0, maximum=1)
    except ValueError:
        raise fail(field, value, "'high', 'low' or a number from 0 to 1") from None
    return "high" if number >= 0.5 else "low"


def opportunity_cell(attractiveness: Any, probability: Any) -> MatrixCell:
    """Place an opportunity by attractiveness (吸引力) and probability of success (成功概率)."""
    return OPPORTUNITY_CELLS[
        (_level("attractiveness", attractiveness), _level("probability", probability))
    ]


def threat_cell(seriousness: Any, probability: Any) -> MatrixCell:
    """Place a threat by seriousness (严重性) and probability of occurrence (发生概率)."""
    return THREAT_CELLS[(_level("seriousness", seriousness), _level("probability", probability))]
