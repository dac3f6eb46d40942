"""Labels in English and Chinese: ``set_language("zh")`` switches every widget and plot.

Each module that shows text registers its labels with :func:`register`; :func:`t`
looks a label up in the current language, falling back to English.
"""

from __future__ import annotations

from kamlib._validation import check_choice, check_text

LANGUAGES = ("en", "zh")
_state = {"language": "en"}
_labels: dict[str, dict[str, str]] = {}


def set_language(language: str) -> None:
    """Choose the language of labels: ``"en"`` (English) or ``"zh"`` (中文)."""
    _state["language"] = check_choice("language", language, LANGUAGES)


def get_language() -> str:
    """Return the current label language."""
    return _state["language"]


def register(labels: dict[str, dict[str, str]]) -> None:
    """Add labels, each ``key: {"en": ..., "zh": ...}``; an existing key must not change."""
    for key, texts in labels.items():
        if "en" not in texts:
            raise ValueError(f"labels[{key!r}]: got {texts!r}; expected an 'en' text at least.")
        if key in _labels and _labels[key] != texts:
            raise ValueError(f"labels[{key!r}]: already registered as {_labels[key]!r}.")
        _labels[key] = dict(texts)


def t(key: str, language: str | None = None) -> str:
    """Return the label ``key`` in ``language`` (default: the current one)."""
    check_text("key", key)
    lang = get_language() if language is None else check_choice("language", language, LANGUAGES)
    if key not in _labels:
        raise KeyError(f"label {key!r} is not registered")
    texts = _labels[key]
    return texts.get(lang) or texts["en"]

