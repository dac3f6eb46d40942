"""Marketing objectives from the Ansoff matrix (安索夫矩阵) [L2.10].

Existing or new products against existing or new markets give four growth strategies:
market penetration (市场渗透), product development (产品开发), market development
(市场延伸) and diversification (多元化). The further from what we know, the higher the risk.
Examples are from the case company, Huaxin Industrial Coatings (华信工业涂料).
"""

from __future__ import annotations

from dataclasses import dataclass

from kamlib._validation import check_bool


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
