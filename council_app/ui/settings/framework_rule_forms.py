"""The framework editor's pages for the rules: weight profiles, bands, red lines, voting.

Like the other pages (:mod:`council_app.ui.settings.framework_forms`), every field writes into
the draft; the loader's sentences beside the forms are the checks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QGridLayout, QGroupBox, QLabel, QWidget

from council_app.framework import SCALE_HIGHEST, SCALE_LOWEST
from council_app.framework.revision import FrameworkDraft
from council_app.ui.settings.framework_fields import Fields, setter
from council_app.ui.settings.tab_note import note

VOTING_RULES = (
    ("simple_majority", "Simple majority: more than half of the votes cast"),
    ("two_thirds", "Two thirds: at least two thirds of the votes cast"),
)
PRINCIPLES_RULES = (
    ("max", "the highest principle rating"),
    ("mean", "the mean of the principle ratings"),
    ("median", "the median of the principle ratings"),
)
RED_LINES_APPLY = (
    ("council", "the council view (the median of the members' ratings)"),
    ("any_member", "any one member's own ratings"),
)


class RuleForms(Fields):
    """The pages of the rules; the class that lists the pages gives ``draft`` and ``data``."""

    draft: FrameworkDraft
    data: dict[str, Any]
    outcome_titles: dict[str, str]

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
            # Any value a framework may hold, so the box shows the draft's own; the loader
            # says when it is more than the framework's scale spans.
            maximum=float(SCALE_HIGHEST - SCALE_LOWEST),
            step=0.5,
        )
        form.addRow("Members &disagree when ratings differ by more than:", threshold)
        form.addRow(
            "The &principles concern is:",
            self.choice(
                "framework_principles_rule",
                list(PRINCIPLES_RULES),
                self.data["scoring"]["principles_rule"],
                setter(d.set_scoring, field="principles_rule"),
                "How the principle ratings become the principles concern",
            ),
        )
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
        # A red line's floor: any outcome a red line can give but the most permissive (a floor
        # of "approve" says nothing), as the framework itself orders them.
        framework = d.framework()
        if framework is not None:
            floors = [(k, framework.outcome_title(k)) for k in framework.graded_outcomes[1:]]
        else:  # the draft has problems: offer its outcomes as written
            floors = [(o["key"], o["title"]) for o in self.data["outcomes"][1:]]
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
                        SCALE_HIGHEST,  # the widest scale: the loader judges the draft's
                    ),
                )
            boxes.append(box)
        applies = QFormLayout()
        applies.addRow(
            "Red lines are read &from:",
            self.choice(
                "framework_red_lines_apply",
                list(RED_LINES_APPLY),
                self.data["scoring"].get("red_lines_apply", "council"),
                setter(d.set_scoring, field="red_lines_apply"),
                "Whose ratings the red lines are read from",
            ),
        )
        return self.page(
            "Red lines",
            note(
                "A red line sets a floor on the recommendation whatever the weighted sum; all "
                "its conditions must hold. A red line some member's ratings meet and the council "
                "view does not is shown as a point to discuss, naming the member."
            ),
            applies,
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
