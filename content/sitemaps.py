"""One sitemap for every language: the site's home page and its translations, with all live pages below."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class LocalizedSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        in_any_tree = Q()
        for path in homes.values_list("path", flat=True):
            in_any_tree |= Q(path__startswith=path)
        return Page.objects.filter(in_any_tree).live().public().order_by("path").defer_streamfields().specific()
