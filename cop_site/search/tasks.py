"""Background work for the search index: applying queued changes in the single writer."""

from django.tasks import task


@task()
def flush_search_index(path):
    """Apply the queued changes of the index at ``path`` (see ``engine.IndexStore``)."""
    from .backend import get_store

    get_store(path).flush()
