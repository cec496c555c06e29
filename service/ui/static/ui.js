// claimledger review UI: the one script of its own (the Content-Security-Policy allows no inline script).
//
// htmx swaps a page's <main> in place (the check's result). Keyboard focus was on the button the swap removed, so
// it fell to <body> and a screen reader said nothing. After a swap, focus goes to what the reply marks with
// data-focus (the verdict's heading, the list of errors), as a person would look there; a reply that marks
// nothing (the queue's filters) leaves focus where it is.
document.addEventListener("htmx:afterSettle", function () {
  var wanted = document.querySelector("#main [data-focus]");
  if (wanted && !wanted.contains(document.activeElement)) {
    wanted.focus();
  }
});

// The queue's speaker filter suggests speakers as a name is typed: a combobox and its listbox, as WAI-ARIA's
// authoring practices describe a list autocomplete. ArrowDown / ArrowUp move through the suggestions (by
// aria-activedescendant: the focus stays in the field, where typing goes on), Enter picks one (its name fills the
// field and the queue is filtered by it, as a change of the field does), Escape closes the list. How many speakers
// are suggested is said by a polite status that stays in the page. Only the answer to the latest keystroke, for
// what the field still holds, is shown: one that comes late (a slow network) is dropped. Listeners are on the
// document, so a field htmx puts back (going back in history) works as the first did.
(function () {
  var TYPING_PAUSE_MS = 200;
  var latest = 0;
  var timer = null;

  function parts(field) {
    return {
      list: document.getElementById(field.getAttribute("aria-controls")),
      status: document.getElementById(field.getAttribute("data-suggestions-status")),
    };
  }
  function options(field) {
    return parts(field).list.querySelectorAll('[role="option"]');
  }
  function activeIndex(field) {
    var id = field.getAttribute("aria-activedescendant");
    var all = options(field);
    for (var i = 0; i < all.length; i++) {
      if (all[i].id === id) return i;
    }
    return -1;
  }
  function activate(field, index) {
    var all = options(field);
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    if (index < 0) {
      field.removeAttribute("aria-activedescendant");
      return;
    }
    field.setAttribute("aria-activedescendant", all[index].id);
    all[index].scrollIntoView({ block: "nearest" });
  }
  function open(field) {
    parts(field).list.hidden = false;
    field.setAttribute("aria-expanded", "true");
  }
  function close(field) {
    activate(field, -1);
    parts(field).list.hidden = true;
    field.setAttribute("aria-expanded", "false");
  }
  function forget(field) {
    latest += 1; // an answer on its way is for what the field held before
    clearTimeout(timer);
    close(field);
    parts(field).list.textContent = "";
  }
  function say(field, count) {
    parts(field).status.textContent =
      count === 0
        ? "No speakers suggested."
        : count + (count === 1 ? " speaker" : " speakers") + " suggested: up and down arrows to choose, Enter to pick.";
  }
  function show(field, speakers) {
    var list = parts(field).list;
    close(field);
    list.textContent = "";
    speakers.forEach(function (speaker, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-value", speaker.name);
      option.dir = "auto";
      option.textContent = speaker.name;
      if (speaker.aliases && speaker.aliases.length) {
        var aka = document.createElement("span");
        aka.textContent = " (also known as " + speaker.aliases.join(", ") + ")";
        option.appendChild(aka);
      }
      list.appendChild(option);
    });
    if (speakers.length) open(field);
    say(field, speakers.length);
  }
  function ask(field) {
    var text = field.value.trim();
    var asked = ++latest;
    if (!text) {
      forget(field);
      parts(field).status.textContent = "";
      return;
    }
    var url = field.getAttribute("data-suggestions") + "?" + new URLSearchParams({ q: text });
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.json() : { speakers: [] };
      })
      .then(function (answer) {
        if (asked === latest && field.value.trim() === text && document.activeElement === field) {
          show(field, answer.speakers || []);
        }
      })
      .catch(function () {}); // signed out (the login page is no JSON) or offline: no suggestions
  }
  function pick(field, option) {
    forget(field);
    parts(field).status.textContent = ""; // the queue's own status says what the filter found
    field.value = option.getAttribute("data-value");
    field.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function suggestingField(target) {
    return target instanceof HTMLInputElement && target.hasAttribute("data-suggestions") ? target : null;
  }

  document.addEventListener("input", function (event) {
    var field = suggestingField(event.target);
    if (!field) return;
    forget(field); // what was suggested was for the name before this keystroke
    parts(field).status.textContent = ""; // so that the same count, said again, is a change a screen reader reads
    timer = setTimeout(function () {
      ask(field);
    }, TYPING_PAUSE_MS);
  });
  document.addEventListener("keydown", function (event) {
    var field = suggestingField(event.target);
    if (!field) return;
    var count = options(field).length;
    var expanded = field.getAttribute("aria-expanded") === "true";
    var index = activeIndex(field);
    if ((event.key === "ArrowDown" || event.key === "ArrowUp") && count) {
      event.preventDefault();
      var down = event.key === "ArrowDown";
      if (!expanded) open(field);
      if (index < 0) activate(field, down ? 0 : count - 1);
      else activate(field, (index + (down ? 1 : count - 1)) % count);
    } else if (event.key === "Enter" && expanded && index >= 0) {
      event.preventDefault(); // not the form's own submit, with the half-typed name
      pick(field, options(field)[index]);
    } else if (event.key === "Enter") {
      forget(field); // the form filters by what is typed
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      close(field);
    }
  });
  document.addEventListener("focusout", function (event) {
    var field = suggestingField(event.target);
    if (field) close(field);
  });
  document.addEventListener("mousedown", function (event) {
    if (event.target instanceof Element && event.target.closest(".suggestions")) {
      event.preventDefault(); // the field keeps the focus while an option is clicked
    }
  });
  document.addEventListener("click", function (event) {
    var option = event.target instanceof Element ? event.target.closest('.suggestions [role="option"]') : null;
    if (!option) return;
    var field = document.querySelector('input[aria-controls="' + option.parentElement.id + '"]');
    if (field) pick(field, option);
  });
})();
