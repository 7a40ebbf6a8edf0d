"""Browser tests' database is flushed between tests, which removes what data migrations made:
put the seeded tag vocabulary and the "editors" group back."""

import importlib

from django.apps import apps


def reseed_annotations() -> None:
    importlib.import_module("plans.migrations.0005_seed_tags_and_editors").seed(apps, None)
