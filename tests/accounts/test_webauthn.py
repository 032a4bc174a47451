"""Security keys and passkeys (WebAuthn): they count as two-factor authentication for the
admin and moderation tools, and work through allauth's pages without a browser.

`SoftKey` answers allauth's WebAuthn challenges the way a browser and a security key would:
it makes a P-256 key pair, returns the JSON `navigator.credentials.create()` and `.get()`
give allauth's script, and signs assertions. The browser tests (tests/browser/test_webauthn.py)
do the same with Chromium's virtual authenticator.
"""

import json
import os

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.webauthn.internal.auth import WebAuthn
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from fido2.cose import ES256
from fido2.utils import sha256, websafe_decode, websafe_encode
from fido2.webauthn import (
    AttestationObject,
    AttestedCredentialData,
    AuthenticatorData,
    CollectedClientData,
)

from cop_site.accounts.models import Role
from tests.accounts.test_privileged_access import MFA_SETUP_URL, redirect_path
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADD_KEY_URL = "/accounts/2fa/webauthn/add/"
KEYS_URL = "/accounts/2fa/webauthn/"
LOGIN_URL = "/accounts/login/"
LOGOUT_URL = "/accounts/logout/"
MFA_AUTHENTICATE_URL = "/accounts/2fa/authenticate/"
# The test client's host is "testserver"; a browser only offers WebAuthn to a secure origin.
ORIGIN = "https://testserver"


class SoftKey:
    """A security key in software, holding one credential."""

    def __init__(self, *, resident: bool = False) -> None:
        self.resident = resident
        self.private_key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.user_handle: bytes | None = None
        self.sign_count = 0

    def create(self, creation_options: dict) -> dict:
        """The credential a browser returns for allauth's creation options."""
        options = creation_options["publicKey"]
        self.user_handle = websafe_decode(options["user"]["id"])
        public_key = ES256.from_cryptography_key(self.private_key.public_key())
        flags = AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV | AuthenticatorData.FLAG.AT
        auth_data = AuthenticatorData.create(
            sha256(options["rp"]["id"].encode()),
            flags,
            self.sign_count,
            AttestedCredentialData.create(b"\0" * 16, self.credential_id, public_key),
        )
        client_data = CollectedClientData.create("webauthn.create", options["challenge"], ORIGIN)
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": client_data.b64,
                "attestationObject": websafe_encode(
                    AttestationObject.create("none", auth_data, {})
                ),
            },
            "clientExtensionResults": {"credProps": {"rk": self.resident}},
        }

    def get(self, request_options: dict) -> dict:
        """The signed assertion a browser returns for allauth's request options."""
        options = request_options["publicKey"]
        self.sign_count += 1
        auth_data = AuthenticatorData.create(
            sha256(options["rpId"].encode()),
            AuthenticatorData.FLAG.UP | AuthenticatorData.FLAG.UV,
            self.sign_count,
        )
        client_data = CollectedClientData.create("webauthn.get", options["challenge"], ORIGIN)
        signature = self.private_key.sign(
            bytes(auth_data) + client_data.hash, ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": websafe_encode(self.credential_id),
            "rawId": websafe_encode(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": client_data.b64,
                "authenticatorData": websafe_encode(auth_data),
                "signature": websafe_encode(signature),
                "userHandle": websafe_encode(self.user_handle) if self.user_handle else None,
            },
            "clientExtensionResults": {},
        }


def give_security_key(user, name: str = "Office key") -> SoftKey:
    """Stores a security key for `user` the way allauth does after registering one, and
    nothing else: no authenticator app, no recovery codes."""
    key = SoftKey()
    options = {
        "publicKey": {
            "rp": {"id": "testserver", "name": "Social Work Community of Practice"},
            "user": {"id": websafe_encode(str(user.pk).encode())},
            "challenge": websafe_encode(os.urandom(32)),
        }
    }
    WebAuthn.add(user, name, key.create(options))
    return key


def signed_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")


def confirm_password_then_get(client, url: str):
    """Opens `url`, confirming the password first when allauth asks for it."""
    response = client.get(url)
    if response.status_code == 302 and "/reauthenticate/" in response["Location"]:
        confirmed = client.post(response["Location"], {"password": PASSWORD})
        assert confirmed.status_code == 302
        response = client.get(confirmed["Location"])
    return response


def test_webauthn_is_enabled_alongside_the_authenticator_app_and_recovery_codes():
    assert settings.MFA_SUPPORTED_TYPES == ["totp", "webauthn", "recovery_codes"]
    assert settings.MFA_PASSKEY_LOGIN_ENABLED is True
    # http://localhost is a secure origin to browsers and to fido2 already; nothing here
    # loosens the origin check.
    assert not getattr(settings, "MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)


GATED = [
    pytest.param([Role.EDUCATOR], False, "/admin/", id="educator-wagtail-admin"),
    pytest.param([Role.EDUCATOR], False, "/manage/verifications/", id="educator-verifications"),
    pytest.param([Role.MODERATOR], False, "/manage/members/", id="moderator-members"),
    pytest.param([Role.SITE_ADMIN], False, "/django-admin/", id="site-admin-django-admin"),
    pytest.param([Role.SITE_ADMIN], False, "/manage/members/", id="site-admin-members"),
    pytest.param([], True, "/django-admin/", id="staff-django-admin"),
]


@pytest.mark.parametrize("roles, staff, url", GATED)
def test_a_security_key_alone_opens_the_privileged_tools(client, make_user, roles, staff, url):
    user = make_user(roles=roles, mfa=False)
    if staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    client.force_login(user)
    assert redirect_path(client.get(url)) == MFA_SETUP_URL

    give_security_key(user)

    assert list(user.authenticator_set.values_list("type", flat=True)) == [
        Authenticator.Type.WEBAUTHN
    ]
    assert user.has_mfa
    assert client.get(url).status_code == 200


def test_recovery_codes_alone_do_not_count(client, make_user):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    educator = make_user(roles=[Role.EDUCATOR], mfa=False)
    RecoveryCodes.activate(educator)
    client.force_login(educator)

    assert not educator.has_mfa
    assert redirect_path(client.get("/admin/")) == MFA_SETUP_URL


def test_educator_adds_a_key_then_signs_in_with_password_and_key(client, make_user):
    educator = make_user("keyed@example.com", roles=[Role.EDUCATOR], mfa=False)
    client.force_login(educator)

    page = confirm_password_then_get(client, ADD_KEY_URL)
    assert page.status_code == 200
    key = SoftKey()
    credential = key.create(page.context["js_data"]["creation_options"])
    added = client.post(ADD_KEY_URL, {"name": "Office key", "credential": json.dumps(credential)})

    # The first key comes with recovery codes, shown straight away.
    assert redirect_path(added) == "/accounts/2fa/recovery-codes/"
    stored = Authenticator.objects.get(user=educator, type=Authenticator.Type.WEBAUTHN)
    assert stored.wrap().name == "Office key"
    assert client.get("/admin/").status_code == 200

    client.post(LOGOUT_URL)
    password_step = client.post(LOGIN_URL, {"login": educator.email, "password": PASSWORD})
    assert redirect_path(password_step) == MFA_AUTHENTICATE_URL
    assert signed_in_user_id(client) is None

    second_step = client.get(MFA_AUTHENTICATE_URL)
    html = second_step.content.decode()
    assert "Use a security key" in html
    assert 'data-allauth-onload="allauth.webauthn.forms.authenticateForm"' in html

    # A credential from another key is refused.
    stranger = SoftKey()
    stranger.user_handle = key.user_handle
    refused = client.post(
        MFA_AUTHENTICATE_URL,
        {"credential": json.dumps(stranger.get(second_step.context["js_data"]["request_options"]))},
    )
    assert refused.status_code == 200
    refusal = refused.content.decode()
    assert "<title>Error: Confirm it is you – " in refusal
    assert "Your security key or passkey was not accepted." in refusal
    assert "Hidden field" not in refusal
    assert signed_in_user_id(client) is None

    second_step = client.get(MFA_AUTHENTICATE_URL)
    assertion = key.get(second_step.context["js_data"]["request_options"])
    accepted = client.post(MFA_AUTHENTICATE_URL, {"credential": json.dumps(assertion)})

    assert redirect_path(accepted) == "/"
    assert signed_in_user_id(client) == str(educator.pk)
    stored.refresh_from_db()
    assert stored.last_used_at is not None
    assert client.get("/admin/").status_code == 200


def test_a_passkey_signs_in_without_the_password(client, make_user):
    moderator = make_user("passkey-only@example.com", roles=[Role.MODERATOR], mfa=False)
    client.force_login(moderator)
    page = confirm_password_then_get(client, ADD_KEY_URL)
    key = SoftKey(resident=True)
    credential = key.create(page.context["js_data"]["creation_options"])
    client.post(
        ADD_KEY_URL, {"name": "Phone", "passwordless": "on", "credential": json.dumps(credential)}
    )
    assert (
        Authenticator.objects.get(user=moderator, type=Authenticator.Type.WEBAUTHN)
        .wrap()
        .is_passwordless
    )
    client.post(LOGOUT_URL)

    login_page = client.get(LOGIN_URL).content.decode()
    assert "Sign in with a passkey" in login_page
    options = client.get(
        "/accounts/2fa/webauthn/login/", headers={"accept": "application/json"}
    ).json()
    signed_in = client.post(
        "/accounts/2fa/webauthn/login/",
        {"credential": json.dumps(key.get(options["request_options"]))},
    )

    assert redirect_path(signed_in) == "/"
    assert signed_in_user_id(client) == str(moderator.pk)
    assert client.get("/manage/members/").status_code == 200


def test_the_key_list_names_each_key_in_its_actions(client, make_user):
    member = make_user(roles=[Role.PRACTITIONER])
    give_security_key(member, "Office key")
    client.force_login(member)

    html = client.get(KEYS_URL).content.decode()

    assert '<h2 class="govuk-summary-card__title">Office key</h2>' in html
    assert 'Rename<span class="govuk-visually-hidden"> Office key</span>' in html
    assert 'Remove<span class="govuk-visually-hidden"> Office key</span>' in html
    assert "Security key: used after your password" in html


@pytest.mark.parametrize("url", [LOGIN_URL, ADD_KEY_URL, MFA_AUTHENTICATE_URL])
def test_webauthn_scripts_carry_the_csp_nonce(client, make_user, url):
    member = make_user("scripts@example.com", roles=[Role.EDUCATOR], mfa=False)
    give_security_key(member)
    if url == ADD_KEY_URL:
        client.force_login(member)
        response = confirm_password_then_get(client, url)
    elif url == MFA_AUTHENTICATE_URL:
        client.post(LOGIN_URL, {"login": member.email, "password": PASSWORD})
        response = client.get(url)
    else:
        response = client.get(url)
    assert response.status_code == 200

    script_src = next(
        part.split()[1:]
        for part in response["Content-Security-Policy"].split(";")
        if part.split()[0] == "script-src"
    )
    nonce = next(value[len("'nonce-") : -1] for value in script_src if value.startswith("'nonce-"))
    html = response.content.decode()
    for script in ("mfa/js/webauthn-json.js", "mfa/js/webauthn.js", "account/js/onload.js"):
        assert f'<script nonce="{nonce}" src="/static/{script}"></script>' in html
    assert f'nonce="{nonce}" src="/static/dist/webauthn-errors.mjs"' in html
