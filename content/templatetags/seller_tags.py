"""The seller identity for templates: Impressum block, footer, e-mails."""

from __future__ import annotations

from django import template

from content import seo
from content.seller import SellerIdentity
from content.seller import seller_identity as read_seller_identity

register = template.Library()


@register.simple_tag(takes_context=True)
def seller_identity(context) -> SellerIdentity:
    """The identity of the request's site (memoised on the request), else of the default site."""
    request = context.get("request")
    cached = getattr(request, "_naturwest_seller", None)
    if cached is None:
        cached = read_seller_identity(seo.site_for(request) if request is not None else None)
        if request is not None:
            request._naturwest_seller = cached
    return cached
