"""Publishing purges cached HTML: the receivers only call content.page_cache's purge functions."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.models import FooterLink, HeaderLink, NavigationSettings, ShopSettings
from content.page_cache import purge_catalog, purge_page, purge_site, view_restrictions_changed
from content.seller import SellerIdentity


def _purge_now_and_after_commit(purge, *args) -> None:
    """Purge at once, and again after commit: a request rendering the old rows in between must not stick."""
    purge(*args)
    transaction.on_commit(lambda: purge(*args))


def _in_navigation(page) -> bool:
    return any(
        model.objects.filter(link_page__translation_key=page.translation_key).exists()
        for model in (HeaderLink, FooterLink)
    )


def on_page_published(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_page, instance)
    if _in_navigation(instance):  # its title is in the header or footer of every cached page
        _purge_now_and_after_commit(purge_site)


def on_page_unpublished(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_page, instance)
    if _in_navigation(instance):
        _purge_now_and_after_commit(purge_site)


def on_frame_settings_saved(sender, created=False, **kwargs):
    """Navigation and shop settings are in the header and footer of every cached page.

    A row created on first read holds the defaults every page already shows: no purge.
    """
    if not created:
        _purge_now_and_after_commit(purge_site)


def on_page_moved(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_catalog)


def on_view_restriction_changed(sender, **kwargs):
    view_restrictions_changed()


def connect() -> None:
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="catalog-restriction-save")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="catalog-restriction-delete"
    )
    for model in (NavigationSettings, ShopSettings, SellerIdentity):
        post_save.connect(on_frame_settings_saved, sender=model, dispatch_uid=f"catalog-purge-on-{model.__name__}")
    page_published.connect(on_page_published, dispatch_uid="catalog-purge-on-publish")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="catalog-purge-on-unpublish")
    post_page_move.connect(on_page_moved, dispatch_uid="catalog-purge-on-move")
