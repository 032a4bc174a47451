from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers


class PrivateCacheMiddleware:
    """Pages seen by a signed-in person are never stored by shared caches or the browser."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
            patch_vary_headers(response, ["Cookie"])
        return response
