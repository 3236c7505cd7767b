// Foodie progressive enhancements. The site works without this file.
(function () {
  "use strict";

  // A short message for what a button did (saved, added to the list): shown for a few
  // seconds and read out by screen readers: one polite live region for the page, in
  // place (empty, so unseen) before its first message, as screen readers need.
  var toast = document.createElement("p");
  toast.className = "toast";
  toast.setAttribute("role", "status");
  document.body.appendChild(toast);
  var toastTimer = null;
  window.foodieAnnounce = function (message) {
    toast.textContent = message;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () { toast.textContent = ""; }, 5000);
  };

  // Video facades: load the third-party player only when the reader asks for it.
  document.querySelectorAll("[data-video-player]").forEach(function (figure) {
    var facade = figure.querySelector(".video__facade");
    var link = facade && facade.querySelector("a");
    if (!link || !figure.dataset.videoPlayer) return;
    link.addEventListener("click", function (event) {
      // Let modified clicks (new tab, new window) go to the provider's page as usual.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = figure.dataset.videoPlayer;
      iframe.title = link.textContent.trim();
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.allowFullscreen = true;
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      facade.replaceWith(iframe);
      iframe.focus();
    });
  });
})();
