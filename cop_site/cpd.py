"""Continuing professional development: what a learner can log, and where they log it.

Two hooks on AppConfigs meet here, so that no app needs to know another:

* ``cpd_sources``: the ``CpdSource`` objects an app offers as evidence of CPD (the resources
  app offers a learner's practice appraisal of a resource);
* ``cpd_log``: on the one app that keeps the CPD log, the dotted path of a function
  ``(source, obj) -> str`` giving the address where a learner records ``obj`` in their log, or
  "" when it cannot be recorded there yet.

An app showing something that can be logged calls :func:`record_url` with its source's key and
shows a link when it gets an address back; while no installed app keeps a log, there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class CpdSource:
    key: str  # what the offering app calls it: "resource"
    label: str  # as a learner's log names it: "Appraising a resource"
    model_label: str  # "app_label.ModelName" of what is logged


RecordUrl = Callable[[CpdSource, object], str]


def cpd_sources() -> list[CpdSource]:
    return [
        source for config in apps.get_app_configs() for source in getattr(config, "cpd_sources", ())
    ]


def get_source(key: str) -> CpdSource | None:
    return next((source for source in cpd_sources() if source.key == key), None)


def _log_keepers() -> list[RecordUrl]:
    paths = [getattr(config, "cpd_log", "") for config in apps.get_app_configs()]
    return [import_string(path) for path in paths if path]


def record_url(key: str, obj: object) -> str:
    """Where a learner records ``obj`` (offered as the CPD source ``key``) in their CPD log;
    "" while no installed app keeps one, or it does not take this source yet."""
    source = get_source(key)
    if source is None:
        return ""
    for keeper in _log_keepers():
        if url := keeper(source, obj):
            return url
    return ""
