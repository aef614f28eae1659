"""Precedents and the consistency check, together: the one rule every view of a case follows.

The workspace's Precedents step, the sitting's agenda item, the memo and ``council-app
precedents`` all show a case's precedents beside the check of the recommendation against them.
They get both from :func:`precedent_findings`, given the case's score (its recommendation, and
the council view of its ratings with members who stood aside left out), so that no two of them
can rank, filter or check differently.

A decided case's precedents are those recorded with its decision (what was before the council
when it decided), not a search of the library as it is now: its memo and fingerprint then stay
the same as the library grows. A decision recorded before precedents were kept is searched as of
its decision date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from council_app.case import Case, CaseSummary, RecordedPrecedent
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.precedent.consistency import ConsistencyCheck, check_consistency
from council_app.precedent.ranking import Precedent, PrecedentSearch, find_precedents
from council_app.precedent.settings import BlendWeights
from council_app.scoring import CaseScore

# How many precedents a decision records: those its memo shows.
RECORDED_PRECEDENTS = 5


@dataclass(frozen=True)
class PrecedentFindings:
    search: PrecedentSearch
    consistency: ConsistencyCheck | None  # None while the recommendation is to defer
    recorded: bool = False  # the precedents are those recorded with the decision


def recorded_precedents(precedents: Sequence[Precedent]) -> tuple[RecordedPrecedent, ...]:
    """The precedents as a decision records them: what its memo shows of each."""
    recorded: list[RecordedPrecedent] = []
    for p in precedents:
        if p.case.outcome is None:
            continue
        recorded.append(
            RecordedPrecedent(
                case_id=p.case.id,
                title=p.case.title,
                outcome=p.case.outcome,
                decided=p.case.decided,
                score=round(min(max(p.score, 0.0), 1.0), 6),
                reasons=p.reasons,
                superseded_by=tuple(s.id for s in p.superseded_by),
                differences=p.differences,
            )
        )
    return tuple(recorded)


def _as_precedent(recorded: RecordedPrecedent) -> Precedent:
    """A recorded precedent in the shape every view of precedents reads."""

    def summary(case_id: str, title: str = "", outcome: str | None = None) -> CaseSummary:
        return CaseSummary(
            id=case_id,
            title=title,
            product="",
            customer="",
            sector="",
            regions=(),
            tags=(),
            status="decided" if outcome else "draft",
            submitted=None,
            outcome=outcome,
            decided=recorded.decided if case_id == recorded.case_id else None,
            review_by=None,
        )

    return Precedent(
        case=summary(recorded.case_id, recorded.title, recorded.outcome),
        score=recorded.score,
        parts={},
        shared_terms=(),
        shared_tags=(),
        shared_regions=(),
        same_product=False,
        same_sector=False,
        rating_gap=None,
        rating_differences=(),
        path=(),
        superseded_by=tuple(summary(s) for s in recorded.superseded_by),
        relies_on_superseded=(),
        reasons=recorded.reasons,
        differences=recorded.differences,
    )


def precedent_findings(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    score: CaseScore,
    *,
    top: int = 10,
    blend: BlendWeights | None = None,
    as_of: date | None = None,
) -> PrecedentFindings:
    """The case's ranked precedents and whether its recommendation agrees with the close ones.

    ``blend`` overrides the library's setting for one look (``precedents --blend``); ``as_of``
    searches as of a day (a decision being taken): then, and for an undecided case, the library
    is searched, never the record.
    """
    # The council's settings import this package's BlendWeights: read them here, not at import.
    from council_app.council.settings import load_blend

    recorded = case.decision.precedents if case.decision is not None else None
    recommendation = score.scoring.recommendation.outcome
    if recorded is not None and as_of is None:
        precedents = tuple(_as_precedent(p) for p in recorded[:top])
        search = PrecedentSearch(case.id, (), blend or load_blend(library), precedents)
    else:
        search = find_precedents(
            library,
            framework,
            case,
            top=top,
            blend=blend or load_blend(library),
            ratings=score.council.ratings,
            as_of=as_of,
        )
    consistency = (
        None
        if recommendation == framework.deferral
        else check_consistency(case, recommendation, search.precedents, framework=framework)
    )
    return PrecedentFindings(search, consistency, recorded=recorded is not None and as_of is None)


__all__ = [
    "RECORDED_PRECEDENTS",
    "PrecedentFindings",
    "precedent_findings",
    "recorded_precedents",
]
