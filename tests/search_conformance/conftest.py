"""django-modelsearch's backend suite runs only in its own invocation, with its own settings.

    pytest --ds=cop_site.settings.test_search_conformance \
        --confcutdir=tests/search_conformance tests/search_conformance
"""

import os

CONFORMANCE_SETTINGS = "cop_site.settings.test_search_conformance"

if os.environ.get("DJANGO_SETTINGS_MODULE") != CONFORMANCE_SETTINGS:
    collect_ignore_glob = ["test_*.py"]
