"""Nothing private leaks through search: not as a result, a title or a count.

Pages under a view restriction (signed-in members, one group, a password), drafts and deleted pages
are searched through ``search_for`` as each kind of visitor would see them, with the Whoosh backend
and with Wagtail's database backend (switching engines is configuration).
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Page, PageViewRestriction

from cop_site.home.models import StandardPage
from cop_site.search.visibility import search_for

WORD = "quokkas"


@pytest.fixture(params=["default", "database"], autouse=True)
def backend_name(request, settings):
    if request.param == "database":
        settings.WAGTAILSEARCH_BACKENDS = {
            **settings.WAGTAILSEARCH_BACKENDS,
            "database": {"BACKEND": "wagtail.search.backends.database"},
        }
    return request.param


_backend = ["default"]


@pytest.fixture(autouse=True)
def _use_backend(backend_name):
    _backend[0] = backend_name
    yield
    _backend[0] = "default"


@pytest.fixture
def educators():
    return Group.objects.create(name="Search test educators")


@pytest.fixture
def pages(make_page, educators):
    public = make_page("Open guidance", intro=f"Public notes on {WORD} and consent.")
    members = make_page("Members area", intro=f"Members discuss {WORD} practice.")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    group = make_page("Educators' room", intro=f"Marking guides about {WORD}.")
    restriction = PageViewRestriction.objects.create(
        page=group, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(educators)
    group_child = make_page("Exam papers", intro=f"Exam answers on {WORD}.", parent=group)
    password = make_page("Panel notes", intro=f"Panel minutes about {WORD}.")
    password_restriction = PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-panel"
    )
    draft = make_page("Draft thoughts", intro=f"Unfinished {WORD} ideas.", live=False)
    return SimpleNamespace(
        public=public,
        members=members,
        group=group,
        group_child=group_child,
        password=password,
        password_restriction=password_restriction,
        draft=draft,
    )


def titles(user, query=WORD, request=None, model=StandardPage):
    results = search_for(user, model, query, request=request, backend=_backend[0])
    found = [page.title for page in results[:50]]
    assert results.count() == len(found), "the count must agree with what is shown"
    return sorted(found)


def test_every_page_is_in_the_index(pages, backend_name):
    # The backend itself (as the Wagtail admin uses it) finds them all, drafts included.
    found = StandardPage.objects.search(WORD, backend=backend_name)
    assert found.count() == 6


def test_anonymous_visitor_sees_only_public_pages(pages):
    assert titles(AnonymousUser()) == ["Open guidance"]


def test_a_word_only_in_private_pages_gives_nothing_at_all(pages):
    results = search_for(AnonymousUser(), StandardPage, "marking", backend=_backend[0])
    assert results.count() == 0
    assert list(results[:10]) == []
    assert titles(AnonymousUser(), "exam answers") == []
    # Also through the base Page model, as a site-wide search would ask.
    assert titles(AnonymousUser(), "marking", model=Page) == []


def test_signed_in_member_sees_members_pages(pages, student):
    assert titles(student) == ["Members area", "Open guidance"]
    assert titles(student, "marking") == []


def test_group_member_sees_the_group_pages_and_their_children(pages, student, educators):
    student.groups.add(educators)
    assert titles(student) == ["Educators' room", "Exam papers", "Members area", "Open guidance"]
    assert titles(student, "marking") == ["Educators' room"]


def test_password_page_needs_the_password_in_this_session(pages, student):
    assert "Panel notes" not in titles(student)
    session = {PageViewRestriction.passed_view_restrictions_session_key: []}
    request = SimpleNamespace(user=student, session=session)
    assert "Panel notes" not in titles(student, request=request)
    session[PageViewRestriction.passed_view_restrictions_session_key] = [
        pages.password_restriction.pk
    ]
    assert "Panel notes" in titles(student, request=request)


def test_new_restriction_applies_without_reindexing(pages):
    PageViewRestriction.objects.create(
        page=pages.public, restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(AnonymousUser()) == []


def test_unpublished_page_drops_out_without_reindexing(pages, student):
    pages.public.unpublish()
    assert titles(AnonymousUser()) == []
    assert titles(student) == ["Members area"]


def test_deleted_page_drops_out_of_the_index(pages, backend_name):
    pages.public.delete()
    assert titles(AnonymousUser()) == []
    # Gone from the index itself, not only filtered out.
    assert StandardPage.objects.search(WORD, backend=backend_name).count() == 5


def test_deleting_a_restricted_parent_removes_its_children(pages, backend_name):
    Page.objects.get(pk=pages.group.pk).delete()
    assert StandardPage.objects.search("exam", backend=backend_name).count() == 0


def test_database_change_the_index_missed_never_shows(pages, student):
    # A bulk update bypasses the signals that keep the index current: the index still says the
    # page is live, but the database check hides it, from the results and from the count.
    StandardPage.objects.filter(pk=pages.public.pk).update(live=False)
    results = search_for(AnonymousUser(), StandardPage, WORD, backend=_backend[0])
    assert results.count() == 0
    assert list(results[:10]) == []


def test_models_must_declare_their_visibility(db):
    with pytest.raises(ImproperlyConfigured):
        search_for(AnonymousUser(), Group, "anything")


# --- words drawn on by wildcards and spelling suggestions, with a kind that is not a page ------


@pytest.fixture
def documents_kind(monkeypatch):
    """Wagtail's documents as a second kind of result, one that is not a page (as forum posts
    will be), readable by everyone."""
    from django.apps import apps
    from wagtail.documents.models import Document

    from cop_site import visibility
    from cop_site.search.kinds import SearchKind

    config = apps.get_app_config("resources")
    kind = SearchKind("documents", "Documents", "wagtaildocs.Document", order=50)
    monkeypatch.setattr(config, "search_kinds", (*config.search_kinds, kind))
    monkeypatch.setitem(visibility._registry, Document, visibility.PUBLIC)
    return kind


def site_search(user, query):
    from django.http import QueryDict

    from cop_site.search.service import SiteSearch

    data = QueryDict(mutable=True)
    data["q"] = query
    return SiteSearch(data, user=user, backend=_backend[0]).run()


def test_a_wildcard_is_not_used_up_by_words_in_pages_the_reader_may_not_open(
    make_page, educators, documents_kind
):
    from cop_site.search.service import PREFIX_LIMIT

    make_page("Zylophant", intro="Public notes.")
    for n in range(PREFIX_LIMIT + 1):
        # Words sorting before the public one, each as common as it is.
        private = make_page(f"Zyl{chr(97 + n // 26)}{chr(97 + n % 26)}ance", intro="Notes.")
        restriction = PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(educators)
    search = site_search(AnonymousUser(), "zyl*")
    assert search.counts == {"resources": 0, "documents": 0, "pages": 1}


def test_a_word_only_in_pages_the_reader_may_not_open_is_respelt(
    make_page, educators, documents_kind, backend_name
):
    if backend_name != "default":
        pytest.skip("spelling suggestions come from the Whoosh index's vocabulary")
    make_page("Knots", intro="Tying a marlinspike hitch.")
    private = make_page("Rigging", intro="The marlinspice method.")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(educators)
    # For someone outside the group, "marlinspice" is not a word of anything they may read.
    assert site_search(AnonymousUser(), "marlinspice").suggestion == "marlinspike"


def test_a_page_moved_under_a_restriction_leaves_the_words_others_may_read(
    make_page, educators, documents_kind, backend_name
):
    if backend_name != "default":
        pytest.skip("spelling suggestions come from the Whoosh index's vocabulary")
    make_page("Knots", intro="Tying a marlinspike hitch.")
    section = make_page("Rigging section", intro="For riggers.")
    moved = make_page("Rigging", intro="The marlinspice method.")
    child = make_page("Rigging notes", intro="More on the marlinspyce.", parent=moved)
    assert site_search(AnonymousUser(), "marlinspice").suggestion is None

    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(educators)
    moved.move(section, pos="last-child")

    # The moved page and the page below it now sit under the group's restriction.
    assert site_search(AnonymousUser(), "marlinspice").suggestion == "marlinspike"
    assert site_search(AnonymousUser(), "marlinspyce").suggestion == "marlinspike"
    assert child.pk in {p.pk for p in Page.objects.get(pk=section.pk).get_descendants()}
