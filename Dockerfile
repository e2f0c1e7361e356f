# syntax=docker/dockerfile:1
# --- build: virtualenv, compiled translations, static files ------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install -r requirements.txt
COPY . .
# Static files are collected with the PRODUCTION settings, so the hashed manifest is the one the
# runtime's CompressedManifestStaticFilesStorage reads. The key, host and sandbox opt-in exist only
# for this step: the image itself refuses to start until real provider settings (or the opt-in) are given.
RUN export DJANGO_SETTINGS_MODULE=naturwest.settings.production \
      SECRET_KEY="build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(64))')" \
      ALLOWED_HOSTS=build.invalid \
      PROVIDERS_SANDBOX_ALLOWED=true \
 && /venv/bin/python manage.py compilemessages --ignore=/venv \
 && /venv/bin/python manage.py collectstatic --noinput

# --- runtime: slim, non-root ---------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=naturwest.settings.production PORT=8000
RUN useradd --create-home --uid 1000 naturwest
COPY --from=build /venv /venv
COPY --from=build --chown=naturwest:naturwest /app /app
WORKDIR /app
# The media and private-documents volumes are mounted here: they must exist, owned by the app user,
# before the first upload.
RUN mkdir -p /app/var/media /app/var/private && chown -R naturwest:naturwest /app/var
USER naturwest
EXPOSE 8000
# Sends an allowed Host and X-Forwarded-Proto: https, so it works with production's host and HTTPS checks.
HEALTHCHECK --interval=30s --timeout=5s CMD ["python", "docker/healthcheck.py", "/healthz"]
CMD ["sh", "-c", "exec gunicorn naturwest.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --max-requests 1000 --max-requests-jitter 100 --access-logfile - --forwarded-allow-ips='*'"]
