// Recipe page enhancements: servings scaling, step timers, cook mode, print.
// Without JavaScript the page shows the base quantities; the HTML carries the
// canonical quantities (data-quantity), so scaling never changes what is cached.
(function () {
  "use strict";

  var recipe = document.querySelector("[data-recipe]");
  if (!recipe) return;

  // Same rules as recipes/quantities.py format_quantity: from 10 up whole numbers;
  // below, common fractions as glyphs (snapping within 0.02), otherwise one decimal.
  var GLYPHS = [
    [1 / 8, "⅛"], [1 / 4, "¼"], [1 / 3, "⅓"], [3 / 8, "⅜"], [1 / 2, "½"],
    [5 / 8, "⅝"], [2 / 3, "⅔"], [3 / 4, "¾"], [7 / 8, "⅞"]
  ];
  function formatQuantity(value) {
    if (value >= 10) return String(Math.round(value));
    var whole = Math.floor(value);
    var rest = value - whole;
    for (var i = 0; i < GLYPHS.length; i++) {
      if (Math.abs(rest - GLYPHS[i][0]) <= 0.02) return (whole || "") + GLYPHS[i][1];
    }
    if (rest < 0.02) return String(whole);
    if (1 - rest < 0.02) return String(whole + 1);
    return value.toFixed(1).replace(/\.0$/, "");
  }

  // Servings scaling.
  var ingredients = recipe.querySelector("[data-base-servings]");
  var control = recipe.querySelector("[data-servings]");
  if (ingredients && control) {
    var base = parseFloat(ingredients.dataset.baseServings) || 1;
    var input = control.querySelector("input");
    var status = control.querySelector(".servings__status");
    var rescale = function () {
      var wanted = parseInt(input.value, 10);
      if (!(wanted >= 1 && wanted <= 200)) return;
      var factor = wanted / base;
      ingredients.querySelectorAll(".ingredient").forEach(function (row) {
        var qty = row.querySelector("[data-quantity]");
        if (!qty) return;
        var scaled = parseFloat(qty.dataset.quantity) * factor;
        qty.textContent = formatQuantity(scaled);
        var unit = row.querySelector("[data-singular]");
        if (unit) unit.textContent = scaled > 1 ? unit.dataset.plural : unit.dataset.singular;
      });
      status.textContent = wanted === base ? "" : "Quantities scaled for " + wanted + ".";
    };
    control.querySelectorAll("[data-servings-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var next = (parseInt(input.value, 10) || base) + parseInt(button.dataset.servingsStep, 10);
        input.value = Math.min(200, Math.max(1, next));
        rescale();
      });
    });
    input.addEventListener("input", rescale);
    control.hidden = false;
  }

  // Step timers: one countdown per step, announced to screen readers when done.
  var timerStatus = recipe.querySelector("[data-timer-status]");
  recipe.querySelectorAll("[data-timer-minutes]").forEach(function (button) {
    var label = button.textContent;
    var interval = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (interval) {
        clearInterval(interval);
        interval = null;
        button.textContent = label;
        button.setAttribute("aria-pressed", "false");
        return;
      }
      var endsAt = Date.now() + parseInt(button.dataset.timerMinutes, 10) * 60000;
      button.setAttribute("aria-pressed", "true");
      var tick = function () {
        var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
        var mins = Math.floor(left / 60);
        var secs = String(left % 60).padStart(2, "0");
        button.textContent = "Stop timer (" + mins + ":" + secs + " left)";
        if (left === 0) {
          clearInterval(interval);
          interval = null;
          button.textContent = "Time’s up! Restart timer";
          button.setAttribute("aria-pressed", "false");
          if (timerStatus) timerStatus.textContent = "Timer finished: " + label.replace(/^Start /, "");
          if (navigator.vibrate) navigator.vibrate([200, 100, 200]);
        }
      };
      tick();
      interval = setInterval(tick, 1000);
    });
  });

  // Cook mode: keep the screen awake while cooking (Screen Wake Lock API).
  var cookMode = recipe.querySelector("[data-cook-mode]");
  if (cookMode && "wakeLock" in navigator) {
    var lock = null;
    var release = function () {
      if (lock) lock.release();
      lock = null;
      cookMode.setAttribute("aria-pressed", "false");
      document.body.classList.remove("cook-mode");
    };
    var acquire = function () {
      return navigator.wakeLock.request("screen").then(function (sentinel) {
        lock = sentinel;
        cookMode.setAttribute("aria-pressed", "true");
        document.body.classList.add("cook-mode");
        lock.addEventListener("release", function () { lock = null; });
      });
    };
    cookMode.hidden = false;
    cookMode.addEventListener("click", function () {
      if (cookMode.getAttribute("aria-pressed") === "true") release();
      else acquire().catch(release);
    });
    // The browser drops the lock when the tab is hidden; take it back on return.
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !lock &&
          cookMode.getAttribute("aria-pressed") === "true") acquire().catch(release);
    });
  }

  var printButton = recipe.querySelector("[data-print]");
  if (printButton) {
    printButton.hidden = false;
    printButton.addEventListener("click", function () { window.print(); });
  }
})();
