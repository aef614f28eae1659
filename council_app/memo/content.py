"""Everything a memo says, gathered before any of it is laid out.

The memo is rendered from this record alone, so the same record always gives the same PDF, and
the numbers in it are the ones the app and the command line show (they come from the same core
functions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from council_app import __version__
from council_app.case import Case
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import DecisionRevision, decision_revisions
from council_app.memo.fingerprint import case_fingerprint
from council_app.precedent import ConsistencyCheck, Precedent, check_consistency, find_precedents
from council_app.precedent.settings import load_blend
from council_app.scoring import CaseScore, Weights, score_case

Variant = Literal["internal", "external"]
VARIANTS: tuple[Variant, ...] = ("internal", "external")

DEFAULT_COUNCIL_NAME = "Ethical Use Advisory Council"
COUNCIL_NAME_KEY = "council_name"
LETTERHEAD_KEY = "letterhead"


@dataclass(frozen=True)
class MemoSettings:
    council_name: str = DEFAULT_COUNCIL_NAME
    letterhead: str = ""  # a second line under the council's name, e.g. the organisation

    @classmethod
    def from_library(cls, library: CaseLibrary) -> MemoSettings:
        return cls(
            council_name=library.meta(COUNCIL_NAME_KEY) or DEFAULT_COUNCIL_NAME,
            letterhead=library.meta(LETTERHEAD_KEY) or "",
        )


@dataclass(frozen=True)
class MemoInput:
    case: Case
    framework: Framework
    score: CaseScore
    precedents: tuple[Precedent, ...]
    consistency: ConsistencyCheck | None
    settings: MemoSettings
    fingerprint: str
    memo_date: date
    app_version: str = __version__
    recusals: tuple[tuple[str, str], ...] = ()  # (member, reason), from the sittings
    revisions: tuple[DecisionRevision, ...] = ()  # every decision the case has carried

    @property
    def is_draft(self) -> bool:
        """A memo is a draft until the council has recorded its decision."""
        return self.case.decision is None


def prepare_memo(
    library: CaseLibrary,
    framework: Framework,
    case: Case,
    *,
    weights: Weights | None = None,
    settings: MemoSettings | None = None,
    memo_date: date | None = None,
    precedent_count: int = 5,
) -> MemoInput:
    """Score the case, find its precedents and check consistency: the memo's whole content.

    The memo is dated by the decision; a draft by ``memo_date`` (today if not given).
    """
    score = score_case(framework, case, weights)
    search = find_precedents(
        library, framework, case, top=precedent_count, blend=load_blend(library)
    )
    recommendation = score.scoring.recommendation.outcome
    consistency = (
        None
        if recommendation == "defer"
        else check_consistency(case, recommendation, search.precedents)
    )
    when = (case.decision.date if case.decision and case.decision.date else None) or memo_date
    return MemoInput(
        case=case,
        framework=framework,
        score=score,
        precedents=search.precedents,
        consistency=consistency,
        settings=settings or MemoSettings.from_library(library),
        fingerprint=case_fingerprint(case),
        memo_date=when or date.today(),
        revisions=tuple(decision_revisions(library, case)) if library.has_audit_log() else (),
        recusals=tuple(
            (member, reason)
            for member, reason in library.db.execute(
                "SELECT DISTINCT member, reason FROM recusals WHERE case_id = ? ORDER BY member",
                [case.id],
            )
        ),
    )
