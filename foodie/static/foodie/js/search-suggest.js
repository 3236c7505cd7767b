// Title suggestions under the site search box: the ARIA 1.2 combobox pattern with a
// listbox popup. Progressive enhancement: without this file the box is a plain search
// form, and with it, Enter without choosing a suggestion still submits the search.
// Keys: Down/Up move through suggestions, Enter opens the chosen page, Escape closes.
(function () {
  "use strict";

  var script = document.currentScript;
  var MIN_LENGTH = 2;
  var DELAY_MS = 150;

  function enhance(input, index) {
    var form = input.form;
    var endpoint = (script && script.dataset.suggestUrl) || form.getAttribute("action") + "suggest/";
    var listId = "search-suggestions-" + index;
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var options = [];
    var active = -1;
    var timer = null;
    var controller = null;
    var lastQuery = input.value.trim();
    var cache = Object.create(null);

    list.id = listId;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    form.classList.add("has-suggest");
    form.appendChild(list);
    form.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", listId);
    input.setAttribute("aria-expanded", "false");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(position) {
      if (options[active]) options[active].setAttribute("aria-selected", "false");
      active = position;
      if (options[active]) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(suggestions) {
      list.textContent = "";
      options = suggestions.map(function (suggestion, position) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        var type = document.createElement("span");
        option.id = listId + "-" + position;
        option.className = "search-suggest__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.url = suggestion.url;
        title.className = "search-suggest__title";
        title.textContent = suggestion.title;
        type.className = "search-suggest__type";
        type.textContent = suggestion.type;
        option.appendChild(title);
        option.appendChild(type);
        list.appendChild(option);
        return option;
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (options.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent =
          options.length + (options.length === 1 ? " suggestion" : " suggestions") +
          ". Use the up and down arrows to choose one.";
      } else {
        close();
        status.textContent = "";
      }
    }

    function fetchSuggestions(query) {
      if (cache[query]) return show(cache[query]);
      if (controller) controller.abort();
      controller = typeof AbortController === "function" ? new AbortController() : null;
      fetch(endpoint + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          cache[query] = data.suggestions || [];
          // Only the answer for what is in the box now.
          if (query === input.value.trim()) show(cache[query]);
        })
        .catch(function () {
          /* Aborted or offline: the plain search still works. */
        });
    }

    input.addEventListener("input", function () {
      var query = input.value.trim();
      clearTimeout(timer);
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        show([]);
        return;
      }
      timer = setTimeout(function () {
        fetchSuggestions(query);
      }, DELAY_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!options.length) return;
        event.preventDefault();
        if (!open) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        setActive(active + 1 < options.length ? active + 1 : 0);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open || !options.length) return;
        event.preventDefault();
        setActive(active > 0 ? active - 1 : options.length - 1);
      } else if (event.key === "Enter") {
        if (open && options[active]) {
          event.preventDefault();
          window.location.assign(options[active].dataset.url);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });

    // mousedown would blur the input (and close the list) before the click lands.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) window.location.assign(option.dataset.url);
    });
    input.addEventListener("blur", close);
    input.addEventListener("focus", function () {
      if (options.length && input.value.trim() === lastQuery) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
    });
  }

  if (!window.fetch || !Element.prototype.closest) return;
  document.querySelectorAll('form.site-search input[name="q"]').forEach(enhance);
})();
