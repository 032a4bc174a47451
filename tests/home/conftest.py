from tests.resources.conftest import (  # noqa: F401 - the library's fixtures, for home page tests
    home_page,
    library,
    make_resource,
    resource,
)
