"""Memos and minutes made for the archive and for screen readers, read back as a PDF reader,
an archive's validator and a screen reader would: outline, links, language, XMP and PDF/A-2b
identification, output intent, dates, font subset tags, the DRAFT mark and the paper size."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from council_app.council.settings import CouncilSettings
from council_app.framework import Framework
from council_app.library import CaseLibrary
from council_app.memo import MemoInput, minutes_for_date, prepare_memo, render_memo, render_minutes

SETTINGS = CouncilSettings(council_name="Meridian Ethical Use Council", letterhead="Meridian")
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
POINTS_PER_MM = 72 / 25.4


@pytest.fixture
def decided(demo_library: CaseLibrary, framework: Framework) -> MemoInput:
    case = demo_library.get_case("EUC-2025-011")
    return prepare_memo(demo_library, framework, case, settings=SETTINGS)


@pytest.fixture
def draft(demo_library: CaseLibrary, framework: Framework) -> MemoInput:
    case = demo_library.get_case("EUC-2026-014")
    return prepare_memo(
        demo_library, framework, case, settings=SETTINGS, memo_date=date(2026, 11, 27)
    )


def opened(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def texts(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def xmp(pdf: pikepdf.Pdf) -> ET.Element:
    stream = pdf.Root.Metadata
    assert "/Filter" not in stream  # PDF/A readers find the packet by scanning the raw file
    return ET.fromstring(stream.read_bytes())


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every entry, in order."""
    pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
    found: list[tuple[int, str, int]] = []

    def walk(items: list[pikepdf.OutlineItem], level: int) -> None:
        for item in items:
            found.append((level, item.title, pages[item.destination[0].objgen]))
            walk(item.children, level + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 0)
    return found


def check_clean(data: bytes) -> None:
    """No structural problem, by qpdf's own check (through pikepdf, and the command if here)."""
    with opened(data) as pdf:
        assert pdf.check_pdf_syntax() == []
    if shutil.which("qpdf"):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "memo.pdf"
            path.write_bytes(data)
            done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr


def test_the_outline_has_every_numbered_section_and_each_precedent(decided: MemoInput) -> None:
    data = render_memo(decided)
    pages = texts(data)
    with opened(data) as pdf:
        entries = outline(pdf)
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
    sections = [title for level, title, _ in entries if level == 0]
    assert sections[0] == "1. The question before the council"
    assert "8. Precedents considered" in sections and sections[-1].endswith("Provenance")
    assert [int(title.split(".")[0]) for title in sections] == list(range(1, len(sections) + 1))
    for _level, title, page in entries:
        if not title.startswith("Precedent "):
            assert title in re.sub(r"\s+", " ", pages[page - 1])  # it opens where it is
    nested = [
        title
        for (level, title, _), (_, parent, _) in zip(entries[1:], entries, strict=False)
        if level == 1
    ]
    assert nested == [f"Precedent {p.case.id}" for p in decided.precedents]
    under = entries.index(next(e for e in entries if e[1] == "8. Precedents considered"))
    assert [e[0] for e in entries[under + 1 : under + 1 + len(nested)]] == [1] * len(nested)


def test_each_precedent_in_the_table_links_to_its_reasons(decided: MemoInput) -> None:
    data = render_memo(decided)
    pages = texts(data)
    with opened(data) as pdf:
        numbers = {page.objgen: n for n, page in enumerate(pdf.pages)}
        links = [
            (numbers[page.objgen], annotation)
            for page in pdf.pages
            for annotation in page.obj.get("/Annots", [])
            if annotation.Subtype == pikepdf.Name.Link
        ]
        assert len(links) == len(decided.precedents)
        for (on_page, annotation), precedent in zip(links, decided.precedents, strict=True):
            assert "/URI" not in annotation.get("/A", {})  # inside the document
            assert int(annotation.F) & 4  # printed, as PDF/A wants
            target = numbers[annotation.Dest[0].objgen]
            assert target >= on_page
            # The table cell the link sits on shows the id; the place it opens holds its reasons.
            assert precedent.case.id in pages[on_page]
            assert f"{precedent.case.id}:" in pages[target]


def test_xmp_says_what_the_document_information_says_and_claims_pdf_a_2b(
    decided: MemoInput,
) -> None:
    with opened(render_memo(decided)) as pdf:
        info = pdf.docinfo
        root = xmp(pdf)
        assert root.findtext(".//pdfaid:part", namespaces=NS) == "2"
        assert root.findtext(".//pdfaid:conformance", namespaces=NS) == "B"
        assert root.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=NS) == str(info.Title)
        assert root.findtext(".//dc:creator/rdf:Seq/rdf:li", namespaces=NS) == str(info.Author)
        assert root.findtext(".//dc:description/rdf:Alt/rdf:li", namespaces=NS) == str(info.Subject)
        assert root.findtext(".//pdf:Keywords", namespaces=NS) == str(info.Keywords)
        assert root.findtext(".//pdf:Producer", namespaces=NS) == str(info.Producer)
        assert root.findtext(".//xmp:CreatorTool", namespaces=NS) == str(info.Creator)
        assert root.findtext(".//dc:language/rdf:Bag/rdf:li", namespaces=NS) == "en"
        # The memo's date, not 2000-01-01 and not the clock.
        assert decided.memo_date == date(2025, 4, 9)
        assert str(info.CreationDate) == "D:20250409000000+00'00'"
        assert str(info.ModDate) == str(info.CreationDate)
        assert root.findtext(".//xmp:CreateDate", namespaces=NS) == "2025-04-09T00:00:00+00:00"
        assert root.findtext(".//xmp:ModifyDate", namespaces=NS) == "2025-04-09T00:00:00+00:00"
        assert pdf.pdf_version == "1.7"
        assert len(pdf.trailer.ID) == 2


def test_an_srgb_output_intent_carries_its_icc_profile(decided: MemoInput) -> None:
    with opened(render_memo(decided)) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == pikepdf.Name.GTS_PDFA1
        assert str(intent.OutputConditionIdentifier) == "sRGB IEC61966-2.1"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 3
        icc = profile.read_bytes()
        assert icc[36:40] == b"acsp" and icc[16:20] == b"RGB "  # an ICC profile, for RGB
        assert int.from_bytes(icc[:4], "big") == len(icc)


def test_the_document_language_comes_from_the_library_setting(decided: MemoInput) -> None:
    with opened(render_memo(decided)) as pdf:
        assert str(pdf.Root.Lang) == "en"
    brazilian = replace(decided, settings=replace(SETTINGS, language="pt-BR"))
    with opened(render_memo(brazilian)) as pdf:
        assert str(pdf.Root.Lang) == "pt-BR"
        assert xmp(pdf).findtext(".//dc:language/rdf:Bag/rdf:li", namespaces=NS) == "pt-BR"


def test_every_font_subset_has_its_own_tag(decided: MemoInput) -> None:
    data = render_memo(decided)
    with opened(data) as pdf:
        names = sorted(
            {str(font.BaseFont) for page in pdf.pages for font in page.obj.Resources.Font.values()}
        )
        assert len(names) >= 3  # regular, bold, oblique at least
        tags = [name[1:].split("+")[0] for name in names]
        assert all(re.fullmatch(r"[A-Z]{6}", tag) for tag in tags), names
        assert len(set(tags)) == len(tags), names
        for page in pdf.pages:
            for font in page.obj.Resources.Font.values():
                assert font.FontDescriptor.FontName == font.BaseFont


def test_the_draft_mark_is_drawn_not_written(draft: MemoInput) -> None:
    data = render_memo(draft)
    pages = texts(data)
    for text in pages:
        # Only the letterhead's status and the page marking say DRAFT; no stray letters.
        for found in re.finditer(r"DRAFT\w*", text):
            following = text[found.end() : found.end() + 2]
            assert found.group() == "DRAFTED" or following in (" ·", " —"), text
        assert text.count("DRAFT ·") >= 1
    with opened(data) as pdf:
        for page in pdf.pages:
            alpha = [
                name
                for name, state in page.obj.Resources.ExtGState.items()
                if float(state.get("/CA", 1)) < 1
            ]
            assert alpha, "the mark is see-through"
            operators = [str(op) for _, op in pikepdf.parse_content_stream(page)]
            # The see-through state is set, then a path is stroked, with no text shown in it.
            start = next(
                i
                for i, (operands, op) in enumerate(pikepdf.parse_content_stream(page))
                if str(op) == "gs" and str(operands[0]) in alpha
            )
            end = operators.index("Q", start)
            assert "S" in operators[start:end] and "Tj" not in operators[start:end]
            assert "BT" not in operators[start:end]
            assert str(page.obj.Group.S) == "/Transparency"  # it blends in RGB


def test_memos_and_drafts_pass_qpdfs_check_and_stay_the_same_bytes(
    demo_library: CaseLibrary, framework: Framework, decided: MemoInput, draft: MemoInput
) -> None:
    for memo in (decided, draft):
        for variant in ("internal", "external"):
            data = render_memo(memo, variant=variant)  # type: ignore[arg-type]
            check_clean(data)
            assert render_memo(memo, variant=variant) == data  # type: ignore[arg-type]
    again = prepare_memo(demo_library, framework, decided.case, settings=SETTINGS)
    assert render_memo(again) == render_memo(decided)


def _starts_on(page: object) -> list[tuple[float, str]]:
    """Where each piece of text on a page starts, from the left edge."""
    found: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            found.append((cm[0] * tm[4] + cm[2] * tm[5] + cm[4], text.strip()))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def _text_starts(data: bytes) -> list[list[tuple[float, str]]]:
    return [_starts_on(page) for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize(("paper", "size"), [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))])
def test_the_page_size_is_the_librarys_and_the_column_sits_within_its_margins(
    decided: MemoInput, paper: str, size: tuple[float, float]
) -> None:
    memo = replace(decided, settings=replace(SETTINGS, page_size=paper))
    data = render_memo(memo)
    check_clean(data)
    assert render_memo(memo) == data
    column = 170 * POINTS_PER_MM
    left = (size[0] - column) / 2
    with opened(data) as pdf:
        for page in pdf.pages:
            box = [float(v) for v in page.MediaBox]
            assert box[2:] == pytest.approx(size, abs=0.01)
    pages = _text_starts(data)
    for number, starts in enumerate(pages, 1):
        xs = [x for x, _ in starts]
        assert min(xs) == pytest.approx(left, abs=0.6), (number, starts[:3])
        assert max(xs) < left + column
        footer = next(x for x, text in starts if text.startswith(f"Page {number} of"))
        assert footer == pytest.approx(left, abs=0.01)
    text = " ".join(texts(data))
    assert "10. Provenance" in re.sub(r"\s+", " ", text)


def test_minutes_have_an_outline_a_language_and_the_sitting_as_their_date(
    demo_library: CaseLibrary, framework: Framework
) -> None:
    settings = replace(CouncilSettings(), language="de", page_size="Letter")
    minutes = minutes_for_date(demo_library, date(2024, 3, 13), settings, framework)
    data = render_minutes(minutes)
    check_clean(data)
    assert render_minutes(minutes) == data
    with opened(data) as pdf:
        assert str(pdf.Root.Lang) == "de"
        assert str(pdf.docinfo.CreationDate) == "D:20240313000000+00'00'"
        assert xmp(pdf).findtext(".//pdfaid:part", namespaces=NS) == "2"
        assert pdf.Root.OutputIntents[0].DestOutputProfile.N == 3
        assert [float(v) for v in pdf.pages[0].MediaBox][2:] == [612, 792]
        titles = [title for _, title, _ in outline(pdf)]
    assert titles == [
        f"{number}. {case.id} — {case.title}" for number, case in enumerate(minutes.cases, 1)
    ]


def test_hostile_text_in_the_metadata_still_gives_well_formed_xmp(
    demo_library: CaseLibrary, framework: Framework, decided: MemoInput
) -> None:
    hostile = replace(
        decided.case, title='<x:xmpmeta> & ]]> \x07 "quoted" </rdf:li>', question="a\x0bb < c"
    )
    memo = prepare_memo(demo_library, framework, hostile, settings=SETTINGS)
    data = render_memo(memo)
    check_clean(data)
    with opened(data) as pdf:
        root = xmp(pdf)
        title = root.findtext(".//dc:title/rdf:Alt/rdf:li", namespaces=NS)
        assert title == 'Decision memo EUC-2025-011: <x:xmpmeta> & ]]>  "quoted" </rdf:li>'
        assert root.findtext(".//dc:description/rdf:Alt/rdf:li", namespaces=NS) == "ab < c"


def test_a_memo_on_disk_reads_as_pdf_a_to_pdfinfo(decided: MemoInput, tmp_path: Path) -> None:
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler's pdfinfo is not installed")
    path = tmp_path / "memo.pdf"
    path.write_bytes(render_memo(decided))
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert "<pdfaid:part>2</pdfaid:part>" in meta
