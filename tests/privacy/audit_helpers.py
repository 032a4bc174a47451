"""What the audit log and "Records about you" tests share: addresses, reading a table's rows,
starting from an empty log, and a client that has just confirmed its password."""

import re

from cop_site.privacy.models import AuditEntry
from tests.conftest import PASSWORD

ADMIN = "/admin/audit_log/"
LOGIN_URL = "/accounts/login/"


def rows(html: str, table: str = "govuk-table") -> list[str]:
    """The text of each body row of the first table with the class `table`, tags removed and
    spaces collapsed."""
    found = html.split(f'class="{table}', 1)[1]
    body = found.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in re.split(r"<tr[^>]*>", body)[1:]
    ]


def start_log() -> None:
    """Clears the entries the fixtures made (their roles, granted from the command line), so a
    test sees only its own."""
    AuditEntry.objects.all().delete()


def reauthenticated(client_as, user, url: str):
    """A client signed in as `user` who has just confirmed their password, as the roles page
    asks."""
    client = client_as(user)
    reauthenticate = client.get(url)["Location"]
    assert client.post(reauthenticate, {"password": PASSWORD}).status_code == 302
    return client
