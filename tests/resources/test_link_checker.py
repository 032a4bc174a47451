"""The link checker against a local server: working, missing, moved and slow links."""

import io
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from resources.linkcheck import check_url, check_urls
from resources.models import LinkStatus, ResourcePage
from resources.tasks import check_resource_links_task

TIMEOUT = 0.5
SLOW = 3.0


class Handler(BaseHTTPRequestHandler):
    def _respond(self, send_body: bool) -> None:
        if self.path == "/ok":
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/moved-to-missing":
            self.send_response(302)
            self.send_header("Location", "/missing")
        elif self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
        elif self.path == "/no-head":
            if self.command == "HEAD":
                self.send_response(405)
            else:
                self.send_response(200)
        elif self.path == "/slow":
            time.sleep(SLOW)
            self.send_response(200)
        elif self.path == "/trickle":
            # Headers that arrive a byte at a time, each within the socket timeout.
            self.wfile.write(b"H")
            for byte in b"TTP/1.1 200 OK\r\n\r\n":
                time.sleep(TIMEOUT / 3)
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            return
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):  # noqa: N802
        self._respond(False)

    def do_GET(self):  # noqa: N802
        self._respond(True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/ok", LinkStatus.OK, 200),
        ("/missing", LinkStatus.BROKEN, 404),
        ("/moved", LinkStatus.OK, 200),
        ("/moved-to-missing", LinkStatus.BROKEN, 404),
        ("/no-head", LinkStatus.OK, 200),
    ],
)
def test_check_url(server, path, status, code):
    result = check_url(server + path, timeout=TIMEOUT * 4)
    assert (result.status, result.status_code) == (status, code)


def test_redirect_loop_is_an_error(server):
    result = check_url(f"{server}/loop", timeout=2)
    assert result.status == LinkStatus.ERROR
    assert "redirects" in result.error


@pytest.mark.parametrize("path", ["/slow", "/trickle"])
def test_slow_host_times_out_within_the_limit(server, path):
    started = time.monotonic()
    result = check_url(server + path, timeout=TIMEOUT)
    elapsed = time.monotonic() - started
    assert result.status == LinkStatus.TIMEOUT
    assert elapsed < TIMEOUT + 0.4


def test_unreachable_host_and_bad_scheme():
    # Port 9 (discard) on loopback refuses the connection.
    assert check_url("http://127.0.0.1:9/", timeout=TIMEOUT).status == LinkStatus.ERROR
    assert check_url("ftp://example.org/file", timeout=TIMEOUT).status == LinkStatus.ERROR


def test_many_links_are_checked_concurrently_in_bounded_time(server):
    urls = [f"{server}/slow"] * 6 + [f"{server}/ok", f"{server}/missing"]
    started = time.monotonic()
    results = check_urls(urls, timeout=TIMEOUT, workers=4)
    elapsed = time.monotonic() - started
    assert [r.status for r in results] == [LinkStatus.TIMEOUT] * 6 + [
        LinkStatus.OK,
        LinkStatus.BROKEN,
    ]
    # Two rounds of slow links with four workers, not six in a row.
    assert elapsed < 2 * TIMEOUT + 1.0


@pytest.fixture
def linked(make_resource, server):
    return {
        name: make_resource(name, link_url=server + path)
        for name, path in [("Working", "/ok"), ("Gone", "/missing"), ("Slow", "/slow")]
    }


@pytest.mark.django_db
def test_command_records_status_and_time(linked):
    out = io.StringIO()
    started = time.monotonic()
    call_command("check_resource_links", "--timeout", str(TIMEOUT), stdout=out)
    assert time.monotonic() - started < TIMEOUT + 1.5
    statuses = {
        page.title: (page.link_status, page.link_status_code, page.link_checked_at is not None)
        for page in ResourcePage.objects.filter(pk__in=[p.pk for p in linked.values()])
    }
    assert statuses == {
        "Working": (LinkStatus.OK, 200, True),
        "Gone": (LinkStatus.BROKEN, 404, True),
        "Slow": (LinkStatus.TIMEOUT, None, True),
    }
    assert "Checked 3 links" in out.getvalue()
    assert set(ResourcePage.objects.with_link_problems().values_list("title", flat=True)) == {
        "Gone",
        "Slow",
    }


@pytest.mark.django_db
def test_dry_run_saves_nothing(linked):
    call_command(
        "check_resource_links", "--timeout", str(TIMEOUT), "--dry-run", stdout=io.StringIO()
    )
    assert set(ResourcePage.objects.values_list("link_status", flat=True)) == {LinkStatus.UNCHECKED}


@pytest.mark.django_db
def test_stale_days_skips_recently_checked(linked):
    call_command(
        "check_resource_links",
        "--timeout",
        str(TIMEOUT),
        "--id",
        str(linked["Gone"].pk),
        stdout=io.StringIO(),
    )
    out = io.StringIO()
    call_command("check_resource_links", "--timeout", str(TIMEOUT), "--stale-days", "1", stdout=out)
    assert "Checked 2 links" in out.getvalue()


@pytest.mark.django_db
def test_runs_as_a_background_task(linked):
    result = check_resource_links_task.enqueue(
        resource_ids=[linked["Working"].pk, linked["Gone"].pk], timeout=TIMEOUT
    )
    assert result.return_value == {LinkStatus.OK: 1, LinkStatus.BROKEN: 1}
    assert ResourcePage.objects.get(pk=linked["Gone"].pk).link_status == LinkStatus.BROKEN

    out = io.StringIO()
    call_command("check_resource_links", "--background", "--timeout", str(TIMEOUT), stdout=out)
    assert "Enqueued a check of 3 links" in out.getvalue()
    assert ResourcePage.objects.get(pk=linked["Slow"].pk).link_status == LinkStatus.TIMEOUT


@pytest.mark.django_db
def test_admin_check_links_now(client_as, educator, student, linked, settings):
    client = client_as(educator)
    assert client.get("/admin/library/check-links/").status_code == 200
    settings.RESOURCES_LINK_TIMEOUT = TIMEOUT
    response = client.post("/admin/library/check-links/", follow=True)
    assert "Checked 3 links: 2 need attention." in response.content.decode()
    assert ResourcePage.objects.get(pk=linked["Gone"].pk).link_status == LinkStatus.BROKEN
    refused = client_as(student).post("/admin/library/check-links/", follow=True)
    assert refused.status_code == 403
    assert "Checked 3 links" not in refused.content.decode()
