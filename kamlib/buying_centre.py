"""The buying centre (采购中心) and SPIN questions: analysing an account's people [O4, O5].

An organisation buys through a group whose members play distinct roles (Webster & Wind
1972, *Organizational Buying Behavior*; Bonoma 1982 added the initiator, and Kotler's
textbook lists the approver): :data:`ROLES`. :func:`guess_roles` gives a *first guess* at
each person's role from their function and level alone, which the key account manager then
corrects from the customer file; :func:`role_gaps` lists the roles nobody fills yet.

Rackham (1988, *SPIN Selling*) found that successful sellers in large sales ask four kinds
of questions (:data:`SPIN_KINDS`); :func:`classify_question` sorts a draft question into one
of them with a simple keyword rule, so a learner sees at once what kind of question it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kamlib.i18n import N_, _, get_language, join_list
from kamlib.validation import (
    check_choice,
    check_choice_series,
    check_frame,
    check_key_series,
    check_text,
    fail,
)


@dataclass(frozen=True)
class Role:
    """One buying-centre role: key, English and Chinese name, and what its holder does.

    Examples
    --------
    >>> ROLES[3].key, ROLES[3].does
    ('decider', 'has the final say on the supplier')
    """

    key: str
    en: str
    zh: str
    does: str

    @property
    def label(self) -> str:
        """The role's English name with its Chinese term.

        Returns
        -------
        str

        Examples
        --------
        >>> ROLES[0].label
        'initiator (发起者)'
        """
        return f"{self.en} ({self.zh})"


ROLES = (
    Role("initiator", N_("initiator"), "发起者", N_("first sees the need and starts the purchase")),
    Role("user", N_("user"), "使用者", N_("works with the product every day")),
    Role("influencer", N_("influencer"), "影响者",
         N_("shapes the specification with expert advice")),
    Role("decider", N_("decider"), "决策者", N_("has the final say on the supplier")),
    Role("approver", N_("approver"), "批准者", N_("authorises what deciders or buyers propose")),
    Role("buyer", N_("buyer"), "采购者", N_("negotiates terms and places the orders")),
    Role("gatekeeper", N_("gatekeeper"), "把关者",
         N_("controls which information and sellers get in")),
)
ROLE_KEYS = tuple(role.key for role in ROLES)


def _shown(item: Role | SpinKind) -> str:
    """A role or SPIN kind as shown: its label in English, its Chinese term alone in Chinese
    (the label itself stays 'initiator (发起者)': exercises key their tables by it)."""
    return item.zh if get_language() == "zh" else item.label

#: First guess by function for managers and staff; executives decide (finance executives
#: approve). Initiators and gatekeepers cannot be read from a job title: find them yourself.
FUNCTION_ROLES = {
    "purchasing": "buyer",
    "production": "user",
    "logistics": "user",
    "quality": "influencer",
    "R&D": "influencer",
    "finance": "influencer",
    "management": "decider",
}
LEVELS = ("executive", "manager", "staff")
_PEOPLE_COLUMNS = ["person_id", "name", "title", "function", "level"]


def _check_corrections(
    corrections: Any, person_ids: pd.Series, field: str = "corrections"
) -> dict[str, str]:
    if not isinstance(corrections, Mapping):
        raise fail(
            field, corrections, _("a dict of person_id -> role, e.g. {'P0075': 'gatekeeper'}")
        )
    known = set(person_ids)
    checked = {}
    for person, role in corrections.items():
        if person not in known:
            raise fail(f"{field} (person_id)", person, _("a person_id of people"))
        checked[person] = check_choice(f"{field}[{person!r}]", role, ROLE_KEYS)
    return checked


def guess_roles(
    people: pd.DataFrame, *, corrections: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Each person's buying-centre role: a first guess from function and level, with a reason.

    Executives are guessed as deciders (in finance: approvers); managers and staff by
    function (:data:`FUNCTION_ROLES`).

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``): person_id, name, title, function,
        level.
    corrections : mapping, optional
        person_id -> role key, where the manager knows better than the guess.

    Returns
    -------
    pandas.DataFrame
        person_id, name, title, role and reason, in the order of ``people``.

    Raises
    ------
    KamValueError
        If ``people`` lacks a column or holds an unknown function or level, or a correction
        names an unknown person or role.

    Examples
    --------
    >>> from kamlib import datasets
    >>> people = datasets.load("people")
    >>> roles = guess_roles(people[people["account_id"] == "AC060"],
    ...                     corrections={"P0179": "approver"})
    >>> roles.loc[:2, ["person_id", "role"]]
      person_id      role
    0     P0177   decider
    1     P0178     buyer
    2     P0179  approver
    """
    check_frame("people", people, _PEOPLE_COLUMNS)
    functions = check_choice_series("people['function']", people["function"], FUNCTION_ROLES)
    levels = check_choice_series("people['level']", people["level"], LEVELS)
    ids = check_key_series("people['person_id']", people["person_id"])
    fixes = _check_corrections({} if corrections is None else corrections, ids)
    executive = (levels == "executive").to_numpy(dtype=bool)
    finance = (functions == "finance").to_numpy(dtype=bool)
    by_function = functions.map(FUNCTION_ROLES).to_numpy(dtype=object)
    guess = pd.Series(
        np.select([executive & finance, executive], ["approver", "decider"], by_function),
        index=people.index,
    )
    fixed = people["person_id"].map(fixes)
    does = guess.map({r.key: r.does for r in ROLES})
    names = {role.key: role.en for role in ROLES}
    reason = pd.Series([
        _("{function} {level}: usually the {role}, who {does}").format(
            function=_(function), level=_(level), role=_(names[role]), does=_(text))
        for function, level, role, text in zip(functions, levels, guess, does, strict=True)
    ], index=people.index, dtype=object)
    corrected = pd.Series([_("your correction (guess: {role})").format(role=_(names[role]))
                           for role in guess], index=people.index, dtype=object)
    result = pd.DataFrame(
        {
            "person_id": people["person_id"],
            "name": people["name"],
            "title": people["title"],
            "role": guess.where(fixed.isna(), fixed).astype(str),
            "reason": reason.where(fixed.isna(), corrected),
        }
    )
    return result.reset_index(drop=True)


def role_gaps(roles: pd.DataFrame | pd.Series) -> tuple[Role, ...]:
    """The roles nobody fills in ``roles``.

    An empty role is a question for the next visit: who else will have a say?

    Parameters
    ----------
    roles : pandas.Series or pandas.DataFrame
        Role keys (:data:`ROLE_KEYS`), or a table with a ``role`` column such as the one
        :func:`guess_roles` returns.

    Returns
    -------
    tuple of Role
        The empty roles, in the order of :data:`ROLES`.

    Raises
    ------
    KamValueError
        If ``roles`` is neither, or holds something that is not a role key.

    Examples
    --------
    >>> import pandas as pd
    >>> [role.key for role in role_gaps(pd.Series(["decider", "buyer", "user", "influencer"]))]
    ['initiator', 'approver', 'gatekeeper']
    """
    if isinstance(roles, pd.DataFrame):
        roles = check_frame("roles", roles, ["role"])["role"]
    if not isinstance(roles, pd.Series):
        raise fail(
            "roles", type(roles).__name__, _("a Series of role keys or a DataFrame with 'role'")
        )
    filled = set(check_choice_series("roles", roles, ROLE_KEYS))
    return tuple(role for role in ROLES if role.key not in filled)


@dataclass(frozen=True)
class SpinKind:
    """One kind of SPIN question: key, names, what it asks for, an example and its cue words.

    Examples
    --------
    >>> SPIN_KINDS[0].key
    'situation'
    """

    key: str
    en: str
    zh: str
    asks: str
    example: str
    cues: tuple[str, ...]

    @property
    def label(self) -> str:
        """The kind's English name with its Chinese term.

        Returns
        -------
        str

        Examples
        --------
        >>> SPIN_KINDS[0].label
        'situation (背景问题)'
        """
        return f"{self.en} ({self.zh})"


# Cue patterns: English ones are regular expressions matched at the start of a word
# ("defect" finds "defects"), Chinese ones anywhere. classify_question tries them from
# need-payoff back to situation (see there).
SPIN_KINDS = (
    SpinKind(
        "situation", N_("situation"), "背景问题",
        N_("facts: which lines, how much, who decides"),
        N_("Which of your lines run solvent-borne coatings today?"),
        ("which", "how many", "how much", "how often", "who", "when", "what", "where",
         "do you", "哪些", "哪个", "多少", "几", "谁", "什么", "是否"),
    ),
    SpinKind(
        "problem", N_("problem"), "难点问题",
        N_("difficulties and dissatisfactions; they uncover implied needs (隐含需求)"),
        N_("Where do you lose most parts to paint defects?"),
        ("problem", "difficult", "hard to", "trouble", "issue", "concern", "worr", "dissatisf",
         "satisf", "unhappy", "complain", "defect", "fail", "lose", "losing", "lost", "reject",
         "scrap", "struggle", "go wrong", "goes wrong", "unreliable", "reliable enough",
         "stops?", "clog", "late", "delays?", "downtime", "mistakes?", "errors?",
         "难", "问题", "麻烦", "不满", "满意", "担心", "投诉", "缺陷", "故障", "不良", "报废",
         "失败", "准时吗", "堵塞", "停线", "停机", "停一次", "返工", "延误", "不稳定", "腐蚀"),
    ),
    SpinKind(
        "implication", N_("implication"), "暗示问题",
        N_("the consequences of a problem; they make it big enough to act on"),
        N_("What does a failed adhesion test cost you in rework and delays?"),
        ("costs? you", "cost (?:the|your)", "effects?", "impacts?", "consequences?",
         "leads? to", "results? in", "affect", "happens? to", "at risk", "risks?", "causes?",
         r"how much (?:overtime|rework|time|money|scrap|extra)",
         "影响", "后果", "导致", "造成", "损失", "代价", "风险", "丢失", "工作量", "增加多少",
         "多大的?损失"),
    ),
    SpinKind(
        "need_payoff", N_("need-payoff"), "需求效益问题",
        N_("the value of a solution, in the buyer's words; they make needs explicit (明确需求)"),
        N_("If defects halved, what would that be worth to your plant?"),
        ("worth", "value", "valuable", "benefit", "help", "useful", r"sav(?:e|es|ing|ings)\b",
         "if you could", "if we could", "what if", r"why is (?:it|that|this) important",
         "how important", r"what would .{0,60}?\bdo for",
         "价值", "好处", "帮助", "帮上", "能帮", "有用", "节省", "如果能", "假如", "收益", "效益",
         "为什么.{0,20}重要", "有多重要"),
    ),
)
_KINDS = {kind.key: kind for kind in SPIN_KINDS}
_ORDER = ("need_payoff", "implication", "problem", "situation")
_QUESTION_MARKS = ("?", "？")
#: "What would it mean for you …" asks for the value of a solution (need-payoff) unless the
#: question names a problem: then it asks for the problem's consequences (implication).
MEANING_PATTERN = re.compile(r"(?i:\bmeans?\s+(?:for|to)\b|\bwould\s+it\s+mean\b)|意味着")


def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    latin = [r"\b" + cue for cue in cues if cue.isascii()]
    chinese = [cue for cue in cues if not cue.isascii()]
    return re.compile("|".join(latin + chinese), re.IGNORECASE)


_PATTERNS = {kind.key: _cue_pattern(kind.cues) for kind in SPIN_KINDS}


@dataclass(frozen=True)
class QuestionVerdict:
    """The SPIN kind of a question, the cue word that decided it ("" if none) and why.

    Made by :func:`classify_question`.

    Examples
    --------
    >>> verdict = classify_question("Which coatings do you use?")
    >>> verdict.kind.key, verdict.cue
    ('situation', 'Which')
    """

    text: str
    kind: SpinKind
    cue: str
    reason: str


def classify_question(text: str) -> QuestionVerdict:
    """Sort a question (English or Chinese) into a SPIN kind by its cues.

    The rule tries need-payoff cues first ("worth", "help", "why is it important", "价值",
    "帮上"), then implication ("cost you", "affect", "at risk", "影响", "导致"), problem
    ("defect", "satisfied", "问题", "满意") and situation ("which", "哪些"), because a later
    kind often repeats an earlier kind's words: "what would halving defects be worth?" names
    a problem but asks for value. "What would it mean for you …" (意味着) asks for value,
    unless the question names a problem: then it asks for the problem's consequences. A
    question without any cue asks for facts: situation. A keyword rule is a first reading,
    not a judgement: read the reason and decide yourself.

    Parameters
    ----------
    text : str
        One question, ending with "?" or "？".

    Returns
    -------
    QuestionVerdict

    Raises
    ------
    KamValueError
        If ``text`` is not a non-empty question.

    Examples
    --------
    >>> classify_question("How would a primer that cures 20 degrees lower help you?").kind.key
    'need_payoff'
    >>> classify_question("腐蚀投诉对你们和这个客户的关系意味着什么？").kind.key
    'implication'
    """
    question = check_text("text", text)
    if not question.endswith(_QUESTION_MARKS):
        raise fail("text", question, _("a question ending with '?' or '？'"))
    found = _PATTERNS["need_payoff"].search(question)
    if found:
        return _verdict(question, _KINDS["need_payoff"], found.group(0))
    meaning = MEANING_PATTERN.search(question)
    if meaning:
        kind = "implication" if _PATTERNS["problem"].search(question) else "need_payoff"
        return _verdict(question, _KINDS[kind], meaning.group(0))
    for key in _ORDER[1:]:
        found = _PATTERNS[key].search(question)
        if found:
            return _verdict(question, _KINDS[key], found.group(0))
    return _verdict(question, _KINDS["situation"], "")


def _verdict(question: str, kind: SpinKind, cue: str) -> QuestionVerdict:
    why = _("the cue '{cue}'").format(cue=cue) if cue else _("no cue word")
    return QuestionVerdict(
        question, kind, cue,
        _("{why}: {kind}, it asks for {asks}").format(why=why, kind=_shown(kind),
                                                      asks=_(kind.asks)),
    )


@dataclass(frozen=True)
class BuyingCentreMap:
    """The buying centre of one account as the key account manager maps it.

    ``people``: one row per person of the account's file: person_id, name, title, role (a
    key of :data:`ROLES`), source ("yours" for a role the manager chose, "first guess"
    from function and level otherwise), reason and met_by_us (who at Huaxin has met them,
    "nobody" if no one). ``gaps``: the roles nobody fills. ``unmet``: the people holding a
    role whom nobody at Huaxin has met. Made by :func:`map_buying_centre`.

    Examples
    --------
    >>> from kamlib import datasets
    >>> mapped = map_buying_centre(datasets.load("people"), account_id="AC060")
    >>> [role.key for role in mapped.gaps]
    ['initiator', 'approver', 'gatekeeper']
    """

    account_id: str
    people: pd.DataFrame
    gaps: tuple[Role, ...]
    unmet: tuple[str, ...]

    @property
    def complete(self) -> bool:
        """True when every role has a holder and every holder has met someone of ours.

        Returns
        -------
        bool

        Examples
        --------
        >>> from kamlib import datasets
        >>> map_buying_centre(datasets.load("people"), account_id="AC060").complete
        False
        """
        return not self.gaps and not self.unmet

    def summary(self) -> str:
        """The map in three sentences: who plays which role, the empty roles, the unmet.

        Returns
        -------
        str
            Three lines, in the course's language.

        Examples
        --------
        >>> from kamlib import datasets
        >>> mapped = map_buying_centre(datasets.load("people"), account_id="AC060",
        ...                            contacts=datasets.load("contacts"))
        >>> print(mapped.summary())
        Your map of AC060: Wang Peiying = decider; Wang Yiran = buyer; ...
        Roles nobody fills yet: initiator (发起者), approver (批准者), gatekeeper (把关者).
        Role holders nobody at Huaxin has met: none.
        """
        holders = join_list(f"{row.name} = {_(_ROLE_BY_KEY[row.role].en)}"
                            for row in self.people.itertuples(index=False))
        return "\n".join([
            _("Your map of {account}: {holders}.").format(account=self.account_id,
                                                           holders=holders),
            _("Roles nobody fills yet: {roles}.").format(
                roles=_(", ").join(map(_shown, self.gaps)) or _("none")),
            _("Role holders nobody at Huaxin has met: {names}.").format(
                names=_(", ").join(self.unmet) or _("none")),
        ])


_ROLE_BY_KEY = {role.key: role for role in ROLES}


def map_buying_centre(
    people: pd.DataFrame,
    *,
    account_id: str,
    assignments: Mapping[str, str] | None = None,
    contacts: pd.DataFrame | None = None,
) -> BuyingCentreMap:
    """Map an account's buying centre: the manager's roles where given, first guesses elsewhere.

    Parameters
    ----------
    people : pandas.DataFrame
        The customer file (``datasets.load("people")``): person_id, account_id, name, title,
        function, level.
    account_id : str
        The account to map.
    assignments : mapping, optional
        person_id -> role key, the manager's own reading of the file; people not in it keep
        the first guess of :func:`guess_roles`.
    contacts : pandas.DataFrame, optional
        The contacts table (their_person_id, our_person); without it nobody counts as met.

    Returns
    -------
    BuyingCentreMap

    Raises
    ------
    KamValueError
        If the account has nobody in the file, an assignment names a person of another
        account or an unknown role, or a table lacks its columns.

    Examples
    --------
    >>> from kamlib import datasets
    >>> mapped = map_buying_centre(datasets.load("people"), account_id="AC060",
    ...                            assignments={"P0179": "approver"},
    ...                            contacts=datasets.load("contacts"))
    >>> mapped.people.set_index("person_id").loc["P0179", ["role", "source"]].tolist()
    ['approver', 'yours']
    """
    check_frame("people", people, ["account_id", *_PEOPLE_COLUMNS])
    account_id = check_text("account_id", account_id)
    ids = check_key_series("people['account_id']", people["account_id"]).astype(str)
    team = people[(ids == account_id).to_numpy()]
    if team.empty:
        raise fail("account_id", account_id, _("an account with people in the customer file"))
    choices = _check_corrections({} if assignments is None else assignments, team["person_id"],
                                 "assignments")
    mapped = guess_roles(team, corrections=choices)
    mapped["source"] = np.where(mapped["person_id"].isin(list(choices)), "yours", "first guess")
    if contacts is None:
        met = pd.Series("nobody", index=mapped.index)
    else:
        check_frame("contacts", contacts, ["their_person_id", "our_person"])
        check_key_series("contacts['their_person_id']", contacts["their_person_id"])
        check_key_series("contacts['our_person']", contacts["our_person"], kind=_("a name"))
        met_by = contacts.groupby("their_person_id")["our_person"].agg(
            lambda names: ", ".join(dict.fromkeys(names.astype(str)))
        )
        met = mapped["person_id"].map(met_by).fillna("nobody")
    mapped["met_by_us"] = met.to_numpy()
    unmet = tuple(mapped.loc[mapped["met_by_us"] == "nobody", "name"].astype(str))
    columns = ["person_id", "name", "title", "role", "source", "reason", "met_by_us"]
    return BuyingCentreMap(account_id, mapped[columns], role_gaps(mapped), unmet)
