"""Re-review: decisions past or near their review date, and decisions a watch-list entry touches.

Every decision carries a review-by date (a default per outcome in the framework). The watch list
holds regions and topics with a date and a note ("elections announced", "sanctions changed"); an
entry flags every case decided before it that shares the region or the topic (a tag), because
the ground it was decided on may have moved. An entry may also name the day of an event (an
election): the decisions it touches are then due for review by that day, like a review date
brought forward, and come onto the list as the day nears. Reviewing the decision (``record_review``) clears
both: the review date moves on, and a watch entry no longer flags a case reviewed since.

A condition not kept is listed too, with why (council_app.council.commitments): one its
framework calls the decision back for (a before-launch condition overdue or breached, a
deferral's request for information past its date) makes the decision overdue for review; any
other overdue or breached is listed as a commitment. These stay until the condition's status
says otherwise (met, waived), since a review that lets the decision stand does not keep it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from council_app.date_words import date_words
from council_app.errors import CaseNotFound, CouncilError
from council_app.vocabulary import DUE_KINDS, DueKind

if TYPE_CHECKING:
    # Named for annotations only: the command line reads REVIEW_HORIZON_DAYS from here when it
    # builds its parser, for every command, and the case model and the library would add
    # some 40 ms to each start.
    from council_app.case import Case, CaseSummary
    from council_app.framework import Framework
    from council_app.library.case_library import CaseLibrary

Kind = Literal["region", "topic"]

# How far ahead a review date counts as due, in days, wherever the council asks what is due
# for review: the Re-review tab's starting horizon, the library's "Review due" filter and
# ``council-app due``. Stated here only; every other place reads it from here.
REVIEW_HORIZON_DAYS = 30


@dataclass(frozen=True)
class WatchEntry:
    id: int
    kind: Kind
    value: str
    noted_on: date
    note: str
    active: bool = True
    event_on: date | None = None  # the day of the event the entry is about, if it has one

    def sentence(self) -> str:
        what = f"region {self.value}" if self.kind == "region" else f"topic “{self.value}”"
        note = f": {self.note}" if self.note else ""
        when = f"; event on {date_words(self.event_on)}" if self.event_on else ""
        return f"Watch list, {what} ({date_words(self.noted_on)}{when}){note}"


@dataclass(frozen=True)
class DueItem:
    case: CaseSummary
    kind: DueKind
    reasons: tuple[str, ...]
    # The framework the decision was taken under (its outcome's title and review period are
    # that version's); None for items made without a library, read under the one in force.
    framework: Framework | None = field(default=None, compare=False)


def add_watch(
    library: CaseLibrary,
    kind: Kind,
    value: str,
    noted_on: date,
    note: str = "",
    *,
    event_on: date | None = None,
) -> WatchEntry:
    if kind not in ("region", "topic"):
        raise CouncilError(f"A watch-list entry is about a region or a topic, not {kind!r}.")
    value = value.strip().upper() if kind == "region" else value.strip().lower().replace(" ", "-")
    if not value:
        raise CouncilError("Say which region or topic to watch.")
    with library.write(what=f"watch-list entry added: {kind} {value}") as db:
        cursor = db.execute(
            "INSERT INTO watch_list (kind, value, noted_on, note, event_on) VALUES (?, ?, ?, ?, ?)",
            [kind, value, noted_on.isoformat(), note.strip(), event_on and event_on.isoformat()],
        )
        entry_id = int(cursor.lastrowid or 0)
    return WatchEntry(entry_id, kind, value, noted_on, note.strip(), event_on=event_on)


def list_watch(library: CaseLibrary, *, include_inactive: bool = False) -> list[WatchEntry]:
    sql = "SELECT id, kind, value, noted_on, note, active, event_on FROM watch_list"
    if not include_inactive:
        sql += " WHERE active = 1"
    return [
        WatchEntry(i, k, v, date.fromisoformat(d), n, bool(a), date.fromisoformat(e) if e else None)
        for i, k, v, d, n, a, e in library.db.execute(sql + " ORDER BY noted_on DESC, id DESC")
    ]


def close_watch(library: CaseLibrary, entry_id: int) -> None:
    """Stop an entry from flagging cases (it stays on record)."""
    with library.write(what=f"watch-list entry {entry_id} closed") as db:
        cursor = db.execute("UPDATE watch_list SET active = 0 WHERE id = ?", [entry_id])
        if cursor.rowcount == 0:
            raise CouncilError(f"There is no watch-list entry number {entry_id}.")


def _touched(library: CaseLibrary, entry: WatchEntry) -> list[str]:
    """Cases decided before the entry, sharing its region or topic, not reviewed since.

    A superseded decision is left out: the case that supersedes it carries the question now.
    """
    table, column = ("case_regions", "region") if entry.kind == "region" else ("case_tags", "tag")
    noted = entry.noted_on.isoformat()
    return [
        row[0]
        for row in library.db.execute(
            f"SELECT x.case_id FROM {table} x JOIN decisions d ON d.case_id = x.case_id "
            f"WHERE x.{column} = ? AND (d.date IS NULL OR d.date < ?) "
            "AND NOT EXISTS (SELECT 1 FROM decision_reviews r "
            "                WHERE r.case_id = x.case_id AND r.date >= ?) "
            "AND x.case_id NOT IN "
            "    (SELECT target_id FROM case_links WHERE link_type = 'supersedes') "
            "ORDER BY x.case_id",
            [entry.value, noted, noted],
        )
    ]


def flagged_by_watch(library: CaseLibrary) -> dict[str, list[WatchEntry]]:
    """Decided cases each active entry touches: decided before the entry, same region or topic."""
    flagged: dict[str, list[WatchEntry]] = {}
    for entry in list_watch(library):
        for case_id in _touched(library, entry):
            flagged.setdefault(case_id, []).append(entry)
    return flagged


def _horizon_end(today: date, within_days: int) -> date:
    """The last day a review date may fall on for the decision to count as due on ``today``."""
    # Near the calendar's end (a --today of 9999-12-31) the horizon stops at its last day
    # rather than overflowing: every review date there is is within it.
    return date.fromordinal(min(max(today.toordinal() + within_days, 1), date.max.toordinal()))


def _due(
    library: CaseLibrary, today: date, within_days: int
) -> dict[str, tuple[DueKind, list[str]]]:
    """What "due for review" means, stated once: each due case with its kind and its reasons.

    A decision is due when its review date is past or within the horizon, or when an active
    watch-list entry flags it. A decision another case supersedes is reviewed through that
    case, not on its own, so it is never due. The Re-review tab, ``council-app due`` and the
    library's "Review due" filter all come here (through :func:`due_for_review` and
    :func:`cases_due_for_review`), so they cannot disagree on what is due.
    """
    horizon = _horizon_end(today, within_days)
    rows = library.db.execute(
        "SELECT case_id, review_by FROM decisions WHERE review_by IS NOT NULL AND review_by <= ? "
        "AND case_id NOT IN (SELECT target_id FROM case_links WHERE link_type = 'supersedes')",
        [horizon.isoformat()],
    ).fetchall()
    due: dict[str, tuple[DueKind, list[str]]] = {}

    def note(case_id: str, kind: DueKind, reason: str) -> None:
        """The case is due for this reason; it is listed under its most pressing kind."""
        was, reasons = due.get(case_id, (kind, []))
        due[case_id] = (was if DUE_KINDS.index(was) < DUE_KINDS.index(kind) else kind, reasons)
        reasons.append(reason)

    def note_date(case_id: str, when: date, reason: str) -> None:
        note(case_id, "overdue" if when < today else "due", reason)

    for case_id, review_by in rows:
        when = date.fromisoformat(review_by)
        if when < today:
            note_date(
                case_id, when, f"Review was due on {date_words(when)} ({_days(today - when)} ago)."
            )
        elif when == today:
            note_date(case_id, when, f"Review is due on {date_words(when)} (today).")
        else:
            note_date(
                case_id, when, f"Review is due on {date_words(when)} (in {_days(when - today)})."
            )
    from council_app.council.commitments import list_commitments

    for commitment in list_commitments(library, today, not_kept=True):
        found = commitment.standing
        # A condition its framework calls the decision back for makes the review overdue; any
        # other not kept is listed beside the review dates as a commitment.
        called = found.calls_review or found.lapses_deferral
        note(commitment.case_id, "overdue" if called else "commitment", commitment.sentence())
    for case_id, entries in flagged_by_watch(library).items():
        for entry in entries:
            if entry.event_on is None:
                note(case_id, "watch", entry.sentence())
            elif entry.event_on <= horizon:
                # An event brings the review forward to its day: due like a review date.
                note_date(
                    case_id,
                    entry.event_on,
                    f"{entry.sentence()}. Review brought forward to before the event.",
                )
    return due


def _days(span: timedelta) -> str:
    return "1 day" if span.days == 1 else f"{span.days:,} days"


def cases_due_for_review(
    library: CaseLibrary, today: date, *, within_days: int = REVIEW_HORIZON_DAYS
) -> frozenset[str]:
    """The ids of the cases :func:`due_for_review` lists, for narrowing a search to them.

    Only the ids: the library's "Review due" filter needs no reasons, and reading the cases'
    summaries is left to the search that shows them.
    """
    return frozenset(_due(library, today, within_days))


def due_for_review(
    library: CaseLibrary, today: date, *, within_days: int = REVIEW_HORIZON_DAYS
) -> list[DueItem]:
    """Decisions past their review date, those due within ``within_days``, and watch flags."""
    from council_app.library.frameworks import decided_frameworks

    due = _due(library, today, within_days)
    summaries = library.summaries(list(due))
    under = decided_frameworks(library, list(summaries))
    items = [
        DueItem(summaries[case_id], kind, tuple(reasons), under.get(case_id))
        for case_id, (kind, reasons) in due.items()
        if case_id in summaries
    ]
    items.sort(key=lambda i: (DUE_KINDS.index(i.kind), i.case.review_by or date.max, i.case.id))
    return items


def record_review(
    library: CaseLibrary,
    case_id: str,
    on: date,
    next_review_by: date,
    note: str = "",
) -> Case:
    """Record that the council reviewed a decision and let it stand until ``next_review_by``.

    A decision the council wants to change is not edited here: it becomes a new case that
    supersedes this one, so that what was decided, and why, stays on record.
    """
    from council_app.case import Review

    if next_review_by <= on:
        raise CouncilError("The next review date must come after the review.")
    with library.write(what=f"review recorded: the decision stands until {next_review_by}"):
        if not library.has_case(case_id):
            raise CaseNotFound(case_id)
        case = library.get_case(case_id)
        decision = case.decision
        if decision is None:
            raise CouncilError(f"{case_id} has no decision to review.")
        if decision.date and on < decision.date:
            raise CouncilError(
                f"{case_id} was decided on {date_words(decision.date)}; a review comes after that."
            )
        reviewed = replace(
            decision,
            review_by=next_review_by,
            reviews=(*decision.reviews, Review(on, note.strip(), next_review_by)),
        )
        updated = replace(case, decision=reviewed)
        library.save_case(updated)
    return updated
