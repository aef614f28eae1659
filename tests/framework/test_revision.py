from __future__ import annotations

import pytest

from council_app.framework.loader import bundled_framework_text, parse_framework
from council_app.framework.revision import DraftError, FrameworkDraft, problem_sentences

COMMENT = (
    "# Each band applies while the concern index is below `below`; the last band has no limit."
)


@pytest.fixture
def draft() -> FrameworkDraft:
    return FrameworkDraft(bundled_framework_text())


def test_an_unedited_draft_is_the_text_it_was_given(draft: FrameworkDraft) -> None:
    assert draft.text() == bundled_framework_text()
    assert not draft.changed
    assert draft.problems() == []


def test_edits_round_trip_into_the_parsed_framework(draft: FrameworkDraft) -> None:
    draft.set_version("2027.1")
    draft.set_name("Revised framework")
    draft.set_consideration(
        "harm",
        title="Connection to harm",
        short_title="Harm!",
        description="What harm may follow.",
        questions=["Who could be hurt?", "How badly?"],
        levels=["None.", "Minor.", "Moderate.", "Serious.", "Severe."],
    )
    draft.set_principle("privacy", title="Privacy and data", summary="Data is protected.")
    draft.set_outcome("defer", title="Postpone", description="Later.", review_months=2)
    draft.set_band_below(0, 30)
    draft.set_band_below(1, 52.5)
    draft.set_weight("balanced", "harm", 0.35)
    draft.set_default_profile("harm_first")
    draft.set_red_line(
        "severe_harm_unmitigated", description="Severe, unmitigated", floor="restrict"
    )
    draft.set_condition("severe_harm_unmitigated", 1, at_most=2)
    draft.set_voting(rule="two_thirds", casting_vote="chair")
    draft.set_disagreement_threshold(2)
    draft.set_scoring(principles_rule="mean", red_lines_apply="any_member")
    assert draft.problems() == []

    framework = parse_framework(draft.text())
    harm = framework.consideration("harm")
    assert (harm.title, harm.short_title, harm.description) == (
        "Connection to harm",
        "Harm!",
        "What harm may follow.",
    )
    assert harm.questions == ("Who could be hurt?", "How badly?")
    assert harm.levels[4] == "Severe."
    privacy = next(p for p in framework.principles if p.key == "privacy")
    assert (privacy.title, privacy.summary) == ("Privacy and data", "Data is protected.")
    defer = next(o for o in framework.outcomes if o.key == "defer")
    assert (defer.title, defer.review_months) == ("Postpone", 2)
    assert [b.below for b in framework.scoring.bands] == [30, 52.5, 75, None]
    balanced = next(p for p in framework.weight_profiles if p.key == "balanced")
    assert balanced.weights["harm"] == 0.35
    assert framework.default_profile_key == "harm_first"
    line = next(r for r in framework.scoring.red_lines if r.key == "severe_harm_unmitigated")
    assert (line.description, line.floor) == ("Severe, unmitigated", "restrict")
    assert line.conditions[1].at_most == 2
    assert (framework.voting.rule, framework.voting.casting_vote) == ("two_thirds", "chair")
    assert framework.scoring.disagreement_threshold == 2
    assert framework.scoring.principles_rule == "mean"
    assert framework.scoring.red_lines_apply == "any_member"
    assert (framework.version, framework.name) == ("2027.1", "Revised framework")


def test_comments_and_layout_survive_and_only_the_edited_lines_change(
    draft: FrameworkDraft,
) -> None:
    original = bundled_framework_text().splitlines()
    draft.set_band_below(0, 30)
    draft.set_consideration("harm", title="Connection to harm")
    draft.set_consideration("use_case", questions=["One question?", "Another?"])
    lines = draft.text().splitlines()
    assert COMMENT in lines
    assert [line for line in original if line.startswith("#")] == [
        line for line in lines if line.startswith("#")
    ]
    assert '  { below = 30, outcome = "approve" },' in lines
    assert 'title = "Connection to harm"' in lines
    # The new questions are laid out one to a line, as the council's file writes them.
    start = lines.index('  "One question?",')
    assert lines[start - 1] == "questions = [" and lines[start + 2] == "]"
    assert len(lines) == len(original) - 2  # four questions became two


def test_an_invalid_edit_gives_the_loaders_own_sentence(draft: FrameworkDraft) -> None:
    draft.set_band_below(1, 20)
    assert draft.problems() == [
        "scoring.bands[1]: 'below' must be greater than the band before (25)"
    ]
    assert draft.framework() is None
    draft.set_band_below(1, 50)
    assert draft.problems() == []


def test_a_default_profile_the_framework_lacks_is_named(draft: FrameworkDraft) -> None:
    draft.set_default_profile("nobody")
    assert draft.problems() == [
        "weights.default_profile: 'nobody' is not one of the weight_profiles"
    ]


def test_a_new_consideration_is_weighted_zero_in_every_profile(draft: FrameworkDraft) -> None:
    draft.add_consideration("environment", "Environmental footprint")
    data = draft.data()
    assert data["considerations"][-1]["key"] == "environment"
    assert len(data["considerations"][-1]["levels"]) == 5
    assert all(p["weights"]["environment"] == 0 for p in data["weight_profiles"])
    # A framework's keys are its own: the loader takes the sixth consideration.
    assert draft.problems() == []
    framework = draft.framework()
    assert framework is not None and "environment" in framework.rated_keys
    draft.remove_consideration("environment")
    assert draft.text() == bundled_framework_text()


def test_removing_a_consideration_takes_its_weights_and_red_line_conditions(
    draft: FrameworkDraft,
) -> None:
    draft.remove_consideration("actions")
    data = draft.data()
    assert "actions" not in {c["key"] for c in data["considerations"]}
    assert all("actions" not in p["weights"] for p in data["weight_profiles"])
    line = next(r for r in data["red_lines"] if r["key"] == "severe_harm_unmitigated")
    assert [c["target"] for c in line["conditions"]] == ["harm"]


def test_principles_and_outcomes_can_be_added(draft: FrameworkDraft) -> None:
    draft.add_principle("sustainability", "Sustainability")
    draft.add_outcome("pilot", "Pilot", review_months=6)
    data = draft.data()
    assert data["principles"][-1]["key"] == "sustainability"
    assert data["outcomes"][-1] == {
        "key": "pilot",
        "title": "Pilot",
        "description": "Pilot",
        "review_months": 6,
    }
    draft.remove_principle("sustainability")
    assert "sustainability" not in {p["key"] for p in draft.data()["principles"]}


def test_an_edit_naming_nothing_is_refused_in_words(draft: FrameworkDraft) -> None:
    with pytest.raises(DraftError, match="no considerations entry 'nope'"):
        draft.set_consideration("nope", title="x")
    with pytest.raises(DraftError, match="no band 9"):
        draft.set_band_below(8, 10)
    with pytest.raises(DraftError, match="already a consideration 'harm'"):
        draft.add_consideration("harm", "Harm")


def test_text_that_is_not_toml_is_one_problem() -> None:
    assert problem_sentences("x: not valid TOML: bad.") == ["x: not valid TOML: bad."]


def _loader_message(text: str) -> str:
    from council_app.errors import FrameworkError

    try:
        parse_framework(text, source="The revised framework")
    except FrameworkError as error:
        return str(error)
    return ""
