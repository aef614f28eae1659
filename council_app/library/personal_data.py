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


def known_people(library: CaseLibrary) -> tuple[str, ...]:
    """Everyone the library names anywhere, members first, each once, in a stable order."""
    names: list[str] = []
    for table, columns in PERSONAL_DATA.items():
        for column in columns:
            if column in NAME_COLUMNS and library.db[table].exists():
                names += [
                    row[0]
                    for row in library.db.execute(
                        f"SELECT DISTINCT [{column}] FROM [{table}] ORDER BY 1"
                    )
                    if row[0]
                ]
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
    "known_people",
    "letters",
    "library_redaction",
]
