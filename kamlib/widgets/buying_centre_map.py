"""BuyingCentreMap: give each person of your account's file a buying-centre role [O4].

Every person starts with a first guess from their function and level
(:func:`kamlib.buying_centre.guess_roles`); the learner reads the customer file and changes
the roles. Beneath, :func:`kamlib.buying_centre.map_buying_centre` shows the roles nobody
fills yet and the role holders nobody at Huaxin has met: the questions for the next visit.
Only the roles the learner changed are saved, per account.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from kamlib import buying_centre, datasets
from kamlib.i18n import N_, _
from kamlib.validation import fail
from kamlib.widgets._base import html_table
from kamlib.widgets._practice import PracticeWidget


class BuyingCentreMap(PracticeWidget):
    """A role list per person of the account's file, and the gaps of the resulting map.

    ``.value`` = ``{"assignments": {person_id: role}}`` (only roles that differ from the
    first guess); ``.map`` is the current :class:`kamlib.buying_centre.BuyingCentreMap`.
    """

    section = "buying_centre_map"

    def _build(self) -> None:
        self.people = datasets.load("people")
        self.contacts = datasets.load("contacts")
        team = self.people[self.people["account_id"] == self.account_id]
        if team.empty:
            raise fail("account_id", self.account_id, _("an account with people in the customer "
                       "file"))
        self.guesses = buying_centre.guess_roles(team).set_index("person_id")["role"]
        options = [(self.named(role.en, role.zh), role.key) for role in buying_centre.ROLES]
        self.pickers = {}
        rows = []
        shown = datasets.shown_texts(team, "people", language=self.shown_language)
        for person in shown.itertuples(index=False):
            picker = widgets.Dropdown(options=options, value=self.guesses[person.person_id],
                                      layout=widgets.Layout(width="220px"))
            picker.observe(self._on_learner_change, names="value")
            self.pickers[person.person_id] = picker
            who = html.escape(f"{person.name}, {person.title} ({self.tr(person.function)}, "
                              f"{self.tr(person.level)})")
            rows.append(widgets.HBox([widgets.HTML(who, layout=widgets.Layout(width="420px")),
                                      picker]))
        self.table = widgets.HTML()
        self.gaps = widgets.HTML()
        self.widget = self.frame(
            self.title(N_("The buying centre of your account"),
                       N_("Read the customer file, then give each person the role they play "
                          "in a purchase. Roles start from a guess by job title.")),
            widgets.HTML(f"<p><b>{self.account_id}</b></p>"),
            *rows,
            self.gaps,
            self.table,
        )

    @property
    def assignments(self) -> dict[str, str]:
        """The roles the learner changed from the first guess."""
        return {pid: picker.value for pid, picker in self.pickers.items()
                if picker.value != self.guesses[pid]}

    @property
    def value(self) -> dict[str, Any]:
        return {"assignments": self.assignments}

    def _restore(self, saved: Any) -> None:
        chosen = saved.get("assignments") if isinstance(saved, dict) else None
        if not isinstance(chosen, dict):
            return
        keys = {role.key for role in buying_centre.ROLES}
        for pid, role in chosen.items():
            if pid in self.pickers and role in keys:
                self.pickers[pid].value = role

    def _refresh(self) -> None:
        self.map = buying_centre.map_buying_centre(
            self.people,
            account_id=self.account_id,
            assignments=self.assignments,
            contacts=self.contacts,
        )
        rows = [
            (self.tr(N_("Roles filled")), not self.map.gaps,
             self.tr(N_("empty: {roles}")).format(
                 roles=self.tr(", ").join(self.named(role.en, role.zh)
                                          for role in self.map.gaps))
             if self.map.gaps else self.tr(N_("every role has a holder")),
             self.tr(N_("Ask at the next visit: who else has a say, who first raised the need, "
                        "who decides which suppliers get a hearing?"))),
            (self.tr(N_("Holders met")), not self.map.unmet,
             self.tr(N_("nobody at Huaxin has met: {names}")).format(
                 names=self.tr(", ").join(self.map.unmet))
             if self.map.unmet else self.tr(N_("someone at Huaxin knows each of them")),
             self.tr(N_("Plan who meets them: a role nobody has met is a blind spot."))),
        ]
        self.gaps.value = self.verdicts(rows)
        roles = {role.key: self.named(role.en, role.zh) for role in buying_centre.ROLES}
        sources = {"yours": self.tr(N_("yours")), "first guess": self.tr(N_("first guess"))}
        people = self.map.people
        shown = pd.DataFrame({
            self.tr(N_("name")): people["name"],
            self.tr(N_("title")): datasets.shown_texts(people["title"], "people",
                                                       language=self.shown_language),
            self.tr(N_("role")): people["role"].map(roles),
            self.tr(N_("from")): people["source"].map(sources),
            self.tr(N_("met by us")): people["met_by_us"],
        })
        self.table.value = html_table(shown, index=False)
