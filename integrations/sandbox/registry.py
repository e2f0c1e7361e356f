"""Every provider sandbox the dev server mounts at /_sandbox/<name>/ (`make run`)."""

from __future__ import annotations


def load_sandboxes() -> dict[str, object]:
    from integrations.sandbox.sendcloud import SendcloudSandbox
    from integrations.sandbox.vendo import VendoSandbox

    return {"vendo": VendoSandbox(), "sendcloud": SendcloudSandbox()}
