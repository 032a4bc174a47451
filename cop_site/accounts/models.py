from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .regulators import REGISTER_FORMATS, Regulator
from .roles import PRIVILEGED_ROLES, SHOWN_ROLES, Role

__all__ = [
    "Profile",
    "ProfileField",
    "Role",
    "RoleGrant",
    "SignInRecord",
    "User",
    "UserManager",
    "default_shared_fields",
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A member of the platform. People sign in with their email address."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    # When the account was erased: its identity is gone, and what the person wrote for others
    # is shown as by "Former member".
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return str(FORMER_MEMBER)
        profile = getattr(self, "profile", None)
        if profile is not None and profile.display_name:
            return profile.display_name
        return self.get_full_name() or self.email.split("@")[0]

    @cached_property
    def roles(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        # Iterating .all() uses prefetched grants on list pages instead of a query per person.
        return frozenset(grant.role for grant in self.role_grants.all())

    @property
    def public_roles(self) -> list[str]:
        """Role names other members see. Being a service user or carer is this person's
        own to disclose, so the contributor role is never shown to others."""
        return [
            Role(role).label for role in Role.values if role in self.roles and role in SHOWN_ROLES
        ]

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def needs_mfa(self) -> bool:
        return self.is_staff or self.is_superuser or bool(self.roles & PRIVILEGED_ROLES)

    @property
    def has_mfa(self) -> bool:
        """An authenticator app (TOTP) or a security key or passkey (WebAuthn) is set up.
        Recovery codes only stand in for one of those, so on their own they do not count."""
        from allauth.mfa.models import Authenticator

        return self.authenticator_set.exclude(type=Authenticator.Type.RECOVERY_CODES).exists()


FORMER_MEMBER = _("Former member")


class RoleGrant(models.Model):
    """One role held by one person. A person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ProfileField(models.TextChoices):
    """Profile fields each person decides whether other members can see."""

    PRONOUNS = "pronouns", _("Pronouns")
    BIO = "bio", _("About me")
    QUALIFICATIONS = "qualifications", _("Qualifications")
    EMPLOYER = "employer", _("Employer")
    REGISTRATION = "registration", _("Regulator and registration number")


def default_shared_fields() -> list[str]:
    return [ProfileField.PRONOUNS, ProfileField.BIO]


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("How other members see you. It can be a pseudonym."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    bio = models.TextField(_("about me"), blank=True, max_length=4000)

    regulator = models.CharField(
        _("regulator"), max_length=10, choices=Regulator.choices, blank=True
    )
    registration_number = models.CharField(_("registration number"), max_length=32, blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True, max_length=1000)
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    shared_fields = models.JSONField(default=default_shared_fields, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["verified_at"])]

    def __str__(self) -> str:
        return self.display_name or str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("accounts:profile", args=[self.user_id])

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None and bool(self.registration_number)

    @property
    def has_registration(self) -> bool:
        return bool(self.regulator and self.registration_number)

    @property
    def register_url(self) -> str:
        fmt = REGISTER_FORMATS.get(self.regulator)
        return fmt.register_url if fmt else ""

    def shares(self, field: str) -> bool:
        return field in (self.shared_fields or [])


class SignInRecord(models.Model):
    """One successful sign-in, for the person's own sign-in history. The address is removed
    after a while by the retention command; the record itself later goes too."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sign_ins"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "-at"])]

    def __str__(self) -> str:
        return f"Sign-in at {self.at:%d %b %Y %H:%M}"
