"""The library's curation screens in the Wagtail admin.

Educators edit topics, read every appraisal, and work through three curation
reports: resources due for review, resources nobody has appraised, and resources
whose link the checker found broken or too slow.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.tasks import TaskResultStatus
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import DeleteView, WagtailAdminTemplateMixin
from wagtail.admin.views.pages.listing import IndexView as PageIndexView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy

from cop_site.accounts.models import Role, User
from cop_site.accounts.roles import CURATOR_ROLES
from cop_site.converters import IdConverter

from . import services
from .models import Appraisal, ResourcePage, Topic
from .tasks import check_resource_links_task


class RolePermissionPolicy(BasePermissionPolicy):
    """Grants admin actions by role rather than by Django permission rows, so an
    educator can curate as soon as the role is granted."""

    def __init__(self, model, roles_by_action: dict[str, tuple[str, ...]]) -> None:
        super().__init__(model)
        self.roles_by_action = roles_by_action

    def _roles(self, actions) -> set[str]:
        return {role for action in actions for role in self.roles_by_action.get(action, ())}

    def user_has_permission(self, user, action) -> bool:
        return self.user_has_any_permission(user, [action])

    def user_has_any_permission(self, user, actions) -> bool:
        if not (user.is_authenticated and user.is_active):
            return False
        roles = self._roles(actions)
        return bool(roles) and (user.is_superuser or user.has_role(*roles))

    def users_with_any_permission(self, actions):
        roles = self._roles(actions)
        if not roles:
            return User.objects.none()
        return User.objects.filter(
            Q(is_superuser=True) | Q(role_grants__role__in=roles), is_active=True
        ).distinct()


register_permission_policy(
    Topic,
    RolePermissionPolicy(Topic, dict.fromkeys(("add", "change", "delete", "view"), CURATOR_ROLES)),
)
# Appraisals are made on the public site, where every score must carry a reason.
# Here educators read them; only site admins remove one.
register_permission_policy(
    Appraisal,
    RolePermissionPolicy(Appraisal, {"view": CURATOR_ROLES, "delete": (Role.SITE_ADMIN,)}),
)


class TopicViewSet(ModelViewSet):
    model = Topic
    pk_path_converter = IdConverter.name
    icon = "tag"
    menu_label = _("Topics")
    form_fields = ["name", "slug", "description"]
    list_display = ["name", "slug", Column("resource_count", label=_("Resources"))]
    search_fields = ["name", "description"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return Topic.objects.annotate(resource_count=Count("resources"))


class AppraisalDeleteView(DeleteView):
    def delete_action(self) -> None:
        # Through the service, so the resource's band is recomputed at once.
        services.withdraw_appraisal(self.object, by=self.request.user)


class AppraisalViewSet(ModelViewSet):
    model = Appraisal
    pk_path_converter = IdConverter.name
    icon = "doc-full-inverse"
    menu_label = _("Appraisals")
    inspect_view_enabled = True
    copy_view_enabled = False
    delete_view_class = AppraisalDeleteView
    # Required by the viewset; the permission policy never allows adding or editing here.
    form_fields = ["comment"]
    list_display = [
        "resource",
        Column("appraiser_name", label=_("Appraiser")),
        Column("appraiser_role_label", label=_("Role")),
        DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]
    list_filter = ["appraiser_role"]
    search_fields = ["resource__title", "comment"]
    inspect_view_fields = [
        "resource",
        "appraiser",
        "appraiser_role",
        *(
            f"{c}_{part}"
            for c in (
                "transparency",
                "accuracy",
                "purposivity",
                "utility",
                "propriety",
                "accessibility",
                "specificity",
            )
            for part in ("score", "reason")
        ),
        "comment",
        "created_at",
        "updated_at",
    ]

    def get_queryset(self, request):
        return Appraisal.objects.select_related("resource", "appraiser__profile")


class CurationIndexView(PageIndexView):
    """A flat list of resources needing an educator's attention."""

    def filter_resources(self, resources):
        return resources

    def get_base_queryset(self):
        return self.filter_resources(super().get_base_queryset())

    def search_queryset(self, queryset):
        """Searches every resource, then keeps the matches this list's filter lets through.

        The filters use fields the search index does not hold (an annotation, the link
        status), and a search backend refuses to filter on those.
        """
        if not self.is_searching:
            return queryset
        matches = ResourcePage.objects.autocomplete(self.search_query, order_by_relevance=False)
        return queryset.filter(pk__in=[page.pk for page in matches])


class DueForReviewIndexView(CurationIndexView):
    page_title = _("Resources due for review")
    default_ordering = "review_due"

    def filter_resources(self, resources):
        return resources.due_for_review()


class UnappraisedIndexView(CurationIndexView):
    page_title = _("Resources with no appraisal yet")
    default_ordering = "title"

    def filter_resources(self, resources):
        return resources.unappraised()


class BrokenLinksIndexView(CurationIndexView):
    page_title = _("Resources with broken links")
    default_ordering = "-link_checked_at"

    def filter_resources(self, resources):
        return resources.with_link_problems()

    @cached_property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Check links now"),
                url=reverse("resources_check_links"),
                icon_name="link",
            )
        ]


TITLE_AND_STATUS = [
    column for column in PageIndexView.base_columns if column.name in {"title", "status"}
]


class DueForReviewViewSet(PageListingViewSet):
    model = ResourcePage
    name = "resources_due_for_review"
    icon = "time"
    menu_label = _("Due for review")
    index_view_class = DueForReviewIndexView
    columns = [
        *TITLE_AND_STATUS,
        DateColumn("last_reviewed", label=_("Last reviewed"), sort_key="last_reviewed"),
        DateColumn("review_due", label=_("Review due"), sort_key="review_due"),
        Column("band_label", label=_("Credibility")),
    ]


class UnappraisedViewSet(PageListingViewSet):
    model = ResourcePage
    name = "resources_unappraised"
    icon = "help"
    menu_label = _("No appraisal yet")
    index_view_class = UnappraisedIndexView
    columns = [
        *TITLE_AND_STATUS,
        Column("publisher", label=_("Publisher"), sort_key="publisher"),
        Column("year", label=_("Year"), sort_key="year"),
    ]


class BrokenLinksViewSet(PageListingViewSet):
    model = ResourcePage
    name = "resources_broken_links"
    icon = "warning"
    menu_label = _("Broken links")
    index_view_class = BrokenLinksIndexView
    columns = [
        *TITLE_AND_STATUS,
        Column("link_url", label=_("Link")),
        Column("get_link_status_display", label=_("Found"), sort_key="link_status"),
        Column("link_status_code", label=_("HTTP status")),
        Column("link_error", label=_("Detail")),
        DateColumn("link_checked_at", label=_("Checked"), sort_key="link_checked_at"),
    ]


class LibraryAdminGroup(ViewSetGroup):
    menu_label = _("Library")
    menu_icon = "doc-full"
    menu_order = 250
    items = (
        TopicViewSet("resource_topics"),
        AppraisalViewSet("resource_appraisals"),
        DueForReviewViewSet(),
        UnappraisedViewSet(),
        BrokenLinksViewSet(),
    )


@hooks.register("register_admin_viewset")
def register_library_admin():
    return LibraryAdminGroup()


class CheckLinksView(WagtailAdminTemplateMixin, TemplateView):
    """Starts a link check in the background. A POST, because it changes stored state."""

    template_name = "resources/admin/check_links.html"
    page_title = _("Check resource links")
    header_icon = "link"

    def dispatch(self, request, *args, **kwargs):
        if not services.can_appraise_credibility(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["link_count"] = ResourcePage.objects.with_external_link().count()
        context["problem_count"] = ResourcePage.objects.with_link_problems().count()
        context["report_url"] = reverse("resources_broken_links:index")
        return context

    def post(self, request, *args, **kwargs):
        result = check_resource_links_task.enqueue()
        if result.status == TaskResultStatus.FAILED:
            messages.error(request, _("The link check failed. The error has been logged."))
        elif result.status == TaskResultStatus.SUCCESSFUL:
            counts = result.return_value or {}
            problems = sum(n for status, n in counts.items() if status != "ok")
            messages.success(
                request,
                _("Checked %(total)d links: %(problems)d need attention.")
                % {"total": sum(counts.values()), "problems": problems},
            )
        else:
            messages.success(
                request, _("The link check has started. Come back to this report in a few minutes.")
            )
        return redirect("resources_broken_links:index")


@hooks.register("register_admin_urls")
def register_library_admin_urls():
    return [
        path(
            "library/check-links/",
            CheckLinksView.as_view(),
            name="resources_check_links",
        )
    ]
