from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from catalog import receivers

        configure_product_translation()
        receivers.connect()


def configure_product_translation():
    """Tell wagtail-localize what a product translation shares with its German source.

    Variants and the import's product_key are left out (one SKU and one stock across languages; they
    stay on the source).
    Brand, certifications, attributes, extra categories and related products are kept in sync.
    """
    from wagtail_localize.fields import SynchronizedField, get_translatable_fields

    from catalog.models import ProductPage

    if "translatable_fields" in ProductPage.__dict__:
        return
    fields = [f for f in get_translatable_fields(ProductPage) if f.field_name not in ("variants", "product_key")]
    fields += [
        SynchronizedField(name)
        for name in ("certifications", "attributes", "additional_categories", "related_products")
    ]
    ProductPage.translatable_fields = fields
