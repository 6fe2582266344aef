// The people picker (mentora/core/widgets.py): an ARIA 1.2 combobox with a listbox popup.
// Type to search the endpoint, Up/Down to move, Enter to pick, Escape to close; chosen
// people are chips with a remove button (Backspace or Delete on it removes it too).
// Without this file the picker still works: chips are checkboxes, the box takes e-mails.
(function () {
  "use strict";

  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function Picker(root) {
    this.root = root;
    this.name = root.getAttribute("data-name");
    this.url = root.getAttribute("data-search-url");
    this.box = root.querySelector("[data-picker-box]");
    this.chips = root.querySelector("[data-picker-chips]");
    this.listbox = root.querySelector("[data-picker-listbox]");
    this.status = root.querySelector("[data-picker-status]");
    this.timer = null;
    this.request = null;
    this.sequence = 0;
    this.active = -1;
    // Down pressed before the suggestions arrived: the first one is active when they do.
    this.wantsFirst = false;
    this.setUp();
  }

  Picker.prototype.text = function (key, values) {
    return fill(this.root.getAttribute("data-text-" + key), values || {});
  };

  Picker.prototype.setUp = function () {
    var self = this;
    var box = this.box;
    // The box searches now: what is typed in it is no longer sent with the form.
    box.removeAttribute("name");
    box.removeAttribute("inputmode");
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", this.listbox.id);
    var hint = this.root.querySelector("[data-picker-hint]");
    if (hint) hint.textContent = this.text("hint");

    Array.prototype.forEach.call(this.chips.querySelectorAll(".picker__chip"), function (chip) {
      var value = chip.getAttribute("data-value");
      var name = chip.getAttribute("data-name");
      var input = chip.querySelector("input");
      if (input && !input.checked) {
        chip.remove();
        return;
      }
      chip.replaceWith(self.chip(value, name));
    });
    this.syncChips();

    box.addEventListener("input", function () {
      window.clearTimeout(self.timer);
      self.timer = window.setTimeout(function () {
        self.search(false);
      }, DEBOUNCE_MS);
    });
    box.addEventListener("keydown", function (event) {
      self.onBoxKey(event);
    });
    // Keep the focus in the box when an option is clicked, then pick it.
    this.listbox.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.pick(option);
    });
    this.chips.addEventListener("click", function (event) {
      var button = event.target.closest(".picker__remove");
      if (button) self.remove(button.closest(".picker__chip"));
    });
    this.chips.addEventListener("keydown", function (event) {
      self.onChipKey(event);
    });
    this.root.addEventListener("focusout", function (event) {
      if (!self.root.contains(event.relatedTarget)) self.close();
    });
  };

  Picker.prototype.chip = function (value, name) {
    var chip = document.createElement("li");
    chip.className = "picker__chip";
    chip.setAttribute("data-value", value);
    chip.setAttribute("data-name", name);
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = this.name;
    input.value = value;
    var label = document.createElement("span");
    label.className = "picker__chip-name";
    label.textContent = name;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "picker__remove";
    button.setAttribute("aria-label", this.text("remove", { name: name }));
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    button.appendChild(cross);
    chip.append(input, label, button);
    return chip;
  };

  Picker.prototype.chosen = function () {
    var values = {};
    Array.prototype.forEach.call(this.chips.querySelectorAll(".picker__chip"), function (chip) {
      values[chip.getAttribute("data-value")] = true;
    });
    return values;
  };

  Picker.prototype.syncChips = function () {
    this.chips.hidden = !this.chips.querySelector(".picker__chip");
  };

  Picker.prototype.announce = function (message) {
    var status = this.status;
    // Emptied first so that the same words, said twice, are announced twice.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  };

  Picker.prototype.search = function (activateFirst) {
    var self = this;
    var query = this.box.value.trim();
    window.clearTimeout(this.timer);
    if (activateFirst) this.wantsFirst = true;
    if (this.request) this.request.abort();
    if (query.length < MIN_LENGTH) {
      this.close();
      return;
    }
    var sequence = ++this.sequence;
    var url = new URL(this.url, window.location.href);
    url.searchParams.set("q", query);
    this.request = new AbortController();
    fetch(url, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: this.request.signal,
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (data) {
        if (sequence === self.sequence) self.show(data.results || [], data.more);
      })
      .catch(function (error) {
        if (error.name !== "AbortError" && sequence === self.sequence) {
          self.close();
          self.announce(self.text("failed"));
        }
      });
  };

  Picker.prototype.show = function (results, more) {
    var self = this;
    var activateFirst = this.wantsFirst;
    this.wantsFirst = false;
    var chosen = this.chosen();
    var fresh = results.filter(function (person) {
      return !chosen[String(person.value)];
    });
    this.listbox.textContent = "";
    fresh.forEach(function (person, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.className = "picker__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-value", String(person.value));
      option.setAttribute("data-name", person.name);
      var name = document.createElement("span");
      name.className = "picker__option-name";
      name.textContent = person.name;
      option.appendChild(name);
      if (person.detail) {
        var detail = document.createElement("span");
        detail.className = "picker__option-detail";
        detail.textContent = person.detail;
        option.appendChild(detail);
      }
      self.listbox.appendChild(option);
    });
    if (!fresh.length) {
      this.close();
      this.announce(this.text("none"));
      return;
    }
    this.listbox.hidden = false;
    this.box.setAttribute("aria-expanded", "true");
    this.activate(activateFirst ? 0 : -1);
    var message =
      fresh.length === 1 ? this.text("one") : this.text("many", { count: fresh.length });
    if (more) message += " " + this.text("more", { count: results.length });
    this.announce(message);
  };

  Picker.prototype.options = function () {
    return this.listbox.querySelectorAll("[role=option]");
  };

  Picker.prototype.isOpen = function () {
    return !this.listbox.hidden;
  };

  Picker.prototype.activate = function (index) {
    var options = this.options();
    this.active = index;
    Array.prototype.forEach.call(options, function (option, i) {
      var on = i === index;
      option.classList.toggle("is-active", on);
      option.setAttribute("aria-selected", on ? "true" : "false");
    });
    if (index >= 0 && options[index]) {
      this.box.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      this.box.removeAttribute("aria-activedescendant");
    }
  };

  Picker.prototype.move = function (step) {
    var count = this.options().length;
    if (!count) return;
    var next = this.active + step;
    if (next >= count) next = 0;
    if (next < 0) next = count - 1;
    this.activate(next);
  };

  Picker.prototype.close = function () {
    this.wantsFirst = false;
    this.listbox.hidden = true;
    this.box.setAttribute("aria-expanded", "false");
    this.activate(-1);
    this.listbox.textContent = "";
  };

  Picker.prototype.pick = function (option) {
    var value = option.getAttribute("data-value");
    var name = option.getAttribute("data-name");
    if (!this.chosen()[value]) this.chips.appendChild(this.chip(value, name));
    this.syncChips();
    this.box.value = "";
    this.close();
    this.box.focus();
    this.announce(this.text("added", { name: name }));
  };

  Picker.prototype.remove = function (chip) {
    if (!chip) return;
    var name = chip.getAttribute("data-name");
    var neighbour = chip.nextElementSibling || chip.previousElementSibling;
    chip.remove();
    this.syncChips();
    if (neighbour) neighbour.querySelector(".picker__remove").focus();
    else this.box.focus();
    this.announce(this.text("removed", { name: name }));
  };

  Picker.prototype.onBoxKey = function (event) {
    var open = this.isOpen();
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (open) this.move(1);
        else this.search(true);
        break;
      case "ArrowUp":
        if (open) {
          event.preventDefault();
          this.move(-1);
        }
        break;
      case "Enter":
        if (open && this.active >= 0) {
          event.preventDefault();
          this.pick(this.options()[this.active]);
        } else if (this.box.value.trim()) {
          // A half-typed search is not a reason to send the whole form.
          event.preventDefault();
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          this.close();
        } else if (this.box.value) {
          event.preventDefault();
          this.box.value = "";
        }
        break;
      case "Backspace":
        if (!this.box.value) {
          var buttons = this.chips.querySelectorAll(".picker__remove");
          if (buttons.length) {
            event.preventDefault();
            buttons[buttons.length - 1].focus();
          }
        }
        break;
      case "Tab":
        this.close();
        break;
    }
  };

  Picker.prototype.onChipKey = function (event) {
    var button = event.target.closest(".picker__remove");
    if (!button) return;
    var chip = button.closest(".picker__chip");
    if (event.key === "Backspace" || event.key === "Delete") {
      event.preventDefault();
      this.remove(chip);
    } else if (event.key === "ArrowLeft" && chip.previousElementSibling) {
      event.preventDefault();
      chip.previousElementSibling.querySelector(".picker__remove").focus();
    } else if (event.key === "ArrowRight") {
      event.preventDefault();
      if (chip.nextElementSibling) chip.nextElementSibling.querySelector(".picker__remove").focus();
      else this.box.focus();
    }
  };

  function setUpPickers(scope) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-picker]"), function (root) {
      if (root.hasAttribute("data-picker-ready")) return;
      root.setAttribute("data-picker-ready", "");
      new Picker(root);
    });
  }

  if (document.readyState !== "loading") setUpPickers(document);
  else
    document.addEventListener("DOMContentLoaded", function () {
      setUpPickers(document);
    });
  // Pickers in content htmx swaps in.
  document.addEventListener("htmx:load", function (event) {
    setUpPickers(event.target);
  });
})();
