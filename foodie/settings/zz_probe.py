from foodie.settings.test import *  # noqa

INSTALLED_APPS = [a for a in INSTALLED_APPS if a != "axes"]
MIDDLEWARE = [m for m in MIDDLEWARE if "axes" not in m]
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
