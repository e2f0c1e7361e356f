class AdminFrameOptionsMiddleware:
    """The storefront is never framed (X-Frame-Options: DENY); the Wagtail admin frames its own previews."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
