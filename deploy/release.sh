#!/bin/sh
# The release step, run once per deployment by Compose's `migrate` service before
# the web and scheduler containers start (never on every container start).
set -eu
python manage.py migrate --no-input
# Publish the static files to the volume Nginx serves. The image's own collected
# files are copied; old hashed files stay, so pages cached before the deploy keep
# their CSS and JS. With the source bind-mounted (development) there are none in
# the image's place, so collect them straight into the volume.
if [ -n "${STATIC_VOLUME:-}" ]; then
    if [ -d /app/static ]; then
        cp -R /app/static/. "$STATIC_VOLUME"/
    else
        STATIC_ROOT="$STATIC_VOLUME" python manage.py collectstatic --no-input --verbosity 0
    fi
fi
