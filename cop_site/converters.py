"""Path converters for the project's URLconfs.

Importing this module registers them; each URLconf that uses one imports it.
"""

from django.urls import register_converter

# The largest id a row can have: a signed 64-bit integer (SQLite's INTEGER, PostgreSQL's bigint).
MAX_ID = 2**63 - 1


class IdConverter:
    """`<id:pk>`: a database id, digits only, no larger than `MAX_ID`.

    A larger number cannot be any row's id, and SQLite refuses to even compare one
    (OverflowError), so such a URL does not resolve and the visitor gets a 404 rather
    than a 500 from deep inside a query.
    """

    name = "id"
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is larger than any id")
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, IdConverter.name)
