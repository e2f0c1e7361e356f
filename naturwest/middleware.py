from django.conf import settings
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

from commerce.cart.lines import SESSION_KEY as CART_SESSION_KEY
from naturwest.views import page_not_found


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
    visitors without a cart keep the public headers of the catalogue (content/page_cache.py).
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


class PreviewFramingMiddleware:
    """The editor's preview pane frames the previewed page: only that response may be framed, by our origin.

    Wagtail renders a preview by sending a fake request for the page's own URL through the whole
    middleware chain, so it gets the storefront CSP (`frame-ancestors 'none'`) and would show a
    broken frame. Goes right after csp.middleware.CSPMiddleware, so the CSP is built with the
    replacement; live pages keep `frame-ancestors 'none'` and X-Frame-Options DENY.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "is_preview", False):
            response._csp_replace = {**(getattr(response, "_csp_replace", None) or {}), "frame-ancestors": ["'self'"]}
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


class DebugShopNotFoundMiddleware:
    """With DEBUG on (`make run`), unknown storefront URLs get the shop's own 404 page.

    Django's technical 404 lists every URL pattern, the hidden Django admin path among them, and
    hides the page visitors will see. The admins keep Django's page for developers.
    Only in the dev settings; inert unless DEBUG is on.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._applies(request):
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return self._not_found(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self._applies(request):
            return self._not_found(request)
        return None

    @staticmethod
    def _applies(request) -> bool:
        admin_prefixes = ("/admin/", f"/{settings.DJANGO_ADMIN_PATH}")
        return settings.DEBUG and not request.path.startswith(admin_prefixes)

    @staticmethod
    def _not_found(request):
        return page_not_found(request, None)
