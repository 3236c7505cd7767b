"""Page cache: wagtail-cache made safe, purged precisely on publish, and measured.

- ``rules``: what may be served from and stored in the cache (wagtail-cache hooks).
- ``keys``: an index of stored cache keys by URL path, so a purge deletes exactly the
  stored variants (every host, scheme, query, language and time zone) of a path.
- ``purge``: which paths a content change affects, and deleting them.
- ``signals``: Wagtail and model signals that trigger purges.
- ``middleware``: browser Cache-Control, the page-type header and the metrics.
"""
