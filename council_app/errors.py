"""The errors a user may see.

Every refusal the core makes is a :class:`CouncilError` whose message is written for the person
who caused it: it names the file, the entry and what is wrong. The CLI and the GUI show the
message as it is and never a traceback, so anything that is not a ``CouncilError`` reaching them
is a bug.
"""


class CouncilError(Exception):
    """A refusal the user can act on; ``str(error)`` is the whole message."""


class FrameworkError(CouncilError):
    """The framework definition file is missing or wrong."""


class LibraryError(CouncilError):
    """The case library cannot be opened, read or written."""


class LibraryDamaged(LibraryError):
    """The library fails its integrity check; Council Desk reads it but will not write to it."""


class RevisionConflict(LibraryError):
    """A write based on an older revision of a case than the library holds; nothing was written.

    ``current`` is the case as the library holds it now (None if it was deleted), so that the
    app can show what changed meanwhile and let the member merge, reload or keep theirs.
    """

    def __init__(
        self, message: str, *, case_id: str, base: int, revision: int, current: object = None
    ) -> None:
        super().__init__(message)
        self.case_id = case_id
        self.base = base  # the revision the write started from (0: a new case)
        self.revision = revision  # the library's revision now
        self.current = current


class ImportRefused(CouncilError):
    """An exchange document was not imported; the library is unchanged."""

    def __init__(
        self, message: str, problems: list[str] | None = None, *, more: bool = False
    ) -> None:
        super().__init__(message)
        self.problems = problems or []
        # Checking stopped early: there are problems beyond those listed.
        self.more = more
        # For a refusal to overwrite: the revision of each case in the library that was seen,
        # so that a "replace them" given later is checked against what the user was shown.
        self.revisions: dict[str, int] = {}

    def __str__(self) -> str:
        head = self.args[0]
        if not self.problems:
            return str(head)
        shown = self.problems[:12]
        more = len(self.problems) - len(shown)
        lines = [str(head), *(f"  - {p}" for p in shown)]
        if self.more:
            lines.append(
                f"  … and more problems (checking stopped after the first {len(self.problems)})"
            )
        elif more > 0:
            lines.append(f"  … and {more} more problem{'s' if more != 1 else ''}")
        return "\n".join(lines)


class CaseNotFound(CouncilError):
    """No case with that id is in the library."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"No case with id {case_id!r} in this library.")
        self.case_id = case_id


class SearchSyntaxError(CouncilError):
    """An advanced (raw FTS5) search query could not be parsed."""
