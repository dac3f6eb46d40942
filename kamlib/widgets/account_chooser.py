"""AccountChooser: choose, once, the account you study through the whole course.

By default every lecture follows the course's thread account (:data:`kamlib.case.THREAD_ACCOUNT`,
Changsha Shengrui Furniture). Here the learner may switch to another case account, or to an
account of their own CRM export (read, never changed, by
:func:`kamlib.datasets.read_crm_export`). The choice is kept in the workbook by
:func:`kamlib.case.set_studied_account`, where every notebook and widget reads it
(:func:`kamlib.case.studied_account`).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from kamlib import case, datasets
from kamlib.i18n import N_, gettext
from kamlib.validation import KamValueError
from kamlib.widgets._base import KamWidget
from kamlib.widgets.layout import card


class AccountChooser(KamWidget):
    """A list of the case accounts, or your own export's files, and a button to study it.

    ``.value`` = the choice as :meth:`kamlib.case.StudiedAccount.to_dict` gives it;
    ``.choice`` the :class:`kamlib.case.StudiedAccount`.
    """

    section = case.STUDIED_SECTION

    def tr(self, text: str) -> str:
        """``text`` in this widget's language."""
        return gettext(text, language=self.language)

    def _build(self) -> None:
        accounts = datasets.load("accounts").sort_values("account_id")
        self.case_list = widgets.Dropdown(
            options=[(f"{row.account_id} {self.named(row.name, row.name_zh)}", row.account_id)
                     for row in accounts.itertuples(index=False)],
            value=case.THREAD_ACCOUNT, description=self.tr(N_("Case account")),
            layout=widgets.Layout(width="80%"), style={"description_width": "150px"})
        self.use_case = widgets.Button(description=self.tr(N_("Study this account")),
                                       button_style="primary", icon="check")
        self.use_case.on_click(self._on_case)
        wide = widgets.Layout(width="80%")
        label = {"description_width": "150px"}
        self.accounts_file = widgets.Text(description=self.tr(N_("Accounts file")),
                                          placeholder="C:/exports/accounts.csv",
                                          layout=wide, style=label)
        self.transactions_file = widgets.Text(
            description=self.tr(N_("Orders file")),
            placeholder=self.tr(N_("optional: your orders export")), layout=wide, style=label)
        self.own_id = widgets.Text(description=self.tr(N_("Account id")),
                                   layout=widgets.Layout(width="40%"), style=label)
        self.use_own = widgets.Button(description=self.tr(N_("Study my own account")),
                                      icon="upload")
        self.use_own.on_click(self._on_own)
        self.status = widgets.HTML()
        heading = self.tr(N_("The account you study"))
        own_export = self.tr(N_("Or your own CRM export:"))
        self.widget = card(
            [
                widgets.HTML(f"<h3>{html.escape(heading)}</h3>"),
                self.status,
                self.case_list, self.use_case,
                widgets.HTML(f"<p>{html.escape(own_export)}</p>"),
                self.accounts_file, self.transactions_file, self.own_id, self.use_own,
                self.message,
            ],
            "AccountChooser",
        )

    @property
    def value(self) -> dict[str, Any]:
        return self.choice.to_dict()

    def _restore(self, saved: Any) -> None:
        self.choice = case.studied_account(self.workbook)
        if self.choice.source == "case":
            self.case_list.value = self.choice.account_id
        else:
            self.accounts_file.value = self.choice.accounts_file or ""
            self.transactions_file.value = self.choice.transactions_file or ""
            self.own_id.value = self.choice.account_id

    def _refresh(self) -> None:
        chosen = self.choice
        if chosen.source == "case":
            account = datasets.shown_texts(
                datasets.load("accounts").set_index("account_id").loc[chosen.account_id],
                "accounts", language=self.shown_language)
            text = self.tr(N_("You study {account}: {name} ({name_zh}), {industry}, {city}."))
            text = text.format(account=chosen.account_id, name=account["name"],
                               name_zh=account["name_zh"], industry=self.tr(account["industry"]),
                               city=account["city"])
            if chosen.account_id == case.THREAD_ACCOUNT:
                text += " " + self.tr(N_("It is the course's thread account."))
        else:
            text = self.tr(N_("You study {account} from your export {file}.")).format(
                account=chosen.account_id, file=chosen.accounts_file)
        self.status.value = f"<p><b>{html.escape(text)}</b></p>"

    def _choose(self, **choice: Any) -> None:
        self.clear_error()
        try:
            self.choice = case.set_studied_account(workbook=self.workbook, **choice)
        except KamValueError as error:
            self.show_error(error)
            return
        self._refresh()

    def _on_case(self, _button: Any = None) -> None:
        self._choose(account_id=self.case_list.value)

    def _on_own(self, _button: Any = None) -> None:
        self._choose(account_id=self.own_id.value,
                     accounts_file=self.accounts_file.value.strip() or None,
                     transactions_file=self.transactions_file.value.strip() or None)
