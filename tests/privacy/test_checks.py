"""The system check that the downloads of members' data are not kept in a public folder."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from cop_site.privacy.checks import check_export_storage

FILES = "django.core.files.storage.FileSystemStorage"


def exports_at(settings, location) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "privacy_exports": {"BACKEND": FILES, "OPTIONS": {"location": str(location)}},
    }


@pytest.mark.parametrize("root", ["MEDIA_ROOT", "STATIC_ROOT"])
@pytest.mark.parametrize("inside", ["", "private", "private/exports"])
def test_exports_inside_a_served_folder_are_an_error(settings, tmp_path, root, inside):
    setattr(settings, root, str(tmp_path / "served"))
    exports_at(settings, tmp_path / "served" / inside)

    errors = check_export_storage()

    assert [error.id for error in errors] == ["privacy.E001"]
    assert root in errors[0].msg
    with pytest.raises(SystemCheckError, match="privacy.E001"):
        call_command("check", "--tag", "privacy", stdout=StringIO(), stderr=StringIO())


def test_exports_beside_the_served_folders_pass(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STATIC_ROOT = str(tmp_path / "static")
    # A name that starts like the media folder's is not inside it.
    exports_at(settings, tmp_path / "media-private")

    assert check_export_storage() == []


def test_a_link_into_a_served_folder_is_followed(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "exports").mkdir(parents=True)
    (tmp_path / "private").symlink_to(tmp_path / "media" / "exports")
    exports_at(settings, tmp_path / "private")

    assert [error.id for error in check_export_storage()] == ["privacy.E001"]


def test_a_storage_not_on_disk_passes_and_a_missing_one_is_an_error(settings):
    # The test settings keep downloads in memory, which no web server serves.
    assert check_export_storage() == []

    settings.STORAGES = {
        name: value for name, value in settings.STORAGES.items() if name != "privacy_exports"
    }
    assert [error.id for error in check_export_storage()] == ["privacy.E002"]
