"""Who stood aside and the weights in force apply to a case's score wherever it is shown."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from council_app.case import Assessment, Case
from council_app.council import sessions as s
from council_app.council.scoring_context import score_in_library, scoring_context
from council_app.council.settings import set_setting
from council_app.framework import Framework
from council_app.framework.loader import parse_framework
from council_app.library import CaseLibrary
from council_app.library.members import Member, save_members
from council_app.scoring import score_case
from tests.factories import make_case, ratings

DAY = date(2026, 12, 3)


def four_members(privacy: tuple[int, int, int, int]) -> Case:
    """Four members; their privacy ratings as given, everything else alike."""
    names = ("Ana", "Ben", "Chen", "Dara")
    return make_case(
        "CASE-1",
        decision=None,
        status="in_review",
        assessments=tuple(
            Assessment(member=name, **ratings(privacy=value))
            for name, value in zip(names, privacy, strict=True)
        ),
    )


@pytest.fixture
def council(library: CaseLibrary) -> CaseLibrary:
    save_members(library, [Member(n) for n in ("Ana", "Ben", "Chen", "Dara")])
    return library


def test_a_recused_member_is_left_out_of_the_council_view(
    council: CaseLibrary, framework: Framework
) -> None:
    case = four_members((0, 1, 1, 4))
    council.save_case(case)
    sitting = s.create_session(council, "December sitting", DAY)
    s.add_to_agenda(council, sitting, case.id)
    before = score_in_library(council, framework, case)
    assert before.council.ratings.value("privacy") == 1
    assert before.council.disagreements  # Dara's 4 against the others' 0 and 1
    s.recuse(council, sitting, case.id, "Dara", "advises the customer")

    after = score_in_library(council, framework, case)
    assert after.council.members == ("Ana", "Ben", "Chen")
    assert after.council.stood_aside == ("Dara",)
    assert after.council.summary() == "median of 3 members; Dara stood aside"
    assert "privacy" not in {d.key for d in after.council.disagreements}
    assert "Dara" not in after.member_scores
    assert not after.member_red_lines  # Dara's 4 no longer counts either
    assert scoring_context(council, framework, case).stood_aside == ("Dara",)


def test_a_members_red_line_hidden_by_the_median_is_a_point_to_discuss(
    framework: Framework,
) -> None:
    case = four_members((4, 4, 3, 3))  # median 3.5: no principle "at the top of its scale"
    result = score_case(framework, case)
    assert result.council.ratings.value("privacy") == 3.5
    assert not result.scoring.recommendation.red_lines
    lines = result.member_red_lines
    assert [(line.member, line.hit.key, line.applied) for line in lines] == [
        ("Ana", "principle_at_top", False),
        ("Ben", "principle_at_top", False),
    ]
    sentence = lines[0].sentence(framework.outcome_title(lines[0].hit.floor))
    assert sentence.startswith("Ana's ratings meet the red line “A guiding principle rated at the")
    assert "Principle: Privacy rated 4" in sentence
    assert "It would set the floor at Restrict" in sentence


def test_a_framework_may_read_red_lines_from_any_member(framework: Framework) -> None:
    text = framework_text().replace('red_lines_apply = "council"', 'red_lines_apply = "any_member"')
    any_member = parse_framework(text)
    assert any_member.scoring.red_lines_apply == "any_member"
    case = four_members((4, 4, 3, 3))
    low = replace(
        case,
        assessments=tuple(
            replace(a, **ratings(use_case=0, harm=0, actions=4, geopolitics=0, privacy=p))
            for a, p in zip(case.assessments, (4, 4, 3, 3), strict=True)
        ),
    )
    council_only = score_case(framework, low).scoring.recommendation
    assert council_only.outcome == "approve"  # index 21.9, no red line on the median
    applied = score_case(any_member, low)
    rec = applied.scoring.recommendation
    assert rec.outcome == "restrict" and rec.rule == "red_line"
    assert "Ana: Principle: Privacy rated 4" in rec.reason
    assert all(line.applied for line in applied.member_red_lines)


def test_the_library_default_profile_is_the_weights_in_force(
    council: CaseLibrary, framework: Framework
) -> None:
    case = four_members((1, 1, 2, 2))
    council.save_case(case)
    assert score_in_library(council, framework, case).scoring.weights.profile_key == "balanced"
    set_setting(council, framework, "default_profile", "geopolitical")
    result = score_in_library(council, framework, case)
    assert result.scoring.weights.profile_key == "geopolitical"
    assert result == score_case(framework, case, result.scoring.weights)


def framework_text() -> str:
    from council_app import resources

    return resources.read_text(resources.FRAMEWORK_FILE)
