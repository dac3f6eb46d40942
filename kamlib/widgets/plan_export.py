"""The capstone's export button: the learner's plan as Markdown, HTML and Excel files.

:class:`PlanExport` gathers the capstone's saved parts into one account plan
(:func:`kamlib.exercises.capstone.plan_from_workbook`), writes the three files their
manager can read, print and edit, and records in the workbook which files it wrote
(section ``capstone/export``, task 4.12). It names the parts still missing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kamlib.exercises.capstone import plan_from_workbook
from kamlib.exercises.feedback import workbook_sections
from kamlib.exercises.tasks_capstone import SECTIONS
from kamlib.i18n import _
from kamlib.validation import KamValueError, fail
from kamlib.widgets._base import KamWidget

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from kamlib.widgets._base import WidgetOptions


class PlanExport(KamWidget):
    """A button that exports the capstone plan; ``.value`` records the files written.

    ``profile``: the account (account_id, name, industry, region, kam); ``folder``: where
    the files go; ``diagnostic``: the capstone's StageDiagnostic (its stage goes in the plan).
    """

    section = SECTIONS["export"]

    def __init__(self, profile: Mapping[str, Any], folder: str | os.PathLike[str],
                 diagnostic: Any = None, **options: Unpack[WidgetOptions]) -> None:
        if not isinstance(profile, Mapping) or not profile.get("account_id"):
            raise fail("profile", profile, _("a dict with the account's account_id and name"))
        if not isinstance(folder, (str, os.PathLike)):
            raise fail("folder", folder, _("the folder the plan's files go to"))
        self.profile, self.folder, self.diagnostic = dict(profile), Path(folder), diagnostic
        self.record: dict[str, Any] | None = None
        self.gaps: list[str] = []
        super().__init__(**options)

    def _build(self) -> None:
        self.button = widgets.Button(description=_("Export my plan"), icon="download",
                                     button_style="primary", layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _button: self.export())
        self.result = widgets.HTML()
        self.widget = widgets.VBox([self.button, self.result, self.message])

    @property
    def value(self) -> dict[str, Any] | None:
        """``{"account_id", "name", "files": {markdown, html, excel}, "gaps", "exported"}``."""
        return self.record

    def _restore(self, saved: Any) -> None:
        if isinstance(saved, dict) and isinstance(saved.get("files"), dict):
            self.record = saved

    def _refresh(self) -> None:
        if self.record is None:
            self.result.value = ""
            return
        files = "".join(f"<li>{html.escape(str(self.folder / name))}</li>"
                        for name in self.record["files"].values())
        gaps = self.record.get("gaps") or []
        missing = ("<p>" + html.escape(_("Still missing: {parts}.").format(
            parts=", ".join(gaps))) + "</p>") if gaps else ""
        written = _("Written on {when}:").format(when=self.record["exported"])
        self.result.value = f"<p>{html.escape(written)}</p><ul>{files}</ul>{missing}"

    def export(self) -> dict[str, Any] | None:
        """Write the plan's three files, record them in the workbook and show them."""
        stage = getattr(self.diagnostic, "diagnosis", None)
        plan, self.gaps = plan_from_workbook(self.profile, workbook_sections(self.workbook),
                                             stage)
        stem = f"account_plan_{plan.account_id}"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            (self.folder / f"{stem}.md").write_text(plan.to_markdown(), encoding="utf-8")
            (self.folder / f"{stem}.html").write_text(plan.to_html(), encoding="utf-8")
            plan.to_excel(self.folder / f"{stem}.xlsx", overwrite=True)
        except (OSError, KamValueError) as error:
            self.show_error(KamValueError(str(error)))
            return None
        self.clear_error()
        self.record = {
            "account_id": plan.account_id,
            "name": plan.name,
            "files": {"markdown": f"{stem}.md", "html": f"{stem}.html", "excel": f"{stem}.xlsx"},
            "gaps": list(self.gaps),
            "exported": dt.datetime.now().isoformat(timespec="seconds"),
        }
        self.save()
        self._refresh()
        return self.record


__all__ = ["PlanExport"]
