"""Know yourself (了解自己): your own social style and how to flex it towards a customer's [O5].

Merrill and Reid (1981, *Personal Styles and Effective Performance*) read behaviour on two
scales: **assertiveness**, from asking (问) to telling (说), and **responsiveness**, from
controlling one's feelings to showing them. The four combinations are the social styles
(社交风格): **driver** (驾驭型: tells, controls), **expressive** (表现型: tells, shows),
**amiable** (平易型: asks, shows) and **analytical** (分析型: asks, controls). No style sells
better than another; what sells is **versatility**: meeting the other person's needs.

:data:`STATEMENTS` is the course's own short self-assessment (eight statements, rated 1–4;
not Merrill and Reid's instrument, which is rated by others): :func:`assess_style` turns the
ratings into a style, and :func:`flex_plan` says how to flex from that style towards each
customer style, for instance those recorded in an account's file (:func:`styles_on_file`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from kamlib.datasets import shown_texts
from kamlib.i18n import N_, _, both, join_list
from kamlib.validation import (
    check_choice,
    check_frame,
    check_key_series,
    check_number,
    check_text,
    fail,
)

DIMENSIONS = ("assertiveness", "responsiveness")
RATING_SCALE = {
    1: N_("not like me"),
    2: N_("a little like me"),
    3: N_("mostly like me"),
    4: N_("very much like me"),
}
#: A dimension's score (1–4) at or above this is "telling" or "showing".
SPLIT = 2.5


@dataclass(frozen=True)
class Statement:
    """One statement of the self-assessment: which scale it reads, and in which direction
    (+1: agreeing means telling / showing feelings; -1: asking / controlling).

    Examples
    --------
    >>> STATEMENTS[1].dimension, STATEMENTS[1].direction
    ('assertiveness', -1)
    """

    key: str
    text: str
    dimension: str
    direction: int


STATEMENTS: tuple[Statement, ...] = (
    Statement("state_view", N_("In a meeting I state my view early and firmly."),
              "assertiveness", 1),
    Statement("ask_first", N_("I would rather ask questions than give my opinion."),
              "assertiveness", -1),
    Statement("decide_fast", N_("I make decisions quickly, even with incomplete information."),
              "assertiveness", 1),
    Statement("their_pace", N_("I let the customer set the pace of a conversation."),
              "assertiveness", -1),
    Statement("show_feelings", N_("I show my feelings openly at work."), "responsiveness", 1),
    Statement("business_only", N_("I keep conversations with customers to business and facts."),
              "responsiveness", -1),
    Statement("small_talk", N_("I enjoy small talk and stories before getting down to "
                               "business."), "responsiveness", 1),
    Statement("data_first", N_("I prefer written plans and data to personal impressions."),
              "responsiveness", -1),
)
_STATEMENTS = {statement.key: statement for statement in STATEMENTS}


@dataclass(frozen=True)
class Style:
    """A social style: its names, where it sits on the two scales, what it wants from others.

    Examples
    --------
    >>> style("driver").tells, style("driver").shows
    (True, False)
    """

    key: str
    en: str
    zh: str
    tells: bool
    shows: bool
    wants: str

    @property
    def label(self) -> str:
        """The style's English name with its Chinese term (the Chinese term alone
        in the Chinese edition).

        Returns
        -------
        str

        Examples
        --------
        >>> style("driver").label
        'driver (驾驭型)'
        """
        return both(self.en, self.zh)


STYLES: tuple[Style, ...] = (
    Style("driver", N_("driver"), "驾驭型", True, False,
          N_("Be brief and businesslike; give options with their outcomes and let them "
             "decide.")),
    Style("expressive", N_("expressive"), "表现型", True, True,
          N_("Share the big picture with energy; give recognition and stories of other "
             "customers; put the details in writing afterwards.")),
    Style("amiable", N_("amiable"), "平易型", False, True,
          N_("Slow down and show personal interest; reassure with guarantees and a "
             "step-by-step plan; never push for a decision.")),
    Style("analytical", N_("analytical"), "分析型", False, False,
          N_("Bring data, test results and references in writing; be precise; give them time "
             "to check before they decide.")),
)
_STYLES = {style.key: style for style in STYLES}


@dataclass(frozen=True)
class StyleProfile:
    """The result of the self-assessment: the style and the two scores (1 to 4).

    Made by :func:`assess_style`.
    """

    style: Style
    assertiveness: float
    responsiveness: float

    def describe(self) -> str:
        """The result in a sentence, in the course's language.

        Returns
        -------
        str

        Examples
        --------
        >>> profile = assess_style({statement.key: 3 for statement in STATEMENTS})
        >>> print(profile.describe())
        Your style: expressive (表现型). Assertiveness 2.5 of 4 (you tell more than you ask),
        responsiveness 2.5 of 4 (you show your feelings).
        """
        return _(
            "Your style: {style}. Assertiveness {a:.1f} of 4 ({tells}), responsiveness "
            "{r:.1f} of 4 ({shows})."
        ).format(
            style=self.style.label, a=self.assertiveness, r=self.responsiveness,
            tells=_("you tell more than you ask") if self.style.tells
            else _("you ask more than you tell"),
            shows=_("you show your feelings") if self.style.shows
            else _("you keep your feelings in check"),
        )


def assess_style(ratings: Mapping[str, int]) -> StyleProfile:
    """Score the self-assessment: a rating 1–4 for each of :data:`STATEMENTS`.

    Each scale's score is the mean of its four ratings, a "-1" statement counting as
    5 minus its rating; a score of :data:`SPLIT` or more means telling (assertiveness) or
    showing feelings (responsiveness).

    Parameters
    ----------
    ratings : mapping
        statement key -> 1 (not like me) to 4 (very much like me), one for every statement.

    Returns
    -------
    StyleProfile

    Raises
    ------
    KamValueError
        If a statement is missing or unknown, or a rating is not a whole number 1–4.

    Examples
    --------
    >>> profile = assess_style({"state_view": 4, "ask_first": 1, "decide_fast": 4,
    ...     "their_pace": 2, "show_feelings": 1, "business_only": 4, "small_talk": 1,
    ...     "data_first": 3})
    >>> profile.style.key
    'driver'
    """
    if not isinstance(ratings, Mapping):
        raise fail("ratings", ratings, _("a dict of statement key -> rating 1 to 4"))
    unknown = sorted(set(map(str, ratings)) - set(_STATEMENTS))
    missing = [key for key in _STATEMENTS if key not in ratings]
    if unknown or missing:
        raise fail("ratings", sorted(map(str, ratings)),
                   "a rating for each of " + ", ".join(_STATEMENTS))
    scores = {dimension: [] for dimension in DIMENSIONS}
    for key, statement in _STATEMENTS.items():
        rating = check_number(f"ratings[{key!r}]", ratings[key], minimum=1, maximum=4,
                              integer=True)
        scores[statement.dimension].append(rating if statement.direction > 0 else 5 - rating)
    assertiveness = sum(scores["assertiveness"]) / len(scores["assertiveness"])
    responsiveness = sum(scores["responsiveness"]) / len(scores["responsiveness"])
    tells, shows = assertiveness >= SPLIT, responsiveness >= SPLIT
    style = next(s for s in STYLES if (s.tells, s.shows) == (tells, shows))
    return StyleProfile(style, assertiveness, responsiveness)


def style(key: str) -> Style:
    """The :class:`Style` of ``key`` ("driver", "expressive", "amiable" or "analytical").

    Parameters
    ----------
    key : str
        The style's key.

    Returns
    -------
    Style

    Raises
    ------
    KamValueError
        If ``key`` is not one of the four.

    Examples
    --------
    >>> style("amiable").zh
    '平易型'
    """
    return _STYLES[check_choice("key", key, tuple(_STYLES))]


def _flex(own: Style, other: Style) -> str:
    """How ``own`` style flexes towards ``other``: one sentence per scale on which they differ."""
    advice = []
    if own.tells and not other.tells:
        advice.append(_("slow down, ask more and let them set the pace"))
    elif other.tells and not own.tells:
        advice.append(_("come to the point sooner and state your recommendation"))
    if own.shows and not other.shows:
        advice.append(_("keep to facts and structure, with less small talk"))
    elif other.shows and not own.shows:
        advice.append(_("show more warmth and leave room for the person, not only the case"))
    if not advice:
        return _("You share their style: use its strength and watch its excess (two drivers "
                 "clash, two amiables avoid the decision, two analyticals never finish, two "
                 "expressives forget the details).")
    return _("From your style: {advice}.").format(advice=join_list(advice))


def flex_plan(
    own: str | Style | StyleProfile, *, customer_styles: Iterable[str] = ()
) -> pd.DataFrame:
    """How to flex from your style towards each customer style (all four if none given).

    Parameters
    ----------
    own : str, Style or StyleProfile
        Your style (a key, a :class:`Style`, or :func:`assess_style`'s result).
    customer_styles : iterable of str, optional
        Style keys of the customer's people (e.g. from :func:`styles_on_file`); repeated
        keys are shown once.

    Returns
    -------
    pandas.DataFrame
        One row per customer style: ``style``, ``name`` (English and Chinese), ``wants``
        (what that style needs from you) and ``flex`` (what to change, from your style).

    Raises
    ------
    KamValueError
        If a style key is unknown.

    Examples
    --------
    >>> plan = flex_plan("driver", customer_styles=["amiable"])
    >>> plan.loc[0, "flex"].startswith("From your style: slow down, ask more")
    True
    """
    if isinstance(own, StyleProfile):
        own = own.style
    elif not isinstance(own, Style):
        own = _STYLES[check_choice("own", own, tuple(_STYLES))]
    if isinstance(customer_styles, (str, bytes, Mapping)) or not isinstance(
        customer_styles, (list, tuple, set, frozenset, pd.Series, pd.Index)
    ):
        raise fail("customer_styles", customer_styles, _("a list of style keys"))
    keys = [check_choice(f"customer_styles[{i}]", key, tuple(_STYLES))
            for i, key in enumerate(customer_styles)]
    chosen = [_STYLES[key] for key in dict.fromkeys(keys)] or list(_STYLES.values())
    return pd.DataFrame(
        {
            "style": [s.key for s in chosen],
            "name": [s.label for s in chosen],
            "wants": [_(s.wants) for s in chosen],
            "flex": [_flex(own, s) for s in chosen],
        }
    )


def styles_on_file(people: pd.DataFrame, *, account_id: str) -> pd.DataFrame:
    """The social styles recorded in an account's customer file.

    The file notes a style as "Analytical: wants data before opinions"; the word before the
    colon is read as the style. The title and the note are returned as shown, in the current
    language (:func:`kamlib.datasets.shown_texts`); the style key is read from the English.

    Parameters
    ----------
    people : pandas.DataFrame
        person_id, account_id, name, title, social_style.
    account_id : str

    Returns
    -------
    pandas.DataFrame
        person_id, name, title, style (a key, or "" where nothing is recorded), note (title
        and note in the current language).

    Raises
    ------
    KamValueError
        If a column is missing or the account has nobody in the file.

    Examples
    --------
    >>> from kamlib import datasets
    >>> on_file = styles_on_file(datasets.load("people"), account_id="AC060")
    >>> sorted(set(on_file["style"]))
    ['', 'amiable', 'analytical', 'expressive']
    """
    check_frame("people", people, ["person_id", "account_id", "name", "title", "social_style"])
    account_id = check_text("account_id", account_id)
    ids = check_key_series("people['account_id']", people["account_id"]).astype(str)
    team = people[(ids == account_id).to_numpy()]
    if team.empty:
        raise fail("account_id", account_id, _("an account with people in the customer file"))
    notes = team["social_style"].fillna("").astype(str)
    keys = notes.str.split(":").str[0].str.strip().str.lower()
    shown = shown_texts(team[["title", "social_style"]], "people")
    return pd.DataFrame({
        "person_id": team["person_id"].to_numpy(),
        "name": team["name"].to_numpy(),
        "title": shown["title"].to_numpy(),
        "style": keys.where(keys.isin(list(_STYLES)), "").to_numpy(),
        "note": shown["social_style"].fillna("").astype(str).to_numpy(),
    })
