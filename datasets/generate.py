"""Generate the case company's data: 华信工业涂料 Huaxin Industrial Coatings (fictional).

Run ``python datasets/generate.py`` to (re)write the CSV files beside this script. The
output is deterministic: one fixed seed drives a numpy ``Generator``, and a test checks that
the committed CSVs equal what :func:`build_tables` produces. Every company and person in the
data is invented. :func:`synthetic_book` makes large books in memory for benchmarks only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from kamlib._validation import check_number
from kamlib.datasets import AS_OF, CATEGORIES, SCHEMA, SCORE_CUTS_CNY

SEED = 20251231
HERE = Path(__file__).resolve().parent
START = pd.Timestamp("2023-01-01")
N_MONTHS = 36
LOOKBACK_DAYS = 180
#: The course's default visit frequency in days (kamlib.visits.DEFAULT_VISIT_DAYS).
VISIT_DAYS = {"A": 30, "B": 60, "C": 120, "VIP": 45}

# --- the story's building blocks -------------------------------------------------------

PRODUCT_LINES = pd.DataFrame(
    [
        # line, name, name_zh, growth %, own %, rival %, CNY per kg, margin %
        ("PL01", "Automotive primer", "汽车底漆", 4.5, 21.0, 14.0, 38.0, 0.30),
        ("PL02", "Powder coatings", "粉末涂料", 6.0, 18.0, 12.5, 26.0, 0.26),
        ("PL03", "Marine antifouling coatings", "船舶防污涂料", 3.0, 4.5, 31.0, 62.0, 0.22),
        ("PL04", "Wood coatings", "木器涂料", 2.0, 7.5, 13.5, 30.0, 0.20),
        ("PL05", "Polyurethane (PU) adhesives", "聚氨酯胶粘剂", 12.5, 16.0, 11.0, 45.0, 0.34),
        ("PL06", "Silicone sealants", "有机硅密封胶", 8.5, 10.0, 17.0, 34.0, 0.24),
        ("PL07", "Electronic potting compounds", "电子灌封胶", 18.0, 19.5, 14.5, 88.0, 0.38),
        ("PL08", "Heavy-duty anticorrosion coatings", "重防腐涂料", 11.0, 6.5, 22.0, 48.0, 0.27),
        ("PL09", "Waterborne industrial coatings", "水性工业涂料", 15.5, 6.0, 18.0, 36.0, 0.29),
        ("PL10", "Hot-melt adhesives", "热熔胶", 5.0, 12.0, 10.0, 22.0, 0.25),
    ],
    columns=[
        "line_id", "name", "name_zh", "market_growth_pct", "own_share_pct",
        "largest_rival_share_pct", "price_per_kg", "margin_rate",
    ],
)

# Industry name, Chinese company-name word, English company-name word, share of accounts,
# and the weight of each product line PL01..PL10 in what that industry buys from us.
INDUSTRIES = pd.DataFrame(
    [
        ("automotive parts", "汽车零部件", "Auto Parts", 0.20, [9, 3, 0, 0, 4, 2, 0, 0, 2, 0]),
        ("electronics", "电子", "Electronics", 0.15, [0, 1, 0, 0, 2, 4, 9, 0, 0, 1]),
        ("furniture", "家具", "Furniture", 0.10, [0, 3, 0, 9, 3, 0, 0, 0, 3, 4]),
        ("construction machinery", "工程机械", "Machinery", 0.12, [2, 4, 0, 0, 1, 2, 0, 7, 5, 0]),
        ("packaging", "包装", "Packaging", 0.10, [0, 0, 0, 0, 6, 0, 0, 0, 2, 9]),
        ("shipbuilding", "船舶", "Shipbuilding", 0.06, [0, 0, 9, 0, 1, 2, 0, 7, 0, 0]),
        ("home appliances", "电器", "Appliances", 0.15, [0, 9, 0, 0, 2, 3, 2, 0, 3, 1]),
        ("rail equipment", "轨道交通装备", "Rail Equipment", 0.05, [3, 2, 0, 0, 3, 3, 0, 5, 4, 0]),
        ("wind energy", "风电设备", "Wind Power", 0.07, [0, 0, 0, 0, 4, 2, 0, 9, 1, 0]),
    ],
    columns=["industry", "word_zh", "word_en", "weight", "line_weights"],
)

REGIONS = {
    # region: (share of accounts, cities, coastal cities for shipbuilding)
    "East China": (0.40, ["Suzhou", "Shanghai", "Wuxi", "Changzhou", "Ningbo", "Hangzhou",
                          "Nanjing", "Hefei"], ["Shanghai", "Ningbo", "Nantong", "Zhoushan"]),
    "South China": (0.22, ["Guangzhou", "Shenzhen", "Foshan", "Dongguan", "Zhuhai"],
                    ["Guangzhou", "Zhuhai"]),
    "North China": (0.15, ["Tianjin", "Beijing", "Tangshan", "Baoding", "Taiyuan"],
                    ["Tianjin", "Tangshan"]),
    "Central China": (0.13, ["Wuhan", "Changsha", "Zhengzhou", "Zhuzhou", "Xiangyang"],
                      ["Wuhan"]),
    "West China": (0.10, ["Chengdu", "Chongqing", "Xi'an", "Mianyang", "Liuzhou"],
                   ["Chongqing"]),
}
KAMS = {
    "East China": ["Gao Xinyi", "Lu Haoran", "Shen Jiawen"],
    "South China": ["Liang Zhiyuan", "Mo Qiuyan"],
    "North China": ["Dong Kaiwen"],
    "Central China": ["Tang Yuhang"],
    "West China": ["Fu Siqi"],
}
# Huaxin's own people by function (three each), who meet the customer's people.
OUR_PEOPLE = {
    "sales support": ["Xu Lanlan", "Ren Bowen", "Cao Yiming"],
    "finance": ["Qian Meilin", "Yao Guofeng", "He Shuya"],
    "technical service": ["Kong Dewei", "Lin Xiaohui", "Pan Junjie"],
    "quality": ["Jiang Ruoxi", "Wei Changfeng", "Song Peiyu"],
    "logistics": ["Cui Dalong", "Hou Minjie", "Yan Kexin"],
    "R&D": ["Dr. Shi Wenyuan", "Dr. Guo Lingyi", "Zeng Haotian"],
    "management": ["Zhou Hongda (General Manager)", "Wu Qingyun (Sales Director)",
                   "Zheng Lifang (Technical Director)"],
}
NAME_SYLLABLES = [
    ("瑞", "Rui"), ("丰", "Feng"), ("泰", "Tai"), ("鑫", "Xin"), ("宏", "Hong"), ("远", "Yuan"),
    ("德", "De"), ("盛", "Sheng"), ("凯", "Kai"), ("博", "Bo"), ("通", "Tong"), ("嘉", "Jia"),
    ("恒", "Heng"), ("诚", "Cheng"), ("永", "Yong"), ("兴", "Xing"), ("昌", "Chang"),
    ("信", "Xin"), ("安", "An"), ("达", "Da"), ("联", "Lian"), ("捷", "Jie"),
]
SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Luo", "Zheng", "Liang", "Xie",
            "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng"]
GIVEN_NAMES = ["Wei", "Fang", "Jun", "Min", "Jing", "Lei", "Yan", "Tao", "Hui", "Qiang",
               "Xiaoyu", "Jianguo", "Lihua", "Haiyan", "Zhiqiang", "Yufei", "Chenxi", "Mingzhe",
               "Ruolan", "Dongmei", "Kaiyuan", "Shufen", "Wenjie", "Yiran", "Guoqing",
               "Peiying", "Zihan", "Jiahao", "Xinyue", "Baolin"]

# Account archetypes (what happens to their trade) and how many of the 200 accounts.
ARCHETYPES = {"stable": 113, "growing": 30, "declining": 12, "lost": 12, "new": 15,
              "prospect": 18}
SEASON = np.array([0.80, 0.70, 1.00, 1.05, 1.05, 1.05, 1.00, 1.00, 1.05, 1.10, 1.10, 1.10])

# Contacts: (our function, their function) pairs by kind. "core" is our KAM with their
# purchasing; "mid" are other departments at manager level and above; "staff" are ordinary
# employees of both sides; "joint" are the matching units of a joint team.
MID_PAIRS = [("finance", "finance"), ("technical service", "production"),
             ("quality", "quality"), ("logistics", "logistics"), ("R&D", "R&D"),
             ("management", "management"), ("sales support", "purchasing"),
             ("technical service", "quality")]
STAFF_PAIRS = [("sales support", "purchasing"), ("logistics", "logistics"),
               ("technical service", "production"), ("quality", "quality"),
               ("finance", "finance")]
JOINT_PAIRS = [("technical service", "production"), ("R&D", "R&D"), ("quality", "quality"),
               ("logistics", "logistics")]
# Share of accounts of each grid class at target stage 2, 3, 4, 5 (stage 6 and 1 follow
# from the trade itself).
STAGE_MIX = {"A": [0.10, 0.30, 0.35, 0.25], "VIP": [0.10, 0.30, 0.35, 0.25],
             "B": [0.30, 0.40, 0.25, 0.05], "C": [0.60, 0.35, 0.05, 0.00]}

TITLES = {
    # their function: titles at executive, manager and staff level
    "purchasing": ("Chief Procurement Officer", "Purchasing Manager", "Buyer"),
    "finance": ("Chief Financial Officer", "Finance Manager", "Accounts Payable Clerk"),
    "production": ("Vice President Operations", "Production Manager", "Paint Line Supervisor"),
    "quality": ("Quality Director", "Quality Manager", "Incoming Inspection Engineer"),
    "R&D": ("Chief Engineer", "R&D Manager", "Materials Engineer"),
    "logistics": ("Supply Chain Director", "Logistics Manager", "Warehouse Coordinator"),
    "management": ("General Manager", "Deputy General Manager", "Assistant to the GM"),
}
PEOPLE_TEXT = {
    "family": ["Married, one daughter at university", "Married, twin sons in primary school",
               "Single, looks after elderly parents", "Married, spouse is a doctor",
               "Married, first grandchild born this year", "Newly married"],
    "hobbies": ["Badminton on weekends", "Tea culture, collects Pu'er", "Long-distance running",
                "Fishing", "Calligraphy", "Photography and hiking", "Table tennis",
                "Follows CBA basketball"],
    "social_style": ["Analytical: wants data before opinions", "Driver: brief and to the point",
                     "Amiable: values long relationships", "Expressive: enjoys big ideas"],
    "habits": ["Answers WeChat late in the evening", "Prefers morning meetings",
               "Does not drink at business dinners", "Reads every spec sheet line by line",
               "Walks the shop floor daily", "Takes notes by hand"],
    "friends": ["Old classmate of our technical director", "Active in the local coatings "
                "association", "Plays badminton with a rival's sales manager",
                "Close to the plant's general manager", "Alumni network of a Wuhan university"],
    "suppliers": ["Also buys from a European multinational", "Dual-sources with a local "
                  "competitor (Dongjiang Coatings, fictional)", "Single-sources from us in "
                  "this category", "Runs an annual tender with three bidders",
                  "Buys resins directly from a chemical group"],
    "responsibilities": ["Supplier selection and annual contracts", "Line uptime and scrap rate",
                         "Approving new materials", "Cost reduction targets",
                         "Inventory and delivery schedules", "Paying suppliers on time"],
    "performance": ["Met this year's savings target early", "Under pressure after a recall",
                    "Promoted last year", "Rated top performer in the plant",
                    "Struggling with a new ERP system"],
    "objectives": ["Cut material cost by 5% next year", "Qualify a waterborne alternative",
                   "Reduce VOC emissions to meet the new standard", "Halve paint defects",
                   "Shorten supplier lead times", "Localise imported materials"],
    "working_style": ["Decides fast once convinced", "Consults the team before deciding",
                      "Wants everything in writing", "Likes trials on the real line",
                      "Negotiates hard on price, loyal afterwards"],
    "potential": ["Likely next plant manager", "Expected to move to group headquarters",
                  "Close to retirement", "Rising star in the R&D centre",
                  "Stays in role for the next few years"],
}
PEOPLE_BLANK_SHARE = 0.18  # part of personal fields left empty: the files are never complete

VISIT_TEXT = pd.DataFrame(
    [
        ("Review Q4 delivery performance", "Agreed on a new delivery window for Q1",
         "Customer raised two late deliveries; no agreement yet", "Send revised delivery plan"),
        ("Present the waterborne primer trial results", "Customer approved a line trial",
         "Customer wants more data on salt-spray resistance", "Schedule the line trial"),
        ("Negotiate the 2026 annual contract", "Volumes and prices agreed in principle",
         "Price gap of 4% remains open", "Send the contract draft"),
        ("Introduce our technical service team", "Technical teams set a monthly call",
         "Production manager was unavailable", "Book a plant visit for the engineers"),
        ("Resolve the adhesion complaint on batch 2511", "Root cause found: surface prep",
         "Complaint still open; customer wants compensation", "Share the 8D report"),
        ("Explore the new EV battery-pack project", "We are on the supplier shortlist",
         "Project owner not identified yet", "Prepare a sealant sample kit"),
        ("Meet the new purchasing director", "Good first meeting; relationship started",
         "Meeting cut short; director only had ten minutes", "Invite the director to our lab"),
        ("Check payment of overdue invoices", "Payment plan agreed with finance",
         "Finance asks for 30 more days", "Escalate to our finance manager"),
        ("Present the powder coating cost-down proposal", "Customer will test the proposal",
         "Customer prefers current supplier for now", "Send the cost comparison"),
        ("Joint planning meeting for 2026 volumes", "Forecast shared for the first half-year",
         "Customer could not share a forecast", "Follow up on the forecast in January"),
    ],
    columns=["objective", "met", "not_met", "next_step"],
)
CANCEL_REASONS = np.array(["Cancelled: customer rescheduled", "Cancelled: plant shutdown",
                           "Cancelled: our KAM was ill", "Cancelled: travel disruption"])


# --- building the tables -----------------------------------------------------------------


def _pick(rng: np.random.Generator, options: list | np.ndarray, size: int) -> np.ndarray:
    """Draw ``size`` values uniformly from ``options``."""
    options = np.asarray(options, dtype=object)
    return options[rng.integers(0, len(options), size)]


def _pick_by_group(rng: np.random.Generator, table: dict, keys: np.ndarray) -> np.ndarray:
    """For each key, draw one value from ``table[key]`` (a list), vectorised over keys."""
    names = list(table)
    width = max(len(v) for v in table.values())
    grid = np.array([(list(v) * width)[:width] for v in table.values()], dtype=object)
    rows = pd.Index(names).get_indexer(keys)
    lengths = np.array([len(table[n]) for n in names])[rows]
    return grid[rows, (rng.random(len(keys)) * lengths).astype(int)]


def _person_names(rng: np.random.Generator, size: int) -> np.ndarray:
    """Invented Chinese names in pinyin, surname first."""
    return np.char.add(np.char.add(_pick(rng, SURNAMES, size).astype(str), " "),
                       _pick(rng, GIVEN_NAMES, size).astype(str))


def _accounts_base(rng: np.random.Generator) -> pd.DataFrame:
    """Names, places, industries, managers, archetypes and trade levels of the 200 accounts."""
    n = sum(ARCHETYPES.values())
    industry = rng.choice(INDUSTRIES["industry"], n, p=INDUSTRIES["weight"])
    words = INDUSTRIES.set_index("industry")
    region_names = list(REGIONS)
    region = rng.choice(region_names, n, p=[REGIONS[r][0] for r in region_names])
    city = np.where(
        industry == "shipbuilding",
        _pick_by_group(rng, {r: REGIONS[r][2] for r in region_names}, region),
        _pick_by_group(rng, {r: REGIONS[r][1] for r in region_names}, region),
    )
    pairs = [(a, b) for a in range(len(NAME_SYLLABLES)) for b in range(len(NAME_SYLLABLES))
             if a != b]
    chosen = np.array(pairs)[rng.choice(len(pairs), n, replace=False)]
    zh = np.array([s[0] for s in NAME_SYLLABLES])
    en = np.array([s[1] for s in NAME_SYLLABLES])
    brand_zh = np.char.add(zh[chosen[:, 0]], zh[chosen[:, 1]])
    brand_en = np.char.add(en[chosen[:, 0]], np.char.lower(en[chosen[:, 1]]))
    frame = pd.DataFrame({
        "account_id": [f"AC{i:03d}" for i in range(1, n + 1)],
        "industry": industry,
        "region": region,
        "city": city,
    })
    frame["name"] = (city + " " + brand_en + " " + words.loc[industry, "word_en"].to_numpy()
                     + " Co., Ltd.")
    city_zh = frame["city"].map(CITY_ZH).to_numpy()
    frame["name_zh"] = city_zh + brand_zh + words.loc[industry, "word_zh"].to_numpy() + "有限公司"
    frame["kam"] = _pick_by_group(rng, KAMS, region)
    frame["archetype"] = rng.permutation(np.repeat(list(ARCHETYPES), list(ARCHETYPES.values())))
    frame["base_revenue"] = rng.lognormal(np.log(850_000), 1.45, n)
    return frame


CITY_ZH = {
    "Suzhou": "苏州", "Shanghai": "上海", "Wuxi": "无锡", "Changzhou": "常州", "Ningbo": "宁波",
    "Hangzhou": "杭州", "Nanjing": "南京", "Hefei": "合肥", "Nantong": "南通", "Zhoushan": "舟山",
    "Guangzhou": "广州", "Shenzhen": "深圳", "Foshan": "佛山", "Dongguan": "东莞",
    "Zhuhai": "珠海", "Tianjin": "天津", "Beijing": "北京", "Tangshan": "唐山", "Baoding": "保定",
    "Taiyuan": "太原", "Wuhan": "武汉", "Changsha": "长沙", "Zhengzhou": "郑州", "Zhuzhou": "株洲",
    "Xiangyang": "襄阳", "Chengdu": "成都", "Chongqing": "重庆", "Xi'an": "西安",
    "Mianyang": "绵阳", "Liuzhou": "柳州",
}


def _choose_vips(rng: np.random.Generator, accounts: pd.DataFrame) -> np.ndarray:
    """Eight heavyweights: three big buyers, two low buyers, a prospect, a grower, a decliner."""
    kind = accounts["archetype"]
    stable = accounts[kind == "stable"].sort_values("base_revenue")
    picks = [
        *stable.index[-3:],  # big buyers
        *stable.index[:2],  # low buyers: influential, yet buy little from us
        rng.choice(accounts.index[kind == "prospect"]),
        rng.choice(accounts.index[kind == "growing"]),
        rng.choice(accounts.index[kind == "declining"]),
    ]
    vip = np.zeros(len(accounts), dtype=bool)
    vip[picks] = True
    return vip


def _monthly_revenue(rng: np.random.Generator, accounts: pd.DataFrame) -> pd.DataFrame:
    """Revenue per active account-month, shaped by each account's archetype."""
    n = len(accounts)
    kind = accounts["archetype"].to_numpy()
    t = np.arange(N_MONTHS)[None, :]
    late_start = rng.random(n) < 0.15
    start = np.where(late_start, rng.integers(1, 22, n), 0)
    start = np.where(kind == "new", rng.integers(24, 34, n), start)
    start = np.where(kind == "declining", 0, start)
    end = np.where(kind == "lost", rng.integers(12, 30, n), N_MONTHS - 1)
    start = np.where(kind == "lost", np.minimum(start, end - 6), start)
    growth = np.select(
        [kind == "growing", kind == "new"],
        [rng.uniform(0.30, 0.70, n), rng.uniform(0.10, 0.40, n)],
        rng.normal(0.03, 0.05, n),
    )
    trend = (1 + growth[:, None]) ** ((t - start[:, None]) / 12)
    decay_from = rng.integers(15, 21, n)[:, None]
    decay = np.exp(-rng.uniform(0.12, 0.20, n)[:, None] * np.clip(t - decay_from, 0, None))
    trend = np.where((kind == "declining")[:, None], decay, trend)
    ramp = 1 - np.exp(-(t - start[:, None] + 1) / 3)
    trend = np.where((kind == "new")[:, None], trend * ramp, trend)
    noise = rng.lognormal(-0.03, 0.25, (n, N_MONTHS))
    revenue = accounts["base_revenue"].to_numpy()[:, None] / 12 * trend * SEASON[t % 12] * noise
    active = (t >= start[:, None]) & (t <= end[:, None]) & (kind != "prospect")[:, None]
    rows, months = np.nonzero(active)
    return pd.DataFrame({"account": rows, "month": months, "revenue": revenue[rows, months],
                         "late_start": late_start[rows]})


def _transactions(rng: np.random.Generator, accounts: pd.DataFrame) -> pd.DataFrame:
    """Split each account-month into a few orders, each of one product line."""
    monthly = _monthly_revenue(rng, accounts)
    orders_per_month = 1 + np.minimum(rng.poisson(np.clip(monthly["revenue"] / 350_000, 0, 2.5)),
                                      3)
    order = monthly.loc[np.repeat(monthly.index, orders_per_month)].reset_index()
    group = order["index"].to_numpy()
    weight = rng.gamma(2.0, 1.0, len(order))
    order["revenue"] *= weight / np.bincount(group, weights=weight)[group]
    # product line: the industry's mix, perturbed per account
    line_weights = np.stack(INDUSTRIES.set_index("industry").loc[
        accounts["industry"], "line_weights"].to_numpy()).astype(float)
    line_weights *= rng.gamma(1.0, 1.0, line_weights.shape)
    cdf = np.cumsum(line_weights / line_weights.sum(axis=1, keepdims=True), axis=1)
    line_index = (rng.random(len(order))[:, None] > cdf[order["account"]]).sum(axis=1)
    lines = PRODUCT_LINES.iloc[np.minimum(line_index, len(PRODUCT_LINES) - 1)]
    first_days = pd.date_range(START, periods=N_MONTHS, freq="MS")
    days_in_month = first_days.days_in_month.to_numpy()[order["month"]]
    day = (rng.random(len(order)) * days_in_month).astype(int)
    revenue = order["revenue"].round(2).to_numpy()
    frame = pd.DataFrame({
        "date": first_days[order["month"]] + pd.to_timedelta(day, "D"),
        "account_id": accounts["account_id"].to_numpy()[order["account"]],
        "line_id": lines["line_id"].to_numpy(),
        "quantity": (revenue / lines["price_per_kg"].to_numpy()
                     * rng.lognormal(0, 0.08, len(order))).round(2),
        "revenue_cny": revenue,
        "margin_cny": (revenue * np.clip(lines["margin_rate"].to_numpy()
                                         + rng.normal(0, 0.04, len(order)), 0.02, 0.6)).round(2),
    })
    frame = frame.sort_values(["date", "account_id", "line_id"], kind="stable")
    frame.insert(0, "order_id", [f"SO{i:06d}" for i in range(1, len(frame) + 1)])
    return frame.reset_index(drop=True)
