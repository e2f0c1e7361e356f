"""Default-address writes racing each other on real PostgreSQL."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.db import connection

from commerce.customers import services
from commerce.customers.models import Address

from .test_address_services import address_data


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_default_addresses_leave_exactly_one_default(postgres, django_user_model):
    user = django_user_model.objects.create_user(username="race", email="race@example.com", password="x")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    start = threading.Barrier(8)
    errors = []

    def add(n):
        try:
            start.wait()
            services.create_address(user, **address_data(city=f"Ort {n}", is_default_shipping=True))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Address.objects.filter(user=user).count() == 8
    assert Address.objects.filter(user=user, is_default_shipping=True).count() == 1
    assert Address.objects.filter(user=user, is_default_billing=True).count() == 1
