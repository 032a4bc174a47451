"""Every model linked to members is declared by a privacy provider, and every declaration
matches the code.

The test models are built in an isolated app registry (`isolate_apps`), so they never join the
real one that the rest of the suite and the site's registry read.
"""

# The test models are never shown, so they need no __str__.
# ruff: noqa: DJ008

from collections.abc import Iterator

import pytest
from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from cop_site.accounts.models import User
from cop_site.privacy import coverage
from cop_site.privacy.registry import Basis, Holding, NotPersonal, Provider

TEST_APP = "coverage_test"

# Providers a test adds through the `privacy_providers` hook (see `add_provider`).
DECLARES_TEST_NOTE = Provider(
    area="coverage_test",
    label="Test notes",
    not_personal=(NotPersonal(f"{TEST_APP}.Note", "A test model"),),
)
NAMES_A_MISSING_FIELD = Provider(
    area="coverage_test",
    label="Groups",
    holdings=(
        Holding(
            "auth.Group",
            ("name", "colour"),
            what="Groups",
            purpose="Testing",
            basis=Basis.CONTRACT,
        ),
    ),
)
DECLARES_RATINGS_AGAIN = Provider(
    area="coverage_test",
    label="Ratings again",
    not_personal=(NotPersonal("resources.Rating", "Declared twice"),),
)


@pytest.fixture
def add_provider(monkeypatch):
    """Adds providers (names of this module's constants) to an installed app's hook."""

    def add(*names: str) -> None:
        config = apps.get_app_config("home")
        paths = tuple(f"{__name__}.{name}" for name in names)
        monkeypatch.setattr(config, "privacy_providers", paths, raising=False)

    return add


@pytest.fixture
def isolated() -> Iterator[None]:
    with isolate_apps("tests.privacy"):
        yield


def test_every_model_linked_to_members_is_declared_on_the_real_apps():
    assert coverage.problems() == []


def test_the_real_apps_have_linked_models_to_check():
    linked = {model._meta.label for model in coverage.linked_models(apps.get_models(), User)}

    # Directly, through Wagtail's page (owner), and through an image (who uploaded it).
    assert {"accounts.Profile", "resources.Rating", "wagtailcore.Page"} <= linked
    assert {"wagtailcore.Site", "wagtailimages.Rendition"} <= linked
    # Taxonomy names no member.
    assert "resources.Topic" not in linked


def test_a_model_with_a_foreign_key_to_users_is_reported(isolated):
    class Note(models.Model):
        author = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    assert coverage.uncovered_models([*apps.get_models(), Note]) == [f"{TEST_APP}.Note"]
    assert f"{TEST_APP}.Note is linked to members but no privacy provider declares it" in (
        coverage.problems([*apps.get_models(), Note])
    )
    assert Note not in apps.get_models()


def test_models_linked_through_a_chain_are_reported(isolated):
    class Notebook(models.Model):
        owner = models.OneToOneField(User, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    class Page(models.Model):
        notebook = models.ForeignKey(Notebook, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    class Margin(models.Model):
        page = models.ForeignKey(Page, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    class Tag(models.Model):
        name = models.CharField(max_length=20)

        class Meta:
            app_label = TEST_APP

    found = [*apps.get_models(), Margin, Page, Notebook, Tag]

    assert coverage.linked_models(found, User) >= {Notebook, Page, Margin}
    assert Tag not in coverage.linked_models(found, User)
    assert coverage.uncovered_models(found) == [
        f"{TEST_APP}.Margin",
        f"{TEST_APP}.Notebook",
        f"{TEST_APP}.Page",
    ]


def test_a_chain_through_an_installed_model_is_reported(isolated):
    from resources.models import Rating

    class RatingFlag(models.Model):
        rating = models.ForeignKey(Rating, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    assert coverage.uncovered_models([*apps.get_models(), RatingFlag]) == [f"{TEST_APP}.RatingFlag"]


def test_a_many_to_many_to_users_is_reported(isolated):
    class Circle(models.Model):
        members = models.ManyToManyField(User, related_name="+")

        class Meta:
            app_label = TEST_APP

    assert coverage.uncovered_models([*apps.get_models(), Circle]) == [f"{TEST_APP}.Circle"]


def test_a_child_is_not_linked_through_its_parent_pointer(isolated):
    class Letter(models.Model):
        sender = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    class Postcard(Letter):
        picture = models.CharField(max_length=20)

        class Meta:
            app_label = TEST_APP

    # The child's rows are the parent's, which is what must be declared.
    assert coverage.linked_models([Letter, Postcard], User) == {Letter}


def test_a_declared_model_is_no_longer_reported(isolated, add_provider):
    class Note(models.Model):
        author = models.ForeignKey(User, on_delete=models.CASCADE)

        class Meta:
            app_label = TEST_APP

    add_provider("DECLARES_TEST_NOTE")

    assert coverage.uncovered_models([*apps.get_models(), Note]) == []


def test_a_declaration_of_a_model_that_is_not_installed_is_reported(add_provider):
    add_provider("DECLARES_TEST_NOTE")

    assert coverage.stale_declarations() == [
        coverage.StaleDeclaration("coverage_test", f"{TEST_APP}.Note", "no such model")
    ]
    assert "coverage_test: coverage_test.Note: no such model" in coverage.problems()


def test_a_declared_field_that_does_not_exist_is_reported(add_provider):
    add_provider("NAMES_A_MISSING_FIELD")

    assert coverage.stale_declarations() == [
        coverage.StaleDeclaration("coverage_test", "auth.Group", "no field 'colour'")
    ]


def test_a_model_declared_twice_is_reported(add_provider):
    add_provider("DECLARES_RATINGS_AGAIN")

    stale = coverage.stale_declarations()

    assert [entry.model for entry in stale] == ["resources.Rating"]
    assert "also declared by" in stale[0].problem
