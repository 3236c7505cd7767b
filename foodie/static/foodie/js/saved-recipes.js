// Saved recipes, kept in this browser (localStorage) and never sent to the server, so
// every page stays the same for every reader and stays cacheable. Save buttons
// ([data-save-recipe], includes/save_button.html) on recipe pages and cards; the saved
// recipes page ([data-saved-recipes]) shows them as cards from the API in one request
// and, offline, the titles it keeps (templates/recipes/saved_recipes_worker.js). The
// site works without it.
(function () {
  "use strict";

  var KEY = "foodie.saved";
  var LIMIT = 50; // the API's largest page (WAGTAILAPI_LIMIT_MAX): one request for all
  var OFFLINE_CACHE = "foodie-saved-recipes";

  function isRecipe(entry) {
    return entry && typeof entry.id === "number" && typeof entry.title === "string" &&
      typeof entry.url === "string" && /^\/(?!\/)/.test(entry.url); // this site's paths only
  }

  function readSaved() {
    try {
      var saved = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(saved) ? saved.filter(isRecipe) : [];
    } catch (error) {
      return []; // storage blocked or its value is not ours: nothing saved
    }
  }

  function writeSaved(saved) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(saved));
      return true;
    } catch (error) {
      return false; // storage full or blocked
    }
  }

  function without(saved, id) {
    return saved.filter(function (entry) { return entry.id !== id; });
  }

  function announce(message) {
    window.foodieAnnounce(message); // foodie.js, which may run after this script
  }

  // --- Save buttons -----------------------------------------------------------------
  var buttons = Array.prototype.slice.call(document.querySelectorAll("[data-save-recipe]"));

  function recipeOf(button) {
    return { id: Number(button.dataset.saveRecipe), title: button.dataset.title, url: button.dataset.url };
  }

  function showSaved() {
    var ids = readSaved().map(function (entry) { return entry.id; });
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(ids.indexOf(Number(button.dataset.saveRecipe)) !== -1));
    });
  }

  function toggle(button) {
    var recipe = recipeOf(button);
    var saved = readSaved();
    var rest = without(saved, recipe.id);
    if (rest.length < saved.length) {
      if (writeSaved(rest)) announce("Removed “" + recipe.title + "” from your saved recipes.");
    } else if (saved.length >= LIMIT) {
      announce("You can keep " + LIMIT + " saved recipes: remove one from Saved recipes first.");
    } else if (writeSaved([recipe].concat(saved))) {
      announce("Saved “" + recipe.title + "”. It is kept in this browser.");
    } else {
      announce("This browser would not keep your saved recipes (storage is full or blocked).");
    }
    showSaved();
  }

  buttons.forEach(function (button) {
    if (!isRecipe(recipeOf(button))) return;
    button.hidden = false;
    button.addEventListener("click", function () { toggle(button); });
  });
  showSaved();
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) showSaved(); // saved or removed in another tab
  });

  // --- The saved recipes page ---------------------------------------------------------
  var page = document.querySelector("[data-saved-recipes]");
  if (!page) return;
  var list = page.querySelector("[data-saved-list]");
  var empty = page.querySelector("[data-saved-empty]");
  var pageStatus = page.querySelector("[data-saved-status]");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function removeButton(entry) {
    var button = element("button", "button--secondary saved__remove", "Remove");
    button.dataset.recipe = String(entry.id);
    button.type = "button";
    button.appendChild(element("span", "visually-hidden", " “" + entry.title + "”"));
    button.addEventListener("click", function () {
      if (!writeSaved(without(readSaved(), entry.id))) return;
      var item = button.closest("li");
      var next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      announce("Removed “" + entry.title + "” from your saved recipes.");
      showEmpty();
      // Keep the keyboard where it was: on the next recipe's Remove, else the heading.
      (next ? next.querySelector(".saved__remove") : page.querySelector("h1, h2")).focus();
    });
    return button;
  }

  // A recipe as includes/card.html shows it, from the API's fields (or the saved
  // title alone when the API cannot be reached or no longer has the recipe).
  function card(entry, item) {
    var article = element("article", "card recipe-card");
    if (item && item.card_image && item.card_image.url) {
      var image = element("img");
      image.src = item.card_image.url;
      image.width = item.card_image.width;
      image.height = item.card_image.height;
      image.alt = "";
      image.loading = "lazy";
      var picture = element("picture"); // as {% picture %} writes it (the card's CSS)
      picture.appendChild(image);
      article.appendChild(picture);
    }
    var body = element("div", "card__body");
    var heading = element("h2", "card__title");
    var link = element("a", "", entry.title);
    link.href = entry.url;
    heading.appendChild(link);
    body.appendChild(heading);
    if (item) {
      var facts = [item.total_minutes + " min"];
      if (item.course) facts.push(item.course.name);
      if (item.cuisine) facts.push(item.cuisine.name);
      body.appendChild(element("p", "card__meta", facts.join(" · ")));
    } else if (item === null) {
      body.appendChild(element("p", "card__meta", "No longer published."));
    }
    body.appendChild(removeButton(entry));
    article.appendChild(body);
    var li = element("li");
    li.appendChild(article);
    return li;
  }

  function showEmpty() {
    var none = readSaved().length === 0;
    empty.hidden = !none;
    list.hidden = none;
  }

  // ``items``: the API's recipes by id (an id missing: no longer published), or
  // undefined when the API could not be reached (titles only).
  function render(items) {
    var saved = readSaved();
    // The cards replace the titles when the API answers: keep the keyboard on the same
    // recipe's link or button.
    var focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement : null;
    var focusedCard = focused && focused.closest("li").querySelector(".saved__remove").dataset.recipe;
    var focusedPart = focused && (focused.matches(".saved__remove") ? ".saved__remove" : ".card__title a");
    list.replaceChildren.apply(list, saved.map(function (entry) {
      var item = items ? items[entry.id] || null : undefined;
      return card(item ? { id: entry.id, title: item.title, url: new URL(item.meta.html_url).pathname } : entry, item);
    }));
    var again = focusedCard && list.querySelector('.saved__remove[data-recipe="' + focusedCard + '"]');
    if (again) again.closest("li").querySelector(focusedPart).focus();
    if (items) {
      // Titles and addresses as they are now (a renamed or moved recipe), for offline;
      // written only when changed (other tabs reload on a write).
      var current = saved.map(function (entry) {
        var item = items[entry.id];
        return item ? { id: entry.id, title: item.title, url: new URL(item.meta.html_url).pathname } : entry;
      });
      if (JSON.stringify(current) !== JSON.stringify(saved)) writeSaved(current);
    }
    showEmpty();
  }

  var loads = 0; // only the newest load draws the cards (another tab may save meanwhile)

  function load() {
    var saved = readSaved();
    var thisLoad = ++loads;
    render(undefined);
    pageStatus.textContent = "";
    if (!saved.length) return;
    pageStatus.textContent = "Loading your saved recipes…";
    var query = new URLSearchParams({
      type: "recipes.RecipePage",
      ids: saved.map(function (entry) { return entry.id; }).join(","),
      fields: "card_image,total_minutes,course,cuisine",
      limit: String(LIMIT),
    });
    fetch(page.dataset.api + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("The API answered " + response.status);
        return response.json();
      })
      .then(function (data) {
        if (thisLoad !== loads) return;
        var items = {};
        data.items.forEach(function (item) { items[item.id] = item; });
        render(items);
        pageStatus.textContent = "";
      })
      .catch(function () {
        if (thisLoad !== loads) return;
        pageStatus.textContent = "Showing the titles you saved: the recipes’ details could not be loaded (are you offline?).";
      });
  }

  // Offline: a service worker answers this page and what it loaded from a cache the
  // page fills while online (saved-recipes-worker.js).
  // Not in the admin's preview (no data-worker there), and only at the page's own URL.
  function keepForOffline() {
    if (!("serviceWorker" in navigator) || !window.caches || !page.dataset.worker ||
        window.location.pathname !== page.dataset.scope) return;
    var wanted = [window.location.pathname].concat(Array.prototype.map.call(
      document.querySelectorAll("link[rel=stylesheet], script[src]"),
      function (node) { return new URL(node.href || node.src).pathname; }));
    navigator.serviceWorker.register(page.dataset.worker, { scope: page.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function () { return window.caches.open(OFFLINE_CACHE); })
      .then(function (cache) {
        return cache.addAll(wanted).then(function () { return cache.keys(); }).then(function (kept) {
          // Files of earlier deploys (their hashed names) are dropped.
          return Promise.all(kept.filter(function (request) {
            return wanted.indexOf(new URL(request.url).pathname) === -1;
          }).map(function (request) { return cache.delete(request); }));
        });
      })
      .then(function () {
        page.dataset.offlineReady = ""; // what readers would see offline is now kept
      })
      .catch(function () { /* offline use is a bonus: the page works without it */ });
  }

  load();
  keepForOffline();
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) load();
  });
})();
