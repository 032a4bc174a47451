"""Appraising and the admin sit behind the same two-factor gate."""

from urllib.parse import urlsplit

import pytest

from cop_site.accounts.models import Role
from resources import services
from resources.models import Appraisal
from tests.conftest import PASSWORD, totp_code_for_secret

from .conftest import judgements

pytestmark = pytest.mark.django_db

MFA_SETUP_URL = "/accounts/2fa/"
ACTIVATE_URL = "/accounts/2fa/totp/activate/"
RECOVERY_CODES_URL = "/accounts/2fa/recovery-codes/"


def appraise_url(resource) -> str:
    return f"/resources/{resource.pk}/appraise/"


@pytest.mark.parametrize(
    ("place", "purpose"),
    [
        ("appraisal", "before appraising resources"),
        ("admin", "before using the admin and moderation tools"),
    ],
)
def test_an_educator_without_mfa_is_sent_to_set_it_up_and_back(
    client, make_user, resource, place, purpose
):
    educator = make_user(roles=[Role.EDUCATOR], mfa=False)
    client.post("/accounts/login/", {"login": educator.email, "password": PASSWORD})
    url = appraise_url(resource) if place == "appraisal" else "/admin/pages/"

    stopped = client.get(url)

    assert stopped.status_code == 302
    assert urlsplit(stopped["Location"]).path == MFA_SETUP_URL
    assert purpose in client.get(MFA_SETUP_URL).content.decode()

    # Whichever door stopped them, set-up leads back through it.
    secret = client.get(ACTIVATE_URL).context["form"].secret
    client.post(ACTIVATE_URL, {"code": totp_code_for_secret(secret)})
    assert f'href="{url}"' in client.get(RECOVERY_CODES_URL).content.decode()
    assert client.get(url).status_code == 200
    assert f'href="{url}"' not in client.get(RECOVERY_CODES_URL).content.decode()


def test_an_educator_without_mfa_cannot_withdraw_an_appraisal(client_as, make_user, resource):
    educator = make_user(roles=[Role.EDUCATOR], mfa=False)
    appraisal = services.appraise_resource(resource, by=educator, scores=judgements())

    response = client_as(educator).post(f"/resources/{resource.pk}/appraise/withdraw/")

    assert response.status_code == 302
    assert response["Location"] == MFA_SETUP_URL
    assert Appraisal.objects.filter(pk=appraisal.pk).exists()


def test_a_moderator_practising_appraisal_as_a_learner_is_not_stopped(
    client_as, make_user, resource
):
    # Their moderation tools need a second factor; a learner's exercise does not.
    member = make_user(roles=[Role.MODERATOR, Role.PRACTITIONER], mfa=False)

    response = client_as(member).get(appraise_url(resource))

    assert response.status_code == 200
    assert client_as(member).get("/manage/members/").status_code == 302
