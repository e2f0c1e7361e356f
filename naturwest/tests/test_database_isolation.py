"""Order independence: a transactional test's flush must not take the migrated data from later tests.

The two tests run in this order within the file; run them reversed too (random order does, and
`pytest <file>::second <file>::first` does) — both orders pass.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Collection, Locale, Page, Site


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_commits_and_is_flushed_afterwards():
    Group.objects.create(name="Saisonkräfte")

    assert Group.objects.filter(name="Saisonkräfte").exists()


@pytest.mark.django_db
def test_what_the_migrations_created_is_there_for_every_test():
    assert Page.objects.filter(depth=1).count() == 1
    assert Site.objects.filter(is_default_site=True).count() == 1
    assert Locale.objects.filter(language_code="de").exists()
    assert Collection.objects.filter(depth=1).count() == 1
    assert Group.objects.filter(name="Operations").exists()
    assert not Group.objects.filter(name="Saisonkräfte").exists()


@pytest.mark.django_db(transaction=True)
def test_what_the_migrations_created_is_there_after_another_transactional_test():
    # pytest-django runs transactional tests after the others, so this one follows the first above.
    assert Page.objects.filter(depth=1).count() == 1
    assert Site.objects.filter(is_default_site=True).count() == 1
    assert Locale.objects.filter(language_code="de").exists()
    assert Group.objects.filter(name="Operations").exists()
