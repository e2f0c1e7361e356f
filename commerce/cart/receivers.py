"""Signal receivers: thin hand-offs to explicit services (no rules live here)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import services


@receiver(user_logged_in, dispatch_uid="cart.attach_cart_on_login")
def attach_cart_on_login(sender, request, user, **kwargs):
    """At login the session's cart becomes the customer's (merged with the one they had)."""
    if request is not None:
        services.attach_cart_on_login(request, user)
