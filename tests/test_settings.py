"""Settings come from the environment; production refuses to start without a real secret."""

import os
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}}
    code = (
        "import redline.settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.DATABASES['default']['CONN_HEALTH_CHECKS'], "
        "s.STORAGES['staticfiles']['BACKEND'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True
    )


class SettingsTests(unittest.TestCase):
    def test_it_refuses_to_run_without_a_secret_key_when_debug_is_off(self):
        result = load_settings()
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("SECRET_KEY must be set", result.stderr)

    def test_it_defaults_to_sqlite_and_debug_off(self):
        result = load_settings(SECRET_KEY="k")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.split(),
            ["False", "django.db.backends.sqlite3", "True", "whitenoise.storage.CompressedManifestStaticFilesStorage"],
        )

    def test_database_url_selects_postgresql(self):
        result = load_settings(SECRET_KEY="k", DATABASE_URL="postgres://u:p@db:5432/redline")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split()[1], "django.db.backends.postgresql")

    def test_debug_can_be_asked_for(self):
        result = load_settings(DEBUG="1")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.split()[0], "True")
