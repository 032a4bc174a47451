"""Asking for a copy of your data, and downloading it.

A download link works only for the person it belongs to: to anyone else it is a page that
does not exist (404), the same as a link that never did. Every page works without JavaScript.
"""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from .. import exports
from ..models import DataExport

PREPARING_MESSAGE = "We are preparing a copy of your data. We will email you when it is ready."
ALREADY_MESSAGE = (
    "We are already preparing a copy of your data. We will email you when it is ready."
)
READY_MESSAGE = "Your copy is ready to download. We have also emailed you a link to it."
FAILED_MESSAGE = "Something went wrong while we were preparing your copy. You can ask again."


@require_POST
@login_required
def request_export(request: HttpRequest) -> HttpResponse:
    already = exports.pending_export(request.user) is not None
    try:
        export = exports.request_export(request.user, by=request.user)
    except exports.ExportLimitReached as limit:
        messages.error(request, str(limit))
        return redirect("privacy:your_data")
    # Where the build runs at once, it has finished by now: say what is true of it.
    export.refresh_from_db(fields=["status"])
    if export.status == DataExport.Status.READY:
        messages.success(request, READY_MESSAGE)
    elif export.status == DataExport.Status.FAILED:
        messages.error(request, FAILED_MESSAGE)
    else:
        messages.success(request, ALREADY_MESSAGE if already else PREPARING_MESSAGE)
    return redirect("privacy:your_data")


def _status_page(request: HttpRequest, export: DataExport, state: str, status: int = 200):
    return render(
        request,
        "privacy/export_status.html",
        {
            "export": export,
            "state": state,
            "can_ask_again": state in ("failed", "expired"),
            "time_name": exports.local_time_name(),
        },
        status=status,
    )


@require_safe
@login_required
def download(request: HttpRequest, public_id: UUID) -> HttpResponse:
    export = exports.owned_export(request.user, public_id)
    if export is None:
        raise Http404("No such download.")
    if exports.is_expired(export):
        return _status_page(request, export, "expired", status=410)
    if export.status == DataExport.Status.PENDING:
        return _status_page(request, export, "pending")
    if export.status == DataExport.Status.FAILED or not export.file:
        return _status_page(request, export, "failed")
    try:
        handle = export.file.open("rb")
    except OSError:
        return _status_page(request, export, "failed")
    # A HEAD request is answered as a GET would be, without the file: nothing was downloaded.
    if request.method == "GET":
        exports.record_download(export, by=request.user)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=exports.download_name(export),
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
