from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from council_app import resources
from council_app.errors import FrameworkError
from council_app.framework import (
    Framework,
    bundled_framework,
    load_framework,
    parse_framework,
)
from council_app.framework.loader import BUNDLED_FRAMEWORK_SHA256

BUNDLED = resources.read_text(resources.FRAMEWORK_FILE)
# The shipped framework's keys, as resources/framework.toml states them (no code does).
CONSIDERATION_KEYS = ("use_case", "harm", "principles", "actions", "geopolitics")
RATED_KEYS = ("use_case", "harm", "actions", "geopolitics")
PRINCIPLE_KEYS = ("human_rights", "privacy", "safety", "honesty", "inclusion")
STAKEHOLDER_GROUP_KEYS = ("employees", "partners", "customers", "impacted_communities", "experts")
OUTCOME_KEYS = ("approve", "approve_with_conditions", "restrict", "decline", "defer")


def test_bundled_framework_has_the_five_considerations_in_order(framework: Framework) -> None:
    assert tuple(c.key for c in framework.considerations) == CONSIDERATION_KEYS
    for consideration in framework.considerations:
        assert len(consideration.levels) == 5
        assert all(level.strip() for level in consideration.levels)
        assert consideration.questions
    assert framework.consideration("actions").direction == "effectiveness"
    assert framework.consideration("harm").direction == "concern"
    assert framework.consideration("principles").derived_from == "principles"
    assert framework.consideration_keys == CONSIDERATION_KEYS
    assert framework.rated_keys == RATED_KEYS
    assert framework.derived_consideration == framework.consideration("principles")
    assert framework.rating_keys == (*RATED_KEYS, *PRINCIPLE_KEYS)


def test_bundled_framework_has_principles_groups_outcomes(framework: Framework) -> None:
    assert tuple(p.key for p in framework.principles) == PRINCIPLE_KEYS
    assert all(len(p.levels) == 5 for p in framework.principles)
    assert tuple(g.key for g in framework.stakeholder_groups) == STAKEHOLDER_GROUP_KEYS
    assert tuple(o.key for o in framework.outcomes) == OUTCOME_KEYS
    assert framework.principle_keys == PRINCIPLE_KEYS
    assert framework.stakeholder_group_keys == STAKEHOLDER_GROUP_KEYS
    assert framework.outcome_keys == OUTCOME_KEYS
    assert framework.deferral == "defer"
    assert framework.graded_outcomes == OUTCOME_KEYS[:-1]
    assert framework.strictest_outcome == "decline"
    assert framework.outcome("defer").review_months < framework.outcome("approve").review_months


def test_bundled_framework_weights_bands_and_red_lines(framework: Framework) -> None:
    assert len(framework.weight_profiles) >= 2
    balanced = framework.default_profile
    assert balanced.key == "balanced"
    assert set(balanced.weights) == set(CONSIDERATION_KEYS)
    assert sum(balanced.weights.values()) == pytest.approx(1.0)
    assert [(b.below, b.outcome) for b in framework.scoring.bands] == [
        (25, "approve"),
        (50, "approve_with_conditions"),
        (75, "restrict"),
        (None, "decline"),
    ]
    assert framework.scoring.principles_rule == "max"
    red = {line.key: line for line in framework.scoring.red_lines}
    assert red["principle_at_top"].floor == "restrict"
    assert red["severe_harm_unmitigated"].floor == "decline"
    conditions = red["severe_harm_unmitigated"].conditions
    assert {(c.target, c.at_least, c.at_most) for c in conditions} == {
        ("harm", 4, None),
        ("actions", None, 1),
    }


def test_a_level_sentence_reads_back(framework: Framework) -> None:
    assert framework.level_text(framework.consideration("harm"), 4).startswith("Severe")
    assert framework.level_text(framework.principle("privacy"), 0).startswith("No personal data")


def test_load_framework_from_a_file(tmp_path: Path) -> None:
    path = tmp_path / "framework.toml"
    path.write_text(BUNDLED.replace('name = "Ethical-use decision framework"', 'name = "Ours"'))
    assert load_framework(path).name == "Ours"
    assert load_framework(path).source == str(path)


def _refusal(text: str, source: str = "council.toml") -> str:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source=source)
    return str(caught.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    with pytest.raises(FrameworkError, match=r"nowhere\.toml: no such file"):
        load_framework(missing)


def test_invalid_toml_names_file_and_line() -> None:
    message = _refusal(BUNDLED.replace("[framework]", "[framework", 1))
    assert message.startswith("council.toml: not valid TOML")
    assert "line" in message


def test_a_missing_level_names_the_consideration() -> None:
    broken = BUNDLED.replace(
        '  "No plausible harm to people beyond ordinary commercial risk.",\n', ""
    )
    message = _refusal(broken)
    assert "council.toml" in message
    assert (
        "considerations[1] (harm).levels: the scale 0–4 needs 5 levels, one per score; found 4"
        in message
    )


def test_a_renamed_consideration_must_be_weighed_under_its_new_key() -> None:
    """Any key is a consideration's; every weight profile must then weigh it by that key."""
    message = _refusal(BUNDLED.replace('key = "harm"', 'key = "harms"'))
    assert "weight_profiles[0] (balanced).weights: unknown consideration 'harm'" in message
    assert "weight_profiles[0] (balanced).weights: no weight for 'harms'" in message


def test_a_key_with_a_trailing_newline_is_refused() -> None:
    """Python's ``$`` matches before a final newline; the schema's pattern must not let it."""
    message = _refusal(BUNDLED.replace('key = "harm_first"', 'key = "harm_first\\n"'))
    assert "weight_profiles[1]" in message


def test_a_misspelt_field_gets_a_suggestion() -> None:
    message = _refusal(BUNDLED.replace("questions = [", "questons = [", 1))
    assert "considerations[0] (use_case)" in message
    assert "unknown field 'questons' (did you mean 'questions'?)" in message


def test_bands_out_of_order_are_refused() -> None:
    message = _refusal(BUNDLED.replace("below = 50", "below = 20"))
    assert "scoring.bands[1]: 'below' must be greater than the band before (25)" in message


def test_a_red_line_with_an_unknown_target_is_refused() -> None:
    message = _refusal(BUNDLED.replace('target = "harm"', 'target = "hram"'))
    assert "red_lines[1] (severe_harm_unmitigated).conditions[0]: unknown target 'hram'" in message


def test_a_profile_missing_a_weight_is_refused() -> None:
    message = _refusal(BUNDLED.replace("actions = 0.10, geopolitics = 0.30 }", "actions = 0.10 }"))
    assert "weight_profiles[3] (geopolitical).weights: no weight for 'geopolitics'" in message


def test_negative_weight_is_refused() -> None:
    message = _refusal(BUNDLED.replace("harm = 0.45", "harm = -0.45"))
    assert "weight_profiles[1] (harm_first).weights.harm: must be at least 0" in message


def test_all_zero_weights_are_refused() -> None:
    message = _refusal(
        BUNDLED.replace(
            "weights = { use_case = 1, harm = 1, principles = 1, actions = 1, geopolitics = 1 }",
            "weights = { use_case = 0, harm = 0, principles = 0, actions = 0, geopolitics = 0 }",
        )
    )
    assert "weight_profiles[4] (equal).weights: at least one weight must be above zero" in message


def test_unknown_default_profile_is_refused() -> None:
    message = _refusal(BUNDLED.replace('default_profile = "balanced"', 'default_profile = "bold"'))
    assert "weights.default_profile: 'bold' is not one of the weight_profiles" in message


def test_wrong_type_is_explained() -> None:
    message = _refusal(BUNDLED.replace("review_months = 24", 'review_months = "two years"', 1))
    assert "outcomes[0] (approve).review_months: must be a whole number, not 'two years'" in message


def test_shipped_framework_digest_matches_the_file_which_passes_the_full_check() -> None:
    """Start-up skips the schema for the shipped file only because this digest vouches for it."""
    text = resources.resource_path(resources.FRAMEWORK_FILE).read_text(encoding="utf-8")
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == BUNDLED_FRAMEWORK_SHA256, (
        "framework.toml changed: update BUNDLED_FRAMEWORK_SHA256 in council_app/framework/loader.py"
    )
    assert parse_framework(text) == bundled_framework()


def test_an_edited_bundled_framework_is_checked_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A council that edits the installed file gets the schema's message, digest or not."""
    edited = tmp_path / "framework.toml"
    edited.write_text(BUNDLED.replace("questions = [", "questons = [", 1), encoding="utf-8")
    monkeypatch.setattr(resources, "resource_path", lambda _name: edited)
    bundled_framework.cache_clear()
    try:
        with pytest.raises(FrameworkError, match=r"unknown field 'questons'"):
            bundled_framework()
    finally:
        bundled_framework.cache_clear()
