#!/bin/sh
# The release step, run once per deployment by Compose's `migrate` service before
# the web and scheduler containers start (never on every container start).
set -eu
python manage.py migrate --no-input
# Publish this image's collected static files to the volume Nginx serves. Old
# hashed files stay, so pages cached before the deploy keep their CSS and JS.
if [ -n "${STATIC_VOLUME:-}" ]; then
    cp -R /app/static/. "$STATIC_VOLUME"/
fi
