"""Precedents under a framework of another shape: the rating-profile likeness is taken over the
framework's own keys (sustainability and the other principles included), and the consistency
check leaves out precedents deferred by the framework's own deferral."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

from council_app.case import Assessment, Case, CaseSummary, Decision, Rating
from council_app.library import CaseLibrary
from council_app.precedent import check_consistency, find_precedents
from council_app.precedent.consistency import close_precedents
from council_app.precedent.ranking import Precedent, _Gaps, _rating_similarity
from council_app.scoring import RatingSet, council_view, rating_label
from tests.factories import ratings
from tests.framework.shapes import SIXFOLD

LABELS = {key: rating_label(SIXFOLD, key) for key in SIXFOLD.rating_keys}


def test_rating_likeness_compares_the_new_keys() -> None:
    mine = {"harm": Fraction(3), "sustainability": Fraction(4), "candour": Fraction(1)}
    theirs = {"harm": Fraction(3), "sustainability": Fraction(1), "candour": Fraction(2)}
    gap, differences = _rating_similarity(LABELS, mine, theirs)
    # Mean gap over the three keys both rated: (0 + 3 + 1) / 3.
    assert gap == 4 / 3
    assert [(d.label, d.this_case, d.precedent) for d in differences] == [
        ("Environmental sustainability", 4, 1),
        ("Principle: Candour", 1, 2),
    ]
    assert _Gaps(mine).gap(theirs) == gap


def test_a_key_outside_the_framework_is_not_compared() -> None:
    mine = {"harm": Fraction(2)}
    theirs = {"harm": Fraction(2), "honesty": Fraction(4)}
    gap, differences = _rating_similarity(LABELS, {**mine, "honesty": Fraction(0)}, theirs)
    assert (gap, differences) == (0.0, ())


def _summary(case_id: str, outcome: str | None) -> CaseSummary:
    return CaseSummary(
        id=case_id,
        title=case_id,
        product="Forecast",
        customer="",
        sector="energy",
        regions=(),
        tags=(),
        status="decided",
        submitted=date(2024, 12, 1),
        outcome=outcome,
        decided=date(2025, 1, 1),
        review_by=None,
    )


def _precedent(case_id: str, outcome: str, score: float) -> Precedent:
    return Precedent(
        case=_summary(case_id, outcome),
        score=score,
        parts={},
        shared_terms=(),
        shared_tags=(),
        shared_regions=(),
        same_product=True,
        same_sector=True,
        rating_gap=0.0,
        rating_differences=(),
        path=(),
        superseded_by=(),
        relies_on_superseded=(),
    )


def test_precedents_deferred_by_the_frameworks_deferral_are_not_close() -> None:
    precedents = (
        _precedent("P-1", "pause", 0.9),
        _precedent("P-2", "escalate", 0.85),
    )
    close = close_precedents(precedents, framework=SIXFOLD)
    assert [p.case.id for p in close] == ["P-2"]
    query = Case(id="Q", title="Query")
    check = check_consistency(query, "restrict", precedents, framework=SIXFOLD)
    assert [i.precedent.case.id for i in check.inconsistent] == ["P-2"]
    assert check.message(SIXFOLD).startswith(
        "1 close precedent was decided differently from the recommendation (Restrict):"
    )
    assert "P-2 (P-2) was decided Escalate to the board" in check.message(SIXFOLD)


def test_precedents_are_ranked_under_the_framework_from_a_library(library: CaseLibrary) -> None:
    """A library's cases rated under the shipped keys are compared on the keys both share."""
    base = Case(
        id="P",
        title="Grid load forecasting for a utility",
        summary="A utility forecasts grid load from smart meter data.",
        use_case="A utility forecasts grid load from smart meter data.",
        product="Forecast",
        sector="energy",
        status="decided",
        submitted=date(2024, 1, 1),
        assessments=(Assessment(member="Ana", **ratings(use_case=1, harm=1, actions=3)),),
        decision=Decision(outcome="approve", date=date(2024, 2, 1)),
    )
    far = replace(
        base,
        id="F",
        assessments=(Assessment(member="Ana", **ratings(use_case=4, harm=4, actions=0)),),
        decision=Decision(outcome="restrict", date=date(2024, 2, 1)),
    )
    library.add_cases([base, far])
    scores = {
        "use_case": 1,
        "harm": 1,
        "actions": 3,
        "geopolitics": 1,
        "sustainability": 3,
        "candour": 2,
    }
    query = replace(
        base,
        id="Q",
        status="in_review",
        decision=None,
        assessments=(
            Assessment(
                member="Ben",
                considerations={
                    k: Rating(score=v) for k, v in scores.items() if k in SIXFOLD.rated_keys
                },
                principles={
                    k: Rating(score=v) for k, v in scores.items() if SIXFOLD.is_principle(k)
                },
            ),
        ),
    )
    view = council_view(SIXFOLD, query.assessments)
    assert view.ratings == RatingSet.of(SIXFOLD, **scores)
    found = find_precedents(library, SIXFOLD, query, top=5, ratings=view.ratings)
    ids = [p.case.id for p in found.precedents]
    assert ids[0] == "P"
    first = found.precedents[0]
    assert first.rating_gap == 0.0
    far_one = next(p for p in found.precedents if p.case.id == "F")
    # Compared on the keys both rated; sustainability and candour only this case has.
    assert [d.label for d in far_one.rating_differences] == [
        "Direct product use case",
        "Effectiveness of proposed actions",
        "Potential connection to harm",
    ]
