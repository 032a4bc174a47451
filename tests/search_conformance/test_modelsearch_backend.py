"""django-modelsearch's backend test suite, run against the Whoosh backend."""

from django.test import TestCase
from modelsearch.tests.test_backends import BackendTests


class WhooshBackendTests(BackendTests, TestCase):
    backend_path = "cop_site.search.backend"
