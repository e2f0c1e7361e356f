"""A small common shape for provider sandboxes.

A sandbox imitates one provider's wire protocol (paths, auth, payloads, error shapes,
signatures) as a plain WSGI application with in-memory state. The same object is
served on a loopback port in tests (`SandboxServer`) and mounted under
`/_sandbox/<name>/` by the dev server (`mount_sandboxes`). Our provider clients are
production code pointed at the sandbox's base URL; they cannot tell the difference.
"""

from __future__ import annotations

import json
import threading
from typing import Any, ClassVar

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wrappers import Request, Response


def route(rule: str, methods: tuple[str, ...] = ("GET",)):
    """Mark a Sandbox method as the handler of a URL rule (werkzeug routing syntax)."""

    def decorate(func):
        func._sandbox_rules = [*getattr(func, "_sandbox_rules", []), (rule, methods)]
        return func

    return decorate


class Sandbox:
    """Base class: collects @route handlers, dispatches requests, records them for assertions."""

    name: ClassVar[str] = ""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.requests: list[dict[str, Any]] = []
        rules = []
        for attr in dir(type(self)):
            handler = getattr(type(self), attr, None)
            for rule, methods in getattr(handler, "_sandbox_rules", []):
                rules.append(Rule(rule, endpoint=attr, methods=list(methods)))
        self.url_map = Map(rules, strict_slashes=False)
        self.reset()

    def reset(self) -> None:
        """Forget all state. Subclasses extend this with their own stores."""
        with self.lock:
            self.requests.clear()

    # --- helpers for subclasses ---------------------------------------------
    @staticmethod
    def json(payload: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
        return Response(json.dumps(payload), status=status, headers=headers, mimetype="application/json")

    def not_found(self, request: Request) -> Response:
        return self.json({"error": "not found"}, status=404)

    # --- WSGI ----------------------------------------------------------------
    def dispatch(self, request: Request) -> Response:
        adapter = self.url_map.bind_to_environ(request.environ)
        try:
            endpoint, values = adapter.match()
        except NotFound:
            return self.not_found(request)
        except HTTPException as exc:
            return exc.get_response(request.environ)
        return getattr(self, endpoint)(request, **values)

    def __call__(self, environ, start_response):
        request = Request(environ)
        body = request.get_data(cache=True)
        with self.lock:
            self.requests.append(
                {"method": request.method, "path": request.path, "query": request.args.to_dict(), "body": body}
            )
        response = self.dispatch(request)
        return response(environ, start_response)
