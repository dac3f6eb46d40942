"""Self-check of lecture 3: target key accounts, their strategy and plan (the questions on
analysing an account and selling to it are lecture 4's, :mod:`kamlib.quizzes.lecture4`)."""

from __future__ import annotations

from kamlib.i18n import N_
from kamlib.quizzes import Question

QUESTIONS = (
    Question(
        "sequence", "recall", "L3.1",
        N_("In the handout's sequence, what comes right after ranking customers?"),
        (
            N_("Classify customers"),
            N_("Estimate the probability of the outcome"),
            N_("Build the wish file"),
            N_("Plan the visits"),
        ),
        1,
        (
            N_("Classification is the first step; ranking builds on it."),
            N_("Right: rank, then weigh each opportunity by how likely it is (预估结果发生概率)."),
            N_("The wish file is the last step, after the files are built and updated."),
            N_("Visits belong to the visit plan (L3.5), which follows from the targets."),
        ),
    ),
    Question(
        "expected_value", "scenario", "L3.1",
        N_("Opportunity P: CNY 10 m at 20%. Opportunity Q: CNY 3 m at 60%. Which ranks higher "
           "by expected value?"),
        (N_("P"), N_("Q"), N_("They are equal")),
        0,
        (
            N_("Right: 10 x 0.2 = CNY 2.0 m beats 3 x 0.6 = CNY 1.8 m, if only narrowly."),
            N_("Q is likelier, but it is worth CNY 1.8 m on average against P's CNY 2.0 m."),
            N_("2.0 and 1.8 are close, but not equal: multiply size by probability."),
        ),
    ),
    Question(
        "xy_class", "recall", "L3.4",
        N_("Under the default rule, an account with X = 0 and Y = 4 (a big buyer that buys "
           "nothing from us) and no VIP flag is in which class?"),
        (N_("A"), N_("B"), N_("C"), N_("Impossible")),
        1,
        (
            N_("A needs X of at least 3: volume with us must already be high."),
            N_("Right: B holds every possible cell that is neither A nor C, including the "
               "large gaps between capacity and what we sell."),
            N_("C is for a capacity Y of 1 or less; this account's capacity is the largest."),
            N_("Only X > Y is impossible; X = 0 with Y = 4 is the classic growth target."),
        ),
    ),
    Question(
        "vip", "recall", "L3.4",
        N_("Why is a VIP heavyweight (重量级客户VIP) important even if it buys little?"),
        (
            N_("Its influence in its company or industry outweighs its purchases"),
            N_("It always has the largest capacity Y"),
            N_("VIPs are the accounts with the best payment record"),
            N_("The grid puts it in class A automatically"),
        ),
        0,
        (
            N_("Right: that is the handout's definition; its word opens doors elsewhere."),
            N_("Some do, but the flag is about influence, not size: a VIP can have any Y."),
            N_("Payment record is not part of the definition."),
            N_("The grid class is computed from X and Y as for anyone; the VIP flag overrides "
               "it, and the grid class is still shown beside it."),
        ),
    ),
    Question(
        "interpersonal", "recall", "L3.3",
        N_("Your file notes that the quality manager 'plays badminton with a rival's sales "
           "manager'. Which group of the customer information system is that?"),
        (N_("Personal"), N_("Interpersonal"), N_("Work")),
        1,
        (
            N_("A hobby alone would be personal; what matters here is the relationship."),
            N_("Right: friends, colleagues and suppliers are interpersonal facts (人际信息), and "
               "this one warns you what may reach the rival."),
            N_("Work facts are responsibilities, performance, objectives, way of working and "
               "potential."),
        ),
    ),
    Question(
        "sleeping_giant", "scenario", "L3.2",
        N_("Your CRM shows an account that buys CNY 0.5 m a year from us and has a capacity of "
           "CNY 20 m. What is it, and what do you do first?"),
        (
            N_("A sleeping giant: find out who supplies the rest, and why."),
            N_("A class C account: serve it at the lowest cost."),
            N_("A prospect: put it in the wish file."),
            N_("A lost account: let it go."),
        ),
        0,
        (
            N_("Right: a large capacity and a small share is a lead inside your own CRM, one "
               "of the handout's first sources (colleagues and the company's information "
               "systems)."),
            N_("Class C is for a small capacity; this one is large, so the course's default "
               "rule puts it in B: a gap worth closing."),
            N_("It already buys from us: the wish file holds companies that do not buy yet."),
            N_("It still orders; what it gives rivals is the opportunity."),
        ),
    ),
    Question(
        "file_first", "scenario", "L3.3",
        N_("Before a first meeting with a customer's new production director, your file on "
           "her holds only her name and title. Which facts help you most in that meeting?"),
        (
            N_("Her family and hobbies, to open with small talk."),
            N_("Her responsibilities, objectives and how she is measured: the work facts."),
            N_("Which of her colleagues play golf."),
            N_("None: a file is only useful after several visits."),
        ),
        1,
        (
            N_("Personal facts come with time and tact; asked for at a first meeting they can "
               "feel intrusive."),
            N_("Right: work facts (工作信息) tell you what she needs from a supplier; personal "
               "and interpersonal facts follow as the relationship grows."),
            N_("Interpersonal facts matter, but this one does not tell you what she needs."),
            N_("The file starts before the first visit: what you find out beforehand shapes "
               "the questions you ask."),
        ),
    ),
    Question(
        "visit_review", "scenario", "L3.5",
        N_("In the monthly review, a key account manager did 95% of his planned visits, but "
           "only 40% of them met their objective. What is the most useful conversation?"),
        (
            N_("Ask him to visit even more often."),
            N_("Look at his visit objectives and preparation: did each visit aim at a step the "
               "customer could commit to?"),
            N_("Praise the completion rate and move on."),
            N_("Cut his visits to save travel costs."),
        ),
        1,
        (
            N_("More visits with the same objectives give more of the same result."),
            N_("Right: a high completion rate with a low hit rate usually means objectives "
               "such as 'keep in touch' or visits without preparation."),
            N_("Completion shows discipline; the hit rate shows whether visits move business."),
            N_("The problem is what the visits aim at, not how many there are."),
        ),
    ),
)
