"""Self-check of lecture 4: analysing your key account and selling to it [O4, O5, G4]."""

from __future__ import annotations

from kamlib.i18n import N_
from kamlib.quizzes import Question

QUESTIONS = (
    Question(
        "wallet_estimate", "scenario", "O4",
        N_("The course's estimate says an account spends about CNY 3 m a year on waterborne "
           "coatings, a line it buys from us not at all. What do you do with that figure?"),
        (
            N_("Put CNY 3 m of waterborne coatings into next year's target for the account."),
            N_("Treat it as a question for the next visit: what do they use, who supplies it, "
               "and how happy are they?"),
            N_("Ignore it: an estimate is not data."),
            N_("Offer our waterborne coatings at a discount to get in."),
        ),
        1,
        (
            N_("The split follows the industry's purchases, not this customer's: a target "
               "built on it may chase a spend that does not exist."),
            N_("Right: the estimate points at where to look; the buyer's answer turns it into "
               "a fact, and the questions open a conversation about a line we do not sell "
               "there yet."),
            N_("An estimate is where an account analysis starts: it shows where the gap may "
               "be. Check it rather than ignore it."),
            N_("A discount before you know the need and the rival gives margin away and "
               "answers a question nobody asked."),
        ),
    ),
    Question(
        "cost_to_serve", "scenario", "O4",
        N_("Two accounts each bring CNY 1 m of gross margin a year. One needs 20 visits and "
           "120 small orders; the other 6 visits and 12 large orders. Which earns more for "
           "Huaxin?"),
        (
            N_("The first: more visits mean a closer relationship."),
            N_("The second: after the cost to serve (visits, orders, product lines) it keeps "
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
        "margin_after_cts", "recall", "O4",
        N_("In {year}, ranked by margin after cost to serve, {cts_losing} of Huaxin's accounts "
           "lose money once their cost to serve is counted. What should a key account "
           "manager conclude?"),
        (
            N_("Revenue ranks accounts by profit well enough."),
            N_("Some accounts cost more to serve than they earn: look at how they are served "
               "(order sizes, visits, lines) before deciding what to do with them."),
            N_("Stop serving every account that loses money."),
            N_("Cost to serve is too small to matter."),
        ),
        1,
        (
            N_("Cost to serve does not grow in step with revenue, so ranking by margin after "
               "it changes the order of the accounts."),
            N_("Right: fewer, larger orders, visits by need rather than by habit, or a "
               "distributor can turn a loss into a profit; dropping the account is the last "
               "resort."),
            N_("A loss under one model's rates is a question, not a verdict: the rates are an "
               "assumption, and a small account may be a VIP or tomorrow's key account."),
            N_("It is large enough to push {cts_losing} accounts below zero."),
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
        "own_style", "recall", "O5",
        N_("Why does 'know yourself' (了解自己) start with your own social style rather than "
           "the customer's?"),
        (
            N_("Because some styles sell better than others, and you should adopt the best."),
            N_("Because flexing starts from where you stand: the gap between your style and "
               "the customer's tells you what to change."),
            N_("Because customers ask sellers for their style."),
            N_("Because the customer's style cannot be known."),
        ),
        1,
        (
            N_("Merrill and Reid found no best style: what matters is versatility, meeting the "
               "other person's needs."),
            N_("Right: a driver flexing to an amiable slows down; an analytical flexing to an "
               "expressive shares the big picture first. You can only flex from a known "
               "starting point."),
            N_("They rarely do; the assessment is for you."),
            N_("It can be read from behaviour, and your file records it for many people."),
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
        "buy_class", "scenario", "O5",
        N_("A customer that has bought your powder coating for years tells you it will review "
           "its coating suppliers next quarter because of a new emission rule. In buy-class "
           "terms, what has happened?"),
        (
            N_("Nothing: it is still a straight rebuy."),
            N_("A straight rebuy has become a modified rebuy: rivals get a chance at your "
               "business, and you at theirs."),
            N_("It has become a new task."),
            N_("The buying process has ended."),
        ),
        1,
        (
            N_("A straight rebuy reorders without looking at suppliers; a review is exactly "
               "that look."),
            N_("Right: the specification changes and suppliers are compared again. Get in "
               "early, help shape the new specification, and protect what you have."),
            N_("A new task is a first purchase of something new to the customer; here it "
               "buys a known product under a changed rule."),
            N_("It has reopened: the review runs through the buy phases again."),
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
