import time
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import get_authentication_records
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from cop_site.links import absolute_url, site_url

# Links allauth builds from the request's host; emails carry them on SITE_URL instead.
_LINKS_FROM_ALLAUTH = ("activate_url", "password_reset_url", "signup_url")


def email_context() -> dict[str, Any]:
    """What every account email can say and link to: the site's name and address, and the
    pages someone reading it may need next."""
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site_url(),
        # allauth's own templates, and any that extend them, read these two.
        "current_site": SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(site_url()).netloc
        ),
        "sign_in_url": absolute_url(reverse("account_login")),
        "forgotten_password_url": absolute_url(reverse("account_reset_password")),
        "email_settings_url": absolute_url(reverse("account_email")),
        "security_url": absolute_url(reverse("mfa_index")),
    }


def signed_in_recently(request: HttpRequest) -> bool:
    """Whether this session's member signed in (or confirmed it was them) within
    ``ACCOUNT_REAUTHENTICATION_TIMEOUT``.

    allauth keeps a record of each step of signing in (password, code, security key) in the
    session, clearing them when a new sign-in starts, so the last record is the moment the
    member last proved who they are. Sessions started any other way have no records.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    records = get_authentication_records(request, user)
    if not records:
        return False
    return time.time() - records[-1]["at"] < app_settings.REAUTHENTICATION_TIMEOUT


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        from cop_site.mail import enqueue_email

        ctx = {"email": email, **email_context(), **context}
        # Greet by name only the member the email is about: allauth passes them as "user"
        # when it knows them. (The "user" of the request that sent the email may be someone
        # else, or no one.)
        member = context.get("user")
        ctx["greeting_name"] = getattr(member, "display_name", "") if member else ""
        for key in _LINKS_FROM_ALLAUTH:
            if ctx.get(key):
                ctx[key] = absolute_url(ctx[key])
        message = self.render_mail(template_prefix, email, ctx)
        enqueue_email(message)

    def send_notification_mail(
        self,
        template_prefix: str,
        user: Any,
        context: dict[str, Any] | None = None,
        email: str | None = None,
    ) -> None:
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email=email
        )

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        # allauth asks again only after its own "confirm it's you" step, so a member who
        # signed in a moment ago would be asked for the password they have just typed.
        # Signing in counts as confirming it for the same few minutes.
        if self.request is not None and signed_in_recently(self.request):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)
