"""Data migrations survive transactional tests.

A transactional test (live server, threads) ends with a flush that also removes what data migrations
created: the root page, default site and locale, root collection, staff groups and workflows. Every
later test in the run, and a later `--reuse-db` run, would start from an emptied database. So the
migrated state is kept from the start of the run and put back after each transactional test.
"""

from __future__ import annotations

import pytest

_MIGRATED_STATE = pytest.StashKey[dict]()


def _missing_migration_data() -> list[str]:
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Page, Site

    expected = {
        "root page": Page.objects.filter(depth=1),
        "default site": Site.objects.filter(is_default_site=True),
        "default locale": Locale.objects.all(),
        "root collection": Collection.objects.filter(depth=1),
        "staff groups": Group.objects.all(),
    }
    return [name for name, rows in expected.items() if not rows.exists()]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    from django.db import connections

    with django_db_blocker.unblock():
        missing = _missing_migration_data()
        if missing:
            pytest.exit(
                f"The reused test database lacks what its migrations created ({', '.join(missing)}): an "
                "earlier run flushed it. Run once with --create-db.",
                returncode=1,
            )
        request.config.stash[_MIGRATED_STATE] = {alias: _serialize(connections[alias]) for alias in connections}
    yield


def _serialize(connection) -> str:
    """Django's serialize_db_to_string, with content types first: loading pages and workflow tasks
    looks up their content type, which must then already be the restored row (same id)."""
    from io import StringIO

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.db import router
    from django.db.migrations.loader import MigrationLoader

    migrated = MigrationLoader(connection).migrated_apps
    models = [
        model
        for app_config in apps.get_app_configs()
        if app_config.models_module is not None and app_config.label in migrated
        for model in app_config.get_models()
        if model._meta.can_migrate(connection) and router.allow_migrate_model(connection.alias, model)
    ]
    models.sort(key=lambda model: model is not ContentType)

    def objects():
        for model in models:
            yield from model._base_manager.using(connection.alias).order_by(model._meta.pk.name).iterator()

    out = StringIO()
    serializers.serialize("json", objects(), indent=None, stream=out)
    return out.getvalue()


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    return bool(
        {"transactional_db", "live_server", "django_db_reset_sequences"} & fixtures
        or (marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    state = item.config.stash.get(_MIGRATED_STATE, None)
    if state and _is_transactional(item):
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for alias, contents in state.items():
                # The test's flush re-created content types and permissions with new ids: clear them first.
                # Sequences stay where they are (as in Django's own flush between tests): restored rows
                # keep their ids, new rows get higher ones.
                call_command(
                    "flush",
                    database=alias,
                    interactive=False,
                    inhibit_post_migrate=True,
                    reset_sequences=False,
                    verbosity=0,
                )
                ContentType.objects.clear_cache()
                connections[alias].creation.deserialize_db_from_string(contents)
                ContentType.objects.clear_cache()
    return result
