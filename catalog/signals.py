"""Publishing purges cached HTML: the signal handlers only call catalog.caching.purge_page."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from catalog.caching import purge_catalog, purge_page, view_restrictions_changed


def _purge_now_and_after_commit(purge, *args) -> None:
    """Purge at once, and again after commit: a request rendering the old rows in between must not stick."""
    purge(*args)
    transaction.on_commit(lambda: purge(*args))


def on_page_published(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_page, instance)


def on_page_unpublished(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_page, instance)


def on_page_moved(sender, instance, **kwargs):
    _purge_now_and_after_commit(purge_catalog)


def on_view_restriction_changed(sender, **kwargs):
    view_restrictions_changed()


def connect() -> None:
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="catalog-restriction-save")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="catalog-restriction-delete"
    )
    page_published.connect(on_page_published, dispatch_uid="catalog-purge-on-publish")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="catalog-purge-on-unpublish")
    post_page_move.connect(on_page_moved, dispatch_uid="catalog-purge-on-move")
