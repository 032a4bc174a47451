from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form that fails Django's CSRF check gets the site's own page, with what to do next."""
    return render(request, "403_csrf.html", status=403)
