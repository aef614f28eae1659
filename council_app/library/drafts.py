"""Autosaved work in progress on cases.

A draft is the whole case as the user is editing it, in the exchange format, with the
fingerprint and the revision of the stored case it started from. Saving the case writes it and
removes the draft in one transaction; a draft left behind by a crash is offered back when the
case is opened again, and its case carries the revision it was based on, so that saving it over
a case that changed in the meantime is refused like any stale save.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from council_app.case import Case
from council_app.library.case_library import CaseLibrary


@dataclass(frozen=True)
class Draft:
    case: Case
    base_fingerprint: str  # of the stored case when editing began; "" for a new case
    saved_at: str


def save_draft(
    library: CaseLibrary, case: Case, base_fingerprint: str, *, key: str | None = None
) -> str:
    """Keep the case as it stands; ``key`` is the id the case had when editing began (the
    user may change the id of a new case while editing it)."""
    # The exchange format brings jsonschema; only a draft's save or load needs it, not start-up.
    from council_app.library.case_json import case_to_json

    saved_at = datetime.now(UTC).isoformat(timespec="seconds")
    with library.write() as db:
        db.execute(
            "INSERT INTO drafts (case_id, document, base_fingerprint, base_revision, saved_at) "
            "VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(case_id) DO UPDATE SET document = excluded.document, "
            "base_fingerprint = excluded.base_fingerprint, "
            "base_revision = excluded.base_revision, saved_at = excluded.saved_at",
            [
                key or case.id,
                json.dumps(case_to_json(case), ensure_ascii=False),
                base_fingerprint,
                case.revision,
                saved_at,
            ],
        )
    return saved_at


def load_draft(library: CaseLibrary, case_id: str) -> Draft | None:
    from council_app.library.case_json import case_from_json

    row = library.db.execute(
        "SELECT document, base_fingerprint, base_revision, saved_at FROM drafts WHERE case_id = ?",
        [case_id],
    ).fetchone()
    if row is None:
        return None
    case = replace(case_from_json(json.loads(row[0])), revision=int(row[2]))
    return Draft(case, row[1], row[3])


def list_drafts(library: CaseLibrary) -> list[str]:
    return [
        row[0] for row in library.db.execute("SELECT case_id FROM drafts ORDER BY saved_at DESC")
    ]


def discard_draft(library: CaseLibrary, case_id: str) -> None:
    with library.write() as db:
        db.execute("DELETE FROM drafts WHERE case_id = ?", [case_id])


def save_case_from_draft(library: CaseLibrary, case: Case, *, key: str | None = None) -> None:
    """Record the case and drop its draft, all or nothing.

    ``key`` is the id the case was opened under; if the user changed the id of a case that
    was already recorded, the old record goes (its links elsewhere keep the old id).
    """
    with library.write(what="saved in the case workspace") as db:
        if key and key != case.id and library.has_case(key):
            library.delete_case(key)
            case = replace(case, revision=0)  # recorded afresh under its new id
        library.save_case(case)
        db.execute("DELETE FROM drafts WHERE case_id IN (?, ?)", [key or case.id, case.id])
