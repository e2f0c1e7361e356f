"""The shipping the shop had before zones were data: Germany 4.90 €, the other EU delivery countries
9.90 €, Switzerland 19.90 €; free from 49 € gross goods for consumers and 250 € net for businesses."""

from decimal import Decimal

from django.db import migrations

FREE_FOR_CONSUMERS = Decimal("49.00")
FREE_FOR_BUSINESSES = Decimal("250.00")

# name, countries, rates: (carrier product, name, price, min days, max days, provider method, pickup carrier)
ZONES = (
    (
        "Deutschland",
        ["DE"],
        (
            ("dhl-paket", "DHL Paket", "4.90", 2, 3, "8", ""),
            ("dpd-classic", "DPD Classic", "4.90", 1, 3, "9", ""),
            ("dhl-packstation", "DHL Packstation/Filiale", "3.90", 2, 3, "10", "dhl"),
        ),
    ),
    (
        "EU",
        ["AT", "BE", "ES", "FR", "IT", "LU", "NL"],
        (
            ("dhl-paket", "DHL Paket", "9.90", 4, 6, "8", ""),
            ("dpd-classic", "DPD Classic", "9.90", 3, 5, "9", ""),
        ),
    ),
    ("Schweiz", ["CH"], (("dhl-paket", "DHL Paket", "19.90", 4, 6, "8", ""),)),
)

# method code, consumers, businesses
PAYMENTS = (("prepayment", True, True), ("invoice", False, True), ("vendo", True, True))


def create_defaults(apps, schema_editor):
    ShippingZone = apps.get_model("shipping", "ShippingZone")
    ShippingRate = apps.get_model("shipping", "ShippingRate")
    PaymentOption = apps.get_model("shipping", "PaymentOption")
    if not ShippingZone.objects.exists():
        for position, (name, countries, rates) in enumerate(ZONES):
            zone = ShippingZone.objects.create(
                name=name,
                countries=countries,
                consumer_free_from=FREE_FOR_CONSUMERS,
                business_free_from=FREE_FOR_BUSINESSES,
                position=position,
            )
            order = 0
            for customer_type in ("consumer", "business"):
                for product, label, price, low, high, method, carrier in rates:
                    ShippingRate.objects.create(
                        zone=zone,
                        sort_order=order,
                        customer_type=customer_type,
                        carrier_product=product,
                        name=label,
                        price=Decimal(price),
                        min_days=low,
                        max_days=high,
                        provider_method_code=method,
                        pickup_point_carrier=carrier,
                    )
                    order += 1
    if not PaymentOption.objects.exists():
        for position, (code, consumers, businesses) in enumerate(PAYMENTS):
            PaymentOption.objects.create(
                method_code=code, for_consumers=consumers, for_businesses=businesses, position=position
            )


class Migration(migrations.Migration):
    dependencies = [("shipping", "0001_initial")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
