from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

DEFAULT_PREFIXES = ("/admin/", "/django-admin/", "/manage/")


class PrivilegedAreaMiddleware:
    """Keeps the admin and moderation tools closed to privileged accounts without MFA.

    Staff, moderators and educators must have an authenticator app, security key or
    passkey set up before they reach any path under the privileged prefixes (see
    `User.has_mfa`); they are sent to set one up instead. Permission checks for everyone
    else stay with the views themselves.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.prefixes = tuple(getattr(settings, "PRIVILEGED_PATH_PREFIXES", DEFAULT_PREFIXES))

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith(self.prefixes)
            and user.is_authenticated
            and user.needs_mfa
            and not user.has_mfa
        ):
            messages.warning(
                request,
                "Set up two-factor authentication with an authenticator app, a security "
                "key or a passkey before using the admin and moderation tools.",
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
