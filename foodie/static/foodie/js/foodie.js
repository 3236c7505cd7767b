// Foodie progressive enhancements. The site works without this file.
(function () {
  "use strict";

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
