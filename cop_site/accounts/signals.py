import ipaddress
import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_migrate, post_save
from django.dispatch import receiver

from .models import Profile, SignInRecord, User


@receiver(post_save, sender=User)
def create_profile(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


def create_role_groups(sender, **kwargs) -> None:
    from .services import ensure_role_groups

    ensure_role_groups()


def connect_post_migrate(app_config) -> None:
    post_migrate.connect(create_role_groups, sender=app_config)


# Sign-ins, sign-outs and failed attempts go to the security log, identified by user id and
# client address, never by the password or (for failures) the address typed.
security_log = logging.getLogger("cop_site.security")


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def _valid_ip(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs) -> None:
    security_log.info("Sign-in: user %s from %s", user.pk, _client_address(request))


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs) -> None:
    """Adds the sign-in to the person's own history (see "Records about you"). An address
    that is not an IP address is left out rather than stored as typed by a proxy."""
    user_agent = request.headers.get("user-agent", "") if request is not None else ""
    max_length = SignInRecord._meta.get_field("user_agent").max_length
    SignInRecord.objects.create(
        user=user,
        ip_address=_valid_ip(_client_address(request)),
        user_agent=user_agent[:max_length],
    )


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs) -> None:
    if user is not None:
        security_log.info("Sign-out: user %s from %s", user.pk, _client_address(request))


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs) -> None:
    security_log.warning("Failed sign-in from %s", _client_address(request))
