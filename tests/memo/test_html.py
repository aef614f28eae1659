"""The accessible HTML edition of a memo, read back as a screen reader navigates it: the
language, headings, data tables with header cells, labelled machine-drafted regions, links; and
what it must not carry: markup from a hostile case, members' names in the external variant."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from council_app.cli import main
from council_app.council.settings import CouncilSettings
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import MemoInput, prepare_memo, render_memo, render_memo_html
from council_app.memo.document import MemoWriter

SETTINGS = CouncilSettings(council_name="Meridian Ethical Use Council", letterhead="Meridian")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: str = ""
    parents: tuple[str, ...] = ()


@dataclass
class Page(HTMLParser):
    """Every element with its text and the elements it sits in."""

    elements: list[Element] = field(default_factory=list)
    stack: list[Element] = field(default_factory=list)
    body_text: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    VOID = frozenset({"br", "meta", "link", "img", "hr", "input"})
    # Where a reader (or a screen reader) hears a break between words: cells, paragraphs…
    BLOCKS = frozenset({"p", "td", "th", "li", "h1", "h2", "h3", "h4", "tr", "br", "div"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.body_text.append(" ")
        element = Element(tag, dict(attrs), parents=tuple(e.tag for e in self.stack))
        self.elements.append(element)
        if tag not in self.VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1].tag == tag, (tag, [e.tag for e in self.stack])
        self.stack.pop()
        if tag in self.BLOCKS:
            self.body_text.append(" ")

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data
        if any(e.tag == "body" for e in self.stack):
            self.body_text.append(data)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    @property
    def text(self) -> str:
        return flat("".join(self.body_text))


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    page.close()
    assert not page.stack, "every element is closed"
    return page


@pytest.fixture
def decided(demo_library: CaseLibrary, framework: Framework) -> MemoInput:
    case = demo_library.get_case("EUC-2025-011")
    return prepare_memo(demo_library, framework, case, settings=SETTINGS)


def test_the_html_memo_has_a_language_headings_and_tables_with_header_cells(
    decided: MemoInput,
) -> None:
    page = read(render_memo_html(decided))
    (root,) = page.all("html")
    assert root.attrs["lang"] == "en"
    (title,) = page.all("title")
    assert title.text == f"Decision memo EUC-2025-011: {decided.case.title}"
    (h1,) = page.all("h1")
    assert h1.text == decided.case.title
    sections = [flat(h.text) for h in page.all("h2")]
    assert sections[0] == "1. The question before the council"
    assert "8. Precedents considered" in sections and sections[-1] == "10. Provenance"
    assert [int(s.split(".")[0]) for s in sections] == list(range(1, len(sections) + 1))
    assert all(h.attrs["id"] for h in page.all("h2"))
    columns = [flat(th.text) for th in page.all("th") if th.attrs.get("scope") == "col"]
    for header in ("Consideration", "Weight", "Principle", "Case", "How it bears on this case"):
        assert header in columns
    rows = [flat(th.text) for th in page.all("th") if th.attrs.get("scope") == "row"]
    assert "Customer" in rows and "Potential connection to harm" in rows
    for th in page.all("th"):
        assert "table" in th.parents and th.attrs["scope"] in ("col", "row")
    conditions = [li for li in page.all("li") if "ol" in li.parents]
    assert len(conditions) == len(decided.case.decision.conditions)  # type: ignore[union-attr]


def test_machine_drafted_text_is_a_labelled_region(decided: MemoInput) -> None:
    page = read(render_memo_html(decided))
    asides = page.all("aside")
    assert asides
    assert {a.attrs["aria-label"] for a in asides} == {"Drafted automatically from the ratings"}
    recommendation = next(a for a in asides if "Recommendation of the framework" in a.text)
    assert "Restrict" in recommendation.text
    # The council's own reasons are not in a machine-drafted region.
    reasons = decided.case.decision.rationale.split("\n")[0]  # type: ignore[union-attr]
    holding = [p for p in page.all("p") if flat(reasons) in flat(p.text)]
    assert holding and all("aside" not in p.parents for p in holding)


def test_the_html_says_what_the_pdf_says(decided: MemoInput) -> None:
    """Built from the same story: every paragraph of the PDF's story is in the HTML, and the
    PDF's words are the HTML's (less the page furniture)."""
    page = read(render_memo_html(decided))
    for flowable in MemoWriter(decided, "internal").story():
        if hasattr(flowable, "getPlainText"):
            assert flat(flowable.getPlainText()) in page.text
    pdf_words = set(
        flat(
            " ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_memo(decided))).pages)
        ).split()
    )
    html_words = set(page.text.split())
    assert len(html_words & pdf_words) / len(html_words) > 0.95


def test_links_from_the_precedents_table_lead_to_their_reasons(decided: MemoInput) -> None:
    page = read(render_memo_html(decided))
    ids = {e.attrs["id"] for e in page.elements if e.attrs.get("id")}
    links = [a for a in page.all("a") if (a.attrs.get("href") or "").startswith("#")]
    assert [flat(a.text) for a in links] == [p.case.id for p in decided.precedents]
    for link in links:
        assert link.attrs["href"][1:] in ids  # type: ignore[index]
        assert "table" in link.parents


def test_hostile_markup_is_shown_as_text_and_never_runs(
    demo_library: CaseLibrary, framework: Framework, decided: MemoInput
) -> None:
    hostile = replace(
        decided.case,
        title='<script>alert("t")</script> & <img src=x onerror=alert(1)>',
        summary="</aside><h1>Forged</h1> <a href='javascript:alert(1)'>click</a>",
    )
    memo = prepare_memo(demo_library, framework, hostile, settings=SETTINGS)
    data = render_memo_html(memo)
    page = read(data)
    assert not page.all("script") and not page.all("img")
    assert [flat(h.text) for h in page.all("h1")] == [
        '<script>alert("t")</script> & <img src=x onerror=alert(1)>'
    ]
    assert "</aside><h1>Forged</h1>" in page.text
    assert all(not (a.attrs.get("href") or "").startswith("javascript") for a in page.all("a"))
    assert render_memo_html(memo) == data  # the same input, the same bytes


def test_the_external_variant_names_no_member(decided: MemoInput) -> None:
    internal = read(render_memo_html(decided)).text
    external = read(render_memo_html(decided, variant="external")).text
    members = {a.member for a in decided.case.assessments}
    members |= {v.member for v in decided.case.decision.votes}  # type: ignore[union-attr]
    assert members and all(m in internal for m in members)
    for member in members:
        assert member not in external
    assert "Member A" in external
    assert "EXTERNAL VERSION — personal data left out" in external


def test_the_language_setting_is_the_html_lang(decided: MemoInput) -> None:
    memo = replace(decided, settings=replace(SETTINGS, language="fr-CA"))
    (root,) = read(render_memo_html(memo)).all("html")
    assert root.attrs["lang"] == "fr-CA"


def test_the_memo_command_writes_html_by_suffix_or_by_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "memo.html"
    assert main(["memo", "EUC-2025-011", "-o", str(target)]) == 0
    page = read(target.read_bytes())
    assert page.all("html")[0].attrs["lang"] == "en"
    assert "8. Precedents considered" in page.text
    other = tmp_path / "memo.txt"
    assert main(["memo", "EUC-2025-011", "-o", str(other), "--format", "html"]) == 0
    assert other.read_bytes() == target.read_bytes()
    pdf = tmp_path / "memo.pdf"
    assert main(["memo", "EUC-2025-011", "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        main(["memo", "EUC-2025-011", "-o", str(pdf), "--format", "docx"])
    assert "invalid choice: 'docx'" in capsys.readouterr().err
