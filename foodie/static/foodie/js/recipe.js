// Recipe page enhancements: servings scaling, metric/US units, step timers, cook
// mode, print.
// Without JavaScript the page shows the base quantities; the HTML carries the
// canonical quantities (data-quantity), so scaling never changes what is cached.
(function () {
  "use strict";

  var recipe = document.querySelector("[data-recipe]");
  if (!recipe) return;

  var units = window.foodieUnits; // quantities.js
  var formatQuantity = units.formatQuantity;
  var convert = units.convert;
  var convertTemperature = units.convertTemperature;

  var UNITS_KEY = "foodie.units";
  function savedSystem() {
    try { return localStorage.getItem(UNITS_KEY) || "written"; } catch (e) { return "written"; }
  }

  // Servings scaling and units: every quantity is drawn from its canonical value
  // (data-quantity), scaled, then converted.
  var ingredients = recipe.querySelector("[data-base-servings]");
  var control = recipe.querySelector("[data-servings]");
  var unitsControl = recipe.querySelector("[data-units]");
  var system = savedSystem();
  var factor = 1;
  // An ingredient row's unit: its key and [singular, plural] labels as written.
  function writtenUnit(row) {
    var unit = row.querySelector("[data-unit]");
    return unit ? { key: unit.dataset.unit, labels: [unit.dataset.singular, unit.dataset.plural] }
      : { key: "", labels: ["", ""] };
  }
  // A row's quantity as shown, {value, unit, text, label, labels}: scaled, then
  // converted; null for a row without one ("salt, to taste").
  function shownQuantity(row) {
    var qty = row.querySelector("[data-quantity]");
    if (!qty) return null;
    var scaled = parseFloat(qty.dataset.quantity) * factor;
    var written = writtenUnit(row);
    var shown = convert(scaled, written.key, system);
    if (shown) return Object.assign(shown, { labels: units.labels[shown.unit] });
    return {
      value: scaled, unit: written.key, text: formatQuantity(scaled),
      label: written.labels[scaled > 1 ? 1 : 0], labels: written.labels
    };
  }
  function showIngredients() {
    if (!ingredients) return;
    ingredients.querySelectorAll(".ingredient").forEach(function (row) {
      var shown = shownQuantity(row);
      if (!shown) return;
      row.querySelector("[data-quantity]").textContent = shown.text;
      var unit = row.querySelector("[data-unit]");
      if (unit) unit.textContent = shown.label;
    });
    recipe.querySelectorAll("[data-temperature]").forEach(function (mark) {
      var temperature = convertTemperature(parseFloat(mark.dataset.temperature), mark.dataset.scale, system);
      mark.textContent = temperature ? temperature.text : mark.dataset.written;
    });
  }
  if (unitsControl) {
    var choice = unitsControl.querySelector('input[value="' + system + '"]');
    if (choice) choice.checked = true; else system = "written";
    unitsControl.addEventListener("change", function (event) {
      system = event.target.value;
      try { localStorage.setItem(UNITS_KEY, system); } catch (e) { /* private mode: this page only */ }
      showIngredients();
    });
    unitsControl.hidden = false;
  }
  if (ingredients && control) {
    var base = parseFloat(ingredients.dataset.baseServings) || 1;
    var input = control.querySelector("input");
    var status = control.querySelector(".servings__status");
    var rescale = function () {
      var wanted = parseInt(input.value, 10);
      if (!(wanted >= 1 && wanted <= 200)) return;
      factor = wanted / base;
      showIngredients();
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
  if (system !== "written") showIngredients();

  // Shopping list (shopping-list.js): the ingredients as shown now, at the servings and
  // in the units the reader chose.
  var addToList = recipe.querySelector("[data-add-to-list]");
  if (addToList && ingredients && window.foodieShoppingList) {
    var shownLines = function () {
      return Array.prototype.map.call(ingredients.querySelectorAll(".ingredient"), function (row) {
        var written = writtenUnit(row);
        var shown = shownQuantity(row) || { value: null, unit: written.key, labels: written.labels };
        var note = row.querySelector(".ingredient__note");
        return {
          amount: shown.value, unit: shown.unit, labels: shown.labels,
          item: row.querySelector(".ingredient__item").textContent.trim(),
          note: note ? note.textContent.replace(/^,\s*/, "") : ""
        };
      });
    };
    addToList.hidden = false;
    addToList.addEventListener("click", function () {
      // The servings the quantities are scaled for (not the field, which may hold a
      // value being typed).
      var servings = Math.round((parseFloat(ingredients.dataset.baseServings) || 1) * factor);
      var entry = {
        id: Number(addToList.dataset.addToList), title: addToList.dataset.title,
        url: addToList.dataset.url, servings: servings + " " + addToList.dataset.yieldUnit,
        items: shownLines()
      };
      if (!entry.items.length) {
        window.foodieAnnounce("This recipe lists no ingredients to add.");
        return;
      }
      var done = window.foodieShoppingList.add(entry);
      window.foodieAnnounce(done === null
        ? "This browser would not keep your shopping list (storage is full or blocked)."
        : (done === "replaced" ? "Updated" : "Added") + " the ingredients of “" + entry.title +
          "” for " + entry.servings + " in your shopping list.");
    });
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
