"""Make a memo or minutes fit for the archive: PDF/A-2b identification and what it needs.

reportlab writes a good PDF but no XMP metadata, output intent or document language, and it
names the first subset of every font ``AAAAAA+``. pikepdf adds and mends these afterwards:

- XMP metadata made from the document information reportlab wrote (so the two always say the
  same), with ``pdfaid:part`` 2 and ``pdfaid:conformance`` B;
- an sRGB output intent (the memo's colours are device RGB), its ICC profile made by Pillow's
  LittleCMS with a fixed profile date;
- ``/Lang`` from the library's language setting, so that a screen reader picks the voice;
- the memo's own date as creation and modification date, never the clock;
- subset tags derived from each embedded font program, so that they differ and stay the same
  for the same memo;
- a transparency group on pages that blend (the DRAFT mark) and the print flag on links;
- a document /ID derived from the content (qpdf's deterministic id), so that the same memo is
  still the same bytes.

A tagged PDF (PDF/UA, PDF/A-2a) needs a structure tree that reportlab cannot write; the
accessible edition of a memo is its HTML (see :mod:`council_app.memo.html`).
"""

from __future__ import annotations

import functools
import hashlib
import io
import re
import struct
from datetime import date
from xml.sax.saxutils import escape

import pikepdf

SRGB = "sRGB IEC61966-2.1"
# Characters XML 1.0 does not allow: a title pasted from elsewhere may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@functools.cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile; LittleCMS stamps it with the time it was made, set here to a fixed
    date so that the profile, and every memo carrying it, is the same bytes each time."""
    from PIL import ImageCms

    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    profile[24:36] = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)
    return bytes(profile)


def pdf_date(day: date) -> str:
    return f"D:{day:%Y%m%d}000000+00'00'"


def xmp_date(day: date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00+00:00"


def _text(value: object) -> str:
    return escape(_NOT_XML.sub("", str(value)))


def xmp_packet(info: dict[str, str], *, dated: date, language: str) -> bytes:
    """XMP saying what the document information says, as PDF/A requires."""
    when = xmp_date(dated)
    fields = [
        "<dc:format>application/pdf</dc:format>",
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.get("/Title", ""))}</rdf:li></rdf:Alt></dc:title>',
        f"<dc:creator><rdf:Seq><rdf:li>{_text(info.get('/Author', ''))}</rdf:li></rdf:Seq></dc:creator>",
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_text(info.get("/Subject", ""))}</rdf:li></rdf:Alt></dc:description>',
        f"<dc:language><rdf:Bag><rdf:li>{_text(language)}</rdf:li></rdf:Bag></dc:language>",
        f"<pdf:Keywords>{_text(info.get('/Keywords', ''))}</pdf:Keywords>",
        f"<pdf:Producer>{_text(info.get('/Producer', ''))}</pdf:Producer>",
        f"<xmp:CreatorTool>{_text(info.get('/Creator', ''))}</xmp:CreatorTool>",
        f"<xmp:CreateDate>{when}</xmp:CreateDate>",
        f"<xmp:ModifyDate>{when}</xmp:ModifyDate>",
        f"<xmp:MetadataDate>{when}</xmp:MetadataDate>",
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>B</pdfaid:conformance>",
    ]
    body = "\n".join(f"   {f}" for f in fields)
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">\n'
        f"{body}\n"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    ).encode()


def _subset_tag(program: bytes, name: str, taken: set[str]) -> str:
    """Six capital letters from a hash of the font program: distinct, and stable for it."""
    salt = 0
    while True:
        digest = hashlib.sha256(program + name.encode() + salt.to_bytes(4, "big")).digest()
        tag = "".join(_TAG_LETTERS[b % 26] for b in digest[:6])
        if tag not in taken:
            taken.add(tag)
            return tag
        salt += 1


def _retag_subsets(pdf: pikepdf.Pdf) -> None:
    taken: set[str] = set()
    for font in pdf.objects:
        if not isinstance(font, pikepdf.Dictionary) or font.get("/Type") != pikepdf.Name.Font:
            continue
        descriptor = font.get("/FontDescriptor")
        program = descriptor.get("/FontFile2") if descriptor is not None else None
        base = str(font.get("/BaseFont", ""))
        if descriptor is None or program is None or "+" not in base:
            continue
        name = base[1:].split("+", 1)[1]
        tag = _subset_tag(program.read_raw_bytes(), name, taken)
        font.BaseFont = pikepdf.Name(f"/{tag}+{name}")
        descriptor.FontName = pikepdf.Name(f"/{tag}+{name}")


def _blends(page: pikepdf.Page) -> bool:
    resources = page.obj.get("/Resources")
    states = resources.get("/ExtGState") if resources is not None else None
    if states is None:
        return False
    return any(
        float(state.get(key, 1)) < 1
        for state in states.as_dict().values()
        for key in ("/ca", "/CA")
    )


def for_the_archive(data: bytes, *, dated: date, language: str) -> bytes:
    """The PDF reportlab wrote, identified as PDF/A-2b and dated by the memo (see above)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        info = pdf.trailer.Info
        if "/Trapped" in info:
            del info["/Trapped"]  # not in the XMP, so not in the information either
        info.CreationDate = pdf_date(dated)
        info.ModDate = pdf_date(dated)
        fields = {str(key): str(value) for key, value in info.items()}
        root = pdf.Root
        metadata = pdf.make_stream(xmp_packet(fields, dated=dated, language=language))
        metadata.Type = pikepdf.Name.Metadata
        metadata.Subtype = pikepdf.Name.XML
        root.Metadata = metadata
        root.Lang = pikepdf.String(language)
        root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        if "/Outlines" in root:
            root.PageMode = pikepdf.Name.UseOutlines
        profile = pdf.make_stream(srgb_profile())
        profile.N = 3
        root.OutputIntents = pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.OutputIntent,
                    S=pikepdf.Name.GTS_PDFA1,
                    OutputConditionIdentifier=pikepdf.String(SRGB),
                    Info=pikepdf.String(SRGB),
                    RegistryName=pikepdf.String("http://www.color.org"),
                    DestOutputProfile=profile,
                )
            ]
        )
        _retag_subsets(pdf)
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                annotation.F = 4  # printed, as PDF/A wants of every annotation
            if _blends(page):
                page.obj.Group = pikepdf.Dictionary(
                    Type=pikepdf.Name.Group, S=pikepdf.Name.Transparency, CS=pikepdf.Name.DeviceRGB
                )
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            fix_metadata_version=False,
            min_version="1.7",
            object_stream_mode=pikepdf.ObjectStreamMode.preserve,
        )
    return out.getvalue()
