"""Documents an e-mail carries, built when it is sent (an invoice issued after queueing is still attached).

The outbox knows no documents: the app that owns one registers a builder for the kinds that
carry it, in its `AppConfig.ready()` (the order documents: commerce/orders/attachments.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .models import Notification

Attachment = tuple[str, bytes, str]  # filename, content, MIME type
AttachmentBuilder = Callable[[Notification], Attachment | None]

_BUILDERS: dict[str, AttachmentBuilder] = {}


def register_attachment(kinds: Iterable[str], builder: AttachmentBuilder) -> None:
    for kind in kinds:
        _BUILDERS[kind] = builder


def attachment_for(notification: Notification) -> Attachment | None:
    builder = _BUILDERS.get(notification.kind)
    return builder(notification) if builder is not None else None
