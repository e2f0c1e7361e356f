import pytest
from allauth.account.models import EmailAddress

PASSWORD = "Wald-und-Wiese-2026"


@pytest.fixture
def make_shopper(django_user_model):
    def make(email="anna@example.com", password=PASSWORD, verified=True):
        user = django_user_model.objects.create_user(username=email.split("@")[0], email=email, password=password)
        EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
        return user

    return make


@pytest.fixture
def shopper(make_shopper):
    return make_shopper()


@pytest.fixture
def shopper_client(client, shopper):
    client.force_login(shopper)
    return client
