"""The shop's production WSGI app, plus uploaded media served from MEDIA_ROOT.

In production a bucket or CDN serves media; under `make bench`/`make lighthouse` this stands in for
it so pages with images load completely. Every other request goes to the shop untouched.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from naturwest.wsgi import application as shop

# autorefresh: image renditions are written while pages render, after this process started.
_media = WhiteNoise(shop, autorefresh=True, max_age=3600)
_media.add_files(settings.MEDIA_ROOT, prefix=settings.MEDIA_URL)
_SERVE_MEDIA = settings.MEDIA_URL.startswith("/")


def application(environ, start_response):
    if _SERVE_MEDIA and environ.get("PATH_INFO", "").startswith(settings.MEDIA_URL):
        return _media(environ, start_response)
    return shop(environ, start_response)
