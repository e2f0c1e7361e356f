from django.conf import settings
from django.utils.cache import patch_cache_control

from commerce.cart.services import SESSION_KEY as CART_SESSION_KEY


class AdminFrameOptionsMiddleware:
    """The storefront is never framed (X-Frame-Options: DENY); the Wagtail admin frames its own previews."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class PrivateResponseMiddleware:
    """Whatever is rendered for a signed-in visitor or a session holding a cart is `private, no-cache`.

    Such a page may carry a company's net prices, the cart or the account, and a shared cache (CDN,
    proxy) must never hand it to someone else. Views need not remember it: this covers every response,
    Wagtail pages included. A response that is already private or no-store keeps its header; anonymous
    visitors without a cart keep the public headers of the catalogue (catalog/caching.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_personal(request) and not _is_private(response):
            patch_cache_control(response, private=True, no_cache=True)
        return response


def is_personal(request) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False  # no session, no cart (and no query to find that out)
    session = getattr(request, "session", None)
    return bool(session is not None and session.get(CART_SESSION_KEY))


def _is_private(response) -> bool:
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    return bool(directives & {"private", "no-store"})
