"""Shared test setup: the demo data is loaded once into the test database.

`TestCase` tests run inside a transaction that is rolled back, so each sees the demo data as
loaded. Browser tests (`TransactionTestCase`) run last (pytest-django orders them so) and
load the data again themselves, since their database is flushed after each test.
"""

import io

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # noqa: ANN001, ANN201
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(autouse=True)
def fast_and_plain_settings(settings):  # noqa: ANN001, ANN201
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No collectstatic manifest in tests: serve static files by their plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
