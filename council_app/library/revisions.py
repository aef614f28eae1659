"""A case's revisions: every write says which one it started from, and a stale one is refused.

The library numbers each case's revisions (``cases.revision``, 1 when it is first recorded, one
more at every write that changes it). A :class:`~council_app.case.Case` read from the library
carries the revision it was read at, and an edit made from it keeps that number, so a save
knows what it was based on. If the library has moved on since (a sitting recorded the decision
while the case was open in a tab, another window saved it), the save is refused with a
:class:`~council_app.errors.RevisionConflict` that names the change, and nothing is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from council_app.errors import RevisionConflict

if TYPE_CHECKING:
    from council_app.case import Case
    from council_app.library.case_library import CaseLibrary


def latest_change(library: CaseLibrary, case_id: str) -> str:
    """The last recorded change to the case, in words: what, when and who (from the audit log)."""
    if not library.has_audit_log():
        return ""
    row = library.conn.execute(
        "SELECT at, actor, what, action FROM audit_log WHERE subject = ? "
        "AND action IN ('case added', 'case changed', 'case deleted') ORDER BY id DESC LIMIT 1",
        [case_id],
    ).fetchone()
    if row is None:
        return ""
    at, who, what, action = row
    try:
        when = datetime.fromisoformat(at).strftime("%Y-%m-%d %H:%M UTC")
    except ValueError:
        when = at
    return f"{what or action}, {when}, by {who}"


def conflict(
    library: CaseLibrary, case: Case, revision: int, current: Case | None
) -> RevisionConflict:
    """The refusal of a write of ``case`` (based on ``case.revision``) over ``revision``."""
    change = latest_change(library, case.id)
    said = f": {change}" if change else ""
    if current is None:
        head = f"{case.id} was deleted from the library after you opened it{said}."
    elif case.revision == 0:
        head = f"A case {case.id} was recorded in the library while you were writing yours{said}."
    else:
        head = (
            f"{case.id} was changed in the library after you opened it (revision "
            f"{case.revision}, now {revision}){said}."
        )
    return RevisionConflict(
        f"Not saved: {head} Nothing was overwritten; look at the change first.",
        case_id=case.id,
        base=case.revision,
        revision=revision,
        current=current,
    )


__all__ = ["conflict", "latest_change"]
