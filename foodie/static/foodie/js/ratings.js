// The rating widget on a recipe page (includes/cook_notes.html): stars, "I made this"
// and an optional note, sent as JSON. The cached page carries no CSRF token and sets no
// cookie; the widget fetches a token (/ratings/token/) only when a reader sends a
// rating. Without JavaScript the form stays hidden and the page reads as before.
(function () {
  "use strict";

  var form = document.querySelector("[data-rating-form]");
  if (!form || !window.fetch) return;
  var status = form.querySelector("[data-rating-status]");
  var button = form.querySelector("button[type=submit]");

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("rating-form__status--error", Boolean(isError));
  }

  // What each refusal means to the reader when the answer is not our JSON (Nginx's own
  // 429 page, a 403 from an expired token, a proxy's error page).
  var FALLBACK = {
    403: "Your rating could not be sent: please reload the page and try again.",
    429: "You have sent a lot of ratings: please try again later."
  };

  function send(token) {
    var data = new FormData(form);
    return fetch(form.dataset.rateUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token },
      body: JSON.stringify({
        stars: Number(data.get("stars")),
        note: data.get("note") || "",
        made_it: data.get("made_it") === "on",
        website: data.get("website") || ""
      })
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!new FormData(form).get("stars")) {
      say("Choose from 1 to 5 stars.", true);
      form.querySelector("input[name=stars]").focus();
      return;
    }
    button.disabled = true;
    say("Sending your rating…");
    fetch(form.dataset.tokenUrl, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) throw new Error("token " + response.status);
        return response.json();
      })
      .then(function (answer) { return send(answer.csrfToken); })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (answer) {
          var message = answer.message || FALLBACK[response.status] ||
            "Your rating could not be sent: please try again later.";
          if (response.status === 201) {
            form.reset();
            say(message);
          } else {
            say(message, true);
          }
        });
      })
      .catch(function () {
        say("Your rating could not be sent: please check your connection and try again.", true);
      })
      .then(function () { button.disabled = false; });
  });

  form.hidden = false;
})();
