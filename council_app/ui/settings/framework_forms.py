"""The forms of the framework editor, one page for each section of the framework.

Every field writes its value straight into the :class:`FrameworkDraft` and then says so through
``edited``; no field checks anything itself, because the loader's sentences (shown beside the
forms) are the checks. Fields are named ``framework_<section>_<key>_<field>`` so that tests and
the self-check can find them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from council_app.framework import SCALE_HIGHEST, SCALE_LOWEST
from council_app.framework.revision import FrameworkDraft
from council_app.ui.common.guarded_fields import GuardedSpinBox
from council_app.ui.settings.framework_condition_forms import CONDITIONS, ConditionForms
from council_app.ui.settings.framework_fields import Edited, setter
from council_app.ui.settings.framework_review_forms import REVIEW_PERIODS, ReviewForms
from council_app.ui.settings.framework_rule_forms import RuleForms
from council_app.ui.settings.tab_note import note

# The section of the editor that shows the entries a loader's problem names by their path.
SECTION_OF_PATH = {
    "framework": "Framework",
    "outcomes": "Outcomes",
    "review_periods": REVIEW_PERIODS,
    "condition_kinds": CONDITIONS,
    "commitments": CONDITIONS,
    "weight_profiles": "Weight profiles",
    "weights": "Weight profiles",
    "scoring": "Recommendation bands",
    "red_lines": "Red lines",
    "voting": "Voting",
}


class SectionForms(RuleForms, ReviewForms, ConditionForms):
    """Builds the pages, listed in ``pages`` in the editor's order. ``restructured(title)``: an
    edit added or removed an entry a page shows, so the pages are to be built again."""

    def __init__(
        self,
        draft: FrameworkDraft,
        edited: Edited,
        in_force_version: str,
        restructured: Callable[[str], None],
    ) -> None:
        super().__init__(edited)
        self.draft = draft
        self.restructured = restructured
        self.in_force_version = in_force_version
        data = draft.data()
        self.data = data
        self.outcome_titles = {o["key"]: o["title"] for o in data["outcomes"]}
        # (group, title, page): the considerations and principles are listed under a heading.
        self.pages: list[tuple[str, str, QWidget]] = [("", "Framework", self._framework_page())]
        # The entry each page edits, by page, for the pages listed by the entry's title.
        self.entries: dict[int, tuple[str, str]] = {}
        for item in data["considerations"]:
            self.entries[len(self.pages)] = ("considerations", item["key"])
            self.pages.append(("Considerations", item["title"], self._consideration_page(item)))
        for item in data["principles"]:
            self.entries[len(self.pages)] = ("principles", item["key"])
            self.pages.append(("Principles", item["title"], self._principle_page(item)))
        self.pages += [
            ("", "Outcomes", self._outcomes_page()),
            ("", REVIEW_PERIODS, self._review_periods_page()),
            ("", CONDITIONS, self._conditions_page()),
            ("", "Weight profiles", self._weights_page()),
            ("", "Recommendation bands", self._bands_page()),
            ("", "Red lines", self._red_lines_page()),
            ("", "Voting", self._voting_page()),
        ]

    def titles(self) -> dict[int, str]:
        """The title each page listed by an entry's title has in the draft now, by page."""
        data = self.draft.data()
        found: dict[int, str] = {}
        for page, (section, key) in self.entries.items():
            for item in data.get(section, []):
                if item.get("key") == key:
                    found[page] = str(item.get("title") or key)
        return found

    def where(self, problem: str) -> str:
        """The section a loader's sentence is about, by the path it begins with ("" if none)."""
        path = problem.split(":", 1)[0]
        head = path.split(".", 1)[0].split("[", 1)[0]
        if head in ("considerations", "principles"):
            try:
                index = int(path.split("[", 1)[1].split("]", 1)[0])
                return str(self.draft.data()[head][index]["title"])
            except (IndexError, KeyError, ValueError):
                return "Considerations" if head == "considerations" else "Principles"
        return SECTION_OF_PATH.get(head, "")

    # -- pages ------------------------------------------------------------------------------

    def _framework_page(self) -> QWidget:
        d, framework = self.draft, self.data["framework"]
        self.version = self.line(
            "framework_version", framework["version"], d.set_version, "Version"
        )
        self.version.setAccessibleDescription(
            f"The version in force is {self.in_force_version}; the revision needs its own."
        )
        form = QFormLayout()
        form.addRow("&Name:", self.line("framework_name", framework["name"], d.set_name, "Name"))
        form.addRow("&Version:", self.version)
        form.addRow("Rating &scale:", self._scale_row())
        return self.page(
            "The framework",
            form,
            note(
                f"The version in force is {self.in_force_version}. A revised framework needs a "
                "version of its own (for example the year and a number, 2027.1): cases already "
                "assessed keep the version they were assessed under, and a new version applies "
                "to cases assessed from its adoption on. The rating scale is 0–4 as shipped; on "
                "another, every consideration and principle has one level for each score."
            ),
        )

    def _scale_row(self) -> QWidget:
        """From and to, set with a button: the scale decides how many levels every page
        shows, so the pages are built again once it is set, not while a number is typed."""
        low, high = self.draft.scale
        lowest = GuardedSpinBox()
        lowest.setObjectName("framework_scale_min")
        lowest.setAccessibleName("Lowest rating")
        lowest.setRange(SCALE_LOWEST, SCALE_HIGHEST - 2)
        lowest.setValue(low)
        highest = GuardedSpinBox()
        highest.setObjectName("framework_scale_max")
        highest.setAccessibleName("Highest rating")
        highest.setRange(SCALE_LOWEST + 2, SCALE_HIGHEST)
        highest.setValue(high)
        apply = QPushButton("Set the scale")
        apply.setObjectName("framework_set_scale")
        apply.setAccessibleDescription(
            "Rate on the scale given: a score it adds gets an empty level on every "
            "consideration and principle, to be written; a score it drops loses its level."
        )

        def update() -> None:
            apply.setEnabled((lowest.value(), highest.value()) != self.draft.scale)

        def set_scale() -> None:
            self.draft.set_scale(lowest.value(), highest.value())
            self.restructured("Framework")

        lowest.valueChanged.connect(update)
        highest.valueChanged.connect(update)
        apply.clicked.connect(set_scale)
        update()
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(lowest)
        layout.addWidget(QLabel("to"))
        layout.addWidget(highest)
        layout.addWidget(apply)
        layout.addStretch(1)
        return row

    def _consideration_page(self, item: dict[str, Any]) -> QWidget:
        key, d = item["key"], self.draft
        name = f"framework_consideration_{key}"
        form = QFormLayout()
        form.addRow(
            "&Title:",
            self.line(
                f"{name}_title", item["title"], lambda v: d.set_consideration(key, title=v), "Title"
            ),
        )
        form.addRow(
            "&Short title:",
            self.line(
                f"{name}_short_title",
                item.get("short_title", ""),
                lambda v: d.set_consideration(key, short_title=v),
                "Short title",
            ),
        )
        form.addRow(
            "&Description:",
            self.text(
                f"{name}_description",
                item["description"],
                lambda v: d.set_consideration(key, description=v),
                "Description",
            ),
        )
        form.addRow(
            "&Questions:",
            self.lines(
                f"{name}_questions",
                item["questions"],
                lambda v: d.set_consideration(key, questions=v),
                "Guiding questions",
            ),
        )
        form.addRow(
            "Levels:",
            self.levels(
                f"{name}_levels",
                item["levels"],
                lambda v: d.set_consideration(key, levels=v),
                "Rating levels",
                lowest=d.scale[0],
            ),
        )
        direction = (
            "4 means fully effective"
            if item["direction"] == "effectiveness"
            else "a higher rating means more concern"
        )
        return self.page(
            item["title"],
            form,
            note(
                f"Key {key} ({direction}). One guiding question to a line; each level says "
                "what its rating means."
            ),
        )

    def _principle_page(self, item: dict[str, Any]) -> QWidget:
        key, d = item["key"], self.draft
        name = f"framework_principle_{key}"
        form = QFormLayout()
        form.addRow(
            "&Title:",
            self.line(
                f"{name}_title", item["title"], lambda v: d.set_principle(key, title=v), "Title"
            ),
        )
        form.addRow(
            "&Summary:",
            self.text(
                f"{name}_summary",
                item["summary"],
                lambda v: d.set_principle(key, summary=v),
                "Summary",
            ),
        )
        form.addRow(
            "&Questions:",
            self.lines(
                f"{name}_questions",
                item["questions"],
                lambda v: d.set_principle(key, questions=v),
                "Guiding questions",
            ),
        )
        form.addRow(
            "Levels:",
            self.levels(
                f"{name}_levels",
                item["levels"],
                lambda v: d.set_principle(key, levels=v),
                "Rating levels",
                lowest=d.scale[0],
            ),
        )
        return self.page(
            item["title"],
            form,
            note(
                f"Key {key}. A guiding principle is rated on its own inside the Alignment with "
                "guiding principles consideration. One question to a line."
            ),
        )

    def _outcomes_page(self) -> QWidget:
        boxes: list[QWidget] = []
        for item in self.data["outcomes"]:
            key, d = item["key"], self.draft
            name = f"framework_outcome_{key}"
            box = QGroupBox(item["title"])
            form = QFormLayout(box)
            form.addRow(
                "Title:",
                self.line(
                    f"{name}_title",
                    item["title"],
                    setter(d.set_outcome, key, field="title"),
                    f"{item['title']}: title",
                ),
            )
            form.addRow(
                "Description:",
                self.text(
                    f"{name}_description",
                    item["description"],
                    setter(d.set_outcome, key, field="description"),
                    f"{item['title']}: description",
                    rows=2,
                ),
            )
            months = self.whole(
                f"{name}_review_months",
                item["review_months"],
                setter(d.set_outcome, key, field="review_months"),
                f"{item['title']}: months until review",
                120,
            )
            months.setSuffix(" months")
            form.addRow("Review after:", months)
            boxes.append(box)
        return self.page(
            "Outcomes",
            note("How long after a decision with each outcome it is reviewed, by default."),
            *boxes,
        )
