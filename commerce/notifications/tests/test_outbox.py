import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.urls import reverse

from commerce.notifications.models import Notification, NotificationStatus
from commerce.notifications.services import notify, notify_staff
from commerce.notifications.tasks import MAX_RETRIES, send_notification

pytestmark = pytest.mark.django_db

CONTEXT = {"subject": "Test", "message": "Hello staff"}


def test_notify_queues_one_email_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify("staff_alert", to="ops@example.com", context=CONTEXT, language="en")

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.SENT
    assert notification.attempts == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ops@example.com"]
    assert mail.outbox[0].subject == "[Naturwest] Test"


def test_replayed_notify_with_same_dedupe_key_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = notify("staff_alert", to="ops@example.com", context=CONTEXT, dedupe_key="alert:1")
        second = notify("staff_alert", to="ops@example.com", context=CONTEXT, dedupe_key="alert:1")

    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nothing_is_sent_before_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify("staff_alert", to="ops@example.com", context=CONTEXT)

    assert len(callbacks) == 1
    assert mail.outbox == []


def test_task_is_idempotent():
    notification = notify("staff_alert", to="ops@example.com", context=CONTEXT)

    assert send_notification.apply(args=[notification.pk]).get() == "sent"
    assert send_notification.apply(args=[notification.pk]).get() == "skipped"

    notification.refresh_from_db()
    assert notification.attempts == 1
    assert len(mail.outbox) == 1


def test_email_has_text_and_html_parts():
    notification = notify("staff_alert", to="ops@example.com", context=CONTEXT)

    send_notification.apply(args=[notification.pk])

    message = mail.outbox[0]
    assert "Hello staff" in message.body
    assert message.alternatives[0].mimetype == "text/html"
    assert "Hello staff" in message.alternatives[0].content


@pytest.fixture
def smtp_down(monkeypatch):
    def broken_send(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("server went away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken_send)


def test_smtp_error_schedules_a_retry_and_keeps_the_row_queued(smtp_down, monkeypatch):
    retries = []

    def fake_retry(*args, exc=None, **kwargs):
        retries.append(kwargs.get("countdown"))
        raise Retry(exc=exc)

    monkeypatch.setattr(send_notification, "retry", fake_retry)
    notification = notify("staff_alert", to="ops@example.com", context=CONTEXT)

    send_notification.apply(args=[notification.pk], throw=False)

    notification.refresh_from_db()
    assert len(retries) == 1
    assert notification.status == NotificationStatus.QUEUED
    assert notification.attempts == 1
    assert notification.last_error == "SMTPServerDisconnected: server went away"


def test_smtp_error_on_the_last_retry_marks_the_row_failed(smtp_down):
    notification = notify("staff_alert", to="ops@example.com", context=CONTEXT)

    result = send_notification.apply(args=[notification.pk], retries=MAX_RETRIES, throw=False)

    notification.refresh_from_db()
    assert isinstance(result.result, smtplib.SMTPServerDisconnected)
    assert notification.status == NotificationStatus.FAILED
    assert notification.last_error == "SMTPServerDisconnected: server went away"


def test_retry_policy_is_exponential_backoff_on_smtp_errors():
    assert smtplib.SMTPException in send_notification.autoretry_for
    assert send_notification.retry_backoff == 30
    assert send_notification.max_retries == MAX_RETRIES


def test_whatsapp_is_a_documented_placeholder():
    notification = notify("staff_alert", to="+4930123456", context=CONTEXT, channel="whatsapp")

    assert send_notification.apply(args=[notification.pk]).get() == "failed"

    notification.refresh_from_db()
    assert notification.status == NotificationStatus.FAILED
    assert notification.attempts == 1
    assert notification.last_error.startswith("NotImplementedError")


def test_staff_alerts_go_to_staff_alert_emails(settings, django_capture_on_commit_callbacks):
    settings.STAFF_ALERT_EMAILS = ["a@naturwest.example", "b@naturwest.example"]

    with django_capture_on_commit_callbacks(execute=True):
        notify_staff("staff_alert", context=CONTEXT)

    assert mail.outbox[0].to == ["a@naturwest.example", "b@naturwest.example"]


def test_staff_alert_without_recipients_writes_nothing(settings):
    settings.STAFF_ALERT_EMAILS = []

    assert notify_staff("staff_alert", context=CONTEXT) is None
    assert Notification.objects.count() == 0


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        notify("birthday", to="x@example.com", context={})


def test_admin_lists_notifications_filtered_by_status(admin_client):
    sent = notify("staff_alert", to="sent@example.com", context=CONTEXT)
    send_notification.apply(args=[sent.pk])
    notify("staff_alert", to="queued@example.com", context=CONTEXT)

    response = admin_client.get(reverse("notifications_notification:index"), {"status": "queued"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "queued@example.com" in html
    assert "sent@example.com" not in html


def test_admin_cannot_edit_notifications(admin_client):
    notification = notify("staff_alert", to="ops@example.com", context=CONTEXT)

    response = admin_client.get(reverse("notifications_notification:edit", args=[notification.pk]))

    assert response.status_code in (302, 403)


def test_rows_that_never_reached_a_worker_are_requeued():
    from datetime import timedelta

    from django.utils import timezone

    from commerce.notifications.tasks import requeue_unsent_notifications

    stuck = notify("staff_alert", to="ops@example.com", context=CONTEXT)
    Notification.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - timedelta(hours=1))
    notify("staff_alert", to="fresh@example.com", context=CONTEXT)

    assert requeue_unsent_notifications.apply().get() == 1

    stuck.refresh_from_db()
    assert stuck.status == NotificationStatus.SENT
    assert [message.to for message in mail.outbox] == [["ops@example.com"]]


def test_requeue_is_scheduled():
    from django.conf import settings

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "commerce.notifications.requeue_unsent_notifications" in scheduled
