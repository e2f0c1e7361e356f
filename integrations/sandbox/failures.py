"""Failure switches shared by the provider sandboxes: make the next request(s) time out, 500 or 429.

Armed from tests (`sandbox.failures.arm("500")`) or over HTTP (`POST /_control/fail-next`
with `{"mode": "500", "count": 1, "path": "/api/v2/parcels", "method": "POST", "after_effect": true}`).
`after_effect` performs the request first and then fails: the provider acted but the answer
was lost, which is what idempotency keys exist for.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from werkzeug.wrappers import Request, Response

from integrations.sandbox.base import Sandbox, route

MODES = ("timeout", "500", "503", "429")


@dataclass
class Failure:
    mode: str
    path: str = ""  # only requests whose path starts with this fail ("" = any)
    after_effect: bool = False
    retry_after: int = 30
    method: str = ""  # only requests with this HTTP method fail ("" = any)


class FailureSwitches:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.pending: list[Failure] = []

    def arm(
        self,
        mode: str,
        count: int = 1,
        *,
        path: str = "",
        method: str = "",
        after_effect: bool = False,
        retry_after: int = 30,
    ) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown failure mode {mode!r}; use one of {MODES}")
        with self._lock:
            self.pending.extend(Failure(mode, path, after_effect, retry_after, method.upper()) for _ in range(count))

    def take(self, method: str, path: str) -> Failure | None:
        with self._lock:
            for index, failure in enumerate(self.pending):
                if path.startswith(failure.path) and failure.method in ("", method):
                    return self.pending.pop(index)
        return None

    def clear(self) -> None:
        with self._lock:
            self.pending.clear()


class SwitchableSandbox(Sandbox):
    """A Sandbox whose non-control requests can be made to fail on demand."""

    timeout_seconds: float = 3.0  # how long a "timeout" failure stalls; tests use client timeouts below it

    def __init__(self) -> None:
        self.failures = FailureSwitches()
        super().__init__()

    def reset(self) -> None:
        super().reset()
        self.failures.clear()

    def failure_response(self, failure: Failure, request: Request) -> Response:
        """The provider's own shape for a server error or rate limit; subclasses override."""
        status = 429 if failure.mode == "429" else int(failure.mode) if failure.mode.isdigit() else 504
        headers = {"Retry-After": str(failure.retry_after)} if status == 429 else None
        return self.json({"error": {"code": status, "message": "sandbox failure"}}, status=status, headers=headers)

    def dispatch(self, request: Request) -> Response:
        if request.path.startswith("/_control"):
            return super().dispatch(request)
        failure = self.failures.take(request.method, request.path)
        if failure is None:
            return super().dispatch(request)
        if failure.after_effect:
            response = super().dispatch(request)
            if failure.mode == "timeout":
                time.sleep(self.timeout_seconds)
                return response
            return self.failure_response(failure, request)
        if failure.mode == "timeout":
            time.sleep(self.timeout_seconds)
        return self.failure_response(failure, request)

    @route("/_control/fail-next", methods=("POST",))
    def control_fail_next(self, request: Request) -> Response:
        body = request.get_json(force=True, silent=True) or {}
        try:
            self.failures.arm(
                str(body.get("mode", "500")),
                int(body.get("count", 1)),
                path=str(body.get("path", "")),
                method=str(body.get("method", "")),
                after_effect=bool(body.get("after_effect", False)),
                retry_after=int(body.get("retry_after", 30)),
            )
        except ValueError as exc:
            return self.json({"error": str(exc)}, status=400)
        return self.json({"armed": len(self.failures.pending)})

    @route("/_control/reset", methods=("POST",))
    def control_reset(self, request: Request) -> Response:
        self.reset()
        return self.json({"reset": True})
