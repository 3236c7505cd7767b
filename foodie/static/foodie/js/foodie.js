// Foodie progressive enhancements. The site works without this file.
(function () {
  "use strict";

  // Video facades: load the third-party player only when the reader asks for it.
  document.querySelectorAll("[data-video-player]").forEach(function (figure) {
    var link = figure.querySelector(".block-video__facade a");
    if (!link || !figure.dataset.videoPlayer) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var iframe = document.createElement("iframe");
      iframe.src = figure.dataset.videoPlayer;
      iframe.title = link.textContent.trim();
      iframe.allow = "autoplay; encrypted-media; picture-in-picture";
      iframe.allowFullscreen = true;
      figure.querySelector(".block-video__facade").replaceWith(iframe);
      iframe.focus();
    });
  });
})();
