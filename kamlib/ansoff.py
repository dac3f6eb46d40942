"""Marketing objectives from the Ansoff matrix (安索夫矩阵) [L2.10].

Existing or new products against existing or new markets give four growth strategies:
market penetration (市场渗透), product development (产品开发), market development
(市场延伸) and diversification (多元化). The further from what we know, the higher the risk.
Examples are from the case company, Huaxin Industrial Coatings (华信工业涂料).

On the order book: :func:`single_line_accounts` finds the accounts that buy one line only
(room for product development at a known customer) and :func:`cross_sell_candidates` the
lines an account's industry peers buy and it does not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kamlib.i18n import N_, _
from kamlib.segmentation import industry_sales
from kamlib.validation import (
    check_bool,
    check_frame,
    check_key_series,
    check_number,
    check_numeric_series,
    check_text,
    check_text_series,
    fail,
)


@dataclass(frozen=True)
class AnsoffStrategy:
    """One cell of the Ansoff matrix: the strategy, its risk and a B2B example.

    ``example_line``: the product line of the example (a ``line_id`` of the case data), or
    ``None`` when the example's product is one Huaxin does not make yet. ``example_industry``:
    the market of the example, an industry (as the case data names them, or one it does not
    have). :func:`example_facts` checks both against the data, so an example can never again
    sit in the wrong cell.

    Examples
    --------
    >>> strategy = ansoff_strategy(True, True)
    >>> strategy.key, strategy.risk
    ('diversification', 'high')
    """

    key: str
    en: str
    zh: str
    new_product: bool
    new_market: bool
    risk: str
    description: str
    example: str
    example_line: str | None = None
    example_industry: str = ""

    @property
    def name(self) -> str:
        """The strategy's English name with its Chinese term, as the handout prints it.

        Returns
        -------
        str

        Examples
        --------
        >>> ansoff_strategy(False, False).name
        'market penetration (市场渗透)'
        """
        return f"{self.en} ({self.zh})"


# The examples are Huaxin's, and each cell's example is checked against the case data by
# example_facts: marine antifouling coatings (PL03) already go to shipyards, so selling more
# of them there is penetration, not diversification; wind energy is already served, so it
# cannot be a new market.
ANSOFF = (
    AnsoffStrategy(
        "market_penetration",
        N_("market penetration"),
        "市场渗透",
        new_product=False,
        new_market=False,
        risk=N_("low"),
        description=N_("Sell more of what we already make to the markets we already serve."),
        example=N_(
            "Win a larger part of the antifouling-coating spend of the shipyards we already "
            "supply with marine antifouling coatings (PL03), where a rival leads the market."
        ),
        example_line="PL03",
        example_industry="shipbuilding",
    ),
    AnsoffStrategy(
        "product_development",
        N_("product development"),
        "产品开发",
        new_product=True,
        new_market=False,
        risk=N_("medium"),
        description=N_("Bring new products to the customers and markets we already know."),
        example=N_(
            "Develop a waterborne antifouling coating, a product Huaxin does not make yet, for "
            "the shipyards it already supplies, ahead of tighter VOC limits."
        ),
        example_line=None,
        example_industry="shipbuilding",
    ),
    AnsoffStrategy(
        "market_development",
        N_("market development"),
        "市场延伸",
        new_product=False,
        new_market=True,
        risk=N_("medium"),
        description=N_("Take the products we already make to new customer groups or regions."),
        example=N_(
            "Take our proven silicone sealants (PL06) to solar-module makers, an industry in "
            "which Huaxin has no customer yet (frames and junction boxes are sealed with "
            "silicone)."
        ),
        example_line="PL06",
        example_industry="solar modules",
    ),
    AnsoffStrategy(
        "diversification",
        N_("diversification"),
        "多元化",
        new_product=True,
        new_market=True,
        risk=N_("high"),
        description=N_(
            "New products for new markets: the least known ground, the highest risk."
        ),
        example=N_(
            "Develop thermal-interface gap fillers for makers of battery energy-storage "
            "systems: a product Huaxin does not make, for an industry it does not serve."
        ),
        example_line=None,
        example_industry="energy storage",
    ),
)
_BY_CELL = {(s.new_product, s.new_market): s for s in ANSOFF}


def ansoff_strategy(new_product: bool, new_market: bool) -> AnsoffStrategy:
    """Return the growth strategy for new or existing products in new or existing markets.

    Parameters
    ----------
    new_product : bool
        True for a product we do not make yet, False for one we already sell.
    new_market : bool
        True for a customer group or region we do not serve yet, False for one we serve.

    Returns
    -------
    AnsoffStrategy
        The cell of the Ansoff matrix: its name, risk, description and a case example.

    Raises
    ------
    KamValueError
        If ``new_product`` or ``new_market`` is not True or False.

    Examples
    --------
    >>> ansoff_strategy(new_product=True, new_market=False).name
    'product development (产品开发)'
    >>> ansoff_strategy(False, True).risk
    'medium'
    """
    return _BY_CELL[(check_bool("new_product", new_product), check_bool("new_market", new_market))]


def example_facts(
    accounts: pd.DataFrame,
    transactions: pd.DataFrame,
    product_lines: pd.DataFrame,
    *,
    year: int | None = None,
) -> pd.DataFrame:
    """Check each cell's example against the case data: is its product new, its market new?

    A product is new when the example names no line of ``product_lines``; a market is new
    when no account of ``accounts`` in that industry bought anything in ``year`` (default:
    the course's year).

    Parameters
    ----------
    accounts, transactions, product_lines : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    year : int, optional
        The year whose orders count (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        One row per strategy (index ``key``): ``example_line``, ``example_industry``,
        ``product_is_new``, ``market_is_new``, ``industry_accounts`` and ``industry_revenue_cny``
        (accounts of that industry buying in ``year`` and what they bought),
        ``line_revenue_in_industry_cny`` (what they bought of the example's line) and
        ``in_its_cell`` (the example's product and market are new exactly as its cell says).

    Raises
    ------
    KamValueError
        If a table lacks its columns.

    Examples
    --------
    >>> from kamlib import datasets
    >>> facts = example_facts(datasets.load("accounts"), datasets.load("transactions"),
    ...                       datasets.load("product_lines"))
    >>> bool(facts["in_its_cell"].all())
    True
    """
    check_frame("product_lines", product_lines, ["line_id"])
    lines = check_key_series("product_lines['line_id']", product_lines["line_id"],
                             kind=_("a product line"))
    sales = industry_sales(accounts, transactions, year=year)
    by_industry = sales.groupby("industry", observed=True).agg(
        industry_accounts=("account_id", "nunique"), industry_revenue_cny=("revenue_cny", "sum")
    )
    by_line = sales.groupby(["industry", "line_id"], observed=True)["revenue_cny"].sum()
    rows = []
    for strategy in ANSOFF:
        served = by_industry.index.astype(str) == strategy.example_industry
        known = by_industry[served]
        line_revenue = (
            float(by_line.get((strategy.example_industry, strategy.example_line), 0.0))
            if strategy.example_line and served.any()
            else 0.0
        )
        product_is_new = strategy.example_line not in set(lines)
        market_is_new = known.empty or int(known["industry_accounts"].iloc[0]) == 0
        rows.append(
            {
                "key": strategy.key,
                "example_line": strategy.example_line,
                "example_industry": strategy.example_industry,
                "product_is_new": product_is_new,
                "market_is_new": market_is_new,
                "industry_accounts": 0 if known.empty else int(known["industry_accounts"].iloc[0]),
                "industry_revenue_cny": (
                    0.0 if known.empty else float(known["industry_revenue_cny"].iloc[0])
                ),
                "line_revenue_in_industry_cny": line_revenue,
                "in_its_cell": (product_is_new, market_is_new)
                == (strategy.new_product, strategy.new_market),
            }
        )
    return pd.DataFrame(rows).set_index("key")


def single_line_accounts(
    accounts: pd.DataFrame, transactions: pd.DataFrame, *, year: int | None = None
) -> pd.DataFrame:
    """The accounts that bought exactly one product line in ``year`` (default: the course's).

    Such an account is room for product development at a known customer.

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    year : int, optional
        The year whose orders count (default: the course settings' year).

    Returns
    -------
    pandas.DataFrame
        Columns account_id, name, industry, line_id, revenue_cny, capacity_cny and
        share_of_wallet (revenue / capacity, NaN without a capacity), by account_id.

    Raises
    ------
    KamValueError
        If a table lacks its columns or holds a bad value (named by row).

    Examples
    --------
    >>> from kamlib import datasets
    >>> single = single_line_accounts(datasets.load("accounts"), datasets.load("transactions"))
    >>> single.loc[0, ["account_id", "line_id"]].tolist()
    ['AC054', 'PL03']
    """
    check_frame("accounts", accounts, ["account_id", "name"])
    check_text_series("accounts['name']", accounts["name"], labels=accounts["account_id"],
                      allow_missing=True)
    sales = industry_sales(accounts, transactions, year=year)
    per_account = sales.groupby("account_id").agg(
        lines=("line_id", "nunique"),
        industry=("industry", "first"),
        line_id=("line_id", "first"),
        revenue_cny=("revenue_cny", "sum"),
    )
    single = per_account[per_account["lines"] == 1].drop(columns="lines").reset_index()
    capacity = check_numeric_series(
        "accounts['capacity_cny']", accounts["capacity_cny"], minimum=0,
        labels=accounts["account_id"],
    )
    details = accounts[["account_id", "name"]].assign(capacity_cny=capacity.to_numpy())
    result = details.merge(single, on="account_id")
    capacity = result["capacity_cny"].where(result["capacity_cny"] > 0)
    result["share_of_wallet"] = result["revenue_cny"] / capacity
    columns = ["account_id", "name", "industry", "line_id", "revenue_cny", "capacity_cny",
               "share_of_wallet"]
    return result[columns].sort_values("account_id", ignore_index=True)


def cross_sell_candidates(
    accounts: pd.DataFrame,
    transactions: pd.DataFrame,
    *,
    account_id: str,
    year: int | None = None,
    min_peer_share: float = 1 / 3,
) -> pd.DataFrame:
    """Lines that the account's industry peers buy and it does not: product development at
    a known customer (产品开发), strongest first.

    Peers are the other accounts of its industry that bought in ``year``.

    Parameters
    ----------
    accounts, transactions : pandas.DataFrame
        The case tables (``kamlib.datasets.load``), or a learner's own in the same shape.
    account_id : str
        The account to sell more to, e.g. ``"AC060"``.
    year : int, optional
        The year whose orders count (default: the course settings' year).
    min_peer_share : float, default 1/3
        The smallest share of peers (0–1) that must buy a line for it to be suggested.

    Returns
    -------
    pandas.DataFrame
        Columns line_id, peers_buying, peers and peer_share (the share of peers buying the
        line), for the lines the account did not buy that year, highest peer_share first.

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of ``accounts``, ``min_peer_share`` is not a
        number from 0 to 1, or a table lacks its columns.

    Examples
    --------
    >>> from kamlib import datasets
    >>> cross_sell_candidates(datasets.load("accounts"), datasets.load("transactions"),
    ...                       account_id="AC060")
      line_id  peers_buying  peers  peer_share
    0    PL09            14     21    0.666667
    """
    account_id = check_text("account_id", account_id)
    min_share = check_number("min_peer_share", min_peer_share, minimum=0, maximum=1)
    sales = industry_sales(accounts, transactions, year=year)
    industry = accounts.loc[(accounts["account_id"] == account_id).to_numpy(), "industry"]
    if industry.empty:
        raise fail("account_id", account_id, _("an account_id of accounts, e.g. 'AC001'"))
    own = sales["account_id"] == account_id
    peer_sales = sales[(sales["industry"] == industry.iloc[0]).to_numpy() & ~own.to_numpy()]
    peers = peer_sales["account_id"].nunique()
    buying = peer_sales.groupby("line_id")["account_id"].nunique().rename("peers_buying")
    share = buying / peers if peers else buying.astype(float)
    keep = (share >= min_share) & ~buying.index.isin(sales.loc[own, "line_id"])
    result = buying[keep].reset_index().assign(peers=peers, peer_share=share[keep].to_numpy())
    return result.sort_values(["peer_share", "line_id"], ascending=[False, True], ignore_index=True)
