"""The learner's own social style and how to flex it (kamlib.social_style)."""

from __future__ import annotations

import itertools

import pytest

from kamlib import datasets, social_style
from kamlib.validation import KamValueError

KEYS = [s.key for s in social_style.STATEMENTS]


def _ratings(tell: bool, show: bool) -> dict[str, int]:
    ratings = {}
    for statement in social_style.STATEMENTS:
        high = tell if statement.dimension == "assertiveness" else show
        agree = high if statement.direction > 0 else not high
        ratings[statement.key] = 4 if agree else 1
    return ratings


@pytest.mark.parametrize(
    ("tell", "show", "key"),
    [(True, False, "driver"), (True, True, "expressive"), (False, True, "amiable"),
     (False, False, "analytical")],
)
def test_each_corner_gives_its_style(tell, show, key):
    profile = social_style.assess_style(_ratings(tell, show))
    assert profile.style.key == key
    assert profile.assertiveness == (4 if tell else 1)
    assert profile.style.label in profile.describe()


def test_the_split_is_at_the_middle_of_the_scale():
    # each scale: a "+" statement at 3 and one at 2, a "-" statement at 3 (counts 2) and one
    # at 2 (counts 3): a mean of 2.5
    middle = {"state_view": 3, "decide_fast": 2, "ask_first": 3, "their_pace": 2,
              "show_feelings": 3, "small_talk": 2, "business_only": 3, "data_first": 2}
    profile = social_style.assess_style(middle)
    assert (profile.assertiveness, profile.responsiveness) == (2.5, 2.5)
    assert profile.style.key == "expressive"  # at the split counts as telling and showing


def test_every_pair_of_styles_gets_flex_advice():
    for own, other in itertools.product(social_style.STYLES, repeat=2):
        plan = social_style.flex_plan(own, customer_styles=[other.key])
        assert len(plan) == 1 and plan.loc[0, "wants"] == other.wants
        advice = plan.loc[0, "flex"]
        assert advice.startswith("You share their style") is (own == other)
    full = social_style.flex_plan("driver")
    assert list(full["style"]) == [s.key for s in social_style.STYLES]


def test_flex_towards_the_thread_accounts_people():
    on_file = social_style.styles_on_file(datasets.load("people"), account_id="AC060")
    recorded = [key for key in on_file["style"] if key]
    assert recorded and set(recorded) <= {s.key for s in social_style.STYLES}
    plan = social_style.flex_plan("driver", customer_styles=recorded)
    assert set(plan["style"]) == set(recorded)


@pytest.mark.parametrize(
    ("ratings", "match"),
    [
        ({}, "ratings: got"),
        ({**dict.fromkeys(KEYS, 3), "extra": 2}, "ratings: got"),
        ({**dict.fromkeys(KEYS, 3), "state_view": 5}, r"ratings\['state_view'\]: got 5"),
        ({**dict.fromkeys(KEYS, 3), "state_view": 2.5}, r"ratings\['state_view'\]"),
        ("driver", "ratings: got 'driver'"),
    ],
)
def test_bad_ratings_are_refused(ratings, match):
    with pytest.raises(KamValueError, match=match):
        social_style.assess_style(ratings)


def test_unknown_styles_are_refused():
    with pytest.raises(KamValueError, match="own: got 'boss'"):
        social_style.flex_plan("boss")
    with pytest.raises(KamValueError, match="customer_styles"):
        social_style.flex_plan("driver", customer_styles="amiable")
