"""The processes of the rebuild race test: each sets Django up on the database and index it is
given, as a separate `manage.py` process (the rebuild) and a task worker (the editor) would.

Kept apart from the test module so that a spawned process imports nothing of Django before
its settings are in place.
"""

import os
import traceback


def setup_django(database_url, index_path):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cop_site.settings.test"
    os.environ["DATABASE_URL"] = database_url
    import django
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "cop_site.search.backend", "PATH": index_path}
    }
    if database_url.startswith("sqlite"):
        settings.DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 30
    django.setup()


def rebuild(database_url, index_path, read, edited, report):
    """``manage.py update_index``, pausing between reading every document and finishing."""
    try:
        setup_django(database_url, index_path)
        from modelsearch.backends import get_search_backend
        from modelsearch.index import get_indexed_models
        from modelsearch.management.commands.rebuild_modelsearch_index import (
            group_models_by_index,
        )

        backend = get_search_backend()
        [(index, models)] = group_models_by_index(backend, get_indexed_models()).items()
        rebuilder = backend.rebuilder_class(index)
        building = rebuilder.start()
        for model in models:
            building.add_model(model)
            building.add_items(model, list(model.get_indexed_objects().order_by("pk")))
        read.set()
        if not edited.wait(timeout=120):
            raise TimeoutError("the editor did not finish")
        rebuilder.finish()

        from cop_site.search.models import IndexOperation

        report.put(("rebuilt", IndexOperation.objects.count()))
    except BaseException:
        report.put(("error", traceback.format_exc()))
        raise


def edit(database_url, index_path, edited_pk, deleted_pk, new_title, read, edited, report):
    """Once the rebuild has read every document: edit one page and delete another, each in
    its own transaction, as requests do; their flush tasks apply them to the index."""
    try:
        setup_django(database_url, index_path)
        if not read.wait(timeout=120):
            raise TimeoutError("the rebuild did not read the documents")
        from django.db import transaction
        from modelsearch.backends import get_search_backend

        from cop_site.home.models import StandardPage

        with transaction.atomic():
            page = StandardPage.objects.get(pk=edited_pk)
            page.title = new_title
            page.save()
        with transaction.atomic():
            StandardPage.objects.get(pk=deleted_pk).delete()
        # The flush tasks ran when each transaction committed (tasks run at once in these
        # settings, as a worker would run them), so the old generation has both changes.
        backend = get_search_backend()
        seen = [p.pk for p in backend.search(new_title.split()[0], StandardPage)]
        report.put(("edited", seen))
    except BaseException:
        report.put(("error", traceback.format_exc()))
        raise
    finally:
        edited.set()
