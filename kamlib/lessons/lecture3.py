"""What lecture 3 (target key accounts, 确定目标大客户) says about Huaxin's data.

Each function computes a fact with the concept modules (:mod:`kamlib.grid`,
:mod:`kamlib.priority`, :mod:`kamlib.customer_file`, :mod:`kamlib.prospecting`,
:mod:`kamlib.visits`) and returns it as Markdown (an ``IPython.display.Markdown``, whose
``.data`` is the text) written through ``_()``, or as a table (:func:`kamlib.tables.show`), so
that the English and the Chinese notebooks run the same cell. Functions about "your account"
take the case account the lecture studies (:func:`case_account`); the others are about the
whole case company. :func:`your_turn` builds the lecture's practice questions: answer widgets
(:func:`kamlib.widgets.answers.practice`) whose right answers are computed here, from the data
and the course settings, and saved in sections ``lecture3/<name>[/<account>]``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from IPython.display import Markdown

from kamlib import case, customer_file, datasets, grid, priority, prospecting, settings, stages
from kamlib import visits as visit_plan
from kamlib.formatting import company_name, day, money, percent
from kamlib.i18n import N_, _, get_language, join_list, ngettext
from kamlib.tables import Table, show
from kamlib.validation import check_choice, check_text

#: The workbook sections of the lecture's practice questions start with this.
SECTION = "lecture3"
#: The course's example of a stricter rule (a sales director's): class A needs the largest
#: capacity, class C widens to every account of capacity 2 or less.
DIRECTOR_RULE = {"a_min_y": 4, "c_max_y": 2}
#: The chance a learner gives a cold prospect after a good first meeting (the course's example).
RATED_CHANCE = 0.30
#: How many opportunities the ranking question offers.
RANKED_OFFERS = 4
#: A plan of first steps needs this many leads, each step written in this many characters.
MIN_LEADS, MIN_STEP_CHARACTERS = 2, 10

#: The customer file's groups and facts as shown (one home: kamlib.customer_file).
_FILE_NAMES = customer_file.FIELD_LABELS
_SOURCE_NAMES = {
    "colleagues_systems": N_("colleagues and the company's information systems"),
    "competitors": N_("competitors"), "new_customers": N_("new customers"),
    "industry_bodies": N_("industry bodies and associations"),
    "media": N_("the internet, magazines, newspapers and other media"),
}


def _md(text: str) -> Markdown:
    return Markdown(text)


def _short(amount: float) -> str:
    return money(amount, short=True)


_STAGES = {stage.key: stage for stage in stages.STAGES}


def _stage_name(key: str) -> str:
    stage = _STAGES[key]
    return stage.zh if get_language() == "zh" else stage.en


# --- the case data (read once) and what depends on the course settings (read each time) ------

@functools.cache
def _tables() -> dict[str, pd.DataFrame]:
    return {name: datasets.load(name) for name in
            ("accounts", "transactions", "contacts", "people", "visits")}


@functools.cache
def _stages_on(today: pd.Timestamp) -> pd.DataFrame:
    tables = _tables()
    return stages.relationship_stages(tables["contacts"], tables["transactions"],
                                      tables["accounts"], as_of=today)


def _data() -> dict[str, pd.DataFrame]:
    """The case tables, and every account's relationship stage on the course's today."""
    return {**_tables(), "stages": _stages_on(settings.current().today)}


def _book() -> pd.DataFrame:
    """Every case account with this year's revenue, X, Y and class (course settings)."""
    return case.classified_accounts().merge(
        _data()["accounts"][["account_id", "industry", "city", "region", "first_order_date"]],
        on="account_id")


def _ranked() -> pd.DataFrame:
    return priority.account_opportunities(case.scored_accounts(), _data()["stages"])


def _wishes(ratings: Mapping[str, float] | None = None) -> pd.DataFrame:
    data = _data()
    first = priority.prospect_probabilities(data["accounts"], data["people"],
                                            transactions=data["transactions"])
    chances = first["win_probability"].to_dict() | dict(ratings or {})
    return priority.wish_file(data["accounts"], chances, transactions=data["transactions"]
                              ).merge(first[["known"]], left_on="account_id", right_index=True)


def _account(account_id: str) -> pd.Series:
    return _book().set_index("account_id").loc[account_id]


# --- the studied account ----------------------------------------------------------------------

def case_account(account_id: str | None = None) -> str:
    """The case account the lecture's worked examples are about.

    Parameters
    ----------
    account_id : str, optional
        A case account ("AC060"); default: the learner's studied account
        (:func:`kamlib.case.studied_account`), or the course's thread account when the learner
        studies an account of their own CRM export (the lecture needs the case's files).

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``account_id`` is not an account of the case data.

    Examples
    --------
    >>> case_account("AC005")
    'AC005'
    """
    if account_id is None:
        chosen = case.studied_account()
        return chosen.account_id if chosen.source == "case" else case.THREAD_ACCOUNT
    known = _data()["accounts"]["account_id"]
    return check_choice("account_id", check_text("account_id", account_id), known.tolist())


def studied(account_id: str) -> Markdown:
    """Who the studied account is, in one sentence (and whether it comes from the learner's own
    export).

    Parameters
    ----------
    account_id : str
        A case account (see :func:`case_account`).

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(studied("AC060").data)  # doctest: +ELLIPSIS
    You study **AC060**, Changsha Shengrui Furniture Co., Ltd. (长沙盛瑞家具有限公司), in the ...
    """
    row = datasets.shown_texts(_account(account_id), "accounts")
    text = _("You study **{account}**, {name} ({name_zh}), in the {industry} industry, in "
             "{city} ({region}). Huaxin's key account manager for it: {kam}.").format(
        account=account_id, name=row["name"], name_zh=row["name_zh"],
        industry=_(str(row["industry"])),
        city=row["city"], region=row["region"], kam=row["kam"])
    chosen = case.studied_account()
    if chosen.source == "crm" and account_id == case.THREAD_ACCOUNT:
        text += " " + _("(You chose {own} from your own CRM export; this lecture's worked "
                        "examples need the case company's customer files and visits, so they "
                        "follow the course's account.)").format(own=chosen.account_id)
    return _md(text)


# --- section 2: the XY grid [L3.4] -------------------------------------------------------------

def score_table() -> Table:
    """The five purchasing scores (0–4), what each means and the amount it starts at.

    Returns
    -------
    kamlib.tables.Table
        One row per score; amounts from the course settings' cut points.

    Examples
    --------
    >>> "500,000" in score_table().html
    True
    """
    cuts = (0.0, *settings.current().score_cuts_cny)
    meaning = 1 if get_language() == "zh" else 0
    frame = pd.DataFrame({
        _("score"): list(grid.SCORE_MEANINGS),
        _("meaning"): [words[meaning] for words in grid.SCORE_MEANINGS.values()],
        _("from (CNY a year)"): cuts,
    })
    return show(frame, index=False, money=[_("from (CNY a year)")])


def class_rules() -> Markdown:
    """The course's class rule in words and as the 5×5 map of cells.

    Returns
    -------
    IPython.display.Markdown
        A sentence and a Markdown table (capacity Y from 4 at the top to 0, X from 0 to 4).

    Examples
    --------
    >>> print(class_rules().data.splitlines()[0])  # doctest: +ELLIPSIS
    The course's rule (course settings): class A where X ≥ 3 and Y ≥ 3; ...
    """
    rules = grid.ClassificationRules()
    text = _("The course's rule (course settings): class A where X ≥ {ax} and Y ≥ {ay}; class C "
             "where Y ≤ {cy}; class B in every other possible cell. A VIP heavyweight is class "
             "VIP wherever it sits{vip}.").format(
        ax=rules.a_min_x, ay=rules.a_min_y, cy=rules.c_max_y,
        vip="" if rules.vip_overrides else _(" (not now: the VIP flag is only shown)"))
    cells = rules.cell_table()
    header = "| " + _("Y \\ X") + " | " + " | ".join(str(x) for x in range(grid.MAX_SCORE + 1))
    lines = [text, "", header + " |", "|---" * (grid.MAX_SCORE + 2) + "|"]
    for y, row in zip(range(grid.MAX_SCORE, -1, -1), cells.itertuples(index=False), strict=True):
        shown = [_("impossible") if cell == "impossible" else cell for cell in row]
        lines.append(f"| **{y}** | " + " | ".join(shown) + " |")
    return _md("\n".join(lines))


def class_counts() -> Markdown:
    """How many case accounts each class holds, and the VIPs that buy little from us.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(class_counts().data)  # doctest: +ELLIPSIS
    Of Huaxin's 200 accounts (prospects included): class A 40, class B 122, class C 30, ...
    """
    book = _book()
    counts = book["account_class"].value_counts().reindex(list(grid.ACCOUNT_CLASSES),
                                                          fill_value=0)
    vips = book[book["vip"]]
    light = vips[vips["x"] <= 1]
    listed = ", ".join(f"{row.account_id} (X = {row.x}, Y = {row.y})"
                       for row in light.itertuples())
    return _md(_("Of Huaxin's {n} accounts (prospects included): {counts}. {vips} of them are "
                 "VIP heavyweights; {light} of those buy little or nothing from us (X ≤ 1): "
                 "{listed}.").format(
        n=len(book), counts=_(", ").join(_("class {c} {n}").format(c=c, n=n)
                                      for c, n in counts.items()),
        vips=len(vips), light=len(light), listed=listed or _("none")))


def account_class(account_id: str) -> Markdown:
    """Where the studied account sits on the grid, from its purchases and capacity.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(account_class("AC060").data)  # doctest: +ELLIPSIS
    AC060 bought CNY 6.9 m from us in 2025 (X = 3) of a capacity of CNY 32.4 m (Y = 4): ...
    """
    row = _account(account_id)
    text = _("{account} bought {revenue} from us in {year} (X = {x}) of a capacity of "
             "{capacity} (Y = {y}): it sits in a class {grid_class} cell").format(
        account=account_id, revenue=_short(row["revenue_cny"]), year=settings.current().case_year,
        x=row["x"], capacity=_short(row["capacity_cny"]), y=row["y"],
        grid_class=row["grid_class"])
    if row["account_class"] != row["grid_class"]:
        text += _(", and as a VIP heavyweight it is class {cls}.").format(cls=row["account_class"])
    else:
        text += _(" and is class {cls}.").format(cls=row["account_class"])
    return _md(text)


def _leaving_a() -> int:
    """Accounts of class A under the course's rule that the director's rule puts elsewhere."""
    scored = case.scored_accounts()
    course = grid.ClassificationRules()
    director = grid.ClassificationRules(**{**_rule_fields(course), **DIRECTOR_RULE})
    before = grid.classify_accounts(scored, rules=course)["account_class"]
    after = grid.classify_accounts(scored, rules=director)["account_class"]
    return int(((before == "A") & (after != "A")).sum())


def _rule_fields(rules: grid.ClassificationRules) -> dict[str, Any]:
    return {"a_min_x": rules.a_min_x, "a_min_y": rules.a_min_y, "c_max_y": rules.c_max_y,
            "vip_overrides": rules.vip_overrides}


# --- section 3: rank by expected value [L3.1] --------------------------------------------------

def chances() -> Markdown:
    """The course's chances of winning, by relationship stage and for prospects.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(chances().data)  # doctest: +ELLIPSIS
    The course's chances of winning (course settings): Early KAM 20%, Mid KAM 30%, ...
    """
    course = settings.current()
    by_stage = _(", ").join(f"{_stage_name(key)} {percent(chance, decimals=0)}"
                         for key, chance in course.win_probability_by_stage.items())
    prospect = course.prospect_win_probability
    return _md(_("The course's chances of winning (course settings): {by_stage}; a prospect "
                 "where we know someone {known}, a cold one {cold}.").format(
        by_stage=by_stage, known=percent(prospect["known"], decimals=0),
        cold=percent(prospect["cold"], decimals=0)))


def opportunities(account_id: str) -> Markdown:
    """The business Huaxin's customers give rivals, weighted by chance, and the studied
    account's rank in it.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(opportunities("AC060").data)  # doctest: +ELLIPSIS
    182 accounts that buy from us give rivals CNY 1.1 bn a year; ... AC060 ranks 8 of 182: ...
    """
    ranked = _ranked()
    top = int((ranked["cumulative_share"] < 0.8).sum()) + 1
    text = _("{n} accounts that buy from us give rivals {size} a year; weighted by the chance of "
             "winning it, that is {value}, and the first {top} accounts hold 80% of it.").format(
        n=len(ranked), size=_short(ranked["size_cny"].sum()),
        value=_short(ranked["expected_value_cny"].sum()), top=top)
    if account_id in set(ranked["account_id"]):
        text += " " + priority.describe_rank(ranked, account_id)
    else:
        text += " " + _("{account} does not buy from us yet: it belongs in the wish file "
                        "below.").format(account=account_id)
    return _md(text)


def _rank_offers(account_id: str) -> pd.DataFrame:
    """The opportunities the ranking question offers: the studied account and the largest
    others of its key account manager, by the business still with rivals."""
    ranked = _ranked()
    kam = _account(account_id)["kam"]
    own = ranked[ranked["kam"] == kam].sort_values(["size_cny", "account_id"],
                                                   ascending=[False, True], kind="stable")
    mine = own[own["account_id"] == account_id]
    others = own[own["account_id"] != account_id].head(RANKED_OFFERS - len(mine))
    return pd.concat([mine, others]).sort_values("account_id")


def wish_file_summary() -> Markdown:
    """Huaxin's wish file: how many prospects, their capacity, what we know, the VIPs.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(wish_file_summary().data)  # doctest: +ELLIPSIS
    Huaxin's wish file holds 18 prospects with CNY 111.4 m of capacity a year; ...
    """
    wishes = _wishes()
    total = wishes["expected_value_cny"].sum()
    text = _("Huaxin's wish file holds {n} prospects with {capacity} of capacity a year; we know "
             "someone at {known} of them. Ranked by expected value ({total} in all), the first "
             "three hold {share} of it.").format(
        n=len(wishes), capacity=_short(wishes["capacity_cny"].sum()),
        known=int(wishes["known"].sum()), total=_short(total),
        share=percent(wishes["cumulative_share"].iloc[min(2, len(wishes) - 1)], decimals=0))
    for row in wishes[wishes["vip"]].itertuples():
        larger = int((wishes["capacity_cny"] < row.capacity_cny).sum())
        size = (_("the largest capacity of the wish file, {capacity}") if larger == len(wishes) - 1
                else _("a capacity of {capacity}, larger than {larger} of the other {others}")
                ).format(capacity=_short(row.capacity_cny), larger=larger, others=len(wishes) - 1)
        text += " " + _("The VIP prospect {account} ({name}) has {size}; {who} in its buying "
                        "team is in our files, so it is rated {chance} and ranks {rank}.").format(
            account=row.account_id, name=company_name(row._asdict()), size=size,
            who=_("someone") if row.known else _("nobody"),
            chance=percent(row.win_probability, decimals=0), rank=row.rank)
    return _md(text)


def _rated_prospect() -> pd.Series:
    """The practice prospect: the largest cold prospect that is not a VIP."""
    wishes = _wishes()
    cold = wishes[~wishes["known"] & ~wishes["vip"]]
    return cold.sort_values(["capacity_cny", "account_id"], ascending=[False, True]).iloc[0]


# --- section 4: the customer information file [L3.3] -------------------------------------------

def _file(account_id: str) -> pd.DataFrame | None:
    people = _data()["people"]
    if account_id not in set(people["account_id"]):
        return None
    return customer_file.customer_file(people, account_id=account_id)


def _no_people(account_id: str) -> Markdown:
    return _md(_("Nobody at {account} is in Huaxin's customer files yet: its file starts at the "
                 "first visit.").format(account=account_id))


def _blank(file: pd.DataFrame) -> pd.DataFrame:
    """True where a fact of the file is missing or blank (persons as rows, facts as columns)."""
    facts = file.drop(columns="person", level="group")
    return facts.astype("string").fillna("").apply(lambda column: column.str.strip()).eq("")


def customer_file_table(account_id: str) -> Table | Markdown:
    """The studied account's customer file: one column per person, one row per fact.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    kamlib.tables.Table or IPython.display.Markdown
        The file (blank cells: facts nobody has found out yet), or a sentence when nobody at
        the account is on file.

    Examples
    --------
    >>> "Wang Peiying" in customer_file_table("AC060").html
    True
    """
    file = _file(account_id)
    if file is None:
        return _no_people(account_id)
    facts = file.drop(columns="person", level="group")
    table = facts.T
    table.columns = [_("{name}, {title}").format(name=name, title=title) for name, title in
                     zip(file[("person", "name")], file[("person", "title")], strict=True)]
    table.index = [_("{group}: {fact}").format(group=_(_FILE_NAMES[group]),
                                               fact=_(_FILE_NAMES[field]))
                   for group, field in facts.columns]
    table.index.name = _("fact")
    return show(table.fillna(""))


def file_facts(account_id: str) -> Markdown:
    """How much of the studied account's file is filled in.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    IPython.display.Markdown
        Empty when nobody at the account is on file (the file's table says so).

    Examples
    --------
    >>> print(file_facts("AC060").data)
    AC060's file covers 6 people; 54 of their 72 facts are filled in (75%).
    """
    file = _file(account_id)
    if file is None:
        return _md("")
    blank = _blank(file)
    filled = int((~blank).to_numpy().sum())
    return _md(_("{account}'s file covers {people} people; {filled} of their {facts} facts are "
                 "filled in ({share}).").format(
        account=account_id, people=len(file), filled=filled, facts=blank.size,
        share=percent(filled / blank.size, decimals=0)))


def file_gaps() -> Markdown:
    """Which kind of knowledge Huaxin's files miss most often, across all accounts.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(file_gaps().data)  # doctest: +ELLIPSIS
    Across the 186 accounts with a file, ... is interpersonal (20 accounts), ...
    """
    people = _data()["people"]
    missing = customer_file.missing_group_counts(people).sort_values(ascending=False,
                                                                     kind="stable")
    least = customer_file.field_fill_rates(people).iloc[0]
    return _md(_("Across the {accounts} accounts with a file, the group of facts most often "
                 "missing (under half of it filled in) is {first} ({n_first} accounts), then "
                 "{second} ({n_second}). The fact least often known: {field} (filled in for "
                 "{share} of {people} people).").format(
        accounts=people["account_id"].nunique(), first=_(_FILE_NAMES[missing.index[0]]),
        n_first=int(missing.iloc[0]), second=_(_FILE_NAMES[missing.index[1]]),
        n_second=int(missing.iloc[1]), field=_(_FILE_NAMES[least["field"]]),
        share=percent(least["filled_share"], decimals=0), people=len(people)))


# --- section 5: where to find the right customers [L3.2] ---------------------------------------

def _sleeping(book: pd.DataFrame) -> pd.DataFrame:
    return prospecting.sleeping_giants(book, _data()["transactions"])


def sources_table() -> Table:
    """The five sources of new customers, what to look for, and an example for Huaxin.

    Returns
    -------
    kamlib.tables.Table

    Examples
    --------
    >>> "Competitors" in sources_table().html
    True
    """
    frame = prospecting.sources_table()
    return show(pd.DataFrame({
        _("source"): frame["en"] + " (" + frame["zh"] + ")",
        _("look for"): frame["look_for"],
        _("an example for Huaxin"): frame["example"],
    }), index=False)


def lead_counts() -> Markdown:
    """What Huaxin's own data holds of four of the five sources.

    Returns
    -------
    IPython.display.Markdown
        A numbered list: sleeping giants in the CRM, rivals named in the files, new customers
        of the year, people active in an industry body.

    Examples
    --------
    >>> print(lead_counts().data.splitlines()[0])  # doctest: +ELLIPSIS
    1. **Colleagues and systems:** 11 customers buy from us under 10% of a capacity of ...
    """
    data, book = _data(), _book()
    sleeping = _sleeping(book)
    year = settings.current().case_year
    won = book[book["first_order_date"].dt.year == year]
    industries = won["industry"].astype(str).value_counts()
    rivals = prospecting.file_leads(data["people"], source="competitors")
    bodies = prospecting.file_leads(data["people"], source="industry_bodies")
    lines = [
        _("1. **Colleagues and systems:** {n} customers buy from us under 10% of a capacity of "
          "{size} or more (the CRM's \"sleeping giants\"); the largest is {account} ({name}), "
          "with a capacity of {capacity}.").format(
            n=len(sleeping), size=_short(3e6), account=sleeping["account_id"].iloc[0],
            name=company_name(sleeping.iloc[0]), capacity=_short(sleeping["capacity_cny"].iloc[0])),
        _("2. **Competitors:** at {n} accounts our files name a rival supplier or a tender: each "
          "is a window on what rivals offer, and on whom else they supply.").format(
            n=rivals["account_id"].nunique()),
        _("3. **New customers:** {n} accounts placed their first order in {year}, most of them "
          "in {industry} ({count}): ask them whom they buy from and sell to.").format(
            n=len(won), year=year, industry=industries.index[0], count=int(industries.iloc[0])),
        _("4. **Industry bodies:** {people} people at {accounts} accounts are active in an "
          "industry association: ask them for introductions.").format(
            people=len(bodies), accounts=bodies["account_id"].nunique()),
    ]
    return _md("\n".join(lines))


def account_leads(account_id: str) -> Markdown:
    """What the studied account's own file says of rivals and associations, and whether it is
    a sleeping giant itself.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(account_leads("AC060").data)  # doctest: +ELLIPSIS
    In AC060's file: 3 people name a rival supplier or a tender ...
    """
    people = _data()["people"]
    mine = people[people["account_id"] == account_id]
    if mine.empty:
        return _no_people(account_id)
    rivals = prospecting.file_leads(mine, source="competitors")
    bodies = prospecting.file_leads(mine, source="industry_bodies")
    names = sorted(set(datasets.shown_texts(rivals["suppliers"], "people").astype(str)))
    text = " ".join([
        _("In {account}'s file:").format(account=account_id),
        ngettext("{n} person names a rival supplier or a tender{quoted};",
                 "{n} people name a rival supplier or a tender{quoted};", len(rivals)).format(
            n=len(rivals),
            quoted=" ({})".format(join_list(f'"{name}"' for name in names)) if names else ""),
        ngettext("{n} person is active in an industry association.",
                 "{n} people are active in an industry association.", len(bodies)).format(
            n=len(bodies))])
    sleeping = _sleeping(_book())
    if account_id in set(sleeping["account_id"]):
        share = sleeping.set_index("account_id").loc[account_id, "share_of_wallet"]
        text += " " + _("It is itself a sleeping giant: we hold {share} of its "
                        "capacity.").format(share=percent(share, decimals=1))
    return _md(text)


def industry_leads(account_id: str) -> Table | Markdown:
    """The leads in the studied account's industry: its prospects and its sleeping giants.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    kamlib.tables.Table or IPython.display.Markdown
        The leads, largest capacity first, or a sentence when the industry has none.

    Examples
    --------
    >>> "AC128" in industry_leads("AC060").html
    True
    """
    book = _book()
    industry = _account(account_id)["industry"]
    wishes = _wishes().merge(book[["account_id", "city"]], on="account_id")
    sleeping = _sleeping(book)
    leads = pd.concat([
        wishes.assign(lead=_("prospect (wish file)")),
        sleeping.assign(lead=_("sleeping giant (CRM)")),
    ])
    leads = leads[leads["industry"].astype(str) == str(industry)].sort_values(
        "capacity_cny", ascending=False, kind="stable")
    if leads.empty:
        return _md(_("Huaxin's data holds no prospect and no sleeping giant in {industry} "
                     "yet.").format(industry=_(str(industry))))
    names = leads["name_zh"] if get_language() == "zh" else leads["name"]
    return show(pd.DataFrame({
        _("lead"): leads["lead"], _("account"): leads["account_id"], _("name"): names,
        _("city"): datasets.shown_texts(leads["city"], "accounts"),
        _("capacity"): leads["capacity_cny"],
    }), index=False, money=[_("capacity")])


# --- section 6: the visit plan [L3.5] ----------------------------------------------------------

def visit_rhythm() -> Markdown:
    """The course's visit rhythm by class, and when a visit counts as due.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(visit_rhythm().data)  # doctest: +ELLIPSIS
    The course's visit rhythm (course settings): class A every 30 days, ...
    """
    course = settings.current()
    every = _(", ").join(_("class {c} every {n} days").format(c=c, n=n)
                      for c, n in course.visit_days.items())
    return _md(_("The course's visit rhythm (course settings): {every}. A visit counts as due "
                 "this month within {soon} days of its due date.").format(
        every=every, soon=course.due_soon_days))


def _due() -> pd.DataFrame:
    return visit_plan.visits_due(_book(), _data()["visits"], as_of=settings.current().today)


def overdue() -> Markdown:
    """The overdue visits of the whole company on the course's today.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(overdue().data)  # doctest: +ELLIPSIS
    On 31 December 2025, 8 class A accounts are overdue for a visit ...
    """
    due = _due()
    late = due[due["status"] == "overdue"]
    late_a = late[late["account_class"] == "A"]
    text = _("On {today}, {n_a} class A accounts are overdue for a visit ({n} accounts of all "
             "classes)").format(today=day(settings.current().today), n_a=len(late_a), n=len(late))
    if len(late_a):
        worst = late_a.iloc[0]
        text += _("; the longest wait is {days} days, at {account} ({kam}), and {unplanned} of "
                  "the {n_a} have no visit planned.").format(
            days=int(worst["days_overdue"]), account=worst["account_id"], kam=worst["kam"],
            unplanned=int(late_a["next_planned"].isna().sum()), n_a=len(late_a))
    else:
        text += "."
    return _md(text)


def account_visits(account_id: str) -> Markdown:
    """The studied account's visits: its rhythm and status, the last visit's result and the
    next one planned.

    Parameters
    ----------
    account_id : str
        A case account.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(account_visits("AC060").data)  # doctest: +ELLIPSIS
    AC060 is class A, visited every 30 days: ...
    """
    row = _due().set_index("account_id").loc[account_id]
    log = _data()["visits"]
    mine = datasets.shown_texts(log[log["account_id"] == account_id], "visits")
    mine = mine.sort_values("date", kind="stable")
    today = settings.current().today
    done = mine[(mine["status"] == "done") & (mine["date"] <= today)]
    planned = mine[(mine["status"] == "planned") & (mine["date"] >= today)]
    text = _("{account} is class {cls}, visited every {days} days: status **{status}**.").format(
        account=account_id, cls=row["account_class"], days=int(row["visit_every_days"]),
        status=_(str(row["status"])))
    if len(done):
        last = done.iloc[-1]
        met = _("met") if _met(last) else _("not met")
        text += " " + _("Last visit, {date}: \"{objective}\" (objective {met}); result: "
                        "\"{outcome}\"; next step recorded: \"{next_step}\".").format(
            date=day(last["date"]), objective=last["objective"], met=met,
            outcome=last["outcome"], next_step=last["next_step"])
    if len(planned):
        coming = planned.iloc[0]
        text += " " + _("Next visit planned: {date}, \"{objective}\".").format(
            date=day(coming["date"]), objective=coming["objective"])
        if len(done) and coming["objective"] == done.iloc[-1]["objective"] \
                and _met(done.iloc[-1]):
            text += " " + _("It repeats the objective just met: the plan was not updated with "
                            "the next step recorded.")
    else:
        text += " " + _("No visit is planned.")
    return _md(text)


def _met(visit: pd.Series) -> bool:
    """Whether a visit done met its objective (unknown counts as not met)."""
    return bool(pd.notna(visit["objective_met"]) and visit["objective_met"])


def _review_month() -> str:
    return f"{settings.current().today:%Y-%m}"


def review() -> Markdown:
    """The monthly review of the course's month: visits done of planned, objectives met, and
    the lowest objective hit rate.

    Returns
    -------
    IPython.display.Markdown

    Examples
    --------
    >>> print(review().data)  # doctest: +ELLIPSIS
    In 2025-12, 112 of 124 planned visits took place (90%) and 73% of them met ...
    """
    month = _review_month()
    table = visit_plan.monthly_review(_data()["visits"], month=month)
    people = table[table["kam"] != visit_plan.TOTAL_LABEL]
    total = table[table["kam"] == visit_plan.TOTAL_LABEL].iloc[0]
    low = people.sort_values(["objective_hit_rate", "kam"], kind="stable").iloc[0]
    return _md(_("In {month}, {done} of {planned} planned visits took place ({completion}) and "
                 "{hit} of them met their objective; the lowest objective hit rate is {kam}'s, "
                 "{low}.").format(
        month=month, done=int(total["done"]), planned=int(total["planned"]),
        completion=percent(total["completion_rate"], decimals=0),
        hit=percent(total["objective_hit_rate"], decimals=0), kam=low["kam"],
        low=percent(low["objective_hit_rate"], decimals=0)))


# --- the practice questions ("Your turn") ------------------------------------------------------

def _no_file(account_id: str) -> Markdown:
    return _md(_("*This task needs an account with people in Huaxin's customer files; "
                 "{account} has none. Choose another account in the start-here notebook, or "
                 "try it on {thread}.*").format(account=account_id, thread=case.THREAD_ACCOUNT))


def _spec(name: str, prompt: str, kind: str, account_id: str | None = None, **fields: Any):
    from kamlib.exercises import TaskSpec

    section = f"{SECTION}/{name}" + (f"/{account_id}" if account_id else "")
    return TaskSpec("3.0", prompt, kind, section=section, **fields)


def _leaving_a_question(account_id: str):
    spec = _spec(
        "rule_leaving_a",
        N_("The sales director's rule: class A needs Y ≥ {a_min_y}, class C takes every "
           "account with Y ≤ {c_max_y}. Set it in the grid's class rules: how many accounts "
           "leave class A?"),
        "number", unit=N_("accounts"), facts=DIRECTOR_RULE,
        why=N_("They drop to class B and, at the course's rhythm, get a visit half as often: "
               "is that what the director wants?"),
        hint=N_("Compare the A cells of the grid before and after: which cell stops being A?"))
    return spec, _leaving_a()


def _rank_question(account_id: str):
    offers = _rank_offers(account_id)
    options = tuple(
        (row.account_id, _("{account} {name}: {stage}, {size} with rivals").format(
            account=row.account_id, name=company_name(row._asdict()), stage=_stage_name(row.stage),
            size=_short(row.size_cny)))
        for row in offers.itertuples())
    spec = _spec(
        "rank",
        N_("These are accounts of {kam}, with their relationship stage and the business they "
           "still give rivals. Rank them by expected value with the course's chances, best "
           "first."),
        "ids", account_id, options=options, ordered=True,
        facts={"kam": _account(account_id)["kam"]},
        why=N_("The largest prize is not always the best bet: size × chance decides."),
        hint=N_("Multiply each size by the course's chance for its stage (listed above)."))
    order = priority.rank_opportunities(offers)["account_id"].tolist()
    return spec, order


def _rate_question(account_id: str):
    prospect = _rated_prospect()
    rank = int(_wishes({prospect["account_id"]: RATED_CHANCE}).set_index("account_id")
               .loc[prospect["account_id"], "rank"])
    spec = _spec(
        "rate_prospect",
        N_("After a good first meeting you rate the cold prospect {account} at {chance}. Rate it "
           "so in the widget's wish file: which rank does it take now?"),
        "number", facts={"account": prospect["account_id"],
                         "chance": percent(RATED_CHANCE, decimals=0)},
        why=N_("One meeting can lift a prospect up the wish file: your rating, written down, "
               "is part of the plan."),
        hint=N_("Pick the prospect under \"Rate a prospect yourself\", set the chance, and read "
                "its rank."))
    return spec, rank


def _most_blank_question(account_id: str):
    file = _file(account_id)
    blank = _blank(file).sum()
    top = blank[blank == blank.max()]
    options = tuple((field, f"{_(_FILE_NAMES[group])}: {_(_FILE_NAMES[field])}")
                    for group, field in blank.index)
    spec = _spec(
        "most_blank",
        N_("Which fact is blank for the most people in {account}'s file? Tick every fact that "
           "shares the first place."),
        "tick", account_id, options=options, facts={"account": account_id},
        why=N_("The facts nobody has found out are the questions for the next visit."),
        hint=N_("Count the empty cells in each row of the file above."))
    return spec, [field for _group, field in top.index]


def _two_blanks(answer: Any, _workbook: Any) -> str | None:
    return None if len(answer) == 2 else _("should have exactly two facts ticked.")


def _blank_facts_question(account_id: str):
    file = _file(account_id)
    blank = _blank(file)
    options = tuple(
        (f"{person}:{field}", f"{name}: {_(_FILE_NAMES[field])}")
        for person, name in zip(file.index, file[("person", "name")], strict=True)
        for group, field in blank.columns if blank.loc[person, (group, field)])
    spec = _spec(
        "blank_facts",
        N_("Tick the two blank facts of {account}'s file that would most change how you sell "
           "to this account: you will ask for them at your next visit."),
        "tick", account_id, options=options, facts={"account": account_id}, compare=None,
        rubric=_two_blanks,
        why=N_("Saved. Lecture 4 turns them into questions for the visit."))
    return spec, None


def _lead_plan_problem(answer: Any, _workbook: Any) -> str | None:
    complete = [row for row in answer if str(row.get("lead", "")).strip() and row.get("source")
                and len(str(row.get("first_step", "")).strip()) >= MIN_STEP_CHARACTERS]
    if len(complete) < MIN_LEADS:
        return _("needs {n} leads, each with its source and a first step in words.").format(
            n=MIN_LEADS)
    return None


def _lead_plan_question(account_id: str):
    from kamlib.exercises import Field

    sources = tuple((key, name) for key, name in _SOURCE_NAMES.items())
    spec = _spec(
        "lead_plan",
        N_("Pick two leads for {industry} (from the table or your own market), and for each "
           "the source that gets you a first meeting and your first step."),
        "table", account_id,
        fields=(Field("lead", N_("lead")), Field("source", N_("source"), "choice",
                                                  options=sources),
                Field("first_step", N_("first step"))),
        min_rows=MIN_LEADS, max_rows=6, compare=None, rubric=_lead_plan_problem,
        facts={"industry": str(_account(account_id)["industry"])},
        why=N_("Saved: a lead with a source and a first step is a wish-file entry."))
    return spec, None


def _hit_rate_question(account_id: str):
    kam = _account(account_id)["kam"]
    month = _review_month()
    table = visit_plan.monthly_review(_data()["visits"], month=month).set_index("kam")
    if kam not in table.index or pd.isna(table.loc[kam, "objective_hit_rate"]):
        kam = visit_plan.TOTAL_LABEL  # no visit of theirs done that month: the company's
    rate = table.loc[kam, "objective_hit_rate"]
    spec = _spec(
        "hit_rate",
        N_("In the visit planner's monthly review of {month}: what share of {kam}'s visits done "
           "met their objective?"),
        "number", account_id, unit="%", tolerance=1.0, facts={"month": month, "kam": kam},
        why=N_("A low hit rate beside a high completion rate means visits without a real "
               "objective."),
        hint=N_("Open the \"Monthly review\" tab, choose the month, read the last column."))
    return spec, round(float(rate) * 100, 1)


_QUESTIONS: dict[str, tuple[Callable[[str], Any], bool]] = {
    # name: (builder, needs a customer file)
    "rule_leaving_a": (_leaving_a_question, False),
    "rank": (_rank_question, False),
    "rate_prospect": (_rate_question, False),
    "most_blank": (_most_blank_question, True),
    "blank_facts": (_blank_facts_question, True),
    "lead_plan": (_lead_plan_question, False),
    "hit_rate": (_hit_rate_question, False),
}
QUESTIONS = tuple(_QUESTIONS)
"""The lecture's practice questions, in the order of the lecture."""


def your_turn(name: str, *, account_id: str) -> Any:
    """A practice question of the lecture as an answer widget, its right answer computed here.

    Parameters
    ----------
    name : str
        One of :data:`QUESTIONS`.
    account_id : str
        The studied account (questions about "your account" use it).

    Returns
    -------
    kamlib.widgets.answers.AnswerWidget or IPython.display.Markdown
        The widget (answers saved in ``lecture3/<name>[/<account>]``), or a note when the
        account has no customer file for a question about it.

    Raises
    ------
    KamValueError
        If ``name`` is not a question of the lecture.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from kamlib.workbook import set_workbook_path
    >>> _ = set_workbook_path(pathlib.Path(tempfile.mkdtemp()) / "learner.json")
    >>> question = your_turn("rank", account_id="AC060")
    >>> question.section
    'lecture3/rank/AC060'
    >>> _ = set_workbook_path(None)
    """
    from kamlib.widgets.answers import practice

    builder, needs_file = _QUESTIONS[check_choice("name", name, QUESTIONS)]
    if needs_file and _file(account_id) is None:
        return _no_file(account_id)
    spec, expected = builder(account_id)
    if expected is None:
        return practice(spec)
    return practice(spec, expected=expected)

