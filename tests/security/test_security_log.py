"""Sign-ins, failures and lock-outs reach the security log, without what was typed."""

import logging

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"


def security_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "cop_site.security"]


def test_a_sign_in_and_a_sign_out_are_logged(client, practitioner, caplog):
    caplog.set_level(logging.INFO, logger="cop_site.security")

    client.post(LOGIN_URL, {"login": practitioner.email, "password": PASSWORD})
    client.post("/accounts/logout/")

    assert security_lines(caplog) == [
        f"Sign-in: user {practitioner.pk} from 127.0.0.1",
        f"Sign-out: user {practitioner.pk} from 127.0.0.1",
    ]


def test_failures_and_the_lock_out_are_logged_without_the_typed_values(
    client, practitioner, caplog
):
    caplog.set_level(logging.INFO, logger="cop_site.security")

    for _attempt in range(6):
        client.post(LOGIN_URL, {"login": practitioner.email, "password": "wrong-guess-1"})

    lines = security_lines(caplog)
    assert "Failed sign-in from 127.0.0.1" in lines
    assert lines[-1] == "Sign-in locked after repeated failures, from 127.0.0.1"
    assert not any(practitioner.email in line or "wrong-guess" in line for line in lines)
