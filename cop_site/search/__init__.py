"""Site search: a Whoosh backend for Wagtail's search API, and visibility-aware searching.

``backend`` implements the modelsearch backend API on a Whoosh index (``engine``);
``visibility.search_for`` searches on behalf of a person and returns only what they may read.
"""
