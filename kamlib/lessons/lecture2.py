"""Lecture 2 (第二讲): what the lecture states about the case data, in the learner's language.

Lecture 2 is taught in two notebooks: ``02a_market_environment`` (the market environment
analysis, L2.1–L2.9, sections 1–9) and ``02b_annual_plan`` (the annual plan, L2.10–L2.13
and G2, sections 10–13). Both follow one account, the learner's studied account
(:func:`studied`); every fact they state about Huaxin's books comes from a function here,
computed with the concept modules and written through ``_()``, so the English and the
Chinese editions run the same cells.

What is the course's own choice, not the handout's or the literature's, is said so where it
is used: the worked revenue objective (:data:`WORKED_GROWTH`, capped by the course settings'
plausible-change limit), the industry segment minimum (:data:`MIN_SEGMENT_CNY`), Huaxin's
low-emission lines (:data:`LOW_EMISSION_LINES`), the trainer's scores of the worked
opportunities and threats, and the worked mix's costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from kamlib import datasets, settings
from kamlib.formatting import company_name, money
from kamlib.i18n import N_, _, both, get_language, join_list
from kamlib.validation import KamValueError, check_choice, check_text, fail

if TYPE_CHECKING:
    from kamlib.account_plan import AccountPlan
    from kamlib.mix import MixPlan
    from kamlib.swot import SWOT
    from kamlib.tables import Table
    from kamlib.widgets.quiz import Quiz, QuizSet
    from kamlib.workbook import Workbook

#: The syllabus IDs each notebook of lecture 2 teaches.
PARTS = {
    "a": ("L2.1", "L2.2", "L2.3", "L2.4", "L2.5", "L2.6", "L2.7", "L2.8", "L2.9"),
    "b": ("L2.10", "L2.11", "L2.12", "L2.13", "G2"),
}
#: The sections of each notebook ("start" is the set-up), as kamlib.sources and
#: kamlib.glossary number them.
SECTIONS = {
    "a": ("start", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
    "b": ("10", "11", "12", "13"),
}
#: The worked revenue objective grows a growing account by this much; a shrinking one is
#: asked to win back last year's revenue instead, and neither goes beyond the course
#: settings' plausible change (the course's assumption).
WORKED_GROWTH = 0.10
#: A whole industry is a segment worth its own strategy from this yearly spend in our
#: category (the course's assumption; the handout gives no number).
MIN_SEGMENT_CNY = 100_000_000
#: Huaxin's low-emission lines: powder coatings and waterborne industrial coatings (no
#: solvent to evaporate). The course's reading of the product list.
LOW_EMISSION_LINES = ("PL02", "PL09")
#: Huaxin's strategic task, a course assumption: low-emission lines gain this many points of
#: revenue share by STRATEGY_YEAR.
STRATEGIC_GAIN_POINTS = 10
STRATEGY_YEAR = 2030
#: The worked plan raises the account's gross margin by this many percentage points.
MARGIN_GAIN_POINTS = 0.5
#: The worked plan lowers the part of its purchases resting on its largest line by this much.
CONCENTRATION_CUT = 0.05
#: The industries of the case data, marked for translation.
INDUSTRY_NAMES = {
    "automotive parts": N_("automotive parts"),
    "electronics": N_("electronics"),
    "furniture": N_("furniture"),
    "construction machinery": N_("construction machinery"),
    "packaging": N_("packaging"),
    "shipbuilding": N_("shipbuilding"),
    "home appliances": N_("home appliances"),
    "rail equipment": N_("rail equipment"),
    "wind energy": N_("wind energy"),
    "solar modules": N_("solar modules"),
    "energy storage": N_("energy storage"),
}


# ----------------------------------------------------------------------------- the account


@dataclass(frozen=True)
class _Account:
    """One account's facts for the course's year, as the lecture uses them."""

    account_id: str
    row: pd.Series
    year: int
    revenue: float
    previous: float
    margin: float
    bought: pd.Series  # revenue by line_id, largest first

    @property
    def name(self) -> str:
        return company_name(self.row)

    @property
    def city(self) -> str:
        """The account's city as shown (in Chinese in the Chinese edition)."""
        return str(datasets.shown_texts(self.row, "accounts")["city"])

    @property
    def capacity(self) -> float:
        return float(self.row["capacity_cny"])

    @property
    def share_of_wallet(self) -> float:
        return self.revenue / self.capacity

    @property
    def margin_rate(self) -> float:
        return self.margin / self.revenue

    @property
    def industry(self) -> str:
        return str(self.row["industry"])

    @property
    def largest_line(self) -> str:
        return str(self.bought.index[0])

    @property
    def largest_part(self) -> float:
        return float(self.bought.iloc[0]) / self.revenue


def _year() -> int:
    return settings.current().case_year


def _bought_in(year: int) -> set[str]:
    sales = datasets.load("transactions")
    return set(sales.loc[sales["date"].dt.year == year, "account_id"])


def _account(account_id: Any) -> _Account:
    """The facts of ``account_id``; it must be a case account that bought in the year."""
    account_id = check_text("account_id", account_id)
    year = _year()
    accounts = datasets.load("accounts").set_index("account_id")
    if account_id not in accounts.index or account_id not in _bought_in(year):
        raise fail("account_id", account_id,
                   _("a case account that bought from Huaxin in {year}, e.g. 'AC060'").format(
                       year=year))
    sales = datasets.load("transactions")
    own = sales[sales["account_id"] == account_id]
    this_year = own[own["date"].dt.year == year]
    bought = this_year.groupby("line_id")["revenue_cny"].sum().sort_values(ascending=False)
    return _Account(
        account_id=account_id,
        row=accounts.loc[account_id],
        year=year,
        revenue=float(this_year["revenue_cny"].sum()),
        previous=float(own.loc[own["date"].dt.year == year - 1, "revenue_cny"].sum()),
        margin=float(this_year["margin_cny"].sum()),
        bought=bought[bought > 0],
    )


def _line_name(line_id: str) -> str:
    lines = datasets.load("product_lines").set_index("line_id")
    column = "name_zh" if get_language() == "zh" else "name"
    return _("{name} ({id})").format(name=lines.at[line_id, column], id=line_id)


def _industry(name: str) -> str:
    return _(INDUSTRY_NAMES.get(name, name))


def _cny(amount: float) -> str:
    return money(amount, short=True)


def _part(part: Any) -> str:
    return check_choice("part", part, tuple(PARTS))


def studied(account_id: str | None = None) -> str:
    """The account lecture 2 plans for.

    Parameters
    ----------
    account_id : str, optional
        A case account that bought from Huaxin in the course's year. Default: the learner's
        studied account (:func:`kamlib.case.studied_account`) when it is such an account,
        else the course's thread account (:data:`kamlib.case.THREAD_ACCOUNT`): the lecture's
        worked examples need the account's orders in the case data.

    Returns
    -------
    str
        The account id.

    Raises
    ------
    KamValueError
        If ``account_id`` is given and is not a case account that bought in the year.

    Examples
    --------
    >>> studied("AC017")
    'AC017'
    """
    if account_id is not None:
        return _account(account_id).account_id
    from kamlib import case

    chosen = case.studied_account()
    if chosen.source == "case" and chosen.account_id in _bought_in(_year()):
        return chosen.account_id
    return case.THREAD_ACCOUNT


def profile(account_id: str) -> str:
    """The account as it stands: who it is, what it bought, its share of wallet and margin.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown. When the learner's studied account is not such an account (their own
        CRM export, or a case account without orders that year), a last line says that the
        lecture follows this account instead.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> print(profile("AC060").splitlines()[0])  # doctest: +ELLIPSIS
    **Changsha Shengrui Furniture Co., Ltd.** (长沙盛瑞家具有限公司, AC060): furniture, ...
    """
    from kamlib import case

    account = _account(account_id)
    row = account.row
    lines = datasets.load("product_lines")
    change = (
        _(" ({change:+.0%} on {last})").format(change=account.revenue / account.previous - 1,
                                               last=account.year - 1)
        if account.previous > 0 else _(" (no orders in {last})").format(last=account.year - 1)
    )
    text = [
        _("**{name}** ({name_zh}, {id}): {industry}, {city}; key account manager "
          "{kam}.").format(name=row["name"], name_zh=row["name_zh"], id=account.account_id,
                           industry=_industry(account.industry), city=account.city,
                           kam=row["kam"]),
        "",
        _("- In {year} it bought **{revenue}** from Huaxin{change}, at a gross margin "
          "(毛利率) of {margin:.1%}.").format(year=account.year, revenue=_cny(account.revenue),
                                             change=change, margin=account.margin_rate),
        _("- That is **{share:.0%}** of the {capacity} it spends a year on coatings, adhesives "
          "and sealants with all its suppliers: our share of wallet (钱包份额).").format(
            share=account.share_of_wallet, capacity=_cny(account.capacity)),
        _("- It buys {n} of our {total} product lines; the largest, {line}, makes {part:.0%} "
          "of its purchases.").format(n=len(account.bought), total=len(lines),
                                      line=_line_name(account.largest_line),
                                      part=account.largest_part),
    ]
    chosen = case.studied_account()
    if chosen.account_id != account.account_id and (
        chosen.source != "case" or chosen.account_id not in _bought_in(account.year)
    ):
        text += ["", _("*Your studied account, {chosen}, has no orders from Huaxin in {year} "
                       "in the case data, so this lecture's worked examples follow "
                       "{id}.*").format(chosen=chosen.account_id, year=account.year,
                                         id=account.account_id)]
    return "\n".join(text)


#: The columns of the lecture's tables that hold CNY amounts.
MONEY_COLUMNS = (N_("Size"), N_("Cost"), N_("Revenue gain"), N_("Margin gain"))


def table(frame: pd.DataFrame) -> Table:
    """A table of this lecture as the notebooks show it (:func:`kamlib.tables.show`): full text,
    the amounts of :data:`MONEY_COLUMNS` as money, the index only when it has a name.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table of this module, e.g. :func:`segments`.

    Returns
    -------
    kamlib.tables.Table
        Shows itself as the last value of a cell.

    Raises
    ------
    KamValueError
        If ``frame`` is not a DataFrame.

    Examples
    --------
    >>> "CNY 63,300,000" in table(segments()).html
    True
    """
    from kamlib.tables import show

    money = [column for column in map(_, MONEY_COLUMNS) if column in getattr(frame, "columns", ())]
    return show(frame, index=frame.index.name is not None, money=money)


# --------------------------------------------------------- 02a, section 2: mission [L2.2]


def _low_emission_share(sales: pd.DataFrame) -> float:
    total = float(sales["revenue_cny"].sum())
    return float(sales.loc[sales["line_id"].isin(LOW_EMISSION_LINES), "revenue_cny"].sum()) / total


def mission_chain(account_id: str) -> pd.DataFrame:
    """The chain from mission to action plan, each step as Huaxin fills it for the account.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        One row per step of :data:`kamlib.cycles.MISSION_CHAIN`: the step, the question it
        answers, and Huaxin's example (the strategic task starts from the revenue share of
        :data:`LOW_EMISSION_LINES` this year, computed; its target is the course's).

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(mission_chain("AC060"))
    5
    """
    from kamlib import cycles

    account = _account(account_id)
    sales = datasets.load("transactions")
    year_sales = sales[sales["date"].dt.year == account.year]
    share = _low_emission_share(year_sales)
    own_share = _low_emission_share(year_sales[year_sales["account_id"] == account.account_id])
    yearly = STRATEGIC_GAIN_POINTS / (STRATEGY_YEAR - account.year)
    examples = [
        _("We protect and join our customers' products with coatings, adhesives and sealants "
          "that last longer and emit less."),
        _("Make low-emission lines the core of the business: from {share:.0%} of revenue in "
          "{year} to {target:.0%} by {by}.").format(
            share=share, year=account.year, target=share + STRATEGIC_GAIN_POINTS / 100,
            by=STRATEGY_YEAR),
        _("Low-emission lines gain {points:.1f} points of revenue share a year, key accounts "
          "first.").format(points=yearly),
        _("Move key accounts from solvent-borne to powder and waterborne coatings, with line "
          "trials and engineers on site (the product and service levers of the 4P)."),
        _("At {name}, where low-emission lines make {share:.0%} of its purchases: a joint "
          "trial plan with its production and purchasing in the first quarter of "
          "{plan_year}.").format(name=account.name, share=own_share,
                                  plan_year=account.year + 1),
    ]
    steps = cycles.MISSION_CHAIN.steps
    return pd.DataFrame({
        _("Step"): [f"{n}. {_(s.en)} ({s.zh})" for n, s in enumerate(steps, 1)],
        _("The question it answers"): [_(s.question) for s in steps],
        _("At Huaxin"): examples,
    })


# ------------------------------------------------- 02a, section 3: value delivery [L2.3]


def focus_line(account_id: str) -> str:
    """The line the worked plan adds at the account: the first line its industry peers buy
    and it does not (:func:`kamlib.ansoff.cross_sell_candidates`), else its smallest line.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        A ``line_id``.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> focus_line("AC060")
    'PL09'
    """
    from kamlib import ansoff

    account = _account(account_id)
    candidates = ansoff.cross_sell_candidates(datasets.load("accounts"),
                                              datasets.load("transactions"),
                                              account_id=account.account_id, year=account.year)
    return str(candidates["line_id"].iloc[0]) if len(candidates) else str(account.bought.index[-1])


def value_delivery(account_id: str) -> pd.DataFrame:
    """Choose, provide and communicate the value, as the worked plan does at the account.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        One row per move of :data:`kamlib.cycles.VALUE_DELIVERY`: the move, whether it is
        strategic or tactical marketing, and what it means at this account.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> value_delivery("AC060").shape
    (3, 3)
    """
    from kamlib import cycles

    account = _account(account_id)
    line = _line_name(focus_line(account.account_id))
    examples = [
        _("Segment: {industry} makers; target: {name}; position: the supplier that cuts its "
          "emissions without slowing its lines.").format(
            industry=_industry(account.industry), name=account.name),
        _("Trials of {line} on its production lines, stock near its plant in {city}, a price "
          "that rewards volume.").format(line=line, city=account.city),
        _("Our key account manager with an application engineer at every visit; a workshop "
          "on low-emission coatings for its production and quality staff."),
    ]
    steps = cycles.VALUE_DELIVERY.steps
    return pd.DataFrame({
        _("Move"): [f"{_(s.en)} ({s.zh})" for s in steps],
        _("Marketing"): [_("strategic (战略营销)"), _("tactical (战术营销)"),
                         _("tactical (战术营销)")],
        _("At this account"): examples,
    })


# ------------------------------------------------- 02a, sections 4 and 5: environment [L2.4, L2.5]

_EFFECT_NAMES = {
    "opportunity": N_("opportunity (机会)"),
    "threat": N_("threat (威胁)"),
    "strength": N_("strength (优势)"),
    "weakness": N_("weakness (劣势)"),
}
_SCOPE_NAMES = {"micro": N_("micro (微观)"), "macro": N_("macro (宏观)"),
                "internal": N_("internal (内部)")}


def factors(scope: str) -> pd.DataFrame:
    """The factors of an environment scan, with what an entry about each can be.

    Parameters
    ----------
    scope : {"external", "internal"}
        The micro and macro factors, or our own company's.

    Returns
    -------
    pandas.DataFrame
        Factor (English and Chinese), scope, what an entry can be, the question to ask.

    Raises
    ------
    KamValueError
        If ``scope`` is neither.

    Examples
    --------
    >>> len(factors("external")), len(factors("internal"))
    (12, 8)
    """
    from kamlib import environment

    scope = check_choice("scope", scope, ("external", "internal"))
    chosen = [f for f in environment.FACTORS.values()
              if (f.scope == "internal") == (scope == "internal")]
    return pd.DataFrame({
        _("Factor"): [f"{_(f.en)} ({f.zh})" for f in chosen],
        _("Scope"): [_(_SCOPE_NAMES[f.scope]) for f in chosen],
        _("An entry can be"): [_(" or ").join(_(_EFFECT_NAMES[e]) for e in f.effects)
                               for f in chosen],
        _("Question to ask"): [_(f.prompt) for f in chosen],
    })


def industry_trend(account_id: str) -> str:
    """How the account's industry buys from Huaxin: companies, this year against last, lines.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, two sentences.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "furniture" in industry_trend("AC060")
    True
    """
    from kamlib.segmentation import industry_sales

    account = _account(account_id)
    accounts = datasets.load("accounts")
    sales = industry_sales(accounts, datasets.load("transactions"), year=account.year)
    before = industry_sales(accounts, datasets.load("transactions"), year=account.year - 1)
    mine = sales[sales["industry"] == account.industry]
    last = float(before.loc[before["industry"] == account.industry, "revenue_cny"].sum())
    now = float(mine["revenue_cny"].sum())
    top = mine.groupby("line_id")["revenue_cny"].sum().sort_values(ascending=False).index[:3]
    companies = int((accounts["industry"] == account.industry).sum())
    change = _("{change:+.1%}").format(change=now / last - 1) if last > 0 else _("new")
    return _(
        "Huaxin has {companies} {industry} companies in its books; {buying} of them bought "
        "in {year}, for {now} ({change} on {last_year}'s {last}). The lines they buy most: "
        "{lines}."
    ).format(companies=companies, industry=_industry(account.industry),
             buying=mine["account_id"].nunique(), year=account.year, now=_cny(now),
             change=change, last_year=account.year - 1, last=_cny(last),
             lines=_(", ").join(_line_name(line) for line in top))


_CONSUMER_QUESTIONS = (N_("Who buys"), N_("What they buy"), N_("Why they buy"))


def consumer_analysis(account_id: str) -> pd.DataFrame:
    """Who buys, what they buy and why: the handout's three questions at the account.

    Who and what come from the customer file and the orders; why is a trainer's reading of
    what industrial buyers of coatings value (the course's), to be checked at the account.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        One row per question: the question, the handout's prompts, the answer here.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(consumer_analysis("AC060"))
    3
    """
    from kamlib import environment

    account = _account(account_id)
    people = datasets.load("people")
    team = people[people["account_id"] == account.account_id]
    sales = datasets.load("transactions")
    orders = sales[(sales["account_id"] == account.account_id)
                   & (sales["date"].dt.year == account.year)]["order_id"].nunique()
    titles = _(", ").join(datasets.shown_texts(team["title"], "people").astype(str)) \
        or _("nobody on file yet")
    answers = [
        _("A {industry} maker in {city}. The buying team on file: {titles}.").format(
            industry=_industry(account.industry), city=account.city, titles=titles),
        _("{n} of our lines in {year}, in {orders} orders; {part:.0%} of it is {line}.").format(
            n=len(account.bought), year=account.year, line=_line_name(account.largest_line),
            part=account.largest_part, orders=orders),
        _("A trainer's reading, to check at the account: lines that run without stops, parts "
          "that pass its customers' tests, emissions within the rules, and a supplier who "
          "answers fast when something goes wrong."),
    ]
    return pd.DataFrame({
        _("Question"): [both(_(question), zh) for question, (zh, _p) in
                        zip(_CONSUMER_QUESTIONS, environment.CONSUMER_PROMPTS.values(),
                            strict=True)],
        _("The handout's prompts"): [join_list(map(_, p)) for _zh, p in
                                     environment.CONSUMER_PROMPTS.values()],
        _("At this account"): answers,
    })


def _scan(account_id: str) -> tuple[Any, ...]:
    from kamlib import environment

    account = _account(account_id)
    tables = [datasets.load(n) for n in ("accounts", "transactions", "product_lines",
                                         "contacts")]
    return environment.worked_scan(account.account_id, *tables, year=account.year)


def worked_scan(account_id: str) -> pd.DataFrame:
    """The worked environment scan of the account (:func:`kamlib.environment.worked_scan`).

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        Factor, finding, effect and weight (1–5), external entries first.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> worked_scan("AC060").shape
    (9, 4)
    """
    from kamlib import environment

    entries = _scan(account_id)
    names = [environment.FACTORS[e.factor] for e in entries]
    return pd.DataFrame({
        _("Factor"): [f"{_(f.en)} ({f.zh})" for f in names],
        _("Finding"): [e.note for e in entries],
        _("Effect"): [_(_EFFECT_NAMES[e.effect]) for e in entries],
        _("Weight"): [e.weight for e in entries],
    })


def worked_swot(account_id: str) -> SWOT:
    """The worked scan filed into a SWOT: the starting items of the account's SWOT board.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    kamlib.swot.SWOT

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(worked_swot("AC060").items("strengths"))
    2
    """
    from kamlib import environment

    return environment.scan_to_swot(_scan(account_id))


def scan_summary(account_id: str) -> str:
    """How the worked scan files out: how many entries of each kind, and the heaviest.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, one sentence.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "strengths 2" in scan_summary("AC060")
    True
    """
    board = worked_swot(account_id)
    counts = {q: len(board.items(q)) for q in ("strengths", "weaknesses", "opportunities",
                                               "threats")}
    defend = counts["weaknesses"] + counts["threats"]
    build = counts["strengths"] + counts["opportunities"]
    balance = (_("the data finds more to defend than to build on") if defend > build
               else _("the data finds at least as much to build on as to defend"))
    return _("The worked scan files into strengths {strengths}, weaknesses {weaknesses}, "
             "opportunities {opportunities}, threats {threats}: at {id}, {balance}.").format(
        id=account_id, balance=balance, **counts)


# ------------------------------------------------------------- 02a, section 6: BCG [L2.6]


def portfolio() -> pd.DataFrame:
    """Huaxin's product lines on the BCG matrix (:func:`kamlib.bcg.bcg_table`, the handout's
    splits: 10% growth, 1x relative share), for :func:`kamlib.views.plot_bcg`.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> portfolio()["quadrant"].value_counts()["dog"]
    np.int64(3)
    """
    from kamlib import bcg

    table = bcg.bcg_table(datasets.load("product_lines"))
    if get_language() == "zh":
        table["name"] = table["name_zh"]
    return table


def portfolio_table() -> pd.DataFrame:
    """The BCG table as a learner reads it: line, growth, relative share, quadrant, advice.

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> list(portfolio_table().columns)[:2]
    ['Product line', 'Market growth, % a year']
    """
    table = portfolio().sort_values(["quadrant", "relative_share"], ascending=[True, False])
    return pd.DataFrame({
        _("Product line"): [f"{n} ({i})" for n, i in zip(table["name"], table["line_id"],
                                                        strict=True)],
        _("Market growth, % a year"): table["market_growth_pct"].to_numpy(),
        _("Relative market share"): [f"{s:.2f}x" for s in table["relative_share"]],
        _("Quadrant"): [_(q) for q in table["quadrant_name"]],
        _("Advice"): [_(a) for a in table["advice"]],
        _("Share of Huaxin's revenue"): [f"{s:.0%}" for s in table["revenue_share"]],
    })


def portfolio_summary() -> str:
    """Where Huaxin's revenue sits on the BCG matrix, quadrant by quadrant.

    Returns
    -------
    str
        Markdown, one bullet per quadrant.

    Examples
    --------
    >>> "Cash cow" in portfolio_summary()
    True
    """
    from kamlib import bcg

    table = portfolio()
    rows = []
    for quadrant in bcg.QUADRANTS:
        mine = table[table["quadrant"] == quadrant.key]
        rows.append(_("- **{name}** ({strategy}): {n} lines, {share:.0%} of revenue.").format(
            name=(quadrant.zh if get_language() == "zh"
                  else f"{quadrant.en.capitalize()} ({quadrant.zh})"),
            strategy=_(quadrant.strategy),
            n=len(mine), share=float(mine["revenue_share"].sum())))
    return "\n".join(rows)


def account_portfolio(account_id: str) -> str:
    """How the account's purchases split over the four kinds of line, and what its largest
    line is on the matrix.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, two sentences.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "dog" in account_portfolio("AC060")
    True
    """
    from kamlib import bcg

    account = _account(account_id)
    table = portfolio().set_index("line_id")
    quadrant = table.loc[account.bought.index, "quadrant"]
    split = account.bought.groupby(quadrant.to_numpy()).sum() / account.revenue
    names = {q.key: _(q.en) for q in bcg.QUADRANTS}
    parts = join_list(f"{names[key]} {share:.0%}"
                      for key, share in split.sort_values(ascending=False).items())
    largest = table.loc[account.largest_line]
    return _("{name} buys from us: {parts}. Its largest line, {line}, is a {quadrant} "
             "(relative share {share:.2f}x, market growth {growth:g}% a year): the portfolio "
             "says {advice}, and the account says it needs the line.").format(
        name=account.name, parts=parts, line=_line_name(account.largest_line),
        quadrant=names[largest["quadrant"]], share=largest["relative_share"],
        growth=largest["market_growth_pct"], advice=_(largest["advice"]))


# ------------------------------------------------------ 02a, section 7: segmentation [L2.7]


def _segments(accounts: pd.DataFrame) -> pd.DataFrame:
    from kamlib import segmentation

    found = segmentation.industry_segments(accounts, datasets.load("transactions"),
                                           year=_year())
    return segmentation.assess_segments(found, min_size_cny=MIN_SEGMENT_CNY)


def segments() -> pd.DataFrame:
    """Huaxin's industries as candidate segments, judged by the handout's four tests.

    Size is the yearly spend in our category of all the industry's companies; similarity the
    share of its buying accounts that buy its most common line; the minimum size is
    :data:`MIN_SEGMENT_CNY`, the minimum similarity
    :data:`kamlib.segmentation.DEFAULT_MIN_SIMILARITY`.

    Returns
    -------
    pandas.DataFrame
        One row per industry; ``Size`` in CNY (show it with ``money=``).

    Examples
    --------
    >>> segments().shape
    (9, 6)
    """
    from kamlib import segmentation

    judged = _segments(datasets.load("accounts"))
    names = {c.key: f"{_(c.en)} ({c.zh})" for c in segmentation.SEGMENT_CRITERIA}
    verdict = [_("passes") if ok else _("fails: {tests}").format(
        tests=_(", ").join(names[key] for key in failed.split(", ")))
        for ok, failed in zip(judged["passed"], judged["failed"], strict=True)]
    return pd.DataFrame({
        _("Industry"): [_industry(i) for i in judged.index],
        _("Accounts buying"): judged["accounts"].to_numpy(),
        _("Size"): judged["size_cny"].to_numpy(),
        _("Similarity"): [f"{s:.2f}" for s in judged["similarity"]],
        _("Main line"): [_line_name(line) for line in judged["main_line"]],
        _("Verdict"): verdict,
    })


def account_as_segment(account_id: str) -> str:
    """The account as a segment of its own: its size against its industry's.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, two sentences.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "furniture" in account_as_segment("AC060")
    True
    """
    account = _account(account_id)
    accounts = datasets.load("accounts")
    peers = accounts.loc[accounts["industry"] == account.industry, "capacity_cny"]
    return _("{name} alone spends {capacity} a year in our category: {share:.0%} of what all "
             "{n} {industry} companies in our books spend, and {times:.1f} times the "
             "average one. It is alike with itself, its buying team is its buying situation, "
             "and its key account manager reaches it.").format(
        name=account.name, capacity=_cny(account.capacity),
        share=account.capacity / float(peers.sum()), n=len(peers),
        industry=_industry(account.industry), times=account.capacity / float(peers.mean()))


def _merged_segment() -> tuple[tuple[str, str], pd.Series]:
    """The two segments that fail on size alone and share their main line, merged."""
    accounts = datasets.load("accounts")
    judged = _segments(accounts)
    small = judged[judged["failed"] == "large_enough"]
    pairs = [(a, b) for a in small.index for b in small.index
             if str(a) < str(b) and small.at[a, "main_line"] == small.at[b, "main_line"]]
    if not pairs:
        raise fail("segments", list(small.index),
                   _("two industries that fail on size alone and share their main line"))
    first, second = pairs[0]
    merged = accounts.copy()
    merged["industry"] = merged["industry"].astype(str).replace({second: first})
    return (str(first), str(second)), _segments(merged).loc[first]


# --------------------------------------------------------------- 02a, section 8: SWOT [L2.8]


def tows_table(account_id: str) -> pd.DataFrame:
    """The TOWS prompts of the worked SWOT: one pair per strategy, and why they bear on each
    other (:func:`kamlib.swot.tows`).

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        Strategy, the prompt (in the current language), why the two entries are paired.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> sorted(set(tows_table("AC060")["Strategy"]))
    ['SO', 'ST', 'WO', 'WT']
    """
    from kamlib import swot

    prompts = swot.tows(worked_swot(account_id), top=1)
    column = "zh" if get_language() == "zh" else "prompt"
    return pd.DataFrame({
        _("Strategy"): prompts["strategy"].to_numpy(),
        _("Prompt"): prompts[column].to_numpy(),
        _("Why they are paired"): [_(link) for link in prompts["link"]],
    })


# ------------------------------------------ 02a, section 9: opportunity and threat [L2.9]


def risk_examples(account_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Worked opportunities and threats of the account, for the two matrices.

    The texts come from the data (the spend rivals hold, the line its peers buy, its largest
    line, its buying team); the scores (0–1) are a trainer's judgement, the course's.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Opportunities (``text``, ``attractiveness``, ``probability``) and threats (``text``,
        ``seriousness``, ``probability``), as :func:`kamlib.views.plot_opportunity_matrix`
        and :func:`kamlib.views.plot_threat_matrix` take them.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> [len(frame) for frame in risk_examples("AC060")]
    [4, 4]
    """
    account = _account(account_id)
    people = datasets.load("people")
    team = int((people["account_id"] == account.account_id).sum())
    rivals = account.capacity - account.revenue
    opportunities = pd.DataFrame([
        {"text": _("Win part of the {amount} a year its rivals hold").format(
            amount=_cny(rivals)), "attractiveness": 0.85, "probability": 0.6},
        {"text": _("Move its lines to low-VOC coatings as the limits tighten"),
         "attractiveness": 0.7, "probability": 0.55},
        {"text": _("Sell it {line}, which its peers buy").format(
            line=_line_name(focus_line(account.account_id))),
         "attractiveness": 0.45, "probability": 0.7},
        {"text": _("Supply a new plant if it builds one"), "attractiveness": 0.8,
         "probability": 0.3},
    ])
    threats = pd.DataFrame([
        {"text": _("A rival cuts its price on {line}").format(
            line=_line_name(account.largest_line)), "seriousness": 0.8, "probability": 0.6},
        {"text": _("Resin prices jump"), "seriousness": 0.6, "probability": 0.4},
        {"text": _("One of the {n} people of its buying team on file is replaced").format(
            n=team), "seriousness": 0.7, "probability": 0.3},
        {"text": _("Its payments come late"), "seriousness": 0.3, "probability": 0.6},
    ])
    return opportunities, threats


def risk_table(account_id: str) -> pd.DataFrame:
    """The worked opportunities and threats with their scores and the cell each falls in.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        Kind, item, the two scores, the matrix's advice.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> risk_table("AC060").shape
    (8, 5)
    """
    from kamlib import swot

    opportunities, threats = risk_examples(account_id)

    def advice(cell: Any) -> str:
        return f"{_(cell.en)} ({cell.zh})"

    return pd.DataFrame({
        _("Kind"): [_("opportunity (机会)")] * len(opportunities)
        + [_("threat (威胁)")] * len(threats),
        _("Item"): [*opportunities["text"], *threats["text"]],
        _("Attractiveness or seriousness"): [*opportunities["attractiveness"],
                                              *threats["seriousness"]],
        _("Probability"): [*opportunities["probability"], *threats["probability"]],
        _("Advice"): [advice(swot.opportunity_cell(a, p)) for a, p in zip(
            opportunities["attractiveness"], opportunities["probability"], strict=True)]
        + [advice(swot.threat_cell(s, p)) for s, p in zip(
            threats["seriousness"], threats["probability"], strict=True)],
    })


# ----------------------------------------------------------- 02b, section 10: Ansoff [L2.10]


def ansoff_table() -> pd.DataFrame:
    """The four Ansoff strategies with Huaxin's examples, each checked against the order
    book (:func:`kamlib.ansoff.example_facts`).

    Returns
    -------
    pandas.DataFrame
        Strategy, products, markets, risk, example, what the data says.

    Examples
    --------
    >>> ansoff_table().shape
    (4, 6)
    """
    from kamlib import ansoff

    facts = ansoff.example_facts(datasets.load("accounts"), datasets.load("transactions"),
                                 datasets.load("product_lines"), year=_year())
    said = []
    for strategy in ansoff.ANSOFF:
        row = facts.loc[strategy.key]
        product = (_("{line} is ours already").format(line=_line_name(row["example_line"]))
                   if not row["product_is_new"] else _("Huaxin does not make it yet"))
        market = (_("{n} {industry} accounts bought {amount} from us in {year}").format(
            n=row["industry_accounts"], industry=_industry(row["example_industry"]),
            amount=_cny(row["industry_revenue_cny"]), year=_year())
            if not row["market_is_new"] else _("no {industry} customer yet").format(
                industry=_industry(row["example_industry"])))
        said.append(f"{product}; {market}.")
    return pd.DataFrame({
        _("Strategy"): [f"{_(s.en).capitalize()} ({s.zh})" for s in ansoff.ANSOFF],
        _("Products"): [_("new") if s.new_product else _("existing") for s in ansoff.ANSOFF],
        _("Markets"): [_("new") if s.new_market else _("existing") for s in ansoff.ANSOFF],
        _("Risk"): [_(s.risk) for s in ansoff.ANSOFF],
        _("Huaxin's example"): [_(s.example) for s in ansoff.ANSOFF],
        _("What the order book says"): said,
    })


def served_markets() -> str:
    """The two "new markets" a planner might name that Huaxin already serves: shipyards
    buying marine antifouling coatings (PL03), and wind energy.

    Returns
    -------
    str
        Markdown, two sentences.

    Examples
    --------
    >>> "wind-energy" in served_markets()
    True
    """
    from kamlib.segmentation import industry_sales

    year = _year()
    sales = industry_sales(datasets.load("accounts"), datasets.load("transactions"), year=year)
    ships = sales[sales["industry"] == "shipbuilding"]
    wind = sales[sales["industry"] == "wind energy"]
    antifouling = ships[ships["line_id"] == "PL03"]
    return _(
        "In {year}, {ships} shipbuilding accounts bought {pl03} of {line} from Huaxin: more "
        "antifouling paint for shipyards is market penetration, not diversification. And "
        "{wind} wind-energy accounts bought {wind_amount}: wind-turbine makers are a market "
        "Huaxin already serves."
    ).format(year=year, ships=antifouling["account_id"].nunique(),
             pl03=_cny(float(antifouling["revenue_cny"].sum())), line=_line_name("PL03"),
             wind=wind["account_id"].nunique(), wind_amount=_cny(float(wind["revenue_cny"].sum())))


def account_growth(account_id: str) -> str:
    """Where growth can come from at the account: penetration headroom and the lines its
    peers buy and it does not.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, two bullets.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "PL09" in account_growth("AC060")
    True
    """
    from kamlib import ansoff

    account = _account(account_id)
    candidates = ansoff.cross_sell_candidates(datasets.load("accounts"),
                                              datasets.load("transactions"),
                                              account_id=account.account_id, year=account.year)
    headroom = _("- **Penetration**: its rivals hold {amount} ({share:.0%}) of what {name} "
                 "spends a year in our category.").format(
        amount=_cny(account.capacity - account.revenue), share=1 - account.share_of_wallet,
        name=account.name)
    if len(candidates):
        lines = _(", ").join(_("{line}, bought by {peers} of its {total} {industry} peers").format(
            line=_line_name(row.line_id), peers=row.peers_buying, total=row.peers,
            industry=_industry(account.industry)) for row in candidates.itertuples())
        added = _("- **A line it does not buy yet**: {lines}. For Huaxin that is more of an "
                  "existing product in a market it serves (penetration); for the account it "
                  "is a new product, won like one: trials, approvals, a new user.").format(
            lines=lines)
    else:
        added = _("- **A line it does not buy yet**: none; it already buys every line that a "
                  "third of its {industry} peers buy, so its growth is penetration.").format(
            industry=_industry(account.industry))
    return f"{headroom}\n{added}"


# ------------------------------------------------- 02b, section 11: objectives [L2.11]


def _plan_year() -> int:
    return _year() + 1


def _due(month: int = 12, day: int = 31) -> str:
    from kamlib.formatting import day as day_text

    return day_text(dt.date(_plan_year(), month, day))


def revenue_target(account_id: str) -> float:
    """The worked revenue objective at the account, in CNY.

    Last year's revenue when the account shrank (win it back), else this year's plus
    :data:`WORKED_GROWTH`; never more than the course settings' plausible change.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    float

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> round(revenue_target("AC060") / 1e6, 2)
    8.43
    """
    account = _account(account_id)
    ceiling = account.revenue * (1 + settings.current().plausible_change_pct / 100)
    return min(max(account.previous, account.revenue * (1 + WORKED_GROWTH)), ceiling)


def target_reason(account_id: str) -> str:
    """Why the worked revenue objective is what it is.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, one sentence.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "win back" in target_reason("AC060")
    True
    """
    account = _account(account_id)
    target = revenue_target(account_id)
    limit = settings.current().plausible_change_pct
    grown = account.revenue * (1 + WORKED_GROWTH)
    capped = max(account.previous, grown) > account.revenue * (1 + limit / 100)
    if account.previous > grown:
        reason = (_("win back part of what it bought in {last} ({previous}), within the "
                    "course's plausible change of {limit:+.0f}% a year") if capped else
                  _("win back what it bought in {last} ({previous})")).format(
            last=account.year - 1, previous=_cny(account.previous), limit=limit)
    elif capped:
        reason = _("grow as much as the course's plausible change allows, {limit:+.0f}% a "
                   "year").format(limit=limit)
    else:
        reason = _("grow {growth:.0%} on a year in which it did not shrink (the course's "
                   "assumption for a growing account)").format(growth=WORKED_GROWTH)
    return _("The worked revenue objective for {plan_year} is {target} ({change:+.0%} on "
             "{year}): {reason}.").format(plan_year=_plan_year(), target=_cny(target),
                                          change=target / account.revenue - 1,
                                          year=account.year, reason=reason)


def objectives(account_id: str) -> list[dict[str, Any]]:
    """The worked set of objectives for the account, as :func:`kamlib.goals.check_objectives`
    takes them: revenue, share of wallet, margin, a new line, less concentration.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    list of dict
        ``text`` (in the current language; the objective checker and the SMART coach read
        English and Chinese), ``kind``, ``priority``, and ``target`` and ``baseline`` where
        the objective has a number.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> [o["kind"] for o in objectives("AC060")]
    ['revenue', 'market share', 'profit', 'innovation', 'risk']
    """
    account = _account(account_id)
    target = revenue_target(account_id)
    share = target / account.capacity
    line = focus_line(account_id)
    column = "name_zh" if get_language() == "zh" else "name"
    lines = datasets.load("product_lines").set_index("line_id")[column]
    end, margin = _due(), account.margin_rate + MARGIN_GAIN_POINTS / 100
    qualify = (_("Qualify {line} ({line_id}) on two more {id} production lines by {due}")
               if line in account.bought.index else
               _("Qualify {line} ({line_id}) on two {id} production lines by {due}"))
    return [
        {"text": _("Increase revenue at {id} from {baseline} to {target} by {due}").format(
            id=account.account_id, baseline=_millions(account.revenue),
            target=_millions(target), due=end),
         "kind": "revenue", "priority": 1, "target": target, "baseline": account.revenue},
        {"text": _("Raise our share of {id}'s spend in our category from {share:.0%} to "
                   "{target:.0%} by {due}").format(id=account.account_id,
                                                   share=account.share_of_wallet,
                                                   target=share, due=end),
         "kind": "market share", "priority": 1, "target": 100 * share,
         "baseline": 100 * account.share_of_wallet},
        {"text": _("Raise the gross margin at {id} from {margin:.1%} to {target:.1%} in "
                   "{year}").format(id=account.account_id, margin=account.margin_rate,
                                    target=margin, year=_plan_year()),
         "kind": "profit", "priority": 2, "target": 100 * margin,
         "baseline": 100 * account.margin_rate},
        {"text": qualify.format(line=lines[line], line_id=line, id=account.account_id,
                                due=_due(9, 30)),
         "kind": "innovation", "priority": 2},
        {"text": _("Lower the part of {id}'s purchases resting on {line} from {part:.0%} to "
                   "{target:.0%} by {due}").format(
            id=account.account_id, line=lines[account.largest_line], part=account.largest_part,
            target=account.largest_part - CONCENTRATION_CUT, due=end),
         "kind": "risk", "priority": 3,
         "target": 100 * (account.largest_part - CONCENTRATION_CUT),
         "baseline": 100 * account.largest_part},
    ]


def _millions(amount: float) -> str:
    """An objective's amount: "CNY 6.9 million" in English, "689.5 万元" in Chinese."""
    if get_language() == "zh":
        return money(amount, language="zh", short=True)
    return _("CNY {amount:.1f} million").format(amount=amount / 1e6)


def objectives_table(account_id: str) -> pd.DataFrame:
    """The worked objectives as a table: number, priority, kind, objective.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(objectives_table("AC060"))
    5
    """
    from kamlib import goals

    rows = objectives(account_id)
    return pd.DataFrame({
        _("Priority"): [o["priority"] for o in rows],
        _("Kind"): [both(_(o["kind"]), goals.OBJECTIVE_KINDS[o["kind"]]) for o in rows],
        _("Marketing objective"): [o["text"] for o in rows],
    }, index=pd.RangeIndex(1, len(rows) + 1, name="#"))


def weak_objectives(account_id: str) -> list[dict[str, Any]]:
    """A set a new account manager might hand in: vague, conflicting, beyond reach.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    list of dict

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(weak_objectives("AC060"))
    3
    """
    account_id = _account(account_id).account_id
    plan_year = _plan_year()
    return [
        {"text": _("Grow {id} as much as possible").format(id=account_id), "kind": "revenue"},
        {"text": _("Raise prices at {id} by 8% in {year}").format(id=account_id, year=plan_year),
         "kind": "profit"},
        {"text": _("Increase volume at {id} by 150% in {year}").format(id=account_id,
                                                                       year=plan_year),
         "kind": "revenue"},
    ]


def objectives_check(records: list[dict[str, Any]]) -> pd.DataFrame:
    """A set of objectives against the handout's five rules (:func:`kamlib.goals.check_objectives`).

    Parameters
    ----------
    records : list of dict
        As :func:`objectives` gives them.

    Returns
    -------
    pandas.DataFrame
        Rule, verdict (✔ or ✘ and a word), reason.

    Raises
    ------
    KamValueError
        If the records are not objectives (see :func:`kamlib.goals.check_objectives`).

    Examples
    --------
    >>> objectives_check(objectives("AC060"))["Verdict"].str.startswith("✔").all()
    np.True_
    """
    from kamlib import goals

    checked = goals.check_objectives(records)
    return pd.DataFrame({
        _("Rule"): [_(label) for label in checked["label"]],
        _("Verdict"): [_verdict(ok) for ok in checked["passed"]],
        _("Reason"): checked["reason"].to_numpy(),
    })


def _verdict(passed: bool) -> str:
    return "✔ " + _("met") if passed else "✘ " + _("not met")


def weak_summary(account_id: str) -> str:
    """How many of the five rules the weak set breaks.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, one sentence.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> weak_summary("AC060")
    'The weak set breaks 4 of the 5 rules.'
    """
    from kamlib import goals

    checked = goals.check_objectives(weak_objectives(account_id))
    return _("The weak set breaks {n} of the {total} rules.").format(
        n=int((~checked["passed"]).sum()), total=len(checked))


# ------------------------------------------------------ 02b, section 12: 4P and 4C [L2.12]


def worked_mix(account_id: str) -> MixPlan:
    """The worked marketing mix at the account: one lever of each P (the costs are the
    course's assumptions; the rebate is 1% of the revenue gain).

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    kamlib.mix.MixPlan

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> worked_mix("AC060").gaps()
    []
    """
    from kamlib import mix

    account = _account(account_id)
    gain = revenue_target(account_id) - account.revenue
    return mix.MixPlan((
        mix.MixAction("product", "services", _("Line trials and an application engineer for "
                                               "{line}").format(
            line=_line_name(focus_line(account_id))), 120_000),
        mix.MixAction("price", "discounts", _("1% volume rebate on revenue above {amount}").format(
            amount=_cny(account.revenue)), max(round(0.01 * gain, -3), 1000.0)),
        mix.MixAction("promotion", "personal_selling", _("Workshop on low-emission coatings for "
                                                         "its production and quality staff"),
                      60_000),
        mix.MixAction("place", "inventory", _("Consignment stock near its plant in {city}").format(
            city=account.city), 90_000),
    ))


def mix_table(account_id: str) -> pd.DataFrame:
    """The worked mix seen by the customer: each action as a C and as a P, with its cost.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        ``Cost`` in CNY (show it with ``money=``).

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> mix_table("AC060").shape
    (4, 5)
    """
    view = worked_mix(account_id).four_c_view()
    return pd.DataFrame({
        _("4C: the customer asks"): [f"{c} — {_(q)}" for c, q in
                                     zip(view["c_name"], view["customer_question"], strict=True)],
        _("4P"): view["p_name"].to_numpy(),
        _("Lever"): view["lever_name"].to_numpy(),
        _("Action"): view["action"].to_numpy(),
        _("Cost"): view["cost_cny"].to_numpy(),
    })


def mix_inputs(account_id: str) -> str:
    """What to type into the mix planner's budget fields for this account.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, one sentence.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "0.22" in mix_inputs("AC060")
    True
    """
    account = _account(account_id)
    gain = revenue_target(account_id) - account.revenue
    return _("For {id}, type **{gain:.0f}** as the revenue gain (the worked objective less "
             "this year's revenue, in CNY) and **{rate:.2f}** as the margin rate (its gross "
             "margin this year).").format(id=account.account_id, gain=gain,
                                           rate=account.margin_rate)


# --------------------------------------------------- 02b, section 13: the plan [L2.13]


def strategy(account_id: str) -> str:
    """The worked plan's strategy in one sentence (the SMART coach's R checks goals against
    it), in the current language.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> strategy("AC060").startswith("Market penetration")
    True
    """
    account = _account(account_id)
    return _("Market penetration at {id}: win more of its revenue on {largest}, and qualify "
             "{line} on its production lines").format(
        id=account.account_id, largest=_line_name(account.largest_line),
        line=_line_name(focus_line(account_id)))


def baseline(account_id: str) -> float:
    """The account's revenue this year, in CNY: the baseline the SMART coach judges a revenue
    goal's stretch against.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    float

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> round(baseline("AC060"))
    6894832
    """
    return _account(account_id).revenue


def smart_examples(account_id: str) -> pd.DataFrame:
    """Four goals at the account through the SMART coach: the revenue objective, a visit
    objective that is an advance, a vague goal and one beyond the plausible change.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        One row per goal: the goal, a column per letter (✔ or ✘) and the score.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> smart_examples("AC060")["Score"].tolist()
    ['5/5', '5/5', '1/5', '4/5']
    """
    from kamlib import goals

    account = _account(account_id)
    target = revenue_target(account_id)
    column = "name_zh" if get_language() == "zh" else "name"
    lines = datasets.load("product_lines").set_index("line_id")[column]
    line = focus_line(account_id)
    texts = [
        _("Increase revenue at {id} by {change:.0%} to CNY {target:.1f} million by "
          "{due}").format(id=account.account_id, change=target / account.revenue - 1,
                          target=target / 1e6, due=_due()),
        _("Agree a line trial of {line} ({line_id}) with the production manager of {id} by "
          "{due}").format(line=lines[line], line_id=line, id=account.account_id,
                          due=_due(3, 31)),
        _("Improve the relationship with our big customer"),
        _("Increase revenue at {id} by 95% by {due}").format(id=account.account_id, due=_due()),
    ]
    chosen = strategy(account_id)
    reports = [goals.check_smart(text, strategy=chosen, baseline=account.revenue)
               for text in texts]
    frame = pd.DataFrame({_("Goal"): texts})
    for letter in goals.LETTERS:
        frame[letter] = ["✔" if r.letters[letter].passed else "✘" for r in reports]
    frame[_("Score")] = [f"{r.score}/5" for r in reports]
    return frame


def budget(account_id: str) -> str:
    """The worked plan's budget, expected margin gain, ROI and payback
    (:func:`kamlib.budget.plan_roi`).

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, two sentences.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> "ROI" in budget("AC060")
    True
    """
    summary = _summary(account_id)
    account = _account(account_id)
    gain = revenue_target(account_id) - account.revenue
    return _("The objective adds {gain} of revenue; at the account's {rate:.1%} margin that is "
             "{margin} of margin. The mix costs {cost}: ROI {roi:.0%}, paid back in {payback:.1f} "
             "months. {verdict}.").format(
        gain=_cny(gain), rate=account.margin_rate, margin=_cny(summary.expected_margin_gain),
        cost=_cny(summary.total_cost), roi=summary.roi, payback=summary.payback_months,
        verdict=_(summary.verdict_text))


def _summary(account_id: str) -> Any:
    from kamlib import budget as budget_module

    account = _account(account_id)
    plan = worked_mix(account_id)
    return budget_module.plan_roi(
        _budget_lines(plan),
        expected_revenue_gain_cny=revenue_target(account_id) - account.revenue,
        margin_rate=account.margin_rate,
    )


def _budget_lines(mix_plan: MixPlan) -> list[dict[str, Any]]:
    """The mix's actions as budget lines: each action's cost, booked to its P."""
    return [{"item": a.action, "cost_cny": a.cost_cny, "p": a.p} for a in mix_plan.actions]


def scenarios(account_id: str) -> pd.DataFrame:
    """The worked plan's return if it brings half, all or 130% of its revenue gain.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        One row per scenario; money columns ``Cost``, ``Revenue gain``, ``Margin gain``.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> scenarios("AC060").shape
    (3, 6)
    """
    from kamlib import budget as budget_module

    account = _account(account_id)
    gain = revenue_target(account_id) - account.revenue
    cost = worked_mix(account_id).total_cost()
    table = budget_module.roi_table(pd.DataFrame({
        "cost_cny": cost, "revenue_gain_cny": [0.5 * gain, gain, 1.3 * gain],
        "margin_rate": account.margin_rate}))
    return pd.DataFrame({
        _("Scenario"): [_("pessimistic: half the gain"), _("expected"),
                        _("optimistic: 130% of the gain")],
        _("Cost"): table["cost_cny"].to_numpy(),
        _("Revenue gain"): table["revenue_gain_cny"].to_numpy(),
        _("Margin gain"): table["margin_gain_cny"].to_numpy(),
        _("ROI"): [f"{r:.0%}" for r in table["roi"]],
        _("Payback, months"): [f"{p:.1f}" for p in table["payback_months"]],
    })


def _evaluation(account_id: str) -> list[tuple[str, str]]:
    """(when, what is measured) for the worked plan."""
    account = _account(account_id)
    return [
        (_("Monthly"), _("revenue and margin of {id} from our order book, against the "
                         "objective phased by month").format(id=account.account_id)),
        (_("Quarterly"), _("share of wallet, with the buyer's own volume figures")),
        (_("After each visit"), _("was its objective met (the visit log)")),
        (_("By 30 September {plan_year}").format(plan_year=_plan_year()),
         _("the trial results of {line}").format(line=_line_name(focus_line(account_id)))),
        (_("Year end"), _("every objective against its target")),
    ]


def evaluation(account_id: str) -> str:
    """How the worked plan's results are measured: what, from which source, how often.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    str
        Markdown, a bulleted list.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> evaluation("AC060").count("- **")
    5
    """
    return "\n".join(f"- **{when}**: {what}." for when, what in _evaluation(account_id))


def contingency(account_id: str) -> pd.DataFrame:
    """The worked plan's contingency and fallback plans: one per serious worked threat.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.

    Returns
    -------
    pandas.DataFrame
        Plan kind (contingency for a likely threat, fallback for an unlikely one), trigger,
        response.

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> len(contingency("AC060"))
    3
    """
    return pd.DataFrame(_contingency(account_id)).rename(columns={
        "kind": _("Plan"), "trigger": _("If this happens"), "response": _("We do this")})


def _contingency(account_id: str) -> list[dict[str, str]]:
    account = _account(account_id)
    return [
        {"kind": _("contingency (应变计划)"),
         "trigger": _("A rival cuts its price on {line} by 5% or more").format(
             line=_line_name(account.largest_line)),
         "response": _("Offer a total-cost study (line speed, rework) before any price move; "
                       "a rebate only against a volume commitment.")},
        {"kind": _("contingency (应变计划)"),
         "trigger": _("Resin prices rise more than 10% in a quarter"),
         "response": _("Apply the raw-material clause of the framework contract; propose the "
                       "lower-cost formulation qualified in the trials.")},
        {"kind": _("fallback (后备方案)"),
         "trigger": _("Its buyer or production manager is replaced"),
         "response": _("Our director meets the new person within two weeks; the joint trial "
                       "plan is handed over in writing.")},
    ]


def saved_swot(account_id: str, *, workbook: Workbook | None = None) -> SWOT:
    """The account's SWOT as the learner left it on the board of 02a (workbook section
    ``swot/<account_id>``), else the worked SWOT.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.
    workbook : kamlib.workbook.Workbook, optional
        Default: the learner's workbook.

    Returns
    -------
    kamlib.swot.SWOT

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(pathlib.Path(tempfile.mkdtemp()) / "new.json")
    >>> saved_swot("AC060", workbook=book) == worked_swot("AC060")
    True
    """
    from kamlib.swot import SWOT
    from kamlib.workbook import default_workbook

    account_id = _account(account_id).account_id
    saved = (default_workbook() if workbook is None else workbook).get(f"swot/{account_id}")
    try:
        return SWOT.from_dict(saved["swot"])
    except (KamValueError, TypeError, KeyError):
        return worked_swot(account_id)


def plan(account_id: str, *, workbook: Workbook | None = None) -> AccountPlan:
    """The worked key account plan of the account, on one page, with the learner's SWOT.

    Parameters
    ----------
    account_id : str
        A case account that bought in the course's year.
    workbook : kamlib.workbook.Workbook, optional
        Where the learner's SWOT board is saved (:func:`saved_swot`); default: theirs.

    Returns
    -------
    kamlib.account_plan.AccountPlan

    Raises
    ------
    KamValueError
        If ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> plan("AC060").strategy_key
    'market_penetration'
    """
    from kamlib import account_plan, case, goals, stages

    account = _account(account_id)
    graded = case.classified_accounts().set_index("account_id").loc[account.account_id]
    contacts = datasets.load("contacts")
    sales = datasets.load("transactions")
    stage = stages.relationship_stage(contacts[contacts["account_id"] == account.account_id],
                                      sales[sales["account_id"] == account.account_id],
                                      as_of=settings.current().today)
    chosen = strategy(account_id)
    target = revenue_target(account_id)
    mix_plan = worked_mix(account_id)
    plan_year = _plan_year()
    return account_plan.AccountPlan(
        account_id=account.account_id, name=account.name,
        industry=_industry(account.industry),
        region=str(datasets.shown_texts(account.row, "accounts")["region"]),
        kam=str(account.row["kam"]), capacity_cny=account.capacity,
        revenue_cny=round(account.revenue, 2), account_class=str(graded["account_class"]),
        grid_class=str(graded["grid_class"]), x=int(graded["x"]), y=int(graded["y"]),
        stage=stage.stage, stage_name=stage.name, prepared_on=settings.current().today.date(),
        swot=saved_swot(account_id, workbook=workbook).to_dict(),
        objectives=[{"text": o["text"], "priority": o["priority"],
                     "smart_score": goals.check_smart(o["text"], strategy=chosen).score,
                     "due": dt.date(plan_year, 9, 30) if o["kind"] == "innovation"
                     else dt.date(plan_year, 12, 31)} for o in objectives(account_id)],
        strategy_key="market_penetration", strategy=chosen,
        mix_actions=[a.to_dict() for a in mix_plan.actions],
        visit_plan=[{"date": dt.date(plan_year, 1, 15),
                     "objective": _("Agree the objectives and the trial plan with purchasing "
                                    "and production")},
                    {"date": dt.date(plan_year, 3, 12),
                     "objective": _("Review the first trial results on the line")}],
        budget=_budget_lines(mix_plan),
        expected_results=_("Revenue {target} ({change:+.0%}); share of wallet {share:.0%}; "
                           "{line} qualified.").format(
            target=_cny(target), change=target / account.revenue - 1,
            share=target / account.capacity, line=_line_name(focus_line(account_id))),
        expected_revenue_gain_cny=float(target - account.revenue),
        margin_rate=float(account.margin_rate),
        evaluation=("" if get_language() == "zh" else " ").join(
            _("{when}: {what}.").format(when=when, what=what)
            for when, what in _evaluation(account_id)),
        contingency=[{"trigger": c["trigger"], "response": c["response"]}
                     for c in _contingency(account_id)],
    )


# ------------------------------------------------------------- practice and self-check


@dataclass(frozen=True)
class _Practice:
    """A "your turn" question with a right answer, built from the data when it is shown."""

    question: str
    options: tuple[str, ...]
    answer: int
    explanations: tuple[str, ...]
    scenario: str | None = None


def _practice_cycle(_account_id: str) -> _Practice:
    return _Practice(
        _("Your manager asks for next year's plan for your largest account on 2 January. "
          "Which step of the target-customer cycle must come before you write its "
          "objectives?"),
        (_("Environment analysis (环境分析): the market, the account and our own company"),
         _("Act (采取行动): book the first visits so the year starts well"),
         _("Review results (成效回顾) of next year"),
         _("None: last year's revenue plus ten per cent is enough")),
        0,
        (_("Right: objectives rest on the analysis; without it a plan is last year's numbers "
           "plus a wish."),
         _("Acting comes after the strategy and plan, not before the objectives."),
         _("Next year's results can only be reviewed next year; this year's feed the analysis."),
         _("That is the habit the cycle is meant to break: it skips the analysis.")),
    )


def _practice_mission(account_id: str) -> _Practice:
    account = _account(account_id)
    return _Practice(
        _("Which action at {name} serves Huaxin's mission (coatings that last longer and emit "
          "less, engineers on the customers' lines)?").format(name=account.name),
        (_("A 5% price cut on {line} to win volume from a rival").format(
            line=_line_name(account.largest_line)),
         _("A line trial of {line} with its production team and our application "
           "engineer").format(line=_line_name(focus_line(account_id))),
         _("A gift at the Spring Festival for its purchasing manager"),
         _("A larger order of solvent-borne thinner before prices rise")),
        1,
        (_("A price cut may win volume, but nothing in it serves the mission: no lower "
           "emissions, no engineers on the line."),
         _("Right: a low-emission product, proven with our engineer on its line: the mission "
           "in one action."),
         _("Courtesy, not strategy: it serves no objective the mission leads to."),
         _("More solvent-borne volume works against 'emit less'.")),
    )


def _practice_value(_account_id: str) -> _Practice:
    return _Practice(
        _("Huaxin's key account manager proposes a workshop on low-emission coatings for the "
          "account's production staff. Which move of value creation and delivery is it?"),
        (_("Choose the value (STP): strategic marketing"),
         _("Provide the value: tactical marketing"),
         _("Communicate the value: tactical marketing"),
         _("None: a workshop is not marketing")),
        2,
        (_("Choosing the value decides whom we serve and what we promise; the workshop "
           "tells a chosen customer about a chosen offer."),
         _("Providing the value is the product, its making, delivery and price."),
         _("Right: it communicates the value, through personal selling, a tactical move."),
         _("Telling customers what the offer does for them is the communication of value.")),
    )


def _practice_macro(_account_id: str) -> _Practice:
    return _Practice(
        _("From next year the province limits the VOC (volatile organic compounds, "
          "挥发性有机化合物) its furniture makers may emit. Where does this go in the scan?"),
        (_("Macro, political and legal (政治): an opportunity for our low-emission lines, a "
           "threat to our solvent-borne ones"),
         _("Micro, consumer characteristics (消费者的特性): a threat"),
         _("Internal, products and technology (产品与技术): a strength"),
         _("Nowhere: rules are not part of the market")),
        0,
        (_("Right: a law is a macro factor, external and not controllable; it helps the lines "
           "that meet it and hurts those that do not."),
         _("The customers react to it, but the cause is the rule: file the cause."),
         _("A rule is external: it can never be a strength. Our low-emission range is the "
           "strength that meets it."),
         _("Regulation shapes what customers may buy: it is one of the seven macro factors.")),
    )


def _practice_cost(account_id: str) -> _Practice:
    account = _account(account_id)
    return _Practice(
        _("At {name} our gross margin is {rate:.1%}. A colleague files 'our margin here is "
          "below our average' as a cost-position weakness. What do you say?").format(
            name=account.name, rate=account.margin_rate),
        (_("Right: a low margin is a weak cost position"),
         _("Cost position compares our unit cost with our competitors'; a margin against our "
           "own average says nothing about it. Use our relative market share on its largest "
           "line as the proxy"),
         _("File it as a threat instead"),
         _("Leave it out: cost is finance's business")),
        1,
        (_("The margin mixes price, product mix and cost; compared with our own average it "
           "tells nothing about rivals."),
         _("Right: the course judges cost position against competitors; the larger producer "
           "usually has the lower unit cost (Henderson 1970)."),
         _("A margin of ours is internal: it cannot be a threat."),
         _("Cost position is one of the internal factors, and it decides what price we can "
           "afford.")),
    )


def _practice_bcg(_account_id: str) -> _Practice:
    lines = datasets.load("product_lines").set_index("line_id")
    own, rival = (float(lines.at["PL09", c]) for c in ("own_share_pct",
                                                        "largest_rival_share_pct"))
    return _Practice(
        _("Waterborne industrial coatings (PL09) hold {own:g}% of their market and the "
          "largest rival {rival:g}%. What share must Huaxin reach for the line to become a "
          "star, if the rival keeps its share?").format(own=own, rival=rival),
        (_("{rival:g}%: as much as the largest rival (relative share 1x)").format(rival=rival),
         _("{double:g}%: double today's share").format(double=2 * own),
         _("10%: the growth split"),
         _("None: a question mark cannot become a star")),
        0,
        (_("Right: a star leads its market; relative share 1x means we are as large as the "
           "largest rival."),
         _("Doubling gives {ratio:.2f}x, still under 1x: still a question mark.").format(
             ratio=2 * own / rival),
         _("10% is the split of market growth, the other axis."),
         _("Building a question mark into a star is what the 'build' strategy is for.")),
    )


def _practice_segment(_account_id: str) -> _Practice:
    (first, second), merged = _merged_segment()
    return _Practice(
        _("{first} and {second} fail the segment test on size alone (below {minimum} a "
          "year). What would you do?").format(first=_industry(first).capitalize(),
                                              second=_industry(second), minimum=_cny(
                                                  MIN_SEGMENT_CNY)),
        (_("Drop both industries"),
         _("Merge them into one segment of users of {line}: together {size}, similarity "
           "{similarity:.2f}").format(line=_line_name(str(merged["main_line"])),
                                      size=_cny(float(merged["size_cny"])),
                                      similarity=float(merged["similarity"])),
         _("Lower the minimum size for these two industries only"),
         _("Treat every account in them as a key account")),
        1,
        (_("Their accounts still buy; dropping them wastes a need they share."),
         _("Right: both buy mainly the same line, so one offer fits them; together they pass "
           "every test.") if bool(merged["passed"]) else
         _("They share their main line, but even together they fail: {failed}.").format(
             failed=merged["failed"]),
         _("A test changed to fit the answer is no test."),
         _("Key account treatment is for accounts of strategic significance, not for whole "
           "small industries.")),
    )


def _practice_ansoff(account_id: str) -> _Practice:
    from kamlib import ansoff

    account = _account(account_id)
    line = focus_line(account_id)
    candidates = ansoff.cross_sell_candidates(datasets.load("accounts"),
                                              datasets.load("transactions"),
                                              account_id=account.account_id, year=account.year)
    peers = (_("{n} of its {industry} peers buy it").format(
        n=int(candidates["peers_buying"].iloc[0]), industry=_industry(account.industry))
        if len(candidates) else _("it buys it already"))
    return _Practice(
        _("Huaxin plans to sell {line} to {name} ({peers}). For Huaxin, which Ansoff cell is "
          "this?").format(line=_line_name(line), name=account.name, peers=peers),
        (_("Market penetration (市场渗透): an existing product in a market we serve"),
         _("Product development (产品开发): the account has never bought it"),
         _("Market development (市场开发): a new customer for the line"),
         _("Diversification (多元化)")),
        0,
        (_("Right: Huaxin makes the line and sells it in this industry already. For the "
           "account it is new, so it is won like a new product: trials and approvals."),
         _("For the account, yes; for Huaxin the product is not new. Say which reading you "
           "use."),
         _("A market is an industry or region, not one customer; this industry is served."),
         _("Neither the product nor the market is new to Huaxin.")),
    )


def _practice_realistic(account_id: str) -> _Practice:
    limit = settings.current().plausible_change_pct
    return _Practice(
        _("Your manager asks for +120% revenue at {id} next year, with no new plant, product or "
          "contract behind it. Which rule of objective setting does it break?").format(
            id=_account(account_id).account_id),
        (_("several, not one (多个目标)"), _("quantifiable (可量化)"),
         _("realistic (现实性)"), _("consistent with each other (目标之间协调一致)")),
        2,
        (_("One objective alone breaks no rule of a set by itself; look at the number."),
         _("+120% is a number: it is quantifiable."),
         _("Right: it is beyond the course's plausible change of {limit:+.0f}% a year (an "
           "instructor may set another). Aim lower, or show what makes the jump "
           "possible.").format(limit=limit),
         _("With one objective nothing pulls against it.")),
    )


def _practice_contingency(account_id: str) -> _Practice:
    account = _account(account_id)
    return _Practice(
        _("In the threat matrix, 'a rival cuts its price on {line}' is serious and likely. "
          "Which entry of the plan answers it?").format(line=_line_name(account.largest_line)),
        (_("A contingency plan: if the rival cuts by 5% or more, we offer a total-cost study "
           "first and a rebate only against a volume commitment"),
         _("A fallback plan for the year after"),
         _("Nothing: we cannot control a rival's price"),
         _("A price cut now, before the rival moves")),
        0,
        (_("Right: a likely, serious threat gets a trigger and a response, written before the "
           "year starts."),
         _("A fallback is for serious but unlikely threats; this one is likely."),
         _("We cannot control it, but we can decide now how we will answer it."),
         _("Cutting first gives away margin against a move that may never come.")),
    )


_PRACTICE: dict[str, Callable[[str], _Practice]] = {
    "cycle": _practice_cycle,
    "mission": _practice_mission,
    "value_delivery": _practice_value,
    "macro_factor": _practice_macro,
    "cost_position": _practice_cost,
    "bcg_share": _practice_bcg,
    "segment_merge": _practice_segment,
    "ansoff_account": _practice_ansoff,
    "realistic": _practice_realistic,
    "contingency": _practice_contingency,
}
#: The "your turn" questions with a right answer, by key (saved as quiz/lecture2/try-<key>).
PRACTICE_KEYS = tuple(_PRACTICE)


def practice(key: str, *, account_id: str) -> Quiz:
    """A "your turn" question with a right answer: choose, check, read why.

    Parameters
    ----------
    key : str
        One of :data:`PRACTICE_KEYS`.
    account_id : str
        The account the question is about, where it is about one.

    Returns
    -------
    kamlib.widgets.quiz.Quiz
        Saved in the learner's workbook under ``quiz/lecture2/try-<key>``.

    Raises
    ------
    KamValueError
        If ``key`` is unknown or ``account_id`` is not a case account that bought in the year.

    Examples
    --------
    >>> practice("cycle", account_id="AC060").answers[0].startswith("Environment analysis")
    True
    """
    from kamlib.widgets.quiz import Quiz

    key = check_choice("key", key, PRACTICE_KEYS)
    found = _PRACTICE[key](_account(account_id).account_id)
    return Quiz(found.question, list(found.options), found.options[found.answer],
                list(found.explanations), key=f"lecture2/try-{key}", scenario=found.scenario)


def self_check(part: str) -> QuizSet:
    """The self-check of one notebook of lecture 2: the questions of :mod:`kamlib.quizzes`
    whose syllabus ID the notebook teaches.

    Parameters
    ----------
    part : {"a", "b"}
        02a (the market environment) or 02b (the annual plan).

    Returns
    -------
    kamlib.widgets.quiz.QuizSet
        Saved under ``quiz/lecture2/<question key>``, as before the lecture was split.

    Raises
    ------
    KamValueError
        If ``part`` is neither.

    Examples
    --------
    >>> len(self_check("a").quizzes) + len(self_check("b").quizzes)
    13
    """
    from kamlib import quizzes
    from kamlib.widgets.quiz import quiz_set

    ids = PARTS[_part(part)]
    chosen = [q for q, record in zip(quizzes.questions(2), quizzes.records(2), strict=True)
              if record.syllabus in ids]
    return quiz_set(chosen, key_prefix="lecture2")


def sources(part: str) -> str:
    """The Sources section of one notebook of lecture 2 (:func:`kamlib.sources.sources_section`
    for its sections).

    Parameters
    ----------
    part : {"a", "b"}

    Returns
    -------
    str
        Markdown.

    Raises
    ------
    KamValueError
        If ``part`` is neither.

    Examples
    --------
    >>> "Weihrich" in sources("a"), "Weihrich" in sources("b")
    (True, False)
    """
    from kamlib.sources import sources_section

    return sources_section(2, sections=SECTIONS[_part(part)])


def glossary(part: str) -> str:
    """The glossary of one notebook of lecture 2 (:func:`kamlib.glossary.glossary_markdown`
    for its sections).

    Parameters
    ----------
    part : {"a", "b"}

    Returns
    -------
    str
        A Markdown table.

    Raises
    ------
    KamValueError
        If ``part`` is neither.

    Examples
    --------
    >>> "Ansoff" in glossary("a"), "Ansoff" in glossary("b")
    (False, True)
    """
    from kamlib.glossary import glossary_markdown

    return glossary_markdown(2, sections=SECTIONS[_part(part)])
