"""One small function per user action on the library, run on a worker thread.

Like Anki's ``aqt.operations``: each takes the workers and a callback, does its job through the
core (never SQL here), and calls back on the GUI thread with the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from council_app.case import Case
from council_app.council.quorum import DEFAULT_RULE
from council_app.library import CaseLibrary
from council_app.library.backup import backup_if_due
from council_app.ui.library_tasks import LibraryWorkers

# The modules the jobs use are imported in the jobs, on the worker threads: none is needed to
# show the window, and together they cost start-up a tenth of a second.
if TYPE_CHECKING:
    from council_app.library.drafts import Draft
    from council_app.library.members import Member
    from council_app.memo.content import MemoSettings

DEFAULT_PROFILE_KEY = "default_profile"


@dataclass(frozen=True)
class CaseToEdit:
    case: Case  # what to show: the recorded case, a new one, or an autosaved draft
    recorded: Case | None
    draft: Draft | None  # an autosaved draft that differs from the record, if any
    members: list[str]


def _library(lib: CaseLibrary | None) -> CaseLibrary:
    assert lib is not None
    return lib


def open_case(workers: LibraryWorkers, case_id: str, done: Callable[[CaseToEdit], object]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        from council_app.library.drafts import load_draft
        from council_app.library.members import known_member_names

        library = _library(lib)
        recorded = library.get_case(case_id) if library.has_case(case_id) else None
        draft = load_draft(library, case_id)
        if recorded is None and draft is None:
            library.get_case(case_id)  # raises CaseNotFound with the usual message
        if draft is not None and recorded is not None and draft.case == recorded:
            draft = None
        shown = recorded if recorded is not None else draft.case  # type: ignore[union-attr]
        return CaseToEdit(shown, recorded, draft, known_member_names(library))

    workers.submit(f"open:{case_id}", job, done)


def create_case(
    workers: LibraryWorkers,
    done: Callable[[CaseToEdit], object],
    *,
    copy_of: str | None = None,
    supersedes: str | None = None,
) -> None:
    """A new case: empty, a copy of ``copy_of``, or a re-review that ``supersedes`` a case."""

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.case_edits import (
            duplicate_case,
            new_case,
            next_case_id,
            superseding_case,
        )
        from council_app.library.drafts import list_drafts
        from council_app.library.members import known_member_names

        library = _library(lib)
        today = date.today()
        case_id = next_case_id([*library.case_ids(), *list_drafts(library)], today)
        if supersedes:
            case = superseding_case(library.get_case(supersedes), case_id, today)
        elif copy_of:
            case = duplicate_case(library.get_case(copy_of), case_id, today)
        else:
            case = new_case(case_id, today)
        return CaseToEdit(case, None, None, known_member_names(library))

    workers.submit("create", job, done)


def delete_case(workers: LibraryWorkers, case_id: str, done: Callable[[Case], None]) -> None:
    """Delete a case; the deleted case comes back so that the deletion can be undone."""

    def job(lib: CaseLibrary | None) -> Any:
        library = _library(lib)
        case = library.get_case(case_id)
        library.delete_case(case_id)
        return case

    workers.submit(f"delete:{case_id}", job, done, write=True)


def restore_case(workers: LibraryWorkers, case: Case, done: Callable[[Case], None]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        _library(lib).add_cases([case])
        return case

    workers.submit(f"restore:{case.id}", job, done, write=True)


@dataclass(frozen=True)
class LibrarySettings:
    memo: MemoSettings
    members: tuple[Member, ...]
    default_profile: str | None
    drafts: tuple[str, ...]
    quorum_rule: str = DEFAULT_RULE


def load_settings(workers: LibraryWorkers, done: Callable[[LibrarySettings], None]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        # The memo's modules (precedents, the exchange format) load here, on the worker, after
        # the window is up, rather than at start-up.
        from council_app.council.sessions import quorum_rule
        from council_app.library.drafts import list_drafts
        from council_app.library.members import list_members
        from council_app.memo.content import MemoSettings

        library = _library(lib)
        return LibrarySettings(
            MemoSettings.from_library(library),
            tuple(list_members(library)),
            library.meta(DEFAULT_PROFILE_KEY),
            tuple(list_drafts(library)),
            quorum_rule(library),
        )

    workers.submit("settings", job, done)


def save_settings(
    workers: LibraryWorkers,
    *,
    council_name: str,
    letterhead: str,
    members: tuple[Member, ...],
    default_profile: str,
    quorum: str = DEFAULT_RULE,
    done: Callable[[object], None],
) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.sessions import set_quorum_rule
        from council_app.library.members import save_members
        from council_app.memo.content import COUNCIL_NAME_KEY, LETTERHEAD_KEY

        library = _library(lib)
        with library.write():
            library.set_meta(COUNCIL_NAME_KEY, council_name.strip())
            library.set_meta(LETTERHEAD_KEY, letterhead.strip())
            library.set_meta(DEFAULT_PROFILE_KEY, default_profile)
            save_members(library, members)
            set_quorum_rule(library, quorum)
        return True

    workers.submit("save-settings", job, done, write=True)


def scheduled_backup(workers: LibraryWorkers, done: Callable[[object], object]) -> None:
    """The daily backup, taken on the write thread so that no change lands half-way through it;
    a failure is told, never fatal: the library itself is untouched."""

    def job(lib: CaseLibrary | None) -> Any:
        return backup_if_due(_library(lib))

    workers.submit("backup", job, done, write=True, failed=lambda message: None)
