"""Generate the demo's leaflets as real PDF files with reportlab.

The output is deterministic (reportlab's ``invariant`` mode fixes the creation date and document
id), so running the demo command again produces byte-identical files and nothing is replaced.

English text uses the built-in Helvetica. Text that Helvetica cannot show (Polish letters such as
"ł") uses DejaVu Sans when the system has it; otherwise the accents are dropped rather than
printed as boxes.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .directory import PARTNERSHIP
from .specs import DocumentSpec

INK = colors.HexColor("#0b0c0c")
BRAND = colors.HexColor("#0b4f5c")
HELP_BACKGROUND = colors.HexColor("#e8f1f2")
MARGIN = 20 * mm

# Where common systems keep DejaVu Sans (Debian/Ubuntu, Fedora, Arch, Homebrew).
DEJAVU_DIRECTORIES = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/TTF"),
    Path("/opt/homebrew/share/fonts"),
    Path("/usr/local/share/fonts"),
)
_FOLDED = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "đ": "d", "Đ": "D"})


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    fold_text: bool = False

    def clean(self, value: str) -> str:
        """Escape for reportlab's mini-markup, dropping accents when the font cannot show them."""
        if self.fold_text:
            decomposed = unicodedata.normalize("NFKD", value.translate(_FOLDED))
            value = "".join(char for char in decomposed if not unicodedata.combining(char))
            value = value.encode("cp1252", "replace").decode("cp1252")
        return escape(value)


HELVETICA = Fonts("Helvetica", "Helvetica-Bold")


def _all_text(spec: DocumentSpec) -> str:
    parts = [spec.title, spec.heading, spec.subheading, *spec.help_box]
    for section in spec.sections:
        parts.extend([section.heading, *section.paragraphs, *section.bullets])
    return "\n".join(parts)


def _fits_helvetica(value: str) -> bool:
    try:
        value.encode("cp1252")  # the standard PDF fonts use WinAnsi, which is cp1252
    except UnicodeEncodeError:
        return False
    return True


def _register_dejavu() -> Fonts | None:
    registered = pdfmetrics.getRegisteredFontNames()
    if "DemoSans" in registered and "DemoSans-Bold" in registered:
        return Fonts("DemoSans", "DemoSans-Bold")
    for directory in DEJAVU_DIRECTORIES:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont("DemoSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DemoSans-Bold", str(bold)))
            return Fonts("DemoSans", "DemoSans-Bold")
    return None


def fonts_for(spec: DocumentSpec) -> Fonts:
    if _fits_helvetica(_all_text(spec)):
        return HELVETICA
    return _register_dejavu() or Fonts("Helvetica", "Helvetica-Bold", fold_text=True)


def _styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=11, leading=15, textColor=INK, spaceAfter=6)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=fonts.bold, fontSize=22, leading=27, textColor=BRAND),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=13, leading=17, spaceAfter=14),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=fonts.bold, fontSize=14, leading=18, spaceBefore=10, textColor=BRAND
        ),
        "body": body,
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=14, bulletIndent=2, spaceAfter=3),
        "help": ParagraphStyle("help", parent=body, fontName=fonts.bold, spaceAfter=2),
    }


def _story(spec: DocumentSpec, fonts: Fonts) -> list[Flowable]:
    styles = _styles(fonts)
    story: list[Flowable] = [
        Paragraph(fonts.clean(spec.heading), styles["title"]),
        Paragraph(fonts.clean(spec.subheading), styles["subtitle"]),
    ]
    for section in spec.sections:
        story.append(Paragraph(fonts.clean(section.heading), styles["heading"]))
        story.extend(Paragraph(fonts.clean(paragraph), styles["body"]) for paragraph in section.paragraphs)
        story.extend(Paragraph(fonts.clean(item), styles["bullet"], bulletText="•") for item in section.bullets)
    if spec.help_box:
        box = Table([[[Paragraph(fonts.clean(line), styles["help"]) for line in spec.help_box]]], colWidths=["100%"])
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), HELP_BACKGROUND),
                    ("LINEBEFORE", (0, 0), (0, -1), 4, BRAND),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 8),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        story.extend([Spacer(1, 8 * mm), box])
    return story


def _footer(spec: DocumentSpec, fonts: Fonts):
    label = fonts.clean(f"{PARTNERSHIP} · {spec.heading}")

    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.regular, 8)
        canvas.setFillColor(INK)
        canvas.drawString(MARGIN, 12 * mm, label)
        canvas.drawRightString(A4[0] - MARGIN, 12 * mm, str(doc.page))
        canvas.restoreState()

    return draw


def render_document(spec: DocumentSpec) -> bytes:
    """The PDF for one document, as bytes. The same spec always gives the same bytes."""
    fonts = fonts_for(spec)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6 * mm,
        title=spec.title,
        author=PARTNERSHIP,
        subject=spec.summary,
        creator=PARTNERSHIP,
        lang=spec.language,
        invariant=1,
    )
    footer = _footer(spec, fonts)
    document.build(_story(spec, fonts), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
