"""Stock is live data: page saves, stale editor forms and old revisions never put sold units back."""

from django.db.models import F
from wagtail.models import ModelLogEntry

from catalog.models import ProductVariant
from catalog.stock import STOCK_ADJUSTED, set_stock_level
from catalog.tests.factories import make_category, make_product, variant
from catalog.tests.test_admin import product_form_data


def sell(variant_pk: int, units: int) -> None:
    ProductVariant.objects.filter(pk=variant_pk).update(stock_quantity=F("stock_quantity") - units)


def edit_form(product, existing, *, stock_seen: str, stock_posted: str) -> dict:
    data = product_form_data(
        title=product.title,
        slug=product.slug,
        variants=[{"sku": existing.sku, "retail_price": "9.90", "id": existing.pk, "stock_quantity": stock_posted}],
        initial_variants=1,
    )
    data["initial-variants-0-stock_quantity"] = stock_seen  # the hidden initial the editor's form carried
    data["action-publish"] = "publish"
    return data


def test_publishing_with_an_untouched_stale_stock_field_keeps_units_sold_meanwhile(admin_client, home_de):
    product = make_product(make_category(home_de, "Tee"), "Chai", variants=[variant(stock=20)])
    existing = product.variants.get()
    data = edit_form(product, existing, stock_seen="20", stock_posted="20")  # editor opened the page at 20
    sell(existing.pk, 3)  # meanwhile an order takes 3

    response = admin_client.post(f"/admin/pages/{product.pk}/edit/", data)

    assert response.status_code == 302
    assert ProductVariant.objects.get(pk=existing.pk).stock_quantity == 17


def test_a_stock_figure_the_editor_changes_becomes_an_audited_correction(admin_client, home_de, admin_user):
    product = make_product(make_category(home_de, "Tee"), "Chai", variants=[variant(stock=20)])
    existing = product.variants.get()

    response = admin_client.post(
        f"/admin/pages/{product.pk}/edit/", edit_form(product, existing, stock_seen="20", stock_posted="50")
    )

    assert response.status_code == 302
    assert ProductVariant.objects.get(pk=existing.pk).stock_quantity == 50
    entry = ModelLogEntry.objects.get(action=STOCK_ADJUSTED)
    assert entry.data == {"sku": existing.sku, "from": 20, "to": 50, "reason": "page editor"}
    assert entry.user == admin_user


def test_publishing_an_old_revision_does_not_restore_old_stock(home_de):
    product = make_product(make_category(home_de, "Tee"), "Chai", variants=[variant(stock=20)])
    old_revision = product.latest_revision
    existing = product.variants.get()
    sell(existing.pk, 15)

    old_revision.publish()

    assert ProductVariant.objects.get(pk=existing.pk).stock_quantity == 5


def test_set_stock_level_refreshes_availability_of_the_product(home_de, django_capture_on_commit_callbacks):
    product = make_product(make_category(home_de, "Tee"), "Chai", variants=[variant(stock=2)])
    existing = product.variants.get()

    with django_capture_on_commit_callbacks(execute=True):
        previous = set_stock_level(existing, 0, reason="inventory count")

    product.refresh_from_db()
    assert previous == 2
    assert product.in_stock is False
