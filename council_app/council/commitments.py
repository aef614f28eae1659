"""Conditions as commitments: where each stands on a day, what follows, and recording it.

A decision "approve with conditions" is only as good as the conditions it rests on, so each
condition keeps who owes it (``owner``), its kind (the case's framework names the kinds and
their consequences: ``framework.condition_kinds``), when it falls due (a date, or every so many
months), the status changes members recorded (who, when, why) and the evidence that it was
kept. This module states, once, what follows from those for the due list, ``council-app
conditions``, the Commitments view, the memo and the minutes:

- A condition's **standing on a day** is its last recorded status on or before that day, else
  "open"; an open condition whose due date has passed, or a recurring one whose next report
  has not come, stands "overdue" (with why).
- A condition in a status its kind ``calls_review`` for (as shipped: a before-launch condition
  overdue or breached, an ongoing one breached) calls the decision back for review: the
  decision is due. Any other condition overdue or breached is listed as a commitment.
- A deferral's requests for information carry a date (``commitments.deferral_lapses_after_days``
  after the decision when they name none); one not met by then lapses the deferral, and the
  case comes back to the agenda.
- A condition is waived only with a reason, when the framework says so (as shipped).

The conditions of a decision another case supersedes bind through that case, not on their
own, so they are not listed (as with review dates).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from council_app.case import Condition, Decision, Evidence, StatusChange
from council_app.case_edits import months_after
from council_app.date_words import date_words
from council_app.errors import CaseNotFound, CouncilError
from council_app.library.condition_json import evidence_from_json, history_from_json
from council_app.vocabulary import (
    CONDITION_STATUSES,
    CONFIDENTIALITY_CLASSES,
    ConditionStatus,
    condition_status_title,
)

if TYPE_CHECKING:
    from council_app.case import Case
    from council_app.framework import Framework
    from council_app.library.case_library import CaseLibrary

# Statuses in which a condition is not kept: what the due list and ``--overdue`` show.
NOT_KEPT: tuple[ConditionStatus, ...] = ("overdue", "breached")


class CommitmentError(CouncilError):
    """A condition cannot be updated as asked; the message says why, and nothing changed."""


def default_condition_kind(framework: Framework, outcome: str) -> str:
    """The kind a condition of a decision with ``outcome`` is when none is said: a deferral's
    is a request for information (when the framework has such a kind), any other the
    framework's default kind."""
    if outcome == framework.deferral and framework.information_kind:
        return framework.information_kind
    return framework.commitments.default_kind


def committed(
    framework: Framework, outcome: str, decided_on: date, conditions: Sequence[Condition]
) -> tuple[Condition, ...]:
    """The conditions as a decision records them: each of a kind (a deferral's are requests
    for information, any other's the framework's default kind), and a deferral's requests
    with the date after which it lapses."""
    deferral = outcome == framework.deferral
    kind = default_condition_kind(framework, outcome)
    lapse = decided_on.fromordinal(
        decided_on.toordinal() + framework.commitments.deferral_lapses_after_days
    )
    out = []
    for c in conditions:
        c = c if c.kind else replace(c, kind=kind)
        of_kind = framework.condition_kind(c.kind)
        if deferral and c.due is None and of_kind is not None and of_kind.lapses_deferral:
            c = replace(c, due=lapse)
        out.append(c)
    return tuple(out)


@dataclass(frozen=True)
class Standing:
    """Where a condition stands on ``day``, and what follows from it."""

    day: date
    status: ConditionStatus
    said: StatusChange | None  # the last status recorded on or before the day
    due: date | None  # when it is (next) due
    why: str  # the standing in a sentence
    calls_review: bool  # its framework calls the decision back for review
    lapses_deferral: bool  # it lapses the deferral it was requested for

    @property
    def kept(self) -> bool:
        return self.status not in NOT_KEPT


def next_due(condition: Condition, decided: date | None, day: date) -> date | None:
    """When the condition is (next) due, as of ``day``: its date; for a recurring one, so many
    months after it was last met (the first time at its date, or that long after the decision)."""
    if not condition.every_months:
        return condition.due
    met = [h.on for h in condition.history if h.status == "met" and h.on <= day]
    if met:
        return months_after(max(met), condition.every_months)
    if condition.due is not None:
        return condition.due
    return months_after(decided, condition.every_months) if decided else None


def every_words(months: int) -> str:
    """How often a recurring condition falls due: "every month", "every 3 months"."""
    return "every month" if months == 1 else f"every {months} months"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n:,} days"


def standing(framework: Framework, decision: Decision, condition: Condition, day: date) -> Standing:
    said = next((h for h in reversed(condition.history) if h.on <= day), None)
    stated: ConditionStatus = said.status if said else "open"  # type: ignore[assignment]
    due = next_due(condition, decision.date, day)
    status: ConditionStatus = stated
    recurring = bool(condition.every_months)
    # Open past its date, or a recurring report not come since it was last met.
    if due is not None and due < day and (stated == "open" or (stated == "met" and recurring)):
        status = "overdue"
    if status == "overdue" and stated != "overdue" and due is not None:
        late = _days((day - due).days)
        if recurring and stated == "met" and said is not None:
            why = (
                f"Due {every_words(condition.every_months or 1)}, next on {date_words(due)} "
                f"({late} ago); last met on {date_words(said.on)}."
            )
        else:
            why = f"Due on {date_words(due)} ({late} ago) and not recorded as met."
    elif said is not None:
        by = f" by {said.by}" if said.by else ""
        note = f": {said.note.rstrip('.')}" if said.note else ""
        why = f"{condition_status_title(said.status)} on {date_words(said.on)}{by}{note}."
    elif due is not None:
        why = f"Open; due on {date_words(due)}."
    else:
        why = "Open; no due date."
    kind = framework.condition_kind(condition.kind)
    calls = kind is not None and status in kind.calls_review
    lapses = (
        kind is not None
        and kind.lapses_deferral
        and decision.outcome == framework.deferral
        and status in NOT_KEPT
    )
    return Standing(day, status, said, due, why, calls, lapses)


def as_of_day(decision: Decision) -> date | None:
    """The day a memo reads its conditions' standing on: the last day anything was recorded of
    them (a status, evidence), else the decision's. Taken from the record, not the clock, so a
    memo of the same record reads the same whenever it is made."""
    days = [d for d in (decision.date,) if d is not None]
    for c in decision.conditions:
        days += [h.on for h in c.history] + [e.added_on for e in c.evidence]
    return max(days) if days else None


def evidence_words(evidence: Evidence) -> str:
    """One piece of evidence as the memo, the minutes and the case view say it:
    "audit.pdf (12 KB, SHA-256 1444dffef470…): Audit of the 31 stores (20 January 2023, Jonas
    Lindqvist)"."""
    from council_app.user_files import size_words

    file = (
        f"{evidence.file_name} ({size_words(evidence.size)}, SHA-256 {evidence.sha256[:12]}…)"
        if evidence.sha256
        else ""
    )
    what = ": ".join(x for x in (file, evidence.note) if x) or "Evidence"
    by = f", {evidence.added_by}" if evidence.added_by else ""
    return f"{what} ({date_words(evidence.added_on)}{by})"


def standing_words(found: Standing) -> str:
    """The standing as the record says it: "Met on 8 January 2026 by Jonas Lindqvist: …"."""
    derived = found.said is None or found.said.status != found.status
    return f"Overdue. {found.why}" if found.status == "overdue" and derived else found.why


@dataclass(frozen=True)
class Commitment:
    """One condition of one decision, as the Commitments view and ``conditions`` list it."""

    case_id: str
    title: str
    outcome: str
    decided: date | None
    number: int  # 1-based, as the decision lists it
    condition: Condition
    standing: Standing
    framework: Framework

    @property
    def kind_title(self) -> str:
        return self.framework.condition_kind_title(self.condition.kind)

    def sentence(self) -> str:
        """Why the condition is on the due list: what it is, and where it stands."""
        c = self.condition
        about = ", ".join(
            x
            for x in (self.kind_title if c.kind else "", f"owner {c.owner}" if c.owner else "")
            if x
        )
        text = c.text.strip()
        stop = "" if text.endswith((".", "!", "?")) else "."
        head = f"Condition {self.number}" + (f" ({about})" if about else "") + f": “{text}{stop}”"
        if self.standing.lapses_deferral:
            when = date_words(self.standing.due) if self.standing.due else "its date"
            return (
                f"{head} The deferral lapsed on {when}: the information requested had not "
                "come, so the case comes back to the agenda."
            )
        tail = (
            " The framework calls the decision back for review."
            if self.standing.calls_review
            else ""
        )
        return f"{head} {self.standing.why}{tail}"


_SQL = """
    SELECT c.case_id, c.position, c.text, c.owner, c.due, c.kind, c.every_months, c.history,
           c.evidence, d.outcome, d.date, k.title
    FROM conditions c
    JOIN decisions d ON d.case_id = c.case_id
    JOIN cases k ON k.id = c.case_id
    WHERE c.case_id NOT IN (SELECT target_id FROM case_links WHERE link_type = 'supersedes')
"""


# Conditions that may stand not kept on a day (?): recurring ones, those whose last word is
# dated after it, those last said overdue or breached, and open ones past their date. Every
# condition :func:`standing` finds not kept is among them, so the due list, which reads only
# these, parses a few rows instead of every condition in the library.
_MAY_BE_UNKEPT = """
    AND (c.every_months IS NOT NULL
         OR json_extract(c.history, '$[#-1].on') > ?
         OR coalesce(json_extract(c.history, '$[#-1].status'), 'open') IN ('overdue', 'breached')
         OR (coalesce(json_extract(c.history, '$[#-1].status'), 'open') = 'open' AND c.due < ?))
"""


def list_commitments(
    library: CaseLibrary, today: date, *, case_id: str | None = None, not_kept: bool = False
) -> list[Commitment]:
    """Every condition of every standing decision (or of one case), with its standing today,
    read from the tables at once (no case is loaded whole): by case, then as numbered.
    ``not_kept``: only those overdue or breached today."""
    from council_app.library.frameworks import decided_frameworks

    sql, args = _SQL, []
    if case_id:
        sql += " AND c.case_id = ?"
        args.append(case_id)
    if not_kept:
        sql += _MAY_BE_UNKEPT
        args += [today.isoformat(), today.isoformat()]
    rows = library.db.execute(sql + " ORDER BY c.case_id, c.position", args).fetchall()
    under = decided_frameworks(library, sorted({r[0] for r in rows}))
    out: list[Commitment] = []
    for (
        cid,
        pos,
        text,
        owner,
        due,
        kind,
        every,
        history,
        evidence,
        outcome,
        decided,
        title,
    ) in rows:
        condition = Condition(
            text=text,
            owner=owner,
            due=date.fromisoformat(due) if due else None,
            kind=kind,
            every_months=every,
            history=history_from_json(json.loads(history)),
            evidence=evidence_from_json(json.loads(evidence)),
        )
        decision = Decision(outcome=outcome, date=date.fromisoformat(decided) if decided else None)
        framework = under[cid]
        found = standing(framework, decision, condition, today)
        if not_kept and found.kept:
            continue
        out.append(
            Commitment(
                cid,
                title,
                outcome,
                decision.date,
                pos + 1,  # positions are written 0, 1, 2… in the decision's order
                condition,
                found,
                framework,
            )
        )
    return out


def lapsed_deferrals(library: CaseLibrary, day: date) -> dict[str, date]:
    """The deferrals whose request for information has lapsed by ``day``, with the day the
    first lapsed, that no sitting planned or open on or after it has on its agenda: the cases
    that come back to the agenda. A new sitting proposes them (``session new``, the app)."""
    lapsed: dict[str, date] = {}
    for item in list_commitments(library, day):
        found = item.standing
        if found.lapses_deferral and found.due is not None:
            lapsed[item.case_id] = min(found.due, lapsed.get(item.case_id, found.due))
    if not lapsed:
        return {}
    marks = ",".join("?" * len(lapsed))
    scheduled = {
        row[0]
        for row in library.db.execute(
            f"SELECT a.case_id FROM agenda_items a JOIN sessions s ON s.id = a.session_id "
            f"WHERE s.status != 'closed' AND a.case_id IN ({marks})",
            list(lapsed),
        )
    }
    return {case_id: when for case_id, when in sorted(lapsed.items()) if case_id not in scheduled}


def update_condition(
    library: CaseLibrary,
    case_id: str,
    number: int,
    *,
    on: date,
    by: str,
    status: str | None = None,
    note: str = "",
    evidence_file: Path | str | None = None,
    evidence_note: str = "",
    evidence_confidentiality: str = "",
    expected_revision: int | None = None,
) -> Case:
    """Record a condition's new status (with who, when and why) and/or evidence for it.

    Everything is checked before anything is written, and the status, the evidence and its
    file land in one transaction. ``expected_revision``: the case's revision the caller showed
    (the app); a case changed since is refused, not overwritten. ``evidence_confidentiality``:
    who may read the evidence ("": the framework's default for attachments).
    """
    from council_app.library.evidence import read_evidence_file, store_evidence
    from council_app.library.frameworks import case_framework

    if status is None and evidence_file is None and not evidence_note.strip():
        raise CommitmentError("Say what to record: a status, evidence, or both.")
    if status is not None and status not in CONDITION_STATUSES:
        raise CommitmentError(
            f"A condition's status is one of {', '.join(CONDITION_STATUSES)}; not {status!r}."
        )
    if evidence_confidentiality and evidence_confidentiality not in CONFIDENTIALITY_CLASSES:
        raise CommitmentError(
            f"Who may read evidence is one of {', '.join(CONFIDENTIALITY_CLASSES)}; "
            f"not {evidence_confidentiality!r}. Nothing changed."
        )
    attached = read_evidence_file(evidence_file) if evidence_file is not None else None
    what = f"condition {number} of {case_id}" + (
        f": {condition_status_title(status).lower()}" if status else ": evidence added"
    )
    with library.write(what=what) as db:
        if not library.has_case(case_id):
            raise CaseNotFound(case_id)
        case = library.get_case(case_id)
        if expected_revision is not None and case.revision != expected_revision:
            from council_app.library import revisions

            raise revisions.conflict(
                library, replace(case, revision=expected_revision), case.revision, case
            )
        decision = case.decision
        if decision is None or not decision.conditions:
            raise CommitmentError(f"{case_id} has no decision with conditions; nothing changed.")
        if not 1 <= number <= len(decision.conditions):
            raise CommitmentError(
                f"{case_id}'s decision has {len(decision.conditions)} condition(s), numbered "
                f"from 1; there is no condition {number}. Nothing changed."
            )
        if decision.date and on < decision.date:
            raise CommitmentError(
                f"{case_id} was decided on {date_words(decision.date)}; a condition's status "
                "is recorded after that. Nothing changed."
            )
        framework = case_framework(library, case)
        if status == "waived" and framework.commitments.waiver_needs_reason and not note.strip():
            raise CommitmentError(
                "A condition is waived only with a reason; say why (the note). Nothing changed."
            )
        condition = decision.conditions[number - 1]
        if status is not None:
            # Kept in date order (a status may be recorded after the day it took effect), the
            # later of two on the same day last: the history is read so (``standing``).
            change = StatusChange(status, on, by.strip(), note.strip())
            at = sum(1 for h in condition.history if h.on <= on)
            history = (*condition.history[:at], change, *condition.history[at:])
            condition = replace(condition, history=history)
        if attached is not None or evidence_note.strip():
            item = Evidence(
                added_on=on,
                note=evidence_note.strip(),
                added_by=by.strip(),
                confidentiality=evidence_confidentiality,
            )
            if attached is not None:
                store_evidence(db, attached.sha256, attached.media_type, attached.content)
                item = replace(
                    item,
                    file_name=attached.name,
                    sha256=attached.sha256,
                    size=attached.size,
                    media_type=attached.media_type,
                )
            condition = replace(condition, evidence=(*condition.evidence, item))
        conditions = list(decision.conditions)
        conditions[number - 1] = condition
        updated = replace(case, decision=replace(decision, conditions=tuple(conditions)))
        library.save_case(updated)
    return library.get_case(case_id)


__all__ = [
    "NOT_KEPT",
    "Commitment",
    "CommitmentError",
    "Standing",
    "as_of_day",
    "committed",
    "default_condition_kind",
    "every_words",
    "evidence_words",
    "lapsed_deferrals",
    "list_commitments",
    "next_due",
    "standing",
    "standing_words",
    "update_condition",
]
