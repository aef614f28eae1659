"""``council-app framework``: show, export, adopt, history and diff, as a council uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from council_app.framework.loader import bundled_framework_text
from council_app.library import CaseLibrary
from council_app.library import frameworks as fw
from tests.factories import make_case
from tests.test_cli import run


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.sqlite"
    with CaseLibrary.open(path) as library:
        library.save_case(make_case("EUC-1"))
    return path


def revised(tmp_path: Path, version: str = "2027.1") -> Path:
    path = tmp_path / f"{version}.toml"
    text = bundled_framework_text().replace('version = "2026.1"', f'version = "{version}"', 1)
    path.write_text(text.replace("{ below = 25,", "{ below = 20,", 1), encoding="utf-8")
    return path


def test_show_says_what_is_weighed_and_how(capsys: pytest.CaptureFixture[str], lib: Path) -> None:
    code, out, err = run(capsys, "framework", "show", "--library", str(lib))
    assert code == 0, err
    assert out.startswith("Ethical-use decision framework, version 2026.1 (in force)")
    assert "  Potential connection to harm: 30%" in out
    assert "  0 to below 25: Approve" in out
    code, out, _ = run(capsys, "framework", "show", "--json", "--library", str(lib))
    shown = json.loads(out)
    assert shown["version"] == "2026.1" and shown["in_force"] is True
    assert [c["key"] for c in shown["considerations"]] == [
        "use_case",
        "harm",
        "principles",
        "actions",
        "geopolitics",
    ]
    assert shown["sha256"] == fw.versions(CaseLibrary.open(lib))[0].sha256


def test_export_then_adopt_then_history_and_diff(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "out.toml"
    code, out, err = run(capsys, "framework", "export", "-o", str(exported), "--library", str(lib))
    assert code == 0, err
    assert exported.read_text(encoding="utf-8") == bundled_framework_text()
    code, _, err = run(capsys, "framework", "export", "-o", str(exported), "--library", str(lib))
    assert code == 1 and "already exists; not overwritten" in err

    new = revised(tmp_path)
    code, out, err = run(
        capsys, "framework", "adopt", str(new), "--note", "Tighter bands", "--library", str(lib)
    )
    assert code == 0, err
    assert "Framework 2027.1 adopted" in out
    assert "cases assessed before keep framework 2026.1" in out
    assert "Recommendation bands: Approve below 25" in out

    code, out, _ = run(capsys, "framework", "history", "--library", str(lib))
    assert out.splitlines()[0].startswith("2026.1  adopted ")
    assert out.splitlines()[2].startswith("2027.1 (in force)  adopted ")
    assert "    Tighter bands" in out
    code, out, _ = run(capsys, "framework", "history", "--json", "--library", str(lib))
    assert [(v["version"], v["in_force"]) for v in json.loads(out)] == [
        ("2026.1", False),
        ("2027.1", True),
    ]
    code, out, _ = run(
        capsys, "framework", "diff", "2026.1", "2027.1", "--text", "--library", str(lib)
    )
    assert code == 0
    assert "From framework 2026.1 to framework 2027.1:" in out
    assert '+version = "2027.1"' in out and "-  { below = 25," in out

    # The case assessed before is scored and shown in its own terms, and says so.
    code, out, err = run(capsys, "score", "EUC-1", "--library", str(lib))
    assert code == 0, err
    assert "Scored under framework 2026.1; the framework in force is 2027.1." in out or (
        "Decided under framework 2026.1; the framework in force is 2027.1." in out
    )
    code, out, _ = run(capsys, "score", "EUC-1", "--json", "--library", str(lib))
    assert json.loads(out)["framework_version"] == "2026.1"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda t: t, "as already in force; nothing was changed"),
        (
            lambda t: t.replace("{ below = 25,", "{ below = 20,", 1),
            "a version this library adopted",
        ),
        (lambda t: t.replace("[[considerations]]", "[[considerations]\n", 1), "not valid TOML"),
    ],
)
def test_a_framework_that_cannot_be_adopted_is_refused_with_nothing_changed(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path, change: object, says: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(change(bundled_framework_text()), encoding="utf-8")  # type: ignore[operator]
    code, _, err = run(
        capsys, "framework", "adopt", str(path), "--note", "x", "--library", str(lib)
    )
    assert code == 1
    assert says in err
    assert "Traceback" not in err
    with CaseLibrary.open(lib) as library:
        assert [v.version for v in fw.versions(library)] == ["2026.1"]


def test_a_missing_file_or_version_is_named(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "framework",
        "adopt",
        str(tmp_path / "nope.toml"),
        "--note",
        "x",
        "--library",
        str(lib),
    )
    assert code == 1 and "nope.toml" in err
    code, _, err = run(capsys, "framework", "show", "--version", "1999.9", "--library", str(lib))
    assert code == 1
    assert "has not adopted a framework '1999.9'; its versions are 2026.1" in err


def test_replay_compares_with_a_version_the_library_adopted(
    capsys: pytest.CaptureFixture[str], lib: Path, tmp_path: Path
) -> None:
    run(capsys, "framework", "adopt", str(revised(tmp_path)), "--note", "x", "--library", str(lib))
    code, out, err = run(capsys, "replay", "--framework", "2026.1", "--library", str(lib))
    assert code == 0, err
    assert "framework 2026.1" in out
