"""The index follows the content: publish, unpublish, move, delete, restrictions, documents, terms."""

from unittest import mock

import pytest

from django.core.files.base import ContentFile
from django.core.management import call_command

from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from search import indexing
from search.models import SearchEntry
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, PortalDocumentFactory, TopicFactory, pdf_with
from tests.toolkit.factories import GlossaryTermFactory

from .content import build_small_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home_page):
    return build_small_site(home_page)


def entry_for(page):
    return SearchEntry.objects.filter(source="page", source_id=page.pk).first()


def test_publishing_a_new_page_indexes_it(site, publish):
    page = GuidancePageFactory(parent=site.guidance, title="Neglect", live=False)
    assert entry_for(page) is None
    publish(page, summary="Spotting neglect early.")
    entry = entry_for(page)
    assert entry.title == "Neglect" and entry.summary == "Spotting neglect early."
    assert entry.url == page.url
    assert {(f.facet, f.value) for f in entry.facet_values.all()} >= {
        ("content_type", "guidance"),
        ("section", "guidance"),
    }


def test_republishing_updates_the_entry(site, publish):
    publish(site.core_group, title="Core groups: the plan in action")
    assert entry_for(site.core_group).title == "Core groups: the plan in action"


def test_unpublishing_removes_it(site):
    site.core_group.unpublish()
    assert entry_for(site.core_group) is None


def test_deleting_removes_it(site):
    pk = site.core_group.pk
    site.core_group.delete()
    assert not SearchEntry.objects.filter(source="page", source_id=pk).exists()


def test_moving_updates_the_address_and_section(site):
    other = GuidanceIndexPageFactory(parent=site.home, title="Archive", slug="archive")
    Page.objects.get(pk=site.core_group.pk).move(other, pos="last-child")
    entry = entry_for(site.core_group)
    assert entry.url == "/archive/core-group-meetings/"
    assert entry.section == "archive" and entry.section_label == "Archive"


def test_renaming_a_section_relabels_everything_in_it(site, publish):
    publish(site.guidance.specific, title="Procedures")
    assert entry_for(site.core_group).section_label == "Procedures"


def test_a_view_restriction_removes_the_subtree_and_lifting_it_restores(site):
    restriction = PageViewRestriction.objects.create(page=site.guidance, restriction_type=PageViewRestriction.LOGIN)
    assert entry_for(site.core_group) is None and entry_for(site.guidance) is None
    restriction.delete()
    assert entry_for(site.core_group) is not None


def test_renaming_a_topic_updates_pages_using_it(site):
    topic = site.core_group.topics.first()
    topic.name = "Protection plans"
    topic.save()
    entry = entry_for(site.core_group)
    assert "Protection plans" in entry.keywords
    assert entry.facet_values.get(facet="topic").label == "Protection plans"


def test_new_topic_creation_does_not_touch_pages(site):
    with mock.patch("search.indexing.index_page") as index_page:
        TopicFactory(name="Fresh topic", slug="fresh")
    index_page.assert_not_called()


def test_uploading_a_document_indexes_its_pdf_text(site):
    document = PortalDocumentFactory(
        title="Safety plan template",
        kind="form",
        file=ContentFile(pdf_with("Write down who the child can call at night."), name="plan.pdf"),
    )
    entry = SearchEntry.objects.get(source="document", source_id=document.pk)
    assert "call at night" in entry.body
    assert entry.content_type == "document" and entry.locale_id is None


def test_replacing_the_file_reindexes_the_new_text(site):
    site.leaflet.file = ContentFile(pdf_with("Completely new wording about hedgehogs."), name="new.pdf")
    site.leaflet.file_hash = ""  # as Wagtail's admin does when a new file is uploaded
    site.leaflet.save()
    entry = SearchEntry.objects.get(source="document", source_id=site.leaflet.pk)
    assert "hedgehogs" in entry.body and "advocate" not in entry.body


def test_document_audiences_follow_the_admin_form(site):
    site.leaflet.audiences.clear()
    entry = SearchEntry.objects.get(source="document", source_id=site.leaflet.pk)
    assert not entry.facet_values.filter(facet="audience").exists()


def test_documents_in_a_restricted_collection_are_not_indexed(site):
    private = Collection.get_first_root_node().add_child(name="Private")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    document = PortalDocumentFactory(title="Internal rota", collection=private)
    assert not SearchEntry.objects.filter(source="document", source_id=document.pk).exists()


def test_deleting_a_document_removes_it(site):
    pk = site.leaflet.pk
    site.leaflet.delete()
    assert not SearchEntry.objects.filter(source="document", source_id=pk).exists()


def test_glossary_terms_link_to_their_anchor(site):
    term = GlossaryTermFactory(term="Strategy discussion", slug="strategy-discussion")
    entry = SearchEntry.objects.get(source="glossary", source_id=term.pk)
    assert entry.url == f"{site.glossary_page.url}#strategy-discussion"
    term.delete()
    assert not SearchEntry.objects.filter(source="glossary", source_id=term.pk).exists()


def test_glossary_terms_need_a_live_glossary_page(site):
    site.glossary_page.unpublish()
    assert not SearchEntry.objects.filter(source="glossary").exists()


def test_updates_can_be_paused(site, publish):
    with indexing.updates_paused():
        page = GuidancePageFactory(parent=site.guidance, title="Quiet page", live=False)
        publish(page)
    assert entry_for(page) is None


def test_rebuild_command_reports_the_count(site, capsys):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index")
    assert "Search entries rebuilt in the database: " in capsys.readouterr().out
    assert entry_for(site.core_group) is not None


def test_elasticsearch_follows_after_commit(site, publish, settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = "http://elasticsearch.invalid:9200"
    page = GuidancePageFactory(parent=site.guidance, title="Neglect", live=False)
    with (
        mock.patch("search.backends.elastic.index_entries") as index_entries,
        mock.patch("search.backends.elastic.delete_entries") as delete_entries,
    ):
        with django_capture_on_commit_callbacks(execute=True):
            publish(page)
        indexed = [e.pk for call in index_entries.call_args_list for e in call.args[0]]
        assert entry_for(page).pk in indexed
        entry_pk = entry_for(page).pk
        with django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert [entry_pk] in [list(call.args[0]) for call in delete_entries.call_args_list]


def test_an_unreachable_elasticsearch_does_not_stop_publishing(
    site, publish, settings, caplog, django_capture_on_commit_callbacks
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    page = GuidancePageFactory(parent=site.guidance, title="Neglect", live=False)
    with caplog.at_level("WARNING", logger="search.indexing"), django_capture_on_commit_callbacks(execute=True):
        publish(page)
    assert entry_for(page) is not None
    assert any("rebuild_search_index" in r.getMessage() for r in caplog.records)


def test_a_support_service_is_found_on_the_page_that_lists_it(site):
    from search.backends import database
    from search.query import SearchRequest
    from tests.toolkit.factories import SupportServiceFactory, SupportServiceIndexPageFactory

    listing = SupportServiceIndexPageFactory(parent=site.youth_page.get_parent(), title="Get help", slug="get-help")
    indexing.index_page(listing)
    service = SupportServiceFactory(name="Kooth", helps_with="Online counselling and chat for young people.")
    hits = database.search(SearchRequest("kooth counselling", "en-gb")).hits
    assert [hit.title for hit in hits] == ["Get help"]
    service.delete()
    assert database.search(SearchRequest("kooth", "en-gb")).total == 0
