"""Signal receivers: thin hand-offs to explicit services (no rules live here)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .lines import attach_cart_on_login


@receiver(user_logged_in, dispatch_uid="cart.attach_cart_on_login")
def hand_over_cart(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        attach_cart_on_login(request.session, user)
