"""README.md promises a new user exactly two commands; keep them true."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def test_readme_gives_exactly_two_commands() -> None:
    assert len(BLOCKS) == 2
    start, tests = (b.strip() for b in BLOCKS)
    assert "\n" not in start and "\n" not in tests
    assert start.endswith("council-app")
    assert "pytest" in tests


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    tests = BLOCKS[1].strip()
    assert tests in ci.splitlines()


def test_readme_links_resolve() -> None:
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if "://" not in target:
            assert (ROOT / target).exists(), target
