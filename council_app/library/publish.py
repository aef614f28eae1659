"""The redacted library for the company: the decided cases, for reading beyond the council.

``council-app publish -o FILE.sqlite`` writes the council's decided cases with personal data
taken out by the redaction rule (``council_app.library.redaction``), a full-text index, and a
Datasette metadata file beside it, so that an organisation serves its precedents on its
intranet with ``datasette serve --immutable FILE.sqlite --metadata FILE.json``.

Aliases restart with every case. Within one case "Member A" keeps a dissent readable; across
the whole library one pseudonym per member would let any reader line up a member's votes over
years and tell who it is.

"Read-only" is made real three ways, because each alone can be undone by accident: every table
refuses writes by trigger (this travels with the file, whatever copies it or serves it); the
file is left without write permission (0444); and the journal is the rollback journal, not WAL,
so that readers need no -wal or -shm file and the copy opens from a read-only folder or share
(and Datasette's ``--immutable`` serves it without locking).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from council_app import paths
from council_app.case import Case
from council_app.errors import CouncilError
from council_app.library.case_library import CaseLibrary
from council_app.library.confidentiality import Withheld, public_copies
from council_app.library.personal_data import known_people
from council_app.library.redaction import Redaction

TABLES: dict[str, str] = {
    "cases": "One row per decided case: the facts, the question, the decision and its reasons.",
    "ratings": "Each member's rating of each consideration and principle, with the rationale; "
    "members by alias (Member A, B…), which restart with every case.",
    "mitigations": "The actions proposed on each case, with their kind and expected "
    "effectiveness (0 none to 4 fully effective).",
    "stakeholder_input": "What each stakeholder group said; contact details are never published.",
    "facts": "What the council knew of each case beyond its description, where it is public.",
    "conditions": "The conditions each decision was taken on: owner, due date, kind, how often "
    "it recurs, the last status the council recorded (open, met, overdue, breached, waived) "
    "and on what day, and how many pieces of evidence it holds (evidence is not published).",
    "votes": "How each member voted, by alias.",
    "dissents": "Dissenting opinions, by alias.",
    "links": "How cases cite, supersede, distinguish or relate to one another.",
}
SEARCHED = ("title", "summary", "question", "use_case", "rationale", "distinction")
DUE_FOR_REVIEW = (
    "SELECT id, title, outcome, decided, review_by FROM cases "
    "WHERE review_by IS NOT NULL AND review_by <= date('now', '+30 days') "
    "ORDER BY review_by, id"
)


@dataclass(frozen=True)
class Published:
    path: Path
    metadata: Path
    cases: int


def _rows(case: Case, left_out: Withheld) -> dict[str, list[dict[str, Any]]]:
    """The published rows of one case, already redacted and cut to what is public."""
    d = case.decision
    assert d is not None
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["cases"].append(
        {
            "id": case.id,
            "title": case.title,
            "summary": case.summary,
            "question": case.question,
            "product": case.product,
            "customer": case.customer,
            "sector": case.sector,
            "regions": json.dumps(list(case.regions)),
            "tags": json.dumps(list(case.tags)),
            "submitted": case.submitted.isoformat() if case.submitted else None,
            "use_case": case.use_case,
            "outcome": d.outcome,
            "decided": d.date.isoformat() if d.date else None,
            "review_by": d.review_by.isoformat() if d.review_by else None,
            "rationale": d.rationale,
            "distinction": d.distinction,
            "departure": d.departure,
            # What the council's record holds that a public reader may not see, in words.
            "left_out": left_out.sentence(),
        }
    )
    rows["facts"] = [
        {"case_id": case.id, "position": n, "text": f.text, "source": f.source}
        for n, f in enumerate(case.facts, 1)
    ]
    for a in case.assessments:
        for kind, ratings in (("consideration", a.considerations), ("principle", a.principles)):
            for key, r in ratings.items():
                rows["ratings"].append(
                    {
                        "case_id": case.id,
                        "member": a.member,
                        "kind": kind,
                        "key": key,
                        "score": r.score,
                        "confidence": r.confidence,
                        "rationale": r.rationale,
                    }
                )
    for n, m in enumerate(case.mitigations, 1):
        rows["mitigations"].append(
            {
                "case_id": case.id,
                "position": n,
                "description": m.description,
                "kind": m.kind,
                "effectiveness": m.effectiveness,
                "owner": m.owner,
            }
        )
    for n, s in enumerate(case.stakeholder_input, 1):
        rows["stakeholder_input"].append(
            {
                "case_id": case.id,
                "position": n,
                "stakeholder_group": s.group,
                "summary": s.summary,
                "source": s.source,
                "date": s.date.isoformat() if s.date else None,
            }
        )
    for n, c in enumerate(d.conditions, 1):
        rows["conditions"].append(
            {
                "case_id": case.id,
                "position": n,
                "text": c.text,
                "owner": c.owner,
                "due": c.due.isoformat() if c.due else None,
                "kind": c.kind,
                "every_months": c.every_months,
                # The last status the council recorded, and when: the record, not a reading
                # of it against today, so that the publication says what the council said.
                "status": c.history[-1].status if c.history else "open",
                "status_on": c.history[-1].on.isoformat() if c.history else None,
                "evidence": len(c.evidence),
            }
        )
    rows["votes"] = [{"case_id": case.id, "member": v.member, "vote": v.vote} for v in d.votes]
    rows["dissents"] = [{"case_id": case.id, "member": x.member, "text": x.text} for x in d.dissent]
    rows["links"] = [
        {"case_id": case.id, "type": link.type, "target": link.target, "note": link.note}
        for link in case.links
    ]
    return rows


def decided_cases(library: CaseLibrary) -> list[Case]:
    ids = [
        row[0]
        for row in library.db.execute(
            "SELECT c.id FROM cases c JOIN decisions d ON d.case_id = c.id "
            "WHERE c.status = 'decided' ORDER BY c.id"
        )
    ]
    return [c for c in library.get_cases(ids) if c.decision is not None]


def published_cases(library: CaseLibrary) -> list[tuple[Case, Withheld]]:
    """The decided cases as a public reader may read them, with personal data taken out (each
    with its own aliases), and what was left out of each."""
    people = known_people(library)
    copies, withheld = public_copies(library, decided_cases(library))
    return [(Redaction(people).case(case), withheld.get(case.id, Withheld())) for case in copies]


def _write_database(path: Path, cases: Iterable[tuple[Case, Withheld]]) -> int:
    import sqlite_utils

    connection = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(connection)
    db.execute("PRAGMA journal_mode = DELETE")
    count = 0
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for case, left_out in cases:
        count += 1
        for table, rows in _rows(case, left_out).items():
            tables[table] += rows
    for table, rows in tables.items():
        if rows:
            db.table(table).insert_all(rows, pk="id" if table == "cases" else None, alter=True)
        else:
            db.table(table).create({"case_id": str})
    db.table("cases").enable_fts(list(SEARCHED), tokenize="porter", create_triggers=False)
    for table in TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER [{table}_read_only_{event.lower()}] BEFORE {event} ON [{table}] "
                "BEGIN SELECT RAISE(ABORT, 'this is a published copy of the case library; "
                "it is read-only'); END"
            )
    db.execute("VACUUM")
    connection.close()
    return count


def metadata(name: str, cases: int, when: str) -> dict[str, Any]:
    """Datasette's metadata for the published file (database ``name``, the file's stem)."""
    return {
        "title": "Ethical-use council: published decisions",
        "description": f"The {cases} decided cases of the council's library as of {when}, "
        "with members' names, e-mail addresses and phone numbers taken out "
        "(members appear as Member A, B…, afresh in every case). Read-only.",
        "databases": {
            name: {
                "tables": {
                    table: {"description": text, **_table_extras(table)}
                    for table, text in TABLES.items()
                },
                "queries": {
                    "decisions_due_for_review": {
                        "title": "Decisions due for review",
                        "description": "Decisions whose review date has passed or falls in "
                        "the next 30 days, soonest first.",
                        "sql": DUE_FOR_REVIEW,
                    }
                },
            }
        },
    }


def _table_extras(table: str) -> dict[str, Any]:
    if table == "cases":
        return {
            "facets": ["outcome", "product", {"array": "regions"}],
            "sort_desc": "decided",
            "label_column": "title",
        }
    return {}


def publish(
    library: CaseLibrary,
    output: Path | str,
    *,
    metadata_path: Path | str | None = None,
    force: bool = False,
) -> Published:
    """Write the published copy and its metadata; nothing is written if either is refused."""
    output = Path(output)
    meta = Path(metadata_path) if metadata_path is not None else output.with_suffix(".json")
    if meta == output:
        raise CouncilError("The metadata file must not be the database itself.")
    for target in (output, meta):
        if paths.exists(target) and target.is_dir():
            raise CouncilError(f"{target} is a folder; give a file name.")
        if paths.exists(target) and not force:
            raise CouncilError(f"{target} already exists; not overwritten (use --force).")
    cases = published_cases(library)
    if not cases:
        raise CouncilError("The library has no decided case; nothing to publish.")
    when = datetime.now(UTC).date().isoformat()
    try:
        paths.make_parent(output)
        paths.make_parent(meta)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        tmp.unlink()
        try:
            count = _write_database(tmp, cases)
            tmp.chmod(0o444)
            text = json.dumps(metadata(output.stem, count, when), indent=2, ensure_ascii=False)
            meta_tmp = meta.with_name(f".{meta.name}.tmp")
            meta_tmp.write_text(text + "\n", encoding="utf-8")
            if paths.exists(output):
                output.chmod(0o644)  # --force: a read-only file is replaced, not written to
            os.replace(tmp, output)
            os.replace(meta_tmp, meta)
        finally:
            tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise CouncilError(f"Cannot write {output}: {exc.strerror or exc}.") from exc
    return Published(output, meta, count)


__all__ = ["DUE_FOR_REVIEW", "TABLES", "Published", "decided_cases", "metadata", "publish"]
