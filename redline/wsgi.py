"""WSGI entry point (gunicorn redline.wsgi)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redline.settings")
application = get_wsgi_application()
