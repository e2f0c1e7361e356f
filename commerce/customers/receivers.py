"""Signal receivers: thin hand-offs to explicit services (no rules live here)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="customers.on_login")
def call_on_login(sender, request, user, **kwargs):
    if request is not None:
        services.on_login(request, user)
