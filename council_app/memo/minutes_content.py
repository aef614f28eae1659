"""Everything a sitting's minutes say, gathered before any of it is laid out.

The minutes are the record of a sitting, so each fact in them comes from the core function
that decides it, never from a restatement here: who was present from the sitting's
attendance, quorum from :func:`council_app.council.quorum.quorum` (the sitting's) and
:func:`council_app.council.sessions.item_quorum` (each item's, after recusals), what the votes
carry from :func:`council_app.council.decision_rules.vote_result`, and whether a decision
departs from its sitting from :func:`council_app.council.decision_rules.decision_departures`.
The head of the audit chain is recorded so that the minutes, filed elsewhere, can be checked
against the library (``council-app check`` prints the same hash).

A library may hold decisions with no sitting on record (imported, or recorded before
sittings were kept). Their minutes are of a date, not of a sitting: attendance is then not on
record, and the minutes say so rather than listing the voters as present.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from council_app.case import Case
from council_app.council.conflicts import (
    ConflictFlag,
    Declaration,
    flags_for,
    session_declarations,
)
from council_app.council.decision_rules import (
    Departure,
    VoteResult,
    decision_departures,
    vote_result,
)
from council_app.council.quorum import Quorum, quorum
from council_app.council.scoring_context import scoring_context
from council_app.council.sessions import (
    Session,
    get_session,
    item_quorum,
    member_kinds,
    quorum_composition,
    sittings_on,
    voting_members,
)
from council_app.council.settings import CouncilSettings
from council_app.errors import CouncilError
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.audit import ChainHead, chain_head
from council_app.library.frameworks import case_framework
from council_app.library.members import Member, list_members
from council_app.library.personal_data import known_people
from council_app.memo.fingerprint import case_fingerprint
from council_app.precedent.findings import RECORDED_PRECEDENTS, precedent_findings
from council_app.scoring import CaseScore

# The minutes state each recommendation, not its robustness: fewer random weightings will do.
MINUTES_DRAWS = 500


@dataclass(frozen=True)
class ItemRecord:
    """One item of business: a case, and what the sitting did with it."""

    number: int  # 1-based, in the order of business
    case: Case
    score: CaseScore  # as the library holds it: the weights in force, who stood aside
    quorum: Quorum | None  # None: attendance is not on record
    recusals: tuple[tuple[str, str], ...]  # (member, reason)
    votes: tuple[tuple[str, str], ...]  # (member, vote): with the decision, or cast so far
    vote: VoteResult
    departures: tuple[Departure, ...]  # how the decision departs from its sitting; () if none
    # The version the case is assessed or was decided under, in whose terms the item reads.
    framework: Framework
    # False for a case decided at an earlier sitting and back on this one's agenda.
    decided_here: bool = True
    # What members declared about their interests in the case at the sitting, and the flags
    # (members whose declared interests touch the case) with no declaration.
    declarations: tuple[Declaration, ...] = ()
    undeclared: tuple[ConflictFlag, ...] = ()


@dataclass(frozen=True)
class MinutesInput:
    sitting: date
    items: tuple[ItemRecord, ...]
    settings: CouncilSettings
    framework: Framework
    title: str = ""
    session_id: int | None = None  # None: no sitting on record, the decisions of a date
    status: str | None = None  # the sitting's status (planned, open, closed)
    present: tuple[str, ...] | None = None  # None: attendance is not on record
    absent: tuple[str, ...] = ()
    voting_members: tuple[str, ...] = ()  # on the council on the day
    quorum: Quorum | None = None  # the sitting's, before anyone stood aside
    chain_head: ChainHead | None = None  # None: the library keeps no audit log yet
    # Everyone the library names: the external variant finds each of them anywhere in the text.
    people: tuple[str, ...] = ()

    @property
    def cases(self) -> tuple[Case, ...]:
        return tuple(item.case for item in self.items)

    @property
    def is_draft(self) -> bool:
        """Minutes of a sitting are a draft until the sitting is closed: until then its votes
        and decisions can still change."""
        return self.session_id is not None and self.status != "closed"

    @property
    def voters(self) -> tuple[str, ...]:
        """Everyone who voted on an item, in the order of business."""
        names = [member for item in self.items for member, _ in item.votes]
        return tuple(dict.fromkeys(names))

    @property
    def attendance(self) -> tuple[str, ...]:
        """Those present; with no attendance on record, those who voted (and only that)."""
        return self.present if self.present is not None else self.voters

    @property
    def everyone(self) -> tuple[str, ...]:
        """Every member the minutes may name, in the order a reader meets them."""
        names = [*self.attendance, *self.absent, *self.voting_members]
        for item in self.items:
            names += [m for m, _ in item.recusals] + [m for m, _ in item.votes]
            names += [d.member for d in item.declarations] + [f.member for f in item.undeclared]
            if item.case.decision is not None:
                names += [d.member for d in item.case.decision.dissent]
        return tuple(dict.fromkeys(names))

    @functools.cached_property
    def fingerprint(self) -> str:
        digest = hashlib.sha256()
        for case in sorted(self.cases, key=lambda c: c.id):
            digest.update(case_fingerprint(case).encode())
        return digest.hexdigest()


def _item(
    library: CaseLibrary,
    framework: Framework,
    settings: CouncilSettings,
    number: int,
    case: Case,
    *,
    session: Session | None,
    roles: Mapping[str, str],
    members: Sequence[Member] = (),
    declared: Sequence[Declaration] = (),
) -> ItemRecord:
    framework = case_framework(library, case, framework)  # the case's own, not the one in force
    score = scoring_context(library, framework, case, settings=settings).score(
        framework, case, draws=MINUTES_DRAWS
    )
    d = case.decision
    decided_here = d is not None and (session is None or d.date in (None, session.date))
    if decided_here and d is not None:
        votes = tuple((v.member, v.vote) for v in d.votes)
    elif session is not None:
        votes = tuple(session.votes.get(case.id, {}).items())
    else:
        votes = ()
    result = vote_result(framework, dict(votes), roles)
    departures: tuple[Departure, ...] = ()
    if decided_here and d is not None:
        # Judged against the precedents recorded with the decision, as the council had them;
        # a decision recorded before precedents were kept is judged on the rest alone.
        recorded = (
            precedent_findings(library, framework, case, score, top=RECORDED_PRECEDENTS)
            if d.precedents is not None
            else None
        )
        departures = decision_departures(
            framework,
            d.outcome,
            vote=result,
            score=score,
            precedents=recorded.search.precedents if recorded is not None else (),
        )
    declarations: tuple[Declaration, ...] = ()
    undeclared: tuple[ConflictFlag, ...] = ()
    if session is not None:
        recusals = tuple((r.member, r.reason) for r in session.recusals if r.case_id == case.id)
        check: Quorum | None = item_quorum(library, session, case.id)
        declarations = tuple(x for x in declared if x.case_id == case.id)
        undeclared = tuple(
            f for f in flags_for(members, case, session.date, declarations) if f.declaration is None
        )
    else:
        recusals = tuple((a.member, a.reason) for a in d.stood_aside) if d is not None else ()
        check = None
    return ItemRecord(
        number, case, score, check, recusals, votes, result, departures, framework,
        decided_here=decided_here, declarations=declarations, undeclared=undeclared,
    )  # fmt: skip


def _items(
    library: CaseLibrary,
    framework: Framework,
    settings: CouncilSettings,
    cases: Sequence[Case],
    session: Session | None,
) -> tuple[ItemRecord, ...]:
    members = list_members(library)
    roles = {m.name: m.role for m in members}
    declared = session_declarations(library, session.id) if session is not None else ()
    return tuple(
        _item(
            library,
            framework,
            settings,
            n,
            case,
            session=session,
            roles=roles,
            members=members,
            declared=declared,
        )
        for n, case in enumerate(cases, 1)
    )


def minutes_for_session(
    library: CaseLibrary, session_id: int, settings: CouncilSettings, framework: Framework
) -> MinutesInput:
    """The minutes of a recorded sitting: its attendance, quorum, recusals and agenda, in order."""
    session = get_session(library, session_id)
    cases = tuple(library.get_cases([item.case_id for item in session.agenda]))
    if not cases:
        raise CouncilError(
            f"The sitting “{session.title}” has nothing on its agenda; no minutes to write."
        )
    members = tuple(voting_members(library, session.date))
    return MinutesInput(
        session.date,
        _items(library, framework, settings, cases, session),
        settings,
        framework,
        title=session.title,
        session_id=session.id,
        status=session.status,
        present=session.present,
        absent=session.absent,
        voting_members=members,
        quorum=quorum(
            settings.quorum_rule,
            members,
            session.present,
            composition=quorum_composition(library),
            kinds=member_kinds(library),
        ),
        chain_head=chain_head(library),
        people=known_people(library),
    )


def minutes_for_date(
    library: CaseLibrary, day: date, settings: CouncilSettings, framework: Framework
) -> MinutesInput:
    """Minutes of the decisions recorded on one date, with no sitting on record for it."""
    ids = [
        row[0]
        for row in library.db.execute(
            "SELECT case_id FROM decisions WHERE date = ? ORDER BY case_id", [day.isoformat()]
        )
    ]
    decided = tuple(library.get_cases(ids))
    if not decided:
        raise CouncilError(
            f"No sitting and no decision was recorded on {day.isoformat()}; no minutes to write."
        )
    return MinutesInput(
        day,
        _items(library, framework, settings, decided, None),
        settings,
        framework,
        voting_members=tuple(voting_members(library, day)),
        chain_head=chain_head(library),
        people=known_people(library),
    )


def minutes_for_day(
    library: CaseLibrary, day: date, settings: CouncilSettings, framework: Framework
) -> MinutesInput:
    """The minutes of the sitting recorded on ``day``; with none, of that day's decisions.

    Two sittings on one day are not guessed between: the refusal names them, so that the
    secretary asks for one by its number.
    """
    found = sittings_on(library, day)
    if len(found) > 1:
        listed = "; ".join(f"{s.id} (“{s.title}”)" for s in found)
        raise CouncilError(
            f"{len(found)} sittings were recorded on {day.isoformat()}: {listed}. Give the one "
            "you mean: council-app session minutes N -o FILE.pdf."
        )
    if found:
        return minutes_for_session(library, found[0].id, settings, framework)
    return minutes_for_date(library, day, settings, framework)


__all__ = [
    "MINUTES_DRAWS",
    "ItemRecord",
    "MinutesInput",
    "minutes_for_date",
    "minutes_for_day",
    "minutes_for_session",
]
