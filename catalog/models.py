"""The catalogue: categories and products as Wagtail pages, sellable variants as their inline children.

Variants (SKU, price, stock) belong to the German source page only. Translations of a
product share them through the page's `translation_key`, so a SKU and its stock exist
once, whatever the number of languages. `commerce.pricing` decides what a variant costs
for whom; the fields here are the editor's input to it.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from stdnum import ean as ean_checksum
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail.search import index

from content.blocks import BODY_BLOCKS
from content.models import SitePage


class TaxClass(models.TextChoices):
    STANDARD = "standard", _("Standard rate")
    REDUCED = "reduced", _("Reduced rate")


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


class CategoryPage(SitePage):
    """A product category; categories nest (Tee → Kräutertee) and list the products below them."""

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


class ProductPage(SitePage):
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
    variant_panels = [InlinePanel("variants", label=_("Variants"), min_num=0)]

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

    # Variants are not copied into translations: one SKU, one stock, in every language.
    exclude_fields_in_copy = ["variants"]

    class Meta:
        verbose_name = _("product page")

    @cached_property
    def source_product(self) -> ProductPage:
        """The German source page that owns the variants (self, for the source itself)."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return ProductPage.objects.filter(translation_key=self.translation_key, locale=default).first() or self

    def sellable_variants(self):
        return ProductVariant.objects.filter(product_id=self.source_product.pk, active=True).order_by(
            "sort_order", "pk"
        )

    def refresh_listing_fields(self) -> None:
        """Recompute min_price/in_stock from the variants (called on save of the source page)."""
        variants = list(self.variants.all()) if self.pk else []
        active = [v for v in variants if v.active]
        self.min_price = min((v.retail_price for v in active), default=None)
        self.in_stock = any(v.stock_quantity > 0 or v.backorder_allowed for v in active)


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
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldRowPanel([FieldPanel("sku"), FieldPanel("ean")]),
        FieldRowPanel([FieldPanel("size_label"), FieldPanel("net_quantity"), FieldPanel("net_unit")]),
        FieldRowPanel([FieldPanel("retail_price"), FieldPanel("compare_at_price"), FieldPanel("tax_class")]),
        FieldRowPanel(
            [FieldPanel("stock_quantity"), FieldPanel("backorder_allowed"), FieldPanel("low_stock_threshold")]
        ),
        FieldRowPanel([FieldPanel("weight_grams"), FieldPanel("active")]),
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

    def clean(self) -> None:
        has_both = self.compare_at_price is not None and self.retail_price is not None
        if has_both and self.compare_at_price <= self.retail_price:
            raise ValidationError({"compare_at_price": _("The compare-at price must be higher than the price.")})

    def base_price(self, unit_price: Decimal) -> tuple[Decimal, str] | None:
        """Price per kg / l / piece for a given unit price (PAngV), or None without a net content."""
        if not self.net_quantity:
            return None
        unit, factor = BASE_UNIT[NetUnit(self.net_unit)]
        return (unit_price * factor / self.net_quantity).quantize(Decimal("0.01")), unit
