// Recipe page enhancements: servings scaling, metric/US units, step timers, cook
// mode, print.
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

  // Units: as written, metric or US customary, within a dimension only (mass, volume);
  // other units (cloves, cans) stay as written. Cooks' rounding: metric to 5 g/ml from
  // 100, to 1 from 10, to 0.5 below, kg and l to 0.1; US to the nearest eighth below
  // 10 (shown as fractions), whole numbers from 10. Exposed as window.foodieUnits so
  // tests/e2e/test_units.py can check it against pint.
  var GRAMS = { g: 1, kg: 1000, oz: 28.349523125, lb: 453.59237 };
  var MILLILITRES = {
    ml: 1, l: 1000, tsp: 4.92892159375, tbsp: 14.78676478125, cup: 236.5882365, fl_oz: 29.5735295625
  };
  var METRIC = ["g", "kg", "ml", "l"];
  var LABELS = {
    g: ["g", "g"], kg: ["kg", "kg"], ml: ["ml", "ml"], l: ["l", "l"], oz: ["oz", "oz"],
    lb: ["lb", "lb"], tsp: ["tsp", "tsp"], tbsp: ["tbsp", "tbsp"], cup: ["cup", "cups"]
  };
  function roundTo(value, step) { return Math.round(value / step) * step; }
  function decimal(value) { return String(Math.round(value * 10) / 10); }
  function metricText(value, unit) {
    if (unit === "kg" || unit === "l") return decimal(value >= 10 ? Math.round(value) : roundTo(value, 0.1));
    if (value >= 100) return String(roundTo(value, 5));
    if (value >= 10) return String(Math.round(value));
    return decimal(Math.max(0.5, roundTo(value, 0.5)));
  }
  function usText(value) {
    if (value >= 10) return String(Math.round(value));
    if (value < 1 / 16) return String(Number(value.toPrecision(1)));
    return formatQuantity(Math.max(1 / 8, roundTo(value, 1 / 8)));
  }
  function converted(value, unit, text) {
    var plural = value > 1 && text !== "1";  // "1 cup" when 1.06 cups is shown as 1
    return { value: value, unit: unit, text: text, label: LABELS[unit][plural ? 1 : 0] };
  }
  // {value, unit, text, label} for `value` of `unit` in `system`; null to show it as
  // written.
  function convert(value, unit, system) {
    var isMass = unit in GRAMS, isVolume = unit in MILLILITRES;
    if (system === "written" || !(isMass || isVolume)) return null;
    if ((system === "metric") === (METRIC.indexOf(unit) >= 0)) return null;
    var target, amount;
    if (system === "metric") {
      amount = value * (isMass ? GRAMS[unit] : MILLILITRES[unit]);
      target = isMass ? (amount >= 1000 ? "kg" : "g") : (amount >= 1000 ? "l" : "ml");
      if (target === "kg" || target === "l") amount /= 1000;
      return converted(amount, target, metricText(amount, target));
    }
    if (isMass) {
      amount = value * GRAMS[unit] / GRAMS.oz;
      target = amount >= 16 ? "lb" : "oz";
      if (target === "lb") amount = value * GRAMS[unit] / GRAMS.lb;
    } else {
      var ml = value * MILLILITRES[unit];
      target = ml < 3 * MILLILITRES.tsp ? "tsp" : ml < 4 * MILLILITRES.tbsp ? "tbsp" : "cup";
      amount = ml / MILLILITRES[target];
    }
    return converted(amount, target, usText(amount));
  }
  // Oven temperatures marked in the steps (recipes/templatetags/recipe_tags.py), to
  // the nearest 5 degrees.
  function convertTemperature(degrees, scale, system) {
    var wanted = system === "metric" ? "C" : system === "us" ? "F" : scale;
    if (wanted === scale) return null;
    var value = scale === "C" ? degrees * 9 / 5 + 32 : (degrees - 32) * 5 / 9;
    return { value: value, unit: wanted, text: roundTo(value, 5) + "°" + wanted };
  }
  window.foodieUnits = { convert: convert, convertTemperature: convertTemperature };

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
  function showIngredients() {
    if (!ingredients) return;
    ingredients.querySelectorAll(".ingredient").forEach(function (row) {
      var qty = row.querySelector("[data-quantity]");
      if (!qty) return;
      var scaled = parseFloat(qty.dataset.quantity) * factor;
      var unit = row.querySelector("[data-unit]");
      var shown = unit ? convert(scaled, unit.dataset.unit, system) : null;
      if (shown) {
        qty.textContent = shown.text;
        unit.textContent = shown.label;
      } else {
        qty.textContent = formatQuantity(scaled);
        if (unit) unit.textContent = scaled > 1 ? unit.dataset.plural : unit.dataset.singular;
      }
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
