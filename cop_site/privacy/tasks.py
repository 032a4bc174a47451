"""Background work of the privacy app: building a download of a person's data."""

from django.tasks import task


@task()
def build_data_export(export_id: int) -> str:
    """Builds the download `export_id` and emails its owner; returns its status, which the
    task result keeps. A download that no longer exists (its account was erased) is skipped."""
    from .exports import build_export
    from .models import DataExport

    export = DataExport.objects.filter(pk=export_id).first()
    if export is None:
        return "missing"
    return build_export(export).status
