"""Personal data in a library: which columns hold it, and who the library knows.

``PERSONAL_DATA`` marks the columns that hold it (the schema document marks the same columns,
and a test keeps the two in step). The rule that takes it out of what leaves the council lives
in ``council_app.library.redaction``; it is given every person the library knows, not only
those on the case at hand, so that a member named only in free text ("see Mateo's rating") is
found too.
"""

from __future__ import annotations

from council_app.library.case_library import CaseLibrary
from council_app.library.redaction import Redaction, case_people, letters

PERSONAL_DATA: dict[str, tuple[str, ...]] = {
    "assessments": ("member",),
    "votes": ("member",),
    "dissents": ("member",),
    "stakeholder_input": ("contact",),
    "members": ("name",),
    "session_attendance": ("member",),
    "recusals": ("member", "reason"),
    "decision_recusals": ("member", "reason"),
    "session_votes": ("member",),
    "member_interests": ("member", "text", "note"),
    "session_declarations": ("member", "note"),
    "audit_log": ("actor",),
    # Who said where a condition stands, and who added its evidence, inside the JSON.
    "conditions": ("history", "evidence"),
}
# The JSON columns above, with the key in each item that names a person.
NAME_KEYS = {("conditions", "history"): "by", ("conditions", "evidence"): "added_by"}

# The personal-data columns that name a person (the others hold contacts and reasons).
NAME_COLUMNS = ("member", "name", "actor")

# The name columns with an index that leads with the name (0015_case_row_indexes): their names
# are read by stepping through the index, a few reads a name, not a read of every row.
NAME_INDEXES: dict[tuple[str, str], str] = {
    ("assessments", "member"): "assessments_member",
    ("votes", "member"): "votes_member",
    ("dissents", "member"): "dissents_member",
    ("audit_log", "actor"): "audit_log_actor",
}


def distinct_names(library: CaseLibrary, table: str, column: str) -> list[str]:
    """Each name in ``table.column`` once, in order. At 100,000 cases reading every assessment,
    vote, dissent and log entry for the dozen names in them took 60 ms of every case opened and
    every memo; an indexed column is read from one name to the next instead (a library read as
    it is from before the index, an archive, is read the long way)."""
    index = NAME_INDEXES.get((table, column))
    if (
        index is None
        or not library.db.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?", [index]
        ).fetchone()
    ):
        return [
            row[0]
            for row in library.db.execute(f"SELECT DISTINCT [{column}] FROM [{table}] ORDER BY 1")
            if row[0]
        ]
    names: list[str] = []
    row = library.db.execute(f"SELECT min([{column}]) FROM [{table}]").fetchone()
    while row is not None and row[0] is not None:
        if row[0]:
            names.append(row[0])
        row = library.db.execute(
            f"SELECT min([{column}]) FROM [{table}] WHERE [{column}] > ?", [row[0]]
        ).fetchone()
    return names


def known_people(library: CaseLibrary) -> tuple[str, ...]:
    """Everyone the library names anywhere, members first, each once, in a stable order."""
    names: list[str] = []
    for table, columns in PERSONAL_DATA.items():
        for column in columns:
            if column in NAME_COLUMNS and library.db[table].exists():
                names += distinct_names(library, table, column)
    for (table, column), key in NAME_KEYS.items():
        names += [
            row[0]
            for row in library.db.execute(
                f"SELECT DISTINCT json_extract(j.value, '$.{key}') FROM [{table}], "
                f"json_each([{table}].[{column}]) j WHERE [{column}] != '[]' ORDER BY 1"
            )
            if row[0]
        ]
    return tuple(dict.fromkeys(names))


def library_redaction(library: CaseLibrary) -> Redaction:
    """The rule over the whole library, with a fresh set of aliases for one document."""
    return Redaction(known_people(library))


__all__ = [
    "NAME_COLUMNS",
    "PERSONAL_DATA",
    "case_people",
    "distinct_names",
    "known_people",
    "letters",
    "library_redaction",
]
