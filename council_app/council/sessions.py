"""Sittings of the council: date, attendance, agenda, recusals, votes and decisions.

Votes are cast item by item during a sitting and kept with the sitting; the decision, when the
council takes it, is recorded on the case together with those votes. No vote and no decision is
recorded without quorum, and the refusal says why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from council_app.case import Case, Condition, Decision, Dissent, Vote
from council_app.case_edits import with_obligations
from council_app.council.quorum import (
    QUORUM_COMPOSITION_KEY,
    QUORUM_RULE_KEY,
    Quorum,
    Requirement,
    check_rule,
    composition_key,
    composition_problem,
    parse_composition,
    quorum,
)
from council_app.date_words import date_words
from council_app.errors import CaseNotFound, CouncilError
from council_app.framework import Framework, bundled_framework
from council_app.library.case_library import CaseLibrary
from council_app.library.members import list_members
from council_app.vocabulary import (
    ABSTAIN,
    SITTING_STATUSES,
    VOTE_CHOICES,
    vote_choices,
    vote_title,
)


class SessionError(CouncilError):
    """A sitting cannot do what was asked; the message says why."""


@dataclass(frozen=True)
class AgendaItem:
    case_id: str
    position: int
    minutes: int | None = None  # time budget


@dataclass(frozen=True)
class Recusal:
    case_id: str
    member: str
    reason: str = ""


@dataclass(frozen=True)
class Session:
    id: int
    title: str
    date: date
    status: str
    notes: str = ""
    attendance: dict[str, bool] = field(default_factory=dict)  # member -> present
    agenda: tuple[AgendaItem, ...] = ()
    recusals: tuple[Recusal, ...] = ()
    votes: dict[str, dict[str, str]] = field(default_factory=dict)  # case -> member -> vote

    @property
    def present(self) -> tuple[str, ...]:
        return tuple(m for m, here in self.attendance.items() if here)

    @property
    def absent(self) -> tuple[str, ...]:
        return tuple(m for m, here in self.attendance.items() if not here)

    def recused_from(self, case_id: str) -> tuple[str, ...]:
        return tuple(r.member for r in self.recusals if r.case_id == case_id)

    def on_agenda(self, case_id: str) -> bool:
        return any(item.case_id == case_id for item in self.agenda)


def quorum_rule(library: CaseLibrary) -> str:
    from council_app.council.settings import load_settings

    return load_settings(library).quorum_rule


def set_quorum_rule(library: CaseLibrary, rule: str) -> None:
    library.set_meta(QUORUM_RULE_KEY, check_rule(rule))


def quorum_composition(library: CaseLibrary) -> tuple[Requirement, ...]:
    """The members of a kind the quorum rule asks for (none unless the council set some)."""
    return parse_composition(library.meta(QUORUM_COMPOSITION_KEY) or "")


def set_quorum_composition(library: CaseLibrary, requirements: Sequence[Requirement]) -> None:
    """Ask for members of a kind at every sitting; a kind no member has is refused, since the
    quorum could then never be met."""
    problem = composition_problem(requirements, (m.kind for m in list_members(library) if m.voting))
    if problem:
        raise SessionError(problem)
    library.set_meta(QUORUM_COMPOSITION_KEY, composition_key(requirements))


def member_kinds(library: CaseLibrary) -> dict[str, str]:
    return {m.name: m.kind for m in list_members(library) if m.kind}


def sitting_quorum(library: CaseLibrary, session: Session, recused: Iterable[str] = ()) -> Quorum:
    """The quorum rule, with the members of a kind it asks for, applied to a sitting."""
    return quorum(
        quorum_rule(library),
        voting_members(library, session.date),
        session.present,
        recused,
        composition=quorum_composition(library),
        kinds=member_kinds(library),
    )


def voting_members(library: CaseLibrary, day: date) -> list[str]:
    return [m.name for m in list_members(library) if m.voting and m.active_on(day)]


def _session_row(library: CaseLibrary, session_id: int) -> tuple[str, str, str, str]:
    row = library.db.execute(
        "SELECT title, date, status, notes FROM sessions WHERE id = ?", [session_id]
    ).fetchone()
    if row is None:
        raise SessionError(f"There is no sitting number {session_id}.")
    return row  # type: ignore[no-any-return]


def get_session(library: CaseLibrary, session_id: int) -> Session:
    title, day, status, notes = _session_row(library, session_id)
    db = library.db
    votes: dict[str, dict[str, str]] = {}
    for case_id, member, vote in db.execute(
        "SELECT case_id, member, vote FROM session_votes WHERE session_id = ? ORDER BY rowid",
        [session_id],
    ):
        votes.setdefault(case_id, {})[member] = vote
    return Session(
        id=session_id,
        title=title,
        date=date.fromisoformat(day),
        status=status,
        notes=notes,
        attendance={
            m: bool(p)
            for m, p in db.execute(
                "SELECT member, present FROM session_attendance WHERE session_id = ? ORDER BY member",
                [session_id],
            )
        },
        agenda=tuple(
            AgendaItem(c, p, mins)
            for c, p, mins in db.execute(
                "SELECT case_id, position, minutes FROM agenda_items WHERE session_id = ? ORDER BY position",
                [session_id],
            )
        ),
        recusals=tuple(
            Recusal(c, m, r)
            for c, m, r in db.execute(
                "SELECT case_id, member, reason FROM recusals WHERE session_id = ? ORDER BY case_id, member",
                [session_id],
            )
        ),
        votes=votes,
    )


def list_sessions(library: CaseLibrary) -> list[Session]:
    ids = [
        row[0] for row in library.db.execute("SELECT id FROM sessions ORDER BY date DESC, id DESC")
    ]
    return [get_session(library, i) for i in ids]


def sittings_on(library: CaseLibrary, day: date) -> list[Session]:
    """The sittings recorded on ``day``, in the order they were planned (minutes by date)."""
    ids = [
        row[0]
        for row in library.db.execute(
            "SELECT id FROM sessions WHERE date = ? ORDER BY id", [day.isoformat()]
        )
    ]
    return [get_session(library, i) for i in ids]


def create_session(library: CaseLibrary, title: str, day: date, *, notes: str = "") -> int:
    if not title.strip():
        raise SessionError("A sitting needs a title.")
    with library.write(what=f"sitting planned: {title.strip()}") as db:
        cursor = db.execute(
            "INSERT INTO sessions (title, date, status, notes) VALUES (?, ?, 'planned', ?)",
            [title.strip(), day.isoformat(), notes],
        )
        session_id = int(cursor.lastrowid or 0)
        # Everyone who sits on the council that day is expected; absences are marked later.
        for member in voting_members(library, day):
            db.execute(
                "INSERT INTO session_attendance (session_id, member, present) VALUES (?, ?, 1)",
                [session_id, member],
            )
    return session_id


def set_status(library: CaseLibrary, session_id: int, status: str) -> None:
    if status not in SITTING_STATUSES:
        raise SessionError(f"A sitting is one of {', '.join(SITTING_STATUSES)}; not {status!r}.")
    _session_row(library, session_id)
    with library.write(what=f"sitting {session_id} {status}") as db:
        db.execute("UPDATE sessions SET status = ? WHERE id = ?", [status, session_id])


def set_attendance(
    library: CaseLibrary,
    session_id: int,
    *,
    present: Iterable[str] = (),
    absent: Iterable[str] = (),
) -> None:
    _session_row(library, session_id)
    with library.write(what=f"attendance at sitting {session_id}") as db:
        for member, here in [*((m, 1) for m in present), *((m, 0) for m in absent)]:
            if not member.strip():
                raise SessionError("A member's name is missing.")
            db.execute(
                "INSERT INTO session_attendance (session_id, member, present) VALUES (?, ?, ?) "
                "ON CONFLICT(session_id, member) DO UPDATE SET present = excluded.present",
                [session_id, member.strip(), here],
            )


def add_to_agenda(
    library: CaseLibrary, session_id: int, case_id: str, *, minutes: int | None = None
) -> None:
    _session_row(library, session_id)
    if not library.has_case(case_id):
        raise CaseNotFound(case_id)
    if minutes is not None and minutes <= 0:
        raise SessionError("A time budget is a number of minutes above zero.")
    with library.write(what=f"{case_id} put on the agenda of sitting {session_id}") as db:
        (last,) = db.execute(
            "SELECT coalesce(max(position), -1) FROM agenda_items WHERE session_id = ?",
            [session_id],
        ).fetchone()
        db.execute(
            "INSERT INTO agenda_items (session_id, case_id, position, minutes) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(session_id, case_id) DO UPDATE SET minutes = excluded.minutes",
            [session_id, case_id, last + 1, minutes],
        )


def remove_from_agenda(library: CaseLibrary, session_id: int, case_id: str) -> None:
    with library.write(what=f"{case_id} taken off the agenda of sitting {session_id}") as db:
        db.execute(
            "DELETE FROM agenda_items WHERE session_id = ? AND case_id = ?", [session_id, case_id]
        )
        db.execute(
            "DELETE FROM session_votes WHERE session_id = ? AND case_id = ?", [session_id, case_id]
        )


def reorder_agenda(library: CaseLibrary, session_id: int, case_ids: Sequence[str]) -> None:
    session = get_session(library, session_id)
    if sorted(case_ids) != sorted(item.case_id for item in session.agenda):
        raise SessionError("Give every case on the agenda, each once, in the new order.")
    with library.write(what=f"agenda of sitting {session_id} reordered") as db:
        for position, case_id in enumerate(case_ids):
            db.execute(
                "UPDATE agenda_items SET position = ? WHERE session_id = ? AND case_id = ?",
                [position, session_id, case_id],
            )


def recuse(
    library: CaseLibrary, session_id: int, case_id: str, member: str, reason: str = ""
) -> None:
    session = get_session(library, session_id)
    if not session.on_agenda(case_id):
        raise SessionError(f"{case_id} is not on the agenda of this sitting.")
    with library.write(what=f"{member} recused from {case_id} at sitting {session_id}") as db:
        db.execute(
            "INSERT INTO recusals (session_id, case_id, member, reason) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(session_id, case_id, member) DO UPDATE SET reason = excluded.reason",
            [session_id, case_id, member, reason],
        )
        # A recused member's vote, if any, no longer counts.
        db.execute(
            "DELETE FROM session_votes WHERE session_id = ? AND case_id = ? AND member = ?",
            [session_id, case_id, member],
        )


def case_recusals(library: CaseLibrary, case_id: str) -> tuple[Recusal, ...]:
    """Everyone who stood aside on the case at any of its sittings, once each, by name.

    A conflict of interest is the member's with the case, not with one sitting: who stood aside
    once is left out of the council view of the case everywhere (with the first reason given).
    """
    seen: dict[str, Recusal] = {}
    for member, reason in library.db.execute(
        "SELECT member, reason FROM recusals WHERE case_id = ? ORDER BY member, session_id",
        [case_id],
    ):
        seen.setdefault(member, Recusal(case_id, member, reason))
    return tuple(seen.values())


def item_quorum(library: CaseLibrary, session: Session, case_id: str) -> Quorum:
    return sitting_quorum(library, session, session.recused_from(case_id))


def record_vote(
    library: CaseLibrary,
    session_id: int,
    case_id: str,
    member: str,
    vote: str | None,
    *,
    framework: Framework | None = None,
) -> Quorum:
    """Record (or, with None, withdraw) a member's vote on an agenda item.

    A vote is one of ``framework``'s outcomes (the bundled framework's when None) or abstain.
    """
    session = get_session(library, session_id)
    choices = vote_choices(framework or bundled_framework())
    if vote is not None and vote not in choices:
        raise SessionError(f"A vote is one of {', '.join(choices)}; not {vote!r}.")
    if not session.on_agenda(case_id):
        raise SessionError(f"{case_id} is not on the agenda of this sitting.")
    _require_open(session, "votes")
    if member in session.recused_from(case_id):
        raise SessionError(f"{member} has recused from {case_id} and does not vote on it.")
    if member not in voting_members(library, session.date):
        raise SessionError(
            f"{member} is not a voting member of the council on {date_words(session.date)}."
        )
    if member not in session.present:
        raise SessionError(f"{member} is not marked present at this sitting.")
    check = item_quorum(library, session, case_id)
    if not check.met:
        raise SessionError(f"No vote is recorded for {case_id}. {check.sentence()}")
    with library.write(what=f"vote by {member} on {case_id} at sitting {session_id}") as db:
        if vote is None:
            db.execute(
                "DELETE FROM session_votes WHERE session_id = ? AND case_id = ? AND member = ?",
                [session_id, case_id, member],
            )
        else:
            db.execute(
                "INSERT INTO session_votes (session_id, case_id, member, vote) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(session_id, case_id, member) DO UPDATE SET vote = excluded.vote",
                [session_id, case_id, member, vote],
            )
    return check


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]  # by vote, abstentions included
    leading: str | None  # the outcome with the most votes; None if none or tied
    cast: int  # votes for an outcome (abstentions not counted)
    abstentions: int

    def sentence(self, framework: Framework) -> str:
        if not self.counts:
            return "No votes yet."
        parts = [
            f"{vote_title(framework, k)} {n}"
            for k, n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]
        lead = (
            f"; most votes: {framework.outcome_title(self.leading)}"
            if self.leading
            else "; no outcome leads"
        )
        return ", ".join(parts) + lead + "."


def tally(votes: dict[str, str]) -> Tally:
    counts = Counter(votes.values())
    outcomes = {k: n for k, n in counts.items() if k != ABSTAIN}
    leading = None
    if outcomes:
        best = max(outcomes.values())
        top = [k for k, n in outcomes.items() if n == best]
        leading = top[0] if len(top) == 1 else None
    return Tally(dict(counts), leading, sum(outcomes.values()), counts.get(ABSTAIN, 0))


def _require_open(session: Session, doing: str) -> None:
    """Votes and decisions are taken at an open sitting only: not planned, not closed."""
    if session.status == "closed":
        raise SessionError(f"This sitting is closed; its {doing} can no longer change.")
    if session.status != "open":
        raise SessionError(f"This sitting is still planned; open it before {doing} are recorded.")


def record_decision(
    library: CaseLibrary,
    framework: Framework,
    session_id: int,
    case_id: str,
    outcome: str,
    *,
    rationale: str = "",
    conditions: Sequence[Condition] = (),
    dissent: Sequence[Dissent] = (),
    distinction: str = "",
    departure: str = "",
    review_by: date | None = None,
    replace_decision: bool = False,
) -> Case:
    """Record the council's decision on an agenda item, with the votes cast in the sitting.

    The decision follows its sitting (:mod:`council_app.council.decision_rules`): one that
    departs from the vote, the recommendation, a red line or close precedents is recorded only
    with ``departure``, the reason; an outcome that needs conditions only with one. With the
    decision go exactly this sitting's votes, who stood aside, the weights in force and the
    precedents as they stood, so that its memo reads the same however the library changes.

    A case that already carries a decision keeps it unless ``replace_decision`` says otherwise:
    the council may be correcting a slip in this sitting, but a decision from an earlier
    sitting is changed on re-review by a new case that supersedes it. The one replaced stays in
    the revision history (the audit log), votes and all.
    """
    from council_app.case import RecordedWeights, StoodAside
    from council_app.council.commitments import committed
    from council_app.council.decision_rules import (
        decision_departures,
        decision_problems,
        sitting_review_by,
        vote_result,
    )
    from council_app.council.scoring_context import scoring_context
    from council_app.precedent.consistency import superseded_here
    from council_app.precedent.findings import (
        RECORDED_PRECEDENTS,
        precedent_findings,
        recorded_precedents,
    )

    if outcome not in framework.outcome_keys:
        raise SessionError(
            f"A decision is one of {', '.join(framework.outcome_keys)}; not {outcome!r}."
        )
    with library.write(what=f"decision recorded at sitting {session_id}"):
        session = get_session(library, session_id)
        if not session.on_agenda(case_id):
            raise SessionError(f"{case_id} is not on the agenda of this sitting.")
        _require_open(session, "decisions")
        check = item_quorum(library, session, case_id)
        if not check.met:
            raise SessionError(f"No decision is recorded for {case_id}. {check.sentence()}")
        case = library.get_case(case_id)
        if case.decision is not None and not replace_decision:
            when = date_words(case.decision.date) if case.decision.date else "an earlier date"
            raise SessionError(
                f"{case_id} was already decided ({framework.outcome_title(case.decision.outcome)}, "
                f"{when}). Replace that decision only if the council means to; the case is unchanged."
            )
        context = scoring_context(library, framework, case, deciding=True)
        score = context.score(framework, case, draws=0)
        found = precedent_findings(
            library, framework, case, score, top=RECORDED_PRECEDENTS, as_of=session.date
        )
        votes = session.votes.get(case_id, {})
        roles = {m.name: m.role for m in list_members(library)}
        result = vote_result(framework, votes, roles)
        departures = decision_departures(
            framework,
            outcome,
            vote=result,
            score=score,
            precedents=found.search.precedents,
            superseding=superseded_here(case),
        )
        problems = decision_problems(
            framework,
            outcome,
            conditions=len(conditions),
            departure=departure,
            distinction=distinction,
            departures=departures,
        )
        if problems:
            raise SessionError(f"No decision is recorded for {case_id}. " + " ".join(problems))
        weights = context.weights
        decided = Decision(
            outcome=outcome,
            date=session.date,
            rationale=rationale,
            distinction=distinction,
            conditions=committed(
                framework,
                outcome,
                session.date,
                with_obligations(framework, case, outcome, conditions),
            ),
            review_by=review_by or sitting_review_by(framework, outcome, session.date, case, score),
            votes=tuple(Vote(member=m, vote=v) for m, v in votes.items()),
            dissent=tuple(dissent),
            departure=departure.strip(),
            stood_aside=tuple(
                StoodAside(r.member, r.reason) for r in case_recusals(library, case_id)
            ),
            weights=RecordedWeights(
                values={k: float(v) for k, v in weights.values.items()},
                profile=weights.profile_key,
            ),
            precedents=recorded_precedents(found.search.precedents),
        )
        updated = replace(case, decision=decided, status="decided")
        library.save_case(updated)
        return library.get_case(case_id)


def delete_session(library: CaseLibrary, session_id: int) -> None:
    _session_row(library, session_id)
    with library.write(what=f"sitting {session_id} deleted") as db:
        db.execute("DELETE FROM sessions WHERE id = ?", [session_id])


__all__ = [
    "VOTE_CHOICES",
    "AgendaItem",
    "Recusal",
    "Session",
    "SessionError",
    "Tally",
    "add_to_agenda",
    "case_recusals",
    "create_session",
    "delete_session",
    "get_session",
    "item_quorum",
    "list_sessions",
    "member_kinds",
    "quorum_composition",
    "quorum_rule",
    "record_decision",
    "record_vote",
    "recuse",
    "remove_from_agenda",
    "reorder_agenda",
    "set_attendance",
    "set_quorum_composition",
    "set_quorum_rule",
    "set_status",
    "sitting_quorum",
    "sittings_on",
    "tally",
    "voting_members",
]
