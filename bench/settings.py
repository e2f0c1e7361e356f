"""The benchmark's own process: production settings plus the demo app, whose seed_demo fills the site.

The gunicorn workers under test run plain production settings (`site_environment`).
"""

from naturwest.settings.production import *  # noqa: F403
from naturwest.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
