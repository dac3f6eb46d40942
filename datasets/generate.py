"""Generate the case company's data: 华信工业涂料 Huaxin Industrial Coatings (fictional).

Run ``python datasets/generate.py`` to (re)write the CSV files in ``kamlib/data/``, where the
package ships them (with their data dictionary, ``kamlib/data/README.md``). The output is
deterministic: one fixed seed drives a numpy ``Generator``, and a test checks that
the committed CSVs equal what :func:`build_tables` produces. Every company and person in the
data is invented. :func:`synthetic_book` makes large books in memory for benchmarks only.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from kamlib import settings
from kamlib.datasets import CATEGORIES, SCHEMA
from kamlib.validation import check_number

SEED = 20251231
HERE = Path(__file__).resolve().parent
#: Where the package ships the case data: the generator writes there.
OUT = HERE.parent / "kamlib" / "data"
START = pd.Timestamp("2023-01-01")
N_MONTHS = 36
LOOKBACK_DAYS = 180
#: The data is built for the course's default settings (kamlib/course_settings.toml), never
#: for an instructor's own file, so that it is the same on every machine.
_DEFAULTS = settings.load()
#: The last day of the data: the course's default "today".
AS_OF = _DEFAULTS.today
#: The default cut points of the 0–4 purchasing scores.
SCORE_CUTS_CNY = _DEFAULTS.score_cuts_cny
#: The default visit frequency in days by account class.
VISIT_DAYS = dict(_DEFAULTS.visit_days)

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
CITY_ZH = {
    "Suzhou": "苏州", "Shanghai": "上海", "Wuxi": "无锡", "Changzhou": "常州", "Ningbo": "宁波",
    "Hangzhou": "杭州", "Nanjing": "南京", "Hefei": "合肥", "Nantong": "南通", "Zhoushan": "舟山",
    "Guangzhou": "广州", "Shenzhen": "深圳", "Foshan": "佛山", "Dongguan": "东莞",
    "Zhuhai": "珠海", "Tianjin": "天津", "Beijing": "北京", "Tangshan": "唐山", "Baoding": "保定",
    "Taiyuan": "太原", "Wuhan": "武汉", "Changsha": "长沙", "Zhengzhou": "郑州", "Zhuzhou": "株洲",
    "Xiangyang": "襄阳", "Chengdu": "成都", "Chongqing": "重庆", "Xi'an": "西安",
    "Mianyang": "绵阳", "Liuzhou": "柳州",
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
    # work facts follow the person's function (six each, so one draw picks one per person)
    "responsibilities": {
        "purchasing": ["Supplier selection and annual contracts", "Cost reduction targets",
                       "Approving new suppliers", "Negotiating prices and payment terms",
                       "Securing supply for new projects", "Supplier performance reviews"],
        "finance": ["Paying suppliers on time", "Cost reduction targets",
                    "Budget control for materials", "Credit terms and supplier payments",
                    "Inventory value and working capital", "Approving capital spending"],
        "production": ["Line uptime and scrap rate", "Paint line output and quality",
                       "Inventory and delivery schedules", "Approving new materials on the line",
                       "Operator training", "Safety and emissions on the shop floor"],
        "quality": ["Incoming inspection of materials", "Approving new materials",
                    "Customer complaint handling", "Supplier quality audits",
                    "Defect and scrap reporting", "Certification (ISO 9001, IATF 16949)"],
        "R&D": ["Approving new materials", "Qualifying new formulations",
                "Product specifications", "Testing and line trials", "Cost-down engineering",
                "New product launches"],
        "logistics": ["Inventory and delivery schedules", "Supplier lead times",
                      "Hazardous goods storage", "Transport planning", "Stock levels",
                      "Imports and customs"],
        "management": ["Plant results and budget", "Strategic supplier decisions",
                       "Cost reduction targets", "Expansion and new plants",
                       "Environmental compliance", "Key customer relationships"],
    },
    "performance": ["Met this year's savings target early", "Under pressure after a recall",
                    "Promoted last year", "Rated top performer in the plant",
                    "Struggling with a new ERP system"],
    "objectives": {
        "purchasing": ["Cut material cost by 5% next year", "Reduce the number of suppliers",
                       "Localise imported materials", "Shorten supplier lead times",
                       "Lock in prices for two years", "Qualify a second source"],
        "finance": ["Cut material cost by 5% next year", "Extend payment terms to 90 days",
                    "Reduce inventory value by 10%", "Keep the materials budget flat",
                    "Improve cash flow", "Cut working capital"],
        "production": ["Halve paint defects", "Reduce VOC emissions to meet the new standard",
                       "Raise line uptime to 95%", "Qualify a waterborne alternative",
                       "Cut paint consumption per part", "Shorten changeover times"],
        "quality": ["Halve paint defects", "Cut incoming rejects",
                    "Pass the customer's IATF 16949 audit", "Reduce warranty claims",
                    "Qualify a waterborne alternative", "Tighten supplier specifications"],
        "R&D": ["Qualify a waterborne alternative", "Reduce VOC emissions to meet the new standard",
                "Develop a lighter coating system", "Localise imported materials",
                "Launch the new product range on time", "Cut material cost through redesign"],
        "logistics": ["Shorten supplier lead times", "Cut stock of hazardous goods",
                      "Move to weekly deliveries", "Reduce expedited freight",
                      "Localise imported materials", "Improve delivery reliability"],
        "management": ["Reduce VOC emissions to meet the new standard", "Grow output by 10%",
                       "Cut material cost by 5% next year", "Open the new plant on time",
                       "Pass the environmental inspection", "Localise imported materials"],
    },
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
         "Customer raised two late deliveries; no agreement yet", "Send revised delivery plan",
         "Ask logistics to propose a buffer stock"),
        ("Present the waterborne primer trial results", "Customer approved a line trial",
         "Customer wants more data on salt-spray resistance", "Schedule the line trial",
         "Send the salt-spray test report"),
        ("Negotiate the 2026 annual contract", "Volumes and prices agreed in principle",
         "Price gap of 4% remains open", "Send the contract draft",
         "Prepare a value-in-use comparison"),
        ("Introduce our technical service team", "Technical teams set a monthly call",
         "Production manager was unavailable", "Book a plant visit for the engineers",
         "Propose two new dates to the production manager"),
        ("Resolve the adhesion complaint on batch 2511", "Root cause found: surface prep",
         "Complaint still open; customer wants compensation", "Share the 8D report",
         "Escalate to our quality manager"),
        ("Explore the new EV battery-pack project", "We are on the supplier shortlist",
         "Project owner not identified yet", "Prepare a sealant sample kit",
         "Ask our contact in R&D who owns the project"),
        ("Meet the new purchasing director", "Good first meeting; relationship started",
         "Meeting cut short; director only had ten minutes", "Invite the director to our lab",
         "Send a one-page introduction and ask for a longer meeting"),
        ("Check payment of overdue invoices", "Payment plan agreed with finance",
         "Finance asks for 30 more days", "Confirm the payment plan in writing",
         "Escalate to our finance manager"),
        ("Present the powder coating cost-down proposal", "Customer will test the proposal",
         "Customer prefers current supplier for now", "Send the cost comparison",
         "Offer a small-batch trial"),
        ("Joint planning meeting for 2026 volumes", "Forecast shared for the first half-year",
         "Customer could not share a forecast", "Book the monthly volume review",
         "Follow up on the forecast in January"),
    ],
    columns=["objective", "met", "not_met", "next_met", "next_not_met"],
)
CANCEL_REASONS = np.array(["Cancelled: customer rescheduled", "Cancelled: plant shutdown",
                           "Cancelled: our KAM was ill", "Cancelled: travel disruption"])


# --- building the tables -----------------------------------------------------------------


def _keys(prefix: str, count: int, width: int, numbers: np.ndarray | None = None
          ) -> np.ndarray:
    """Keys ``prefix`` + number zero-padded to ``width`` digits, e.g. AC001; numbers 1..count."""
    numbers = np.arange(1, count + 1) if numbers is None else numbers
    return np.char.add(prefix, np.char.zfill(numbers.astype(str), width))


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
        "account_id": _keys("AC", n, 3),
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
    return pd.DataFrame({"account": rows, "month": months, "revenue": revenue[rows, months]})


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
    frame.insert(0, "order_id", _keys("SO", len(frame), 6))
    return frame.reset_index(drop=True)


def _revenue_windows(transactions: pd.DataFrame, ids: pd.Index) -> pd.DataFrame:
    """Per account: revenue by calendar year, last order, and the two trailing 12-month sums."""
    date = transactions["date"]
    revenue = transactions["revenue_cny"]
    by_account = transactions["account_id"]
    year_cut = AS_OF - pd.DateOffset(months=12)
    frame = revenue.groupby([by_account, date.dt.year]).sum().unstack(fill_value=0.0)
    frame = frame.reindex(index=ids, fill_value=0.0)
    frame["last_order"] = date.groupby(by_account).max().reindex(ids)
    frame["first_order"] = date.groupby(by_account).min().reindex(ids)
    frame["recent"] = revenue[date > year_cut].groupby(by_account).sum().reindex(ids,
                                                                                fill_value=0.0)
    previous = (date > year_cut - pd.DateOffset(months=12)) & (date <= year_cut)
    frame["previous"] = revenue[previous].groupby(by_account).sum().reindex(ids, fill_value=0.0)
    return frame


def _finish_accounts(rng: np.random.Generator, base: pd.DataFrame, vip: np.ndarray,
                     windows: pd.DataFrame) -> pd.DataFrame:
    """Add capacity, influence, VIP flag and first order date, all consistent with the trade."""
    n = len(base)
    traded = windows["first_order"].notna().to_numpy()
    peak = windows[[2023, 2024, 2025]].max(axis=1).to_numpy()
    wallet_share = np.clip(rng.beta(3.0, 3.5, n), 0.10, 0.90)
    capacity = np.where(traded, peak / wallet_share, rng.lognormal(np.log(2_500_000), 1.0, n))
    heavyweight_low_buyer = vip & (windows[2025].to_numpy() < SCORE_CUTS_CNY[1])
    capacity = np.where(heavyweight_low_buyer, rng.uniform(30e6, 90e6, n), capacity)
    capacity = np.ceil(capacity / 10_000) * 10_000
    rank = pd.Series(capacity).rank(pct=True).to_numpy()
    influence = np.clip(np.round(rank * 4 + rng.normal(0, 0.7, n)), 0, 4).astype(int)
    influence = np.where(vip, np.where(heavyweight_low_buyer, 5, rng.integers(4, 6, n)),
                         influence)
    first = windows["first_order"].to_numpy()
    long_standing = first < np.datetime64("2023-02-01")
    earlier = pd.Timestamp("2009-01-01") + pd.to_timedelta(rng.integers(0, 5100, n), "D")
    accounts = base.assign(
        capacity_cny=capacity,
        influence=influence,
        vip=vip,
        first_order_date=np.where(long_standing, earlier.to_numpy(), first),
    )
    accounts["first_order_date"] = accounts["first_order_date"].astype("datetime64[ns]")
    return accounts


def _grid_class(revenue_2025: np.ndarray, capacity: np.ndarray, vip: np.ndarray) -> np.ndarray:
    """The course's default XY-grid class (A, B, C) with VIP overriding it."""
    x = np.searchsorted(SCORE_CUTS_CNY, revenue_2025, side="right")
    y = np.searchsorted(SCORE_CUTS_CNY, capacity, side="right")
    grid = np.select([(x >= 3) & (y >= 3), y <= 1], ["A", "C"], "B")
    return np.where(vip, "VIP", grid)


def _target_stage(rng: np.random.Generator, windows: pd.DataFrame,
                  account_class: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The relationship stage (1–6) each account ends up in, and how deep its contacts go."""
    traded = windows["first_order"].notna().to_numpy()
    silent = (windows["last_order"] < AS_OF - pd.Timedelta(days=LOOKBACK_DAYS)).to_numpy()
    falling = (windows["recent"] < 0.5 * windows["previous"]).to_numpy()
    uniform = rng.random(len(windows))
    mixes = np.cumsum(list(STAGE_MIX.values()), axis=1)
    cumulative = mixes[pd.Index(list(STAGE_MIX)).get_indexer(account_class)]
    depth = 2 + (uniform[:, None] > cumulative).sum(axis=1)
    stage = np.select([~traded, silent | falling], [1, 6], depth)
    return stage, np.where(traded, depth, 1)


def _contact_rows(rng: np.random.Generator, accounts: pd.DataFrame, counts: np.ndarray,
                  pairs: list[tuple[str, str]]) -> pd.DataFrame:
    """``counts[i]`` contacts for account i, each a distinct (our, their) function pair."""
    account = np.repeat(np.arange(len(accounts)), counts)
    nth = pd.Series(account).groupby(account).cumcount().to_numpy()
    offset = rng.integers(0, len(pairs), len(accounts))[account]
    pair = np.array(pairs, dtype=object)[(offset + nth) % len(pairs)]
    return pd.DataFrame({"account": account, "our_function": pair[:, 0],
                         "their_function": pair[:, 1]})


def _contacts(rng: np.random.Generator, accounts: pd.DataFrame, depth: np.ndarray
              ) -> pd.DataFrame:
    """Who at Huaxin talks to whom at each account; the depth sets the stage they show."""
    n = len(accounts)
    prospect = depth == 1
    no_contact = (depth == 2) & (rng.random(n) < 0.15)
    n_core = np.where(prospect, rng.choice([0, 1, 2], n, p=[0.35, 0.5, 0.15]),
                      np.where(no_contact, 0, 1 + (rng.random(n) < 0.3)))
    core = _contact_rows(rng, accounts, n_core, [("key account management", "purchasing")])
    core_nth = core.groupby("account").cumcount().to_numpy()
    first_level = rng.choice(3, n, p=[0.25, 0.65, 0.10])[core["account"]]
    core["their_level"] = np.array(CATEGORIES["level"])[(first_level + core_nth) % 3]
    core["our_level"] = "manager"
    mid = _contact_rows(rng, accounts, np.where(depth >= 3, 1 + np.minimum(
        rng.poisson(1.0, n), 3), 0), MID_PAIRS)
    mid["our_level"] = np.where(mid["our_function"] == "management", "executive", "manager")
    mid["their_level"] = np.where((mid["their_function"] == "management")
                                  | (rng.random(len(mid)) < 0.25), "executive", "manager")
    staff = _contact_rows(rng, accounts, np.where(depth >= 4, 1 + np.minimum(
        rng.poisson(0.7, n), 2), 0), STAFF_PAIRS)
    staff["our_level"] = staff["their_level"] = "staff"
    joint = _contact_rows(rng, accounts, np.where(depth == 5, 1 + np.minimum(
        rng.poisson(0.4, n), 2), 0), JOINT_PAIRS)
    joint["our_level"] = joint["their_level"] = "manager"
    joint["joint_team"] = True
    rows = pd.concat([core, mid, staff, joint], ignore_index=True)
    rows["joint_team"] = rows["joint_team"].fillna(False).astype(bool)
    rows = rows.sort_values(["account"], kind="stable").reset_index(drop=True)
    kam_side = rows["our_function"] == "key account management"
    rows["our_person"] = np.where(
        kam_side, accounts["kam"].to_numpy()[rows["account"]],
        _pick_by_group(rng, OUR_PEOPLE, rows["our_function"].where(~kam_side, "management")))
    # since: a core contact dates from the start of trade, others came later
    first = accounts["first_order_date"].to_numpy()[rows["account"]]
    begin = pd.Series(first).fillna(AS_OF - pd.Timedelta(days=300))
    begin = begin.clip(lower=pd.Timestamp("2016-01-01"))
    span = (AS_OF - pd.Timedelta(days=20) - begin).dt.days.to_numpy()
    share = np.where(kam_side, rng.uniform(0, 0.15, len(rows)), rng.uniform(0.1, 1, len(rows)))
    rows["since"] = (begin + pd.to_timedelta((span * share).astype(int), "D")).to_numpy()
    rows["account_id"] = accounts["account_id"].to_numpy()[rows["account"]]
    person = rows.groupby(["account", "their_function", "their_level"], sort=False).ngroup()
    # one contact per pair of people: a joint-team link replaces the plain one
    rows = (rows.assign(person=person)
            .sort_values(["account", "joint_team"], ascending=[True, False], kind="stable")
            .drop_duplicates(["account", "our_person", "person"])
            .sort_index().reset_index(drop=True))
    person = rows.groupby(["account", "their_function", "their_level"], sort=False).ngroup()
    rows["their_person_id"] = _keys("P", len(rows), 4, person.to_numpy() + 1)
    rows["contact_id"] = _keys("CT", len(rows), 4)
    return rows


def _people(rng: np.random.Generator, contacts: pd.DataFrame) -> pd.DataFrame:
    """The customer information file (客户信息档案) of every person our contacts reach."""
    people = (contacts.drop_duplicates("their_person_id")
              .rename(columns={"their_person_id": "person_id", "their_function": "function",
                               "their_level": "level"})
              .sort_values("person_id").reset_index(drop=True))
    n = len(people)
    people["name"] = _person_names(rng, n)
    level_index = pd.Index(CATEGORIES["level"]).get_indexer(people["level"])
    titles = np.array(list(TITLES.values()), dtype=object)
    people["title"] = titles[pd.Index(list(TITLES)).get_indexer(people["function"]), level_index]
    for field, options in PEOPLE_TEXT.items():
        if isinstance(options, dict):  # by function: the same draw, read in the person's row
            table = np.array([options[f] for f in TITLES], dtype=object)
            row = pd.Index(list(TITLES)).get_indexer(people["function"])
            people[field] = table[row, rng.integers(0, table.shape[1], n)]
        else:
            people[field] = _pick(rng, options, n)
    size = people.groupby("account_id")["name"].transform("size")
    first_row = people.groupby("account_id")["name"].transform("first")
    next_name = people.groupby("account_id")["name"].shift(-1).fillna(first_row)
    people["colleagues"] = ("Works closely with " + next_name).where(size > 1)
    blank = rng.random((n, len(PEOPLE_TEXT))) < PEOPLE_BLANK_SHARE
    fields = list(PEOPLE_TEXT)
    people[fields] = people[fields].mask(blank)
    return people


def _visits(rng: np.random.Generator, accounts: pd.DataFrame, account_class: np.ndarray,
            prospect: np.ndarray) -> pd.DataFrame:
    """2025 visits (done or cancelled) and visits planned for January 2026.

    Visits follow each class's frequency; a few A accounts were last visited long ago and
    have nothing planned: they are overdue on ``AS_OF``.
    """
    n = len(accounts)
    frequency = pd.Series(account_class).map(VISIT_DAYS).to_numpy()
    frequency = np.where(prospect & ~accounts["vip"].to_numpy(), 120, frequency)
    slots = 20
    gaps = frequency[:, None] * rng.uniform(0.70, 1.0, (n, slots))
    first = np.where(prospect, rng.uniform(60, 300, n), rng.uniform(0, 1, n) * frequency)
    offset = first[:, None] + np.cumsum(gaps, axis=1) - gaps[:, :1]
    a_accounts = np.flatnonzero(account_class == "A")
    overdue = np.zeros(n, dtype=bool)
    overdue[rng.choice(a_accounts, 5, replace=False)] = True
    year_start = pd.Timestamp("2025-01-01")
    horizon = (pd.Timestamp("2026-01-31") - year_start).days
    stop = np.where(overdue, (AS_OF - year_start).days - rng.uniform(45, 100, n), horizon)
    account, slot = np.nonzero(offset <= stop[:, None])
    date = year_start + pd.to_timedelta(offset[account, slot].astype(int), "D")
    past = np.asarray(date <= AS_OF)
    cancelled = past & (rng.random(len(account)) < 0.08)
    done = past & ~cancelled
    met = rng.random(len(account)) < 0.7
    text = VISIT_TEXT.iloc[rng.integers(0, len(VISIT_TEXT), len(account))]
    visits = pd.DataFrame({
        "account_id": accounts["account_id"].to_numpy()[account],
        "kam": accounts["kam"].to_numpy()[account],
        "date": date,
        "status": np.select([done, cancelled], ["done", "cancelled"], "planned"),
        "objective": text["objective"].to_numpy(),
        "outcome": np.select([done & met, done, cancelled],
                             [text["met"], text["not_met"], _pick(rng, CANCEL_REASONS,
                                                                  len(account))], None),
        "next_step": np.select([done & met, done, cancelled],
                               [text["next_met"], text["next_not_met"], "Reschedule the visit"],
                               None),
        "objective_met": pd.array(np.where(done, met, None), dtype="boolean"),
    })
    visits = visits.sort_values(["date", "account_id"], kind="stable").reset_index(drop=True)
    visits.insert(0, "visit_id", _keys("V", len(visits), 4))
    return visits


def _product_lines(transactions: pd.DataFrame) -> pd.DataFrame:
    """The ten product lines with their market figures and 2025 revenue."""
    in_2025 = transactions[transactions["date"].dt.year == AS_OF.year]
    revenue = in_2025.groupby("line_id")["revenue_cny"].sum()
    lines = PRODUCT_LINES.copy()
    lines["revenue_cny"] = lines["line_id"].map(revenue).fillna(0.0).round(2)
    return lines


def build_tables(seed: int = SEED) -> dict[str, pd.DataFrame]:
    """Build every case table from ``seed``; same seed, same tables."""
    seed = check_number("seed", seed, minimum=0, integer=True)
    rng = np.random.default_rng(seed)
    base = _accounts_base(rng)
    vip = _choose_vips(rng, base)
    transactions = _transactions(rng, base)
    windows = _revenue_windows(transactions, pd.Index(base["account_id"]))
    accounts = _finish_accounts(rng, base, vip, windows)
    account_class = _grid_class(windows[2025].to_numpy(), accounts["capacity_cny"].to_numpy(),
                                vip)
    stage, depth = _target_stage(rng, windows, account_class)
    contacts = _contacts(rng, accounts, depth)
    tables = {
        "accounts": accounts,
        "transactions": transactions,
        "product_lines": _product_lines(transactions),
        "contacts": contacts,
        "visits": _visits(rng, accounts, account_class, stage == 1),
        "people": _people(rng, contacts),
    }
    return {name: frame[list(SCHEMA[name])].reset_index(drop=True)
            for name, frame in tables.items()}


def write_tables(tables: dict[str, pd.DataFrame], folder: Path) -> list[Path]:
    """Write each table as ``<name>.csv`` in ``folder`` with stable formatting."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in tables.items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n",
                     float_format="%.2f", date_format="%Y-%m-%d")
        paths.append(path)
    return paths


def synthetic_book(n_accounts: int, n_transactions: int, seed: int = 0
                   ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A large random book of accounts and transactions, in memory, for benchmarks.

    Accounts get a lognormal trade level, so revenue is concentrated as in real B2B books.
    Returns ``(accounts, transactions)``: accounts has ``account_id``, ``capacity_cny``,
    ``vip``; transactions has ``date``, ``account_id`` (categorical) and ``revenue_cny``.
    """
    n_accounts = check_number("n_accounts", n_accounts, minimum=1, integer=True)
    n_transactions = check_number("n_transactions", n_transactions, minimum=0, integer=True)
    seed = check_number("seed", seed, minimum=0, integer=True)
    rng = np.random.default_rng(seed)
    ids = pd.Index(_keys("AC", n_accounts, 7), dtype="str")
    level = rng.lognormal(0.0, 1.45, n_accounts)
    per_account = rng.multinomial(n_transactions, level / level.sum())
    codes = np.repeat(np.arange(n_accounts, dtype=np.int32), per_account)
    rng.shuffle(codes)
    revenue = np.round(rng.lognormal(np.log(20_000), 0.8, n_transactions), 2)
    days = rng.integers(0, (AS_OF - START).days + 1, n_transactions)
    transactions = pd.DataFrame({
        "date": START.to_datetime64() + days.astype("timedelta64[D]"),
        "account_id": pd.Categorical.from_codes(codes, categories=ids),
        "revenue_cny": revenue,
    })
    yearly = np.bincount(codes, weights=revenue, minlength=n_accounts) / 3
    capacity = np.ceil(np.maximum(yearly, 1.0) / rng.uniform(0.1, 0.9, n_accounts))
    accounts = pd.DataFrame({"account_id": ids, "capacity_cny": capacity,
                             "vip": rng.random(n_accounts) < 0.01})
    return accounts, transactions


def main() -> None:
    """Write the case CSVs into the package's data folder."""
    for path in write_tables(build_tables(), OUT):
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    sys.exit(main())
