"""Revising the library's framework from a screen: its versions, a replay preview, adoption.

Each call opens its own connection to the library file and closes it again, so a screen can run
it on a worker thread (SQLite connections are not shared across threads). The rules are the
core's: :func:`council_app.library.frameworks.adopt` checks and refuses, and
:func:`council_app.scoring.replay` says which decided cases the revision would recommend
differently, exactly as ``council-app replay --framework`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from council_app.case import Case
from council_app.council.settings import CouncilSettings
from council_app.framework import Framework
from council_app.framework.loader import framework_from_text
from council_app.framework.revision import DRAFT_SOURCE
from council_app.library import CaseLibrary
from council_app.library.frameworks import FrameworkVersion, adopt, versions
from council_app.scoring import ReplayChange
from council_app.scoring.weights import Weights


def own_terms(
    library: CaseLibrary, settings: CouncilSettings
) -> Callable[[Case], tuple[Framework, Weights]]:
    """Each case's own framework and the library's weights under it: what a replay compares
    from, so that every decision is replayed from the terms it was taken in."""
    from council_app.council.settings import weights_in_force
    from council_app.library.frameworks import (
        adopted_frameworks,
        case_version,
        version_in_force,
    )

    under = adopted_frameworks(library)
    weights = {v: weights_in_force(f, settings) for v, f in under.items()}
    in_force = version_in_force(library).version

    def terms(case: Case) -> tuple[Framework, Weights]:
        version = case_version(case)
        if version not in under:
            version = in_force
        return under[version], weights[version]

    return terms


@dataclass(frozen=True)
class ReplayPreview:
    """The decided cases a draft would recommend differently, out of how many were replayed."""

    changes: tuple[ReplayChange, ...]
    decided: int
    before: Framework  # the framework in force, whose outcome titles read the "before" side
    after: Framework  # the draft's, for the "after" side
    # Every outcome any adopted version or the draft names, as it reads (the draft's words
    # first): a case decided under an older version may name an outcome neither side has.
    titles: Mapping[str, str] = field(default_factory=dict)

    def title(self, outcome: str) -> str:
        return self.titles.get(outcome, outcome)


def replay_preview(library: CaseLibrary, text: str) -> ReplayPreview:
    """Every decided case scored under the framework it was decided under and under ``text``,
    with the library's default weight profile (or the draft's default when the draft lacks it);
    a case the draft cannot score is listed as not comparable."""
    from council_app.council.scoring_context import who_stood_aside
    from council_app.council.settings import load_settings, weights_in_force
    from council_app.library.frameworks import framework_in_force, record_outcome_titles
    from council_app.scoring import profile_weights, replay

    current = framework_in_force(library)
    draft = framework_from_text(text, DRAFT_SOURCE)
    settings = load_settings(library)
    cases = [case for case in library.get_cases() if case.decision is not None]
    aside = {case.id: [m for m, _ in who_stood_aside(library, case)] for case in cases}
    changes = replay(
        cases,
        before=(current, weights_in_force(current, settings)),
        after=(draft, profile_weights(draft, settings.profile_key(draft))),
        stood_aside=aside,
        own_framework=own_terms(library, settings),
    )
    titles = {**record_outcome_titles(library), **{o.key: o.title for o in draft.outcomes}}
    return ReplayPreview(tuple(changes), len(cases), current, draft, titles)


@dataclass(frozen=True)
class FrameworkService:
    """What the framework screens ask of one library file; every method blocks (run it on a
    worker) and raises :class:`council_app.errors.CouncilError` with a sentence to show."""

    path: Path

    def versions(self) -> list[FrameworkVersion]:
        with CaseLibrary.open(self.path, readonly=True, create=False) as library:
            return versions(library)

    def preview(self, text: str) -> ReplayPreview:
        with CaseLibrary.open(self.path, readonly=True, create=False) as library:
            return replay_preview(library, text)

    def adopt(self, text: str, note: str) -> FrameworkVersion:
        with CaseLibrary.open(self.path, create=False) as library:
            return adopt(library, text, note=note, source=DRAFT_SOURCE)


__all__ = ["FrameworkService", "ReplayPreview", "replay_preview"]
