"""``council-app --self-test``: the yes or no a packager or an IT desk runs after installing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from council_app import __version__

CHECKS = (
    "version",
    "resources",
    "library",
    "search",
    "scoring",
    "precedents",
    "memo",
    "scripts",
    "window",
)


def council_app_command() -> list[str]:
    script = Path(sys.executable).with_name("council-app")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from council_app.cli import main; sys.exit(main())"]


def clean_env(tmp_path: Path) -> dict[str, str]:
    """An environment with no display and no Qt platform chosen, and a user whose folders are
    all in tmp_path, so that the test can see whether anything was written there."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["HOME"] = str(tmp_path / "home")
    env["COUNCIL_APP_DATA_DIR"] = str(tmp_path / "user-data")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[name] = str(tmp_path / "home" / name.lower())
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, encoding="utf-8", env=env, timeout=180, check=False
    )


def test_self_test_passes_and_says_what_it_checked(tmp_path: Path) -> None:
    result = run([*council_app_command(), "--self-test"], clean_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Council Desk {__version__} self-test")
    marks = [line.split(" ", 2)[:2] for line in lines[1:-1]]
    assert marks == [["✓", f"{name}:"] for name in CHECKS]
    out = result.stdout
    assert f"✓ version: {__version__}, from the package metadata of council-desk" in out
    assert re.search(r"✓ library: 47 demo cases in a temporary library; integrity check ok", out)
    assert re.search(
        r"✓ scoring: scored EUC-\d{4}-\d{3}: concern \d+\.\d, recommendation "
        r"(approve|approve with conditions|restrict|decline) \(by the \w+ rule\)",
        out,
    )
    assert re.search(
        r"✓ precedents: 5 precedents for EUC-\S+, closest EUC-\S+ \(likeness 0\.\d\d\)", out
    )
    assert re.search(
        rf"✓ memo: EUC-\S+: \d+ pages, \d+ KB, fonts embedded, PDF/A-2b, made by Council Desk {re.escape(__version__)}",
        out,
    )
    # No display and no platform chosen: the self-test chose offscreen for itself.
    assert (
        f"✓ window: main window (offscreen): 47 cases listed, About says “Council Desk {__version__}”"
        in out
    )
    assert "✓ scripts: “東京 서울 🚀 שלום مرحبا” set in 3 fallback faces" in out
    assert lines[-1].startswith(f"All {len(CHECKS)} checks passed")
    # It worked in a temporary folder of its own: nothing of the user's was created or touched.
    assert not (tmp_path / "user-data").exists()
    assert [p for p in (tmp_path / "home").rglob("*") if "council" in p.name.lower()] == []


def test_a_bundle_without_package_metadata_fails_the_self_test(tmp_path: Path) -> None:
    """What a bundle built without the package metadata looks like: it cannot say its version."""
    code = (
        "import sys, council_app; council_app.__version__ = '0+unknown'; "
        "from council_app.cli import main; sys.exit(main(['--self-test']))"
    )
    result = run([sys.executable, "-c", code], clean_env(tmp_path))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "✗ version: the package metadata of council-desk is missing" in result.stdout
    assert "✓ memo:" in result.stdout  # the other checks still ran
    assert result.stdout.splitlines()[-1].startswith(f"1 of {len(CHECKS)} checks failed")
    assert result.stdout.splitlines()[-1].endswith(": version.")


def test_self_test_takes_no_command(tmp_path: Path) -> None:
    result = run([*council_app_command(), "--self-test", "list"], clean_env(tmp_path))
    assert result.returncode == 2
    assert "--self-test takes no command" in result.stderr
    assert "Traceback" not in result.stderr
