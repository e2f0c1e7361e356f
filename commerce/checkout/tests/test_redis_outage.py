"""Redis down: shoppers still sign in, orders are placed without delay, their e-mail waits in the outbox.

The cache and the Celery broker are pointed at a port nobody listens on, with the same options the
settings build for REDIS_URL; then at the real Redis, where the outbox sweep delivers the e-mail once.
"""

from __future__ import annotations

import logging
import socket
import time
import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone
from kombu import Queue

from commerce.cart.tests.factories import make_shop
from commerce.checkout.tests.flow import add, place, to_review
from commerce.notifications.models import Notification, NotificationStatus
from commerce.notifications.tasks import requeue_unsent_notifications
from commerce.orders.models import Order
from naturwest.cache import redis_cache
from naturwest.celery import app as celery_app

pytestmark = pytest.mark.django_db

PASSWORD = "Wald-und-Wiese-2026"
# Generous: with the result backend retrying inside on_commit, placing took about 20 s.
PLACE_ORDER_BOUND_SECONDS = 5.0


def closed_port_url(db: int) -> str:
    """A Redis URL on a port that was free a moment ago and that nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"redis://127.0.0.1:{port}/{db}"


def _forget_celery_connections():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app._backend_cache = None
    celery_app._local.__dict__.pop("backend", None)


@pytest.fixture
def redis_at(settings):
    """Point the cache and the Celery broker (and result backend) at a Redis URL, as REDIS_URL would."""
    saved = {key: celery_app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}

    def point(url: str) -> str:
        settings.CACHES = {"default": redis_cache(url, key_prefix=f"nw-test-{uuid.uuid4().hex}")}
        celery_app.conf.update(broker_url=url, result_backend=url, task_always_eager=False)
        _forget_celery_connections()
        return url

    yield point
    celery_app.conf.update(saved)
    _forget_celery_connections()


@pytest.fixture
def redis_down(redis_at):
    return redis_at(closed_port_url(db=2))


@pytest.fixture
def shopper(django_user_model):
    user = django_user_model.objects.create_user(username="anna", email="anna@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


@pytest.fixture
def shop(demo_site):
    return make_shop(demo_site.root_page.specific)


def test_with_redis_down_a_shopper_logs_in_with_the_right_password(redis_down, client, shopper, caplog):
    with caplog.at_level(logging.WARNING, logger="naturwest.cache"):
        response = client.post("/account/login/", {"login": shopper.email, "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/account/"
    assert client.session["_auth_user_id"] == str(shopper.pk)
    assert "not enforced" in caplog.text


def test_with_redis_down_a_shopper_signs_up(redis_down, client, django_user_model):
    response = client.post(
        "/account/signup/", {"email": "neu@example.com", "password1": PASSWORD, "password2": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/confirm-email/"
    assert django_user_model.objects.filter(email="neu@example.com").exists()
    assert mail.outbox[0].to == ["neu@example.com"]


def test_with_redis_down_a_shopper_requests_a_password_reset(redis_down, client, shopper):
    response = client.post("/account/password/reset/", {"email": shopper.email})

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[shopper.email]]


def _place_order(client, shop, django_capture_on_commit_callbacks) -> tuple[Order, float]:
    add(client, shop.soap, 1)
    _review, token = to_review(client)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = place(client, token)
    elapsed = time.monotonic() - started
    order = Order.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/order/{order.uuid}/confirmation/"
    return order, elapsed


def test_with_the_broker_down_an_order_is_placed_at_once_and_its_confirmation_waits_in_the_outbox(
    redis_down, client, shop, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.WARNING, logger="commerce.notifications.services"):
        order, elapsed = _place_order(client, shop, django_capture_on_commit_callbacks)

    assert elapsed < PLACE_ORDER_BOUND_SECONDS
    confirmation = Notification.objects.get(order=order, kind="order_confirmation")
    assert (confirmation.status, confirmation.attempts) == (NotificationStatus.QUEUED, 0)
    assert mail.outbox == []
    assert f"notification {confirmation.pk} stays in the outbox" in caplog.text


def _deliver_queued_tasks() -> list[str]:
    """What a worker would do with the default queue: run each waiting task once, in this process."""
    ran = []
    with celery_app.connection_for_read() as connection:
        queue = Queue("celery", routing_key="celery")(connection.default_channel)
        queue.declare()
        while (message := queue.get(no_ack=True)) is not None:
            args, kwargs, _embed = message.decode()
            celery_app.tasks[message.headers["task"]].apply(args=args, kwargs=kwargs)
            ran.append(message.headers["task"])
    return ran


def _empty_default_queue():
    with celery_app.connection_for_write() as connection:
        Queue("celery", routing_key="celery")(connection.default_channel).purge()


@pytest.mark.redis
def test_once_the_broker_is_back_the_sweep_sends_the_waiting_confirmation_exactly_once(
    redis_at, redis_url, client, shop, django_capture_on_commit_callbacks
):
    redis_at(closed_port_url(db=2))
    order, _elapsed = _place_order(client, shop, django_capture_on_commit_callbacks)
    confirmation = Notification.objects.get(order=order, kind="order_confirmation")
    # The outage lasted longer than the sweep's grace period.
    Notification.objects.filter(pk=confirmation.pk).update(created_at=timezone.now() - timedelta(minutes=20))

    redis_at(redis_url)
    _empty_default_queue()
    assert requeue_unsent_notifications() == 1
    ran = _deliver_queued_tasks()
    # A second sweep (next beat) and a duplicate delivery find nothing left to send.
    requeue_unsent_notifications()
    celery_app.tasks["commerce.notifications.send_notification"].apply(args=[confirmation.pk])

    confirmation.refresh_from_db()
    assert ran == ["commerce.notifications.send_notification"]
    assert (confirmation.status, confirmation.attempts) == (NotificationStatus.SENT, 1)
    assert [message.to for message in mail.outbox] == [[order.email]]


@pytest.mark.redis
def test_with_redis_up_the_password_reset_limit_still_holds(redis_at, redis_url, client, shopper):
    redis_at(redis_url)

    statuses = [client.post("/account/password/reset/", {"email": shopper.email}).status_code for _ in range(6)]

    assert statuses == [302] * 5 + [429]
