import pytest
from django.core import mail
from django.urls import reverse

from commerce.orders.models import Invoice

from .factories import make_variant, order_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(document_roots):
    return document_roots


def test_staff_mark_paid_issues_invoice_and_emails_customer(admin_client, django_capture_on_commit_callbacks):
    order = order_for(make_variant(), email="erika@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_paid"]))

    invoice = Invoice.objects.get(order=order)
    assert [message.to for message in mail.outbox] == [["erika@example.com"]]
    assert mail.outbox[0].attachments[0][0] == f"{invoice.number}.pdf"


def test_inspect_page_links_the_invoice_and_staff_downloads_it(admin_client, django_capture_on_commit_callbacks):
    order = order_for(make_variant())
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("orders_order:action", args=[order.pk, "mark_paid"]))
    url = reverse("orders_order:invoice", args=[order.pk])

    inspect = admin_client.get(reverse("orders_order:inspect", args=[order.pk])).content.decode()
    response = admin_client.get(url)

    assert url in inspect
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")


def test_invoice_download_needs_order_permission(client, django_user_model):
    order = order_for(make_variant(), payment_method="invoice", customer_kind="b2b")
    user = django_user_model.objects.create_user("nobody", "n@example.com", "pw-123456789", is_staff=True)
    client.force_login(user)

    response = client.get(reverse("orders_order:invoice", args=[order.pk]))

    assert response.status_code in (302, 403)
