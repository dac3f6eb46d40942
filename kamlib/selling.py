"""Selling skills in key account management: benefits and objections [O5, G4].

The handout's outline names "present the solution and close" (呈现解决办法与缔结) without
text. Two practices fill it.

**Features, advantages, benefits.** Rackham (1988, *SPIN Selling*) separates what a product
*has* (a feature), what it *does* (an advantage) and how it meets a need the customer has
*stated* (a benefit); only benefits move large sales. :data:`FAB_EXAMPLES` gives one worked
chain for each of Huaxin's product lines (the product facts are the course's invention, like
the company), and :func:`judge_benefit` reads a learner's sentence and says which of the
three it is.

**Objections.** :data:`OBJECTIONS` holds three that every key account manager meets: price,
the risk of switching, and "we are happy with our supplier". The course answers each in four
steps (its own structure, common in sales training): **acknowledge** the concern without
"but", **explore** it with a question, **answer** what lies behind it, **confirm** that the
answer met it. :func:`judge_objection_response` checks each step of a learner's answer.
Rules on words are a first reading for practice, not a grade of a conversation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from kamlib.i18n import N_, _, both
from kamlib.validation import check_choice, check_text
from kamlib.zh_segment import content_words


@dataclass(frozen=True)
class FabExample:
    """A worked feature → advantage → benefit chain for one product line.

    Examples
    --------
    >>> fab_example("PL01").need
    'The car maker now demands 1,000 hours of salt spray on every chassis part.'
    """

    line_id: str
    feature: str
    advantage: str
    need: str
    benefit: str


FAB_EXAMPLES: tuple[FabExample, ...] = (
    FabExample("PL01", N_("Our automotive primer passes 1,000 hours of salt spray."),
               N_("It protects steel parts against corrosion longer than a standard primer."),
               N_("The car maker now demands 1,000 hours of salt spray on every chassis part."),
               N_("Your chassis parts pass the car maker's new 1,000-hour test without a "
                  "second coat.")),
    FabExample("PL02", N_("Our powder coating cures at 160 °C."),
               N_("It cures 20 degrees cooler than standard powder."),
               N_("The gas bill of the curing oven has become too high."),
               N_("You cut your oven's gas bill without slowing the line.")),
    FabExample("PL03", N_("Our antifouling coating is self-polishing and copper-free."),
               N_("It keeps hulls clean for five years without heavy metals."),
               N_("The yard's export buyers ask for copper-free coatings."),
               N_("Your ships meet the export buyers' copper-free rule, so you win those "
                  "orders.")),
    FabExample("PL04", N_("Our wood lacquer is a two-coat waterborne system."),
               N_("It dries in 30 minutes and gives off little solvent."),
               N_("The factory must cut solvent emissions without losing output."),
               N_("You meet the emission limit without losing a shift of output.")),
    FabExample("PL05", N_("Our PU adhesive has a 15-minute open time."),
               N_("It bonds metal to composite without a primer."),
               N_("The assembly line loses time priming parts."),
               N_("Your line drops the priming step and assembles more parts per shift.")),
    FabExample("PL06", N_("Our silicone sealant works from -50 to 200 °C."),
               N_("It stays elastic through extreme temperatures."),
               N_("Seals on the outdoor cabinets crack in winter."),
               N_("You have no more winter warranty claims from cracked seals.")),
    FabExample("PL07", N_("Our potting compound conducts 1.5 W/m·K of heat."),
               N_("It carries heat away from the electronics faster than standard "
                  "compounds."),
               N_("The power modules fail early from overheating."),
               N_("Your power modules run cooler and last their warranty period.")),
    FabExample("PL08", N_("Our anticorrosion system is a zinc-rich epoxy for C5 environments."),
               N_("It protects steel for 15 years in marine air."),
               N_("Repainting the harbour cranes costs too much."),
               N_("You repaint your cranes half as often and cut maintenance cost.")),
    FabExample("PL09", N_("Our waterborne primer has a VOC content below 50 g/L."),
               N_("It emits far less solvent than a solvent-borne primer."),
               N_("Next year's emission limit worries the plant manager."),
               N_("You meet next year's emission limit without changing your ovens.")),
    FabExample("PL10", N_("Our hot-melt adhesive sets in 5 seconds."),
               N_("It sets faster than water-based glue."),
               N_("The carton line cannot run faster because the glue sets slowly."),
               N_("Your carton line runs faster on the same machines.")),
)
FAB_KINDS = ("feature", "advantage", "benefit")
_FAB_BY_LINE = {example.line_id: example for example in FAB_EXAMPLES}

#: A sentence spoken to the customer: "you", "your", 您, 你们, 贵公司.
CUSTOMER_PATTERN = re.compile(r"(?i:\byou(?:r|rs)?\b)|您|你们|贵(?:公司|厂|方|司)")
#: What changes for the customer: an outcome word.
OUTCOME_PATTERN = re.compile(
    r"(?i:\b(?:save\w*|cut\w*|lower\w*|reduc\w*|meet\w*|pass\w*|avoid\w*|win\w*|fewer|"
    r"no\s+more|drop\w*|assembles?\s+more|run\w*\s+(?:faster|cooler)|last\w*|protect\w*|"
    r"keep\w*|gain\w*|earn\w*|increas\w*|halv\w*|stop\w*)\b)"
    r"|节省|降低|减少|达到|达标|通过|避免|赢得|提高|不再|少|满足|省|增加|延长"
)
#: What the product does, compared or in action: an advantage.
ADVANTAGE_PATTERN = re.compile(
    r"(?i:\b(?:than|faster|longer|lower|less|more|better|cooler|without|little|bonds?|"
    r"protects?|emits?|resists?|stays?|carries|keeps?|lasts?|reduces?)\b)"
    r"|比|更|粘接|保护|耐|排放少|无需|不用"
)


@dataclass(frozen=True)
class FabVerdict:
    """What a sentence is (feature, advantage or benefit), why, and how to make it a benefit.

    Made by :func:`judge_benefit`.
    """

    text: str
    kind: str
    reason: str
    hint: str


def fab_example(line_id: str) -> FabExample:
    """The worked chain of a product line (PL01–PL10).

    Parameters
    ----------
    line_id : str

    Returns
    -------
    FabExample

    Raises
    ------
    KamValueError
        If the line has no example.

    Examples
    --------
    >>> fab_example("PL09").need
    "Next year's emission limit worries the plant manager."
    """
    return _FAB_BY_LINE[check_choice("line_id", line_id, tuple(_FAB_BY_LINE))]


_STOP = frozenset("""that this with your you our their they them from have will would could
    than more less into when what which next year line part time without""".split())


def _stem(word: str) -> str:
    word = word.lower()
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "is", "us")):
        return word[:-1]
    return word


def _words(text: str) -> set[str]:
    english = {_stem(w) for w in re.findall(r"[A-Za-z]{4,}", text)}
    return (english - _STOP) | content_words(text)


def judge_benefit(text: str, *, need: str | None = None) -> FabVerdict:
    """Say whether a sentence is a feature, an advantage or a benefit, and how to improve it.

    A **benefit** speaks to the customer (you, 您, 你们) about an outcome for them (save,
    meet, pass, 节省, 达到) and, when the customer's ``need`` is given, names it (they share
    a word). An **advantage** says what the product does, often against an alternative
    (faster, less, without, 比, 更). Anything else states what the product has: a
    **feature**.

    Parameters
    ----------
    text : str
        The learner's sentence, English or Chinese.
    need : str, optional
        The need the customer stated; a benefit must meet it.

    Returns
    -------
    FabVerdict

    Raises
    ------
    KamValueError
        If ``text`` (or ``need``) is not non-empty text.

    Examples
    --------
    >>> judge_benefit("Our primer has a VOC content below 50 g/L.").kind
    'feature'
    >>> judge_benefit("You meet next year's emission limit without changing your ovens.",
    ...               need="Next year's emission limit worries the plant manager.").kind
    'benefit'
    """
    text = check_text("text", text)
    if need is not None:
        need = check_text("need", need)
    to_customer, outcome = CUSTOMER_PATTERN.search(text), OUTCOME_PATTERN.search(text)
    if to_customer and outcome:
        shared = sorted(_words(text) & _words(need)) if need else []
        if need is None or shared:
            why = (_("it meets the stated need ({words})").format(words=_(", ").join(shared))
                   if shared else _("it tells the customer what they gain"))
            return FabVerdict(text, "benefit", _("a benefit: {why} ('{outcome}')").format(
                why=why, outcome=outcome.group(0)), "")
        return FabVerdict(
            text, "advantage",
            _("an advantage told to the customer ('{outcome}'), but it does not name the need "
              "they stated").format(outcome=outcome.group(0)),
            _("Use the customer's own words for the need: '{need}', and say how this meets "
              "it.").format(need=need),
        )
    advantage = ADVANTAGE_PATTERN.search(text)
    if advantage:
        return FabVerdict(
            text, "advantage",
            _("an advantage: it says what the product does ('{word}'), not what the customer "
              "gains").format(word=advantage.group(0)),
            _("Turn it to the customer: 'so you …' and name the outcome they asked for "
              "(you save, you meet, you avoid)."),
        )
    return FabVerdict(
        text, "feature", _("a feature: it states what the product has"),
        _("Say what it does (an advantage), then what that means for this customer's stated "
          "need (a benefit): 'so you …'."),
    )


# ---------------------------------------------------------------------------- objections

STEPS = ("acknowledge", "explore", "answer", "confirm")
STEP_NAMES = {
    "acknowledge": N_("Acknowledge"),
    "explore": N_("Explore"),
    "answer": N_("Answer"),
    "confirm": N_("Confirm"),
}


@dataclass(frozen=True)
class Objection:
    """A common objection: what the customer says, what often lies behind it, what a good
    answer addresses (cue words, English and Chinese) and a model answer per step.

    Examples
    --------
    >>> OBJECTIONS[0].key
    'price'
    """

    key: str
    en: str
    zh: str
    behind: str
    answer_cues: tuple[str, ...]
    model: tuple[str, str, str, str]

    @property
    def label(self) -> str:
        """What the customer says, in English and Chinese (Chinese alone in the
        Chinese edition).

        Returns
        -------
        str

        Examples
        --------
        >>> OBJECTIONS[0].label
        "Your price is higher than our current supplier's. (你们的价格比现在的供应商高)"
        """
        return both(self.en, self.zh)


OBJECTIONS: tuple[Objection, ...] = (
    Objection(
        "price", N_("Your price is higher than our current supplier's."),
        "你们的价格比现在的供应商高",
        N_("The buyer compares the price per kilogram, not the cost per finished part; it may "
           "also be a bargaining position."),
        ("total cost", "cost per part", "per part", "line speed", "rework", "scrap", "yield",
         "reject", "coverage", "value", "trial", "test", "prove", "sav", "consumption",
         "总成本", "单件成本", "每件", "返工", "报废", "良率", "线速", "涂布率", "价值", "试用",
         "验证", "节省", "用量"),
        (N_("I understand: price matters, and you have to justify every increase."),
         N_("What are you comparing: the price per kilogram, or the cost per finished part?"),
         N_("Our coating covers more area per kilogram and cuts rework; a trial on one line "
            "would show the cost per part in your own figures."),
         N_("If the trial shows a lower cost per part, would that answer your concern?")),
    ),
    Objection(
        "switching_risk", N_("Changing supplier is too risky for our line."),
        "换供应商对我们生产线风险太大",
        N_("A stopped line costs far more than any saving; the buyer's and the plant "
           "manager's reputations are at stake."),
        ("trial", "pilot", "step", "one line", "small batch", "guarantee", "engineer",
         "on site", "support", "reference", "qualif", "fallback", "back-up", "backup",
         "试用", "试点", "小批量", "一条线", "逐步", "担保", "保证", "工程师", "驻厂", "案例",
         "参考", "认证", "备用", "后备"),
        (N_("That is a fair concern: a stopped line costs far more than any saving."),
         N_("Which risk worries you most: quality, delivery, or the approval with your "
            "customer?"),
         N_("We would start with a trial on one line, with our engineer on site and your "
            "current supplier as a fallback until the results are in."),
         N_("Would a trial on those terms make the change safe enough to test?")),
    ),
    Objection(
        "happy", N_("We are happy with our current supplier."), "我们对现在的供应商很满意",
        N_("Switching is effort with no obvious gain; sometimes loyalty, sometimes a "
           "relationship we do not see."),
        ("second source", "second supplier", "back-up", "backup", "benchmark", "compar",
         "improve", "better", "single source", "one supplier", "risk", "part of", "alongside",
         "keep them", "small share", "第二供应商", "备选", "对比", "比较", "改进", "更好",
         "单一", "风险", "一部分", "保留", "并行"),
        (N_("I am glad to hear it: a supplier you can rely on is worth a lot."),
         N_("What would you want them to do even better? And what happens if their plant has "
            "a problem?"),
         N_("Keep them, and let us qualify as a second source on one product: you gain a "
            "benchmark and a back-up, with no risk to your line."),
         N_("Does a second source on those terms make sense for you?")),
    ),
)
_OBJECTIONS = {objection.key: objection for objection in OBJECTIONS}

EMPATHY_PATTERN = re.compile(
    r"(?i:\b(?:understand\w*|fair|i\s+see|i\s+hear|good\s+point|appreciate\w*|makes\s+sense|"
    r"thank\w*|glad|right\s+to|valid|important|agree)\b)"
    r"|理解|明白|确实|您说得|感谢|谢谢|有道理|能体会|很重要|高兴"
)
REBUTTAL_PATTERN = re.compile(r"(?i:\b(?:but|however|yet)\b)|但是|可是|不过|然而")
GIVE_AWAY_PATTERN = re.compile(
    r"(?i:\b(?:discount\w*|cheaper|rebate\w*|(?:cut|lower|reduce|drop)\s+(?:the\s+|our\s+)?"
    r"price\w*|match\s+(?:their|the)\s+price)\b)|降价|折扣|让利|便宜|打折|返利"
)
QUESTION_WORD_PATTERN = re.compile(
    r"(?i:\b(?:what|which|how|why|where|when|who|is|are|do|does|would|could|can)\b)"
    r"|什么|哪|怎么|如何|为什么|吗|呢|是否|多少"
)
CHECK_PATTERN = re.compile(
    r"(?i:^\s*(?:does|would|will|is|could|can|shall|are|do)\b|\banswer\w*\b|\baddress\w*\b|"
    r"\bmake\s+sense\b|\bhow\s+does\s+that\s+sound\b|\bfair\b)"
    r"|可以吗|行吗|您看|是否|这样|解决.*吗|满意吗|合适吗"
)
_QUESTION_MARKS = ("?", "？")


@dataclass(frozen=True)
class StepVerdict:
    """One step of an answer to an objection: passed or not, why, and how to fix it.

    Part of an :class:`ObjectionReview`.
    """

    step: str
    passed: bool
    reason: str
    hint: str = ""


@dataclass(frozen=True)
class ObjectionReview:
    """The review of a learner's answer to an objection, one :class:`StepVerdict` per step.

    Made by :func:`judge_objection_response`.
    """

    objection: Objection
    steps: tuple[StepVerdict, ...]

    @property
    def score(self) -> int:
        """How many of the four steps pass.

        Returns
        -------
        int
            0 to 4.

        Examples
        --------
        >>> judge_objection_response("price", acknowledge="I understand.").score
        1
        """
        return sum(step.passed for step in self.steps)

    def to_frame(self) -> pd.DataFrame:
        """The review as a table, one row per step.

        Returns
        -------
        pandas.DataFrame
            Columns step, name, passed, reason, hint and model (the course's answer).

        Examples
        --------
        >>> review = judge_objection_response("price", acknowledge="I understand.")
        >>> review.to_frame()[["step", "passed"]]
                  step  passed
        0  acknowledge    True
        1      explore   False
        2       answer   False
        3      confirm   False
        """
        return pd.DataFrame(
            {
                "step": [s.step for s in self.steps],
                "name": [_(STEP_NAMES[s.step]) for s in self.steps],
                "passed": [s.passed for s in self.steps],
                "reason": [s.reason for s in self.steps],
                "hint": [s.hint for s in self.steps],
                "model": [_(m) for m in self.objection.model],
            }
        )


def _is_question(text: str) -> bool:
    return text.rstrip().endswith(_QUESTION_MARKS) and bool(QUESTION_WORD_PATTERN.search(text))


def _acknowledge(text: str) -> StepVerdict:
    if not text:
        return StepVerdict("acknowledge", False, _("missing"),
                           _("Start by showing you heard the concern: 'I understand …'."))
    rebuttal, give_away = REBUTTAL_PATTERN.search(text), GIVE_AWAY_PATTERN.search(text)
    if rebuttal or give_away:
        word = (rebuttal or give_away).group(0)
        return StepVerdict("acknowledge", False,
                           _("'{word}' argues or concedes before the concern is understood")
                           .format(word=word),
                           _("Acknowledge only: no 'but', no offer yet. 'That is a fair "
                             "concern.'"))
    empathy = EMPATHY_PATTERN.search(text)
    if empathy:
        return StepVerdict("acknowledge", True,
                           _("shows the concern was heard ('{word}')").format(
                               word=empathy.group(0)))
    return StepVerdict("acknowledge", False, _("does not show that you heard the concern"),
                       _("Name the concern in a few words and show you take it seriously: "
                         "'I understand, …'."))


def _explore(text: str) -> StepVerdict:
    if _is_question(text):
        return StepVerdict("explore", True, _("a question that explores the concern"))
    return StepVerdict("explore", False,
                       _("missing") if not text else _("a statement, not a question"),
                       _("Ask what lies behind the objection before answering it: 'What are "
                         "you comparing?', 'Which risk worries you most?'"))


def _answer(text: str, objection: Objection) -> StepVerdict:
    cues = [cue for cue in objection.answer_cues if cue.lower() in text.lower()]
    give_away = GIVE_AWAY_PATTERN.search(text)
    if give_away and not cues:
        return StepVerdict("answer", False,
                           _("'{word}' gives margin away instead of answering the concern")
                           .format(word=give_away.group(0)),
                           _("Answer what lies behind it first: {behind}").format(
                               behind=_(objection.behind)))
    if cues:
        return StepVerdict("answer", True,
                           _("addresses what lies behind it ({cues})").format(
                               cues=_(", ").join(cues[:3])))
    return StepVerdict("answer", False,
                       _("missing") if not text else _("does not address what lies behind it"),
                       _("Address the real concern. {behind} For example: {model}").format(
                           behind=_(objection.behind), model=_(objection.model[2])))


def _confirm(text: str) -> StepVerdict:
    if _is_question(text) and CHECK_PATTERN.search(text):
        return StepVerdict("confirm", True, _("checks that the answer met the concern"))
    return StepVerdict("confirm", False,
                       _("missing") if not text else _("does not check back with the customer"),
                       _("End with a question that checks the concern is met: 'Would that "
                         "answer your concern?'"))


def judge_objection_response(
    objection: str, *, acknowledge: str = "", explore: str = "", answer: str = "",
    confirm: str = "",
) -> ObjectionReview:
    """Review a learner's answer to an objection, step by step.

    Parameters
    ----------
    objection : str
        The key of one of :data:`OBJECTIONS`: "price", "switching_risk" or "happy".
    acknowledge, explore, answer, confirm : str
        What the learner would say at each step, English or Chinese ("" if not written).

    Returns
    -------
    ObjectionReview

    Raises
    ------
    KamValueError
        If the objection is unknown or a step is not text.

    Examples
    --------
    >>> review = judge_objection_response(
    ...     "price", acknowledge="I understand: price matters.",
    ...     explore="What are you comparing?",
    ...     answer="Let us compare the cost per part in a trial.",
    ...     confirm="Would that answer your concern?")
    >>> review.score
    4
    """
    chosen = _OBJECTIONS[check_choice("objection", objection, tuple(_OBJECTIONS))]
    texts = {step: check_text(step, value, allow_empty=True).strip()
             for step, value in zip(STEPS, (acknowledge, explore, answer, confirm), strict=True)}
    return ObjectionReview(chosen, (
        _acknowledge(texts["acknowledge"]),
        _explore(texts["explore"]),
        _answer(texts["answer"], chosen),
        _confirm(texts["confirm"]),
    ))
