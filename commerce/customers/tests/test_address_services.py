"""Address book rules, without HTTP."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from commerce.customers import services
from commerce.customers.models import Address, AddressKind
from commerce.customers.postal_codes import validate_postal_code

pytestmark = pytest.mark.django_db


def address_data(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Grün",
        "street": "Lindenstraße 12",
        "postal_code": "10115",
        "city": "Berlin",
        "country": "DE",
    }
    data.update(overrides)
    return data


def defaults_of(user):
    return (
        list(Address.objects.filter(user=user, is_default_shipping=True).values_list("city", flat=True)),
        list(Address.objects.filter(user=user, is_default_billing=True).values_list("city", flat=True)),
    )


def test_first_address_becomes_default_for_shipping_and_billing(shopper):
    address = services.create_address(shopper, **address_data())

    assert address.is_default_shipping is True
    assert address.is_default_billing is True


def test_second_address_does_not_take_over_the_defaults(shopper):
    services.create_address(shopper, **address_data(city="Berlin"))
    services.create_address(shopper, **address_data(city="Köln", postal_code="50667"))

    assert defaults_of(shopper) == (["Berlin"], ["Berlin"])


def test_new_default_address_replaces_the_old_default(shopper):
    services.create_address(shopper, **address_data(city="Berlin"))
    services.create_address(shopper, **address_data(city="Köln", postal_code="50667", is_default_shipping=True))

    assert defaults_of(shopper) == (["Köln"], ["Berlin"])


def test_set_default_moves_the_default_of_one_kind_only(shopper):
    services.create_address(shopper, **address_data(city="Berlin"))
    cologne = services.create_address(shopper, **address_data(city="Köln", postal_code="50667"))

    services.set_default(shopper, cologne.pk, "billing")

    assert defaults_of(shopper) == (["Berlin"], ["Köln"])


def test_billing_only_address_cannot_become_default_shipping(shopper):
    services.create_address(shopper, **address_data(city="Berlin"))
    office = services.create_address(
        shopper, **address_data(city="Köln", postal_code="50667", kind=AddressKind.BILLING)
    )

    with pytest.raises(ValidationError):
        services.set_default(shopper, office.pk, "shipping")

    assert defaults_of(shopper) == (["Berlin"], ["Berlin"])


def test_deleting_the_default_promotes_the_newest_remaining_address(shopper):
    berlin = services.create_address(shopper, **address_data(city="Berlin"))
    services.create_address(shopper, **address_data(city="Köln", postal_code="50667"))
    services.create_address(shopper, **address_data(city="Bonn", postal_code="53111"))

    services.delete_address(shopper, berlin.pk)

    assert defaults_of(shopper) == (["Bonn"], ["Bonn"])


def test_changing_the_default_to_billing_only_hands_shipping_to_another_address(shopper):
    berlin = services.create_address(shopper, **address_data(city="Berlin"))
    services.create_address(shopper, **address_data(city="Köln", postal_code="50667"))

    services.update_address(shopper, berlin.pk, kind=AddressKind.BILLING, is_default_shipping=False)

    assert defaults_of(shopper) == (["Köln"], ["Berlin"])


def test_database_refuses_a_second_default_of_the_same_kind(shopper):
    services.create_address(shopper, **address_data())

    with pytest.raises(IntegrityError), transaction.atomic():
        Address.objects.create(user=shopper, is_default_shipping=True, **address_data(city="Köln"))


def test_defaults_are_per_customer(shopper, make_shopper):
    other = make_shopper(email="ben@example.com")
    services.create_address(shopper, **address_data(city="Berlin"))

    address = services.create_address(other, **address_data(city="Köln", postal_code="50667"))

    assert address.is_default_shipping is True
    assert defaults_of(shopper) == (["Berlin"], ["Berlin"])


def test_services_never_touch_another_customers_address(shopper, make_shopper):
    other = make_shopper(email="ben@example.com")
    foreign = services.create_address(other, **address_data(city="Köln", postal_code="50667"))

    for attempt in (
        lambda: services.update_address(shopper, foreign.pk, city="Hamburg"),
        lambda: services.delete_address(shopper, foreign.pk),
        lambda: services.set_default(shopper, foreign.pk, "shipping"),
    ):
        with pytest.raises(Address.DoesNotExist):
            attempt()

    foreign.refresh_from_db()
    assert foreign.city == "Köln"


def test_invalid_postal_code_is_refused_by_the_service(shopper):
    with pytest.raises(ValidationError) as error:
        services.create_address(shopper, **address_data(postal_code="1011"))

    assert "postal_code" in error.value.message_dict
    assert Address.objects.count() == 0


@pytest.mark.parametrize(
    ("country", "entered", "stored"),
    [
        ("DE", "10115", "10115"),
        ("AT", "1010", "1010"),
        ("NL", "1011ab", "1011 AB"),
        ("NL", "1011 AB", "1011 AB"),
        ("BE", "1000", "1000"),
        ("FR", "75001", "75001"),
        ("LU", "L-1009", "1009"),
        ("IT", "00118", "00118"),
        ("ES", "28001", "28001"),
        ("DK", "1050", "1050"),
        ("CH", "8001", "8001"),
    ],
)
def test_valid_postal_codes_are_normalised(country, entered, stored):
    assert validate_postal_code(country, entered) == stored


@pytest.mark.parametrize(
    ("country", "entered"),
    [
        ("DE", "1011"),
        ("DE", "101155"),
        ("DE", "1O115"),
        ("AT", "10115"),
        ("NL", "1011"),
        ("NL", "0123 AB"),
        ("NL", "1011 SS"),
        ("BE", "0999"),
        ("ES", "53001"),
        ("CH", "80011"),
        ("US", "10115"),
    ],
)
def test_invalid_postal_codes_are_refused(country, entered):
    with pytest.raises(ValidationError):
        validate_postal_code(country, entered)
