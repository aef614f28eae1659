"""The memo as accessible HTML: the edition for screen readers.

reportlab cannot write a tagged PDF (PDF/UA), so a screen reader meets the PDF memo as
untagged text. This edition says the same thing with the structure assistive technology
navigates by: headings, data tables with header cells and their scope, the language, the
machine-drafted boxes as labelled ``<aside>`` regions, lists and internal links.

It is read from the very story the PDF is laid out from (:class:`MemoWriter`), flowable by
flowable, so that its wording, its sections and its redaction in the external variant are the
PDF's and cannot drift from them: a section added to the memo appears here too. The story's
paragraph markup is parsed, and only a few inline elements are kept; all text is escaped again.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

from reportlab.platypus import Flowable, ListFlowable, Paragraph, Table

from council_app.memo.content import MemoInput, Variant
from council_app.memo.layout import MACHINE_TAG
from council_app.memo.outline import OutlineEntry
from council_app.memo.render import memo_edition, memo_marking

# Paragraph styles (council_app.memo.styles) as HTML elements; any other style is a <p>.
HEADINGS = {"title": "h1", "h1": "h2", "h2": "h3"}
# Inline markup kept from a paragraph, as the element it becomes.
INLINE = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "sup": "sup", "super": "sup"}
INLINE |= {"sub": "sub", "strike": "s"}
MACHINE_LABEL = MACHINE_TAG.capitalize()

STYLE = """body{font-family:"DejaVu Sans",system-ui,sans-serif;color:#1d232b;max-width:48rem;
margin:2rem auto;padding:0 1rem;line-height:1.45}
h1,h2,h3,.council,.outcome{color:#1f3b5c}h2{border-bottom:1px solid #c8d0da}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;
vertical-align:top;padding:.25rem .4rem;border-bottom:1px solid #c8d0da}
thead th{background:#f2f5f9;border-bottom:2px solid #1f3b5c}
aside{background:#eef3f8;border-left:.2rem solid #7f9bb8;padding:.3rem .8rem;margin:.5rem 0}
.machine-tag{font-size:.75rem;font-weight:bold;color:#4f6d8c;letter-spacing:.04em}
.small,.letterhead,.meta,.attribution,footer{color:#5b6673;font-size:.85rem}
.quote{margin-left:1rem;font-style:italic}.outcome{font-size:1.2rem;font-weight:bold}
.council{font-size:1.4rem;font-weight:bold}"""


class _Inline(HTMLParser):
    """A paragraph's reportlab markup as safe HTML: known inline elements, escaped text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "br":
            self.out.append("<br>")
        elif tag == "a" and found.get("name"):
            self.out.append(f'<span id="{html.escape(found["name"] or "")}"></span>')
        elif tag == "a" and (found.get("href") or "").startswith("#"):
            self.out.append(f'<a href="{html.escape(found["href"] or "")}">')
            self.open.append("a")
            return
        elif tag in INLINE:
            self.out.append(f"<{INLINE[tag]}>")
            self.open.append(INLINE[tag])
            return
        self.open.append("")  # <font>, <span> and the like: their text, not their look

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "br":
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "br" or not self.open:
            return
        element = self.open.pop()
        if element:
            self.out.append(f"</{element}>")

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        self.close()
        while self.open:
            element = self.open.pop()
            if element:
                self.out.append(f"</{element}>")
        return "".join(self.out)


def inline(markup: str) -> str:
    parser = _Inline()
    parser.feed(markup)
    return parser.result()


def _style(paragraph: Paragraph) -> str:
    return str(getattr(paragraph.style, "name", "body"))


class _Edition:
    """Walks the story and writes each flowable as the HTML that says the same."""

    def __init__(self) -> None:
        self.next_id = ""  # the outline key of the heading that follows, as its id

    def flowables(self, story: Iterable[Any]) -> Iterator[str]:
        for flowable in story:
            yield from self.flowable(flowable)

    def flowable(self, flowable: Any) -> Iterator[str]:
        if isinstance(flowable, OutlineEntry):
            if flowable.here:
                self.next_id = flowable.key
        elif isinstance(flowable, Paragraph):
            yield self.paragraph(flowable)
        elif isinstance(flowable, Table):
            yield from self.table(flowable)
        elif isinstance(flowable, ListFlowable):
            yield from self.listing(flowable)
        elif isinstance(flowable, list | tuple):
            yield from self.flowables(flowable)
        elif isinstance(flowable, Flowable) and hasattr(flowable, "_content"):
            yield from self.flowables(flowable._content)  # KeepTogether and its kin
        # Anything else is furniture: rules, spaces, page breaks, the chart (its figures are
        # in the considerations table next to it).

    def paragraph(self, paragraph: Paragraph) -> str:
        style = _style(paragraph)
        element = HEADINGS.get(style, "p")
        ident = ""
        if element != "p" and self.next_id:
            ident = f' id="{html.escape(self.next_id)}"'
            self.next_id = ""
        classes = "" if element != "p" or style == "body" else f' class="{html.escape(style)}"'
        return f"<{element}{ident}{classes}>{inline(paragraph.text)}</{element}>"

    def cell(self, value: Any) -> str:
        if isinstance(value, Paragraph) and _style(value) not in HEADINGS:
            return inline(value.text)
        if isinstance(value, str):
            return html.escape(value, quote=False)
        return "".join(self.flowable(value))

    def table(self, table: Table) -> Iterator[str]:
        rows: list[list[Any]] = table._cellvalues
        first = rows[0][0] if rows and rows[0] else None
        if isinstance(first, Paragraph) and first.getPlainText() == MACHINE_TAG:
            yield f'<aside aria-label="{MACHINE_LABEL}">'
            yield f'<p class="machine-tag">{html.escape(MACHINE_LABEL)}</p>'
            for row in rows[1:]:
                for value in row:
                    yield from self.block(value)
            yield "</aside>"
        elif all(isinstance(v, Paragraph) for row in rows for v in row):
            yield from self.data_table(table, rows)
        else:  # a table used for layout, as the letterhead is: its contents in reading order
            yield '<div class="layout">'
            for row in rows:
                for value in row:
                    yield from self.block(value)
            yield "</div>"

    def block(self, value: Any) -> Iterator[str]:
        if isinstance(value, Paragraph):
            yield self.paragraph(value)
        else:
            yield from self.flowable(value)

    def data_table(self, table: Table, rows: list[list[Paragraph]]) -> Iterator[str]:
        yield "<table>"
        body = rows
        if getattr(table, "repeatRows", 0):
            head = "".join(f'<th scope="col">{inline(v.text)}</th>' for v in rows[0])
            yield f"<thead><tr>{head}</tr></thead>"
            body = rows[1:]
        yield "<tbody>"
        for row in body:
            cells = []
            for column, value in enumerate(row):
                # A table's first column names its row when the PDF sets it as a label (the
                # facts) or in bold (the considerations).
                if column == 0 and _style(value) in ("cell_head", "cell_bold"):
                    cells.append(f'<th scope="row">{inline(value.text)}</th>')
                else:
                    cells.append(f"<td>{inline(value.text)}</td>")
            yield f"<tr>{''.join(cells)}</tr>"
        yield "</tbody></table>"

    def listing(self, listing: ListFlowable) -> Iterator[str]:
        yield "<ol>"
        for item in getattr(listing, "_flowables", ()):
            content = getattr(item, "_flowables", (item,))
            yield "<li>" + "".join(part for f in content for part in self.block(f)) + "</li>"
        yield "</ol>"


def render_memo_html(memo: MemoInput, *, variant: Variant = "internal") -> bytes:
    """The memo as an HTML document (UTF-8); the same input always gives the same bytes."""
    writer, info = memo_edition(memo, variant)
    memo = writer.memo
    body = "\n".join(_Edition().flowables(writer.story()))
    meta = "\n".join(
        f'<meta name="{name}" content="{html.escape(value)}">'
        for name, value in (
            ("author", info.author),
            ("description", info.subject),
            ("keywords", info.keywords),
            ("generator", f"Council Desk {info.app_version}"),
            ("dcterms.date", info.dated.isoformat()),
        )
    )
    footer = (
        f"<p>{html.escape(memo_marking(memo, writer))}</p>"
        f"<p>Fingerprint SHA-256 {html.escape(memo.fingerprint)}</p>"
        + (f"<p>{html.escape(memo.framework_note)}</p>" if memo.framework_note else "")
        + (
            f"<p>Head of the library's audit chain at the entry that recorded the case as "
            f"shown (entry {memo.chain_head.entries:,}): {html.escape(memo.chain_head.hash)}</p>"
            if memo.chain_head is not None
            else ""
        )
    )
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(info.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(info.title)}</title>\n"
        f"{meta}\n"
        f"<style>\n{STYLE}\n</style>\n"
        "</head>\n"
        "<body>\n"
        f"<main>\n{body}\n</main>\n"
        f"<footer>\n{footer}\n</footer>\n"
        "</body>\n"
        "</html>\n"
    )
    return page.encode("utf-8")


__all__ = ["render_memo_html"]
