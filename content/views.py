"""HTTP only: search, autocomplete, robots.txt, sitemap, the model withdrawal form PDF."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, override
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Locale

from content import search as site_search
from content.models import DEFAULT_ROBOTS_TXT, ShopSettings
from content.seller import seller_identity
from content.seo import site_for
from content.sitemaps import LocalizedSitemap
from content.withdrawal_form import render_withdrawal_form_pdf, withdrawal_form_filename

RESULTS_PER_PAGE = 20


def _language() -> str:
    return (get_language() or "de").split("-")[0]


@require_GET
def search(request):
    query = site_search.clean_query(request.GET.get("q", ""))
    locale = Locale.get_active()
    results = site_search.search_pages(query, locale) if query else []
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    total = page_obj.paginator.count if query else 0
    first_page = request.GET.get("page", "1") in ("", "1")  # one log row per search, not per result page
    if query and first_page and site_search.may_log_search(request.META.get("REMOTE_ADDR", "")):
        site_search.log_search(query, _language(), total)
    context = {
        "alternate_urls": _search_urls(query),
        "search_query": query,
        "search_results": page_obj,
        "result_count": total,
        "noindex": True,
    }
    if query and total == 0:
        context["popular_searches"] = site_search.popular_searches(_language())
    return TemplateResponse(request, "content/search_results.html", context)


def _search_urls(query: str) -> dict[str, str]:
    """The same search in every language, for the language switcher."""
    suffix = f"?{urlencode({'q': query})}" if query else ""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            urls[code] = reverse("search") + suffix
    return urls


@require_GET
@cache_control(public=True, max_age=300, s_maxage=300)
def suggest(request):
    query = site_search.clean_query(request.GET.get("q", ""), max_length=100)
    results = site_search.suggest(query, Locale.get_active(), request)
    return JsonResponse({"query": query, "results": results})


@require_GET
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    site = site_for(request)
    body = (ShopSettings.for_site(site).robots_txt if site else "") or DEFAULT_ROBOTS_TXT
    if "sitemap:" not in body.lower():
        root_url = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
        body = body.rstrip("\n") + f"\n\nSitemap: {root_url}{reverse('sitemap')}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@cache_control(public=True, max_age=3600)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": LocalizedSitemap})


@require_GET
def withdrawal_form_pdf(request):
    """The model withdrawal form as a PDF in the page's language, addressed to the request's seller."""
    language = _language()
    content = render_withdrawal_form_pdf(language, seller_identity(site_for(request)))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{withdrawal_form_filename(language)}"'
    return response
