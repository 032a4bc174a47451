"""A system check that the downloads of members' data are never served as public files.

A download is served only by its view, to the person it belongs to. Kept under MEDIA_ROOT or
STATIC_ROOT, which the web server (or WhiteNoise) serves to anyone, each file would be one
guessed or leaked address away from a stranger.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.core.files.storage import FileSystemStorage, storages

EXPORT_STORAGE = "privacy_exports"


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


@checks.register("privacy")
def check_export_storage(
    app_configs: Sequence[Any] | None = None, databases: Sequence[str] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """An error when the "privacy_exports" storage keeps its files inside MEDIA_ROOT or
    STATIC_ROOT. A storage that is not on the local disk (in memory, in tests) is not served
    by the web server, and passes."""
    if EXPORT_STORAGE not in settings.STORAGES:
        return [
            checks.Error(
                f'STORAGES has no "{EXPORT_STORAGE}" storage for the downloads of members\' data.',
                hint="Add one whose location is outside MEDIA_ROOT and STATIC_ROOT.",
                id="privacy.E002",
            )
        ]
    storage = storages[EXPORT_STORAGE]
    if not isinstance(storage, FileSystemStorage):
        return []
    location = Path(storage.location).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        root = getattr(settings, name, None)
        if root and _within(location, Path(root).resolve()):
            errors.append(
                checks.Error(
                    f'The "{EXPORT_STORAGE}" storage keeps the downloads of members\' data in '
                    f"{location}, inside {name} ({root}), which is served to anyone.",
                    hint="Give it a location outside MEDIA_ROOT and STATIC_ROOT (in "
                    "production, the PRIVATE_FILES_ROOT environment variable).",
                    id="privacy.E001",
                )
            )
    return errors
