"""Mount every registered sandbox into the dev server's WSGI application."""

from werkzeug.middleware.dispatcher import DispatcherMiddleware

from integrations.sandbox.registry import load_sandboxes

MOUNT_PREFIX = "/_sandbox"


def mount_sandboxes(django_app, sandboxes=None):
    sandboxes = load_sandboxes() if sandboxes is None else sandboxes
    mounts = {f"{MOUNT_PREFIX}/{name}": sandbox for name, sandbox in sandboxes.items()}
    return DispatcherMiddleware(django_app, mounts)
