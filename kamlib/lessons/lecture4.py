"""What lecture 4 (analyse your key account and sell to it) says about the case data [O4, O5].

The handout names "how to analyse your key account" (如何分析你的大客户) and "selling skills in
key account management" (大客户管理中的销售技巧) in its outline without text; the lecture fills
them from the literature and the course's own assumptions (:mod:`kamlib.sources`). Every
fact it states about Huaxin's books or the learner's account comes from a function here,
as Markdown in the current language (:func:`kamlib.i18n.set_language`), or as a table
(:class:`kamlib.tables.Table`) with translated headers and money written as money.

The account is the learner's studied account (:func:`kamlib.case.studied_account`) when it
can carry the lecture: a case account with people in the customer file and orders in the
course's year. :func:`lesson_account` picks it, and :func:`account_intro` says which
account the lecture studies and, where it had to use the thread account, why.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kamlib import (
    account_analysis,
    buying_centre,
    case,
    datasets,
    settings,
    social_style,
    uncoupling,
)
from kamlib.formatting import day, money, number
from kamlib.i18n import N_, _, both, join_list, ngettext
from kamlib.tables import Table, show
from kamlib.validation import fail

#: The revenue trend's signals (:data:`kamlib.uncoupling.TREND_SIGNALS`) in words.
SIGNAL_WORDS = {
    **uncoupling.TREND_SIGNAL_NAMES,
    "lost": N_("lost: no order in the last 12 months"),
    "new": N_("new: no order in the 12 months before"),
}


def _money(amount: float) -> str:
    return money(amount, short=True)


def _listing(items: list[str], *, either: bool = False) -> str:
    """Names as a sentence lists them: "a", "a and b", "a, b and c" ("or" if ``either``)."""
    if len(items) < 2:
        return "".join(items)
    last = _("{first} or {last}") if either else _("{first} and {last}")
    return last.format(first=_(", ").join(items[:-1]), last=items[-1])


def _suitability(account_id: str) -> str:
    """Why a case account cannot carry the lecture ("" if it can)."""
    year = settings.current().case_year
    if not (datasets.load("people")["account_id"] == account_id).any():
        return _("{account} has nobody in Huaxin's customer file, so its buying centre "
                 "cannot be mapped").format(account=account_id)
    orders = datasets.load("transactions")
    if not ((orders["account_id"] == account_id) & (orders["date"].dt.year == year)).any():
        return _("{account} did not order in {year}, so its share of wallet and cost to "
                 "serve cannot be measured").format(account=account_id, year=year)
    return ""


def lesson_account(account_id: str | None = None) -> str:
    """The case account the lecture studies.

    Parameters
    ----------
    account_id : str, optional
        A case account with people in the customer file and orders in the course's year.
        ``None``: the learner's studied account when it is such a case account, else the
        course's thread account (:data:`kamlib.case.THREAD_ACCOUNT`).

    Returns
    -------
    str
        The account id.

    Raises
    ------
    KamValueError
        If ``account_id`` is given and is not a case account that can carry the lecture.

    Examples
    --------
    >>> lesson_account("AC005")
    'AC005'
    """
    if account_id is not None:
        account_id = case.check_case_account(account_id)
        problem = _suitability(account_id)
        if problem:
            raise fail("account_id", account_id,
                       _("a case account with people on file and orders in the course's year "
                         "({problem})")
                           .format(problem=problem))
        return account_id
    studied = case.studied_account()
    if studied.source == "case" and not _suitability(studied.account_id):
        return studied.account_id
    return case.THREAD_ACCOUNT


def account_intro(account_id: str | None = None) -> str:
    """Which account the lecture studies, in a sentence, and why if it is not the learner's.

    Parameters
    ----------
    account_id : str, optional
        As for :func:`lesson_account` (the notebook's parameter, before it is resolved).

    Returns
    -------
    str
        Markdown.

    Raises
    ------
    KamValueError
        As :func:`lesson_account`.

    Examples
    --------
    >>> account_intro("AC060").startswith("You study **AC060**")
    True
    """
    chosen = lesson_account(account_id)
    row = datasets.shown_texts(datasets.load("accounts").set_index("account_id").loc[chosen],
                               "accounts")
    text = _("You study **{account}** {name}, a {industry} company in {city}; Huaxin's key "
             "account manager for it is {kam}.").format(
        account=chosen, name=both(row["name"], row["name_zh"]),
        industry=_(str(row["industry"])),
        city=row["city"], kam=row["kam"])
    if chosen == case.THREAD_ACCOUNT:
        text += " " + _("It is the course's thread account, the one every lecture follows.")
    if account_id is None:
        studied = case.studied_account()
        if studied.source == "crm":
            text += " " + _(
                "Your studied account {account} comes from your own CRM export, which has no "
                "customer file or visit log: this lecture practises on the case account, and "
                "your own account stays the one of your capstone plan."
            ).format(account=studied.account_id)
        elif studied.account_id != chosen:
            text += " " + _("Your studied account cannot carry this lecture: {why}.").format(
                why=_suitability(studied.account_id))
    return text


# --------------------------------------------------------------------- 1. its business


def _position_facts(account_id: str) -> dict[str, Any]:
    from kamlib import stages

    course = settings.current()
    book = case.classified_accounts().set_index("account_id")
    orders = datasets.load("transactions")
    contacts = datasets.load("contacts")
    diagnosis = stages.relationship_stage(contacts[contacts["account_id"] == account_id],
                                          orders[orders["account_id"] == account_id],
                                          as_of=course.today)
    stage = next(s for s in stages.STAGES if s.number == diagnosis.stage)
    trend = case.revenue_trends().loc[account_id]
    row = book.loc[account_id]
    return {"row": row, "stage": stage, "trend": trend, "year": course.case_year}


def account_position(account_id: str) -> str:
    """The account's business and Huaxin's position in it, as two bullet points.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture (:func:`lesson_account`).

    Returns
    -------
    str
        Markdown: its business (industry, city, yearly spend in our category) and our
        position (revenue in the course's year, share of wallet, XY class, relationship
        stage, revenue trend over the last 12 months).

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "share of wallet" in account_position("AC060")
    True
    """
    account_id = lesson_account(account_id)
    facts = _position_facts(account_id)
    row, stage, trend = facts["row"], facts["stage"], facts["trend"]
    account = datasets.shown_texts(
        datasets.load("accounts").set_index("account_id").loc[account_id], "accounts")
    business = _("**Its business:** {name} is a {industry} company in {city} ({region}); it "
                 "spends an estimated {capacity} a year on coatings, adhesives and sealants, "
                 "with all its suppliers.").format(
        name=both(account["name"], account["name_zh"]),
        industry=_(str(account["industry"])),
        city=account["city"], region=account["region"], capacity=_money(row["capacity_cny"]))
    grid = (_("a VIP heavyweight (grid class {grid_class}, X = {x}, Y = {y})")
            if row["account_class"] == "VIP" else
            _("a class {grid_class} account (X = {x}, Y = {y})")).format(
        grid_class=row["grid_class"], x=row["x"], y=row["y"])
    position = _("**Our position:** in {year} it bought {revenue} from us, a share of wallet "
                 "of {share:.0%}; it is {grid} at the stage {stage}. Its last 12 months "
                 "brought {recent} against {previous} the 12 months before: {signal}.").format(
        year=facts["year"], revenue=_money(row["revenue_cny"]),
        share=row["revenue_cny"] / row["capacity_cny"], grid=grid,
        stage=both(stage.en, stage.zh), recent=_money(trend["recent"]),
        previous=_money(trend["previous"]), signal=_(SIGNAL_WORDS[trend["signal"]]))
    return f"- {business}\n- {position}\n"


def _wallet(account_id: str) -> pd.DataFrame:
    """:func:`kamlib.account_analysis.wallet_by_line` with each line's name."""
    wallet = account_analysis.wallet_by_line(datasets.load("accounts"),
                                             datasets.load("transactions"), account_id)
    lines = datasets.load("product_lines").set_index("line_id")
    names = [both(lines.loc[line, "name"], lines.loc[line, "name_zh"]) for line in wallet.index]
    return wallet.assign(line=names)


def wallet_table(account_id: str) -> Table:
    """The account's estimated spend, our revenue and our share, product line by product line.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    kamlib.tables.Table
        One row per line its industry buys from Huaxin, largest estimated spend first.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "PL04" in wallet_table("AC060").html
    True
    """
    wallet = _wallet(lesson_account(account_id))
    headers = {"line": _("product line"), "estimated_spend_cny": _("its spend (estimated)"),
               "revenue_cny": _("with us"), "share_of_wallet": _("our share"),
               "headroom_cny": _("with rivals (estimated)")}
    shown = wallet[list(headers)].rename(columns=headers)
    shown.index.name = _("line")
    money_columns = [headers[c] for c in ("estimated_spend_cny", "revenue_cny", "headroom_cny")]
    return show(shown, money=money_columns,
                formatters={headers["share_of_wallet"]: lambda share: f"{share:.0%}"})


def wallet_summary(account_id: str) -> str:
    """Where our share of the account's wallet is thin, and the lines it buys from rivals only.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown: the estimated spend and our share; the line it buys from us with the most
        left with rivals; the lines its industry buys from Huaxin that it buys from us not
        at all, with their estimated spend.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "PL09" in wallet_summary("AC060")
    True
    """
    account_id = lesson_account(account_id)
    wallet = _wallet(account_id)
    spend, revenue = wallet["estimated_spend_cny"].sum(), wallet["revenue_cny"].sum()
    text = _("By the course's estimate, {account} spends {spend} a year on the lines its "
             "industry buys from Huaxin, and {share:.0%} of it is with us.").format(
        account=account_id, spend=_money(spend), share=revenue / spend)
    bought = wallet[wallet["revenue_cny"] > 0]
    if not bought.empty:
        top = bought.sort_values("headroom_cny", ascending=False).iloc[0]
        text += " " + _("Of the lines it buys from us, {line_id} {line} leaves the most with "
                        "rivals: {headroom} (our share {share:.0%}).").format(
            line_id=top.name, line=top["line"], headroom=_money(top["headroom_cny"]),
            share=top["share_of_wallet"])
    missing = wallet[wallet["revenue_cny"] <= 0]
    if missing.empty:
        text += " " + _("It buys every one of those lines from us.")
    else:
        lines = join_list(f"{line_id} {row['line']} ({_money(row['estimated_spend_cny'])})"
                          for line_id, row in missing.iterrows())
        text += " " + _("Its industry also buys lines it buys from us not at all: "
                        "{lines}.").format(lines=lines)
    return text


# --------------------------------------------------------------------- 2. cost to serve


def cost_model() -> str:
    """The course's cost-to-serve rates, from the course settings, in a sentence.

    Returns
    -------
    str
        Markdown.

    Examples
    --------
    >>> "per visit" in cost_model()
    True
    """
    rates = settings.current().cost_to_serve_cny
    return _("The course's model charges {visit} per visit done, {order} per order and "
             "{line} per product line an account buys in a year (the course settings' rates: "
             "an assumption your instructor may change).").format(
        visit=money(rates["visit"]), order=money(rates["order"]),
        line=money(rates["product_line"]))


def _profitability() -> pd.DataFrame:
    return account_analysis.profitability(datasets.load("transactions"),
                                          datasets.load("visits"))


def account_cost_to_serve(account_id: str) -> str:
    """What the account costs to serve, the margin left after it, and its ranks.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown: :func:`kamlib.account_analysis.describe_account`'s sentence and the share
        of the gross margin that serving the account takes.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> account_cost_to_serve("AC060").startswith("AC060:")
    True
    """
    account_id = lesson_account(account_id)
    table = _profitability()
    row = table.loc[account_id]
    text = account_analysis.describe_account(table, account_id)
    if row["margin_cny"] > 0:
        text += " " + _("Serving it takes {share:.0%} of its gross margin.").format(
            share=row["cost_to_serve_cny"] / row["margin_cny"])
    return text


def profit_concentration() -> str:
    """The 80/20 on revenue beside the 80/20 on margin after cost to serve, for Huaxin's book.

    Returns
    -------
    str
        Markdown: what the top 20% of accounts bring by each measure, how many accounts make
        80% of each, how many lose money after cost to serve, and which top accounts by
        revenue are not top accounts by margin after it.

    Examples
    --------
    >>> "lose money" in profit_concentration()
    True
    """
    table = _profitability()
    compared = account_analysis.concentration_compared(table)
    revenue = compared.table.loc["revenue"]
    after = compared.table.loc["margin after cost to serve"]
    text = _("In {year}, {n} accounts ordered. The top 20% of them by revenue brought "
             "{revenue_share:.0%} of the revenue, and {revenue_80} accounts made 80% of it. "
             "Ranked by margin after cost to serve, the top 20% brought {after_share:.0%} of "
             "that margin, {after_80} accounts made 80% of it, and {losing} accounts lose "
             "money once their cost to serve is counted.").format(
        year=settings.current().case_year, n=len(table),
        revenue_share=revenue["top_share"], revenue_80=int(revenue["accounts_for_80"]),
        after_share=after["top_share"], after_80=int(after["accounts_for_80"]),
        losing=int(after["accounts_losing"]))
    if compared.moved:
        text += " " + ngettext(
            "Among the top 20% by revenue, {accounts} is not among the top 20% by margin "
            "after cost to serve.",
            "Among the top 20% by revenue, {accounts} are not among the top 20% by margin "
            "after cost to serve.", len(compared.moved)).format(
            accounts=_listing(list(compared.moved)))
    return text


# --------------------------------------------------------------------- 3. buying centre


def people_on_file(account_id: str) -> Table:
    """What the customer file says about each person that hints at their buying role.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    kamlib.tables.Table
        Name, title, responsibilities, way of working, colleagues and the suppliers they
        deal with ("" where nothing is on file).

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "Approving new suppliers" in people_on_file("AC060").html
    True
    """
    account_id = lesson_account(account_id)
    people = datasets.load("people")
    headers = {"name": _("name"), "title": _("title"), "responsibilities": _("responsibilities"),
               "working_style": _("way of working"), "colleagues": _("colleagues"),
               "suppliers": _("suppliers")}
    team = people.loc[people["account_id"] == account_id, list(headers)]
    return show(datasets.shown_texts(team, "people").rename(columns=headers), index=False)


def _first_map(account_id: str) -> buying_centre.BuyingCentreMap:
    return buying_centre.map_buying_centre(datasets.load("people"), account_id=account_id,
                                           contacts=datasets.load("contacts"))


def buying_centre_table(account_id: str) -> Table:
    """The first guess at each person's buying-centre role, why, and who at Huaxin met them.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    kamlib.tables.Table

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "decider" in buying_centre_table("AC060").html
    True
    """
    mapped = _first_map(lesson_account(account_id)).people
    roles = {role.key: role for role in buying_centre.ROLES}
    shown = pd.DataFrame({
        _("name"): mapped["name"],
        _("title"): datasets.shown_texts(mapped["title"], "people"),
        _("first guess"): [both(_(roles[key].en), roles[key].zh) for key in mapped["role"]],
        _("why"): mapped["reason"],
        _("met by us"): mapped["met_by_us"],
    })
    return show(shown, index=False)


def buying_centre_summary(account_id: str) -> str:
    """The roles the first guess leaves empty and the role holders nobody at Huaxin has met.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "initiator" in buying_centre_summary("AC060")
    True
    """
    account_id = lesson_account(account_id)
    mapped = _first_map(account_id)
    # A job title never shows an initiator or a gatekeeper, so the gaps are never empty.
    gaps = _listing([both(_(role.en), role.zh) for role in mapped.gaps], either=True)
    unmet = _listing(list(mapped.unmet)) or _("none")
    return _("The file holds {n} people of {account}. Read by job title alone, nobody is the "
             "{gaps}. People nobody at Huaxin has met: {unmet}.").format(
        n=len(mapped.people), account=account_id, gaps=gaps, unmet=unmet)


# --------------------------------------------------------------------- 4. know yourself


def what_we_bring(account_id: str) -> str:
    """Huaxin's history with the account: since when, which lines, how the visits went.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown: first order, product lines bought in the course's year (of all Huaxin's
        lines), visits done that year and how many met their objective.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "visits" in what_we_bring("AC060")
    True
    """
    account_id = lesson_account(account_id)
    year = settings.current().case_year
    account = datasets.load("accounts").set_index("account_id").loc[account_id]
    orders = datasets.load("transactions")
    own = orders[(orders["account_id"] == account_id) & (orders["date"].dt.year == year)]
    lines = datasets.load("product_lines").set_index("line_id")
    bought = own.groupby("line_id")["revenue_cny"].sum().sort_values(ascending=False)
    visits = datasets.load("visits")
    done = visits[(visits["account_id"] == account_id) & (visits["status"] == "done")
                  & (visits["date"].dt.year == year)]
    return _("{account} has ordered from Huaxin since {first}. In {year} it bought {n} of our "
             "{total} product lines: {lines}. We visited it {visits} times that year, and "
             "{met} of those visits met their objective.").format(
        account=account_id, first=day(account["first_order_date"]), year=year,
        n=len(bought), total=len(lines),
        lines=_(", ").join(f"{line} {both(lines.loc[line, 'name'], lines.loc[line, 'name_zh'])}"
                           for line in bought.index),
        visits=len(done), met=int(done["objective_met"].eq(True).sum()))


def styles_summary(account_id: str) -> str:
    """The social styles recorded in the account's customer file, and whose is not known.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "analytical" in styles_summary("AC060")
    True
    """
    account_id = lesson_account(account_id)
    on_file = social_style.styles_on_file(datasets.load("people"), account_id=account_id)
    known = on_file[on_file["style"] != ""]
    counts = known["style"].value_counts()
    styles = {style.key: style for style in social_style.STYLES}
    listed = _(", ").join(f"{both(_(styles[key].en), styles[key].zh)} {n}"
                          for key, n in counts.items())
    text = _("The file of {account} records a social style for {known} of its {n} "
             "people: {styles}.").format(account=account_id, known=len(known), n=len(on_file),
                                         styles=listed or _("none"))
    unknown = on_file[on_file["style"] == ""]
    if not unknown.empty:
        text += " " + _("Not known for: {people}.").format(people=join_list(
            f"{row.name}, {row.title}" for row in unknown.itertuples(index=False)))
    return text


# --------------------------------------------------------------------- 5. buying process

BUY_CLASS_READINGS = {
    "ours": (N_("straight rebuy from us"),
             N_("Defend it: delivery, service, no surprises; a rival wants to turn it into a "
                "modified rebuy.")),
    "shared": (N_("straight rebuy, partly from a rival"),
               N_("Moving the rival's part to us is a modified rebuy for them: find "
                  "the problem that would make them change.")),
    "theirs": (N_("straight rebuy from a rival"),
               N_("Winning it is a modified rebuy for them: get in before the specification "
                   "is rewritten.")),
}


def buy_class_table(account_id: str) -> Table:
    """For each line the account buys, what its next purchase is to the customer and to us.

    A line bought only from us is a straight rebuy from us; a line shared with rivals, a
    straight rebuy partly from a rival; a line bought from rivals only (its industry buys
    it from Huaxin, it does not), a straight rebuy from a rival that we must turn into a
    modified rebuy. The reading is the course's, applied to the estimate of
    :func:`kamlib.account_analysis.wallet_by_line` (a share of 99.5% or more counts as
    "only from us").

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    kamlib.tables.Table

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "modified rebuy" in buy_class_table("AC060").html
    True
    """
    wallet = _wallet(lesson_account(account_id))
    share = wallet["share_of_wallet"].fillna(0.0)
    kind = pd.Series("shared", index=wallet.index)
    kind[share >= 0.995] = "ours"
    kind[wallet["revenue_cny"] <= 0] = "theirs"
    shown = pd.DataFrame({
        _("product line"): wallet["line"],
        _("our share"): share,
        _("its next purchase is"): [_(BUY_CLASS_READINGS[k][0]) for k in kind],
        _("what it means for you"): [_(BUY_CLASS_READINGS[k][1]) for k in kind],
    }, index=wallet.index)
    shown.index.name = _("line")
    return show(shown, formatters={_("our share"): lambda value: f"{value:.0%}"})


# --------------------------------------------------------------------- 6. SPIN


def _hooks(account_id: str) -> pd.DataFrame:
    people = datasets.load("people")
    team = people[people["account_id"] == account_id]
    return team[team[["objectives", "performance"]].notna().any(axis=1)]


def spin_hooks(account_id: str) -> Table:
    """The work objectives and performance notes on file: hooks for problem questions.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    kamlib.tables.Table
        Name, title, objective and performance note of each person who has one of them
        on file.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "Reduce the number of suppliers" in spin_hooks("AC060").html
    True
    """
    hooks = _hooks(lesson_account(account_id))
    headers = {"name": _("name"), "title": _("title"), "objectives": _("objective"),
               "performance": _("performance")}
    return show(datasets.shown_texts(hooks[list(headers)], "people").rename(columns=headers),
                index=False)


def spin_hooks_summary(account_id: str) -> str:
    """How many people of the account have an objective or a performance note on file.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown.

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> spin_hooks_summary("AC060").startswith("5 of the 6 people")
    True
    """
    account_id = lesson_account(account_id)
    people = datasets.load("people")
    return _("{hooks} of the {n} people of {account} have a work objective or a performance "
             "note on file: each is a hook for a problem question.").format(
        hooks=len(_hooks(account_id)), n=int((people["account_id"] == account_id).sum()),
        account=account_id)


# --------------------------------------------------------------------- 9. advance


def visit_objectives(account_id: str) -> str:
    """How the visit log's objectives read to the course's advance coach.

    Parameters
    ----------
    account_id : str
        A case account that can carry the lecture.

    Returns
    -------
    str
        Markdown: of the account's distinct visit objectives in the course's year, and of
        all the objectives in Huaxin's visit log, how many read as an advance
        (:func:`kamlib.goals.judge_advance`).

    Raises
    ------
    KamValueError
        If the account cannot carry the lecture.

    Examples
    --------
    >>> "advance" in visit_objectives("AC060")
    True
    """
    from kamlib import goals

    account_id = lesson_account(account_id)
    year = settings.current().case_year
    visits = datasets.load("visits")
    written = visits["objective"].dropna().astype(str)
    kinds = {text: goals.judge_advance(text).kind for text in written.unique()}
    mine = visits[(visits["account_id"] == account_id) & (visits["date"].dt.year == year)]
    own = mine["objective"].dropna().astype(str).unique()
    own_advances = sum(kinds[objective] == "advance" for objective in own)
    all_advances = int(written.map(kinds).eq("advance").sum())
    text = _("{account}'s visits of {year} pursued {n} different objectives, and {own} of "
             "them read as an advance; across Huaxin's whole visit log, {all} of the {total} "
             "visits had an objective that does.").format(
        account=account_id, year=year, n=len(own),
        own=number(own_advances) if own_advances else _("none"),
        all=number(all_advances) if all_advances else _("none"), total=number(len(written)))
    example = next((objective for objective in own if kinds[objective] != "advance"), None)
    if example is not None:
        text += " " + _("A typical one, \"{example}\", says what we will do, not what the "
                        "customer will commit to.").format(example=datasets.shown_texts(
                            pd.Series({"objective": example}), "visits")["objective"])
    return text
