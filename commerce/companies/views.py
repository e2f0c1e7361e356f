"""The B2B application form: HTTP only, the service creates the pending company and sends the emails."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache

from .forms import CompanyApplicationForm
from .models import CompanyMembership
from .services import ApplicationError, apply_for_company


@never_cache
@login_required
def apply(request):
    membership = CompanyMembership.objects.select_related("company").filter(user=request.user).first()
    if membership is not None:
        return render(request, "companies/b2b_apply.html", {"membership": membership})
    form = CompanyApplicationForm(request.POST or None, initial={"contact_email": request.user.email})
    if request.method == "POST" and form.is_valid():
        try:
            apply_for_company(request.user, form.save(commit=False), language=get_language() or "de")
        except ApplicationError:
            return redirect("accounts:b2b_apply")
        return redirect("accounts:b2b_applied")
    return render(request, "companies/b2b_apply.html", {"form": form})


@never_cache
@login_required
def applied(request):
    return render(request, "companies/b2b_applied.html")
