"""Text extraction from uploaded PDFs, so that search can find what is inside a leaflet or a
procedure. Extraction is bounded (pages and characters) and never fails a save: a damaged or
encrypted PDF is stored with no text and a warning in the log."""

from __future__ import annotations

import contextlib
import logging

from pypdf import PdfReader

logger = logging.getLogger(__name__)

MAX_PAGES = 200
MAX_CHARACTERS = 200_000


def extract_pdf_text(file) -> str:
    """The text of a PDF file-like object, whitespace tidied, at most MAX_CHARACTERS long."""
    try:
        file.seek(0)
        reader = PdfReader(file)
        if reader.is_encrypted:
            logger.warning("Not extracting text from an encrypted PDF")
            return ""
        parts: list[str] = []
        length = 0
        for page in reader.pages[:MAX_PAGES]:
            text = " ".join((page.extract_text() or "").split())
            parts.append(text)
            length += len(text) + 1
            if length >= MAX_CHARACTERS:
                break
        return " ".join(part for part in parts if part)[:MAX_CHARACTERS]
    except Exception:  # a damaged upload must never break saving the document
        logger.warning("Could not extract text from a PDF", exc_info=True)
        return ""
    finally:
        with contextlib.suppress(Exception):  # a closed file needs no rewind
            file.seek(0)
