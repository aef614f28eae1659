"""A framework of any shape a council needs loads, and one the core cannot use is refused in words."""

from __future__ import annotations

import pytest

from council_app.errors import FrameworkError
from council_app.framework import Framework, parse_framework
from tests.framework.shapes import (
    PLAIN,
    PRINCIPLES_HEADER,
    SIXFOLD,
    SUSTAINABILITY,
    _remove_consideration,
    plain_toml,
    sixfold_toml,
)


def _refusal(text: str) -> str:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, source="council.toml")
    return str(caught.value)


def test_six_considerations_four_other_principles_and_an_added_outcome_load() -> None:
    f = SIXFOLD
    assert f.consideration_keys == (
        "use_case",
        "harm",
        "principles",
        "actions",
        "geopolitics",
        "sustainability",
    )
    assert f.consideration("sustainability").title == "Environmental sustainability"
    assert f.consideration("sustainability").direction == "concern"
    assert len(f.consideration("sustainability").levels) == 5
    assert f.principle_keys == ("dignity", "data_care", "wellbeing", "candour")
    assert f.rated_keys == ("use_case", "harm", "actions", "geopolitics", "sustainability")
    assert f.rating_keys == (*f.rated_keys, *f.principle_keys)
    assert f.derived_consideration is not None and f.derived_consideration.key == "principles"
    assert [c.key for c in f.rated_considerations] == list(f.rated_keys)
    assert f.is_principle("candour") and not f.is_principle("sustainability")
    actions = f.actions_consideration
    assert actions is not None and actions.key == "actions"


def test_the_outcomes_keep_their_order_and_the_marked_deferral() -> None:
    f = SIXFOLD
    assert f.outcome_keys == (
        "approve",
        "approve_with_conditions",
        "restrict",
        "escalate",
        "decline",
        "pause",
    )
    assert f.outcome_title("escalate") == "Escalate to the board"
    assert f.deferral == "pause"
    assert f.outcome("pause").defers
    assert f.graded_outcomes == (
        "approve",
        "approve_with_conditions",
        "restrict",
        "escalate",
        "decline",
    )
    assert f.strictest_outcome == "decline"
    assert "defer" not in f.outcome_keys


def test_a_framework_with_no_principles_has_no_derived_consideration() -> None:
    f = PLAIN
    assert f.principles == ()
    assert f.principle_keys == ()
    assert f.derived_consideration is None
    assert f.rated_keys == f.consideration_keys == ("use_case", "harm", "actions", "sustainability")
    # No outcome says defers = true: the outcome keyed "defer" is the deferral.
    assert f.deferral == "defer"


def test_the_shipped_framework_reads_the_same_through_the_new_properties(
    framework: Framework,
) -> None:
    assert framework.deferral == "defer"
    assert framework.strictest_outcome == "decline"
    assert framework.derived_consideration is framework.considerations[2]


# -- refusals ------------------------------------------------------------------------------------


def test_one_consideration_is_refused() -> None:
    one = plain_toml()
    for key in ("harm", "actions", "sustainability"):
        one = _remove_consideration(one, key)
    assert "considerations: must have at least 2 entries; found 1" in _refusal(one)


def test_thirteen_considerations_are_refused() -> None:
    extra = "".join(SUSTAINABILITY.replace('"sustainability"', f'"extra_{i}"') for i in range(7))
    many = sixfold_toml().replace(PRINCIPLES_HEADER, extra + "\n" + PRINCIPLES_HEADER, 1)
    assert "considerations: must have at most 12 entries; found 13" in _refusal(many)


def test_twelve_considerations_load() -> None:
    extra = "".join(SUSTAINABILITY.replace('"sustainability"', f'"extra_{i}"') for i in range(6))
    text = sixfold_toml().replace(PRINCIPLES_HEADER, extra + "\n" + PRINCIPLES_HEADER, 1)
    text = text.replace(
        "sustainability = 1 }",
        "sustainability = 1, " + ", ".join(f"extra_{i} = 1" for i in range(6)) + " }",
    )
    assert len(parse_framework(text).considerations) == 12


def test_a_key_shared_by_a_consideration_and_a_principle_is_refused() -> None:
    message = _refusal(sixfold_toml().replace('key = "candour"', 'key = "harm"'))
    assert (
        "principles[3] (harm): the key 'harm' is already used by considerations[1]; a "
        "consideration and a principle cannot share a key"
    ) in message


def test_principles_without_a_derived_consideration_are_refused() -> None:
    message = _refusal(sixfold_toml().replace('derived_from = "principles"\n', ""))
    assert (
        "principles: a framework with principles needs the consideration derived_from = "
        '"principles"'
    ) in message


def test_a_derived_consideration_without_principles_is_refused() -> None:
    text = plain_toml().replace(
        '[[considerations]]\nkey = "harm"',
        '[[considerations]]\nkey = "harm"\nderived_from = "principles"',
    )
    assert (
        'considerations[1] (harm): derived_from = "principles", but the framework has no principles'
    ) in _refusal(text)


def test_two_derived_considerations_are_refused() -> None:
    text = sixfold_toml().replace(
        'key = "sustainability"\n', 'key = "sustainability"\nderived_from = "principles"\n'
    )
    assert (
        "considerations[5] (sustainability): only one consideration can be "
        "derived_from = \"principles\"; 'principles' already is"
    ) in _refusal(text)


def test_two_deferrals_are_refused() -> None:
    text = sixfold_toml().replace(
        'key = "decline"\ntitle = "Decline"', 'key = "decline"\ntitle = "Decline"\ndefers = true'
    )
    assert (
        "outcomes: exactly one outcome is the deferral, but 2 say defers = true: "
        "outcomes[4] (decline), outcomes[5] (pause)"
    ) in _refusal(text)


def test_no_deferral_is_refused() -> None:
    text = sixfold_toml().replace("defers = true\n", "")
    assert (
        "outcomes: no outcome is the deferral (the decision put off pending information); mark "
        "one with defers = true"
    ) in _refusal(text)


def test_a_band_naming_the_deferral_is_refused() -> None:
    text = sixfold_toml().replace(
        '{ below = 25, outcome = "approve" }', '{ below = 25, outcome = "pause" }'
    )
    assert (
        "scoring.bands[0]: outcome 'pause' cannot be recommended by a band; use one of approve, "
        "approve_with_conditions, restrict, escalate, decline"
    ) in _refusal(text)


def test_a_red_line_floor_at_the_deferral_is_refused() -> None:
    text = sixfold_toml().replace('floor = "escalate"', 'floor = "pause"')
    assert (
        "red_lines[2] (candour_doubted): floor 'pause' is not an outcome a red line can set"
    ) in _refusal(text)


def test_a_red_line_on_a_principle_the_framework_lacks_is_refused() -> None:
    message = _refusal(sixfold_toml().replace('target = "candour"', 'target = "honesty"'))
    assert "red_lines[2] (candour_doubted).conditions[0]: unknown target 'honesty'" in message


def test_a_weight_profile_must_weigh_the_added_consideration() -> None:
    message = _refusal(sixfold_toml().replace(", sustainability = 1 }", " }", 1))
    assert "weight_profiles[0] (balanced).weights: no weight for 'sustainability'" in message


def test_a_principle_cannot_take_the_reserved_any_principle_key() -> None:
    message = _refusal(sixfold_toml().replace('key = "candour"', 'key = "any_principle"'))
    assert "principles[3] (any_principle): the key 'any_principle' is reserved" in message


def test_an_outcome_colour_is_read_and_checked() -> None:
    text = sixfold_toml().replace(
        'title = "Escalate to the board"', 'title = "Escalate to the board"\ncolour = "#112233"'
    )
    assert parse_framework(text).outcome("escalate").colour == "#112233"
    bad = text.replace('colour = "#112233"', 'colour = "dark red"')
    assert "outcomes[3] (escalate).colour" in _refusal(bad)


# -- what the memo and the screen take from the shape ---------------------------------------------


def test_the_shipped_frameworks_digest_is_what_it_was_before_frameworks_took_any_shape(
    framework: Framework,
) -> None:
    """Memos of decided cases print a fingerprint over the framework: marking the shipped
    deferral ``defers = true`` and the new fields must not move it."""
    from council_app.memo.fingerprint import framework_digest

    assert framework_digest(framework) == (
        "bf88a1d0fe2d549194e7d734c6cd37f901bf611ebe1f5f1ddbe803cf0bf25b7b"
    )
    coloured = parse_framework(
        sixfold_toml().replace(
            'title = "Escalate to the board"',
            'title = "Escalate to the board"\ncolour = "#112233"',
        )
    )
    assert framework_digest(coloured) != framework_digest(SIXFOLD)


def test_an_added_outcome_is_coloured_by_one_rule() -> None:
    from council_app import vocabulary as v

    # The shipped outcomes keep their colours under any framework.
    for key in ("approve", "approve_with_conditions", "restrict", "decline"):
        assert v.outcome_colour_hex(key, SIXFOLD) == v.OUTCOME_COLOURS[key]
    # An added outcome: from its place, three quarters of the way from approve to decline.
    assert v.outcome_colour_hex("escalate", SIXFOLD) == "#A06E1D"
    # The deferral of another name is the deferral's sky blue; the strictest is decline's.
    assert v.outcome_colour_hex("pause", SIXFOLD) == v.OUTCOME_COLOURS["defer"]
    assert v.strictest_outcome_colour_hex(SIXFOLD) == v.OUTCOME_COLOURS["decline"]
    # Without the framework, an outcome this version does not know is grey.
    assert v.outcome_colour_hex("escalate") == v.NO_OUTCOME_COLOUR
    coloured = parse_framework(
        sixfold_toml().replace(
            'title = "Escalate to the board"',
            'title = "Escalate to the board"\ncolour = "#112233"',
        )
    )
    assert v.outcome_colour_hex("escalate", coloured) == "#112233"


def test_the_memo_counts_the_considerations_and_principles_in_words() -> None:
    from council_app.vocabulary import count_word, principle_ratings_words

    assert count_word(len(SIXFOLD.considerations)) == "six"
    assert principle_ratings_words(SIXFOLD) == "the four principle ratings"
    assert count_word(13) == "13"
