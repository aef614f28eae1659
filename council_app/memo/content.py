"""Everything a memo says, gathered before any of it is laid out.

The memo is rendered from this record alone, so the same record always gives the same PDF, and
the numbers in it are the ones the app and the command line show (they come from the same core
functions).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from typing import Literal

from council_app import __version__
from council_app.case import Case, CaseSummary
from council_app.council.scoring_context import scoring_context, who_stood_aside
from council_app.council.settings import CouncilSettings, load_settings
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import ChainHead, DecisionRevision, case_head, decision_revisions
from council_app.library.frameworks import version_note
from council_app.library.personal_data import known_people
from council_app.memo.fingerprint import case_fingerprint, memo_fingerprint
from council_app.precedent import ConsistencyCheck, Precedent, precedent_findings
from council_app.precedent.supersession import supersession
from council_app.scoring import CaseScore, Weights

Variant = Literal["internal", "external"]
VARIANTS: tuple[Variant, ...] = ("internal", "external")


@dataclass(frozen=True)
class MemoInput:
    case: Case
    framework: Framework
    score: CaseScore
    precedents: tuple[Precedent, ...]
    consistency: ConsistencyCheck | None
    settings: CouncilSettings
    record_fingerprint: str  # of the case record alone, as the audit log knows it
    memo_date: date
    app_version: str = __version__
    recusals: tuple[tuple[str, str], ...] = ()  # (member, reason), from the sittings
    related: tuple[Precedent, ...] = ()  # alike cases not yet decided
    precedents_recorded: bool = False  # the precedents are those recorded with the decision
    revisions: tuple[DecisionRevision, ...] = ()  # every decision the case has carried
    # Everyone the library names: the external variant finds each of them anywhere in the text.
    people: tuple[str, ...] = ()
    superseded_by: tuple[CaseSummary, ...] = ()  # decided cases that replaced this decision
    superseding_pending: tuple[CaseSummary, ...] = ()  # cases that propose to, not yet decided
    # The audit chain as it stood when the case was last recorded: kept outside the file, it
    # lets ``council-app check --head`` catch a history rewritten later.
    chain_head: ChainHead | None = None
    # Said when the case was made under a framework that is no longer in force ("": it is).
    framework_note: str = ""

    @functools.cached_property
    def fingerprint(self) -> str:
        """Of everything the memo shows; printed on every page."""
        return memo_fingerprint(self)

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
    settings: CouncilSettings | None = None,
    memo_date: date | None = None,
    precedent_count: int = 5,
) -> MemoInput:
    """Score the case, find its precedents and check consistency: the memo's whole content.

    The memo is dated by the decision; a draft by ``memo_date`` (today if not given).
    """
    settings = settings or load_settings(library)
    score = scoring_context(library, framework, case, settings=settings).score(
        framework, case, weights=weights
    )
    found = precedent_findings(library, framework, case, score, top=precedent_count)
    when = (case.decision.date if case.decision and case.decision.date else None) or memo_date
    # Only a recorded decision can be superseded; a draft has nothing in force to replace.
    replaced = supersession(library, case.id) if case.decision is not None else None
    return MemoInput(
        case=case,
        framework=framework,
        score=score,
        precedents=found.search.precedents,
        related=found.search.related,
        precedents_recorded=found.recorded,
        consistency=found.consistency,
        settings=settings,
        record_fingerprint=case_fingerprint(case),
        memo_date=when or date.today(),
        revisions=tuple(decision_revisions(library, case)) if library.has_audit_log() else (),
        recusals=who_stood_aside(library, case),
        people=known_people(library),
        superseded_by=replaced.by if replaced else (),
        superseding_pending=replaced.pending if replaced else (),
        chain_head=case_head(library, case.id),
        framework_note=version_note(library, case),
    )
