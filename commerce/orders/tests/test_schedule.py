from django.conf import settings

from naturwest.celery import app


def test_order_housekeeping_is_scheduled_and_the_tasks_exist():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    app.loader.import_default_modules()

    housekeeping = {
        "commerce.orders.expire_unpaid_orders",
        "commerce.orders.send_low_stock_report",
        "commerce.orders.send_invoice_reminders",
    }
    assert housekeeping <= scheduled
    assert housekeeping <= set(app.tasks)


def test_payment_timeout_defaults_to_48_hours():
    assert settings.ORDER_PAYMENT_TIMEOUT_HOURS == 48
