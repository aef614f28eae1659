"""One record, one truth (issue 15): whichever way a case is read, it shows the same concern
index, recommendation and rule — under every weight profile the framework ships as the library's
default, with members who stood aside at the sitting left out everywhere.

The ways read here: ``council-app score ID --json`` and its text, the sitting view
(``ItemView.score``), the minutes of the sitting and the decision memo (their PDF text, as a
reader sees it). Each is compared with what is in force (``tests.agreement.in_force``: the core's
score with the profile's weights, the members who stood aside left out), so that views agreeing
with each other on the framework's default weights do not pass. The screens are checked in
tests/ui/test_one_record_screens.py.

Cost (the two-core development container, with another suite running alongside): per profile,
``score --json`` for the 45 demo cases ~2.5 s (half of it building the CLI's parser), the
sitting view ~0.6 s, the minutes rendered and read back ~1.3 s; a memo rendered and read back as
far as needed ~0.27 s. All 45 memos under all five profiles would take a minute on their own, so
the memo is read for every case under one profile other than the default and for a few cases
(the issue's, the two with a member aside, a draft without an index) under each of the others,
with the text of ``score``. The module takes 40–45 s.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from council_app.case import Case
from council_app.cli import main
from council_app.council.agenda import sitting_view
from council_app.council.settings import load_settings, set_setting
from council_app.framework import Framework, bundled_framework
from council_app.library import CaseLibrary, import_document
from council_app.library.demo import demo_document
from council_app.memo import prepare_memo, render_memo
from council_app.memo.minutes import minutes_for_session, render_minutes
from council_app.scoring import profile_weights, score_case
from tests.agreement import (
    ISSUE_CASE,
    NON_DEFAULT,
    RECUSALS,
    Shown,
    differences,
    in_force,
    one_line,
    outcome_pattern,
    pdf_pages,
    pdf_text,
    put_every_case_on_one_sitting,
    shown_in_json,
    shown_in_score,
)

PROFILES = [p.key for p in bundled_framework().weight_profiles]
# The memo under every profile, for a few cases: the issue's, both with a member aside (082's
# rule becomes a red line under some profiles), and a draft without an index (Defer).
FEW = (ISSUE_CASE, "EUC-2024-044", "EUC-2024-082", "EUC-2026-030")


@dataclass
class Sitting:
    path: Path
    session: int
    scores: dict[str, dict[str, Any]] = field(default_factory=dict)

    def score_json(self, case_id: str) -> dict[str, Any]:
        """``council-app score ID --json``, run once per case and profile."""
        if case_id not in self.scores:
            self.scores[case_id] = json.loads(self.cli("score", case_id, "--json"))
        return self.scores[case_id]

    def score_text(self, case_id: str) -> str:
        return self.cli("score", case_id)

    def cli(self, *argv: str) -> str:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main([*argv, "--library", str(self.path)]) == 0
        return out.getvalue()


@pytest.fixture(scope="module")
def sitting_under(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Sitting]:
    """The demo library with every case on one sitting, its default profile set as given."""
    folder = tmp_path_factory.mktemp("one-record")
    built: dict[str, Sitting] = {}

    def under(profile: str) -> Sitting:
        if profile not in built:
            path = folder / f"{profile}.sqlite"
            with CaseLibrary.open(path) as library:
                import_document(library, demo_document())
                session = put_every_case_on_one_sitting(library)
                set_setting(library, bundled_framework(), "default_profile", profile)
            built[profile] = Sitting(path, session)
        return built[profile]

    return under


def in_text_report(report: str) -> Shown:
    """What ``council-app score ID`` prints: "Concern index: N of 100" and "Recommendation: X"
    with the reason on the next line."""
    index = re.search(r"^Concern index: (\d+\.\d) of 100", report, re.MULTILINE)
    rec = re.search(r"^Recommendation: (.+)\n  (.+)$", report, re.MULTILINE)
    assert rec is not None, report
    return Shown(index and index.group(1), rec.group(1), None, rec.group(2))


def in_memo(text: str, expected: Shown, framework: Framework) -> Shown:
    """The memo's decision section: "Recommendation of the framework: X (concern index N of
    100)." and, in the same shaded box, the reason."""
    found = re.search(
        rf"Recommendation of the framework: (?P<outcome>{outcome_pattern(framework)}) "
        r"\((?:concern index (?P<index>\d+\.\d) of 100|no concern index yet)\)\.",
        text,
    )
    if found is None:
        return Shown(None, "(no recommendation line)", None, "")
    rest = text[found.end() :]
    reason = expected.reason if one_line(expected.reason) in rest else "(reason not found)"
    return Shown(found.group("index"), found.group("outcome"), None, reason)


def in_minutes(text: str, number: int, case: Case, expected: Shown, framework: Framework) -> Shown:
    """The minutes' overview row ("EUC-… title  Restrict (50.6)") and, in the case's own
    section ("3. EUC-… — title"), the reason."""
    title = one_line(case.title)
    row = text.find(f"{case.id} {title} ")
    if row < 0:
        return Shown(None, "(no row in the overview)", None, "")
    found = re.match(
        rf"(?P<outcome>{outcome_pattern(framework)})(?: \((?P<index>\d+\.\d)\))?",
        text[row + len(case.id) + len(title) + 2 :],
    )
    heading = text.find(f"{number}. {case.id} — {title}")
    following = re.compile(rf"{number + 1}\. \S+ — ").search(text, heading + 1)
    section = text[heading : following.start() if following else None] if heading >= 0 else ""
    reason = expected.reason if one_line(expected.reason) in section else "(reason not found)"
    if found is None:
        return Shown(None, "(no recommendation in the overview)", None, reason)
    return Shown(found.group("index"), found.group("outcome"), None, reason)


@pytest.mark.parametrize("profile", PROFILES)
def test_score_the_sitting_view_and_the_minutes_agree_on_every_case(
    profile: str, sitting_under: Callable[[str], Sitting], framework: Framework
) -> None:
    sitting = sitting_under(profile)
    with CaseLibrary.open(sitting.path) as library:
        view = sitting_view(library, framework, sitting.session)
        minutes = minutes_for_session(library, sitting.session, load_settings(library), framework)
        text = pdf_text(render_minutes(minutes))
    assert len(view.items) == len(demo_document().cases)

    problems: list[str] = []
    for item in view.items:
        case = item.case
        expected = in_force(framework, case, profile)
        data = sitting.score_json(case.id)
        problems += differences(case.id, "score --json", expected, shown_in_json(data, framework))
        problems += differences(
            case.id, "the sitting view", expected, shown_in_score(item.score, framework)
        )
        problems += differences(
            case.id,
            "the minutes",
            expected,
            in_minutes(text, item.number, case, expected, framework),
        )
    assert not problems, "\n".join(problems)
    assert {sitting.score_json(i.case.id)["weights"]["profile"] for i in view.items} == {profile}
    for case_id, member, _reason in RECUSALS:
        assert sitting.score_json(case_id)["stood_aside"] == [member]


def test_the_profile_and_who_stood_aside_change_what_is_shown(framework: Framework) -> None:
    """The checks above could tell a view that scored with the framework's default weights, or
    counted a member who stood aside: under every profile, both change some recommendation."""
    cases = {case.id: case for case in demo_document().cases}
    default = framework.default_profile_key
    for profile in PROFILES:
        weights = profile_weights(framework, profile)
        assert any(
            shown_in_score(score_case(framework, cases[case_id], weights, draws=0), framework)
            != in_force(framework, cases[case_id], profile)
            for case_id, _member, _reason in RECUSALS
        ), f"under {profile}, leaving the members who stood aside out changes nothing"
        if profile != default:
            assert any(
                in_force(framework, case, default) != in_force(framework, case, profile)
                for case in cases.values()
            ), f"{profile} recommends for every case what the default weights do"
    issue = in_force(framework, cases[ISSUE_CASE], NON_DEFAULT)
    assert issue == Shown(
        "50.0", "Restrict", "band", "The concern index 50.0 is in the band 50 to 75: Restrict."
    )  # as issue 15 reports it; the default weights give 48.8 Approve with conditions
    assert in_force(framework, cases[ISSUE_CASE], default).index == "48.8"


def memo_problems(
    library: CaseLibrary,
    profile: str,
    case_ids: Sequence[str],
    framework: Framework,
    *,
    names_the_weights: bool = False,
) -> list[str]:
    """Where the memo shows other than what is in force (or, ``names_the_weights``, does not
    say whose weights it uses). The memo is read back page by page only as far as needed: the
    decision section, then the considerations, which name the weights, come first."""
    title = next(p.title for p in framework.weight_profiles if p.key == profile)
    weights_line = f"Weights are those of the profile {title},"
    problems: list[str] = []
    for case_id in case_ids:
        case = library.get_case(case_id)
        expected = in_force(framework, case, profile)
        text = ""
        for page in pdf_pages(render_memo(prepare_memo(library, framework, case))):
            text += " " + page
            done = not differences(case_id, "", expected, in_memo(text, expected, framework))
            if done and (weights_line in text or not names_the_weights):
                break
        problems += differences(case_id, "the memo", expected, in_memo(text, expected, framework))
        if names_the_weights and weights_line not in text:
            problems.append(f"{case_id}: the memo does not say it weighs with the profile {title}")
    return problems


def test_the_memo_agrees_on_every_case_under_another_profile(
    sitting_under: Callable[[str], Sitting], framework: Framework
) -> None:
    assert framework.default_profile_key != NON_DEFAULT
    with CaseLibrary.open(sitting_under(NON_DEFAULT).path) as library:
        others = [case_id for case_id in sorted(library.case_ids()) if case_id not in FEW]
        problems = memo_problems(library, NON_DEFAULT, FEW, framework, names_the_weights=True)
        problems += memo_problems(library, NON_DEFAULT, others, framework)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("profile", PROFILES)
def test_the_memo_agrees_on_every_case_under_every_profile_and_the_score_text_on_a_few(
    profile: str, sitting_under: Callable[[str], Sitting], framework: Framework
) -> None:
    """Every demo memo under every shipped profile (issue 15's "must hold"; about ten seconds a
    profile). The text of ``council-app score ID`` is printed from the score its JSON is: a few
    cases show whether it is worded and rounded alike."""
    sitting = sitting_under(profile)
    problems: list[str] = []
    with CaseLibrary.open(sitting.path) as library:
        if profile != NON_DEFAULT:  # the test above read these memos
            others = [case_id for case_id in sorted(library.case_ids()) if case_id not in FEW]
            problems += memo_problems(library, profile, FEW, framework, names_the_weights=True)
            problems += memo_problems(library, profile, others, framework)
        for case_id in FEW:
            expected = in_force(framework, library.get_case(case_id), profile)
            report = in_text_report(sitting.score_text(case_id))
            problems += differences(case_id, "score (text)", expected, report)
    assert not problems, "\n".join(problems)
