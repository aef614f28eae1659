"""A revision of the framework, edited entry by entry, that keeps the text's comments and layout.

The council's framework is a TOML text whose comments explain it to the next person who reads
it. A :class:`FrameworkDraft` holds that text as a tomlkit document and changes only the values
an edit names, so the revised text reads as the council's own file did, with the same comments,
order and layout. It never decides whether a revision is valid: :meth:`FrameworkDraft.problems`
asks the loader, whose sentences are the ones a hand-edited file gets.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import Any, Final, Literal

import tomlkit
from tomlkit.items import AoT, Array, InlineTable, Item, Table

from council_app.errors import FrameworkError
from council_app.framework.loader import parse_framework
from council_app.framework.model import (
    DEFAULT_CONDITION_KINDS,
    DEFAULT_SCALE,
    CommitmentRules,
    ConditionKind,
    Framework,
)

DRAFT_SOURCE = "The revised framework"


class _AnyConcern(Enum):
    ANY_CONCERN = "any concern"


# ``set_review_period(index, concern_at_least=ANY_CONCERN)``: the period no longer asks for a
# concern index. ``None`` already means "leave it as it is" for every field, as in the other
# setters, so clearing needs a value of its own; an enum member (not a bare ``object()``) lets
# mypy tell it from a number.
ANY_CONCERN: Final = _AnyConcern.ANY_CONCERN
AnyConcern = Literal[_AnyConcern.ANY_CONCERN]


class DraftError(ValueError):
    """An edit that names no entry of the draft (a key or an index the text does not have)."""


def _lines_array(values: Iterable[str]) -> Item:
    """A TOML array of strings laid out one to a line, as the shipped framework writes them.

    tomlkit writes a new array on one line (or indented four spaces); parsing the laid-out text
    gives an item that keeps the two-space layout of the council's file.
    """
    items = "".join(f"  {tomlkit.string(value).as_string()},\n" for value in values)
    item = tomlkit.parse(f"v = [\n{items}]\n").item("v")
    assert isinstance(item, Array)
    return item


def _number(value: float) -> int | float:
    """Whole numbers stay whole (``25``, not ``25.0``) so an edit changes only what it must."""
    return int(value) if float(value).is_integer() else float(value)


class FrameworkDraft:
    """The text of a framework version, being revised; nothing here is adopted or stored."""

    def __init__(self, text: str, *, source: str = DRAFT_SOURCE) -> None:
        self.source = source
        self.original = text
        self._doc = tomlkit.parse(text)

    # -- reading ----------------------------------------------------------------------------

    def text(self) -> str:
        """The revised TOML, comments and layout kept."""
        return tomlkit.dumps(self._doc)

    def data(self) -> dict[str, Any]:
        """The draft's values as plain Python (for showing them; edits go through the setters)."""
        return copy.deepcopy(self._doc.unwrap())

    def problems(self) -> list[str]:
        """What the loader finds wrong with the draft, one sentence each; empty when it is valid."""
        try:
            parse_framework(self.text(), source=self.source)
        except FrameworkError as error:
            return problem_sentences(str(error))
        return []

    def framework(self) -> Framework | None:
        """The framework the draft defines, or None while it has problems."""
        try:
            return parse_framework(self.text(), source=self.source)
        except FrameworkError:
            return None

    @property
    def version(self) -> str:
        return str(self._table("framework").get("version", ""))

    @property
    def scale(self) -> tuple[int, int]:
        """The rating scale as the draft writes it, (lowest, highest)."""
        framework = self._table("framework")
        return (
            int(framework.get("scale_min", DEFAULT_SCALE[0])),
            int(framework.get("scale_max", DEFAULT_SCALE[1])),
        )

    def set_scale(self, low: int, high: int) -> None:
        """Rate on ``low``..``high``, every consideration's and principle's levels fitted to it.

        A score the scale gains gets an empty level at the top, which the loader refuses until
        the council writes it; a score it loses takes its level with it (from the draft only:
        the framework in force keeps its own). Red-line bounds are left for the council to move,
        since where a line falls on the new scale is a judgement; the loader names any bound
        that is off it.
        """
        framework = self._table("framework")
        if (low, high) == self.scale:
            return
        for name, value, default in (
            ("scale_min", low, DEFAULT_SCALE[0]),
            ("scale_max", high, DEFAULT_SCALE[1]),
        ):
            if value == default and (low, high) == DEFAULT_SCALE:
                framework.pop(name, None)  # the shipped scale is written by saying nothing
            else:
                framework[name] = value
        size = max(0, high - low + 1)
        for section in ("considerations", "principles"):
            for entry in self._aot(section):
                levels = [str(level) for level in entry.get("levels", [])]
                fitted = (levels + [""] * size)[:size]
                if fitted != levels:
                    entry["levels"] = _lines_array(fitted)

    @property
    def changed(self) -> bool:
        return self.text() != self.original

    # -- the framework's own lines ----------------------------------------------------------

    def set_name(self, name: str) -> None:
        self._table("framework")["name"] = name

    def set_version(self, version: str) -> None:
        self._table("framework")["version"] = version

    # -- considerations and principles ------------------------------------------------------

    def set_consideration(
        self,
        key: str,
        *,
        title: str | None = None,
        short_title: str | None = None,
        description: str | None = None,
        questions: Sequence[str] | None = None,
        levels: Sequence[str] | None = None,
    ) -> None:
        entry = self._entry("considerations", key)
        self._set_fields(
            entry,
            {"title": title, "short_title": short_title, "description": description},
        )
        self._set_lines(entry, questions=questions, levels=levels)

    def set_principle(
        self,
        key: str,
        *,
        title: str | None = None,
        summary: str | None = None,
        questions: Sequence[str] | None = None,
        levels: Sequence[str] | None = None,
    ) -> None:
        entry = self._entry("principles", key)
        self._set_fields(entry, {"title": title, "summary": summary})
        self._set_lines(entry, questions=questions, levels=levels)

    def add_consideration(
        self, key: str, title: str, *, direction: str = "concern", description: str = ""
    ) -> None:
        """A new consideration, weighted 0 in every profile until the council weighs it."""
        if any(e["key"] == key for e in self._aot("considerations")):
            raise DraftError(f"There is already a consideration {key!r}.")
        levels = [f"Level {n}." for n in range(self.scale[0], self.scale[1] + 1)]
        entry = tomlkit.table()
        entry.update(
            {
                "key": key,
                "title": title,
                "short_title": title,
                "direction": direction,
                "description": description or title,
                "questions": _lines_array([f"What does {title.lower()} mean for this case?"]),
                "levels": _lines_array(levels),
            }
        )
        self._aot("considerations").append(entry)
        for profile in self._aot("weight_profiles"):
            profile["weights"][key] = 0

    def remove_consideration(self, key: str) -> None:
        """The consideration, its weight in every profile and the red-line conditions naming it."""
        self._remove("considerations", key)
        for profile in self._aot("weight_profiles"):
            weights = profile["weights"]
            if key in weights:
                del weights[key]
        for line in self._doc.get("red_lines", []):
            conditions = line["conditions"]
            for index in reversed(range(len(conditions))):
                if conditions[index]["target"] == key:
                    del conditions[index]

    def add_principle(self, key: str, title: str, *, summary: str = "") -> None:
        if any(e["key"] == key for e in self._aot("principles")):
            raise DraftError(f"There is already a principle {key!r}.")
        entry = tomlkit.table()
        entry.update(
            {
                "key": key,
                "title": title,
                "summary": summary or title,
                "questions": _lines_array([f"How does the use stand against {title.lower()}?"]),
                "levels": _lines_array(
                    f"Level {n}." for n in range(self.scale[0], self.scale[1] + 1)
                ),
            }
        )
        self._aot("principles").append(entry)

    def remove_principle(self, key: str) -> None:
        self._remove("principles", key)

    # -- outcomes ---------------------------------------------------------------------------

    def set_outcome(
        self,
        key: str,
        *,
        title: str | None = None,
        description: str | None = None,
        review_months: int | None = None,
    ) -> None:
        entry = self._entry("outcomes", key)
        self._set_fields(
            entry, {"title": title, "description": description, "review_months": review_months}
        )

    def add_outcome(
        self, key: str, title: str, *, description: str = "", review_months: int = 12
    ) -> None:
        if any(e["key"] == key for e in self._aot("outcomes")):
            raise DraftError(f"There is already an outcome {key!r}.")
        entry = tomlkit.table()
        entry.update(
            {
                "key": key,
                "title": title,
                "description": description or title,
                "review_months": review_months,
            }
        )
        self._aot("outcomes").append(entry)

    # -- scoring: bands, weights, red lines -------------------------------------------------

    def set_band_below(self, index: int, below: float) -> None:
        """The limit of band ``index`` (0 the first); the last band has none."""
        bands = self._table("scoring")["bands"]
        if not 0 <= index < len(bands):
            raise DraftError(f"There is no band {index + 1}; the framework has {len(bands)}.")
        bands[index]["below"] = _number(below)

    def set_scoring(
        self, *, principles_rule: str | None = None, red_lines_apply: str | None = None
    ) -> None:
        """How the principle ratings become the principles concern ("max", "mean", "median"),
        and whose ratings the red lines are read from ("council", "any_member")."""
        self._set_fields(
            self._table("scoring"),
            {"principles_rule": principles_rule, "red_lines_apply": red_lines_apply},
        )

    def set_disagreement_threshold(self, threshold: float) -> None:
        self._table("scoring")["disagreement_threshold"] = _number(threshold)

    def set_weight(self, profile: str, consideration: str, weight: float) -> None:
        self._entry("weight_profiles", profile)["weights"][consideration] = _number(weight)

    def set_profile(
        self, key: str, *, title: str | None = None, description: str | None = None
    ) -> None:
        self._set_fields(
            self._entry("weight_profiles", key), {"title": title, "description": description}
        )

    def set_default_profile(self, key: str) -> None:
        self._table("weights")["default_profile"] = key

    def set_red_line(
        self, key: str, *, description: str | None = None, floor: str | None = None
    ) -> None:
        self._set_fields(
            self._entry("red_lines", key), {"description": description, "floor": floor}
        )

    def set_condition(
        self,
        red_line: str,
        index: int,
        *,
        at_least: int | None = None,
        at_most: int | None = None,
    ) -> None:
        """The threshold of one condition of a red line (the one it has: at least or at most)."""
        conditions = self._entry("red_lines", red_line)["conditions"]
        if not 0 <= index < len(conditions):
            raise DraftError(f"The red line {red_line!r} has no condition {index + 1}.")
        condition = conditions[index]
        for name, value in (("at_least", at_least), ("at_most", at_most)):
            if value is not None:
                condition[name] = int(value)

    # -- review periods by risk -------------------------------------------------------------

    def review_periods(self) -> list[dict[str, Any]]:
        """The review periods as written, valid or not, in order: index ``i`` is the one
        :meth:`set_review_period` changes (an entry that is not a table reads as empty)."""
        entries = self.data().get("review_periods", [])
        if not isinstance(entries, list):
            return []
        return [dict(entry) if isinstance(entry, dict) else {} for entry in entries]

    def add_review_period(
        self,
        months: int,
        *,
        outcomes: Sequence[str] = (),
        regions: Sequence[str] = (),
        classification_kinds: Sequence[str] = (),
        concern_at_least: float | None = None,
        note: str = "",
    ) -> int:
        """A new period at the end, and its index; the first one starts the ``[[review_periods]]``
        entries at the end of the text. A period naming no decisions is added all the same: the
        loader says what it lacks while the council fills it in."""
        entries = self._doc.get("review_periods")
        if entries is None:
            entries = tomlkit.aot()
            self._doc.append("review_periods", entries)
        entry: Table | InlineTable
        if isinstance(entries, AoT):
            entry = tomlkit.table()
            entry.trivia.indent = "\n"  # a blank line before each [[review_periods]], as written
        elif isinstance(entries, Array):  # written inline by hand: the new one is inline too
            entry = tomlkit.inline_table()
        else:
            raise DraftError("The framework's review_periods is not a list of review periods.")
        entry["months"] = int(months)
        entries.append(entry)
        index = len(entries) - 1
        self.set_review_period(
            index,
            outcomes=outcomes,
            regions=regions,
            classification_kinds=classification_kinds,
            concern_at_least=concern_at_least,
            note=note,
        )
        return index

    def set_review_period(
        self,
        index: int,
        *,
        months: int | None = None,
        outcomes: Sequence[str] | None = None,
        regions: Sequence[str] | None = None,
        classification_kinds: Sequence[str] | None = None,
        concern_at_least: float | AnyConcern | None = None,
        note: str | None = None,
    ) -> None:
        """Change what is named; None leaves a field as it is. An empty list or note takes its
        line out (the loader reads a missing list as an empty one), and ``concern_at_least=
        ANY_CONCERN`` takes out the concern index. A value equal to the one written is not
        written again, so its text stays exactly as it was."""
        entry = self._review_period(index)
        if months is not None:
            self._set_value(entry, "months", int(months))
        lists = (
            ("outcomes", outcomes),
            ("regions", regions),
            ("classification_kinds", classification_kinds),
        )
        for name, values in lists:
            if values is not None:
                self._set_value(entry, name, list(values) or None)
        if concern_at_least is ANY_CONCERN:
            self._set_value(entry, "concern_at_least", None)
        elif concern_at_least is not None:
            self._set_value(entry, "concern_at_least", _number(concern_at_least))
        if note is not None:
            self._set_value(entry, "note", note or None)

    def remove_review_period(self, index: int) -> None:
        """The period; with the last one goes the ``[[review_periods]]`` array itself, so a
        period added and removed again leaves the text as it was."""
        self._review_period(index)
        entries = self._doc["review_periods"]
        del entries[index]
        if not len(entries):
            del self._doc["review_periods"]

    # -- conditions -------------------------------------------------------------------------

    def condition_kinds(self) -> list[dict[str, Any]]:
        """The kinds as the draft writes them (the shipped ones when it writes none)."""
        entries = self.data().get("condition_kinds")
        if entries is None:
            return [_kind_entry(kind) for kind in DEFAULT_CONDITION_KINDS]
        if not isinstance(entries, list):
            return []
        return [dict(entry) if isinstance(entry, dict) else {} for entry in entries]

    def commitments(self) -> dict[str, Any]:
        """The rules for every condition as the draft writes them, the defaults filled in."""
        default = CommitmentRules()
        table = self.data().get("commitments", {})
        table = table if isinstance(table, dict) else {}
        return {
            "waiver_needs_reason": table.get("waiver_needs_reason", default.waiver_needs_reason),
            "deferral_lapses_after_days": table.get(
                "deferral_lapses_after_days", default.deferral_lapses_after_days
            ),
            "default_kind": table.get("default_kind", default.default_kind),
        }

    def _condition_kinds(self) -> AoT:
        """The ``[[condition_kinds]]``; a draft that writes none has the shipped kinds written
        out the first time one is edited, so the edit starts from what the council sees."""
        entries = self._doc.get("condition_kinds")
        if entries is None:
            entries = tomlkit.aot()
            for kind in DEFAULT_CONDITION_KINDS:
                entries.append(_kind_table(_kind_entry(kind)))
            self._doc.append("condition_kinds", entries)
        if not isinstance(entries, AoT):
            raise DraftError("The framework's condition_kinds is not a list of kinds.")
        return entries

    def add_condition_kind(self, key: str, title: str, *, description: str = "") -> None:
        entry = {"key": key, "title": title}
        if description:
            entry["description"] = description
        self._condition_kinds().append(_kind_table(entry))

    def set_condition_kind(
        self,
        key: str,
        *,
        title: str | None = None,
        description: str | None = None,
        calls_review: Sequence[str] | None = None,
        lapses_deferral: bool | None = None,
    ) -> None:
        """Change what is named; an empty description or list, or ``lapses_deferral=False``,
        takes its line out (the loader reads them so when they are missing)."""
        self._condition_kinds()
        entry = self._entry("condition_kinds", key)
        if title is not None:
            self._set_value(entry, "title", title)
        if description is not None:
            self._set_value(entry, "description", description or None)
        if calls_review is not None:
            self._set_value(entry, "calls_review", list(calls_review) or None)
        if lapses_deferral is not None:
            self._set_value(entry, "lapses_deferral", True if lapses_deferral else None)

    def remove_condition_kind(self, key: str) -> None:
        self._condition_kinds()
        self._remove("condition_kinds", key)

    def set_commitments(
        self,
        *,
        waiver_needs_reason: bool | None = None,
        deferral_lapses_after_days: int | None = None,
        default_kind: str | None = None,
    ) -> None:
        table = self._doc.get("commitments")
        if table is None:
            table = tomlkit.table()
            table.trivia.indent = "\n"
            self._doc.append("commitments", table)
        if not isinstance(table, Table):
            raise DraftError("The framework's commitments is not a table of rules.")
        if waiver_needs_reason is not None:
            self._set_value(table, "waiver_needs_reason", bool(waiver_needs_reason))
        if deferral_lapses_after_days is not None:
            self._set_value(table, "deferral_lapses_after_days", int(deferral_lapses_after_days))
        if default_kind is not None:
            self._set_value(table, "default_kind", default_kind)

    # -- voting -----------------------------------------------------------------------------

    def set_voting(self, *, rule: str | None = None, casting_vote: str | None = None) -> None:
        self._set_fields(self._table("voting"), {"rule": rule, "casting_vote": casting_vote})

    # -- helpers ----------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        table = self._doc.get(name)
        if not isinstance(table, Table):
            raise DraftError(f"The framework has no [{name}] table.")
        return table

    def _aot(self, name: str) -> AoT:
        entries = self._doc.get(name)
        if not isinstance(entries, AoT):
            raise DraftError(f"The framework has no [[{name}]] entries.")
        return entries

    def _entry(self, section: str, key: str) -> Table:
        for entry in self._aot(section):
            if isinstance(entry, Table) and entry.get("key") == key:
                return entry
        raise DraftError(f"The framework has no {section.replace('_', ' ')} entry {key!r}.")

    def _remove(self, section: str, key: str) -> None:
        entries = self._aot(section)
        for index, entry in enumerate(entries):
            if entry.get("key") == key:
                del entries[index]
                return
        raise DraftError(f"The framework has no {section.replace('_', ' ')} entry {key!r}.")

    def _review_period(self, index: int) -> Table | InlineTable:
        """Period ``index``, written as a ``[[review_periods]]`` table or inline (by hand)."""
        entries = self._doc.get("review_periods")
        listed: Sequence[Any] = entries if isinstance(entries, AoT | Array) else []
        if not 0 <= index < len(listed):
            raise DraftError(
                f"There is no review period {index + 1}; the framework has {len(listed)}."
            )
        entry = listed[index]
        if not isinstance(entry, Table | InlineTable):
            raise DraftError(f"Review period {index + 1} is not a table of its criteria.")
        return entry

    @staticmethod
    def _set_fields(entry: Table, values: Mapping[str, object]) -> None:
        for name, value in values.items():
            if value is not None:
                entry[name] = value

    @staticmethod
    def _set_value(entry: Table | InlineTable, name: str, value: object) -> None:
        """``value`` written under ``name`` (None: the line taken out), unless it is already."""
        current = entry.get(name)
        if value is None:
            if name in entry:
                del entry[name]
        elif current is None or current.unwrap() != value:
            entry[name] = value

    @staticmethod
    def _set_lines(
        entry: Table, *, questions: Sequence[str] | None, levels: Sequence[str] | None
    ) -> None:
        for name, lines in (("questions", questions), ("levels", levels)):
            if lines is None:
                continue
            current = entry.get(name)
            if isinstance(current, Array) and list(current) == list(lines):
                continue  # unchanged: keep the text exactly as it was
            entry[name] = _lines_array(lines)


def problem_sentences(message: str) -> list[str]:
    """A loader's message as its separate problems (it lists them as ``  - ...`` lines)."""
    listed = [line.strip()[2:] for line in message.splitlines() if line.startswith("  - ")]
    return listed or [message.strip()]


def _kind_entry(kind: ConditionKind) -> dict[str, Any]:
    """A kind as a framework file writes it (what it says nothing of left out)."""
    entry: dict[str, Any] = {"key": kind.key, "title": kind.title}
    if kind.description:
        entry["description"] = kind.description
    if kind.calls_review:
        entry["calls_review"] = list(kind.calls_review)
    if kind.lapses_deferral:
        entry["lapses_deferral"] = True
    return entry


def _kind_table(entry: dict[str, Any]) -> Table:
    table = tomlkit.table()
    table.trivia.indent = "\n"  # a blank line before each [[condition_kinds]], as written
    for name, value in entry.items():
        table[name] = value
    return table


__all__ = [
    "ANY_CONCERN",
    "DRAFT_SOURCE",
    "AnyConcern",
    "DraftError",
    "FrameworkDraft",
    "problem_sentences",
]
