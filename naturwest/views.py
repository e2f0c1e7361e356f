from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static


def hello_world(request):
    """The benchmark baseline: the cheapest response Django can give through the same stack."""
    return HttpResponse("Hello, world", content_type="text/plain")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors: they may be what failed.
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at the hashed static file."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
