"""Page cache: wagtail-cache made safe, purged precisely on publish, and measured.

- ``rules``: what may be served from and stored in the cache (wagtail-cache hooks).
- ``generations``: a generation per URL path that stored pages carry, so a purge stops
  every stored variant of a path at once, whatever the store has evicted.
- ``backend``: the page-cache backends that check it (Redis; local memory).
- ``purge``: which paths a content change affects, and deleting them.
- ``signals``: Wagtail and model signals that trigger purges.
- ``middleware``: browser Cache-Control, the page-type header and the metrics.
"""
