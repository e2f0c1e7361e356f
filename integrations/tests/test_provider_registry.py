"""The shop's one provider registry after startup, and the provider-neutral modules."""

import ast
from pathlib import Path

from commerce.checkout import methods
from commerce.orders import providers

INTEGRATIONS = Path(__file__).resolve().parents[1]
# Names and Sendcloud parcel status ids that belong in the provider packages only.
PROVIDER_WORDS = ("vendo", "sendcloud")
PROVIDER_STATUS_IDS = {62989, 62990, 62991, 62992, 62996, 62997, 1998, 1999, 2001}


def neutral_modules() -> list[Path]:
    return sorted(path for package in ("payments", "shipping") for path in (INTEGRATIONS / package).glob("*.py"))


def test_the_registry_holds_exactly_the_shops_methods_in_offer_order():
    assert [method.code for method in providers.shipping_methods()] == ["sendcloud"]
    assert [method.code for method in providers.payment_methods()] == ["prepayment", "invoice", "vendo"]
    assert providers.parcel_service().code == "sendcloud"


def test_the_checkout_reads_the_same_registry():
    assert methods.shipping_methods() == providers.shipping_methods()
    assert methods.payment_methods() == providers.payment_methods()


def test_registering_another_class_under_a_taken_code_is_refused():
    class Impostor:
        code = "vendo"

    try:
        providers.register_payment_method(Impostor())
    except providers.DuplicateProvider:
        pass
    else:  # pragma: no cover - the assertion below reports it
        raise AssertionError("a second class took the code 'vendo'")
    assert [type(method).__name__ for method in providers.payment_methods()][-1] == "VendoPayment"


def test_neutral_modules_exist():
    names = {path.name for path in neutral_modules()}
    assert {"services.py", "handlers.py", "base.py", "reconciliation.py", "tasks.py"} <= names


def test_neutral_payment_and_shipping_modules_name_no_provider():
    offenders = []
    for path in neutral_modules():
        source = path.read_text()
        lowered = source.lower()
        offenders += [f"{path.name}: {word}" for word in PROVIDER_WORDS if word in lowered]
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Constant) and type(node.value) is int and node.value in PROVIDER_STATUS_IDS:
                offenders.append(f"{path.name}:{node.lineno}: status id {node.value}")
    assert offenders == []


def test_settings_name_no_business_hooks():
    from django.conf import settings

    hooks = (
        "CHECKOUT_SHIPPING_METHODS",
        "CHECKOUT_PAYMENT_METHODS",
        "PAYMENT_EXPECTATION_LOOKUP",
        "PAYMENT_NOTIFICATION_RECEIVER",
        "SHIPPING_WEBHOOK_RECEIVER",
        "ORDER_EXPIRY_HOLD",
    )
    assert [name for name in hooks if hasattr(settings, name)] == []
