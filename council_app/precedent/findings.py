"""Precedents and the consistency check, together: the one rule every view of a case follows.

The workspace's Precedents step, the sitting's agenda item, the memo and ``council-app
precedents`` all show a case's precedents beside the check of the recommendation against them.
They get both from :func:`precedent_findings`, given the case's score (its recommendation, and
the council view of its ratings with members who stood aside left out), so that no two of them
can rank, filter or check differently.
"""

from __future__ import annotations

from dataclasses import dataclass

from council_app.case import Case
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.precedent.consistency import ConsistencyCheck, check_consistency
from council_app.precedent.ranking import PrecedentSearch, find_precedents
from council_app.precedent.settings import BlendWeights, load_blend
from council_app.scoring import CaseScore

DEFER = "defer"


@dataclass(frozen=True)
class PrecedentFindings:
    search: PrecedentSearch
    consistency: ConsistencyCheck | None  # None while the recommendation is to defer


def precedent_findings(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    score: CaseScore,
    *,
    top: int = 10,
    blend: BlendWeights | None = None,
) -> PrecedentFindings:
    """The case's ranked precedents and whether its recommendation agrees with the close ones.

    ``blend`` overrides the library's setting for one look (``precedents --blend``).
    """
    search = find_precedents(
        library,
        framework,
        case,
        top=top,
        blend=blend or load_blend(library),
        ratings=score.council.ratings,
    )
    recommendation = score.scoring.recommendation.outcome
    consistency = (
        None
        if recommendation == DEFER
        else check_consistency(case, recommendation, search.precedents)
    )
    return PrecedentFindings(search, consistency)


__all__ = ["PrecedentFindings", "precedent_findings"]
