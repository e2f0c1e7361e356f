"""Serve a sandbox on a free loopback port in a background thread (tests, benchmarks)."""

from __future__ import annotations

import threading

from werkzeug.serving import make_server

from integrations.sandbox.base import Sandbox


class SandboxServer:
    """Context manager: `with SandboxServer(sandbox) as server: client(server.base_url)`."""

    def __init__(self, sandbox: Sandbox, host: str = "127.0.0.1", port: int = 0) -> None:
        self.sandbox = sandbox
        self._server = make_server(host, port, sandbox, threaded=True)
        self.host = host
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"sandbox-{sandbox.name}", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> SandboxServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
