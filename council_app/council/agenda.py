"""What the council sees of a sitting's agenda: for each item, the case, its aggregated scoring
with the members' disagreements, the precedents and consistency check, who stood aside, the
quorum, the votes so far and their tally, and the members whose declared interests touch the
case, with what they declared.

The app and the presenter screen show these; they are computed here, once, so that what the
projector shows is what the core would decide.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from council_app.case import Case
from council_app.council.conflicts import (
    ConflictFlag,
    Declaration,
    flags_for,
    session_declarations,
)
from council_app.council.decision_rules import VoteResult, vote_result
from council_app.council.quorum import Quorum, Requirement
from council_app.council.scoring_context import scoring_context
from council_app.council.sessions import (
    Recusal,
    Session,
    Tally,
    get_session,
    item_quorum,
    quorum_composition,
    quorum_rule,
    tally,
    voting_members,
)
from council_app.council.settings import load_settings
from council_app.framework import Framework
from council_app.library.case_library import CaseLibrary
from council_app.library.frameworks import (
    case_framework,
    record_outcome_titles,
    version_note,
)
from council_app.library.members import list_members
from council_app.precedent import precedent_findings
from council_app.precedent.consistency import ConsistencyCheck
from council_app.precedent.ranking import Precedent
from council_app.scoring import CaseScore


@dataclass(frozen=True)
class ItemView:
    number: int  # 1-based place in the order of business
    case: Case
    minutes: int | None
    recusals: tuple[Recusal, ...]
    quorum: Quorum
    votes: dict[str, str]  # member -> vote, in the order cast
    tally: Tally
    score: CaseScore  # the members' assessments aggregated, with the disagreement flags
    vote: VoteResult  # what the votes carry under the framework's voting rule
    # The framework version the case is assessed (or was decided) under: its outcomes are the
    # ones voted and decided on, whatever the council has adopted since.
    framework: Framework
    version_note: str = ""  # said where that is not the framework in force
    # Members whose interests standing on the sitting's day touch the case, each with what they
    # declared (or not yet), and every declaration made on the item, flagged or not.
    flags: tuple[ConflictFlag, ...] = ()
    declarations: tuple[Declaration, ...] = ()

    @property
    def undeclared(self) -> tuple[ConflictFlag, ...]:
        return tuple(f for f in self.flags if f.declaration is None)

    @property
    def decided(self) -> bool:
        return self.case.decision is not None


@dataclass(frozen=True)
class SittingView:
    session: Session
    voting_members: tuple[str, ...]  # those on the council on the sitting's day
    quorum_rule: str
    items: tuple[ItemView, ...]
    roles: dict[str, str] = field(default_factory=dict)  # member -> role (the casting vote)
    # The members of a kind the quorum rule asks for, and each member's kind.
    quorum_composition: tuple[Requirement, ...] = ()
    kinds: dict[str, str] = field(default_factory=dict)

    def item(self, case_id: str) -> ItemView | None:
        return next((i for i in self.items if i.case.id == case_id), None)


@dataclass(frozen=True)
class ItemPrecedents:
    """Computed apart from the rest, item by item, because it is the slow part."""

    case_id: str
    precedents: tuple[Precedent, ...]
    consistency: ConsistencyCheck | None
    # How each precedent's outcome reads: a precedent may have been decided under a version
    # that has an outcome the item's own version lacks.
    outcome_titles: dict[str, str] = field(default_factory=dict)


def sitting_view(library: CaseLibrary, framework: Framework, session_id: int) -> SittingView:
    """The sitting as the council sees it, each item in the terms of its case's own framework
    version (``framework`` is the one in force), as the command line votes and decides it."""
    session = get_session(library, session_id)
    settings = load_settings(library)
    members = list_members(library)
    roles = {m.name: m.role for m in members}
    declarations = session_declarations(library, session_id)
    cases = {c.id: c for c in library.get_cases([i.case_id for i in session.agenda])}
    items = []
    for number, item in enumerate(session.agenda, 1):
        case = cases[item.case_id]
        own = case_framework(library, case, framework)
        votes = session.votes.get(case.id, {})
        declared = tuple(d for d in declarations if d.case_id == case.id)
        items.append(
            ItemView(
                number=number,
                case=case,
                minutes=item.minutes,
                recusals=tuple(r for r in session.recusals if r.case_id == case.id),
                quorum=item_quorum(library, session, case.id),
                votes=votes,
                tally=tally(votes),
                vote=vote_result(own, votes, roles),
                score=scoring_context(library, own, case, settings=settings).score(own, case),
                framework=own,
                version_note=version_note(library, case),
                flags=flags_for(members, case, session.date, declared),
                declarations=declared,
            )
        )
    return SittingView(
        session=session,
        voting_members=tuple(voting_members(library, session.date)),
        quorum_rule=quorum_rule(library),
        items=tuple(items),
        roles=roles,
        quorum_composition=quorum_composition(library),
        kinds={m.name: m.kind for m in members if m.kind},
    )


def item_precedents(
    library: CaseLibrary, framework: Framework, case: Case, score: CaseScore, *, top: int = 5
) -> ItemPrecedents:
    found = precedent_findings(library, framework, case, score, top=top)
    return ItemPrecedents(
        case.id, found.search.precedents, found.consistency, record_outcome_titles(library)
    )
