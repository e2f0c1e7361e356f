"""Celery autodiscovery looks for `<app>.tasks`: the provider flows' tasks live with their flows."""

from integrations.payments.tasks import reconcile_pending_payments  # noqa: F401
from integrations.shipping.tasks import create_parcel_for_order  # noqa: F401
