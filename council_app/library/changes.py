"""What a change to a library touched, so that every open view can redraw what it shows.

Like Anki's ``OpChanges``: a write does not refresh screens itself; it reports what it changed
(which cases, which of the sittings, members, settings and watch list), and the app hands the
report to every open view, which decides whether it shows any of it. The library collects the
report as a transaction writes (the audit log knows what each commit changed), and
:mod:`council_app.library.watch` makes the same report of changes another process made.
"""

from __future__ import annotations

from dataclasses import dataclass

# The groups of state other than cases, as the audit log names them.
SITTINGS = "sittings"
MEMBERS = "members"
SETTINGS = "settings"
WATCH_LIST = "watch list"
FRAMEWORK_VERSIONS = "framework versions"


@dataclass(frozen=True)
class LibraryChanges:
    cases: frozenset[str] = frozenset()  # cases added, changed or deleted
    groups: frozenset[str] = frozenset()  # SITTINGS, MEMBERS, SETTINGS, WATCH_LIST
    # Changed in a way not known in detail (the file was replaced, restored, or written without
    # an audit log): every view rereads what it shows.
    unknown: bool = False
    through: int = 0  # the last audit-log entry the report includes

    def __or__(self, other: LibraryChanges) -> LibraryChanges:
        return LibraryChanges(
            self.cases | other.cases,
            self.groups | other.groups,
            self.unknown or other.unknown,
            max(self.through, other.through),
        )

    def __bool__(self) -> bool:
        return bool(self.cases or self.groups or self.unknown)

    def touches_case(self, case_id: str) -> bool:
        return self.unknown or case_id in self.cases

    def touches(self, group: str) -> bool:
        return self.unknown or group in self.groups

    @property
    def any_case(self) -> bool:
        return self.unknown or bool(self.cases)


EVERYTHING = LibraryChanges(unknown=True)

__all__ = [
    "EVERYTHING",
    "FRAMEWORK_VERSIONS",
    "MEMBERS",
    "SETTINGS",
    "SITTINGS",
    "WATCH_LIST",
    "LibraryChanges",
]
