"""What changed between two versions of a case, part by part, and a three-way merge.

When a save is refused because the library moved on (a sitting recorded the decision while the
case was open in a tab), the member is shown what changed meanwhile and what they changed, and
may merge the two: every part only one side changed is taken from that side. A part both sides
changed differently is a conflict, which the member settles by reloading or by keeping theirs.
Parts are what a council member would name: a fact, one member's assessment, the proposed
actions, the stakeholder input, the decision, the links.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from council_app.case import Assessment, Case

# The fields of a case that are parts of their own, with their names in words.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "the title"),
    ("summary", "the summary"),
    ("question", "the question"),
    ("product", "the product"),
    ("customer", "the customer"),
    ("sector", "the sector"),
    ("regions", "the regions"),
    ("tags", "the tags"),
    ("submitted", "the date submitted"),
    ("use_case", "the use case"),
    ("mitigations", "the proposed actions"),
    ("stakeholder_input", "the stakeholder input"),
    ("facts", "the facts"),
    ("coverage", "the answers to the framework's coverage"),
    ("escalations", "the referrals and appeals"),
    ("decision", "the decision"),
    ("links", "the links"),
    ("status", "the status"),
)
_ASSESSMENT = "assessment:"


def _parts(case: Case) -> dict[str, Any]:
    parts: dict[str, Any] = {name: getattr(case, name) for name, _ in _FIELDS}
    for assessment in case.assessments:
        parts[_ASSESSMENT + assessment.member] = assessment
    return parts


def part_title(part: str) -> str:
    if part.startswith(_ASSESSMENT):
        return f"{part.removeprefix(_ASSESSMENT)}'s assessment"
    return dict(_FIELDS)[part]


def changed_parts(before: Case, after: Case) -> list[str]:
    """The parts that differ, in the order a reader meets them (keys, see :func:`part_title`)."""
    old, new = _parts(before), _parts(after)
    keys = list(dict.fromkeys([*old, *new]))
    return [key for key in keys if old.get(key) != new.get(key)]


def describe_changes(before: Case, after: Case) -> list[str]:
    """What changed, in words: "the decision recorded: Restrict", "the title", …"""
    described = []
    for part in changed_parts(before, after):
        if part == "decision":
            if after.decision is None:
                described.append("the decision taken back")
            elif before.decision is None:
                described.append(f"the decision recorded ({after.decision.outcome})")
            else:
                described.append(f"the decision changed ({after.decision.outcome})")
        elif part.startswith(_ASSESSMENT):
            member = part.removeprefix(_ASSESSMENT)
            if before.assessment_by(member) is None:
                described.append(f"{member}'s assessment added")
            elif after.assessment_by(member) is None:
                described.append(f"{member}'s assessment removed")
            else:
                described.append(f"{member}'s assessment")
        else:
            described.append(part_title(part))
    return described


@dataclass(frozen=True)
class CaseMerge:
    case: Case  # theirs with every part only I changed taken from mine
    conflicts: tuple[str, ...]  # parts both changed differently (their version is in ``case``)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_cases(base: Case, mine: Case, theirs: Case) -> CaseMerge:
    """Mine and theirs, both made from ``base``: the merged case carries theirs' revision."""
    my_parts, their_parts = _parts(mine), _parts(theirs)
    mine_changed = set(changed_parts(base, mine))
    theirs_changed = set(changed_parts(base, theirs))
    conflicts = [
        p
        for p in changed_parts(base, mine)
        if p in theirs_changed and my_parts.get(p) != their_parts.get(p)
    ]
    taken = {p for p in mine_changed if p not in theirs_changed}
    fields = {name: my_parts[name] for name, _ in _FIELDS if name in taken}
    merged = replace(theirs, **fields)
    if any(p.startswith(_ASSESSMENT) for p in taken):
        merged = replace(merged, assessments=_merged_assessments(my_parts, merged, taken))
    if "status" not in taken and "decision" in taken:
        # The status follows the decision, as recording or clearing one sets it.
        merged = replace(merged, status=mine.status)
    return CaseMerge(merged, tuple(conflicts))


def _merged_assessments(
    mine: Mapping[str, Any], merged: Case, taken: set[str]
) -> tuple[Assessment, ...]:
    listed = list(merged.assessments)
    for part in sorted(p for p in taken if p.startswith(_ASSESSMENT)):
        member = part.removeprefix(_ASSESSMENT)
        mine_now = mine.get(part)
        position = next((i for i, a in enumerate(listed) if a.member == member), None)
        if mine_now is None:  # removed by me
            if position is not None:
                del listed[position]
        elif position is None:  # added by me
            listed.append(mine_now)
        else:
            listed[position] = mine_now
    return tuple(listed)


__all__ = ["CaseMerge", "changed_parts", "describe_changes", "merge_cases", "part_title"]
