from decimal import Decimal

from django.db import migrations, models


def single_rate_to_breakdown(apps, schema_editor):
    """Orders placed before the split kept one shipping rate: that rate carries all of the shipping."""
    Order = apps.get_model("orders", "Order")
    for order in Order.objects.filter(shipping_gross__gt=0).only(
        "pk", "shipping_net", "shipping_gross", "shipping_vat_rate"
    ):
        rate = str(Decimal(order.shipping_vat_rate).quantize(Decimal("0.01")))
        order.shipping_vat_breakdown = {
            rate: {
                "net": str(order.shipping_net),
                "vat": str(order.shipping_gross - order.shipping_net),
                "gross": str(order.shipping_gross),
            }
        }
        order.save(update_fields=["shipping_vat_breakdown"])


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0006_move_invoice_pdfs_to_private_storage"),
    ]

    operations = [
        migrations.AddField(
            model_name="order",
            name="shipping_vat_breakdown",
            field=models.JSONField(blank=True, default=dict, verbose_name="shipping VAT per rate"),
        ),
        migrations.RunPython(single_rate_to_breakdown, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="order",
            name="shipping_vat_rate",
        ),
    ]
