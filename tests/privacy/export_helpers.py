"""What the download tests share: addresses, asking for a copy through the page, and reading
the ZIP."""

import io
import zipfile

from django.urls import reverse

from cop_site.privacy.models import DataExport

REQUEST_URL = reverse("privacy:request_export")
YOUR_DATA_URL = reverse("privacy:your_data")
LOGIN_URL = reverse("account_login")


def download_url(export: DataExport) -> str:
    return reverse("privacy:download", args=[export.public_id])


def ask(client, capture) -> DataExport:
    """Asks for a download through the page's button, running the background build."""
    with capture(execute=True):
        response = client.post(REQUEST_URL)
    assert response.status_code == 302
    assert response["Location"] == YOUR_DATA_URL
    return DataExport.objects.filter(user_id=int(client.session["_auth_user_id"])).first()


def open_zip(export: DataExport) -> zipfile.ZipFile:
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def area_files(archive: zipfile.ZipFile) -> dict[str, str]:
    return {
        name.removesuffix(".json"): archive.read(name).decode()
        for name in archive.namelist()
        if name.endswith(".json")
    }
