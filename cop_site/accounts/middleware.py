from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .mfa import mfa_gate

DEFAULT_PREFIXES = ("/admin/", "/django-admin/", "/manage/")


class PrivilegedAreaMiddleware:
    """Keeps the admin and moderation tools closed to privileged accounts without MFA.

    Every path under the privileged prefixes passes the same gate as the views decorated
    with `mfa_required` (cop_site.accounts.mfa): staff, moderators and educators without an
    authenticator app, security key or passkey are sent to set one up. Permission checks
    for everyone else stay with the views themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "PRIVILEGED_PATH_PREFIXES", DEFAULT_PREFIXES))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(self.prefixes):
            return self.get_response(request)
        stopped = mfa_gate(request, "using the admin and moderation tools")
        return stopped if stopped is not None else self.get_response(request)
