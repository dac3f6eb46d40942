"""What the start-here notebook says about the case data and the learner's set-up.

Each function returns Markdown in the current language (through ``_()``), computed when it is
called, so the bilingual start-here notebook shows it in the language the learner chose.
"""

from __future__ import annotations

from kamlib import case, datasets, settings, workbook
from kamlib.formatting import percent
from kamlib.i18n import _, get_language


def thread_account() -> str:
    """Why the course follows its thread account (:data:`kamlib.case.THREAD_ACCOUNT`).

    Returns
    -------
    str
        Markdown: the account, its class, how many of our product lines it buys, the share of
        its spending in our category we supply, its orders of the last 12 months against the
        12 before, and the visits our team made to it this year, all from the case data.

    Examples
    --------
    >>> "AC060" in thread_account()
    True
    """
    facts = case.thread_facts(case.THREAD_ACCOUNT)
    account = datasets.load("accounts").set_index("account_id").loc[case.THREAD_ACCOUNT]
    name = (account["name_zh"] if get_language() == "zh" else
            f"{account['name']} ({account['name_zh']})")
    change = facts["trend_pct"]
    trend = (_("down {change}") if change < 0 else _("up {change}")).format(
        change=percent(abs(change) / 100, decimals=0))
    return _(
        "Unless you choose another account, every lecture follows **{account} {name}**, a "
        "class {account_class} account. It shows the whole course at work: it buys {lines} of "
        "our {all_lines} product lines, yet we supply only about {share} of what it spends in "
        "our category; its orders of the last 12 months are {trend} on the 12 months before; "
        "and our team visited it {visits} times in {year}."
    ).format(
        account=case.THREAD_ACCOUNT, name=name, account_class=facts["account_class"],
        lines=len(facts["lines"]), all_lines=len(datasets.load("product_lines")),
        share=percent(facts["share_of_wallet"], decimals=0), trend=trend,
        visits=facts["visits_done"], year=settings.current().case_year,
    ) + "\n"


def saved_work() -> str:
    """Where the learner's work is saved, and why it is safe there.

    Returns
    -------
    str
        Markdown naming the learner's workbook file (:func:`kamlib.workbook.workbook_path`).

    Examples
    --------
    >>> "workbook" in saved_work()
    True
    """
    path = workbook.shown_path(workbook.workbook_path())
    return _(
        "Your work is saved in this file, your **workbook**:\n\n`{path}`\n\nIt is in your own "
        "user folder, not in the course folder, so updating the course never touches it. "
        "Keep it: your trainer may ask for it."
    ).format(path=path) + "\n"
