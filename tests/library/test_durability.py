"""The kill test: a decision the library reported as saved survives the process being killed.

``test_kill_test_*`` runs the real thing at a size that suits CI: a writer process saving cases
is killed with SIGKILL at random moments, and after every kill the library must open, pass its
integrity checks and hold every acknowledged write. ``scripts/kill_test.py`` runs it larger for
the figures in the README. The other tests show that the checker can fail: it reports a lost
write when there is one.
"""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest

from council_app.case import Case
from council_app.library import CaseLibrary
from council_app.library.durability import (
    Ledger,
    WriterLog,
    fingerprint,
    parse_writer_output,
    run_kill_trial,
    run_writer,
)
from tests.factories import make_case

KILL_TEST_ROUNDS = 25
# With this seed, the rounds that wait for acknowledged saves (or for a close, which follows one)
# before killing add up to at least 40 acknowledged writes however fast or slow the machine
# saves, so the minimum asserted below does not depend on timing.
KILL_TEST_SEED = 2


def acknowledged(*cases: Case) -> str:
    """Writer output that tried and acknowledged each case in turn."""
    return "".join(f"TRY {c.id} {fingerprint(c)}\nACK {c.id} {fingerprint(c)}\n" for c in cases)


@pytest.mark.slow
def test_kill_test_no_acknowledged_write_is_lost_when_the_writer_is_killed(
    tmp_path: Path,
) -> None:
    report = run_kill_trial(tmp_path / "library.sqlite", KILL_TEST_ROUNDS, KILL_TEST_SEED)

    assert report.problems == []
    assert report.rounds == KILL_TEST_ROUNDS
    assert report.kills == KILL_TEST_ROUNDS
    assert report.writes_acknowledged >= KILL_TEST_ROUNDS  # the test cannot pass vacuously
    assert report.kills_by_phase["saving"] > 0  # some kills landed inside a save
    assert report.committed_writes_lost == 0
    assert report.integrity_failures == 0
    assert report.unexpected_content == 0
    assert report.writer_errors == 0
    assert report.ok


def test_the_writer_acknowledges_new_cases_and_changed_decisions_that_read_back_exactly(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    out = io.StringIO()

    assert run_writer(path, 5, out, max_writes=40) == 40

    log = parse_writer_output(out.getvalue())
    assert log.problems == ()
    assert len(log.acks) == 40 and log.in_flight is None
    assert len({case_id for case_id, _ in log.acks}) < 40  # some saves changed a stored case
    check = Ledger().check(path, log)
    assert check.ok, check
    with CaseLibrary.open(path) as library:
        cases = library.get_cases()
    assert sum(c.decision is not None for c in cases) > 0
    assert {fingerprint(c) for c in cases} == set(dict(log.acks).values())


def test_the_checker_reports_an_acknowledged_write_that_is_not_in_the_library(
    tmp_path: Path,
) -> None:
    path = tmp_path / "library.sqlite"
    kept = make_case("KT-KEPT")
    first = make_case("KT-CHANGED")
    assert first.decision is not None
    changed = replace(first, decision=replace(first.decision, outcome="decline"))
    never_saved = make_case("KT-NEVER")
    with CaseLibrary.open(path) as library:
        library.save_case(kept)
        library.save_case(first)

    # The writer says it saved the decline and KT-NEVER; the library has neither.
    check = Ledger().check(
        path, parse_writer_output(acknowledged(kept, first, changed, never_saved))
    )

    assert not check.ok
    assert len(check.lost) == 2
    assert any(line.startswith("KT-CHANGED:") for line in check.lost)
    assert any(line.startswith("KT-NEVER:") and "missing" in line for line in check.lost)


def test_a_write_lost_in_a_later_round_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    case = make_case("KT-1")
    with CaseLibrary.open(path) as library:
        library.save_case(case)
    ledger = Ledger()
    assert ledger.check(path, parse_writer_output(acknowledged(case))).ok

    with CaseLibrary.open(path) as library:
        library.delete_case("KT-1")  # as if a later crash had taken it away
    later = ledger.check(path, WriterLog())

    assert len(later.lost) == 1 and "missing" in later.lost[0]


def test_the_write_in_flight_at_the_kill_may_or_may_not_be_there(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    saved = make_case("KT-1")
    in_flight_saved = make_case("KT-2")
    in_flight_not_saved = make_case("KT-3")
    with CaseLibrary.open(path) as library:
        library.save_case(saved)
        library.save_case(in_flight_saved)
    landed = acknowledged(saved) + f"TRY KT-2 {fingerprint(in_flight_saved)}\n"
    missing = acknowledged(saved) + f"TRY KT-3 {fingerprint(in_flight_not_saved)}\nACK KT-3"

    assert (
        Ledger(expected={"KT-2": fingerprint(in_flight_saved)})
        .check(path, parse_writer_output(missing))
        .ok
    )
    check = Ledger().check(path, parse_writer_output(landed))
    assert check.ok and check.in_flight_landed is True


def test_a_line_cut_short_by_the_kill_is_not_an_acknowledgement() -> None:
    log = parse_writer_output("OPENING\nREADY\nTRY KT-1 abc\nACK KT-1 ab")

    assert log.acks == ()
    assert log.in_flight == ("KT-1", "abc")
    assert log.phase == "saving"
    assert log.problems == ()
