"""Cache invalidation only: page changes from anywhere (admin, imports, seed_demo) refresh the navigation."""

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from content.navigation import invalidate_navigation


def forget_navigation(**kwargs):
    invalidate_navigation()


def connect() -> None:
    from wagtail.models import Page

    signals = {
        "published": page_published,
        "unpublished": page_unpublished,
        "moved": post_page_move,
        "slug": page_slug_changed,
    }
    for name, signal in signals.items():
        signal.connect(forget_navigation, dispatch_uid=f"content-navigation-{name}")
    post_delete.connect(forget_navigation, sender=Page, dispatch_uid="content-navigation-page-delete")
