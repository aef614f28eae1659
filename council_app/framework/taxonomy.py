"""Classifications as framework data: taxonomies a council places its cases in.

A taxonomy (the EU AI Act's prohibited practices and high-risk uses, a council's own
acceptable-use clauses) is a list of entries, each with a kind ("prohibited", "high_risk",
"policy"), and optionally a floor on the recommendation (a prohibited practice: decline unless
a recorded exception applies), the obligations that become conditions of an approval, and a
review period that shortens the decision's. Cases name entries as ``taxonomy.entry``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from council_app.case import Case, CaseClassification
    from council_app.framework.model import Framework


@dataclass(frozen=True)
class TaxonomyEntry:
    key: str
    title: str
    kind: str
    description: str = ""
    reference: str = ""  # where it is written, for example "Article 5(1)(c)"
    floor: str | None = None  # the least restrictive outcome a case under it may be given
    obligations: tuple[str, ...] = ()
    review_months: int | None = None


@dataclass(frozen=True)
class Taxonomy:
    key: str
    title: str
    entries: tuple[TaxonomyEntry, ...]
    description: str = ""

    def entry(self, key: str) -> TaxonomyEntry | None:
        return next((e for e in self.entries if e.key == key), None)


@dataclass(frozen=True)
class Placed:
    """A case's classification read with its framework: the entry and its taxonomy."""

    classification: CaseClassification
    taxonomy: Taxonomy
    entry: TaxonomyEntry

    @property
    def title(self) -> str:
        return f"{self.entry.title} ({self.taxonomy.title}, {self.entry.kind.replace('_', ' ')})"

    @property
    def floor(self) -> str | None:
        """The entry's floor, unless the case records an exception to it."""
        return None if self.classification.exception.strip() else self.entry.floor


def find_entry(framework: Framework, key: str) -> tuple[Taxonomy, TaxonomyEntry] | None:
    taxonomy_key, _, entry_key = key.partition(".")
    for taxonomy in framework.taxonomies:
        if taxonomy.key == taxonomy_key:
            entry = taxonomy.entry(entry_key)
            return (taxonomy, entry) if entry is not None else None
    return None


def classification_keys(framework: Framework) -> tuple[str, ...]:
    return tuple(f"{t.key}.{e.key}" for t in framework.taxonomies for e in t.entries)


def placed(framework: Framework, case: Case) -> tuple[Placed, ...]:
    """The case's classifications its framework defines, in the order given."""
    found: list[Placed] = []
    for classification in case.classifications:
        hit = find_entry(framework, classification.key)
        if hit is not None:
            found.append(Placed(classification, *hit))
    return tuple(found)


def obligations(framework: Framework, case: Case) -> tuple[str, ...]:
    """The obligations the case's classifications bring, each once, in order: its conditions."""
    return tuple(dict.fromkeys(o for p in placed(framework, case) for o in p.entry.obligations))


@dataclass(frozen=True)
class ReviewPeriod:
    """A review period for decisions by risk: every criterion it names must hold (none named:
    it never applies); a decision takes the shortest period of those that apply, or its
    outcome's when that is shorter."""

    months: int
    outcomes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # any of them among the case's regions
    classification_kinds: tuple[str, ...] = ()  # any of them among its classifications' kinds
    concern_at_least: float | None = None  # the concern index as shown
    note: str = ""

    def applies(self, framework: Framework, case: Case, outcome: str, index: float | None) -> bool:
        named = (self.outcomes, self.regions, self.classification_kinds)
        if not any(named) and self.concern_at_least is None:
            return False
        if self.outcomes and outcome not in self.outcomes:
            return False
        if self.regions and not set(self.regions) & set(case.regions):
            return False
        kinds = {p.entry.kind for p in placed(framework, case)}
        if self.classification_kinds and not set(self.classification_kinds) & kinds:
            return False
        return self.concern_at_least is None or (
            index is not None and index >= self.concern_at_least
        )


def review_months(
    framework: Framework, case: Case, outcome: str | None = None, index: float | None = None
) -> int | None:
    """The shortest review period the case's risk sets (its classifications, and the
    framework's review periods by outcome, region, classification kind and concern), if any."""
    periods = [
        p.entry.review_months for p in placed(framework, case) if p.entry.review_months is not None
    ]
    if outcome is not None:
        periods += [
            r.months for r in framework.review_periods if r.applies(framework, case, outcome, index)
        ]
    return min(periods) if periods else None


def allows_use(framework: Framework, outcome: str) -> bool:
    """Whether a decision lets the use go ahead in some form: neither put off nor the strictest."""
    return outcome not in (framework.deferral, framework.strictest_outcome)
