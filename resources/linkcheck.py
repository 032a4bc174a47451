"""Checking that resources' external links still work, without ever hanging.

Each URL gets one deadline covering every connection, redirect and read. A socket
timeout alone is not enough: a host that trickles a byte at a time can keep a
request alive for ever, so a watchdog shuts the socket down at the deadline. The
checks run in a small pool of daemon threads; a thread stuck in a slow DNS lookup
cannot keep the batch, or the process, waiting.
"""

from __future__ import annotations

import contextlib
import http.client
import math
import queue
import socket
import ssl
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from .models import LinkStatus

DEFAULT_TIMEOUT = 10.0
USER_AGENT = "SocialWorkCoP-LinkChecker/1.0 (checks that library links still work)"
MAX_REDIRECTS = 5
# Servers that refuse HEAD (or answer it wrongly) are asked again with GET.
RETRY_WITH_GET = {403, 405, 501}


def default_timeout() -> float:
    """Seconds each link may take, unless a command or task is told otherwise.
    A site on a slow network can raise it with the RESOURCES_LINK_TIMEOUT setting."""
    return float(getattr(settings, "RESOURCES_LINK_TIMEOUT", DEFAULT_TIMEOUT))


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: str
    status_code: int | None = None
    error: str = ""
    final_url: str = ""
    elapsed: float = 0.0
    checked_at: datetime = field(default_factory=timezone.now)

    @property
    def ok(self) -> bool:
        return self.status == LinkStatus.OK


class _Deadline(Exception):
    pass


def _abort(conn: http.client.HTTPConnection) -> None:
    sock = conn.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _request(method: str, url: str, deadline: float) -> tuple[int, str | None]:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Deadline
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=remaining)
    watchdog = threading.Timer(remaining, _abort, args=(conn,))
    watchdog.daemon = True
    watchdog.start()
    try:
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        conn.request(method, path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        return response.status, response.getheader("Location")
    except (OSError, http.client.HTTPException):
        if time.monotonic() >= deadline:
            raise _Deadline from None
        raise
    finally:
        watchdog.cancel()
        conn.close()


def check_url(url: str, *, timeout: float = 10.0) -> LinkResult:
    """Checks one URL, following redirects, within `timeout` seconds in all."""
    started = time.monotonic()
    deadline = started + timeout

    def result(
        status: str, code: int | None = None, error: str = "", final: str = ""
    ) -> LinkResult:
        return LinkResult(
            url=url,
            status=status,
            status_code=code,
            error=error,
            final_url=final or url,
            elapsed=time.monotonic() - started,
        )

    current = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            parts = urlsplit(current)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                return result(LinkStatus.ERROR, error=f"Not a web address: {current}")
            code, location = _request("HEAD", current, deadline)
            if code in RETRY_WITH_GET:
                code, location = _request("GET", current, deadline)
            if 300 <= code < 400 and location:
                current = urljoin(current, location)
                continue
            if 200 <= code < 300:
                return result(LinkStatus.OK, code, final=current)
            return result(LinkStatus.BROKEN, code, f"The server answered {code}.", current)
        return result(LinkStatus.ERROR, error="Too many redirects.", final=current)
    except _Deadline:
        return result(LinkStatus.TIMEOUT, error=f"No answer within {timeout:g} seconds.")
    except TimeoutError:
        return result(LinkStatus.TIMEOUT, error=f"No answer within {timeout:g} seconds.")
    except ssl.SSLError as error:
        return result(LinkStatus.ERROR, error=f"Secure connection failed: {error}")
    except (OSError, http.client.HTTPException, ValueError) as error:
        return result(LinkStatus.ERROR, error=str(error) or error.__class__.__name__)


def check_urls(urls: Sequence[str], *, timeout: float = 10.0, workers: int = 8) -> list[LinkResult]:
    """Checks many URLs with at most `workers` at a time; results keep the input order."""
    if not urls:
        return []
    workers = max(1, min(workers, len(urls)))
    results: list[LinkResult | None] = [None] * len(urls)
    jobs: queue.SimpleQueue[tuple[int, str]] = queue.SimpleQueue()
    for index, url in enumerate(urls):
        jobs.put((index, url))

    def work() -> None:
        while True:
            try:
                index, url = jobs.get_nowait()
            except queue.Empty:
                return
            results[index] = check_url(url, timeout=timeout)

    threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
    for thread in threads:
        thread.start()
    # Every check ends by its own deadline, so the batch needs at most this long;
    # the margin covers thread start-up and DNS look-ups the socket timeout misses.
    batch_deadline = time.monotonic() + timeout * math.ceil(len(urls) / workers) + timeout
    for thread in threads:
        thread.join(max(0.0, batch_deadline - time.monotonic()))

    return [
        outcome
        if outcome is not None
        else LinkResult(
            url=urls[index],
            status=LinkStatus.TIMEOUT,
            error=f"No answer within {timeout:g} seconds.",
            elapsed=timeout,
        )
        for index, outcome in enumerate(results)
    ]
