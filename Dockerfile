# syntax=docker/dockerfile:1
# Foodie's image: Gunicorn serving Django/Wagtail, static files collected at build.
# Build: docker build -t foodie .   Run: docker compose (docker-compose.yml).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: dependencies into a virtualenv, static files collected and compressed ---
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
# Runtime dependencies only (requirements.txt): the test and lint tools in
# requirements-dev.txt never enter the image.
COPY requirements.txt /tmp/requirements.txt
RUN pip install --no-cache-dir -r /tmp/requirements.txt
WORKDIR /app
COPY . .
# Production settings refuse to load without their variables; these placeholders
# exist for this one command and are not in the final image's environment.
RUN DJANGO_SETTINGS_MODULE=foodie.settings.production \
    SECRET_KEY=collectstatic-only \
    ALLOWED_HOSTS=localhost \
    DATABASE_URL=postgres://build@localhost/build \
    WAGTAILADMIN_BASE_URL=http://localhost \
    WAGTAIL_CACHE=false \
    STATIC_ROOT=/app/static \
    python manage.py collectstatic --no-input --verbosity 0 \
 && python deploy/compress_static.py /app/static

# --- runtime: slim, no compilers, no dev tools, not root ----------------------------
FROM ${PYTHON_IMAGE} AS runtime
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=foodie.settings.production \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/srv/foodie/media \
    GUNICORN_BIND=0.0.0.0:8000 \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus
RUN groupadd --system --gid 10001 foodie \
 && useradd --system --uid 10001 --gid foodie --home-dir /app --no-create-home \
            --shell /usr/sbin/nologin foodie \
 && mkdir -p /srv/foodie/media /srv/foodie/static-volume \
 && chown foodie:foodie /srv/foodie/media /srv/foodie/static-volume
COPY --from=build /opt/venv /opt/venv
# Code and collected static files belong to root: the app cannot rewrite itself.
COPY --from=build /app /app
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
# Migrations are not run here: the `migrate` service (deploy/release.sh) runs them
# once per deployment, before the web containers start.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "foodie.wsgi"]
