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
from council_app.library import CaseLibrary
from council_app.library.backup import backup_if_due
from council_app.ui.library.library_tasks import LibraryWorkers

# The modules the jobs use are imported in the jobs, on the worker threads: none is needed to
# show the window, and together they cost start-up a tenth of a second.
if TYPE_CHECKING:
    from council_app.council.scoring_context import ScoringContext
    from council_app.council.settings import CouncilSettings
    from council_app.framework import Framework
    from council_app.library.drafts import Draft
    from council_app.library.members import Member


@dataclass(frozen=True)
class CaseToEdit:
    case: Case  # what to show: the recorded case, a new one, or an autosaved draft
    recorded: Case | None
    draft: Draft | None  # an autosaved draft that differs from the record, if any
    members: list[str]
    context: ScoringContext  # the weights in force and who stood aside, for the live score
    # The framework the case was made under (it is edited and scored in its terms), and what
    # to say when that is not the one in force ("": it is).
    framework: Framework
    version_note: str = ""


def _library(lib: CaseLibrary | None) -> CaseLibrary:
    assert lib is not None
    return lib


def framework_in_force(workers: LibraryWorkers, done: Callable[[Framework], object]) -> None:
    """Read which framework the library has in force now (after one was adopted)."""

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.library.frameworks import framework_in_force as in_force

        return in_force(_library(lib))

    workers.submit("framework", job, done)


def open_case(workers: LibraryWorkers, case_id: str, done: Callable[[CaseToEdit], object]) -> None:
    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.scoring_context import scoring_context
        from council_app.library.drafts import load_draft
        from council_app.library.frameworks import case_framework, version_note
        from council_app.library.members import known_member_names

        library = _library(lib)
        recorded = library.get_case(case_id) if library.has_case(case_id) else None
        draft = load_draft(library, case_id)
        if recorded is None and draft is None:
            library.get_case(case_id)  # raises CaseNotFound with the usual message
        if draft is not None and recorded is not None and draft.case == recorded:
            draft = None
        shown = recorded if recorded is not None else draft.case  # type: ignore[union-attr]
        own = case_framework(library, shown) if shown.framework_version else framework
        context = scoring_context(library, own, shown)
        return CaseToEdit(
            shown,
            recorded,
            draft,
            known_member_names(library),
            context,
            own,
            version_note(library, shown),
        )

    workers.submit(f"open:{case_id}", job, done)


@dataclass(frozen=True)
class CaseNow:
    """A case as the library holds it now, read again because a change touched it."""

    case: Case | None  # None: no longer in the library
    context: ScoringContext | None
    last_change: str  # what, when, who, from the audit log


def reread_case(workers: LibraryWorkers, case_id: str, done: Callable[[CaseNow], object]) -> None:
    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.scoring_context import scoring_context
        from council_app.library.revisions import latest_change

        library = _library(lib)
        change = latest_change(library, case_id)
        if not library.has_case(case_id):
            return CaseNow(None, None, change)
        case = library.get_case(case_id)
        return CaseNow(case, scoring_context(library, framework, case), change)

    workers.submit(f"reread:{case_id}", job, done)


def create_case(
    workers: LibraryWorkers,
    done: Callable[[CaseToEdit], object],
    *,
    copy_of: str | None = None,
    supersedes: str | None = None,
) -> None:
    """A new case: empty, a copy of ``copy_of``, or a re-review that ``supersedes`` a case."""

    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.case_edits import (
            duplicate_case,
            new_case,
            next_case_id,
            superseding_case,
        )
        from council_app.council.scoring_context import scoring_context
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
        context = scoring_context(library, framework, case)
        return CaseToEdit(case, None, None, known_member_names(library), context, framework)

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
    council: CouncilSettings
    members: tuple[Member, ...]
    drafts: tuple[str, ...]


def load_settings(workers: LibraryWorkers, done: Callable[[LibrarySettings], None]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.settings import load_settings as load_council_settings
        from council_app.library.drafts import list_drafts
        from council_app.library.members import list_members

        library = _library(lib)
        return LibrarySettings(
            load_council_settings(library),
            tuple(list_members(library)),
            tuple(list_drafts(library)),
        )

    workers.submit("settings", job, done)


def save_settings(
    workers: LibraryWorkers,
    settings: CouncilSettings,
    members: tuple[Member, ...],
    done: Callable[[object], None],
) -> None:
    """The council's settings and its members (with the interests declared and withdrawn in
    the dialog), checked by the core, in one transaction."""
    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.settings import save_settings as save_council_settings
        from council_app.library.interests import save_registers
        from council_app.library.members import save_members

        library = _library(lib)
        with library.write():
            # The members first: the quorum's composition is checked against their kinds.
            save_members(library, members)
            save_registers(library, [(m.name, m.interests) for m in members])
            save_council_settings(library, framework, settings)
        return True

    workers.submit("save-settings", job, done, write=True)


def scheduled_backup(workers: LibraryWorkers, done: Callable[[object], object]) -> None:
    """The daily backup, taken on the write thread so that no change lands half-way through it;
    a failure is told, never fatal: the library itself is untouched."""

    def job(lib: CaseLibrary | None) -> Any:
        return backup_if_due(_library(lib))

    workers.submit("backup", job, done, write=True, failed=lambda message: None)
