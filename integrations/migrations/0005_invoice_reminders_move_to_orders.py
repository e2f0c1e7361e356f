"""Reminders go by the invoice's own due date: the day of the last reminder moves onto the invoice."""

from django.db import migrations


def copy_last_reminder(apps, schema_editor):
    Invoice = apps.get_model("orders", "Invoice")
    InvoiceDue = apps.get_model("integrations", "InvoiceDue")
    for due in InvoiceDue.objects.exclude(last_reminded_on=None).iterator():
        Invoice.objects.filter(order_id=due.order_id).update(last_reminded_on=due.last_reminded_on)


class Migration(migrations.Migration):
    dependencies = [
        ("integrations", "0004_move_shipment_labels_to_private_storage"),
        ("orders", "0010_invoice_last_reminded_on"),
    ]

    operations = [
        migrations.RunPython(copy_last_reminder, migrations.RunPython.noop),
        migrations.DeleteModel(name="InvoiceDue"),
    ]
