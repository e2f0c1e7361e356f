"""Shipping labels leave the public media storage for the private one, under unguessable names.

Not atomic: each file is copied, its row pointed at the copy, then the original deleted, one by one,
so an interruption never leaves a row pointing at nothing. Re-running it is safe. Backwards puts
the files back into the default storage (names kept) for the code before this change.
"""

from django.db import migrations


def to_private(apps, schema_editor):
    from commerce.orders.private_documents import move_to_private_storage

    move_to_private_storage(apps.get_model("integrations", "Shipment"), "label")


def to_default(apps, schema_editor):
    from commerce.orders.private_documents import STORAGE_ALIAS, move_to_private_storage

    move_to_private_storage(apps.get_model("integrations", "Shipment"), "label", source=STORAGE_ALIAS, target="default")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("integrations", "0003_shipment_label_private_storage")]

    operations = [migrations.RunPython(to_private, to_default)]
