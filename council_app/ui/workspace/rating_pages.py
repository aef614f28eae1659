"""The steps of the walk that ask for facts and ratings.

Each page shows the case as the editor holds it and turns every change a member makes into an
edit of :mod:`council_app.case_edits`, applied through the editor (so it can be undone and is
autosaved). Ratings are the current member's; the others' are shown beside them for reference.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from council_app import case_edits
from council_app.case import Case, Fact
from council_app.framework import Consideration, Framework, Principle
from council_app.ui.common.confidentiality_box import (
    confidentiality_box,
    confidentiality_choices,
    set_confidentiality,
)
from council_app.ui.common.dates import date_edit, edit_date, set_edit_date
from council_app.ui.workspace.case_editor import CaseEditor, edit_name
from council_app.ui.workspace.classifications_box import ClassificationsBox
from council_app.ui.workspace.items_table import ItemsTable
from council_app.ui.workspace.rows_model import Column
from council_app.ui.workspace.widgets import (
    RatingScale,
    confidence_box,
    line_box,
    set_confidence,
    sync_text,
    text_box,
)
from council_app.vocabulary import concern_scale_words, principle_ratings_words

PRODUCTS = (
    "Vision AI", "Voice Studio", "Text Assistant", "CRM Data Enrichment", "Commerce Cloud",
    "Marketing Automation", "Insight Analytics",
)  # fmt: skip
SECTORS = (
    "government", "law-enforcement", "health", "finance", "retail", "education",
    "defence-adjacent", "ngo", "media", "transport", "employment",
)  # fmt: skip


def _split(text: str, *, upper: bool = False) -> list[str]:
    parts = [p.strip() for p in text.replace(";", ",").split(",")]
    return [p.upper() if upper else p.lower().replace(" ", "-") for p in parts if p]


class Page(QWidget):
    """A step of the walk: shows the case, sends edits to the editor."""

    def __init__(self, editor: CaseEditor, framework: Framework, title: str) -> None:
        super().__init__()
        self.editor = editor
        self.framework = framework
        self.setAccessibleName(title)
        self.heading = QLabel(f"<h2>{title}</h2>")
        self.heading.setTextFormat(Qt.TextFormat.RichText)

    def show_case(self, case: Case) -> None:
        raise NotImplementedError


class FactsPage(Page):
    def __init__(self, editor: CaseEditor, framework: Framework) -> None:
        super().__init__(editor, framework, "Facts and use case")
        self.case_id = line_box("Case id")
        self.title = line_box("Title", placeholder="What is asked, in a few words")
        self.question = text_box("Question before the council", lines=2,
                                 placeholder="May <customer> use <product> to …?")  # fmt: skip
        self.summary = text_box("Summary", lines=3)
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.addItems(PRODUCTS)
        self.product.setAccessibleName("Product")
        product_line = self.product.lineEdit()
        assert product_line is not None
        product_line.setAccessibleName("Product")
        self.customer = line_box("Customer")
        self.sector = QComboBox()
        self.sector.setEditable(True)
        self.sector.addItems(SECTORS)
        self.sector.setAccessibleName("Sector")
        sector_line = self.sector.lineEdit()
        assert sector_line is not None
        sector_line.setAccessibleName("Sector")
        self.regions = line_box("Regions", placeholder="ISO codes, comma-separated: DE, FR, EU")
        self.tags = line_box("Tags", placeholder="facial-recognition, public-space")
        self.submitted = date_edit(
            "Date submitted", "The day the request came to the council.", optional=True
        )
        self.use_case = text_box("Use case", lines=8, placeholder=(
            "What exactly will be deployed, where, on whom; the data flows; who acts on the outputs."
        ))  # fmt: skip

        form = QFormLayout()
        form.addRow("Case &id:", self.case_id)
        form.addRow("&Title:", self.title)
        form.addRow("&Question:", self.question)
        form.addRow("Su&mmary:", self.summary)
        form.addRow("&Product:", self.product)
        form.addRow("&Customer:", self.customer)
        form.addRow("Se&ctor:", self.sector)
        form.addRow("&Regions:", self.regions)
        form.addRow("Ta&gs:", self.tags)
        form.addRow("Su&bmitted:", self.submitted)
        form.addRow("&Use case:", self.use_case)
        # What the council knows beyond the description, each with who may read it: a fact
        # that must not leave the council goes here, not into the description every memo shows.
        self.facts = ItemsTable(
            "Facts",
            (
                Column("Fact", "text"),
                Column("Source", "source"),
                Column(
                    "Who may read it",
                    "confidentiality",
                    "choice",
                    confidentiality_choices("facts", framework),
                ),
            ),
            lambda i, item: editor.apply(
                case_edits.set_fact, i, item, text=edit_name("change", "the facts")
            ),
            lambda: Fact(text="New fact"),
        )
        self.facts.setMinimumHeight(140)
        # The fact takes the width; a long source is cut, not the fact (its tooltip shows it).
        header = self.facts.view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 200)
        facts_label = QLabel(
            "<b>Facts the council holds</b> — beyond the description, with who may read each"
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(facts_label)
        layout.addWidget(self.facts)
        # Only a framework with taxonomies asks where the case stands in them.
        self.classifications: ClassificationsBox | None = None
        if framework.taxonomies:
            self.classifications = ClassificationsBox(editor, framework)
            layout.addWidget(self.classifications)
        layout.addStretch(1)

        e = self.editor
        self.case_id.editingFinished.connect(
            lambda: e.apply(
                case_edits.set_field,
                "id",
                self.case_id.text().strip() or e.case.id,
                text=edit_name("change", "the case id"),
            )
        )
        for name, box in (("title", self.title), ("customer", self.customer)):
            box.textEdited.connect(
                lambda text, n=name: e.apply(
                    case_edits.set_field,
                    n,
                    text,
                    text=edit_name("typing", f"the {n}"),
                    merge=f"field:{n}",
                )
            )
        for name, plain in (
            ("question", self.question),
            ("summary", self.summary),
            ("use_case", self.use_case),
        ):
            plain.textChanged.connect(
                lambda n=name, w=plain: e.apply(
                    case_edits.set_field,
                    n,
                    w.toPlainText(),
                    text=edit_name("typing", f"the {n.replace('_', ' ')}"),
                    merge=f"field:{n}",
                )
            )
        for name, combo in (("product", self.product), ("sector", self.sector)):
            combo.currentTextChanged.connect(
                lambda text, n=name: e.apply(
                    case_edits.set_field,
                    n,
                    text.strip(),
                    text=edit_name("change", f"the {n}"),
                    merge=f"field:{n}",
                )
            )
        self.regions.editingFinished.connect(
            lambda: e.apply(
                case_edits.set_field,
                "regions",
                _split(self.regions.text(), upper=True),
                text=edit_name("change", "the regions"),
            )
        )
        self.tags.editingFinished.connect(
            lambda: e.apply(
                case_edits.set_field,
                "tags",
                _split(self.tags.text()),
                text=edit_name("change", "the tags"),
            )
        )
        self.submitted.dateChanged.connect(
            lambda d: e.apply(
                case_edits.set_field,
                "submitted",
                edit_date(self.submitted),
                text=edit_name("change", "the date submitted"),
            )
        )

    def show_case(self, case: Case) -> None:
        sync_text(self.case_id, case.id)
        sync_text(self.title, case.title)
        sync_text(self.question, case.question)
        sync_text(self.summary, case.summary)
        sync_text(self.customer, case.customer)
        sync_text(self.use_case, case.use_case)
        for combo, value in ((self.product, case.product), (self.sector, case.sector)):
            if combo.currentText() != value:
                combo.blockSignals(True)
                combo.setCurrentText(value)
                combo.blockSignals(False)
        if not self.regions.hasFocus():
            sync_text(self.regions, ", ".join(case.regions))
        if not self.tags.hasFocus():
            sync_text(self.tags, ", ".join(case.tags))
        if edit_date(self.submitted) != case.submitted:
            self.submitted.blockSignals(True)
            set_edit_date(self.submitted, case.submitted)
            self.submitted.blockSignals(False)
        self.facts.set_items(case.facts)
        if self.classifications is not None:
            self.classifications.show_case(case)


def _others(case: Case, member: str, key: str, principle: bool) -> str:
    parts = []
    for a in case.assessments:
        if a.member == member:
            continue
        rating = (a.principles if principle else a.considerations).get(key)
        if rating is not None and rating.score is not None:
            parts.append(f"{a.member} {rating.score}")
    return "Other members: " + ", ".join(parts) if parts else "No other member has rated this yet."


class ConsiderationPage(Page):
    """One consideration: its questions, the anchored scale, the rationale and confidence."""

    def __init__(
        self, editor: CaseEditor, framework: Framework, consideration: Consideration
    ) -> None:
        super().__init__(editor, framework, consideration.title)
        self.key = consideration.key
        description = QLabel(consideration.description)
        description.setWordWrap(True)
        questions = QLabel(
            "<b>Guiding questions</b><ul>"
            + "".join(f"<li>{q}</li>" for q in consideration.questions)
            + "</ul>"
        )
        questions.setWordWrap(True)
        direction = (
            "Rate how <b>effective</b> the proposed actions would be "
            f"({framework.scale_max} = fully effective)."
            if consideration.direction == "effectiveness"
            else f"Rate the level of <b>concern</b> ({concern_scale_words(framework)})."
        )
        self.scale = RatingScale(
            consideration.title,
            consideration.levels,
            direction=consideration.direction,
            lowest=framework.scale_min,
        )
        self.rationale = text_box(
            f"Rationale: {consideration.title}",
            lines=4,
            placeholder="Why this rating, in your words.",
        )
        self.confidence = confidence_box(consideration.title)
        self.readers = confidentiality_box(
            f"the rationale for {consideration.title}", "rationales", framework
        )
        self.others = QLabel()
        self.others.setWordWrap(True)
        scale_box = QGroupBox("Your &rating")
        scale_layout = QVBoxLayout(scale_box)
        scale_layout.addWidget(QLabel(direction))
        scale_layout.addWidget(self.scale)
        scale_box.setAccessibleName(f"Rating of {consideration.title}")
        form = QFormLayout()
        form.addRow("Ra&tionale:", self.rationale)
        form.addRow("Con&fidence:", self.confidence)
        form.addRow("Who may &read it:", self.readers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(description)
        layout.addWidget(questions)
        layout.addWidget(scale_box)
        layout.addLayout(form)
        layout.addWidget(self.others)
        layout.addStretch(1)
        e = self.editor
        self.scale.score_chosen.connect(
            lambda s: e.apply(
                case_edits.set_score,
                e.member,
                self.key,
                s,
                framework=framework,
                text=edit_name("rating", consideration.short_title),
            )
        )
        self.rationale.textChanged.connect(
            lambda: e.apply(
                case_edits.set_rationale,
                e.member,
                self.key,
                self.rationale.toPlainText(),
                framework=framework,
                text=edit_name("typing", f"the rationale for {consideration.short_title}"),
                merge=f"rationale:{self.key}",
            )
        )
        self.confidence.currentIndexChanged.connect(
            lambda _i: e.apply(
                case_edits.set_confidence,
                e.member,
                self.key,
                self.confidence.currentData(),
                framework=framework,
                text=edit_name("change", f"the confidence in {consideration.short_title}"),
            )
        )
        self.readers.currentIndexChanged.connect(
            lambda _i: e.apply(
                case_edits.set_rationale_confidentiality,
                e.member,
                self.key,
                self.readers.currentData(),
                framework=framework,
                text=edit_name(
                    "change", f"who may read the rationale for {consideration.short_title}"
                ),
            )
        )

    def show_case(self, case: Case) -> None:
        assessment = case.assessment_by(self.editor.member)
        rating = assessment.considerations.get(self.key) if assessment else None
        self.scale.set_score(rating.score if rating else None)
        sync_text(self.rationale, rating.rationale if rating else "")
        set_confidence(self.confidence, rating.confidence if rating else None)
        set_confidentiality(self.readers, rating.confidentiality if rating else "")
        self.others.setText(_others(case, self.editor.member, self.key, principle=False))


class PrincipleBlock(QGroupBox):
    def __init__(self, editor: CaseEditor, principle: Principle, framework: Framework) -> None:
        super().__init__(principle.title)
        self.editor = editor
        self.key = principle.key
        self.setAccessibleName(f"Principle: {principle.title}")
        summary = QLabel(f"<i>{principle.summary}</i> " + " ".join(principle.questions))
        summary.setWordWrap(True)
        self.scale = RatingScale(
            principle.title,
            principle.levels,
            lowest=framework.scale_min,
        )
        self.rationale = line_box(
            f"Rationale: {principle.title}", placeholder="Why, in a sentence or two."
        )
        self.confidence = confidence_box(principle.title)
        self.readers = confidentiality_box(
            f"the rationale for {principle.title}", "rationales", framework
        )
        self.others = QLabel()
        self.others.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Rationale:", self.rationale)
        form.addRow("Confidence:", self.confidence)
        form.addRow("Who may read it:", self.readers)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.scale)
        layout.addLayout(form)
        layout.addWidget(self.others)
        e = editor
        self.scale.score_chosen.connect(
            lambda s: e.apply(
                case_edits.set_score,
                e.member,
                self.key,
                s,
                framework=framework,
                text=edit_name("rating", principle.title),
            )
        )
        self.rationale.textEdited.connect(
            lambda text: e.apply(
                case_edits.set_rationale,
                e.member,
                self.key,
                text,
                framework=framework,
                text=edit_name("typing", f"the rationale for {principle.title}"),
                merge=f"rationale:{self.key}",
            )
        )
        self.confidence.currentIndexChanged.connect(
            lambda _i: e.apply(
                case_edits.set_confidence,
                e.member,
                self.key,
                self.confidence.currentData(),
                framework=framework,
                text=edit_name("change", f"the confidence in {principle.title}"),
            )
        )
        self.readers.currentIndexChanged.connect(
            lambda _i: e.apply(
                case_edits.set_rationale_confidentiality,
                e.member,
                self.key,
                self.readers.currentData(),
                framework=framework,
                text=edit_name("change", f"who may read the rationale for {principle.title}"),
            )
        )

    def show_case(self, case: Case) -> None:
        assessment = case.assessment_by(self.editor.member)
        rating = assessment.principles.get(self.key) if assessment else None
        self.scale.set_score(rating.score if rating else None)
        sync_text(self.rationale, rating.rationale if rating else "")
        set_confidence(self.confidence, rating.confidence if rating else None)
        set_confidentiality(self.readers, rating.confidentiality if rating else "")
        self.others.setText(_others(case, self.editor.member, self.key, principle=True))


class PrinciplesPage(Page):
    def __init__(
        self, editor: CaseEditor, framework: Framework, consideration: Consideration
    ) -> None:
        super().__init__(editor, framework, consideration.title)
        intro = QLabel(
            f"{consideration.description} The consideration's concern is the "
            f"<b>{framework.scoring.principles_rule}</b> of "
            f"{principle_ratings_words(framework)}."
        )
        intro.setWordWrap(True)
        self.blocks = [PrincipleBlock(editor, p, framework) for p in framework.principles]
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(intro)
        for block in self.blocks:
            layout.addWidget(block)
        layout.addStretch(1)

    def show_case(self, case: Case) -> None:
        for block in self.blocks:
            block.show_case(case)
