from django.conf import settings

from .services import MFA_SETUP_NEXT_SESSION_KEY, mfa_setup_redirect

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
        if request.path.startswith(self.prefixes) and user.is_authenticated and user.needs_mfa:
            if not user.has_mfa:
                return mfa_setup_redirect(request, "using the admin and moderation tools")
            # Arrived, after setting up two-factor authentication: nothing left to offer.
            request.session.pop(MFA_SETUP_NEXT_SESSION_KEY, None)
        return self.get_response(request)
