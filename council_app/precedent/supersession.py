"""Whether a decision is still in force, or a later decision has superseded it.

A case is superseded once a case that says it supersedes it (a ``supersedes`` link) has been
decided; until then the earlier decision stands, and the later case only proposes to replace
it. The rule is the ranking's (:func:`council_app.precedent.ranking.decided_by`), so that the
memo's banner, the precedents table and the case graph agree on what is in force.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from council_app.case import CaseSummary
from council_app.errors import LibraryError
from council_app.library import CaseLibrary
from council_app.library.case_library import describe_sqlite_error
from council_app.precedent.ranking import decided_by


@dataclass(frozen=True)
class Supersession:
    by: tuple[CaseSummary, ...]  # decided cases that supersede this one, earliest first
    pending: tuple[CaseSummary, ...]  # cases not yet decided that would supersede it

    @property
    def in_force(self) -> bool:
        return not self.by


def supersession(library: CaseLibrary, case_id: str) -> Supersession:
    """What supersedes ``case_id`` now, as the library holds it."""
    try:
        sources = [
            row[0]
            for row in library.db.execute(
                "SELECT DISTINCT case_id FROM case_links WHERE link_type = 'supersedes' "
                "AND target_id = ? AND case_id != ? ORDER BY case_id",
                [case_id, case_id],
            )
        ]
        summaries = library.summaries(sources) if sources else {}
    except sqlite3.Error as exc:
        raise LibraryError(describe_sqlite_error(exc, library.path)) from exc
    found = [summaries[s] for s in sources if s in summaries]
    by = sorted(
        (s for s in found if decided_by(s, None)),
        key=lambda s: (s.decided is None, s.decided, s.id),
    )
    pending = [s for s in found if s.outcome is None and s.status != "withdrawn"]
    return Supersession(tuple(by), tuple(pending))


__all__ = ["Supersession", "supersession"]
