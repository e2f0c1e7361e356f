"""What a sandbox accepts: exactly the provider settings the shop's own clients send.

Their defaults are the published sandbox credentials, whose one home is SANDBOX_CREDENTIALS in
integrations/provider_config.py (production refuses them).
"""

from __future__ import annotations


def project_setting(name: str) -> str:
    from django.conf import settings

    return str(getattr(settings, name))
