"""Keep an indexed object's document current when its many-to-many relations change, and a
page's documents when it moves.

modelsearch indexes an object from its ``post_save`` signal. A page's many-to-many relations
(Wagtail's ``ParentalManyToManyField``, such as a resource's topics) are written after that
signal, when the page's cluster is committed, so the document built at ``post_save`` would miss
them. The ``m2m_changed`` signal of each relation that a model indexes through
``RelatedFields`` queues the same indexing task as ``post_save`` does, by primary key, so that
the document is built from the stored row with its relations.

Moving a Wagtail page rewrites the tree paths of the page and every page below it in one SQL
update, and only the moved page is saved. A document carries its page's path, which the page
rule filters search scopes by (a page under a view restriction is hidden by its path), so the
``post_page_move`` signal queues the same task for every page of the moved subtree.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed
from modelsearch import index
from modelsearch.tasks import insert_or_update_object_task

CHANGES = frozenset({"post_add", "post_remove", "post_clear"})


def _reindex(
    sender: type[models.Model], instance: models.Model, action: str, reverse: bool, **kwargs: Any
) -> None:
    if action not in CHANGES or reverse or kwargs.get("raw", False):
        return
    insert_or_update_object_task.enqueue(
        instance._meta.app_label, instance._meta.model_name, str(instance.pk)
    )


def indexed_relations(model: type[models.Model]) -> list[type[models.Model]]:
    """The ``through`` models of the many-to-many fields ``model`` indexes."""
    throughs: list[type[models.Model]] = []
    for search_field in model.get_search_fields():  # type: ignore[attr-defined]
        if not isinstance(search_field, index.RelatedFields):
            continue
        field = search_field.get_field(model)
        through = field.remote_field.through if isinstance(field, models.ManyToManyField) else None
        if through is not None:
            throughs.append(through)
    return throughs


def _reindex_moved(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    subtree = Page.objects.descendant_of(instance, inclusive=True)
    for pk, content_type_id in subtree.values_list("pk", "content_type_id").iterator():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or not index.class_is_indexed(model):
            continue
        insert_or_update_object_task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))


def connect() -> None:
    from django.apps import apps

    if apps.is_installed("wagtail"):
        from wagtail.signals import post_page_move

        post_page_move.connect(_reindex_moved, dispatch_uid="cop-search-page-move")
    for model in index.get_indexed_models():
        if not getattr(model, "search_auto_update", True):
            continue
        for through in indexed_relations(model):
            m2m_changed.connect(
                _reindex, sender=through, dispatch_uid=f"cop-search-m2m-{through._meta.label}"
            )
