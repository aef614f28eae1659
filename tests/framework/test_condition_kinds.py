"""The kinds of condition, and what follows when one is not kept, are the framework's own."""

from __future__ import annotations

import pytest

from council_app import resources
from council_app.errors import FrameworkError
from council_app.framework import Framework, parse_framework
from council_app.framework.model import DEFAULT_CONDITION_KINDS
from council_app.memo.fingerprint import framework_digest

BUNDLED = resources.read_text("framework.toml")

OURS = """
[commitments]
waiver_needs_reason = false
deferral_lapses_after_days = 30
default_kind = "contractual"

[[condition_kinds]]
key = "contractual"
title = "In the contract"
calls_review = ["breached"]

[[condition_kinds]]
key = "asked"
title = "Asked of the requester"
calls_review = ["overdue"]
lapses_deferral = true
"""


def test_the_shipped_framework_keeps_the_default_kinds_and_its_digest(
    framework: Framework,
) -> None:
    assert framework.condition_kinds == DEFAULT_CONDITION_KINDS
    assert framework.condition_kind_keys == (
        "before_launch", "ongoing", "report_due", "information_request",
    )  # fmt: skip
    assert framework.information_kind == "information_request"
    assert framework.condition_kind("before_launch").calls_review == ("overdue", "breached")  # type: ignore[union-attr]
    assert framework.commitments.waiver_needs_reason
    assert framework.condition_kind_title("") == "Not given"


def test_a_council_writes_its_own_kinds_and_consequences() -> None:
    ours = parse_framework(BUNDLED + OURS, source="ours.toml")
    assert ours.condition_kind_keys == ("contractual", "asked")
    assert ours.information_kind == "asked"
    assert not ours.commitments.waiver_needs_reason
    assert ours.commitments.deferral_lapses_after_days == 30
    assert ours.commitments.default_kind == "contractual"
    # A framework that says something new of its conditions has a digest of its own.
    assert framework_digest(ours) != framework_digest(parse_framework(BUNDLED, source="x"))


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (OURS.replace('key = "asked"', 'key = "contractual"'), "condition_kinds"),
        (OURS.replace('calls_review = ["breached"]', "lapses_deferral = true"),
         "only one kind may lapse a deferral"),
        (OURS.replace('default_kind = "contractual"', 'default_kind = "someday"'),
         "commitments.default_kind: 'someday' is not one of the condition_kinds"),
        ('\n[commitments]\ndefault_kind = "someday"\n',
         "commitments.default_kind: 'someday' is not one of the condition_kinds"),
        (OURS.replace('calls_review = ["overdue"]', 'calls_review = ["late"]'), "late"),
    ],
)  # fmt: skip
def test_kinds_that_do_not_hold_together_are_refused(extra: str, words: str) -> None:
    with pytest.raises(FrameworkError) as refused:
        parse_framework(BUNDLED + extra, source="ours.toml")
    assert words in str(refused.value)


def test_the_frameworks_history_says_what_changed_of_its_conditions(framework: Framework) -> None:
    from council_app.library.frameworks import differences

    ours = parse_framework(BUNDLED + OURS, source="ours.toml")
    found = differences(framework, ours)
    assert "Condition kind added: In the contract (contractual)" in found
    assert "Condition kind removed: Before launch (before_launch)" in found
    assert "A waiver of a condition no longer needs a reason" in found
    assert "A deferral's requests lapse after: 90 → 30 days" in found
    assert "Default condition kind: Before launch → In the contract" in found
