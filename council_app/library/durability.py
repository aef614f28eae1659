"""The kill test: a decision the library reported as saved survives the process being killed.

A *writer* process (``python -m council_app.library.durability writer LIBRARY SEED``) opens a
library the way the app does and saves cases one after another for ever: new cases, and
re-saves of existing ones that add or change a decision. Before each ``save_case`` it prints
``TRY <case id> <fingerprint>`` and, only once ``save_case`` has returned, ``ACK <case id>
<fingerprint>``: an ACK is the moment the app would tell a user "saved". It also says where it
is (``OPENING``, ``READY``, ``CLOSE``) so that a kill can be placed and described.

:func:`run_kill_trial` starts the writer again and again, kills it (SIGKILL on POSIX,
``TerminateProcess`` on Windows) after a random time, and after every kill opens a copy of the
library as the kill left it, runs its integrity checks and checks that every acknowledged write
is there with exactly the content written (same fingerprint), unless a later acknowledged write
of the same case replaced it. The one write that was in flight at the kill (a TRY without its
ACK) may or may not be there; both are correct, and whichever it is must then stay.

The checks never depend on timing: the random delays only decide where the kills land.

A SIGKILL tests what happens when the process dies (the operating system keeps whatever it had
been handed). It does not simulate a power cut, which is what ``synchronous = FULL`` is for.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import platform
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

from council_app.case import Case, CaseLink, Condition, Decision, Dissent, Review, Vote
from council_app.errors import CouncilError
from council_app.framework import Framework, bundled_framework
from council_app.library.case_json import case_to_json
from council_app.library.case_library import CaseLibrary
from council_app.library.generator import generate_cases
from council_app.library.generator import with_conditions as _with_conditions

WRITER_MODULE = "council_app.library.durability"
# Where a kill can land, in the order a writer goes through them.
PHASES = ("starting", "opening", "between saves", "saving", "closing")

# The writer's mix of work: the share of saves that are new cases, of re-opens of the library
# (closing checkpoints the WAL, as every CLI command and a library switch in the app do), and of
# cases with long texts (overflow pages, a WAL that grows faster).
NEW_CASE_SHARE = 0.3
# Past this many cases most saves change stored cases, so that a long trial's library (and the
# time its checks take) stays in bounds.
FULL_LIBRARY = 150
NEW_CASE_SHARE_WHEN_FULL = 0.05
REOPEN_SHARE = 0.08
LONG_TEXT_SHARE = 0.05


def fingerprint(case: Case) -> str:
    """SHA-256 of the case's canonical exchange-format JSON: the exact content of a write."""
    canonical = json.dumps(
        case_to_json(case), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# -- the writer ----------------------------------------------------------------------------------

_RATIONALES = (
    "The council weighed the stated aim against the risk to the people affected.",
    "Members agreed the safeguards are real but asked for them in the contract — not a side letter.",
    "The customer’s answers on retention were vague; the decision holds only with the audit.",
    "Précis for the minutes: the deployment is narrower than the one declined in 2023.",
    "Zofia Nowak noted the regulator’s guidance (§ 4.2) now covers this use directly.",
    "Impacted communities were heard twice; their concerns shaped the conditions 🙂.",
)
_REVIEW_NOTES = (
    "Reviewed at the sitting: no incidents reported, conditions met.",
    "Stands; the monitoring report showed no misuse.",
    "Kept under watch after elections were announced in the region.",
    "Customer audit delivered late but clean.",
)
_CONDITIONS = (
    "Quarterly report on accuracy across age groups.",
    "No use on minors; the product enforces it.",
    "Independent audit before go-live and yearly after.",
    "Data deleted after 90 days; deletion logs shared with Trust and Safety.",
    "Any new region needs the council’s approval first.",
)
_DISTINCTIONS = (
    "Unlike the precedent, no biometric data leaves the customer’s tenancy.",
    "Narrower scope than the earlier case: counting, not identifying.",
)


class CaseMaker:
    """Draws the writer's next case from one seeded generator: new cases and re-saves."""

    def __init__(self, seed: int, framework: Framework | None = None) -> None:
        self.rng = random.Random(seed)
        self.framework = framework if framework is not None else bundled_framework()
        self.prefix = f"KT-{seed & 0xFFFFFFFFFF:010x}"
        self.made = 0
        self._fresh: Iterator[Case] = iter(())
        self._renamed: dict[str, str] = {}

    def next_case(self, library: CaseLibrary, known_ids: Sequence[str]) -> Case:
        """A new case, or a stored case with its decision added or changed (or facts edited)."""
        rng = self.rng
        share = NEW_CASE_SHARE if len(known_ids) < FULL_LIBRARY else NEW_CASE_SHARE_WHEN_FULL
        if len(known_ids) < 5 or rng.random() < share:
            return self.new_case(known_ids)
        case = library.get_case(rng.choice(list(known_ids)))
        if case.decision is None:
            return self.decide(case) if rng.random() < 0.85 else self.edit_facts(case)
        return self.revise_decision(case) if rng.random() < 0.8 else self.edit_facts(case)

    def new_case(self, known_ids: Sequence[str]) -> Case:
        rng = self.rng
        generated = next(self._fresh, None)
        if generated is None:
            self._fresh = generate_cases(self.framework, 40, seed=rng.randrange(2**31))
            self._renamed = {}
            generated = next(self._fresh)
        self.made += 1
        case_id = f"{self.prefix}-{self.made:05d}"
        self._renamed[generated.id] = case_id
        links = tuple(
            replace(link, target=self._renamed[link.target])
            for link in generated.links
            if link.target in self._renamed
        )
        case = replace(generated, id=case_id, links=links)
        if rng.random() < 0.4:
            # Still before the council: a later re-save decides it.
            case = replace(case, decision=None, status=rng.choice(("draft", "in_review")))
        elif known_ids and rng.random() < 0.15:
            # A changed decision is a new case that supersedes the old one.
            target = rng.choice(list(known_ids))
            if all(link.target != target for link in case.links):
                case = replace(
                    case,
                    links=(*case.links, CaseLink(type="supersedes", target=target)),
                )
        return self._maybe_long(case)

    def decide(self, case: Case) -> Case:
        """The council decides a case that was waiting: outcome, votes, conditions, dissent."""
        rng = self.rng
        outcomes = self.framework.outcome_keys
        outcome = rng.choice(outcomes)
        day = (case.submitted or date(2024, 1, 1)) + timedelta(days=rng.randrange(14, 60))
        members = [a.member for a in case.assessments]
        votes = tuple(
            Vote(member=m, vote=outcome if rng.random() < 0.75 else rng.choice(outcomes))
            for m in members
        )
        conditions: tuple[Condition, ...] = ()
        if outcome in _with_conditions(self.framework):
            conditions = tuple(
                Condition(
                    text=text,
                    owner=rng.choice(("Customer", "Legal", "Trust and Safety")),
                    due=day + timedelta(days=rng.randrange(30, 200)),
                )
                for text in rng.sample(_CONDITIONS, rng.randrange(1, 4))
            )
        decision = Decision(
            outcome=outcome,
            date=day,
            rationale=rng.choice(_RATIONALES),
            conditions=conditions,
            review_by=day + timedelta(days=365),
            votes=votes,
            dissent=tuple(
                Dissent(member=v.member, text=f"I would have voted {v.vote.replace('_', ' ')}.")
                for v in votes
                if v.vote != outcome
            ),
        )
        return self._maybe_long(replace(case, status="decided", decision=decision))

    def revise_decision(self, case: Case) -> Case:
        """A re-review that lets the decision stand, or a changed outcome, condition or dissent."""
        rng = self.rng
        decision = case.decision
        if decision is None:
            return self.decide(case)
        day = decision.date or case.submitted or date(2024, 1, 1)
        choice = rng.randrange(5)
        if choice == 0:
            last = decision.reviews[-1].date if decision.reviews else day
            when = last + timedelta(days=rng.randrange(90, 400))
            review = Review(
                date=when,
                note=rng.choice(_REVIEW_NOTES),
                next_review_by=when + timedelta(days=365),
            )
            decision = replace(
                decision, reviews=(*decision.reviews, review), review_by=review.next_review_by
            )
        elif choice == 1:
            outcome = rng.choice([o for o in self.framework.outcome_keys if o != decision.outcome])
            decision = replace(
                decision,
                outcome=outcome,
                rationale=f"{decision.rationale} Revised: {rng.choice(_RATIONALES)}",
                votes=tuple(replace(v, vote=outcome) for v in decision.votes),
                dissent=(),
            )
        elif choice == 2:
            condition = Condition(
                text=f"{rng.choice(_CONDITIONS)} (added {len(decision.conditions) + 1})",
                owner=rng.choice(("Customer", "Legal", "Account team")),
                due=day + timedelta(days=rng.randrange(30, 300)),
            )
            decision = replace(decision, conditions=(*decision.conditions, condition))
        elif choice == 3 and decision.votes:
            voter = rng.choice(decision.votes).member
            text = f"{rng.choice(_RATIONALES)} (dissent {rng.randrange(10**6)})"
            decision = replace(
                decision,
                dissent=(
                    *(d for d in decision.dissent if d.member != voter),
                    Dissent(member=voter, text=text),
                ),
            )
        else:
            decision = replace(
                decision, distinction=f"{rng.choice(_DISTINCTIONS)} #{rng.randrange(10**6)}"
            )
        return self._maybe_long(replace(case, status="decided", decision=decision))

    def edit_facts(self, case: Case) -> Case:
        rng = self.rng
        note = f" Update {rng.randrange(10**6)}: {rng.choice(_RATIONALES)}"
        return self._maybe_long(replace(case, summary=case.summary + note))

    def _maybe_long(self, case: Case) -> Case:
        """Now and then a very long use case: a write that spans many pages."""
        rng = self.rng
        if rng.random() >= LONG_TEXT_SHARE:
            return case
        sentences = [rng.choice(_RATIONALES) for _ in range(rng.randrange(40, 200))]
        return replace(case, use_case=" ".join(sentences))


def _say(out: TextIO, line: str) -> None:
    out.write(line + "\n")
    out.flush()


def run_writer(
    library_path: Path | str,
    seed: int,
    out: TextIO | None = None,
    *,
    max_writes: int | None = None,
) -> int:
    """Save cases until killed (or ``max_writes``), acknowledging each one after it is saved.

    Errors are not caught: a writer that fails says so on stderr and exits non-zero, which the
    trial reports.
    """
    out = out if out is not None else sys.stdout
    maker = CaseMaker(seed)
    rng = random.Random(seed ^ 0x5A5A5A5A)
    _say(out, "OPENING")
    library = CaseLibrary.open(library_path)
    try:
        known = library.case_ids()
        known_set = set(known)
        _say(out, "READY")
        written = 0
        while max_writes is None or written < max_writes:
            case = maker.next_case(library, known)
            print_ = fingerprint(case)
            _say(out, f"TRY {case.id} {print_}")
            library.save_case(case)
            _say(out, f"ACK {case.id} {print_}")
            written += 1
            if case.id not in known_set:
                known.append(case.id)
                known_set.add(case.id)
            if rng.random() < REOPEN_SHARE:
                _say(out, "CLOSE")
                library.close()
                _say(out, "OPENING")
                library = CaseLibrary.open(library_path)
                _say(out, "READY")
        return written
    finally:
        library.close()


# -- reading what a writer said ------------------------------------------------------------------


@dataclass(frozen=True)
class WriterLog:
    """The complete lines a writer printed before it died, read back."""

    attempts: tuple[tuple[str, str], ...] = ()  # (case id, fingerprint) of every TRY
    acks: tuple[tuple[str, str], ...] = ()  # (case id, fingerprint) of every ACK, in order
    in_flight: tuple[str, str] | None = None  # the TRY that had no ACK when the writer died
    phase: str = "starting"  # where the writer was when it died (one of PHASES)
    problems: tuple[str, ...] = ()  # lines that break the writer's protocol


def parse_writer_output(text: str) -> WriterLog:
    """Read a writer's output; a last line cut short by the kill does not count."""
    lines = text.split("\n")
    complete = lines[:-1]  # after the last "\n": empty, or a line the kill cut short
    attempts: list[tuple[str, str]] = []
    acks: list[tuple[str, str]] = []
    problems: list[str] = []
    pending: tuple[str, str] | None = None
    phase = "starting"
    for number, line in enumerate(complete, start=1):
        word, _, rest = line.partition(" ")
        if word in ("TRY", "ACK"):
            parts = rest.split(" ")
            if len(parts) != 2 or not all(parts):
                problems.append(f"line {number} is not '{word} <case id> <fingerprint>': {line!r}")
                continue
            entry = (parts[0], parts[1])
            if word == "TRY":
                if pending is not None:
                    problems.append(f"line {number}: a TRY before the last TRY was acknowledged")
                attempts.append(entry)
                pending = entry
                phase = "saving"
            else:
                if pending != entry:
                    problems.append(f"line {number}: an ACK for a write that was not tried")
                acks.append(entry)
                pending = None
                phase = "between saves"
        elif word == "OPENING":
            phase = "opening"
        elif word == "READY":
            phase = "between saves"
        elif word == "CLOSE":
            phase = "closing"
        else:
            problems.append(f"line {number} is not part of the writer's protocol: {line!r}")
    return WriterLog(tuple(attempts), tuple(acks), pending, phase, tuple(problems))


# -- checking the library after a kill -----------------------------------------------------------


@dataclass
class RoundCheck:
    """What one check of the library after a kill found."""

    opened: bool = True
    integrity: list[str] = field(default_factory=list)  # integrity_problems(), or why it failed
    lost: list[str] = field(default_factory=list)  # one sentence per acknowledged write lost
    unexpected: list[str] = field(default_factory=list)  # content nobody wrote
    in_flight_landed: bool | None = None  # whether the unacknowledged write is in the library

    @property
    def ok(self) -> bool:
        return self.opened and not self.integrity and not self.lost and not self.unexpected


@dataclass
class Ledger:
    """What the library must hold: for each case, the content of its last acknowledged write.

    After a check the ledger takes on what the library holds, so that a write in flight that
    landed must stay, and a loss is counted once.
    """

    expected: dict[str, str] = field(default_factory=dict)

    def check(self, library_path: Path | str, log: WriterLog) -> RoundCheck:
        """Open the library, check its integrity and every write ``log`` acknowledged."""
        result = RoundCheck()
        expected = dict(self.expected)
        for case_id, print_ in log.acks:
            expected[case_id] = print_  # a later acknowledged write supersedes an earlier one
        in_flight = dict([log.in_flight]) if log.in_flight else {}
        if not Path(library_path).exists() and not expected and not in_flight:
            return result  # the writer was killed before it created the library
        try:
            library = CaseLibrary.open(library_path, create=False)
        except (CouncilError, sqlite3.Error) as exc:
            result.opened = False
            result.integrity.append(f"the library does not open: {exc}")
            return result
        try:
            try:
                result.integrity = library.integrity_problems()
                stored = {case.id: fingerprint(case) for case in library.get_cases()}
            except (CouncilError, sqlite3.Error) as exc:
                result.integrity.append(f"the library cannot be read: {exc}")
                return result
        finally:
            library.close()

        for case_id in sorted(set(expected) | set(in_flight)):
            have = stored.get(case_id)
            acknowledged = expected.get(case_id)
            trying = in_flight.get(case_id)
            if trying is not None:
                result.in_flight_landed = have == trying and trying != acknowledged
            if have is not None and have in (acknowledged, trying):
                continue
            if acknowledged is not None:
                found = "it is missing" if have is None else f"it holds {have[:12]}"
                result.lost.append(
                    f"{case_id}: the acknowledged write {acknowledged[:12]} is lost ({found})"
                )
            elif have is not None:
                result.unexpected.append(f"{case_id}: holds {have[:12]}, which was never written")
        for case_id in sorted(set(stored) - set(expected) - set(in_flight)):
            result.unexpected.append(f"{case_id}: in the library but never written")

        self.expected = dict(stored)
        return result


# -- the trial -----------------------------------------------------------------------------------


@dataclass
class KillReport:
    """The figures of a kill trial, added up over its rounds."""

    rounds: int = 0
    kills: int = 0
    kills_by_phase: dict[str, int] = field(default_factory=lambda: dict.fromkeys(PHASES, 0))
    writes_attempted: int = 0
    writes_acknowledged: int = 0
    in_flight_at_kill: int = 0  # kills that landed between a TRY and its ACK
    in_flight_landed: int = 0  # ... of which the write was in the library afterwards
    committed_writes_lost: int = 0
    integrity_failures: int = 0
    unexpected_content: int = 0
    writer_errors: int = 0  # writers that stopped on their own (an exception, a crash)
    cases_in_library: int = 0
    library_bytes: int = 0
    elapsed_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    sqlite_version: str = sqlite3.sqlite_version
    system: str = field(default_factory=platform.platform)
    python: str = field(default_factory=platform.python_version)

    @property
    def ok(self) -> bool:
        return (
            self.kills == self.rounds
            and self.committed_writes_lost == 0
            and self.integrity_failures == 0
            and self.unexpected_content == 0
            and self.writer_errors == 0
        )

    def figures(self) -> list[tuple[str, str]]:
        phases = ", ".join(f"{self.kills_by_phase[p]} {p}" for p in PHASES)
        return [
            ("rounds / kills (SIGKILL)", f"{self.rounds} / {self.kills}"),
            ("where the kills landed", phases),
            ("writes attempted", str(self.writes_attempted)),
            ("writes acknowledged", str(self.writes_acknowledged)),
            (
                "unacknowledged writes in flight at a kill",
                f"{self.in_flight_at_kill} ({self.in_flight_landed} were in the library after)",
            ),
            ("committed writes lost", str(self.committed_writes_lost)),
            ("integrity failures", str(self.integrity_failures)),
            ("content nobody wrote", str(self.unexpected_content)),
            ("writer errors", str(self.writer_errors)),
            (
                "library at the end",
                f"{self.cases_in_library} cases, {self.library_bytes / 2**20:.1f} MiB",
            ),
            ("SQLite", self.sqlite_version),
            ("Python / platform", f"{self.python} / {self.system}"),
            ("elapsed", f"{self.elapsed_seconds:.1f} s"),
        ]


def writer_command(library_path: Path | str, seed: int) -> list[str]:
    return [sys.executable, "-m", WRITER_MODULE, "writer", str(library_path), str(seed)]


def _child_environment() -> dict[str, str]:
    """This process's environment, with council_app importable however it was found here."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _printed(output: Path, marker: str) -> int:
    """How many complete lines the writer has printed that are, or start with, ``marker``."""
    lines = output.read_bytes().split(b"\n")[:-1]
    word = marker.encode()
    return sum(1 for line in lines if line == word or line.startswith(word + b" "))


def _wait_for(
    proc: subprocess.Popen[bytes], output: Path, marker: str, count: int, timeout: float
) -> bool:
    """Wait until the writer has printed ``marker`` ``count`` times (True), or exited (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _printed(output, marker) >= count:
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.001)
    raise TimeoutError(f"the writer did not print {marker} ×{count} within {timeout:.0f} s")


@dataclass(frozen=True)
class KillPlan:
    """When to kill one writer: after it printed ``marker`` ``count`` times, wait ``delay`` s."""

    marker: str | None  # None: count the delay from the start of the process
    count: int
    delay: float


def plan_kill(rng: random.Random, min_delay: float, max_delay: float) -> KillPlan:
    """Spread the kills over every stage of a writer's life.

    Most kills are timed from the moment the library is open; others wait for the writer to
    reach a stage (opening, a number of acknowledged saves, closing) and follow it closely, so
    that each stage is hit however fast or slow saving is on the machine.
    """
    draw = rng.random()
    if draw < 0.08:  # during start-up: often before the library is touched
        return KillPlan(None, 1, rng.uniform(0.0, 0.3))
    if draw < 0.16:  # while the library opens (and recovers from the last kill)
        return KillPlan("OPENING", 1, rng.uniform(0.0, 0.004))
    if draw < 0.22:  # during the first save
        return KillPlan("READY", 1, rng.uniform(0.0, min_delay))
    if draw < 0.28:  # while the library closes: the checkpoint
        return KillPlan("CLOSE", 1, rng.uniform(0.0, 0.003))
    if draw < 0.52:  # just after an acknowledged save
        return KillPlan("ACK", rng.randint(1, 8), rng.uniform(0.0, 0.01))
    # Log-uniform: as many kills in 2–20 ms as in 40–400 ms.
    return KillPlan("READY", 1, math.exp(rng.uniform(math.log(min_delay), math.log(max_delay))))


_SIDE_FILES = ("-wal", "-shm", "-journal")


def snapshot_library(library_path: Path, copy_path: Path) -> Path:
    """Copy a library, with its WAL and shared-memory files, as the last kill left it.

    The check opens the copy, so that opening it (which recovers the WAL and, on closing,
    checkpoints it) does not tidy up the library before the next writer: that writer meets the
    crashed state itself, as the app would, and a kill can land in its recovery.
    """
    for suffix in ("", *_SIDE_FILES):
        Path(f"{copy_path}{suffix}").unlink(missing_ok=True)
    for suffix in ("", *_SIDE_FILES):
        source = Path(f"{library_path}{suffix}")
        if source.exists():
            shutil.copyfile(source, f"{copy_path}{suffix}")
    return copy_path


def _run_and_kill(
    library_path: Path, seed: int, plan: KillPlan, output: Path, errors: Path, timeout: float
) -> str | None:
    """Start a writer, kill it as planned; None, or why the writer stopped by itself."""
    with output.open("wb") as out_file, errors.open("wb") as err_file:
        proc = subprocess.Popen(
            writer_command(library_path, seed),
            stdin=subprocess.DEVNULL,
            stdout=out_file,
            stderr=err_file,
            env=_child_environment(),
        )
        try:
            alive = True
            if plan.marker is not None:
                alive = _wait_for(proc, output, plan.marker, plan.count, timeout)
            if alive:
                time.sleep(plan.delay)
            if proc.poll() is None:
                proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
                proc.wait()
                return None
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    detail = errors.read_text(encoding="utf-8", errors="replace").strip()
    return f"the writer stopped by itself (exit {proc.returncode}): {detail[-2000:]}"


def _add_check(report: KillReport, label: str, check: RoundCheck) -> None:
    report.committed_writes_lost += len(check.lost)
    report.unexpected_content += len(check.unexpected)
    if check.integrity:
        report.integrity_failures += 1
    report.problems += [f"{label}: {p}" for p in (*check.integrity, *check.lost, *check.unexpected)]


def run_kill_trial(
    library_path: Path | str,
    rounds: int,
    seed: int,
    *,
    min_delay: float = 0.002,
    max_delay: float = 0.4,
    timeout: float = 120.0,
    progress: Callable[[int, KillReport], None] | None = None,
) -> KillReport:
    """Kill a writer ``rounds`` times at random moments; check the library after each kill.

    Each check runs on a copy of the library as the kill left it (see :func:`snapshot_library`);
    at the end the library itself is opened and checked once more.
    """
    library_path = Path(library_path)
    rng = random.Random(seed)
    report = KillReport()
    ledger = Ledger()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="council-kill-") as scratch_name:
        scratch = Path(scratch_name)
        for number in range(rounds):
            plan = plan_kill(rng, min_delay, max_delay)
            writer_seed = rng.randrange(2**40)
            output = scratch / f"writer-{number}.out"
            report.rounds += 1
            failure = _run_and_kill(
                library_path, writer_seed, plan, output, scratch / "writer.err", timeout
            )
            if failure is None:
                report.kills += 1
            else:
                report.writer_errors += 1
                report.problems.append(f"round {number}: {failure}")

            log = parse_writer_output(output.read_text(encoding="utf-8", errors="replace"))
            output.unlink()
            report.kills_by_phase[log.phase] += 1
            report.writes_attempted += len(log.attempts)
            report.writes_acknowledged += len(log.acks)
            report.problems += [f"round {number}: {p}" for p in log.problems]
            check = ledger.check(snapshot_library(library_path, scratch / "check.sqlite"), log)
            if log.in_flight is not None:
                report.in_flight_at_kill += 1
                report.in_flight_landed += bool(check.in_flight_landed)
            _add_check(report, f"round {number} (killed while {log.phase})", check)
            report.elapsed_seconds = time.monotonic() - started
            if progress is not None:
                progress(number + 1, report)
            if not check.opened:
                break  # nothing more to learn from a library that does not open
    if report.rounds and library_path.exists():
        _add_check(report, "the library itself at the end", ledger.check(library_path, WriterLog()))
    report.cases_in_library = len(ledger.expected)
    report.library_bytes = library_path.stat().st_size if library_path.exists() else 0
    report.elapsed_seconds = time.monotonic() - started
    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 3 or args[0] != "writer":
        print(f"usage: python -m {WRITER_MODULE} writer LIBRARY SEED", file=sys.stderr)
        return 2
    run_writer(Path(args[1]), int(args[2]))
    return 0


__all__ = [
    "CaseMaker",
    "KillPlan",
    "KillReport",
    "Ledger",
    "RoundCheck",
    "WriterLog",
    "fingerprint",
    "main",
    "parse_writer_output",
    "plan_kill",
    "run_kill_trial",
    "run_writer",
    "snapshot_library",
    "writer_command",
]


if __name__ == "__main__":
    sys.exit(main())
