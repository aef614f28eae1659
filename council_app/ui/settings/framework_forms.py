"""The forms of the framework editor, one page for each section of the framework.

Every field writes its value straight into the :class:`FrameworkDraft` and then says so through
``edited``; no field checks anything itself, because the loader's sentences (shown beside the
forms) are the checks. Fields are named ``framework_<section>_<key>_<field>`` so that tests and
the self-check can find them.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QWidget,
)

from council_app.framework.revision import FrameworkDraft
from council_app.ui.settings.framework_fields import Edited, Fields, setter
from council_app.ui.settings.tab_note import note

VOTING_RULES = (
    ("simple_majority", "Simple majority: more than half of the votes cast"),
    ("two_thirds", "Two thirds: at least two thirds of the votes cast"),
)
RED_LINE_FLOORS = ("approve_with_conditions", "restrict", "decline")
# The section of the editor that shows the entries a loader's problem names by their path.
SECTION_OF_PATH = {
    "framework": "Framework",
    "outcomes": "Outcomes",
    "weight_profiles": "Weight profiles",
    "weights": "Weight profiles",
    "scoring": "Recommendation bands",
    "red_lines": "Red lines",
    "voting": "Voting",
}


class SectionForms(Fields):
    """Builds the pages, listed in ``pages`` in the editor's order."""

    def __init__(self, draft: FrameworkDraft, edited: Edited, in_force_version: str) -> None:
        super().__init__(edited)
        self.draft = draft
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
        return self.page(
            "The framework",
            form,
            note(
                f"The version in force is {self.in_force_version}. A revised framework needs a "
                "version of its own (for example the year and a number, 2027.1): cases already "
                "assessed keep the version they were assessed under, and a new version applies "
                "to cases assessed from its adoption on."
            ),
        )

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

    def _weights_page(self) -> QWidget:
        d = self.draft
        profiles = self.data["weight_profiles"]
        keys = [c["key"] for c in self.data["considerations"]]
        titles = {c["key"]: c.get("short_title", c["title"]) for c in self.data["considerations"]}
        default = self.choice(
            "framework_default_profile",
            [(p["key"], p["title"]) for p in profiles],
            self.data["weights"]["default_profile"],
            d.set_default_profile,
            "Default weight profile",
        )
        form = QFormLayout()
        form.addRow("&Default profile:", default)
        grid = QGridLayout()
        for column, key in enumerate(keys, start=1):
            grid.addWidget(QLabel(f"<b>{titles[key]}</b>"), 0, column)
        for row, profile in enumerate(profiles, start=1):
            grid.addWidget(QLabel(profile["title"]), row, 0)
            for column, key in enumerate(keys, start=1):
                grid.addWidget(
                    self.number(
                        f"framework_weight_{profile['key']}_{key}",
                        profile["weights"].get(key, 0),
                        setter(d.set_weight, profile["key"], key),
                        f"{profile['title']}: weight of {titles[key]}",
                        maximum=100.0,
                        step=0.05,
                        decimals=2,
                    ),
                    row,
                    column,
                )
        described = QGroupBox("What each profile is for")
        about = QFormLayout(described)
        for profile in profiles:
            name = f"framework_profile_{profile['key']}"
            about.addRow(
                QLabel("Title:"),
                self.line(
                    f"{name}_title",
                    profile["title"],
                    setter(d.set_profile, profile["key"], field="title"),
                    f"Weight profile {profile['key']}: title",
                ),
            )
            about.addRow(
                QLabel("Description:"),
                self.text(
                    f"{name}_description",
                    profile["description"],
                    setter(d.set_profile, profile["key"], field="description"),
                    f"Weight profile {profile['key']}: description",
                    rows=2,
                ),
            )
        return self.page(
            "Weight profiles",
            form,
            grid,
            note(
                "Weights need not add up to one; they are used in proportion. The library's own "
                "default (Settings › Weights) is kept when the revision still has that profile."
            ),
            described,
        )

    def _bands_page(self) -> QWidget:
        d = self.draft
        bands = self.data["scoring"]["bands"]
        form = QFormLayout()
        for index, band in enumerate(bands):
            title = self.outcome_titles.get(band["outcome"], band["outcome"])
            if "below" in band:
                form.addRow(
                    f"{title}: while the index is below",
                    self.number(
                        f"framework_band_{index}_below",
                        band["below"],
                        setter(d.set_band_below, index),
                        f"{title}: the concern index it applies below",
                    ),
                )
            else:
                form.addRow(f"{title}:", QLabel("at any higher index"))
        threshold = self.number(
            "framework_disagreement_threshold",
            self.data["scoring"]["disagreement_threshold"],
            d.set_disagreement_threshold,
            "Disagreement threshold",
            maximum=4.0,
            step=0.5,
        )
        form.addRow("Members &disagree when ratings differ by more than:", threshold)
        return self.page(
            "Recommendation bands",
            form,
            note(
                "The concern index runs from 0 to 100; each band recommends its outcome while the "
                "index is below its limit, and each limit must be above the one before."
            ),
        )

    def _red_lines_page(self) -> QWidget:
        d = self.draft
        floors = [(k, self.outcome_titles.get(k, k)) for k in RED_LINE_FLOORS]
        boxes: list[QWidget] = []
        for line in self.data.get("red_lines", []):
            key = line["key"]
            box = QGroupBox(line["description"])
            form = QFormLayout(box)
            form.addRow(
                "Description:",
                self.line(
                    f"framework_red_line_{key}_description",
                    line["description"],
                    setter(d.set_red_line, key, field="description"),
                    f"Red line {key}: description",
                ),
            )
            form.addRow(
                "Recommend at least:",
                self.choice(
                    f"framework_red_line_{key}_floor",
                    floors,
                    line["floor"],
                    setter(d.set_red_line, key, field="floor"),
                    f"Red line {key}: the least restrictive outcome it allows",
                ),
            )
            for index, condition in enumerate(line["conditions"]):
                bound = "at_least" if "at_least" in condition else "at_most"
                words = "rated at least" if bound == "at_least" else "rated at most"
                target = condition["target"].replace("_", " ")
                form.addRow(
                    f"When {target} is {words}:",
                    self.whole(
                        f"framework_red_line_{key}_{index}_{bound}",
                        condition[bound],
                        setter(d.set_condition, key, index, field=bound),
                        f"Red line {key}: {target} {words}",
                        4,
                    ),
                )
            boxes.append(box)
        return self.page(
            "Red lines",
            note(
                "A red line sets a floor on the recommendation whatever the weighted sum; all "
                "its conditions must hold."
            ),
            *boxes,
        )

    def _voting_page(self) -> QWidget:
        d, voting = self.draft, self.data["voting"]
        form = QFormLayout()
        form.addRow(
            "&Rule:",
            self.choice(
                "framework_voting_rule",
                list(VOTING_RULES),
                voting["rule"],
                lambda v: d.set_voting(rule=v),
                "Voting rule",
            ),
        )
        casting = self.line(
            "framework_voting_casting_vote",
            voting.get("casting_vote", ""),
            lambda v: d.set_voting(casting_vote=v),
            "Casting vote",
        )
        casting.setPlaceholderText("e.g. chair; empty: a tie carries no outcome")
        form.addRow("&Casting vote:", casting)
        return self.page(
            "Voting",
            form,
            note(
                "Abstentions are not votes cast. The casting vote is the member whose role "
                "names it (for example the chair), and breaks a tie."
            ),
        )
