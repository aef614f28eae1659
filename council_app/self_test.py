"""``council-app --self-test``: does this installation work, end to end?

A packager who has just built a bundle, or a council's IT desk after installing one, needs a
yes or no they can trust without knowing Python: the checks below exercise the same code a
council member's first session does (resources, the SQLite library with its full-text index,
scoring, precedents, the PDF memo, the main window) and print each result with a figure a person
can recognise. The work happens in a temporary folder that points the data folder there too, so
a user's library, backups and settings are never read or written.

This module is part of the Qt-free core; the window check imports ``council_app.ui`` only when
it runs, so that a broken Qt shows up as one failed check rather than an import error.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO, TypeVar

from council_app import APP_NAME, __version__, paths, resources
from council_app.errors import CouncilError
from council_app.framework import Framework, bundled_framework
from council_app.memo.fonts import FACES, FALLBACKS

DISTRIBUTION = "council-desk"
UNKNOWN_VERSION = "0+unknown"  # what council_app.__init__ falls back to without metadata
SEARCH_WORDS = "facial recognition"
# Every face a memo may be set in: DejaVu's four and the fallbacks (council_app.memo.fonts).
FONT_FILES = tuple(dict.fromkeys([*FACES.values(), *FALLBACKS.values()]))
# A line in the scripts the fallback faces and the right-to-left code exist for, and the face
# each must bring into the PDF (its name in the font file).
SCRIPTS_SAMPLE = "東京 서울 🚀 שלום مرحبا"
SCRIPT_FACES = (b"DroidSansFallback", b"NanumSquareR", b"Symbola")


T = TypeVar("T")


class CheckFailed(Exception):
    """A check found something wrong; the message says what, in the user's terms."""


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str


@dataclass
class _Context:
    """What the checks hand on to each other (the library feeds scoring, and so on)."""

    folder: Path
    framework: Framework | None = None
    library_path: Path | None = None
    case_count: int = 0
    case_id: str | None = None
    results: list[CheckResult] = field(default_factory=list)


def _need(value: T | None, what: str) -> T:
    if value is None:
        raise CheckFailed(f"not run: {what} failed")
    return value


def _the_case(context: _Context) -> tuple[Path, Framework, str]:
    """The library, the framework and the decided case that scoring, precedents and the memo use."""
    return (
        _need(context.library_path, "the library"),
        _need(context.framework, "the resources"),
        _need(context.case_id, "the library"),
    )


def check_version(_context: _Context) -> str:
    if __version__ == UNKNOWN_VERSION:
        raise CheckFailed(
            f"the package metadata of {DISTRIBUTION} is missing, so the app, its About box and "
            "its memos cannot say which version they are (a bundle must carry the metadata)"
        )
    return f"{__version__}, from the package metadata of {DISTRIBUTION}"


def check_resources(context: _Context) -> str:
    framework = bundled_framework()
    context.framework = framework
    for name in (*FONT_FILES, resources.EXCHANGE_SCHEMA_FILE, resources.APP_ICON_FILE):
        resources.read_bytes(name)
    return (
        f"framework “{framework.name}” {framework.version} with "
        f"{len(framework.considerations)} considerations and {len(framework.weight_profiles)} weight "
        f"profiles; {len(FONT_FILES)} font files, the exchange schema and the icon"
    )


def check_library(context: _Context) -> str:
    from council_app.library import CaseLibrary
    from council_app.library.demo import create_demo_library, demo_case_count

    path = context.folder / "self-test.sqlite"
    create_demo_library(path)
    with CaseLibrary.open(path) as library:
        problems = library.integrity_problems()
        if problems:
            raise CheckFailed("the new library fails its integrity check: " + "; ".join(problems))
        count = library.count_cases()
        decided = sorted(
            (c for c in library.list_cases() if c.status == "decided" and c.decided is not None),
            key=lambda c: (c.decided, c.id),
        )
    expected = demo_case_count()
    if count != expected:
        raise CheckFailed(f"{count} cases in the library, but the demo data holds {expected}")
    if not decided:
        raise CheckFailed("the demo library holds no decided case to score")
    context.library_path = path
    context.case_count = count
    # The most recently decided case has the most earlier cases to find as precedents.
    context.case_id = decided[-1].id
    return f"{count} demo cases in a temporary library; integrity check ok"


def check_search(context: _Context) -> str:
    from council_app.library import CaseLibrary
    from council_app.library.search import search_cases

    path = _need(context.library_path, "the library")
    with CaseLibrary.open(path, readonly=True) as library:
        hits = search_cases(library, SEARCH_WORDS)
    if not hits:
        raise CheckFailed(f"full-text search for “{SEARCH_WORDS}” found nothing")
    return f"“{SEARCH_WORDS}” finds {len(hits)} cases, best {hits[0].case.id}"


def check_score(context: _Context) -> str:
    from council_app.library import CaseLibrary
    from council_app.scoring import score_case

    path, framework, case_id = _the_case(context)
    with CaseLibrary.open(path, readonly=True) as library:
        case = library.get_case(case_id)
    scoring = score_case(framework, case).scoring
    recommendation = scoring.recommendation
    if not scoring.complete or recommendation.outcome == framework.deferral:
        raise CheckFailed(f"{case_id} could not be scored: {recommendation.reason}")
    outcome = recommendation.outcome.replace("_", " ")
    return (
        f"scored {case_id}: concern {scoring.shown_index}, recommendation {outcome} "
        f"(by the {recommendation.rule} rule)"
    )


def check_precedents(context: _Context) -> str:
    from council_app.council.settings import load_blend
    from council_app.library import CaseLibrary
    from council_app.precedent import find_precedents

    path, framework, case_id = _the_case(context)
    with CaseLibrary.open(path, readonly=True) as library:
        case = library.get_case(case_id)
        found = find_precedents(library, framework, case, top=5, blend=load_blend(library))
    if not found.precedents:
        raise CheckFailed(f"no precedents found for {case_id} among {context.case_count} cases")
    best = found.precedents[0]
    return (
        f"{len(found.precedents)} precedents for {case_id}, closest {best.case.id} "
        f"(likeness {best.match_text})"
    )


def check_memo(context: _Context) -> str:
    from council_app.library import CaseLibrary
    from council_app.memo import prepare_memo, render_memo

    path, framework, case_id = _the_case(context)
    with CaseLibrary.open(path, readonly=True) as library:
        memo = prepare_memo(library, framework, library.get_case(case_id))
    pdf = render_memo(memo)
    pages = len(re.findall(rb"/Type /Page\b", pdf))
    if not pdf.startswith(b"%PDF-") or pages == 0:
        raise CheckFailed(f"the memo for {case_id} is not a PDF with pages")
    if b"/FontFile2" not in pdf or b"DejaVuSans" not in pdf:
        raise CheckFailed(f"the memo for {case_id} does not embed its DejaVu Sans font")
    if f"({APP_NAME} {__version__})".encode() not in pdf:
        raise CheckFailed(f"the memo for {case_id} does not name {APP_NAME} {__version__}")
    if b"<pdfaid:part>2</pdfaid:part>" not in pdf or b"/OutputIntents" not in pdf:
        # pikepdf and Pillow's colour management complete every memo; a bundle must carry both.
        raise CheckFailed(f"the memo for {case_id} is not identified as PDF/A-2b")
    if render_memo(memo) != pdf:
        raise CheckFailed(f"the memo for {case_id} came out different the second time")
    return (
        f"{case_id}: {pages} pages, {len(pdf) // 1024} KB, fonts embedded, PDF/A-2b, made by "
        f"{APP_NAME} {__version__}, the same bytes twice"
    )


def check_scripts(_context: _Context) -> str:
    """The fallback faces, python-bidi (a compiled module) and arabic-reshaper must travel with
    a bundle; a memo in Japanese or Arabic is where a missing one would show."""
    import io

    from reportlab.platypus import SimpleDocTemplate

    from council_app.memo.direction import visual_order
    from council_app.memo.scripts import Paragraph, set_in_faces
    from council_app.memo.styles import memo_styles

    if "[U+" in set_in_faces(SCRIPTS_SAMPLE):
        raise CheckFailed("a character of Chinese, Korean or emoji has no face to be set in")
    drawn = "".join(c for _, c in visual_order("abc שלום", right_to_left=False))
    if drawn != "abc םולש":
        raise CheckFailed(f"Hebrew is not drawn right to left (got “{drawn}”)")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, invariant=1).build([Paragraph(SCRIPTS_SAMPLE, memo_styles().body)])
    missing = [f.decode() for f in SCRIPT_FACES if f not in buffer.getvalue()]
    if missing:
        raise CheckFailed("the PDF does not embed " + ", ".join(missing))
    return f"“{SCRIPTS_SAMPLE}” set in {len(SCRIPT_FACES)} fallback faces, right to left where due"


def check_window(context: _Context) -> str:
    path = _need(context.library_path, "the library")
    framework = _need(context.framework, "the resources")
    # Offscreen unless the person running the test chose a platform: the check must work on a
    # build machine without a display, and must not pop a window up on a member's screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from council_app.ui.self_check import open_main_window

    seen = open_main_window(path, framework, context.folder / "settings.ini", context.case_count)
    if seen.cases_listed != context.case_count:
        raise CheckFailed(
            f"the window listed {seen.cases_listed} of {context.case_count} cases in time"
        )
    expected = f"{APP_NAME} {__version__}"
    if expected not in seen.about_text:
        raise CheckFailed(f"the About box does not say “{expected}”")
    if seen.icon_size == 0:
        raise CheckFailed("the app icon did not load (is Qt's SVG image plugin bundled?)")
    return (
        f"main window ({seen.platform}): {seen.cases_listed} cases listed, About says "
        f"“{expected}”, icon {seen.icon_size}×{seen.icon_size}"
    )


CHECKS: tuple[tuple[str, Callable[[_Context], str]], ...] = (
    ("version", check_version),
    ("resources", check_resources),
    ("library", check_library),
    ("search", check_search),
    ("scoring", check_score),
    ("precedents", check_precedents),
    ("memo", check_memo),
    ("scripts", check_scripts),
    ("window", check_window),
)


@contextmanager
def _private_data_dir(folder: Path) -> Iterator[None]:
    """Point the data folder (backups, settings, crash reports) into ``folder`` for a while."""
    before = os.environ.get(paths.DATA_DIR_ENV)
    os.environ[paths.DATA_DIR_ENV] = str(folder / "data")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(paths.DATA_DIR_ENV, None)
        else:
            os.environ[paths.DATA_DIR_ENV] = before


def run_checks(report: Callable[[CheckResult], None] = lambda _result: None) -> list[CheckResult]:
    """Run every check in a temporary folder, which is removed afterwards.

    Each result is reported as soon as it is known, so that a check that hangs shows where.
    """
    with (
        tempfile.TemporaryDirectory(prefix="council-desk-self-test-") as name,
        _private_data_dir(Path(name)),
    ):
        context = _Context(folder=Path(name))
        for check_name, check in CHECKS:
            try:
                detail = check(context)
            except (CheckFailed, CouncilError, OSError) as problem:
                context.results.append(CheckResult(check_name, False, str(problem)))
            except Exception as error:  # any surprise is a failed check, not a traceback
                context.results.append(
                    CheckResult(check_name, False, f"{type(error).__name__}: {error}")
                )
            else:
                context.results.append(CheckResult(check_name, True, detail))
            report(context.results[-1])
        return context.results


def _where() -> str:
    if getattr(sys, "frozen", False):
        return f"bundle in {Path(sys.executable).resolve().parent}"
    return f"Python {sys.version.split()[0]} at {sys.executable}"


def _marks(stream: TextIO) -> tuple[str, str]:
    """✓ and ✗ where the terminal can show them (a Windows console may not)."""
    try:
        "✓✗“”×".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "ok", "FAILED"
    return "✓", "✗"


def run_self_test(stream: TextIO | None = None) -> int:
    """Print each check with ✓ or ✗ and what it saw; 0 if all passed, else 1."""
    out = stream or sys.stdout
    passed_mark, failed_mark = _marks(out)
    started = time.monotonic()
    print(f"{APP_NAME} {__version__} self-test ({_where()})", file=out, flush=True)

    def report(result: CheckResult) -> None:
        mark = passed_mark if result.passed else failed_mark
        line = f"{mark} {result.name}: {result.detail}"
        try:
            print(line, file=out, flush=True)
        except UnicodeEncodeError:
            print(line.encode("ascii", "replace").decode("ascii"), file=out, flush=True)

    results = run_checks(report)
    failed = [r for r in results if not r.passed]
    elapsed = time.monotonic() - started
    if failed:
        print(
            f"{len(failed)} of {len(results)} checks failed ({elapsed:.1f} s): "
            f"{', '.join(r.name for r in failed)}.",
            file=out,
        )
        return 1
    print(f"All {len(results)} checks passed ({elapsed:.1f} s).", file=out)
    return 0
