"""The two-factor gate: privileged accounts set up a second factor before using their tools.

One rule (`must_set_up_mfa`) applied one way (`mfa_gate`): views take it with the
`mfa_required` decorator; the Wagtail and Django admins, which have no views of this project
to decorate, take it from `PrivilegedAreaMiddleware` by URL prefix.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Where a member stopped by the gate was going, so set-up can send them on.
MFA_SETUP_NEXT_SESSION_KEY = "cop_mfa_setup_next"

View = Callable[..., HttpResponse]


def must_set_up_mfa(user: Any) -> bool:
    """A privileged account (see `User.needs_mfa`) without an authenticator app, security key
    or passkey (see `User.has_mfa`)."""
    return bool(user.is_authenticated and user.needs_mfa and not user.has_mfa)


def mfa_setup_redirect(request: HttpRequest, before: str) -> HttpResponse:
    """Sends a member who must have two-factor authentication to choose how to set it up,
    saying what it is needed for (``before``: "using the admin and moderation tools").

    The page they were opening is kept (for a GET; a form sent without two-factor
    authentication is not replayed) so that, once set up, they can carry on to it.
    """
    if request.method == "GET":
        request.session[MFA_SETUP_NEXT_SESSION_KEY] = request.get_full_path()
    messages.warning(
        request,
        "Set up two-factor authentication with an authenticator app, a security key or a "
        f"passkey before {before}.",
    )
    return redirect("mfa_index")


def mfa_gate(request: HttpRequest, before: str) -> HttpResponse | None:
    """The response that stops the request (the way to set-up), or None to let it through."""
    if must_set_up_mfa(request.user):
        return mfa_setup_redirect(request, before)
    # Arrived, after setting up two-factor authentication: nothing left to offer.
    request.session.pop(MFA_SETUP_NEXT_SESSION_KEY, None)
    return None


def mfa_required(
    before: str, *, when: Callable[[Any], bool] | None = None
) -> Callable[[View], View]:
    """Puts a view behind the gate. ``when`` narrows it to the people acting in a privileged
    capacity (an educator appraising, not a learner practising)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            applies = when is None or when(request.user)
            if applies and (stopped := mfa_gate(request, before)) is not None:
                return stopped
            return view(request, *args, **kwargs)

        return gated

    return decorator


def mfa_setup_next(request: HttpRequest) -> str:
    """The page a member was opening when sent to set up two-factor authentication, once
    they have it; otherwise an empty string."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_mfa:
        return ""
    return str(request.session.get(MFA_SETUP_NEXT_SESSION_KEY, ""))
