// The saved recipes page's service worker (foodie/js/saved-recipes.js registers it
// with that page as its scope). Online, everything comes from the network as usual;
// when the network fails, the page and the files it loaded come from the cache the
// page fills while online, so a reader offline still sees the titles they saved.
"use strict";

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  // Only this site's files, never the admin's: images on a media host (S3, a CDN) and
  // everything else go to the network untouched.
  if (request.method !== "GET" || url.origin !== self.location.origin ||
      url.pathname.indexOf("/admin/") === 0) return;
  event.respondWith(
    fetch(request).catch(function () {
      return caches.match(request, { ignoreSearch: request.mode === "navigate" })
        .then(function (cached) {
          return cached || Response.error();
        });
    })
  );
});
