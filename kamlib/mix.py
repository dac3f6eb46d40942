"""The marketing mix (营销策略组合) [L2.12]: the 4P levers and the 4C seen by the customer.

``FOUR_P`` lists the seller's levers under Product, Price, Promotion and Place;
``FOUR_C`` pairs each P with the customer's view of it (customer solution ↔ product,
customer cost ↔ price, convenience ↔ place, communication ↔ promotion).
A :class:`MixPlan` holds the planned actions, one lever each, and shows them from
either side and which Ps have no action yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kamlib.i18n import N_, _, both
from kamlib.validation import check_choice, check_frame, check_number, check_text, fail


@dataclass(frozen=True)
class Lever:
    """One thing the seller can change inside a P, e.g. discounts (折扣) under Price.

    Examples
    --------
    >>> FOUR_P["price"].levers[1]
    Lever(key='discounts', en='Discounts', zh='折扣')
    """

    key: str
    en: str
    zh: str


@dataclass(frozen=True)
class MixElement:
    """One P of the marketing mix with its levers and the C it answers for the customer.

    Examples
    --------
    >>> FOUR_P["price"].c
    'customer_cost'
    """

    key: str
    en: str
    zh: str
    levers: tuple[Lever, ...]
    c: str

    @property
    def lever_keys(self) -> tuple[str, ...]:
        """The keys of the P's levers, in order.

        Returns
        -------
        tuple of str

        Examples
        --------
        >>> FOUR_P["price"].lever_keys
        ('list_price', 'discounts', 'allowances', 'payment_terms', 'credit')
        """
        return tuple(lever.key for lever in self.levers)


@dataclass(frozen=True)
class CustomerView:
    """One C: the customer's side of a P, with the question the customer asks.

    Examples
    --------
    >>> FOUR_C["customer_solution"].question
    'Does this solve our problem?'
    """

    key: str
    en: str
    zh: str
    p: str
    question: str


def _levers(*triples: tuple[str, str, str]) -> tuple[Lever, ...]:
    return tuple(Lever(*triple) for triple in triples)


FOUR_P: dict[str, MixElement] = {
    "product": MixElement(
        "product",
        N_("Product"),
        "产品",
        _levers(
            ("variety", N_("Variety"), "种类"),
            ("quality", N_("Quality"), "质量"),
            ("features", N_("Features"), "性能"),
            ("brand", N_("Brand"), "品牌"),
            ("packaging", N_("Packaging"), "包装"),
            ("sizes", N_("Sizes"), "规格"),
            ("services", N_("Services"), "服务"),
        ),
        "customer_solution",
    ),
    "price": MixElement(
        "price",
        N_("Price"),
        "价格",
        _levers(
            ("list_price", N_("List price"), "目录价"),
            ("discounts", N_("Discounts"), "折扣"),
            ("allowances", N_("Allowances"), "让利"),
            ("payment_terms", N_("Payment terms"), "付款"),
            ("credit", N_("Credit terms"), "信贷"),
        ),
        "customer_cost",
    ),
    "promotion": MixElement(
        "promotion",
        N_("Promotion"),
        "促销",
        _levers(
            ("sales_promotion", N_("Sales promotion"), "销售促进"),
            ("advertising", N_("Advertising"), "广告"),
            ("personal_selling", N_("Personal selling"), "人员促销"),
            ("public_relations", N_("Public relations"), "公共关系"),
            ("direct_marketing", N_("Direct marketing"), "直接营销"),
        ),
        "communication",
    ),
    "place": MixElement(
        "place",
        N_("Place"),
        "地点/渠道",
        _levers(
            ("channels", N_("Channels"), "渠道"),
            ("coverage", N_("Coverage"), "区域"),
            ("assortment", N_("Assortment"), "分类"),
            ("locations", N_("Locations"), "位置"),
            ("inventory", N_("Inventory"), "存货"),
            ("transport", N_("Transport"), "运输"),
        ),
        "convenience",
    ),
}

FOUR_C: dict[str, CustomerView] = {
    "customer_solution": CustomerView(
        "customer_solution",
        N_("Customer solution"),
        "顾客解决方案",
        "product",
        N_("Does this solve our problem?"),
    ),
    "customer_cost": CustomerView(
        "customer_cost",
        N_("Customer cost"),
        "顾客成本",
        "price",
        N_("What does it cost us in all, money, time and risk?"),
    ),
    "convenience": CustomerView(
        "convenience",
        N_("Convenience"),
        "便利",
        "place",
        N_("How easily can we get it when and where we need it?"),
    ),
    "communication": CustomerView(
        "communication",
        N_("Communication"),
        "沟通",
        "promotion",
        N_("Do they talk with us and listen, not only at us?"),
    ),
}



def _name(item: Lever | MixElement | CustomerView) -> str:
    """'Discounts (折扣)' in English, '折扣' in Chinese."""
    return both(item.en, item.zh)

_ACTION_COLUMNS = ["p", "lever", "action", "cost_cny"]


@dataclass(frozen=True)
class MixAction:
    """A planned action: which P and lever it pulls, what is done, what it costs (CNY).

    Raises
    ------
    KamValueError
        If ``p`` is not a 4P key, ``lever`` not one of its levers, ``action`` empty or
        ``cost_cny`` not a number of at least 0.

    Examples
    --------
    >>> MixAction("price", "discounts", "3% volume rebate", 90_000).cost_cny
    90000.0
    """

    p: str
    lever: str
    action: str
    cost_cny: float = 0.0

    def __post_init__(self) -> None:
        p = check_choice("p", self.p, FOUR_P)
        lever = check_choice(f"lever of {p!r}", self.lever, FOUR_P[p].lever_keys)
        object.__setattr__(self, "p", p)
        object.__setattr__(self, "lever", lever)
        object.__setattr__(self, "action", check_text("action", self.action))
        object.__setattr__(
            self, "cost_cny", float(check_number("cost_cny", self.cost_cny, minimum=0))
        )

    def to_dict(self) -> dict[str, Any]:
        """The action as a plain dict, as it is saved in the workbook.

        Returns
        -------
        dict
            ``p``, ``lever``, ``action`` and ``cost_cny``.

        Examples
        --------
        >>> MixAction("price", "discounts", "3% volume rebate", 90_000).to_dict()
        {'p': 'price', 'lever': 'discounts', 'action': '3% volume rebate', 'cost_cny': 90000.0}
        """
        return {"p": self.p, "lever": self.lever, "action": self.action, "cost_cny": self.cost_cny}


def _as_action(item: Any, position: int) -> MixAction:
    if isinstance(item, MixAction):
        return item
    if not isinstance(item, Mapping):
        raise fail(f"actions[{position}]", item, _("a MixAction or a dict with p, lever, action"))
    unknown = sorted(set(item) - set(_ACTION_COLUMNS))
    if unknown:
        raise fail(f"actions[{position}] keys", unknown,
            _("only {value}").format(value=', '.join(_ACTION_COLUMNS)))
    try:
        return MixAction(**item)
    except TypeError:
        raise fail(f"actions[{position}]", dict(item), _("keys p, lever and action")) from None


@dataclass(frozen=True)
class MixPlan:
    """The 4P actions planned for an account; immutable, ``add``/``remove`` return a new plan.

    Raises
    ------
    KamValueError
        If ``actions`` is not a list of :class:`MixAction` or dicts, or an action is bad.

    Examples
    --------
    >>> plan = MixPlan([{"p": "place", "lever": "transport", "action": "Direct delivery"}])
    >>> len(plan.actions)
    1
    """

    actions: tuple[MixAction, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.actions, (str, Mapping)) or not isinstance(self.actions, Sequence):
            raise fail("actions", self.actions, _("a list of MixAction or dicts"))
        actions = tuple(_as_action(item, i) for i, item in enumerate(self.actions))
        object.__setattr__(self, "actions", actions)

    def add(self, p: str, lever: str, action: str, *, cost_cny: float = 0.0) -> MixPlan:
        """Return a new plan with one more action (checked like every other).

        Parameters
        ----------
        p : str
            The P it belongs to: "product", "price", "promotion" or "place".
        lever : str
            One of that P's levers (``FOUR_P[p].lever_keys``).
        action : str
            What is done, in the manager's words.
        cost_cny : float, default 0.0
            What it costs, in CNY.

        Returns
        -------
        MixPlan

        Raises
        ------
        KamValueError
            If the action is bad (see :class:`MixAction`).

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> plan.total_cost()
        90000.0
        """
        return MixPlan((*self.actions, MixAction(p, lever, action, cost_cny)))

    def remove(self, index: int) -> MixPlan:
        """Return a new plan without the action at ``index`` (0 = first).

        Parameters
        ----------
        index : int
            The position of the action to remove.

        Returns
        -------
        MixPlan

        Raises
        ------
        KamValueError
            If the plan has no action at ``index``.

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> plan.remove(0).actions
        ()
        """
        if not self.actions:
            raise fail("index", index, _("an action to remove, but the plan has none"))
        index = check_number(
            "index", index, minimum=0, maximum=len(self.actions) - 1, integer=True
        )
        return MixPlan(self.actions[:index] + self.actions[index + 1 :])

    def to_frame(self) -> pd.DataFrame:
        """The actions as a table with readable P and lever names (English and 中文;
        中文 alone in the Chinese edition).

        Returns
        -------
        pandas.DataFrame
            Columns p, p_name, lever, lever_name, action and cost_cny, one row per action.

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> plan.to_frame()[["p_name", "lever_name", "cost_cny"]]
                p_name      lever_name  cost_cny
        0  Price (价格)  Discounts (折扣)   90000.0
        """
        frame = pd.DataFrame([a.to_dict() for a in self.actions], columns=_ACTION_COLUMNS)
        frame["cost_cny"] = frame["cost_cny"].astype(float)
        frame["p_name"] = frame["p"].map({k: _name(p) for k, p in FOUR_P.items()})
        lever_names = {(p.key, lever.key): _name(lever)
                       for p in FOUR_P.values() for lever in p.levers}
        keys = pd.Series(list(zip(frame["p"], frame["lever"], strict=True)), dtype=object)
        frame["lever_name"] = keys.map(lever_names).to_numpy()
        return frame[["p", "p_name", "lever", "lever_name", "action", "cost_cny"]]

    def four_c_view(self) -> pd.DataFrame:
        """The same actions seen from the customer's side: each under its C, in 4C order.

        Returns
        -------
        pandas.DataFrame
            The columns of :meth:`to_frame` after c, c_name and customer_question.

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> plan.four_c_view().loc[0, ["c", "customer_question"]].tolist()
        ['customer_cost', 'What does it cost us in all, money, time and risk?']
        """
        frame = self.to_frame()
        p_to_c = {p.key: p.c for p in FOUR_P.values()}
        frame.insert(0, "c", frame["p"].map(p_to_c))
        frame.insert(
            1, "c_name", frame["c"].map({k: _name(c) for k, c in FOUR_C.items()})
        )
        frame.insert(
            2, "customer_question", frame["c"].map({k: _(c.question) for k, c in FOUR_C.items()})
        )
        order = pd.Categorical(frame["c"], categories=list(FOUR_C), ordered=True)
        return frame.iloc[order.argsort(kind="stable")].reset_index(drop=True)

    def gaps(self) -> list[str]:
        """The Ps (keys, in 4P order) that have no action yet: a mix is only as strong as them.

        Returns
        -------
        list of str

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> plan.gaps()
        ['product', 'promotion', 'place']
        """
        used = {a.p for a in self.actions}
        return [key for key in FOUR_P if key not in used]

    def total_cost(self) -> float:
        """Sum of the actions' costs in CNY.

        Returns
        -------
        float

        Examples
        --------
        >>> MixPlan().total_cost()
        0.0
        """
        return float(sum(a.cost_cny for a in self.actions))

    def to_dict(self) -> dict[str, Any]:
        """Plain data for saving (JSON-friendly); ``from_dict`` reads it back.

        Returns
        -------
        dict
            ``{"actions": [...]}``, each action as :meth:`MixAction.to_dict` gives it.

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> MixPlan.from_dict(plan.to_dict()) == plan
        True
        """
        return {"actions": [a.to_dict() for a in self.actions]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MixPlan:
        """Rebuild a plan from ``to_dict`` output, checking every action.

        Parameters
        ----------
        data : mapping
            A dict with the single key ``"actions"``: a list of dicts (p, lever, action,
            cost_cny).

        Returns
        -------
        MixPlan

        Raises
        ------
        KamValueError
            If ``data`` has another shape or an action is bad.

        Examples
        --------
        >>> MixPlan.from_dict({"actions": [{"p": "promotion", "lever": "personal_selling",
        ...                                 "action": "Quarterly review"}]}).gaps()
        ['product', 'price', 'place']
        """
        if not isinstance(data, Mapping) or set(data) != {"actions"}:
            raise fail("data", data, _("a dict with the single key 'actions'"))
        actions = data["actions"]
        if isinstance(actions, (str, Mapping)) or not isinstance(actions, Sequence):
            raise fail("data['actions']", actions, _("a list of actions (dicts: p, lever, action)"))
        return cls(tuple(actions))

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> MixPlan:
        """Build a plan from a table, one action per row.

        Parameters
        ----------
        frame : pandas.DataFrame
            Columns p, lever, action and cost_cny (e.g. :meth:`to_frame`'s output).

        Returns
        -------
        MixPlan

        Raises
        ------
        KamValueError
            If a column is missing or an action is bad.

        Examples
        --------
        >>> plan = MixPlan().add("price", "discounts", "3% volume rebate", cost_cny=90_000)
        >>> MixPlan.from_frame(plan.to_frame()) == plan
        True
        """
        check_frame("frame", frame, _ACTION_COLUMNS)
        return cls(tuple(frame[_ACTION_COLUMNS].to_dict("records")))
