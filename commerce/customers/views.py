"""Account pages: HTTP only. Rules live in services; every address lookup is scoped to the user."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import AddressForm
from .models import Address


def _owned_address_or_404(user, address_id) -> Address:
    try:
        return services.get_address(user, address_id)
    except Address.DoesNotExist:
        raise Http404 from None


@never_cache
@login_required
def dashboard(request):
    return render(
        request,
        "customers/dashboard.html",
        {
            "default_addresses": services.default_addresses(request.user),
        },
    )


@never_cache
@login_required
def address_list(request):
    return render(request, "customers/address_list.html", {"addresses": list(services.addresses_of(request.user))})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def address_create(request):
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.create_address(request.user, **form.cleaned_data)
        messages.success(request, _("The address has been saved."))
        return redirect("customers:address_list")
    return render(request, "customers/address_form.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def address_update(request, address_id):
    address = _owned_address_or_404(request.user, address_id)
    form = AddressForm(request.POST or None, instance=address)
    if request.method == "POST" and form.is_valid():
        services.update_address(request.user, address.pk, **form.cleaned_data)
        messages.success(request, _("The address has been saved."))
        return redirect("customers:address_list")
    return render(request, "customers/address_form.html", {"form": form, "address": address})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def address_delete(request, address_id):
    address = _owned_address_or_404(request.user, address_id)
    if request.method == "POST":
        services.delete_address(request.user, address.pk)
        messages.success(request, _("The address has been deleted."))
        return redirect("customers:address_list")
    return render(request, "customers/address_confirm_delete.html", {"address": address})


@never_cache
@login_required
@require_POST
def address_set_default(request, address_id, kind):
    address = _owned_address_or_404(request.user, address_id)
    try:
        services.set_default(request.user, address.pk, kind)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The default address has been changed."))
    return redirect("customers:address_list")
