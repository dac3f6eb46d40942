"""Self-check of lecture 2: market environment analysis and the annual plan."""

from __future__ import annotations

from kamlib.i18n import N_
from kamlib.quizzes import Question

QUESTIONS = (
    Question(
        "swot_internal", "recall", "L2.8",
        N_("Which of these belongs in the strengths or weaknesses of a SWOT (internal, "
           "controllable)?"),
        (
            N_("A rival cuts its price by 8%"),
            N_("Our application engineer is 30 minutes from the account's plant"),
            N_("New VOC limits for industrial coatings"),
            N_("The account's industry grows 20% a year"),
        ),
        1,
        (
            N_("A rival's price is external: we cannot control it, so it is a threat."),
            N_("Right: where our people are is ours to decide, so it is internal and "
               "controllable: a strength."),
            N_("Regulation is external and not controllable: an opportunity (or a threat) for "
               "us."),
            N_("The customer's market is external: an opportunity, not a strength."),
        ),
    ),
    Question(
        "own_sales_no_opportunity", "scenario", "L2.8",
        N_("A colleague files 'home appliance customers bought 23% more from us this year' as "
           "an opportunity in the SWOT. What is wrong with it?"),
        (
            N_("Nothing: growth is always an opportunity."),
            N_("It is our own sales result, not a fact of the market: find the market fact "
               "behind it (does the appliance market grow? do customers move to low-VOC "
               "coatings?) and file that."),
            N_("It belongs under strengths, because we earned it."),
            N_("It should be weighted 5, not 3."),
        ),
        1,
        (
            N_("Opportunities are external facts we do not control; our own results are "
               "neither."),
            N_("Right: this is the mistake the lecture warns against. Our sales are a result "
               "of strengths and opportunities, not one of them."),
            N_("A sales result is not a capability either; name the strength that earned it "
               "(service, a product), if there is one."),
            N_("The weight is not the problem; the entry is in the wrong place altogether."),
        ),
    ),
    Question(
        "own_departments", "scenario", "L2.4",
        N_("Your plan for an account needs Huaxin's R&D to adapt a primer, and R&D says it has "
           "no time this year. Where does this go in the environment scan?"),
        (
            N_("Micro factor 部门状况 (our own departments): a weakness, because we control it."),
            N_("Micro factor 部门状况, read as the customer's departments: a threat."),
            N_("Macro factor, technological: a threat."),
            N_("Nowhere: internal problems are not part of the environment."),
        ),
        0,
        (
            N_("Right: in Kotler's micro environment, which the handout follows, the company's "
               "own departments come first; being ours, they are a strength or a weakness."),
            N_("部门状况 means our own departments, not the customer's."),
            N_("Nothing has changed in technology; our own R&D lacks capacity."),
            N_("The plan must carry our own departments with it: the handout lists them among "
               "the micro factors for that reason."),
        ),
    ),
    Question(
        "bcg_quadrant", "recall", "L2.6",
        N_("A product line's market grows 15% a year and its relative market share is 0.33x. "
           "On the BCG matrix it is a..."),
        (
            N_("star (明星类)"),
            N_("cash cow (现金牛类)"),
            N_("question mark (问题类)"),
            N_("dog (瘦狗类)"),
        ),
        2,
        (
            N_("A star needs a relative share of at least 1x: it leads its market."),
            N_("A cash cow leads a slow market; this market is fast and we do not lead it."),
            N_("Right: fast market (above 10%), small share (below 1x): build share if it can "
               "become a leader, or leave."),
            N_("A dog sits in a slow market; 15% growth is above the 10% split."),
        ),
    ),
    Question(
        "strong_cow", "scenario", "L2.6",
        N_("Powder coatings is a cash cow: Huaxin leads the market clearly, and the market "
           "still grows. The finance manager wants to harvest it: cut all investment and "
           "collect the cash. What do you advise?"),
        (
            N_("Harvest: that is what cash cows are for."),
            N_("Hold it: a strong cash cow is held with just enough investment to keep the "
               "lead; harvesting is for weak cows with a thin lead or a stalling market."),
            N_("Divest: it grows too slowly to matter."),
            N_("Build: pour money in until it becomes a star."),
        ),
        1,
        (
            N_("'Cash cow → harvest' is a simplification: harvesting a strong cow starves the "
               "line that pays for the stars and question marks."),
            N_("Right: hold stars and strong cows, harvest weak cows (Kotler 2000)."),
            N_("Divesting a market leader that earns cash throws the cash away."),
            N_("A slow market does not become fast because we invest; the line stays a cow."),
        ),
    ),
    Question(
        "ansoff_market_development", "recall", "L2.10",
        N_("Huaxin starts selling its proven silicone sealants to solar-module makers, an "
           "industry in which it has no customer yet. Which Ansoff strategy is this?"),
        (
            N_("market penetration (市场渗透)"),
            N_("product development (产品开发)"),
            N_("market development (市场开发, the handout's 市场延伸)"),
            N_("diversification (多元化)"),
        ),
        2,
        (
            N_("Penetration sells more of our products in markets we already serve; Huaxin has "
               "no solar customer."),
            N_("The product is not new: it is our proven sealant."),
            N_("Right: an existing product taken to a new market."),
            N_("Diversification needs a new product as well as a new market."),
        ),
    ),
    Question(
        "ansoff_check_the_data", "scenario", "L2.10",
        N_("A colleague proposes two 'new market' ideas: marine antifouling coatings for "
           "shipyards, and structural adhesives for wind-turbine blade makers. What does "
           "Huaxin's own data say?"),
        (
            N_("Both are new markets: diversification and market development."),
            N_("Neither market is new: Huaxin sold {pl03_revenue_m:.1f} m CNY of marine "
               "antifouling coatings (PL03) to shipyards in {year}, and {wind_accounts} "
               "wind-energy accounts bought {wind_revenue_m:.1f} m CNY. More antifouling to "
               "shipyards is market penetration."),
            N_("Shipyards are new, wind energy is not."),
            N_("The data cannot tell whether a market is served."),
        ),
        1,
        (
            N_("Check the order book before naming a market new: both are served already."),
            N_("Right: an Ansoff cell is decided by what we already sell and to whom, which "
               "the data shows."),
            N_("Shipbuilding is one of Huaxin's largest industries, and PL03 is sold there."),
            N_("Revenue by industry and product line shows exactly which markets we serve."),
        ),
    ),
    Question(
        "smart_goal", "recall", "L2.13",
        N_("Which goal is SMART?"),
        (
            N_("Strengthen the relationship with the customer this year"),
            N_("Increase coatings revenue at AC017 by 15% to RMB {ac017_target_m:.1f} million by "
               "December 2026"),
            N_("Win 100% share of AC017 by December 2026"),
            N_("Sell more powder coatings to appliance makers"),
        ),
        1,
        (
            N_("Vague ('strengthen the relationship'), nothing to measure, no business result."),
            N_("Right: it names the account and product, the amount, a reachable stretch, a "
               "business result and a date."),
            N_("100% share is an absolute: it is not achievable, so A fails."),
            N_("No number and no date: M and T fail."),
        ),
    ),
    Question(
        "smart_stretch", "scenario", "L2.13",
        N_("'Increase AC017's revenue by 80% next year.' The SMART coach fails it on "
           "Achievable. Why, and what do you change?"),
        (
            N_("+80% is above the course's plausible change of +{limit:g}% a year: aim lower, "
               "or give the plan more time and say what makes the jump possible."),
            N_("It names no account: add one."),
            N_("It has no date: add one."),
            N_("80% is an absolute: write 100% instead."),
        ),
        0,
        (
            N_("Right: a stretch is good, a wish is not. An instructor may set another limit "
               "in the course settings."),
            N_("AC017 is named: S passes."),
            N_("'Next year' is a period: T passes."),
            N_("100% would be an absolute; 80% is a change, judged against the plausible "
               "limit."),
        ),
    ),
    Question(
        "threat_matrix", "recall", "L2.9",
        N_("A threat is serious and likely to happen. What does the threat matrix advise?"),
        (
            N_("Note it and review it at the next planning round"),
            N_("Handle it in day-to-day work"),
            N_("Prepare a contingency plan now"),
            N_("Ignore it: we cannot control external threats"),
        ),
        2,
        (
            N_("That is the advice for a mild, unlikely threat."),
            N_("That is for a likely but mild threat."),
            N_("Right: serious and likely calls for a plan with a trigger and an owner, "
               "written now."),
            N_("We cannot control it, but we can prepare for it: that is the point of the "
               "matrix."),
        ),
    ),
    Question(
        "segment", "recall", "L2.7",
        N_("Why can a single key account be a segment of its own "
           "(每个大客户都应是一个细分的市场)?"),
        (
            N_("Because it can be large enough alone, is alike with itself and is reached by "
               "its own team"),
            N_("Because every customer should get its own price list"),
            N_("Because segmentation only works for small customers"),
            N_("Because the handout forbids grouping key accounts"),
        ),
        0,
        (
            N_("Right: it passes the four tests on its own, and it may spend more than a whole "
               "industry."),
            N_("A segment is about a shared strategy, not about price lists."),
            N_("The opposite: it is the large customers that can stand alone."),
            N_("The handout says the opposite: each key account should be a segment."),
        ),
    ),
    Question(
        "consistent", "scenario", "L2.11",
        N_("A plan sets 'raise prices by 8%' and 'increase volume by 20%' for the same "
           "price-sensitive account. Which rule of objective setting does it break?"),
        (
            N_("several, not one (多个目标)"),
            N_("quantifiable (可量化)"),
            N_("consistent with each other (目标之间协调一致)"),
            N_("ranked and layered (分轻重缓急)"),
        ),
        2,
        (
            N_("There are two objectives of two kinds, so the set is 'several'."),
            N_("Both carry numbers, so both are quantifiable."),
            N_("Right: a higher price usually costs volume in a price-sensitive account; the "
               "two pull against each other."),
            N_("Ranking is missing too, but the deeper flaw is that the two cannot both be "
               "met."),
        ),
    ),
    Question(
        "stp", "recall", "L2.3",
        N_("Choosing which customers to serve and the value to promise them (STP) is..."),
        (
            N_("strategic marketing (战略营销)"),
            N_("tactical marketing (战术营销)"),
            N_("sales promotion (销售促进)"),
            N_("the action plan (行动计划)"),
        ),
        0,
        (
            N_("Right: choosing the value decides where we compete; that is strategy."),
            N_("Tactical marketing provides and communicates the value once it is chosen."),
            N_("Sales promotion is one tactic to communicate the value."),
            N_("The action plan comes last, after objectives and strategy."),
        ),
    ),
)
