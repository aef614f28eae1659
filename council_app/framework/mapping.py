"""How a framework reads cases assessed under a version its library never adopted.

A council that revised its framework elsewhere, or receives cases from another council, may say
in its own framework how the other version's keys read in its terms (``[[mappings]]``: for
cases from ``from_version``, ``privacy`` is ``data_care``, the outcome ``defer`` is ``pause``).
An import then reads such a case under the mapping framework, with its keys renamed, instead of
refusing it; a key the mapping does not rename must still be one the framework defines, so a
case is mapped whole or refused in words, never half-imported. Scores are not converted: a case
rated on another scale is refused by the scale check as any other case would be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from council_app.vocabulary import ABSTAIN

if TYPE_CHECKING:
    from council_app.framework.model import Framework


@dataclass(frozen=True)
class KeyMapping:
    """The keys of cases from ``from_version`` renamed into this framework's (old → new); a key
    not named keeps its name."""

    from_version: str
    considerations: Mapping[str, str] = field(default_factory=dict)
    principles: Mapping[str, str] = field(default_factory=dict)
    stakeholder_groups: Mapping[str, str] = field(default_factory=dict)
    outcomes: Mapping[str, str] = field(default_factory=dict)
    note: str = ""

    def renames(self) -> list[str]:
        """Every rename, ``privacy → data_care``, in the framework's section order."""
        return [
            f"{old} → {new}"
            for section in (
                self.considerations,
                self.principles,
                self.stakeholder_groups,
                self.outcomes,
            )
            for old, new in section.items()
        ]


def mapping_into(
    frameworks: Mapping[str, Framework], version: str
) -> tuple[Framework, KeyMapping] | None:
    """The framework that reads cases from ``version``, with its mapping: of ``frameworks``
    (a library's adopted versions, first adopted first), the latest that maps from it."""
    for framework in reversed(list(frameworks.values())):
        for mapping in framework.mappings:
            if mapping.from_version == version:
                return framework, mapping
    return None


def mapped_case(raw: Mapping[str, Any], mapping: KeyMapping, version: str) -> dict[str, Any]:
    """An exchange document's case (its JSON) with the mapping's keys renamed and read as
    assessed under ``version``; what the mapping does not name is left exactly as it was."""

    def keys(section: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
        return {names.get(key, key): value for key, value in section.items()}

    def outcome(value: str) -> str:
        return value if value == ABSTAIN else mapping.outcomes.get(value, value)

    case = dict(raw)
    case["framework_version"] = version
    case["ratings"] = [
        {
            **assessment,
            "considerations": keys(assessment.get("considerations", {}), mapping.considerations),
            "principles": keys(assessment.get("principles", {}), mapping.principles),
        }
        for assessment in raw.get("ratings", [])
    ]
    case["stakeholder_input"] = [
        {**item, "group": mapping.stakeholder_groups.get(item["group"], item["group"])}
        for item in raw.get("stakeholder_input", [])
    ]
    decision = raw.get("decision")
    if decision is not None:
        case["decision"] = {
            **decision,
            "outcome": outcome(decision["outcome"]),
            "votes": [{**v, "vote": outcome(v["vote"])} for v in decision.get("votes", [])],
        }
    return case


__all__ = ["KeyMapping", "mapped_case", "mapping_into"]
