"""One locust user type for every scenario: it requests BENCH_PATH as fast as it is answered."""

import os

from locust import FastHttpUser, constant, task


class Visitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def visit(self):
        self.client.get(os.environ["BENCH_PATH"], name=os.environ.get("BENCH_SCENARIO", "scenario"))
