"""The common sandbox machinery: served on a loopback port, and mounted into the dev server."""

import requests
from django.core.wsgi import get_wsgi_application
from werkzeug.test import Client as WSGIClient

from integrations.sandbox.base import Sandbox, route
from integrations.sandbox.mount import mount_sandboxes
from integrations.sandbox.server import SandboxServer


class EchoSandbox(Sandbox):
    name = "echo"

    def reset(self):
        super().reset()
        self.greetings = []

    @route("/v1/greetings", methods=("POST",))
    def create_greeting(self, request):
        if request.authorization is None or request.authorization.password != "secret":
            return self.json({"error": {"code": 401, "message": "Invalid credentials"}}, status=401)
        self.greetings.append(request.json["name"])
        return self.json({"id": len(self.greetings), "name": request.json["name"]}, status=201)


def test_sandbox_serves_real_http_on_a_loopback_port():
    sandbox = EchoSandbox()
    with SandboxServer(sandbox) as server:
        ok = requests.post(f"{server.base_url}/v1/greetings", json={"name": "Ada"}, auth=("pk", "secret"), timeout=5)
        denied = requests.post(f"{server.base_url}/v1/greetings", json={"name": "Eve"}, auth=("pk", "bad"), timeout=5)
        missing = requests.get(f"{server.base_url}/v1/nothing", timeout=5)

    assert server.base_url.startswith("http://127.0.0.1:")
    assert (ok.status_code, ok.json()) == (201, {"id": 1, "name": "Ada"})
    assert denied.status_code == 401
    assert missing.status_code == 404
    assert sandbox.greetings == ["Ada"]
    assert [r["path"] for r in sandbox.requests] == ["/v1/greetings", "/v1/greetings", "/v1/nothing"]


def test_sandbox_is_mounted_beside_the_django_app(db):
    sandbox = EchoSandbox()
    app = mount_sandboxes(get_wsgi_application(), {"echo": sandbox})

    response = WSGIClient(app).post("/_sandbox/echo/v1/greetings", json={"name": "Grace"}, auth=("pk", "secret"))
    health = WSGIClient(app).get("/healthz", headers={"Host": "localhost"})

    assert response.status_code == 201
    assert sandbox.greetings == ["Grace"]
    assert health.status_code == 200
