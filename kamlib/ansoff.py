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

from kamlib.segmentation import industry_sales
from kamlib.validation import check_bool, check_frame, check_number, check_text, fail


@dataclass(frozen=True)
class AnsoffStrategy:
    """One cell of the Ansoff matrix: the strategy, its risk and a B2B example."""

    key: str
    en: str
    zh: str
    new_product: bool
    new_market: bool
    risk: str
    description: str
    example: str

    @property
    def name(self) -> str:
        return f"{self.en} ({self.zh})"


ANSOFF = (
    AnsoffStrategy(
        "market_penetration",
        "market penetration",
        "市场渗透",
        new_product=False,
        new_market=False,
        risk="low",
        description="Sell more of what we already make to the markets we already serve.",
        example="Win the second plant's volume of an auto-parts maker we already supply "
        "with anti-corrosion primer, taking share from its other supplier.",
    ),
    AnsoffStrategy(
        "product_development",
        "product development",
        "产品开发",
        new_product=True,
        new_market=False,
        risk="medium",
        description="Bring new products to the customers and markets we already know.",
        example="Offer an appliance maker we already supply a new low-VOC powder coating "
        "for its next product line.",
    ),
    AnsoffStrategy(
        "market_development",
        "market development",
        "市场延伸",
        new_product=False,
        new_market=True,
        risk="medium",
        description="Take the products we already make to new customer groups or regions.",
        example="Sell our proven structural adhesives to wind-turbine blade makers, an "
        "industry we have not served before.",
    ),
    AnsoffStrategy(
        "diversification",
        "diversification",
        "多元化",
        new_product=True,
        new_market=True,
        risk="high",
        description="New products for new markets: the least known ground, the highest risk.",
        example="Start selling marine antifouling paint to shipyards: a new product and a "
        "new market at once.",
    ),
)
_BY_CELL = {(s.new_product, s.new_market): s for s in ANSOFF}


def ansoff_strategy(new_product: bool, new_market: bool) -> AnsoffStrategy:
    """Return the growth strategy for new or existing products in new or existing markets."""
    return _BY_CELL[(check_bool("new_product", new_product), check_bool("new_market", new_market))]


def single_line_accounts(
    accounts: pd.DataFrame, transactions: pd.DataFrame, year: int | None = None
) -> pd.DataFrame:
    """The accounts that bought exactly one product line in ``year`` (default: the course's).

    Columns: account_id, name, industry, line_id, revenue_cny, capacity_cny and
    share_of_wallet (revenue / capacity, NaN without a capacity), by account_id.
    """
    check_frame("accounts", accounts, ["account_id", "name"])
    sales = industry_sales(accounts, transactions, year)
    per_account = sales.groupby("account_id").agg(
        lines=("line_id", "nunique"),
        industry=("industry", "first"),
        line_id=("line_id", "first"),
        revenue_cny=("revenue_cny", "sum"),
    )
    single = per_account[per_account["lines"] == 1].drop(columns="lines").reset_index()
    details = accounts.drop_duplicates("account_id")[["account_id", "name", "capacity_cny"]]
    result = details.merge(single, on="account_id")
    capacity = result["capacity_cny"].where(result["capacity_cny"] > 0)
    result["share_of_wallet"] = result["revenue_cny"] / capacity
    columns = ["account_id", "name", "industry", "line_id", "revenue_cny", "capacity_cny",
               "share_of_wallet"]
    return result[columns].sort_values("account_id", ignore_index=True)


def cross_sell_candidates(
    accounts: pd.DataFrame,
    transactions: pd.DataFrame,
    account_id: str,
    year: int | None = None,
    min_peer_share: float = 1 / 3,
) -> pd.DataFrame:
    """Lines that the account's industry peers buy and it does not: product development at
    a known customer (产品开发), strongest first.

    Peers are the other accounts of its industry that bought in ``year``. Returns line_id,
    peers_buying, peers and peer_share (the share of peers buying the line) for the lines
    it did not buy that year and at least ``min_peer_share`` of its peers bought.
    """
    account_id = check_text("account_id", account_id)
    min_share = check_number("min_peer_share", min_peer_share, minimum=0, maximum=1)
    sales = industry_sales(accounts, transactions, year)
    industry = accounts.loc[accounts["account_id"] == account_id, "industry"]
    if industry.empty:
        raise fail("account_id", account_id, "an account_id of accounts, e.g. 'AC001'")
    own = sales["account_id"] == account_id
    peer_sales = sales[(sales["industry"] == industry.iloc[0]).to_numpy() & ~own.to_numpy()]
    peers = peer_sales["account_id"].nunique()
    buying = peer_sales.groupby("line_id")["account_id"].nunique().rename("peers_buying")
    share = buying / peers if peers else buying.astype(float)
    keep = (share >= min_share) & ~buying.index.isin(sales.loc[own, "line_id"])
    result = buying[keep].reset_index().assign(peers=peers, peer_share=share[keep].to_numpy())
    return result.sort_values(["peer_share", "line_id"], ascending=[False, True], ignore_index=True)
