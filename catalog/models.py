"""The catalogue: categories and products as Wagtail pages, sellable variants as their inline children.

Variants (SKU, price, stock) belong to the German source page only. Translations of a
product share them through the page's `translation_key`, so a SKU and its stock exist
once, whatever the number of languages. `commerce.pricing` decides what a variant costs
for whom; the fields here are the editor's input to it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import DatabaseError, models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from stdnum import ean as ean_checksum
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index

from catalog.forms import ProductPageForm
from content.blocks import BODY_BLOCKS
from content.models import SitePage
from content.page_cache import CachedPageMixin


class TaxClass(models.TextChoices):
    STANDARD = "standard", _("Standard rate")
    REDUCED = "reduced", _("Reduced rate")


class StockState(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    LOW = "low", _("Only a few left")
    BACKORDER = "backorder", _("Available to order")
    SOLD_OUT = "sold_out", _("Sold out")


class NetUnit(models.TextChoices):
    GRAM = "g", _("g")
    KILOGRAM = "kg", _("kg")
    MILLILITRE = "ml", _("ml")
    LITRE = "l", _("l")
    PIECE = "piece", _("piece")


# Base price per unit (PAngV): grams and millilitres are shown per kg / l, pieces per piece.
BASE_UNIT = {
    NetUnit.GRAM: ("kg", Decimal("1000")),
    NetUnit.KILOGRAM: ("kg", Decimal("1")),
    NetUnit.MILLILITRE: ("l", Decimal("1000")),
    NetUnit.LITRE: ("l", Decimal("1")),
    NetUnit.PIECE: ("piece", Decimal("1")),
}


def source_language() -> str:
    """Language code of the source locale (German) without a database query."""
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language() -> str:
    """The visitor's content language code, without the query `Locale.get_active()` costs."""
    return get_supported_content_language_variant(get_language())


def validate_gtin(value: str) -> None:
    """EAN-8/EAN-13/GTIN-14 with a valid check digit."""
    if not ean_checksum.is_valid(value):
        raise ValidationError(_("%(value)s is not a valid EAN/GTIN (check digit or length)."), params={"value": value})


class Brand(index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("logo"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("brand")
        verbose_name_plural = _("brands")

    def __str__(self) -> str:
        return self.name


class Certification(TranslatableMixin, models.Model):
    """A seal such as Bio, vegan, Demeter or Fairtrade; translatable, shown with its logo."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("logo"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return self.name


class Attribute(TranslatableMixin, models.Model):
    """A filterable property with a value, e.g. "Hauttyp: trocken" or "Geschmack: Minze"."""

    group = models.CharField(_("group"), max_length=60, help_text=_("e.g. Skin type, Flavour"))
    value = models.CharField(_("value"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=160, help_text=_("Used in filter URLs."))

    panels = [FieldPanel("group"), FieldPanel("value"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["group", "value"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self) -> str:
        return f"{self.group}: {self.value}"


class CategoryPage(CachedPageMixin, SitePage):
    """A product category; categories nest (Tee → Kräutertee) and list the products below them."""

    publish_purges_catalog = True

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True, help_text=_("Optional content below the grid."))

    content_panels = SitePage.content_panels + [FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]
    search_fields = SitePage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["content.HomePage", "catalog.CategoryPage"]
    subpage_types = ["catalog.CategoryPage", "catalog.ProductPage"]

    class Meta:
        verbose_name = _("category page")

    def route(self, request, path_components):
        """Find a product anywhere below in one query instead of two per tree level."""
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            product = (
                # The slug narrows it through Wagtail's slug index; url_path itself has no index.
                ProductPage.objects.filter(
                    slug=path_components[-1], url_path=url_path, locale_id=self.locale_id, path__startswith=self.path
                )
                .select_related("brand")
                .first()
            )
            if product is not None:
                return product.route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from catalog.listing import category_listing  # listing imports these models

        context = super().get_context(request, *args, **kwargs)
        listing = category_listing(self, request.GET)
        context.update(
            listing=listing,
            products=listing.page_obj.object_list,
            noindex=self.noindex or listing.noindex,
            # Paginated pages are canonical to themselves; filtered and re-sorted ones to the plain listing.
            canonical_url=self.get_full_url(request)
            + (f"?page={listing.page_obj.number}" if listing.page_obj.number > 1 else ""),
        )
        return context


class ProductPage(CachedPageMixin, SitePage):
    publish_purges_catalog = True
    base_form_class = ProductPageForm
    brand = models.ForeignKey(
        Brand, verbose_name=_("brand"), null=True, blank=True, on_delete=models.SET_NULL, related_name="products"
    )
    short_description = models.TextField(_("short description"), max_length=300, blank=True)
    description = RichTextField(_("description"), blank=True)
    ingredients = models.TextField(_("ingredients / INCI"), blank=True)
    allergens = models.CharField(_("allergens"), max_length=255, blank=True)
    usage = models.TextField(_("usage"), blank=True)
    certifications = ParentalManyToManyField(Certification, verbose_name=_("certifications"), blank=True)
    attributes = ParentalManyToManyField(Attribute, verbose_name=_("attributes"), blank=True)
    additional_categories = ParentalManyToManyField(
        CategoryPage,
        verbose_name=_("also listed in"),
        blank=True,
        related_name="additional_products",
        help_text=_("Further categories that list this product besides its parent."),
    )
    related_products = ParentalManyToManyField(
        "self", verbose_name=_("related products"), blank=True, symmetrical=False
    )
    body = StreamField(BODY_BLOCKS, blank=True, use_json_field=True)
    product_key = models.CharField(
        _("product key"),
        max_length=64,
        blank=True,
        db_index=True,
        help_text=_("Key of this product in the import sheet (column product_key); set by the CSV import."),
    )
    # Denormalised from the variants on save, so listings sort and filter without joins.
    min_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)
    in_stock = models.BooleanField(default=False, editable=False)

    content_panels = SitePage.content_panels + [
        FieldPanel("brand"),
        FieldPanel("short_description"),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("Gallery images")),
        MultiFieldPanel(
            [FieldPanel("ingredients"), FieldPanel("allergens"), FieldPanel("usage")], heading=_("Product details")
        ),
        FieldPanel("certifications"),
        FieldPanel("attributes"),
        FieldPanel("additional_categories"),
        FieldPanel("related_products"),
        FieldPanel("body"),
    ]
    variant_panels = [FieldPanel("product_key"), InlinePanel("variants", label=_("Variants"), min_num=0)]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(variant_panels, heading=_("Variants")),
            ObjectList(SitePage.promote_panels, heading=_("SEO")),
            ObjectList(SitePage.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = SitePage.search_fields + [
        index.SearchField("short_description"),
        index.SearchField("description"),
        index.SearchField("ingredients"),
        index.RelatedFields("brand", [index.SearchField("name")]),
        index.RelatedFields("variants", [index.SearchField("sku"), index.FilterField("sku")]),
        index.FilterField("min_price"),
        index.FilterField("in_stock"),
    ]

    parent_page_types = ["catalog.CategoryPage"]
    subpage_types: list[str] = []

    # Variants are not copied into translations: one SKU, one stock, in every language. The import key
    # belongs to the German source (and a copied page is a new product).
    exclude_fields_in_copy = ["variants", "product_key"]

    class Meta:
        verbose_name = _("product page")

    def get_context(self, request, *args, **kwargs):
        from catalog.detail import product_detail

        context = super().get_context(request, *args, **kwargs)
        context.update(product_detail(self, request))
        return context

    @cached_property
    def source_product(self) -> ProductPage:
        """The German source page that owns the variants (self, for the source itself)."""
        if self.is_source_product:
            return self
        return (
            ProductPage.objects.filter(translation_key=self.translation_key, locale__language_code=source_language())
            .select_related("brand")
            .first()
            or self
        )

    def sellable_variants(self):
        """Active variants of the source page, in one query whatever the locale of this page."""
        return ProductVariant.objects.filter(
            product__translation_key=self.translation_key,
            product__locale__language_code=source_language(),
            active=True,
        ).order_by("sort_order", "pk")

    def refresh_listing_fields(self) -> None:
        """Recompute min_price/in_stock from the variants (in memory: the editor's unsaved inline forms count)."""
        variants = list(self.variants.all()) if self.pk or self._has_in_memory_variants() else []
        active = [v for v in variants if v.active]
        self.min_price = min((v.retail_price for v in active if v.retail_price is not None), default=None)
        self.in_stock = any(v.stock_quantity > 0 or v.backorder_allowed for v in active)

    def _has_in_memory_variants(self) -> bool:
        return "variants" in getattr(self, "_cluster_related_objects", {})

    def save(self, *args, **kwargs):
        """Keep the listing fields right on every full save (publish, import, copy).

        Partial saves (`update_fields`, e.g. a draft revision) leave them alone: the live
        listing shows the live variants. Translations take the source's values, and a
        source's values are pushed to all its translations, so English listings sort and
        filter by the same prices.
        """
        full_save = kwargs.get("update_fields") is None
        if full_save:
            if self.is_source_product:
                self.refresh_listing_fields()
            else:
                source = self.source_product
                if source is not self:
                    self.min_price, self.in_stock = source.min_price, source.in_stock
        result = super().save(*args, **kwargs)
        if full_save and self.is_source_product:
            ProductPage.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk).update(
                min_price=self.min_price, in_stock=self.in_stock
            )
        return result

    @cached_property
    def is_source_product(self) -> bool:
        if self.locale_id is None:
            return True
        return self.locale.language_code == source_language()


class ProductGalleryImage(Orderable):
    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"), max_length=200, blank=True, help_text=_("Describe the image for screen readers.")
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]


class ProductVariant(Orderable):
    """A sellable SKU. Editors set retail price and stock here; commerce.pricing resolves prices."""

    product = ParentalKey(ProductPage, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    ean = models.CharField(_("EAN/GTIN"), max_length=14, blank=True, validators=[validate_gtin])
    size_label = models.CharField(_("size label"), max_length=60, help_text=_("e.g. 250 g, 3 × 100 ml"))
    net_quantity = models.DecimalField(
        _("net content"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    net_unit = models.CharField(_("unit"), max_length=5, choices=NetUnit.choices, default=NetUnit.GRAM)
    weight_grams = models.PositiveIntegerField(_("shipping weight (g)"), default=0)
    retail_price = models.DecimalField(
        _("retail price (gross EUR)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.00"))]
    )
    compare_at_price = models.DecimalField(
        _("compare-at price (gross EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Former price shown struck through; must be higher than the retail price."),
    )
    tax_class = models.CharField(_("tax class"), max_length=10, choices=TaxClass.choices, default=TaxClass.STANDARD)
    stock_quantity = models.IntegerField(_("stock"), default=0)
    backorder_allowed = models.BooleanField(_("backorder allowed"), default=False)
    low_stock_threshold = models.PositiveIntegerField(_("low-stock threshold"), default=5)
    backorder_lead_days = models.PositiveSmallIntegerField(
        _("backorder lead time (working days)"),
        default=7,
        help_text=_("Working days until a backordered unit is ready to ship; added to the shipping time."),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("ean")]),
        FieldRowPanel([FieldPanel("size_label"), FieldPanel("net_quantity"), FieldPanel("net_unit")]),
        FieldRowPanel([FieldPanel("retail_price"), FieldPanel("compare_at_price"), FieldPanel("tax_class")]),
        FieldRowPanel(
            [FieldPanel("stock_quantity"), FieldPanel("backorder_allowed"), FieldPanel("low_stock_threshold")]
        ),
        FieldRowPanel([FieldPanel("backorder_lead_days"), FieldPanel("weight_grams"), FieldPanel("active")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(stock_quantity__gte=0) | models.Q(backorder_allowed=True),
                name="variant_stock_not_negative_without_backorder",
            )
        ]

    def __str__(self) -> str:
        return f"{self.sku} {self.size_label}"

    def save(self, *args, **kwargs):
        """Never write stock on an update: see catalog.stock (orders and staff corrections own it)."""
        if self.pk is not None and not kwargs.get("force_insert") and kwargs.get("update_fields") is None:
            fields = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.attname != "stock_quantity"
            ]
            try:
                return super().save(*args, update_fields=fields, **kwargs)
            except DatabaseError as exc:  # a variant restored from a revision after deletion: insert it
                if "did not affect any rows" not in str(exc):
                    raise
        return super().save(*args, **kwargs)

    def clean(self) -> None:
        has_both = self.compare_at_price is not None and self.retail_price is not None
        if has_both and self.compare_at_price <= self.retail_price:
            raise ValidationError({"compare_at_price": _("The compare-at price must be higher than the price.")})

    def validate_unique(self, exclude=None) -> None:
        """A clear message naming the product that already uses the SKU (the default one does not)."""
        try:
            super().validate_unique(exclude=exclude)
        except ValidationError as error:
            if "sku" not in getattr(error, "error_dict", {}):
                raise
            other = ProductVariant.objects.filter(sku=self.sku).exclude(pk=self.pk).select_related("product").first()
            owner = other.product.title if other else "?"
            errors = error.error_dict
            errors["sku"] = [
                ValidationError(
                    _("SKU %(sku)s is already used by %(product)s. Every SKU must be unique."),
                    code="unique",
                    params={"sku": self.sku, "product": owner},
                )
            ]
            raise ValidationError(errors) from None

    def base_price(self, unit_price: Decimal | None = None) -> tuple[Decimal, str] | None:
        """Price per kg / l / piece (PAngV) for a unit price (default: the retail price); None without net content."""
        if unit_price is None:
            unit_price = self.retail_price
        if not self.net_quantity or unit_price is None:
            return None
        unit, factor = BASE_UNIT[NetUnit(self.net_unit)]
        return (unit_price * factor / self.net_quantity).quantize(Decimal("0.01")), unit

    def get_stock_state_display(self) -> str:
        return StockState(self.stock_state).label

    @property
    def stock_state(self) -> str:
        """in_stock / low / backorder / sold_out: what the shop shows and the admin filters by."""
        if self.stock_quantity > self.low_stock_threshold:
            return StockState.IN_STOCK
        if self.stock_quantity > 0:
            return StockState.LOW
        return StockState.BACKORDER if self.backorder_allowed else StockState.SOLD_OUT
