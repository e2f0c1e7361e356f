from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ProductPageForm(WagtailAdminPageForm):
    """Product editor form: a stock figure the editor actually changed becomes an audited stock correction.

    The stock field carries its initial value as a hidden input, so "changed" means the editor typed a
    new number, not that orders moved the stock while the page was open (those units stay sold).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        variant_forms = self.formsets["variants"]
        for form in [*variant_forms.forms, variant_forms.empty_form]:
            form.fields["stock_quantity"].show_hidden_initial = True
            form.fields["stock_quantity"].help_text = _(
                "Counted stock. Changing it records a stock correction at once; orders keep counting it down."
            )

    # A control named "attributes" shadows the DOM's `form.attributes`: the editor's scripts (Stimulus
    # actions on the form) then read the select's options as attributes and fail on every form event.
    HTML_NAMES = {"attributes": "product_attributes"}

    def add_prefix(self, field_name):
        return super().add_prefix(self.HTML_NAMES.get(field_name, field_name))

    def save(self, commit=True):
        page = super().save(commit=commit)
        from catalog.stock import set_stock_level

        for form in self.formsets["variants"].forms:
            existing = form.instance.pk is not None and not form.cleaned_data.get("DELETE")
            if existing and "stock_quantity" in form.changed_data:
                set_stock_level(
                    form.instance, form.cleaned_data["stock_quantity"], user=self.for_user, reason="page editor"
                )
        return page
