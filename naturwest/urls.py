from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import views as content_views
from naturwest import health, views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path(
        ".well-known/security.txt",
        TemplateView.as_view(template_name="security.txt", content_type="text/plain; charset=utf-8"),
        name="security-txt",
    ),
    path("favicon.ico", views.favicon),
    path("robots.txt", content_views.robots_txt, name="robots-txt"),
    path("sitemap.xml", content_views.sitemap, name="sitemap"),
    path("admin/", include(wagtailadmin_urls)),
    path(settings.DJANGO_ADMIN_PATH, admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("integrations/", include("integrations.urls")),
]

if settings.BENCHMARK_ENDPOINTS:
    urlpatterns.append(path("_bench/hello/", views.hello_world, name="bench-hello"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's catch-all last; German without prefix, English under /en/.
urlpatterns += i18n_patterns(
    path("", include("commerce.orders.urls")),
    path("b2b/", include("commerce.companies.urls")),
    path("account/", include("commerce.customers.urls")),
    path("payment/", include("integrations.payments.urls")),
    path("cart/", include("commerce.cart.urls")),
    path("checkout/", include("commerce.checkout.urls")),
    path("", include("content.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "naturwest.views.page_not_found"
handler500 = "naturwest.views.server_error"
