"""Self-check of lecture 1: overview and development of key account management."""

from __future__ import annotations

from kamlib.i18n import N_
from kamlib.quizzes import Question

QUESTIONS = (
    Question(
        "definition", "recall", "L1.1",
        N_("What makes a customer a key account (大客户)?"),
        (
            N_("It is one of our biggest buyers by revenue."),
            N_("We, the seller, judge it to be of strategic significance (具有战略意义)."),
            N_("It buys from several suppliers."),
            N_("It has signed an annual contract."),
        ),
        1,
        (
            N_("Size is a common reason, but not the definition: a VIP heavyweight that buys "
               "little can be key."),
            N_("Right: the definition is about our future. Size, potential, influence and "
               "technology are reasons for the judgement."),
            N_("Many customers buy from several suppliers; that says nothing about their "
               "importance to us."),
            N_("A contract is a result of a relationship, not what makes an account key."),
        ),
    ),
    Question(
        "pareto_cause", "recall", "L1.2a",
        N_("In the handout's 80/20 principle, what is the cause (因) and what is the effect (果)?"),
        (
            N_("The 20% of customers are the cause; the 80% of profit is the effect."),
            N_("The 80% of profit is the cause; the 20% of customers are the effect."),
            N_("Neither: it is a coincidence of the numbers."),
            N_("It says the split is exactly 80/20 in every company."),
        ),
        0,
        (
            N_("Right: look after the few accounts that cause the result, and the result "
               "follows."),
            N_("The other way round: the accounts produce the profit, not the reverse."),
            N_("The handout presents it as cause and effect, and Huaxin's own curve shows the "
               "concentration."),
            N_("The split varies; that is why section 2 measures it on the data instead of "
               "assuming it."),
        ),
    ),
    Question(
        "pareto_time", "scenario", "L1.2a",
        N_("In {year}, the top 20% of Huaxin's accounts brought {top_share:.0%} of its revenue. "
           "Your sales director proposes that every account manager visits every account "
           "equally often. What do you advise?"),
        (
            N_("Agree: equal treatment is fair to every customer."),
            N_("Give the few accounts that cause most of the result a key account manager's "
               "time, and serve the rest efficiently (by phone, by a sales team, online)."),
            N_("Stop serving the smaller 80% of accounts altogether."),
            N_("Visit the smallest accounts first: they have the most room to grow."),
        ),
        1,
        (
            N_("Equal visits spread the scarcest resource thin where it causes least."),
            N_("Right: that is the point of the 80/20 principle for KAM. The others still get "
               "service, at a cost that fits what they bring."),
            N_("They still bring revenue, and some are tomorrow's key accounts: serve them "
               "efficiently, do not drop them."),
            N_("Room to grow is judged from capacity (Y), not from size today: some small "
               "accounts have none."),
        ),
    ),
    Question(
        "keep_or_win", "recall", "L1.2c",
        N_("Which statement about the keep-or-win figures is accurate?"),
        (
            N_("The handout says keeping costs 30-50% of winning; Gallo (2014) reports winning "
               "costs 5-25 times keeping, so keeping would be cheaper still."),
            N_("Published research proves that keeping customers raises profit by 25-60% in "
               "every company."),
            N_("Reichheld and Sasser (1990) studied manufacturers and found profit doubled."),
            N_("Keeping a customer always costs more than winning one, because of the service "
               "it expects."),
        ),
        0,
        (
            N_("Right: 5-25 times means keeping costs 4-20% of winning, below the handout's "
               "30-50%."),
            N_("No study proves a figure for every company; Reichheld and Sasser found +25% to "
               "+85% for a 5-point rise in retention in the service firms they studied."),
            N_("They studied service companies, and found +25% to +85% profit for 5 more "
               "points of retention."),
            N_("Both the handout and the published studies say the opposite."),
        ),
    ),
    Question(
        "handout_gap", "scenario", "L1.2c",
        N_("With the handout's own cost ratio, the course's keep-vs-win model gives "
           "{keep_win_effect:+.1f}% profit for 5 more points of retention; the handout claims "
           "+25% to +60%. A colleague concludes the handout is wrong. What do you answer?"),
        (
            N_("The handout gives neither the size of the retention rise nor the profit it is "
               "measured against; its range echoes Reichheld and Sasser's service firms. A "
               "percentage depends on its base: where profit is thin, the same saving is a "
               "larger share."),
            N_("He is right: the model proves that keeping customers hardly pays."),
            N_("The model is wrong: it must give at least +25%."),
            N_("The handout means 5% more customers, not 5 points of retention."),
        ),
        0,
        (
            N_("Right: the two do not contradict each other. In the model, a somewhat larger "
               "rise in retention reaches the handout's range."),
            N_("+22% more profit from 5 points of retention pays well; the gap is about the "
               "base, not about whether keeping pays."),
            N_("A model gives what its assumptions give; change them in the calculator and "
               "the effect moves."),
            N_("The handout states no size at all; that is exactly why its figure cannot be "
               "checked as it stands."),
        ),
    ),
    Question(
        "life_cycle", "recall", "L1.2f",
        N_("According to the handout, which stage of the product life cycle has all but "
           "vanished?"),
        (
            N_("Introduction (导入期)"),
            N_("Growth (成长期)"),
            N_("Maturity (成熟期)"),
            N_("Decline (衰退期)"),
        ),
        2,
        (
            N_("Every product still has to be launched."),
            N_("Products still grow; the handout says they now decline sooner after it."),
            N_("Right, as the handout claims: in fast-moving markets a product falls soon "
               "after its peak. It is a tendency, not a law: {cash_cow_share:.0%} of Huaxin's "
               "own revenue comes from cash cows, leaders in slow, mature markets (lecture 2)."),
            N_("Decline is still there; in the handout's picture it comes soon after growth."),
        ),
    ),
    Question(
        "kam_vs_selling", "scenario", "L1.3c",
        N_("Which of these are key account management rather than key account selling "
           "(大客户销售)? Tick all that apply."),
        (
            N_("A three-year plan to co-develop a low-odour primer with the customer's R&D "
               "team."),
            N_("Closing this quarter's order at the best price we can get."),
            N_("Setting up a joint quality team, with matching people on both sides."),
            N_("Answering a one-off tender."),
        ),
        (0, 2),
        (
            N_("KAM: a long-term plan that tailors our offer to the account's needs."),
            N_("Selling: it is about this order, not the relationship."),
            N_("KAM: it deepens cooperation across functions (stage 5, synergistic)."),
            N_("Selling: a single deal, however large."),
        ),
    ),
    Question(
        "stage_mid", "recall", "L1.4b",
        N_("Our key account manager meets their buyer, and our finance team talks to theirs. "
           "Ordinary staff are not in touch and there is no joint team. Orders are steady. "
           "Which stage is it?"),
        (
            N_("Early KAM (初级阶段)"),
            N_("Mid KAM (中级阶段)"),
            N_("Partnership KAM (伙伴式管理阶段)"),
            N_("Synergistic KAM (协作式大客户管理阶段)"),
        ),
        1,
        (
            N_("Early KAM has only the key account manager and the buyer in contact."),
            N_("Right: another important department (finance) is in contact beyond the two "
               "managers."),
            N_("Partnership needs contact between ordinary staff of both companies."),
            N_("Synergistic needs matching joint units that work together."),
        ),
    ),
    Question(
        "uncoupling_any_stage", "scenario", "L1.4b",
        N_("An account with a joint team (synergistic KAM) has placed no order for seven "
           "months. Which stage does the course's rule give, and why?"),
        (
            N_("Synergistic: a joint team is the deepest stage, so nothing else counts."),
            N_("Uncoupling: a relationship can break at any stage, and orders that stop are "
               "the sign."),
            N_("Pre-KAM: no recent trade means the relationship starts again."),
            N_("Partnership: the joint team no longer counts once orders stop."),
        ),
        1,
        (
            N_("Depth does not protect a relationship: Millman and Wilson (1995) place "
               "uncoupling beside every stage, not only after the last."),
            N_("Right: the rule reads uncoupling first, at any depth; lecture 1 shows stage-6 "
               "accounts that still run a joint team."),
            N_("Pre-KAM means no trade has ever happened; this account has a long history."),
            N_("The rule does not step down one stage; it flags the break."),
        ),
    ),
    Question(
        "staff_change", "recall", "L1.5",
        N_("The customer has replaced its buyer, and the new buyer benchmarks our prices every "
           "month. Which cause of uncoupling is this?"),
        (
            N_("An internal cause (内因): staff changes (人员的调整), which lower trust."),
            N_("An external cause (外因): financial problems (财务问题)."),
            N_("An external cause (外因): a change of market position (市场地位的变化)."),
            N_("No cause: price checks are normal."),
        ),
        0,
        (
            N_("Right: when the buyer replaces people, trust falls; meet the new buyer early "
               "and widen the contacts."),
            N_("Nothing here says invoices are not being paid."),
            N_("The customer's market has not changed; its people have."),
            N_("Monthly benchmarking after a change of buyer is a warning sign of lost trust."),
        ),
    ),
    Question(
        "new_director", "scenario", "L1.5",
        N_("You have supplied an account for twelve years. Its new purchasing director gave "
           "you ten minutes at the first meeting, it also buys from a local rival, and its "
           "revenue with you fell 18% this year. What do you do first?"),
        (
            N_("Offer a 10% price cut before the rival does."),
            N_("Win a proper meeting with the new director, bring the people who know the "
               "account (technical service, quality), and show what twelve years of supply "
               "have done for the plant."),
            N_("Wait: a long relationship will outlast one new director."),
            N_("Complain to the general manager that the director is unfair."),
        ),
        1,
        (
            N_("A cut before you know what the director wants gives margin away and signals "
               "that price was all you offered."),
            N_("Right: a staff change is the most common internal cause of uncoupling; widen "
               "the contacts and rebuild trust with the new person quickly."),
            N_("Staff changes are exactly how long relationships fade; the revenue is already "
               "falling."),
            N_("Going over the director's head on the first meeting destroys the trust you "
               "need."),
        ),
    ),
    Question(
        "regional_cycle", "recall", "L1.6",
        N_("In the regional operation cycle (区域运作), what comes right after evaluate and "
           "control (评估与控制)?"),
        (N_("Plan (计划)"), N_("Summarise (总结)"), N_("Analyse (分析)"), N_("Execute (执行)")),
        1,
        (
            N_("Planning comes after setting objectives."),
            N_("Right: the summary closes the round and feeds the next analysis."),
            N_("Analysis starts the next round, after the summary."),
            N_("Execution comes before evaluation."),
        ),
    ),
)
