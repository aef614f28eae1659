"""The decision rules under a framework whose deferral and strictest outcomes have other names."""

from __future__ import annotations

from council_app.case import Assessment, Case, Rating
from council_app.council.decision_rules import decision_departures, vote_result
from council_app.framework import walk_steps
from council_app.scoring import score_case
from tests.framework.shapes import PLAIN, SIXFOLD


def _case(**scores: int) -> Case:
    return Case(
        id="EUC-2026-902",
        title="Grid load forecasting",
        assessments=(
            Assessment(
                member="Ana",
                considerations={
                    k: Rating(score=v) for k, v in scores.items() if k in SIXFOLD.rated_keys
                },
                principles={
                    k: Rating(score=v) for k, v in scores.items() if SIXFOLD.is_principle(k)
                },
            ),
        ),
    )


def test_a_decision_while_ratings_are_missing_departs_from_the_frameworks_deferral() -> None:
    score = score_case(SIXFOLD, _case(harm=3), draws=0)
    assert score.scoring.recommendation.outcome == "pause"
    votes = vote_result(SIXFOLD, {"Ana": "escalate", "Ben": "escalate"})
    departures = decision_departures(SIXFOLD, "escalate", vote=votes, score=score)
    assert [d.kind for d in departures] == ["recommendation"]
    assert departures[0].sentence.startswith("Ratings are missing (Direct product use case, ")
    assert departures[0].sentence.endswith(
        "so the framework recommends deferring; the decision is Escalate to the board."
    )
    paused = vote_result(SIXFOLD, {"Ana": "pause", "Ben": "pause"})
    assert decision_departures(SIXFOLD, "pause", vote=paused, score=score) == ()


def test_a_decision_under_a_red_lines_floor_at_the_added_outcome_must_say_why() -> None:
    scores = {
        "use_case": 2,
        "harm": 3,
        "actions": 3,
        "geopolitics": 1,
        "sustainability": 4,
        "dignity": 1,
        "data_care": 2,
        "wellbeing": 0,
        "candour": 3,
    }
    score = score_case(SIXFOLD, _case(**scores), draws=0)
    assert score.scoring.recommendation.outcome == "escalate"
    votes = vote_result(SIXFOLD, {"Ana": "restrict", "Ben": "restrict"})
    kinds = [d.kind for d in decision_departures(SIXFOLD, "restrict", vote=votes, score=score)]
    assert kinds == ["recommendation", "red_line"]


def test_the_walk_has_a_step_for_each_consideration_the_framework_names() -> None:
    steps = walk_steps(SIXFOLD)
    rated = [s.consideration for s in steps if s.consideration]
    assert rated == list(SIXFOLD.consideration_keys)
    principles = next(s for s in steps if s.key == "principles")
    assert principles.principles == SIXFOLD.principle_keys
    assert [s.consideration for s in walk_steps(PLAIN) if s.consideration] == list(
        PLAIN.consideration_keys
    )
    assert all(s.key != "principles" for s in walk_steps(PLAIN))
