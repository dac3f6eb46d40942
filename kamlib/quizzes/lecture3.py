"""Self-check of lecture 3: target key accounts, analysing them and selling to them."""

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
        "gatekeeper", "recall", "O4",
        N_("Who is the gatekeeper (把关者) in a buying centre?"),
        (
            N_("The person who signs the order"),
            N_("The person who controls which information and salespeople get through"),
            N_("The people who work with the product on the line"),
            N_("The person who first notices the need"),
        ),
        1,
        (
            N_("Placing the order is the buyer's role (购买者); authorising it, the approver's."),
            N_("Right: an assistant, a buyer or a technical expert can be the gatekeeper."),
            N_("Those are the users (使用者)."),
            N_("That is the initiator (发起者)."),
        ),
    ),
    Question(
        "cost_to_serve", "scenario", "O4",
        N_("Two accounts each bring CNY 1 m of gross margin a year. One needs 20 visits and "
           "120 small orders; the other 6 visits and 12 large orders. Which earns more for "
           "Huaxin?"),
        (
            N_("The first: more visits mean a closer relationship."),
            N_("The second: after the cost to serve (visits, orders, order lines) it keeps "
               "more of its margin."),
            N_("They are equal: the margin is the same."),
            N_("It cannot be judged without their revenue."),
        ),
        1,
        (
            N_("Visits are a cost as well as a tie; the question is what is left after them."),
            N_("Right: margin after cost to serve can rank accounts quite differently from "
               "revenue or gross margin."),
            N_("Gross margin ignores what it costs to win and serve the business."),
            N_("Revenue is not needed: the margin and the work to serve it are given."),
        ),
    ),
    Question(
        "implication", "recall", "O5",
        N_("'What does a failed adhesion test cost you in rework and late deliveries?' is "
           "which kind of SPIN question?"),
        (N_("Situation"), N_("Problem"), N_("Implication"), N_("Need-payoff")),
        2,
        (
            N_("Situation questions ask for facts, e.g. which lines run which coatings."),
            N_("A problem question would find the difficulty ('where do you lose parts?'); "
               "this one assumes it and asks for its consequences."),
            N_("Right: it explores the consequences of a problem and makes it bigger."),
            N_("A need-payoff question asks for the value of a solution ('what would halving "
               "defects be worth?')."),
        ),
    ),
    Question(
        "need_payoff", "scenario", "O5",
        N_("The plant manager has said the adhesion failures worry her. Which question moves "
           "the sale on most?"),
        (
            N_("How many paint lines do you run?"),
            N_("Do you have problems with adhesion?"),
            N_("If the failures stopped, what would that save your plant each month?"),
            N_("Shall I send you our catalogue?"),
        ),
        2,
        (
            N_("A situation question: she has moved past facts; asking them now bores her."),
            N_("A problem question whose answer you already have."),
            N_("Right: a need-payoff question has her state the value of a solution in her own "
               "words, turning the implied need into an explicit one."),
            N_("A catalogue is a feature list, not a question; it moves nothing."),
        ),
    ),
    Question(
        "feature", "recall", "O5",
        N_("'Our waterborne primer contains 40 g/L VOC.' Said to a plant manager worried about "
           "next year's emission limit, this is a..."),
        (N_("feature (特征)"), N_("advantage (优点)"), N_("benefit (利益)")),
        0,
        (
            N_("Right: it states what the product has. The benefit would be: 'you meet next "
               "year's limit without changing your ovens'."),
            N_("An advantage says what the feature does (e.g. 'it emits less than solvent "
               "coatings'); this only states the figure."),
            N_("A benefit meets the need the customer stated, in her terms; a VOC figure does "
               "not yet."),
        ),
    ),
    Question(
        "objection_price", "scenario", "O5",
        N_("The buyer says: 'Your price is 8% above our current supplier's.' What do you do "
           "first?"),
        (
            N_("Offer a 5% discount at once to stay in the game."),
            N_("Acknowledge the concern and ask what the price is being compared with, and "
               "what else matters in the comparison."),
            N_("Explain that quality costs money."),
            N_("Change the subject to the next product."),
        ),
        1,
        (
            N_("A discount before you understand the comparison gives margin away and "
               "confirms that price is all that counts."),
            N_("Right: acknowledge, explore, answer, confirm. Exploring often shows that the "
               "comparison leaves out line speed, rework or service."),
            N_("An answer before exploring sounds defensive and may miss the real concern."),
            N_("An objection ignored comes back at the decision."),
        ),
    ),
    Question(
        "flex_analytical", "scenario", "O5",
        N_("The quality manager reads every specification line by line and wants data before "
           "opinions. How do you flex your style for her?"),
        (
            N_("Tell her the big vision of the partnership, with energy."),
            N_("Bring test data and references in writing, be precise, and give her time to "
               "check before she decides."),
            N_("Keep it brief: give the bottom line and ask for the decision now."),
            N_("Spend the meeting building a personal friendship first."),
        ),
        1,
        (
            N_("That suits an expressive; an analytical hears hype."),
            N_("Right: she is analytical (Merrill and Reid); meet her need for accuracy and "
               "time."),
            N_("That suits a driver; an analytical feels rushed."),
            N_("That suits an amiable; an analytical wants evidence first."),
        ),
    ),
    Question(
        "continuation", "recall", "O5",
        N_("A visit ends with 'nice meeting, come back next month'. In Rackham's terms, what "
           "is that?"),
        (N_("An advance"), N_("A continuation"), N_("A close")),
        1,
        (
            N_("An advance is an action the customer agrees to that moves the sale forward, "
               "such as a line trial or a meeting with the decider."),
            N_("Right: the sale goes on, but nothing moved. Set an advance as the objective of "
               "the next visit."),
            N_("Nothing was agreed or ordered; and hard closing rarely helps in large sales."),
        ),
    ),
    Question(
        "advance_objective", "scenario", "O5",
        N_("Which is the best objective for your next visit to an account whose new "
           "purchasing director you have met once?"),
        (
            N_("Introduce our company and build rapport."),
            N_("Agree with the director a date for a joint review of the line-trial results "
               "with their production manager."),
            N_("Get the annual contract signed."),
            N_("Keep in touch."),
        ),
        1,
        (
            N_("A continuation: the customer commits to nothing."),
            N_("Right: an advance the director can agree to now, and it brings a second "
               "person of the buying centre in."),
            N_("A leap: a second meeting rarely ends in the annual contract."),
            N_("A continuation: nothing moves."),
        ),
    ),
)
