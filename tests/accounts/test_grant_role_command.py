import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def test_grant_and_revoke_site_admin(make_user):
    user = make_user(email="first@example.com", roles=["practitioner"])
    call_command("grant_role", "First@Example.com", "site_admin")
    user.refresh_from_db()
    assert user.is_superuser and "site_admin" in type(user).objects.get(pk=user.pk).roles

    call_command("grant_role", "first@example.com", "site_admin", "--revoke")
    user = type(user).objects.get(pk=user.pk)
    assert not user.is_superuser and "site_admin" not in user.roles


def test_dry_run_changes_nothing(make_user):
    user = make_user(email="dry@example.com")
    call_command("grant_role", "dry@example.com", "moderator", "--dry-run")
    assert "moderator" not in type(user).objects.get(pk=user.pk).roles


def test_unknown_email_is_a_clear_error():
    with pytest.raises(CommandError, match="No member has the email address"):
        call_command("grant_role", "nobody@example.com", "student")
