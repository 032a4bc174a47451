"""Security headers on the public site and on signed-in pages."""

import re

import pytest

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\bnonce="([^"]+)"')


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/accounts/signup/"])
def test_public_pages_carry_a_nonce_based_csp_and_basic_headers(client, url):
    response = client.get(url)

    assert response.status_code == 200
    script_src = csp_directives(response)["script-src"]
    assert "'unsafe-inline'" not in script_src
    assert "'unsafe-eval'" not in script_src
    nonces = [value for value in script_src if value.startswith("'nonce-")]
    assert len(nonces) == 1
    assert csp_directives(response)["object-src"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_every_script_tag_carries_the_nonce_from_the_header(client):
    response = client.get("/")

    nonce = next(
        value.removeprefix("'nonce-").removesuffix("'")
        for value in csp_directives(response)["script-src"]
        if value.startswith("'nonce-")
    )
    tags = SCRIPT_TAG.findall(response.content.decode())
    assert tags, "the page has no <script> tags to check"
    for tag in tags:
        match = NONCE_ATTR.search(tag)
        assert match, f"script without a nonce: {tag}"
        assert match.group(1) == nonce


def test_the_nonce_changes_with_every_response(client):
    first = csp_directives(client.get("/"))["script-src"]
    second = csp_directives(client.get("/"))["script-src"]

    assert first != second


def test_signed_in_pages_are_never_stored(client, practitioner):
    client.force_login(practitioner)

    for url in ("/", "/accounts/profile/"):
        response = client.get(url)
        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, (url, cache_control)
