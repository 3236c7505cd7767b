// Quantities as cooks write them, and metric / US conversions, shared by the recipe
// page (recipe.js: scaling, the unit switch) and the shopping list (shopping-list.js).
// Exposed as window.foodieUnits; tests/e2e/test_units.py checks it against pint.
(function () {
  "use strict";

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
  // 10 (shown as fractions), whole numbers from 10.
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
  // An amount of a unit key as a cook writes it: metric units with metric rounding, US
  // ones with US rounding, anything else (cloves, cans, none) as format_quantity.
  function formatAmount(value, unit) {
    if (METRIC.indexOf(unit) >= 0) return metricText(value, unit);
    if (unit in GRAMS || unit in MILLILITRES) return usText(value);
    return formatQuantity(value);
  }

  window.foodieUnits = {
    convert: convert,
    convertTemperature: convertTemperature,
    formatQuantity: formatQuantity,
    formatAmount: formatAmount,
    labels: LABELS
  };

})();
