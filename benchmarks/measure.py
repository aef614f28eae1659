"""How the benchmark measures: wall-clock samples, percentiles, and fresh processes.

Every figure is taken beside its baseline in the same run, alternating the two where they are
repeated, so that a busy moment on a shared machine lands on both rather than on one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def percentile(samples: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100), interpolated between the nearest ranks."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """Seconds taken by one call, and its result."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


@dataclass
class Figure:
    """One line of the table: a measurement, its baseline from the same run, and the target."""

    key: str
    what: str
    unit: str  # "ms", "s" or "MiB"
    value: float | None  # the figure the target is about (p95 where there are repetitions)
    p50: float | None = None
    baseline: float | None = None
    baseline_p50: float | None = None
    baseline_what: str = ""
    target: str = ""
    met: bool | None = None
    samples: int = 0
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = self.ratio
        return data


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a fresh process, which runs as an installed app does.

    An installed app runs from compiled bytecode (pip and PyInstaller compile it; an editable
    install caches it on its first start), so a machine that turns the cache off
    (PYTHONDONTWRITEBYTECODE) would time compiling the app's modules at every start. Both the
    app and its baseline keep their bytecode in the benchmark's cache folder instead, filled by
    the unmeasured start each figure makes first.
    """
    from benchmarks.data import cache_dir

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "bytecode")
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra)
    return env


def run_probe(args: Sequence[str], *, env: dict[str, str], timeout: float = 600) -> dict[str, Any]:
    """Run ``python -m benchmarks.probes ARGS`` in a fresh process; its report, and the wall time.

    The probe prints one JSON line starting with ``@@`` when it has something to report; the
    wall time from starting the process to that line is the fresh-process start-up figure.
    """
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.probes", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    report: dict[str, Any] | None = None
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("@@"):
            report = json.loads(line[2:])
            report["wall_s"] = time.perf_counter() - started
            break
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        _out, err = process.communicate()
    if report is None or process.returncode != 0:
        raise RuntimeError(
            f"probe {' '.join(args)} failed (exit {process.returncode}):\n{err[-3000:]}"
        )
    return report
