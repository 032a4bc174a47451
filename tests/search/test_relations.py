"""A resource is found by its topics as they are stored, whichever way they were changed."""

from modelsearch.backends import get_search_backend

from resources.models import ResourcePage


def found(word):
    return [page.title for page in get_search_backend().search(word, ResourcePage)]


def test_a_new_resource_is_found_by_its_topic(engine, make_resource, topics):
    make_resource("Working with families", topics=[topics["mental-capacity"]])

    assert found("capacity") == ["Working with families"]


def test_changing_a_published_resources_topics_changes_what_finds_it(engine, make_resource, topics):
    resource = make_resource("Working with families", topics=[topics["mental-capacity"]])

    resource.topics = [topics["child-protection"]]
    resource.save_revision().publish()

    assert found("protection") == ["Working with families"]
    assert found("capacity") == []


def test_a_draft_change_of_topics_stays_out_of_the_index(engine, make_resource, topics):
    resource = make_resource("Working with families", topics=[topics["mental-capacity"]])

    resource.topics = [topics["child-protection"]]
    resource.save_revision()

    assert found("protection") == []
    assert found("capacity") == ["Working with families"]
