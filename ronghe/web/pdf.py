"""PDF exports of tables and forms (reportlab). Chinese text uses the standard CID font STSong-Light (Adobe's
Asian font pack, present in every PDF reader), so the files render on any machine without embedding a font."""

import datetime
from decimal import Decimal
from io import BytesIO

from django.http import HttpResponse
from django.utils.html import escape

FONT = "STSong-Light"
_registered = False


def _font() -> str:
    global _registered
    if not _registered:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
        _registered = True
    return FONT


# characters the GB character collection of STSong-Light lacks → what prints instead
_SUBSTITUTE = str.maketrans({"·": "　", "—": "至", "→": "致", "≤": "≦"})


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape(str(value).translate(_SUBSTITUTE))


def table_pdf(
    *,
    title: str,
    header: list[str],
    rows: list[list],
    subtitle: str = "",
    numeric: set[int] | None = None,
    bold_rows: set[int] | None = None,
    widths: list[float] | None = None,
    landscape: bool = False,
    footer: str = "",
) -> bytes:
    """A titled table on A4 pages (header repeated on each page). `numeric`: column indexes aligned right;
    `bold_rows`: indexes of total rows (shaded)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pagesizes import landscape as to_landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    page = to_landscape(A4) if landscape else A4
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=title,
    )
    numeric = numeric or set()
    body = ParagraphStyle("body", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    right = ParagraphStyle("right", parent=body, alignment=2)
    head = ParagraphStyle("head", parent=body, fontSize=8.5, textColor=colors.HexColor("#333333"))
    data = [[Paragraph(cell_text(h), head) for h in header]]
    for row in rows:
        data.append([Paragraph(cell_text(v), right if i in numeric else body) for i, v in enumerate(row)])
    usable = page[0] - 24 * mm
    if widths:
        total = sum(widths)
        col_widths = [usable * w / total for w in widths]
    else:
        col_widths = [usable / len(header)] * len(header)
    table = Table(data, colWidths=col_widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for r in bold_rows or ():
        style.append(("BACKGROUND", (0, r + 1), (-1, r + 1), colors.HexColor("#f5f5f5")))
    table.setStyle(TableStyle(style))
    title_style = ParagraphStyle("title", fontName=font, fontSize=15, leading=20, alignment=1)
    sub_style = ParagraphStyle("sub", fontName=font, fontSize=9, leading=12, alignment=1)
    story = [Paragraph(cell_text(title), title_style)]
    if subtitle:
        story.append(Paragraph(cell_text(subtitle), sub_style))
    story += [Spacer(1, 4 * mm), table]
    if footer:
        story += [Spacer(1, 4 * mm), Paragraph(cell_text(footer), body)]
    doc.build(story)
    return buf.getvalue()


def pdf_response(filename: str, content: bytes, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}.pdf"'
    return response


def export_response(
    request,
    name: str,
    header: list,
    rows: list[list],
    *,
    title: str = "",
    subtitle: str = "",
    numeric: set[int] | None = None,
    bold_rows: set[int] | None = None,
    widths: list[float] | None = None,
    landscape: bool = False,
    footer: str = "",
):
    """?export=xlsx or ?export=pdf of one table; None when no export was asked for."""
    kind = request.GET.get("export")
    header = [str(h) for h in header]
    if kind == "xlsx":
        from .listing import xlsx_response

        return xlsx_response(name, header, rows)
    if kind == "pdf":
        return pdf_response(
            name,
            table_pdf(
                title=str(title or name),
                subtitle=str(subtitle),
                header=header,
                rows=rows,
                numeric=numeric,
                bold_rows=bold_rows,
                widths=widths,
                landscape=landscape,
                footer=str(footer),
            ),
        )
    return None


def document_pdf(
    *,
    company,
    title: str,
    meta: list[tuple],
    header: list[str],
    rows: list[list],
    numeric: set[int],
    totals: list[tuple],
    widths: list[float] | None = None,
    footer: str = "",
) -> bytes:
    """A business document on A4 with the company letterhead: name, address and phone; the title; a block of
    (label, value) pairs; the lines; (label, value) totals; a footer (terms, signatures)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    font = _font()
    buf = BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=cell_text(title),
    )
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    right = ParagraphStyle("right", parent=body, alignment=2)
    letter = ParagraphStyle("letter", fontName=font, fontSize=14, leading=18)
    small = ParagraphStyle("small", parent=body, fontSize=8, textColor=colors.HexColor("#555555"))
    title_style = ParagraphStyle("title", fontName=font, fontSize=16, leading=22, alignment=1, spaceBefore=6)
    usable = A4[0] - 30 * mm
    story = [Paragraph(cell_text(company.name), letter)]
    contact = "　".join(x for x in (company.name_en, company.address, company.phone) if x)
    if contact:
        story.append(Paragraph(cell_text(contact), small))
    story += [
        HRFlowable(width="100%", color=colors.HexColor("#999999")),
        Paragraph(cell_text(title), title_style),
        Spacer(1, 3 * mm),
    ]
    pairs = [
        [Paragraph(cell_text(f"{k}：{v}"), body) for k, v in meta[i : i + 2]] for i in range(0, len(meta), 2)
    ]
    for p in pairs:
        if len(p) == 1:
            p.append(Paragraph("", body))
    if pairs:
        story += [Table(pairs, colWidths=[usable / 2] * 2), Spacer(1, 3 * mm)]
    data = [[Paragraph(cell_text(h), body) for h in header]]
    data += [
        [Paragraph(cell_text(v), right if i in numeric else body) for i, v in enumerate(r)] for r in rows
    ]
    total = sum(widths) if widths else len(header)
    col_widths = [usable * w / total for w in widths] if widths else [usable / len(header)] * len(header)
    lines = Table(data, colWidths=col_widths, repeatRows=1)
    lines.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#999999")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    story.append(lines)
    if totals:
        story.append(Spacer(1, 2 * mm))
        story.append(
            Table(
                [[Paragraph(cell_text(k), right), Paragraph(cell_text(v), right)] for k, v in totals],
                colWidths=[usable * 0.55, usable * 0.45],
            )
        )
    if footer:
        story += [Spacer(1, 6 * mm), Paragraph(cell_text(footer), body)]
    doc.build(story)
    return buf.getvalue()
