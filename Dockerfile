# syntax=docker/dockerfile:1
# --- build: wheels and static files ------------------------------------------
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN apt-get update && apt-get install -y --no-install-recommends gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN python -m venv /venv && /venv/bin/pip install --upgrade pip && /venv/bin/pip install -r requirements.txt
COPY . .
RUN DJANGO_SETTINGS_MODULE=naturwest.settings.dev /venv/bin/python manage.py compilemessages --ignore=/venv \
 && DJANGO_SETTINGS_MODULE=naturwest.settings.dev /venv/bin/python manage.py collectstatic --noinput

# --- runtime: slim, non-root ---------------------------------------------------
FROM python:3.11-slim AS runtime
ENV PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=naturwest.settings.production PORT=8000
RUN useradd --create-home --uid 1000 naturwest
COPY --from=build /venv /venv
COPY --from=build --chown=naturwest:naturwest /app /app
WORKDIR /app
USER naturwest
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,os; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz')"
CMD ["sh", "-c", "gunicorn naturwest.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --max-requests 1000 --max-requests-jitter 100 --access-logfile - --forwarded-allow-ips='*'"]
