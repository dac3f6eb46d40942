"""What lecture 1 (overview and development of KAM) says about Huaxin's data and your account.

Every function computes its fact from the case data with the concept modules
(:mod:`kamlib.pareto`, :mod:`kamlib.economics`, :mod:`kamlib.stages`, :mod:`kamlib.uncoupling`,
...) and returns it ready to show: a :class:`~kamlib.lessons.Markdown` sentence written
through ``_()`` with named placeholders, a :class:`~kamlib.tables.Table` or a
:class:`~kamlib.lessons.Chart`. Functions about "your account" take ``account_id`` (default:
the learner's studied account, :func:`studied`). :func:`your_turn` gives the lecture's
practice tasks as answer widgets, each saved in its own workbook section ``lecture1/<name>``.

The year is the course's year (:attr:`kamlib.settings.CourseSettings.case_year`), "today" the
course's today; both follow the instructor's settings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from kamlib import (
    case,
    cycles,
    datasets,
    economics,
    grid,
    lifecycle,
    pareto,
    settings,
    stages,
    tables,
    uncoupling,
)
from kamlib.exercises.tasks import Field, TaskSpec
from kamlib.formatting import company_name, day, money, number, percent
from kamlib.i18n import N_, _, both, get_language, join_list, ngettext
from kamlib.lessons import Chart, Markdown
from kamlib.validation import check_choice, check_number, fail

#: The growth targets (% above this year's revenue) the pressure-to-grow table shows [L1.2b].
GROWTH_TARGETS = (5, 10, 15, 20)
#: The target the shrinking accounts are held against (the course's example, not the handout's).
EXAMPLE_TARGET_PCT = 10
#: Where each industry of the case sits on the handout's value chain [L1.3d] (the course's
#: reading: parts makers supply other makers; the others make finished goods).
VALUE_CHAIN_STEP = {
    "automotive parts": "component",
    "electronics": "component",
    "packaging": "component",
    "construction machinery": "product",
    "home appliances": "product",
    "furniture": "product",
    "shipbuilding": "product",
    "rail equipment": "product",
    "wind energy": "product",
}
VALUE_CHAIN = (
    ("raw_material", N_("raw material"), "原料"),
    ("component", N_("component"), "部件"),
    ("product", N_("product"), "产品"),
    ("intermediary", N_("intermediary"), "中间商"),
    ("end_user", N_("end user"), "终端"),
)
SIDE_NAMES = {"internal": N_("internal (内因)"), "external": N_("external (外因)")}
#: A lower concentration over all years than in the year, by more than this many points,
#: counts as "smaller" in the 80/20 practice task (and higher as "larger").
SAME_SHARE_POINTS = 1.0
#: The fewest characters of an open answer worth a trainer's reading.
MIN_OPEN_ANSWER = 30


# --- helpers -------------------------------------------------------------------------------


def _zh() -> bool:
    return get_language() == "zh"


def _both(en: str, zh: str) -> str:
    """A term as the current edition writes it: "Early KAM (初级阶段)" or "初级阶段" (``en``
    translated first: a key of the catalog)."""
    return both(_(en), zh)


def _stage_name(number_: int) -> str:
    stage = next(s for s in stages.STAGES if s.number == number_)
    return _both(stage.en, stage.zh)


def _account(account_id: str) -> pd.Series:
    return datasets.load("accounts").set_index("account_id").loc[account_id]


def _name(account_id: str) -> str:
    return company_name(_account(account_id))


def _money(amount: float) -> str:
    return money(amount, short=True)


def _year() -> int:
    return settings.current().case_year


def _book() -> pd.DataFrame:
    """The accounts with this year's revenue, X/Y scores, industry and influence."""
    accounts = datasets.load("accounts").set_index("account_id")
    book = case.scored_accounts().set_index("account_id")
    return book.join(accounts[["industry", "region", "influence"]])


def _ordering_revenue() -> pd.Series:
    """This year's revenue of the accounts that ordered, largest first."""
    year = _year()
    return pareto.revenue_by_account(datasets.load("transactions"), start=f"{year}-01-01",
                                     end=f"{year}-12-31")


def _stage_table() -> pd.DataFrame:
    return stages.relationship_stages(datasets.load("contacts"), datasets.load("transactions"),
                                      datasets.load("accounts"), as_of=settings.current().today)


def _diagnosis(account_id: str) -> stages.StageDiagnosis:
    contacts = datasets.load("contacts")
    orders = datasets.load("transactions")
    return stages.relationship_stage(contacts[contacts["account_id"] == account_id],
                                     orders[orders["account_id"] == account_id],
                                     as_of=settings.current().today)


def _bullets(lines: list[str]) -> Markdown:
    return Markdown("\n".join(f"- {line}" for line in lines))


def _ordinal(n: int) -> str:
    if _zh():
        return _("no. {n}").format(n=n)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# --- the studied account -------------------------------------------------------------------


def studied(account_id: str | None = None) -> str:
    """The case account this lecture studies: ``account_id``, else the learner's choice.

    The learner chooses once, in the start-here notebook (:func:`kamlib.case.studied_account`,
    default :data:`kamlib.case.THREAD_ACCOUNT`). An account of the learner's own CRM export has
    no contacts or visits on file, so this lecture then follows the thread account
    (:func:`your_account` says so).

    Parameters
    ----------
    account_id : str, optional
        A case account, e.g. "AC060".

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of the case data.

    Examples
    --------
    >>> studied("AC152")
    'AC152'
    """
    if account_id is None:
        chosen = case.studied_account()
        return chosen.account_id if chosen.source == "case" else case.THREAD_ACCOUNT
    known = datasets.load("accounts")["account_id"]
    if not isinstance(account_id, str) or account_id not in set(known):
        raise fail("account_id", account_id,
                   _("an account of the case data, {value!r} to {value2!r}")
                       .format(value=known.min(), value2=known.max()))
    return account_id


def your_account(account_id: str | None = None) -> Markdown:
    """Who the studied account is: name, industry, city, Huaxin's key account manager.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_account("AC060"))  # doctest: +ELLIPSIS
    You study **AC060**, Changsha Shengrui Furniture Co., Ltd. (长沙盛瑞家具有限公司): ...
    """
    account_id = studied(account_id)
    row = datasets.shown_texts(_account(account_id), "accounts")
    name = row["name_zh"] if _zh() else f"{row['name']} ({row['name_zh']})"
    text = _("You study **{account}**, {name}: {industry}, {city} ({region}); Huaxin's key "
             "account manager for it is {kam}.").format(
        account=account_id, name=name, industry=_(str(row["industry"])),
        city=row["city"], region=row["region"], kam=row["kam"])
    chosen = case.studied_account()
    if chosen.source == "crm" and account_id == case.THREAD_ACCOUNT:
        text += " " + _("Your own account {own} comes from your CRM export, which holds no "
                        "contacts or visits; this lecture therefore follows the course's thread "
                        "account.").format(own=chosen.account_id)
    return Markdown(text)


# --- 1. What a key account is [L1.1] -------------------------------------------------------


def biggest_accounts(n: int = 10) -> Markdown:
    """How much of this year's revenue the ``n`` biggest accounts bought, and how many are VIPs.

    Parameters
    ----------
    n : int, default 10

    Returns
    -------
    Markdown

    Raises
    ------
    KamValueError
        If ``n`` is not a whole number from 1 to the number of accounts.

    Examples
    --------
    >>> print(biggest_accounts(10))  # doctest: +ELLIPSIS
    In 2025 the 10 biggest accounts bought 41.9% of Huaxin's revenue of CNY 488.9 m; ...
    """
    book = _book()
    n = check_number("n", n, minimum=1, maximum=len(book), integer=True)
    top = book.nlargest(n, "revenue_cny")
    return Markdown(_(
        "In {year} the {n} biggest accounts bought {share} of Huaxin's revenue of {total}; "
        "{vips} of them are VIP heavyweights."
    ).format(year=_year(), n=n, share=percent(top["revenue_cny"].sum() / book["revenue_cny"].sum()),
             total=_money(book["revenue_cny"].sum()), vips=int(top["vip"].sum())))


def _signal_of(account_id: str) -> str:
    """The account's revenue-trend signal in words, or "no orders"."""
    trend = case.revenue_trends()
    if account_id not in trend.index:
        return _("no orders")
    return _(uncoupling.TREND_SIGNAL_NAMES[trend.loc[account_id, "signal"]])


def _account_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Account id and the name in the learner's language, as the first two columns."""
    names = frame["name_zh"] if _zh() else frame["name"]
    return pd.DataFrame({_("Account"): frame.index, _("Name"): names.to_numpy()},
                        index=frame.index)


def biggest_accounts_table(n: int = 10) -> tables.Table:
    """The ``n`` biggest accounts of this year: industry, revenue, share, VIP or not.

    Parameters
    ----------
    n : int, default 10

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "CNY" in biggest_accounts_table(3).html
    True
    """
    book = _book()
    n = check_number("n", n, minimum=1, maximum=len(book), integer=True)
    top = book.nlargest(n, "revenue_cny")
    revenue = _("Revenue {year}").format(year=_year())
    frame = _account_columns(top).assign(**{
        _("Industry"): [_(str(v)) for v in top["industry"]],
        revenue: top["revenue_cny"].to_numpy(),
        _("Share of revenue"): [percent(v) for v in top["revenue_cny"] / book["revenue_cny"].sum()],
        _("VIP heavyweight"): [_("yes") if v else "" for v in top["vip"]],
    })
    return tables.show(frame, money=[revenue], index=False)


def _small_vips() -> pd.DataFrame:
    book = _book()
    return book[book["vip"] & (book["x"] <= 1)].sort_values("capacity_cny", ascending=False)


def small_vips() -> Markdown:
    """How many VIP heavyweights buy very little or nothing, and what they could spend.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(small_vips())  # doctest: +ELLIPSIS
    3 of the 8 VIP heavyweights buy very little from us or nothing ...
    """
    book = _book()
    small = _small_vips()
    return Markdown(_(
        "{small} of the {vips} VIP heavyweights buy very little from us or nothing (a purchase "
        "score of 1 or 0), yet together they could spend {capacity} a year in our category."
    ).format(small=len(small), vips=int(book["vip"].sum()),
             capacity=_money(small["capacity_cny"].sum())))


def vip_table() -> tables.Table:
    """The VIP heavyweights: revenue, capacity, influence and what they buy from us.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "influence" in vip_table().html.lower()
    True
    """
    vips = _book()
    vips = vips[vips["vip"]].sort_values("revenue_cny")
    revenue = _("Revenue {year}").format(year=_year())
    capacity = _("Capacity (all suppliers)")
    frame = _account_columns(vips).assign(**{
        _("Industry"): [_(str(v)) for v in vips["industry"]],
        revenue: vips["revenue_cny"].to_numpy(),
        capacity: vips["capacity_cny"].to_numpy(),
        _("Influence (0–5)"): vips["influence"].to_numpy(),
        _("Buys from us"): [_both(*grid.SCORE_MEANINGS[int(x)]) for x in vips["x"]],
    })
    return tables.show(frame, money=[revenue, capacity], index=False)


# --- 2. The 80/20 principle [L1.2a] --------------------------------------------------------


def concentration() -> Markdown:
    """The 80/20 measured on this year's orders: the top fifth's share of revenue and margin,
    and how many accounts make 80% of revenue.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(concentration())  # doctest: +ELLIPSIS
    In 2025, 175 accounts ordered from Huaxin. ...
    """
    year = _year()
    revenue = pareto.concentration(_ordering_revenue())
    margin = pareto.concentration(pareto.revenue_by_account(
        datasets.load("transactions"), revenue="margin_cny", start=f"{year}-01-01",
        end=f"{year}-12-31"))
    return Markdown(_(
        "In {year}, {n} accounts ordered from Huaxin. The top 20% of them ({top} accounts) "
        "brought **{share}** of revenue; the top 20% by gross margin brought {margin_share} of "
        "gross margin. 80% of revenue came from {target} accounts ({fraction} of them)."
    ).format(year=year, n=revenue.n_accounts, top=revenue.top_accounts,
             share=percent(revenue.top_share), margin_share=percent(margin.top_share),
             target=revenue.accounts_for_target, fraction=percent(revenue.fraction_for_target)))


def concentration_chart() -> Chart:
    """This year's revenue concentration curve, the top 20% marked.

    Returns
    -------
    Chart

    Examples
    --------
    >>> concentration_chart().xlabel != ""
    True
    """
    from kamlib.views.pareto import plot_concentration

    result = pareto.concentration(_ordering_revenue())
    return Chart(lambda ax: plot_concentration(result, ax=ax, highlight=0.2),
                 figsize=(7.5, 5.4),
                 alt=_("Revenue concentration curve of {year}: the top 20% of accounts bring "
                       "{share} of revenue.").format(year=_year(),
                                                     share=percent(result.top_share)))


def visits_to_top_accounts() -> Markdown:
    """The trainer's question: do the accounts that cause most of the result get most visits?

    Returns
    -------
    Markdown
        The top 20% of this year's accounts by revenue, their share of revenue and their share
        of the visits done this year.

    Examples
    --------
    >>> print(visits_to_top_accounts())  # doctest: +ELLIPSIS
    In 2025 the top 20% of accounts (35 accounts, 71.6% of revenue) received 31.9% of ...
    """
    year = _year()
    revenue = _ordering_revenue()
    result = pareto.concentration(revenue)
    top = set(revenue.sort_values(ascending=False).index[:result.top_accounts])
    visits = datasets.load("visits")
    done = visits[(visits["status"] == "done") & (visits["date"].dt.year == year)]
    to_top = int(done["account_id"].isin(top).sum())
    return Markdown(_(
        "In {year} the top 20% of accounts ({top} accounts, {share} of revenue) received "
        "{visit_share} of the visits Huaxin's key account managers made ({to_top} of {visits})."
    ).format(year=year, top=result.top_accounts, share=percent(result.top_share),
             visit_share=percent(to_top / len(done)), to_top=number(to_top),
             visits=number(len(done))))


def your_rank(account_id: str | None = None) -> Markdown:
    """Where the studied account ranks by this year's revenue: inside the top 20% or not.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_rank("AC060"))  # doctest: +ELLIPSIS
    AC060 ranks 17th of 175 accounts by 2025 revenue: 1.41% of the total, inside the top 20% ...
    """
    account_id = studied(account_id)
    revenue = _ordering_revenue().sort_values(ascending=False)
    result = pareto.concentration(revenue)
    if account_id not in revenue.index:
        return Markdown(_("{account} placed no order in {year}, so it is not on the curve.")
                        .format(account=account_id, year=_year()))
    rank = revenue.index.get_loc(account_id) + 1
    template = (_("{account} ranks {rank} of {n} accounts by {year} revenue: {share} of the "
                  "total, inside the top 20% (the first {top}).") if rank <= result.top_accounts
                else _("{account} ranks {rank} of {n} accounts by {year} revenue: {share} of "
                       "the total, outside the top 20% (the first {top})."))
    return Markdown(template.format(
        account=account_id, rank=_ordinal(rank), n=result.n_accounts, year=_year(),
        share=percent(revenue[account_id] / revenue.sum(), decimals=2), top=result.top_accounts))


# --- 3. Pressure to grow [L1.2b] -----------------------------------------------------------


def yearly_revenue_table() -> tables.Table:
    """Huaxin's revenue, ordering accounts and growth for each year of the data.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "+9.5%" in yearly_revenue_table().html
    True
    """
    yearly = pareto.yearly_revenue(datasets.load("transactions"))
    revenue = _("Revenue")
    frame = pd.DataFrame({
        _("Year"): yearly.index.astype(str),
        revenue: yearly["revenue_cny"].to_numpy(),
        _("Accounts ordering"): yearly["accounts_ordering"].to_numpy(),
        _("Growth on the year before"): ["" if pd.isna(v) else f"{v:+.1f}%"
                                         for v in yearly["growth_pct"]],
    })
    return tables.show(frame, money=[revenue], index=False)


def growth_targets_table(account_id: str | None = None,
                         targets: tuple[float, ...] = GROWTH_TARGETS) -> tables.Table:
    """What next year's target asks: the extra revenue, per ordering account, and of your
    account if every account grew at the same rate.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.
    targets : tuple of float
        Targets in % above this year's revenue (0 to 100).

    Returns
    -------
    kamlib.tables.Table

    Raises
    ------
    KamValueError
        If a target is outside 0–100.

    Examples
    --------
    >>> "+10%" in growth_targets_table("AC060").html
    True
    """
    account_id = studied(account_id)
    checked = [check_number("targets", t, minimum=0, maximum=100) for t in targets]
    if not checked:
        raise fail("targets", targets, _("at least one target in % (0 to 100)"))
    year = _year()
    book = _book()
    total = book["revenue_cny"].sum()
    ordering = int((book["revenue_cny"] > 0).sum())
    own = book.loc[account_id, "revenue_cny"]
    revenue = _("Revenue {year}").format(year=year + 1)
    more = _("More than {year}").format(year=year)
    each = _("More per ordering account ({n})").format(n=ordering)
    yours = _("{account} at the same rate").format(account=account_id)
    frame = pd.DataFrame({
        _("Target"): [f"+{t:g}%" for t in checked],
        revenue: [total * (1 + t / 100) for t in checked],
        more: [total * t / 100 for t in checked],
        each: [total * t / 100 / ordering for t in checked],
        yours: [own * (1 + t / 100) for t in checked],
    })
    return tables.show(frame, money=[revenue, more, each, yours], index=False)


def _shrinking() -> tuple[pd.DataFrame, pd.Series]:
    trend = case.revenue_trends()
    return trend, trend["signal"].isin(["declining", "lost"])


def shrinking_accounts(target_pct: float = EXAMPLE_TARGET_PCT) -> Markdown:
    """What the declining and lost accounts gave up in the last 12 months, against the gap a
    growth target opens.

    Parameters
    ----------
    target_pct : float, default 10
        The target, % above this year's revenue.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(shrinking_accounts())  # doctest: +ELLIPSIS
    Over the last 12 months, 33 declining or lost accounts gave up CNY 44.3 m, ...
    """
    target_pct = check_number("target_pct", target_pct, minimum=0.1, maximum=100)
    trend, shrinking = _shrinking()
    change = trend["recent"] - trend["previous"]
    lost = -change[shrinking].sum()
    gap = _book()["revenue_cny"].sum() * target_pct / 100
    return Markdown(_(
        "Over the last 12 months, {n} declining or lost accounts gave up {lost}, while the "
        "other accounts added {added}. A +{target:g}% target asks {gap} more: what the "
        "shrinking accounts gave up is {share} of it."
    ).format(n=int(shrinking.sum()), lost=_money(lost), added=_money(change[~shrinking].sum()),
             target=target_pct, gap=_money(gap), share=percent(lost / gap, decimals=0)))


# --- 4. Profit and cost: keep or win? [L1.2c] ----------------------------------------------


def keep_win_effects() -> tables.Table:
    """The keep-vs-win model under the handout's and the published cost ratio: what five more
    points of retention do to yearly profit.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "+22.1%" in keep_win_effects().html
    True
    """
    rows = []
    for source, label in (("handout", N_("the handout (keeping costs 30–50% of winning)")),
                          ("published", N_("Gallo 2014 (winning costs 5–25 times keeping)"))):
        assumptions = economics.sourced_assumptions(source)
        effect = economics.retention_profit_effect(assumptions, gain=0.05)
        rows.append({
            _("Figures from"): _(label),
            _("Keeping costs, as a share of winning"): percent(assumptions.keep_cost_ratio),
            _("Retention"): f"{percent(assumptions.retention_rate, decimals=0)} → "
                            f"{percent(assumptions.improved_retention_rate, decimals=0)}",
            _("Change in yearly profit"): f"{effect:+.1f}%",
        })
    return tables.show(pd.DataFrame(rows), index=False)


def handout_claim() -> Markdown:
    """The model's effect beside the handout's +25–60%, and why they differ
    (:func:`kamlib.economics.check_handout_claim`).

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(handout_claim())  # doctest: +ELLIPSIS
    With keeping at 40% of the cost of winning ... change yearly profit by +22.1%; ...
    """
    return Markdown(economics.check_handout_claim().explanation)


def huaxin_retention() -> Markdown:
    """Huaxin's own retention rate this year, and the accounts that did not order again.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(huaxin_retention())  # doctest: +ELLIPSIS
    Of the 167 accounts that ordered in 2024, 160 ordered again in 2025: ... of 95.8%, ...
    """
    year = _year()
    kept = economics.retention(datasets.load("transactions"), year=year)
    default = economics.DEFAULT_ASSUMPTIONS.retention_rate
    template = (_("Of the {before} accounts that ordered in {last}, {kept} ordered again in "
                  "{year}: a retention rate of {rate}, above the model's {default}. Not "
                  "ordering again: {lost}.") if kept.rate > default
                else _("Of the {before} accounts that ordered in {last}, {kept} ordered again "
                       "in {year}: a retention rate of {rate}, at or below the model's "
                       "{default}. Not ordering again: {lost}."))
    return Markdown(template.format(
        before=kept.ordered_before, last=year - 1, kept=kept.kept, year=year,
        rate=percent(kept.rate), default=percent(default, decimals=0),
        lost=_(", ").join(kept.lost) or _("none")))


# --- 6. Customer needs change fast: the product life cycle [L1.2f] ---------------------------


def life_cycle_chart() -> Chart:
    """The handout's two product life cycles, then and now (stylised, not measured).

    Returns
    -------
    Chart

    Examples
    --------
    >>> chart = life_cycle_chart()
    >>> [text for text in chart.texts if "stages" in text]
    ['Classic life cycle (传统生命周期): 4 stages', 'Life cycle now (现在的生命周期): 3 stages']
    """
    from kamlib.views.lifecycle import plot_life_cycles

    curves = lifecycle.life_cycle_curves()
    return Chart(lambda ax: plot_life_cycles(curves, ax=ax), figsize=(9.0, 5.2),
                 alt=_("Two stylised product life cycles: the classic one with a long "
                       "maturity, today's falling soon after its peak."))


def slow_growth() -> Markdown:
    """The share of Huaxin's revenue from slow-growing (mature) markets, against the handout's
    "maturity has all but vanished" (:func:`kamlib.lifecycle.slow_growth_share`).

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(slow_growth())  # doctest: +ELLIPSIS
    **61%** of Huaxin's revenue comes from 6 of its 10 product lines whose market grows ...
    """
    lines = datasets.load("product_lines")
    share = lifecycle.slow_growth_share(lines)
    slow = int((lines["market_growth_pct"] < 10.0).sum())
    return Markdown(_(
        "**{share}** of Huaxin's revenue comes from {slow} of its {n} product lines whose market "
        "grows less than 10% a year: mature markets, where products earn money for years. For "
        "Huaxin, maturity has not vanished."
    ).format(share=percent(share, decimals=0), slow=slow, n=len(lines)))


# --- 7. What KAM is [L1.3b] ----------------------------------------------------------------


def your_history(account_id: str | None = None) -> Markdown:
    """How long the studied account has bought from Huaxin, and its revenue by year.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_history("AC060"))  # doctest: +ELLIPSIS
    AC060 has bought from Huaxin since October 2013 (12 years). Revenue by year: 2023: ...
    """
    account_id = studied(account_id)
    first = _account(account_id)["first_order_date"]
    if pd.isna(first):
        return Markdown(_("{account} has never ordered from Huaxin: all of its return still "
                          "lies ahead.").format(account=account_id))
    orders = datasets.load("transactions")
    own = orders[orders["account_id"] == account_id]
    by_year = own.groupby(own["date"].dt.year)["revenue_cny"].sum()
    years = join_list(f"{year}: {_money(value)}" for year, value in by_year.items())
    since = (f"{first.year}年{first.month}月" if _zh()
             else day(first, language="en").split(" ", 1)[1])
    return Markdown(_(
        "{account} has bought from Huaxin since {since} ({years} years). Revenue by year: "
        "{by_year}."
    ).format(account=account_id, since=since,
             years=int((settings.current().today - first).days // 365.25),
             by_year=years or _("none in the years of the data")))


# --- 8. The value chain [L1.3d] ------------------------------------------------------------


def industry_table() -> tables.Table:
    """This year's revenue by the customers' industry, with each industry's step on the value
    chain.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "automotive parts" in industry_table().html
    True
    """
    by_industry = pareto.revenue_by_group(_book(), group="industry")
    steps = {key: _both(en, zh) for key, en, zh in VALUE_CHAIN}
    revenue = _("Revenue {year}").format(year=_year())
    frame = pd.DataFrame({
        _("Industry"): [_(str(v)) for v in by_industry.index],
        _("Step on the value chain"): [steps[VALUE_CHAIN_STEP[str(v)]] for v in by_industry.index],
        _("Accounts buying"): by_industry["accounts_buying"].to_numpy(),
        revenue: by_industry["revenue_cny"].to_numpy(),
        _("Share of revenue"): [f"{v:.1f}%" for v in by_industry["share_pct"]],
    })
    return tables.show(frame, money=[revenue], index=False)


def your_value_chain(account_id: str | None = None) -> Markdown:
    """The studied account's industry and its step on the value chain.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_value_chain("AC060"))  # doctest: +ELLIPSIS
    AC060 is in furniture, at the product (产品) step: it ...
    """
    account_id = studied(account_id)
    industry = str(_account(account_id)["industry"])
    step = VALUE_CHAIN_STEP[industry]
    key, en, zh = next(entry for entry in VALUE_CHAIN if entry[0] == step)
    template = (_("{account} is in {industry}, at the {step} step: it makes finished goods, so "
                  "its customers are the dealers and distributors (the intermediaries) or the "
                  "end users themselves.") if key == "product"
                else _("{account} is in {industry}, at the {step} step: it makes parts or "
                       "packaging that go into other companies' products, so the makers of "
                       "those products are its customers."))
    return Markdown(template.format(account=account_id, industry=_(industry),
                                    step=_both(en, zh)))


# --- 9. Cooperation, simple or complex [L1.4a] ---------------------------------------------


def cooperation(account_id: str | None = None) -> Markdown:
    """How Huaxin's accounts cooperate, simple or complex, and how the studied account does.

    Complex: two or more of the customer's functions are in touch with us
    (:func:`kamlib.stages.involvements`, the course's reading of the handout).

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(cooperation("AC060"))  # doctest: +ELLIPSIS
    Of Huaxin's 186 accounts with recorded contacts, 119 cooperate in a complex way ...
    AC060: complex cooperation; 4 of its functions are in touch with us: finance, logistics, ...
    """
    account_id = studied(account_id)
    contacts = datasets.load("contacts")
    kinds = stages.involvements(contacts)
    book = _(
        "Of Huaxin's {n} accounts with recorded contacts, {complex} cooperate in a complex way "
        "(two or more of their functions are in touch with us) and {simple} in a simple way."
    ).format(n=len(kinds), complex=int((kinds == "complex").sum()),
             simple=int((kinds == "simple").sum()))
    own = contacts[contacts["account_id"] == account_id]
    if own.empty:
        return Markdown(book + "\n\n" + _("{account}: no contact recorded yet, so no "
                                           "cooperation to read.").format(account=account_id))
    functions = sorted(own["their_function"].astype(str).unique())
    template = (_("{account}: complex cooperation; {n} of its functions are in touch with us: "
                  "{functions}.") if stages.involvement(own) == "complex"
                else _("{account}: simple cooperation; one of its functions is in touch with "
                       "us: {functions}."))
    return Markdown(book + "\n\n" + template.format(
        account=account_id, n=len(functions), functions=_(", ").join(_(f) for f in functions)))


# --- 10. The six stages [L1.4b] ------------------------------------------------------------


def stages_table() -> tables.Table:
    """The six stages of a key account relationship, with what each looks like.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "伙伴式管理阶段" in stages_table().html
    True
    """
    frame = pd.DataFrame({
        _("Stage"): [s.number for s in stages.STAGES],
        _("Name"): [_both(s.en, s.zh) for s in stages.STAGES],
        _("What it looks like"): [_(s.description) for s in stages.STAGES],
    })
    return tables.show(frame, index=False)


def stage_counts() -> Markdown:
    """How many of Huaxin's accounts are in each stage today (the course's rule).

    Returns
    -------
    Markdown
        One line per stage.

    Examples
    --------
    >>> print(stage_counts().splitlines()[0])
    - Stage 1, Pre-KAM (孕育阶段): 18 accounts
    """
    counts = _stage_table()["stage"].value_counts()
    return _bullets([_("Stage {stage}, {name}: {n} accounts").format(
        stage=s.number, name=_stage_name(s.number), n=int(counts.get(s.number, 0)))
        for s in stages.STAGES])


def uncoupling_depth() -> Markdown:
    """How deep the contacts of the uncoupling accounts go: uncoupling happens at any stage.

    For each account in stage 6 today, the stage its contacts alone would give (trade not
    read): many are no mere early relationships.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(uncoupling_depth())  # doctest: +ELLIPSIS
    24 accounts are uncoupling (stage 6) today. Their contacts alone would put them at: ...
    """
    counts = _uncoupling_depths().value_counts().sort_index()
    parts = join_list(
        _("{name}: {n}").format(name=_stage_name(int(s)) if s else _("no contact on record"),
                                n=int(n)) for s, n in counts.items())
    deep = int(counts[counts.index >= 4].sum())
    template = (_("{n} accounts are uncoupling (stage 6) today. Their contacts alone would put "
                  "them at: {parts}. {deep} of them had reached partnership or synergy: a "
                  "relationship can break at any stage.") if deep
                else _("{n} accounts are uncoupling (stage 6) today. Their contacts alone would "
                       "put them at: {parts}."))
    return Markdown(template.format(n=int(counts.sum()), parts=parts, deep=deep))


def _uncoupling_depths() -> pd.Series:
    """For each account in stage 6, the stage its contacts alone give (0: no contact)."""
    table = _stage_table()
    breaking = table.loc[table["stage"] == 6, ["account_id"]]
    contacts = datasets.load("contacts")
    alone = stages.relationship_stages(contacts, None, breaking,
                                       as_of=settings.current().today).set_index("account_id")
    on_record = alone.index.isin(contacts["account_id"])
    return alone["stage"].where(on_record, 0).astype(int)


def your_contact_map(account_id: str | None = None) -> Chart:
    """The studied account's contact map: who at Huaxin talks to whom at the account.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Chart

    Examples
    --------
    >>> "AC060" in your_contact_map("AC060").title
    True
    """
    from kamlib.views.stages import plot_contact_map

    account_id = studied(account_id)
    contacts = datasets.load("contacts")
    people = datasets.load("people")
    theirs = contacts.loc[contacts["account_id"] == account_id, "their_person_id"].nunique()
    return Chart(lambda ax: plot_contact_map(contacts, account_id=account_id, ax=ax, people=people),
                 figsize=(10.0, max(4.0, 0.55 * theirs + 2.0)),
                 alt=_("Contact map of {account}: Huaxin's people on the left, the account's "
                       "on the right, one line per contact.").format(account=account_id))


# --- 11. Why relationships break [L1.5] ----------------------------------------------------


def causes_table() -> tables.Table:
    """The handout's ten causes of uncoupling with the course's warning signs and remedies.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "人员的调整" in causes_table().html
    True
    """
    factors = uncoupling.factors_frame()
    frame = pd.DataFrame({
        _("Side"): [_(SIDE_NAMES[s]) for s in factors["side"]],
        _("Cause"): [_both(en, zh) for en, zh in zip(factors["en"], factors["zh"], strict=True)],
        _("Warning signs"): [join_list(_(sign) for sign in factor.warning_signs)
                             for factor in uncoupling.RISK_FACTORS],
        _("Remedy"): [_(r) for r in factors["remedy"]],
        _("Weight (1–3)"): factors["weight"].to_numpy(),
    })
    return tables.show(frame, index=False)


def warning_signals() -> Markdown:
    """The warning the orders give across the book: declining and lost accounts today.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(warning_signals())  # doctest: +ELLIPSIS
    As of 31 December 2025, 26 accounts are declining and 7 are lost. ...
    """
    trend, shrinking = _shrinking()
    at_risk = trend[shrinking]
    halved = int((at_risk["recent"] < 0.5 * at_risk["previous"]).sum())
    return Markdown(_(
        "As of {today}, {declining} accounts are declining and {lost} are lost. Together they "
        "bought {previous} in the 12 months before and {recent} in the last 12; {halved} of "
        "them lost more than half of their revenue with us."
    ).format(today=day(settings.current().today),
             declining=int((at_risk["signal"] == "declining").sum()),
             lost=int((at_risk["signal"] == "lost").sum()),
             previous=_money(at_risk["previous"].sum()), recent=_money(at_risk["recent"].sum()),
             halved=halved))


def watch_list_table(n: int = 10) -> tables.Table:
    """The ``n`` accounts whose revenue fell most over the last 12 months, with their stage.

    Parameters
    ----------
    n : int, default 10

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> watch_list_table(3).html.count("<tr>")
    4
    """
    trend, shrinking = _shrinking()
    n = check_number("n", n, minimum=1, maximum=max(1, int(shrinking.sum())), integer=True)
    at_risk = trend[shrinking].assign(drop=lambda t: t["previous"] - t["recent"])
    at_risk = at_risk.nlargest(n, "drop")
    stage = _stage_table().set_index("account_id")["stage"]
    book = _book()
    previous, recent = _("Previous 12 months"), _("Last 12 months")
    frame = _account_columns(book.loc[at_risk.index]).assign(**{
        _("Industry"): [_(str(v)) for v in book.loc[at_risk.index, "industry"]],
        _("VIP heavyweight"): [_("yes") if v else "" for v in book.loc[at_risk.index, "vip"]],
        previous: at_risk["previous"].to_numpy(),
        recent: at_risk["recent"].to_numpy(),
        _("Change"): [f"{v:+.1f}%" for v in at_risk["change_pct"]],
        _("Days since last order"): at_risk["days_since_last_order"].to_numpy(),
        _("Signal"): [_(uncoupling.TREND_SIGNAL_NAMES[s]) for s in at_risk["signal"]],
        _("Stage"): stage.loc[at_risk.index].to_numpy(),
    })
    return tables.show(frame, money=[previous, recent], index=False)


def your_trend(account_id: str | None = None) -> Markdown:
    """The studied account's revenue signal and last order, as the stage rule reads them.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_trend("AC060"))  # doctest: +ELLIPSIS
    AC060's revenue signal is **declining**: CNY 6.9 m in the last 12 months against ...
    """
    account_id = studied(account_id)
    trend = case.revenue_trends()
    if account_id not in trend.index:
        return Markdown(_("{account}: no order on record, so no revenue trend.")
                        .format(account=account_id))
    row = trend.loc[account_id]
    change = "–" if pd.isna(row["change_pct"]) else f"{row['change_pct']:+.1f}%"
    days = int(row["days_since_last_order"])
    return Markdown(ngettext(
        "{account}'s revenue signal is **{signal}**: {recent} in the last 12 months against "
        "{previous} in the 12 before ({change}); last order on {last}, {days} day before "
        "today.",
        "{account}'s revenue signal is **{signal}**: {recent} in the last 12 months against "
        "{previous} in the 12 before ({change}); last order on {last}, {days} days before "
        "today.", days,
    ).format(account=account_id, signal=_(uncoupling.TREND_SIGNAL_NAMES[row["signal"]]),
             recent=_money(row["recent"]), previous=_money(row["previous"]), change=change,
             last=day(row["last_order"]), days=days))


def your_visits_table(account_id: str | None = None) -> tables.Table:
    """The studied account's visit log of this year (and any visit planned after it).

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "purchasing director" in your_visits_table("AC060").html
    True
    """
    account_id = studied(account_id)
    visits = datasets.load("visits")
    own = datasets.shown_texts(visits[(visits["account_id"] == account_id)
                                      & (visits["date"].dt.year >= _year())], "visits")
    own = own.sort_values("date")
    date = _("Date")
    frame = pd.DataFrame({
        date: own["date"].dt.strftime("%Y-%m-%d").to_numpy(),
        _("Status"): [_(str(s)) for s in own["status"]],
        _("Objective"): own["objective"].to_numpy(),
        _("Outcome"): own["outcome"].fillna("").to_numpy(),
        _("Next step"): own["next_step"].fillna("").to_numpy(),
    })
    return tables.show(frame, index=False, nowrap=[date])


# --- 12. Two cycles [L1.6] [L1.7] ----------------------------------------------------------

#: Where the course's "today" (the end of the planning year) puts each cycle.
CYCLE_NOW = {"regional_operation": "summarise", "target_customer": "review"}


def regional_cycle_chart() -> Chart:
    """The regional operation cycle with today's step marked.

    Returns
    -------
    Chart

    Examples
    --------
    >>> regional_cycle_chart().alt.startswith("The regional operation cycle")
    True
    """
    from kamlib.views.cycles import plot_cycle

    now = CYCLE_NOW["regional_operation"]
    return Chart(lambda ax: plot_cycle(cycles.REGIONAL_OPERATION, now, ax=ax),
                 figsize=(7.0, 6.0),
                 alt=_("The regional operation cycle: six steps on a circle; today's step, "
                       "summarise, is marked."))


def cycle_table(cycle: str) -> tables.Table:
    """The steps of a cycle, the question each asks, and where today stands.

    Parameters
    ----------
    cycle : {"regional_operation", "target_customer"}

    Returns
    -------
    kamlib.tables.Table

    Raises
    ------
    KamValueError
        If ``cycle`` is not one of the two.

    Examples
    --------
    >>> "环境分析" in cycle_table("target_customer").html
    True
    """
    cycle = check_choice("cycle", cycle, tuple(CYCLE_NOW))
    frame = cycles.as_frame(cycle, current_key=CYCLE_NOW[cycle])
    status = {"done": _("done"), "now": _("now"), "": ""}
    return tables.show(pd.DataFrame({
        _("Step"): frame["number"].to_numpy(),
        _("Name"): [_both(en, zh) for en, zh in zip(frame["en"], frame["zh"], strict=True)],
        _("The question it asks"): [_(q) for q in frame["question"]],
        _("Today"): [status[s] for s in frame["status"]],
    }), index=False)


def your_cycle_position(account_id: str | None = None) -> Markdown:
    """Where the studied account's manager stands today, and the facts the review starts from.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_cycle_position("AC060"))  # doctest: +ELLIPSIS
    Today is 31 December 2025, the end of the 2025 planning year. Tang Yuhang reviews AC060 ...
    """
    account_id = studied(account_id)
    diagnosis = _diagnosis(account_id)
    signal = _signal_of(account_id)
    return Markdown(_(
        "Today is {today}, the end of the {year} planning year. {kam} reviews {account} from "
        "two facts of this lecture: stage {stage}, {name}, and a revenue signal "
        "**{signal}**. They are the first input of the next environment analysis, for {next}."
    ).format(today=day(settings.current().today), year=_year(), kam=_account(account_id)["kam"],
             account=account_id, stage=diagnosis.stage, name=_stage_name(diagnosis.stage),
             signal=signal, next=_year() + 1))


# --- 14. Summary ---------------------------------------------------------------------------


def your_account_summary(account_id: str | None = None) -> Markdown:
    """The studied account in one line: rank, stage, revenue signal, next step.

    Parameters
    ----------
    account_id : str, optional
        Default: :func:`studied`.

    Returns
    -------
    Markdown

    Examples
    --------
    >>> print(your_account_summary("AC060"))  # doctest: +ELLIPSIS
    **AC060** (Changsha Shengrui Furniture Co., Ltd.): 17th of 175 by 2025 revenue; stage 4, ...
    """
    account_id = studied(account_id)
    revenue = _ordering_revenue().sort_values(ascending=False)
    place = (_("{rank} of {n} by {year} revenue").format(
        rank=_ordinal(revenue.index.get_loc(account_id) + 1), n=len(revenue), year=_year())
        if account_id in revenue.index else _("no orders in {year}").format(year=_year()))
    diagnosis = _diagnosis(account_id)
    signal = _signal_of(account_id)
    return Markdown(_(
        "**{account}** ({name}): {place}; stage {stage}, {stage_name}; revenue signal "
        "{signal}; next step in the target-customer cycle: the environment analysis for {next}."
    ).format(account=account_id, name=_name(account_id), place=place, stage=diagnosis.stage,
             stage_name=_stage_name(diagnosis.stage), signal=signal, next=_year() + 1))


# --- Your turn: the lecture's practice tasks -----------------------------------------------


def _filled(*keys: str, min_length: int = MIN_OPEN_ANSWER) -> Callable[[Any, Mapping], str | None]:
    """A rubric for an open form: every field filled, the texts long enough to read."""
    def rubric(answer: Any, _workbook: Mapping[str, Any]) -> str | None:
        values = answer if isinstance(answer, Mapping) else {"": answer}
        for key, value in values.items():
            if value in (None, "") or (isinstance(value, str) and not value.strip()):
                return _("leaves a field empty: fill every field.")
            if (not keys or key in keys) and isinstance(value, str) and len(
                    value.strip()) < min_length:
                return _("is short: say a little more (at least {n} characters).").format(
                    n=min_length)
        return None
    return rubric


def _right_choice(expected: Callable[[], str]) -> Callable[[Any, Mapping], str | None]:
    """A rubric for a choice whose right option is computed when checked."""
    def rubric(answer: Any, _workbook: Mapping[str, Any]) -> str | None:
        return None if answer == expected() else _("is not the one the data supports.")
    return rubric


def _pareto_direction() -> str:
    orders = datasets.load("transactions")
    year = _year()
    one = pareto.concentration(pareto.revenue_by_account(
        orders, start=f"{year}-01-01", end=f"{year}-12-31")).top_share
    every = pareto.concentration(pareto.revenue_by_account(orders)).top_share
    points = (every - one) * 100
    if abs(points) <= SAME_SHARE_POINTS:
        return "same"
    return "larger" if points > 0 else "smaller"


def _handout_points(answer: Any, _workbook: Mapping[str, Any]) -> str | None:
    needed = 100 * economics.check_handout_claim().gain_for_low
    if answer > 50:
        return _("looks like a retention rate; give the rise above today's rate in points "
                 "(from 80% to 83% is 3 points).")
    if not needed - 0.5 <= answer <= math.ceil(needed) + 0.5:
        return _("does not reach +25% yet, or goes past it: watch the profit change as you "
                 "move the slider one point at a time.")
    return None


def _why_key_task(_account_id: str) -> TaskSpec:
    small = _small_vips()
    names = small["name_zh"] if _zh() else small["name"]
    return TaskSpec(
        "1.0a", N_("Pick one VIP heavyweight that buys very little from us, and write what you "
                   "would tell your sales director: why should Huaxin give it a key account "
                   "manager's time?"),
        "form", section="lecture1/why_key", compare=None, manual=True,
        fields=(Field("account", N_("VIP heavyweight"), "choice",
                      options=tuple(zip(small.index, small.index + " " + names, strict=True))),
                Field("case", N_("What you would tell your director"))),
        rubric=_filled("case"),
        why=N_("Saved in your workbook. A convincing case names what the account could bring "
               "(its capacity in our category, the customers that follow its lead, a "
               "technology we could develop with it) and what the first step would cost."))


def _pareto_years_task(_account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0b", N_("In the explorer, keep the top 20% and switch the year between {year} and "
                   "all years. Over all three years, does the top fifth of accounts hold a "
                   "larger, about the same or a smaller share of revenue than in {year}?"),
        "choice", section="lecture1/pareto_years", compare=None, facts={"year": _year()},
        options=(("larger", N_("larger")),
                 ("same", N_("about the same (within one percentage point)")),
                 ("smaller", N_("smaller"))),
        rubric=_right_choice(_pareto_direction),
        why=N_("Right: the concentration is a lasting feature of Huaxin's book, not one "
               "year's accident, so a plan can rest on it."),
        hint=N_("Read the share in the explorer's sentence for each choice of year."))


def _growth_plan_task(_account_id: str) -> TaskSpec:
    trend, shrinking = _shrinking()
    lost = -(trend["recent"] - trend["previous"])[shrinking].sum()
    gap = _book()["revenue_cny"].sum() * EXAMPLE_TARGET_PCT / 100
    return TaskSpec(
        "1.0c", N_("Next year's target is +{target}%, {gap} more than {year}. Which plan "
                   "reaches it most surely?"),
        "choice", section="lecture1/growth_plan", compare=None,
        facts={"target": EXAMPLE_TARGET_PCT, "gap": _money(gap), "year": _year(),
               "lost": _money(lost), "share": percent(lost / gap, decimals=0)},
        options=(("even", N_("Ask every account for the same +10%.")),
                 ("per_account", N_("Stop the decline at the shrinking accounts and grow the "
                                    "accounts with room to grow, account by account.")),
                 ("new", N_("Win enough new accounts to cover the whole gap."))),
        rubric=_right_choice(lambda: "per_account"),
        why=N_("Right: in the last 12 months the declining and lost accounts gave up {lost}, "
               "{share} of the gap. Winning that back is the nearest growth there is; an even "
               "spread ignores which accounts can grow, and new accounts are slow and dear to "
               "win (section 4)."),
        hint=N_("Compare what the shrinking accounts gave up with the gap, and remember what "
                "winning a new account costs."))


def _handout_points_task(_account_id: str) -> TaskSpec:
    check = economics.check_handout_claim()
    high = (_("{points:.1f}").format(points=100 * check.gain_for_high)
            if not math.isnan(check.gain_for_high) else _("more than retention can rise"))
    return TaskSpec(
        "1.0d", N_("In the calculator, click handout figures, then move Retention goal up one "
                   "point at a time. How many points above today's 80% does retention have to "
                   "rise before yearly profit grows by 25% or more, the bottom of the "
                   "handout's range?"),
        "number", section="lecture1/handout_points", compare=None, unit=N_("points"),
        rubric=_handout_points, facts={"low": 100 * check.gain_for_low, "high": high},
        why=N_("Right: in this model the handout's +25% needs {low:.1f} more points of "
               "retention, not 5, and its +60% needs {high}."),
        hint=N_("Retention goal is the second percentage slider; read the profit change in "
                "the sentence beside the chart."))


def _global_customer_task(_account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0e", N_("Think of one customer you know that buys for plants in more than one "
                   "region or country. Who decides on its suppliers, and does your company "
                   "meet that person?"),
        "text", section="lecture1/global_customer", compare=None, manual=True,
        min_length=MIN_OPEN_ANSWER, rubric=_filled(),
        why=N_("Saved. If nobody at your company meets the person who chooses suppliers for "
               "every plant, that meeting is the first step of a key account plan."))


def _life_cycle_task(_account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0f", N_("A home-appliance customer now replaces each washing-machine model every two "
                   "years. When should Huaxin's key account manager be talking to its R&D team "
                   "about the coating of a model?"),
        "choice", section="lecture1/life_cycle", compare=None,
        options=(("development", N_("While the model is being developed, before its launch")),
                 ("growth", N_("When the model's sales grow fastest")),
                 ("maturity", N_("When the model's sales level off")),
                 ("decline", N_("When the model's sales start to fall"))),
        rubric=_right_choice(lambda: "development"),
        why=N_("Right: the material of a model is specified in development; by its launch the "
               "choice is made. With two-year models that choice comes round every two years, "
               "and only a supplier already talking to R&D hears of it in time."),
        hint=N_("Ask when the coating of a new model is chosen, and by whom."))


def _selling_or_kam_task(_account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0g", N_("Think of the last thing you did for a customer. Was it key account selling "
                   "or key account management, and what would you have done under the other "
                   "heading?"),
        "form", section="lecture1/selling_or_kam", compare=None, manual=True,
        fields=(Field("did", N_("What you did")),
                Field("kind", N_("It was"), "choice",
                      options=(("selling", N_("key account selling")),
                               ("management", N_("key account management")))),
                Field("other", N_("Under the other heading"))),
        rubric=_filled("other", min_length=20),
        why=N_("Saved. Selling asks how to close this order; management asks where the "
               "customer will be in three years and how we get there with it. Most weeks need "
               "both."))


def _value_chain_task(account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0h", N_("{account} is in {industry}. Who are its customers, who is the end user, and "
                   "which decision about Huaxin's product could be taken there rather than at "
                   "{account}?"),
        "form", section=f"lecture1/value_chain/{account_id}", compare=None, manual=True,
        facts={"account": account_id, "industry": _(str(_account(account_id)["industry"]))},
        fields=(Field("customers", N_("Its customers")),
                Field("end_user", N_("The end user")),
                Field("decision", N_("A decision taken there"))),
        rubric=_filled("decision", min_length=20),
        why=N_("Saved. Wherever that decision is taken is where Huaxin needs to be known: put "
               "it on the account's contact plan."))


def _stage_task(account_id: str) -> TaskSpec:
    diagnosis = _diagnosis(account_id)
    return TaskSpec(
        "1.0i", N_("Before you open the diagnostic: from the contact map and the orders above, "
                   "which stage is {account} in?"),
        "choice", section=f"lecture1/stage/{account_id}", compare=None,
        facts={"account": account_id, "stage": diagnosis.stage,
               "name": _stage_name(diagnosis.stage), "reasons": join_list(diagnosis.reasons)},
        options=tuple((s.key, _both(s.en, s.zh)) for s in stages.STAGES),
        rubric=_right_choice(lambda: diagnosis.key),
        why=N_("Right: stage {stage}, {name}. The evidence: {reasons}."),
        hint=N_("Read the orders first (no order for 180 days, or revenue halved, means "
                "uncoupling at any depth), then the deepest contact: a joint team, "
                "staff-to-staff, another department, or only their buyer."))


def _cycle_step_task(_account_id: str) -> TaskSpec:
    return TaskSpec(
        "1.0j", N_("At which step of the regional operation cycle is your own region this "
                   "month, and what does that step ask of you?"),
        "form", section="lecture1/cycle_step", compare=None, manual=True,
        fields=(Field("step", N_("Step"), "choice",
                      options=tuple((s.key, _both(s.en, s.zh))
                                    for s in cycles.REGIONAL_OPERATION.steps)),
                Field("action", N_("What it asks of you this month"))),
        rubric=_filled("action", min_length=20),
        why=N_("Saved. Each step's question is in the table above; the summary you write at "
               "the end of the round is the first input of the next analysis."))


#: The practice tasks of the lecture, in the order of its sections: name -> its spec, built
#: for the studied account when shown (facts and options from the data).
_TASKS: dict[str, Callable[[str], TaskSpec]] = {
    "why_key": _why_key_task,
    "pareto_years": _pareto_years_task,
    "growth_plan": _growth_plan_task,
    "handout_points": _handout_points_task,
    "global_customer": _global_customer_task,
    "life_cycle": _life_cycle_task,
    "selling_or_kam": _selling_or_kam_task,
    "value_chain": _value_chain_task,
    "stage": _stage_task,
    "cycle_step": _cycle_step_task,
}
TASK_NAMES = tuple(_TASKS)


def your_turn(name: str, account_id: str | None = None, **options: Any) -> Any:
    """The answer widget of one practice task of the lecture ("Your turn").

    Each is saved in the learner's workbook under ``lecture1/<name>`` (the account-specific
    ones under ``lecture1/<name>/<account>``). A task with a right answer is checked against
    the case data when the learner presses "Check my answer"; an open one is saved and
    answered with what a trainer looks for.

    Parameters
    ----------
    name : str
        One of :data:`TASK_NAMES`.
    account_id : str, optional
        The studied account (default: :func:`studied`).
    **options
        ``workbook``, ``language`` as for every course widget.

    Returns
    -------
    kamlib.widgets.answers.AnswerWidget

    Raises
    ------
    KamValueError
        If ``name`` is not a task of the lecture or the account is not a case account.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.workbook import Workbook
    >>> book = Workbook(pathlib.Path(tempfile.mkdtemp()) / "learner.json")
    >>> your_turn("life_cycle", workbook=book).section
    'lecture1/life_cycle'
    """
    from kamlib.widgets.answers import answer

    name = check_choice("name", name, TASK_NAMES)
    return answer(_TASKS[name](studied(account_id)), **options)
