"""Where to find the right customers (通过什么途径可以确定正确的客户, L3.2).

The handout names five sources. :data:`SOURCES` says for each what to look for and gives an
example for the case company, Huaxin Industrial Coatings (华信工业涂料).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Source:
    """One source of prospects: key, names, what to look for, an example for Huaxin."""

    key: str
    en: str
    zh: str
    look_for: str
    example: str


SOURCES: tuple[Source, ...] = (
    Source(
        "colleagues_systems",
        "Colleagues and the company's information systems",
        "同事与公司信息系统",
        "Accounts that buy a little today but have a large capacity; quotes that were never "
        "won; leads noted by technical service, logistics or finance.",
        "The CRM shows a furniture maker in Ningbo that buys only primer from us while its "
        "capacity estimate is five times higher: a target for the topcoat line.",
    ),
    Source(
        "competitors",
        "Competitors",
        "竞争对手",
        "Whom competitors supply, where their service or delivery is weak, who is unhappy "
        "after a price rise or a quality problem.",
        "A rival raised its sealant prices by 8%; its rail-equipment customers in North China "
        "are worth a call this quarter.",
    ),
    Source(
        "new_customers",
        "New customers",
        "新客户",
        "New plants, new product lines and new entrants in our industries; whom our new "
        "customers buy from and sell to.",
        "A battery maker opening a plant in Hefei needs insulating coatings: put it in the "
        "wish file (希望档案) and plan a first visit.",
    ),
    Source(
        "industry_bodies",
        "Industry bodies and associations",
        "学会/协会",
        "Member lists, trade fairs, standards committees and technical seminars where "
        "decision makers meet.",
        "The coatings industry association's seminar on new VOC limits gathers the quality "
        "managers of appliance makers: present our waterborne range there.",
    ),
    Source(
        "media",
        "Internet, magazines, newspapers and other media",
        "网络、杂志、报纸等媒体",
        "Investment news, plant openings, tenders, hiring ads and annual reports that show "
        "growth or a change of supplier.",
        "A news item on a wind-turbine maker doubling blade output in Jiangsu points to a "
        "need for blade coatings next year.",
    ),
)


def sources_table() -> pd.DataFrame:
    """:data:`SOURCES` as a table: key, en, zh, look_for, example."""
    return pd.DataFrame([vars(source) for source in SOURCES])
