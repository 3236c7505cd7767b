// The shopping list, kept in this browser (localStorage), never on the server: a
// recipe page adds its ingredients as shown (recipe.js, at the servings and units the
// reader chose) through window.foodieShoppingList; the shopping list page
// ([data-shopping-list]) merges the same item in the same unit, groups by item or by
// recipe, ticks items off and prints. The site works without it.
(function () {
  "use strict";

  var KEY = "foodie.shopping";
  var GROUP_KEY = "foodie.shopping.group";
  var units = window.foodieUnits; // quantities.js

  function isLine(line) {
    return line && typeof line.item === "string" && typeof line.unit === "string" &&
      (line.amount === null || typeof line.amount === "number") && Array.isArray(line.labels);
  }

  function isRecipe(recipe) {
    return recipe && typeof recipe.id === "number" && typeof recipe.title === "string" &&
      typeof recipe.url === "string" && /^\/(?!\/)/.test(recipe.url) && // this site's paths only
      Array.isArray(recipe.items) && recipe.items.length > 0 && recipe.items.every(isLine);
  }

  function read() {
    try {
      var list = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return {
        recipes: Array.isArray(list.recipes) ? list.recipes.filter(isRecipe) : [],
        checked: Array.isArray(list.checked) ? list.checked.filter(function (k) { return typeof k === "string"; }) : []
      };
    } catch (error) {
      return { recipes: [], checked: [] }; // storage blocked or not ours
    }
  }

  function write(list) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(list));
      return true;
    } catch (error) {
      return false;
    }
  }

  // The same item in the same unit is one line of the list, whatever the recipe.
  function itemKey(line) {
    return line.item.trim().toLowerCase() + "|" + line.unit;
  }

  function lineKey(recipe, line) {
    return recipe.id + "|" + itemKey(line);
  }

  // A recipe's lines with the same item in the same unit as one (garlic in the marinade
  // and in the sauce), amounts added up and notes kept.
  function mergedLines(lines) {
    var byKey = {};
    var merged = [];
    lines.forEach(function (line) {
      var key = itemKey(line);
      var kept = byKey[key];
      if (!kept) {
        byKey[key] = kept = { amount: line.amount, unit: line.unit, labels: line.labels, item: line.item, note: line.note };
        merged.push(kept);
        return;
      }
      if (line.amount !== null) kept.amount = (kept.amount || 0) + line.amount;
      if (line.note && kept.note.indexOf(line.note) === -1) kept.note = kept.note ? kept.note + "; " + line.note : line.note;
    });
    return merged;
  }

  // Adding a recipe again replaces its lines (new servings or units); ticks on the
  // lines it still has stay.
  function add(recipe) {
    recipe.items = mergedLines(recipe.items);
    if (!isRecipe(recipe)) return null;
    var list = read();
    var replaced = list.recipes.some(function (r) { return r.id === recipe.id; });
    list.recipes = [recipe].concat(list.recipes.filter(function (r) { return r.id !== recipe.id; }));
    var keys = recipe.items.map(function (line) { return lineKey(recipe, line); });
    list.checked = list.checked.filter(function (key) {
      return key.indexOf(recipe.id + "|") !== 0 || keys.indexOf(key) !== -1;
    });
    if (!write(list)) return null;
    return replaced ? "replaced" : "added";
  }

  window.foodieShoppingList = { add: add };

  var page = document.querySelector("[data-shopping-list]");
  if (!page) return;
  var itemsBox = page.querySelector("[data-shopping-items]");
  var empty = page.querySelector("[data-shopping-empty]");
  var controls = page.querySelector("[data-shopping-controls]");
  function announce(message) {
    window.foodieAnnounce(message); // foodie.js, which may run after this script
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function quantity(amount, unit, labels) {
    if (amount === null) return "";
    var text = units.formatAmount(amount, unit);
    var label = labels[text === "1" || amount <= 1 ? 0 : 1] || "";
    return label ? text + " " + label : text;
  }

  // The list by item: one line per item and unit, with the recipes it is for.
  function byItem(list) {
    var merged = {};
    var order = [];
    list.recipes.forEach(function (recipe) {
      recipe.items.forEach(function (line) {
        var key = itemKey(line);
        if (!merged[key]) {
          merged[key] = { item: line.item, unit: line.unit, labels: line.labels, amount: null, recipes: [], keys: [] };
          order.push(key);
        }
        var entry = merged[key];
        if (line.amount !== null) entry.amount = (entry.amount || 0) + line.amount;
        if (entry.recipes.indexOf(recipe.title) === -1) entry.recipes.push(recipe.title);
        entry.keys.push(lineKey(recipe, line));
      });
    });
    var collator = new Intl.Collator(undefined, { sensitivity: "base" });
    return order.map(function (key) { return merged[key]; })
      .sort(function (a, b) { return collator.compare(a.item, b.item); });
  }

  function checkbox(label, keys, checked, detail) {
    var li = element("li", "shopping__line");
    var box = element("input");
    box.type = "checkbox";
    box.checked = keys.every(function (key) { return checked.indexOf(key) !== -1; });
    var text = element("label");
    text.appendChild(box);
    text.appendChild(document.createTextNode(label));
    if (detail) text.appendChild(element("span", "shopping__detail", " (" + detail + ")"));
    box.addEventListener("change", function () {
      var list = read();
      list.checked = list.checked.filter(function (key) { return keys.indexOf(key) === -1; });
      if (box.checked) list.checked = list.checked.concat(keys);
      write(list);
      li.classList.toggle("is-checked", box.checked);
    });
    li.classList.toggle("is-checked", box.checked);
    li.appendChild(text);
    return li;
  }

  function describe(amount, unit, labels, item) {
    var shown = quantity(amount, unit, labels);
    return shown ? shown + " " + item : item;
  }

  function render() {
    var list = read();
    var group = groupChoice();
    itemsBox.replaceChildren();
    empty.hidden = list.recipes.length > 0;
    controls.hidden = list.recipes.length === 0;
    if (!list.recipes.length) return;
    if (group === "item") {
      var ul = element("ul", "shopping__lines");
      byItem(list).forEach(function (entry) {
        ul.appendChild(checkbox(describe(entry.amount, entry.unit, entry.labels, entry.item),
          entry.keys, list.checked, entry.recipes.join(", ")));
      });
      itemsBox.appendChild(ul);
      return;
    }
    list.recipes.forEach(function (recipe) {
      var section = element("section", "shopping__recipe");
      var heading = element("h2");
      var link = element("a", "", recipe.title);
      link.href = recipe.url;
      heading.appendChild(link);
      section.appendChild(heading);
      if (recipe.servings) section.appendChild(element("p", "shopping__servings", "For " + recipe.servings));
      var remove = element("button", "button--secondary no-print", "Remove");
      remove.type = "button";
      remove.appendChild(element("span", "visually-hidden", " “" + recipe.title + "”"));
      remove.addEventListener("click", function () {
        var current = read();
        current.recipes = current.recipes.filter(function (r) { return r.id !== recipe.id; });
        current.checked = current.checked.filter(function (key) { return key.indexOf(recipe.id + "|") !== 0; });
        write(current);
        render();
        announce("Removed “" + recipe.title + "” from your shopping list.");
        page.querySelector("h1").focus();
      });
      section.appendChild(remove);
      var ul = element("ul", "shopping__lines");
      recipe.items.forEach(function (line) {
        ul.appendChild(checkbox(describe(line.amount, line.unit, line.labels, line.item),
          [lineKey(recipe, line)], list.checked, line.note));
      });
      section.appendChild(ul);
      itemsBox.appendChild(section);
    });
  }

  function groupChoice() {
    var chosen = controls.querySelector("input[name=group]:checked");
    return chosen ? chosen.value : "item";
  }

  try {
    var saved = window.localStorage.getItem(GROUP_KEY);
    var radio = saved && controls.querySelector('input[name=group][value="' + saved + '"]');
    if (radio) radio.checked = true;
  } catch (error) { /* storage blocked: the default grouping */ }

  controls.addEventListener("change", function (event) {
    if (event.target.name !== "group") return;
    try { window.localStorage.setItem(GROUP_KEY, event.target.value); } catch (error) { /* this page only */ }
    render();
  });
  controls.querySelector("[data-shopping-print]").addEventListener("click", function () { window.print(); });
  controls.querySelector("[data-shopping-clear-checked]").addEventListener("click", function () {
    var list = read();
    var ticked = list.checked;
    list.recipes = list.recipes.map(function (recipe) {
      return {
        id: recipe.id, title: recipe.title, url: recipe.url, servings: recipe.servings,
        items: recipe.items.filter(function (line) { return ticked.indexOf(lineKey(recipe, line)) === -1; })
      };
    }).filter(function (recipe) { return recipe.items.length; });
    list.checked = [];
    write(list);
    render();
    announce(ticked.length ? "Removed the ticked items." : "Nothing is ticked.");
    if (!list.recipes.length) page.querySelector("h1").focus(); // its button is gone
  });
  controls.querySelector("[data-shopping-clear]").addEventListener("click", function () {
    if (!window.confirm("Remove everything from your shopping list?")) return;
    write({ recipes: [], checked: [] });
    render();
    announce("Your shopping list is empty.");
    page.querySelector("h1").focus();
  });
  render();
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) render(); // added from a recipe in another tab
  });
})();
