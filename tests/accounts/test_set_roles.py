"""Setting a member's roles: who may, which sets of roles are refused, and what is recorded."""

import logging

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cop_site.accounts import services
from cop_site.accounts.models import Role, RoleGrant

pytestmark = pytest.mark.django_db


def roles_of(user) -> set[str]:
    return set(RoleGrant.objects.filter(user=user).values_list("role", flat=True))


def test_a_site_admin_sets_a_members_roles(site_admin, student):
    changes = services.set_roles(student, [Role.PRACTITIONER, Role.MODERATOR], by=site_admin)

    assert roles_of(student) == {Role.PRACTITIONER, Role.MODERATOR}
    assert changes.granted == {Role.PRACTITIONER, Role.MODERATOR}
    assert changes.revoked == {Role.STUDENT}
    granted_by = set(RoleGrant.objects.filter(user=student).values_list("granted_by", flat=True))
    assert granted_by == {site_admin.pk}


def test_setting_the_roles_a_member_holds_changes_nothing(site_admin, student):
    changes = services.set_roles(student, [Role.STUDENT], by=site_admin)

    assert (changes.granted, changes.revoked) == (frozenset(), frozenset())
    assert roles_of(student) == {Role.STUDENT}


def test_a_site_admin_may_add_roles_to_their_own(site_admin):
    services.set_roles(site_admin, [Role.SITE_ADMIN, Role.EDUCATOR], by=site_admin)

    assert roles_of(site_admin) == {Role.SITE_ADMIN, Role.EDUCATOR}


@pytest.mark.parametrize("who", ["moderator", "educator", "practitioner", "student"])
def test_only_site_admins_set_roles(request, who, contributor):
    with pytest.raises(PermissionDenied):
        services.set_roles(contributor, [Role.SITE_ADMIN], by=request.getfixturevalue(who))

    assert roles_of(contributor) == {Role.CONTRIBUTOR}


def test_a_site_admin_without_a_second_factor_is_refused(make_user, student):
    admin = make_user(roles=[Role.SITE_ADMIN], mfa=False)

    with pytest.raises(PermissionDenied, match="two-factor"):
        services.set_roles(student, [Role.EDUCATOR], by=admin)

    assert roles_of(student) == {Role.STUDENT}


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ([], "Choose at least one role"),
        (["student", "wizard"], "Unknown role: wizard"),
    ],
    ids=["none", "unknown"],
)
def test_a_set_of_roles_no_member_can_hold_is_refused(site_admin, student, roles, message):
    with pytest.raises(ValidationError, match=message):
        services.set_roles(student, roles, by=site_admin)

    assert roles_of(student) == {Role.STUDENT}


def test_a_site_admin_cannot_remove_their_own_site_admin_role(site_admin):
    with pytest.raises(ValidationError, match="your own site admin role"):
        services.set_roles(site_admin, [Role.EDUCATOR], by=site_admin)

    assert roles_of(site_admin) == {Role.SITE_ADMIN}


def test_who_revoked_a_role_is_in_the_security_log(site_admin, make_user, caplog):
    member = make_user(roles=[Role.STUDENT, Role.MODERATOR])

    with caplog.at_level(logging.INFO, logger="cop_site.security"):
        services.set_roles(member, [Role.STUDENT], by=site_admin)
        services.revoke_role(member, Role.STUDENT, by=None)

    lines = [r.getMessage() for r in caplog.records if r.name == "cop_site.security"]
    assert f"Role moderator revoked from user {member.pk} by user {site_admin.pk}" in lines
    assert f"Role student revoked from user {member.pk} by the command line" in lines
    assert roles_of(member) == set()


def test_revoking_a_role_not_held_records_nothing(site_admin, student, caplog):
    with caplog.at_level(logging.INFO, logger="cop_site.security"):
        services.revoke_role(student, Role.EDUCATOR, by=site_admin)

    assert not [r for r in caplog.records if "revoked" in r.getMessage()]
