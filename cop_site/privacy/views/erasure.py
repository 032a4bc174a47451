"""Erasing an account: your own, from "Your data", or a member's, by a site admin on their
request. Both explain what happens first, ask for a confirmation, and ask the person acting to
confirm who they are (allauth's re-authentication) before anything is erased.
"""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from cop_site.accounts.mfa import mfa_required
from cop_site.accounts.models import User

from .. import erasure
from ..forms import EraseAccountForm, EraseMemberForm

ERASED_MESSAGE = "Your account has been erased. Thank you for being part of the community."
MEMBER_ERASED_MESSAGE = "The account has been erased. The audit log records it, with your reason."


def _refused(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


@login_required
def erase_own_account(request: HttpRequest) -> HttpResponse:
    return _erase_own_account(request)


# The explanation is open to read; erasing asks for the password (or a second factor) again.
@reauthentication_required(allow_get=True)
def _erase_own_account(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = EraseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_account(user, by=user, delete_shared=form.delete_shared)
        except ValidationError as error:
            _refused(form, error)
        else:
            logout(request)
            messages.success(request, ERASED_MESSAGE)
            return redirect("/")
    return render(
        request,
        "privacy/erase.html",
        {"form": form, "last_site_admin": erasure.is_last_site_admin(user)},
    )


@login_required
def erase_member_account(request: HttpRequest, pk: int) -> HttpResponse:
    # Only those who may erase others are asked to confirm who they are; others are refused.
    if not erasure.can_erase_others(request.user):
        raise PermissionDenied("Only site admins can erase a member's account.")
    return _erase_member_account(request, pk)


@mfa_required("erasing accounts")
@reauthentication_required(allow_get=True)
def _erase_member_account(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        User.objects.filter(erased_at__isnull=True).select_related("profile"), pk=pk
    )
    if member.pk == request.user.pk:
        messages.info(request, "To erase your own account, use this page.")
        return redirect("privacy:erase")
    form = EraseMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_account(
                member,
                by=request.user,
                reason=form.cleaned_data["reason"],
                delete_shared=form.delete_shared,
            )
        except ValidationError as error:
            _refused(form, error)
        else:
            messages.success(request, MEMBER_ERASED_MESSAGE)
            return redirect("accounts:members")
    return render(
        request,
        "privacy/erase_member.html",
        {
            "member": member,
            "form": form,
            "last_site_admin": erasure.is_last_site_admin(member),
        },
    )
