"""Every provider sandbox the dev server mounts. Provider packages register theirs here."""

from __future__ import annotations

from django.utils.module_loading import import_string

# name -> dotted path of the Sandbox subclass; mounted at /_sandbox/<name>/ by `make run`.
SANDBOXES: dict[str, str] = {
    "vendo": "integrations.payments.vendo.sandbox.VendoSandbox",
    "sendcloud": "integrations.shipping.sendcloud.sandbox.SendcloudSandbox",
}


def load_sandboxes() -> dict[str, object]:
    return {name: import_string(path)() for name, path in SANDBOXES.items()}
