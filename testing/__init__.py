"""The test suite's shared data and fixtures: `testing.factories` builds shop data, `testing.plugin` is the
pytest plugin (registered in the root conftest) that exposes the fixtures to every app's tests."""
