"""The benchmark code itself must not rot: every figure is measured once on a small library.

Nothing here asserts a timing (tests do not time things; ``python -m benchmarks`` does). What is
checked is what a reader of the table relies on: every figure is there, with a number, beside
its baseline where it has one, and the JSON holds the same.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from benchmarks import data
from benchmarks.run import main

CORE = ["search", "precedents", "scoring", "memo", "import", "graph"]
GUI = ["startup", "memory", "responsiveness"]


@pytest.fixture
def bench_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path_factory.getbasetemp() / "bench-cache"
    monkeypatch.setenv(data.CACHE_ENV, str(folder))
    return folder


def run(tmp_path: Path, figures: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    output = tmp_path / "figures.json"
    small = ["--size", "150", "--import-size", "20", "--repeats", "1", "--starts", "1"]
    assert main([*small, "--only", *figures, "-o", str(output)]) == 0
    printed = capsys.readouterr().out
    result = json.loads(output.read_text(encoding="utf-8"))
    assert result["failed"] == []
    for figure in result["figures"]:
        assert figure["value"] is not None and figure["value"] > 0, figure
        assert figure["what"] in printed
        if figure["baseline"] is not None:
            assert figure["baseline"] > 0 and figure["ratio"] > 0, figure
    return result


def test_core_figures_are_measured_with_their_baselines(
    bench_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(tmp_path, CORE, capsys)
    keys = {f["key"]: f for f in result["figures"]}
    assert set(keys) == {
        "search",
        "search_scrolled",
        "search_naive",
        "precedents",
        "scoring",
        "memo",
        "import",
        "case_graph",
    }
    for key in ("search", "precedents", "memo", "import"):
        assert keys[key]["baseline"] is not None
    assert keys["search"]["samples"] == 30
    assert keys["case_graph"]["extra"]["nodes"] == 150
    # The generated data is cached under a name that carries the seed and the generator's
    # fingerprint, so that a second run reuses it.
    cached = sorted(p.name for p in bench_cache.glob("library-150-seed1-*.sqlite"))
    assert cached == [f"library-150-seed1-{data.generator_fingerprint(150)}.sqlite"]


@pytest.mark.slow
def test_gui_figures_run_the_app_in_fresh_processes(
    bench_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(tmp_path, GUI, capsys)
    keys = {f["key"]: f for f in result["figures"]}
    assert set(keys) == {
        "startup",
        "startup_listed",
        "app_memory",
        "gui_gap_search",
        "gui_gap_sort",
        "gui_gap_precedents",
    }
    assert keys["startup"]["baseline"] is not None
    # Listing the cases comes after the window is shown, in every start.
    assert keys["startup_listed"]["value"] > keys["startup"]["value"]
    assert keys["app_memory"]["extra"]["above_baseline_mib"] is not None
    assert keys["gui_gap_precedents"]["samples"] > 0
    assert keys["gui_gap_sort"]["extra"]["rows"] == 150  # the whole library was sorted


@pytest.mark.slow
def test_batch_memos_are_measured_against_one_process_each(
    bench_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run(tmp_path, ["memo_batch"], capsys)
    (figure,) = result["figures"]
    assert figure["key"] == "memo_batch" and figure["baseline"] is not None
    assert figure["extra"]["memos"] == 3
    assert figure["extra"]["same_bytes"] is True


@pytest.mark.slow
def test_felt_figures_drive_the_app_from_key_press_to_painted_answer(
    bench_cache: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.felt_figures import EVENTS

    result = run(tmp_path, ["felt"], capsys)
    keys = {f["key"]: f for f in result["figures"]}
    events = {f"felt_{name}_150" for name, _what, _target in EVENTS}
    assert set(keys) == events | {"felt_gap_150", "felt_startup_150", "felt_memory_150"}
    for key in events:
        assert keys[key]["samples"] == 2, key  # two of each event on a small library
    for key in ("felt_search_150", "felt_precedents_150", "felt_memo_150", "felt_startup_150"):
        assert keys[key]["baseline"] is not None, key
    # The long sitting was added to a copy once; the generated library itself is unchanged.
    assert len(list(bench_cache.glob("felt-library-150-*.sqlite"))) == 1
    with sqlite3.connect(next(bench_cache.glob("library-150-*.sqlite"))) as conn:
        assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    with sqlite3.connect(next(bench_cache.glob("felt-library-150-*.sqlite"))) as conn:
        assert conn.execute("SELECT count(*) FROM agenda_items").fetchone() == (30,)
        assert conn.execute("SELECT count(*) FROM drafts").fetchone() == (0,)  # none left
