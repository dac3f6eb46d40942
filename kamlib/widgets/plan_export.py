"""The capstone's export button: the learner's plan as Markdown, HTML and Excel files.

:class:`PlanExport` gathers the capstone's saved parts into one account plan
(:func:`kamlib.exercises.capstone.plan_from_workbook`), writes the three files their
manager can read, print and edit, and records in the workbook which files it wrote and
where (section ``capstone/export``, the capstone's export task). It names the parts still
missing.

Where the files go: the folder of the notebook by default (the kernel's working folder,
which JupyterLab's file browser shows beside the notebook), or a folder the learner types.
The widget names the folder and links each file. A file already there is never replaced
without asking: the widget asks whether to replace the earlier files or keep both (the new
files then get a number: ``account_plan_AC060_2.md``).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import urllib.parse
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from kamlib.exercises.capstone import plan_from_workbook
from kamlib.exercises.feedback import workbook_sections
from kamlib.exercises.tasks_capstone import EXPORT_KINDS, SECTIONS
from kamlib.formatting import day
from kamlib.i18n import _
from kamlib.validation import KamValueError, check_choice, fail
from kamlib.widgets._base import KamWidget
from kamlib.widgets.layout import card
from kamlib.workbook import shown_path, write_atomically

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from kamlib.widgets._base import WidgetOptions

#: The file of each kind of export.
SUFFIXES = {"markdown": ".md", "html": ".html", "excel": ".xlsx"}
#: What to do when a file of the export is already in the folder.
ON_EXISTING = ("ask", "replace", "keep both")


class PlanExport(KamWidget):
    """A folder box and a button that export the capstone plan; ``.value`` records the files.

    ``profile``: the account (account_id, name, industry, region, kam); ``folder``: where
    the files go (default: the notebook's folder, i.e. the working folder); ``diagnostic``:
    the capstone's StageDiagnostic (its stage goes in the plan).
    """

    section = SECTIONS["export"]

    def __init__(self, profile: Mapping[str, Any], folder: str | os.PathLike[str] | None = None,
                 diagnostic: Any = None, **options: Unpack[WidgetOptions]) -> None:
        if not isinstance(profile, Mapping) or not profile.get("account_id"):
            raise fail("profile", profile, _("a dict with the account's account_id and name"))
        if folder is not None and not isinstance(folder, (str, os.PathLike)):
            raise fail("folder", folder, _("the folder the plan's files go to, or None"))
        self.profile, self.diagnostic = dict(profile), diagnostic
        self.start_folder = Path.cwd() if folder is None else Path(folder).expanduser()
        self.record: dict[str, Any] | None = None
        self.gaps: list[str] = []
        super().__init__(**options)

    def _build(self) -> None:
        self.folder_box = widgets.Text(
            value=str(self.start_folder), description=_("Folder"), continuous_update=False,
            layout=widgets.Layout(width="100%", max_width="760px"),
            style={"description_width": "initial"})
        self.button = widgets.Button(description=_("Export my plan"), icon="download",
                                     button_style="primary", layout=widgets.Layout(width="auto"))
        self.button.on_click(lambda _button: self.export())
        self.replace_button = widgets.Button(description=_("Replace the earlier files"),
                                             icon="refresh", button_style="warning",
                                             layout=widgets.Layout(width="auto"))
        self.replace_button.on_click(lambda _button: self.export(on_existing="replace"))
        self.keep_button = widgets.Button(description=_("Keep both"), icon="copy",
                                          layout=widgets.Layout(width="auto"))
        self.keep_button.on_click(lambda _button: self.export(on_existing="keep both"))
        self.question = widgets.HTML()
        self.choices = widgets.HBox([self.replace_button, self.keep_button],
                                    layout=widgets.Layout(display="none"))
        self.result = widgets.HTML()
        self.widget = card([self.folder_box, self.button, self.question, self.choices,
                            self.result, self.message], "PlanExport")

    @property
    def folder(self) -> Path:
        """The folder the next export writes to (as typed in the folder box)."""
        typed = self.folder_box.value.strip()
        return Path(typed).expanduser() if typed else self.start_folder

    @property
    def value(self) -> dict[str, Any] | None:
        """``{"account_id", "name", "folder", "files": {markdown, html, excel}, "gaps",
        "exported"}`` (file names within ``folder``), or None before the first export."""
        return self.record

    def _restore(self, saved: Any) -> None:
        if isinstance(saved, dict) and isinstance(saved.get("files"), dict):
            self.record = saved

    def _refresh(self) -> None:
        if self.record is None:
            self.result.value = ""
            return
        folder = Path(self.record.get("folder") or self.start_folder)
        files = "".join(f"<li>{_link(folder / name)}</li>"
                        for name in self.record["files"].values())
        gaps = self.record.get("gaps") or []
        missing = ("<p>" + html.escape(_("Still missing: {parts}.").format(
            parts=_(", ").join(gaps))) + "</p>") if gaps else ""
        written = _("Written {when} in the folder {folder}:").format(
            when=_written_when(self.record.get("exported")), folder=shown_path(folder))
        self.result.value = f"<p>{html.escape(written)}</p><ul>{files}</ul>{missing}"

    def _ask(self, clash: list[Path]) -> None:
        names = _(", ").join(path.name for path in clash)
        self.question.value = "<p role='alert'>" + html.escape(_(
            "The folder already holds {names}. Replace the earlier files, or keep both (the "
            "new files get a number)?").format(names=names)) + "</p>"
        self.choices.layout.display = "flex"

    def _settle_question(self) -> None:
        self.question.value = ""
        self.choices.layout.display = "none"

    def export(self, on_existing: str = "ask") -> dict[str, Any] | None:
        """Write the plan's three files, record them in the workbook and show them.

        Parameters
        ----------
        on_existing : str
            When a file of the export is already in the folder: "ask" (write nothing, show
            the question with two buttons), "replace" or "keep both".

        Returns
        -------
        dict or None
            The record (as :attr:`value`), or None if nothing was written (a question asked
            or a problem shown).
        """
        check_choice("on_existing", on_existing, ON_EXISTING)
        stage = getattr(self.diagnostic, "diagnosis", None)
        plan, self.gaps = plan_from_workbook(self.profile, workbook_sections(self.workbook),
                                             stage)
        folder = self.folder
        names = _names(folder, f"account_plan_{plan.account_id}", on_existing)
        clash = [folder / name for name in names.values() if (folder / name).exists()]
        if clash and on_existing == "ask":
            self._ask(clash)
            return None
        self._settle_question()
        try:
            language = self.shown_language
            write_atomically(folder / names["markdown"],
                             plan.to_markdown(language=language).encode("utf-8"))
            write_atomically(folder / names["html"],
                             plan.to_html(language=language).encode("utf-8"))
            plan.to_excel(folder / names["excel"], overwrite=on_existing == "replace",
                          language=language)
        except (OSError, KamValueError) as error:
            self.show_error(KamValueError(str(error)))
            return None
        self.clear_error()
        self.record = {
            "account_id": plan.account_id,
            "name": plan.name,
            "folder": str(folder.resolve()),
            "files": names,
            "gaps": list(self.gaps),
            "exported": dt.datetime.now().isoformat(timespec="seconds"),
        }
        self.save()
        self._refresh()
        return self.record


def _names(folder: Path, stem: str, on_existing: str) -> dict[str, str]:
    """The file names of one export: ``stem`` plus each suffix, or, to keep both, the first
    numbered stem none of whose files exists."""
    number = 1
    while True:
        current = stem if number == 1 else f"{stem}_{number}"
        names = {kind: current + SUFFIXES[kind] for kind in EXPORT_KINDS}
        if on_existing != "keep both" or not any((folder / n).exists() for n in names.values()):
            return names
        number += 1


def _written_when(stamp: Any) -> str:
    """When the files were written, in prose ("on 29 November 2026 at 23:58"); a saved stamp
    that is not a time (an edited workbook) is shown as it is."""
    try:
        when = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    return _("on {day} at {time}").format(day=day(when), time=when.strftime("%H:%M"))


def _link(path: Path) -> str:
    """A link to ``path`` relative to the notebook's folder (JupyterLab opens it in a new tab),
    or its full path as text where no relative link reaches it (another drive)."""
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:
        return html.escape(str(path))
    href = urllib.parse.quote(Path(relative).as_posix())
    return (f"<a href='{html.escape(href)}' target='_blank' rel='noopener'>"
            f"{html.escape(path.name)}</a>")


__all__ = ["ON_EXISTING", "SUFFIXES", "PlanExport"]
