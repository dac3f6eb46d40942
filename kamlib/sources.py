"""Where the course's claims come from: the handout, the literature, or the course itself.

Every claim a lecture makes is one of three kinds, and a learner should be able to tell
which: the **handout** (大客户管理与销售, the training handout the course follows), the
**literature** (a published work: author, year, title), or the **course**'s own assumption
(a rule or a number this course chose so that something can be computed, which an
instructor may change). :data:`BIBLIOGRAPHY` lists the works cited, :data:`CLAIMS` each
claim with its provenance and the lecture section that makes it, and
:func:`sources_section` writes a lecture's "Sources" section in Markdown.

Only works whose author, year and title are certain are listed. Where the handout differs
from its source, the claim says how (for instance the handout's SMART reads A and R as
Achievable and Relevant, Doran's as Assignable and Realistic).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import pandas as pd

from kamlib.i18n import N_, _
from kamlib.validation import check_choice, check_text, fail

PROVENANCES = ("handout", "literature", "course")
PROVENANCE_NAMES = {
    "handout": N_("From the handout"),
    "literature": N_("From the literature"),
    "course": N_("The course's own assumptions (an instructor may change them)"),
}
LECTURES = (1, 2, 3, 4)


@dataclass(frozen=True)
class Work:
    """A published work: authors as cited, year, title, and where it appeared."""

    key: str
    authors: str
    year: int
    title: str
    published_in: str

    @property
    def citation(self) -> str:
        """Author-year form for running text, e.g. "Millman & Wilson (1995)"."""
        surnames = re.findall(r"([A-Z][a-z]+),", self.authors)
        names = surnames[0] if len(surnames) == 1 else (
            ", ".join(surnames[:-1]) + " & " + surnames[-1]
        )
        return f"{names} ({self.year})"

    @property
    def reference(self) -> str:
        """The full reference, e.g. "Doran, G. T. (1981). There's a S.M.A.R.T. way …"."""
        end = "" if self.title.endswith(("?", "!", ".")) else "."
        return f"{self.authors} ({self.year}). {self.title}{end} {self.published_in}."


BIBLIOGRAPHY: tuple[Work, ...] = (
    Work("ansoff_1957", "Ansoff, H. I.", 1957, "Strategies for diversification",
         "Harvard Business Review 35(5)"),
    Work("bonoma_1982", "Bonoma, T. V.", 1982, "Major sales: who really does the buying?",
         "Harvard Business Review 60(3)"),
    Work("doran_1981", "Doran, G. T.", 1981,
         "There's a S.M.A.R.T. way to write management's goals and objectives",
         "Management Review 70(11)"),
    Work("gallo_2014", "Gallo, A.", 2014, "The value of keeping the right customers",
         "Harvard Business Review (hbr.org)"),
    Work("henderson_1970", "Henderson, B. D.", 1970, "The product portfolio",
         "Perspectives, Boston Consulting Group"),
    Work("kaplan_cooper_1998", "Kaplan, R. S. & Cooper, R.", 1998,
         "Cost & Effect: Using Integrated Cost Systems to Drive Profitability and Performance",
         "Harvard Business School Press"),
    Work("kotler_2000", "Kotler, P.", 2000, "Marketing Management (Millennium edition)",
         "Prentice Hall"),
    Work("kotler_armstrong_2010", "Kotler, P. & Armstrong, G.", 2010,
         "Principles of Marketing (13th edition)", "Pearson Prentice Hall"),
    Work("lauterborn_1990", "Lauterborn, R.", 1990,
         "New marketing litany: four P's passé; C-words take over", "Advertising Age 61(41)"),
    Work("merrill_reid_1981", "Merrill, D. W. & Reid, R. H.", 1981,
         "Personal Styles and Effective Performance", "Chilton Book Company"),
    Work("millman_wilson_1995", "Millman, T. & Wilson, K.", 1995,
         "From key account selling to key account management",
         "Journal of Marketing Practice: Applied Marketing Science 1(1)"),
    Work("rackham_1988", "Rackham, N.", 1988, "SPIN Selling", "McGraw-Hill"),
    Work("reichheld_sasser_1990", "Reichheld, F. F. & Sasser, W. E.", 1990,
         "Zero defections: quality comes to services", "Harvard Business Review 68(5)"),
    Work("robinson_faris_wind_1967", "Robinson, P. J., Faris, C. W. & Wind, Y.", 1967,
         "Industrial Buying and Creative Marketing", "Allyn and Bacon"),
    Work("webster_wind_1972", "Webster, F. E. & Wind, Y.", 1972, "Organizational Buying Behavior",
         "Prentice-Hall"),
    Work("weihrich_1982", "Weihrich, H.", 1982, "The TOWS matrix: a tool for situational analysis",
         "Long Range Planning 15(2)"),
)
_WORKS = {work.key: work for work in BIBLIOGRAPHY}


@dataclass(frozen=True)
class Claim:
    """One claim of a lecture, where it is made (lecture and section) and where it comes from.

    ``provenance``: "handout", "literature" or "course"; ``sources``: keys of
    :data:`BIBLIOGRAPHY` (literature claims, and handout claims whose source is known).
    """

    key: str
    lecture: int
    section: str
    text: str
    provenance: str
    sources: tuple[str, ...] = ()


CLAIMS: tuple[Claim, ...] = (
    # ------------------------------------------------------------------ lecture 1
    Claim("key_account", 1, "1 [L1.1]",
          N_("A key account is a customer the seller judges to be of strategic significance."),
          "handout"),
    Claim("purchase_scores", 1, "1 [L1.1]",
          N_("What an account buys from us scored 0–4 by revenue thresholds (the cut points "
             "of the course settings)."), "course"),
    Claim("six_reasons", 1, "2–6 [L1.2]",
          N_("Six reasons for key account management: the 80/20 principle, the pressure to "
             "grow, profit and cost, globalisation, technology and overcapacity, fast-changing "
             "needs."), "handout"),
    Claim("pareto", 1, "2 [L1.2a]",
          N_("About 80% of profit comes from about 20% of customers; the 20% is the cause. "
             "The course measures the split on Huaxin's own orders instead of assuming it."),
          "handout"),
    Claim("growth_targets", 1, "3 [L1.2b]",
          N_("The example growth targets (+5% to +20%) and the revenue-trend signals: an "
             "account is declining or growing when the last 12 months differ from the 12 "
             "before by more than 10%, lost when it placed no order in the last 12 months."),
          "course"),
    Claim("keep_cost", 1, "4 [L1.2c]",
          N_("Keeping a customer costs 30–50% of winning one, and keeping customers can raise "
             "profit by 25–60%."), "handout"),
    Claim("retention_profit", 1, "4 [L1.2c]",
          N_("Five more points of customer retention raised profit by 25% to 85% in the "
             "service companies studied; the handout's 25–60% echoes this finding."),
          "literature", ("reichheld_sasser_1990",)),
    Claim("acquisition_cost", 1, "4 [L1.2c]",
          N_("Acquiring a customer costs 5 to 25 times as much as retaining one."),
          "literature", ("gallo_2014",)),
    Claim("keep_win_model", 1, "4 [L1.2c]",
          N_("The keep-vs-win model (a book of constant size, replacements won at the win "
             "cost, half a year's margin from a new account in its first year) and its "
             "default figures."), "course"),
    Claim("maturity", 1, "6 [L1.2f]",
          N_("The maturity stage of the product life cycle has all but vanished: a tendency "
             "the handout states, not a law; section 6 measures how much of Huaxin's revenue "
             "still comes from slow, mature markets."), "handout"),
    Claim("slow_market", 1, "6 [L1.2f]",
          N_("A market growing less than 10% a year counts as slow, that is mature (the split "
             "of the growth-share matrix)."), "course"),
    Claim("what_kam_is", 1, "7 [L1.3]",
          N_("KAM tailors the offer to one customer's needs to grow loyal key accounts; it "
             "results from customer-centred thinking and relationship marketing; it integrates "
             "management, virtual operation and integrated marketing, and differs from key "
             "account selling."), "handout"),
    Claim("kam_vs_selling", 1, "7 [L1.3c]",
          N_("The contrasts between key account selling and key account management in the "
             "table (aim, time horizon, who takes part, unit of work, measure, question)."),
          "course"),
    Claim("value_chain", 1, "8 [L1.3d]",
          N_("The value chain: raw material, component, product, intermediary, end user."),
          "handout"),
    Claim("value_chain_places", 1, "8 [L1.3d]",
          N_("Where each industry of the case sits on the value chain."), "course"),
    Claim("cooperation", 1, "9 [L1.4a]",
          N_("A customer relationship is cooperation, simple or complex by how deeply the "
             "customer takes part."), "handout"),
    Claim("cooperation_rule", 1, "9 [L1.4a]",
          N_("Cooperation is complex when two or more of the customer's functions are in "
             "touch with us."), "course"),
    Claim("six_stages", 1, "10 [L1.4b]",
          N_("A key account relationship develops through six stages, from pre-KAM to "
             "synergistic KAM, and can uncouple. The model is Millman and Wilson's; in it, "
             "uncoupling can happen at any stage, not only after the last one."),
          "literature", ("millman_wilson_1995",)),
    Claim("stage_rule", 1, "10 [L1.4b]",
          N_("The rule that reads a stage from the data (no order for 180 days or revenue "
             "halved: uncoupling; a joint team: synergistic; staff contact: partnership)."),
          "course"),
    Claim("contact_shapes", 1, "10 [L1.4b]",
          N_("The bow-tie and diamond pictures of a relationship's contacts."), "course"),
    Claim("uncoupling_causes", 1, "11 [L1.5]",
          N_("Five internal and five external causes of uncoupling."), "handout"),
    Claim("warning_signs", 1, "11 [L1.5]",
          N_("The warning signs, remedies and weights of each cause of uncoupling."), "course"),
    Claim("cycles", 1, "12 [L1.6] [L1.7]",
          N_("The regional operation cycle (analyse, objectives, plan, execute, evaluate and "
             "control, summarise) and the cycle of setting target customers."), "handout"),
    # ------------------------------------------------------------------ lecture 2
    Claim("environment", 2, "4 [L2.4]",
          N_("The micro and macro environment. In the micro environment the company's own "
             "departments (部门状况) come first: they are ours to control, so they are "
             "strengths or weaknesses."),
          "literature", ("kotler_armstrong_2010",)),
    Claim("bcg", 2, "6 [L2.6]",
          N_("The growth-share matrix: market growth split at 10% a year, relative market "
             "share at 1x."), "literature", ("henderson_1970",)),
    Claim("bcg_strategies", 2, "6 [L2.6]",
          N_("Build the question marks worth it, hold stars and strong cash cows, harvest weak "
             "cash cows, divest dogs."), "literature", ("kotler_2000",)),
    Claim("weak_cow", 2, "6 [L2.6]",
          N_("A cash cow is weak (harvest it) when its market grows under 3% a year or its "
             "lead is under 1.1x."), "course"),
    Claim("swot", 2, "8 [L2.8]",
          N_("Strengths and weaknesses are internal and controllable; opportunities and "
             "threats external and not."), "handout"),
    Claim("tows", 2, "8 [L2.8]",
          N_("The TOWS matrix matches strengths and weaknesses with opportunities and threats "
             "into SO, ST, WO and WT strategies."), "literature", ("weihrich_1982",)),
    Claim("tows_links", 2, "8 [L2.8]",
          N_("Which factors and topics of a SWOT bear on each other, so that TOWS pairs them."),
          "course"),
    Claim("ansoff", 2, "10 [L2.10]",
          N_("Existing or new products in existing or new markets: market penetration, "
             "product development, market development (the handout's 市场延伸) and "
             "diversification."), "literature", ("ansoff_1957",)),
    Claim("objectives", 2, "11 [L2.11]",
          N_("Objectives are several, ranked and layered, quantifiable, realistic and "
             "consistent."), "handout"),
    Claim("four_c", 2, "12 [L2.12]",
          N_("The 4C (customer solution, customer cost, convenience, communication) read the "
             "4P from the customer's side."), "literature", ("lauterborn_1990",)),
    Claim("smart_handout", 2, "13 [L2.13]",
          N_("SMART: Specific, Measurable, Achievable, Relevant, Time-bound: the handout's "
             "reading."), "handout"),
    Claim("smart_doran", 2, "13 [L2.13]",
          N_("SMART as first written: Specific, Measurable, Assignable (someone is named to "
             "do it), Realistic, Time-related."), "literature", ("doran_1981",)),
    Claim("plausible_change", 2, "13 [L2.13]",
          N_("An objective rising more than 50% in a year is not plausible without a stated "
             "reason (the plausible-change limit of the course settings)."), "course"),
    # ------------------------------------------------------------------ lecture 3
    Claim("target_sequence", 3, "1 [L3.1]",
          N_("Five steps to target key accounts: classify customers, rank them, estimate the "
             "probability of the outcome, build and update customer files, the wish file."),
          "handout"),
    Claim("xy_grid", 3, "2 [L3.4]",
          N_("Current purchasing (X) and total purchasing capacity (Y) scored 0–4; classes A, "
             "B, C in words, and the VIP heavyweight."), "handout"),
    Claim("xy_rule", 3, "2 [L3.4]",
          N_("The cell-by-cell class rule and the CNY cut points of the scores."), "course"),
    Claim("expected_value", 3, "3 [L3.1]",
          N_("Ranking by expected value (size × chance of winning); a customer's opportunity "
             "is its capacity minus this year's purchases from us, a prospect's its whole "
             "capacity."), "course"),
    Claim("win_probability", 3, "3 [L3.1]",
          N_("The chances of winning business by relationship stage and for prospects."),
          "course"),
    Claim("customer_file", 3, "4 [L3.3]",
          N_("A customer information file holds personal, interpersonal and work facts about "
             "every person at an account."), "handout"),
    Claim("missing_group", 3, "4 [L3.3]",
          N_("A group of facts counts as missing when under half of it is filled in."),
          "course"),
    Claim("five_sources", 3, "5 [L3.2]",
          N_("Five places to find the right customers: colleagues and the company's information "
             "systems, competitors, new customers, industry bodies and associations, media."),
          "handout"),
    Claim("sleeping_giant", 3, "5 [L3.2]",
          N_("A sleeping giant buys from us under 10% of a capacity of CNY 3 m or more; the "
             "phrases in the files that point to rivals and associations."), "course"),
    Claim("visit_plan", 3, "6 [L3.5]",
          N_("The visit-plan cycle up to planning the visit, and a monthly evaluation of the "
             "results of the actions (the handout's text breaks off at \"plan the visit\")."),
          "handout"),
    Claim("visit_rhythm", 3, "6 [L3.5]",
          N_("Days between visits by class (the handout gives no numbers)."), "course"),
    Claim("visit_measures", 3, "6 [L3.5]",
          N_("Recording each visit's result and next step, and the monthly review's measures: "
             "completion rate and objective hit rate."), "course"),
    Claim("file_social_style", 3, "4 [L3.3]",
          N_("The social style a customer file records for a person is one of Merrill and "
             "Reid's four styles (driver, expressive, amiable, analytical); lecture 4 teaches "
             "them."), "literature", ("merrill_reid_1981",)),
    # ------------------------------------------------------------------ lecture 4
    Claim("items_4_5", 4, "overview [O4, O5]",
          N_("The course outline lists 'how to analyse your key account' and 'selling skills "
             "in KAM' with its four parts (know yourself, follow the buying process, uncover "
             "and explore customer needs, present the solution and close), without text."),
          "handout"),
    Claim("account_questions", 4, "1 [O4]",
          N_("An account analysis answers four questions: its business, our position in it "
             "(share of wallet, class, stage, trend), what it costs to serve, and its buying "
             "centre."), "course"),
    Claim("wallet_by_line", 4, "1 [O4]",
          N_("An account's spend per product line is estimated as its capacity split like "
             "its industry's purchases from Huaxin."), "course"),
    Claim("cost_to_serve", 4, "2 [O4]",
          N_("Accounts differ in what they cost to serve, so margin after cost to serve ranks "
             "them differently from revenue, and some accounts lose money."), "literature",
          ("kaplan_cooper_1998",)),
    Claim("cost_to_serve_rates", 4, "2 [O4]",
          N_("The cost-to-serve model: a cost per visit done, per order and per product line "
             "bought in a year, and its rates."), "course"),
    Claim("buying_centre", 4, "3 [O4]",
          N_("An organisation buys through a buying centre whose members play distinct roles."),
          "literature", ("webster_wind_1972",)),
    Claim("initiator", 4, "3 [O4]",
          N_("The initiator, who first sees the need, is a role of its own."), "literature",
          ("bonoma_1982",)),
    Claim("approver", 4, "3 [O4]",
          N_("The approver, who authorises what deciders or buyers propose, completes the "
             "seven roles."), "literature", ("kotler_2000",)),
    Claim("role_guess", 4, "3 [O4]",
          N_("The first guess at a person's role from their function and level (executives "
             "decide, finance executives approve, purchasing buys, production and logistics "
             "use, quality, R&D and finance influence)."), "course"),
    Claim("social_styles", 4, "4 [O5]",
          N_("Four social styles (driver, expressive, amiable, analytical) from assertiveness "
             "and responsiveness; no style sells better, versatility does."), "literature",
          ("merrill_reid_1981",)),
    Claim("style_questionnaire", 4, "4 [O5]",
          N_("The self-assessment's statements, how they are scored, and the flex advice."),
          "course"),
    Claim("buy_phases", 4, "5 [O5]",
          N_("Eight buy phases and three buy classes: new task, modified rebuy, straight "
             "rebuy."), "literature", ("robinson_faris_wind_1967",)),
    Claim("buy_class_reading", 4, "5 [O5]",
          N_("Reading each product line of an account as a straight rebuy from us, shared "
             "with a rival, or from a rival only, from the share-of-wallet estimate."),
          "course"),
    Claim("spin", 4, "6 [O5]",
          N_("Successful sellers in large sales ask situation, problem, implication and "
             "need-payoff questions; implication and need-payoff questions turn implied "
             "needs into explicit needs."), "literature", ("rackham_1988",)),
    Claim("spin_rule", 4, "6 [O5]",
          N_("The keyword rule that reads a draft question as one of the four kinds."),
          "course"),
    Claim("benefits", 4, "7 [O5]",
          N_("Features, advantages and benefits: in large sales only benefits, which meet a "
             "need the customer has stated, win support; features and advantages provoke "
             "objections."), "literature", ("rackham_1988",)),
    Claim("fab_examples", 4, "7 [O5]",
          N_("The product facts of the feature-to-benefit examples (invented, like Huaxin) and "
             "the rule that reads a sentence as a feature, advantage or benefit."), "course"),
    Claim("objections", 4, "8 [O5]",
          N_("Answering an objection in four steps: acknowledge, explore, answer, confirm; "
             "the three objections and their model answers."), "course"),
    Claim("advance", 4, "9 [O5]",
          N_("A call should end in an advance, an action the customer commits to that moves "
             "the sale forward, not a continuation; classic closing techniques lower success "
             "in large sales."), "literature", ("rackham_1988",)),
    Claim("advance_rule", 4, "9 [O5]",
          N_("The rule that reads a visit objective as an advance, a fact to find out or a "
             "continuation."), "course"),
)


def work(key: str) -> Work:
    """The work cited as ``key`` in :data:`BIBLIOGRAPHY`.

    Parameters
    ----------
    key : str
        E.g. ``"rackham_1988"``.

    Returns
    -------
    Work

    Raises
    ------
    KamValueError
        If no work has that key.

    Examples
    --------
    >>> work("doran_1981").citation
    'Doran (1981)'
    """
    return _WORKS[check_choice("key", key, tuple(_WORKS))]


def claims(lecture: int | None = None) -> pd.DataFrame:
    """The claims (of one lecture, or all) as a table.

    Parameters
    ----------
    lecture : int, optional
        1 to 4; all lectures when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``key``, ``lecture``, ``section``, ``text`` (in the current language),
        ``provenance`` and ``sources`` (author-year citations, "; "-separated).

    Raises
    ------
    KamValueError
        If ``lecture`` is not 1, 2, 3 or 4.

    Examples
    --------
    >>> claims(2).set_index("key").loc["smart_doran", "sources"]
    'Doran (1981)'
    """
    chosen = _claims_of(lecture)
    return pd.DataFrame(
        {
            "key": [c.key for c in chosen],
            "lecture": [c.lecture for c in chosen],
            "section": [c.section for c in chosen],
            "text": [_(c.text) for c in chosen],
            "provenance": [c.provenance for c in chosen],
            "sources": ["; ".join(work(k).citation for k in c.sources) for c in chosen],
        }
    )


def _claims_of(lecture: int | None) -> list[Claim]:
    if lecture is None:
        return list(CLAIMS)
    lecture = check_choice("lecture", lecture, LECTURES)
    return [claim for claim in CLAIMS if claim.lecture == lecture]


def sources_section(lecture: int, *, sections: Collection[str] | None = None) -> str:
    """A lecture's "Sources" section in Markdown: its claims by provenance, then its works.

    Parameters
    ----------
    lecture : int
        1, 2, 3 or 4.
    sections : collection of str, optional
        Only the claims of these sections (their numbers, e.g. ``("10", "11")``: a claim's
        ``section`` "10 [L2.10]" is section "10"), for a lecture taught in more than one
        notebook; all when omitted.

    Returns
    -------
    str
        Markdown: a heading, one list per provenance (each claim with its section and, for
        the literature, its author-year citation) and the full references of the works cited.

    Raises
    ------
    KamValueError
        If ``lecture`` is not 1, 2, 3 or 4, or ``sections`` is not a collection of texts.

    Examples
    --------
    >>> print(sources_section(2).splitlines()[0])
    ## Sources
    >>> "Weihrich" in sources_section(2, sections=("10", "11", "12", "13"))
    False
    """
    if lecture is None:
        raise fail("lecture", lecture, _("1, 2, 3 or 4"))
    chosen = _claims_of(lecture)
    if sections is not None:
        if isinstance(sections, (str, bytes)) or not isinstance(sections, Collection):
            raise fail("sections", sections, _('a list of section numbers, e.g. ["1", "2"]'))
        wanted = {check_text(f"sections[{i}]", s) for i, s in enumerate(sections)}
        chosen = [claim for claim in chosen if claim.section.split()[0] in wanted]
    lines = [_("## Sources"), ""]
    for provenance in PROVENANCES:
        mine = [claim for claim in chosen if claim.provenance == provenance]
        if not mine:
            continue
        lines += [f"**{_(PROVENANCE_NAMES[provenance])}**", ""]
        for claim in mine:
            cited = "; ".join(work(key).citation for key in claim.sources)
            lines.append(
                f"- {_(claim.text)} " + _("(section {section})").format(section=claim.section)
                + (f" — {cited}" if cited else "")
            )
        lines.append("")
    keys = sorted({key for claim in chosen for key in claim.sources})
    if keys:
        lines += ["**" + _("Works cited") + "**", ""]
        lines += [f"- {work(key).reference}" for key in keys]
        lines.append("")
    return "\n".join(lines)
