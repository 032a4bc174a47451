"""No admin screen shows or edits a second factor's secret; removing one is recorded."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import DELETION, LogEntry

from cop_site.accounts.models import Role
from tests.conftest import recovery_codes, totp_secret

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(make_user, client_as):
    return client_as(make_user("root@example.com", roles=[Role.SITE_ADMIN], mfa=True))


@pytest.fixture
def guarded(make_user):
    return make_user("guarded@example.com", roles=[Role.EDUCATOR], mfa=True)


def secrets_of(user) -> list[str]:
    authenticators = Authenticator.objects.filter(user=user)
    # The stored forms (encrypted secret, recovery seed, key credentials), as far as they are
    # long enough to be told apart from ordinary page text.
    raw = [str(v) for a in authenticators for v in a.data.values() if len(str(v)) >= 12]
    return [totp_secret(user), *recovery_codes(user), *raw]


def admin_urls(authenticator: Authenticator) -> list[str]:
    base = "/django-admin/mfa/authenticator/"
    return [
        base,
        f"{base}?type=totp",
        f"{base}{authenticator.pk}/change/",
        f"{base}{authenticator.pk}/",
    ]


def test_the_data_admin_never_shows_a_secret(admin_client, guarded):
    secrets = secrets_of(guarded)
    for authenticator in Authenticator.objects.filter(user=guarded):
        for url in admin_urls(authenticator):
            response = admin_client.get(url, follow=True)
            assert response.status_code == 200, url
            page = response.content.decode()
            assert str(guarded) in page, url
            for secret in secrets:
                assert secret not in page, (url, secret)


def test_authenticators_cannot_be_added_or_edited_in_the_data_admin(admin_client, guarded):
    totp = Authenticator.objects.get(user=guarded, type=Authenticator.Type.TOTP)
    before = dict(totp.data)

    assert admin_client.get("/django-admin/mfa/authenticator/add/").status_code == 403
    change = admin_client.post(
        f"/django-admin/mfa/authenticator/{totp.pk}/change/",
        {"user": guarded.pk, "type": "totp", "data": '{"secret": "attacker"}'},
    )
    assert change.status_code == 403

    totp.refresh_from_db()
    assert totp.data == before


def test_removing_an_authenticator_is_recorded(admin_client, guarded):
    totp = Authenticator.objects.get(user=guarded, type=Authenticator.Type.TOTP)

    response = admin_client.post(
        f"/django-admin/mfa/authenticator/{totp.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=totp.pk).exists()
    entry = LogEntry.objects.get(object_id=str(totp.pk), action_flag=DELETION)
    assert entry.user.email == "root@example.com"


def test_the_wagtail_admin_has_no_authenticator_screen(admin_client, guarded):
    totp = Authenticator.objects.get(user=guarded, type=Authenticator.Type.TOTP)
    secret = totp_secret(guarded)

    page = admin_client.get(f"/admin/users/{guarded.pk}/").content.decode()

    assert secret not in page
    assert str(totp.data) not in page
