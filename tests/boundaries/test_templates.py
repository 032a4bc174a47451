"""cop_site names no app: its templates and modules link to an app's pages only through the
hooks the app declares (docs/extension-hooks.md). Imports are checked by lint-imports."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver

COP_SITE = Path(apps.get_app_config("home").path).parent
PROJECT = COP_SITE.parent


def _is_app_module(name: str) -> bool:
    """Whether ``name`` is a module of one of the project's apps (not of cop_site or a library)."""
    root = name.split(".")[0]
    return root != "cop_site" and (PROJECT / root / "apps.py").exists()


def app_namespaces() -> set[str]:
    """The URL namespaces whose URLs an app (resources, forums, learning…) declares."""
    namespaces = set()
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and pattern.namespace:
            module = pattern.urlconf_module
            name = module if isinstance(module, str) else getattr(module, "__name__", "")
            if _is_app_module(name):
                namespaces.add(pattern.namespace)
    return namespaces


def naming_an_app(text: str, namespaces: set[str]) -> list[str]:
    """Every ``'namespace:name'`` in ``text`` that is one of an app's URLs."""
    found = re.findall(r"""["']([a-z_]+):[a-z_]+["']""", text)
    return [namespace for namespace in found if namespace in namespaces]


def test_the_apps_url_namespaces_are_found():
    # Guards the tests below: with no namespaces found, they would pass whatever cop_site says.
    assert "resources" in app_namespaces()
    assert not {"search", "accounts", "admin"} & app_namespaces()


@pytest.mark.parametrize(
    "path", sorted(p.relative_to(PROJECT) for p in COP_SITE.rglob("templates/**/*.html")), ids=str
)
def test_no_cop_site_template_links_to_an_app_by_name(path):
    text = (PROJECT / path).read_text()
    assert naming_an_app(text, app_namespaces()) == []


def test_no_cop_site_module_reverses_an_app_url():
    modules = [p for p in COP_SITE.rglob("*.py") if "migrations" not in p.parts]
    offending = {
        str(p.relative_to(PROJECT)): found
        for p in modules
        if (found := naming_an_app(p.read_text(), app_namespaces()))
    }
    assert offending == {}
