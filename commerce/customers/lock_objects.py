"""Row locks of the customers app, in one place."""

from django.contrib.auth import get_user_model


def lock_customer(user):
    """Serialise address-book writes of one shopper (default flags are a per-user invariant)."""
    return get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).get()
