"""``python -m benchmarks``: measure, print the table, write the JSON.

Figures are printed beside baselines measured in the same run on the same data, with the ratio,
so that they mean something on a busy machine; the JSON keeps them for comparison over time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import data
from benchmarks.figures import FIGURES, Settings
from benchmarks.measure import ROOT, Figure

RESULTS = ROOT / "benchmarks" / "results"


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "s":
        return f"{value:.1f} s"
    if unit == "MiB":
        return f"{value:.0f} MiB"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def table(figures: list[Figure]) -> str:
    """The figures as a Markdown table (it reads in a terminal and pastes into the README)."""
    lines = [
        "| figure | value | p50 | baseline | ratio | target | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        baseline = (
            f"{_number(f.baseline, f.unit)} ({f.baseline_what})" if f.baseline is not None else "—"
        )
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        what = f.what + (f" — {'; '.join(f.notes)}" if f.notes else "")
        p50 = _number(f.p50, f.unit) if f.p50 is not None and f.p50 != f.value else "—"
        lines.append(
            f"| {what} | {_number(f.value, f.unit)} | {p50} | {baseline} | {ratio} | "
            f"{f.target} | {met} |"
        )
    return "\n".join(lines)


def machine() -> dict[str, object]:
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Council Desk's benchmarks, each beside a baseline measured in the same run.",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 and 10,000-case libraries only, fewer repetitions (minutes, not tens)",
    )
    parser.add_argument(
        "--size",
        type=int,
        help="cases in the large library (default 100000, or 10000 with --quick)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=sorted(FIGURES),
        metavar="FIGURE",
        help=f"run only these figures: {', '.join(FIGURES)}",
    )
    parser.add_argument("--repeats", type=int, help="rounds of each repeated measurement")
    parser.add_argument(
        "--import-size", type=int, help="cases in the imported exchange file (default 10000)"
    )
    parser.add_argument("--starts", type=int, help="fresh processes for each start-up figure")
    parser.add_argument(
        "-o", "--output", type=Path, help="JSON file (default benchmarks/results/DATE.json)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    quick = args.quick
    settings = Settings(
        large=args.size or (10_000 if quick else 100_000),
        import_size=args.import_size or (1_000 if quick else 10_000),
        repeats=args.repeats or (2 if quick else 5),
        starts=args.starts or (3 if quick else 7),
        precedent_cases=10 if quick or (args.size is not None and args.size < 1000) else 20,
        batch_memos=3 if args.size is not None and args.size < 1000 else 30,
        felt_rounds=2 if args.size is not None and args.size < 1000 else 30,
    )
    if settings.large < 100 or settings.repeats < 1:
        print(
            "The large library needs at least 100 cases, and --repeats at least 1.", file=sys.stderr
        )
        return 2
    chosen = args.only or list(FIGURES)
    print(
        f"Benchmarks on {settings.large:,} cases (import: {settings.import_size:,}); "
        f"data cached in {data.cache_dir()}",
        file=sys.stderr,
    )
    figures: list[Figure] = []
    failed: list[str] = []
    started = time.perf_counter()
    for name in chosen:
        print(f"- {name}…", file=sys.stderr, flush=True)
        try:
            figures += FIGURES[name](settings)
        except Exception:
            failed.append(name)
            traceback.print_exc()
    print(table(figures))
    now = datetime.now(UTC)
    output = args.output or RESULTS / f"{now:%Y-%m-%d}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps(
            {
                "taken_at": now.isoformat(timespec="seconds"),
                "machine": machine(),
                "settings": vars(settings),
                "figures": [f.as_json() for f in figures],
                "failed": failed,
                "seconds": time.perf_counter() - started,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"Written to {output}", file=sys.stderr)
    return 1 if failed else 0
