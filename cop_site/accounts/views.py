import logging

from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.account.views import LoginView as AllauthLoginView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from cop_site.redirects import redirect_to_next

from . import services
from .forms import ProfileForm, RoleForm
from .models import Profile, Role, RoleGrant, User
from .profile_sections import sections_for
from .roles import MEMBER_LIST_ROLES

PAGE_SIZE = 25
security_log = logging.getLogger("cop_site.security")


def _members():
    return (
        User.objects.filter(is_active=True)
        .select_related("profile", "profile__verified_by__profile")
        .prefetch_related(Prefetch("role_grants", queryset=RoleGrant.objects.order_by("role")))
    )


def _listed_members():
    """Members other members can find: those who have confirmed their email address."""
    confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return _members().filter(Exists(confirmed))


@login_required
def profile_edit(request):
    profile = services.profile_for(request.user)
    professional = services.asks_professional_identity(request.user)
    if request.method == "POST":
        form = ProfileForm(
            request.POST, instance=Profile.objects.get(pk=profile.pk), professional=professional
        )
        if form.is_valid():
            services.update_profile(profile, **{f: form.cleaned_data[f] for f in form.fields})
            messages.success(request, "Your profile has been saved.")
            return redirect("accounts:profile_edit")
    else:
        form = ProfileForm(instance=profile, professional=professional)
    return render(
        request,
        "accounts/profile_edit.html",
        {"form": form, "profile": profile, "professional": professional},
    )


@login_required
def profile_detail(request, pk: int):
    # Those who look after members reach every profile from their lists; others, the directory's.
    staff = request.user.has_role(Role.MODERATOR, Role.SITE_ADMIN) or services.can_verify(
        request.user
    )
    member = get_object_or_404(_members() if staff else _listed_members(), pk=pk)
    profile = services.profile_for(member)
    is_self = member.pk == request.user.pk
    return render(
        request,
        "accounts/profile_detail.html",
        {
            "member": member,
            "profile": profile,
            "is_self": is_self,
            "can_verify": services.can_verify(request.user) and not is_self,
            "sections": sections_for(request, member),
        },
    )


@login_required
def directory(request):
    members = _listed_members().order_by("profile__display_name", "pk")
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/directory.html", {"page": page})


def _require_verifier(user) -> None:
    if not services.can_verify(user):
        raise PermissionDenied("Only educators and site admins can verify registrations.")


@login_required
def verification_queue(request):
    _require_verifier(request.user)
    pending = (
        Profile.objects.filter(verified_at__isnull=True)
        .exclude(registration_number="")
        .exclude(user=request.user)
        .select_related("user")
        .order_by("updated_at")
    )
    page = Paginator(pending, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/verification_queue.html", {"page": page})


@login_required
@require_POST
def verify(request, pk: int):
    _require_verifier(request.user)
    profile = get_object_or_404(Profile.objects.select_related("user"), user_id=pk)
    if request.POST.get("action") == "revoke":
        services.revoke_verification(profile, by=request.user)
        messages.success(request, f"Verification removed from {profile}.")
    else:
        try:
            services.verify_registration(profile, by=request.user)
        except ValueError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"{profile}'s registration is now shown as verified.")
    return redirect_to_next(request, "accounts:verification_queue")


def _require_moderator(user) -> None:
    if not (user.is_superuser or user.has_role(*MEMBER_LIST_ROLES)):
        raise PermissionDenied("Only moderators and site admins can see the member list.")


@login_required
def members(request):
    _require_moderator(request.user)
    page = Paginator(_members().order_by("email"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/members.html",
        {"page": page, "can_edit_roles": services.can_set_roles(request.user)},
    )


@login_required
def member_roles(request, pk: int):
    # Only those who may set roles are asked to confirm who they are; others are refused.
    if not services.can_set_roles(request.user):
        raise PermissionDenied("Only site admins can change roles.")
    return _edit_member_roles(request, pk)


@reauthentication_required
def _edit_member_roles(request, pk: int):
    member = get_object_or_404(_members(), pk=pk)
    if request.method == "POST":
        form = RoleForm(request.POST)
        if form.is_valid():
            try:
                services.set_roles(
                    member,
                    form.cleaned_data["roles"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error("roles", error)
            else:
                messages.success(request, f"Roles for {member} have been saved.")
                return redirect("accounts:members")
    else:
        form = RoleForm(initial={"roles": sorted(member.roles)})
    return render(request, "accounts/member_roles.html", {"member": member, "form": form})


class LoginView(AllauthLoginView):
    """allauth's log-in, answering 429 Too Many Requests while sign-in is locked.

    allauth shows its lock-out ("too many failed attempts") as a form error with status 200;
    429 lets clients, proxies and monitoring tell a lock-out from a wrong password.
    """

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code="too_many_login_attempts"):
            response.status_code = 429
            security_log.warning(
                "Sign-in locked after repeated failures, from %s",
                self.request.META.get("REMOTE_ADDR", ""),
            )
        return response


def _to_allauth_login(request, default_next: str = "") -> HttpResponseRedirect:
    url = reverse("account_login")
    if query := request.META.get("QUERY_STRING"):
        url = f"{url}?{query}"
    elif default_next:
        url = f"{url}?{urlencode({'next': default_next})}"
    return redirect(url)


def frontend_login(request):
    """Stands in for Wagtail's front-end sign-in form (for pages restricted to members).

    Every password goes through allauth, so its email verification, rate limits and second
    factor apply on every path; this view only passes visitors on, keeping ?next=.
    """
    if request.user.is_authenticated:
        return redirect_to_next(request, settings.LOGIN_REDIRECT_URL)
    return _to_allauth_login(request)


def admin_login(request):
    """Stands in for the Wagtail admin's own sign-in form, which is never used.

    Visitors go to allauth's log-in (and its MFA step), keeping ?next=. A signed-in person
    is only sent here when they may not use the admin; passing them on to the log-in page
    would bounce them straight back to the admin, so they are refused instead.
    """
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect("wagtailadmin_home")
        raise PermissionDenied("You do not have permission to use the admin.")
    # Someone who opens the admin's log-in page directly is on their way to the admin.
    return _to_allauth_login(request, default_next=reverse("wagtailadmin_home"))
