"""Link business orders placed before `Order.company` was filled in to the company they were placed for.

Only orders placed as a business (customer kind b2b) by a buyer of the company, whose printed VAT ID
is that company's, are linked: a buyer's private orders stay private, and an order of a company the
buyer has since left is not given to the new one.
"""

from django.db import migrations


def link_company_orders(apps, schema_editor):
    Order = apps.get_model("orders", "Order")
    CompanyMembership = apps.get_model("accounts", "CompanyMembership")
    for membership in CompanyMembership.objects.select_related("company").iterator():
        Order.objects.filter(
            user_id=membership.user_id,
            company__isnull=True,
            customer_kind="b2b",
            company_vat_id=membership.company.vat_id,
        ).update(company_id=membership.company_id)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("orders", "0004_order_service_point_label"),
    ]

    operations = [migrations.RunPython(link_company_orders, migrations.RunPython.noop)]
