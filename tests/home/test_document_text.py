"""Text inside uploaded PDFs is extracted once per file, so search can find it."""

import io
from unittest import mock

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.search.backends import get_search_backend

from portal.home.document_text import MAX_CHARACTERS, extract_pdf_text
from portal.home.models import PortalDocument
from tests.factories import PortalDocumentFactory, pdf_with

pytestmark = pytest.mark.django_db


def test_text_is_extracted_from_every_page():
    text = extract_pdf_text(io.BytesIO(pdf_with("Core groups meet every six weeks.", "Escalate to the LADO.")))
    assert text == "Core groups meet every six weeks. Escalate to the LADO."


def test_a_damaged_or_empty_file_gives_no_text_and_no_error():
    assert extract_pdf_text(io.BytesIO(b"%PDF-1.4 this is not really a PDF")) == ""
    assert extract_pdf_text(io.BytesIO(b"")) == ""


def test_extracted_text_is_bounded():
    long_line = "word " * 30
    text = extract_pdf_text(io.BytesIO(pdf_with(*[long_line] * 3)))
    assert len(text) <= MAX_CHARACTERS
    with mock.patch("portal.home.document_text.MAX_CHARACTERS", 40):
        assert len(extract_pdf_text(io.BytesIO(pdf_with(*[long_line] * 3)))) == 40


def test_uploading_a_pdf_stores_its_text():
    document = PortalDocumentFactory(
        title="Threshold leaflet", file=ContentFile(pdf_with("Indicators of need matrix"), name="thresholds.pdf")
    )
    document.refresh_from_db()
    assert document.extracted_text == "Indicators of need matrix"
    assert document.extracted_from_hash == document.file_hash != ""


def test_other_file_types_have_no_extracted_text():
    document = PortalDocumentFactory(title="Notes", file=ContentFile(b"plain words", name="notes.txt"))
    assert document.extracted_text == ""


def test_the_text_is_read_again_only_when_the_file_changes():
    document = PortalDocumentFactory(file=ContentFile(pdf_with("First version"), name="leaflet.pdf"))
    with mock.patch("portal.home.document_text.extract_pdf_text", wraps=extract_pdf_text) as extract:
        document.title = "Renamed leaflet"
        document.save()
        assert extract.call_count == 0

        document.file = ContentFile(pdf_with("Second version"), name="leaflet-2.pdf")
        document.file_hash = ""  # as Wagtail's admin does when a new file is uploaded
        document.save()
        assert extract.call_count == 1
    document.refresh_from_db()
    assert document.extracted_text == "Second version"


def test_search_finds_a_document_by_the_words_inside_it():
    document = PortalDocumentFactory(
        title="A leaflet for parents", file=ContentFile(pdf_with("zebra crossing protocol"), name="parents.pdf")
    )
    backend = get_search_backend()
    backend.add(document)

    found = list(backend.search("zebra", PortalDocument))

    assert found == [document]


def test_the_backfill_command_extracts_text_for_older_documents():
    document = PortalDocumentFactory(file=ContentFile(pdf_with("Older upload"), name="older.pdf"))
    PortalDocument.objects.filter(pk=document.pk).update(extracted_text="", extracted_from_hash="")

    call_command("extract_document_text", stdout=io.StringIO())

    document.refresh_from_db()
    assert document.extracted_text == "Older upload"
