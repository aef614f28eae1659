"""The ``felt`` figures: what a member feels in the real app, from the key press or click to the
frame that shows the answer (benchmarks/felt.py drives the app), at 1,000, 10,000 and the
large library's size, each event beside the cheapest honest baseline taken in the same run.

The baselines: the raw FTS5 query for a search's text and for a case's key terms, a plain
reportlab document of the memo's text, a bare window for start-up and memory. Opening a case,
a rating change and the tabs have targets of their own (there is no cheaper way to show them).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks import data
from benchmarks.figures import (
    QUERIES,
    Settings,
    _fetch,
    _ms,
    _plain_document,
    _raw_connection,
    _stats,
)
from benchmarks.measure import Figure, child_env, run_probe, timed

# The events the probe times, what each is, and its target (ms, p95).
EVENTS = (
    ("search", "key press → first screenful of the list painted", 100),
    ("open_case", "Enter on a row → workspace painted with its scoring panel", 150),
    ("rating", "a rating changed → scoring panel repainted", 50),
    ("precedents", "the Precedents step → list and graph painted", 200),
    ("memo", "Ctrl+M → memo preview's first page painted", 500),
    ("tab_library", "the Library tab → painted with its cases", 300),
    ("tab_sittings", "the Sittings tab → painted with a 30-item agenda", 300),
    ("tab_review", "the Re-review tab → painted with its data", 300),
)
SEARCH_RATIO = 2.0  # a search's first screenful at most twice its raw FTS5 query
GAP_MS = 50  # no event-loop gap longer than this during any event
STARTUP_RATIO = 2.0  # start-up to the cases listed at most twice a bare window
MEMORY_ABOVE_MIB = 150  # peak memory at most this much above the bare window


def sizes(settings: Settings) -> list[int]:
    """The library sizes the figures are taken at: the growth shows between them."""
    return [size for size in (1_000, 10_000) if size < settings.large] + [settings.large]


def _undecided_case_ids(library: Path, count: int) -> list[str]:
    """Cases whose ratings a member can change (a recorded decision freezes them)."""
    conn = _raw_connection(library)
    try:
        rows = conn.execute(
            "SELECT id FROM cases WHERE status = 'in_review' ORDER BY id LIMIT ?", [count]
        ).fetchall()
    finally:
        conn.close()
    if not rows:
        raise RuntimeError(f"{library.name} has no case in review to open")
    return [r[0] for r in rows]


def _app_data_dir(library: Path) -> Path:
    """The app's data folder for this library, with today's backup already taken, so that the
    2 GB copy a first open of the day makes is not inside any timing (see figures)."""
    from council_app.library import CaseLibrary
    from council_app.library.backup import backup_if_due

    folder = data.cache_dir() / f"app-data-{library.stem}"
    folder.mkdir(exist_ok=True)
    with data.using_data_dir(folder), CaseLibrary.open(library, create=False) as lib:
        backup_if_due(lib)
    return folder


def _baselines(library: Path, case_ids: list[str], rounds: int) -> dict[str, list[float]]:
    """The raw FTS5 queries (the probe's queries; the key terms of its cases) and the plain
    reportlab memo of each case, in milliseconds."""
    from council_app.framework import bundled_framework
    from council_app.library import CaseLibrary
    from council_app.library.search import LIST_HITS, plain_match_query
    from council_app.memo import prepare_memo
    from council_app.precedent.terms import key_terms, or_query

    framework = bundled_framework()
    raw = _raw_connection(library)
    found: dict[str, list[float]] = {"search": [], "precedents": [], "memo": []}

    def fts(match: str, limit: int) -> float:
        sql = (
            "SELECT rowid FROM case_text_fts WHERE case_text_fts MATCH ? "
            f"ORDER BY bm25(case_text_fts) LIMIT {limit}"
        )
        seconds, _rows = timed(_fetch, raw, sql, [match])
        return _ms(seconds)

    try:
        queries = [plain_match_query(q, prefix_last=True) for q in QUERIES[:rounds]]
        for match in queries:  # unmeasured: the page cache warmed as for the app
            if match:
                fts(match, LIST_HITS)
        found["search"] = [fts(m, LIST_HITS) for m in queries if m]
        with CaseLibrary.open(library, readonly=True) as lib:
            cases = lib.get_cases(case_ids)
            terms = [q for q in (or_query(key_terms(lib, c)) for c in cases) if q]
            inputs = [prepare_memo(lib, framework, c) for c in cases]
        found["precedents"] = [fts(q, 100) for q in terms]
        _plain_document(inputs[0])  # fonts registered once, as the app's first memo does
        found["memo"] = [_ms(timed(_plain_document, memo_input)[0]) for memo_input in inputs]
    finally:
        raw.close()
    return found


def _startup(library: Path, env: dict[str, str], starts: int) -> tuple[list[float], list[float]]:
    """Fresh processes: the app to its cases listed, and a bare window, alternated."""
    run_probe(["app-listed", "--library", str(library)], env=env)  # bytecode, page cache
    run_probe(["bare"], env=env)
    app: list[float] = []
    bare: list[float] = []
    for _ in range(starts):
        app.append(_ms(run_probe(["app-listed", "--library", str(library)], env=env)["wall_s"]))
        bare.append(_ms(run_probe(["bare"], env=env)["wall_s"]))
    return app, bare


def felt_at(settings: Settings, size: int) -> list[Figure]:
    library, sitting = data.felt_library(size)
    rounds = settings.felt_rounds
    case_ids = _undecided_case_ids(library, rounds)
    env = child_env(COUNCIL_APP_DATA_DIR=str(_app_data_dir(library)))
    found = run_probe(
        [
            "app-felt",
            "--library",
            str(library),
            "--queries",
            json.dumps(list(QUERIES[:rounds])),
            "--cases",
            json.dumps(case_ids),
            "--sitting",
            str(sitting),
            "--rounds",
            str(rounds),
        ],
        env=env,
        timeout=1800,
    )
    bare_memory = run_probe(["bare", "--hold", "0.3"], env=env)["peak_rss_mib"]
    baselines = _baselines(library, case_ids, rounds)
    startup, bare = _startup(library, env, settings.starts)
    return _figures(size, found, baselines, startup, bare, bare_memory)


def _figures(
    size: int,
    found: dict[str, Any],
    baselines: dict[str, list[float]],
    startup: list[float],
    bare: list[float],
    bare_memory: float,
) -> list[Figure]:
    at = f"{size:,} library"
    figures: list[Figure] = []
    worst_gap = (0.0, "")
    for name, what, target_ms in EVENTS:
        timings = found[name]["ms"]
        gaps = found[name]["gap_ms"]
        p50, p95 = _stats(timings)
        gap = max(gaps)
        worst_gap = max(worst_gap, (gap, name))
        base = baselines.get(name)
        b50, b95 = _stats(base) if base else (None, None)
        met = p95 <= target_ms
        target = f"p95 ≤ {target_ms} ms"
        if name == "search" and b95:
            met = met and p95 <= SEARCH_RATIO * b95
            target += f" and ≤ {SEARCH_RATIO:g}× baseline"
        figures.append(
            Figure(
                key=f"felt_{name}_{size}",
                what=f"{what}, {at} (p95)",
                unit="ms",
                value=p95,
                p50=p50,
                baseline=b95,
                baseline_p50=b50,
                baseline_what={
                    "search": "raw FTS5 query for the text typed",
                    "precedents": "raw FTS5 query for the case's key terms",
                    "memo": "plain reportlab document of the memo's text",
                }.get(name, ""),
                target=target,
                met=met,
                samples=len(timings),
                notes=[f"longest event-loop gap {gap:.0f} ms"],
                extra={"max_gap_ms": gap},
            )
        )
    figures.append(
        Figure(
            key=f"felt_gap_{size}",
            what=f"longest event-loop gap during any of them, {at}",
            unit="ms",
            value=worst_gap[0],
            target=f"≤ {GAP_MS} ms",
            met=worst_gap[0] <= GAP_MS,
            samples=sum(len(found[name]["gap_ms"]) for name, _w, _t in EVENTS),
            notes=[f"during {worst_gap[1]}"],
        )
    )
    s50, s95 = _stats(startup)
    b50, b95 = _stats(bare)
    figures.append(
        Figure(
            key=f"felt_startup_{size}",
            what=f"start-up → cases listed, {at} (fresh process, median)",
            unit="ms",
            value=s50,
            p50=s50,
            baseline=b50,
            baseline_p50=b50,
            baseline_what="bare PySide6 window (QApplication + QMainWindow + show)",
            target=f"≤ {STARTUP_RATIO:g}× baseline (medians)",
            met=s50 <= STARTUP_RATIO * b50,
            samples=len(startup),
            extra={"p95_ms": s95, "baseline_p95_ms": b95},
        )
    )
    peak = found["peak_rss_mib"]
    figures.append(
        Figure(
            key=f"felt_memory_{size}",
            what=f"peak memory after all of them, {at}",
            unit="MiB",
            value=peak,
            baseline=bare_memory,
            baseline_what="bare PySide6 window",
            target=f"≤ {MEMORY_ABOVE_MIB} MiB above baseline",
            met=peak - bare_memory <= MEMORY_ABOVE_MIB,
            samples=1,
            notes=[f"{peak - bare_memory:.0f} MiB above the bare window"],
            extra={"above_baseline_mib": peak - bare_memory},
        )
    )
    return figures


def felt(settings: Settings) -> list[Figure]:
    figures: list[Figure] = []
    for size in sizes(settings):
        figures += felt_at(settings, size)
    return figures


__all__ = ["EVENTS", "felt", "sizes"]
