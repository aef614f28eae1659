"""The council's work as the app does it: sittings, re-review, case packages.

One small function per user action, as in ``operations``: each runs the core on a worker
thread and calls back on the GUI thread. A refusal from the core (no quorum, a recused member,
a damaged package) reaches ``failed`` as the core's own sentence, so the widget that asked can
show it where the user is looking, instead of in a box.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from council_app.case import Case, Condition, Dissent
from council_app.council import review as rr
from council_app.council import sessions as s
from council_app.council.agenda import ItemPrecedents, SittingView, item_precedents, sitting_view
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.library.frameworks import case_framework
from council_app.library.package import (
    Choice,
    MergePlan,
    MergeResult,
    make_package,
    merge_package,
    plan_merge,
    read_package_file,
    write_package,
)
from council_app.ui.library.library_tasks import LibraryWorkers

if TYPE_CHECKING:
    from council_app.council.commitments import Commitment

Done = Callable[[Any], object]
Failed = Callable[[str], None]


def _lib(library: CaseLibrary | None) -> CaseLibrary:
    assert library is not None, "this job needs the library"
    return library


# -- sittings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SittingsLoaded:
    # Not the cases that may go on an agenda: the "Add case" field searches for those as a
    # member types (listing every case of a large library at each reload was most of its cost).
    sessions: list[s.Session]


def load_sittings(workers: LibraryWorkers, done: Callable[[SittingsLoaded], object]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        return SittingsLoaded(s.list_sessions(_lib(lib)))

    workers.submit("sittings", job, done)


def load_sitting(
    workers: LibraryWorkers,
    session_id: int,
    done: Callable[[SittingView], object],
    failed: Failed | None = None,
) -> None:
    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        return sitting_view(_lib(lib), framework, session_id)

    workers.submit("sitting", job, done, failed=failed)


def load_item_precedents(
    workers: LibraryWorkers,
    view: SittingView,
    case_id: str,
    done: Callable[[ItemPrecedents], object],
) -> None:
    item = view.item(case_id)
    if item is None:
        return

    def job(lib: CaseLibrary | None) -> Any:
        return item_precedents(_lib(lib), item.framework, item.case, item.score)

    workers.submit("item-precedents", job, done)


def change_sitting(
    workers: LibraryWorkers,
    kind: str,
    change: Callable[[CaseLibrary], object],
    done: Done,
    failed: Failed,
) -> None:
    """Any one change to a sitting, written in its own transaction by the core."""
    workers.submit(f"sitting-change:{kind}", lambda lib: change(_lib(lib)), done, write=True,
                   failed=failed)  # fmt: skip


def create_sitting(title: str, day: date) -> Callable[[CaseLibrary], int]:
    return lambda library: s.create_session(library, title, day)


def _case_framework(library: CaseLibrary, case_id: str) -> Framework:
    """What a case on the agenda is voted and decided under, read when the change is written
    (as the command line does): the framework version it is assessed under."""
    return case_framework(library, library.get_case(case_id))


def record_vote(
    session_id: int, case_id: str, member: str, vote: str | None
) -> Callable[[CaseLibrary], object]:
    def change(library: CaseLibrary) -> object:
        framework = _case_framework(library, case_id)
        return s.record_vote(library, session_id, case_id, member, vote, framework=framework)

    return change


def record_decision(
    session_id: int,
    case_id: str,
    *,
    outcome: str,
    rationale: str,
    conditions: Sequence[Condition],
    dissent: Sequence[Dissent],
    review_by: date | None,
    replace: bool,
    departure: str = "",
    distinction: str = "",
) -> Callable[[CaseLibrary], object]:
    def change(library: CaseLibrary) -> object:
        return s.record_decision(
            library, _case_framework(library, case_id), session_id, case_id, outcome,
            rationale=rationale, conditions=conditions, dissent=dissent, review_by=review_by,
            replace_decision=replace, departure=departure, distinction=distinction,
        )  # fmt: skip

    return change


def write_minutes(
    workers: LibraryWorkers,
    session_id: int,
    target: Path,
    variant: str,
    done: Callable[[str], object],
    failed: Failed,
) -> None:
    framework = workers.framework

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.settings import load_settings
        from council_app.memo import minutes_for_session, render_minutes, write_pdf

        library = _lib(lib)
        minutes = minutes_for_session(library, session_id, load_settings(library), framework)
        pdf = render_minutes(minutes, variant="external" if variant == "external" else "internal")
        # The file dialog has already asked before replacing an existing file.
        write_pdf(target, pdf, force=True)
        return f"Minutes written to {target}."

    workers.submit("minutes", job, done, failed=failed)


# -- re-review ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewLoaded:
    due: list[rr.DueItem]
    watch: list[rr.WatchEntry]
    today: date
    not_kept: int  # conditions of standing decisions not kept today (the Commitments count)


def load_review(
    workers: LibraryWorkers, within_days: int, done: Callable[[ReviewLoaded], object]
) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.commitments import list_commitments

        library = _lib(lib)
        today = date.today()
        with library.snapshot():
            return ReviewLoaded(
                rr.due_for_review(library, today, within_days=within_days),
                rr.list_watch(library),
                today,
                len(list_commitments(library, today, not_kept=True)),
            )

    workers.submit("review", job, done)


def change_review(
    workers: LibraryWorkers,
    change: Callable[[CaseLibrary], object],
    done: Done,
    failed: Failed,
) -> None:
    workers.submit("review-change", lambda lib: change(_lib(lib)), done, write=True,
                   failed=failed)  # fmt: skip


# -- commitments ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitmentsLoaded:
    commitments: list[Commitment]
    # Each case's revision as the list was read: a change recorded from the view says it.
    revisions: dict[str, int]
    members: list[str]
    today: date


def load_commitments(workers: LibraryWorkers, done: Callable[[CommitmentsLoaded], object]) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.commitments import list_commitments
        from council_app.library.members import known_member_names

        library = _lib(lib)
        today = date.today()
        with library.snapshot():
            commitments = list_commitments(library, today)
            revisions = {
                case_id: library.revision_of(case_id)
                for case_id in dict.fromkeys(c.case_id for c in commitments)
            }
        return CommitmentsLoaded(commitments, revisions, known_member_names(library), today)

    workers.submit("commitments", job, done)


def update_commitment(
    workers: LibraryWorkers,
    case_id: str,
    number: int,
    *,
    revision: int,
    on: date,
    by: str,
    status: str | None = None,
    note: str = "",
    evidence_file: Path | None = None,
    evidence_note: str = "",
    evidence_confidentiality: str = "",
    done: Callable[[Case], object],
    failed: Failed,
) -> None:
    """Record a condition's status and/or evidence through the core, refused (not applied) if
    the case has changed since ``revision`` was read."""

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.council.commitments import update_condition

        return update_condition(
            _lib(lib), case_id, number, on=on, by=by, status=status, note=note,
            evidence_file=evidence_file, evidence_note=evidence_note,
            evidence_confidentiality=evidence_confidentiality, expected_revision=revision or None,
        )  # fmt: skip

    workers.submit("commitment-change", job, done, write=True, failed=failed)


def save_evidence_file(
    workers: LibraryWorkers,
    sha256: str,
    target: Path,
    done: Callable[[str], object],
    failed: Failed,
) -> None:
    """Write a stored evidence file's bytes to ``target`` (the file dialog has already asked
    before replacing a file there)."""

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.errors import CouncilError
        from council_app.library.evidence import evidence_content
        from council_app.paths import write_user_file

        content = evidence_content(_lib(lib), sha256)
        if content is None:
            raise CouncilError(
                "The library does not hold this evidence file (run a check of the library); "
                "nothing was saved."
            )
        write_user_file(target, content, force=True, what="a file name for the evidence")
        return f"Evidence file saved to {target}."

    workers.submit("save-evidence", job, done, failed=failed)


# -- case packages --------------------------------------------------------------------------------


def export_package(
    workers: LibraryWorkers,
    case_id: str,
    member: str,
    target: Path,
    replace: bool,
    done: Callable[[str], object],
    failed: Failed,
) -> None:
    def job(lib: CaseLibrary | None) -> Any:
        write_package(target, make_package(_lib(lib), case_id, member), force=replace)
        return f"Case package of {member}'s assessment of {case_id} written to {target}."

    workers.submit("export-package", job, done, failed=failed)


def plan_package_merge(
    workers: LibraryWorkers, file: Path, done: Callable[[MergePlan], object], failed: Failed
) -> None:
    """Read and check the package, and work out what merging it would do; nothing is written."""

    def job(lib: CaseLibrary | None) -> Any:
        from council_app.library.frameworks import adopted_frameworks

        library = _lib(lib)
        return plan_merge(library, read_package_file(file, frameworks=adopted_frameworks(library)))

    workers.submit("plan-merge", job, done, failed=failed)


def merge(
    workers: LibraryWorkers,
    plan: MergePlan,
    assessment: Choice | None,
    facts: Choice | None,
    add_case: bool,
    done: Callable[[MergeResult], object],
    failed: Failed,
) -> None:
    package = plan.package

    def job(lib: CaseLibrary | None) -> Any:
        # The core plans again inside the merge's transaction: if the library changed since
        # the dialog was shown, a choice that is now missing refuses the merge.
        return merge_package(
            _lib(lib), package, assessment=assessment, facts=facts, add_case=add_case
        )

    workers.submit("merge", job, done, write=True, failed=failed)
