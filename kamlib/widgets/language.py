"""Choose the course's language once (English or 中文), and let a page follow the choice.

:class:`LanguageChooser` is the start-here notebook's first widget: a click on *English* or
*中文* sets the language of this notebook now (:func:`kamlib.i18n.set_language`) and remembers
it as the learner's default in every notebook (:func:`kamlib.i18n.remember_language`).

:func:`follow_language` shows something made in the current language (a table, a Markdown
text, a widget) and makes it again, in the new language, whenever the learner chooses one:
the rest of the page changes at once, without running the notebook again.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from kamlib.i18n import (
    LANGUAGE_VARIABLE,
    LANGUAGES,
    _,
    get_language,
    remember_language,
    set_language,
)
from kamlib.validation import KamValueError, check_choice, fail
from kamlib.widgets._base import with_run_hint
from kamlib.widgets.layout import card

#: The buttons: each language named in its own script, so that either reader finds theirs.
CHOICES = (("English", "en"), ("中文", "zh"))

#: What follows the language now, by the callable that makes it (the same callable shown
#: again, e.g. after re-running its cell, replaces the earlier one).
_followers: dict[Any, LanguageFollower] = {}


def _display_data(shown: Any) -> dict[str, Any]:
    """``shown`` as display data (MIME type -> content); a text is Markdown."""
    if isinstance(shown, str):
        return {"text/markdown": shown, "text/plain": shown}
    if hasattr(shown, "_repr_mimebundle_"):  # a widget: never through _ipython_display_
        bundle = shown._repr_mimebundle_()
        return bundle[0] if isinstance(bundle, tuple) else bundle
    from IPython.core.interactiveshell import InteractiveShell

    data, _metadata = InteractiveShell.instance().display_formatter.format(shown)
    return data


class LanguageFollower:
    """Something made by ``render()`` in the current language, made again on a new choice.

    ``.widget`` is the ipywidgets ``Output`` that shows it; ``.shown`` what ``render`` last
    returned. The object displays itself.

    Make one with :func:`follow_language` (which also replaces the follower of the same
    ``render`` when a cell runs again); ``render`` and what it may raise are described there.

    Examples
    --------
    >>> follower = follow_language(lambda: "Key accounts")
    >>> follower.shown
    'Key accounts'
    """

    def __init__(self, render: Callable[[], Any]) -> None:
        if not callable(render):
            raise fail("render", render, _("a function (or class) called with no arguments"))
        self.render = render
        self.widget = widgets.Output()
        self.shown: Any = None
        self.refresh()

    def refresh(self) -> None:
        """Make it again in the current language and show that instead."""
        try:
            self.shown = self.render()
        except KamValueError as error:  # say what is wrong where the thing would have been
            self.shown = f"**{html.escape(str(error))}**"
        self.widget.outputs = ({"output_type": "display_data", "metadata": {},
                                "data": _display_data(self.shown)},)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_run_hint(self.widget._repr_mimebundle_(**kwargs))


def follow_language(render: Callable[[], Any]) -> LanguageFollower:
    """Show ``render()`` now, and again in the new language whenever the learner picks one.

    Parameters
    ----------
    render : callable
        Called with no arguments; returns what to show: a Markdown text (``str``), a table, a
        course widget or anything else a notebook displays. Called again after every choice
        made in a :class:`LanguageChooser`.

    Returns
    -------
    LanguageFollower
        Displays itself; ``.shown`` is what ``render`` last returned.

    Raises
    ------
    KamValueError
        If ``render`` is not callable.

    Examples
    --------
    >>> from kamlib.i18n import get_language
    >>> follow_language(get_language).shown in ("en", "zh")
    True
    """
    follower = LanguageFollower(render)
    try:
        _followers[render] = follower
    except TypeError:  # an unhashable callable: followed, but not replaced on a re-run
        _followers[id(follower)] = follower
    return follower


class LanguageChooser:
    """Two buttons, *English* and *中文*: the language of this notebook now and from now on.

    ``.value`` is the language shown ("en" or "zh"); :meth:`choose` does what a click does.
    Creating the chooser changes nothing: only a learner's choice is applied and remembered.

    Examples
    --------
    >>> chooser = LanguageChooser()
    >>> chooser.value in ("en", "zh")
    True
    """

    def __init__(self) -> None:
        self.buttons = widgets.ToggleButtons(
            options=list(CHOICES), value=get_language(),
            style={"button_width": "9em"},
        )
        self.buttons.observe(self._on_choice, names="value")
        self.message = widgets.HTML()
        title = widgets.HTML("<h3>Choose your language · 选择语言</h3>")
        self.widget = card([title, self.buttons, self.message], "LanguageChooser", footer="")

    @property
    def value(self) -> str:
        """The language chosen: "en" or "zh"."""
        return self.buttons.value

    def choose(self, language: str) -> None:
        """Choose ``language`` ("en" or "zh"), as a click on its button does.

        Raises
        ------
        KamValueError
            If ``language`` is not "en" or "zh".
        """
        check_choice("language", language, LANGUAGES)
        if language == self.buttons.value:
            self._apply(language)
        else:
            self.buttons.value = language  # the observer applies it

    def _on_choice(self, change: dict[str, Any]) -> None:
        self._apply(change["new"])

    def _apply(self, language: str) -> None:
        set_language(language)
        notes = [_("This page now shows {language}, and the course remembers your choice.",
                   language).format(language=dict((v, k) for k, v in CHOICES)[language])]
        try:
            remember_language(language)
        except KamValueError as error:
            notes = [_("This page now shows the language you chose, but it could not be "
                       "remembered for the other notebooks: {error}", language).format(
                           error=error)]
        fixed = os.environ.get(LANGUAGE_VARIABLE, "").strip()
        if fixed:
            notes.append(_("Note: this computer sets {variable}={value}, which the other "
                           "notebooks follow instead; ask your trainer to change it.",
                           language).format(variable=LANGUAGE_VARIABLE, value=fixed))
        for follower in list(_followers.values()):
            follower.refresh()
        self.message.value = "".join(f"<p>{html.escape(note)}</p>" for note in notes)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return with_run_hint(self.widget._repr_mimebundle_(**kwargs))
