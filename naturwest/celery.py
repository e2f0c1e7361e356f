"""The Celery app. Broker and backend come from REDIS_URL via Django settings (CELERY_*)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naturwest.settings.dev")

app = Celery("naturwest")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
