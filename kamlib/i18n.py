"""The course's two languages: English (the source text) and Simplified Chinese (中文).

Every text a learner or an instructor reads is written in English in the code and wrapped in
:func:`_` (``gettext``); its Chinese counterpart lives in the gettext catalog
``kamlib/locale/zh_CN/LC_MESSAGES/kamlib.po``, keyed to the English text (the ``msgid``), as
Sphinx and Python's own documentation keep their translations. In a checkout of the course,
``python tools/translate.py update`` extracts the texts with Babel and updates the catalogs;
a test fails on a text without its translation.

The language is chosen once: :func:`set_language` in a notebook, else the environment
variable ``KAMLIB_LANGUAGE`` (``en`` or ``zh``), else the learner's remembered choice
(:func:`remember_language`, which the start-here notebook calls), else English.

Writing a translatable text:

- ``_("Class A")``: a text shown now, in the current language;
- ``_("{n} accounts").format(n=3)``: placeholders by name, formatted after translation;
- ``ngettext("{n} account", "{n} accounts", n).format(n=n)``: singular and plural;
- ``N_("Class A")`` marks a module-level constant for extraction without translating it at
  import time; translate it where it is shown, with ``_(CONSTANT)``.

The older label registry (:func:`register`, :func:`t`) keys texts by a name instead of the
English text; it is kept for the labels that still use it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from pathlib import Path

from kamlib.validation import check_choice, check_number, check_text, fail

LANGUAGES = ("en", "zh")
#: The environment variable that sets the default language.
LANGUAGE_VARIABLE = "KAMLIB_LANGUAGE"
#: gettext locale of each language other than the source language (English).
LOCALES = {"zh": "zh_CN"}
#: The catalog domain of kamlib's own texts.
DOMAIN = "kamlib"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
_SPELLINGS = {"en": "en", "en_us": "en", "en_gb": "en", "zh": "zh", "zh_cn": "zh",
              "zh_hans": "zh", "zh_hans_cn": "zh", "cn": "zh", "chinese": "zh",
              "english": "en", "中文": "zh"}

_state: dict[str, str | None] = {"language": None}
_labels: dict[str, str] = {}


def _normalise(field: str, language: object) -> str:
    """``language`` as "en" or "zh"; accepts spellings such as "zh-CN", "zh_Hans", "EN"."""
    if isinstance(language, str):
        key = language.strip().lower().replace("-", "_")
        if key in _SPELLINGS:
            return _SPELLINGS[key]
    raise fail(field, language, "'en' (English) or 'zh' (中文)")


def set_language(language: str) -> None:
    """Choose the language of every label, message and document: "en" or "zh".

    Parameters
    ----------
    language : str
        ``"en"`` (English) or ``"zh"`` (Simplified Chinese); "zh-CN" and "zh_Hans" are
        read as "zh".

    Raises
    ------
    KamValueError
        If ``language`` is neither.

    Examples
    --------
    >>> set_language("zh")
    >>> get_language()
    'zh'
    >>> set_language("en")
    """
    _state["language"] = _normalise("language", language)


def get_language() -> str:
    """Return the current language: set by :func:`set_language`, else ``KAMLIB_LANGUAGE``,
    else the learner's remembered choice, else English.

    Returns
    -------
    str
        ``"en"`` or ``"zh"``.

    Raises
    ------
    KamValueError
        If ``KAMLIB_LANGUAGE`` names no language.

    Examples
    --------
    >>> set_language("en")
    >>> get_language()
    'en'
    """
    if _state["language"] is not None:
        return _state["language"]
    from_environment = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if from_environment:
        return _normalise(LANGUAGE_VARIABLE, from_environment)
    return _remembered_language() or "en"


def preference_path() -> Path:
    """The file that remembers this user's language (in the user's configuration folder).

    Returns
    -------
    Path
        The file (it may not exist yet).

    Examples
    --------
    >>> preference_path().name
    'language'
    """
    import platformdirs

    return platformdirs.user_config_path("kamlib") / "language"


_remembered: dict[str, object] = {}


def _remembered_language() -> str | None:
    """The remembered language, read again when the file changes; None if there is none."""
    path = preference_path()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return None
    if _remembered.get("stamp") != stamp:
        try:
            text = path.read_text(encoding="utf-8").strip()
            _remembered["language"] = _normalise("language preference", text)
        except (OSError, UnicodeDecodeError, ValueError):
            _remembered["language"] = None  # a damaged preference is no preference
        _remembered["stamp"] = stamp
    return _remembered["language"]  # type: ignore[return-value]


def remember_language(language: str) -> Path:
    """Make ``language`` this user's default in every notebook from now on; return the file.

    ``KAMLIB_LANGUAGE`` and :func:`set_language` still take precedence.

    Parameters
    ----------
    language : str
        ``"en"`` or ``"zh"``.

    Returns
    -------
    Path
        The preference file written (:func:`preference_path`).

    Raises
    ------
    KamValueError
        If ``language`` is neither, or the file cannot be written.

    Examples
    --------
    >>> remember_language("zh").name  # doctest: +SKIP
    'language'
    """
    chosen = _normalise("language", language)
    path = preference_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(chosen + "\n", encoding="utf-8")
    except OSError as error:
        raise fail("language preference", str(path),
                   f"a folder you may write to ({error.strerror})") from None
    return path


def catalog_path(language: str, *, domain: str = DOMAIN) -> Path:
    """The ``.po`` file that holds ``language``'s texts of ``domain``.

    Parameters
    ----------
    language : str
        A language with a catalog ("zh").
    domain : str, default "kamlib"
        The catalog's name.

    Returns
    -------
    Path
        The file, e.g. ``kamlib/locale/zh_CN/LC_MESSAGES/kamlib.po``.

    Raises
    ------
    KamValueError
        If ``language`` has no catalog.

    Examples
    --------
    >>> catalog_path("zh").relative_to(LOCALE_DIR).as_posix()
    'zh_CN/LC_MESSAGES/kamlib.po'
    """
    language = _normalise("language", language)
    if language not in LOCALES:
        raise fail("language", language, "a language with a catalog: " + ", ".join(LOCALES))
    return LOCALE_DIR / LOCALES[language] / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def _catalog(language: str) -> dict[str | tuple[str, str], str | tuple[str, ...]]:
    """The translations of ``language``: msgid (or (singular, plural)) → msgstr.

    Read once per process from the ``.po`` file with Babel; untranslated and fuzzy entries
    are left out, so that their English shows instead of an empty or doubtful text.
    """
    path = catalog_path(language)
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        catalog = read_po(stream)
    found: dict[str | tuple[str, str], str | tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            if all(message.string):
                found[tuple(message.id)] = tuple(message.string)
        elif message.string:
            found[message.id] = message.string
    return found


def language_or_current(language: str | None) -> str:
    """The language a function was asked for, or the course's current one when it was not.

    Parameters
    ----------
    language : str or None
        ``"en"`` or ``"zh"`` (spellings such as "zh-CN" are read as "zh"); None: the current
        language (:func:`get_language`).

    Returns
    -------
    str
        ``"en"`` or ``"zh"``.

    Raises
    ------
    KamValueError
        If ``language`` is neither, naming the field ``language``.

    Examples
    --------
    >>> language_or_current("zh-CN"), language_or_current("en")
    ('zh', 'en')
    """
    return get_language() if language is None else _normalise("language", language)


def gettext(message: str, language: str | None = None) -> str:
    """Return ``message`` (an English text) in ``language`` (default: the current one).

    Parameters
    ----------
    message : str
        The English text, exactly as written in the code (it is the catalog key).
    language : str, optional
        ``"en"`` or ``"zh"``; default: :func:`get_language`.

    Returns
    -------
    str
        The translation, or ``message`` itself in English or when the catalog lacks it.

    Examples
    --------
    >>> gettext("Class A", "en")
    'Class A'
    >>> gettext("Account", "zh")
    '客户'
    """
    lang = language_or_current(language)
    if lang == "en":
        return message
    translated = _catalog(lang).get(message)
    return translated if isinstance(translated, str) else message


_ = gettext


def ngettext(singular: str, plural: str, n: int, language: str | None = None) -> str:
    """Return the singular or plural text for the count ``n``, in ``language``.

    Chinese has one form for every count (the catalog's ``msgstr[0]``).

    Parameters
    ----------
    singular, plural : str
        The English texts for one and for any other count (the catalog's key).
    n : number
        The count.
    language : str, optional
        ``"en"`` or ``"zh"``; default: :func:`get_language`.

    Returns
    -------
    str
        The text for ``n``, placeholders still to fill with ``.format``.

    Raises
    ------
    KamValueError
        If a text is no text, ``n`` no number or ``language`` unknown.

    Examples
    --------
    >>> ngettext("{n} account", "{n} accounts", 2, "en").format(n=2)
    '2 accounts'
    """
    check_text("singular", singular, allow_empty=True)
    check_text("plural", plural, allow_empty=True)
    n = check_number("n", n)
    lang = language_or_current(language)
    english = singular if n == 1 else plural
    if lang == "en":
        return english
    forms = _catalog(lang).get((singular, plural))
    return forms[0] if isinstance(forms, tuple) else english


def join_list(items: Iterable[str], language: str | None = None) -> str:
    """Join ``items`` with the list separator of ``language``: "; " in English, "；" in
    Chinese (a full-width semicolon, as Chinese prose writes it).

    Parameters
    ----------
    items : iterable of str
        The texts to join, already in ``language``.
    language : str, optional
        ``"en"`` or ``"zh"``; default: :func:`get_language`.

    Returns
    -------
    str
        The joined text.

    Examples
    --------
    >>> join_list(["a", "b"], "en")
    'a; b'
    >>> join_list(["甲", "乙"], "zh")
    '甲；乙'
    """
    if isinstance(items, (str, bytes)) or not isinstance(items, Iterable):
        raise fail("items", items, gettext("a list of texts"))
    texts = list(items)
    for position, text in enumerate(texts):
        check_text(f"items[{position}]", text, allow_empty=True)
    return gettext("; ", language).join(texts)


def both(en: str, zh: str, *, language: str | None = None) -> str:
    """A term as the edition in ``language`` writes it: "English (中文)" in English, where the
    Chinese in brackets teaches the term, and the Chinese alone in Chinese.

    Parameters
    ----------
    en : str
        The English term, already translated if need be (it is shown as given).
    zh : str
        The Chinese term; empty: the English alone in both editions.
    language : str, optional
        ``"en"`` or ``"zh"``; default: :func:`get_language`.

    Returns
    -------
    str

    Raises
    ------
    KamValueError
        If ``en`` or ``zh`` is no text or ``language`` is unknown.

    Examples
    --------
    >>> both("Market penetration", "市场渗透", language="en")
    'Market penetration (市场渗透)'
    >>> both("Market penetration", "市场渗透", language="zh")
    '市场渗透'
    """
    check_text("en", en, allow_empty=True)
    check_text("zh", zh, allow_empty=True)
    if not zh:
        return en
    return zh if language_or_current(language) == "zh" else f"{en} ({zh})"


def N_(message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark ``message`` for translation without translating it now; translate it with ``_``.

    Parameters
    ----------
    message : str
        An English text kept in a module-level constant.

    Returns
    -------
    str
        ``message`` unchanged (the extractor finds it in the source).

    Examples
    --------
    >>> TITLE = N_("Status")
    >>> TITLE, gettext(TITLE, "zh")
    ('Status', '状态')
    """
    return message


def register(labels: dict[str, str]) -> None:
    """Name English texts for :func:`t`: each ``key: N_("English text")``.

    The Chinese of each text is in the catalog like every other ``_()`` text; an existing
    key must keep its text.

    Parameters
    ----------
    labels : dict of str to str
        Label keys (``"widget.name"``) and their English texts, marked with :func:`N_`.

    Raises
    ------
    KamValueError
        If ``labels`` is no dict of texts, or a known key would change its text.

    Examples
    --------
    >>> register({"doc.example": N_("Plot")})
    >>> t("doc.example", language="en")
    'Plot'
    """
    if not isinstance(labels, dict):
        raise fail("labels", labels, "a dict of label keys to English texts")
    for key, text in labels.items():
        check_text("labels key", key)
        check_text(f"labels[{key!r}]", text)
        if key in _labels and _labels[key] != text:
            raise fail(f"labels[{key!r}]", text,
                       f"the text it is already registered with ({_labels[key][:60]!r})")
        _labels[key] = text


def t(key: str, *, language: str | None = None) -> str:
    """Return the label ``key`` in ``language`` (default: the current one).

    Parameters
    ----------
    key : str
        A key given to :func:`register`.
    language : str, optional
        ``"en"`` or ``"zh"``; default: :func:`get_language`.

    Returns
    -------
    str
        The label's English text translated by the catalog.

    Raises
    ------
    KamValueError
        If ``key`` is not registered or ``language`` is unknown.

    Examples
    --------
    >>> register({"doc.account": N_("Account")})
    >>> t("doc.account", language="zh")
    '客户'
    """
    check_text("key", key)
    lang = language_or_current(language)
    check_choice("language", lang, LANGUAGES)
    if key not in _labels:
        raise fail("key", key, "a label registered with kamlib.i18n.register")
    return gettext(_labels[key], language=lang)
