"""Who is buying, where it goes, and when: everything a price depends on besides the variant.

A context is built once per request and handed to the engine. B2B fields can only be
set together with `CustomerKind.B2B`, so a retail context can never carry a price list.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone

from .models import company_queryset
from .vat import HOME_COUNTRY, VAT_COUNTRIES

SESSION_DELIVERY_COUNTRY_KEY = "delivery_country"


class CustomerKind(StrEnum):
    ANONYMOUS = "anonymous"
    B2C = "b2c"
    B2B = "b2b"


@dataclass(frozen=True)
class PriceContext:
    customer_kind: CustomerKind = CustomerKind.ANONYMOUS
    company_id: int | None = None
    price_list_id: int | None = None
    vat_id: str = ""
    delivery_country: str = HOME_COUNTRY
    on_date: datetime.date = field(default_factory=timezone.localdate)

    def __post_init__(self):
        if self.customer_kind == CustomerKind.B2B:
            if self.company_id is None:
                raise ValueError("A B2B price context needs a company.")
        elif self.company_id is not None or self.price_list_id is not None or self.vat_id:
            raise ValueError("Only a B2B price context may carry company, price list or VAT ID.")

    @property
    def is_b2b(self) -> bool:
        return self.customer_kind == CustomerKind.B2B

    @classmethod
    def retail(cls, *, authenticated: bool = False, delivery_country: str = HOME_COUNTRY, on_date=None):
        kind = CustomerKind.B2C if authenticated else CustomerKind.ANONYMOUS
        return cls(kind, delivery_country=delivery_country, on_date=on_date or timezone.localdate())

    @classmethod
    def for_company(cls, company, *, delivery_country: str | None = None, on_date=None) -> PriceContext:
        """Context of an approved company's buyer; call only with `Company.objects.bought_for_by(...)`'s result."""
        return cls(
            CustomerKind.B2B,
            company_id=company.pk,
            price_list_id=company.price_list_id,
            vat_id=company.vat_id,
            delivery_country=delivery_country or company.delivery_country,
            on_date=on_date or timezone.localdate(),
        )


def price_context_for_request(request, *, delivery_country: str | None = None) -> PriceContext:
    """B2B for a signed-in buyer of an approved company, else B2C/anonymous retail.

    The delivery country comes from the argument (checkout address), else the session,
    else the company's shipping country, else Germany.
    """
    country = delivery_country
    session = getattr(request, "session", None)
    if country is None and session is not None:
        stored = session.get(SESSION_DELIVERY_COUNTRY_KEY)
        country = stored if stored in VAT_COUNTRIES else None
    user = getattr(request, "user", None)
    company = None
    if user is not None and user.is_authenticated:
        company = company_queryset().bought_for_by(user).first()
    if company is not None:
        return PriceContext.for_company(company, delivery_country=country)
    authenticated = bool(user is not None and user.is_authenticated)
    return PriceContext.retail(authenticated=authenticated, delivery_country=country or HOME_COUNTRY)
